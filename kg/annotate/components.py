"""spaCy components of the annotator, registered by name (see config.cfg).

The pipeline runs on ``spacy.blank("zh")`` with the character segmenter, so any
character offset is a token boundary. :func:`kg.annotate.annotate` runs it over an
article chunk by chunk (runs of whole paragraphs, :data:`kg.annotate.CHUNK_CHARS`), in two
rounds: the gazetteer and the patterns find candidate names in every chunk; then
the resolver settles the names of the whole article (once, at its first chunk: a
name found in one chunk is that name in all the others) and the figure and
relation rules read each chunk's sentences. So time and memory grow with the
length of the article, not with its square.

Components pass their findings along in ``doc.user_data["kg"]``, one state for the
whole article shared by the docs of its chunks; ``doc.user_data["kg_chunk"]`` says
where a chunk starts in the article. A doc made by ``nlp(text)`` is an article of
one chunk.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.annotate import extract
from kg.annotate.extract import Mention, Sentence
from kg.annotate.rules import MEASURE_SUBJECTS

#: The first round of components (names in each chunk), then the second (the article's names, figures, relations).
FIRST_ROUND = ("kg_gazetteer", "kg_patterns")


def new_state(text: str, sentences: list[tuple[int, int]] | None = None, breaks: tuple[int, ...] = ()) -> dict:
    """What the components of one article share: its text, its sentences, where the clean text dropped a space
    between two words (``breaks``: no name runs across one), and what they find."""
    return {"text": text, "sentences": sentences, "breaks": breaks, "candidates": [], "patterns": [], "token_starts": set(),
            "mentions": None, "sentence_objects": None, "figures": [], "relations": [], "attributes": []}


def _state(doc: Doc) -> dict:
    state = doc.user_data.get("kg")
    if state is None:
        state = doc.user_data["kg"] = new_state(doc.text)
    return state


def _chunk(doc: Doc, state: dict) -> tuple[int, str]:
    """Where the doc starts in the article, and its text."""
    chunk = doc.user_data.get("kg_chunk")
    return chunk if chunk is not None else (0, state["text"])


def _chunk_tokens(doc: Doc, text: str) -> extract.Tokens:
    """jieba's words of the chunk, segmented once for the gazetteer and the patterns of the same doc."""
    tokens = doc.user_data.get("kg_tokens")
    if tokens is None:
        tokens = doc.user_data["kg_tokens"] = extract.Tokens(text)
    return tokens


def _sentence_spans(state: dict) -> list[tuple[int, int]]:
    """The article's sentences, a long one in pieces (see :data:`extract.MAX_SENTENCE_CHARS`)."""
    text = state["text"]
    if state["sentences"] is None:
        from kg.article import parse_article
        from kg.errors import ArticleError

        try:
            art = parse_article(text)
            sentences = [(s.start, s.end) for s in art.sentences] if art.text == text else [(0, len(text))]
        except ArticleError:  # no text at all
            sentences = []
        state["sentences"] = sentences
    return [piece for start, end in state["sentences"] for piece in extract.sentence_windows(text, start, end)]


def _chunk_sentences(state: dict, offset: int, text: str) -> range:
    """The indices of the sentences that lie in a chunk."""
    starts = state["sentence_starts"]
    return range(bisect_left(starts, offset), bisect_left(starts, offset + len(text)))


class Gazetteer:
    """Names of known entities (registry and curated annotations), matched anywhere, nested ones too."""

    def __init__(self, nlp: Language, name: str, path: str | None, confidence: float) -> None:
        from kg.annotate.gazetteer import GAZETTEER_FILE, load_gazetteer

        self.entries = {e["id"]: e for e in load_gazetteer(path or GAZETTEER_FILE)}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.confidence = confidence
        for entity_id, entry in self.entries.items():
            self.matcher.add(entity_id, [nlp.make_doc(n) for n in entry["names"]])

    def __call__(self, doc: Doc) -> Doc:
        state = _state(doc)
        offset, _ = _chunk(doc, state)
        text = doc.text  # built anew on every access: once per chunk
        for match_id, start, end in self.matcher(doc):
            entity_id = doc.vocab.strings[match_id]
            entry = self.entries[entity_id]
            span = doc[start:end]
            if _inside_a_word(text, span.start_char, span.end_char):
                continue  # 360 of 海拔3600多米, ABC of ABCD: no name
            if span.end_char - span.start_char == 2:
                tokens = _chunk_tokens(doc, text)
                if span.start_char not in tokens.starts and span.end_char not in tokens.ends:
                    continue  # 中兴 of 其中/兴发集团: a short name across two words is no name
            end, name = span.end_char, span.text
            if entry["type"] == "Firm" and text.startswith("集团", end) and not name.endswith("集团"):
                end, name = end + 2, name + "集团"  # 国家电投集团, 联想集团: the group is the firm
            elif entry["type"] == "Firm" and text.startswith("物流", end) and not name.endswith("物流"):
                state["candidates"].append(Mention(offset + span.start_char, offset + end + 2, name + "物流", "Firm",
                                                   "pattern", self.confidence - 0.1))  # 京东物流: a firm of its own
                continue
            state["candidates"].append(Mention(offset + span.start_char, offset + end, name,
                                               entry["type"], "gazetteer", self.confidence, entity_id,
                                               entry["label_en"]))
        return doc


def _inside_a_word(text: str, start: int, end: int) -> bool:
    """A name that begins or ends with a Latin letter or digit stands inside a longer run of them."""
    def joined(a: str, b: str) -> bool:
        return a.isascii() and b.isascii() and a.isalnum() and b.isalnum()

    return (start > 0 and joined(text[start - 1], text[start])) or (end < len(text) and joined(text[end - 1], text[end]))


class Patterns:
    """Names by their shape: 《titles》, name suffixes, enumerations of firms, people by their cues."""

    def __call__(self, doc: Doc) -> Doc:
        state = _state(doc)
        offset, text = _chunk(doc, state)
        found, token_starts = extract.chunk_pattern_mentions(text, offset, _chunk_tokens(doc, text))
        state["patterns"] += found
        state["token_starts"] |= token_starts
        return doc


class Resolver:
    """One mention per stretch of text; mentions grouped into sentences.

    The names of the whole article are settled once, when the first chunk gets
    here (every chunk has been through the gazetteer and the patterns by then).
    """

    def __call__(self, doc: Doc) -> Doc:
        state = _state(doc)
        if state["mentions"] is None:
            _resolve_article(state)
        offset, text = _chunk(doc, state)
        mentions, starts = state["mentions"], state["mention_starts"]
        inside = mentions[bisect_left(starts, offset) : bisect_left(starts, offset + len(text))]
        doc.spans["kg_mentions"] = [
            span for m in inside if (span := doc.char_span(m.start - offset, m.end - offset, label=m.type)) is not None
        ]
        return doc


def _resolve_article(state: dict) -> None:
    text = state["text"]
    bounds = state["token_starts"] | {len(text)}
    # 宁夏 of 南宁夏天 starts and ends inside words (南宁 / 夏天): a known place's name there is none
    candidates = [m for m in state["candidates"] if (category_of(m.type) != "Region" or m.start in bounds or m.end in bounds)
                  # 金山 of 紫金山 and of 金山银山: a firm's two-character name is a word of its own, or none
                  and not (len(m.text) == 2 and category_of(m.type) == "Firm" and not (m.start in bounds and m.end in bounds))]
    patterns = extract.article_pattern_mentions(text, state["patterns"], state["token_starts"])
    mentions = extract.resolve(_within_words(candidates + patterns, state.get("breaks", ()), text), text, category_of)
    sentences = [Sentence(s, e, text[s:e]) for s, e in _sentence_spans(state)]
    starts = [m.start for m in mentions]
    for sentence in sentences:  # sentences and mentions are both in text order
        index = bisect_left(starts, sentence.start)
        while index < len(mentions) and mentions[index].start < sentence.end:
            if mentions[index].end <= sentence.end:
                sentence.mentions.append(mentions[index])
            index += 1
    state["mentions"] = mentions
    state["mention_starts"] = starts
    state["sentence_objects"] = sentences
    state["sentence_starts"] = [s.start for s in sentences]


def _within_words(mentions: list, breaks: tuple[int, ...], text: str) -> list:
    """No name runs across a space the clean text dropped (北京发布……新方案 昌平高校智算中心同日揭牌, a headline's two
    parts): one that does starts after it, where two characters of it are left."""
    if not breaks:
        return mentions
    kept = []
    for m in mentions:
        inside = [b for b in breaks[bisect_left(breaks, m.start + 1) :] if b < m.end]
        if not inside:
            kept.append(m)
        elif m.end - inside[-1] >= 2:
            kept.append(replace(m, start=inside[-1], text=text[inside[-1] : m.end]))
    return kept


class Figures:
    """Numbers with units, each tied to the entity it measures in its sentence."""

    def __call__(self, doc: Doc) -> Doc:
        state = _state(doc)
        offset, chunk_text = _chunk(doc, state)
        text = state["text"]
        for index in _chunk_sentences(state, offset, chunk_text):
            sentence = state["sentence_objects"][index]
            last = None  # the figure of the sentence before this one, and its subject
            for figure in extract.find_figures(sentence, text):
                figure.subject = _subject_for(figure, index, state)
                if figure.subject is None and last is not None \
                        and category_of(last.subject.type) in MEASURE_SUBJECTS[figure.measure] \
                        and not re.search(r"[。；]", text[last.end : figure.start]):
                    figure.subject = last.subject  # 中心……，设计绿电使用比例不低于60%，采用……，设计PUE不高于1.2: one topic
                if figure.subject is not None:
                    state["figures"].append(figure)
                    last = figure
        return doc


def _subject_for(figure, index: int, state: dict) -> Mention | None:
    sentence = state["sentence_objects"][index]
    wanted = MEASURE_SUBJECTS[figure.measure]
    holding = [m for m in sentence.mentions if m.start <= figure.start and figure.end <= m.end
               and category_of(m.type) in wanted]
    if holding:  # 第二届 inside the name of the conference
        return max(holding, key=lambda m: m.end - m.start)
    before_text = sentence.text[: figure.start - sentence.start]
    built = BUILT_AFTER.match(state["text"], figure.end)
    if built and "Facility" in wanted:  # 公司将投资约45亿元建设X智算中心: the investment is the facility's
        named = next((m for m in sentence.mentions if m.start == built.end() and category_of(m.type) == "Facility"), None)
        if named is not None:
            return named
    if TARGET.search(before_text):  # 《方案》提出，到2027年……达到8万P: a target is the plan's figure
        policies = [m for m in sentence.mentions if category_of(m.type) == "Policy" and m.type != "Program"
                    and m.end <= figure.start]
        if not policies and index > 0 and POLICY_WORDS.search(before_text):
            for previous in reversed(state["sentence_objects"][max(0, index - 6) : index]):  # 方案提出: the plan named
                policies = [m for m in previous.mentions                                  # in the sentences before
                            if category_of(m.type) == "Policy" and m.type != "Program"]
                if policies:
                    break
        if policies:
            return policies[-1]
    whole = WHOLE_REGION.search(before_text)  # 全市已建成……: the city the article is about
    if whole and "Region" in wanted:
        kind = {"市": ("City",), "省": ("Province",), "区": ("Province", "AdministrativeRegion"),
                "州": ("Prefecture",), "县": ("City", "AdministrativeRegion"), "旗": ("AdministrativeRegion",)}[whole.group(1)]
        places = [m for previous in state["sentence_objects"][: index + 1] for m in previous.mentions
                  if m.type in kind and m.start < figure.start]
        suffixed = [m for m in places if m.text.endswith(whole.group(1))]  # 全县: a county named as one (怀来县)
        if suffixed or places:
            return (suffixed or places)[-1]
    opening = ANAPHOR_WORDS.match(sentence.text)
    if opening and not SPEAKER_TITLE.match(sentence.text, opening.end()):
        # 该中心由……，总投资约18亿元: the sentence's topic is the anaphor's name (not 该公司董事长X介绍: a speaker's)
        return _named_by_anaphor(sentence.text[: opening.end()], figure, index, state, wanted)  # none: no guess
    if "Event" in wanted:  # 大会由……主办，260余家企业参会: the event the bare word stands for
        bare = next((m for m in EVENT_WORDS.finditer(before_text) if not any(
            s.start <= sentence.start + m.start() and sentence.start + m.end() <= s.end for s in sentence.mentions)), None)
        if bare is not None:
            events = [m for previous in state["sentence_objects"][max(0, index - 6) : index + 1] for m in previous.mentions
                      if category_of(m.type) == "Event" and m.end <= sentence.start + bare.start()
                      and m.text.endswith(bare.group(1)[-1])]
            if events:
                return events[-1]
    described = next(iter(extract.DESCRIBED_ANAPHOR.finditer(before_text)), None)
    if described is not None and "Facility" in wanted:  # 这座由X运营的智算中心，……PUE不高于1.2: that centre
        nearest = _nearest_facility(state, described.group(2), sentence.start + described.start())
        if nearest is not None and nearest.start < sentence.start + described.start():
            return nearest
    anaphor = _anaphor(figure, sentence, state)
    if anaphor is not None and category_of(anaphor.type) in wanted:
        return anaphor
    phase = _phase_of(before_text, figure, index, state, wanted)
    if phase is not None:
        return phase  # ……由X运营，二期项目总投资……: the facility named before, not the firm
    # names before the figure, not those inside another name (上海 inside 上海数据交易所 is not what it measures)
    # nor the public body a speaker speaks for (据X管委会主任李红介绍，……): it gives the figure, it is not measured
    # (a firm's manager speaks of the firm's own project: 西云公司运营总监……介绍，公司二期项目总投资……)
    before = [m for m in sentence.mentions if m.end <= figure.start
              and not (category_of(m.type) == "Organization" and SPEAKER_TITLE.match(state["text"], m.end))
              and not any(o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                          for o in sentence.mentions)]
    text = state["text"]
    # a facility named as where something is (在抚松经济开发区破土动工, 选址于如东经济开发区) is no subject of its figures
    # (nor when the sentence's subject is a bare kind word: 中心位于X开发区，总投资……)
    bare_subject = re.match("(" + "|".join(FACILITY_WORDS) + ")", sentence.text)
    before = [m for m in before if not (category_of(m.type) == "Facility" and _placed(text, m)
                                        and (bare_subject or any(category_of(o.type) == "Facility" and o.end <= m.start
                                                                 for o in sentence.mentions)))]
    if "Event" in wanted and SIGNING.search(before_text):  # 签约总金额约420亿元: the signing's figure
        wanted = ("Event", *[c for c in wanted if c != "Event"])
    for category in wanted:
        # an item of a list (华为、阿里云等20余家企业) is not what a figure of the whole sentence measures
        matches = [m for m in before if category_of(m.type) == category
                   and not (text[m.end : m.end + 1] in ("、", "等") or text[m.start - 1 : m.start] == "、")]
        matches = [m for m in matches if m.type != "Country"]  # 中国第一汽车集团: no figure of the country's
        if category in ("Region", "Firm") and "Facility" in wanted and wanted.index("Facility") < wanted.index(category):
            # a place is what a facility's measure measures only as the subject of its clause (湖北全省……, 截至9月底，
            # 怀来县已投运……), not where something is (落户沈阳市浑南区，首期……) or what comes from it (四川的水电)
            matches = [m for m in matches if CLAUSE_SUBJECT.search(text[sentence.start : m.start])]
            earlier = [m for previous in state["sentence_objects"][max(0, index - 2) : index] for m in previous.mentions
                       if category_of(m.type) == "Facility"]
            if not matches and earlier and not re.search(r"(该|上述|此|这[个座家])[\u4e00-\u9fff]{0,4}?(平台|项目|工程)",
                                                              before_text):
                # the facility of the sentences before (not when 该平台 names what it is), of the last sentence that
                # names one, and not the park it is in (X坐落在Y开发区。……)
                last = [m for m in earlier if m.start >= _sentence_start(state, earlier[-1])]
                return ([m for m in last if not _placed(text, m)] or last)[-1]
        if matches:
            return max(matches, key=lambda m: (m.end, m.end - m.start))
    named = _named_by_anaphor(before_text, figure, index, state, wanted)
    if named is not None:
        return named  # 该中心: the nearest earlier name ending with 中心
    trailing = TRAILING_ANAPHOR.search(before_text)
    if trailing and "Facility" in wanted:
        word = re.match(r"[^，。；]{0,8}?的(" + "|".join(FACILITY_WORDS) + ")", text[figure.end : figure.end + 12])
        nearest = _nearest_facility(state, word.group(1), figure.start) if word else None
        if nearest is not None and nearest.start < figure.start:
            return nearest
    project = BARE_PROJECT.search(before_text)
    if project and "Facility" in wanted:  # ……记者：项目规模有多大？杨再兴：项目总投资约26亿元: the facility the text is about
        return _salient_facility(state, index, figure.start)
    if WE_RUN.match(before_text) and wanted[0] == "Facility":  # 刘振华：……。我们利用钢厂余热……，年均PUE控制在1.2以下:
        return _salient_facility(state, index, figure.start)  # the speaker's own facility, the one the text is about
    if ANAPHORA.search(before_text):
        return None  # 该平台, 上述项目: what it measures is named by a word that is no entity
    for previous in reversed(state["sentence_objects"][max(0, index - 2) : index]):  # the two sentences before
        for category in wanted:
            matches = [m for m in previous.mentions if category_of(m.type) == category]
            if category == "Facility":  # X坐落在Y开发区。……: the park is where X is, X is what the next sentence measures
                matches = [m for m in matches if not _placed(text, m)] or matches
            if matches:
                return matches[-1]
    return None


FACILITY_WORDS = ("基地", "集群", "园区", "产业园", "智算中心", "算力中心", "大数据中心", "数据中心", "中心", "电站", "平台")
#: Bare words for an event named before (大会由……主办，260余家企业参会).
EVENT_WORDS = re.compile(r"(大会|年会|论坛|博览会|峰会|推介会|对接会|洽谈会|交流会|推进会|展会|会议|仪式|文化节)")
#: 二期项目, 此次扩容项目, 一期已建成……: a phase of the facility the text is about, whose figures are the facility's.
PHASE_PROJECT = re.compile(r"(一期|二期|三期|四期|扩容|扩建|改造|续建)(工程|项目)|(?:^|[，；])(?:该|此次|本次|这个)?项目"
                           r"|(?:^|[，；])[一二三四]期(?=已|将|计划|规划|预计|建成|部署|总|占地|投资)")
#: 这个规划占地约40公顷的园区: the anaphor's word follows the figure.
TRAILING_ANAPHOR = re.compile(r"这[个座家处]([^，。；“”]{0,16})$")
#: A job title after a name: the name is a speaker's body.
SPEAKER_TITLE = re.compile("|".join(extract.TITLES_LONGEST_FIRST))
#: What may stand between the start of a clause and the place that is its subject (截至9月底，怀来县……; 到2027年，全省).
CLAUSE_SUBJECT = re.compile(r"(^|[，。；：])(截至[^，。；]{0,12}|到20\d\d年(底)?|今年(以来)?|目前|如今|其中|全|当前|近年来)?$")
#: Words just before a name that make it a place (在X, 位于X, 选址于X).
LOCATION_BEFORE = re.compile(r"(在|于|位于|选址于?|落户|入驻|坐落在|落地)$")
#: What follows an investment that names what it builds (投资约45亿元建设X).
BUILT_AFTER = re.compile(r"(?:，)?(?:用于|主要用于)?(?:建设|新建|打造|建成|扩建)(?:了)?")
#: Words of a signing before a figure: the event's figure (签约金额, 现场签约).
SIGNING = re.compile(r"签约|签下|签署")
#: 全市, 全省: a figure of the whole city or province.
WHOLE_REGION = re.compile(r"全(市|省|区|州|县|旗)")
#: Words that make a figure a target (of the plan the sentence names).
TARGET = re.compile(r"到20\d\d年|力争|目标|提出|明确|要求|须|不得")
POLICY_WORDS = re.compile(r"方案|计划|规划|意见|办法|政策|通知|措施|《")
#: 该中心, 上述集群: an anaphor and the word its name ends with.
ANAPHOR_WORDS = re.compile(r"(?:该|上述|这个|这座|此)(?:数据|智算|算力|超算|计算|云计算|产业|绿色)?"
                           r"(中心|集群|基地|平台|园区|产业园|实验室|研究院|院|公司)")


def _placed(text: str, mention: Mention) -> bool:
    """Whether a word of place (在, 位于, 坐落在) stands just before ``mention``: it names where something is."""
    return bool(LOCATION_BEFORE.search(text, 0, mention.start))


def _sentence_start(state: dict, mention: Mention) -> int:
    """Where the sentence holding ``mention`` starts."""
    return next(s.start for s in reversed(state["sentence_objects"]) if s.start <= mention.start)


def _phase_of(before_text: str, figure, index: int, state: dict, wanted) -> Mention | None:
    """二期项目总投资约22亿元: a phase or an extension of a facility is measured as the facility, the last one named
    in this sentence or the three before; none named, no guess."""
    sentence = state["sentence_objects"][index]
    last_name = max((m.end - sentence.start for m in sentence.mentions  # not a park it is placed in (选址X园区)
                     if m.end <= figure.start and not _placed(state["text"], m)), default=0)
    phase = PHASE_PROJECT.search(before_text, last_name) if "Facility" in wanted else None
    if phase is None:
        return None  # no phase, or a name stands between the phase and the figure
    earlier = [m for previous in state["sentence_objects"][max(0, index - 6) : index + 1] for m in previous.mentions
               if m.end <= sentence.start + len(before_text) and category_of(m.type) == "Facility"]
    placed = [m for m in earlier if not _placed(state["text"], m)]  # not 在X经济开发区
    served = [m for m in placed if not extract.POWER_PLANT.search(extract._bare_name(m.text))]  # not the plant that feeds it
    if earlier and not placed:  # 项目……选址在X开发区，一期建成……: the project the text is about, not the park it is in
        salient = _salient_facility(state, index, figure.start)
        if salient is not None and salient.type != "IndustrialPark":
            return salient
    candidates = served or placed or earlier
    if candidates and re.search(r"[一二三四]期|扩容|扩建|改造|续建", phase.group(0)):
        return extract.most_named(candidates)  # a phase of the project the text is about (not a platform just named)
    return candidates[-1] if candidates else None  # 项目: the one named last


def _named_by_anaphor(before_text: str, figure, index: int, state: dict, wanted) -> Mention | None:
    """The name an anaphor before the figure in its sentence stands for: the nearest earlier name (this sentence
    or the three before) that ends with the anaphor's word and is of a category the measure takes."""
    found = list(ANAPHOR_WORDS.finditer(before_text))
    if not found:
        return None
    word = found[-1].group(1)
    sentence = state["sentence_objects"][index]
    at = sentence.start + found[-1].start()
    earlier = [m for previous in state["sentence_objects"][max(0, index - 10) : index + 1] for m in previous.mentions
               if m.end <= at and m.text.endswith(word[-1]) and category_of(m.type) in wanted]
    return earlier[-1] if earlier else None


#: A sentence whose topic is one of these words (not a name) does not measure an entity of the sentences before.
ANAPHORA = re.compile(r"该|上述|此|这[个些座家]|平台|项目|企业|公司|单位|机构")


#: 我们 opening a sentence (or an answer): a speaker of the facility the text is about, on its measures.
WE_RUN = re.compile(r"(?:[\u4e00-\u9fff]{2,4}[：:])?我们")


#: A bare 项目 opening a sentence about its figures (项目总投资……，占地……): the project the text is about.
BARE_PROJECT = re.compile(r"(?:^|[：；])(?:整个|本)?项目(?=总|一期|规划|建成|占地|计划|共|全部)")


def _salient_facility(state: dict, index: int, position: int) -> Mention | None:
    """The facility named most often before ``position`` (the last such), parks aside where another is named."""
    named = [m for s in state["sentence_objects"][: index + 1] for m in s.mentions
             if category_of(m.type) == "Facility" and m.end <= position]
    return extract.most_named([m for m in named if m.type != "IndustrialPark"] or named)


def _anaphor(figure, sentence: Sentence, state: dict) -> Mention | None:
    """A bare 基地 (集群, 园区, ...) before the figure in its sentence stands for the nearest facility so named.

    The word is the topic of a clause: the figure's own clause first, then the one before (a Chinese topic runs on
    across a comma: 基地采用……，年均PUE……), a word opening the clause before one inside it (数据中心位于园区东北角，
    占地……: the centre, not the park; ……，依托园区屋顶光伏，绿电使用比例……: not the park); then the topic of a
    clause further back (数据中心坐落在X园区内，占地约45亩，部署标准机架400个), unless a facility named since, or a
    name opening a clause since (目前托里县已并网……), takes over; then any bare word of the two clauses."""
    text = sentence.text[: figure.start - sentence.start]
    inside = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions]
    before = [m for m in sentence.mentions if m.end <= figure.start]
    cut = [i for i, ch in enumerate(text) if ch in "，；：“"]
    clause = cut[-2] + 1 if len(cut) >= 2 else 0
    own = cut[-1] + 1 if cut else 0

    def usable(start: int, end: int) -> bool:
        # a bare word, not part of a name, nor one that places or qualifies another (园区内的数据中心, 承载平台的数据中心,
        # 数据中心产业园; but 园区数据中心 are the park's), nor one a facility's name follows at once (产业园一期项目X数据中心)
        return not any(s <= start and end <= e for s, e in inside) \
            and not QUALIFIES_ANOTHER.match(text, end) \
            and not any(m.start - sentence.start >= end and category_of(m.type) == "Facility"
                        and re.fullmatch(r"(?:[一二三四]期)?(?:项目|工程)?(?:——)?", text[end : m.start - sentence.start])
                        for m in before)

    words = sorted(((match.start(), match.end(), word) for word in FACILITY_WORDS for match in re.finditer(word, text)
                    if usable(match.start(), match.end())), key=lambda w: (w[0], w[0] - w[1]))
    opening = [w for w in words if TOPIC_BEFORE.search(text, 0, w[0])]
    # a short form that ends a facility's name (运营中心 of 紫金山铜矿数字化运营中心, 训练中心选址……) opens its clause too
    if "facility_names" not in state:  # the article's facility names, read once (its names are settled by now)
        state["facility_names"] = {m.text for s in state["sentence_objects"] for m in s.mentions
                                   if category_of(m.type) == "Facility"}
    names = state["facility_names"]
    for start, end, _ in words:
        for size in (4, 3, 2, 1):
            short = text[start - size : end] if start >= size else ""
            if short and TOPIC_BEFORE.search(text, 0, start - size) and any(n.endswith(short) and n != short for n in names):
                opening.append((start - size, end, short))
                break
    opening.sort(key=lambda w: (w[0], w[0] - w[1]))

    def first_found(candidates) -> Mention | None:
        for *_, word in candidates:
            nearest = _nearest_facility(state, word, figure.start)
            if nearest is not None:
                return nearest
        return None

    for low, high in ((own, len(text)), (clause, own)):  # the figure's own clause, then the one before
        found = first_found(w for w in opening if low <= w[0] < high)
        if found is not None:
            return found
    further = [w for w in opening if w[0] < clause]
    if further:
        at, _, word = further[-1]
        if not any(at <= m.start - sentence.start and not _placed(state["text"], m) and (
                category_of(m.type) == "Facility" or CLAUSE_SUBJECT.search(state["text"][sentence.start : m.start]))
                   for m in before):
            return _nearest_facility(state, word, figure.start)
    return first_found(sorted((w[0] < own, w[0], w[0] - w[1], w[2]) for w in words if w[0] >= clause))


#: What follows a bare word that places or qualifies another (园区内的数据中心, 承载平台的数据中心, 数据中心产业园).
QUALIFIES_ANOTHER = re.compile(r"[内里中]的|的(?:" + "|".join(FACILITY_WORDS) + ")|(?:基地|集群|园区|产业园)")
#: What may stand before a bare word that opens its clause, its topic (……，中心绿电占比……; 据介绍，数据中心……; 该中心;
#: 承载平台的数据中心).
TOPIC_BEFORE = re.compile(r"(?:^|[，；：“])(?:据介绍，|目前，?|其中，?|整个|今年)?(?:该|这座|这个|此|[^，；：。“”]{1,8}的)?$")


def _nearest_facility(state: dict, word: str, position: int) -> Mention | None:
    """The facility whose name ends with ``word`` and starts nearest ``position`` (the earlier one on a tie)."""
    named = state.setdefault("facilities_named", {})
    if word not in named:
        ends = ("园区", "产业园", "科技园") if word == "园区" else (word,)  # 园区 stands for a 产业园 too
        found = [m for s in state["sentence_objects"] for m in s.mentions
                 if m.text.endswith(ends) and category_of(m.type) == "Facility"]
        named[word] = (found, [m.start for m in found])
    found, starts = named[word]
    index = bisect_left(starts, position)
    best: tuple[int, int] | None = None  # (distance, index)
    if index > 0:  # the nearest before, the first of those starting there
        best = (position - starts[index - 1], bisect_left(starts, starts[index - 1]))
    if index < len(found) and best is None:  # one named later only where none is named before
        best = (starts[index] - position, index)
    return found[best[1]] if best is not None else None


#: How many sentences back an anaphor or a bare kind word (该中心, 中心已为……) may find its name.
CONTEXT_SENTENCES = 20


class Relations:
    """Relations and attributes by sentence-level rules over the mentions."""

    def __call__(self, doc: Doc) -> Doc:
        state = _state(doc)
        offset, chunk_text = _chunk(doc, state)
        text = state["text"]
        for index in _chunk_sentences(state, offset, chunk_text):
            sentence = state["sentence_objects"][index]
            context = tuple(m for previous in state["sentence_objects"][max(0, index - CONTEXT_SENTENCES) : index]
                            for m in previous.mentions)
            state["relations"] += extract.find_relations(sentence, text, category_of, context)
            state["attributes"] += extract.find_attributes(sentence, text, category_of)
        return doc


@cache
def category_of(type_name: str) -> str:
    """The reader-facing category of an ontology class name (Firm, Region, ...); the ontology is read once."""
    from kg.ontology import ontology

    onto = ontology()
    cls = onto.entity_types.get(type_name)
    if cls is None:
        return {"EconomicRegion": "Region"}.get(type_name, type_name)
    return str(onto.category(cls)).rsplit("#", 1)[-1]


@Language.factory("kg_gazetteer", default_config={"path": None, "confidence": 0.95})
def make_gazetteer(nlp: Language, name: str, path: str | None, confidence: float) -> Gazetteer:
    return Gazetteer(nlp, name, path, confidence)


@Language.factory("kg_patterns")
def make_patterns(nlp: Language, name: str) -> Patterns:
    return Patterns()


@Language.factory("kg_resolver")
def make_resolver(nlp: Language, name: str) -> Resolver:
    return Resolver()


@Language.factory("kg_figures")
def make_figures(nlp: Language, name: str) -> Figures:
    return Figures()


@Language.factory("kg_relations")
def make_relations(nlp: Language, name: str) -> Relations:
    return Relations()
