"""Enough of SPARQL's lexer to read a query's text without parsing it.

One token pattern, after the grammar's terminals, serves every reading kg makes of a
query before an engine sees it: the ``SERVICE`` clauses (:mod:`kg.outbound`), the
variables and the depth of nesting (:func:`check_nesting`), and a query's kind
(:func:`query_keyword`). Comments, strings and IRIs
are tokens of their own, so nothing inside them is taken for a keyword, a variable
or a bracket. Variables take no dots (``?o.SERVICE`` is ``?o`` ``.`` ``SERVICE``);
prefixed names take the escapes of PN_LOCAL (``ex:a\\'``, ``ex:a\\#b``) and inner
dots; a bare word (a keyword) takes neither.

Token kinds (``match.lastgroup``): comment, string, iri, variable (its name in the
group ``var``), number, pname, word, ne (``!=``), open, close, unary (``! + -``),
space, other.
"""

from __future__ import annotations

import re
from functools import cache

from kg.errors import QueryError
from kg.limits import MAX_QUERY_NESTING

#: SPARQL's VARNAME characters.
_VARIABLE_NAME = (
    "[A-Za-z0-9_\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u203f-\u2040\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff]+"
)
_LOCAL = r"(?:[\w\-:%]|\\[_~.\-!$&'()*+,;=/?#@%])"
_TOKEN = (
    "|".join((
        r"(?P<comment>#[^\n\r]*)",
        r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""' + r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
        + r'|"(?:[^"\\\n\r]|\\.)*"' + r"|'(?:[^'\\\n\r]|\\.)*')",
        r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)",
        r"(?P<variable>[?$](?P<var>" + _VARIABLE_NAME + "))",
        r"(?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)",
        rf"(?P<pname>(?:[^\W\d](?:[\w\-.]*[\w\-])?)?:(?:{_LOCAL}(?:(?:{_LOCAL}|\.)*{_LOCAL})?)?)",
        r"(?P<word>[^\W\d]\w*)",
        r"(?P<ne>!=)",
        r"(?P<open>[{(\[])",
        r"(?P<close>[})\]])",
        r"(?P<unary>[!+-])",
        r"(?P<space>\s+)",
        r"(?P<other>.)",
    ))
)


@cache
def _compiled(name: str) -> re.Pattern:
    return re.compile(_TOKEN, re.DOTALL) if name == "TOKEN" else re.compile(_VARIABLE_NAME)


def __getattr__(name: str) -> re.Pattern:
    """``TOKEN`` and ``VARIABLE_NAME``, compiled when first used (it takes a while: they span Unicode)."""
    if name in ("TOKEN", "VARIABLE_NAME"):
        return _compiled(name)
    raise AttributeError(f"module 'kg.lexer' has no attribute {name!r}")

#: The prologue (PREFIX and BASE declarations, comments, space), matched in one go.
PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|(?i:PREFIX)\s*[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>)*")
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_KEYWORD = re.compile(r"[A-Za-z]+")


def query_keyword(text: str) -> str | None:
    """The first keyword after the prologue (SELECT, ASK, CONSTRUCT, DESCRIBE, or an update's INSERT, ...)."""
    word = _KEYWORD.match(text, PROLOGUE.match(text).end())
    return word.group(0).upper() if word else None


def is_update(text: str) -> bool:
    """Whether a request is SPARQL Update rather than a query (judged by its first keyword)."""
    return query_keyword(text) in UPDATE_KEYWORDS


def check_nesting(text: str, name: str = "query") -> None:
    """Refuse a query nested deeper than :data:`kg.limits.MAX_QUERY_NESTING` (brackets, runs of
    unary operators) before a parser's recursion meets it: Oxigraph's would crash the process."""
    if sum(text.count(c) for c in "{([!+-") <= MAX_QUERY_NESTING:
        return  # cannot be nested that deep: the common case costs a few scans
    depth = run = deepest = 0
    for match in _compiled("TOKEN").finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth = max(0, depth - 1)
        if kind == "unary":
            run += 1
        elif not match.group().isspace():
            run = 0
        deepest = max(deepest, depth + run)
        if deepest > MAX_QUERY_NESTING:
            line = text.count("\n", 0, match.start()) + 1
            raise QueryError(f"{name}: nested more than {MAX_QUERY_NESTING} deep (line {line}); "
                             "kg refuses queries nested that deep")


def query_variables(text: str) -> set[str]:
    """The names of the variables a query mentions (``?x`` and ``$x``), without the sigil."""
    return {m.group("var") for m in _compiled("TOKEN").finditer(text) if m.lastgroup == "variable"}


def where_group_start(text: str) -> int | None:
    """Where the query's WHERE group opens: the offset just after its ``{``, or None when it has none
    kg can reach (the short form ``CONSTRUCT WHERE { ... }``, whose group is its template too)."""
    keyword = query_keyword(text)
    depth, groups, saw_where = 0, 0, False
    for match in _compiled("TOKEN").finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "word" and depth == 0 and token.upper() == "WHERE":
            saw_where = True
        elif kind == "open":
            if depth == 0 and token == "{":
                groups += 1
                if keyword != "CONSTRUCT" or groups == 2:
                    return match.end()
                if saw_where:  # CONSTRUCT WHERE { template-and-pattern }
                    return None
            depth += 1
        elif kind == "close":
            depth = max(0, depth - 1)
    return None


def with_values(text: str, values: dict[str, str]) -> str | None:
    """The query with ``VALUES ?name { term }`` at the start of its WHERE group, for each of ``values``
    (terms written in N-Triples syntax); None when the query has no group to put them in.

    This pre-binds the variables as rdflib's ``initBindings`` does: everywhere in the
    pattern, and in the results."""
    start = where_group_start(text)
    if start is None:
        return None
    clauses = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in values.items())
    return f"{text[:start]} {clauses} {text[start:]}"
