"""The class report (grading_report.py) on a generated class: the numbers it shows, the LMS gradebook
file, byte-identical reruns, a clear error without grades.csv, a note without cells.csv, and the page
in headless Chromium (charts drawn, no console error, no request leaving the folder, student names
that hold markup stay text). A real grading run's report is checked in test_grading_dask.py."""
from __future__ import annotations

import csv
import io
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, TARGET, browse_report

import grading_report  # noqa: E402  (conftest puts environment/tools on sys.path)

# the README shows a copy of it: environment/screenshots/grading_report.png
SCREENSHOT = TARGET / "report-screenshots" / "grading_report.png"
# assignment -> notebook -> test cells (name, points)
COURSE = {
    "lr_basics": {"01_four_rates.ipynb": [("test_rates", 2), ("test_regimes", 2)],
                  "02_stability_limit.ipynb": [("test_limit", 3), ("test_diverges", 3)]},
    "schedules": {"03_warmup_step_decay.ipynb": [("test_schedule", 2), ("test_gamma", 2), ("test_train", 2)]},
}
HOSTILE = '<img src=x onerror="window.__lrlabInjected=1">Eve'
MESSAGES = {"test_gamma": "AssertionError: gamma 1.5 must be rejected",
            "test_limit": "AssertionError: expected 2/L = 0.5, got 0.25",
            "test_schedule": "UnsupportedOperationException: not implemented yet: warmupStepDecay"}


def make_class(n: int = 24, seed: int = 7) -> tuple[str, str]:
    """(grades.csv, cells.csv) of n students: most solve most tests, some statuses of every kind."""
    rng = random.Random(seed)
    grades, cells = [], []
    students = [f"student {i:02d}" for i in range(n - 2)] + ["Zoë Ann", HOSTILE]
    for k, s in enumerate(students):
        for a, nbs in COURSE.items():
            if k == 5 and a == "schedules":
                continue  # submitted nothing for this assignment: blank in the LMS file
            for nb, tests in nbs.items():
                top = sum(p for _, p in tests)
                status = {(3, "01_four_rates.ipynb"): "missing", (4, "02_stability_limit.ipynb"): "timeout",
                          (6, "03_warmup_step_decay.ipynb"): "kernel-died", (7, "01_four_rates.ipynb"): "invalid-notebook",
                          (8, "03_warmup_step_decay.ipynb"): "tampered"}.get((k, nb), "ok")
                if status in ("missing", "kernel-died", "invalid-notebook", "timeout"):
                    grades.append([s, a, nb, 0, top, status, {"missing": "not submitted"}.get(status, status)])
                    continue
                got = 0
                for name, pts in tests:
                    passed = rng.random() > {"test_gamma": 0.6, "test_limit": 0.4}.get(name, 0.1)
                    got += pts if passed else 0
                    cells.append([s, a, nb, name, pts if passed else 0, pts,
                                  "" if passed else MESSAGES.get(name, f"AssertionError: {name} failed <b>here</b>")])
                grades.append([s, a, nb, got, top, status, "locked cells changed" if status == "tampered" else ""])
    grades.append(["student 09", "schedules", "notes.txt", 0, 0, "unknown-notebook", "not a notebook"])

    def text(header, rows):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(sorted(rows, key=lambda r: tuple(map(str, r[:4]))))
        return buf.getvalue()
    return text(grading_report.GRADE_COLUMNS, grades), text(grading_report.CELL_COLUMNS, cells)


@pytest.fixture()
def out(tmp_path) -> Path:
    grades, cells = make_class()
    (tmp_path / "grades.csv").write_text(grades, encoding="utf-8")
    (tmp_path / "cells.csv").write_text(cells, encoding="utf-8")
    page = tmp_path / "feedback" / "Zoë Ann" / "schedules" / "03_warmup_step_decay.html"
    page.parent.mkdir(parents=True)
    page.write_text("<!doctype html><title>feedback</title>", encoding="utf-8")
    return tmp_path


def lms_rows(out: Path) -> list[dict]:
    with (out / "gradebook_lms.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_lms_gradebook_has_one_row_per_student_and_one_column_per_assignment(out):
    grading_report.write_report(out)
    rows = lms_rows(out)
    header = next(csv.reader((out / "gradebook_lms.csv").open(encoding="utf-8")))
    assert header == grading_report.LMS_ID_COLUMNS + sorted(COURSE)
    assert len(rows) == 24 and len({r["SIS Login ID"] for r in rows}) == 24
    with (out / "grades.csv").open(encoding="utf-8") as f:
        grades = list(csv.DictReader(f))
    for r in rows:
        for a in COURSE:
            mine = [float(g["score"]) for g in grades if g["student"] == r["Student"] and g["assignment"] == a]
            assert r[a] == (f"{sum(mine):g}" if mine else ""), (r, a)
    assert next(r for r in rows if r["Student"] == "student 05")["schedules"] == "", "no submission: blank"


def test_failed_cells_are_ranked_by_share_of_notebooks_with_their_messages(out):
    cells = grading_report.read_table(out / "cells.csv", grading_report.CELL_COLUMNS)
    failed = grading_report.failed_cells(cells)
    rates = [f["failed"] / f["graded"] for f in failed]
    assert rates == sorted(rates, reverse=True)
    first = failed[0]
    assert first["cell"] == "test_gamma", first
    mine = [c for c in cells if c["cell"] == "test_gamma"]
    assert first["graded"] == len(mine)
    assert first["failed"] == sum(1 for c in mine if c["points"] < c["max_points"])
    assert first["messages"][0] == (MESSAGES["test_gamma"], first["failed"])


def test_report_shows_every_status_with_its_students(out):
    grading_report.write_report(out)
    text = (out / "report.html").read_text(encoding="utf-8")
    for status in ("ok", "tampered", "timeout", "kernel-died", "invalid-notebook", "missing", "unknown-notebook"):
        assert f"<b>{status}</b>" in text, status
    assert "student 06 <span class=nb>(03_warmup_step_decay.ipynb)</span>" in text
    assert 'src="report_files/plotly.min.js"' in text and (out / "report_files" / "plotly.min.js").is_file()
    assert "http://" not in text and "https://" not in text, "the page names no outside address"
    assert HOSTILE not in text, "a student name is escaped, never markup"


def test_writing_twice_gives_the_same_files(out):
    grading_report.write_report(out)
    first = {p: (out / p).read_bytes() for p in ("report.html", "gradebook_lms.csv")}
    grading_report.write_report(out)
    assert first == {p: (out / p).read_bytes() for p in first}


def test_without_cells_csv_the_page_says_why_and_still_has_the_rest(out):
    (out / "cells.csv").unlink()
    grading_report.write_report(out)
    text = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="no-cells"' in text and "cells.csv" in text
    assert "assignment-charts" in text and lms_rows(out)


@pytest.mark.parametrize("damage, fragment", [
    ("no grades", "grades.csv does not exist"),
    ("missing column", "lacks the column(s) status"),
    ("bad number", "is not a number"),
])
def test_bad_inputs_give_a_clear_error(out, damage, fragment):
    grades = out / "grades.csv"
    if damage == "no grades":
        grades.unlink()
    elif damage == "missing column":
        grades.write_text("student,assignment,notebook,score,max_score,message\n", encoding="utf-8")
    else:
        grades.write_text("student,assignment,notebook,score,max_score,status,message\nA,a,n.ipynb,six,6,ok,\n",
                          encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ENV / "tools" / "grading_report.py"), str(out)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and fragment in proc.stderr, proc.stderr


def test_report_in_chromium_draws_every_chart_offline(out, tmp_path_factory):
    grading_report.write_report(out)
    moved = tmp_path_factory.mktemp("moved") / "class report"  # the folder works where it is moved to
    shutil.copytree(out, moved)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    seen = browse_report(moved, SCREENSHOT)
    assert seen["consoleErrors"] == [] and seen["outsideRequests"] == [], seen
    notebooks = sum(len(v) for v in COURSE.values())
    assert seen["plotContainers"] == len(COURSE) + notebooks + 1, seen  # + the failed-cells bars
    assert seen["chartsDrawn"] == seen["plotContainers"], seen
    assert all(t.strip() for t in seen["titles"]) and all(n > 0 for n in seen["bars"]), seen
    assert seen["failedChart"] and not seen["noCellsNote"], seen
    assert seen["tableRows"] == 24 and seen["brokenLinks"] == [], seen
    assert seen["injected"] is False, "markup in a student name ran in the page"


def test_report_without_cells_in_chromium_shows_the_note(out):
    (out / "cells.csv").unlink()
    grading_report.write_report(out)
    seen = browse_report(out)
    assert seen["consoleErrors"] == [] and seen["outsideRequests"] == [], seen
    assert seen["noCellsNote"] and not seen["failedChart"], seen
    assert seen["chartsDrawn"] == seen["plotContainers"] == len(COURSE) + 3, seen
