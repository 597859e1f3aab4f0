"""Grading jobs on a Dask cluster: a local one sized to the machine, or an existing one by address.

`grading.grade()` decides what to grade and writes OUT; this module carries the jobs to the workers
and the results back. Workers need the project set up (the same commit, its venv, the Java kernel,
bubblewrap for the sandbox) but not the grader's file system: a job carries the submitted file's
bytes, and the course bundle (config, source, release, gradebook: a deterministic tar.gz) travels
once per worker, which unpacks it once per bundle hash. A job returns the row, the feedback page's
bytes and the per-cell results; only the parent writes OUT.

  connect(scheduler, n)        Dask client: LocalCluster of n processes x 1 thread, or the scheduler
  bundle_course(course_copy)   (tar.gz bytes, sha256) of what a worker needs to grade
  grade_jobs(client, ...)      yields (job, result) as they finish, at most `window` jobs in flight
  run_job(payload, bundle)     the worker side: unpack, write the file, grade_one, collect outputs

Each worker process has one thread and keeps what it imported (nbgrader, nbformat, the kernel
client) for every job it runs; `warm_up` imports it on every worker before the first job.
"""
from __future__ import annotations

import functools
import hashlib
import io
import os
import re
import shutil
import socket
import stat
import tarfile
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Iterator

TOOLS = Path(__file__).resolve().parent
ADDRESS = re.compile(r"^(tcp|tls|ucx|ws|wss)://[^\s/:]+(:\d+)?$|^(tcp|tls)://\[[0-9a-fA-F:]+\](:\d+)?$")
CONNECT_TIMEOUT = float(os.environ.get("LRLAB_DASK_CONNECT_TIMEOUT", 15))
WORKER_WAIT = float(os.environ.get("LRLAB_DASK_WORKER_WAIT", 120))
BUNDLE_ITEMS = ("nbgrader_config.py", "source", "release", "gradebook.db")


class ClusterError(RuntimeError):
    """The cluster cannot grade (unreachable, no workers, a worker set up differently): the message
    names the problem and the fix."""


@functools.cache
def code_hash() -> str:
    """What a worker must run identically to the grader: the Python tools it executes (hashed once
    per process, when it first grades: the code it loaded, not what is on disk later)."""
    h = hashlib.sha256()
    for p in sorted(TOOLS.glob("*.py")):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


# ------------------------------------------------------------------------------------ the bundle ---

def bundle_course(course_copy: Path) -> tuple[bytes, str]:
    """The grading course as a tar.gz with fixed names, order, owners and times, so the same course
    gives the same bytes and hash on every run."""
    buf = io.BytesIO()
    files = []
    for item in BUNDLE_ITEMS:
        p = course_copy / item
        if not p.exists():
            raise ClusterError(f"the grading course {course_copy} has no {item}: rerun grade with --fresh")
        files += [p] if p.is_file() else sorted(q for q in p.rglob("*") if q.is_file()
                                                 and ".ipynb_checkpoints" not in q.parts)
    import gzip
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz, tarfile.open(fileobj=gz, mode="w") as tar:
        for p in files:
            data = p.read_bytes()
            info = tarfile.TarInfo(p.relative_to(course_copy).as_posix())
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    data = buf.getvalue()
    return data, hashlib.sha256(data).hexdigest()[:16]


_unpacked: dict[str, Path] = {}


def unpack_bundle(data: bytes, digest: str, root: Path) -> Path:
    """root/course-<digest>, unpacked once (atomically, so worker processes sharing a disk never see
    half a course)."""
    if digest in _unpacked and _unpacked[digest].is_dir():
        return _unpacked[digest]
    if hashlib.sha256(data).hexdigest()[:16] != digest:
        raise ClusterError(f"the course bundle arrived damaged (hash is not {digest})")
    dest = root / f"course-{digest}"
    if not dest.is_dir():
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".course-{digest}-", dir=root))
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            tar.extractall(tmp, filter="data")
        try:
            os.rename(tmp, dest)
        except OSError:  # another process of this machine was first
            shutil.rmtree(tmp, ignore_errors=True)
    _unpacked[digest] = dest
    return dest


# ---------------------------------------------------------------------------------- worker side ---

def local_root() -> Path:
    """Where this worker keeps unpacked course bundles: its own Dask local directory."""
    try:
        from distributed import get_worker
        return Path(get_worker().local_directory) / "lrlab-grading"
    except (ImportError, ValueError):
        return Path(tempfile.gettempdir()) / f"lrlab-grading-{os.getuid()}"


def jobs_root() -> Path:
    """Where jobs are graded: TMPDIR/lrlab-jobs-<uid>, mode 0711. Not under Dask's local directory,
    which is 0700: the sandboxed kernel runs as an unprivileged user and bubblewrap must reach the
    job's seed folder through every parent to bind it."""
    root = Path(tempfile.gettempdir()) / f"lrlab-jobs-{os.geteuid()}"
    try:
        root.mkdir(mode=0o711)
    except FileExistsError:
        pass
    st = os.lstat(root)  # never a folder (or link) someone else made: it will hold submissions
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid():
        raise ClusterError(f"{root} exists and is not this user's folder: remove it on worker {worker_name()}")
    os.chmod(root, 0o711)
    if not _swept:
        sweep_jobs(root)
        _swept.append(root)
    return root


_swept: list = []


def sweep_jobs(root: Path) -> None:
    """Removes job folders left by worker processes that no longer run (killed mid-job, so their own
    clean-up never ran): a job folder's name starts with the pid of the process grading it."""
    import psutil
    import time
    for p in root.iterdir():
        pid = p.name.split("-", 1)[0]
        dead = not psutil.pid_exists(int(pid)) if pid.isdigit() else time.time() - p.lstat().st_mtime > 86400
        if dead:
            shutil.rmtree(p, ignore_errors=True)


def worker_name() -> str:
    """The Dask worker's name (`dask worker --name`), else host:pid."""
    try:
        from distributed import get_worker
        return str(get_worker().name)
    except (ImportError, ValueError):
        return f"{socket.gethostname()}:{os.getpid()}"


def worker_problems(expected_code: str, sandboxed: bool = True) -> str:
    """'' when this worker can grade like the grader, else what is wrong and how to fix it. Imports
    nbgrader and the in-process autograde on the way, so the first job does not pay for them."""
    if code_hash() != expected_code:
        return (f"it runs different grading code ({code_hash()}, the grader has {expected_code}): start "
                f"workers from the same lrlab commit (environment/workbook worker ADDRESS)")
    try:
        import nbformat  # noqa: F401
        import autograde
        import feedback  # noqa: F401
        autograde.execute_class()
        from jupyter_client.kernelspec import KernelSpecManager
        KernelSpecManager().get_kernel_spec("java")
    except Exception as e:
        return (f"it cannot run the Java kernel or nbgrader ({type(e).__name__}: {str(e)[:160]}): start "
                f"workers with environment/workbook worker ADDRESS, which sets up the venv and kernel")
    if shutil.which("java") is None:
        return "no java on its PATH: install Java 17+ there (Debian: apt-get install openjdk-17-jdk-headless)"
    if sandboxed:
        import sandbox
        if sandbox.problem():
            return (f"it cannot run the grading sandbox: {sandbox.problem()} (fix it on that machine, or grade "
                    f"with --no-sandbox everywhere)")
    return ""


def warm_up(expected_code: str, sandboxed: bool = True) -> dict:
    """Run on every worker before grading: its host, pid and problems ('' if none)."""
    return {"host": socket.gethostname(), "pid": os.getpid(),
            "problem": worker_problems(expected_code, sandboxed)}


def run_job(payload: dict, bundle: bytes) -> dict:
    """Grades one submitted file on this worker: {'row': Row as dict, 'feedback': bytes or None}."""
    import grading
    if payload["code"] != code_hash():
        raise ClusterError(f"worker {worker_name()}: " + worker_problems(payload["code"]))
    course = unpack_bundle(bundle, payload["bundle"], local_root() / "bundles")
    base = jobs_root() / f"{os.getpid()}-{payload['key']}-{uuid.uuid4().hex[:8]}"
    try:
        base.mkdir(mode=0o711)  # traversable, not listable: the sandbox binds the seed folder below it
        os.chmod(base, 0o711)
        for sub in ("in", "out"):
            (base / sub).mkdir(mode=0o700)
        (base / "scratch").mkdir(mode=0o711)
        path = None
        if payload["data"] is not None:
            path = base / "in" / payload["notebook"]
            path.write_bytes(payload["data"])
        job = grading.Job(payload["student"], payload["assignment"], payload["notebook"], path)
        out = base / "out"
        row = grading.safe_grade_one(job, course, base / "scratch", out, payload["wall"], payload["src"],
                                     grading.Options(**payload["options"]))
        page = out / "feedback" / job.student / job.assignment / (Path(job.notebook).stem + ".html")
        return {"row": asdict(row), "feedback": page.read_bytes() if page.is_file() else None,
                "worker": worker_name()}
    finally:
        shutil.rmtree(base, ignore_errors=True)


# ---------------------------------------------------------------------------------- client side ---

@contextmanager
def connect(scheduler: str | None, n_workers: int | None) -> Iterator:
    """A Dask client: on the scheduler at `scheduler` (tcp://HOST:PORT), or on a LocalCluster of
    n_workers processes (default: one per core) with one thread each, closed afterwards."""
    import logging
    from distributed import Client, LocalCluster
    if scheduler:
        if not ADDRESS.match(scheduler):
            raise ClusterError(f"--scheduler {scheduler!r} is not a scheduler address: give it as "
                               f"tcp://HOST:PORT (what `dask scheduler` prints as 'Scheduler at:')")
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as e:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} within {CONNECT_TIMEOUT:g} s "
                               f"({type(e).__name__}): is `dask scheduler` running there and is the port "
                               f"open from this machine?") from None
        try:
            try:
                client.wait_for_workers(1, timeout=WORKER_WAIT)
            except TimeoutError:
                raise ClusterError(f"the scheduler at {scheduler} has no worker after {WORKER_WAIT:g} s: start "
                                   f"some with `environment/workbook worker {scheduler}` on machines with "
                                   f"lrlab set up") from None
            yield client
        finally:
            client.close()
        return
    n = max(1, n_workers or os.cpu_count() or 1)
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                           host="127.0.0.1", silence_logs=logging.ERROR)
    client = Client(cluster, set_as_default=False)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def call(module: str, function: str, *args):
    """module.function(*args), the module imported on the machine that runs the call."""
    import importlib
    return getattr(importlib.import_module(module), function)(*args)


def by_value():
    """`call` as a function no module holds: Dask's pickle cannot refer to it by name and falls back to
    cloudpickle, which sends its code. Recent Dask schedulers unpickle every task; this way a scheduler
    started from any Python with the same `distributed` release can hold lrlab's jobs, and only the
    workers import lrlab's modules (environment/tools on their PYTHONPATH)."""
    import builtins
    import types
    fn = types.FunctionType(call.__code__, {"__builtins__": builtins}, "lrlab_grading_call")
    fn.__module__, fn.__qualname__ = "__main__", "lrlab_grading_call"
    return fn


def check_workers(client, sandboxed: bool = True) -> list[dict]:
    """Warms up every worker and stops with a ClusterError naming each one that cannot grade."""
    try:
        info = client.run(by_value(), "grading_cluster", "warm_up", code_hash(), sandboxed, on_error="return")
    except Exception as e:  # noqa: BLE001 - a worker that cannot even import this module
        raise ClusterError(f"a worker cannot run lrlab's grading code ({type(e).__name__}: {str(e)[:200]}): "
                           f"start workers with environment/workbook worker ADDRESS") from None
    problems = []
    for addr, r in sorted(info.items()):
        if isinstance(r, BaseException):
            problems.append(f"worker {addr}: it cannot run lrlab's grading code ({type(r).__name__}: "
                            f"{str(r)[:160]}): start workers with environment/workbook worker ADDRESS")
        elif r["problem"]:
            problems.append(f"worker {addr} ({r['host']}): {r['problem']}")
    if problems:
        raise ClusterError("; ".join(problems))
    return list(info.values())


def describe(client) -> str:
    workers = client.scheduler_info().get("workers", {})
    threads = sum(w.get("nthreads", 1) for w in workers.values())
    hosts = {w.get("host") for w in workers.values()}
    return f"{len(workers)} Dask workers ({threads} threads) on {len(hosts)} host(s) via {client.scheduler.address}"


def grade_jobs(client, jobs: list, payload_of, bundle: bytes, window: int | None = None) -> Iterator[tuple]:
    """Runs run_job for every job (payload_of(job) builds its payload) with at most `window` jobs on
    the cluster at once (default: two per worker thread), yielding (job, result) as each finishes.
    A job the cluster could not finish (a worker that died on it, a lost connection) yields
    {'error': why} instead of a result."""
    from distributed import as_completed
    if not jobs:
        return
    nthreads = sum(client.nthreads().values()) or 1
    window = max(2, window or 2 * nthreads)
    remote_bundle = client.scatter(bundle, broadcast=True)
    call = by_value()
    run = uuid.uuid4().hex[:8]
    pending = iter(jobs)
    owner = {}
    ac = as_completed(loop=client.loop)

    def submit_next() -> None:
        job = next(pending, None)
        if job is not None:
            fut = client.submit(call, "grading_cluster", "run_job", payload_of(job), remote_bundle,
                                key=f"grade-{job.key}-{run}", retries=0)
            owner[fut.key] = job
            ac.add(fut)

    for _ in range(window):
        submit_next()
    for fut in ac:
        job = owner.pop(fut.key)
        try:
            result = fut.result()
        except Exception as e:  # noqa: BLE001 - the batch goes on; the row says what happened
            kind = type(e).__name__
            why = ("a grading worker died while grading this file" if kind == "KilledWorker"
                   else f"the cluster could not grade it ({kind}: {str(e)[:200]})")
            result = {"error": why}
        fut.release()
        submit_next()
        yield job, result
