"""Shared fixtures of the pytest suite: paths of the checkout and a runner of notebooks through the
real Java kernel (the same code as `environment/workbook run`)."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("LRLAB_ROOT", Path(__file__).resolve().parents[2]))
ENV = ROOT / "environment"
TARGET = Path(os.environ.get("LRLAB_TARGET", ROOT / "target"))
sys.path.insert(0, str(ENV / "tools"))


def course_notebooks() -> list[Path]:
    """Every notebook under notebooks/ except nbgrader's generated folders."""
    skip = {"release", "submitted", "autograded", "feedback", ".ipynb_checkpoints"}
    return sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if not skip & set(p.parts))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def target() -> Path:
    return TARGET


WORKBOOK = str(ENV / "workbook")
EXERCISES = ROOT / "notebooks" / "exercises"


def tree_hash(folder: Path) -> dict[str, str]:
    """relative path -> sha256 of every file under folder."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_verb(*args, timeout=600, env=None):
    return subprocess.run([WORKBOOK, *args], capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="session")
def released(tmp_path_factory):
    """`environment/workbook assign` into a fresh folder (the grading tests' student versions)."""
    before = tree_hash(EXERCISES)
    out = tmp_path_factory.mktemp("assign")
    r = run_verb("assign", "--out", str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "nbgrader generate_assignment" in r.stdout, "assign prints the nbgrader command it runs"
    assert tree_hash(EXERCISES) == before, "assign must not modify notebooks/exercises"
    return out


def manual_cells(assignment: str, notebook: str) -> dict[str, float]:
    """{grade_id: points} of the source's manually graded answers (markdown cells with grade and
    solution): the autograder leaves them pending, so their points are in max_score, not in score."""
    nb = json.loads((ROOT / "notebooks" / "exercises" / "source" / assignment / notebook).read_text())
    return {c["metadata"]["nbgrader"]["grade_id"]: float(c["metadata"]["nbgrader"]["points"])
            for c in nb["cells"]
            if c["metadata"].get("nbgrader", {}).get("grade") and c["metadata"]["nbgrader"].get("solution")}


def interrupted_grade(*args: str, after: int) -> str:
    """`workbook grade ARGS`, killed (with every process it started) once it has printed the row of its
    `after`-th finished notebook; returns what it printed."""
    import grading
    proc = subprocess.Popen([WORKBOOK, "grade", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    seen = []
    for line in proc.stdout:
        seen.append(line)
        if line.startswith(f"[{after}/"):
            break
    grading.kill_tree(proc.pid)
    proc.wait(timeout=60)
    return "".join(seen)


def browse_report(out: Path, shot: Path | None = None) -> dict:
    """What Chromium saw of OUT/report.html (environment/tools/report_browser_check.mjs): console errors,
    requests leaving OUT, charts drawn, table rows, links to missing files."""
    cmd = ["node", str(ENV / "tools" / "report_browser_check.mjs"), str(out)] + ([str(shot)] if shot else [])
    proc = subprocess.run(cmd, cwd=ENV, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"browser check crashed:\n{proc.stderr[-3000:]}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


# The files that take longest, first: with one worker per core (pytest-xdist, --dist loadfile) the
# short files then fill in beside them instead of one long file running alone at the end. Measured
# seconds of a fresh-clone run on 2 cores; a file not named here runs after these, in name order.
LONGEST_FIRST = ("test_site", "test_grading", "test_notebooks", "test_grading_attacks", "test_grading_dask",
                 "test_kernel", "test_standalone")


def pytest_collection_modifyitems(session, config, items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.stem, len(rank)))  # stable: order inside a file kept
