"""The sandbox a graded notebook's kernel runs in (bubblewrap), and the kernel manager that starts it.

`GradingKernelManager` is a jupyter_client kernel manager that nbclient/nbgrader use like any other
(`Execute.kernel_manager_class`); per job it is configured through its `grading` trait. With the sandbox
on, the kernel command from the kernelspec runs inside

    bwrap --unshare-all --unshare-user --disable-userns --die-with-parent --new-session --clearenv
          (read-only) /usr /etc and the /bin /lib /sbin links, the JDK, the kernelspec's folder, every jar
                      of its classpath, the project's data/, this folder's sandbox_relay.py
          (writable)  a size-limited tmpfs for $HOME (holding the working copy, the kernel's cwd) and one
                      for /tmp; nothing else (/ and /dev read-only)
          python3 -I -S sandbox_relay.py ...   (limits, working copy, kernel, channel relay)

so the kernel sees no course source, gradebook, release, other submission, grader output or home folder,
has no network (its own empty network namespace: only its loopback), no process of it outlives the
sandbox (pid namespace, bwrap dies with the grader), and it runs with no capabilities as an unprivileged
user (nobody when the grader is root). The grader reaches the kernel's channels through Unix sockets it
creates itself and hands in as open file descriptors (see sandbox_relay.py).

Limits (`Limits`): -Xmx for the kernel JVM; RLIMIT_NPROC set inside the sandbox's user namespace, so it
counts this sandbox's threads and processes only (for uid 0 Linux never enforces it, which is why the
kernel never runs as root); RLIMIT_DATA per process and a watchdog on the sum of the resident memory of
every process of the sandbox; RLIMIT_FSIZE and the tmpfs sizes for disk writes; a wall-clock deadline. A
limit that trips kills the whole sandbox and is reported in `OUTCOMES[token]`.
"""
from __future__ import annotations

import hashlib
import json
import os
import pwd
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Dict

HERE = Path(__file__).resolve().parent
RELAY = HERE / "sandbox_relay.py"
HOME = "/home/student"          # the kernel's $HOME (a tmpfs); its working copy is HOME/<assignment>
CONNECTION = "/run/lrlab/connection.json"
SEED = "/run/lrlab/seed"
RELAY_IN = "/run/lrlab/relay.py"
# the kernel's ports inside the sandbox's own network namespace: below Linux's ephemeral range (32768+),
# or the relay's connect attempts before the kernel listens could self-connect and take the port
INNER_PORTS = (20001, 20002, 20003, 20004, 20005)
CHANNELS = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")
SANDBOX_USER = "nobody"         # who the kernel runs as when the grader is root

# what each watchdog saw, by job token: {"reason": "wall"|"memory"|None, "peak_mb": float, "stderr": str}
OUTCOMES: dict[str, dict] = {}


@dataclass(frozen=True)
class Limits:
    """Resource limits of one graded notebook's sandbox."""
    heap_mb: int = 1024          # -Xmx of the kernel JVM
    memory_mb: int = 2048        # resident memory of all the sandbox's processes together (watchdog)
    process_mb: int = 3072       # RLIMIT_DATA of each process (committed private memory)
    tasks: int = 512             # RLIMIT_NPROC: threads + processes (JJava launcher + kernel at rest: ~120)
    disk_mb: int = 64            # size of each tmpfs ($HOME with the working copy, /tmp); RLIMIT_FSIZE
    open_files: int = 1024       # RLIMIT_NOFILE


# ------------------------------------------------------------------------------------- the machine ---

def sandbox_user() -> tuple[int, int] | None:
    """(uid, gid) the sandbox is started as: an unprivileged user when the grader is root, else None."""
    if os.geteuid() != 0:
        return None
    try:
        pw = pwd.getpwnam(SANDBOX_USER)
        return pw.pw_uid, pw.pw_gid
    except KeyError:
        return 65534, 65534


_PROBLEM: list = []


def bwrap_path() -> str | None:
    """bubblewrap's executable: $LRLAB_BWRAP if set (a bwrap that is not on PATH), else bwrap on PATH."""
    return os.environ.get("LRLAB_BWRAP") or shutil.which("bwrap")


def problem() -> str | None:
    """Why this machine cannot run the sandbox (with the fix), or None when it can. Cached."""
    if _PROBLEM:
        return _PROBLEM[0]
    why = None
    bwrap = bwrap_path()
    if bwrap is None or not os.access(bwrap, os.X_OK):
        where = f" at {os.environ['LRLAB_BWRAP']} (LRLAB_BWRAP)" if os.environ.get("LRLAB_BWRAP") else ""
        why = (f"bubblewrap (bwrap) is not installed{where}: install it with `apt-get install bubblewrap` (Debian/Ubuntu; "
               "`environment/workbook setup` does this as root or through sudo)")
    else:
        user = sandbox_user()
        cmd = [bwrap, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
               "--ro-bind", "/usr", "/usr", *system_links(), "--proc", "/proc", "--dev", "/dev",
               "--tmpfs", "/tmp", "--remount-ro", "/", "true"]
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=30,
                               **({"user": user[0], "group": user[1], "extra_groups": []} if user else {}))
            if r.returncode != 0:
                detail = (r.stderr.strip().splitlines() or ["exit code %d" % r.returncode])[-1]
                why = (f"bubblewrap cannot create the sandbox here ({detail}): unprivileged user namespaces must be "
                       "allowed (sysctl user.max_user_namespaces=15000, kernel.unprivileged_userns_clone=1; on "
                       "Ubuntu 23.10+ also kernel.apparmor_restrict_unprivileged_userns=0)")
        except (OSError, subprocess.TimeoutExpired) as e:
            why = f"bubblewrap does not run here ({e})"
    _PROBLEM.append(why)
    return why


def system_links() -> list[str]:
    """/bin, /lib, /lib64, /sbin as the host has them: links into /usr (merged /usr) or read-only binds."""
    out: list[str] = []
    for name in ("bin", "lib", "lib32", "lib64", "libx32", "sbin"):
        p = Path("/") / name
        if p.is_symlink():
            out += ["--symlink", os.readlink(p), str(p)]
        elif p.is_dir():
            out += ["--ro-bind", str(p), str(p)]
    return out


def relay_python() -> str:
    """The interpreter that runs sandbox_relay.py inside the sandbox (the system's, under /usr)."""
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if os.access(candidate, os.X_OK):
            return candidate
    return os.path.realpath(sys.executable)


# ------------------------------------------------------------------------------------ the command ---

def reachable(path: str) -> bool:
    """Whether a user with no special rights can read path: every folder above it searchable by others,
    the path itself readable (and searchable, for a folder). bubblewrap binds as the sandbox user, so a
    path under a private folder (a checkout under /root, a 0700 temporary folder) cannot be bound as it is."""
    p = Path(path)
    try:
        for parent in list(p.parents)[:-1]:
            if not parent.stat().st_mode & stat.S_IXOTH:
                return False
        mode = p.stat().st_mode
    except OSError:
        return False
    need = stat.S_IROTH | (stat.S_IXOTH if stat.S_ISDIR(mode) else 0)
    return mode & need == need and reachable_inside(p)


def reachable_inside(folder: Path) -> bool:
    if not folder.is_dir():
        return True
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames:
            if os.stat(os.path.join(dirpath, name)).st_mode & 0o005 != 0o005:
                return False
        for name in filenames:
            if not os.stat(os.path.join(dirpath, name)).st_mode & stat.S_IROTH:
                return False
    return True


_STAGE_LOCK = threading.Lock()


def stage_root() -> Path:
    """TMPDIR/lrlab-sandbox-<uid>: mode 0711 (searchable, not listable), owned by this user."""
    root = Path(tempfile.gettempdir()) / f"lrlab-sandbox-{os.geteuid()}"
    try:
        root.mkdir(mode=0o711)
    except FileExistsError:
        pass
    st = os.lstat(root)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid():
        raise RuntimeError(f"{root} exists and is not this user's folder: remove it")
    os.chmod(root, 0o711)
    return root


def stage(path: str) -> str:
    """A copy of path that the sandbox user can read, under stage_root(), named by a hash of the path and
    of every file's name, size and modification time (so a changed file is copied again). Made once per
    content; a folder under it cannot be listed, so its name is the only way in."""
    p = Path(path)
    h = hashlib.sha256(path.encode())
    files = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
    for f in files:
        st = f.stat()
        h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    dest = stage_root() / h.hexdigest()[:32] / p.name
    with _STAGE_LOCK:
        if not dest.exists():
            tmp = dest.parent.with_name(dest.parent.name + f".tmp{os.getpid()}-{threading.get_ident()}")
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir(mode=0o755)
            target = tmp / p.name
            if p.is_dir():
                shutil.copytree(p, target, symlinks=False)
            else:
                shutil.copy2(p, target)
            for dirpath, dirnames, filenames in os.walk(tmp):
                os.chmod(dirpath, 0o755)
                for name in filenames:
                    os.chmod(os.path.join(dirpath, name), 0o644 | (os.stat(os.path.join(dirpath, name)).st_mode & 0o111))
            try:
                os.rename(tmp, dest.parent)
            except OSError:  # another thread or process made it first
                shutil.rmtree(tmp, ignore_errors=True)
    return str(dest)


class Binds:
    """Read-only binds; each path appears in the sandbox where the host has it. A path the sandbox user
    cannot reach on the host (see reachable) is bound from a readable copy instead (see stage)."""

    def __init__(self) -> None:
        self.args: list[str] = []
        self.seen: set[str] = set()
        self.temporary: list[str] = []  # staged copies to remove when the kernel is gone

    def add(self, path: str | Path, dest: str | None = None, temporary: bool = False) -> None:
        path = os.path.realpath(path)
        dest = dest or path
        if dest in self.seen or not os.path.exists(path):
            return
        if dest.startswith(("/usr/", "/etc/")) and dest == path:
            return  # already visible
        self.seen.add(dest)
        source = path
        if sandbox_user() and not reachable(path):
            source = stage(path)
            if temporary:
                self.temporary.append(str(Path(source).parent))
        self.args += ["--ro-bind", source, dest]


def kernel_paths(kernel_cmd: list[str], spec_env: dict[str, str]) -> list[str]:
    """Host paths the kernel needs read-only: the JDK, the kernelspec's files and classpath jars, and any
    absolute path its command or environment names (e.g. a class-data-sharing archive)."""
    paths = []
    java = shutil.which(kernel_cmd[0]) if kernel_cmd else None
    if java:
        home = Path(os.path.realpath(java)).parents[1]
        paths.append(str(home))
    for arg in list(kernel_cmd) + list(spec_env.values()):
        for part in str(arg).replace("=", ":").split(":"):
            part = part.strip()
            if part.startswith("/") and os.path.exists(part):
                paths.append(part)
    return paths


def bwrap_command(kernel_cmd: list[str], kernel_env: dict[str, str], seed: str | None, workname: str,
                  limits: Limits, conn_fd: int, listen: list[tuple[int, int]], guarded: list[str],
                  data_dir: str | None) -> tuple[list[str], list[int], Binds]:
    """The bwrap argv that runs kernel_cmd in a sandbox, and the file descriptors it must inherit."""
    binds = Binds()
    for p in kernel_paths(kernel_cmd, kernel_env):
        real = os.path.realpath(p)
        for g in guarded:  # never bind a folder that holds what the kernel must not see
            g = os.path.realpath(g)
            if g == real or g.startswith(real.rstrip("/") + "/"):
                raise RuntimeError(f"the kernelspec names {p}, which contains {g}: the sandbox cannot show it "
                                   "to the kernel; point the kernelspec at the jars and files themselves")
        binds.add(real)
    if data_dir:  # the library finds data/ through LRLAB_ROOT; nothing else of that folder is shown
        binds.add(data_dir)
        kernel_env = {**kernel_env, "LRLAB_ROOT": str(Path(data_dir).parent)}
    binds.add(RELAY, RELAY_IN)
    py = relay_python()
    if not py.startswith("/usr/"):
        binds.add(str(Path(py).parents[1]))  # an interpreter outside /usr: its whole prefix
    if seed:
        binds.add(seed, SEED, temporary=True)
    work = f"{HOME}/{workname}"
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": HOME, "LANG": "C.UTF-8", "TMPDIR": "/tmp",
           "MALLOC_ARENA_MAX": "2", **kernel_env}
    if kernel_cmd and shutil.which(kernel_cmd[0]):
        env["PATH"] = str(Path(os.path.realpath(shutil.which(kernel_cmd[0]))).parent) + ":" + env["PATH"]
    argv = [bwrap_path() or "bwrap", "--unshare-all", "--unshare-user", "--disable-userns",
            "--die-with-parent", "--new-session", "--hostname", "sandbox", "--cap-drop", "ALL", "--clearenv"]
    for k, v in env.items():
        argv += ["--setenv", k, v]
    argv += ["--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc", *system_links(),
             "--proc", "/proc", "--dev", "/dev",
             "--size", str(limits.disk_mb << 20), "--tmpfs", HOME,
             "--size", str(limits.disk_mb << 20), "--tmpfs", "/tmp",
             *binds.args,
             "--ro-bind-data", str(conn_fd), CONNECTION,
             "--remount-ro", "/dev", "--remount-ro", "/", "--chdir", HOME]
    spec = {"rlimits": {"NPROC": limits.tasks, "DATA": limits.process_mb << 20, "FSIZE": limits.disk_mb << 20,
                        "CORE": 0, "NOFILE": limits.open_files},
            "seed": SEED if seed else None, "work": work, "cmd": kernel_cmd, "listen": listen}
    argv += [py, "-I", "-S", RELAY_IN, json.dumps(spec)]
    return argv, [conn_fd] + [fd for fd, _ in listen], binds


def jvm_options(current: str, limits: Limits) -> str:
    """The kernelspec's JJAVA_JVM_OPTS with the sandbox's heap limit instead of its own."""
    opts = [o for o in current.split() if not o.startswith("-Xmx")]
    return " ".join([f"-Xmx{limits.heap_mb}m", "-XX:-UsePerfData", *opts])


def jvm_command(kernel_cmd: list[str], limits: Limits) -> list[str]:
    """The kernel command with the sandbox's heap limit instead of its own. The project's kernelspec
    starts the kernel JVM itself and names its options in argv (environment/tools/kernelspec.py);
    JJava's own launcher JVM passes JJAVA_JVM_OPTS on to the kernel JVM instead (jvm_options)."""
    if not kernel_cmd or os.path.basename(kernel_cmd[0]) != "java":
        return list(kernel_cmd)
    opts = [a for a in kernel_cmd[1:] if not a.startswith("-Xmx") and a != "-XX:-UsePerfData"]
    return [kernel_cmd[0], f"-Xmx{limits.heap_mb}m", "-XX:-UsePerfData", *opts]


# ------------------------------------------------------------------------------- kernel manager ---

class _Tail:
    """Keeps the last few kilobytes a process writes to a pipe (its stderr), reading in a thread."""

    def __init__(self, stream, keep: int = 4000) -> None:
        self.text = b""
        self.keep = keep
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream) -> None:
        for chunk in iter(lambda: stream.read1(4096), b""):
            self.text = (self.text + chunk)[-self.keep:]
        stream.close()


class GradingKernelManager(AsyncKernelManager):
    """A kernel manager for grading: the kernel runs in a bubblewrap sandbox (unless grading.sandbox is
    False) under a watchdog that enforces the wall clock and the memory of all its processes.

    grading: {"token": str, "sandbox": bool, "limits": Limits as dict, "deadline": time.monotonic() value,
              "seed": folder copied into the working copy, "workname": name of the working copy,
              "guarded": folders the sandbox must never show, "data_dir": the project's data folder}
    """

    grading = Dict(config=True, help="per-job sandbox settings (see the class docstring)")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._private = tempfile.mkdtemp(prefix="lrlab-k")  # 0700: connection file and channel sockets
        self.connection_file = os.path.join(self._private, "kernel.json")
        if self.grading.get("sandbox", True):
            self.transport = "ipc"
            self.ip = os.path.join(self._private, "k")
        self._watchdog: threading.Thread | None = None

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        g = self.grading
        limits = Limits(**g.get("limits", {}))
        outcome = OUTCOMES.setdefault(g.get("token", ""), {"reason": None, "peak_mb": 0.0, "stderr": ""})
        kw["stdin"], kw["stdout"], kw["stderr"] = subprocess.DEVNULL, subprocess.DEVNULL, subprocess.PIPE
        kernel_cmd = jvm_command(kernel_cmd, limits)
        if not g.get("sandbox", True):
            env = dict(kw.get("env") or os.environ)
            env["JJAVA_JVM_OPTS"] = jvm_options(env.get("JJAVA_JVM_OPTS", ""), limits)
            kw["env"] = env
            await super()._async_launch_kernel(kernel_cmd, **kw)
            self._start_watchdog(limits, g, outcome, sandboxed=False)
            return
        spec_env = {k: v for k, v in (self.kernel_spec.env or {}).items()}
        spec_env["JJAVA_JVM_OPTS"] = jvm_options(spec_env.get("JJAVA_JVM_OPTS", ""), limits)
        cmd = [CONNECTION if a == self.connection_file else a for a in kernel_cmd]
        info = self.get_connection_info()
        conn = {"transport": "tcp", "ip": "127.0.0.1", "signature_scheme": info["signature_scheme"],
                "key": info["key"].decode() if isinstance(info["key"], bytes) else info["key"],
                "kernel_name": self.kernel_name}
        sockets, listen = [], []
        for name, inner in zip(CHANNELS, INNER_PORTS):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            path = f"{self.ip}-{info[name]}"
            if os.path.exists(path):
                os.unlink(path)
            s.bind(path)
            s.listen(16)
            sockets.append(s)
            listen.append((s.fileno(), inner))
            conn[name] = inner
        rd, wr = os.pipe()
        os.write(wr, json.dumps(conn).encode())
        os.close(wr)
        argv, fds, binds = bwrap_command(cmd, spec_env, g.get("seed"), g.get("workname", "work"), limits, rd,
                                         listen, g.get("guarded", []), g.get("data_dir"))
        kw["env"] = {"PATH": "/usr/bin:/bin"}  # bwrap's own; the sandbox gets --clearenv and its --setenv
        kw["cwd"] = "/"
        kw["pass_fds"] = fds
        user = sandbox_user()
        if user:
            kw.update(user=user[0], group=user[1], extra_groups=[])
        self._staged = binds.temporary
        try:
            await super()._async_launch_kernel(argv, **kw)
        finally:
            os.close(rd)
            for s in sockets:
                s.close()
        self._start_watchdog(limits, g, outcome, sandboxed=True)

    def _start_watchdog(self, limits: Limits, g: dict, outcome: dict, sandboxed: bool) -> None:
        proc = self.provisioner.process  # bwrap (or the kernel itself without the sandbox)
        tail = _Tail(proc.stderr) if proc.stderr else None
        deadline = float(g.get("deadline", time.monotonic() + 3600))
        self._watchdog = threading.Thread(target=watch, args=(proc, deadline, limits, outcome, tail),
                                          daemon=True)
        self._watchdog.start()

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart)
        if not restart:
            shutil.rmtree(self._private, ignore_errors=True)
            for staged in getattr(self, "_staged", []):
                shutil.rmtree(staged, ignore_errors=True)


def watch(proc: subprocess.Popen, deadline: float, limits: Limits, outcome: dict, tail) -> None:
    """Kills the sandbox (bwrap and so its pid namespace; without the sandbox the kernel's process tree)
    when the wall clock passes the deadline or all its processes together hold more than memory_mb."""
    import psutil
    try:
        root = psutil.Process(proc.pid)
    except psutil.NoSuchProcess:
        return
    limit = limits.memory_mb << 20
    while proc.poll() is None:
        reason = None
        if time.monotonic() > deadline:
            reason = "wall"
        else:
            rss = 0
            try:
                procs = [root] + root.children(recursive=True)
            except psutil.Error:
                procs = [root]
            for p in procs:
                try:
                    rss += p.memory_info().rss
                except psutil.Error:
                    pass
            outcome["peak_mb"] = max(outcome.get("peak_mb", 0.0), rss / 2**20)
            if rss > limit:
                reason = "memory"
        if reason:
            outcome["reason"] = reason
            kill(proc)
            break
        time.sleep(0.2)
    proc.wait()
    if tail is not None:
        tail.thread.join(timeout=5)
        outcome["stderr"] = tail.text.decode("utf-8", "replace")


def kill(proc: subprocess.Popen) -> None:
    """Kills proc's process group and every descendant found by pid (the sandbox dies with bwrap)."""
    import psutil
    try:
        procs = psutil.Process(proc.pid).children(recursive=True)
    except psutil.Error:
        procs = []
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    for p in procs:
        try:
            p.kill()
        except psutil.Error:
            pass


def limits_dict(limits: Limits) -> dict:
    return asdict(limits)
