"""Shape of the practical notebooks (07-09): goals, key takeaways, links, a try-it cell, LaTeX, short code
cells, committed without outputs."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT

PRACTICE = sorted(p for p in (ROOT / "notebooks").glob("0[7-9]_*.ipynb"))
IDS = [p.name for p in PRACTICE]


def cells(path, kind):
    nb = json.loads(path.read_text())
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == kind]


def test_the_three_practical_notebooks_exist():
    assert [p.name[:2] for p in PRACTICE] == ["07", "08", "09"]


@pytest.mark.parametrize("path", PRACTICE, ids=IDS)
def test_opens_with_goals_closes_with_takeaways_links_resolve(path):
    md = cells(path, "markdown")
    assert "You will learn" in md[0] and "Key takeaways" in md[-1]
    for text in (md[0], md[-1]):
        assert "Previous:" in text and "Next:" in text
        for target in re.findall(r"\]\(([^)]+)\)", text):
            assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


@pytest.mark.parametrize("path", PRACTICE, ids=IDS)
def test_try_it_latex_short_cells_no_outputs(path):
    md = "\n".join(cells(path, "markdown"))
    assert "## Try it" in md and re.search(r"\$[^$\n]+\$", md)
    long = [c.splitlines()[0] for c in cells(path, "code") if len(c.splitlines()) > 10]
    assert not long, f"{path.name}: cells over 10 lines: {long}"
    nb = json.loads(path.read_text())
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
