"""The manual-grades sheet: written answers graded by the instructor in a spreadsheet, merged by `grade`.

nbgrader leaves a filled-in "Manually graded answer" cell pending (its points are in max_score, not in
score). `grade` grades each notebook in a scratch course it discards, so these answers never reach the
Formgrader; instead every `grade` keeps OUT/manual_grades.csv, one row per pending written answer:

  student, assignment, notebook, cell   the key (rows are merged by it, never dropped)
  max_points                            what the cell is worth
  points, comment                       empty until the instructor fills them in
  note                                  written by grade: not empty when the answer changed after
                                        points were given; while it is not empty the points do not
                                        count (check them, then clear the note)
  answer_id                             a fingerprint of the answer the row holds
  answer                                the student's text, on one line (a leading = + - @ gets a ')

On each `grade` the sheet is read and checked first (a point that is not a number from 0 to the cell's
points stops grade before anything is written), then rewritten with this run's answers (read again
first whenever it was saved meanwhile, so points typed during a run are kept), and the
points given are added to the autograded score in grades.csv (the saved results keep the autograded
score only, so a rerun or a resumed run never counts them twice).
"""
from __future__ import annotations

import csv
import hashlib
import json
import math
from dataclasses import dataclass, replace
from pathlib import Path

SHEET = "manual_grades.csv"
COLUMNS = ["student", "assignment", "notebook", "cell", "max_points", "points", "comment", "note",
           "answer_id", "answer"]
CHANGED = "answer changed after these points were given: check them, then clear this note"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ManualGradesError(RuntimeError):
    """The sheet cannot be read; the message names the file, the row and the fix."""


@dataclass
class Entry:
    student: str
    assignment: str
    notebook: str
    cell: str
    max_points: float
    points: float | None
    points_text: str  # as the instructor typed it, written back unchanged
    comment: str
    note: str
    answer_id: str
    answer: str

    def fields(self) -> list[str]:
        return [self.student, self.assignment, self.notebook, self.cell, f"{self.max_points:g}",
                self.points_text, self.comment, self.note, self.answer_id, self.answer]


def course_points(course: Path) -> dict[tuple[str, str, str], float]:
    """(assignment, notebook, grade_id) -> points of every manually graded answer in the course sources."""
    found = {}
    for path in sorted((course / "source").glob("*/*.ipynb")):
        for c in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
            meta = c.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade") and meta.get("solution") and c.get("cell_type") == "markdown":
                found[(path.parent.name, path.name, meta["grade_id"])] = float(meta.get("points") or 0)
    return found


def answer_text(source: str) -> str:
    """The answer on one line, safe to open in a spreadsheet (no formula)."""
    text = " ".join(source.split())
    return "'" + text if text.startswith(FORMULA_START) else text


def answer_id(source: str) -> str:
    """A fingerprint of the answer ('a' + hex, never read as a number by a spreadsheet)."""
    return "a" + hashlib.sha256(" ".join(source.split()).encode("utf-8")).hexdigest()[:12]


def read_sheet(path: Path, course_max: dict[tuple[str, str, str], float]) -> dict[tuple, Entry]:
    """The entries of OUT/manual_grades.csv ({} when there is none), every filled point checked."""
    if not path.exists():
        return {}
    fix = "then run the same grade command again"
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            lines = list(reader)
    except (UnicodeDecodeError, csv.Error) as e:
        raise ManualGradesError(f"{path} cannot be read as a UTF-8 CSV file ({e}): save it again as "
                                f"CSV (UTF-8, comma-separated), {fix}") from None
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ManualGradesError(f"{path} lacks the column(s) {', '.join(missing)}: keep the header row "
                                f"{','.join(COLUMNS)} as grade wrote it and save as CSV (UTF-8, comma-separated), {fix}")
    entries: dict[tuple, Entry] = {}
    for number, row in enumerate(lines, start=2):
        row = {k: (row.get(k) or "") for k in COLUMNS}
        where = (f"{path}, line {number} (student {row['student']!r}, {row['assignment']}/{row['notebook']}, "
                 f"cell {row['cell']})")
        key = (row["student"], row["assignment"], row["notebook"], row["cell"])
        if key in entries:
            raise ManualGradesError(f"{where}: a second row for the same answer: delete one of the two, {fix}")
        top = course_max.get(key[1:])
        if top is None:
            try:
                top = float(row["max_points"])
            except ValueError:
                raise ManualGradesError(f"{where}: max_points {row['max_points']!r} is not a number: write back "
                                        f"the value grade wrote, {fix}") from None
        text = row["points"].strip()
        points = None
        if text:
            try:
                points = float(text)
            except ValueError:
                points = math.nan
            if not math.isfinite(points) or not 0 <= points <= top:
                raise ManualGradesError(
                    f"{where}: points {row['points']!r} is not a number from 0 to {top:g}: write a number "
                    f"between 0 and {top:g} (a dot for decimals, e.g. 0.5), or leave it empty while the "
                    f"answer is not graded, {fix}")
        entries[key] = Entry(*key, top, points, text, row["comment"], row["note"].strip(), row["answer_id"],
                             row["answer"])
    return entries


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size)


class Sheet:
    """OUT/manual_grades.csv during one `grade`: read and checked at the start (a bad value stops grade
    there), read again whenever someone saved it since grade last read or wrote it (an instructor
    grading while the class is graded), and never overwritten while what is saved there does not pass
    the check: grade then goes on with the entries it read last and stops with the error at the end."""

    def __init__(self, path: Path, course_max: dict[tuple[str, str, str], float]):
        self.path, self.course_max = path, course_max
        self.stamp = _stamp(path)
        self.entries = read_sheet(path, course_max)
        self.error: ManualGradesError | None = None

    def refresh(self) -> bool:
        """True when the file may be rewritten: unchanged since grade last saw it, or changed and valid
        (its entries are then the ones merged)."""
        now = _stamp(self.path)
        if now == self.stamp:
            return self.error is None
        try:
            self.entries = read_sheet(self.path, self.course_max)
        except ManualGradesError as e:
            self.error = e
            return False
        self.stamp, self.error = now, None
        return True

    def write(self, entries: list[Entry]) -> None:
        write_sheet(self.path, entries)
        self.stamp = _stamp(self.path)


def merge(sheet: dict[tuple, Entry], rows) -> tuple[list[Entry], dict[tuple, float]]:
    """The sheet after this run (every earlier entry kept, one entry per pending answer of `rows`) and
    the points that count: {(student, assignment, notebook, cell): points} for the answers pending in
    `rows` whose entry has points and no note."""
    merged = dict(sheet)
    given: dict[tuple, float] = {}
    for r in rows:
        for cell, top, source in r.extra.get("manual", []):
            key = (r.student, r.assignment, r.notebook, cell)
            now_id = answer_id(source)
            old = merged.get(key)
            if old is None:
                entry = Entry(*key, float(top), None, "", "", "", now_id, answer_text(source))
            else:
                entry = replace(old, max_points=float(top), answer=answer_text(source), answer_id=now_id)
                graded = old.points is not None or old.comment.strip()
                if old.answer_id != now_id and graded:
                    entry.note = CHANGED
            merged[key] = entry
            if entry.points is not None and not entry.note:
                given[key] = entry.points
    return [merged[k] for k in sorted(merged)], given


def write_sheet(path: Path, entries: list[Entry]) -> None:
    """OUT/manual_grades.csv, replaced atomically and only when its content changes."""
    import io
    import os
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for e in entries:
        w.writerow(e.fields())
    data = buf.getvalue().encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
