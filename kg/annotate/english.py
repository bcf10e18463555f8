"""English for Chinese names, and their romanisation in Hanyu Pinyin.

A Chinese name is mostly made of known parts (省, 数据中心, 有限公司, 发展和改革委员会,
绿色, 东数西算 …) around proper names (和林格尔, 西云). :func:`english_name` cuts a
name into the parts of :data:`PARTS` and of the gazetteer (places, firms and bodies
with a curated English name), longest match first, from the end of the name; what is
left are proper names, romanised word by word (:func:`romanise`). A name with no
known part has no English name: its Latin form is its romanisation, which
belongs under the language tag ``zh-Latn-pinyin``, never under ``en``.

Rules, in the order they apply:

- Quotes and book-title marks (“”《》) are dropped; a bracketed part is a branch and
  stays in brackets: 中国移动（宁夏） → China Mobile (Ningxia).
- A one-character part (省, 市, 州, 县, 区, 局 …) ends a name only after a proper name
  of at least two characters, so 杭州市 is Hangzhou City, not "Hang Prefecture City".
- 第二届 and 首届 are ordinals (2nd, 1st); 二期 is Phase 2; Latin letters and
  digits are kept as they are.
- A government body after the place it serves reads "<body> of <place>", the
  innermost place first: 青海省发展和改革委员会 → Development and Reform Commission
  of Qinghai Province; 宁夏回族自治区中卫市人民政府 → People's Government of
  Zhongwei City, Ningxia Hui Autonomous Region. Every other name keeps the Chinese
  order: 中卫市数据中心 → Zhongwei City Data Center.

Proper names are romanised by word (jieba's segmentation), each word capitalised,
its syllables run together with an apostrophe before a syllable that starts with
a, o or e (和林格尔 → Helinge'er, 西安 → Xi'an), ü written as ü (绿色 → Lüse).
jieba and pypinyin are imported on first use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

#: Known parts of names: (Chinese, English, kind). Kinds: ``unit`` (administrative units), ``facility``,
#: ``firm``, ``government`` (bodies that serve a place: "<body> of <place>"), ``body`` (other organisations),
#: ``event``, ``policy``, ``word`` (common words), ``name`` (well-known names the gazetteer lacks).
PARTS: tuple[tuple[str, str, str], ...] = (
    # administrative units
    ("省", "Province", "unit"), ("自治区", "Autonomous Region", "unit"),
    ("回族自治区", "Hui Autonomous Region", "unit"), ("壮族自治区", "Zhuang Autonomous Region", "unit"),
    ("维吾尔自治区", "Uygur Autonomous Region", "unit"), ("特别行政区", "Special Administrative Region", "unit"),
    ("市", "City", "unit"), ("州", "Prefecture", "unit"), ("自治州", "Autonomous Prefecture", "unit"),
    ("地区", "Region", "unit"), ("县", "County", "unit"), ("自治县", "Autonomous County", "unit"),
    ("区", "District", "unit"), ("新区", "New Area", "unit"), ("盟", "League", "unit"), ("旗", "Banner", "unit"),
    ("镇", "Town", "unit"), ("乡", "Township", "unit"), ("街道", "Subdistrict", "unit"),
    ("开发区", "Development Zone", "unit"), ("高新区", "High-Tech Zone", "unit"),
    ("经济技术开发区", "Economic and Technological Development Zone", "unit"),
    ("高新技术产业开发区", "High-Tech Industrial Development Zone", "unit"),
    ("试验区", "Pilot Zone", "unit"), ("示范区", "Demonstration Zone", "unit"), ("自贸区", "Free Trade Zone", "unit"),
    ("经济圈", "Economic Circle", "unit"), ("城市群", "City Cluster", "unit"), ("都市圈", "Metropolitan Area", "unit"),
    ("国家公园", "National Park", "unit"),
    # facilities
    ("数据中心", "Data Center", "facility"), ("智算中心", "Intelligent Computing Center", "facility"),
    ("算力中心", "Computing Power Center", "facility"), ("超算中心", "Supercomputing Center", "facility"),
    ("云计算中心", "Cloud Computing Center", "facility"), ("计算中心", "Computing Center", "facility"),
    ("集群", "Cluster", "facility"), ("数据中心集群", "Data Center Cluster", "facility"),
    ("基地", "Base", "facility"), ("创新基地", "Innovation Base", "facility"),
    ("产业园", "Industrial Park", "facility"), ("产业园区", "Industrial Park", "facility"),
    ("园区", "Park", "facility"), ("科技园", "Science and Technology Park", "facility"),
    ("示范园", "Demonstration Park", "facility"), ("枢纽", "Hub", "facility"), ("节点", "Node", "facility"),
    ("枢纽节点", "Hub Node", "facility"), ("直联点", "Direct Connection Point", "facility"),
    ("骨干直联点", "Backbone Direct Connection Point", "facility"), ("实验室", "Laboratory", "facility"),
    ("重点实验室", "Key Laboratory", "facility"), ("平台", "Platform", "facility"), ("项目", "Project", "facility"),
    ("工程", "Project", "facility"), ("机房", "Server Room", "facility"), ("展厅", "Exhibition Hall", "facility"),
    ("电站", "Power Station", "facility"), ("光伏电站", "Photovoltaic Power Station", "facility"),
    ("产业集聚区", "Industrial Cluster Zone", "facility"), ("产业集中区", "Industrial Concentration Zone", "facility"),
    ("工业集中区", "Industrial Concentration Zone", "facility"),
    ("核电站", "Nuclear Power Plant", "facility"), ("算力站", "Computing Station", "facility"), ("变电站", "Substation", "facility"),
    ("抽水蓄能电站", "Pumped Storage Power Station", "facility"), ("医院", "Hospital", "facility"),
    ("人民医院", "People's Hospital", "facility"),
    ("孵化器", "Incubator", "facility"),
    # firms
    ("有限公司", "Co., Ltd.", "firm"), ("股份有限公司", "Co., Ltd.", "firm"),
    ("有限责任公司", "Co., Ltd.", "firm"), ("分公司", "Branch", "firm"), ("子公司", "Subsidiary", "firm"),
    ("公司", "Company", "firm"), ("集团", "Group", "firm"), ("控股", "Holdings", "firm"),
    ("科技", "Technology", "firm"), ("技术", "Technology", "firm"), ("信息技术", "Information Technology", "firm"),
    ("电子", "Electronics", "firm"), ("通信", "Communications", "firm"), ("投资", "Investment", "firm"),
    ("软件", "Software", "firm"),
    # bodies: government (they serve a place) and others
    ("人民政府", "People's Government", "government"), ("政府", "Government", "government"),
    ("指挥部", "Headquarters", "government"), ("援疆", "Xinjiang Aid", "word"), ("援藏", "Tibet Aid", "word"),
    ("人民政府办公厅", "General Office of the People's Government", "government"),
    ("办公厅", "General Office", "government"), ("办公室", "Office", "government"),
    ("发展和改革委员会", "Development and Reform Commission", "government"),
    ("发展改革委", "Development and Reform Commission", "government"),
    ("发改委", "Development and Reform Commission", "government"),
    ("工业和信息化厅", "Department of Industry and Information Technology", "government"),
    ("工业和信息化局", "Bureau of Industry and Information Technology", "government"),
    ("科学技术厅", "Department of Science and Technology", "government"),
    ("科技厅", "Department of Science and Technology", "government"),
    ("数据局", "Data Bureau", "government"), ("大数据局", "Big Data Bureau", "government"),
    ("大数据发展管理局", "Big Data Development Administration", "government"),
    ("能源局", "Energy Administration", "government"), ("管理局", "Administration", "government"),
    ("管理委员会", "Administrative Committee", "government"), ("管委会", "Administrative Committee", "government"),
    ("局", "Bureau", "government"), ("厅", "Department", "government"),
    ("委员会", "Commission", "body"), ("专家咨询委员会", "Expert Advisory Committee", "body"),
    ("研究院", "Research Institute", "body"), ("研究所", "Research Institute", "body"),
    ("研究中心", "Research Center", "body"), ("大学", "University", "body"), ("学院", "College", "body"),
    ("科学院", "Academy of Sciences", "body"), ("中心", "Center", "body"), ("促进中心", "Promotion Center", "body"),
    ("服务中心", "Service Center", "body"), ("信息中心", "Information Center", "body"),
    ("联盟", "Alliance", "body"), ("协会", "Association", "body"), ("学会", "Society", "body"),
    ("商会", "Chamber of Commerce", "body"), ("共同体", "Community", "body"), ("专班", "Task Force", "body"),
    ("工作专班", "Task Force", "body"), ("领导小组", "Leading Group", "body"),
    # events
    ("大会", "Conference", "event"), ("会议", "Meeting", "event"), ("论坛", "Forum", "event"),
    ("博览会", "Expo", "event"), ("峰会", "Summit", "event"), ("推介会", "Promotion Conference", "event"),
    ("交易会", "Trade Fair", "event"), ("展览会", "Exhibition", "event"), ("研讨会", "Seminar", "event"),
    ("发布会", "Launch Event", "event"), ("大赛", "Competition", "event"), ("年会", "Annual Meeting", "event"),
    # policies
    ("方案", "Plan", "policy"), ("实施方案", "Implementation Plan", "policy"), ("工作方案", "Work Plan", "policy"),
    ("行动方案", "Action Plan", "policy"), ("行动计划", "Action Plan", "policy"), ("计划", "Plan", "policy"),
    ("规划", "Plan", "policy"), ("意见", "Opinions", "policy"), ("指导意见", "Guiding Opinions", "policy"),
    ("实施意见", "Implementation Opinions", "policy"), ("指南", "Guide", "policy"), ("标准", "Standard", "policy"),
    ("地方标准", "Local Standard", "policy"), ("国家标准", "National Standard", "policy"),
    ("办法", "Measures", "policy"), ("管理办法", "Administrative Measures", "policy"), ("措施", "Measures", "policy"),
    ("若干措施", "Measures", "policy"), ("政策", "Policies", "policy"), ("通知", "Notice", "policy"),
    ("条例", "Regulations", "policy"), ("规定", "Provisions", "policy"), ("要求", "Requirements", "policy"),
    ("方法", "Method", "policy"), ("评价方法", "Evaluation Method", "policy"), ("等级评定", "Grading", "policy"),
    ("白皮书", "White Paper", "policy"), ("报告", "Report", "policy"), ("名单", "List", "policy"),
    # common words
    ("国家", "National", "word"), ("国家级", "National", "word"), ("省级", "Provincial", "word"),
    ("全国", "National", "word"), ("中国", "China", "word"), ("国际", "International", "word"),
    ("绿色", "Green", "word"), ("算力", "Computing Power", "word"), ("智算", "Intelligent Computing", "word"),
    ("超算", "Supercomputing", "word"), ("大数据", "Big Data", "word"), ("数据", "Data", "word"),
    ("东数西算", "East Data West Computing", "word"), ("一体化", "Integrated", "word"),
    ("云计算", "Cloud Computing", "word"), ("人工智能", "Artificial Intelligence", "word"),
    ("智能", "Intelligent", "word"), ("数字经济", "Digital Economy", "word"), ("数字", "Digital", "word"),
    ("信息", "Information", "word"), ("互联网", "Internet", "word"), ("网络", "Network", "word"),
    ("算力网络", "Computing Power Network", "word"), ("骨干", "Backbone", "word"),
    ("基础设施", "Infrastructure", "word"), ("产业", "Industry", "word"), ("工业", "Industry", "word"),
    ("发展", "Development", "word"), ("创新", "Innovation", "word"), ("高质量", "High-Quality", "word"),
    ("建设", "Construction", "word"), ("能源", "Energy", "word"), ("清洁能源", "Clean Energy", "word"),
    ("新能源", "New Energy", "word"), ("电力", "Power", "word"), ("绿电", "Green Power", "word"),
    ("零碳", "Zero-Carbon", "word"), ("低碳", "Low-Carbon", "word"), ("融合", "Integration", "word"),
    ("产教融合", "Industry-Education Integration", "word"), ("人才培养", "Talent Training", "word"),
    ("示范", "Demonstration", "word"), ("综合", "Comprehensive", "word"), ("调度", "Scheduling", "word"),
    ("服务", "Service", "word"), ("合作", "Cooperation", "word"), ("协同", "Synergy", "word"),
    ("算电协同", "Computing-Power Synergy", "word"), ("科学", "Science", "word"), ("工程技术", "Engineering Technology", "word"),
    ("经济", "Economic", "word"), ("应用", "Application", "word"), ("安全", "Security", "word"),
    ("网络安全", "Cybersecurity", "word"), ("东部", "Eastern", "word"), ("西部", "Western", "word"),
    ("中部", "Central", "word"), ("三年", "Three-Year", "word"),
    ("计算", "Computing", "word"), ("计算机", "Computer", "word"), ("信息化", "Informatization", "word"),
    ("交易", "Trading", "word"), ("交易所", "Exchange", "word"), ("交通", "Jiaotong", "word"),
    ("管理", "Administration", "word"), ("开发", "Development", "word"), ("高新技术", "High-Tech", "word"),
    ("经开区", "Economic Development Zone", "unit"),
    ("科学城", "Science City", "facility"), ("科技城", "Science and Technology City", "facility"),
    ("经济和信息化", "Economy and Informatization", "word"), ("工业和信息化", "Industry and Information Technology", "word"),
    ("科学技术", "Science and Technology", "word"), ("储能", "Energy Storage", "word"), ("光伏", "Photovoltaic", "word"), ("大模型", "Large Model", "word"), ("液冷", "Liquid Cooling", "word"),
    # well-known names that the gazetteer (ontology/registry.ttl, aliases.ttl) does not hold
    ("华为云", "Huawei Cloud", "name"),
    ("腾讯云", "Tencent Cloud", "name"), ("呼和浩特", "Hohhot", "name"), ("乌鲁木齐", "Urumqi", "name"),
    ("拉萨", "Lhasa", "name"), ("哈尔滨", "Harbin", "name"), ("喀什", "Kashgar", "name"),
    ("清华大学", "Tsinghua University", "name"), ("北京大学", "Peking University", "name"),
    ("中山大学", "Sun Yat-sen University", "name"),
)

#: Gazetteer classes whose names are places (their short forms are places too: 青海 for 青海省).
PLACE_TYPES = frozenset({
    "Country", "Province", "City", "Prefecture", "County", "District", "AdministrativeRegion",
    "GeographicRegion", "EconomicRegion",
})
#: Gazetteer classes whose names may stand inside a longer name (firms, bodies, places).
NAME_TYPES = PLACE_TYPES | {"Firm", "GovernmentBody", "ResearchInstitute"}
#: Two-character surnames, for :func:`romanise` of a person's name.
COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐",
})
_ORDINAL = re.compile(r"(?:第([零〇一二两三四五六七八九十百\d]+)(?:届|次|批)|首届)$")
_PHASE = re.compile(r"([一二三四五六七八九十\d]+)期$")
_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-+&]*")
_LATIN_END = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-+&]*$")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TOKEN = re.compile(f"{_HAN.pattern}|{_LATIN.pattern}|\\S")
#: A run of at most this many characters that jieba cuts into single characters is one word when romanised.
SHORT_NAME_CHARS = 4
_DROPPED = "“”‘’\"'「」『』《》〈〉"


@dataclass(frozen=True)
class Part:
    """A piece of a name: its Chinese, its English (None for a proper name) and its kind."""

    zh: str
    en: str | None
    kind: str


def english_name(zh: str, *, whole: bool = False) -> str | None:
    """The English name of a Chinese name, or None when no part of it is known.

    Known parts are translated, proper names romanised (see the module's rules):
    和林格尔集群 → "Helinge'er Cluster", 青海省 → "Qinghai Province". A bare proper
    name (西云) has no English name: use :func:`romanise` for it, under
    ``zh-Latn-pinyin``. With ``whole``, a name is translated only if every part of it
    is known (for headlines, where a romanised word among English ones reads badly).
    """
    known = _known_names().get(_clean(zh))
    if known:
        return known
    segments = _segments(zh)
    parts = [_parts(text) for text, _ in segments]
    flat = [p for group in parts for p in group]
    if not any(p.en is not None and p.kind not in ("latin", "punct") for p in flat):
        return None
    if whole and any(p.en is None for p in flat):
        return None
    pieces = []
    for (text, bracketed), group in zip(segments, parts):
        english = _render(group)
        pieces.append(f"({english})" if bracketed else english)
    return " ".join(p for p in pieces if p) or None


def romanise(zh: str, *, person: bool = False) -> str:
    """The Hanyu Pinyin of a Chinese text, without tones, word by word, each word capitalised.

    Words are jieba's; a word's syllables run together, with an apostrophe before a
    syllable that starts with a, o or e (西安 → "Xi'an", 和林格尔集群 → "Helinge'er Jiqun").
    Latin letters and digits are kept; Chinese punctuation becomes its ASCII form.
    With ``person``, the name is surname then given name (王海燕 → "Wang Haiyan",
    欧阳文 → "Ouyang Wen").
    """
    text = unicodedata.normalize("NFC", zh)
    if person and _HAN.fullmatch(text) and len(text) >= 2:
        size = 2 if text[:2] in COMPOUND_SURNAMES and len(text) > 2 else 1
        return f"{_word(text[:size])} {_word(text[size:])}"
    return _join(_tokens(text))


def _tokens(text: str) -> list[tuple[str, str]]:
    """A text as (kind, text) tokens: ``word`` (romanised or Latin), ``open``, ``close``, ``join``, ``punct``."""
    tokens: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(text):
        piece = match.group()
        if _HAN.fullmatch(piece):
            tokens += [("word", _word(w)) for w in _words(piece)]
        elif _LATIN.fullmatch(piece):
            tokens.append(("word", piece))
        else:
            tokens.append(_punctuation(piece))
    return tokens


def _word(word: str) -> str:
    """One word's syllables run together, apostrophes before a, o, e inside it, the first letter capitalised."""
    syllables = _syllables(word)
    out = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        out += ("'" if syllable[:1] in "aoe" else "") + syllable
    return out[:1].upper() + out[1:]


def _syllables(word: str) -> list[str]:
    from pypinyin import lazy_pinyin

    return [s for s in lazy_pinyin(word, v_to_u=True) if s]


def _words(run: str) -> list[str]:
    """jieba's words of a run of Chinese characters; a short run that jieba cuts into single characters is a name
    it does not know, and one word (鸠江 → Jiujiang)."""
    from kg.annotate.words import segmenter

    words = [w for w in segmenter().lcut(run, HMM=True) if w.strip()]
    return [run] if len(run) <= SHORT_NAME_CHARS and all(len(w) == 1 for w in words) else words


def _punctuation(piece: str) -> tuple[str, str]:
    if piece in "“‘「『《〈":
        return ("open", '"')
    if piece in "”’」』》〉":
        return ("close", '"')
    ascii_form = unicodedata.normalize("NFKC", piece)
    ascii_form = {"、": ",", "。": ".", "·": "-", "—": "-", "…": "..."}.get(piece, ascii_form)
    if ascii_form in "([{":
        return ("open", ascii_form)
    if ascii_form in ")]}":
        return ("close", ascii_form)
    if ascii_form in "-/":
        return ("join", ascii_form)
    return ("punct", ascii_form)


def _join(tokens: list[tuple[str, str]]) -> str:
    """Tokens as text: a space between words, none inside brackets or before punctuation."""
    out = ""
    previous = None
    for kind, text in tokens:
        glue = previous not in (None, "open", "join") and kind in ("word", "open")
        out += (" " if glue else "") + text
        previous = kind
    return out


def _clean(zh: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFC", zh).strip() if ch not in _DROPPED and not ch.isspace())


def _segments(zh: str) -> list[tuple[str, bool]]:
    """The name outside and inside brackets, in order: (text, bracketed)."""
    text = _clean(zh)
    segments, pos = [], 0
    for match in re.finditer(r"[（(]([^（）()]*)[）)]", text):
        if match.start() > pos:
            segments.append((text[pos : match.start()], False))
        if match.group(1):
            segments.append((match.group(1), True))
        pos = match.end()
    if pos < len(text):
        segments.append((text[pos:], False))
    return segments


def _parts(text: str) -> list[Part]:
    """A name cut into known parts and proper names: the longest known part ending at each place, from the end."""
    table = _table()
    longest = max(len(zh) for zh in table)
    found: list[Part] = []
    proper = ""  # the proper name read so far (backwards), not yet a part
    end = len(text)
    while end > 0:
        part = _special_before(text, end)
        if part is None:
            for size in range(min(longest, end), 0, -1):
                zh = text[end - size : end]
                entry = table.get(zh)
                if entry and (size > 1 or _may_end_here(text, end - 1, found, proper)):
                    part = Part(zh, *entry)
                    break
        if part is None:
            proper = text[end - 1] + proper
            end -= 1
            continue
        if proper:
            found.append(Part(proper, None, "proper"))
            proper = ""
        found.append(part)
        end -= len(part.zh)
    if proper:
        found.append(Part(proper, None, "proper"))
    return found[::-1]


def _may_end_here(text: str, start: int, found: list[Part], proper: str) -> bool:
    """A one-character part (市, 局) ends a name, or comes before a known part, after at least two characters of
    a proper name: 中卫市, 庆阳市数据局, but not 杭州 in 杭州市."""
    if proper:
        return False
    stem = text[:start]
    return len(stem) >= 2 and bool(_HAN.fullmatch(stem[-2:]))


def _special_before(text: str, end: int) -> Part | None:
    """An ordinal (第二届, 首届), a phase (二期) or Latin letters and digits ending at ``end``."""
    head = text[:end]
    for pattern, render in ((_ORDINAL, _ordinal), (_PHASE, lambda n: f"Phase {_number(n)}")):
        match = pattern.search(head)
        if match:
            return Part(match.group(), render(match.group(1) or "一"), "word")
    match = _LATIN_END.search(head)
    if match:
        return Part(match.group(), match.group(), "latin")
    if head[-1] in "·、，,-—/":
        return Part(head[-1], {"、": ",", "，": ","}.get(head[-1], "-" if head[-1] in "·—" else head[-1]), "punct")
    return None


def _number(numeral: str) -> int:
    if numeral.isdigit():
        return int(numeral)
    import cn2an

    return int(cn2an.cn2an(numeral, "smart"))


def _ordinal(numeral: str) -> str:
    n = _number(numeral)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _render(parts: list[Part]) -> str:
    """A segment's English: "<body> of <place>" for a government body after its place, else in order."""
    if parts and parts[-1].kind == "government":
        split = 0
        while split < len(parts) and parts[split].kind in ("place", "unit", "proper"):
            split += 1
        if 0 < split < len(parts) and parts[split - 1].kind in ("place", "unit"):
            places, group = [], []
            for part in parts[:split]:
                group.append(part)
                if part.kind in ("place", "unit"):
                    places.append(group)
                    group = []
            body = _in_order(parts[split:])
            return f"{body} of {', '.join(_in_order(g) for g in reversed(places))}"
    return _in_order(parts)


def _in_order(parts: list[Part]) -> str:
    tokens: list[tuple[str, str]] = []
    for part in parts:
        if part.kind == "proper":
            tokens += _tokens(part.zh)
        elif part.kind == "punct":
            tokens.append(("join" if part.en in "-/" else "punct", part.en))
        else:
            tokens.append(("word", part.en))
    return _join(tokens)


@cache
def _table() -> dict[str, tuple[str, str]]:
    """Every known part: Chinese → (English, kind); the gazetteer's names, then :data:`PARTS` over them."""
    table: dict[str, tuple[str, str]] = {}
    for zh, (en, kind) in _gazetteer_names().items():
        table[zh] = (en, kind)
    for zh, en, kind in PARTS:
        table[zh] = (en, kind)
    return table


@cache
def _known_names() -> dict[str, str]:
    """Whole names with a curated English name: the labels of the gazetteer's places, firms and bodies."""
    from kg.annotate.gazetteer import load_gazetteer

    return {_clean(e["label_zh"]): e["label_en"] for e in load_gazetteer()
            if e["type"] in NAME_TYPES and e.get("label_en")}


@cache
def _gazetteer_names() -> dict[str, tuple[str, str]]:
    """Names of places, firms and bodies the gazetteer knows (from ontology/registry.ttl and aliases.ttl), with
    their English; a place's short form (青海 for 青海省) gets the English less the unit's (Qinghai)."""
    from kg.annotate.gazetteer import load_gazetteer

    units = {zh: en for zh, en, kind in PARTS if kind == "unit"}
    names: dict[str, tuple[str, str]] = {}
    for entry in load_gazetteer():
        if entry["type"] not in NAME_TYPES or not entry.get("label_en"):
            continue
        place = entry["type"] in PLACE_TYPES
        kind = "place" if place else "name"
        label_zh, label_en = _clean(entry["label_zh"]), entry["label_en"]
        names.setdefault(label_zh, (label_en, kind))
        for alias in map(_clean, entry["names"]):
            if alias == label_zh or alias in names:
                continue
            unit = label_zh[len(alias):] if label_zh.startswith(alias) else ""
            if place and unit in units and label_en.endswith(" " + units[unit]):
                names[alias] = (label_en[: -len(units[unit]) - 1], kind)
            elif (place and (not unit or unit in units)) or entry["type"] == "Firm":
                names[alias] = (label_en, kind)  # 重庆 for 重庆市 ("Chongqing" for both); 华为公司 is Huawei
    return names
