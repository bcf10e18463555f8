"""A workspace: the folder of a user's own data (corpus, queries, outputs), marked by a ``kg.toml``.

Every command looks for ``kg.toml`` in the current folder and then upwards; the folder
holding it is the workspace, and its settings are the defaults of every command (a
command-line option still wins). Paths in it are relative to that folder, so a command
run from a subfolder reads and writes the same files. With no ``kg.toml`` anywhere
above, the current folder is the workspace with the built-in defaults; its corpus is
``corpus/`` when there is one, else the sample article that ships with kg.

``kg init DIR`` makes a new workspace (:func:`init`). This module imports nothing of
kg but its paths and errors.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import WorkspaceError
from kg.paths import QUERIES_DIR, SAMPLE_CORPUS

CONFIG_NAME = "kg.toml"

#: Every key kg.toml may hold: (table, key) -> (type, default). The default of ``corpus`` with
#: no kg.toml is ``corpus`` when the current folder has one, else the packaged sample.
SETTINGS: dict[tuple[str, str], tuple[type, Any]] = {
    ("kg", "corpus"): (str, "corpus"),
    ("kg", "output"): (str, "out"),
    ("kg", "queries"): (str, "queries"),
    ("kg", "names"): (str, "names"),
    ("kg", "store"): (str, "memory"),
    ("serve", "host"): (str, "127.0.0.1"),
    ("serve", "port"): (int, 3030),
}

TEMPLATE = """\
# A kg workspace. Every kg command run in this folder (or below it) reads its defaults
# from this file; an option on the command line still wins. Every key is optional: the
# values shown are the defaults. Paths are relative to this folder.

[kg]
# The annotated articles `kg build` reads (a folder; each article's .txt beside its
# .annotations.json). `kg annotate corpus/NEW.txt` drafts one, `kg review` checks it.
corpus = "corpus"

# Where the outputs go: kg.ttl (the graph), kg.html (the page), queries/ (answers),
# and the build cache (.kg-cache).
output = "out"

# Your own SPARQL queries, one .rq file each: they join kg's query pack under their
# file name (`kg query NAME`), and one named like a pack query replaces it.
queries = "queries"

# Names of your own for entity resolution: Turtle files shaped like kg's
# ontology/aliases.ttl (an IRI kgr:ID, its class, rdfs:label @zh and @en, skos:altLabel
# for every other name). Mentions with one of these names, in any article, become that
# one entity.
names = "names"

# Where `kg query` and `kg serve` find the graph: "memory" (the output file, loaded
# when needed) or "oxigraph:PATH" (an on-disk store that `kg build --store` fills).
store = "memory"

[serve]
# `kg serve` listens here (this machine only, unless you change host).
host = "127.0.0.1"
port = 3030
"""

QUERY_EXAMPLE = """\
# zh: 哪些企业落户在哪个地区？
# en: Which firms have settled in which region?
# A query of your own: `kg query firms_and_regions` runs it, and it is listed by
# `kg query --list`. kg's prefixes (kg:, kgr:, rdfs:, skos:, schema:, ...) are declared for you.
SELECT ?firm ?firm_zh ?region ?region_zh WHERE {
  ?firm a kg:Firm ;
        kg:settledIn ?region ;
        rdfs:label ?firm_zh .
  ?region rdfs:label ?region_zh .
  FILTER(lang(?firm_zh) = "zh" && lang(?region_zh) = "zh")
}
ORDER BY ?region_zh ?firm_zh
"""


@dataclass(frozen=True)
class Workspace:
    """The folder of a user's data and what its ``kg.toml`` says (``config`` is None without one)."""

    root: Path
    config: Path | None
    corpus: Path
    output_dir: Path
    queries: Path | None
    names: tuple[Path, ...]
    store: str
    host: str
    port: int

    @property
    def output(self) -> Path:
        """The graph file: ``OUTPUT/kg.ttl``."""
        return self.output_dir / "kg.ttl"

    @property
    def cache(self) -> Path:
        return self.output_dir / ".kg-cache"


def find_config(start: str | Path | None = None) -> Path | None:
    """The nearest ``kg.toml`` in ``start`` (default: the current folder) or above it."""
    folder = Path(start or os.getcwd()).absolute()
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def load(start: str | Path | None = None) -> Workspace:
    """The workspace ``start`` (default: the current folder) is in, with its settings."""
    cwd = Path(os.getcwd())
    here = Path(start or cwd).absolute()
    config = find_config(here)
    values = read_config(config) if config is not None else {}
    root = config.parent if config is not None else here

    def setting(table: str, key: str) -> Any:
        return values.get((table, key), SETTINGS[table, key][1])

    def place(value: str) -> Path:
        """A path of the workspace, relative to the current folder when it is below it (shorter messages)."""
        path = root / value
        return path.relative_to(cwd) if path.is_relative_to(cwd) else path

    corpus = place(setting("kg", "corpus"))
    if config is None and ("kg", "corpus") not in values and not corpus.is_dir():
        corpus = SAMPLE_CORPUS
    queries: Path | None = place(setting("kg", "queries"))
    if not queries.is_dir() or _same(queries, QUERIES_DIR):  # the repository's queries/ is the pack itself
        queries = None
    names_dir = place(setting("kg", "names"))
    names = tuple(sorted(names_dir.glob("*.ttl"))) if names_dir.is_dir() else ()
    store = setting("kg", "store")
    if store.startswith("oxigraph:") and not Path(store.partition(":")[2]).is_absolute():
        store = f"oxigraph:{place(store.partition(':')[2])}"
    return Workspace(root=root, config=config, corpus=corpus, output_dir=place(setting("kg", "output")),
                     queries=queries, names=names, store=store, host=setting("serve", "host"), port=setting("serve", "port"))


def read_config(path: Path) -> dict[tuple[str, str], Any]:
    """The settings of a ``kg.toml``; WorkspaceError naming the file (and line, or key) when it is wrong."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise WorkspaceError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise WorkspaceError(f"{path}: cannot read: {exc}") from None
    values: dict[tuple[str, str], Any] = {}
    known = sorted({f"[{table}] {key}" for table, key in SETTINGS})
    for table, content in data.items():
        if not isinstance(content, dict):
            raise WorkspaceError(f"{path}: {table!r} is not a table; kg.toml holds: {', '.join(known)}")
        for key, value in content.items():
            if (table, key) not in SETTINGS:
                raise WorkspaceError(f"{path}: unknown setting [{table}] {key}; kg.toml holds: {', '.join(known)}")
            kind = SETTINGS[table, key][0]
            if not isinstance(value, kind) or isinstance(value, bool):
                raise WorkspaceError(f"{path}: [{table}] {key} must be a {kind.__name__}, not {value!r}")
            if kind is int and not 0 <= value <= 65535:
                raise WorkspaceError(f"{path}: [{table}] {key} must be a port number (0 to 65535), not {value}")
            if kind is str and (not value or "\x00" in value):
                raise WorkspaceError(f"{path}: [{table}] {key} must not be empty")
            values[table, key] = value
    return values


def init(directory: str | Path, *, sample: bool = True) -> list[Path]:
    """Make a workspace in ``directory``: ``kg.toml``, ``corpus/`` (with the sample article unless
    ``sample`` is False), ``queries/`` (with one example query) and ``names/`` (empty). Returns the files made.

    A folder that already holds a ``kg.toml`` is refused (nothing is overwritten); so is a
    file in the way. The folder may exist and hold other things.
    """
    directory = Path(directory)
    config = directory / CONFIG_NAME
    if directory.exists() and not directory.is_dir():
        raise WorkspaceError(f"{directory}: exists and is not a folder")
    if config.exists():
        raise WorkspaceError(f"{config}: already a workspace (kg init does not overwrite it)")
    made: list[Path] = []
    try:
        for folder in (directory / "corpus", directory / "queries", directory / "names"):
            if folder.exists() and not folder.is_dir():
                raise WorkspaceError(f"{folder}: exists and is not a folder")
            folder.mkdir(parents=True, exist_ok=True)
        if sample:
            for source in sorted(SAMPLE_CORPUS.iterdir()):
                target = directory / "corpus" / source.name
                if source.is_file() and not target.exists():
                    shutil.copyfile(source, target)
                    made.append(target)
        example = directory / "queries" / "firms_and_regions.rq"
        if not example.exists():
            example.write_text(QUERY_EXAMPLE, encoding="utf-8")
            made.append(example)
        config.write_text(TEMPLATE, encoding="utf-8")  # last: a failed init is not a workspace
    except OSError as exc:
        raise WorkspaceError(f"{directory}: cannot make a workspace there: {exc.strerror or exc}") from None
    return [config, *made]


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
