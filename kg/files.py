"""Reading the files a user names: one place that checks a path before reading it.

Every input file (an article, an annotation or prediction file) is read here: what
the path is (a missing file, a folder, a pipe or a device are each refused in one
line: a pipe may never end and a device never does), how big it is (against a
named limit of :mod:`kg.limits`, checked before a byte is read), and whether it is
UTF-8. Outputs are written by :func:`kg.export.write_atomic`.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

from kg.errors import KgError

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
