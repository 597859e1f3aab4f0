"""nbgrader configuration of the lrlab exercises (Java notebooks on the JJava kernel, kernelspec `java`).

Course directory: this folder. Sources live in source/<assignment>/<notebook>.ipynb; the verbs
`environment/workbook assign` and `environment/workbook grade` run nbgrader on a copy of it under
target/, so nothing generated (release/, submitted/, autograded/, feedback/, gradebook.db) lands here.
Plain nbgrader works too, from this folder: `nbgrader generate_assignment ASSIGNMENT`,
`nbgrader autograde ASSIGNMENT`, `nbgrader generate_feedback ASSIGNMENT`.
"""

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.course_id = "lrlab"

# Java solution regions become a stub that compiles and, when run, throws: an untouched exercise scores
# 0 with this message in the feedback. (nbgrader's built-in Java stub is only a comment, which compiles
# to nothing and lets a test cell that checks a side effect pass silently.)
# A solution region must end its block (a method body, a lambda body, or a top-level statement), so
# the throw is never followed by unreachable code.
c.ClearSolutions.code_stub = {
    "java": 'throw new UnsupportedOperationException("not implemented yet: write your solution here");',
    "python": "# YOUR CODE HERE\nraise NotImplementedError()",
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
c.ClearSolutions.begin_solution_delimeter = "// BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "// END SOLUTION"
c.ClearHiddenTests.begin_test_delimeter = "// BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "// END HIDDEN TESTS"

# Execution while autograding: a cell may run 30 s (every exercise cell needs well under 1 s); a
# runaway cell is interrupted and reported as a timeout error in that cell's output.
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True
c.Execute.startup_timeout = 120
# Keep huge outputs (a student printing in a loop) out of the graded notebook and the feedback page.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 60

