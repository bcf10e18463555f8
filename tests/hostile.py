"""Helpers of the hostile-input matrix: run the real ``kg`` command and judge how it failed.

Each case of the matrix runs ``python -m kg ...`` in a subprocess (the real CLI,
start-up, stdout and stderr as a user sees them) and checks what every user
mistake must give: exit code 2, exactly one line on stderr that starts with
``Error:`` and names the file, line or item, no traceback, and earlier output
intact.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_kg(*args: str | os.PathLike, cwd: Path | None = None, input: bytes | None = None, timeout: float = 120,
           env: dict[str, str] | None = None, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess:
    """Run ``kg ARGS`` as a user would (a new process) and return what it did."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)], cwd=cwd, input=input, stdout=stdout,
        stderr=subprocess.PIPE, timeout=timeout, env=environment,
    )


def stderr_text(proc: subprocess.CompletedProcess) -> str:
    return proc.stderr.decode("utf-8", "replace")


def assert_user_error(proc: subprocess.CompletedProcess, *names: str, code: int = 2) -> str:
    """Exit ``code`` (2), one ``Error:`` line on stderr naming each of ``names``, no traceback."""
    text = stderr_text(proc)
    assert "Traceback" not in text, text
    assert proc.returncode == code, f"exit {proc.returncode}, wanted {code}: {text}"
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, f"wanted one line on stderr, got {len(lines)}:\n{text}"
    assert lines[0].startswith("Error: "), lines[0]
    for name in names:
        assert name in lines[0], f"{name!r} not named in: {lines[0]}"
    return lines[0]


def digest(path: Path) -> str | None:
    """A fingerprint of a file (None when it is not there), to show it is intact after a failed run."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def digests(paths: Iterable[Path]) -> dict[Path, str | None]:
    return {path: digest(path) for path in paths}
