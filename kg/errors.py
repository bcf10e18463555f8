"""Exceptions: one base class, one subclass per kind of user error.

The library raises these; only the command line prints them and picks the exit
code. Every message is one line that names the file and the item at fault.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error kg reports to a user (exit code 2)."""

    exit_code = 2


class ArticleError(KgError):
    """An article file is missing, unreadable or not UTF-8 text."""


class AnnotationError(KgError):
    """An annotation file is missing, malformed or disagrees with its article."""


class OntologyError(KgError):
    """The ontology file is missing or lacks a term the code relies on."""


class OutputError(KgError):
    """An output file cannot be written."""


class GraphError(KgError):
    """A graph file is missing, of an unknown format, or cannot be parsed."""


class QueryError(KgError):
    """A SPARQL query is malformed, unknown, or asks for a format it cannot give."""


class VizError(KgError):
    """A page or graph file cannot be made as asked (unknown class, language or format)."""


class WorkspaceError(KgError):
    """A workspace's ``kg.toml`` cannot be read (bad TOML, an unknown key, a value of the wrong type), or
    ``kg init`` cannot make a workspace where it is asked to."""


def first_line(exc: BaseException) -> str:
    """A third-party exception's message, cut to its first line (its type's name when it has none)."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


class FormatError(GraphError, QueryError, VizError):
    """A format name, file suffix or media type kg does not know (see :mod:`kg.formats`).

    It is a GraphError, a QueryError and a VizError, since an unknown format is each of
    those where it is named: a graph file, a query's output, a graph page's data file.
    """
