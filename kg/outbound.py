"""One policy for outbound requests: kg fetches nothing a query or a file names.

kg works offline. Three things could still make it open a connection on a
client's or a file's say-so, and this module closes each:

- a SPARQL ``SERVICE <url>`` clause (Oxigraph and rdflib both execute them):
  :func:`check_query` refuses it unless the URL starts with a prefix the user
  allowed explicitly (``--allow-service URL-PREFIX``);
- ``FROM <url>`` in a query run by rdflib (rdflib would download the graph):
  :func:`guard` blocks it, and ``kg.sparql`` turns graph loading off;
- a remote JSON-LD ``@context``, ``owl:imports`` or anything else a parser
  fetches with :mod:`urllib`: :func:`guard` blocks every ``urllib`` request
  inside it except to URLs that start with an allowed prefix (``kg push``
  allows its own endpoint).

The guard is a Python audit hook (installed once, active only inside
``with guard(...)``), so it also covers requests made deep inside rdflib.
"""

from __future__ import annotations

import contextlib
import re
import sys
import threading
from collections.abc import Iterable, Iterator

from kg.errors import KgError, QueryError
from kg import lexer


class OutboundRequestError(KgError):
    """kg was asked to fetch a URL that no option allowed."""


# SPARQL reads \uXXXX and \UXXXXXXXX escapes before anything else (SPARQL 1.1, section 19.2).
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _decode_codepoints(text: str) -> str:
    def char(match: re.Match) -> str:
        value = int(match.group(1) or match.group(2), 16)
        return chr(value) if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else match.group()

    return _CODEPOINT.sub(char, text)


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    for match in lexer.TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in ("space", "comment"):
            yield kind or "other", match.group()


def service_targets(text: str) -> list[str | None]:
    """The endpoint of every ``SERVICE`` clause in a query: an IRI, or None for a variable.

    Prefixed names are expanded with the query's own ``PREFIX`` declarations. The
    text is read both as it is and with its code-point escapes decoded, so that an
    escape cannot hide from this reading a clause that a SPARQL engine would see.
    """
    targets: list[str | None] = []
    for variant in dict.fromkeys((text, _decode_codepoints(text))):
        for target in _service_targets(variant):
            if target not in targets:
                targets.append(target)
    return targets


def _service_targets(text: str) -> list[str | None]:
    tokens = list(_tokens(text))
    prefixes: dict[str, str] = {}
    targets: list[str | None] = []
    for i, (kind, value) in enumerate(tokens):
        upper = value.upper() if kind == "word" else ""
        if upper == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2][0] == "iri":
            prefixes[tokens[i + 1][1]] = tokens[i + 2][1][1:-1]
        if upper != "SERVICE":
            continue
        j = i + 1
        if j < len(tokens) and tokens[j][0] == "word" and tokens[j][1].upper() == "SILENT":
            j += 1
        kind_j, target = tokens[j] if j < len(tokens) else ("other", "")
        if kind_j == "iri":
            targets.append(target[1:-1])
        elif kind_j == "pname":
            prefix, _, local = target.partition(":")
            base = prefixes.get(prefix + ":")
            targets.append(base + re.sub(r"\\(.)", r"\1", local) if base is not None else None)
        else:
            targets.append(None)
    return targets


def check_query(text: str, allow: Iterable[str] = (), hint: str = "") -> None:
    """Refuse a query whose ``SERVICE`` clauses name an endpoint no prefix in ``allow`` covers.

    ``hint`` says how the caller's user may allow one (``kg serve --allow-service``).
    """
    if "service" not in text.lower() and "\\u" not in text.lower():  # the common case costs a scan or two
        return
    allowed = tuple(allow)
    for target in service_targets(text):
        if target is not None and allowed and target.startswith(allowed):
            continue
        where = f"<{target}>" if target is not None else "a variable endpoint"
        why = f" (allowed: {', '.join(allowed)})" if allowed else (f" ({hint})" if hint else "")
        raise QueryError(f"SERVICE {where}: federated queries are off; kg sends no request to other servers{why}")


# The audit hook: installed once, enforcing only while some guard() is active.
_lock = threading.Lock()
_active: list[tuple[str, ...]] = []
_installed = False


def _hook(event: str, args: tuple) -> None:
    if event != "urllib.Request" or not _active:
        return
    url = str(args[0])
    allowed = _active[-1]
    if allowed and url.startswith(allowed):
        return
    raise OutboundRequestError(f"{url}: kg fetches no URL that a query or a file names (no network at run time)")


@contextlib.contextmanager
def guard(allow: Iterable[str] = ()) -> Iterator[None]:
    """Inside this block, any :mod:`urllib` request to a URL outside ``allow`` raises
    :class:`OutboundRequestError` instead of going out."""
    global _installed
    with _lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True
        _active.append(tuple(allow))
    try:
        yield
    finally:
        with _lock:
            _active.pop()
