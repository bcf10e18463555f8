"""``--bind``: values given for a query's variables, parsed strictly into rdflib terms.

A value is parsed as a term where it looks like one (``<iri>``, ``prefix:name``,
``"text"@zh``, numbers) and taken as plain text otherwise; a value that looks like a
term but is not a valid one, or a variable the query does not use, is a
:class:`~kg.errors.QueryError`, never a warning and 0 rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD, NamespaceManager
from rdflib.term import Node

from kg.errors import QueryError, first_line
from kg.lexer import VARIABLE_NAME, query_variables
from kg.terms import iri_problem

NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z", re.ASCII)
PREFIXED_NAME = re.compile(r"^([A-Za-z][\w.-]*)?:(\S*)$")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[tbnrf\"'\\])")
#: A quoted literal: its quote, a body of escapes and other characters, the same quote, then @lang or ^^datatype.
_QUOTED = re.compile(
    r'(?P<quote>"""|\'\'\'|"|\')(?P<body>(?:\\.|(?!(?P=quote))[^\\])*)(?P=quote)(?:@(?P<lang>.*)|\^\^(?P<datatype>.*))?',
    re.DOTALL,
)


def bound_terms(q, bindings: Mapping[str, Any], namespace_manager: NamespaceManager) -> dict[str, Node]:
    """Pre-bound values as terms; each variable must be one the query uses (a typo is an error, not 0 rows)."""
    if not bindings:
        return {}
    used = query_variables(q.text)
    terms = {}
    for name, value in bindings.items():
        variable = str(name)[1:] if str(name)[:1] in ("?", "$") else str(name)
        if variable not in used:
            known = ", ".join(f"?{v}" for v in sorted(used)) or "none"
            raise QueryError(f"--bind {variable}: {q.name} has no variable ?{variable} (it has: {known})")
        try:
            terms[variable] = to_term(value, namespace_manager)
        except QueryError as exc:
            raise QueryError(f"--bind {variable}: {exc}") from None
    return terms


def parse_binding(text: str) -> tuple[str, str]:
    """``name=value`` from the command line; the name must be a SPARQL variable name."""
    name, sep, value = text.partition("=")
    name = name.strip()
    if name[:1] in ("?", "$"):
        name = name[1:]
    if not sep or not VARIABLE_NAME.fullmatch(name):
        raise QueryError(f"bad --bind {text!r}; expected name=value, e.g. subject=kgr:alibaba")
    return name, value


def to_term(value: Any, namespace_manager: NamespaceManager) -> Node:
    """A value as an RDF term: terms stay, text that looks like a term is parsed, the rest is a literal.

    Looks like a term: ``<IRI>`` (an absolute IRI), a quoted literal (``"text"``,
    ``'text'``, with ``@lang`` or ``^^datatype``), a number (``42``, ``4.5``, ``1e3``)
    or a prefixed name (``kgr:qinghai``, a known prefix). Each must be well-formed,
    or :class:`~kg.errors.QueryError` says what is wrong with it.
    """
    if isinstance(value, (URIRef, Literal, BNode)):
        return value
    if not isinstance(value, str):
        if isinstance(value, bool) or isinstance(value, (int, float)):
            return Literal(value)
        raise QueryError(f"cannot use a {type(value).__name__} as an RDF term; give a str, a number or an rdflib term")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError(f"{value!r}: not valid UTF-8 text") from None
    text = value.strip()
    if text.startswith("<"):
        if len(text) < 2 or not text.endswith(">"):
            raise QueryError(f"{value!r}: an IRI is written <...> with nothing after the '>'")
        return URIRef(_check_iri(text[1:-1], value))
    if text.startswith(('"', "'")):
        return _quoted_literal(text, value, namespace_manager)
    if NUMBER.match(text):
        datatype = XSD.double if "e" in text.lower() else XSD.decimal if "." in text else XSD.integer
        return Literal(text, datatype=datatype)
    if text.startswith("_:"):
        raise QueryError(f"{value!r}: a blank node cannot be bound; use an IRI or a literal")
    if PREFIXED_NAME.match(text):
        return URIRef(_check_iri(_expand(text, value, namespace_manager), value))
    return Literal(value)


def _check_iri(iri: str, value: str) -> str:
    problem = iri_problem(iri)
    if problem is not None:
        raise QueryError(f"{value!r}: not a valid absolute IRI ({problem})")
    return iri


def _expand(prefixed: str, value: str, namespace_manager: NamespaceManager) -> str:
    prefix, _, local = prefixed.partition(":")
    prefixes = dict(namespace_manager.namespaces())
    if prefix not in prefixes:
        if local.startswith("//"):
            raise QueryError(f"{value!r}: an IRI is written in angle brackets: <{prefixed}>")
        raise QueryError(f"unknown prefix in {value!r}; known prefixes: {', '.join(sorted(prefixes))}")
    return str(prefixes[prefix]) + local


def _quoted_literal(text: str, value: str, namespace_manager: NamespaceManager) -> Literal:
    match = _QUOTED.fullmatch(text)
    if match is None:
        raise QueryError(f"{value!r}: a quoted literal ends with its quote, then @lang or ^^datatype if any")
    quote, body = match.group("quote"), match.group("body")
    if len(quote) == 1 and ("\n" in body or "\r" in body):
        raise QueryError(f"{value!r}: a line break in a literal is written \\n (or the literal in triple quotes)")
    lexical = _unescape(body, value)
    lang, datatype = match.group("lang"), match.group("datatype")
    if lang is not None:
        if not _LANGUAGE_TAG.fullmatch(lang):
            raise QueryError(f"{value!r}: {lang!r} is not a language tag (like zh, en or zh-Hans)")
        return Literal(lexical, lang=lang)
    if datatype is None:
        return Literal(lexical)
    if datatype.startswith("<") and datatype.endswith(">") and len(datatype) >= 2:
        iri = _check_iri(datatype[1:-1], value)
    elif PREFIXED_NAME.match(datatype) and not datatype.startswith("_:"):
        iri = _check_iri(_expand(datatype, value, namespace_manager), value)
    else:
        raise QueryError(f"{value!r}: a datatype is written <IRI> or prefix:name")
    return _typed_literal(lexical, URIRef(iri), value)


def _unescape(body: str, value: str) -> str:
    if "\\" not in body:
        return body
    if re.search(r"\\(?![tbnrf\"'\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})", body.replace("\\\\", "")):
        raise QueryError(f"{value!r}: unknown escape in a literal (known: \\t \\n \\r \\\" \\' \\\\ \\uXXXX)")

    def replace(match: re.Match) -> str:
        escape = match.group(1)
        if escape[0] not in "uU":
            return _ESCAPES[escape]
        code = int(escape[1:], 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"{value!r}: \\{escape} is not a character")
        return chr(code)

    return _ESCAPE.sub(replace, body)


def _typed_literal(lexical: str, datatype: URIRef, value: str) -> Literal:
    """A typed literal, refused when its text is not a value of its datatype (for the datatypes rdflib knows)."""
    import logging
    import warnings

    log = logging.getLogger("rdflib.term")  # rdflib logs a traceback for an ill-typed literal ...
    disabled, log.disabled = log.disabled, True
    try:
        with warnings.catch_warnings():  # ... and warns about a "weird boolean"
            warnings.simplefilter("ignore")
            literal = Literal(lexical, datatype=datatype)
    except Exception as exc:
        raise QueryError(f"{value!r}: not a literal rdflib can read ({first_line(exc)})") from None
    finally:
        log.disabled = disabled
    if getattr(literal, "ill_typed", False):
        raise QueryError(f"{value!r}: {lexical!r} is not a valid {datatype.n3()} value")
    return literal
