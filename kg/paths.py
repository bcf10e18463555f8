"""Where kg's own data lives: the ontology folder and the query pack.

One place, importing nothing, so that a command that only needs a path does not
load the ontology (or rdflib) to learn it.
"""

from __future__ import annotations

from pathlib import Path

#: The project's source tree (kg runs from a checkout, installed with ``pip install -e .``).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "kg.ttl"
QUERIES_DIR = PROJECT_ROOT / "queries"

#: What ``kg`` builds and reads when no path is given (relative to the current folder).
DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUTPUT = Path("out/kg.ttl")


def is_current(output: str | Path = DEFAULT_OUTPUT, corpus: str | Path = DEFAULT_CORPUS) -> bool:
    """Whether ``output`` exists and is newer than the ontology and every file of ``corpus``."""
    output, corpus = Path(output), Path(corpus)
    if not output.is_file():
        return False
    inputs = [ONTOLOGY_FILE, *corpus.iterdir()] if corpus.is_dir() else [ONTOLOGY_FILE]
    built = output.stat().st_mtime
    return all(p.stat().st_mtime <= built for p in inputs)
