"""Shape of the course notebooks (01-06): what the student will learn, key takeaways, links, a try-it
cell, LaTeX, short code cells, no code cell repeated between notebooks, and the coverage README."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT

COURSE = sorted(p for p in (ROOT / "notebooks").glob("0[1-6]_*.ipynb"))
IDS = [p.name for p in COURSE]


def cells(path, kind):
    nb = json.loads(path.read_text())
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == kind]


def test_all_six_course_notebooks_exist():
    assert [p.name[:2] for p in COURSE] == ["01", "02", "03", "04", "05", "06"]


@pytest.mark.parametrize("path", COURSE, ids=IDS)
def test_opens_with_goals_and_closes_with_takeaways_and_links(path):
    md = cells(path, "markdown")
    assert "You will learn" in md[0]
    assert "Key takeaways" in md[-1]
    for text in (md[0], md[-1]):
        assert "Previous:" in text and "Next:" in text
        for target in re.findall(r"\]\(([^)]+\.ipynb)\)", text):
            assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


@pytest.mark.parametrize("path", COURSE, ids=IDS)
def test_has_a_try_it_section_and_latex(path):
    md = "\n".join(cells(path, "markdown"))
    assert "## Try it" in md
    assert re.search(r"\$[^$\n]+\$", md), f"{path.name} has no inline LaTeX"


@pytest.mark.parametrize("path", COURSE, ids=IDS)
def test_code_cells_are_short(path):
    long = [c.splitlines()[0] for c in cells(path, "code") if len(c.splitlines()) > 10]
    assert not long, f"{path.name}: cells over 10 lines: {long}"


def test_no_code_cell_is_repeated_between_notebooks():
    seen = {}
    for path in COURSE + [ROOT / "notebooks" / "00_first_run.ipynb"]:
        for c in cells(path, "code"):
            lines = [l for l in c.strip().splitlines() if not l.startswith("import ")]
            if not lines:
                continue
            key = "\n".join(lines)
            assert key not in seen, f"{path.name} repeats a cell of {seen.get(key)}"
            seen[key] = path.name


def test_readme_maps_every_notebook_and_every_seed():
    readme = (ROOT / "notebooks" / "README.md").read_text()
    for path in COURSE:
        assert path.stem in readme
    for seed in ("Seed 000", "Seed 002", "Seed 003", "Seed 004"):
        assert seed in readme
