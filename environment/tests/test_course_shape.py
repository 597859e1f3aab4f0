"""Shape of the lesson notebooks 01-09: what the student will learn, key takeaways, links that resolve, a
try-it section, LaTeX, short code cells, no outputs committed, no code cell repeated between notebooks 00-09,
and the coverage README."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT

LESSONS = sorted((ROOT / "notebooks").glob("0[1-9]_*.ipynb"))
IDS = [p.name for p in LESSONS]
MAX_LINES = 12


def cells(path, kind):
    nb = json.loads(path.read_text())
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == kind]


def test_all_nine_lesson_notebooks_exist():
    assert [p.name[:2] for p in LESSONS] == [f"0{i}" for i in range(1, 10)]


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


def test_readme_maps_every_notebook_and_every_seed():
    readme = (ROOT / "notebooks" / "README.md").read_text()
    for path in LESSONS:
        assert path.stem in readme
    for seed in ("Seed 000", "Seed 002", "Seed 003", "Seed 004"):
        assert seed in readme
