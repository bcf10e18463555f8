"""Reading the files a user names: one place that checks a path before reading it.

Every input file (an article, an annotation or prediction file) is read here: what
the path is (a missing file, a folder, a pipe or a device are each refused in one
line: a pipe may never end and a device never does), how big it is (against a
named limit of :mod:`kg.limits`, checked before a byte is read), and whether it is
UTF-8. Outputs are written here too, atomically (:func:`write_atomic`): by way of a temporary
file and a rename, so that a failed run never leaves a half-written file.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from kg.errors import KgError, OutputError

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(message: str) -> str:
    """A message with its line breaks and other control characters escaped, so that it stays one line."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], message)


def shown(path: str | Path) -> str:
    """A path as a one-line message names it (control characters escaped)."""
    return one_line(str(path))


def read_bytes(path: str | Path, *, what: str, limit: int, limit_name: str, error: type[KgError]) -> bytes:
    """The bytes of the ``what`` file at ``path``, refused with ``error`` when it is not a readable
    regular file of at most ``limit`` bytes (``kg.limits.<limit_name>``)."""
    path = Path(path)
    name = shown(path)
    article = "an" if what[:1] in "aeiou" else "a"
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise error(f"{name}: is a folder, not {article} {what} file")
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{name}: not a regular file (kg reads {what} files, not pipes or devices)")
        if info.st_size > limit:
            raise error(_too_big(name, what, f"{info.st_size:,} bytes", limit, limit_name))
        with path.open("rb") as file:  # one byte over the limit at most, should the file have grown since
            data = file.read(limit + 1)
    except FileNotFoundError:
        raise error(f"{name}: {what} file not found") from None
    except IsADirectoryError:
        raise error(f"{name}: is a folder, not {article} {what} file") from None
    except OSError as exc:
        raise error(f"{name}: cannot read {what} file: {exc.strerror or exc}") from None
    except ValueError as exc:  # a path the system cannot take (a NUL character)
        raise error(one_line(f"{name}: cannot read {what} file: {exc}")) from None
    if len(data) > limit:
        raise error(_too_big(name, what, "larger than that", limit, limit_name))
    return data


def decode_utf8(path: str | Path, data: bytes, error: type[KgError]) -> str:
    """UTF-8 bytes as text; ``error`` names the file and the offset of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{shown(path)}: not UTF-8 text (bad byte at offset {exc.start})") from None


def _too_big(name: str, what: str, size: str, limit: int, limit_name: str) -> str:
    return f"{name}: the {what} file is {size}, more than the limit of {limit:,} bytes (kg.limits.{limit_name})"


def default_mode(directory: bool = False) -> int:
    """The permissions a new file (or folder) gets from open() under the current umask.

    Temporary files are created private (0600); outputs are given the mode an
    ordinary write would have given them, so that others can read what kg writes.
    """
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if directory else 0o666) & ~umask


def check_output(path: str | Path) -> bool:
    """Refuse an output path that cannot be written before any work is done.

    Returns True for a regular file (there or to be made), False for a device or a
    pipe, which is written through; raises OutputError for a folder or a path
    under a file.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        parent = next((p for p in path.parents if p.exists()), None)
        if parent is not None and not parent.is_dir():
            raise OutputError(f"{path}: cannot write: a parent of it is a file, not a folder") from None
        return True
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {_reason(exc)}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a folder, not a file")
    return stat.S_ISREG(info.st_mode)


def write_atomic(path: str | Path, data: bytes, *, durable: bool = True) -> Path:
    """Write bytes to a file by way of a temporary file and a rename.

    The file keeps the permissions of the one it replaces (or gets those of a new
    file under the umask), not the private mode of the temporary file. A symbolic
    link is followed (the file it points to is replaced, the link stays). Only
    regular files are replaced: a device or a named pipe (``-o /dev/stdout``) is
    written through, a folder is refused, so that ``-o /dev/null`` never turns
    a device node into a file.
    """
    path = Path(path)
    target = path.resolve() if path.is_symlink() else path
    if not check_output(path):
        return _write_through(path, target, data)
    import tempfile

    info = target.stat() if target.exists() else None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {_reason(exc)}") from exc
    try:
        with os.fdopen(fd, "wb") as tmp:
            os.fchmod(tmp.fileno(), info.st_mode & 0o7777 if info is not None else default_mode())
            tmp.write(data)
            tmp.flush()
            if durable:  # on disk before the rename; a cache entry may skip it (one lost to a crash is rebuilt)
                os.fsync(tmp.fileno())
        os.replace(tmp_name, target)
    except BaseException as exc:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {_reason(exc)}") from exc
        raise
    return path


def _write_through(path: Path, target: Path, data: bytes) -> Path:
    """Write to a device or a named pipe as it is (there is nothing to replace atomically)."""
    try:
        with open(target, "wb") as device:
            device.write(data)
            device.flush()
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {_reason(exc)}") from exc
    return path


def _reason(exc: OSError) -> str:
    """An OSError's reason without its traceback-style repr (``No space left on device``)."""
    if isinstance(exc, NotADirectoryError) or exc.errno == errno.ENOTDIR:
        return "a parent of it is a file, not a folder"
    return exc.strerror or str(exc)
