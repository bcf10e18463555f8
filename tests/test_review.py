"""`kg review`: the pure review function item by item, the review server's routes, and the command."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from kg.annotations import Annotations, check_annotations, load_annotated
from kg.article import load_article
from kg.limits import MAX_REVIEW_BODY_BYTES
from kg.ontology import ontology
from kg.review import (
    Review,
    ReviewError,
    apply_review,
    open_session,
    suggest,
)

from .conftest import CORPUS, ROOT
from .hostile import assert_user_error, run_kg

ARTICLE = CORPUS / "101_ningxia_zhongwei.txt"
WHEN = "2026-12-01T07:00:00Z"
EPOCH = "1764572400"  # 2025-12-01T07:00:00Z


@pytest.fixture(scope="module")
def draft_data(tmp_path_factory) -> dict:
    """The kg annotate draft of 101_ningxia_zhongwei, as file data (made once)."""
    from kg.annotate import annotate, annotations_text

    folder = tmp_path_factory.mktemp("draft")
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        draft = annotate(load_article(ARTICLE))
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
    return json.loads(annotations_text(draft, folder / "draft.json"))


@pytest.fixture(scope="module")
def text() -> str:
    return load_article(ARTICLE).text


@pytest.fixture
def draft(draft_data) -> Annotations:
    return Annotations.model_validate(json.loads(json.dumps(draft_data)))


@pytest.fixture
def workdir(tmp_path, draft_data) -> Path:
    """The article and its draft, side by side in tmp_path; the article's path."""
    shutil.copy(ARTICLE, tmp_path / ARTICLE.name)
    (tmp_path / "101_ningxia_zhongwei.annotations.json").write_text(json.dumps(draft_data, ensure_ascii=False),
                                                                   encoding="utf-8")
    return tmp_path / ARTICLE.name


def apply(draft: Annotations, text: str, *decisions: dict, additions: dict | None = None) -> Annotations:
    review = Review.model_validate({"decisions": list(decisions), "additions": additions or {}})
    return apply_review(draft, review, text, curator="li-lei", when=WHEN)


def index_of(draft: Annotations, entity_id: str) -> int:
    return next(i for i, e in enumerate(draft.entities) if e.id == entity_id)


def dump(item) -> dict:
    return item.model_dump(mode="json", by_alias=True, exclude_none=True)


def assert_curated(item) -> None:
    assert item.source == "curated" and item.curator == "li-lei" and item.reviewed == WHEN
    assert item.confidence is None


def assert_loads(result: Annotations) -> None:
    assert check_annotations(result, load_article(ARTICLE), ontology()) == []


# --- the pure function ---------------------------------------------------------------------


def test_an_empty_review_changes_nothing(draft, text):
    assert dump(apply(draft, text)) == dump(draft)


def test_accepting_an_entity_curates_it_and_leaves_the_rest_alone(draft, text):
    i = index_of(draft, "ningxia")
    result = apply(draft, text, {"item": f"entities/{i}", "action": "accept"})
    accepted = result.entities[i]
    assert_curated(accepted)
    assert dump(accepted) | {"source": "auto", "confidence": draft.entities[i].confidence} == \
        dump(draft.entities[i]) | {"curator": "li-lei", "reviewed": WHEN}
    for j, entity in enumerate(result.entities):
        if j != i:
            assert dump(entity) == dump(draft.entities[j])
    for section in ("relations", "figures", "attributes"):
        assert [dump(x) for x in getattr(result, section)] == [dump(x) for x in getattr(draft, section)]
    assert_loads(result)


def test_rejecting_an_entity_removes_it_and_the_untouched_facts_about_it(draft, text):
    i = index_of(draft, "zhong-wei-shi")
    about = [r for r in draft.relations if "zhong-wei-shi" in (r.subject, r.object)]
    assert about
    result = apply(draft, text, {"item": f"entities/{i}", "action": "reject"})
    assert "zhong-wei-shi" not in {e.id for e in result.entities}
    assert len(result.entities) == len(draft.entities) - 1
    for section in ("relations", "figures", "attributes"):
        kept = getattr(result, section)
        assert all("zhong-wei-shi" not in (x.subject, getattr(x, "object", None)) for x in kept)
        expected = [dump(x) for x in getattr(draft, section)
                    if "zhong-wei-shi" not in (x.subject, getattr(x, "object", None))]
        assert [dump(x) for x in kept] == expected
    assert_loads(result)


def test_rejecting_the_author_clears_article_creator(draft, text):
    assert draft.article.creator == "wang-hai-yan"
    result = apply(draft, text, {"item": f"entities/{index_of(draft, 'wang-hai-yan')}", "action": "reject"})
    assert result.article.creator is None
    assert_loads(result)


def test_rejecting_an_entity_whose_fact_was_accepted_is_refused(draft, text):
    r = next(i for i, rel in enumerate(draft.relations) if rel.subject == "zhong-wei-shi")
    with pytest.raises(ReviewError, match=r"relations\[\d+\] .*accepted, but its subject 'zhong-wei-shi' is rejected"):
        apply(draft, text, {"item": f"entities/{index_of(draft, 'zhong-wei-shi')}", "action": "reject"},
              {"item": f"relations/{r}", "action": "accept"})


def test_rejecting_a_fact_removes_only_it(draft, text):
    result = apply(draft, text, {"item": "relations/0", "action": "reject"}, {"item": "figures/1", "action": "reject"},
                   {"item": "attributes/0", "action": "reject"})
    assert [dump(x) for x in result.relations] == [dump(x) for x in draft.relations[1:]]
    assert [dump(x) for x in result.figures] == [dump(draft.figures[0])] + [dump(x) for x in draft.figures[2:]]
    assert [dump(x) for x in result.attributes] == [dump(x) for x in draft.attributes[1:]]
    assert len(result.entities) == len(draft.entities)


def test_editing_an_entity_changes_its_class_and_id_and_the_facts_follow(draft, text):
    i = index_of(draft, "zhong-wei-shi")
    result = apply(draft, text, {"item": f"entities/{i}", "action": "edit", "id": "zhongwei", "type": "Prefecture",
                                 "label": {"en": "Zhongwei"}})
    entity = result.entities[i]
    assert (entity.id, entity.type, entity.label.en, entity.label.zh) == ("zhongwei", "Prefecture", "Zhongwei", "中卫市")
    assert_curated(entity)
    refs = [(x.subject, getattr(x, "object", None)) for s in ("relations", "figures", "attributes")
            for x in getattr(result, s)]
    assert not any("zhong-wei-shi" in pair for pair in refs)
    assert sum("zhongwei" in pair for pair in refs) == sum(
        "zhong-wei-shi" in (x.subject, getattr(x, "object", None)) for s in ("relations", "figures", "attributes")
        for x in getattr(draft, s))
    untouched = next(x for x in result.relations if x.subject == "zhongwei")
    assert untouched.source == "auto"  # renamed, not reviewed
    assert_loads(result)


def test_fixing_a_boundary_takes_the_words_from_the_article_and_the_label_follows(draft, text):
    i = index_of(draft, "xi-bu-yun-ji-di")  # 西部云基地 at 31-36
    entity = draft.entities[i]
    first = entity.mentions[0]
    result = apply(draft, text, {"item": f"entities/{i}", "action": "edit",
                                 "mentions": [{"start": first.start - 3, "end": first.end}]})
    edited = result.entities[i]
    assert [(m.start, m.end, m.text) for m in edited.mentions] == [(first.start - 3, first.end, "中卫市西部云基地")]
    assert edited.label.zh == "中卫市西部云基地"
    assert_loads(result)


def test_a_boundary_outside_the_article_is_refused(draft, text):
    with pytest.raises(ReviewError, match="not inside the article"):
        apply(draft, text, {"item": "entities/0", "action": "edit", "mentions": [{"start": 10, "end": len(text) + 1}]})


def test_editing_a_relation_a_figure_and_an_attribute(draft, text):
    figure = next(i for i, f in enumerate(draft.figures) if f.measure == "rackCapacity")
    job = next(i for i, a in enumerate(draft.attributes) if a.property == "jobTitle")
    result = apply(
        draft, text,
        {"item": "relations/1", "action": "edit", "predicate": "partOf", "object": "ningxia"},
        {"item": f"figures/{figure}", "action": "edit", "value": "7.5", "unit": "rack", "comparator": "ge"},
        {"item": f"attributes/{job}", "action": "edit", "value": {"zh": "本报记者", "en": "Reporter"}},
    )
    relation = result.relations[1]
    assert (relation.subject, relation.predicate, relation.object) == (draft.relations[1].subject, "partOf", "ningxia")
    assert_curated(relation)
    assert str(result.figures[figure].value) == "7.5" and result.figures[figure].comparator == "ge"
    assert_curated(result.figures[figure])
    assert result.attributes[job].value.en == "Reporter"
    assert_curated(result.attributes[job])
    assert_loads(result)


def test_an_edit_the_format_refuses_is_named(draft, text):
    with pytest.raises(ReviewError, match=r"figures/0 .*value"):
        apply(draft, text, {"item": "figures/0", "action": "edit", "value": "a lot"})


def test_an_unknown_class_is_left_to_the_load_checks(draft, text):
    result = apply(draft, text, {"item": "entities/0", "action": "edit", "type": "Spaceship"})
    problems = check_annotations(result, load_article(ARTICLE), ontology())
    assert problems and "unknown type 'Spaceship'" in problems[0]


def test_adding_an_entity_derives_its_id_and_pinyin(draft, text):
    start = text.index("美团")
    result = apply(draft, text, additions={"entities": [
        {"type": "Firm", "mentions": [{"start": start, "end": start + 2}]},
        {"id": "meituan-2", "type": "Firm", "label": {"en": "Meituan"}, "mentions": [{"start": start, "end": start + 2}]},
    ]})
    first, second = result.entities[-2:]
    assert (first.id, first.label.zh, first.label.pinyin, first.type) == ("mei-tuan", "美团", "Meituan", "Firm")
    assert [(m.start, m.end, m.text) for m in first.mentions] == [(start, start + 2, "美团")]
    assert_curated(first)
    assert (second.id, second.label.en, second.label.pinyin) == ("meituan-2", "Meituan", None)
    assert_loads(result)


def test_adding_a_relation_to_an_added_entity(draft, text):
    start = text.index("美团")
    result = apply(draft, text, additions={
        "entities": [{"id": "meituan-branch", "type": "Firm", "label": {"en": "Meituan"},
                      "mentions": [{"start": start, "end": start + 2}]}],
        "relations": [{"subject": "meituan-branch", "predicate": "settledIn", "object": "zhong-wei-shi",
                       "evidence": {"start": start, "end": start + 8}}],
    })
    assert_curated(result.relations[-1])
    assert result.relations[-1].evidence.text == text[start:start + 8]
    assert_loads(result)


def test_an_added_id_that_is_taken_is_refused(draft, text):
    with pytest.raises(ReviewError, match="'ningxia' is taken"):
        apply(draft, text, additions={"entities": [{"id": "ningxia", "type": "Province",
                                                    "mentions": [{"start": 21, "end": 23}]}]})


def test_two_entities_renamed_to_one_id_is_refused(draft, text):
    with pytest.raises(ReviewError, match="two entities would have the id 'ningxia'"):
        apply(draft, text, {"item": f"entities/{index_of(draft, 'zhong-wei-shi')}", "action": "edit", "id": "ningxia"})


@pytest.mark.parametrize("decisions, message", [
    ([{"item": "entities/999", "action": "accept"}], "no such item"),
    ([{"item": "entities/0", "action": "accept"}, {"item": "entities/0", "action": "reject"}], "decided twice"),
    ([{"item": "entities/0", "action": "accept", "type": "Firm"}], "only an edit changes fields"),
    ([{"item": "relations/0", "action": "edit", "type": "Firm"}], "type do not apply to relations"),
])
def test_a_malformed_review_is_refused(draft, text, decisions, message):
    with pytest.raises(ReviewError, match=message):
        apply(draft, text, *decisions)


def test_suggest_gives_a_free_id_and_pinyin():
    assert suggest("中卫市") == {"id": "zhong-wei-shi", "pinyin": "Zhongweishi"}
    assert suggest("中卫市", {"zhong-wei-shi"})["id"] == "zhong-wei-shi-2"
    assert suggest("AWS 中卫")["pinyin"] == "AWS Zhongwei"


# --- the server ------------------------------------------------------------------------------


@contextmanager
def serving(session, **options):
    """The review server of ``session`` on a free port, in a thread; its URL."""
    from kg.review import listen, server, url

    sock = listen(0)
    review_server = server(session, **options)
    thread = threading.Thread(target=review_server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not review_server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert review_server.started, "the review server did not start"
        yield url(sock)
    finally:
        review_server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture
def client(workdir):
    session = open_session(workdir, curator="li-lei")
    with serving(session, now=lambda: WHEN) as base, httpx.Client(base_url=base, timeout=30) as client:
        client.session = session
        yield client


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_page_is_offline_and_locked_down(client):
    response = client.get("/")
    assert response.status_code == 200 and "kg review" in response.text
    assert "default-src 'none'" in response.headers["content-security-policy"]
    for marker in ('src="http', "href=\"http", "@import", "url(http"):
        assert marker not in response.text


def test_the_state_holds_the_article_the_annotations_and_the_ontology(client, workdir):
    data = client.get("/api/state").json()
    assert data["article"]["text"] == load_article(ARTICLE).text
    assert data["base"] == sha(workdir.with_name("101_ningxia_zhongwei.annotations.json"))
    assert len(data["annotations"]["entities"]) == len(client.session.annotations.entities)
    assert {"name": "City", "zh": "城市", "en": "city", "category": "Region"} in data["ontology"]["types"]
    assert data["curator"] == "li-lei" and data["draft"] is False


def test_a_save_writes_a_file_that_loads(client, workdir):
    path = workdir.with_name("101_ningxia_zhongwei.annotations.json")
    base = sha(path)
    response = client.post("/api/save", json={"base": base, "decisions": [
        {"item": "entities/1", "action": "accept"}, {"item": "relations/0", "action": "reject"}]})
    assert response.status_code == 200, response.text
    assert response.json()["base"] == sha(path) != base
    loaded = load_annotated(path).annotations
    assert_curated_item = loaded.entities[1]
    assert assert_curated_item.source == "curated" and assert_curated_item.reviewed == WHEN
    assert len(loaded.relations) == len(client.session.annotations.relations)
    # a second save goes on from the first
    again = client.post("/api/save", json={"base": sha(path), "decisions": [{"item": "entities/2", "action": "accept"}]})
    assert again.status_code == 200, again.text
    assert load_annotated(path).annotations.entities[2].source == "curated"


def test_a_file_changed_on_disk_is_not_overwritten(client, workdir):
    path = workdir.with_name("101_ningxia_zhongwei.annotations.json")
    base = sha(path)
    path.write_text(path.read_text(encoding="utf-8").replace('"confidence": 0.95', '"confidence": 0.9'), encoding="utf-8")
    changed = path.read_bytes()
    response = client.post("/api/save", json={"base": base, "decisions": [{"item": "entities/0", "action": "accept"}]})
    assert response.status_code == 409 and "changed on disk" in response.json()["error"]
    assert path.read_bytes() == changed
    reloaded = client.post("/api/reload", json={})
    assert reloaded.status_code == 200 and reloaded.json()["base"] == sha(path)
    assert client.post("/api/save", json={"base": sha(path), "decisions": []}).status_code == 200


def test_a_review_based_on_another_version_is_refused(client):
    response = client.post("/api/save", json={"base": "0" * 64, "decisions": []})
    assert response.status_code == 409


def test_a_save_that_would_not_load_is_refused_with_the_reason(client, workdir):
    path = workdir.with_name("101_ningxia_zhongwei.annotations.json")
    before = path.read_bytes()
    response = client.post("/api/save", json={"base": sha(path), "decisions": [
        {"item": "entities/0", "action": "edit", "type": "Spaceship"}]})
    assert response.status_code == 422
    assert "would not load" in response.json()["error"] and "Spaceship" in response.json()["error"]
    assert path.read_bytes() == before
    contradiction = client.post("/api/save", json={"base": sha(path), "decisions": [
        {"item": "entities/0", "action": "oops"}]})
    assert contradiction.status_code == 422 and "not a review" in contradiction.json()["error"]


def test_the_request_body_is_bounded(client):
    body = b'{"decisions": [], "pad": "' + b"x" * MAX_REVIEW_BODY_BYTES + b'"}'
    response = client.post("/api/save", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and "MAX_REVIEW_BODY_BYTES" in response.json()["error"]


@pytest.mark.parametrize("headers, status", [
    ({"Content-Type": "text/plain"}, 415),
    ({"Content-Type": "application/json", "Host": "evil.example:8000"}, 403),
    ({"Content-Type": "application/json", "Host": "localhost.evil.example"}, 403),
    ({"Content-Type": "application/json", "Origin": "http://evil.example"}, 403),
])
def test_requests_from_elsewhere_are_refused(client, headers, status):
    assert client.post("/api/save", content=b'{"decisions": []}', headers=headers).status_code == status


def test_not_json_is_400(client):
    response = client.post("/api/save", content=b"{nope", headers={"Content-Type": "application/json"})
    assert response.status_code == 400


def test_suggest_route(client):
    assert client.post("/api/suggest", json={"text": "宁夏"}).json()["id"] == "ning-xia"
    assert client.post("/api/suggest", json={"text": ""}).status_code == 422


def test_without_annotations_a_fresh_draft_is_saved_to_the_sibling(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    article = tmp_path / ARTICLE.name
    shutil.copy(ARTICLE, article)
    session = open_session(article, curator="li-lei")
    sibling = tmp_path / "101_ningxia_zhongwei.annotations.json"
    assert session.draft and session.sha256 is None and session.path == sibling and not sibling.exists()
    with serving(session, now=lambda: WHEN) as base, httpx.Client(base_url=base) as client:
        response = client.post("/api/save", json={"base": None, "decisions": [{"item": "entities/0", "action": "accept"}]})
        assert response.status_code == 200, response.text
        assert load_annotated(sibling).annotations.entities[0].curator == "li-lei"
        # now the page's base is the file's sha: a stale page (base None) gets 409
        assert client.post("/api/save", json={"base": None, "decisions": []}).status_code == 409


def test_a_draft_file_created_meanwhile_is_not_overwritten(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    article = tmp_path / ARTICLE.name
    shutil.copy(ARTICLE, article)
    session = open_session(article, curator="li-lei")
    session.path.write_text("{}", encoding="utf-8")
    with serving(session) as base, httpx.Client(base_url=base) as client:
        response = client.post("/api/save", json={"decisions": []})
        assert response.status_code == 409 and "was created" in response.json()["error"]
    assert session.path.read_text(encoding="utf-8") == "{}"


# --- the command ---------------------------------------------------------------------------


def test_review_errors_are_one_line_and_exit_2(tmp_path, workdir):
    assert_user_error(run_kg("review", tmp_path / "missing.txt", "--no-open"), "missing.txt")
    bad = tmp_path / "bad.annotations.json"
    bad.write_text("{not json", encoding="utf-8")
    assert_user_error(run_kg("review", workdir, "-a", bad, "--no-open", "--curator", "li-lei"), "invalid JSON")
    other = CORPUS / "102_guizhou_guian.annotations.json"
    assert_user_error(run_kg("review", workdir, "-a", other, "--no-open"), "annotates another article")
    assert_user_error(run_kg("review", workdir, "--no-open"), "--curator")
    assert_user_error(run_kg("review", workdir, "--no-open", "--curator", "Li Lei"), "not a slug")
    assert_user_error(run_kg("review", workdir, "--no-open", "--curator", "li-lei", "--port", "70000"), "--port 70000")


def test_review_errors_come_before_the_port_is_bound(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        # a missing article is reported, not the port in use
        assert_user_error(run_kg("review", tmp_path / "missing.txt", "--port", str(port), "--no-open"), "missing.txt")
        proc = run_kg("review", ARTICLE, "--port", str(port), "--no-open", "--curator", "li-lei")
        assert_user_error(proc, f"127.0.0.1:{port}", "cannot listen")


def test_review_prints_its_url_serves_and_stops_on_ctrl_c(workdir):
    import urllib.request

    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "review", str(workdir), "--port", "0", "--no-open", "--curator", "li-lei"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True,
    )
    try:
        line = process.stderr.readline()
        assert line.startswith("kg review: http://127.0.0.1:"), line
        url = line.split()[2]
        with urllib.request.urlopen(url + "api/state", timeout=10) as response:
            assert json.load(response)["curator"] == "li-lei"
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr and stderr.strip().splitlines() == ["kg review: stopped"]
    assert stdout == ""
