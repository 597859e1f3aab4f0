"""The course site (`environment/workbook site`): every course notebook executed and rendered offline
with Jupyter Book 1, then opened in headless Chromium from a local server and from file://.

The real site is built once per session into target/site (a no-change rebuild reuses the execution
cache and stops with "up to date"); the cache and failure behaviour is tested on a tiny course of its
own in a temporary folder. Screenshots: target/site-screenshots/. Times: target/site-times.json.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import site_build
from conftest import ENV, ROOT, TARGET, course_notebooks

SITE = TARGET / "site"
SHOTS = TARGET / "site-screenshots"
TIMES = TARGET / "site-times.json"
VENV = ROOT / ".venv"


def run_site(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    start = time.monotonic()
    proc = subprocess.run([str(ENV / "workbook"), "site", *args], capture_output=True, text=True, timeout=1800)
    return proc, time.monotonic() - start


def record_time(key: str, seconds: float) -> None:
    times = json.loads(TIMES.read_text()) if TIMES.is_file() else {}
    times[key] = round(seconds, 1)
    TIMES.write_text(json.dumps(times, indent=1))


@pytest.fixture(scope="session")
def built_site() -> dict:
    proc, seconds = run_site()
    assert proc.returncode == 0, f"workbook site failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"
    if "rendering" in proc.stdout:
        record_time("build_seconds" if "executing" in proc.stdout else "render_only_seconds", seconds)
    return {"output": proc.stdout, "seconds": seconds,
            "manifest": json.loads((SITE / site_build.MANIFEST).read_text())}


def top_level_course() -> list[str]:
    return [p.relative_to(ROOT).as_posix() for p in course_notebooks() if p.parent == ROOT / "notebooks"]


# ------------------------------------------------------------------------------------------ the build

def test_site_has_a_page_per_course_notebook_in_file_name_order(built_site):
    sources = [p["source"] for p in built_site["manifest"]["pages"] if p["source"].startswith("notebooks/")]
    assert sources == top_level_course()
    intro = (SITE / "intro.html").read_text()
    toc = intro[intro.find('class="toctree-wrapper'):]
    linked = [h for h in re.findall(r'href="(notebooks/[^"#]+\.html)"', toc) if h != "notebooks/README.html"]
    assert list(dict.fromkeys(linked)) == [s[:-len(".ipynb")] + ".html" for s in sources]


def test_no_change_rebuild_executes_nothing_and_says_up_to_date(built_site):
    proc, seconds = run_site()
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "up to date" in proc.stdout and "executing" not in proc.stdout, proc.stdout
    record_time("no_change_rebuild_seconds", seconds)


def test_pages_reference_nothing_on_the_network(built_site):
    assert site_build.network_references(SITE) == []
    for page in SITE.rglob("*.html"):
        text = page.read_text()
        for needle in ("cdn.jsdelivr", "cdnjs.", "unpkg.com", "fonts.googleapis", "mathjax@", "cdn.plot.ly"):
            assert needle not in text, f"{page.relative_to(SITE)} names {needle}"


def test_pages_include_no_requirejs(built_site):
    # if a page ever gains RequireJS, lrlab-amd-off.js/-on.js keep plotly's UMD from registering as a module
    for page in SITE.rglob("*.html"):
        assert not re.search(r'<script[^>]*src="[^"]*/require(\.min)?\.js', page.read_text()), page


def test_every_notebook_page_loads_the_one_shared_local_plotly_and_mathjax(built_site):
    local = (ENV / "node_modules" / "plotly.js-dist-min" / "plotly.min.js").read_bytes()
    assert (SITE / "_static" / "plotly.min.js").read_bytes() == local
    assert (SITE / "_static" / "mathjax" / "tex-chtml.js").is_file()
    for entry in built_site["manifest"]["pages"]:
        html = (SITE / entry["page"]).read_text()
        scripts = re.findall(r'<script[^>]*src="([^"]*plotly[^"]*)"', html)
        assert [s.split("?")[0].rsplit("/", 1)[-1] for s in scripts] == ["plotly.min.js"], entry["page"]
        assert len(html) < len(local), f"{entry['page']} seems to inline plotly.js"
        assert html.count('class="lrlab-plot"') == entry["charts"], entry["page"]


def test_every_notebook_page_has_prev_and_next_links(built_site):
    for entry in built_site["manifest"]["pages"]:
        html = (SITE / entry["page"]).read_text()
        assert 'class="left-prev"' in html, f"{entry['page']} has no link to the previous page"
    last = built_site["manifest"]["pages"][-1]["page"]
    for entry in built_site["manifest"]["pages"][:-1]:
        assert 'class="right-next"' in (SITE / entry["page"]).read_text(), f"{entry['page']} has no next link"
    assert 'class="right-next"' not in (SITE / last).read_text()


def test_code_is_highlighted_as_java_and_tables_are_styled(built_site):
    first = SITE / built_site["manifest"]["pages"][0]["page"]
    html = first.read_text()
    assert 'class="highlight-java' in html
    assert "lrlab-site.css" in html
    css = (SITE / "_static" / "lrlab-site.css").read_text()
    assert "table.lrlab-table" in css


def test_every_notebook_page_links_to_opening_it_in_jupyterlab(built_site):
    for entry in built_site["manifest"]["pages"]:
        html = (SITE / entry["page"]).read_text()
        name = re.escape(Path(entry["source"]).name) if entry["source"].startswith("notebooks/") else ""
        assert re.search(rf'class="lrlab-open-lab"><a [^>]*href="[^"]*/lab(/tree/[^"]*{name})?"', html), \
            f"{entry['page']} has no 'Open in JupyterLab' link"


def test_exercise_pages_are_student_versions_only(built_site):
    release = TARGET / "nbgrader" / "release"
    exercises = [e for e in built_site["manifest"]["pages"] if e["source"].startswith("exercises/")]
    assert len(exercises) == len(list(release.glob("*/*.ipynb")))
    for entry in built_site["manifest"]["pages"]:
        assert "/source/" not in entry["source"] and not entry["source"].startswith("notebooks/exercises")
    for entry in exercises:
        assert entry["student_version"].startswith("nbgrader/release/")
        assert (TARGET / entry["student_version"]).read_bytes() == (SITE.parent / "site-work" / "src" /
                                                                    entry["source"]).read_bytes()
    for page in (SITE / "exercises").rglob("*.html") if (SITE / "exercises").is_dir() else []:
        text = page.read_text()
        assert not any(m in text for m in site_build.SOLUTION_MARKERS), page


# ------------------------------------------------------------------------------------------ the browser

@pytest.fixture(scope="session")
def site_server(built_site):
    handler = partial(QuietHandler, directory=str(SITE))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def browse(where: str, shots: Path | None) -> dict:
    cmd = ["node", str(ENV / "tools" / "site_browser_check.mjs"), str(SITE), where]
    if shots:
        cmd.append(str(shots))
    proc = subprocess.run(cmd, cwd=ENV, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"browser check crashed:\n{proc.stderr[-3000:]}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def problems(report: dict) -> list[str]:
    found = []
    for p in report["pages"]:
        where = f"[{report['mode']}] {p['page']}"
        found += [f"{where}: console error: {e}" for e in p["consoleErrors"]]
        found += [f"{where}: loaded from the network: {u}" for u in p["networkRequests"]]
        if "chartsDrawn" not in p:
            continue
        if not (p["chartsDrawn"] == p["plotContainers"] == p["charts"]):
            found.append(f"{where}: {p['chartsDrawn']} of {p['plotContainers']} chart containers drew, "
                         f"the notebook made {p['charts']}")
        found += [f"{where}: chart {c} has no visible title" for c in p["untitledCharts"]]
        found += [f"{where}: raw TeX left: {t!r}" for t in p["rawTex"]]
        found += [f"{where}: link does not resolve: {link}" for link in p["brokenLinks"]]
        found += [f"{where}: slider of {s['id']} did not move its chart ({s['detail']})"
                  for s in p["sliders"] if not s["moved"]]
    return found


def test_every_page_works_in_chromium_from_a_local_server(built_site, site_server):
    report = browse(site_server, SHOTS)
    manifest = built_site["manifest"]
    assert len(report["pages"]) == len(manifest["pages"]) + len(manifest.get("other_pages", [])) + 4
    search = next(p for p in report["pages"] if p["page"] == "search.html")
    assert search.get("searchHits", 0) >= 1, "offline search found nothing for 'learning'"
    sliders = sum(len(p.get("sliders", [])) for p in report["pages"])
    assert sliders == sum(p["sliders"] for p in built_site["manifest"]["pages"])
    assert not problems(report), "\n".join(problems(report))
    assert len(list(SHOTS.glob("*.png"))) >= len(report["pages"])


def test_every_page_works_in_chromium_from_file_urls(built_site):
    report = browse("file", None)
    assert not problems(report), "\n".join(problems(report))


# ------------------------------------------------------------------ cache and failure, on a tiny course

def tiny_notebook(*cells: tuple[str, str]) -> str:
    return json.dumps({
        "cells": [{"cell_type": kind, "metadata": {}, "source": text,
                   **({"outputs": [], "execution_count": None} if kind == "code" else {})}
                  for kind, text in cells],
        "metadata": {"kernelspec": {"name": "java", "display_name": "Java (lrlab)", "language": "java"}},
        "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture(scope="module")
def tiny_course(tmp_path_factory):
    """A course of two one-cell notebooks, built once: root, out dir and the first build's output."""
    root = tmp_path_factory.mktemp("tiny-course")
    (root / "environment").symlink_to(ENV)
    (root / "notebooks").mkdir()
    (root / "notebooks" / "01_a.ipynb").write_text(tiny_notebook(("markdown", "# A"), ("code", "int a = 1 + 1;\na")))
    (root / "notebooks" / "02_b.ipynb").write_text(tiny_notebook(("markdown", "# B"), ("code", "int b = 2;\nb")))
    out = root / "out" / "site"
    first = build_tiny(root, out)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-2000:]
    assert "executing notebooks/01_a.ipynb" in first.stdout and "executing notebooks/02_b.ipynb" in first.stdout
    return root, out


def build_tiny(root: Path, out: Path, target: Path = TARGET) -> subprocess.CompletedProcess:
    env = dict(os.environ, LRLAB_TARGET=str(target), JUPYTER_PATH=str(VENV / "share" / "jupyter"),
               JUPYTER_DATA_DIR=str(VENV / "share" / "jupyter"),
               PATH=f"{VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run([sys.executable, str(ENV / "tools" / "site_build.py"), "--root", str(root),
                           "--out", str(out)], capture_output=True, text=True, env=env, timeout=900)


def executed_in(output: str) -> list[str]:
    return re.findall(r"^site: executing (\S+) \.\.\.$", output, re.M)


def test_a_tiny_rebuild_with_nothing_changed_executes_nothing(tiny_course):
    root, out = tiny_course
    proc = build_tiny(root, out)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "up to date" in proc.stdout and executed_in(proc.stdout) == []


def test_changing_one_notebook_re_executes_only_that_one(tiny_course):
    root, out = tiny_course
    nb = root / "notebooks" / "02_b.ipynb"
    nb.write_text(tiny_notebook(("markdown", "# B, edited"), ("code", "int b = 3;\nb")))
    proc = build_tiny(root, out)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "cached    notebooks/01_a.ipynb" in proc.stdout, proc.stdout
    assert executed_in(proc.stdout) == ["notebooks/02_b.ipynb"], proc.stdout
    assert "B, edited" in (out / "notebooks" / "02_b.html").read_text()


def test_a_new_notebook_joins_the_table_of_contents_without_editing_it(tiny_course):
    root, out = tiny_course
    (root / "notebooks" / "03_added.ipynb").write_text(tiny_notebook(("markdown", "# Added"), ("code", "3")))
    proc = build_tiny(root, out)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert executed_in(proc.stdout) == ["notebooks/03_added.ipynb"], proc.stdout
    intro = (out / "intro.html").read_text()
    toc = intro[intro.find('class="toctree-wrapper'):]
    linked = re.findall(r'href="(notebooks/0[^"#]+\.html)"', toc)
    assert list(dict.fromkeys(linked)) == ["notebooks/01_a.html", "notebooks/02_b.html", "notebooks/03_added.html"]
    assert 'class="right-next"' in (out / "notebooks" / "02_b.html").read_text()


@pytest.mark.parametrize("name, cells, expected", [
    ("04_fails", [("markdown", "# C"), ("code", "int c = 1;"), ("code", 'throw new IllegalStateException("boom");')],
     r"notebooks/04_fails\.ipynb failed to execute: cell 3\b.*boom"),
    ("04_noisy", [("markdown", "# N"), ("code", 'System.err.println("noise on stderr");')],
     r"notebooks/04_noisy\.ipynb failed to execute: cell 2 wrote to stderr: noise on stderr"),
], ids=["error", "stderr"])
def test_failing_notebook_fails_the_build_naming_it_and_its_cell_and_keeps_the_previous_site(tiny_course, name,
                                                                                             cells, expected):
    root, out = tiny_course
    before = (out / site_build.MANIFEST).read_text()
    nb = root / "notebooks" / f"{name}.ipynb"
    nb.write_text(tiny_notebook(*cells))
    try:
        proc = build_tiny(root, out)
        assert proc.returncode == 1, proc.stdout[-3000:]
        assert re.search(expected, proc.stdout), proc.stdout
        assert (out / site_build.MANIFEST).read_text() == before
        assert not (out / "notebooks" / f"{name}.html").exists()
        assert (out / "notebooks" / "02_b.html").is_file()
        again = build_tiny(root, out)         # a failure is not cached: the next build executes it again
        assert executed_in(again.stdout) == [f"notebooks/{name}.ipynb"] and again.returncode == 1, again.stdout
    finally:
        nb.unlink()


def test_a_notebook_outside_the_course_naming_is_refused_with_the_fix(tiny_course):
    root, out = tiny_course
    stray = root / "notebooks" / "scratch.ipynb"
    stray.write_text(tiny_notebook(("code", "1")))
    try:
        proc = build_tiny(root, out)
    finally:
        stray.unlink()
    assert proc.returncode == 1
    assert "notebooks/scratch.ipynb is not named like a course notebook: name it NN_title.ipynb" in proc.stdout


def test_a_new_library_build_clears_the_execution_cache(tiny_course, tmp_path):
    root, out = tiny_course
    target = tmp_path / "target"
    (target / "lib").mkdir(parents=True)
    for jar in (TARGET / "lib").glob("*.jar"):
        (target / "lib" / jar.name).symlink_to(jar)
    # another library build: the same jar with one more (empty) entry, so its bytes differ
    import zipfile
    shutil.copyfile(TARGET / "lrlab.jar", target / "lrlab.jar")
    with zipfile.ZipFile(target / "lrlab.jar", "a") as jar:
        jar.writestr("lrlab-test-marker.txt", "")
    proc = build_tiny(root, out, target)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "library build changed" in proc.stdout and "clearing the execution cache" in proc.stdout
    assert sorted(executed_in(proc.stdout)) == sorted(f"notebooks/{p.name}" for p in (root / "notebooks").glob("*.ipynb"))
    assert json.loads((out / site_build.MANIFEST).read_text())["library"] == site_build.library_key(target)


# ----------------------------------------------------------------------------------------- Binder

def test_binder_config_runs_the_workbook_set_up():
    binder = ROOT / ".binder"
    apt = (binder / "apt.txt").read_text().split()
    for pkg in ("openjdk-17-jdk-headless", "maven", "nodejs", "npm"):
        assert pkg in apt
    post = binder / "postBuild"
    assert os.access(post, os.X_OK) and os.access(binder / "start", os.X_OK)
    assert "environment/workbook setup" in post.read_text()
    assert "JUPYTER_PATH" in (binder / "start").read_text()
