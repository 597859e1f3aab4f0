"""The Java kernel's start (environment/tools/kernelspec.py, environment/kernel/): one JVM running
JJava that exits by itself on shutdown, the class-data-sharing archive recorded at set-up and used by
every kernel, nothing on the kernel's stdout or stderr, and a set-up that records the archive again only
when what it depends on changed."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

import kernelspec
from conftest import ENV, ROOT

KERNEL_DIR = Path(os.environ.get("LRLAB_VENV", ROOT / ".venv")) / "share" / "jupyter" / "kernels" / "java"
ARCHIVE = KERNEL_DIR / "lrlab-kernel.jsa"
LAUNCHER = KERNEL_DIR / "lrlab-kernel.jar"
RECORDING = "recording the Java kernel's class-data-sharing archive"


def installed_spec() -> dict:
    return json.loads((KERNEL_DIR / "kernel.json").read_text())


class KernelRun:
    """One kernel started from argv (the installed kernelspec otherwise), the cells' iopub messages,
    what the process wrote on its stdout and stderr, and its exit status after the shutdown."""

    def __init__(self, tmp_path: Path, argv: list[str], cells: list[str]):
        spec = installed_spec()
        spec["argv"] = argv
        kernels = tmp_path / "kernels"
        (kernels / "under-test").mkdir(parents=True)
        (kernels / "under-test" / "kernel.json").write_text(json.dumps(spec))
        km = KernelManager(kernel_name="under-test", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]))
        out_path, err_path = tmp_path / "kernel.out", tmp_path / "kernel.err"
        self.messages: list[dict] = []
        with out_path.open("w") as out, err_path.open("w") as err:
            km.start_kernel(stdout=out, stderr=err, cwd=str(tmp_path))
            process = km.provisioner.process
            try:
                kc = km.client()
                kc.start_channels()
                kc.wait_for_ready(timeout=120)
                for code in cells:
                    kc.execute_interactive(code, timeout=120, output_hook=self.messages.append)
                kc.stop_channels()
            finally:
                km.shutdown_kernel()
        self.exit_status = process.returncode
        self.stdout = out_path.read_text()
        self.stderr = err_path.read_text()

    def results(self) -> list[str]:
        return [m["content"]["data"]["text/plain"] for m in self.messages if m["msg_type"] == "execute_result"]

    def streams(self, name: str) -> str:
        return "".join(m["content"]["text"] for m in self.messages
                       if m["msg_type"] == "stream" and m["content"]["name"] == name)


def test_the_kernelspec_starts_one_jvm_running_jjava_with_the_archive():
    argv = installed_spec()["argv"]
    assert Path(argv[0]).is_absolute() and Path(argv[0]).name == "java", argv
    assert "-jar" not in argv and not any("jjava-launcher" in a for a in argv), "no launcher JVM"
    assert argv[-2:] == ["lrlab.kernel.KernelMain", "{connection_file}"]
    assert f"-XX:SharedArchiveFile={ARCHIVE}" in argv and ARCHIVE.is_file()
    assert kernelspec.check_archive(argv[0], ARCHIVE, LAUNCHER, KERNEL_DIR) == "", "the JVM refuses the archive"


def test_a_kernel_loads_jjava_and_javac_from_the_archive(tmp_path):
    argv = installed_spec()["argv"]
    log = tmp_path / "classes.log"
    # -Xshare:on: the JVM refuses to start rather than run without the archive
    run = KernelRun(tmp_path, [argv[0], "-Xshare:on", f"-Xlog:class+load=info:file={log}", *argv[1:]],
                    ["int twice(int x) { return 2 * x; }", "twice(21)"])
    assert run.results() == ["42"]
    from_archive = [line.split()[1] for line in log.read_text().splitlines() if "shared objects file (top)" in line]
    for package in ("org.dflib.jjava.", "com.sun.tools.javac.", "jdk.jshell."):
        assert sum(name.startswith(package) for name in from_archive) > 50, f"few {package}* classes from the archive"


def test_a_kernel_writes_nothing_on_stdout_or_stderr_and_exits_by_itself(tmp_path):
    run = KernelRun(tmp_path, installed_spec()["argv"],
                    ["1 + 1", 'System.out.println("to the notebook");', 'display("shown");',
                     "var table = tech.tablesaw.api.Table.create(\"t\"); table.rowCount()"])
    results = run.results()  # JJava also answers display(...) with its display id
    assert (results[0], results[-1]) == ("2", "0")
    assert any(m["msg_type"] == "display_data" for m in run.messages)
    assert run.streams("stdout") == "to the notebook\n" and run.streams("stderr") == ""
    assert (run.stdout, run.stderr) == ("", ""), "the kernel process itself must stay quiet"
    # 0 from KernelMain's System.exit; JJava alone lingers until Jupyter's SIGTERM (-15) 2.5 s later
    assert run.exit_status == 0


def test_an_archive_that_does_not_fit_is_ignored_without_a_word(tmp_path):
    argv = installed_spec()["argv"]
    # a copy of the launcher jar is another class path entry to the JVM than the one recorded
    moved = tmp_path / "lrlab-kernel.jar"
    shutil.copy2(LAUNCHER, moved)
    stale = [a.replace(str(LAUNCHER), str(moved)) for a in argv]
    assert stale != argv and kernelspec.check_archive(argv[0], ARCHIVE, moved, KERNEL_DIR) != ""
    run = KernelRun(tmp_path, stale, ["1 + 1"])
    assert run.results() == ["2"]
    assert (run.stdout, run.stderr) == ("", "")


def completions_in_kernel(tmp_path: Path, index_delay_ms: int, code: str, until: str | None = None,
                          seconds: float = 60) -> list[list[str]]:
    """Completion matches for code at its end: right after the start, then (with until) again every half
    second until a match equals until or the seconds are over."""
    argv = installed_spec()["argv"]
    spec = installed_spec()
    spec["argv"] = [argv[0], f"-Dlrlab.kernel.indexDelayMs={index_delay_ms}", *argv[1:]]
    kernels = tmp_path / "kernels"
    (kernels / "under-test").mkdir(parents=True)
    (kernels / "under-test" / "kernel.json").write_text(json.dumps(spec))
    km = KernelManager(kernel_name="under-test", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]))
    km.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = []
    try:
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=120)
        deadline = time.monotonic() + seconds
        while True:
            seen.append(kc.complete(code, len(code), reply=True, timeout=60)["content"]["matches"])
            if until is None or until in seen[-1] or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        kc.stop_channels()
    finally:
        km.shutdown_kernel()
    return seen


def test_completion_works_while_the_class_index_is_held_back_and_names_packages_once_it_is_built(tmp_path):
    held = completions_in_kernel(tmp_path / "held", 600_000, "java.util.concurrent.atomic.Atomic")
    assert "AtomicLong" in held[0], "members of a known package complete without the index"
    # JJava alone builds the index at once, within a second or two of the start
    waited = completions_in_kernel(tmp_path / "held-pkg", 600_000, "import java.util.con", until="concurrent.", seconds=5)
    assert all(m == [] for m in waited), f"package names come from the index, which is held back: {waited}"
    built = completions_in_kernel(tmp_path / "built", 500, "import java.util.con", until="concurrent.")
    assert "concurrent." in built[-1], f"the index never named java.util.concurrent: {built[-1]}"


def setup_run() -> subprocess.CompletedProcess:
    out = subprocess.run([str(ENV / "workbook"), "setup"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return out


def test_set_up_records_the_archive_once_and_again_after_a_jar_changed():
    setup_run()
    before = ARCHIVE.stat()
    again = setup_run()
    assert RECORDING not in again.stderr
    assert (ARCHIVE.stat().st_ino, ARCHIVE.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    # as after a reinstall of the same JJava: same bytes, a new time, which the JVM checks
    jjava = KERNEL_DIR / "jjava.jar"
    os.utime(jjava, ns=(jjava.stat().st_atime_ns, jjava.stat().st_mtime_ns + 1_000_000_000))
    java = installed_spec()["argv"][0]
    assert kernelspec.check_archive(java, ARCHIVE, LAUNCHER, KERNEL_DIR) != "", "the old archive no longer fits"
    renewed = setup_run()
    assert RECORDING in renewed.stderr
    assert kernelspec.check_archive(java, ARCHIVE, LAUNCHER, KERNEL_DIR) == ""


def test_bench_kernel_prints_each_kernel_and_the_ratio_to_python():
    out = subprocess.run([str(ENV / "workbook"), "bench", "--kernel", "--runs", "1", "--no-course"],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    for label in ("Python (ipykernel)", "JJava's own kernelspec (before)", "the installed kernelspec (now)"):
        assert any(line.strip().startswith(("Java, " + label, label)) for line in lines), (label, out.stdout)
    assert any(line.strip().startswith("Java/Python wall: before") for line in lines), out.stdout


@pytest.mark.parametrize("args", [["--runs", "2"], ["--levers"], ["--kernel", "--runs"]])
def test_bench_refuses_kernel_options_out_of_place(args):
    out = subprocess.run([str(ENV / "workbook"), "bench", *args], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 2 and "bench:" in out.stderr, out.stderr
