"""`environment/workbook bench --grading`: seconds per notebook of grading throughput on this machine.

Grades one generated class (grading_sample: N students x every exercise notebook, half solved, half
untouched) twice from the same prepared course, so `nbgrader generate_assignment` is paid by neither:
  now      grading.grade() of this checkout (Dask, one worker process per core)
  before   the grading.py of commit BEFORE (threads, one nbgrader process per step), from
           `git show BEFORE:environment/tools/grading.py` run as a script
and prints wall time, seconds per notebook and the ratio, checks that both gave every notebook the
same score and status, then where one notebook's time goes in a warm worker process (kernel start
through the sandbox, the cells, the feedback page, the rest) and what a fresh process pays once
(imports). The machine's load average is printed with the figures: on a shared machine it decides them.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
import grading  # noqa: E402
import grading_sample  # noqa: E402

BEFORE = "1055769"
GOAL = 4.0


def say(line: str = "") -> None:
    print(line, flush=True)


def timed(cmd: list[str], cwd: Path, env: dict | None = None, timeout: float = 3600) -> tuple[float, subprocess.CompletedProcess]:
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})
    return time.monotonic() - start, proc


def before_script(dest: Path) -> Path:
    """The grading.py of commit BEFORE, as a file next to nothing else (it imports only libraries)."""
    proc = subprocess.run(["git", "-C", str(grading.ROOT), "show", f"{BEFORE}:environment/tools/grading.py"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"bench: cannot read environment/tools/grading.py of commit {BEFORE} "
                         f"({proc.stderr.strip()[:200]}); a clone with history is needed, or pass --no-before")
    path = dest / f"grading_{BEFORE}.py"
    path.write_text(proc.stdout, encoding="utf-8")
    return path


def scores(csv_bytes: bytes) -> list[tuple]:
    """(student, assignment, notebook, score, max_score, status) of every row: messages may be worded
    differently by the two graders."""
    import csv
    import io
    return [tuple(r[:6]) for r in csv.reader(io.StringIO(csv_bytes.decode("utf-8")))]


def seed_out(out: Path, course: Path) -> None:
    """OUT with the prepared grading course in place (grade() reuses it: its source hash matches)."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(course, out / ".work" / "course")


def run_grade(label: str, cmd: list[str], out: Path, n: int) -> dict:
    say(f"bench: grading the class ({label}) ...")
    seconds, proc = timed(cmd, grading.ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"bench: {label} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    rows = (out / "grades.csv").read_text(encoding="utf-8").splitlines()[1:]
    return {"label": label, "seconds": seconds, "per_notebook": seconds / n, "rows": len(rows),
            "ok": sum(1 for r in rows if ",ok," in r), "csv": (out / "grades.csv").read_bytes()}


# ------------------------------------------------------------------------------------- profile ---

def phase_import(runs: int) -> tuple[float, float]:
    """(seconds for a fresh Python to import what a grading worker needs, of which jsonschema's
    rfc3987-syntax grammar: built at import by every process that imports nbformat)."""
    code = ("import sys, time; sys.path.insert(0, %r); t=time.perf_counter(); import rfc3987_syntax; "
            "r=time.perf_counter()-t; import grading, autograde, feedback, sandbox; autograde.execute_class(); "
            "import nbgrader.converters, nbgrader.preprocessors; print(time.perf_counter()-t, r)" % str(TOOLS))
    got = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        got.append((float(out[0]), float(out[1])))
    return statistics.median(g[0] for g in got), statistics.median(g[1] for g in got)


def phase_plain_kernel(runs: int) -> float:
    """Seconds from starting the Java kernel (no sandbox) to its first reply."""
    from jupyter_client.manager import start_new_kernel
    starts = []
    for _ in range(runs):
        t = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="java", startup_timeout=180)
        starts.append(time.perf_counter() - t)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return statistics.median(starts)


def phase_grade_one(course: Path, submission: Path, work: Path, runs: int, sandboxed: bool) -> dict:
    """grade_one on one notebook in this process (nbgrader already imported), its phases timed by
    wrapping the functions that do them: median seconds of kernel start (launch to the kernel's first
    reply, through the sandbox), the notebook's cells, the feedback page, and the rest."""
    import nbclient.client
    import autograde
    totals: dict[str, list[float]] = {"kernel start": [], "cells": [], "feedback page": [], "rest": [], "total": []}
    spans: dict[str, float] = {}

    def timer(owner, name, key):
        orig = getattr(owner, name)

        def wrapped(*a, **k):
            t = time.perf_counter()
            try:
                return orig(*a, **k)
            finally:
                spans[key] = spans.get(key, 0.0) + time.perf_counter() - t
        setattr(owner, name, wrapped)
        return lambda: setattr(owner, name, orig)

    # nbclient binds start_new_kernel_client = run_sync(async_...) at class creation: wrap the sync one
    undo = [timer(nbclient.client.NotebookClient, "start_new_kernel_client", "kernel"),
            timer(autograde, "autograde", "autograde"), timer(grading, "write_feedback", "feedback")]
    try:
        job = grading.Job("student 00", submission.parent.name, submission.name, submission)
        for _ in range(runs):
            spans.clear()
            t = time.perf_counter()
            row = grading.grade_one(job, course, work / "scratch", work / "out", 600, "bench",
                                    grading.Options(sandbox=sandboxed))
            total = time.perf_counter() - t
            if row.status != "ok":
                raise SystemExit(f"bench: the profiled notebook was graded {row.status}: {row.message}")
            totals["kernel start"].append(spans.get("kernel", 0.0))
            totals["cells"].append(spans.get("autograde", 0.0) - spans.get("kernel", 0.0))
            totals["feedback page"].append(spans.get("feedback", 0.0))
            totals["rest"].append(total - spans.get("autograde", 0.0) - spans.get("feedback", 0.0))
            totals["total"].append(total)
    finally:
        for u in undo:
            u()
    return {k: statistics.median(v) for k, v in totals.items()}


def profile(course: Path, submission: Path, work: Path, runs: int, sandboxed: bool) -> None:
    imp, rfc = phase_import(runs)
    plain = phase_plain_kernel(runs)
    one = phase_grade_one(course, submission, work, runs, sandboxed)
    say()
    say(f"where one notebook's time goes ({submission.parent.name}/{submission.name}, solved, graded alone "
        f"in this process, {'sandboxed' if sandboxed else 'no sandbox'}; medians of {runs} runs):")
    rows = [
        ("grade_one, whole", one["total"], "what a warm worker process spends per notebook"),
        ("  kernel start (launch to first reply)", one["kernel start"],
         "bwrap + launcher JVM + kernel JVM + JShell" if sandboxed else "launcher JVM + kernel JVM + JShell"),
        ("  the notebook's cells", one["cells"], "nbgrader's autograde minus the kernel start"),
        ("  feedback page", one["feedback page"], "grades read back, hidden tests hidden, nbconvert HTML"),
        ("  the rest", one["rest"], "checks, scratch course, gradebook copy, tamper report"),
        ("Java kernel start without the sandbox", plain, "jupyter_client, for comparison"),
        ("imports of a fresh worker process", imp,
         f"once per worker process now (before: twice per notebook); {rfc:.1f} s of it is "
         f"rfc3987-syntax building its grammar"),
    ]
    for name, secs, note in rows:
        say(f"  {name:<42} {secs:6.1f} s   {note}")


# ----------------------------------------------------------------------------------------- main ---

def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench --grading", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=4,
                        help="students in the class, each submitting every exercise notebook (default 4)")
    parser.add_argument("--jobs", type=int, default=None, help="local Dask workers (default: one per core)")
    parser.add_argument("--no-before", action="store_true", help=f"skip the grading.py of {BEFORE}")
    parser.add_argument("--no-profile", action="store_true", help="skip the per-phase timings")
    parser.add_argument("--no-sandbox", action="store_true", help="grade without the sandbox (now only)")
    parser.add_argument("--wall", type=float, default=600, help="wall-clock limit per notebook (default 600 s)")
    parser.add_argument("--runs", type=int, default=3, help="runs per profiled phase (default 3)")
    parser.add_argument("--dir", type=Path, default=Path(os.environ.get("LRLAB_TARGET", grading.ROOT / "target"))
                        / "grading-bench", help="work folder (default target/grading-bench)")
    args = parser.parse_args(argv)
    if args.students < 1 or args.runs < 1:
        parser.error("--students and --runs must be 1 or more")
    base = args.dir.resolve()
    base.mkdir(parents=True, exist_ok=True)
    course = base / "course"
    say("bench: preparing the grading course (nbgrader generate_assignment; not timed) ...")
    grading.prepare(course)
    sub = base / "submitted"
    shutil.rmtree(sub, ignore_errors=True)
    n = grading_sample.write_class(course, sub, args.students)
    per = n // args.students
    cores = os.cpu_count() or 1
    jobs = args.jobs or cores
    say(f"bench: {n} notebooks = {args.students} students x {per} exercise notebooks "
        f"({(args.students + 1) // 2} students solved, {args.students // 2} untouched); {cores} cores")

    results = []
    out_now = base / "out-now"
    seed_out(out_now, course)
    cmd = [sys.executable, str(TOOLS / "grading.py"), "grade", "--submitted", str(sub), "--out", str(out_now),
           "--fresh", "--jobs", str(jobs), "--wall", f"{args.wall:g}"] + (["--no-sandbox"] if args.no_sandbox else [])
    load = os.getloadavg()[0]
    results.append(run_grade(f"now: Dask x{jobs}, {'no sandbox' if args.no_sandbox else 'sandboxed'}", cmd,
                             out_now, n))
    if not args.no_before:
        old = before_script(base)
        out_old = base / "out-before"
        seed_out(out_old, course)
        cmd = [sys.executable, str(old), "grade", "--submitted", str(sub), "--out", str(out_old), "--fresh",
               "--jobs", "2", "--wall", f"{args.wall:g}"]
        results.append(run_grade(f"before: {BEFORE}, 2 threads", cmd, out_old, n))

    say()
    say(f"{'approach':<34} {'wall':>8} {'s/notebook':>11} {'vs now':>8}   rows (ok)")
    for r in results:
        say(f"{r['label']:<34} {r['seconds']:7.1f}s {r['per_notebook']:10.2f}s "
            f"{r['per_notebook'] / results[0]['per_notebook']:7.2f}x   {r['rows']} ({r['ok']})")
    now = results[0]["per_notebook"]
    say(f"goal: <= {GOAL:g} s per notebook on 2 cores: {'met' if now <= GOAL else 'not met'} ({now:.2f} s); "
        f"load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end on {cores} cores")
    if len(results) > 1:
        same = scores(results[0]["csv"]) == scores(results[1]["csv"])
        say(f"same score and status for every notebook: {'yes' if same else 'NO (see ' + str(base) + ')'}")
    json_out = base / "bench-grading.json"
    json_out.write_text(json.dumps([{k: v for k, v in r.items() if k != "csv"} for r in results], indent=1))

    if not args.no_profile:
        sample = sorted(sub.glob("student 00/schedules/*.ipynb"))[0]
        profile(course, sample, base / "profile-work", args.runs, not args.no_sandbox)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
