"""Builds the lrlab course site: every course notebook executed through the real Java kernel, rendered
by Jupyter Book 1 (Sphinx + MyST-NB + sphinx-book-theme) into a self-contained static folder.

Steps (one progress line each):
  1. execute: notebooks/*.ipynb in file-name order, each through run_notebooks.run_one (the code of
     `environment/workbook run`: fails on an error or stderr, names the cell). Executed copies are
     cached in DIR-cache/ (target/site-cache/) under a key = sha256(notebook bytes + library build), the library
     build being the bytes of target/lrlab.jar and target/lib/*.jar: an unchanged notebook is never
     re-executed, a changed one (or a new library build) is. A clean copy that `workbook run` or the
     notebook tests left in target/executed/ after the last library build is adopted instead.
     Exercises: the student versions written by `environment/workbook assign` under
     target/nbgrader/release/<assignment>/*.ipynb, shown as students get them (not executed; a page
     carrying an nbgrader solution marker fails the build). Never the sources.
  2. stage: a Jupyter Book source folder DIR-work/src (config from environment/book/, a generated
     _toc.yml in course order, notebooks/README.md as the overview, the executed notebooks, local
     plotly.js and MathJax in _assets/, which Sphinx copies to _static/). Files are only rewritten when their bytes change, so Sphinx rebuilds only what changed.
  3. render: `jupyter-book build` into DIR-work/_build/html (incremental; --all when the frame changed).
  4. check + swap: the HTML is copied aside, checked for any http(s) script/style/font/image reference,
     a manifest lrlab-site.json is written, and the copy replaces DIR in one rename. On any failure DIR
     (the previous good site) is left as it was.
If nothing changed since the site in DIR was built, the build stops after step 2: "up to date".

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

# run_notebooks (nbclient, nbformat) is imported only when a notebook must run: it takes seconds to
# import, and a no-change rebuild should not pay for it
sys.path.insert(0, str(Path(__file__).resolve().parent))

# bump when the way notebooks are executed changes, to invalidate every cached executed copy
EXEC_VERSION = "1"
MANIFEST = "lrlab-site.json"
DEFAULT_LAB_URL = "http://127.0.0.1:8888"
SOLUTION_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS")


class BuildError(Exception):
    """A failure that stops the build; its message names the notebook (and cell) at fault."""


def say(msg: str) -> None:
    print(f"site: {msg}", flush=True)


# ---------------------------------------------------------------------------------------------- inputs

def course_notebooks(root: Path) -> list[Path]:
    """The course in order: notebooks/*.ipynb sorted by file name (01_..., 02_...)."""
    return sorted(p for p in (root / "notebooks").glob("*.ipynb") if p.is_file())


def release_notebooks(target: Path) -> list[Path]:
    """Student versions written by `workbook assign`: target/nbgrader/release/<assignment>/*.ipynb."""
    release = target / "nbgrader" / "release"
    if not release.is_dir():
        return []
    # in exercise order: by file name (01_..., 02_...) across assignments, then by assignment
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


def sha(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part)
        h.update(b"\0")
    return h.hexdigest()[:20]


# ------------------------------------------------------------------------------------------- execution

def executed_copy(nb_path: Path, rel: str, lib: str, cache: Path, root: Path, timeout: int) -> Path:
    """The executed copy of nb_path from the cache, executing it (and caching it) when missing."""
    key = sha(nb_path.read_bytes(), lib.encode(), EXEC_VERSION.encode())
    stem = rel.replace("/", "__")
    cached = cache / f"{stem}.{key}.ipynb"
    if cached.is_file():
        say(f"cached    {rel}")
        return cached
    adopted = adoptable_run(nb_path, rel, root)
    if adopted:
        cache.mkdir(parents=True, exist_ok=True)
        for old in cache.glob(f"{stem}.*.ipynb"):
            old.unlink()
        shutil.copyfile(adopted, cached)
        say(f"reused    {rel}  (executed by `workbook run` / the notebook tests after the last library build)")
        return cached
    say(f"executing {rel} ...")
    import run_notebooks
    with tempfile.TemporaryDirectory(prefix="lrlab-site-exec-") as tmp:
        outcome = run_notebooks.run_one(nb_path, Path(tmp), root, timeout)
        if not outcome.ok:
            raise BuildError(f"{rel} failed to execute: {outcome.message}")
        cache.mkdir(parents=True, exist_ok=True)
        for old in cache.glob(f"{stem}.*.ipynb"):  # one cached copy per notebook: drop stale ones
            old.unlink()
        shutil.copyfile(outcome.executed, cached)
    say(f"executed  {rel}  {outcome.seconds:.1f} s")
    return cached


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


def count_outputs(nb_path: Path) -> dict:
    """Charts and sliders a rendered page must show (from the executed notebook's text/html outputs)."""
    nb = json.loads(nb_path.read_text())
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


def lab_link(rel: str, lab_url: str) -> str:
    """URL opening the notebook in JupyterLab.

    A lab_url with "{path}" is a template that gets the repository path of the notebook
    (notebooks/01_x.ipynb), e.g. Binder: https://mybinder.org/v2/gh/OWNER/REPO/HEAD?urlpath=lab/tree/{path}.
    Otherwise lab_url is a JupyterLab started by `workbook lab`, whose root is notebooks/:
    notebooks/01_x.ipynb opens as {lab_url}/lab/tree/01_x.ipynb. Exercise pages point to the student
    version under target/nbgrader/release/ ("{path}" form only; plain form: the exercise folder of lab).
    """
    path = rel
    if rel.startswith("exercises/"):
        path = "target/nbgrader/release/" + rel[len("exercises/"):]
    if "{path}" in lab_url:
        return lab_url.replace("{path}", path)
    if rel.startswith("notebooks/"):
        return f"{lab_url.rstrip('/')}/lab/tree/{rel[len('notebooks/'):]}"
    # a lab rooted at notebooks/ cannot reach target/nbgrader/release: students get exercises from
    # their course (nbgrader's assignment list or a copy), so the link only opens JupyterLab
    return f"{lab_url.rstrip('/')}/lab"


def stage(root: Path, env: Path, src: Path, pages: list[tuple[str, Path]], lab_url: str) -> None:
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

    config = yaml.safe_load((book / "_config.yml").read_text())
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_config["lrlab_lab_links"] = {rel[:-len(".ipynb")]: lab_link(rel, lab_url) for rel, _ in pages}
    sphinx_config["lrlab_lab_note"] = (f"at {lab_url.split('?')[0]}: start it with `environment/workbook lab`"
                                       if "{path}" not in lab_url else "")
    write_if_changed(src / "_config.yml", yaml.safe_dump(config, sort_keys=False).encode())
    keep.add(src / "_config.yml")

    # notebooks/README.md (the course overview the notebooks link to) opens the course part
    readme = root / "notebooks" / "README.md"
    chapters = [{"file": "notebooks/README"}] if readme.is_file() else []
    if readme.is_file():
        write_if_changed(src / "notebooks" / "README.md", readme.read_bytes())
        keep.add(src / "notebooks" / "README.md")
    chapters += [{"file": rel[:-len(".ipynb")]} for rel, _ in pages if rel.startswith("notebooks/")]
    exercises = [{"file": rel[:-len(".ipynb")]} for rel, _ in pages if not rel.startswith("notebooks/")]
    parts = [{"caption": "Course", "chapters": chapters}] if chapters else []
    if exercises:
        parts.append({"caption": "Exercises (student versions)", "chapters": exercises})
    toc = {"format": "jb-book", "root": "intro"}
    if parts:
        toc["parts"] = parts
    write_if_changed(src / "_toc.yml", yaml.safe_dump(toc, sort_keys=False).encode())
    keep.add(src / "_toc.yml")

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


def render(root: Path, work: Path, src: Path, frame_stamp: str) -> Path:
    """Runs Jupyter Book. Sphinx rebuilds incrementally by page, but it does not notice a change to
    our extension, assets, config or toc: when any of those (the "frame") changed, rebuild all."""
    jb = Path(sys.executable).parent / "jupyter-book"
    log_path = work / "jupyter-book.log"
    cmd = [str(jb), "build", str(src), "--path-output", str(work), "--builder", "html"]
    frame_file = work / "frame.stamp"
    if not frame_file.is_file() or frame_file.read_text() != frame_stamp:
        cmd.append("--all")
        frame_file.unlink(missing_ok=True)
    env = dict(os.environ, PYTHONWARNINGS="ignore", NO_COLOR="1")
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                env=env)
        warnings = []
        for line in proc.stdout:
            log.write(line)
            text = re.sub(r"\x1b\[[0-9;]*m", "", line).strip()
            if "WARNING" in text or "ERROR" in text:
                warnings.append(text)
                say(f"  sphinx: {text}")
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
    return html


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
    # beside DIR: its Sphinx work folder (incremental builds) and its cache of executed notebooks
    work = out.parent / f"{out.name}-work"
    src = work / "src"
    cache = out.parent / f"{out.name}-cache"

    lib = library_key(target)
    course = course_notebooks(root)
    ensure_releases(root, target)
    releases = release_notebooks(target)
    say(f"{len(course)} course notebooks, {len(releases)} exercise pages (student versions), library {lib}")
    if not course:
        raise BuildError(f"no notebooks in {root / 'notebooks'}")

    pages: list[tuple[str, Path]] = []
    counts: dict[str, dict] = {}
    for nb in course:
        rel = nb.relative_to(root).as_posix()
        executed = executed_copy(nb, rel, lib, cache, root, timeout)
        pages.append((rel, executed))
        counts[rel] = count_outputs(executed)
    for nb in releases:
        rel = "exercises/" + nb.relative_to(target / "nbgrader" / "release").as_posix()
        check_student_form(nb, rel)
        pages.append((rel, nb))
        counts[rel] = count_outputs(nb)

    stage(root, env, src, pages, lab_url)
    stamp = tree_hash(src, json.dumps([lab_url, EXEC_VERSION]) + Path(__file__).read_text())
    manifest_path = out / MANIFEST
    if manifest_path.is_file():
        try:
            if json.loads(manifest_path.read_text()).get("stamp") == stamp:
                say(f"up to date: {out} ({time.monotonic() - start:.1f} s)")
                return 0
        except ValueError:
            pass

    n_pages = len(pages) + 1 + (root / "notebooks" / "README.md").is_file()
    say(f"rendering {n_pages} pages with Jupyter Book ...")
    frame = tree_hash(src, Path(__file__).read_text(), skip=("notebooks", "exercises"))
    html = render(root, work, src, frame)

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
            "pages": [{"page": rel[:-len(".ipynb")] + ".html", "source": rel, **counts[rel]} for rel, _ in pages],
            "other_pages": ["notebooks/README.html"] if (root / "notebooks" / "README.md").is_file() else [],
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
