"""A generated class of submissions for the grading benchmark and the cluster test: each student hands
in every exercise notebook, either solved (the release with the source's answers filled in, the way
test_grading.py builds complete solutions) or untouched (the release as students get it).

  write_class(course, dest, students)   dest/<student>/<assignment>/<notebook>.ipynb; returns the count
course is a folder with source/ and release/ (what `grading.assign` or `grading.prepare` writes).
"""
from __future__ import annotations

import copy
import json
from pathlib import Path


def grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def solved(release: dict, source: dict) -> dict:
    """The release notebook with every answer cell filled in from the source (delimiters dropped)."""
    answers = {grade_id(c): c["source"] for c in source["cells"]
               if c.get("metadata", {}).get("nbgrader", {}).get("solution")}
    nb = copy.deepcopy(release)
    for c in nb["cells"]:
        if grade_id(c) in answers:
            text = answers[grade_id(c)]
            text = "".join(text) if isinstance(text, list) else text
            c["source"] = "\n".join(ln for ln in text.split("\n")
                                    if "// BEGIN SOLUTION" not in ln and "// END SOLUTION" not in ln)
    return nb


def write_class(course: Path, dest: Path, students: int) -> int:
    """students students, every exercise notebook each; even-numbered students solve everything, odd
    ones hand in the untouched release. Returns the number of notebooks written."""
    count = 0
    for k in range(students):
        name = f"student {k:02d}"
        for release in sorted((course / "release").glob("*/*.ipynb")):
            assignment = release.parent.name
            rel = json.loads(release.read_text(encoding="utf-8"))
            if k % 2 == 0:
                src = json.loads((course / "source" / assignment / release.name).read_text(encoding="utf-8"))
                rel = solved(rel, src)
            target = dest / name / assignment / release.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(rel, indent=1), encoding="utf-8")
            count += 1
    return count
