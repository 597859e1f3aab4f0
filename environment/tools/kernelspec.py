"""The Java kernel's command line: writes the JJava kernelspec inside the venv and builds the
class-data-sharing (CDS) archive that the kernel JVM maps at start.

The kernel is JJava, unchanged, started as one JVM (no launcher JVM) through lrlab.kernel.KernelMain
(environment/kernel/KernelMain.java), which ends the JVM once JJava has answered a shutdown request.
With an archive, the classes of JJava, JShell and javac come from the archive instead of being parsed
and verified at every start; an archive that does not fit this JDK or these jars is ignored silently
(-Xshare:auto), so it can never stop a kernel from starting.

usage:
  kernelspec.py install KERNEL_DIR --classpath CP --launcher JAR [--archive JSA] [--java JAVA]
      write KERNEL_DIR/kernel.json (only when its content changes)
  kernelspec.py archive KERNEL_DIR --classpath CP --launcher JAR --out JSA --training NB [--java JAVA]
      start the kernel with -XX:ArchiveClassesAtExit, run NB's code cells and a few fixed ones, shut it
      down, check the archive with -Xshare:on and move it to JSA (atomically: a kernel never sees half)
`workbook bench --kernel` compares with JJava's own kernelspec (write_stock_spec).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

DISPLAY_NAME = "Java (lrlab)"
# a runaway student cell is stopped by the notebook runner's own timeout, not by the kernel
HEAP_AND_GC = ["-Xmx2g", "-XX:+UseSerialGC"]
# C1 only: a kernel start is mostly javac compiling JShell's wrappers once; C2 would spend a core
# optimising that start-up code and gains little on the course's cells (see README, Measured)
JIT = ["-XX:TieredStopAtLevel=1"]
# JShell inside JJava reaches into jdk.jshell (JJava's own launcher adds the same option)
OPENS = ["--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED"]
MAIN = "lrlab.kernel.KernelMain"
# a stale archive (another JDK, a rebuilt jar) is ignored; its warning must not reach stderr/stdout
QUIET_CDS = "-Xlog:cds*=off"

# cells run while the archive is recorded, after the training notebook's own: the paths every
# course notebook takes through JShell (declarations, lambdas, generics, records) and its error paths
TRAINING_CELLS = [
    "1 + 1",
    "int twice(int x) { return 2 * x; }\ntwice(21)",
    "record Point(double x, double y) {}\nvar points = new ArrayList<Point>();\n"
    "for (int i = 0; i < 5; i++) points.add(new Point(i, i * i));\n"
    "points.stream().mapToDouble(Point::y).sum()",
    "String.format(\"%.3f\", Math.sqrt(2))",
    "System.out.println(\"printed\");",
    "int broken = \"not a number\";",
    "throw new IllegalStateException(\"expected\");",
    "display(\"text\");",
]


def kernel_argv(java: str, kernel_dir: Path, launcher: Path, *, archive: Path | None = None,
                dump_to: Path | None = None, c1_only: bool = True, defer_index: bool = True) -> list[str]:
    """The kernel's command line: one JVM running JJava through lrlab.kernel.KernelMain (the levers
    c1_only and defer_index are there to measure each one: `workbook bench --kernel --levers`)."""
    argv = [java, *HEAP_AND_GC, *(JIT if c1_only else [])]
    if not defer_index:
        argv += ["-Dlrlab.kernel.indexDelayMs=0"]
    if archive is not None:
        argv += [f"-XX:SharedArchiveFile={archive}", QUIET_CDS]
    if dump_to is not None:
        argv += [f"-XX:ArchiveClassesAtExit={dump_to}"]
    return argv + [*OPENS, "-cp", f"{launcher}{os.pathsep}{kernel_dir / 'jjava.jar'}", MAIN,
                   "{connection_file}"]


def spec_for(argv: list[str], classpath: str, base: dict | None = None) -> dict:
    spec = dict(base or {})
    spec["argv"] = argv
    spec["display_name"] = DISPLAY_NAME
    spec["language"] = "java"
    spec.setdefault("interrupt_mode", "message")
    env = {k: v for k, v in (spec.get("env") or {}).items() if k != "JJAVA_JVM_OPTS"}
    env["JJAVA_CLASSPATH"] = classpath
    spec["env"] = env
    spec.setdefault("metadata", {})
    return spec


def write_if_changed(path: Path, spec: dict) -> None:
    text = json.dumps(spec, indent=2) + "\n"
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def install(args) -> None:
    kernel_dir = Path(args.kernel_dir).resolve()
    path = kernel_dir / "kernel.json"
    archive = Path(args.archive).resolve() if args.archive else None
    argv = kernel_argv(args.java, kernel_dir, Path(args.launcher).resolve(), archive=archive)
    write_if_changed(path, spec_for(argv, args.classpath, json.loads(path.read_text())))


def write_stock_spec(kernel_dir: Path, classpath: str, out: Path) -> None:
    """Writes out/kernel.json: the kernelspec as JJava 1.0a8 installs it (java -jar jjava-launcher.jar,
    which starts a second JVM for the kernel; no archive) with the same classpath and heap/GC options
    as before this module built its own command line."""
    argv = ["java", "-jar", str(kernel_dir / "jjava-launcher.jar"), str(kernel_dir / "jjava.jar"),
            "{connection_file}"]
    spec = spec_for(argv, classpath)
    spec["display_name"] = "Java (JJava's own launcher)"
    spec["env"]["JJAVA_JVM_OPTS"] = " ".join(HEAP_AND_GC)
    out.mkdir(parents=True, exist_ok=True)
    write_if_changed(out / "kernel.json", spec)


def training_cells(notebook: Path) -> list[str]:
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"] + TRAINING_CELLS


def record(argv: list[str], classpath: str, cells: list[str], cwd: Path) -> None:
    """Starts the kernel with argv, runs the cells (errors are part of the training), shuts it down
    and waits for the JVM to exit, which is when it writes the archive. When that goes wrong, the end
    of the kernel's own output goes to stderr with the exception."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    with tempfile.TemporaryDirectory(prefix="lrlab-kernelspec-") as tmp:
        spec_dir = Path(tmp) / "lrlab-cds-training"
        spec_dir.mkdir()
        write_if_changed(spec_dir / "kernel.json", spec_for(argv, classpath))
        km = KernelManager(kernel_name="lrlab-cds-training",
                           kernel_spec_manager=KernelSpecManager(kernel_dirs=[tmp]))
        # the JVM writes the archive while it exits: give it time instead of SIGTERM after 2.5 s
        km.shutdown_wait_time = 300
        log_path = Path(tmp) / "kernel.log"
        with log_path.open("w") as log:
            try:
                km.start_kernel(cwd=str(cwd), stdout=log, stderr=log)
                try:
                    kc = km.client()
                    kc.start_channels()
                    kc.wait_for_ready(timeout=120)
                    for code in cells:
                        kc.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
                    kc.stop_channels()
                finally:
                    km.shutdown_kernel()
            except Exception:
                log.flush()
                print("".join(log_path.read_text().splitlines(keepends=True)[-20:]), file=sys.stderr)
                raise


def check_archive(java: str, archive: Path, launcher: Path, kernel_dir: Path) -> str:
    """'' when the JVM maps the archive with the kernel's class path (-Xshare:on), else why not."""
    cp = f"{launcher}{os.pathsep}{kernel_dir / 'jjava.jar'}"
    run = subprocess.run([java, "-Xshare:on", f"-XX:SharedArchiveFile={archive}", "-cp", cp, "-version"],
                         capture_output=True, text=True, timeout=120)
    if run.returncode == 0:
        return ""
    lines = [l for l in (run.stdout + run.stderr).splitlines() if l.strip() and not l.startswith("#")]
    return lines[-1] if lines else f"java exited with {run.returncode}"


def archive(args) -> int:
    kernel_dir = Path(args.kernel_dir).resolve()
    launcher = Path(args.launcher).resolve()
    out = Path(args.out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f"{out.name}.{os.getpid()}.partial")  # two set-ups at once do not collide
    partial.unlink(missing_ok=True)
    argv = kernel_argv(args.java, kernel_dir, launcher, dump_to=partial)
    record(argv, args.classpath, training_cells(Path(args.training)), Path(args.training).resolve().parent)
    if not partial.exists():
        print(f"kernelspec: the kernel JVM wrote no archive ({partial})", file=sys.stderr)
        return 1
    problem = check_archive(args.java, partial, launcher, kernel_dir)
    if problem:
        partial.unlink(missing_ok=True)
        print(f"kernelspec: the JVM refuses the new archive: {problem}", file=sys.stderr)
        return 1
    os.replace(partial, out)
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kernelspec.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("install", "archive"):
        p = sub.add_parser(name)
        p.add_argument("kernel_dir")
        p.add_argument("--classpath", required=True)
        p.add_argument("--launcher", required=True)
        p.add_argument("--java", default="java")
        if name == "install":
            p.add_argument("--archive")
        if name == "archive":
            p.add_argument("--out", required=True)
            p.add_argument("--training", required=True)
    args = parser.parse_args(argv)
    return {"install": install, "archive": archive}[args.command](args) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
