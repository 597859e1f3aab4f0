"""Writes the JJava kernelspec inside the venv so that the library and its dependencies are on the
kernel's classpath (JJAVA_CLASSPATH); rewrites it only when its content changes.

usage: kernelspec.py KERNEL_DIR CLASSPATH
"""
import json
import sys
from pathlib import Path


def main(kernel_dir: str, classpath: str) -> None:
    path = Path(kernel_dir) / "kernel.json"
    spec = json.loads(path.read_text())
    spec["display_name"] = "Java (lrlab)"
    spec["language"] = "java"
    env = dict(spec.get("env") or {})
    env["JJAVA_CLASSPATH"] = classpath
    # a runaway student cell is stopped by the notebook runner's own timeout, not by the kernel
    env.setdefault("JJAVA_JVM_OPTS", "-Xmx2g -XX:+UseSerialGC")
    spec["env"] = env
    text = json.dumps(spec, indent=2) + "\n"
    if path.read_text() != text:
        path.write_text(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
