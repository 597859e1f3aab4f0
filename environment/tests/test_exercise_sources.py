"""The exercise sources (notebooks/exercises/source/<assignment>/<notebook>.ipynb) are ordinary nbgrader
source notebooks, edited in JupyterLab with Create Assignment: each one must pass nbgrader's own checks
and generate_assignment, carry consistent cell metadata, and be committed without outputs. Whether the
solutions earn full marks and the stubs none is test_grading.py's job (it runs them through the kernel)."""
from __future__ import annotations

import re

import nbformat
import pytest

from conftest import ROOT

import grading  # noqa: E402  (environment/tools is on sys.path via conftest)

COURSE = ROOT / "notebooks" / "exercises"
SOURCES = sorted(p for p in (COURSE / "source").glob("*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)
IDS = [f"{p.parent.name}/{p.name}" for p in SOURCES]
BEGIN_SOLUTION, END_SOLUTION = "// BEGIN SOLUTION", "// END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "// BEGIN HIDDEN TESTS", "// END HIDDEN TESTS"
KEYS = {"grade", "grade_id", "locked", "schema_version", "solution", "task"}


def load(path):
    return nbformat.read(path, as_version=nbformat.NO_CONVERT)


def nbgrader_cells(nb):
    return [c for c in nb.cells if "nbgrader" in c.metadata]


def kind(cell) -> str:
    """nbgrader's cell types as Create Assignment names them."""
    m = cell.metadata["nbgrader"]
    if m["grade"] and m["solution"]:
        return "manually graded answer"
    if m["grade"]:
        return "autograder tests"
    if m["solution"]:
        return "autograded answer"
    if m["locked"]:
        return "read-only"
    return "unknown"


def test_the_course_has_its_exercises_in_course_order():
    """File names carry the course order (the site and notebooks/README.md list them by it): 01, 02, ...
    without gaps or repeats, with a letter for an exercise of an inserted chapter (02b for notebook 3b)."""
    names = [p.name for p in SOURCES]
    assert len(names) >= 8, names
    prefixes = [re.match(r"(\d\d)([a-z]?)_", n) for n in names]
    assert all(prefixes), f"every exercise starts with its number, e.g. 07_ or 02b_: {names}"
    assert len({m.group(0) for m in prefixes}) == len(names), f"two exercises share a number: {names}"
    numbers = sorted({int(m.group(1)) for m in prefixes})
    assert numbers == list(range(1, numbers[-1] + 1)), f"exercise numbers must run 01, 02, ... without gaps: {names}"
    assert not (ROOT / "environment" / "tools" / "grading_exercises.py").exists(), \
        "the notebooks are the sources: no program writes them"


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_source_is_a_valid_java_notebook_without_outputs(path):
    nb = load(path)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "java" and nb.metadata["kernelspec"]["language"] == "java"
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs or execution counts; clear them before committing"


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_nbgrader_accepts_the_cell_metadata(path):
    """nbgrader's own metadata check (what generate_assignment runs first) passes unchanged."""
    from nbgrader.preprocessors import CheckCellMetadata
    nb = load(path)
    CheckCellMetadata().preprocess(nb, {})


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_metadata_is_consistent(path):
    nb = load(path)
    cells = nbgrader_cells(nb)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in cells]
    assert len(ids) == len(set(ids)), f"{path.name}: grade_ids repeat: {ids}"
    for c in cells:
        m, gid = c.metadata["nbgrader"], c.metadata["nbgrader"]["grade_id"]
        assert KEYS <= set(m) and m["schema_version"] == 3 and not m["task"], f"{gid}: {m}"
        assert re.fullmatch(r"[A-Za-z0-9_-]+", gid), f"{gid}: nbgrader ids are letters, digits, _ and -"
        k = kind(c)
        assert k != "unknown", f"{gid}: an nbgrader cell that is neither locked, an answer nor graded"
        if m["grade"]:
            assert m.get("points", 0) > 0, f"{gid}: a graded cell needs points > 0"
        if k == "autograder tests":
            assert c.cell_type == "code" and m["locked"], f"{gid}: test cells are locked code cells"
        if k == "autograded answer":
            assert c.cell_type == "code" and not m["locked"], f"{gid}: answer cells are unlocked code cells"
            assert BEGIN_SOLUTION in c.source and END_SOLUTION in c.source, f"{gid}: mark the solution region"
        if k == "manually graded answer":
            assert c.cell_type == "markdown" and not m["locked"], f"{gid}: written answers are unlocked markdown"
        if k == "read-only":
            assert c.cell_type == "code", f"{gid}: lock code (setup, data, charts), not prose"
    for c in nb.cells:
        gid = c.metadata.get("nbgrader", {}).get("grade_id", "a plain cell")
        if BEGIN_SOLUTION in c.source or END_SOLUTION in c.source:
            assert "nbgrader" in c.metadata and kind(c) == "autograded answer", f"{gid}: solution outside an answer"
        if BEGIN_HIDDEN in c.source or END_HIDDEN in c.source:
            assert "nbgrader" in c.metadata and kind(c) == "autograder tests", f"{gid}: hidden tests outside a test"
            assert c.source.count(BEGIN_HIDDEN) == c.source.count(END_HIDDEN) == 1, f"{gid}: one hidden region"


# a top-level declaration: "TYPE name = ..." or "TYPE name(...) {" (a type, then the declared name)
TOP_LEVEL = re.compile(r"^[\w.]+(?:<[^>\n]*>)?(?:\[\])*\s+(\w+)\s*(?:=|\()", re.M)


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_every_answer_is_tested_and_the_setup_is_locked(path):
    """The method each autograded answer declares is called by a test cell after it; the first code cell
    (the imports) is read-only, and nothing a test cell uses is declared in a plain, editable code cell
    (a scratch cell for trying things out may exist, but the tests never depend on it)."""
    nb = load(path)
    kinds = [kind(c) if "nbgrader" in c.metadata else c.cell_type for c in nb.cells]
    assert "autograder tests" in kinds, f"{path.name}: nothing is graded"
    assert kinds[[c.cell_type for c in nb.cells].index("code")] == "read-only", f"{path.name}: lock the imports"
    tests = "\n".join(c.source for c, k in zip(nb.cells, kinds) if k == "autograder tests")
    for i, (c, k) in enumerate(zip(nb.cells, kinds)):
        if k == "code":
            for name in TOP_LEVEL.findall(c.source):
                assert not re.search(rf"\b{name}\b", tests), \
                    f"{path.name}: the tests use {name}, declared in an editable cell: lock that cell"
        if k == "autograded answer":
            name = TOP_LEVEL.findall(c.source)[0]
            later = [d.source for d, kd in zip(nb.cells[i + 1:], kinds[i + 1:]) if kd == "autograder tests"]
            assert any(re.search(rf"\b{name}\(", t) for t in later), f"{path.name}: no test cell calls {name}()"


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_each_answer_cell_declares_only_the_graded_function(path):
    """A helper or variable the tests use must not sit in an answer cell (the student could redefine it,
    e.g. make a validation-loss helper return 0): answer cells declare one top-level method, the one
    graded; data, losses and training helpers live in locked cells."""
    for c in nbgrader_cells(load(path)):
        if kind(c) != "autograded answer":
            continue
        text = re.sub(r"// BEGIN SOLUTION.*?// END SOLUTION", "", c.source, flags=re.S)
        top = [ln for ln in text.split("\n") if ln.strip() and not ln.startswith((" ", "}", "/", "*"))]
        assert len(top) == 1 and top[0].rstrip().endswith("{"), \
            f"{path.name}, cell {c.metadata.nbgrader.grade_id}: declare only the graded method there, found {top}"


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_prose_never_says_seed(path):
    """Students read "the course text", never the word seed (the API's `.seed(n)` in code spans aside)."""
    for c in load(path).cells:
        if c.cell_type == "markdown":
            prose = re.sub(r"`[^`]*\.seed\([^`]*`", "", c.source)
            assert not re.search(r"\bseeds?\b", prose, re.I), f"{path.name}: 'seed' in: {c.source[:120]}"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("generate")
    released = grading.assign(out, COURSE)
    return out, released


def test_generate_assignment_releases_every_notebook_without_solutions_or_hidden_tests(generated):
    out, released = generated
    assert {a: [p.name for p in ps] for a, ps in released.items()} == grading.assignments(COURSE)
    for path in SOURCES:
        source = load(path)
        release = load(out / "release" / path.parent.name / path.name)
        by_id = {c.metadata["nbgrader"]["grade_id"]: c for c in nbgrader_cells(release)}
        assert set(by_id) == {c.metadata["nbgrader"]["grade_id"] for c in nbgrader_cells(source)}
        text = "\n".join(c.source for c in release.cells)
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text, path.name
        for c in nbgrader_cells(source):
            gid, k = c.metadata["nbgrader"]["grade_id"], kind(c)
            if k == "autograded answer":
                assert 'throw new UnsupportedOperationException("not implemented yet' in by_id[gid].source, gid
            elif k == "manually graded answer":
                assert by_id[gid].source == "YOUR ANSWER HERE", gid
            elif k == "autograder tests" and BEGIN_HIDDEN in c.source:
                hidden = c.source.split(BEGIN_HIDDEN)[1].split(END_HIDDEN)[0].strip()
                assert hidden.splitlines()[0] not in by_id[gid].source, f"{gid}: hidden test released"


def test_the_gradebook_counts_every_graded_cell_in_max_score(generated):
    """max_score is the sum of the points of the test cells and of the manually graded answers, as
    nbgrader counts it; a notebook's written answers are part of it."""
    out, _ = generated
    for path in SOURCES:
        points = sum(c.metadata["nbgrader"]["points"] for c in nbgrader_cells(load(path))
                     if c.metadata["nbgrader"]["grade"])
        assert grading.max_score_of(out, path.parent.name, path.name) == points, path.name
