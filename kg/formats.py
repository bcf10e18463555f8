"""Every file and result format kg reads or writes, in one table.

Three families share some short names, so a format is looked up within its family:

- ``RDF``: graphs and datasets (``turtle``, ``ntriples``, ``nquads``, ``trig``, ``jsonld``,
  ``xml`` = RDF/XML), written by ``kg export`` and answered to CONSTRUCT and DESCRIBE;
- ``RESULTS``: SPARQL 1.1 query results (``csv``, ``tsv``, ``json``, ``xml`` = SPARQL
  Results XML), answered to SELECT and ASK;
- ``NETWORK``: the node-and-edge files ``kg graph`` writes for Gephi and networkx.

Each row names the format for kg, rdflib and pyoxigraph, its file suffix, its media
type and the other names people use for it. This module imports nothing from kg, and
nothing heavy: pyoxigraph's enums are looked up by name only when asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from kg.errors import FormatError

RDF, RESULTS, NETWORK = "rdf", "results", "network"


class Format(NamedTuple):
    name: str  # kg's name for it, unique within its family
    family: str  # RDF, RESULTS or NETWORK
    suffix: str  # the file name suffix kg writes
    media_type: str  # the media type kg answers with
    label: str  # what people call it
    rdflib: str | None = None  # rdflib's plugin name
    oxigraph: str | None = None  # the attribute of pyoxigraph.RdfFormat / QueryResultsFormat
    dataset: bool = False  # holds named graphs
    aliases: tuple[str, ...] = ()  # other names people type for it (also taken as file suffixes)
    media_types: tuple[str, ...] = ()  # other media types clients send for it
    iri: str = ""  # its name under http://www.w3.org/ns/formats/, for service descriptions


TABLE: tuple[Format, ...] = (
    Format("turtle", RDF, ".ttl", "text/turtle", "Turtle", "turtle", "TURTLE", False,
           ("ttl",), ("application/x-turtle",), "Turtle"),
    Format("ntriples", RDF, ".nt", "application/n-triples", "N-Triples", "nt", "N_TRIPLES", False,
           ("nt", "n-triples"), ("text/plain",), "N-Triples"),
    Format("nquads", RDF, ".nq", "application/n-quads", "N-Quads", "nquads", "N_QUADS", True,
           ("nq", "n-quads"), (), "N-Quads"),
    Format("trig", RDF, ".trig", "application/trig", "TriG", "trig", "TRIG", True, (), (), "TriG"),
    Format("jsonld", RDF, ".jsonld", "application/ld+json", "JSON-LD", "json-ld", "JSON_LD", False,
           ("json-ld", "json"), ("application/json+ld",), "JSON-LD"),
    Format("xml", RDF, ".rdf", "application/rdf+xml", "RDF/XML", "xml", "RDF_XML", False,
           ("rdfxml", "rdf/xml", "rdf", "owl"), ("application/xml", "text/xml"), "RDF_XML"),
    Format("json", RESULTS, ".srj", "application/sparql-results+json", "SPARQL Results JSON", "json", "JSON",
           False, ("srj",), ("application/json", "text/json"), "SPARQL_Results_JSON"),
    Format("xml", RESULTS, ".srx", "application/sparql-results+xml", "SPARQL Results XML", "xml", "XML",
           False, ("srx",), ("application/xml", "text/xml"), "SPARQL_Results_XML"),
    Format("csv", RESULTS, ".csv", "text/csv", "SPARQL Results CSV", "csv", "CSV", iri="SPARQL_Results_CSV"),
    Format("tsv", RESULTS, ".tsv", "text/tab-separated-values", "SPARQL Results TSV", "tsv", "TSV",
           iri="SPARQL_Results_TSV"),
    Format("graphml", NETWORK, ".graphml", "application/graphml+xml", "GraphML"),
    Format("gexf", NETWORK, ".gexf", "application/gexf+xml", "GEXF"),
    Format("json", NETWORK, ".json", "application/json", "node-link JSON"),
)


def family(name: str) -> dict[str, Format]:
    """The formats of a family by kg's name, in the table's order (the first is the default)."""
    return {f.name: f for f in TABLE if f.family == name}


RDF_FORMATS = family(RDF)
RESULT_FORMATS = family(RESULTS)
NETWORK_FORMATS = family(NETWORK)
_FAMILY_NOUN = {RDF: "RDF format", RESULTS: "result format", NETWORK: "graph format"}


def lookup(name: str, kind: str = RDF) -> Format:
    """A format of the family ``kind`` by its name, an alias or its media type (FormatError if none)."""
    formats = family(kind)
    key = name.strip().lower()
    for fmt in formats.values():
        if key == fmt.name or key in fmt.aliases:
            return fmt
    found = for_media_type(key, kind)
    if found is not None:
        return found
    raise FormatError(f"unknown {_FAMILY_NOUN[kind]} {name!r}; expected one of: {', '.join(formats)}")


def for_media_type(media_type: str, kind: str) -> Format | None:
    """The format of ``kind`` a media type (or an alias of one) names, or None."""
    key = media_type.strip().lower()
    for fmt in family(kind).values():
        if key == fmt.media_type or key in fmt.media_types:
            return fmt
    return None


def for_path(path: str | Path, kind: str = RDF) -> Format:
    """The format a file name implies (``kg.ttl`` is Turtle); FormatError for an unknown suffix."""
    suffix = Path(path).suffix.lower()
    formats = family(kind)
    for fmt in formats.values():
        if suffix == fmt.suffix:
            return fmt
    for fmt in formats.values():
        if suffix and suffix[1:] in fmt.aliases:
            return fmt
    known = ", ".join(f.suffix for f in formats.values())
    noun = "RDF file" if kind == RDF else "graph file" if kind == NETWORK else "result file"
    raise FormatError(f"{path}: unknown {noun} type {suffix or '(none)'!r}; expected one of: {known}")


def oxigraph(fmt: Format):
    """pyoxigraph's enum value for a format (RdfFormat or QueryResultsFormat)."""
    import pyoxigraph as ox

    if fmt.oxigraph is None:
        raise FormatError(f"Oxigraph does not write {fmt.label or fmt.name}")
    enum = ox.RdfFormat if fmt.family == RDF else ox.QueryResultsFormat
    return getattr(enum, fmt.oxigraph)


# RDF files: the names kg's commands take -----------------------------------------------

def format_name(name: str) -> str:
    """The canonical RDF format name for a name or alias (``ttl`` -> ``turtle``)."""
    key = name.lower()
    for fmt in RDF_FORMATS.values():
        if key == fmt.name or key in fmt.aliases:
            return fmt.name
    aliases = [alias for fmt in RDF_FORMATS.values() for alias in fmt.aliases]
    raise FormatError(f"unknown format {name!r}; expected one of: {', '.join(RDF_FORMATS)} (or {', '.join(aliases)})")


def format_for_path(path: str | Path) -> str:
    """The RDF format a file name implies (``.ttl`` -> ``turtle``)."""
    return for_path(path, RDF).name


def output_format(path: str | Path | None, format: str | None, default: str | None = None) -> str:
    """The RDF format to write ``path`` in: ``format`` if given, else the one its name implies.

    A file name and a format that disagree (``-f turtle -o kg.nt``) are refused, and so
    is a name that implies no format when none is given (``-o kg.xyz``), rather than
    writing one format under another's name.
    """
    if path is None:
        return format_name(format) if format else format_name(default or "turtle")
    if format is None:
        if default is not None and not Path(path).suffix:
            return format_name(default)
        return format_for_path(path)
    fmt = format_name(format)
    try:
        implied = format_for_path(path)
    except FormatError:
        return fmt  # an explicit format for an unusual name (kg.data) is the user's choice
    if implied != fmt:
        raise FormatError(f"{path}: the name says {implied} but --format says {fmt}; "
                          f"name the file {Path(path).with_suffix(RDF_FORMATS[fmt].suffix).name} or drop --format")
    return fmt
