"""Every notebook under notebooks/ runs top to bottom through the real JJava kernel, with no error
and nothing on stderr, and is committed without outputs."""
from __future__ import annotations

import json

import pytest

import run_notebooks
from conftest import ROOT, TARGET, course_notebooks

# The exercise sources (notebooks/exercises/source) are executed through the same kernel by
# test_grading.py, which autogrades them as complete solutions and requires full marks and no
# stderr; running them here as well would only double the test command's time.
EXERCISES = ROOT / "notebooks" / "exercises"
NOTEBOOKS = course_notebooks()
EXECUTED = [p for p in NOTEBOOKS if EXERCISES not in p.parents]
IDS = [str(p.relative_to(ROOT)) for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_committed_without_outputs(path):
    nb = json.loads(path.read_text())
    dirty = [i for i, c in enumerate(nb["cells"], 1)
             if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs; clear them before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_uses_the_java_kernel(path):
    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "java"


@pytest.mark.parametrize("path", EXECUTED, ids=[str(p.relative_to(ROOT)) for p in EXECUTED])
def test_notebook_executes_without_error_or_stderr(path):
    outcome = run_notebooks.run_one(path, TARGET / "executed", ROOT, timeout=120)
    assert outcome.ok, outcome.line()
    executed = json.loads(outcome.executed.read_text())
    streams = [o for c in executed["cells"] for o in c.get("outputs", [])
               if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    assert not streams
