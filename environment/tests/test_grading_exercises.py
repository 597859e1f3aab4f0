"""The committed exercise notebooks (notebooks/exercises/source) are exactly what
environment/tools/grading_exercises.py writes, so the generator and the notebooks cannot drift; and
the hidden tests rely only on locked cells and the graded answers, never on a helper a student can edit."""
from __future__ import annotations

import json
import re

from conftest import ROOT

import grading_exercises  # noqa: E402  (environment/tools is on sys.path via conftest)

SOURCE = ROOT / "notebooks" / "exercises" / "source"


def test_generator_output_equals_the_committed_notebooks(tmp_path):
    written = grading_exercises.write_all(tmp_path)
    generated = {p.relative_to(tmp_path): p.read_bytes() for p in written}
    committed = {p.relative_to(SOURCE): p.read_bytes() for p in SOURCE.rglob("*.ipynb")
                 if ".ipynb_checkpoints" not in p.parts}
    assert sorted(generated) == sorted(committed), "notebooks without a generator entry, or not regenerated"
    stale = [str(k) for k in generated if generated[k] != committed[k]]
    assert not stale, f"rerun `python environment/tools/grading_exercises.py` and commit: {stale} differ"


def test_each_answer_cell_declares_only_the_graded_function():
    """A helper or variable the tests use must not sit in an answer cell (the student could redefine it,
    e.g. make a validation-loss helper return 0): answer cells declare one top-level method, the one
    graded; data, losses and training helpers live in locked cells."""
    for path in sorted(SOURCE.rglob("*.ipynb")):
        for c in json.loads(path.read_text())["cells"]:
            meta = c["metadata"].get("nbgrader", {})
            if not meta.get("solution"):
                continue
            text = re.sub(r"// BEGIN SOLUTION.*?// END SOLUTION", "", "".join(c["source"]), flags=re.S)
            top = [ln for ln in text.split("\n") if ln.strip() and not ln.startswith((" ", "}", "/", "*"))]
            assert len(top) == 1 and top[0].rstrip().endswith("{"), \
                f"{path.name}, cell {meta['grade_id']}: declare only the graded method there, found {top}"
