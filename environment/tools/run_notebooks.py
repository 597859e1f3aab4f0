"""Executes notebooks headless through the real Java kernel (nbclient) and writes executed copies.

One line per notebook with its time; on an error, the notebook, the cell number and the first line of
the error. Output written to stderr by a cell counts as a failure too: autograders score a test cell
that writes to stderr as failed, so the course notebooks must stay quiet.

usage: run_notebooks.py [--out DIR] [--timeout SECONDS] NOTEBOOK...
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL = "java"


@dataclass
class Outcome:
    path: Path
    ok: bool
    seconds: float
    message: str = ""
    executed: Path | None = None

    def line(self) -> str:
        status = "ok  " if self.ok else "FAIL"
        text = f"{status} {self.path}  {self.seconds:.1f} s"
        return text + (f"  {self.message}" if self.message else "")


def read_notebook(path: Path):
    """The notebook at path, or a ValueError whose message says what is wrong with it."""
    if not path.exists():
        raise ValueError(f"{path}: no such file")
    if path.is_dir() or path.suffix != ".ipynb":
        raise ValueError(f"{path}: not a notebook (expected a .ipynb file)")
    try:
        return nbformat.read(path, as_version=4)
    except Exception as e:  # nbformat raises several types for broken JSON and schema errors
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ValueError(f"{path}: not a readable notebook ({first})") from e


def first_error_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("---") and not line.startswith("An error occurred while executing"):
            return line[:300]
    return "error"


def stderr_problem(nb) -> str:
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr" and out.get("text", "").strip():
                return f"cell {index} wrote to stderr: {first_error_line(out['text'])}"
    return ""


def error_problem(nb) -> str:
    for index, cell in enumerate(nb.cells, start=1):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                text = " ".join(s for s in [out.get("ename", ""), out.get("evalue", "")] if s)
                return f"cell {index}: {first_error_line(text)}"
    return ""


def executed_path(path: Path, out_dir: Path, root: Path) -> Path:
    try:
        rel = path.resolve().relative_to(root.resolve())
    except ValueError:
        rel = Path(path.name)
    return out_dir / rel


def run_one(path: Path, out_dir: Path, root: Path, timeout: int, kernel: str = KERNEL) -> Outcome:
    start = time.monotonic()
    try:
        nb = read_notebook(path)
    except ValueError as e:
        return Outcome(path, False, 0.0, str(e).split(": ", 1)[1] if ": " in str(e) else str(e))
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel, allow_errors=False,
                            resources={"metadata": {"path": str(path.resolve().parent)}})
    message = ""
    target = executed_path(path, out_dir, root)
    target.parent.mkdir(parents=True, exist_ok=True)
    # the kernel process logs its start and stop on its own stderr: keep that out of the terminal,
    # beside the executed copy, where it helps when a kernel dies
    kernel_log = target.with_suffix(".kernel.log").open("w")
    try:
        client.execute(stderr=kernel_log, stdout=kernel_log)
    except CellTimeoutError:
        message = f"cell {current_cell(client, nb)}: timed out after {timeout} s"
    except DeadKernelError as e:
        message = f"the kernel died ({first_error_line(str(e))})"
    except CellExecutionError as e:
        message = error_problem(nb) or first_error_line(str(e))
    except Exception as e:  # kernel could not start, etc.
        message = f"{type(e).__name__}: {first_error_line(str(e))}"
    finally:
        kernel_log.close()
    message = message or stderr_problem(nb)
    nbformat.write(nb, target)
    return Outcome(path, not message, time.monotonic() - start, message, target)


def current_cell(client, nb) -> int:
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code" and cell.get("execution_count") is None:
            return index
    return len(nb.cells)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="workbook run", description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path, metavar="NOTEBOOK")
    parser.add_argument("--out", type=Path, default=None, help="folder for executed copies (default target/executed)")
    parser.add_argument("--timeout", type=int, default=120, help="seconds a cell may run (default 120)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    out_dir = args.out or args.root / "target" / "executed"
    failed = 0
    for path in args.notebooks:
        outcome = run_one(path, out_dir, args.root, args.timeout)
        print(outcome.line(), flush=True)
        failed += not outcome.ok
    if len(args.notebooks) > 1:
        print(f"{len(args.notebooks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
