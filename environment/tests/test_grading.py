"""The nbgrader flow end to end: `assign` makes the student versions, `grade` grades a small class of
prepared submissions (complete solutions, untouched student versions, and every hostile case of
issue 7), and grades.csv is checked row by row. Submissions are generated here from the source and
release notebooks rather than committed."""
from __future__ import annotations

import copy
import csv
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from conftest import ENV, ROOT, browse_report, interrupted_grade, manual_cells, run_verb, tree_hash

sys.path.insert(0, str(ENV / "tools"))
import grading  # noqa: E402
import manual_grades  # noqa: E402

COURSE = ROOT / "notebooks" / "exercises"
NB3 = "03_warmup_step_decay.ipynb"
# the later exercises (LR finder, SGD and Adam rates, batch-size scaling, momentum) are graded only for the
# complete and the untouched student, to keep this test's kernels few: {assignment: (notebook, autograded points)}
NEW = {"finder": ("05_lr_finder.ipynb", 6), "tuning": ("06_sgd_and_adam.ipynb", 6),
       "batch_size": ("07_linear_scaling.ipynb", 6), "momentum": ("02b_momentum_limit.ipynb", 6)}


def gid(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def solved(release: dict, source: dict) -> dict:
    """The release notebook with every answer cell filled in from the source (delimiters dropped)."""
    answers = {gid(c): c["source"] for c in source["cells"] if c["metadata"].get("nbgrader", {}).get("solution")}
    nb = copy.deepcopy(release)
    for c in nb["cells"]:
        if gid(c) in answers:
            text = "".join(answers[gid(c)]) if isinstance(answers[gid(c)], list) else answers[gid(c)]
            c["source"] = "\n".join(ln for ln in text.split("\n") if "// BEGIN SOLUTION" not in ln
                                    and "// END SOLUTION" not in ln)
    return nb


def with_cell(nb: dict, grade_id: str, text: str) -> dict:
    nb = copy.deepcopy(nb)
    for c in nb["cells"]:
        if gid(c) == grade_id:
            c["source"] = text
    return nb


# student -> {assignment/notebook: notebook dict | bytes}
def make_class(released: Path) -> dict[str, dict[str, object]]:
    def load(kind, a, n):
        return json.loads((released / kind / a / n).read_text())

    rel3, src3 = load("release", "schedules", NB3), load("source", "schedules", NB3)
    full3 = solved(rel3, src3)
    klass: dict[str, dict[str, object]] = {"Zoë Ann": {}}
    for a, nbs in grading.assignments(COURSE).items():
        for n in nbs:
            klass["Zoë Ann"][f"{a}/{n}"] = solved(load("release", a, n), load("source", a, n))
    deleted = copy.deepcopy(full3)
    deleted["cells"] = [c for c in deleted["cells"] if gid(c) != "test_train"]
    renamed = copy.deepcopy(full3)
    for c in renamed["cells"]:
        if gid(c) == "schedule":
            c["metadata"]["nbgrader"]["grade_id"] = "my_schedule"
    reordered = copy.deepcopy(full3)
    i = next(k for k, c in enumerate(reordered["cells"]) if gid(c) == "schedule")
    reordered["cells"][i], reordered["cells"][i + 1] = reordered["cells"][i + 1], reordered["cells"][i]
    sig = "IntToDoubleFunction warmupStepDecay(int warmup, int stepSize, double gamma) {\n"
    cases = {
        "untouched": rel3,
        "tampered test": with_cell(full3, "test_schedule", "// all good\n"),
        "tampered locked": with_cell(full3, "imports", "import java.util.function.IntToDoubleFunction;\n"),
        "deleted cell": deleted,
        "renamed cell": renamed,
        "reordered cells": reordered,
        "compile error": with_cell(full3, "schedule", sig + "    return 1\n}"),
        "exception": with_cell(full3, "schedule", sig + '    throw new IllegalStateException("boom");\n}'),
        "endless loop": with_cell(full3, "train", "double train(double base, IntToDoubleFunction f, int steps) {\n"
                                  "    while (true) { }\n}"),
        "system exit": with_cell(full3, "schedule", sig + "    System.exit(3);\n    return t -> 1;\n}"),
        "halt": with_cell(full3, "schedule", "Runtime.getRuntime().halt(1);"),
        "megabytes": with_cell(full3, "train", "".join(solved(rel3, src3)["cells"][
            next(k for k, c in enumerate(rel3["cells"]) if gid(c) == "train")]["source"])
            + '\nSystem.out.print("x".repeat(5_000_000));'),
        "malformed": json.dumps(full3)[:-40].encode(),
        "empty": b"",
        "no cells": json.dumps({**full3, "cells": []}).encode(),
        "not json": b"\x89PNG\r\n\x1a\n\x00\x00binary",
    }
    for student, nb in cases.items():
        klass[student] = {f"schedules/{NB3}": nb}
    for a, (n, _) in NEW.items():
        klass["untouched"][f"{a}/{n}"] = load("release", a, n)
    klass["not json"]["schedules/photo.png"] = b"\x89PNG\r\n\x1a\n"
    return klass


EXPECTED = {  # student -> (status, score of 03, message fragment)
    "untouched": ("ok", 0, "not implemented yet"),
    "tampered test": ("tampered", 6, "test_schedule"),
    "tampered locked": ("tampered", 6, "imports"),
    # nbgrader re-adds the deleted test cell (add_missing_cells) after the previous graded cell, i.e.
    # before the answer it tests: those 2 points are lost
    "deleted cell": ("tampered", 4, "deleted or renamed: test_train"),
    "renamed cell": ("tampered", 6, "deleted or renamed: schedule"),
    "reordered cells": ("tampered", 2, "reordered"),
    "compile error": ("ok", 0, "test_schedule"),
    "exception": ("ok", 0, "boom"),
    "endless loop": ("timeout", 4, "timeout"),
    "system exit": ("kernel-died", 0, "kernel died"),
    "halt": ("kernel-died", 0, "kernel died"),
    "megabytes": ("ok", 6, ""),
    "malformed": ("invalid-notebook", 0, "malformed JSON"),
    "empty": ("invalid-notebook", 0, "empty file"),
    "no cells": ("invalid-notebook", 0, "no cells"),
    "not json": ("invalid-notebook", 0, "not UTF-8"),
}


def write_class(folder: Path, klass) -> None:
    for student, files in klass.items():
        for rel, nb in files.items():
            p = folder / student / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(nb if isinstance(nb, bytes) else json.dumps(nb, indent=1).encode())


def read_rows(out: Path) -> dict[tuple[str, str], dict]:
    with (out / "grades.csv").open(encoding="utf-8") as f:
        return {(r["student"], r["notebook"]): r for r in csv.DictReader(f)}


@pytest.fixture(scope="session")
def graded(released, tmp_path_factory):
    base = tmp_path_factory.mktemp("grade")
    submitted, out = base / "submitted class", base / "out"
    write_class(submitted, make_class(released))
    before = tree_hash(submitted)
    # an interrupted run: stop it once two notebooks are done; their rows must survive
    seen = interrupted_grade("--submitted", str(submitted), "--out", str(out), after=2)
    partial = read_rows(out)
    assert len(partial) >= 2, seen
    start = time.monotonic()
    r = run_verb("grade", "--submitted", str(submitted), "--out", str(out), timeout=1500)
    seconds = time.monotonic() - start
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "reusing" in r.stdout
    for key, row in partial.items():
        if key in read_rows(out):
            assert read_rows(out)[key] == row, "a finished row changed after the interruption"
    return {"submitted": submitted, "out": out, "before": before, "log": r.stdout, "seconds": seconds}


def test_assign_releases_student_versions(released):
    nb = json.loads((released / "release" / "schedules" / NB3).read_text())
    text = "\n".join("".join(c["source"]) for c in nb["cells"])
    assert 'UnsupportedOperationException("not implemented yet' in text
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text and "gamma 1.5 must be rejected" not in text
    for a, nbs in grading.assignments(COURSE).items():
        for n in nbs:
            assert (released / "release" / a / n).exists()


def test_complete_solutions_get_full_marks(graded):
    rows = read_rows(graded["out"])
    mine = [r for (s, _), r in rows.items() if s == "Zoë Ann"]
    assert len(mine) == sum(len(v) for v in grading.assignments(COURSE).values())
    for r in mine:
        manual = manual_cells(r["assignment"], r["notebook"])
        assert r["status"] == "ok", r
        assert float(r["score"]) == float(r["max_score"]) - sum(manual.values()) > 0, r
        # a written answer is pending until graded by hand: the row says so and names its cells
        assert ("awaiting manual grading" in r["message"]) == bool(manual), r
        assert all(name in r["message"] for name in manual), r
    assert manual_cells("lr_basics", "01_four_rates.ipynb"), "exercise 1's explanation is graded by hand"
    assert (graded["out"] / "feedback" / "Zoë Ann" / "schedules" / "03_warmup_step_decay.html").exists()


# nbconvert's classic template (nbgrader's feedback page) renders each stream output in a div of this class
STDERR_DIV, STDOUT_DIV = "output_stream output_stderr", "output_stream output_stdout"


def test_complete_solutions_write_nothing_to_stderr(graded):
    """The feedback page is the autograded notebook rendered: a complete solution's has no stderr output
    (no kernel warnings, no stack traces printed by the library or the exercises)."""
    pages = sorted((graded["out"] / "feedback" / "Zoë Ann").rglob("*.html"))
    assert len(pages) == sum(len(v) for v in grading.assignments(COURSE).values())
    for page in pages:
        assert STDERR_DIV not in page.read_text(encoding="utf-8"), f"stderr output in {page.name}"
    # the marker is the right one: the student who prints megabytes to stdout has stdout divs
    flood = graded["out"] / "feedback" / "megabytes" / "schedules" / "03_warmup_step_decay.html"
    assert STDOUT_DIV in flood.read_text(encoding="utf-8")


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_each_case_has_its_row(graded, student):
    status, score, fragment = EXPECTED[student]
    row = read_rows(graded["out"])[(student, NB3)]
    assert row["status"] == status, row
    assert float(row["score"]) == score, row
    assert row["max_score"] == "6", row
    assert fragment.lower() in row["message"].lower(), row
    assert (graded["out"] / "feedback" / student / "schedules" / "03_warmup_step_decay.html").exists()


@pytest.mark.parametrize("assignment", sorted(NEW))
def test_later_exercises_full_marks_when_solved_zero_when_untouched(graded, assignment):
    notebook, points = NEW[assignment]
    top = points + sum(manual_cells(assignment, notebook).values())
    rows = read_rows(graded["out"])
    full, none = rows[("Zoë Ann", notebook)], rows[("untouched", notebook)]
    assert (full["status"], float(full["score"]), float(full["max_score"])) == ("ok", points, top), full
    assert (none["status"], float(none["score"]), float(none["max_score"])) == ("ok", 0, top), none
    assert "not implemented yet" in none["message"].lower(), none
    # an untouched written answer gets 0 ("No response"), nothing is left pending
    assert "awaiting manual grading" not in none["message"], none
    page = graded["out"] / "feedback" / "untouched" / assignment / notebook.replace(".ipynb", ".html")
    assert "not implemented yet" in page.read_text()


def test_the_class_report_of_a_real_grade_works_in_chromium(graded):
    """The report `grade` wrote for this class (every status, feedback links) drawn offline."""
    seen = browse_report(graded["out"])
    assert seen["consoleErrors"] == [] and seen["outsideRequests"] == [], seen
    assert seen["plotContainers"] > 0 and seen["chartsDrawn"] == seen["plotContainers"], seen
    assert seen["failedChart"] and seen["brokenLinks"] == [] and seen["injected"] is False, seen
    students = {row["student"] for row in read_rows(graded["out"]).values()}
    assert seen["tableRows"] == len(students), seen


def test_untouched_feedback_shows_the_stub_message(graded):
    page = (graded["out"] / "feedback" / "untouched" / "schedules" / "03_warmup_step_decay.html").read_text()
    assert "not implemented yet" in page


def test_megabytes_of_output_stay_out_of_the_feedback(graded):
    page = graded["out"] / "feedback" / "megabytes" / "schedules" / "03_warmup_step_decay.html"
    assert page.stat().st_size < 2_000_000


def test_a_file_that_is_not_a_notebook_gets_a_row(graded):
    row = read_rows(graded["out"])[("not json", "photo.png")]
    assert (row["status"], row["score"]) == ("invalid-notebook", "0"), row


def test_no_submitted_file_is_modified(graded):
    assert tree_hash(graded["submitted"]) == graded["before"]


def test_progress_lines_and_commands_are_printed(graded):
    assert "nbgrader autograde" in graded["log"] or "reusing" in graded["log"]
    assert "] Zoë Ann/" in graded["log"] or "reusing" in graded["log"]


def test_grading_again_gives_the_same_grades_csv(graded):
    first = (graded["out"] / "grades.csv").read_bytes()
    r = run_verb("grade", "--submitted", str(graded["submitted"]), "--out", str(graded["out"]))
    assert r.returncode == 0, r.stdout + r.stderr
    assert (graded["out"] / "grades.csv").read_bytes() == first


def test_a_fresh_regrade_gives_the_same_rows(graded, tmp_path):
    sub = tmp_path / "sub"
    for student in ("untouched", "empty", "malformed"):
        (sub / student).mkdir(parents=True)
        os.symlink(graded["submitted"] / student / "schedules", sub / student / "schedules")
    r = run_verb("grade", "--submitted", str(sub), "--out", str(tmp_path / "out"), "--fresh")
    assert r.returncode == 0, r.stdout + r.stderr
    again, first = read_rows(tmp_path / "out"), read_rows(graded["out"])
    for key, row in again.items():
        assert row == first[key]


# ------------------------------------------------------------------------ the manual-grades sheet ---

NB1, NB2B = "01_four_rates.ipynb", "02b_momentum_limit.ipynb"


def read_sheet(out: Path) -> dict[tuple[str, str], dict]:
    """(student, cell) -> row of OUT/manual_grades.csv."""
    with (out / "manual_grades.csv").open(encoding="utf-8", newline="") as f:
        return {(r["student"], r["cell"]): r for r in csv.DictReader(f)}


def fill_sheet(out: Path, points: dict[tuple[str, str], tuple[str, str]]) -> None:
    """What an instructor does in a spreadsheet: (student, cell) -> (points, comment) typed in."""
    rows = list(read_sheet(out).values())
    for r in rows:
        if (r["student"], r["cell"]) in points:
            r["points"], r["comment"] = points[(r["student"], r["cell"])]
    with (out / "manual_grades.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=manual_grades.COLUMNS)
        w.writeheader()
        w.writerows(rows)


def lms_points(out: Path, student: str, assignment: str) -> float:
    with (out / "gradebook_lms.csv").open(encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["Student"] == student)
    return float(next(v for k, v in row.items() if k.startswith(assignment)))


@pytest.fixture
def graded_copy(graded, tmp_path):
    """A copy of the graded class's OUT (the tests change its sheet); grading it again reuses every result."""
    out = tmp_path / "out"
    shutil.copytree(graded["out"], out, symlinks=True)
    return out


def grade_into(graded, out: Path):
    return run_verb("grade", "--submitted", str(graded["submitted"]), "--out", str(out))


def test_the_sheet_lists_every_written_answer_awaiting_grading(graded, released):
    sheet = read_sheet(graded["out"])
    # only the complete student wrote answers; the untouched one left "YOUR ANSWER HERE" (0, not pending)
    assert sorted(sheet) == [("Zoë Ann", "derivation"), ("Zoë Ann", "explain_lr_one")], sorted(sheet)
    for (student, cell), r in sheet.items():
        a, n = ("lr_basics", NB1) if cell == "explain_lr_one" else ("momentum", NB2B)
        assert (r["assignment"], r["notebook"]) == (a, n), r
        assert float(r["max_points"]) == manual_cells(a, n)[cell], r
        assert (r["points"], r["comment"], r["note"]) == ("", "", ""), r
        source = json.loads((released / "source" / a / n).read_text())
        text = next("".join(c["source"]) for c in source["cells"] if gid(c) == cell)
        assert r["answer"] == manual_grades.answer_text(text) and "\n" not in r["answer"] and r["answer"], r


def test_points_given_in_the_sheet_are_added_on_the_next_grade(graded, graded_copy):
    out = graded_copy
    before = read_rows(out)
    lms_before = lms_points(out, "Zoë Ann", "lr_basics")
    fill_sheet(out, {("Zoë Ann", "explain_lr_one"): ("0.5", "right idea, no reason why 2/a")})
    r = grade_into(graded, out)
    assert r.returncode == 0 and "grading 0" in r.stdout, r.stdout[-2000:] + r.stderr[-2000:]
    rows = read_rows(out)
    nb1, nb2b = rows[("Zoë Ann", NB1)], rows[("Zoë Ann", NB2B)]
    assert float(nb1["score"]) == float(before[("Zoë Ann", NB1)]["score"]) + 0.5, nb1
    assert "awaiting manual grading" not in nb1["message"], nb1  # its only written answer is graded
    assert nb2b == before[("Zoë Ann", NB2B)] and "derivation (2 points)" in nb2b["message"], nb2b
    assert lms_points(out, "Zoë Ann", "lr_basics") == lms_before + 0.5
    sheet = read_sheet(out)
    assert (sheet[("Zoë Ann", "explain_lr_one")]["points"],
            sheet[("Zoë Ann", "explain_lr_one")]["comment"]) == ("0.5", "right idea, no reason why 2/a")
    assert sheet[("Zoë Ann", "derivation")]["points"] == ""
    # grading again (or resuming) adds the points once: the saved results keep the autograded score
    files = {name: (out / name).read_bytes() for name in ("grades.csv", "manual_grades.csv", "gradebook_lms.csv",
                                                          "report.html")}
    r = grade_into(graded, out)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert {name: (out / name).read_bytes() for name in files} == files
    saved = [json.loads(p.read_text()) for p in (out / "results").glob("*.json")]
    mine = next(x for x in saved if (x["student"], x["notebook"]) == ("Zoë Ann", NB1))
    assert mine["score"] == float(before[("Zoë Ann", NB1)]["score"]), mine


@pytest.mark.parametrize("value", ["1.5", "-1", "one", "nan"])
def test_a_bad_point_in_the_sheet_stops_grade_and_writes_nothing(graded, graded_copy, value):
    out = graded_copy
    fill_sheet(out, {("Zoë Ann", "explain_lr_one"): (value, "")})
    before = tree_hash(out)
    r = grade_into(graded, out)
    assert r.returncode == 2, r.stdout[-2000:] + r.stderr[-2000:]
    for fragment in (str(out / "manual_grades.csv"), "line ", "Zoë Ann", "explain_lr_one", repr(value),
                     "between 0 and 1"):
        assert fragment in r.stderr, (fragment, r.stderr)
    assert "Traceback" not in r.stderr
    assert tree_hash(out) == before


def manual_row(answer: str) -> grading.Row:
    return grading.Row("Ann", "lr_basics", NB1, 3, 4, "ok", "", extra={"manual": [["explain_lr_one", 1, answer]]})


def test_a_changed_answer_keeps_its_points_but_they_wait_until_the_note_is_cleared():
    entries, given = manual_grades.merge({}, [manual_row("the step overshoots")])
    key = ("Ann", "lr_basics", NB1, "explain_lr_one")
    entries[0].points, entries[0].points_text = 1.0, "1"
    sheet = {key: entries[0]}
    assert manual_grades.merge(sheet, [manual_row("the  step\novershoots")])[1] == {key: 1.0}  # same words
    changed, given = manual_grades.merge(sheet, [manual_row("because 1 > 2/a")])
    assert changed[0].points == 1.0 and changed[0].note == manual_grades.CHANGED and given == {}
    assert changed[0].answer == "because 1 > 2/a"
    assert "awaiting manual grading: explain_lr_one" in manual_row("x").csv_row(given)[6]
    changed[0].note = ""  # the instructor checked the points and cleared the note
    assert manual_grades.merge({key: changed[0]}, [manual_row("because 1 > 2/a")])[1] == {key: 1.0}
    assert manual_row("x").csv_row({key: 1.0})[3:] == ["4", "4", "ok", ""]


def test_points_saved_while_grade_runs_are_kept_and_a_bad_save_is_left_alone(tmp_path):
    """The instructor grades while the class is graded: grade reads the sheet again before rewriting it,
    and never overwrites a save that fails the check (it reports it at the end instead)."""
    out, course_max = tmp_path, {("lr_basics", NB1, "explain_lr_one"): 1.0}
    sheet = manual_grades.Sheet(out / manual_grades.SHEET, course_max)
    grading.write_csv(out, [manual_row("the step overshoots")], sheet)
    path = out / manual_grades.SHEET

    def save(points: str) -> None:  # as a spreadsheet saves it: the points column filled in
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        rows[1][manual_grades.COLUMNS.index("points")] = points
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
        os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))  # a later save, whatever the clock

    save("1")
    grading.write_csv(out, [manual_row("the step overshoots")], sheet)  # the next job finished
    assert read_rows(out)[("Ann", NB1)]["score"] == "4" and sheet.error is None
    assert read_sheet(out)[("Ann", "explain_lr_one")]["points"] == "1"
    save("ten")
    bad = path.read_bytes()
    grading.write_csv(out, [manual_row("the step overshoots")], sheet)
    assert path.read_bytes() == bad, "a save that fails the check must not be overwritten"
    assert sheet.error is not None and "'ten'" in str(sheet.error)
    assert read_rows(out)[("Ann", NB1)]["score"] == "4"  # the points read before still count


def test_an_answer_that_looks_like_a_formula_is_kept_as_text():
    assert manual_grades.answer_text('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'


def test_verbs_have_help_and_summary():
    for verb in ("assign", "grade"):
        r = run_verb(verb, "--help", timeout=30)
        assert r.returncode == 0 and "usage:" in r.stdout
        assert (ENV / "verbs" / verb).read_text().count("# summary:") == 1
