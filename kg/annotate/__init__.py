"""Automatic annotation of Chinese articles with spaCy: a draft in the curated format.

The pipeline (``config.cfg``) is built from spaCy's own parts, with no pretrained
model: ``spacy.blank("zh")`` with the character segmenter, a gazetteer of known
entities, pattern rules that generalise beyond it, then rules for figures, dates,
relations and attributes. :func:`annotate` returns :class:`kg.annotations.Annotations`
with every item marked ``source: auto`` and a confidence, so that ``kg build``
takes it unchanged and a person can review it. An article is read in chunks of
whole paragraphs, so time and memory grow with its length (about 6 s and 400 MB
for a 1 MB article); an article that names no entity gives an empty draft.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from kg.annotations import (
    Aliases,
    Annotations,
    ArticleInfo,
    Attribute,
    Bilingual,
    Generator,
    Label,
    Entity,
    Figure,
    Relation,
    Span,
)
from kg.article import Article
from kg.errors import AnnotationError

CONFIG_FILE = Path(__file__).resolve().parent / "config.cfg"


@cache
def load_pipeline():
    """The annotator's spaCy pipeline, from config.cfg (loaded once per process)."""
    import spacy
    from spacy.util import load_config

    from kg.annotate import components  # noqa: F401  (registers the factories)

    return spacy.util.load_model_from_config(load_config(CONFIG_FILE), auto_fill=True)


#: The pipeline reads an article in chunks of whole paragraphs of at most this many characters (a longer
#: paragraph in pieces of whole sentences), so that no doc grows with the article.
CHUNK_CHARS = 2000
#: Longest draft title taken from the first sentence when the article has no headline.
MAX_TITLE_CHARS = 200


def annotate(article: Article) -> Annotations:
    """A draft annotation of an article, in the curated format, every item ``source: auto``.

    The article goes through the pipeline in chunks (:data:`CHUNK_CHARS`), twice:
    first the gazetteer and the patterns, then the resolver, figures and relations
    (see :mod:`kg.annotate.components`). Time and memory grow with the article's length.
    An article with no entity gives a draft with none (``entities: []``).
    """
    from kg.annotate.components import FIRST_ROUND, _sentence_spans, new_state

    nlp = load_pipeline()
    state = new_state(article.text, [(s.start, s.end) for s in article.sentences], dropped_spaces(article))
    chunks = _chunks(article, _sentence_spans(state))
    for first in (True, False):
        components = [proc for name, proc in nlp.pipeline if (name in FIRST_ROUND) == first]
        for start, end in chunks:
            text = article.text[start:end]
            doc = nlp.make_doc(text)
            doc.user_data["kg"] = state
            doc.user_data["kg_chunk"] = (start, text)
            for component in components:
                doc = component(doc)
    return _to_annotations(article, state)


def dropped_spaces(article: Article) -> tuple[int, ...]:
    """Where the clean text dropped a space between two Chinese characters of one line (a headline's two parts, 北京发布
    ……新方案 昌平……): offsets of the character after each."""
    text, raw, offsets = article.text, article.raw, article.raw_offsets
    return tuple(i for i in range(1, len(text)) if offsets[i] - offsets[i - 1] > 1
                 and "\u4e00" <= text[i - 1] <= "\u9fff" and "\u4e00" <= text[i] <= "\u9fff"
                 and (gap := raw[offsets[i - 1] + 1 : offsets[i]]).strip() == "" and "\n" not in gap)


#: The software agent named in drafts (prov:SoftwareAgent).
AGENT = "kg annotate"


def generator() -> Generator:
    """This annotation run: the agent, its version, and the time (``SOURCE_DATE_EPOCH`` when set, for
    reproducible drafts; otherwise now, to the second, in UTC)."""
    from datetime import datetime, timezone

    from kg import __version__

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return Generator(agent=AGENT, version=__version__, time=when.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ"))


def _chunks(article: Article, pieces: list[tuple[int, int]], limit: int | None = None) -> list[tuple[int, int]]:
    """Runs of whole blocks of at most ``limit`` characters; a longer block cut between ``pieces`` (sentences)."""
    limit = limit or CHUNK_CHARS
    chunks: list[tuple[int, int]] = []
    run: tuple[int, int] | None = None
    index = 0
    for block in article.blocks:
        if block.end - block.start <= limit:
            if run is not None and block.end - run[0] > limit:
                chunks.append(run)
                run = None
            run = (run[0] if run else block.start, block.end)
            continue
        if run is not None:
            chunks.append(run)
            run = None
        while index < len(pieces) and pieces[index][0] < block.start:
            index += 1
        start = block.start
        while index < len(pieces) and pieces[index][1] <= block.end:
            piece_start, piece_end = pieces[index]
            if piece_end - start > limit and piece_start > start:
                chunks.append((start, piece_start))
                start = piece_start
            index += 1
        chunks.append((start, block.end))
    if run is not None:
        chunks.append(run)
    return chunks


def _to_annotations(article: Article, state: dict) -> Annotations:
    from kg.annotate.components import category_of

    mentions = _not_only_in_titles(state["mentions"], category_of)
    mentions = _not_described(_not_only_in_the_headline(mentions, category_of, article), category_of, article)
    groups = _group_mentions(mentions, category_of)
    ids: dict[str, str] = {}
    tried: dict[str, int] = {}
    entities: list[Entity] = []
    mention_ids: dict[tuple[int, int], str] = {}
    for key, mentions in groups.items():
        entity = _entity(key, mentions, ids, tried)
        entities.append(entity)
        for m in mentions:
            mention_ids[m.span] = entity.id
    relations = _relations(state["relations"], mention_ids, article)
    relations += _facilities_in_the_place_before(entities, relations, article)
    relations += _facilities_of_the_site_before(entities, relations, article)
    relations += _facilities_named_after_their_firm(entities, relations, article)
    relations += _answers_of_an_interview(entities, relations, article)
    year = _article_year(article.text)
    run = generator()
    figures = _figures(state["figures"], mention_ids, article, year, run.time[:4])
    attributes = _attributes(state["attributes"], mention_ids, article)
    byline = article.byline
    creator = next((mention_ids[m.span] for m in state["mentions"]
                    if m.type == "Person" and byline and byline.endswith(m.text)), None)
    try:
        info = ArticleInfo(id=article.id, file=article.path.name or f"{article.id}.txt", sha256=article.sha256,
                           title=draft_title(article), creator=creator, language="zh", temporal=year)
        return Annotations.model_validate({
            "$schema": "annotations.schema.json", "format": "kg-annotations/1", "article": info,
            "generated_by": run, "entities": sorted(entities, key=lambda e: e.mentions[0].start), "relations": relations,
            "figures": figures, "attributes": attributes,
        })
    except ValidationError as exc:  # a rule made an item the format refuses: say which, in one line
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "draft"
        raise AnnotationError(f"{article.path}: cannot make a valid draft: {where}: {error['msg']}") from None


def _not_only_in_titles(mentions, category_of) -> list:
    """The mentions less the facilities named only inside a policy's title (《雅安市绿色数据中心建设三年行动方案》 names
    no data centre; 《关于支持庆阳数据中心集群发展的若干措施》 names the cluster the article names elsewhere too)."""
    titles = [m for m in mentions if m.type in ("Policy", "Plan", "Standard", "LocalStandard")]

    def in_title(m) -> bool:  # inside a title, and not what it supports (《关于支持扬州数据中心集群发展的若干措施》)
        return any(t.start <= m.start and m.end <= t.end and t is not m
                   and not re.search(r"(支持|促进|推进|推动|加快|服务|保障)[^《》]{0,6}$", t.text[: m.start - t.start])
                   for t in titles)

    outside = {facility_key(m.text) for m in mentions if category_of(m.type) == "Facility" and not in_title(m)}
    return [m for m in mentions if not (category_of(m.type) == "Facility" and not m.entity_id and in_title(m)
                                        and facility_key(m.text) not in outside)]


def _not_only_in_the_headline(mentions, category_of, article: Article) -> list:
    """The mentions less the facilities a headline alone names without a place to start them: a headline's
    compressed syntax runs a verb or a slogan into a name (海上风电“喂饱”海岛数据中心, 高炉旁长出绿色算力中心,
    县城算力中心), and a facility the article is about is named again in its body (广元水光互补算力中心 stays)."""
    headline = article.blocks[0] if article.blocks and article.blocks[0].kind == "title" else None
    if headline is None:
        return mentions
    body = {facility_key(m.text) for m in mentions if category_of(m.type) == "Facility" and m.start >= headline.end}
    place_starts = {m.start for m in mentions if category_of(m.type) == "Region"}

    def headline_only(m) -> bool:
        return (category_of(m.type) == "Facility" and not m.entity_id and m.end <= headline.end
                and facility_key(m.text) not in body and m.start not in place_starts)

    return [m for m in mentions if not headline_only(m)]


#: Words before a facility's head noun that make it a description, not a name: 是全国重要的稀土产业基地,
#: 再布局一批山体数据中心, 全国最大的数据中心, 省内首个零碳数据中心.
DESCRIBED_BY = re.compile(r"(?:重要的|最大的|一批|首个)$")


def _not_described(mentions, category_of, article: Article) -> list:
    """The mentions less the facilities that a description words (:data:`DESCRIBED_BY`) and no gazetteer knows."""
    return [m for m in mentions if not (category_of(m.type) == "Facility" and not m.entity_id
                                        and DESCRIBED_BY.search(article.text[max(0, m.start - 3) : m.start]))]


def _group_mentions(mentions, category_of) -> dict[str, list]:
    """Mentions of one entity together: by gazetteer id, else by name within a category (a region with or without
    its suffix, a firm by its full or its short name; 宁波舟山港 the port is not the firm 宁波舟山港集团有限公司)."""
    from kg.annotate.extract import LEGAL_FORM, REGION_SUFFIX, _bare_name, firm_core, firm_short_names, known_place_names
    from kg.annotate.words import city_names

    groups: dict[str, list] = {}
    by_name: dict[tuple[str, str], str] = {}
    province_keys: set[str] = set()
    for m in mentions:
        if m.entity_id:
            kind = category_of(m.type)
            by_name.setdefault((kind, m.text), m.entity_id)
            if kind == "Region":  # 海南 where the article wrote 海南省
                by_name.setdefault((kind, re.sub(r"(省|市)$", "", m.text)), m.entity_id)
    # a firm's full legal name before its short names, wherever each stands (晶阳智算中心 may come before 乐山晶阳……公司)
    for m in sorted(mentions, key=lambda m: (m.entity_id is None, not (m.type == "Firm" and LEGAL_FORM.search(m.text)),
                                             m.start)):
        kind = category_of(m.type)
        key = m.entity_id or by_name.get((kind, m.text)) or (m.alias_of and by_name.get((kind, m.alias_of)))
        if key is None:
            short = m.text
            if kind == "Region":  # 永川区 and 永川, 淖毛湖镇 and 淖毛湖, 新平彝族傣族自治县 and 新平; 兰州新区 is not 兰州
                name = m.alias_of or m.text  # 巴州: the prefecture the text names in full
                short = REGION_SUFFIX.sub("", name) if REGION_SUFFIX.search(name) else re.sub(r"州$", "", name)
                if len(short) < 2 or (re.search(r"新?区$", name) and not re.search(r"(自治区)$", name)
                                      and (short in city_names() or short in known_place_names())):
                    short = re.sub(r"(省|市|州|县)$", "", name)
            if kind == "Facility":
                short = facility_key(m.text)
            if kind == "Policy" and m.type != "Program":  # 《若干措施》 after 《贵州省……若干措施》: the title's short form
                full = next((name for (k, name) in by_name if k == kind and name != m.text and len(m.text) >= 4
                             and _bare_name(name).endswith(m.text)), None)
                if full is not None:
                    short = full
            if kind == "Firm" and (kind, "中国" + m.text) in by_name and len(m.text) <= 3:
                short = "中国" + m.text  # 联通 after 中国联通: the national firm by its everyday name
            elif kind == "Firm":  # 中国华能集团有限公司 is 中国华能 under its legal name
                core = LEGAL_FORM.sub("", m.text)
                short = next((c for c in (core, core + "集团") if (kind, c) in by_name and c != m.text), m.text)
                known = firm_core(m.text)
                if short == m.text and known and (kind, known) in by_name \
                        and not re.search(r"(有限公司|有限责任公司|股份公司)$", m.text):
                    # 华阳集团 after 华阳新材料科技集团有限公司; two full legal names are two firms (a parent and its
                    # subsidiary: 深圳云擎科技股份有限公司, 深圳云擎算力网络有限公司)
                    short = known
            key = by_name.get((kind, short)) or by_name.get((kind, short + "市")) or f"name:{short}"
            if m.type == "City" and m.text.endswith("市") and key in province_keys:
                key = f"name:{m.text}"  # 吉林市 is a city of 吉林省, not the province
            by_name.setdefault((kind, m.text), key)
            by_name.setdefault((kind, short), key)
            if kind == "Firm":  # 陆港智运 of 成都陆港智运物流有限公司, 蒙云算力 of 鄂尔多斯蒙云算力科技有限公司
                for known in firm_short_names(m.text):
                    by_name.setdefault((kind, known), key)
        groups.setdefault(key, []).append(m)
        if m.type == "Province":
            province_keys.add(key)
    # 吉林 of 吉林市, the city's own name, names no province
    own_cities = {(m.start, m.end - 1) for key, ms in groups.items() if key not in province_keys
                  for m in ms if m.type == "City" and m.text.endswith("市")}
    if own_cities:
        groups = {key: kept for key, ms in groups.items()
                  if (kept := [m for m in ms if not (key in province_keys and (m.start, m.end) in own_cities)])}
    return _short_forms_of_facilities(groups, category_of)


def _short_forms_of_facilities(groups: dict[str, list], category_of) -> dict[str, list]:
    """A facility named later by a shorter form of its name is one facility: 长春智算中心 after 长春人工智能计算中心,
    盂县智算中心 after 盂县绿色智算中心 (the short form opens and ends as the full name does and leaves out words of it,
    in order). Only pattern names are merged, never a known entity."""
    facilities = [(key, members) for key, members in groups.items() if key.startswith("name:")
                  and all(category_of(m.type) == "Facility" for m in members)]
    merged: dict[str, str] = {}
    for short_key, short_members in facilities:
        short = min(short_members, key=lambda m: m.start)
        for long_key, long_members in facilities:
            full = min(long_members, key=lambda m: m.start)
            if long_key == short_key or long_key in merged or len(full.text) <= len(short.text) \
                    or full.start >= short.start:
                continue
            if (short.text[:2] == full.text[:2] and short.text[-2:] == full.text[-2:]
                    and _is_subsequence(short.text, full.text)) or full.text.startswith("“" + short.text + "”"):
                merged[short_key] = long_key
                break
    for short_key, long_key in merged.items():
        groups[long_key].extend(groups.pop(short_key))
        groups[long_key].sort(key=lambda m: m.start)
    return groups


def _is_subsequence(short: str, full: str) -> bool:
    """Whether the characters of ``short`` stand in ``full`` in the same order."""
    rest = iter(full)
    return all(ch in rest for ch in short)


def facility_key(name: str) -> str:
    """One key for the long and short names of a cluster: 宁夏枢纽中卫数据中心集群, 中卫数据中心集群 and 中卫集群
    (also “东数西算”中卫集群) are one facility."""
    supercomputer = re.fullmatch(r"国家超(?:级计)?算([\u4e00-\u9fff]{2,3})中心|([\u4e00-\u9fff]{2,3})超算(?:中心)?", name)
    if supercomputer:  # 国家超级计算济南中心 and 济南超算 are one centre
        return "国家超级计算" + (supercomputer.group(1) or supercomputer.group(2)) + "中心"
    key = re.sub(r"^“?东数西算”?(工程)?", "", name)
    if not key.endswith("集群"):
        return name
    key = re.sub(r"^[\u4e00-\u9fff]{2,4}枢纽(?=[\u4e00-\u9fff]{2})", "", key)
    key = re.sub(r"(新区|市|省|州|县)?(数据中心|算力|大数据|智算)?集群$", "集群", key)
    return key if len(key) >= 4 else name


def _entity(key: str, mentions: list, ids: dict[str, str], tried: dict[str, int]) -> Entity:
    known = next((m for m in mentions if m.entity_id), None)
    texts = [m.text for m in mentions]
    label_zh = known.text if known and known.entity_id else max(texts, key=len)
    types = Counter(m.type for m in mentions if m.source == "gazetteer") or Counter(m.type for m in mentions)
    entity_type = types.most_common(1)[0][0]
    if entity_type == "EconomicRegion" and re.search(r"(省|市|自治区)$", label_zh):
        entity_type = "City" if label_zh.endswith("市") else "Province"
    if known:
        entry = _gazetteer_entry(known.entity_id)
        label_zh, entity_id = entry["label_zh"], known.entity_id
        label = Label(zh=label_zh, en=entry["label_en"]) if entry.get("label_en") else None
    else:
        label, entity_id = None, _unique_id(_slug(label_zh), ids, tried)
    label = label or draft_label(label_zh, person=entity_type == "Person")
    ids[entity_id] = key
    aliases = sorted({t for t in texts if t != label_zh})
    spans = sorted({(m.start, m.end, m.text) for m in mentions})
    # a name of the entity inside another name of it (宁夏 in 宁夏回族自治区) is one mention
    inside = _held_inside(spans)
    spans = [s for s in spans if s not in inside]
    return Entity(
        id=entity_id, type=entity_type, label=label,
        aliases=Aliases(zh=aliases), mentions=[Span(start=s, end=e, text=t) for s, e, t in spans],
        source="auto", confidence=round(max(m.confidence for m in mentions), 2),
    )


@cache
def _gazetteer_index() -> dict:
    from kg.annotate.gazetteer import load_gazetteer

    return {e["id"]: e for e in load_gazetteer()}


def _gazetteer_entry(entity_id: str) -> dict:
    return _gazetteer_index()[entity_id]


def _relations(found, mention_ids, article: Article) -> list[Relation]:
    best: dict[tuple[str, str, str], tuple] = {}
    for r in found:
        s, o = mention_ids.get(r.subject.span), mention_ids.get(r.object.span)
        if s is None or o is None or s == o:
            continue
        key = (s, r.predicate, o)
        if key not in best or r.confidence > best[key][0]:
            best[key] = (r.confidence, r.start, r.end)
    return [
        Relation(subject=s, predicate=p, object=o, evidence=_span(article, start, end), source="auto",
                 confidence=round(conf, 2))
        for (s, p, o), (conf, start, end) in sorted(best.items(), key=lambda item: item[1][1])
        if not (p == "supports" and (o, "operatedBy", s) in best)  # who runs it does more than support it
    ]


#: Places below a province: a city, prefecture or district.
LOCAL_PLACE_TYPES = ("City", "Prefecture", "AdministrativeRegion")


def _facilities_in_the_place_before(entities: list[Entity], relations: list[Relation],
                                    article: Article) -> list[Relation]:
    """A facility no rule placed is in the nearest place named before it in its sentence (在中卫市，…数据中心;
    中卫市已建成…中心): a guess, with the words from the place to the facility as its evidence."""
    from kg.annotate.components import category_of

    placed = {r.subject for r in relations if r.predicate in ("locatedIn", "partOf")}
    done = {(r.subject, r.object) for r in relations}
    inside = _held_inside({(m.start, m.end) for e in entities for m in e.mentions})  # inside a name: no scene
    places = sorted((m.start, m.end, e.id) for e in entities if e.type in LOCAL_PLACE_TYPES + ("Province",)
                    for m in e.mentions if (m.start, m.end) not in inside)
    place_ends = [p[1] for p in places]  # outermost places never cross, so their ends are in order too
    added = []
    for entity in entities:
        if category_of(entity.type) != "Facility":
            continue
        for number, mention in enumerate(entity.mentions):
            sentence = next(iter(article.sentences_overlapping(mention.start, mention.end)), None)
            if sentence is None:
                continue
            # the outermost places before the facility in its sentence, not inside it or another name
            index = bisect_right(place_ends, mention.start)
            before = places[index - 1 : index] if index and places[index - 1][0] >= sentence.start else []
            if not before:
                continue
            start, _, place = before[-1]
            between = article.text[before[-1][1] : mention.start]
            clause_start = max(sentence.start, *(article.text.rfind(p, sentence.start, start) + 1 for p in "，；："))
            clause = article.text[clause_start : before[-1][1]]
            # 在X，A、B…… / 走进X，(Y投资建设的)A……: the clause names the place the next one is about (any mention);
            # in one clause, the first mention only
            scene = re.fullmatch(r"(在|走进|来到|位于)[^，；：]*", clause) and re.fullmatch(
                r"[畔旁内里边]?，([^，；：。]{2,40}、)*[^，；：。、]{0,30}", between)
            if (scene and (entity.id, place) not in done) or (
                    number == 0 and entity.id not in placed and len(between) <= 20
                    and not re.search(r"[，；：、（）“”]", between)):
                done.add((entity.id, place))
                added.append(Relation(subject=entity.id, predicate="locatedIn", object=place,
                                      evidence=_span(article, start, mention.end), source="auto", confidence=0.45))
    return added


def _held_inside(spans) -> set:
    """The spans (start, end, …) that another span holds: one starting earlier, or as early and longer (one sweep
    in text order)."""
    inside, reach = set(), -1
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if span[1] <= reach:
            inside.add(span)
        reach = max(reach, span[1])
    return inside


#: Sites that hold facilities: a cluster, an industrial park, a base.
SITE_NAME = re.compile(r"(集群|产业园|园区|基地|科学城)$")


def _facilities_of_the_site_before(entities: list[Entity], relations: list[Relation],
                                   article: Article) -> list[Relation]:
    """A list of centres that opens a sentence or clause right after one about a site (庆阳数据中心集群建设提速，
    中国电信庆阳云计算中心、中国移动……; 在……产业园，塔吊林立。中国电信……中心、……) belongs to that site: a guess."""
    from kg.annotate.components import category_of

    sites = sorted((m.start, m.end, e.id) for e in entities if category_of(e.type) == "Facility"
                   and SITE_NAME.search(e.label.zh) for m in e.mentions)
    facilities = sorted((m.start, m.end, e.id) for e in entities if category_of(e.type) == "Facility"
                        and not SITE_NAME.search(e.label.zh) for m in e.mentions)
    done = {(r.subject, r.object) for r in relations}
    text = article.text
    site_ends = sorted(site[1] for site in sites)
    sites.sort(key=lambda site: site[1])
    facility_starts = [f[0] for f in facilities]
    added = []
    for index, (start, end, entity_id) in enumerate(facilities):
        # the first item of a list at the start of a sentence or clause, or a later item of that list
        opening = start == 0 or text[start - 1] in "，。；\n"
        first = index
        while not opening and first > 0 and text[facilities[first - 1][1] : facilities[first][0]] == "、":
            first -= 1
            opening = facilities[first][0] == 0 or text[facilities[first][0] - 1] in "，。；\n"
        if not opening or (first == index and text[end : end + 1] != "、"):
            continue  # not a list of centres that opens its clause
        head = facilities[first][0]
        at = bisect_right(site_ends, head)
        if not at or head - sites[at - 1][1] > 40:
            continue
        site_start, _, site_id = sites[at - 1]
        # another centre between the site and the list: the list is not the site's
        if bisect_left(facility_starts, site_start + 1) < first or (entity_id, site_id) in done:
            continue
        if site_id != entity_id:
            done.add((entity_id, site_id))
            added.append(Relation(subject=entity_id, predicate="partOf", object=site_id,
                                  evidence=_span(article, site_start, end), source="auto", confidence=0.45))
    return added


def _answers_of_an_interview(entities: list[Entity], relations: list[Relation], article: Article) -> list[Relation]:
    """In a question-and-answer interview (韩建军：一是电，二是冷), the one who answers speaks for the body the
    text says they work for."""
    text = article.text
    done = {(r.subject, r.object) for r in relations if r.predicate == "spokeFor"}
    added = []
    for entity in entities:
        if entity.type != "Person":
            continue
        answers = [m for m in entity.mentions if text[m.end : m.end + 1] in "：:" and (m.start == 0 or text[m.start - 1] == "\n")]
        if not answers:
            continue
        for relation in relations:
            if relation.subject == entity.id and relation.predicate == "worksFor" \
                    and (entity.id, relation.object) not in done:
                done.add((entity.id, relation.object))
                added.append(Relation(subject=entity.id, predicate="spokeFor", object=relation.object,
                                      evidence=_span(article, answers[0].start, answers[0].end + 1), source="auto",
                                      confidence=0.45))
    return added


def _facilities_named_after_their_firm(entities: list[Entity], relations: list[Relation],
                                       article: Article) -> list[Relation]:
    """A facility whose name opens with the short name of a firm the article names in full (晶阳智算中心 and
    乐山晶阳硅材料股份有限公司, 鞍钢工业智能算力中心 and 鞍钢集团有限公司) is run by that firm: a guess, unless
    the article names its operator."""
    from kg.annotate.components import category_of
    from kg.annotate.extract import LEGAL_FORM, TRADE_WORDS, _stem_is_generic, firm_short_names, general_places

    run = {r.subject for r in relations if r.predicate == "operatedBy"}
    shorts = {}
    for entity in entities:
        if entity.type == "Firm":
            for name in [entity.label.zh, *entity.aliases.zh]:
                if LEGAL_FORM.search(name):
                    names = [*firm_short_names(name), LEGAL_FORM.sub("", name)]  # (鞍钢 of 鞍钢集团有限公司)
                    names += [n[:2] for n in names if len(n) >= 3]  # 晶阳 of 晶阳硅 of 乐山晶阳硅材料股份有限公司
                    for short in names:
                        if len(short) >= 2 and short not in general_places() and not TRADE_WORDS.fullmatch(short) \
                                and not _stem_is_generic(short):
                            shorts.setdefault(short, entity.id)
    longest_first = sorted(shorts, key=len, reverse=True)
    added = []
    for entity in entities:
        if category_of(entity.type) != "Facility" or entity.type == "IndustrialPark" or entity.id in run:
            continue
        mention = entity.mentions[0]
        firm = next((shorts[short] for short in longest_first
                     if mention.text.startswith(short) and len(mention.text) - len(short) >= 4), None)
        if firm is not None:
            added.append(Relation(subject=entity.id, predicate="operatedBy", object=firm,
                                  evidence=_span(article, mention.start, mention.end), source="auto", confidence=0.4))
    return added


def _figures(found, mention_ids, article: Article, year: str | None, run_year: str) -> list[Figure]:
    """The figures tied to an entity; one the article dates nowhere (a dateline with no year) holds for the year
    of the run, as ``date_basis: context`` with a lower confidence."""
    figures, used, tried = [], set(), {}
    for f in found:
        subject = mention_ids.get(f.subject.span)
        if subject is None:
            continue
        figure_id = _unique_id(f"{subject}-{_kebab(f.measure)}", used, tried)
        used.add(figure_id)
        date, basis = (f.date, "stated") if f.date else (year or run_year, "context")
        figures.append(Figure(
            id=figure_id, subject=subject, measure=f.measure, value=Decimal(f.value), unit=f.unit,
            comparator=f.comparator, date=date, date_basis=basis, evidence=_span(article, f.start, f.end),
            source="auto", confidence=0.7 if f.date or year else 0.5,
        ))
    return figures


def _attributes(found, mention_ids, article: Article) -> list[Attribute]:
    attributes, seen = [], set()
    for a in found:
        subject = mention_ids.get(a.subject.span)
        value = Bilingual(zh=a.value[0], en=a.value[1]) if isinstance(a.value, tuple) else a.value
        key = (subject, a.property, str(value))
        if subject is None or key in seen:
            continue
        seen.add(key)
        attributes.append(Attribute(subject=subject, property=a.property, value=value,
                                    evidence=_span(article, a.start, a.end), source="auto", confidence=a.confidence))
    return attributes


def _span(article: Article, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=article.text[start:end])


def _article_year(text: str) -> str | None:
    years = Counter(re.findall(r"(20\d{2})年", text))
    return years.most_common(1)[0][0] if years else None


def _slug(text: str) -> str:
    from pypinyin import lazy_pinyin

    words = "-".join(lazy_pinyin(text))
    slug = re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")
    return slug or "entity"


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def _unique_id(base: str, taken, tried: dict[str, int] | None = None) -> str:
    """``base``, else ``base-2``, ``base-3``, ...: the first not taken. ``tried`` remembers, per base, the number
    to go on from (ids are only ever added to ``taken``), so that many ids of one base cost no more than few."""
    n = tried.get(base, 2) if tried is not None else 2
    candidate = base if n == 2 else f"{base}-{n}"
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    if tried is not None:
        tried[base] = n
    return candidate


def draft_label(zh: str, *, person: bool = False) -> Label:
    """A draft label: English when :func:`kg.annotate.english.english_name` knows a part of the name
    (和林格尔集群 → Helinge'er Cluster), else the romanisation, as ``zh-Latn-pinyin`` (西云 → Xiyun)."""
    from kg.annotate.english import english_name, romanise

    english = None if person else english_name(zh)
    return Label(zh=zh, en=english) if english else Label(zh=zh, pinyin=romanise(zh, person=person))


def draft_title(article: Article) -> Label:
    """The draft title: the headline, or the first sentence (clipped to :data:`MAX_TITLE_CHARS`) when the article
    has none. Its Latin form is English only if every part of it translates, else its romanisation."""
    from kg.annotate.english import english_name, romanise

    title = article.title or article.sentences[0].text
    if len(title) > MAX_TITLE_CHARS:
        title = title[: MAX_TITLE_CHARS - 1] + "…"
    english = english_name(title, whole=True)
    return Label(zh=title, en=english) if english else Label(zh=title, pinyin=romanise(title))


#: The files a draft is written to: JSON or YAML, by the suffix.
DRAFT_SUFFIXES = (".json", ".yaml", ".yml")


def check_draft_path(path: str | Path, *, force: bool = False) -> Path:
    """Refuse, before any work, a path a draft cannot go to: not .json/.yaml/.yml, a folder, a file already there."""
    from kg.errors import OutputError
    from kg.files import check_output

    path = Path(path)
    if path.suffix not in DRAFT_SUFFIXES:
        raise OutputError(f"{path}: a draft is written as JSON or YAML; give a file ending in "
                          f"{', '.join(DRAFT_SUFFIXES[:-1])} or {DRAFT_SUFFIXES[-1]} (not {path.suffix or 'no suffix'!r})")
    check_output(path)
    if path.exists() and not force:
        raise AnnotationError(f"{path}: already exists (a curated annotation?); use --force to overwrite it")
    return path


def annotations_text(annotations: Annotations, path: Path) -> str:
    """The annotation as file content: YAML for a .yaml/.yml path, JSON otherwise."""
    from kg.annotations import dump_json

    data = annotations.model_dump(mode="json", by_alias=True, exclude_none=True)
    if path.suffix in (".yaml", ".yml"):
        import yaml

        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return dump_json(data)


def write_annotations(annotations: Annotations, path: str | Path, *, article_file: str | Path, force: bool = False) -> Path:
    """Write a draft next to (or for) its article, atomically; never over a file unless ``force``."""
    import os

    from kg.files import write_atomic

    path = check_draft_path(path, force=force)
    relative = os.path.relpath(Path(article_file).resolve(), path.resolve().parent)
    annotations = annotations.model_copy(
        update={"article": annotations.article.model_copy(update={"file": Path(relative).as_posix()})}
    )
    return write_atomic(path, annotations_text(annotations, path).encode("utf-8"))
