"""First process inside a grading sandbox (run by bubblewrap, standard library only, `python3 -I -S`).

1. sets the sandbox's resource limits on itself, so the kernel and everything it starts inherit them
   (RLIMIT_NPROC counts the tasks of this user namespace only: it bounds threads + processes of this
   sandbox and of no other);
2. fills the throwaway working copy (a size-limited tmpfs) from the read-only seed folder;
3. starts the kernel there, without the listening sockets below;
4. relays the kernel's five ZMQ channels: the grader's side listens on Unix sockets created outside the
   sandbox and handed in as open file descriptors; each connection is joined to the kernel's TCP port on
   the loopback of the sandbox's own network namespace (JeroMQ's ipc:// is TCP on loopback, so the
   kernel cannot use Unix sockets itself, and the sandbox has no other network).
Exits with the kernel's exit code when the kernel ends.

usage: python3 -I -S sandbox_relay.py SPEC_JSON
  SPEC_JSON: {"rlimits": {"NPROC": n, ...}, "seed": dir, "work": dir, "cmd": [...], "listen": [[fd, port], ...]}
"""
import errno
import json
import os
import resource
import selectors
import shutil
import socket
import subprocess
import sys
import time

CHUNK = 1 << 16
HIGH_WATER = 1 << 22  # stop reading a side while 4 MB wait to be written to the other


class Link:
    """One client connection (Unix) joined to the kernel's port (TCP), with a buffer per direction."""

    def __init__(self, client, port):
        self.client, self.port, self.kernel = client, port, None
        self.pending = {}  # socket -> bytes waiting to be sent to it
        self.next_try = 0.0

    def peer(self, s):
        return self.kernel if s is self.client else self.client


def main(spec):
    for name, value in spec["rlimits"].items():
        resource.setrlimit(getattr(resource, "RLIMIT_" + name), (value, value))
    if spec.get("seed"):
        shutil.copytree(spec["seed"], spec["work"], dirs_exist_ok=True)
    os.makedirs(spec["work"], exist_ok=True)
    kernel = subprocess.Popen(spec["cmd"], cwd=spec["work"], stdin=subprocess.DEVNULL, close_fds=True)
    sel = selectors.DefaultSelector()
    for fd, port in spec["listen"]:
        listener = socket.socket(fileno=fd)
        listener.setblocking(False)
        sel.register(listener, selectors.EVENT_READ, ("listen", port))
    waiting = []  # links whose kernel side is not connected yet

    def watch(link):
        for s in (link.client, link.kernel):
            if s is None:
                continue
            peer = link.peer(s)
            mask = 0
            if peer is not None and len(link.pending.get(peer, b"")) < HIGH_WATER:
                mask |= selectors.EVENT_READ
            if link.pending.get(s):
                mask |= selectors.EVENT_WRITE
            try:
                key = sel.get_key(s)
                if mask:
                    sel.modify(s, mask, ("link", link)) if key.events != mask else None
                else:
                    sel.unregister(s)
            except KeyError:
                if mask:
                    sel.register(s, mask, ("link", link))

    def close(link):
        for s in (link.client, link.kernel):
            if s is not None:
                try:
                    sel.unregister(s)
                except (KeyError, ValueError):
                    pass
                s.close()
        link.client = link.kernel = None

    def try_connect(link):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.connect(("127.0.0.1", link.port))
            if s.getsockname() == s.getpeername():  # a TCP self-connect holds the kernel's port: undo it
                raise OSError("self-connected")
        except OSError:
            s.close()
            link.next_try = time.monotonic() + 0.02
            return False
        s.setblocking(False)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        link.kernel = s
        watch(link)
        return True

    while kernel.poll() is None:
        now = time.monotonic()
        for link in list(waiting):
            if link.client is None:
                waiting.remove(link)
            elif now >= link.next_try and try_connect(link):
                waiting.remove(link)
        for key, events in sel.select(timeout=0.02 if waiting else 0.5):
            kind, data = key.data
            if kind == "listen":
                try:
                    conn, _ = key.fileobj.accept()
                except OSError:
                    continue
                conn.setblocking(False)
                link = Link(conn, data)
                if not try_connect(link):
                    waiting.append(link)
                continue
            link, s = data, key.fileobj
            if link.client is None:
                continue
            peer = link.peer(s)
            if events & selectors.EVENT_READ and peer is not None:
                try:
                    chunk = s.recv(CHUNK)
                except OSError as e:
                    chunk = b"" if e.errno not in (errno.EAGAIN, errno.EWOULDBLOCK) else None
                if chunk == b"":
                    close(link)
                    continue
                if chunk:
                    link.pending[peer] = link.pending.get(peer, b"") + chunk
            if events & selectors.EVENT_WRITE and link.pending.get(s):
                try:
                    sent = s.send(link.pending[s])
                    link.pending[s] = link.pending[s][sent:]
                except OSError as e:
                    if e.errno not in (errno.EAGAIN, errno.EWOULDBLOCK):
                        close(link)
                        continue
            watch(link)
    sys.exit(kernel.returncode if kernel.returncode >= 0 else 128 - kernel.returncode)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
