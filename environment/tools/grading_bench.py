"""`environment/workbook bench --grading`: seconds per notebook of grading throughput on this machine.

Grades one generated class (grading_sample: N students x every exercise notebook, half solved, half
untouched) twice from the same prepared course, so `nbgrader generate_assignment` is paid by neither:
  now      grading.grade() of this checkout (Dask, one worker process per core)
  before   the grading.py of commit BEFORE (threads, one nbgrader process per step), from
           `git show BEFORE:environment/tools/grading.py` run as a script
and prints wall time, seconds per notebook and the ratio, checks that both wrote the same grades.csv,
then where one notebook's time goes (nbgrader's import, the Java kernel's start, the cells, the
feedback page), each phase timed on its own.
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
    """(seconds to import nbgrader's autograde and feedback apps, of which jsonschema's rfc3987 parser)."""
    code = ("import time; t=time.perf_counter(); import rfc3987_syntax; r=time.perf_counter()-t; "
            "import nbgrader.apps.autogradeapp, nbgrader.apps.generatefeedbackapp; "
            "print(time.perf_counter()-t, r)")
    got = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        got.append((float(out[0]), float(out[1])))
    return statistics.median(g[0] for g in got), statistics.median(g[1] for g in got)


def phase_kernel(runs: int) -> tuple[float, float]:
    """(seconds from starting the Java kernel to its first reply, seconds of a one-line cell after it)."""
    from jupyter_client.manager import start_new_kernel
    starts, cells = [], []
    for _ in range(runs):
        t = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="java", startup_timeout=120)
        try:
            starts.append(time.perf_counter() - t)
            t = time.perf_counter()
            kc.execute_interactive("int x = 1 + 1;", timeout=60)
            cells.append(time.perf_counter() - t)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    return statistics.median(starts), statistics.median(cells)


def phase_nbgrader(course: Path, submission: Path, work: Path) -> tuple[float, float]:
    """(seconds of `nbgrader autograde` and of `nbgrader generate_feedback` for one notebook, each as
    the grader of this checkout runs them: a process of its own)."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    assignment, name = submission.parent.name, submission.name
    shutil.copy2(course / "nbgrader_config.py", work)
    shutil.copytree(course / "source" / assignment, work / "source" / assignment)
    shutil.copy2(course / "gradebook.db", work)
    dest = work / "submitted" / "s-bench" / assignment / name
    dest.parent.mkdir(parents=True)
    shutil.copy2(submission, dest)
    nb = [sys.executable, "-m", "nbgrader"]
    auto, p = timed(nb + ["autograde", assignment, "--student", "s-bench", "--create", "--force",
                          f"--notebook={name[:-6]}"], work, timeout=600)
    if p.returncode != 0:
        raise SystemExit(f"bench: nbgrader autograde failed in {work}:\n{p.stdout[-2000:]}{p.stderr[-2000:]}")
    feedback, p = timed(nb + ["generate_feedback", assignment, "--student", "s-bench", "--force",
                              f"--notebook={name[:-6]}"], work, timeout=600)
    return auto, feedback


def profile(course: Path, submission: Path, work: Path, runs: int) -> None:
    imp, rfc = phase_import(runs)
    start, cell = phase_kernel(runs)
    auto, feedback = phase_nbgrader(course, submission, work)
    cells = max(0.0, auto - imp - start)
    say()
    say(f"where one notebook's time goes ({submission.parent.name}/{submission.name}, solved, graded alone; "
        f"medians of {runs} runs for the first two):")
    rows = [
        ("nbgrader import (per process)", imp, f"{rfc:.1f} s of it: jsonschema builds rfc3987-syntax's Earley parser"),
        ("Java kernel start to first reply", start, "kernel JVM (+ launcher JVM) and JShell"),
        ("a one-line cell on a started kernel", cell, ""),
        ("nbgrader autograde (one process)", auto, "import + kernel start + the notebook's cells + gradebook"),
        ("  of which the notebook's cells", cells, "autograde - import - kernel start"),
        ("nbgrader generate_feedback (one process)", feedback, "import again + nbconvert's HTML"),
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
           "--fresh", "--jobs", str(jobs)]
    results.append(run_grade(f"now: Dask, {jobs} worker processes", cmd, out_now, n))
    if not args.no_before:
        old = before_script(base)
        out_old = base / "out-before"
        seed_out(out_old, course)
        cmd = [sys.executable, str(old), "grade", "--submitted", str(sub), "--out", str(out_old), "--fresh",
               "--jobs", "2"]
        results.append(run_grade(f"before: {BEFORE}, 2 threads", cmd, out_old, n))

    say()
    say(f"{'approach':<34} {'wall':>8} {'s/notebook':>11} {'vs now':>8}   rows (ok)")
    for r in results:
        say(f"{r['label']:<34} {r['seconds']:7.1f}s {r['per_notebook']:10.2f}s "
            f"{r['per_notebook'] / results[0]['per_notebook']:7.2f}x   {r['rows']} ({r['ok']})")
    now = results[0]["per_notebook"]
    say(f"goal: <= {GOAL:g} s per notebook on 2 cores: {'met' if now <= GOAL else 'not met'} ({now:.2f} s)")
    if len(results) > 1:
        same = results[0]["csv"] == results[1]["csv"]
        say(f"same grades.csv from both: {'yes' if same else 'NO (see ' + str(base) + ')'}")
    json_out = base / "bench-grading.json"
    json_out.write_text(json.dumps([{k: v for k, v in r.items() if k != "csv"} for r in results], indent=1))

    if not args.no_profile:
        sample = sorted(sub.glob("student 00/schedules/*.ipynb"))[0]
        profile(course, sample, base / "profile-work", args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
