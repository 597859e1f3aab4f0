"""`workbook bench --kernel`: what a kernel costs. A one-cell notebook (`1 + 1`) through the runner of
`workbook run` (nbclient: kernel start, the cell, shutdown), on the Python kernel (ipykernel), on the
Java kernel as JJava installs it (before) and on the project's Java kernelspec (now); then every course
notebook with the Java kernel before and now, side by side.

Wall times are medians over the runs; CPU is the user + system time of the kernel processes (both JVMs
for JJava's own launcher), which the other work on a shared machine does not inflate.

usage: kernel_bench.py --root ROOT [--runs N] [--levers] [--no-course]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

import kernelspec
from run_notebooks import run_one

NOW = "java"          # the installed kernelspec, exactly what lab/run/site/grade start
BEFORE = "lrlab-bench-jjava-stock"
PYTHON = "python3"
CELL = "1 + 1"


@dataclass
class Series:
    label: str
    kernel: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def median_wall(self) -> float:
        return statistics.median(self.wall)

    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(path: Path, out: Path, root: Path, kernel: str) -> tuple[float, float]:
    cpu = children_cpu()
    outcome = run_one(path, out, root, timeout=300, kernel=kernel)
    if not outcome.ok:
        raise SystemExit(f"bench: {path.name} failed on kernel {kernel}: {outcome.message}")
    return outcome.seconds, children_cpu() - cpu


def one_cell_notebook(folder: Path, kernel: str, language: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": kernel, "display_name": kernel, "language": language}}
    nb.cells = [nbformat.v4.new_code_cell(CELL)]
    path = folder / f"one_cell_{language}.ipynb"
    nbformat.write(nb, path)
    return path


def write_specs(kernels: Path, levers: bool) -> list[Series]:
    """Kernelspecs for the comparison, in a folder put on JUPYTER_PATH: JJava's own, and with
    --levers one per lever added in turn (the last step is the installed kernelspec)."""
    installed = json.loads((kernels_dir() / NOW / "kernel.json").read_text())
    classpath = installed["env"]["JJAVA_CLASSPATH"]
    java = installed["argv"][0]
    kernel_dir = kernels_dir() / NOW
    kernelspec.write_stock_spec(kernel_dir, classpath, kernels / BEFORE)
    series = [Series("Java, JJava's own kernelspec (before)", BEFORE)]
    if levers:
        launcher = kernel_dir / "lrlab-kernel.jar"
        archive = kernel_dir / "lrlab-kernel.jsa"
        steps = [("  + one JVM that exits on shutdown", "lrlab-bench-one-jvm", None, False),
                 ("  + class-data-sharing archive", "lrlab-bench-archive", archive, False),
                 ("  + C1 only", "lrlab-bench-c1", archive, True)]
        for label, name, jsa, c1 in steps:
            if jsa is not None and not jsa.exists():
                print(f"bench: no archive at {jsa}; skipping '{label.strip()}'", file=sys.stderr)
                continue
            argv = kernelspec.kernel_argv(java, kernel_dir, launcher, archive=jsa, c1_only=c1, defer_index=False)
            (kernels / name).mkdir(parents=True)
            kernelspec.write_if_changed(kernels / name / "kernel.json", kernelspec.spec_for(argv, classpath))
            series.append(Series(label, name))
        series.append(Series("  + JShell's class index deferred = installed (now)", NOW))
    else:
        series.append(Series("Java, the installed kernelspec (now)", NOW))
    return series


def kernels_dir() -> Path:
    return Path(os.environ["JUPYTER_DATA_DIR"]) / "kernels"


def bench_one_cell(root: Path, work: Path, runs: int, java: list[Series]) -> list[Series]:
    python = Series("Python (ipykernel)", PYTHON)
    notebooks = {PYTHON: one_cell_notebook(work, PYTHON, "python")}
    java_nb = one_cell_notebook(work, NOW, "java")
    everything = [python, *java]
    for r in range(runs):
        # rotate the order so no variant always runs first (or right after another's shutdown)
        for s in everything[r % len(everything):] + everything[:r % len(everything)]:
            wall, cpu = timed_run(notebooks.get(s.kernel, java_nb), work / "executed", work, s.kernel)
            s.wall.append(wall)
            s.cpu.append(cpu)
    return everything


def print_one_cell(series: list[Series], runs: int) -> None:
    python, before, now = series[0], series[1], series[-1]
    print(f"one-cell notebook ({CELL!r}): kernel start, the cell, shutdown; median of {runs} runs")
    print(f"  {'kernel':<52} {'wall':>7} {'CPU':>7}   {'ratio to Python':>15}   runs (s)")
    for s in series:
        runs_text = " ".join(f"{w:.2f}" for w in s.wall)
        print(f"  {s.label:<52} {s.median_wall():6.2f}s {s.median_cpu():6.2f}s   "
              f"{s.median_wall() / python.median_wall():14.2f}x   {runs_text}")
    print(f"  Java/Python wall: before {before.median_wall() / python.median_wall():.2f}x, "
          f"now {now.median_wall() / python.median_wall():.2f}x (goal: within 2x); "
          f"Java now is {before.median_wall() / now.median_wall():.2f}x faster than before")
    print(f"  Java/Python CPU:  before {before.median_cpu() / python.median_cpu():.2f}x, "
          f"now {now.median_cpu() / python.median_cpu():.2f}x (the figure other load on the machine moves least)")


def bench_course(root: Path, work: Path) -> None:
    notebooks = sorted((root / "notebooks").glob("*.ipynb"))
    print()
    print(f"the course: {len(notebooks)} notebooks (notebooks/*.ipynb) through the runner of `workbook run`")
    print(f"  {'notebook':<40} {'before':>8} {'now':>8}")
    totals = {BEFORE: [0.0, 0.0], NOW: [0.0, 0.0]}
    for i, path in enumerate(notebooks):
        times = {}
        for kernel in ((BEFORE, NOW) if i % 2 == 0 else (NOW, BEFORE)):
            wall, cpu = timed_run(path, work / "course" / kernel, root, kernel)
            times[kernel] = wall
            totals[kernel][0] += wall
            totals[kernel][1] += cpu
        print(f"  {path.name:<40} {times[BEFORE]:7.1f}s {times[NOW]:7.1f}s", flush=True)
    before, now = totals[BEFORE], totals[NOW]
    print(f"  {'total (wall)':<40} {before[0]:7.1f}s {now[0]:7.1f}s   {before[0] / now[0]:.2f}x faster")
    print(f"  {'total (CPU of the kernels)':<40} {before[1]:7.1f}s {now[1]:7.1f}s   {before[1] / now[1]:.2f}x less")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="workbook bench --kernel", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5, help="runs of the one-cell notebook per kernel (default 5)")
    parser.add_argument("--levers", action="store_true", help="also each lever added in turn")
    parser.add_argument("--no-course", action="store_true", help="skip the whole course")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error(f"--runs must be >= 1, got {args.runs}")
    start = time.monotonic()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="lrlab-bench-kernel-") as tmp:
        work = Path(tmp)
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(work), os.environ.get("JUPYTER_PATH")]))
        java = write_specs(work / "kernels", args.levers)
        print(f"bench --kernel on {os.cpu_count()} cores, load average {load:.1f} at the start")
        print()
        print_one_cell(bench_one_cell(args.root, work, args.runs, java), args.runs)
        if not args.no_course:
            bench_course(args.root, work)
    print()
    print(f"({time.monotonic() - start:.0f} s in all; load average {os.getloadavg()[0]:.1f} at the end)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
