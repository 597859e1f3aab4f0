"""Shape of the course notebooks 00-09 (with lettered chapters such as 03b): what the student will learn, key
takeaways, links that resolve, a try-it section, LaTeX, short code cells, no outputs committed, no code cell
repeated between notebooks, and the coverage README. Readability rules of the second edition, checked per
notebook so a failure names it: at most 20 cells, imports in one cell, code lines of at most 100 characters,
no three code cells in a row, prose before and after every chart, and no "seed" in student-facing text."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT

LESSONS = sorted(p for p in (ROOT / "notebooks").glob("0[1-9]*_*.ipynb") if re.match(r"0[1-9][a-z]?_", p.name))
IDS = [p.name for p in LESSONS]
COURSE = [ROOT / "notebooks" / "00_first_run.ipynb"] + LESSONS
COURSE_IDS = [p.name for p in COURSE]
MAX_LINES = 12
MAX_CELLS = 20
MAX_LINE_LENGTH = 100
# a cell that shows a chart
CHART = re.compile(r"\b(Plots\.show|Show\.chart|chart)\(")


def cells(path, kind):
    nb = json.loads(path.read_text())
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == kind]


def test_all_nine_lesson_notebooks_exist_and_lettered_chapters_follow_their_number():
    numbers = [p.name[:2] for p in LESSONS]
    assert sorted(set(numbers)) == [f"0{i}" for i in range(1, 10)]
    for p in LESSONS:
        if p.name[2] != "_":
            assert any(q.name.startswith(p.name[:2] + "_") for q in LESSONS), f"{p.name} has no main chapter"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_opens_with_goals_and_closes_with_takeaways_and_links_that_resolve(path):
    md = cells(path, "markdown")
    assert "You will learn" in md[0]
    assert "Key takeaways" in md[-1]
    for text in (md[0], md[-1]):
        assert "Previous:" in text and "Next:" in text
        for target in re.findall(r"\]\(([^)]+\.(?:ipynb|md))\)", text):
            assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_has_a_try_it_section_and_latex(path):
    md = "\n".join(cells(path, "markdown"))
    assert "## Try it" in md
    assert re.search(r"\$[^$\n]+\$", md), f"{path.name} has no inline LaTeX"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_code_cells_are_short_and_committed_without_outputs(path):
    long = [c.splitlines()[0] for c in cells(path, "code") if len(c.splitlines()) > MAX_LINES]
    assert not long, f"{path.name}: cells over {MAX_LINES} lines: {long}"
    nb = json.loads(path.read_text())
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")


def test_no_code_cell_is_repeated_between_notebooks():
    seen = {}
    for path in [ROOT / "notebooks" / "00_first_run.ipynb"] + LESSONS:
        for c in cells(path, "code"):
            lines = [l for l in c.strip().splitlines() if not l.startswith("import ")]
            if not lines:
                continue
            key = "\n".join(lines)
            assert key not in seen, f"{path.name} repeats a cell of {seen.get(key)}: {lines[0]}"
            seen[key] = path.name


def test_readme_maps_every_notebook_and_every_part_of_the_course_text():
    readme = (ROOT / "notebooks" / "README.md").read_text()
    for path in LESSONS:
        assert path.stem in readme
    for part in range(1, 5):
        assert f"### Course text, part {part} —" in readme
    prose = readme.replace("seed_examples.json", "")
    assert "seed" not in prose.lower(), "students read this page: say 'the course text', not 'seed'"


def kinds_and_sources(path):
    nb = json.loads(path.read_text())
    return [(c["cell_type"], "".join(c["source"])) for c in nb["cells"]]


@pytest.mark.parametrize("path", COURSE, ids=COURSE_IDS)
def test_has_at_most_twenty_cells(path):
    n = len(kinds_and_sources(path))
    assert n <= MAX_CELLS, f"{path.name} has {n} cells, at most {MAX_CELLS}: split it or merge short cells"


@pytest.mark.parametrize("path", COURSE, ids=COURSE_IDS)
def test_imports_live_in_one_cell_the_first_code_cell(path):
    code = cells(path, "code")
    with_imports = [i for i, c in enumerate(code) if re.search(r"^import\s", c, re.M)]
    assert with_imports == [0], f"{path.name}: import lines in code cells {with_imports}, expected only the first"


@pytest.mark.parametrize("path", COURSE, ids=COURSE_IDS)
def test_code_lines_are_at_most_one_hundred_characters(path):
    long = [line for c in cells(path, "code") for line in c.splitlines() if len(line) > MAX_LINE_LENGTH]
    assert not long, f"{path.name}: {len(long)} code lines over {MAX_LINE_LENGTH} characters, first: {long[0]}"


@pytest.mark.parametrize("path", COURSE, ids=COURSE_IDS)
def test_no_three_code_cells_in_a_row(path):
    run = 0
    for i, (kind, _) in enumerate(kinds_and_sources(path)):
        run = run + 1 if kind == "code" else 0
        assert run < 3, f"{path.name}: cells {i - 2}-{i} are three code cells without prose between them"


@pytest.mark.parametrize("path", COURSE, ids=COURSE_IDS)
def test_every_chart_has_prose_before_and_after(path):
    cs = kinds_and_sources(path)
    for i, (kind, source) in enumerate(cs):
        if kind == "code" and CHART.search(source):
            assert i > 0 and cs[i - 1][0] == "markdown", \
                f"{path.name}: the chart in cell {i} is not preceded by prose saying what to look for"
            assert i + 1 < len(cs) and cs[i + 1][0] == "markdown", \
                f"{path.name}: the chart in cell {i} is not followed by prose saying what it showed"


@pytest.mark.parametrize("path", COURSE, ids=COURSE_IDS)
def test_student_facing_text_never_says_seed(path):
    # the course text is cited by its title; a random generator's .seed(0) call is code, not text
    for kind, source in kinds_and_sources(path):
        text = source if kind == "markdown" else "\n".join(re.findall(r"//.*", source))
        assert not re.search(r"\bseeds?\b", text, re.I), f"{path.name} says 'seed' in: {text[:80]!r}"
