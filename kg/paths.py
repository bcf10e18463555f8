"""Where kg's own data lives: the ontology, the query pack and the sample corpus, inside the package.

Read through :mod:`importlib.resources`, so an installed kg (a wheel, no source tree) finds
them as a checkout does. One place, importing nothing of kg, so that a command that only
needs a path does not load the ontology (or rdflib) to learn it. A user's own data (their
corpus, queries and outputs) lives in a workspace: :mod:`kg.workspace`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: kg's packaged data (``kg/data``; in a checkout, ``ontology/`` and ``queries/`` at the top link there).
DATA_DIR = Path(str(files("kg") / "data"))
ONTOLOGY_DIR = DATA_DIR / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "kg.ttl"
QUERIES_DIR = DATA_DIR / "queries"
#: The sample article (the seed, annotated by hand) that ``kg init`` puts in a new workspace's corpus.
SAMPLE_CORPUS = DATA_DIR / "sample"
TEMPLATES_DIR = Path(str(files("kg") / "templates"))
#: The source checkout kg was installed from, for ``make docs`` and the developers' tests; in an
#: installed kg it is the folder above the package and holds none of the project's files.
PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: What the library builds and reads when no path is given (relative to the current folder);
#: the command line takes them from the workspace (:func:`kg.workspace.current`).
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
