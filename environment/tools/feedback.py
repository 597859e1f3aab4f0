"""Feedback pages that keep hidden tests hidden, and the per-test-cell results of a graded notebook.

nbgrader restores the hidden tests into the autograded notebook, so its own feedback page shows their
source (nbgrader issue 1363). Here the page is rendered from the autograded notebook after:
  * every locked cell (test cells included) shows the source the student was given (the release
    version, where the hidden part is already cut out);
  * a graded test cell's outputs are replaced by one result line: its name, points earned / possible and,
    when it failed, the failure message (exception type and message; for a cell that does not compile,
    the compiler's diagnostics without the source lines JJava quotes), cut at 300 characters;
  * any other output that contains a line of hidden test code (a student's code can read the snippets of
    its own kernel) has that line replaced.
`show_hidden=True` renders nbgrader's page as it is (`grade --show-hidden-tests`).
"""
from __future__ import annotations

import html
import os
import re
import threading
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
REMOVED = "[hidden test code removed]"
MESSAGE_CHARS = 300


def one_line(text: str) -> str:
    return " ".join(ANSI.sub("", text).split())


def failure_message(out) -> str:
    """What went wrong in an error output, without quoting code."""
    ename, evalue = out.get("ename", "") or "", out.get("evalue", "") or ""
    if ename == "CompilationException":
        lines = [ANSI.sub("", ln).strip() for ln in out.get("traceback", []) or []]
        diag = [ln for ln in lines if ln and not ln.startswith("|")]
        return one_line("does not compile: " + "; ".join(diag)) if diag else "does not compile"
    if ename == "CellTimeoutError":
        return "CellTimeoutError: the cell ran past the cell timeout"
    m = re.match(r"^([\w.$]+), (.*)$", evalue, re.S)  # JJava wraps as RuntimeException("Type, message")
    if ename == "RuntimeException" and m:
        return one_line(f"{m.group(1)}: {m.group(2)}")
    return one_line(f"{ename}: {evalue}".strip(": ")) or "error"


def cut(text: str, n: int = MESSAGE_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def hidden_lines(source_nb, release_nb, begin: str, end: str) -> list[str]:
    """The lines of hidden test code of a source notebook that the student never saw (stripped, ≥ 12
    characters, not in the release), longest first."""
    visible = "\n".join(c.source for c in release_nb.cells)
    found: set[str] = set()
    for c in source_nb.cells:
        inside = False
        for line in c.source.splitlines():
            if begin in line:
                inside = True
                continue
            if end in line:
                inside = False
                continue
            s = line.strip()
            if inside and len(s) >= 12 and s not in visible:
                found.add(s)
    return sorted(found, key=len, reverse=True)


def scrub(text: str, hidden: list[str]) -> str:
    for line in hidden:
        if line in text:
            text = text.replace(line, REMOVED)
    return text


def is_test(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def test_results(nb) -> list[tuple[str, float, float, str]]:
    """(grade_id, points, max_points, failure message or '') of every graded test cell, in notebook order;
    points come from the gradebook (GetGrades has put them into the cell metadata)."""
    rows = []
    for c in nb.cells:
        if not is_test(c):
            continue
        meta = c.metadata.nbgrader
        score, points = float(meta.get("score") or 0), float(meta.get("points") or 0)
        message = ""
        for o in c.get("outputs", []):
            if o.get("output_type") == "error":
                message = failure_message(o)
                break
        if not message and score < points:
            message = "no points (the cell produced no error output)"
        rows.append((meta["grade_id"], score, points, cut(message)))
    return rows


def result_output(grade_id: str, score: float, points: float, message: str):
    import nbformat
    ok = not message and score >= points
    plain = f"{grade_id}: {score:g} / {points:g} points" + ("" if ok else f" — {message or 'failed'}")
    colour = "#2e7d32" if ok else "#c62828"
    body = (f"<div class='lrlab-test-result' style='border-left:4px solid {colour};padding:0.3em 0.6em'>"
            f"<b>{html.escape(grade_id)}</b>: {score:g} / {points:g} points"
            + ("" if ok else f"<br><span style='color:{colour}'>{html.escape(message or 'failed')}</span>")
            + "</div>")
    return nbformat.v4.new_output("display_data", data={"text/html": body, "text/plain": plain})


def hide_tests(nb, release_nb, hidden: list[str], results: list[tuple[str, float, float, str]]) -> None:
    """In place: release sources for locked cells, one result per test cell, hidden code scrubbed."""
    released = {c.metadata["nbgrader"]["grade_id"]: c.source for c in release_nb.cells
                if isinstance(c.metadata.get("nbgrader"), dict) and "grade_id" in c.metadata["nbgrader"]}
    by_id = {r[0]: r for r in results}
    for c in nb.cells:
        meta = c.get("metadata", {}).get("nbgrader", {})
        gid = meta.get("grade_id")
        if meta.get("locked") or is_test(c):
            c.source = released.get(gid, "// (the test code of this cell is not shown)")
        if c.cell_type != "code":
            continue
        if is_test(c) and gid in by_id:
            c.outputs = [result_output(*by_id[gid])]
            continue
        for o in c.outputs:
            if "text" in o:
                o["text"] = scrub(o["text"], hidden)
            for mime, val in list(o.get("data", {}).items()):
                if isinstance(val, str):
                    o["data"][mime] = scrub(val, hidden)
            if o.get("output_type") == "error":
                o["evalue"] = scrub(o.get("evalue", ""), hidden)
                o["traceback"] = [scrub(t, hidden) for t in o.get("traceback", [])]


_LOCAL = threading.local()


def render(nb, resources: dict) -> str:
    """nbgrader's feedback page (its template and CSS) for an autograded notebook whose grades are in
    resources['nbgrader'] (GetGrades has been applied). One exporter per thread, made once."""
    exporter = getattr(_LOCAL, "exporter", None)
    if exporter is None:
        import nbgrader
        from nbconvert.exporters import HTMLExporter
        from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
        from traitlets.config import Config
        base = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader"
        c = Config()
        c.HTMLExporter.template_name = "feedback"
        c.HTMLExporter.extra_template_basedirs = [str(base / "templates")]
        c.HTMLExporter.extra_template_paths = [str(base / "static" / "node_modules" / "bootstrap" / "dist" / "css")]
        exporter = HTMLExporter(config=c)
        exporter.register_preprocessor(CSSHTMLHeaderPreprocessor, enabled=True)
        _LOCAL.exporter = exporter
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def write_page(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
