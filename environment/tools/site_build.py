"""Builds the lrlab course site: every course notebook executed through the real Java kernel, rendered
by Jupyter Book 1 (Sphinx + MyST-NB + sphinx-book-theme) into a self-contained static folder.

Jupyter Book does the work it is designed for; this script prepares its inputs and checks its output:
  1. stage: a Jupyter Book source folder DIR-work/src with the book's frame from environment/book/
     (_config.yml, the glob table of contents _toc.yml, intro.md, the extension and its assets),
     local plotly.js and MathJax in _assets/ (Sphinx copies them to _static/), notebooks/README.md and
     the course notebooks notebooks/NN_*.ipynb as they are (no outputs), and the exercises in their
     student form: the versions `environment/workbook assign` writes to target/nbgrader/release/ (a page
     carrying an nbgrader solution marker fails the build), as exercises/<notebook>.ipynb. Files are
     only rewritten when their bytes change, so Sphinx re-reads only what changed.
  2. execution cache: Jupyter Book executes notebooks itself (`execute_notebooks: cache`), through the
     real kernel, and keeps the executed copies in jupyter-cache (DIR-cache/), keyed by the notebook's
     code. The cache is cleared when the library build (target/lrlab.jar, target/lib/*.jar) changes. A
     copy that `workbook run` or the notebook tests executed after the last library build is added to
     the cache first (jupyter-cache's own API), so those notebooks are not executed twice.
  3. render: `jupyter-book build` into DIR-work/_build/html (incremental; --all when the frame changed).
  4. check + swap: every course notebook must have an executed copy in the cache without an error or
     stderr output (else the build fails naming the notebook and the cell); the HTML is copied aside,
     checked for any http(s) script/style/font/image reference, a manifest lrlab-site.json is written,
     and the copy replaces DIR in one rename. On any failure DIR (the previous good site) stays as it was.
If nothing changed since the site in DIR was built, the build stops after step 1: "up to date".

usage: site_build.py --root ROOT [--out DIR] [--timeout SECONDS] [--lab-url URL]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

# jupyter-cache and nbformat are imported only when something must be built: a no-change rebuild
# should not pay for their import
sys.path.insert(0, str(Path(__file__).resolve().parent))

MANIFEST = "lrlab-site.json"
LIBRARY_KEY_FILE = "lrlab-library.key"
DEFAULT_LAB_URL = "http://127.0.0.1:8888"
SOLUTION_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS")
# the course is notebooks/NN_name.ipynb; the table of contents (environment/book/_toc.yml) globs them
COURSE_NAME = re.compile(r"^[0-9][0-9A-Za-z_.-]*\.ipynb$")


class BuildError(Exception):
    """A failure that stops the build; its message names the notebook (and cell) at fault."""


def say(msg: str) -> None:
    print(f"site: {msg}", flush=True)


# ---------------------------------------------------------------------------------------------- inputs

def course_notebooks(root: Path) -> list[Path]:
    """The course in order: notebooks/NN_name.ipynb sorted by file name; any other notebook there is an
    error (the table of contents globs notebooks/[0-9]*, so it would silently be left out)."""
    found = sorted(p for p in (root / "notebooks").glob("*.ipynb") if p.is_file())
    stray = [p.name for p in found if not COURSE_NAME.match(p.name)]
    if stray:
        raise BuildError(f"notebooks/{stray[0]} is not named like a course notebook: name it NN_title.ipynb "
                         f"(two digits give its place in the course, e.g. 10_{stray[0]})")
    return found


def release_notebooks(target: Path) -> list[Path]:
    """Student versions written by `workbook assign`: target/nbgrader/release/<assignment>/*.ipynb."""
    release = target / "nbgrader" / "release"
    if not release.is_dir():
        return []
    # in exercise order: by file name (01_..., 02_...) across assignments
    return sorted((p for p in release.glob("*/*.ipynb") if p.is_file() and ".ipynb_checkpoints" not in p.parts),
                  key=lambda p: (p.name, p.parent.name))
def ensure_releases(root: Path, target: Path) -> None:
    """Runs `environment/workbook assign` (the grade verb) when the student versions are missing or
    older than the exercise sources; nothing to do while there are no exercises."""
    sources = [p for p in (root / "notebooks" / "exercises" / "source").rglob("*.ipynb")
               if ".ipynb_checkpoints" not in p.parts]
    assign = root / "environment" / "verbs" / "assign"
    if not sources or not assign.is_file():
        return
    released = release_notebooks(target)
    newest_source = max(p.stat().st_mtime for p in sources)
    if len(released) >= len(sources) and min(p.stat().st_mtime for p in released) >= newest_source:
        return
    say("writing the exercises' student versions (environment/workbook assign) ...")
    proc = subprocess.run([str(root / "environment" / "workbook"), "assign", "--out", str(target / "nbgrader")],
                          cwd=root, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BuildError(f"environment/workbook assign failed:\n{(proc.stdout + proc.stderr)[-2000:]}")


def library_key(target: Path) -> str:
    """Hash of the library build the kernel loads: target/lrlab.jar and target/lib/*.jar."""
    jar = target / "lrlab.jar"
    if not jar.is_file():
        raise BuildError(f"{jar} is missing: build the library first (environment/workbook run sets it up)")
    h = hashlib.sha256()
    for p in [jar] + sorted((target / "lib").glob("*.jar")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def exercise_pages(releases: list[Path]) -> list[tuple[str, Path]]:
    """exercises/<notebook>.ipynb for each student version (one folder, so the glob keeps their numbers'
    order across assignments); two assignments with a notebook of the same name are an error."""
    pages: dict[str, Path] = {}
    for nb in releases:
        rel = f"exercises/{nb.name}"
        if rel in pages:
            raise BuildError(f"two exercises are named {nb.name} ({pages[rel].parent.name} and {nb.parent.name}): "
                             f"rename one of the sources under notebooks/exercises/source/")
        pages[rel] = nb
    return list(pages.items())


# ------------------------------------------------------------------------------------------- execution

def open_cache(path: Path, lib: str):
    """Jupyter Book's execution cache (jupyter-cache), cleared when the library build changed."""
    from jupyter_cache import get_cache
    cache = get_cache(str(path))
    key_file = path / LIBRARY_KEY_FILE
    known = key_file.read_text().strip() if key_file.is_file() else None
    if known != lib:
        if (path / "global.db").exists():
            say(f"library build changed ({known} -> {lib}): clearing the execution cache {path}")
        cache.clear_cache()
        cache = get_cache(str(path))
        cache.list_cache_records()          # creates the folder and its database
        key_file.write_text(lib + "\n")
    return cache


def read_notebook(path: Path):
    import warnings
    import nbformat
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # e.g. cells without ids in hand-written notebooks
        return nbformat.read(path, as_version=4)


def executed_notebook(cache, source: Path):
    """The executed copy of source in the cache (matched by its code cells) and its cache record, or None."""
    nb = read_notebook(source)
    try:
        record = cache.match_cache_notebook(nb)
    except KeyError:
        return None
    return cache.merge_match_into_notebook(nb)[1], record


def adopt(cache, source: Path, staged: Path, executed: Path) -> bool:
    """Adds a clean copy that `workbook run` executed to the cache, under the staged notebook's code."""
    from jupyter_cache.base import CacheBundleIn, NbValidityError
    nb = read_notebook(source)
    ran = read_notebook(executed)
    for cell, done in zip(nb.cells, ran.cells):
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = done.get("outputs", []), done.get("execution_count")
    try:
        cache.cache_notebook_bundle(CacheBundleIn(nb, str(staged), data={"adopted_from": str(executed)}),
                                    check_validity=True, overwrite=True)
    except NbValidityError:
        return False
    return True


def execution_failure(cache, staged: Path) -> str:
    """Why Jupyter Book has no executed copy of staged (a timeout, a dead kernel, a kernel that did not
    start): the last line of the traceback jupyter-cache recorded, with the cell where it happened (found
    by its source among the notebook's cells). Errors inside cells are not here: they are kept in the
    executed copy (allow_errors), and check_executed names them."""
    import run_notebooks
    try:
        record = cache.get_project_record(str(staged))
        text = record.traceback or ""
    except KeyError:
        text = ""
    if not text:
        return "it was not executed (see the jupyter-book log)"
    last = text.strip().splitlines()[-1]
    for kind, what in (("CellTimeoutError", "timed out"), ("DeadKernelError", "the kernel died")):
        if kind in text:
            return f"{what} ({run_notebooks.first_error_line(last)})"
    m = re.search(r"the following cell:\n-+\n(.*?)\n-+\n", text, re.S)
    if not m:
        return run_notebooks.first_error_line(re.sub(r"\x1b\[[0-9;]*m", "", last))
    cells = read_notebook(staged).cells
    index = next((i for i, c in enumerate(cells, start=1)
                  if c.cell_type == "code" and c.source.strip() == m.group(1).strip()), None)
    return f"{f'cell {index}' if index else 'a cell'}: {run_notebooks.first_error_line(last)}"


def check_executed(cache, rel: str, staged: Path) -> dict:
    """The executed copy of a course notebook, which must exist and hold no error and no stderr output;
    a copy that fails is dropped from the cache, so the next build executes the notebook again."""
    import run_notebooks
    found = executed_notebook(cache, staged)
    if found is None:
        raise BuildError(f"{rel} failed to execute: {execution_failure(cache, staged)}")
    nb, record = found
    problem = run_notebooks.error_problem(nb) or run_notebooks.stderr_problem(nb)
    if problem:
        cache.remove_cache(record.pk)
        raise BuildError(f"{rel} failed to execute: {problem}")
    return nb


def adoptable_run(nb_path: Path, rel: str, root: Path) -> Path | None:
    """The copy `workbook run` (and the notebook tests) left in target/executed/<rel>, if it is an
    execution of exactly this notebook against the current library build: same cells, same kernel,
    written after target/lrlab.jar and every target/lib jar, every code cell executed, no error, no
    stderr. Saves running each notebook twice in `workbook test` (notebook tests, then the site)."""
    target = Path(os.environ.get("LRLAB_TARGET", root / "target"))
    executed = target / "executed" / rel
    try:
        if not executed.is_file():
            return None
        jars = [target / "lrlab.jar"] + list((target / "lib").glob("*.jar"))
        newest_build = max(j.stat().st_mtime for j in jars)
        if executed.stat().st_mtime <= max(newest_build, nb_path.stat().st_mtime):
            return None
        ran, source = json.loads(executed.read_text()), json.loads(nb_path.read_text())
    except (OSError, ValueError):
        return None
    def shape(nb):
        return [(c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"])
                for c in nb.get("cells", [])]
    if shape(ran) != shape(source) or ran.get("metadata", {}).get("kernelspec") != source.get("metadata", {}).get("kernelspec"):
        return None
    for cell in ran["cells"]:
        if cell["cell_type"] != "code":
            continue
        if cell.get("execution_count") is None and "".join(cell["source"]).strip():
            return None
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" or (out.get("output_type") == "stream" and out.get("name") == "stderr"):
                return None
    return executed




def check_student_form(path: Path, rel: str) -> None:
    text = path.read_text()
    for marker in SOLUTION_MARKERS:
        if marker in text:
            raise BuildError(f"{rel} carries the nbgrader marker '{marker}': only student versions "
                             f"(target/nbgrader/release) may be published, never sources or solutions")


def count_outputs(nb: dict) -> dict:
    """Charts and sliders a rendered page must show (from the executed notebook's text/html outputs)."""
    charts = sliders = 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            html = out.get("data", {}).get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if 'class="lrlab-plot"' in html:
                charts += 1
                if '"sliders"' in html:
                    sliders += 1
    return {"charts": charts, "sliders": sliders}


# --------------------------------------------------------------------------------------------- staging

def write_if_changed(path: Path, data: bytes) -> None:
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def sync_tree(src: Path, dst: Path, skip=lambda rel: False) -> set[Path]:
    """Copies the files of src into dst (only those whose bytes differ); returns the dst files."""
    written = set()
    for f in src.rglob("*"):
        rel = f.relative_to(src)
        if f.is_file() and not skip(rel) and "__pycache__" not in rel.parts:
            write_if_changed(dst / rel, f.read_bytes())
            written.add(dst / rel)
    return written


def mathjax_skip(rel: Path) -> bool:
    # the one combined component we load (tex-chtml.js) plus what it loads lazily: fonts, TeX
    # extensions (autoload), menu, accessibility and speech; not the other combined components
    return len(rel.parts) == 1 and rel.name != "tex-chtml.js"


def lab_link(rel: str, lab_url: str, source: Path) -> str:
    """URL opening the page's notebook in JupyterLab.

    A lab_url with "{path}" is a template that gets the repository path of the notebook
    (notebooks/01_x.ipynb), e.g. Binder: https://mybinder.org/v2/gh/OWNER/REPO/HEAD?urlpath=lab/tree/{path}.
    Otherwise lab_url is a JupyterLab started by `workbook lab`, whose root is notebooks/:
    notebooks/01_x.ipynb opens as {lab_url}/lab/tree/01_x.ipynb. Exercise pages point to the student
    version (source) under target/nbgrader/release/ ("{path}" form only; plain form: JupyterLab itself).
    """
    path = rel
    if rel.startswith("exercises/"):
        path = f"target/nbgrader/release/{source.parent.name}/{source.name}"
    if "{path}" in lab_url:
        return lab_url.replace("{path}", path)
    if rel.startswith("notebooks/"):
        return f"{lab_url.rstrip('/')}/lab/tree/{rel[len('notebooks/'):]}"
    # a lab rooted at notebooks/ cannot reach target/nbgrader/release: students get exercises from
    # their course (nbgrader's assignment list or a copy), so the link only opens JupyterLab
    return f"{lab_url.rstrip('/')}/lab"


def stage(root: Path, env: Path, src: Path, pages: list[tuple[str, Path]], lab_url: str, cache: Path,
          timeout: int) -> None:
    book = env / "book"
    node = env / "node_modules"
    keep: set[Path] = set()
    keep |= sync_tree(book, src, skip=lambda rel: rel.name == "_config.yml")
    keep |= sync_tree(node / "mathjax" / "es5", src / "_assets" / "mathjax", skip=mathjax_skip)
    plotly = node / "plotly.js-dist-min" / "plotly.min.js"
    if not plotly.is_file():
        raise BuildError(f"{plotly} is missing (npm assets; environment/workbook sets them up)")
    write_if_changed(src / "_assets" / "plotly.min.js", plotly.read_bytes())
    keep.add(src / "_assets" / "plotly.min.js")

    # the book's configuration plus what only this build knows: the execution cache, the cell
    # timeout, and each page's "Open in JupyterLab" link
    config = yaml.safe_load((book / "_config.yml").read_text())
    config.setdefault("execute", {}).update({"cache": str(cache), "timeout": timeout})
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_config["lrlab_lab_links"] = {rel[:-len(".ipynb")]: lab_link(rel, lab_url, source) for rel, source in pages}
    sphinx_config["lrlab_lab_note"] = (f"at {lab_url.split('?')[0]}: start it with `environment/workbook lab`"
                                       if "{path}" not in lab_url else "")
    write_if_changed(src / "_config.yml", yaml.safe_dump(config, sort_keys=False).encode())
    keep.add(src / "_config.yml")

    # notebooks/README.md (the course overview the notebooks link to) opens the course part
    readme = root / "notebooks" / "README.md"
    if readme.is_file():
        write_if_changed(src / "notebooks" / "README.md", readme.read_bytes())
    else:
        write_if_changed(src / "notebooks" / "README.md", b"# The course\n")
    keep.add(src / "notebooks" / "README.md")
    for rel, path in pages:
        write_if_changed(src / rel, path.read_bytes())
        keep.add(src / rel)
    for f in list(src.rglob("*")):  # a notebook that left the course leaves the site
        if f.is_file() and f not in keep:
            f.unlink()


def tree_hash(folder: Path, extra: str, skip: tuple[str, ...] = ()) -> str:
    h = hashlib.sha256(extra.encode())
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        if f.relative_to(folder).parts[0] in skip:
            continue
        h.update(str(f.relative_to(folder)).encode())
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()[:20]



# ----------------------------------------------------------------------------------------------- render

SPHINX_PROGRESS = re.compile(r"^(reading sources|writing output|copying static|dumping search|building \[)")
# MyST-NB's log lines about execution, e.g. "/…/src/notebooks/01_x.ipynb: Executing notebook using local CWD"
EXECUTING = re.compile(r"(?P<path>\S+?\.ipynb)(?::\d+)?: (?:INFO: |WARNING: )?(?P<what>Executing notebook failed|"
                       r"Executed notebook in (?P<seconds>[0-9.]+) seconds|Executing notebook)")


def render(root: Path, work: Path, src: Path, frame_stamp: str) -> tuple[Path, list[str]]:
    """Runs Jupyter Book (which executes what its cache lacks); returns the HTML folder and the pages it
    executed. Sphinx rebuilds incrementally by page, but it does not notice a change to our extension,
    assets, config or toc: when any of those (the "frame") changed, rebuild all."""
    jb = Path(sys.executable).parent / "jupyter-book"
    log_path = work / "jupyter-book.log"
    cmd = [str(jb), "build", str(src), "--path-output", str(work), "--builder", "html"]
    frame_file = work / "frame.stamp"
    if not frame_file.is_file() or frame_file.read_text() != frame_stamp:
        cmd.append("--all")
        frame_file.unlink(missing_ok=True)
    env = dict(os.environ, PYTHONWARNINGS="ignore", NO_COLOR="1")
    executed: list[str] = []
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                env=env)
        for line in proc.stdout:
            log.write(line)
            text = re.sub(r"\x1b\[[0-9;]*m", "", line).strip()
            m = EXECUTING.search(text)
            if m:
                rel = Path(m.group("path")).resolve().relative_to(src.resolve()).as_posix()
                if m.group("what") == "Executing notebook":
                    say(f"executing {rel} ...")
                    executed.append(rel)
                elif m.group("seconds"):
                    say(f"executed  {rel}  {float(m.group('seconds')):.1f} s")
                else:
                    say(f"FAILED    {rel}")
            elif "WARNING" in text or "ERROR" in text:
                say(f"  sphinx: {text[:300]}")
            elif SPHINX_PROGRESS.match(text) and ("%]" not in text or "100%]" in text):
                say(f"  sphinx: {text[:100]}")
        code = proc.wait()
    if code != 0:
        tail = "".join(log_path.read_text().splitlines(True)[-25:])
        raise BuildError(f"jupyter-book build failed (exit {code}; log {log_path}):\n{tail}")
    html = work / "_build" / "html"
    if not (html / "index.html").is_file():
        raise BuildError(f"jupyter-book build wrote no {html}/index.html (log {log_path})")
    frame_file.write_text(frame_stamp)
    return html, executed


# ----------------------------------------------------------------------------------------------- checks

# a reference that makes the browser fetch something: script/img/iframe src, link href (styles, fonts,
# preload), CSS url()/@import
NETWORK_REF = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?//[^"'\s>]+"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//[^"'\s>]+""", re.I)
CSS_NETWORK_REF = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])(?:https?:)?//[^"')\s]+""", re.I)
# links to external sites are fine (<a href>): they are only followed when clicked
HARMLESS_LINK_RELS = re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?(?:canonical|preconnect|dns-prefetch)""", re.I)


def network_references(site: Path) -> list[str]:
    found = []
    for f in site.rglob("*"):
        if f.suffix == ".html":
            text = f.read_text(errors="replace")
            for m in NETWORK_REF.finditer(text):
                tag_start = text.rfind("<", 0, m.start() + 1)
                tag = text[tag_start:text.find(">", m.end()) + 1]
                if not HARMLESS_LINK_RELS.match(tag):
                    found.append(f"{f.relative_to(site)}: {m.group(0)[:120]}")
        elif f.suffix == ".css":
            for m in CSS_NETWORK_REF.finditer(f.read_text(errors="replace")):
                found.append(f"{f.relative_to(site)}: {m.group(0)[:120]}")
    return found


def strip_harmless_network_links(site: Path) -> None:
    """Removes <link rel=preconnect|dns-prefetch> to other hosts: no content, but a network contact."""
    pattern = re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?(?:preconnect|dns-prefetch)[^>]*>\s*""", re.I)
    for f in site.rglob("*.html"):
        text = f.read_text(errors="replace")
        new = pattern.sub("", text)
        if new != text:
            f.write_text(new)


# ----------------------------------------------------------------------------------------------- main

def swap_into_place(new: Path, out: Path) -> None:
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    new.rename(out)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)



def build(root: Path, out: Path, timeout: int, lab_url: str) -> int:
    start = time.monotonic()
    env = root / "environment"
    target = Path(os.environ.get("LRLAB_TARGET", root / "target"))
    # beside DIR: Jupyter Book's work folder (incremental builds) and its execution cache
    work = out.parent / f"{out.name}-work"
    src = work / "src"
    cache_dir = out.parent / f"{out.name}-cache"

    lib = library_key(target)
    course = course_notebooks(root)
    if not course:
        raise BuildError(f"no notebooks in {root / 'notebooks'}")
    ensure_releases(root, target)
    exercises = exercise_pages(release_notebooks(target))
    say(f"{len(course)} course notebooks, {len(exercises)} exercise pages (student versions), library {lib}")
    for rel, nb in exercises:
        check_student_form(nb, rel)
    pages = [(nb.relative_to(root).as_posix(), nb) for nb in course] + exercises

    stage(root, env, src, pages, lab_url, cache_dir, timeout)
    stamp = tree_hash(src, json.dumps([lab_url, lib]) + Path(__file__).read_text())
    manifest_path = out / MANIFEST
    if manifest_path.is_file():
        try:
            if json.loads(manifest_path.read_text()).get("stamp") == stamp:
                say(f"up to date: {out} ({time.monotonic() - start:.1f} s)")
                return 0
        except ValueError:
            pass

    # what the execution cache already holds; a notebook it lacks is re-read by Sphinx (touched), so
    # that Jupyter Book executes it, unless `workbook run` left a clean execution of it to adopt
    cache = open_cache(cache_dir, lib)
    for rel, source in pages:
        if not rel.startswith("notebooks/"):
            continue
        staged = src / rel
        if executed_notebook(cache, staged) is not None:
            say(f"cached    {rel}")
            continue
        ran = adoptable_run(source, rel, root)
        if ran and adopt(cache, source, staged, ran):
            say(f"reused    {rel}  (executed by `workbook run` / the notebook tests after the last library build)")
        os.utime(staged)

    n_pages = len(pages) + 2
    say(f"rendering {n_pages} pages with Jupyter Book ...")
    frame = tree_hash(src, Path(__file__).read_text(), skip=("notebooks", "exercises"))
    html, _ = render(root, work, src, frame)

    counts = {rel: count_outputs(check_executed(cache, rel, src / rel) if rel.startswith("notebooks/")
                                 else read_notebook(source)) for rel, source in pages}

    out.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        shutil.rmtree(new)
        shutil.copytree(html, new)
        strip_harmless_network_links(new)
        refs = network_references(new)
        if refs:
            raise BuildError("pages would load from the network:\n  " + "\n  ".join(refs[:20]))
        manifest = {
            "stamp": stamp,
            "library": lib,
            "pages": [{"page": rel[:-len(".ipynb")] + ".html", "source": rel, **counts[rel],
                       **({"student_version": source.relative_to(target).as_posix()} if rel.startswith("exercises/")
                          else {})} for rel, source in pages],
            "other_pages": ["notebooks/README.html"],
        }
        (new / MANIFEST).write_text(json.dumps(manifest, indent=1))
        (new / ".nojekyll").write_text("")
        swap_into_place(new, out)
    finally:
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)
    say(f"built {out} ({n_pages} pages) in {time.monotonic() - start:.1f} s; open {out / 'index.html'}")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="workbook site", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, required=True, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=None, help="site folder (default target/site)")
    parser.add_argument("--timeout", type=int, default=120, help="seconds a cell may run (default 120)")
    parser.add_argument("--lab-url", default=os.environ.get("LRLAB_LAB_URL", DEFAULT_LAB_URL),
                        help=f"JupyterLab the pages link to (default {DEFAULT_LAB_URL}, or $LRLAB_LAB_URL)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    target = Path(os.environ.get("LRLAB_TARGET", root / "target"))
    out = (args.out or target / "site").resolve()
    try:
        return build(root, out, args.timeout, args.lab_url)
    except BuildError as e:
        say(f"FAILED: {e}")
        say(f"the previous site in {out} was left as it was" if out.exists() else "no site was written")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
