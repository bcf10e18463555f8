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
import socket
import subprocess
import sys
import threading
import time
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


class Listener:
    """A TCP server on 127.0.0.1 standing for "another server": it records the first bytes of
    each connection made to it, then closes it. A test shows kg sent nothing by its silence."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.endpoint = f"{self.url}/sparql"
        self.received: list[bytes] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.received.append(conn.recv(4096))
                except OSError:
                    self.received.append(b"")

    @property
    def connections(self) -> int:
        return len(self.received)

    def wait_for_connection(self, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while not self.received and time.monotonic() < deadline:
            time.sleep(0.05)
        return bool(self.received)

    def close(self) -> None:
        self.sock.close()
