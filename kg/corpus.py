"""Building a corpus of thousands of articles: in parallel, incrementally, into a fast store.

Each article is turned into its N-Triples lines (core facts, and its evidence
layer) and the records of its entities, by worker processes. The result is
cached under the hash of the article, its annotation file and everything that
shapes the output (the ontology, the resolution tables, kg's own building code),
so an unchanged article is never processed twice. The lines then go, sorted,
into N-Quads (each article's evidence in its own named graph) and, when asked,
bulk-loaded into an on-disk pyoxigraph store; or into an rdflib graph for the
other formats.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from stat import S_ISDIR

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg import __version__
from kg.annotations import find_annotation_files
from kg.errors import AnnotationError, GraphError
from kg.files import default_mode
from kg.paths import ONTOLOGY_FILE
from kg.provenance import Claim
from kg.resolve import ALIASES_FILE, REGISTRY_FILE, Description, EntityRecord, merge
from kg.vocab import GRAPH

#: Files whose content shapes an article's triples: a change to any of them empties the cache.
SHAPING_FILES = (
    ONTOLOGY_FILE, REGISTRY_FILE, ALIASES_FILE,
    *(Path(__file__).resolve().parent / name
      for name in ("graph.py", "resolve.py", "annotations.py", "article.py", "corpus.py", "provenance.py")),
)
PARALLEL_FROM = 64  # articles; fewer are built in this process
#: The layout of a cached result; part of every cache key, so a new layout never reads an old file.
#: 2: an entity record holds its romanisation (label_pinyin) after label_en, which may be null.
CACHE_FORMAT = "kg-corpus-cache/2"


@dataclass
class CorpusBuild:
    """The lines of a built corpus and what it took."""

    core: list[str] = field(default_factory=list)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    descriptions: list[Description] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    articles: int = 0
    reused: int = 0
    seconds: float = 0.0

    def entity_lines(self) -> list[str]:
        """The entities, once for the corpus, and who made each entity, statement and figure (merged across articles)."""
        from kg.graph import entity_triples
        from kg.provenance import merge_claims

        return [line(t) for t in (*entity_triples(self.descriptions), *merge_claims(self.claims))]

    def nquads(self, *, with_ontology: bool = False) -> bytes:
        """Default graph: core facts, entities (and the ontology); a named graph of evidence per article."""
        default = set(self.core) | set(self.entity_lines())
        if with_ontology:
            default |= set(ontology_lines())
        out = sorted(default)
        for article_id in sorted(self.evidence):
            graph = f"<{GRAPH[article_id]}>"
            out += sorted(f"{text[:-2]} {graph} ." for text in set(self.evidence[article_id]))
        return ("\n".join(out) + "\n").encode("utf-8")

    def ntriples(self, *, with_ontology: bool = False) -> bytes:
        lines = set(self.core) | set(self.entity_lines())
        for evidence in self.evidence.values():
            lines |= set(evidence)
        if with_ontology:
            lines |= set(ontology_lines())
        return ("\n".join(sorted(lines)) + "\n").encode("utf-8")

    def graph(self, *, with_ontology: bool = False) -> Graph:
        """The corpus as an rdflib graph (fine for small corpora; use a store for big ones)."""
        from kg.graph import new_graph
        from kg.ontology import ontology

        graph = new_graph()
        graph.parse(data=self.ntriples().decode("utf-8"), format="nt")
        if with_ontology:
            graph += ontology().graph
        return graph

    @property
    def triples(self) -> int:
        return len(set(self.core) | set(self.entity_lines())) + sum(len(set(e)) for e in self.evidence.values())


def build_corpus(
    paths: Iterable[str | Path],
    *,
    cache_dir: str | Path | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    sink: Callable[[str, list[str], list[str]], None] | None = None,
    curated_only: bool = False,
    min_confidence: float | None = None,
) -> CorpusBuild:
    """Build every annotated article under ``paths``, in parallel and incrementally.

    With ``sink``, each article's lines (id, core, evidence) go to it as they come
    and are not kept: memory then holds only the entities' records and the claims
    of who made what. ``curated_only`` and ``min_confidence`` leave auto items out
    (:func:`kg.provenance.select_items`); the cache keeps each choice apart.
    """
    from kg.provenance import check_min_confidence

    started = time.perf_counter()
    selection = {"curated_only": bool(curated_only), "min_confidence": check_min_confidence(min_confidence)}
    files = find_annotation_files(list(paths))
    cache = Path(cache_dir) if cache_dir else None
    keys = [_cache_key(path, selection) for path in files]
    cached: dict[int, dict] = {}
    if cache is not None:
        for index, path in enumerate(files):
            hit = _read_cache(cache, path, keys[index]) if keys[index] else None
            if hit is not None:
                cached[index] = hit
    todo = [i for i in range(len(files)) if i not in cached]
    build = CorpusBuild(articles=len(files), reused=len(cached))
    seen: dict[str, Path] = {}
    records: list[EntityRecord] = []

    def take(index: int, result: dict) -> None:
        path = files[index]
        earlier = seen.setdefault(result["article_id"], path)
        if earlier != path:
            raise AnnotationError(f"{path}: article id {result['article_id']!r} is annotated twice (also in {earlier})")
        records.extend(EntityRecord(*r[:5], tuple(tuple(a) for a in r[5]), *r[6:]) for r in result["entities"])
        build.claims.extend(Claim(*c) for c in result["claims"])
        if sink is not None:
            sink(result["article_id"], result["core"], result["evidence"])
        else:
            build.core.extend(result["core"])
            build.evidence.setdefault(result["article_id"], []).extend(result["evidence"])

    done = 0
    for index in sorted(cached):
        take(index, cached.pop(index))
        done += 1
    if progress:
        progress(done, len(files))
    for index, result in _run(files, todo, jobs, selection):
        if cache is not None:
            _write_cache(cache, files[index], keys[index], result)
        take(index, result)
        done += 1
        if progress:
            progress(done, len(files))
    build.descriptions = merge(records)
    build.seconds = time.perf_counter() - started
    return build


def _run(files: list[Path], todo: list[int], jobs: int | None, selection: dict):
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    work = functools.partial(process_article, **selection)
    if jobs <= 1 or len(todo) < PARALLEL_FROM:
        for index in todo:
            yield index, work(str(files[index]))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        chunk = max(1, min(64, len(todo) // (jobs * 8)))
        yield from zip(todo, pool.map(work, [str(files[i]) for i in todo], chunksize=chunk))


def process_article(path: str, *, curated_only: bool = False, min_confidence: float | None = None) -> dict:
    """One article's lines, entity records and claims (runs in a worker process)."""
    from kg.annotations import load_annotated
    from kg.graph import article_triples

    doc = load_annotated(path)
    part = article_triples(doc, curated_only=curated_only, min_confidence=min_confidence)
    return {
        "article_id": part.article_id,
        "core": [line(t) for t in part.core],
        "evidence": [line(t) for t in part.evidence],
        "entities": [[r.id, r.type, r.label_zh, r.label_en, r.label_pinyin, [list(a) for a in r.aliases], r.source,
                      r.article_id, r.where] for r in part.entities],
        "claims": [c.as_list() for c in part.claims],
    }


def _shaping_key() -> str:
    from kg.resolve import name_files

    return _shaping_key_of(name_files())


@cache
def _shaping_key_of(names: tuple[Path, ...]) -> str:
    """kg's version and the bytes of every file that shapes an article's triples (the workspace's names too)."""
    digest = hashlib.sha256(f"{__version__} {CACHE_FORMAT}".encode())
    for path in (*SHAPING_FILES, *names):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _cache_key(annotation_file: Path, selection: dict | None = None) -> str:
    """The hash an article's cached result is kept under (its files, kg's code, the items selected); "" when it
    cannot be had (loading then says why)."""
    from kg.annotations import parse_data, read_bytes
    from kg.errors import KgError
    from kg.limits import MAX_ARTICLE_BYTES

    digest = hashlib.sha256(_shaping_key().encode())
    digest.update(json.dumps(selection or {}, sort_keys=True).encode())
    try:
        data = read_bytes(annotation_file)  # within the limits: never a device, a folder or a huge file
    except KgError:
        return ""
    digest.update(data)
    article = None
    if annotation_file.suffix == ".json":  # the article itself: its file is named in the annotation
        try:
            parsed = parse_data(annotation_file, data)
        except KgError:
            return ""
        info = parsed.get("article") if isinstance(parsed, dict) else None
        article = info.get("file") if isinstance(info, dict) else None
    if isinstance(article, str) and article and "\x00" not in article:
        try:
            article_file = annotation_file.parent / article
            if article_file.is_file() and article_file.stat().st_size <= MAX_ARTICLE_BYTES:
                digest.update(article_file.read_bytes())
        except (OSError, ValueError):
            return ""
    return digest.hexdigest()


def _cache_file(cache: Path, annotation_file: Path) -> Path:
    name = hashlib.sha256(str(annotation_file.resolve()).encode()).hexdigest()[:16]
    return cache / f"{annotation_file.name.split('.')[0]}-{name}.json"


def _read_cache(cache: Path, annotation_file: Path, key: str) -> dict | None:
    path = _cache_file(cache, annotation_file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, or damaged (entries are not fsynced: a crash may cut one short)
        return None
    return data["result"] if isinstance(data, dict) and data.get("key") == key and "result" in data else None


def _write_cache(cache: Path, annotation_file: Path, key: str, result: dict) -> None:
    """Keep an article's result for next time; a cache that cannot be written only costs the reuse."""
    from kg.errors import OutputError
    from kg.files import write_atomic

    try:
        write_atomic(_cache_file(cache, annotation_file),
                     json.dumps({"key": key, "result": result}, ensure_ascii=False).encode("utf-8"), durable=False)
    except OutputError:
        pass


_IRI_CACHE: dict = {}


def line(triple: tuple) -> str:
    """A triple as an N-Triples line."""
    return f"{term(triple[0])} {term(triple[1])} {term(triple[2])} ."


def term(node) -> str:
    if isinstance(node, URIRef):
        cached = _IRI_CACHE.get(node)
        if cached is None:
            cached = f"<{node}>"
            if len(_IRI_CACHE) < 100_000:  # predicates, classes, articles: the IRIs that recur
                _IRI_CACHE[node] = cached
        return cached
    if isinstance(node, Literal):
        text = str(node).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if node.language:
            return f'"{text}"@{node.language}'
        if node.datatype and node.datatype != XSD.string:
            return f'"{text}"^^<{node.datatype}>'
        return f'"{text}"'
    if isinstance(node, BNode):
        return f"_:{node}"
    raise GraphError(f"cannot write {node!r} as N-Triples")


@cache
def ontology_lines() -> tuple[str, ...]:
    """The ontology as N-Triples lines, blank nodes labelled canonically."""
    from rdflib.compare import to_canonical_graph

    from kg.ontology import ontology

    return tuple(line(t) for t in to_canonical_graph(ontology().graph))


CHUNK_LINES = 400_000  # quads per bulk load: smaller loads keep Oxigraph's memory down and start sooner


def build_store(
    paths: Iterable[str | Path],
    store: str | Path,
    *,
    cache_dir: str | Path | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    with_ontology: bool = True,
    named_graphs: bool = False,
    curated_only: bool = False,
    min_confidence: float | None = None,
) -> CorpusBuild:
    """Build a corpus straight into an on-disk pyoxigraph store, streaming: for corpora too big for memory.

    Quads are bulk-loaded in chunks while the workers go on with the next articles.
    Every triple goes into the default graph unless ``named_graphs``: Oxigraph
    answers queries over the union of named graphs about ten times slower (measured
    on 1,000 articles), and each span still names its article (``oa:hasSource``).
    """

    def fill(staging: Path) -> CorpusBuild:
        with _ChunkLoader(staging) as loader:
            def sink(article_id: str, core: list[str], evidence: list[str]) -> None:
                loader.add(core)
                if named_graphs:
                    graph = f" <{GRAPH[article_id]}> ."
                    loader.add([text[:-2] + graph for text in evidence])
                else:
                    loader.add(evidence)

            build = build_corpus(paths, cache_dir=cache_dir, jobs=jobs, progress=progress, sink=sink,
                                 curated_only=curated_only, min_confidence=min_confidence)
            loader.add(build.entity_lines())
            if with_ontology:
                loader.add(list(ontology_lines()))
        return build

    from kg.provenance import check_min_confidence

    check_min_confidence(min_confidence)  # before the store is touched
    result: list[CorpusBuild] = []
    _replace_store(Path(store), lambda staging: result.append(fill(staging)))
    return result[0]


class _ChunkLoader:
    """Collects N-Quads lines and bulk-loads them into a store, a chunk at a time."""

    def __init__(self, path: Path) -> None:
        import pyoxigraph as ox

        self.store = ox.Store(str(path))
        self.format = ox.RdfFormat.N_QUADS
        self.folder = path.parent
        self.lines: list[str] = []

    def __enter__(self) -> _ChunkLoader:
        return self

    def add(self, lines: list[str]) -> None:
        self.lines.extend(lines)
        if len(self.lines) >= CHUNK_LINES:
            self._load()

    def _load(self) -> None:
        if not self.lines:
            return
        handle, name = tempfile.mkstemp(suffix=".nq", dir=self.folder)
        try:  # the chunk goes even when writing it fails (a full disk)
            with open(handle, "w", encoding="utf-8") as chunk:
                chunk.write("\n".join(self.lines) + "\n")
            self.lines = []
            self.store.bulk_load(path=name, format=self.format)
        finally:
            os.unlink(name)

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self._load()
            self.store.flush()
        del self.store


def load_store(build: CorpusBuild, path: str | Path, *, with_ontology: bool = True, named_graphs: bool = False) -> Path:
    """Bulk-load a built corpus into an on-disk pyoxigraph store at ``path``, replacing it only once it is whole."""
    import pyoxigraph as ox

    def load(staging: Path) -> None:
        store = ox.Store(str(staging))
        data = build.nquads(with_ontology=with_ontology) if named_graphs else build.ntriples(with_ontology=with_ontology)
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        store.flush()

    return _replace_store(Path(path), load)


def _replace_store(path: Path, fill: Callable[[Path], None]) -> Path:
    """Fill a new store beside ``path``, then swap it in: a failed load leaves the earlier store as it was.

    A store that cannot be made (its folder cannot be written, a parent is a file, the disk is
    full) is an :class:`~kg.errors.OutputError` naming ``path``.
    """
    _check_store_target(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    except (OSError, ValueError) as exc:
        raise _store_error(path, exc) from None
    try:
        staging.chmod(default_mode(directory=True))  # mkdtemp makes it private (0700)
        fill(staging)
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old.", dir=path.parent))
            os.replace(path, old / "store")
            try:
                os.replace(staging, path)
            except BaseException:
                os.replace(old / "store", path)  # put the earlier store back
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, path)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _store_error(path, exc) from None
        raise
    return path


def _check_store_target(path: Path) -> None:
    """``path`` may be new, or an Oxigraph store (which is replaced): never a file, nor a folder of something else."""
    from kg.errors import OutputError

    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except NotADirectoryError:  # a parent is a file: mkdir says so below
        return
    except (OSError, ValueError) as exc:
        raise _store_error(path, exc) from None
    if not S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: not an Oxigraph store (a folder): refusing to replace it")
    try:
        names = {entry.name for entry in os.scandir(path)}
    except OSError as exc:
        raise _store_error(path, exc) from None
    if names and "CURRENT" not in names:  # RocksDB, under Oxigraph, keeps its CURRENT file in every store
        raise OutputError(f"{path}: a folder that is not an Oxigraph store: refusing to replace it")


def _store_error(path: Path, exc: BaseException):
    from kg.errors import OutputError

    if isinstance(exc, OSError):
        # pyoxigraph's OSError has no errno, and a message that names its staging files: keep only the reason
        known = [os.strerror(code) for code in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EIO)]
        reason = exc.strerror or next((text for text in known if text in str(exc)), str(exc))
        if exc.errno in (errno.ENOTDIR, errno.EEXIST) and not path.parent.is_dir():
            reason = "a parent of it is a file, not a folder"
    else:
        reason = str(exc)
    return OutputError(f"{path}: cannot write the Oxigraph store: {reason}".replace("\n", " "))
