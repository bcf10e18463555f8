"""The limits kg enforces on what it reads, each with a name.

Every limit fails in one line naming the file or item (a :class:`kg.errors.KgError`,
exit 2), never with a hang, a blow-up or a traceback. The README's *Limits* section
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

#: Figure values: at most this many significant digits ...
MAX_FIGURE_DIGITS = 30
#: ... and a decimal exponent within +-MAX_FIGURE_EXPONENT (1e18 yuan is far beyond any figure in the news).
MAX_FIGURE_EXPONENT = 30

#: Largest SPARQL query kg accepts (characters), on the command line and at the endpoint.
MAX_QUERY_CHARS = 1_000_000

#: Seconds `kg query` lets a query run by default (``--timeout``; 0 means no limit).
DEFAULT_QUERY_TIMEOUT = 60.0
