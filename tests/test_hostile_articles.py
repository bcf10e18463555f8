"""Hostile articles: huge, empty of entities, not UTF-8, not files; the loader fuzzed.

Long articles (1-5 MB) are generated here from the seed article, never committed:
:func:`big_article` repeats the seed's paragraphs, each copy in another order, and
:func:`big_annotations` writes a valid annotation file for the result (the seed's
entities with a mention in every copy, and every relation, figure and attribute
of every copy at its own offsets).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.annotations import read_annotations
from kg.article import Article, load_article, parse_article
from kg.errors import ArticleError
from kg.limits import MAX_ARTICLE_BYTES

from .hostile import assert_user_error, run_kg, stderr_text

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "000_fcbe63b8009f4bc7"
SEED_ARTICLE = ROOT / "corpus" / f"{SEED_ID}.txt"
SEED_ANNOTATIONS = ROOT / "corpus" / f"{SEED_ID}.annotations.json"


# --- generated big articles ---------------------------------------------------------------------------


def _seed_pieces() -> tuple[Article, str, list[tuple[int, str]]]:
    """The seed article, its headline line, and (block index, raw text) of each other block."""
    seed = load_article(SEED_ARTICLE)
    raw = seed.raw
    pieces = []
    for index, block in enumerate(seed.blocks):
        line_start = raw.rfind("\n", 0, seed.raw_offsets[block.start]) + 1
        raw_end = seed.raw_offsets[block.end - 1] + 1
        pieces.append((index, raw[line_start:raw_end]))
    assert seed.blocks[0].kind == "title"
    return seed, pieces[0][1], pieces[1:]


def big_article_text(size: int) -> tuple[str, list[int]]:
    """Raw text of about ``size`` bytes: the seed's headline, then its blocks again and again.

    Copy k of the body is rotated by k blocks, so that no two neighbouring copies
    read alike. Returns the text and, for each block of the clean text, the index of
    the seed block it copies.
    """
    _, title, body = _seed_pieces()
    parts, order = [title, "\n\n"], [0]
    used = len(title.encode("utf-8")) + 2
    copy = 0
    while used < size:
        shift = copy % len(body)
        for index, text in body[shift:] + body[:shift]:
            parts += [text, "\n\n"]
            order.append(index)
            used += len(text.encode("utf-8")) + 2
        copy += 1
    return "".join(parts), order


def write_big_article(folder: Path, size: int, article_id: str = "big") -> tuple[Path, Article, list[int]]:
    text, order = big_article_text(size)
    path = folder / f"{article_id}.txt"
    path.write_text(text, encoding="utf-8")
    return path, load_article(path), order


def big_annotations(big: Article, order: list[int], path: Path) -> dict[str, Any]:
    """A valid annotation file for a generated article: the seed's, repeated in each copy of each block."""
    seed = load_article(SEED_ARTICLE)
    data = json.loads(SEED_ANNOTATIONS.read_text(encoding="utf-8"))
    assert len(big.blocks) == len(order)
    for block, seed_index in zip(big.blocks, order):
        assert block.text == seed.blocks[seed_index].text, "the big article's blocks must be the seed's"
    copies: dict[int, list[int]] = {}  # seed block -> shift of each of its copies
    for block, seed_index in zip(big.blocks, order):
        copies.setdefault(seed_index, []).append(block.start - seed.blocks[seed_index].start)

    def block_of(start: int, end: int) -> int | None:
        found = seed.sentences_overlapping(start, end)
        if not found:
            return None
        for index, block in enumerate(seed.blocks):
            if block.start <= start and end <= block.end:
                return index
        return None

    def shifted(span: dict[str, Any], shift: int) -> dict[str, Any]:
        return {"start": span["start"] + shift, "end": span["end"] + shift, "text": span["text"]}

    def spans(span: dict[str, Any]) -> list[dict[str, Any]]:
        index = block_of(span["start"], span["end"])
        shifts = copies.get(index, [0]) if index is not None else [0]
        return [shifted(span, shift) for shift in shifts]

    for entity in data["entities"]:
        entity["mentions"] = [s for m in entity["mentions"] for s in spans(m)]
    for section in ("relations", "attributes"):
        data[section] = [{**item, "evidence": s} for item in data[section] for s in spans(item["evidence"])]
    figures = []
    for figure in data["figures"]:
        for n, span in enumerate(spans(figure["evidence"])):
            figures.append({**figure, "id": figure["id"] if n == 0 else f"{figure['id']}-{n + 1}", "evidence": span})
    data["figures"] = figures
    data["article"].update(id=big.id, file=big.path.name, sha256=big.sha256)
    return data


def diverse_article_text(size: int, seed: int = 0) -> str:
    """About ``size`` bytes of news in the corpus's words, names made new in every paragraph.

    Paragraphs of the four bundled articles, drawn at random; in each copy sixty
    Chinese characters are swapped for others, so that the names (and with them the
    entities) keep changing, as in a long real article.
    """
    paragraphs = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        art = load_article(path)
        for block in art.blocks[1:]:
            line_start = art.raw.rfind("\n", 0, art.raw_offsets[block.start]) + 1
            paragraphs.append(art.raw[line_start : art.raw_offsets[block.end - 1] + 1])
    han = sorted({ch for p in paragraphs for ch in p if "\u4e00" <= ch <= "\u9fff"})
    rnd = random.Random(seed)
    parts, used = [" 绿色算力的实践\n\n"], 0
    while used < size:
        swap = {ch: rnd.choice(han) for ch in rnd.sample(han, 60)}
        text = "".join(swap.get(ch, ch) for ch in rnd.choice(paragraphs))
        parts.append(text + "\n\n")
        used += len(text.encode("utf-8")) + 2
    return "".join(parts)


def check_invariants(article: Article) -> None:
    """The promises of kg.article's docstring, checked character by character."""
    raw, text, offsets = article.raw, article.text, article.raw_offsets
    assert len(offsets) == len(text)
    assert all(raw[o] == ch for ch, o in zip(text, offsets)), "a clean character is not the raw one it maps to"
    assert all(a < b for a, b in itertools.pairwise(offsets)), "offsets must strictly increase"
    skip = 1 if raw.startswith("\ufeff") else 0  # a byte order mark is not text
    raw_visible = [i for i in range(skip, len(raw)) if not raw[i].isspace()]
    clean_visible = [o for ch, o in zip(text, offsets) if not ch.isspace()]
    assert clean_visible == raw_visible, "a visible character of the raw file is missing or out of order"
    assert text.count("\n") == len(article.blocks) - 1
    for block, following in zip(article.blocks, article.blocks[1:]):
        assert following.start == block.end + 1 and text[block.end] == "\n"
    for block in article.blocks:
        assert block.text == text[block.start : block.end] and block.text
        for i, ch in enumerate(block.text):  # whitespace: one horizontal space between ASCII words, no more
            if ch.isspace():
                assert ch in " \t\u3000\u00a0" and 0 < i < len(block.text) - 1
                assert block.text[i - 1].isascii() and block.text[i - 1].isalnum()
                assert block.text[i + 1].isascii() and block.text[i + 1].isalnum()
    assert article.blocks[0].start == 0 and article.blocks[-1].end == len(text)
    ends = {b.end for b in article.blocks}
    position = 0
    for sentence in article.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert sentence.text == text[sentence.start : sentence.end]
        assert "\n" not in sentence.text, "a sentence never crosses a block"
        assert sentence.start in (position, position + 1)
        position = sentence.end
    assert position == len(text) and ends <= {s.end for s in article.sentences}


# 1. big articles load, show and build in time proportional to their size ------------------------------------


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("big")


def test_a_5mb_article_loads_in_linear_time(big_folder):
    """load_article joined the clean text block by block: 1 MB took 5 s, 2 MB 22 s (quadratic)."""
    times = {}
    for megabytes in (1, 2, 5):
        text, order = big_article_text(megabytes * 1_000_000)
        path = big_folder / f"load{megabytes}.txt"
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        art = load_article(path)
        times[megabytes] = time.perf_counter() - started
        assert len(art.blocks) == len(order)
        if megabytes == 1:
            check_invariants(art)
    assert times[5] < 15, times  # about 0.5 s here; the quadratic loader needed minutes


def test_kg_article_shows_a_5mb_article_in_seconds(big_folder):
    path, art, _ = write_big_article(big_folder, 5_000_000, "show5")
    started = time.perf_counter()
    proc = run_kg("article", path, timeout=120)
    assert proc.returncode == 0, stderr_text(proc)
    assert proc.stdout.decode("utf-8") == art.text + "\n"
    proc = run_kg("article", path, "--find", "三江源国家大数据基地", "--json", timeout=120)
    assert proc.returncode == 0, stderr_text(proc)
    assert len(json.loads(proc.stdout)) == len(art.find("三江源国家大数据基地")) > 1000
    assert time.perf_counter() - started < 60


def test_the_generated_annotation_file_is_valid_for_a_2mb_article(big_folder):
    """The checks of kg build (spans against the article) and the article's triples, on 2 MB."""
    from kg.annotations import load_annotated
    from kg.graph import article_triples

    path, art, order = write_big_article(big_folder, 2_000_000, "valid2")
    annotations = big_folder / "valid2.annotations.json"
    annotations.write_text(json.dumps(big_annotations(art, order, path), ensure_ascii=False), encoding="utf-8")
    started = time.perf_counter()
    doc = load_annotated(annotations)
    part = article_triples(doc)
    assert time.perf_counter() - started < 60
    assert sum(len(e.mentions) for e in doc.annotations.entities) > 30_000
    assert len(part.evidence) > 500_000


def test_kg_build_takes_a_big_article_with_its_annotations(big_folder):
    folder = big_folder / "build"
    folder.mkdir()
    path, art, order = write_big_article(folder, 200_000, "big")
    (folder / "big.annotations.json").write_text(json.dumps(big_annotations(art, order, path), ensure_ascii=False),
                                                 encoding="utf-8")
    out = big_folder / "build.nt"
    proc = run_kg("build", folder, "--no-cache", "-o", out, timeout=300)
    assert proc.returncode == 0, stderr_text(proc)
    assert out.stat().st_size > 10_000_000


# 2. kg annotate on big articles: time and memory proportional to the size -----------------------------------


def run_kg_measured(*args: str | os.PathLike, timeout: float = 300) -> tuple[int, str, float, int]:
    """Run ``kg ARGS`` as run_kg does; its exit code, stderr, seconds and peak resident memory (bytes)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "kg", *map(str, args)], stdout=subprocess.DEVNULL,
                                stderr=errors, env=environment)
        while True:  # wait4 gives this child's own resource usage
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                raise AssertionError(f"kg {' '.join(map(str, args))} ran over {timeout} s")
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        return proc.returncode, errors.read().decode("utf-8", "replace"), elapsed, usage.ru_maxrss * 1024


def test_kg_annotate_drafts_a_1mb_chinese_article_in_seconds_and_bounded_memory(big_folder):
    """It was killed after 590 s at 16 GB; the draft is one that kg build takes."""
    from kg.annotations import load_annotated

    path = big_folder / "news.txt"
    path.write_text(diverse_article_text(1_000_000), encoding="utf-8")
    draft = big_folder / "news.annotations.json"
    code, errors, elapsed, peak = run_kg_measured("annotate", path, "-o", draft)
    assert code == 0, errors
    assert elapsed < 90, elapsed  # about 21 s here
    assert peak < 2 * 1024**3, peak  # about 450 MiB here
    doc = load_annotated(draft)  # every span agrees with the article
    assert len(doc.annotations.entities) > 1000 and len(doc.annotations.figures) > 1000


@pytest.mark.parametrize("shape", ["no sentence end", "no punctuation", "one long list"])
def test_kg_annotate_bounds_the_work_on_one_huge_sentence(big_folder, shape):
    text = diverse_article_text(150_000, seed=1)
    if shape == "no sentence end":
        text = re.sub(r"[。！？!?…]", "，", text).replace("\n", "")
    elif shape == "no punctuation":
        text = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    else:
        text = "、".join(text[i : i + 3] for i in range(0, 140_000, 3)) + "等企业"
    path = big_folder / f"{shape.replace(' ', '-')}.txt"
    path.write_text(text, encoding="utf-8")
    draft = path.with_suffix(".json")
    started = time.perf_counter()
    proc = run_kg("annotate", path, "-o", draft, timeout=300)
    assert proc.returncode == 0, stderr_text(proc)
    assert time.perf_counter() - started < 60
    ann = read_annotations(draft)
    art = load_article(path)
    assert all(art.text[m.start : m.end] == m.text for e in ann.entities for m in e.mentions)


def test_a_draft_of_a_long_article_is_the_draft_of_its_paragraphs_read_whole(monkeypatch):
    """The pipeline reads chunks of whole paragraphs; a draft does not depend on where chunks end."""
    import kg.annotate as annotator

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # both drafts name the same run time

    art = parse_article(diverse_article_text(12_000, seed=2), article_id="mix", path="mix.txt")
    whole = annotator.annotate(art)
    chunk_chars = annotator.CHUNK_CHARS
    try:
        annotator.CHUNK_CHARS = 50  # paragraphs cut between sentences
        cut = annotator.annotate(art)
    finally:
        annotator.CHUNK_CHARS = chunk_chars
    assert whole.model_dump() == cut.model_dump()
    assert len(whole.entities) > 20


# 3. an article that names no entity: an empty draft, which kg build takes ------------------------------------


@pytest.mark.parametrize("text", [
    "Open AI released a new model today. Engineers said it is faster.\n\nIt runs on green power!\n",
    "今天天气很好。我们去公园散步，看见了很多花。\n",
])
def test_an_article_with_no_entity_gives_an_empty_draft_that_builds(tmp_path, text):
    article = tmp_path / "plain.txt"
    article.write_text(text, encoding="utf-8")
    draft = tmp_path / "plain.annotations.json"
    proc = run_kg("annotate", article, "-o", draft)
    assert proc.returncode == 0, stderr_text(proc)
    assert "Traceback" not in stderr_text(proc)
    warnings = [line for line in stderr_text(proc).splitlines() if line.startswith("Warning:")]
    assert warnings == [f"Warning: found no entity in {article}; wrote an empty draft {draft}"]
    ann = read_annotations(draft)
    assert ann.entities == [] and ann.relations == [] and ann.figures == []
    proc = run_kg("build", draft, "--no-cache", "-o", tmp_path / "plain.ttl")
    assert proc.returncode == 0, stderr_text(proc)
    assert "0 entities" in stderr_text(proc)
    if text.isascii():  # to stdout: the same empty draft, the same warning
        to_stdout = run_kg("annotate", article)
        assert to_stdout.returncode == 0 and json.loads(to_stdout.stdout)["entities"] == []
        assert stderr_text(to_stdout).strip() == f"Warning: found no entity in {article}; wrote an empty draft to stdout"


# 4. the draft's file type ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["draft.txt", "draft", "draft.JSON", "draft.json.bak"])
def test_a_draft_file_that_is_not_json_or_yaml_is_refused_before_any_work(tmp_path, name):
    target = tmp_path / name
    missing_article = tmp_path / "not-there.txt"  # the output is checked first: the article is never read
    assert_user_error(run_kg("annotate", missing_article, "-o", target), str(target), ".json", ".yaml", ".yml")
    assert not target.exists()


def test_a_draft_over_an_existing_file_or_into_a_folder_is_refused_before_any_work(tmp_path):
    existing = tmp_path / "kept.annotations.json"
    existing.write_text("{}", encoding="utf-8")
    missing_article = tmp_path / "not-there.txt"
    assert_user_error(run_kg("annotate", missing_article, "-o", existing), str(existing), "--force")
    assert existing.read_text(encoding="utf-8") == "{}"
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert_user_error(run_kg("annotate", missing_article, "-o", folder, "--force"), str(folder), "folder")
    assert_user_error(run_kg("annotate", missing_article, "--output-dir", existing), str(existing), "not a folder")


# 5. limits and unreadable articles: one line each -----------------------------------------------------------


def test_an_article_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:  # sparse: its size says it all, nothing is read
        file.truncate(MAX_ARTICLE_BYTES + 1)
    for command in (["article", path], ["annotate", path, "-o", tmp_path / "huge.annotations.json"]):
        started = time.perf_counter()
        assert_user_error(run_kg(*command), str(path), f"{MAX_ARTICLE_BYTES:,}", "MAX_ARTICLE_BYTES")
        assert time.perf_counter() - started < 20
    assert not (tmp_path / "huge.annotations.json").exists()


def test_the_size_limit_just_below_and_just_above(tmp_path, monkeypatch):
    import kg.limits

    monkeypatch.setattr(kg.limits, "MAX_ARTICLE_BYTES", 1000)
    path = tmp_path / "edge.txt"
    path.write_bytes("青海".encode() * 166 + b"ab.\n")  # 1000 bytes
    assert load_article(path).text.startswith("青海")
    path.write_bytes("青海".encode() * 166 + b"abc.\n")  # 1001 bytes
    with pytest.raises(ArticleError, match=r"edge.txt: the article file is 1,001 bytes, more than the limit of 1,000"):
        load_article(path)


def _loop(tmp_path: Path) -> Path:
    link = tmp_path / "loop.txt"
    link.symlink_to(link)
    return link


def _under_a_file(tmp_path: Path) -> Path:
    (tmp_path / "file.txt").write_text("正文。", encoding="utf-8")
    return tmp_path / "file.txt" / "article.txt"


def _fifo(tmp_path: Path) -> Path:
    os.mkfifo(tmp_path / "pipe.txt")
    return tmp_path / "pipe.txt"


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "folder.txt").mkdir()
    return tmp_path / "folder.txt"


def _gbk(tmp_path: Path) -> Path:
    path = tmp_path / "gbk.txt"
    path.write_bytes("青海的绿色算力。".encode("gbk"))
    return path


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\t\r\n\xe3\x80\x80\n")
    return path


@pytest.mark.parametrize("make, expected", [
    (_gbk, "not UTF-8 text (bad byte at offset 0)"),
    (_folder, "is a folder, not an article file"),
    (lambda tmp_path: Path("/proc/self/mem"), "cannot read article file: Input/output error"),  # unreadable, even by root
    (lambda tmp_path: tmp_path / "missing.txt", "article file not found"),
    (_loop, "cannot read article file: Too many levels of symbolic links"),
    (_under_a_file, "cannot read article file: Not a directory"),
    (_fifo, "not a regular file"),
    (lambda tmp_path: Path("/dev/zero"), "not a regular file"),
    (_empty, "the article has no text"),
], ids=["not-utf8", "folder", "unreadable", "missing", "symlink-loop", "under-a-file", "fifo", "device", "blank"])
def test_an_article_that_cannot_be_read_is_one_line(tmp_path, make, expected):
    path = make(tmp_path)
    for command in (["article", path], ["annotate", path, "-o", tmp_path / "draft.annotations.json"]):
        assert_user_error(run_kg(*command, timeout=60), str(path), expected)
    with pytest.raises(ArticleError, match=re.escape(expected)):
        load_article(path)


# 6. the loader, fuzzed: an Article that keeps its promises, or ArticleError ---------------------------------

FUZZ = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Characters the loader's rules turn on: kinds of whitespace, sentence ends, closing quotes, byline cues,
#: ASCII words, a byte order mark, control characters.
RULE_CHARACTERS = list(" \t\n\n\n\r\u3000\u00a0\x0b\x0c\x1c\x85\u2028\u2029\ufeff\x00\x07"
                       "。！？；…!?;”’」』）)》\"'，、ab1Z.-青海本报记者通讯员张")


@pytest.fixture(scope="module")
def fuzz_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "fuzz.txt"


def _load_bytes(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        art = load_article(path)
    except ArticleError as exc:
        message = str(exc)
        assert "\n" not in message and str(path) in message
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError:
            assert "not UTF-8 text" in message
            return
        assert "has no text" in message
        assert all(ch.isspace() for ch in raw[1 if raw.startswith("\ufeff") else 0 :])
        return
    assert art.raw == data.decode("utf-8")
    check_invariants(art)


@FUZZ
@given(data=st.binary(max_size=400))
def test_fuzz_any_bytes(fuzz_file, data):
    _load_bytes(fuzz_file, data)


@FUZZ
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_fuzz_any_text(fuzz_file, text):
    _load_bytes(fuzz_file, text.encode("utf-8"))


@FUZZ
@given(text=st.text(st.sampled_from(RULE_CHARACTERS), max_size=300))
def test_fuzz_text_made_of_what_the_rules_look_at(fuzz_file, text):
    _load_bytes(fuzz_file, text.encode("utf-8"))


def test_regex_whitespace_is_python_whitespace():
    """The loader finds runs of text with \\S+; that must be exactly what str.isspace calls whitespace."""
    pattern = re.compile(r"\s")
    assert all((pattern.match(chr(c)) is not None) == chr(c).isspace() for c in range(sys.maxunicode + 1))


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(st.sampled_from(list("青海省西宁市数据中心集团公司有限局委员会《》“”（）、，。！？等企业记者张王李"
                                          "发布印发落户位于在举行基地园区12.5万架亿元%PUE年月日\n a")), min_size=1,
                    max_size=200))
def test_fuzz_the_annotator_gives_a_valid_draft_or_one_line(text):
    """Whatever the text, the draft's every span is the article's words (or the article has no text)."""
    from kg.annotate import annotate
    from kg.annotations import check_annotations
    from kg.ontology import ontology

    try:
        art = parse_article(text, article_id="fuzz", path="fuzz.txt")
    except ArticleError:
        return
    draft = annotate(art)
    assert check_annotations(draft, art, ontology()) == []


def test_a_file_name_with_a_line_break_stays_on_one_line(tmp_path):
    path = tmp_path / "two\nlines.txt"
    assert_user_error(run_kg("article", path), "two\\nlines.txt", "article file not found")
