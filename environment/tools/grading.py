"""nbgrader, hardened: generate student versions and autograde a class of Java notebooks safely.

  assign(out)                 copy of the course dir into OUT, `nbgrader generate_assignment` (printed
                              before it runs) -> OUT/release/<assignment>/<notebook>.ipynb
  grade(submitted, out)       every file under SUBMITTED/<student>/<assignment>/ is graded on its own,
                              as a job on a Dask cluster (grading_cluster.py: a local one sized to
                              the machine, or an existing one by address)
                              -> OUT/grades.csv, OUT/cells.csv (one row per graded test cell),
                                 OUT/manual_grades.csv (written answers graded by the instructor,
                                 merged into grades.csv: manual_grades.py),
                                 OUT/feedback/<student>/<assignment>/<notebook>.html,
                                 OUT/report.html and OUT/gradebook_lms.csv (grading_report.py)
  grade_one(job, ...) -> Row  one notebook, self-contained (what a job runs on its worker)

What the wrapper adds to plain `nbgrader autograde` (cases where nbgrader alone goes wrong):
  * every notebook's kernel runs in its own bubblewrap sandbox (sandbox.py): no view of the course,
    gradebook, other submissions, this output or any home folder, no network, nothing outlives it,
    bounded heap, memory, threads/processes, disk and wall clock; grading refuses to run without it
    unless told --no-sandbox, and then every row says so;
  * nbgrader's Autograde converter runs in the worker's process (autograde.py) on a scratch course per
    notebook with a copy of the gradebook: a kernel killed by System.exit/Runtime.halt, a runaway loop
    or a broken file costs only that notebook's row (plain nbgrader stops a student's whole assignment
    on a dead kernel, and an unreadable notebook aborts it); the feedback page is made in the same pass;
  * feedback pages never show hidden tests (feedback.py; nbgrader shows them, issue 1363): each test
    cell shows the code the student was given, its points and the failure message;
  * files are checked before nbgrader sees them (empty, malformed JSON, not nbformat 4, no cells, not a
    .ipynb): status invalid-notebook, 0 points, instead of a traceback;
  * tampering is reported: nbgrader silently restores a changed locked/test cell (kept: the original
    tests decide) and re-adds deleted test cells (add_missing_cells); the row says `tampered` and
    which cells were changed, deleted, renamed or reordered;
  * student folder names may hold spaces or any Unicode: nbgrader sees a safe id (s-<hash>), the
    rows and feedback folders keep the real name;
  * submitted files are only read (copied into the scratch course), never modified;
  * results are written as they finish (OUT/results/*.json, the CSV files rewritten sorted after every
    notebook), so an interrupted run loses nothing finished and a rerun reuses what is still valid;
    the CSV files hold no times or paths, so grading twice gives the same files;
  * only this process writes OUT: a job gets the submitted file's bytes and returns its row and
    feedback page, so workers on other machines need no shared file system.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # autograde, feedback, sandbox
ROOT = Path(os.environ.get("LRLAB_ROOT", Path(__file__).resolve().parents[2]))
COURSE = ROOT / "notebooks" / "exercises"
COLUMNS = ["student", "assignment", "notebook", "score", "max_score", "status", "message"]
# statuses a row can have
OK, TAMPERED, TIMEOUT, KERNEL_DIED, INVALID, MISSING, UNKNOWN, ERROR = (
    "ok", "tampered", "timeout", "kernel-died", "invalid-notebook", "missing", "unknown-notebook", "error")
CELL_COLUMNS = ["student", "assignment", "notebook", "cell", "points", "max_points", "message"]
RESULT_VERSION = 3  # 3: written answers in extra['manual'], not in the message


def nbgrader_cmd() -> list[str]:
    return [sys.executable, "-m", "nbgrader"]


def say(line: str) -> None:
    print(line, flush=True)


def run_logged(cmd: list[str], cwd: Path, log: Path | None = None, timeout: float | None = None,
               echo: bool = True) -> tuple[int | None, str]:
    """Runs cmd in cwd (printed first); returns (exit code or None on timeout, combined output).
    On timeout the whole process tree is killed by pid (the kernel runs in its own session)."""
    if echo:
        say(f"  $ (cd {cwd} && {' '.join(cmd[2:] if cmd[:2] == [sys.executable, '-m'] else cmd)})")
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True, env=os.environ.copy())
    try:
        out, _ = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        kill_tree(proc.pid)
        out, _ = proc.communicate()
        code = None
    text = out.decode("utf-8", "replace")
    if log is not None:
        log.write_text(text)
    return code, text


def kill_tree(pid: int) -> None:
    """Kills pid and every descendant (found before killing, by pid)."""
    import psutil
    try:
        parent = psutil.Process(pid)
        procs = parent.children(recursive=True) + [parent]
    except psutil.NoSuchProcess:
        return
    for p in procs:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(procs, timeout=10)


# ---------------------------------------------------------------------------------------- course ---

def assignments(course: Path = COURSE) -> dict[str, list[str]]:
    """assignment -> notebook file names, from source/."""
    src = course / "source"
    return {a.name: sorted(p.name for p in a.glob("*.ipynb"))
            for a in sorted(src.iterdir()) if a.is_dir() and any(a.glob("*.ipynb"))}


def copy_course(dest: Path, course: Path = COURSE) -> None:
    """dest becomes a fresh nbgrader course dir holding the config and source/ (sources untouched)."""
    dest.mkdir(parents=True, exist_ok=True)
    for old in ("source", "release"):  # only what this function (or nbgrader) writes is replaced
        shutil.rmtree(dest / old, ignore_errors=True)
    (dest / "gradebook.db").unlink(missing_ok=True)
    shutil.copy2(course / "nbgrader_config.py", dest / "nbgrader_config.py")
    shutil.copytree(course / "source", dest / "source",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.db"))


def assign(out: Path, course: Path = COURSE) -> dict[str, list[Path]]:
    """Student versions of every assignment under out/release/<assignment>/; returns them."""
    out = out.resolve()
    copy_course(out, course)
    released: dict[str, list[Path]] = {}
    # one nbgrader process for all assignments ("*" is a glob over source/): nbgrader starts slowly
    code, text = run_logged(nbgrader_cmd() + ["generate_assignment", "*", "--force"], out)
    if code != 0:
        sys.stderr.write(text)
        raise RuntimeError("nbgrader generate_assignment failed (output above)")
    for assignment in assignments(course):
        released[assignment] = sorted((out / "release" / assignment).glob("*.ipynb"))
        for p in released[assignment]:
            say(f"released {p.relative_to(out)}")
    return released


def source_hash(course: Path = COURSE) -> str:
    h = hashlib.sha256()
    for p in sorted([course / "nbgrader_config.py", *(course / "source").rglob("*.ipynb")]):
        h.update(str(p.relative_to(course)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


# ----------------------------------------------------------------------------------- pre-checks ---

def read_submission(path: Path):
    """(notebook, None) or (None, why it cannot be graded)."""
    import nbformat
    if path.suffix != ".ipynb":
        return None, f"not a notebook: {path.name} (expected a .ipynb file)"
    data = path.read_bytes()
    if not data.strip():
        return None, "empty file"
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "not a notebook: the file is not UTF-8 text"
    except json.JSONDecodeError as e:
        return None, f"malformed JSON: {e.msg} at line {e.lineno}, column {e.colno}"
    if not isinstance(raw, dict) or "cells" not in raw and "worksheets" not in raw:
        return None, "not a notebook: JSON without cells"
    try:
        nb = nbformat.reads(data.decode("utf-8"), as_version=4)
        nbformat.validate(nb)
    except Exception as e:  # nbformat raises several types for schema errors
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        return None, f"not a valid notebook: {first[:200]}"
    if not nb.cells:
        return None, "the notebook has no cells"
    return nb, None


def tamper_report(nb, release_nb) -> str:
    """What changed in the nbgrader cells of a submission compared with the release; '' if nothing."""
    from nbgrader import utils
    rel = [(c.metadata["nbgrader"]["grade_id"], c) for c in release_nb.cells if utils.is_grade(c)
           or utils.is_solution(c) or utils.is_locked(c)]
    sub: dict[str, object] = {}
    order = []
    for c in nb.cells:
        meta = c.get("metadata", {}).get("nbgrader")
        if isinstance(meta, dict) and "grade_id" in meta:
            sub.setdefault(meta["grade_id"], c)
            order.append(meta["grade_id"])
    problems = []
    missing = [gid for gid, _ in rel if gid not in sub]
    if missing:
        problems.append("deleted or renamed: " + ", ".join(missing))
    changed = [gid for gid, c in rel if gid in sub and utils.is_locked(c)
               and utils.compute_checksum(sub[gid]) != utils.compute_checksum(c)]
    if changed:
        problems.append("locked cells changed (originals restored): " + ", ".join(changed))
    known = [g for g in order if g in dict(rel)]
    expected = [g for g, _ in rel if g in sub]
    if known != expected and not missing:
        problems.append("cells reordered")
    return "; ".join(problems)


# -------------------------------------------------------------------------------------- grading ---

@dataclass
class Job:
    student: str
    assignment: str
    notebook: str
    path: Path | None  # None: expected but not submitted

    @property
    def key(self) -> str:
        return hashlib.sha1(f"{self.student}\0{self.assignment}\0{self.notebook}".encode()).hexdigest()[:16]

    @property
    def label(self) -> str:
        return f"{self.student}/{self.assignment}/{self.notebook}"


@dataclass
class Row:
    student: str
    assignment: str
    notebook: str
    score: float
    max_score: float
    status: str
    message: str
    seconds: float = 0.0
    fingerprint: str = ""
    version: int = RESULT_VERSION
    extra: dict = field(default_factory=dict)

    def csv_row(self, given: dict | None = None) -> list[str]:
        """The grades.csv row: the autograded score plus the manual points given (given: {(student,
        assignment, notebook, cell): points}); the message names the written answers still pending."""
        given = given or {}
        manual = self.extra.get("manual", [])
        points = [given.get((self.student, self.assignment, self.notebook, c)) for c, _, _ in manual]
        added = [p for p in points if p is not None]
        pending = [(c, top) for (c, top, _), p in zip(manual, points) if p is None]
        message = self.message
        if pending:  # first (after the unsandboxed note), so the 500-character cut never drops it
            head = UNSANDBOXED if message.startswith(UNSANDBOXED) else ""
            rest = message[len(head):].lstrip("; ")
            message = "; ".join(x for x in (head, manual_note(pending), rest) if x)[:500]
        return [self.student, self.assignment, self.notebook, fmt(self.score + sum(added)), fmt(self.max_score),
                self.status, message]


def fmt(x: float) -> str:
    return f"{x:g}"


def student_id(name: str) -> str:
    """A safe nbgrader student id for any folder name."""
    return "s-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def collect(submitted: Path, known: dict[str, list[str]]) -> list[Job]:
    jobs = []
    for sdir in sorted(p for p in submitted.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for adir in sorted(p for p in sdir.iterdir() if p.is_dir() and not p.name.startswith(".")):
            files = sorted(p for p in adir.iterdir() if p.is_file() and not p.name.startswith("."))
            names = {p.name for p in files}
            for p in files:
                jobs.append(Job(sdir.name, adir.name, p.name, p))
            for nb in known.get(adir.name, []):
                if nb not in names:
                    jobs.append(Job(sdir.name, adir.name, nb, None))
    return jobs


def max_score_of(course: Path, assignment: str, notebook: str) -> float:
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        try:
            return float(gb.find_notebook(notebook[:-len(".ipynb")], assignment).max_score)
        except Exception:
            return 0.0


@dataclass(frozen=True)
class Options:
    """How a class is graded: in the sandbox (or not), hidden tests shown in feedback (or not), limits."""
    sandbox: bool = True
    show_hidden_tests: bool = False
    limits: dict = field(default_factory=dict)  # sandbox.Limits fields that differ from the defaults

    def key(self) -> str:
        return json.dumps([self.sandbox, self.show_hidden_tests, sorted(self.limits.items())])


UNSANDBOXED = "graded unsandboxed (--no-sandbox)"


def fingerprint(job: Job, src: str, options: Options = Options()) -> str:
    return fingerprint_of(job.path.read_bytes() if job.path is not None else None, src, options)


def fingerprint_of(data: bytes | None, src: str, options: Options = Options()) -> str:
    """What a saved result depends on: the result format, the course sources, the options, the bytes."""
    h = hashlib.sha256(f"{RESULT_VERSION}\0{src}\0{options.key()}\0".encode())
    if data is not None:
        h.update(data)
    return h.hexdigest()[:24]


def grade_one(job: Job, course: Path, scratch: Path, out: Path, wall: float, src: str,
              options: Options = Options()) -> Row:
    """Grades one submitted file; never raises. Self-contained: a worker process can call it with
    nothing but these arguments (paths, numbers, strings) once the grading course is prepared.

    course: the prepared grading course (prepare(): config, source/, release/, gradebook.db); scratch:
    a folder for this job's scratch course (removed afterwards); out: where the feedback page goes
    (out/feedback/<student>/<assignment>/<notebook>.html). The row carries the per-test-cell results
    in row.extra["cells"] ([cell, points, max_points, message] in notebook order)."""
    start = time.monotonic()
    fp = fingerprint(job, src, options)
    max_score = max_score_of(course, job.assignment, job.notebook) if job.notebook.endswith(".ipynb") else 0.0

    def row(score, status, message, ms=None, cells=None, manual=None):
        message = " ".join(message.split())
        if not options.sandbox:
            message = UNSANDBOXED + ("; " + message if message else "")
        extra = {"cells": cells} if cells else {}
        if manual:
            extra["manual"] = manual
        return Row(job.student, job.assignment, job.notebook, score, max_score if ms is None else ms, status,
                   message[:400 if manual else 500], time.monotonic() - start, fp, extra=extra)

    known = assignments(course)
    if job.assignment not in known:
        return row(0, UNKNOWN, f"no assignment named {job.assignment}", 0)
    if job.path is None:
        return row(0, MISSING, "not submitted")
    nb, why = read_submission(job.path)
    if nb is None:
        write_feedback_note(out, job, why)
        return row(0, INVALID, why)
    if job.notebook not in known[job.assignment]:
        return row(0, UNKNOWN, f"{job.notebook} is not a notebook of {job.assignment}", 0)
    import sandbox
    if options.sandbox and sandbox.problem():  # e.g. a worker machine without bubblewrap: never run bare
        return row(0, ERROR, f"cannot grade in a sandbox on this machine: {sandbox.problem()}")
    import nbformat
    release_nb = nbformat.read(course / "release" / job.assignment / job.notebook, as_version=4)
    tampered = tamper_report(nb, release_nb)

    work = scratch / job.key
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    try:
        return _grade_in(work, job, course, out, wall, nb, release_nb, tampered, options, row)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _grade_in(work, job, course, out, wall, nb, release_nb, tampered, options, row) -> Row:
    import nbformat
    import autograde
    import feedback
    import sandbox
    shutil.copy2(course / "nbgrader_config.py", work / "nbgrader_config.py")
    shutil.copytree(course / "source" / job.assignment, work / "source" / job.assignment)
    shutil.copy2(course / "gradebook.db", work / "gradebook.db")
    sid = student_id(job.student)
    nb_id = job.notebook[:-len(".ipynb")]
    dest = work / "submitted" / sid / job.assignment / job.notebook
    dest.parent.mkdir(parents=True)
    normalise(nb, release_nb)
    nbformat.write(nb, dest)  # the normalised copy: the student's file itself is only read
    # the kernel's working copy starts as the student's own notebook folder would look: the assignment's
    # files that are not notebooks, and the submitted notebook as submitted (never the one being graded,
    # which holds the restored hidden tests)
    seed = work / "seed"
    shutil.copytree(course / "source" / job.assignment, seed, ignore=shutil.ignore_patterns("*.ipynb", ".*"))
    shutil.copyfile(job.path, seed / job.notebook)
    os.chmod(seed, 0o755)
    token = f"{job.key}-{time.monotonic_ns()}"
    grading = {"token": token, "sandbox": options.sandbox, "limits": options.limits,
               "deadline": time.monotonic() + wall, "seed": str(seed), "workname": job.assignment,
               "guarded": [str(p) for p in (ROOT, COURSE, course, out, work, job.path.parent.parent.parent,
                                            Path.home())],
               "data_dir": str(ROOT / "data")}
    try:
        log = autograde.autograde(work, job.assignment, sid, nb_id, grading)
    finally:
        outcome = sandbox.OUTCOMES.pop(token, {})
    graded = work / "autograded" / sid / job.assignment / job.notebook
    limits = sandbox.Limits(**options.limits)
    row = _with_kernel_log(row, outcome)
    if outcome.get("reason") == "wall":
        write_feedback_note(out, job, f"grading stopped after {wall:.0f} s")
        return row(0, TIMEOUT, f"grading stopped after {wall:.0f} s (an endless loop?)")
    if outcome.get("reason") == "memory":
        message = (f"the notebook's processes used more than {limits.memory_mb} MB of memory together; "
                   "its kernel was stopped")
        write_feedback_note(out, job, message)
        return row(0, KERNEL_DIED, message)
    score = read_score(work, job, sid)
    if not graded.exists() and "CellTimeoutError" in log:
        write_feedback_note(out, job, "a cell ran past the cell timeout and could not be stopped cleanly")
        return row(0, TIMEOUT, "a cell ran past the cell timeout (endless loop, or output too slow to stream)")
    if not graded.exists() or score is None:
        status, message = KERNEL_DIED, "the kernel died while running the notebook (System.exit or a crash?)"
        if "DeadKernelError" not in log and "kernel died" not in log.lower():
            status, message = ERROR, "nbgrader could not grade it: " + last_error(log)
        write_feedback_note(out, job, message)
        return row(0, status, message)
    graded_nb = nbformat.read(graded, as_version=4)
    hidden = hidden_lines_of(course, job.assignment, job.notebook, release_nb)
    status, message = OK, ""
    errors = [feedback.scrub(e, hidden) for e in cell_errors(graded_nb)]
    if any("CellTimeoutError" in e or "Timeout" in e or "Interrupted" in e for e in errors):
        status = TIMEOUT
        message = "a cell ran longer than the cell timeout; " + "; ".join(errors)[:300]
    elif tampered:
        status, message = TAMPERED, tampered
    elif errors:
        message = "; ".join(errors)
    if tampered and status != TAMPERED:
        message = tampered + "; " + message
    # written answers the student filled in: the message naming them is made when grades.csv is written
    # (manual_grades.py adds the points the instructor gave)
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in graded_nb.cells
               if isinstance(c.metadata.get("nbgrader"), dict) and "grade_id" in c.metadata["nbgrader"]}
    manual = [[name, points, answers.get(name, "")] for name, points in pending_manual(work, job, sid)]
    cap_outputs(graded_nb)
    cells = write_feedback(out, job, work, sid, graded_nb, release_nb, hidden, options)
    return row(score, status, message, cells=cells, manual=manual)


def _with_kernel_log(row, outcome: dict):
    """row() that also keeps the end of the kernel process's own stderr (JVM and launcher messages) in the
    result file, for the instructor; it never goes into grades.csv or the feedback page."""
    def wrapped(*args, **kwargs):
        r = row(*args, **kwargs)
        if outcome.get("stderr"):
            r.extra["kernel_log"] = outcome["stderr"][-2000:]
        return r
    return wrapped


def hidden_lines_of(course: Path, assignment: str, notebook: str, release_nb) -> list[str]:
    """The hidden test lines of a notebook (from the grading course's source), cached per file."""
    import nbformat
    import feedback
    path = course / "source" / assignment / notebook
    key = (str(path), path.stat().st_mtime_ns)
    with _HIDDEN_LOCK:
        if key not in _HIDDEN:
            _HIDDEN[key] = feedback.hidden_lines(nbformat.read(path, as_version=4), release_nb,
                                                 "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
        return _HIDDEN[key]


_HIDDEN: dict = {}
_HIDDEN_LOCK = threading.Lock()


def write_feedback(out: Path, job: Job, work: Path, sid: str, graded_nb, release_nb, hidden: list[str],
                   options: Options) -> list[list]:
    """The feedback page of a graded notebook (hidden tests kept hidden unless options say otherwise);
    returns the per-test-cell results."""
    import feedback
    from nbgrader.preprocessors import GetGrades
    nb_id = job.notebook[:-len(".ipynb")]
    resources = {"nbgrader": {"notebook": nb_id, "assignment": job.assignment, "student": sid,
                              "db_url": f"sqlite:///{work / 'gradebook.db'}"},
                 "metadata": {"name": nb_id, "path": str(work)}}
    graded_nb, resources = GetGrades().preprocess(graded_nb, resources)
    results = feedback.test_results(graded_nb)
    results = [(g, p, m, feedback.scrub(msg, hidden)) for g, p, m, msg in results]
    if not options.show_hidden_tests:
        feedback.hide_tests(graded_nb, release_nb, hidden, results)
    page = feedback.render(graded_nb, resources)
    feedback.write_page(out / "feedback" / job.student / job.assignment / (nb_id + ".html"), page)
    return [list(r) for r in results]


def normalise(nb, release_nb) -> None:
    """Cells whose nbgrader grade_id is not in the release (a renamed cell) become plain student cells:
    nbgrader 0.9.6 crashes on them (KeyError 'grade_id') instead of grading the rest."""
    known = {c.metadata["nbgrader"]["grade_id"] for c in release_nb.cells if "nbgrader" in c.metadata}
    for c in nb.cells:
        meta = c.get("metadata", {}).get("nbgrader")
        if meta is not None and (not isinstance(meta, dict) or meta.get("grade_id") not in known):
            del c.metadata["nbgrader"]


MAX_OUTPUT_CHARS = 20_000


def cap_outputs(nb) -> None:
    """Cuts stream/text outputs of the autograded notebook to MAX_OUTPUT_CHARS: nbgrader's LimitOutput
    counts lines only, so one line of megabytes would land whole in the feedback page."""
    for c in nb.cells:
        for o in c.get("outputs", []):
            if o.get("output_type") == "stream" and len(o.get("text", "")) > MAX_OUTPUT_CHARS:
                o["text"] = o["text"][:MAX_OUTPUT_CHARS] + f"\n... [output cut at {MAX_OUTPUT_CHARS} characters]\n"
            for mime, val in list(o.get("data", {}).items()):
                if isinstance(val, str) and len(val) > MAX_OUTPUT_CHARS and mime.startswith("text/"):
                    o["data"][mime] = val[:MAX_OUTPUT_CHARS] + "\n... [output cut]"


def read_score(work: Path, job: Job, sid: str) -> float | None:
    from nbgrader.api import Gradebook
    try:
        with Gradebook(f"sqlite:///{work / 'gradebook.db'}") as gb:
            sub = gb.find_submission_notebook(job.notebook[:-6], job.assignment, sid)
            return float(sub.score)
    except Exception:
        return None


def pending_manual(work: Path, job: Job, sid: str) -> list[tuple[str, float]]:
    """(grade_id, points) of the graded cells nbgrader left for manual grading (written answers the
    student filled in); their points are in max_score but not yet in score."""
    from nbgrader.api import Gradebook
    try:
        with Gradebook(f"sqlite:///{work / 'gradebook.db'}") as gb:
            sub = gb.find_submission_notebook(job.notebook[:-6], job.assignment, sid)
            return [(g.name, float(g.max_score)) for g in sub.grades if g.needs_manual_grade]
    except Exception:
        return []


def manual_note(pending: list[tuple[str, float]]) -> str:
    """'awaiting manual grading: derivation (2 points), not yet in the score'."""
    cells = ", ".join(f"{name} ({fmt(p)} {'point' if p == 1 else 'points'})" for name, p in pending)
    return f"awaiting manual grading: {cells}, not yet in the score"


def cell_errors(nb) -> list[str]:
    """'test_x: Type: message' for every graded cell that ended in an error (never the code: a cell that
    does not compile gives the compiler's diagnostics, not the source lines)."""
    import feedback
    out = []
    for c in nb.cells:
        meta = c.get("metadata", {}).get("nbgrader", {})
        for o in c.get("outputs", []):
            if o.get("output_type") == "error":
                out.append(f"{meta.get('grade_id', 'cell')}: {feedback.failure_message(o)[:160]}")
                break
    return out


def last_error(log: str) -> str:
    lines = [ln.strip() for ln in log.splitlines() if "[ERROR]" in ln or "Error" in ln]
    return (lines[-1] if lines else "see the log")[:200]


def write_feedback_note(out: Path, job: Job, why: str) -> None:
    """A feedback page for a notebook nbgrader could not grade."""
    target = out / "feedback" / job.student / job.assignment / (Path(job.notebook).stem + ".html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"<!doctype html><meta charset='utf-8'><title>{html.escape(job.notebook)}</title>"
                      f"<h1>{html.escape(job.assignment)} / {html.escape(job.notebook)}</h1>"
                      f"<p>This file could not be graded: {html.escape(why)}. Score: 0.</p>\n", encoding="utf-8")


def _write_atomic(path: Path, header: list[str], lines) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for line in lines:
        w.writerow(line)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    os.replace(tmp, path)
    return path


def write_csv(out: Path, rows: list[Row], sheet) -> Path:
    """OUT/grades.csv (one row per notebook, manual points given in the sheet added), OUT/cells.csv (one
    row per graded test cell), both sorted by student, assignment, notebook (cells in notebook order) and
    replaced atomically, and OUT/manual_grades.csv (the sheet as last saved, merged with these rows; left
    as it is while what is saved there fails its check). sheet: a manual_grades.Sheet."""
    import manual_grades
    rows = sorted(rows, key=lambda r: (r.student, r.assignment, r.notebook))
    writable = sheet.refresh()
    entries, given = manual_grades.merge(sheet.entries, rows)
    if writable:
        sheet.write(entries)
    _write_atomic(out / "cells.csv", CELL_COLUMNS,
                  ([r.student, r.assignment, r.notebook, c[0], fmt(c[1]), fmt(c[2]), c[3]]
                   for r in rows for c in r.extra.get("cells", [])))
    return _write_atomic(out / "grades.csv", COLUMNS, (r.csv_row(given) for r in rows))


def prepare(course_copy: Path, course: Path = COURSE) -> None:
    """The grading course: a copy of the sources, release versions and a gradebook (reused while valid)."""
    stamp = course_copy / ".source-hash"
    want = source_hash(course)
    if stamp.exists() and stamp.read_text() == want and (course_copy / "gradebook.db").exists():
        return
    assign(course_copy, course)
    stamp.write_text(want)


class SandboxUnavailable(RuntimeError):
    """The machine cannot run the sandbox; the message names the missing piece and the fix."""


def grade(submitted: Path, out: Path, jobs_n: int | None = None, wall: float = 180, fresh: bool = False,
          course: Path = COURSE, options: Options = Options(), scheduler: str | None = None) -> list[Row]:
    """Grades every file under submitted/ into out/ as jobs on Dask: a LocalCluster of jobs_n worker
    processes (default: one per core, one thread each), or the cluster whose scheduler is at
    `scheduler`. Only this process writes out/."""
    import grading_cluster
    import grading_report
    import sandbox
    submitted, out = submitted.resolve(), out.resolve()
    if options.sandbox and sandbox.problem():
        raise SandboxUnavailable(
            f"cannot grade in a sandbox: {sandbox.problem()}. Fix that, or pass --no-sandbox to grade without "
            "one (students' code then runs with your own permissions and can read the solutions and hidden "
            "tests, change the gradebook and the grader's output, and use the network)")
    import manual_grades
    # the instructor's sheet is checked before anything is written: a bad value stops grade here
    sheet = manual_grades.Sheet(out / manual_grades.SHEET, manual_grades.course_points(course))
    out.mkdir(parents=True, exist_ok=True)
    course_copy = out / ".work" / "course"
    results = out / "results"
    if fresh:
        shutil.rmtree(results, ignore_errors=True)
    results.mkdir(exist_ok=True)
    prepare(course_copy, course)
    src = source_hash(course)
    jobs = collect(submitted, assignments(course))
    rows: dict[str, Row] = {}
    todo: list[tuple[Job, bytes | None]] = []
    for job in jobs:
        data = job.path.read_bytes() if job.path is not None else None
        saved = results / f"{job.key}.json"
        if saved.exists():
            try:
                got = json.loads(saved.read_text())
                if got.get("fingerprint") == fingerprint_of(data, src, options):
                    rows[job.key] = Row(**got)
                    continue
            except Exception:
                pass
        todo.append((job, data))
    if rows:
        say(f"reusing {len(rows)} finished results (unchanged files); grading {len(todo)}")
    # only the rows of this run's submissions go into grades.csv
    write_csv(out, list(rows.values()), sheet)
    done = len(rows)
    if todo:
        bundle, digest = grading_cluster.bundle_course(course_copy)
        code = grading_cluster.code_hash()
        data_of = {job.key: data for job, data in todo}

        def payload(job: Job) -> dict:
            return {"key": job.key, "student": job.student, "assignment": job.assignment,
                    "notebook": job.notebook, "data": data_of.pop(job.key), "wall": wall, "src": src,
                    "bundle": digest, "code": code, "options": asdict(options)}

        how = "each kernel in its own bubblewrap sandbox" if options.sandbox else "UNSANDBOXED (--no-sandbox)"
        with grading_cluster.connect(scheduler, jobs_n) as client:
            grading_cluster.check_workers(client, options.sandbox)
            say(f"grading {len(todo)} notebooks of {len({j.student for j, _ in todo})} students from "
                f"{submitted} on {grading_cluster.describe(client)} (one job per notebook; nbgrader "
                f"autograde in the worker process, {how})")
            for job, result in grading_cluster.grade_jobs(client, [j for j, _ in todo], payload, bundle):
                r = take_result(out, results, job, result, options)
                rows[job.key] = r
                write_csv(out, list(rows.values()), sheet)
                done += 1
                say(f"[{done}/{len(jobs)}] {job.label}: {r.status} {fmt(r.score)}/{fmt(r.max_score)} "
                    f"({r.seconds:.1f} s on worker {result.get('worker', '?')})"
                    f"{'  ' + r.message[:120] if r.message else ''}")
    path = write_csv(out, list(rows.values()), sheet)
    written = grading_report.write_report(out)
    say(f"wrote {path} ({len(rows)} rows), {out / 'cells.csv'}, feedback pages under {out / 'feedback'}, "
        + ", ".join(str(p) for p in written))
    if sheet.error is not None:  # saved during the run and not valid: left untouched, the points not counted
        raise manual_grades.ManualGradesError(
            f"every notebook is graded and saved, but {manual_grades.SHEET} was saved during the run with a "
            f"problem, so grade left it as it is and counted the points it read before: {sheet.error}")
    return sorted(rows.values(), key=lambda r: (r.student, r.assignment, r.notebook))


def take_result(out: Path, results: Path, job: Job, result: dict, options: Options) -> Row:
    """The row of a finished job; its feedback page and saved result written (in that order, so a
    saved result always has its page). A job the cluster could not finish is not saved: a rerun
    grades it again."""
    if "error" in result:
        note = (UNSANDBOXED + "; ") if not options.sandbox else ""
        return Row(job.student, job.assignment, job.notebook, 0, 0, ERROR,
                   (note + " ".join(result["error"].split()))[:500], 0.0, "")
    r = Row(**result["row"])
    if result.get("feedback") is not None:
        target = out / "feedback" / job.student / job.assignment / (Path(job.notebook).stem + ".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(result["feedback"])
    if r.fingerprint:
        save_result(results, job, r)
    return r


def save_result(results: Path, job: Job, r: Row) -> None:
    """results/<key>.json, replaced atomically: what a rerun reuses while the file is unchanged."""
    tmp = results / f"{job.key}.json.tmp"
    tmp.write_text(json.dumps(asdict(r), ensure_ascii=False))
    os.replace(tmp, results / f"{job.key}.json")


def safe_grade_one(job, course_copy, scratch, out, wall, src, options: Options = Options()) -> Row:
    try:
        return grade_one(job, course_copy, scratch, out, wall, src, options)
    except Exception as e:  # the batch never aborts
        note = (UNSANDBOXED + "; ") if not options.sandbox else ""
        return Row(job.student, job.assignment, job.notebook, 0, 0, ERROR,
                   f"{note}the grader failed on this file: {type(e).__name__}: {str(e)[:200]}", 0.0, "")


# ------------------------------------------------------------------------------------------ CLI ---

def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="grading.py")
    sub = parser.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("assign")
    a.add_argument("--out", type=Path, default=Path(os.environ.get("LRLAB_TARGET", ROOT / "target")) / "nbgrader")
    g = sub.add_parser("grade")
    g.add_argument("--submitted", type=Path, required=True)
    g.add_argument("--out", type=Path, required=True)
    g.add_argument("--jobs", type=int, default=None)
    g.add_argument("--wall", type=float, default=180)
    g.add_argument("--fresh", action="store_true")
    g.add_argument("--no-sandbox", action="store_true")
    g.add_argument("--show-hidden-tests", action="store_true")
    g.add_argument("--scheduler", default=None)
    args = parser.parse_args(argv)
    if args.cmd == "assign":
        assign(args.out)
        return 0
    if not args.submitted.is_dir():
        print(f"grade: --submitted {args.submitted}: no such folder", file=sys.stderr)
        return 2
    if args.jobs is not None and args.jobs < 1:
        print(f"grade: --jobs must be 1 or more, got {args.jobs}", file=sys.stderr)
        return 2
    import grading_cluster
    import manual_grades
    if args.scheduler and not grading_cluster.ADDRESS.match(args.scheduler):
        print(f"grade: --scheduler {args.scheduler!r} is not a scheduler address: give it as tcp://HOST:PORT "
              f"(what `dask scheduler` prints as 'Scheduler at:')", file=sys.stderr)
        return 2
    if args.jobs is not None and args.scheduler:
        say("note: --jobs sizes the local cluster only; the workers of the cluster at --scheduler decide")
    options = Options(sandbox=not args.no_sandbox, show_hidden_tests=args.show_hidden_tests)
    try:
        grade(args.submitted, args.out, args.jobs, args.wall, args.fresh, options=options, scheduler=args.scheduler)
    except SandboxUnavailable as e:
        print(f"grade: {e}", file=sys.stderr)
        return 1
    except (manual_grades.ManualGradesError, grading_cluster.ClusterError) as e:
        print(f"grade: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    # run as the module `grading` (not __main__), so Dask workers find what the jobs refer to
    import grading
    sys.exit(grading.main(sys.argv[1:]))
