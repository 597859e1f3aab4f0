"""nbgrader's autograde of one notebook, in this process (its Python API, not a subprocess per notebook).

The converter is nbgrader's own `Autograde` (sanitize: restore locked and test cells from the gradebook,
add deleted test cells; then execute and save the grades), run on a scratch course that holds only this
job's submission and a copy of the gradebook. Two things differ from `nbgrader autograde`:
  * the Execute preprocessor starts the kernel through `sandbox.GradingKernelManager` (the sandbox, the
    watchdog) and caps stream output while the cell runs, so a flood never piles up in this process;
  * the converter is started without its os.chdir (several notebooks may be graded by threads of one
    process; nbgrader's paths are absolute once the course root is).
Thread-safe: each call has its own config, logger and scratch course.
"""
from __future__ import annotations

import logging
import os
import threading
import warnings
from pathlib import Path

STREAM_CAP = 200_000  # characters of stream output kept per cell while it runs (cut to 20,000 later)

_counter = iter(range(1, 1 << 62))
_lock = threading.Lock()


def _execute_class():
    from nbgrader.preprocessors import Execute
    from sandbox import GradingKernelManager

    class SandboxedExecute(Execute):
        """nbgrader's Execute with the grading kernel manager and a cap on stream output per cell."""

        def __init__(self, *args, **kwargs):
            kwargs["kernel_manager_class"] = GradingKernelManager
            super().__init__(*args, **kwargs)
            self._stream_chars: dict[int, int] = {}

        def output(self, outs, msg, display_id, cell_index):
            if msg.get("msg_type") == "stream":
                used = self._stream_chars.get(cell_index, 0)
                text = msg.get("content", {}).get("text", "")
                self._stream_chars[cell_index] = used + len(text)
                if used >= STREAM_CAP:
                    return None
                if used + len(text) > STREAM_CAP:
                    msg = {**msg, "content": {**msg["content"],
                                              "text": text[:STREAM_CAP - used] + "\n... [output cut]\n"}}
            return super().output(outs, msg, display_id, cell_index)

    return SandboxedExecute


_EXECUTE = []


def execute_class():
    with _lock:
        if not _EXECUTE:
            _EXECUTE.append(_execute_class())
    return _EXECUTE[0]


def _keep_execution_env() -> None:
    """nbgrader 0.9.6's utils.setenv sets NBGRADER_EXECUTION around each execution and then deletes it
    (it saves the variable named by the value, always unset); two threads grading at once delete it twice
    (KeyError). This process only autogrades: the variable stays set and setenv only sets."""
    import contextlib
    import nbgrader.utils

    @contextlib.contextmanager
    def setenv(**kwargs):
        os.environ.update(kwargs)
        yield

    with _lock:
        if getattr(nbgrader.utils.setenv, "__name__", "") != "setenv_kept":
            setenv.__name__ = "setenv_kept"
            nbgrader.utils.setenv = setenv


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if sum(len(x) for x in self.lines) < 200_000:
            self.lines.append(record.getMessage())


def autograde(work: Path, assignment: str, student: str, notebook_id: str, grading: dict) -> str:
    """Runs nbgrader's Autograde on work/submitted/<student>/<assignment>/<notebook_id>.ipynb; the result
    lands in work/autograded/... and work/gradebook.db. Returns nbgrader's warnings and errors (the log
    text: tracebacks of a dead kernel or a timeout), '' when all went well."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbconvert.writers import FilesWriter
    from nbgrader.converters import Autograde
    from nbgrader.converters.base import NbGraderException
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, IgnorePattern, LimitOutput,
                                        SaveAutoGrades)
    from traitlets.config.loader import PyFileConfigLoader

    _keep_execution_env()
    warnings.filterwarnings("ignore", module="nbgrader")  # SQLAlchemy's autoflush notes from nbgrader's api
    cfg = PyFileConfigLoader("nbgrader_config.py", path=str(work)).load_config()
    cfg.CourseDirectory.root = str(work)
    cfg.CourseDirectory.assignment_id = assignment
    cfg.CourseDirectory.student_id = student
    cfg.CourseDirectory.notebook_id = notebook_id
    cfg.BaseConverter.force = True
    cfg.Autograde.create_student = True
    cfg.OverwriteCells.add_missing_cells = True
    cfg.GradingKernelManager.grading = grading

    name = f"lrlab.autograde.{next(_counter)}"
    log = logging.getLogger(name)
    log.propagate = False
    log.setLevel(logging.WARNING)
    collect = _Collect()
    log.addHandler(collect)
    try:
        conv = Autograde(coursedir=CourseDirectory(config=cfg), config=cfg)
        conv.log = log
        conv.autograde_preprocessors = [execute_class(), IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                        SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]
        conv.init_notebooks()
        conv.writer = FilesWriter(parent=conv, config=conv.config)
        conv.exporter = conv.exporter_class(parent=conv, config=conv.config)
        for pp in conv.preprocessors:
            conv.exporter.register_preprocessor(pp)
        try:
            conv.convert_notebooks()
        except NbGraderException as e:
            collect.lines.append(str(e))
    finally:
        log.removeHandler(collect)
        logging.Logger.manager.loggerDict.pop(name, None)
    return "\n".join(collect.lines)
