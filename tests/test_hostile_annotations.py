"""Hostile annotation files, prediction files and store paths (issue 13): every one is refused in one line.

Each case runs the real ``kg`` command (``tests/hostile.py``) and checks exit 2, one ``Error:`` line naming
the file and the item, no traceback, and that an earlier output is intact. The loader is also fuzzed with
hypothesis: whatever the file holds, loading it returns or raises AnnotationError / ArticleError.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pyoxigraph
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.annotations import is_language_tag, load_annotated, read_annotations
from kg.errors import AnnotationError, ArticleError
from kg.limits import MAX_ANNOTATION_BYTES, MAX_FIGURE_DIGITS, MAX_NESTING, MAX_YAML_NODES

from .conftest import CORPUS, SEED_ANNOTATIONS, SEED_ARTICLE, SEED_ID
from .hostile import assert_user_error, digest, run_kg, stderr_text

SEED_DATA = json.loads(SEED_ANNOTATIONS.read_text(encoding="utf-8"))
FIGURE_ID = SEED_DATA["figures"][0]["id"]


def _corpus(folder: Path, mutate=None, *, raw: dict[str, str] | None = None, name: str = SEED_ID) -> Path:
    """The seed article and its annotations in ``folder``; ``raw`` puts JSON text in place of "@KEY@" strings."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_ARTICLE, folder / f"{name}.txt")
    data = json.loads(json.dumps(SEED_DATA))
    data["article"]["file"] = f"{name}.txt"
    if mutate is not None:
        mutate(data)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for key, value in (raw or {}).items():
        text = text.replace(json.dumps(f"@{key}@"), value)
    path = folder / f"{name}.annotations.json"
    path.write_text(text, encoding="utf-8")
    return path


def _figure_value(value: str):
    def mutate(data):
        data["figures"][0]["value"] = "@value@"

    return mutate, {"value": value}


@pytest.fixture
def built(tmp_path):
    """A good build in tmp_path/out.ttl, and a function that says whether it is still the same file."""
    good = _corpus(tmp_path / "good")
    out = tmp_path / "out.ttl"
    proc = run_kg("build", good, "-o", out, "--no-cache")
    assert proc.returncode == 0, stderr_text(proc)
    before = digest(out)
    return out, lambda: digest(out) == before


# 1. Not UTF-8, nested too deep, too big ----------------------------------------------------------------


def test_an_annotation_file_that_is_not_utf8_is_one_line(tmp_path, built):
    out, intact = built
    path = _corpus(tmp_path / "bad")
    path.write_bytes(path.read_bytes().replace(SEED_DATA["article"]["title"]["en"].encode(), b"caf\xe9"))  # Latin-1
    line = assert_user_error(run_kg("build", path, "-o", out), str(path), "not UTF-8 text (bad byte at offset")
    assert intact(), line


@pytest.mark.parametrize("depth", [100_000, MAX_NESTING + 1])
def test_deeply_nested_json_is_one_line(tmp_path, built, depth):
    out, intact = built
    path = tmp_path / "deep.annotations.json"
    path.write_text('{"format": "kg-annotations/1", "note": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    assert_user_error(run_kg("build", path, "-o", out), str(path), f"more than {MAX_NESTING} deep", "MAX_NESTING")
    assert intact()


def test_nesting_up_to_the_limit_is_parsed(tmp_path):
    path = tmp_path / "deep.annotations.json"
    path.write_text('{"note": ' + "[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1) + "}", encoding="utf-8")
    with pytest.raises(AnnotationError) as raised:  # parsed: then refused for what it lacks, not for its depth
        read_annotations(path)
    assert "MAX_NESTING" not in str(raised.value) and "Field required" in str(raised.value)


def test_evaluate_refuses_a_deeply_nested_prediction(tmp_path):
    pred = tmp_path / "pred.annotations.json"
    pred.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    proc = run_kg("evaluate", "--gold", SEED_ANNOTATIONS, "--pred", pred)
    assert_user_error(proc, str(pred), "MAX_NESTING")
    assert proc.stdout == b""


def test_an_annotation_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, built):
    out, intact = built
    path = tmp_path / "huge.annotations.json"
    with path.open("wb") as file:  # sparse: its size says it all
        file.truncate(MAX_ANNOTATION_BYTES + 1)
    started = time.perf_counter()
    assert_user_error(run_kg("build", path, "-o", out), str(path), "MAX_ANNOTATION_BYTES")
    assert time.perf_counter() - started < 20
    assert intact()


def test_an_article_that_is_a_pipe_is_refused_not_waited_for(tmp_path, built):
    out, intact = built
    os.mkfifo(tmp_path / "pipe.txt")
    path = _corpus(tmp_path / "c", lambda d: d["article"].update(file="../pipe.txt"))
    assert_user_error(run_kg("build", path, "-o", out, timeout=60), str(path), "article.file", "not a regular file")
    assert intact()


# 2. YAML aliases ----------------------------------------------------------------------------------------


def _billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = ["format: kg-annotations/1", "a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_a_yaml_billion_laughs_is_refused_in_seconds(tmp_path, built):
    out, intact = built
    path = tmp_path / "laughs.annotations.yaml"
    path.write_text(_billion_laughs(), encoding="utf-8")
    started = time.perf_counter()
    line = assert_user_error(run_kg("build", path, "-o", out), str(path), f"{MAX_YAML_NODES:,} nodes",
                             "MAX_YAML_NODES")
    assert time.perf_counter() - started < 5, line
    assert intact()


def test_the_36kb_yaml_of_the_issue_is_refused_in_seconds(tmp_path):
    # anchors of 4,000 items, aliased 4,000 times: 16 million nodes from 36 KB
    path = tmp_path / "bomb.annotations.yaml"
    path.write_text("format: kg-annotations/1\nx: &x [" + ",".join(["1"] * 4000) + "]\n"
                    "y: [" + ",".join(["*x"] * 4000) + "]\n", encoding="utf-8")
    assert path.stat().st_size < 40_000
    started = time.perf_counter()
    assert_user_error(run_kg("build", path, "-o", tmp_path / "o.ttl"), str(path), "MAX_YAML_NODES")
    assert time.perf_counter() - started < 5


def test_yaml_aliases_within_the_limit_still_load(tmp_path):
    path = tmp_path / SEED_ANNOTATIONS.name.replace(".json", ".yaml")
    shutil.copy(SEED_ARTICLE, tmp_path / SEED_ARTICLE.name)
    data = json.loads(json.dumps(SEED_DATA))
    for entity in data["entities"]:
        entity["source"] = "curated"
    text = yaml.safe_dump(data, allow_unicode=True)
    text = text.replace("source: curated", "source: &c curated", 1).replace("source: curated", "source: *c")
    path.write_text(text, encoding="utf-8")
    assert "*c" in text
    assert len(load_annotated(path).annotations.entities) == len(SEED_DATA["entities"])


@pytest.mark.parametrize("content, expected", [
    ("a: &x [*x]\n", "an alias refers to the node it is in"),
    ("a: " + "[" * 5000 + "]" * 5000 + "\n", "MAX_NESTING"),
    ("date: 2024-02-30\n", "at line 1 column 7: cannot read the value '2024-02-30'"),
    ("n: " + "1" * 5000 + "\n", "a number of 5,000 characters, too long to be read"),
    ("a: !!python/object:os.system x\n", "invalid YAML at line 1"),
])
def test_hostile_yaml_is_one_line(tmp_path, content, expected):
    path = tmp_path / "h.annotations.yaml"
    path.write_text(content, encoding="utf-8")
    assert_user_error(run_kg("build", path, "-o", tmp_path / "o.ttl"), str(path), expected)


# 3. Figure values ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("1e999999999", "1E+999999999 is of the order of 1e999999999, beyond the limit of 1e-30 to 1e30 "
                    "(kg.limits.MAX_FIGURE_EXPONENT)"),
    ("1e5000", "(kg.limits.MAX_FIGURE_EXPONENT)"),
    ("1e-10000000", "1E-10000000 is of the order of 1e-10000000"),
    ("1e31", "MAX_FIGURE_EXPONENT"),
    ("1.5e-31", "MAX_FIGURE_EXPONENT"),
    ("1" * 5000, "(5,000 characters) is of the order of 1e4999"),
    ("0." + "1" * (MAX_FIGURE_DIGITS + 1), f"has more than {MAX_FIGURE_DIGITS} significant digits, the limit "
                                           "(kg.limits.MAX_FIGURE_DIGITS)"),
    ("NaN", "NaN is not a finite number"),
    ("Infinity", "Infinity is not a finite number"),
    ("-Infinity", "-Infinity is not a finite number"),
    ('"1e999999999"', "MAX_FIGURE_EXPONENT"),
])
def test_a_figure_value_out_of_range_is_one_line_naming_the_figure_and_the_limit(tmp_path, built, value, expected):
    out, intact = built
    mutate, raw = _figure_value(value)
    path = _corpus(tmp_path / "c", mutate, raw=raw)
    started = time.perf_counter()
    line = assert_user_error(run_kg("build", path, "-o", out, timeout=60), str(path),
                             f"figures[0] ('{FIGURE_ID}').value: ", expected)
    assert time.perf_counter() - started < 30, line
    assert intact()


def test_an_exponent_beyond_what_a_decimal_holds_is_one_line(tmp_path):
    mutate, raw = _figure_value("1e99999999999999999999999")
    path = _corpus(tmp_path / "c", mutate, raw=raw)
    assert_user_error(run_kg("build", path, "-o", tmp_path / "o.ttl"), str(path),
                      "invalid JSON: the number '1e99999999999999999999999' is out of range")


@pytest.mark.parametrize("value", ["1e999999999", "1" * 5000])
def test_an_offset_out_of_range_is_one_line_not_a_hang(tmp_path, value):
    def mutate(data):
        data["entities"][0]["mentions"][0]["start"] = "@v@"

    path = _corpus(tmp_path / "c", mutate, raw={"v": value})
    started = time.perf_counter()
    assert_user_error(run_kg("build", path, "-o", tmp_path / "o.ttl", timeout=60), str(path),
                      "entities[0] ('qinghai').mentions[0].start: offset", "is out of range")
    assert time.perf_counter() - started < 30


@pytest.mark.parametrize("value, literal", [
    ("1.50", '"1.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
    ("1e30", '"1' + "0" * 30 + '"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    ("1.5e-30", '"0.' + "0" * 29 + '15"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
    ("0." + "1" * MAX_FIGURE_DIGITS, '"0.' + "1" * MAX_FIGURE_DIGITS + '"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
    ("2.5" + "0" * 40, '"2.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
    ("0e99", '"0"^^<http://www.w3.org/2001/XMLSchema#integer>'),
])
def test_figure_values_within_the_limits_are_written_exactly(tmp_path, value, literal):
    mutate, raw = _figure_value(value)
    path = _corpus(tmp_path / "c", mutate, raw=raw)
    out = tmp_path / "o.nt"
    proc = run_kg("build", path, "-o", out, "--no-cache")
    assert proc.returncode == 0, stderr_text(proc)
    values = [line for line in out.read_text(encoding="utf-8").splitlines()
              if f"-{FIGURE_ID}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#value>" in line]
    assert len(values) == 1 and values[0].endswith(f" {literal} ."), values


# 4. Language tags and IRIs ------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["zh", "en", "zh-Hans", "zh-Hans-CN", "en-GB", "es-419", "sl-rozaj-biske",
                                 "de-CH-1901", "en-a-bbb-x-a-ccc", "x-whatever", "i-klingon", "zh-min-nan",
                                 "ZH-hant-tw", "zh-yue-HK"])
def test_well_formed_language_tags(tag):
    assert is_language_tag(tag)


@pytest.mark.parametrize("tag", ["", "zh CN", "zh_CN", "zh-", "-zh", "a", "a1", "toolongtag", "zh-Hans-",
                                 "en-GB-", "de-419-DE", "en-a", "x", "zh\n", "中文", "en--GB", "en-x-",
                                 "zh-Hans-CN-abcdefghi", "ｚｈ"])
def test_ill_formed_language_tags(tag):
    assert not is_language_tag(tag)


@pytest.mark.parametrize("field, value, expected", [
    ("language", "zh_CN", "article.language: 'zh_CN' is not a well-formed BCP 47 language tag"),
    ("language", "en\n<x> <y> <z> .", "article.language: 'en\\n<x> <y> <z> .' is not a well-formed BCP 47"),
    ("sha256", "not-a-digest", "article.sha256: 'not-a-digest' is not a SHA-256 digest"),
    ("sha256", "A" * 64, "is not a SHA-256 digest (64 lower-case hex digits)"),
    ("file", "a b.txt", "article.file: the article id 'a b' (the file name up to its first dot) cannot be part of "
                        "an IRI"),
    ("file", "x>y.txt", "cannot be part of an IRI"),
    ("file", "a#b.txt", "cannot be part of an IRI"),
    ("file", ".txt", "article.file: the article id (the file name '.txt' up to its first dot) is empty"),
    ("file", "nul\u0000.txt", "article.file: 'nul\\x00.txt' is not a file name"),
    ("temporal", "2024-02-30", "article.temporal: '2024-02-30' is not a real date"),
])
def test_ill_formed_tags_iris_and_digests_are_refused_at_load(tmp_path, built, field, value, expected):
    out, intact = built
    folder = tmp_path / "c"
    path = _corpus(folder, lambda d: d["article"].update({field: value}))
    if field == "file" and "\x00" not in value:
        shutil.copy(SEED_ARTICLE, folder / value)
    assert_user_error(run_kg("build", path, "-o", out), str(path), expected)
    assert intact()


def test_every_output_parses_strictly_for_annotations_that_load(tmp_path):
    """Odd but valid input (tags, a Chinese file name, quotes, backslashes, control characters in labels,
    extreme figure values) gives Turtle, N-Triples and N-Quads that a strict parser reads."""
    folder = tmp_path / "c"
    name = "青海报道_2024"
    odd = 'a "quoted" \\ back\\slash\nnew line\ttab\x01\x7f\u2028 <x> @en ; .'

    def mutate(data):
        data["article"].update(language="zh-Hans-CN", temporal="2024")
        data["article"].pop("sha256")
        data["article"]["title"]["en"] = odd
        data["entities"][0]["label"]["en"] = odd
        data["entities"][0]["aliases"] = {"zh": ["青海\\省"], "en": ['"Qinghai"']}
        data["entities"][0]["note"] = odd
        data["figures"][0]["value"] = "@a@"
        data["figures"][1]["value"] = "@b@"
        data["figures"][2]["value"] = "@c@"

    path = _corpus(folder, mutate, raw={"a": "1.5e-30", "b": "9.99e30", "c": "0." + "9" * MAX_FIGURE_DIGITS},
                   name=name)
    shutil.copy(CORPUS / "101_ningxia_zhongwei.txt", folder)
    shutil.copy(CORPUS / "101_ningxia_zhongwei.annotations.json", folder)
    load_annotated(path)
    formats = {"o.ttl": pyoxigraph.RdfFormat.TURTLE, "o.nt": pyoxigraph.RdfFormat.N_TRIPLES,
               "o.nq": pyoxigraph.RdfFormat.N_QUADS}
    for file_name, fmt in formats.items():
        out = tmp_path / file_name
        proc = run_kg("build", folder, "-o", out, "--no-cache")
        assert proc.returncode == 0, stderr_text(proc)
        quads = list(pyoxigraph.parse(path=str(out), format=fmt))  # strict: IRIs, tags, escapes
        assert len(quads) > 1000
        assert any(isinstance(q.object, pyoxigraph.Literal) and q.object.value == odd for q in quads)
        article = f"https://w3id.org/qhkg/id/article/{name}"
        assert any(q.subject == pyoxigraph.NamedNode(article) for q in quads)


# 5. The Oxigraph store ----------------------------------------------------------------------------------


def _tree_digest(folder: Path) -> dict[str, str | None]:
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def seed_folder(tmp_path):
    folder = tmp_path / "seed"
    _corpus(folder)
    return folder


def test_a_store_under_a_file_is_one_line(tmp_path, seed_folder):
    (tmp_path / "afile").write_text("mine", encoding="utf-8")
    store = tmp_path / "afile" / "store"
    assert_user_error(run_kg("build", seed_folder, "--store", f"oxigraph:{store}"), str(store),
                      "cannot write the Oxigraph store: a parent of it is a file, not a folder")
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "mine"


def test_a_store_where_nothing_can_be_written_is_one_line(seed_folder):
    # tests run as root, whom chmod does not stop: /proc refuses everyone
    assert_user_error(run_kg("build", seed_folder, "--store", "oxigraph:/proc/kg-store"), "/proc/kg-store",
                      "cannot write the Oxigraph store")


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_a_store_path_that_holds_something_else_is_not_replaced(tmp_path, seed_folder, kind):
    target = tmp_path / "precious"
    if kind == "file":
        target.write_text("mine", encoding="utf-8")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("mine", encoding="utf-8")
    before = _tree_digest(tmp_path / "precious") if kind == "folder" else digest(target)
    assert_user_error(run_kg("build", seed_folder, "--store", f"oxigraph:{target}"), str(target),
                      "not an Oxigraph store")
    assert before == (_tree_digest(target) if kind == "folder" else digest(target))


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs (tests run as root); skipped where mount is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {proc.stderr.decode(errors='replace').strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_one_line_and_the_earlier_store_stays(small_disk, seed_folder):
    store = small_disk / "store"
    proc = run_kg("build", seed_folder, "--store", f"oxigraph:{store}", "--no-cache")
    assert proc.returncode == 0, stderr_text(proc)
    before = _tree_digest(store)
    filler = small_disk / "filler"
    handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk to the last byte
        for size in (65536, 512, 1):
            try:
                while os.write(handle, b"\0" * size):
                    pass
            except OSError:
                pass
    finally:
        os.close(handle)
    proc = run_kg("build", CORPUS, "--store", f"oxigraph:{store}", "--no-cache")
    assert_user_error(proc, str(store), "cannot write the Oxigraph store: No space left on device")
    assert _tree_digest(store) == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "store"]  # nothing left behind
    filler.unlink()
    query = run_kg("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", f"oxigraph:{store}",
                   "-f", "csv")
    assert query.returncode == 0 and int(query.stdout.decode().split()[1]) > 1000, stderr_text(query)


# 6. kg evaluate on two different articles ---------------------------------------------------------------


def test_evaluate_refuses_gold_and_prediction_of_different_articles(tmp_path):
    other = CORPUS / "101_ningxia_zhongwei.annotations.json"
    proc = run_kg("evaluate", "--gold", SEED_ANNOTATIONS, "--pred", other)
    assert_user_error(proc, str(SEED_ANNOTATIONS), str(other), "annotates article '101_ningxia_zhongwei'",
                      f"annotates '{SEED_ID}'")
    assert proc.stdout == b""


def test_evaluate_refuses_a_prediction_for_another_text_of_the_article(tmp_path):
    pred = _corpus(tmp_path / "p", lambda d: d["article"].update(sha256="0" * 64))
    proc = run_kg("evaluate", "--gold", SEED_ANNOTATIONS, "--pred", pred)
    assert_user_error(proc, str(SEED_ANNOTATIONS), str(pred), "annotates another text of article",
                      "article.sha256 000000000000...")


def test_evaluate_refuses_an_unknown_entity_type_in_one_line(tmp_path):
    pred = _corpus(tmp_path / "p", lambda d: d["entities"][0].update(type="Provence"))
    assert_user_error(run_kg("evaluate", "--gold", SEED_ANNOTATIONS, "--pred", pred), str(pred),
                      "entities[0] ('qinghai'): unknown type 'Provence'")


def test_evaluate_still_scores_a_prediction_of_the_same_article(tmp_path):
    pred = _corpus(tmp_path / "p", lambda d: d["article"].pop("sha256"))
    proc = run_kg("evaluate", "--gold", SEED_ANNOTATIONS, "--pred", pred, "--json")
    assert proc.returncode == 0, stderr_text(proc)
    assert json.loads(proc.stdout)["total"]["entities"]["exact"]["f1"] == 1.0


# Messages stay on one line ------------------------------------------------------------------------------


@pytest.mark.parametrize("mutate, expected", [
    (lambda d: d["entities"][0].update({"bad\nkey": 1}), "entities[0] ('qinghai').bad\\nkey: Extra inputs"),
    (lambda d: d["relations"][0].update(predicate="x\n" * 5000), "relations[0] (qinghai x\\nx\\n"),
    (lambda d: d["entities"][0].update(id="\u2028"), "entities[0] ('\\u2028').id: String should match pattern"),
])
def test_messages_with_control_characters_stay_on_one_line(tmp_path, mutate, expected):
    path = _corpus(tmp_path / "c", mutate)
    line = assert_user_error(run_kg("build", path, "-o", tmp_path / "o.ttl"), str(path), expected)
    assert len(line) < 2000


def test_a_lone_surrogate_is_refused_not_written(tmp_path):
    path = _corpus(tmp_path / "c", lambda d: d["entities"][0]["label"].update(en="@s@"), raw={"s": '"Q\\ud800"'})
    assert_user_error(run_kg("build", path, "-o", tmp_path / "o.ttl"), str(path),
                      "entities[0].label.en: text with a lone surrogate ('\\ud800')")


# 8. Property-based fuzzing of the loader ---------------------------------------------------------------

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from(["", "zh", "en", "zh_CN", "1e999999999", "NaN", "\x00", "\ud800", "a\nb", "青海", "<x>",
                     "2024-02-30", "9" * 50, "Province", "curated", "auto", "unitless", "eq", "../x.txt", "/dev/zero",
                     SEED_ARTICLE.name]),
)
_JSON = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=20)
_RAW_NUMBERS = ["1e999999999", "1e-10000000", "1e5000", "-0", "1" * 5000, "1e99999999999999999999", "NaN",
                "-Infinity", "0.1", "1.50", "2" * 40, "-5", "1E+30", "[" * 100 + "]" * 100]


def _paths(data, prefix=()):
    """Every (path, value) in a JSON document."""
    yield prefix, data
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield from _paths(value, (*prefix, key))


def _mutations():
    paths = [p for p, _ in _paths(SEED_DATA) if p]
    op = st.sampled_from(["drop", "set", "raw", "wrap", "offset"])
    return st.lists(st.tuples(op, st.sampled_from(paths), _JSON, st.sampled_from(_RAW_NUMBERS),
                              st.integers(-3, 10**12)), min_size=1, max_size=4)


def _apply(mutations) -> tuple[dict, dict[str, str]]:
    data = json.loads(json.dumps(SEED_DATA))
    raw: dict[str, str] = {}
    for index, (op, path, value, number, offset) in enumerate(mutations):
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            last = path[-1]
            if op == "drop":
                del parent[last]
            elif op == "set":
                parent[last] = value
            elif op == "raw":
                parent[last] = f"@r{index}@"
                raw[f"r{index}"] = number
            elif op == "wrap":
                parent[last] = [parent[last]]
            elif isinstance(parent, dict) and ("start" in parent or "end" in parent):
                parent["start" if offset % 2 else "end"] = offset
            else:
                parent[last] = offset
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation took this place away
    return data, raw


def _load(path: Path):
    try:
        load_annotated(path)
    except (AnnotationError, ArticleError) as exc:
        message = str(exc)
        assert "\n" not in message and "\r" not in message and str(path) in message, message
        assert len(message) < 5000, message[:300]


_FOLDERS: dict[str, Path] = {}


def _fuzz_folder(tmp_path_factory) -> Path:
    """One folder with the seed article for every example (the annotation file is rewritten each time)."""
    if "fuzz" not in _FOLDERS:
        _FOLDERS["fuzz"] = tmp_path_factory.mktemp("fuzz")
        shutil.copy(SEED_ARTICLE, _FOLDERS["fuzz"] / SEED_ARTICLE.name)
    return _FOLDERS["fuzz"]


FUZZ = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


@FUZZ
@given(mutations=_mutations(), as_yaml=st.sampled_from([False, False, False, True]))  # YAML is slow to read
def test_fuzz_mutated_seed_annotations_load_or_fail_in_one_line(tmp_path_factory, mutations, as_yaml):
    folder = _fuzz_folder(tmp_path_factory)
    data, raw = _apply(mutations)
    if as_yaml and not raw:
        path = folder / f"{SEED_ID}.annotations.yaml"
        try:
            text = yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True)
        except (yaml.YAMLError, UnicodeEncodeError):  # libyaml cannot write a lone surrogate: no YAML file to try
            return
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    else:
        path = folder / f"{SEED_ID}.annotations.json"
        text = json.dumps(data, ensure_ascii=True)
        for key, value in raw.items():
            text = text.replace(f'"@{key}@"', value)
        path.write_text(text, encoding="utf-8")
    _load(path)


@FUZZ
@given(document=_JSON, as_yaml=st.booleans())
def test_fuzz_random_documents_load_or_fail_in_one_line(tmp_path_factory, document, as_yaml):
    folder = _fuzz_folder(tmp_path_factory)
    if as_yaml:
        path = folder / "random.annotations.yaml"
        try:
            text = yaml.safe_dump(document, allow_unicode=True)
        except yaml.YAMLError:
            return
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    else:
        path = folder / "random.annotations.json"
        path.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
    _load(path)


@FUZZ
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".json", ".yaml"]))
def test_fuzz_random_bytes_load_or_fail_in_one_line(tmp_path_factory, data, suffix):
    folder = _fuzz_folder(tmp_path_factory)
    path = folder / f"bytes.annotations{suffix}"
    path.write_bytes(data)
    _load(path)

