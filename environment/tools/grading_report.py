"""The class report of a grading run: what an instructor opens after `grade`.

Reads OUT/grades.csv (student, assignment, notebook, score, max_score, status, message) and, when
present, OUT/cells.csv (student, assignment, notebook, cell, points, max_points, message: one row per
graded test cell, message empty when it passed). Writes
  OUT/report.html            offline page: score histograms per assignment and per notebook, the test
                             cells most often failed with their most common messages, the count of
                             each status with the students concerned, a per-student table linking
                             to the feedback pages
  OUT/report_files/plotly.min.js   the project's one plotly.js (npm plotly.js-dist-min), referenced
                             relatively: the OUT folder can be moved or zipped and still works offline
  OUT/gradebook_lms.csv      one row per student, one column per assignment (total points), in the
                             shape Canvas and Moodle gradebook CSV imports accept (see the README)
The same inputs give the same bytes (no dates, sorted rows). Run alone on an existing OUT folder:
  python grading_report.py OUT
"""
from __future__ import annotations

import csv
import html
import io
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

ROOT = Path(os.environ.get("LRLAB_ROOT", Path(__file__).resolve().parents[2]))
PLOTLY = ROOT / "environment" / "node_modules" / "plotly.js-dist-min" / "plotly.min.js"
GRADE_COLUMNS = ["student", "assignment", "notebook", "score", "max_score", "status", "message"]
CELL_COLUMNS = ["student", "assignment", "notebook", "cell", "points", "max_points", "message"]
# identity columns of a Canvas gradebook export, which its import reads back; Moodle maps any of them
LMS_ID_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
STATUS_ORDER = ["ok", "tampered", "timeout", "kernel-died", "invalid-notebook", "missing", "unknown-notebook",
                "error"]
STATUS_MEANING = {
    "ok": "graded",
    "tampered": "a locked or test cell was changed, deleted, renamed or moved (graded with the originals)",
    "timeout": "a cell or the whole notebook ran past its time limit",
    "kernel-died": "the kernel stopped (System.exit, halt, crash)",
    "invalid-notebook": "the file is not a readable notebook",
    "missing": "not submitted",
    "unknown-notebook": "a file or folder the course does not have",
    "error": "the grader could not grade it",
}
TOP_CELLS = 15


class ReportError(RuntimeError):
    """The inputs cannot make a report; the message says which file and what to do."""


def fmt(x: float) -> str:
    return f"{x:g}"


def read_table(path: Path, columns: list[str]) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise ReportError(f"{path} lacks the column(s) {', '.join(missing)} (expected {','.join(columns)})")
        rows = list(reader)
    for r in rows:
        for k in ("score", "max_score", "points", "max_points"):
            if k in r:
                try:
                    r[k] = float(r[k])
                except (TypeError, ValueError):
                    raise ReportError(f"{path}: {k} {r[k]!r} of {r['student']}/{r['notebook']} is not a number") from None
    return rows


# ---------------------------------------------------------------------------------- the numbers ---

def summarise(grades: list[dict], cells: list[dict] | None) -> dict:
    """Everything the page and the LMS file show, as plain data."""
    students = sorted({r["student"] for r in grades})
    notebook_max: dict[tuple[str, str], float] = {}
    for r in grades:
        if r["status"] != "unknown-notebook":
            key = (r["assignment"], r["notebook"])
            notebook_max[key] = max(notebook_max.get(key, 0.0), r["max_score"])
    notebook_max = {k: v for k, v in notebook_max.items() if v > 0}
    assignments = sorted({a for a, _ in notebook_max})
    assignment_max = {a: sum(v for (x, _), v in notebook_max.items() if x == a) for a in assignments}
    totals: dict[str, dict[str, float]] = defaultdict(dict)  # student -> assignment -> points
    for r in grades:
        if r["assignment"] in assignment_max:
            totals[r["student"]][r["assignment"]] = totals[r["student"]].get(r["assignment"], 0.0) + r["score"]
    by_status: dict[str, list[dict]] = defaultdict(list)
    for r in grades:
        by_status[r["status"]].append(r)
    statuses = [s for s in STATUS_ORDER if s in by_status] + sorted(set(by_status) - set(STATUS_ORDER))
    per_notebook = {f"{a}/{n}": sorted(r["score"] for r in grades if (r["assignment"], r["notebook"]) == (a, n))
                    for a, n in sorted(notebook_max)}
    per_assignment = {a: sorted(totals[s][a] for s in students if a in totals[s]) for a in assignments}
    return {
        "students": students, "assignments": assignments, "assignment_max": assignment_max,
        "notebook_max": {f"{a}/{n}": v for (a, n), v in sorted(notebook_max.items())},
        "totals": totals, "statuses": statuses, "by_status": by_status,
        "per_assignment": per_assignment, "per_notebook": per_notebook,
        "failed_cells": failed_cells(cells) if cells is not None else None,
        "rows": sorted(grades, key=lambda r: (r["student"], r["assignment"], r["notebook"])),
    }


def failed_cells(cells: list[dict]) -> list[dict]:
    """Test cells ordered by how many graded notebooks lost points on them (then by points lost), each
    with its three most common failure messages."""
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for c in cells:
        groups[(c["assignment"], c["notebook"], c["cell"])].append(c)
    out = []
    for (a, n, cell), rows in groups.items():
        failed = [c for c in rows if c["points"] < c["max_points"]]
        if not failed:
            continue
        messages = Counter(c["message"].strip() or "no message" for c in failed)
        out.append({"assignment": a, "notebook": n, "cell": cell, "failed": len(failed), "graded": len(rows),
                     "lost": sum(c["max_points"] - c["points"] for c in failed),
                     "students": sorted(c["student"] for c in failed),
                     "messages": sorted(messages.items(), key=lambda kv: (-kv[1], kv[0]))[:3]})
    out.sort(key=lambda f: (-f["failed"] / f["graded"], -f["lost"], f["assignment"], f["notebook"], f["cell"]))
    return out


# ------------------------------------------------------------------------------------ the files ---

def lms_csv(summary: dict) -> str:
    """One row per student, one column per assignment with its total points; blank where the student
    submitted nothing for it (an import then leaves that grade alone)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(LMS_ID_COLUMNS + summary["assignments"])
    for s in summary["students"]:
        got = summary["totals"].get(s, {})
        w.writerow([s, "", "", s, ""] + [fmt(got[a]) if a in got else "" for a in summary["assignments"]])
    return buf.getvalue()


def feedback_href(r: dict) -> str:
    return "feedback/" + "/".join(quote(p) for p in (r["student"], r["assignment"], Path(r["notebook"]).stem + ".html"))


def histogram_spec(title: str, values: list[float], top: float, xlabel: str) -> dict:
    size = 1.0 if top <= 40 else top / 20
    return {"title": title, "values": values, "start": -size / 2, "end": top + size / 2, "size": size,
            "xlabel": xlabel, "top": top}


def page(summary: dict, has_cells: bool, out: Path) -> str:
    e = html.escape
    charts = []
    for a in summary["assignments"]:
        charts.append(histogram_spec(f"{a}: total of {len(summary['per_assignment'][a])} students",
                                     summary["per_assignment"][a], summary["assignment_max"][a],
                                     f"points (of {fmt(summary['assignment_max'][a])})"))
    nb_charts = []
    for key, values in summary["per_notebook"].items():
        nb_charts.append(histogram_spec(key, values, summary["notebook_max"][key],
                                        f"points (of {fmt(summary['notebook_max'][key])})"))
    failed = summary["failed_cells"]
    top = (failed or [])[:TOP_CELLS]
    bars = {"labels": [f"{f['notebook'].removesuffix('.ipynb')} · {f['cell']}" for f in top][::-1],
            "rates": [round(100 * f["failed"] / f["graded"], 1) for f in top][::-1],
            "text": [f"{f['failed']} of {f['graded']}" for f in top][::-1]}
    data = {"assignments": charts, "notebooks": nb_charts, "failed": bars}
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e")

    n_rows = len(summary["rows"])
    parts = [f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class report: {len(summary['students'])} students</title>
<style>{CSS}</style>
<script src="report_files/plotly.min.js"></script>
</head><body>
<h1>Class report</h1>
<p class="lead">{len(summary['students'])} students, {n_rows} notebooks in {len(summary['assignments'])} assignments,
from <code>grades.csv</code>{' and <code>cells.csv</code>' if has_cells else ''} in this folder.
Totals per assignment are in <a href="gradebook_lms.csv">gradebook_lms.csv</a>, ready for a Canvas or Moodle import.</p>
<nav><a href="#status">Status</a> · <a href="#scores">Scores</a> · <a href="#cells">Failed tests</a> · <a href="#students">Students</a></nav>
<h2 id="status">Status of every notebook</h2>
<table class="status"><thead><tr><th>status</th><th>notebooks</th><th>meaning</th><th>students</th></tr></thead><tbody>"""]
    for st in summary["statuses"]:
        rows = summary["by_status"][st]
        names = sorted({r["student"] for r in rows})
        who = "all" if st == "ok" and len(names) == len(summary["students"]) else ", ".join(
            f"{e(s)} <span class=nb>({e(', '.join(sorted(r['notebook'] for r in rows if r['student'] == s)))})</span>"
            for s in names)
        if st == "ok" and who != "all":
            who = f"{len(names)} students"
        parts.append(f"<tr class='st-{e(st)}'><td><b>{e(st)}</b></td><td class=num>{len(rows)}</td>"
                     f"<td>{e(STATUS_MEANING.get(st, ''))}</td><td>{who}</td></tr>")
    parts.append("</tbody></table>")
    parts.append("""<h2 id="scores">Score distribution</h2>
<p>Students per total score; the right end of each axis is full marks.</p>
<h3>Per assignment</h3><div class="grid" id="assignment-charts"></div>
<h3>Per notebook</h3><div class="grid" id="notebook-charts"></div>""")
    parts.append('<h2 id="cells">Test cells most often failed</h2>')
    if failed is None:
        parts.append("<p class=\"note\" id=\"no-cells\">No <code>cells.csv</code> in this folder, so no per-test figures: "
                     "grade writes one row per graded test cell there. Grade the class again with this version "
                     "to get them (finished results are reused only when they hold their cells).</p>")
    elif not failed:
        parts.append("<p class='note'>Every graded test cell passed in every notebook that ran.</p>")
    else:
        parts.append(f"<p>Share of the graded notebooks that lost points on each test cell (the {len(top)} most "
                     f"failed of {len(failed)} failing cells), with the messages students got most often: "
                     f"what to teach again.</p><div class='wide' id='failed-chart'></div>")
        parts.append("<table class='cells'><thead><tr><th>notebook</th><th>test cell</th><th>failed</th>"
                     "<th>points lost</th><th>most common messages</th></tr></thead><tbody>")
        for f in top:
            msgs = "".join(f"<li><span class=count>{k}×</span> <code>{e(m[:200])}</code></li>" for m, k in f["messages"])
            parts.append(f"<tr><td>{e(f['assignment'])}/{e(f['notebook'])}</td><td><code>{e(f['cell'])}</code></td>"
                         f"<td class=num>{f['failed']} of {f['graded']}</td><td class=num>{fmt(f['lost'])}</td>"
                         f"<td><ul>{msgs}</ul></td></tr>")
        parts.append("</tbody></table>")
    parts.append('<h2 id="students">Students</h2><table class="students"><thead><tr><th>student</th>')
    for a in summary["assignments"]:
        parts.append(f"<th class=num>{e(a)}<br><span class=nb>of {fmt(summary['assignment_max'][a])}</span></th>")
    parts.append(f"<th class=num>total<br><span class=nb>of {fmt(sum(summary['assignment_max'].values()))}</span></th>"
                 "<th>notebooks (feedback pages)</th></tr></thead><tbody>")
    by_student = defaultdict(list)
    for r in summary["rows"]:
        by_student[r["student"]].append(r)
    for s in summary["students"]:
        got = summary["totals"].get(s, {})
        cells = "".join(f"<td class=num>{fmt(got[a]) if a in got else '–'}</td>" for a in summary["assignments"])
        links = []
        for r in by_student[s]:
            label = f"{e(r['notebook'].removesuffix('.ipynb'))} {fmt(r['score'])}/{fmt(r['max_score'])}"
            flag = "" if r["status"] == "ok" else f" <span class='flag st-{e(r['status'])}' title='{e(r['message'])}'>{e(r['status'])}</span>"
            page_file = out / "feedback" / r["student"] / r["assignment"] / (Path(r["notebook"]).stem + ".html")
            links.append(f"<a href=\"{e(feedback_href(r))}\">{label}</a>{flag}" if page_file.is_file()
                         else f"{label}{flag}")
        parts.append(f"<tr><td>{e(s)}</td>{cells}<td class=num><b>{fmt(sum(got.values()))}</b></td>"
                     f"<td class=links>{' · '.join(links)}</td></tr>")
    parts.append("</tbody></table>")
    parts.append(f'<script type="application/json" id="report-data">{blob}</script>\n<script>{JS}</script>\n</body></html>\n')
    return "\n".join(parts)


CSS = """
body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 1.5rem auto; max-width: 1180px;
       padding: 0 1rem; color: #1d2330; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #d8dce3; padding-bottom: .2rem; }
.lead { color: #4a5160; } nav { margin: .6rem 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e6e9ef; vertical-align: top; }
th { background: #f3f5f8; font-weight: 600; } td.num, th.num { text-align: right; white-space: nowrap; }
.nb { color: #6a7180; font-size: .85em; font-weight: normal; } .count { color: #6a7180; }
ul { margin: 0; padding-left: 1.1rem; } code { font-size: .88em; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: .8rem; }
.report-plot { height: 260px; border: 1px solid #e6e9ef; border-radius: 4px; }
.wide.report-plot { height: auto; min-height: 240px; }
.note { background: #fff7e0; border-left: 4px solid #e0a800; padding: .5rem .8rem; }
.flag { font-size: .8em; padding: 0 .3rem; border-radius: 3px; background: #fde2e1; color: #8a1c17; }
.flag.st-tampered { background: #fff0c2; color: #6b4e00; } .flag.st-missing { background: #eceef2; color: #4a5160; }
td.links { font-size: .9em; }
"""

JS = """
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var config = { displaylogo: false, responsive: true };
  function histogram(parent, spec, i) {
    var div = document.createElement('div');
    div.className = 'report-plot';
    div.id = parent.id + '-' + i;
    parent.appendChild(div);
    Plotly.newPlot(div, [{ type: 'histogram', x: spec.values, marker: { color: '#3465a4' },
      xbins: { start: spec.start, end: spec.end, size: spec.size },
      hovertemplate: '%{y} students at %{x} points<extra></extra>' }],
      { title: { text: spec.title, font: { size: 14 } }, margin: { l: 45, r: 15, t: 40, b: 45 }, bargap: 0.08,
        xaxis: { title: { text: spec.xlabel }, range: [spec.start, spec.end] },
        yaxis: { title: { text: 'students' }, rangemode: 'tozero' } }, config);
  }
  data.assignments.forEach(function (s, i) { histogram(document.getElementById('assignment-charts'), s, i); });
  data.notebooks.forEach(function (s, i) { histogram(document.getElementById('notebook-charts'), s, i); });
  var box = document.getElementById('failed-chart');
  if (box && data.failed.labels.length) {
    box.className += ' report-plot';
    box.style.height = (90 + 26 * data.failed.labels.length) + 'px';
    Plotly.newPlot(box, [{ type: 'bar', orientation: 'h', x: data.failed.rates, y: data.failed.labels,
      text: data.failed.text, textposition: 'auto', marker: { color: '#c4452b' },
      hovertemplate: '%{y}: %{x}% of graded notebooks (%{text})<extra></extra>' }],
      { title: { text: 'Test cells most often failed', font: { size: 14 } },
        margin: { l: 260, r: 20, t: 40, b: 45 },
        xaxis: { title: { text: '% of graded notebooks that lost points' }, range: [0, 100] } }, config);
  }
})();
"""


def write_if_changed(path: Path, data: bytes) -> None:
    if not path.is_file() or path.read_bytes() != data:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)


def write_report(out: Path) -> list[Path]:
    """OUT/report.html (+ report_files/plotly.min.js) and OUT/gradebook_lms.csv from OUT's CSV files."""
    out = Path(out)
    grades_csv = out / "grades.csv"
    if not grades_csv.is_file():
        raise ReportError(f"{grades_csv} does not exist: run `environment/workbook grade --submitted DIR --out {out}` first")
    if not PLOTLY.is_file():
        raise ReportError(f"{PLOTLY} is missing: run `environment/workbook setup` (it installs the npm assets)")
    grades = read_table(grades_csv, GRADE_COLUMNS)
    cells_csv = out / "cells.csv"
    cells = read_table(cells_csv, CELL_COLUMNS) if cells_csv.is_file() else None
    summary = summarise(grades, cells)
    (out / "report_files").mkdir(exist_ok=True)
    write_if_changed(out / "report_files" / "plotly.min.js", PLOTLY.read_bytes())
    write_if_changed(out / "gradebook_lms.csv", lms_csv(summary).encode("utf-8"))
    write_if_changed(out / "report.html", page(summary, cells is not None, out).encode("utf-8"))
    return [out / "report.html", out / "gradebook_lms.csv"]


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] in ("-h", "--help"):
        print("usage: grading_report.py OUT   (the --out folder of a grade run: reads grades.csv and cells.csv,\n"
              "       writes report.html, report_files/ and gradebook_lms.csv)", file=sys.stderr)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    try:
        for p in write_report(Path(argv[0])):
            print(f"wrote {p}")
    except ReportError as e:
        print(f"grading_report: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
