"""The limits kg enforces on what it reads, each with a name.

Every limit fails in one line naming the file or item (a :class:`kg.errors.KgError`,
exit 2), never with a hang, a blow-up or a traceback. The endpoint guide's *Limits* section (docs/endpoint.md)
lists them; tests exercise each one just above and just below.
"""

from __future__ import annotations

#: Largest article file kg reads (bytes). A 5 MB article builds in time proportional to its size.
MAX_ARTICLE_BYTES = 16 * 1024 * 1024

#: Largest annotation file kg reads (bytes).
MAX_ANNOTATION_BYTES = 64 * 1024 * 1024

#: Deepest nesting of lists and objects in an annotation or prediction file (the format needs 5).
MAX_NESTING = 64

#: Most YAML nodes an annotation file may expand to through aliases (``*anchor``): a bound on
#: "billion laughs" files, far above what any real annotation file holds once expanded.
MAX_YAML_NODES = 2_000_000

#: Most significant digits a figure value may have (``1.2345`` has 5).
MAX_FIGURE_DIGITS = 30

#: Largest power of ten, up or down, in a figure value: ``1e30`` and ``1e-30`` are accepted, ``1e31`` is not
#: (1e18 yuan is already far beyond any figure in the news).
MAX_FIGURE_EXPONENT = 30

#: Largest SPARQL query kg accepts (characters), on the command line and at the endpoint.
MAX_QUERY_CHARS = 1_000_000

#: Seconds `kg query` lets a query run by default (``--timeout``; 0 means no limit).
DEFAULT_QUERY_TIMEOUT = 60.0


def markdown_table() -> str:
    """The table of limits in docs/endpoint.md: each constant above, its value and its ``#:`` comment."""
    import re
    from pathlib import Path

    source = Path(__file__).read_text(encoding="utf-8")
    rows = ["| limit | value | what it bounds |", "|---|---|---|"]
    for comment, name in re.findall(r"((?:^#: .*\n)+)^([A-Z][A-Z0-9_]*) = ", source, re.M):
        text = " ".join(line[3:].strip() for line in comment.splitlines()).replace("``", "`").replace("|", "\\|")
        value = globals()[name]
        shown = f"{value:,}" if isinstance(value, int) else f"{value:g}"
        if name.endswith("_BYTES") and value >= 1024 * 1024:
            shown += f" ({value / 1024 / 1024:g} MiB)"
        rows.append(f"| `{name}` | {shown} | {text} |")
    return "\n".join(rows) + "\n"


#: Longest request URL `kg serve` answers (path and query string, bytes); longer is 414. Long queries go by POST.
MAX_URL_BYTES = 64 * 1024

#: Largest request head (request line and headers, bytes) `kg serve` reads before answering; beyond it the
#: HTTP layer answers 400 and closes the connection. Above MAX_URL_BYTES so that a long URL gets its 414.
MAX_REQUEST_HEAD_BYTES = 1024 * 1024

#: Most parameters in one request to `kg serve` (query string and form body together); more is 400.
MAX_REQUEST_PARAMS = 1_000

#: Most server processes `kg serve --workers` starts (each holds a copy of the snapshot).
MAX_SERVE_WORKERS = 64

#: Deepest nesting in a SPARQL query (brackets ``{ ( [`` and a run of ``! - +``), on both engines: Oxigraph's
#: parser overflows its stack and ends the process near 3,000 nested braces; real queries nest less than 20.
MAX_QUERY_NESTING = 200

#: Largest request body `kg review`'s page may send (a review: decisions and additions, as JSON); more is 413.
MAX_REVIEW_BODY_BYTES = 16 * 1024 * 1024
