"""Grading through a real Dask cluster on 127.0.0.1: a `dask scheduler` and two workers started with
`environment/workbook worker` (which execs `dask worker`), each with its own local directory, grade a
small class with `grade --scheduler`; grades.csv, cells.csv, the report and the LMS file are
byte-identical to a local run's (also when a run killed part-way is resumed), and both workers took
jobs. Wrong or unreachable scheduler addresses, and a worker running other grading code, stop grade
with a message naming the fix.
The processes are started in their own sessions, live at most LIFETIME seconds, and are killed
(with every child) when the module's tests end."""
from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ENV, interrupted_grade, manual_cells

import grading  # noqa: E402  (conftest puts environment/tools on sys.path)
import grading_cluster  # noqa: E402
import grading_sample  # noqa: E402

WORKBOOK = str(ENV / "workbook")
DASK = Path(os.environ.get("LRLAB_VENV", ENV.parent / ".venv")) / "bin" / "dask"
LIFETIME = 900
NB1, NB3 = "01_four_rates.ipynb", "03_warmup_step_decay.ipynb"
WALL = "600"  # per notebook: generous, so a busy machine (slow kernel starts) does not turn rows into timeouts


def run_verb(*args, timeout=900, env=None):
    return subprocess.run([WORKBOOK, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], log: Path, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(cmd, stdout=log.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True, env={**os.environ, **(env or {})})


def wait_for(condition, what: str, log: Path, seconds: float = 180) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"{what} within {seconds:.0f} s; log:\n{log.read_text(errors='replace')[-3000:]}")


def workers_of(address: str) -> int:
    from distributed import Client
    with Client(address, timeout=10, set_as_default=False) as c:
        return len(c.scheduler_info()["workers"])


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """(scheduler address, worker names): a scheduler and two single-process workers on 127.0.0.1."""
    base = tmp_path_factory.mktemp("dask")
    procs = []
    try:
        info = base / "scheduler.json"
        procs.append(start([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(free_port()),
                            "--no-dashboard", "--scheduler-file", str(info), "--idle-timeout", f"{LIFETIME}s"],
                           base / "scheduler.log"))
        wait_for(info.exists, "the scheduler wrote its address", base / "scheduler.log", 60)
        address = json.loads(info.read_text())["address"]
        names = ["lab-a", "lab-b"]
        for i, name in enumerate(names):  # one after the other: each runs the set-up check first
            procs.append(start([WORKBOOK, "worker", address, "--nworkers", "1", "--name", name,
                                "--host", "127.0.0.1", "--local-directory", str(base / name),
                                "--lifetime", f"{LIFETIME}s", "--death-timeout", "30"], base / f"{name}.log"))
            wait_for(lambda: workers_of(address) == i + 1, f"worker {name} joined", base / f"{name}.log")
        yield address, names, base
    finally:
        for p in procs[::-1]:
            grading.kill_tree(p.pid)
            p.wait(timeout=30)


@pytest.fixture(scope="module")
def klass(tmp_path_factory) -> Path:
    """Two kernels' worth of notebooks plus the cases that need none: a solved and an untouched 03, a
    solved 01 with its sibling 02 missing, an empty file, a file that is not a notebook."""
    course = tmp_path_factory.mktemp("assign")
    r = run_verb("assign", "--out", str(course))
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    sub = tmp_path_factory.mktemp("class") / "submitted"

    def put(student, assignment, name, data):
        p = sub / student / assignment / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data if isinstance(data, bytes) else json.dumps(data).encode())

    def load(kind, assignment, name):
        return json.loads((course / kind / assignment / name).read_text())

    put("Zoë Ann", "schedules", NB3, grading_sample.solved(load("release", "schedules", NB3),
                                                          load("source", "schedules", NB3)))
    put("Zoë Ann", "lr_basics", NB1, grading_sample.solved(load("release", "lr_basics", NB1),
                                                          load("source", "lr_basics", NB1)))
    put("untouched", "schedules", NB3, load("release", "schedules", NB3))
    put("empty", "schedules", NB3, b"")
    put("empty", "schedules", "photo.png", b"\x89PNG\r\n\x1a\n")
    return sub


@pytest.fixture(scope="module")
def local_run(klass, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    r = run_verb("grade", "--submitted", str(klass), "--out", str(out), "--jobs", "2", "--wall", WALL)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "2 Dask workers (2 threads) on 1 host(s)" in r.stdout, r.stdout[-2000:]
    return out


@pytest.fixture(scope="module")
def cluster_run(cluster, klass, tmp_path_factory) -> dict:
    address, names, _ = cluster
    out = tmp_path_factory.mktemp("remote") / "out"
    r = run_verb("grade", "--submitted", str(klass), "--out", str(out), "--scheduler", address, "--wall", WALL)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return {"out": out, "log": r.stdout, "address": address, "names": names, "submitted": klass}


OUTPUTS = ["grades.csv", "cells.csv", "manual_grades.csv", "gradebook_lms.csv", "report.html"]


@pytest.mark.parametrize("name", OUTPUTS)
def test_a_cluster_run_writes_the_same_files_as_a_local_run(local_run, cluster_run, name):
    assert (cluster_run["out"] / name).read_bytes() == (local_run / name).read_bytes()


def test_the_class_is_graded_as_expected(cluster_run):
    with (cluster_run["out"] / "grades.csv").open(encoding="utf-8", newline="") as f:
        rows = {(r[0], r[2]): r for r in list(csv.reader(f))[1:]}
    assert rows[("Zoë Ann", NB3)][3:6] == ["6", "6", "ok"]
    nb1, pending = rows[("Zoë Ann", NB1)], manual_cells("lr_basics", NB1)
    # the written answer waits for the instructor: its points are in max_score, not yet in score
    assert nb1[5] == "ok" and float(nb1[3]) == float(nb1[4]) - sum(pending.values()) > 0, nb1
    assert "awaiting manual grading" in nb1[6] and all(name in nb1[6] for name in pending), nb1
    assert rows[("Zoë Ann", "02_stability_limit.ipynb")][5] == "missing"
    assert rows[("untouched", NB3)][3:6] == ["0", "6", "ok"]
    assert rows[("empty", NB3)][5] == "invalid-notebook" and rows[("empty", "photo.png")][5] == "invalid-notebook"
    with (cluster_run["out"] / "cells.csv").open(encoding="utf-8", newline="") as f:
        cells = {(r[0], r[2], r[3]): r[4:] for r in list(csv.reader(f))[1:]}
    points, top, message = cells[("untouched", NB3, "test_schedule")]
    assert (points, top) == ("0", "4") and "not implemented yet" in message
    assert cells[("Zoë Ann", NB3, "test_schedule")] == ["4", "4", ""]


def test_both_workers_took_jobs_and_the_parent_wrote_the_feedback(cluster_run, local_run):
    log = cluster_run["log"]
    assert f"2 Dask workers (2 threads) on 1 host(s) via {cluster_run['address']}" in log
    for name in cluster_run["names"]:
        assert f"on worker {name})" in log, log
    pages = sorted(p.relative_to(cluster_run["out"]) for p in (cluster_run["out"] / "feedback").rglob("*.html"))
    assert pages == sorted(p.relative_to(local_run) for p in (local_run / "feedback").rglob("*.html"))
    assert Path("feedback/untouched/schedules/03_warmup_step_decay.html") in pages


def test_workers_keep_the_course_once_and_no_job(cluster_run, cluster):
    """Each worker's local directory holds the unpacked course bundle (one per hash); no job folder
    (submission, scratch course, feedback) is left once grading is done."""
    address, names, base = cluster
    for name in names:
        found = list((base / name).rglob("lrlab-grading"))
        assert len(found) == 1, f"{name}: {found}"
        bundles = [p.name for p in (found[0] / "bundles").iterdir()]
        assert len(bundles) == 1 and bundles[0].startswith("course-"), bundles
    jobs = grading_cluster.jobs_root()
    keys = {grading.Job(s.name, a.name, f.name, f).key for s in cluster_run["submitted"].iterdir()
            for a in s.iterdir() for f in a.iterdir()}
    assert not [p for p in jobs.iterdir() if p.name.split("-")[1] in keys], list(jobs.iterdir())


def test_rerun_through_the_cluster_reuses_every_result(cluster_run, klass):
    before = (cluster_run["out"] / "grades.csv").read_bytes()
    r = run_verb("grade", "--submitted", str(klass), "--out", str(cluster_run["out"]),
                 "--scheduler", cluster_run["address"], "--wall", WALL)
    assert r.returncode == 0 and "grading 0" in r.stdout, r.stdout[-2000:] + r.stderr[-2000:]
    assert (cluster_run["out"] / "grades.csv").read_bytes() == before


def test_an_interrupted_cluster_run_resumes_to_the_same_files(cluster, klass, local_run, tmp_path):
    """grade through the scheduler, killed once its first row is saved, then run again: the saved rows
    are reused and the files end up byte-identical to an uninterrupted local run's."""
    address, _, _ = cluster
    out = tmp_path / "out"
    seen = interrupted_grade("--submitted", str(klass), "--out", str(out), "--scheduler", address, "--wall", WALL,
                             after=1)
    saved = list((out / "results").glob("*.json"))
    total = len((local_run / "grades.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert 1 <= len(saved) < total, seen  # stopped part-way, the finished rows kept
    r = run_verb("grade", "--submitted", str(klass), "--out", str(out), "--scheduler", address, "--wall", WALL)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert f"reusing {len(saved)} finished results" in r.stdout, r.stdout[-2000:]
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (local_run / name).read_bytes(), name


@pytest.mark.parametrize("address, fragment", [
    ("127.0.0.1:8786", "is not a scheduler address: give it as tcp://HOST:PORT"),
    ("tcp://127.0.0.1:{free}", "cannot reach the Dask scheduler at tcp://127.0.0.1:"),
])
def test_a_wrong_scheduler_address_stops_grade_with_the_fix(local_run, tmp_path, address, fragment):
    out = tmp_path / "out"
    shutil.copytree(local_run, out)  # the prepared course is reused; one new file needs grading
    sub = tmp_path / "sub" / "late" / "schedules"
    sub.mkdir(parents=True)
    (sub / NB3).write_bytes(b"")
    r = run_verb("grade", "--submitted", str(tmp_path / "sub"), "--out", str(out),
                 "--scheduler", address.format(free=free_port()), timeout=300,
                 env={"LRLAB_DASK_CONNECT_TIMEOUT": "3"})
    assert r.returncode == 2, r.stdout[-2000:] + r.stderr[-2000:]
    assert fragment in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_a_worker_running_other_grading_code_stops_grade(cluster, local_run, tmp_path):
    """A worker started from another checkout (here: environment/tools with one changed line) is named,
    with the fix, before any job runs."""
    address, _, _ = cluster
    tools = tmp_path / "tools"
    shutil.copytree(ENV / "tools", tools, ignore=shutil.ignore_patterns("__pycache__"))
    (tools / "grading.py").write_text((tools / "grading.py").read_text() + "\n# another version\n")
    odd = start([str(DASK), "worker", address, "--nthreads", "1", "--name", "odd-one", "--host", "127.0.0.1",
                 "--no-dashboard", "--local-directory", str(tmp_path / "odd"), "--lifetime", f"{LIFETIME}s",
                 "--death-timeout", "30"], tmp_path / "odd.log", env={"PYTHONPATH": str(tools)})
    try:
        wait_for(lambda: workers_of(address) == 3, "the odd worker joined", tmp_path / "odd.log")
        out = tmp_path / "out"
        shutil.copytree(local_run, out)
        sub = tmp_path / "sub" / "late" / "schedules"
        sub.mkdir(parents=True)
        (sub / NB3).write_bytes(b"")
        r = run_verb("grade", "--submitted", str(tmp_path / "sub"), "--out", str(out), "--scheduler", address,
                     timeout=300)
        assert r.returncode == 2, r.stdout[-2000:] + r.stderr[-2000:]
        assert "odd-one" in r.stderr or "worker tcp://127.0.0.1" in r.stderr, r.stderr
        assert "runs different grading code" in r.stderr and "same lrlab commit" in r.stderr, r.stderr
        assert "Traceback" not in r.stderr
    finally:
        grading.kill_tree(odd.pid)
        odd.wait(timeout=30)
