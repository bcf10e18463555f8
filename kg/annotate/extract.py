"""The annotator's rules, as plain functions over text: names, figures, dates, relations.

The spaCy components in :mod:`kg.annotate.components` call these; keeping them
free of spaCy makes each rule easy to test on a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache

from kg.annotate import rules as R
from kg.annotate.words import COUNTRIES, WORLD_REGIONS, city_names, segmenter, tagged


@dataclass
class Mention:
    """A stretch of text that names something, and what the rules think it is."""

    start: int
    end: int
    text: str
    type: str
    source: str  # gazetteer | pattern
    confidence: float
    entity_id: str | None = None
    label_en: str | None = None
    alias_of: str | None = None  # the name this one is the text's short name for (（简称“龙岩国投”）)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class FigureFound:
    start: int
    end: int
    text: str
    value: Decimal
    unit: str
    comparator: str
    measure: str
    date: str | None
    subject: Mention | None = None


@dataclass
class RelationFound:
    subject: Mention
    predicate: str
    object: Mention
    start: int
    end: int
    confidence: float


@dataclass
class AttributeFound:
    subject: Mention
    property: str
    value: str | tuple[str, str]
    start: int
    end: int
    confidence: float = 0.7


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    mentions: list[Mention] = field(default_factory=list)


#: The rules read a sentence longer than this in pieces of at most this many characters (cut after a
#: comma where there is one), so that the work on one sentence stays bounded; news sentences are far shorter.
MAX_SENTENCE_CHARS = 1000
CLAUSE_ENDS = "，；：、,;: \t"


def sentence_windows(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """``text[start:end]`` as pieces of at most ``limit`` characters, cut after a clause where possible."""
    pieces = []
    while end - start > limit:
        cut = max(text.rfind(mark, start + limit // 2, start + limit) for mark in CLAUSE_ENDS) + 1
        cut = cut if cut > start else start + limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


# --- names ------------------------------------------------------------------------------

GENERIC_STEM_WORDS = sorted(
    """国家级 国家 全国 全省 大数据 数据 智算 超算 算力 产业 绿色 零碳 智能 计算 信息 网络 科技 创新 示范 融合
    新兴 重点 高质量 发展 建设 服务 综合 AI 云 大 新 首座 首个 该 本 一期 二期 项目 工程 技术
    上述 这些 这个 这座 此 其 各类 各个 多个 多家 一批 一座 一个 部分 相关 当地 本地 周边 其他 其它 全部 所有
    新建 在建 已建 拟建 现有 已有 大型 超大型 中型 小型 中小型 配套 先进 一流 骨干 头部 龙头 国内 国际 全球
    区域 城市 地方 省级 市级 县级 各地 多地 这里 那里 该地 核心 主要 集群 园区 基地 交易 调度 实验 试验 更多 水电 消纳
    数据中心 风电 光伏 储能 液冷 异构 通用 公共 共享 开放 统一 超级 人工智能 首家 唯一 全资 控股 子 下属 旗下 内陆 沿海 海水 冷却 边缘 传统 老旧 小散 能源 化工
    车企 药企 铝企 房企 国企 央企 民企 外企 山洞 云端 仿真 两地 多地 大片 一片 海底 海上 数字化 上市 仓储 智能仓储
    直连 直达 跨境 跨省 陆地 高速 专用 千伏 一条 多条 双路 环网 骨干网 企业 呼叫中心 呼叫 训练 梯级 本市 本省 本区 这座
    数字经济 一般 专业 灾备 容灾 备份 供给 同类 特色 规模化 养殖 异地 抽蓄 抽水蓄能 调峰 天然气 燃气 燃煤 火电 核电 变电
    全县 全市 全区 全州 全旗 存量 增量 初创 以上 以下 商业 沿海 井下 大小 旧 办公 自家 矿 内地 附近 周围 邻近 农业 工业 行业 制造业 文旅 医疗 教育 金融 政务 物流""".split(),
    key=len,
    reverse=True,
)


class Tokens:
    """Word boundaries of a text (jieba), to tell where a name can start."""

    def __init__(self, text: str) -> None:
        jieba = segmenter()
        self.text = text
        self.spans = [(start, end) for _, start, end in jieba.tokenize(text)]  # in order, tiling the text
        self._span_starts = [start for start, _ in self.spans]
        self.starts = set(self._span_starts)
        self.ends = {end for _, end in self.spans}
        self._token_ending = {}
        for start, end in self.spans:
            for pos in range(start + 1, end + 1):
                self._token_ending[pos] = (start, end)

    def token_before(self, pos: int) -> tuple[int, int]:
        """The token holding the character just before ``pos``."""
        return self._token_ending[pos]

    def spans_within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The tokens inside ``text[start:end]``, in order."""
        found = []
        for index in range(bisect_left(self._span_starts, start), len(self.spans)):
            span = self.spans[index]
            if span[0] >= end:
                break
            if span[1] <= end:
                found.append(span)
        return found


#: The one-character names of countries after 中 (中越, 中俄, 中欧): China and a country, one word of a name.
COUNTRY_INITIALS = frozenset("越俄老缅哈蒙欧美日韩泰巴德法英非阿吉乌塔马新印")


#: Characters before 都 that make it the adverb (他都, 谁都, 也都) or a nickname (稀土之都), not part of a name (玉都, 林都).
NOT_BEFORE_DU = frozenset("他她它我你谁人家也又还就们都全均大之首古")


#: The two portfolios of one government department (政务服务与数据管理局, 文化和旅游局, 自然资源和规划局).
DEPARTMENT_BEFORE = re.compile(r"(?:政务服务|服务|文化|工业|自然资源|科学技术|农业农村|人力资源|住房|发展|商务|交通运输)$")
DEPARTMENT_AFTER = re.compile(r"(?:数据|大数据|信息化|旅游|规划|社会保障|城乡建设|改革|口岸|物流)")


def name_start(tokens: Tokens, stem_end: int, *, limit: int = 24, allow: tuple[str, ...] = (),
               stop_at_regions: bool = False) -> int:
    """Where a name ending at ``stem_end`` starts: back, word by word, to punctuation or a boundary word.

    A short bracketed group (（青海）) and a quoted term (“东数西算”) inside the name are kept;
    ``allow`` lists boundary words a name may begin with (全省 of 全省……大会).
    """
    text = tokens.text
    pos = stem_end
    floor = max(0, stem_end - limit)
    while pos > floor:
        start, end = tokens.token_before(pos)
        word = text[start:end]
        ch = text[pos - 1]
        if ch in "）”" and end == pos:
            opening = text.rfind("（" if ch == "）" else "“", max(floor, pos - 14), pos - 1)
            inside = text[opening + 1 : pos - 1] if opening >= 0 else ""
            if opening >= floor and 0 < len(inside) <= 12 and not any(c in "，。；、《》“”（）\n" for c in inside):
                pos = opening
                continue
            break
        if ch in "—·" and pos - 2 >= floor and ("\u4e00" <= text[pos - 2] <= "\u9fff" or text[pos - 2] == "）") \
                and "\u4e00" <= text[pos : pos + 1] <= "\u9fff":
            pos -= 1  # 中国—东盟, 中国（红河）—越南: a dash between two names inside one
            continue
        if ch in R.PUNCTUATION or ch.isspace():
            break
        if end > pos and _adverb_and_preposition(text[start:pos]):
            break  # jieba's 可向算力 / 中心: an adverb and a preposition end the words before the name
        if end == pos and end - start >= 2 and word[-1] in "是在将由向从把被经对给" and not segmenter().dt.FREQ.get(word) \
                and not (word[-1] == "经" and text[pos : pos + 1] in "开济贸营信纬典"):  # (相城 / 经开区: jieba's 城经)
            break  # jieba's 电经 / 专线, 绿电是 / 集群: a word of no dictionary's that ends with a preposition or 是
        if end == pos and word in R.BOUNDARY_SET and word not in allow:
            if word in ("与", "和") and DEPARTMENT_BEFORE.search(text, max(floor, start - 6), start) \
                    and DEPARTMENT_AFTER.match(text, end):
                pos = start  # 政务服务与数据管理局, 文化和旅游厅: one body of two portfolios
                continue
            if word == "联合" and text[start - 2 : start] == "中国" and start - 2 >= floor:
                pos = start - 2  # 中国联合网络通信有限公司: China Unicom's legal name, not a verb
                continue
            if word == "中" and text[start - 1 : start] in PROVINCE_ABBREVIATIONS and start - 1 >= floor \
                    and tokens.token_before(start)[0] == start - 1:
                pos = start - 1  # 滇中, 关中: jieba reads 滇 / 中, but it is one place
                continue
            if word == "中" and text[end : end + 1] in COUNTRY_INITIALS and start >= floor:
                pos = start  # 中越（河口）跨境数据服务中心, 中俄: China and a country, one name
                continue
            if word == "都" and start - 1 >= floor and tokens.token_before(start)[0] == start - 1 \
                    and "\u4e00" <= text[start - 1] <= "\u9fff" and text[start - 1] not in NOT_BEFORE_DU \
                    and text[end : end + 1] not in "是在有已将要能会可把被为也还":
                pos = start  # 玉都光算, 林都冷数据中心: jieba reads 玉 / 都, 林 / 都, but it is one name (not 他都是)
                continue
            break
        if stop_at_regions and pos < stem_end and end == pos and word[-1] in "省市州县区" and word not in city_names():
            break  # (徐州 of 徐州经济技术开发区 is the city's short name, not a suffix)
        if start < floor:  # the limit falls inside a word: the name cannot take part of it
            break
        pos = start
    return pos


def _a_place_elsewhere(text: str, stem: str) -> bool:
    """Whether the stem opens with a word the text names as a place elsewhere (抚松 of 抚松县, 抚松经济开发区), though
    jieba knows it as a verb."""
    return any(len(stem) > k and re.search(re.escape(stem[:k]) + r"(?:县|市|区|镇|旗|经济开发区|经济技术开发区|高新区)", text)
               for k in (2, 3))


def _stem_is_generic(stem: str) -> bool:
    rest = re.sub(r"[\u4e00-\u9fff]{1,4}[型式]$", "", stem)  # 水电消纳型, 径流式: a kind, not a name
    for word in GENERIC_STEM_WORDS:
        rest = rest.replace(word, "")
    rest = re.sub(r"[\d“”（）\-]", "", rest)
    return not rest or (len(rest) >= 2 and rest in _verbs())  # 要求零碳数据中心: a verb and generic words


def pattern_mentions(text: str) -> list[Mention]:
    """Names found by their shape: titles in 《》, name suffixes, enumerations, people by their cues."""
    found, token_starts = chunk_pattern_mentions(text)
    return article_pattern_mentions(text, found, token_starts)


#: Where each rule's names go in the list of pattern names (the order in which the rules run).
_TITLES, _SUFFIXES, _ENUMERATIONS, _BRANCHES, _OWNERS, _PEOPLE, _LEXICON = range(7)

#: A pattern name with its place in the rules' order: (rule, rank within the rule), the name.
Keyed = tuple[tuple[int, int], Mention]


def chunk_pattern_mentions(text: str, offset: int = 0, tokens: Tokens | None = None) -> tuple[list[Keyed], set[int]]:
    """The names one chunk of an article shows by their shape, and where its words start.

    A chunk is a run of whole paragraphs (or a piece of a long one); offsets are
    shifted by ``offset``, where the chunk starts in the article. No rule reads
    across a line break, so the names of an article are those of its chunks;
    :func:`article_pattern_mentions` then adds those that need the whole article.
    """
    tokens = Tokens(text) if tokens is None else tokens  # the caller's, when it has segmented the chunk already
    found: list[Keyed] = [((_TITLES, 0), m) for m in _policy_titles(text)]
    found += [((_SUFFIXES, rank), m) for rank, m in _suffix_names(tokens)]
    found += [((_SUFFIXES, 0), m) for m in _national_centres(text)]
    found += [((_TITLES, 1), m) for m in _national_programmes(text)]
    found += [((_TITLES, 1), m) for m in _quoted_programmes(text)]
    found += [((_TITLES, 1), Mention(m.start(1), m.end(1), m.group(1), "Program", "pattern", 0.6))
              for m in VOUCHER.finditer(text)]
    found += [((_SUFFIXES, 0), m) for m in _ports(text)]
    found += [((_SUFFIXES, 0), m) for m in _prefecture_areas(tokens)]
    found += [((_SUFFIXES, 0), Mention(m.start(), m.end(), m.group(0), "GeographicRegion", "pattern", 0.6))
              for m in WORLD_REGION.finditer(text) if not _inside_a_country(text, m.start(), m.end())]
    found += [((_SUFFIXES, 0), m) for m in _province_parts(text, tokens.starts, tokens.ends)]
    found += [((_SUFFIXES, 0), m) for m in _free_trade_zones(text)]
    found += [((_ENUMERATIONS, 0), m) for m in _enumerations(tokens)]
    found += [((_BRANCHES, 0), m) for m in _branches(tokens)]
    found += [((_BRANCHES, 1), m) for m in _branch_offices(text)]
    found += [((_PEOPLE, rank), m) for rank, m in _people(text)]
    found += [((_LEXICON, 0), m) for m in _dictionary_places(tokens)]
    if offset:
        for _, m in found:
            m.start += offset
            m.end += offset
    return found, {start + offset for start in tokens.starts}


def article_pattern_mentions(text: str, found: list[Keyed], token_starts: set[int]) -> list[Mention]:
    """The pattern names of a whole article from those of its chunks (in the order of the article's chunks).

    Names come in the order the rules give them over the whole text; then the
    owners of facilities (美团 of 美团中卫数据中心) and every other place a name
    stands, which need the whole article.
    """
    people = [(m.start, m.end) for key, m in found if m.type == "Person"]
    lexicon = [m for key, m in found if key[0] == _LEXICON  # kept apart: they yield to every other name
               and not any(s < m.end and m.start < e for s, e in people)]  # (黄海 of 黄海涛)
    keyed = sorted((item for item in found if item[0][0] != _LEXICON), key=lambda item: item[0])  # a stable sort
    ordered = [m for _, m in keyed]
    split = next((i for i, (key, _) in enumerate(keyed) if key[0] > _OWNERS), len(keyed))
    names = ordered[:split] + _owners(ordered[:split], token_starts) + ordered[split:]
    names = names + _elsewhere(text, names)
    names = names + _places_opening_names(names)
    return names + _firm_short_names(text, names) + _quoted_short_names(text, names) + _abbreviations(text, names) \
        + _prefecture_short_names(text) + lexicon


def _prefecture_short_names(text: str) -> list[Mention]:
    """巴州, 克州, 博州: the everyday names of prefectures whose full names are long (general knowledge), each a
    mention of the prefecture, named in full (巴音郭楞蒙古自治州) where the text gives that."""
    found = []
    for short, opening in PREFECTURE_SHORT_NAMES.items():
        if short not in text:
            continue
        full = re.search(re.escape(opening) + r"[\u4e00-\u9fff]{0,8}?自治州", text)
        for match in re.finditer(re.escape(short), text):
            found.append(Mention(match.start(), match.end(), short, "Prefecture", "pattern", 0.6,
                                 alias_of=full.group(0) if full else None))
    return found


#: Prefectures better known by a short name than by their long ones (general knowledge): the short name and how the
#: full name opens.
PREFECTURE_SHORT_NAMES = {"巴州": "巴音郭楞", "克州": "克孜勒苏", "博州": "博尔塔拉"}


#: 龙岩市国有资产投资经营有限公司（简称“龙岩国投”）, ……（以下简称“黄河公司”）: the short name a text gives a name.
ABBREVIATION = re.compile(r"[（(](?:以下)?简称[为：:]?(?:“([^“”（）\n]{2,12})”|([^“”（）\n，。；]{2,10}))[）)]")
#: (《……》（以下简称《措施》） is a policy's, which its title rules find.)
ABBREVIATED_TYPES_NOT = frozenset({"Person", "Province", "Prefecture", "City", "AdministrativeRegion", "Country", "Policy"})


def _abbreviations(text: str, found: list[Mention]) -> list[Mention]:
    """The short name a text gives a name in brackets (简称“X”) is a mention of it there and wherever it stands after."""
    extra = []
    for match in ABBREVIATION.finditer(text):
        named = max((m for m in found if m.end == match.start() and m.type not in ABBREVIATED_TYPES_NOT),
                    key=lambda m: m.end - m.start, default=None)
        if named is None:
            continue
        group = 1 if match.group(1) else 2  # （以下简称锂辰集团）: the short name without quotes
        short, start = match.group(group), match.start(group)
        while start >= 0:
            extra.append(Mention(start, start + len(short), short, named.type, "pattern", 0.65, alias_of=named.text))
            start = text.find(short, start + len(short))
    return extra


def _quoted_short_names(text: str, found: list[Mention]) -> list[Mention]:
    """A facility named by a quoted name and its kind (“陇原一号”绿色数据中心) is that quoted name elsewhere too."""
    seen = {(m.start, m.end) for m in found}
    quoted = {}
    for m in found:
        match = re.match(r"“([^“”]{2,12})”", m.text)
        if match and len(m.text) - match.end() >= 3 and re.search(r"(中心|平台|集群|电站|产业园|园区)$", m.text) \
                and m.type not in ("Person", "Firm"):  # not 曲靖是“绿色铝”基地
            quoted.setdefault(match.group(1), m)
    extra = []
    where = occurrences(text, quoted)
    for name, m in quoted.items():
        for start in where[name]:
            if m.start < start < m.end:
                continue
            end = start + len(name)
            if (start, end) not in seen and not text.startswith(name + "”工程", start):
                extra.append(Mention(start, end, name, m.type, "pattern", m.confidence - 0.1))
    return extra


def _places_opening_names(names: list[Mention]) -> list[Mention]:
    """A city or province that opens a longer name is a mention of it too (兰州 of 兰州新区, 海南 of 海南自由贸易港), as
    the place inside a name always is; not where the place's own name goes on (海南州 is no 海南)."""
    cities, provinces = city_names(), known_place_names()
    spans = {m.span for m in names}
    found = []
    for m in names:
        if m.type == "Person" or m.type == "Country":
            continue
        for size in (3, 2):
            head = m.text[:size]
            rest = m.text[size:]
            if len(rest) < 2 or rest[0] in "州市县区省盟旗镇乡" or (m.start, m.start + size) in spans:
                continue
            if head in cities:
                found.append(Mention(m.start, m.start + size, head, "City", "pattern", 0.5))
            elif (head in provinces or head + "省" in provinces or head + "市" in provinces) and not re.search(r"[省市]$", head):
                found.append(Mention(m.start, m.start + size, head, "Province", "pattern", 0.5))
            else:
                continue
            spans.add((m.start, m.start + size))
            break
    return found


#: A firm's legal form, and the words of its trade that its short name leaves out.
LEGAL_FORM = re.compile(r"(集团)?(股份)?(有限责任公司|有限公司)$|集团$")
TRADE_WORDS = re.compile(r"(科技|物流|信息|数据|能源|网络|技术|发展|投资|实业|新材料|新能源|数智|智能|算力|云网|电力|通信|"
                         r"控股|集团|股份|产业|服务|工程|建设|电池|电气|装备|材料|化工|电子|软件|数字|机械|储能|光电|"
                         r"零部件|部件|器件|设备|机床|仪器|制造)+$")


def firm_short_names(name: str) -> list[str]:
    """The short names a full firm name may be known by, longest first: no legal form, no place before it, and
    fewer or no trade words (鄂尔多斯蒙云算力科技有限公司 → 蒙云算力科技, 蒙云算力, 蒙云)."""
    if not LEGAL_FORM.search(name) or "（" in name:
        return []
    rest = LEGAL_FORM.sub("", name)
    places = general_places()  # provinces and cities (华阳 of 华阳集团 is no place here)
    for size in (4, 3, 2):
        head = rest[:size]
        if len(head) == size and (head in places or (size >= 3 and head[-1] in "省市县区" and head[:-1] in places)):
            rest = rest[size:]
            break
    full = LEGAL_FORM.sub("", name)
    names = [full] if rest != full and rest and full not in _all_place_words() else []  # 大庆油田 of 大庆油田有限责任公司
    names.append(rest)
    while (shorter := re.sub(r"(" + TRADE_WORDS.pattern[1:].split(")+$")[0] + r")$", "", names[-1])) != names[-1]:
        names.append(shorter)
    head = full[: len(full) - len(rest)]
    if head and head[-1] not in "省市县区" and len(rest) >= 4:  # 金华精工 of 金华精工机床有限公司: the place and the first
        names.insert(1, head + rest[:2])                       # two characters of what follows (not its core)
    return [n for n in names if 2 <= len(n) <= 6 and re.fullmatch(r"[\u4e00-\u9fff]+", n) and n != name
            and not TRADE_WORDS.fullmatch(n) and not _stem_is_generic(n) and n not in _common_nouns()]


@cache
def _verbs() -> frozenset[str]:
    """The words jieba's dictionary tags as verbs, places aside."""
    return tagged("v") - _all_place_words()


@cache
def _common_nouns() -> frozenset[str]:
    """The words jieba's dictionary tags as common nouns (油田, 港口): no firm's short name on their own."""
    return tagged("n")


def firm_core(name: str) -> str | None:
    """The shortest short name of a firm (成都陆港智运物流有限公司 → 陆港智运, 华阳新材料科技集团有限公司 → 华阳); None
    when nothing distinctive is left."""
    names = [n for n in firm_short_names(name) if len(n) <= 4]
    return names[-1] if names else None


def _firm_short_names(text: str, found: list[Mention]) -> list[Mention]:
    """Every place a firm's short name stands on its own (陆港智运总经理……, 华阳集团) once its full name is found."""
    seen = {(m.start, m.end) for m in found}
    extra = []
    cores = {}
    for m in found:
        if m.type == "Firm":
            for core in firm_short_names(m.text):
                cores.setdefault(core, m)
    where = occurrences(text, cores)
    covered = bytearray(len(text) + 1)  # where a name stands: a short name inside one is no mention of its own
    for m in found:  # (a bare firm's name found elsewhere, 云擎, may grow into a short name at its place: 云擎科技)
        if not (m.type == "Firm" and m.end - m.start <= 3):
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    for core, full in sorted(cores.items(), key=lambda item: -len(item[0])):  # the longest short name first
        for start in where[core]:
            end = start + len(core)
            if any(covered[start:end]):
                continue  # inside a name (the full name itself, 华阳 of 华阳集团, 蒙云 of 蒙云算力 found before it)
            covered[start:end] = b"\x01" * (end - start)
            if (start, end) not in seen:
                extra.append(Mention(start, end, core, "Firm", "pattern", full.confidence - 0.1))
    return extra


def _owners(found: list[Mention], token_starts: set[int]) -> list[Mention]:
    """A facility named owner + place + kind (美团中卫数据中心): the owner is a firm."""
    places = set()
    for m in found:
        if m.type in ("Province", "Prefecture", "City", "AdministrativeRegion"):
            places.add(m.text)
            places.add(re.sub(r"(省|市|县|新区|自治区)$", "", m.text))
    long_places = {p for p in places if len(p) >= 2} | city_names()  # 吉利汽车金华……中心: a city of the list too
    place_sizes = sorted({len(p) for p in long_places})
    known = {p for p in known_place_names() if len(p) >= 2} | long_places
    owners = []
    for facility in (m for m in found if m.type in ("DataCenter", "Facility", "IndustrialPark", "InnovationBase")):
        name = facility.text
        for size in (2, 3, 4):
            prefix, rest = name[:size], name[size:]
            if not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", prefix) or prefix in DIRECTIONS:
                continue
            if (any(rest[:k] in long_places for k in place_sizes if k <= len(rest))  # rest starts with a place
                    and not any(prefix[:k] in known for k in range(2, len(prefix) + 1))  # prefix is no place
                    and prefix not in places and (facility.start + size) in token_starts):
                owners.append(Mention(facility.start, facility.start + size, prefix, "Firm", "pattern", 0.55))
                break
    return owners


def _elsewhere(text: str, found: list[Mention]) -> list[Mention]:
    """A name found once is that name wherever else it stands (one sense per article)."""
    extra = []
    seen = {(m.start, m.end) for m in found}
    # a name that only begins a longer name of its kind (乌兰察布数据中心 of 乌兰察布数据中心集群) is no name of its own
    longer_at = {}
    for m in found:
        key = (m.start, m.type)
        longer_at[key] = max(longer_at.get(key, 0), m.end)
    ends_of_longer = {}
    for m in found:
        ends_of_longer.setdefault((m.end, m.type), []).append(m.start)
    first: dict[str, Mention] = {}  # each name as the rules first found it
    for m in found:
        if (m.type != "Person" or len(m.text) >= 3) and len(m.text) >= 2 and longer_at[(m.start, m.type)] == m.end:
            first.setdefault(m.text, m)
    where = occurrences(text, first)
    # a firm's own short name inside its full name (云擎 of 深圳云擎科技股份有限公司) is no mention of its own
    full_names = [(f.start, f.end, set(firm_short_names(f.text))) for f in found if f.type == "Firm" and LEGAL_FORM.search(f.text)]
    for name, m in first.items():
        for start in where[name]:
            end = start + len(name)
            if any(s < start for s in ends_of_longer.get((end, m.type), ())):
                continue  # the end of a longer name of its kind (阿里云乌兰察布数据中心)
            if m.type == "Firm" and any(s <= start and end <= e and name in shorts for s, e, shorts in full_names):
                continue
            if text[m.start - 1 : m.start] == "《" and len(name) <= 6 and not (
                    text[start - 1 : start] == "《" and text[end : end + 1] == "》"):
                continue  # 《规划》 is the plan, but 规划用地 and ……发展规划（2025—2027年） are not
            if (start, end) not in seen:
                seen.add((start, start + len(name)))
                extra.append(Mention(start, start + len(name), name, m.type, "pattern", m.confidence - 0.05))
    return extra


def occurrences(text: str, names: Iterable[str]) -> dict[str, list[int]]:
    """Where each name (of two characters or more) occurs, as ``re.finditer`` finds it: left to right, not
    overlapping itself. One pass over the text for all the names, by their first two characters."""
    found: dict[str, list[int]] = {}
    by_head: dict[str, list[str]] = {}
    for name in names:
        if name not in found:
            found[name] = []
            by_head.setdefault(name[:2], []).append(name)
    if not by_head:
        return found
    firsts = {head[0] for head in by_head}
    for pos, ch in enumerate(text):
        if ch in firsts:
            for name in by_head.get(text[pos : pos + 2], ()):
                starts = found[name]
                if text.startswith(name, pos) and (not starts or pos >= starts[-1] + len(name)):
                    starts.append(pos)
    return found


@cache
def known_place_names() -> frozenset[str]:
    """Names of the registry's places (provinces and their short forms): general knowledge, not an article's."""
    from rdflib import Graph, Literal
    from rdflib.namespace import RDFS, SKOS

    from kg.annotate.gazetteer import REGISTRY_FILE

    registry = Graph().parse(REGISTRY_FILE, format="turtle")
    names = {str(o) for p in (RDFS.label, SKOS.altLabel) for o in registry.objects(None, p)
             if isinstance(o, Literal) and o.language == "zh"}
    return frozenset(names)


@cache
def general_places() -> frozenset[str]:
    """Provinces and prefecture-level cities by their names of general knowledge (the registry's and the list's)."""
    return known_place_names() | city_names()


NOT_PLACES = {"集团", "控股", "股份", "有限", "中国", "筹", "试行", "暂行", "草案", "征求意见稿"}
DIRECTIONS = {"东部", "西部", "南部", "北部", "中部", "西北", "东北", "西南", "东南", "华北", "华东", "华南", "华中",
              "西", "东", "南", "北"}


def _branches(tokens: Tokens) -> list[Mention]:
    """X（Y）, Y a place: a branch of firm X in Y (中国联通（青海）), and X the firm itself."""
    text = tokens.text
    found = []
    for match in re.finditer(r"（([\u4e00-\u9fff]{2,8})）", text):
        place = match.group(1)
        if not (re.search(r"(省|市|自治区|州|县)$", place) or len(place) <= 3) or place in NOT_PLACES \
                or re.match(r"第[\d" + R.CHINESE_DIGITS + r"]+[批期届次]$", place):
            continue  # 内蒙古电力（集团）, ……名单（第一批）: no branch
        start = name_start(tokens, match.start(), limit=10)
        lead = re.match(r"(第[\d" + R.CHINESE_DIGITS + r"]+届|首届|\d{4}年?)", text[start : match.start()])
        if lead:  # 第四届中国（武汉）人工智能算力大会: an event's name, no firm
            continue
        parent = text[start : match.start()]
        if parent in COUNTRIES and not re.match(r"[\u4e00-\u9fff]{0,8}?(公司|集团|银行)", text[match.end() :]) \
                and re.match(r"[\u4e00-\u9fff]{2,16}?(大会|论坛|峰会|博览会|会议|展览会|交易会|中心|基地|集群|示范区)",
                             text[match.end() :]):
            continue  # 中国（武汉）人工智能算力大会, 中国（西部）……中心: the country and a place open a name
        if re.search(r"(湾区|三角|经济圈|城市群|都市圈|地区|走廊|新区|示范区|东盟)$", parent):
            continue  # 粤港澳大湾区（肇庆）绿色算力集群: a region and its place open a name
        if (len(parent) < 2 or re.search(r"(省|市|自治区|州|县)$", parent) or parent in general_places()
                or (len(parent) == 2 and parent[0] == "中" and parent[1] in COUNTRY_INITIALS)  # 中越（河口）……: no firm
                or parent in DIRECTIONS or parent[0].isdigit()):
            continue  # 西部（重庆）科学城: a direction, 聊城（临清）……中心: a city, not a firm
        if re.match(r"(股份)?(有限公司|有限责任公司)", text[match.end() :]):
            continue  # 维森智能制造（苏州）有限公司: one legal name, which its suffix finds
        kind = "ResearchInstitute" if re.search(r"(大学|学院)$", parent) else "Firm"  # 哈尔滨工业大学（威海）: a campus
        found.append(Mention(start, match.end(), text[start : match.end()], kind, "pattern", 0.6))
        found.append(Mention(start, match.start(), parent, kind, "pattern", 0.6))
    return found


#: A branch office named by its parent, a place and its kind: 兴业银行南宁分行, 中国电信广西分公司.
BRANCH_OFFICE = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:银行|公司|集团))([\u4e00-\u9fff]{2,5}?)(?:省|市|自治区)?(分行|支行|分公司|分院)")


def _branch_offices(text: str) -> list[Mention]:
    """The parent of a branch office, where a known place stands between the two (the branch is found by its
    suffix)."""
    found = []
    places = general_places()
    for match in BRANCH_OFFICE.finditer(text):
        if match.group(2) in places and not match.group(1).endswith(match.group(2)):
            found.append(Mention(match.start(1), match.end(1), match.group(1), "Firm", "pattern", 0.6))
    return found


#: Words jieba's dictionary calls places but that stand for no place on their own here.
NOT_DICTIONARY_PLACES = frozenset("""新区 新城 新建 山洞 中科 京东 万国 大湾 天津港 粤港澳 两江 东方 中华 华夏 神州 九州
    高原 大海 海洋 海上 海底 城市 良港 农村 乡村 城乡 山区 地方 沿海 内地 边疆 西部 东部 南方 北方 中部 全国 国内 国外 海外 省内 市内 县城
    港口 城区 市区 郊区 牧区 库区 园区 社区 景区 边境 口岸 都市 大陆 本地 当地 异地 各地 两地 外地 老区 特区
    开园 太阳 苏区 湾区 中欧 欧亚 嘉宾 海岛 南区 北区 东区 西区 中区 长达 东南 西南 东北 西北 华南 华北 华东 城镇 蓝海
    上岗 上市 维度 深度 山河 智联 新园 天府 冰城 油城 煤城 钢城 东西 长大 山坡 上铺 之城""".split())


#: Characters of common words for water, land and shore (湖水, 江湖, 临湖, 湖畔): a dictionary place word made of
#: them alone is a common word, not a named place, unless it is one of these places.
GEOGRAPHY_CHARS = frozenset("湖水江河山海岛岸畔临沿滨边田地林草原溪泉港湾洋峰谷川")
GEOGRAPHY_WORD_PLACES = frozenset("临川 临江 临海 临泉 临港 海原 滨江 滨海 江山 洋山港".split())

#: 日照 is a city, and sunshine: 日照充足, 年日照时数.
SUNSHINE = re.compile(r"日照(?:充足|时数|时间|小时|资源|条件|强度|丰富|时长|长|好|足)")


def _dictionary_places(tokens: Tokens) -> list[Mention]:
    """Places by jieba's dictionary (its words tagged ns: 成都, 郑州, 江宁): a place named without its suffix that
    no rule finds. They yield to every other name (see :func:`resolve`): 万国 of 万国数据 is no place."""
    places = _place_words()
    found = []
    for start, end in tokens.spans:
        word = tokens.text[start:end]
        if word in COUNTRIES and word != "中国":  # 哈萨克斯坦, 乌兹别克斯坦: a country, inside names too, whatever its length
            found.append(Mention(start, end, word, "Country", "pattern", 0.5))
            continue
        if 2 <= end - start <= 4 and word in places and word not in NOT_DICTIONARY_PLACES \
                and re.fullmatch(r"[\u4e00-\u9fff]+", word):
            # a city of the list is a place inside other names too (金华 of 金华智算中心); jieba's other place
            # words only where no other name stands
            if word in COUNTRIES and word != "中国":  # 俄罗斯 of 俄罗斯秋明州: a country, inside names too
                found.append(Mention(start, end, word, "Country", "pattern", 0.5))
                continue
            head = next((word[:k] for k in (3, 2) if word[:k] in known_place_names() and word[k:] in city_names()), None)
            if head:  # 甘肃兰州, 河北张家口: a province's short name and a city, one word to jieba
                found.append(Mention(start + len(head), end, word[len(head):], "City", "pattern", 0.5))
                continue
            if word in EXTRA_VERBS or word in COMMON_SUFFIX_WORDS or (set(word) <= GEOGRAPHY_CHARS and word not in GEOGRAPHY_WORD_PLACES) \
                    or SUNSHINE.match(tokens.text, start):
                continue  # 扎根 (jieba tags it ns), 湖水 and 临湖: common words; 日照充足: sunshine
            source = "pattern" if word in city_names() else "lexicon"
            if source == "lexicon" and _common_use(tokens, start, end):
                continue  # 深度融合, 山坡下, 江水奔涌, 在交易所上市: jieba's place word used as a common word
            found.append(Mention(start, end, word, "City", source, 0.5 if source == "pattern" else 0.45))
    return found


#: Words after a noun that say where on it (山坡下, 河谷两侧): what they follow is a thing, not a named place.
LOCATIVES = frozenset("上 下 里 中 边 旁 内 外 两侧 两岸 一带 深处 之间 之上 之下".split())


def _common_use(tokens: Tokens, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` is used as a common word: a verb or a locative follows it, and no word
    that leads to a place (在, 位于) comes before it (论坛在松山湖开幕); a named mountain or lake keeps its name
    (哀牢山下)."""
    text = tokens.text
    if end >= len(text) or end not in tokens.starts or re.search(r"[山湖岛峡江河海]$", text[start:end]):
        return False
    if start > 0 and text[tokens.token_before(start)[0] : start] in ("在", "于", "到", "赴", "从", "至", "位于", "落户",
                                                                    "来到", "走进", "扎根", "选址") \
            or re.search(r"[省市县区州旗]$", text[max(0, start - 1) : start]):  # 桐乡市乌镇举行: an address
        return False
    following = next((tokens.text[s:e] for s, e in tokens.spans_within(end, min(len(tokens.text), end + 6))[:1]), "")
    return following in LOCATIVES or following in _verb_like()


@cache
def _verb_like() -> frozenset[str]:
    """Verbs and verbal nouns (融合, 发展), places aside."""
    return tagged("v", "vn", "vd", "vi") - _all_place_words()


#: The national supercomputing centres are named 国家超级计算 + city + 中心 (国家超级计算长沙中心, 国家超算郑州中心).
NATIONAL_CENTRE = re.compile(r"国家超(?:级计)?算[\u4e00-\u9fff]{2,3}中心(?:[\u4e00-\u9fff]{2,3}分中心)?")


#: A national supercomputing centre by the short name everyone uses for it: 济南超算, 无锡超算中心.
CITY_SUPERCOMPUTER = re.compile(r"([\u4e00-\u9fff]{2,3}?)超算(中心)?")


#: 东南亚, 中亚: regions of the world, wherever they stand (not 东南亚洲).
WORLD_REGION = re.compile("(?:" + "|".join(sorted(WORLD_REGIONS, key=len, reverse=True)) + ")(?!洲)")


def _inside_a_country(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is part of a country's name (西亚 of 马来西亚)."""
    return any(end - start < length and begin + length >= end
               for begin in range(max(0, start - LONGEST_COUNTRY + 1), start + 1)
               if (length := _foreign_country_at(text, begin)))


#: Ends of the names of rivers, lakes, seas and mountains: natural features, no part of an administrative place.
NATURAL_FEATURE = re.compile(r"(江|河|湖|海|池|水库|山|岭|湾)$")


#: 粤东北, 渝东南, 晋北, 陇东南, 皖北地区: a part of a province by the province's one-character name and a direction.
PROVINCE_PART = re.compile(r"[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘陇青宁疆]"
                           r"(?:东南|东北|西南|西北|东|西|南|北|中)(?:部|地区)?")


def _province_parts(text: str, token_starts: set[int], token_ends: set[int]) -> list[Mention]:
    """粤东北, 渝东南地区: parts of a province, as whole words (not 京东 the firm, 京东方, 陕西 the province, 晋中 the
    city: names of places of their own)."""
    places = general_places()
    found = []
    for match in PROVINCE_PART.finditer(text):
        name = match.group(0)
        bare = re.sub(r"(部|地区)$", "", name)
        if name in places or bare in places or bare in known_place_names() or bare == "京东" \
                or match.start() not in token_starts or match.end() not in token_ends:
            continue
        found.append(Mention(match.start(), match.end(), name, "GeographicRegion", "pattern", 0.55))
    return found


#: The prefectures still called 地区 (general knowledge): 阿克苏地区 is one name, where 张家口地区 is the area of a city.
PREFECTURE_AREA = re.compile("(?:阿克苏|喀什|和田|塔城|阿勒泰|阿里|大兴安岭)地区|(?:锡林郭勒|阿拉善|兴安)盟")  # and the leagues


def _prefecture_areas(tokens: Tokens) -> list[Mention]:
    """A prefecture that keeps the old name 地区 (阿克苏地区, 喀什地区), or a league of Inner Mongolia (阿拉善盟): its
    name and 地区 or 盟, one name."""
    return [Mention(m.start(), m.end(), m.group(0), "Prefecture", "pattern", 0.65)
            for m in PREFECTURE_AREA.finditer(tokens.text) if m.start() in tokens.starts]


def _national_centres(text: str) -> list[Mention]:
    found = []
    for m in NATIONAL_CENTRE.finditer(text):
        found.append(Mention(m.start(), m.end(), m.group(0), "DataCenter", "pattern", 0.7))
        if m.group(0).endswith("分中心"):  # 国家超级计算济南中心 of its 临沂分中心
            parent = re.match(r".*?中心", m.group(0)).group(0)
            found.append(Mention(m.start(), m.start() + len(parent), parent, "DataCenter", "pattern", 0.7))
    found += [Mention(m.start(), m.end(), m.group(0), "DataCenter", "pattern", 0.6) for m in CITY_SUPERCOMPUTER.finditer(text)
              if m.group(1) in city_names() and text[m.start() - 2 : m.start()] not in ("国家", "级计")]
    return found


#: National programmes by their shape: 国家大数据综合试验区, 全国一体化算力网络试点, 国家人工智能创新应用先导区, and a quoted
#: special programme (“算力惠企”专项).
NATIONAL_PROGRAMME = re.compile(r"(?:国家|全国)[\u4e00-\u9fff]{2,14}?(?:试验区|先导区|试点|示范区|示范基地|枢纽节点)"
                                r"|国家数据中心集群|“[^“”]{2,10}”专项")


def _national_programmes(text: str) -> list[Mention]:
    found = []
    for match in NATIONAL_PROGRAMME.finditer(text):
        name, start = match.group(0), match.start()
        last = max(name.rfind("国家"), name.rfind("全国"))
        if last > 0 and len(name) - last > 6:  # 全国首个国家大数据综合试验区: the programme is the last 国家……
            name, start = name[last:], start + last
        stem = re.sub(r"(试验区|先导区|试点|示范区|示范基地|枢纽节点)$", "", name)[2:]
        if not name.startswith("“") and (re.search(r"[省市县州]|首个|首批|级", stem) or len(stem) < 2):
            continue  # 国家级……: a rank, not a programme's name
        found.append(Mention(start, start + len(name), name, "Program", "pattern", 0.65))
    return found


#: A quoted programme of selected projects or zones (首批“汽车行业算力应用示范项目”, “京津冀绿电算力协同示范区”).
QUOTED_PROGRAMME = re.compile(r"“([^“”，。；]{2,24}?(?:示范项目|示范工程|试点项目|试点|示范区|示范基地|先行区|试验区))”")


def _quoted_programmes(text: str) -> list[Mention]:
    return [Mention(m.start(1), m.end(1), m.group(1), "Program", "pattern", 0.75) for m in QUOTED_PROGRAMME.finditer(text)]


#: Vouchers a government hands out for computing power, data or models (算力券, “算力券”): a programme.
VOUCHER = re.compile(r"((?:算力|数据|模型)券)(?!商)")


#: A port named by its city or cities (日照港, 宁波舟山港): a facility.
PORT = re.compile(r"([\u4e00-\u9fff]{2,6}?)港(?![区口澳城务股集])")


def _ports(text: str) -> list[Mention]:
    cities = general_places()  # 天津港: a municipality's port too
    found = []
    for match in PORT.finditer(text):
        stem = match.group(1)
        for size in (2, 3, 4):  # the stem is one city or two (宁波舟山)
            if stem[-size:] in cities:
                rest = stem[: len(stem) - size]
                start = match.start(1) + len(rest)
                if rest[-2:] in cities:
                    start -= 2
                found.append(Mention(start, match.end(), text[start : match.end()], "Facility", "pattern", 0.55))
                break
    return found


#: Free-trade zones and their areas: 中国（福建）自由贸易试验区, ……厦门片区, 海南自由贸易港.
FREE_TRADE_ZONE = re.compile(r"(中国（[\u4e00-\u9fff]{2,4}）|[\u4e00-\u9fff]{2,3})(自由贸易试验区|自贸试验区)"
                             r"([\u4e00-\u9fff]{2,4}片区)?")


def _free_trade_zones(text: str) -> list[Mention]:
    """A free-trade zone by its full name, and the area of it a longer name adds (……自由贸易试验区厦门片区)."""
    found = []
    for match in FREE_TRADE_ZONE.finditer(text):
        if not match.group(1).startswith("中国") and match.group(1) not in known_place_names():
            continue  # 在自贸试验区: no name
        zone_end = match.end(2)
        found.append(Mention(match.start(), zone_end, text[match.start() : zone_end], "EconomicRegion", "pattern", 0.7))
        if match.group(3):
            found.append(Mention(match.start(), match.end(), match.group(0), "EconomicRegion", "pattern", 0.7))
    return found


def _policy_titles(text: str) -> list[Mention]:
    found = []
    for match in re.finditer(r"《([^《》\n]{2,40})》", text):
        title = match.group(1)
        kind = next((t for suffix, t in R.POLICY_TITLE_TYPES if title.endswith(suffix)), "Policy")
        found.append(Mention(match.start(1), match.end(1), title, kind, "pattern", 0.9))
    return found


def _suffix_names(tokens: Tokens) -> list[tuple[int, Mention]]:
    """Names by their suffix, each with the rank of its suffix (longest first)."""
    text = tokens.text
    found = []
    ends: dict[int, int] = {}  # end -> length of the longest suffix already used there
    longest: dict[int, str] = {}  # end -> the longest suffix the text has there, a name or not
    for rank, (suffix, kind) in enumerate(R.SUFFIX_TYPES):
        for match in re.finditer(re.escape(suffix), text):
            begin, end = match.span()
            if ends.get(end, 0) > len(suffix):
                continue
            if longest.setdefault(end, suffix) != suffix and suffix in R.ONLY_LONGEST:
                continue  # 梯级水电站: the longer suffix 水电站 was no name here, nor is 电站
            region = kind in ("Province", "Prefecture", "City", "AdministrativeRegion", "GeographicRegion")
            if len(suffix) == 1 and not _single_suffix_ok(tokens, begin, end, region):
                continue
            if suffix == "州" and text[begin - 1 : end] in city_names():
                continue  # 甘肃兰州: the city 兰州, not a prefecture 甘肃兰州
            if suffix == "公司" and text[begin - 1 : begin] == "子":
                continue  # 酒钢集团全资子公司甘肃酒钢……: a subsidiary, said of the firm before it; no name
            if len(suffix) == 1 and text[begin - 1 : begin] == suffix and text[end : end + 1] == "长":
                continue  # 文化和旅游局局长: the second 局 opens the title
            if text[max(0, end - 2) : end] in COMMON_SUFFIX_WORDS:
                continue  # 芯片封测重镇, 数字经济大省: a common word, no name
            if suffix == "区":  # 集宁区, 三峡库区: the district is one word, or one word and 区
                if ends.get(end, 0) > 1 or text[begin - 1 : begin] == "市":
                    continue  # 自治区, 新区: a longer suffix ends here; 鄂尔多斯市区: the city's urban area
                word = tokens.token_before(end)
                if text[word[0] : word[1]].endswith("小区"):
                    continue  # 居民小区: housing, no district
                start = word[0] if word[0] < begin else tokens.token_before(begin)[0]
                if text[start] in "市县州" and begin - start >= 3 and _suffix_opens_a_word(tokens, start):
                    start += 1  # 昌都 / 市卡若区: the district after the city's suffix
                if begin - start == 1 and start > 0:  # 浑南区, 红谷滩区: jieba reads 浑 / 南区, 红谷 / 滩区; the word
                    one = tokens.token_before(start)  # before joins
                    word = text[one[0] : one[1]]
                    if one[1] - one[0] <= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", word) and word not in R.BOUNDARY_SET \
                            and word not in NOT_COUNTY_STEMS and word not in _not_name_words() \
                            and text[start] not in NOT_COUNTY_STEMS and not re.search(r"[年月日]", word) \
                            and word[-1] not in "省市县区州旗镇乡村" \
                            and not re.match(r"[A-Za-z0-9]", text[one[0] - 1 : one[0]]):  # (A级景区)
                        start = one[0]
                stem = text[start:begin]
                common = tokens.token_before(end)
                if text[common[0] : end] in ("山区", "城区", "市区", "矿区", "牧区", "社区", "办公区", "厂区", "生活区", "产区", "景区") \
                        and start < common[0] and text[start : common[0]] not in _all_place_words() \
                        and text[start : common[0] + 1] not in _all_place_words():
                    continue  # 周边山区, 旧矿区: a common word and what describes it (万山区: 万 / 山区, but 万山 a place)
                if 2 <= len(stem) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", stem) and not stem.endswith(("地", "高", "园", "自治")) \
                        and not (stem.endswith("城") and text[start - 1 : start] not in ("市", "州", "盟")) \
                        and "等" not in stem \
                        and stem not in R.NOT_REGION_STEMS and not _stem_is_generic(stem):
                    ends[end] = max(ends.get(end, 0), len(suffix))
                    found.append((rank, Mention(start, end, text[start:end], kind, "pattern", 0.6)))
                continue
            allow = {"Conference": ("全省", "全国", "全市", "合作", "建设", "发展", "与", "县域", "市域", "年", "项目"),
                     "GovernmentBody": ("和", "服务", "建设", "发展", "对口支援", "支援"),  # 政务服务和数字化建设管理局
                     "Event": ("全省", "全国", "全市", "合作", "建设", "发展", "项目", "集中", "签约", "暨", "开工"),
                     "Committee": ("和",),
                     "Program": ("首批", "第一批", "第二批", "第三批")}.get(kind, ())  # 黑龙江省首批省级绿色数据中心名单
            if suffix.endswith(("实验室", "研究所", "研究院", "学院", "学部")):
                # 先进计算与智能算力联合实验室, 深海科学与工程研究所: 与 joins the fields of a name
                allow = ("与",)
            if suffix.endswith(("产业园", "园区")):  # 软件与信息服务产业园
                allow = ("与", "服务")
            if kind == "Firm":
                allow = ("未来",)  # 北京深算未来科技有限公司: a word of time in a firm's name
                first = name_start(tokens, begin, limit=24)
                if re.fullmatch(r"(投资|控股|集团|发展|实业|建设|开发|城市|能源|（集团）)*", text[first:begin]):
                    allow = FIRM_NAME_WORDS  # ……城市建设投资控股集团有限公司: the words of the firm's own name
            short = region and suffix not in LONG_REGION_SUFFIXES
            start = name_start(tokens, begin, limit=5 if short else 24, allow=allow, stop_at_regions=region)
            if region and not short and ZONE_KIND_ONLY.fullmatch(text, start, begin):
                start = _place_word_before(tokens, start)  # 孙吴县经济开发区: a zone named by its kind alone takes its place's name
            if kind == "Firm" and (re.fullmatch(r"(股份|集团|控股)?", text[start:begin])
                                   or text[start - 1 : start] == "和" and text[start:begin] in _common_nouns()):
                wider = name_start(tokens, begin, limit=24, allow=(*allow, "和"))  # 新希望六和股份有限公司, 浙江新和轴承有限公司:
                # 和 of a name, where what follows it is no name of its own (A有限公司和B集团: two firms)
                if not re.search(r"(公司|集团|银行|大学|学院|研究院)和", text[wider:begin]):
                    start = wider
            if not region:
                addressed = start
                start = _after_address(tokens, start, begin, keep_last=kind == "GovernmentBody" or suffix in R.ZONE_SUFFIXES)
                if start > addressed and _stem_is_generic(text[start:begin]):
                    start = _place_word_before(tokens, start)  # 重庆市奉节县农业云数据中心: a kind of centre takes its
                    # county's name, the last place of the address
                start = _after_a_verb(tokens, start, begin)
                opening = tokens.spans_within(start, begin)
                if len(opening) >= 2 and text[opening[0][0] : opening[0][1]] in VERB_OPENERS:
                    start = opening[1][0]  # 建成并运营稀土产业大数据中心: the verb opens no name
                while text[start : start + 1] in PREPOSITIONS and begin - start > 2:
                    start += 1  # 由国网……公司建设运营: jieba reads 由国网 as one word, but 由 opens no name
                if kind in ("DataCenter", "Facility", "IndustrialPark", "InnovationBase", "NetworkInfrastructure"):
                    acting = list(re.finditer(r"(公司|集团|政府|委员会|管委会|局|院|分行)(将|已|还|也|正)?(为|向|给|对)",
                                              text[start:begin]))
                    if acting and begin - (start + acting[-1].end()) < 2:
                        continue  # ……长寿分公司为智算中心建成了专线: the firm acts for a centre named by its kind alone
                    if acting:
                        start += acting[-1].end()  # ……公司为婺城智算中心建设: the firm acts for the centre
                if kind in ("Firm", "GovernmentBody"):  # 芯片设计企业……有限公司, 德国维森集团, 俄罗斯秋明州政府
                    described = max((m.end() for m in re.finditer(r"企业|厂商|单位|机构|子公司|上市公司|旗下|下属|所属|" + COUNTRY_WORDS,
                                                                   text[start:begin])), default=0)
                    if 0 < described and begin - (start + described) >= 2:
                        start += described
            else:
                start = _after_a_verb(tokens, start, begin, anywhere=kind == "GeographicRegion")
                start = _after_function_words(tokens, start, begin)  # 大会由贵安新区
                joined = [i for i in range(start + 1, begin - 1) if text[i] == "和" and text[i - 1] in "局委厅府部会院室办省市县区"]
                if joined and begin - (joined[-1] + 1) >= 2:
                    start = joined[-1] + 1  # 陕西省数据局和西咸新区: jieba's 局和西 / 咸
                if len(suffix) == 1 and text[start:begin] in _function_words():
                    continue  # 随着州内: a preposition and 州, no name
                opening = next((w for w in NOT_PLACE_WORDS | {"城区", "市区", "主城区", "境内"} if text.startswith(w, start)), None)
                if opening and begin - (start + len(opening)) >= 2:
                    start += len(opening)  # 在县城椰林镇: the town is what follows 县城
            if region and (short or suffix in ("自治州", "自治县", "自治旗")):
                # 青海海东市, 新疆昌吉回族自治州, 酒泉瓜州: a known place opens the stem, the name is what follows it
                known = next((p for p in (text[start : start + k] for k in (3, 2)) if p in general_places()), None)
                rest = begin - (start + len(known)) if known else 0
                if suffix in ("自治州", "自治县", "自治旗"):  # 新疆昌吉回族: the ethnic groups' names follow the place's (甘孜藏族 is
                    groups = ETHNIC_GROUPS.search(text, start, begin)  # one name; 海西蒙古族藏族 is 海西 and two groups)
                    rest -= (begin - groups.start()) if groups and groups.end() == begin else 2
                if known and (rest >= 2 or (rest == 1 and suffix in ("州", "县") and begin - start >= 3)):
                    start += len(known)
                if suffix == "省":  # provinces are a closed set: 国网四川省 is 四川省
                    province = next((text[begin - k : begin] for k in (3, 2)
                                     if text[begin - k : begin] in known_place_names()), None)
                    if province is None:
                        continue
                    start = begin - len(province)
            if kind in ("GovernmentBody", "Committee"):  # A局和B市数据局: 和 joins two bodies, not 发展和改革
                joins = [m.end() for m in re.finditer("和", text[start:begin])
                         if re.match(r"[\u4e00-\u9fff]{1,6}?(省|市|自治区|州|县|区)", text[start + m.end() : begin])
                         and (start + m.start() in tokens.starts and start + m.end() in tokens.starts
                              or text[start + m.start() - 1] in "局委厅府部会院室办")]  # (和林格尔新区; 数据局和西咸新区)
                if joins:
                    start += joins[-1]
            if not region and kind not in ("Firm", "GovernmentBody", "Committee", "Organization", "ResearchInstitute"):
                legal = max((m.end() for m in re.finditer(r"有限公司|有限责任公司|股份公司", text[start:begin])), default=0)
                if legal and begin - (start + legal) >= 2:
                    start += legal  # 甘肃陇算云科技有限公司“陇原一号”绿色数据中心: the firm's centre, named after it
            if kind in ("ResearchInstitute", "Organization", "Firm"):
                first = next(iter(tokens.spans_within(start, begin)), None)  # 岳麓区湖南大学: the district is where it is
                if first is not None and first[0] == start and re.search(r"[区县市旗]$", text[first[0] : first[1]]) \
                        and first[1] - first[0] >= 3 and any(text[first[1] : first[1] + k] in general_places() for k in (2, 3)):
                    start = first[1]
            if not region and kind not in ("Firm", "GovernmentBody", "Committee"):
                node = max((m.end() for m in re.finditer(r"枢纽节点", text[start:begin])), default=0)
                if node and begin - (start + node) >= 2 and suffix not in ("枢纽节点", "节点"):
                    start += node  # 京津冀枢纽节点张家口数据中心集群: the cluster of the hub node is named after it
                # 只是晋能控股集团, 大会由贵安新区管理委员会: a name holds no adverb or preposition as a word of its own
                start = _after_function_words(tokens, start, begin)
            elif kind in ("Firm", "GovernmentBody", "Committee"):
                start = _after_function_words(tokens, start, begin)
            opening = tokens.spans_within(start, begin)[:2]
            if len(opening) == 2 and opening[0][0] == start and (text[start : opening[0][1]] in _verbs()
                                                                  or _extra_verb(text[start : opening[0][1]])) \
                    and any(text[opening[1][0] : opening[1][0] + k] in general_places() for k in (2, 3, 4)):
                start = opening[1][0]  # 委托安徽皖临数字科技有限公司, 同属阜阳市: a verb before the place that opens the name
            if kind in ("DataCenter", "Facility") and re.match(r"(?:事业部|事业群|部门|管理部|运营部|分部|名单|清单|名录)", text[end:]):
                continue  # 中国联通（四川）数据中心事业部: a department of the firm; ……绿色数据中心名单: a list; no facility
            quote = text.find("“", start, begin)
            if quote > start and not region and any(
                    text[s:e] in _verbs() or _extra_verb(text[s:e]) or (text[e - 1] in "出成了起入到" and text[s : e - 1] in _verbs())
                    for s, e in tokens.spans_within(start, quote)):
                start = quote  # 用十年时间打造出“台州智造云”工业互联网平台: the verb before the quoted name is none of it
            if text[start : start + 1] == "方" and text[start - 2 : start] in ("运营", "投资", "建设", "承建", "合作", "主办"):
                start += 1  # 投资和运营方山西晋吕数智科技有限公司: the operator, named after 方
            if re.match(r"第[\d" + R.CHINESE_DIGITS + r"]+届", text[start:begin]) and not region \
                    and kind not in ("Conference", "Event"):
                continue  # 第二届中国寒地数据中心发展论坛: the event's name, no facility
            pointing = [s for s, e in tokens.spans_within(start, begin) if s > start and text[s:e] in POINTING_WORDS]
            if pointing and not region:
                start = pointing[-1]  # 绿电是这座数据中心: the pointing word opens the name, or makes it an anaphor
            if text[start : start + 1] in "记访" and text[start - 1 : start] in "—：:" and begin - start >= 3:
                start += 1  # ——记丽江文旅云数科技有限公司, ——访中国电信常德分公司总经理: a profile's, an interview's headline
            demonstrative = re.match(r"(这座|这个|这家|这处|这一|这些|那座|该校|该院|该|上述|此|本)", text[start:begin])
            if demonstrative and begin - (start + demonstrative.end()) >= 2 \
                    and (demonstrative.end() > 1 or start + 1 in tokens.starts):  # (本源量子: 本 opens the name)
                start += demonstrative.end()  # 这座舜耕矿井数据中心: the name follows the pointing word
            abroad = _foreign_country_at(text, start)
            if region and abroad and begin - start - abroad >= 2 and kind in ("City", "Province", "Prefecture"):
                start += abroad  # 越南芒街市: a country and its city
            lead = LEADING_NOT_NAME.match(text, start, begin)
            if lead and kind == "Program" and text[lead.end() : lead.end() + 1] == "度" and re.fullmatch(r"\d{4}年", lead.group(0)):
                lead = None  # 2025年度山西省绿色数据中心名单: a year's list, named with its year
            if lead and lead.end() < begin:  # 2027年乌兰察布集群, “东数西算”工程内蒙古枢纽节点: the name follows
                start = lead.end()
            elif lead and lead.end() == begin:
                continue  # 2024年基地: a date and a bare kind word
            inner = text.rfind("在", start, begin)  # (not 于: 于田县, 于都县)
            if region and inner >= start and begin - inner > 1 and kind in ("Prefecture", "City", "AdministrativeRegion"):
                start = inner + 1  # 项目为何选在凉州: a verb and 在 before the place, no part of its name
            words = tokens.spans_within(start, begin)
            if region and words and words[-1][1] == begin and (
                    (last := text[words[-1][0] : begin]) in FUNCTION_WORDS
                    or (len(last) == 2 and last[-1] in "在于" and last not in _all_place_words())):
                continue  # 风在沙漠里吹 (jieba's 风在): a preposition and the kind word, no name
            crossing = tokens.token_before(begin) if begin > start else None
            if not region and crossing and crossing[0] == begin - 1 and crossing[1] > begin and text[begin - 1] in "建设":
                continue  # 敢在沿海建智算中心 (jieba's 建智算): a verb and a kind word, no name
            if not region and words and words[-1][1] == begin and (_extra_verb(last := text[words[-1][0] : begin])
                                                                   or last in FUNCTION_WORDS or _adverb_and_preposition(last)):
                continue  # ……有限公司筹建联合实验室, 石家庄正以计算中心: a verb or a preposition and a kind word
            if not region and words and words[0][0] == start and words[-1][1] == begin \
                    and all(text[s:e] in _not_name_words() for s, e in words):
                continue  # 攻关数据中心, 建成数据中心: a verb and a kind word
            if kind in ("Conference", "Event"):  # 教授孙立航在论坛上说: an event's name holds no 在 and no person's title,
                # and no verb that holds an event (在林芝市举办首届……大会)
                cut = max((m.end() for m in re.finditer("在|举办|召开|举行|主办|承办|协办|出席|参加|" + TITLE_WORDS,
                                                        text[start:begin])), default=0)
                start += cut
            if "与" in text[start:begin] and suffix.endswith(("实验室", "研究所", "研究院", "学院")):
                left, right = text[start:begin].rsplit("与", 1)
                if right[:2] in ("中国", "国家") or right[:2] in _all_place_words() or right[:3] in _all_place_words() \
                        or not left or re.fullmatch(r"(各类|相关|有关)?(企业|高校|院校|单位|机构|政府|部门|园区)+", left) or re.search(r"(公司|集团|大学|学院|院|所|中心|企业|单位|机构|"
                                                                        r"高校|实验室)$", left):
                    start = begin - len(right)  # 华为与中国科学院计算技术研究所, 企业与研究院: 与 joins two parties
            opening = tokens.spans_within(start, begin)[:1]
            if opening and opening[0][0] == start and text[opening[0][0] : opening[0][1]] in _time_words():
                if opening[0][1] >= begin:
                    continue  # 现在沙地上: a word of time and a kind word, no name
                start = opening[0][1]  # 届时绿能数据中心: a word of time opens no name
            if text[start : start + 1] in "经由" and begin - start >= 3 and any(
                    text[start + 1 : start + 1 + k] in general_places() for k in (2, 3)):
                start += 1  # 经常州市人民政府批准: jieba's 经常 opens the phrase, 经 opens no name
            stem = text[start:begin]
            if kind == "Program" and re.match(r"(首批|第[一二三]批|该|(?:实施|行动)?(?:方案|措施|计划|规划|意见))", stem):
                continue  # 该方案首批重点项目清单: a policy's list named by a bare word, no name of its own
            if not _acceptable_name(text, start, stem, suffix, kind):
                continue
            if suffix.endswith(("产业园", "园区")) and "与" in stem and _stem_is_generic(stem.split("与")[0]):
                continue  # 企业与园区: two kinds of things, no park's name
            if kind in ("Organization", "ResearchInstitute", "GovernmentBody") \
                    and re.match(r"(股份)?(有限公司|有限责任公司)", text[end:]):
                continue  # 中车株洲电力机车研究所有限公司: a firm's legal name, which its suffix finds
            if kind in ("Organization", "ResearchInstitute") and suffix.endswith("中心") \
                    and re.search(r"(有限公司|有限责任公司|集团)$", stem):
                continue  # ……有限责任公司信息中心: a department of the firm, no body of its own
            ends[end] = max(ends.get(end, 0), len(suffix))
            name_kind = kind
            if suffix == "经开区" or (suffix == "开发区" and (stem.endswith(("经济", "经济技术", "高新技术产业", "产业", "制造业"))
                                                         or stem in general_places() or stem in known_place_names())) \
                    or (suffix == "合作区" and stem.endswith("经济")):
                name_kind = "IndustrialPark"  # 武清经济技术开发区, 大庆高新技术产业开发区, 汝州市先进制造业开发区, 二连浩特
                # 边境经济合作区: a park firms and facilities are in (高新区, the short form districts are named by, stays
                # a district)
            if suffix in ("园区", "校区") and re.search(r"(大学|学院)[\u4e00-\u9fff]{2,4}$", stem):
                name_kind = "ResearchInstitute"  # 四川大学宜宾园区: a university's campus, not an industrial park
            if kind in ("GovernmentBody", "Organization") and re.search(r"(有限公司|有限责任公司|集团)", stem) \
                    and suffix in ("办公室", "部", "处", "科", "中心") and not re.search(r"(研究|研发|创新)中心$", text[start:end]):
                continue  # 大庆油田有限责任公司数字化转型办公室: a department of the firm, no body of its own
            if kind in ("GovernmentBody", "Organization") and re.search(r"(有限公司|有限责任公司|集团)", stem) \
                    and re.search(r"(供电局|局|分局|中心|公司)$", text[start:end]) and not suffix.endswith(("委员会", "政府")):
                name_kind = "Firm"  # 广东电网有限责任公司韶关供电局: a firm's branch, however it is called
            if kind == "Committee" and re.match(r"^[\u4e00-\u9fff]{1,8}?(省|市|自治区|自治州|州|县|区)(?!域)", stem) \
                    and not re.search(r"专家|咨询|工作|领导", stem):
                name_kind = "GovernmentBody"  # 上海市经济和信息化委员会: a government's committee is a government body
            if suffix == "市" and text[begin - 1 : end] in ("都市", "城市", "超市", "上市", "门市") and begin - 1 > start \
                    and tokens.spans_within(begin - 1, end) == [(begin - 1, end)] \
                    and text[start:begin] not in city_names() and text[start:begin] not in general_places():
                continue  # 武汉都市圈: 都市 is a word of its own, 武汉都市 no city (武汉 opens the region's name)
            if suffix == "市" and text[end : end + 1] == "区" and text[end : end + 2] != "区域" and begin - start >= 2:
                end = begin  # 鄂尔多斯市区: the city's urban area names the city
            if suffix in NATURAL_FEATURE_SUFFIXES and not _a_natural_feature(text[start:begin], suffix):
                continue  # 芜湖 the city, 盐湖 a common word, 清远云湖数据中心: no lake or bay of its own
            found.append((rank, Mention(start, end, text[start:end], name_kind, "pattern", 0.7 if region else 0.6)))
            if name_kind == "GovernmentBody" and suffix in ("办公室", "办公厅") and stem.endswith("人民政府"):
                found.append((rank, Mention(start, begin, stem, "GovernmentBody", "pattern", 0.6)))  # 南昌市人民政府办公室
    return found


#: What the name of a list of selected facilities or projects ends with (……绿色数据中心名单（第一批）).
LIST_NAME = re.compile(r"(名单|清单|名录)(（[^（）]{1,8}）)?$")


def _list_named_before(top: "_Outermost", pos: int) -> Mention | None:
    """The last list of selected facilities or projects (……名单, ……清单) named before ``pos``."""
    return top.last_named(pos, lambda m: top.category(m.type) == "Policy" and LIST_NAME.search(m.text) is not None)


#: Suffixes of the names of lakes, bays and shoals (东江湖, 三门湾, 塔拉滩), which places also end with (芜湖, 滨湖).
NATURAL_FEATURE_SUFFIXES = ("湖", "湾", "滩")


def _a_natural_feature(stem: str, suffix: str) -> bool:
    """Whether a stem and 湖, 湾 or 滩 name a lake, a bay or a shoal: two or three characters, no place by that name
    (芜湖, 滨湖), no common word (盐湖, 海湾), and no place that opens a longer stem (清远云湖 of 清远云湖数据中心)."""
    name = stem + suffix
    if not 2 <= len(stem) <= 3 or not re.fullmatch(r"[\u4e00-\u9fff]+", stem):
        return False
    def a_place(word: str) -> bool:
        return word in general_places() or word in known_place_names()
    if any(a_place(name[-k:]) for k in (2, 3, 4) if k <= len(name)) or name[-2:] in _common_nouns() or name[-2:] in _verbs() \
            or name in ("戈壁滩", "盐碱滩", "荒漠滩") or stem[0] in "这那该此本其临近沿":  # 戈壁滩, 这座临湖: common words
        return False
    return not any(stem.startswith(p) and len(stem) > len(p) for p in (stem[:2], stem[:3]) if a_place(p))


#: What stands before 开发区, 高新区, …… in a zone named by its kind alone (经济开发区, 高新技术产业开发区).
ZONE_KIND_ONLY = re.compile(r"(经济技术|经济|高新技术产业|高新技术|高新|产业|工业|新)?")


def _place_word_before(tokens: Tokens, start: int) -> int:
    """Where the place just before ``start`` begins (孙吴县, jieba's 孙吴 / 县 too), or ``start`` where no place is."""
    text = tokens.text
    if start == 0:
        return start
    s, e = tokens.token_before(start)
    if e != start:
        return start
    if e - s == 1 and text[s] in "县市区旗州" and s > 0:
        s = tokens.token_before(s)[0]
    word = text[s:start]
    if 3 <= len(word) <= 6 and word[-1] in "县市区旗州" and word not in R.BOUNDARY_SET and word not in NOT_PLACE_WORDS \
            and re.fullmatch(r"[\u4e00-\u9fff]+", word) and word[:-1] not in R.NOT_REGION_STEMS:
        return s
    return start


#: One-character names of provinces and regions that make a region with 中 (滇中, 黔中, 关中).
PROVINCE_ABBREVIATIONS = frozenset("滇黔川蜀渝鲁豫皖赣湘鄂粤桂闽浙苏冀晋陕甘宁青新藏蒙辽吉黑京津沪琼关")


#: Prepositions that open no name, even where jieba glues them to the word after them (由国网).
PREPOSITIONS = frozenset("由被把将在从")


#: Verbs that open no name of a facility or a body (并运营……中心, 租用……平台): the name starts after them.
VERB_OPENERS = frozenset("运营 运维 使用 租用 调用 扩建 改造 承建 投建 采购 升级 接入 共享 依托 建设 新建 入驻 进驻".split())


#: Countries that may open a foreign firm's name (德国维森集团).
COUNTRY_WORDS = "|".join(sorted((c for c in COUNTRIES if c != "中国"), key=len, reverse=True))
FOREIGN_COUNTRY = re.compile(COUNTRY_WORDS)
LONGEST_COUNTRY = max(map(len, COUNTRIES))


def _foreign_country_at(text: str, start: int) -> int:
    """The length of the name of a country other than China at ``text[start]`` (the longest), 0 where none stands."""
    match = FOREIGN_COUNTRY.match(text, start)
    return match.end() - start if match else 0


#: Titles of people (教授, 院长, ……), longest first, as one pattern.
TITLE_WORDS = "|".join(sorted((re.escape(t) for t in R.TITLES if len(t) >= 2), key=len, reverse=True))


#: Words that are boundaries elsewhere but parts of the names of state-owned firms.
FIRM_NAME_WORDS = ("建设", "投资", "开发", "发展")


#: What a name found by its suffix does not begin with: a date, a programme's quoted name and 工程.
LEADING_NOT_NAME = re.compile(r"(\d{4}年(\d{1,2}月(\d{1,2}日)?)?(底|初|末)?|“[^”]{1,10}”工程|[一二三四五]期(工程|项目)?|"
                              r"(?<=[（(])(?:以下)?简称[为：:]?|(?<=[（(]以)下简称[为：:]?)+")


#: Suffixes of regions whose names may be long (沈抚改革创新示范区, 济南新旧动能转换起步区, 大庆高新技术产业开发区).
LONG_REGION_SUFFIXES = ("开发区", "高新区", "经开区", "自治县", "自治州", "自治旗", "示范区", "合作区", "起步区")


def _single_suffix_ok(tokens: Tokens, begin: int, end: int, region: bool) -> bool:
    """A one-character suffix must end its word (中卫市, not 市场) or, for 局, begin one (数据局, not 布局)."""
    if region:
        return end in tokens.ends or _suffix_opens_a_word(tokens, begin)
    if begin in tokens.starts:
        return True
    word_start, word_end = tokens.token_before(end)  # 经济局: jieba's one word of a field and 局, as a name ends
    word = tokens.text[word_start:word_end]
    return word_end == end and len(word) >= 3 and word[-2:] not in NOT_BUREAU_WORDS


def _suffix_opens_a_word(tokens: Tokens, begin: int) -> bool:
    """昌都 / 市卡若区: jieba joins a place's suffix to the name after it, in a word of no dictionary's."""
    if begin not in tokens.starts or begin == 0:
        return False
    end = tokens.token_before(begin + 1)[1]  # the word that starts at begin
    return 2 <= end - begin <= 8 and tokens.text[tokens.token_before(begin)[0] : begin] in _all_place_words() \
        and not segmenter().dt.FREQ.get(tokens.text[begin:end])  # a word of jieba's dictionary (市场) is none


#: Words that end with 局 and name no bureau (新格局, 大布局).
NOT_BUREAU_WORDS = frozenset("布局 格局 大局 结局 当局 全局 开局 变局 新局 破局 时局 政局 残局 僵局 棋局 饭局 邮局 终局 定局".split())


#: Parts of speech (jieba's dictionary tags) of the words that end the words before a name: verbs, time words,
#: adverbs, prepositions and pronouns (车企使用长春智算中心, 现在放到长春智算中心).
NOT_NAME_TAGS = ("v", "t", "d", "p", "r", "c")


@cache
def _not_name_words() -> frozenset[str]:
    """The words jieba's dictionary tags with one of ``NOT_NAME_TAGS`` (the dictionary is read once, not through
    jieba.posseg, which takes 1.5 s to load)."""
    return (tagged(*NOT_NAME_TAGS) | EXTRA_VERBS) - _all_place_words() - {"控股"}  # 大同 is a city before it is an adverb
    # (晋能控股晋城数智科技有限公司: 控股 is a word of the firm's name)


#: Verbs of supply and connection jieba's dictionary lacks or does not tag as verbs (专线直送晋云智算中心).
EXTRA_VERBS = frozenset("直送 直供 送往 输往 输送 接入 直连 连通 接到 送到 送至 落地 落户 入驻 进驻 设在 位于 地处 坐落 坐落于 来自 "
                        "推出 放到 放在 迁入 迁到 搬进 搬到 出台 印发 做 名为 称为 叫做 命名为 建起 筹建 紧邻 毗邻 引导 获得 新添 扎根 "
                        "举办地 所在地 取自 来源于 选址 选址于 下辖 所辖 出自 源于 依靠 随着 申报 推广 协调 不是 并非 "
                        "委托 交由 交给 同属 携手 牵手 引进 引入 吸引 聘请 授权 紧挨 紧靠 靠近 邻近 距 距离 相距 比 相比 共有".split())


@cache
def _all_place_words() -> frozenset[str]:
    """jieba's place words, the cities of the list and the registry's places."""
    return _place_words() | known_place_names()


@cache
def _place_words() -> frozenset[str]:
    """The words jieba's dictionary tags as places (ns), and the cities of the list."""
    return tagged("ns") | city_names()


def _after_a_verb(tokens: Tokens, start: int, stem_end: int, anywhere: bool = False) -> int:
    """A name found by its suffix starts after a verb (or a time word, an adverb, …) that a known place follows:
    车企使用长春智算中心 names 长春智算中心. 国家超级计算长沙中心 keeps its whole name. With ``anywhere``, after the
    last such word whatever follows it (紧邻毛乌素沙地)."""
    text = tokens.text
    if NATIONAL_CENTRE.match(text, start):
        return start
    stops, places = _not_name_words(), _all_place_words()
    spans = tokens.spans_within(start, stem_end)
    # the last word may run past the stem (设在 / 南京市, the stem 设在南京): what follows a word is cut at stem_end
    following = [(s, min(e, stem_end)) for s, e in spans[1:]]
    if spans and spans[-1][1] < stem_end:
        following.append((spans[-1][1], stem_end))
    for (s, e), (following_start, following_end) in reversed(list(zip(spans, following))):
        if text[s - 1 : e] == "国能":
            continue  # 国能新疆哈密能源有限公司: CHN Energy's brand (jieba's 国 / 能), no modal verb
        if _stop_word(text[s:e], stops) and (anywhere or _extra_verb(text[s:e]) or (following_end - following_start >= 2
                                                          and (text[following_start:following_end] in places
                                                               or re.sub(r"[省市县区州]$", "", text[following_start:following_end])
                                                               in places))):
            return e
    return start


#: Prepositions and adverbs no name holds as a word of its own (大会由贵安新区管理委员会, 只是晋能控股集团).
FUNCTION_WORDS = frozenset("由 被 把 将 在 从 向 对 给 以 为 让 从事 专门从事 专注 专注于 致力于 主营 报 并报 报请 是 建 用 只是 还是 就是 正是 也是 都是 仅是 已是 曾是 即是 乃是".split())


def _after_function_words(tokens: Tokens, start: int, stem_end: int) -> int:
    """Where a name starts after the last preposition or adverb word inside its stem."""
    text = tokens.text
    cut = start
    for s, e in tokens.spans_within(start, stem_end):
        word = text[s:e]
        if (word in FUNCTION_WORDS or _adverb_and_preposition(word)) and stem_end - e >= 2:
            cut = e  # 大会由贵安新区, 石家庄正以计算中心
        elif text[s] in "由被把给向" and e - s > 1 and stem_end - s >= 2 and s > start:
            cut = s + 1  # jieba's 由贵安 / 新区: the preposition opens a word that opens the name
        elif s == start and text[s] in "以由被把给向从对为" and e - s >= 2 and stem_end - s >= 3 \
                and word not in _named_words():
            cut = s + 1  # 将以智算平台 (jieba's 以智): a preposition opens the stem, no name
    return cut


#: Adverbs that, with a preposition, make one word before a name (正为山东大学, 将在兰州新区).
ADVERBS = frozenset("正将已还均并也都再又仍即全")
#: Modal verbs that, with a preposition, make one word of jieba's (可向, 能为, 要在).
MODALS = frozenset("可能会要应")


def _adverb_and_preposition(word: str) -> bool:
    """An adverb and a preposition in one word of jieba's (正以, 将在, 全在): no name runs through it."""
    return len(word) == 2 and (word[0] in ADVERBS or word[0] in MODALS) and word[1] in "由被把将在从向对给以为"


def _stop_word(word: str, stops: frozenset[str]) -> bool:
    """A word no name begins with or runs through: a verb, a time word, an adverb, a preposition (jieba's tags), or
    an adverb and a preposition in one word (正为, 将在, 总部设在)."""
    return word in stops or _extra_verb(word) or (
        len(word) >= 2 and word[-1] in "为在于向给对以" and (word[0] in ADVERBS or word[-2:] in stops))


@cache
def _named_words() -> frozenset[str]:
    """The words jieba's dictionary tags as nouns or names (以色列, 由于 aside: no name of a preposition and a word)."""
    return tagged("n", "ns", "nr", "nt", "nz", "c", "d", "p")


@cache
def _time_words() -> frozenset[str]:
    """Words of time (jieba's tag t), places aside: 届时, 现在, 目前."""
    return (tagged("t") | {"届时", "此时", "当时", "随后", "此后", "之后", "同期", "如今"}) - _all_place_words()


@cache
def _function_words() -> frozenset[str]:
    """Prepositions and conjunctions (jieba's tags p, c), places aside: 随着 opens no 州."""
    return tagged("p", "c") - _all_place_words()


def _extra_verb(word: str) -> bool:
    """One of :data:`EXTRA_VERBS`, a word that ends with one (jieba's 专线接入), or a verb jieba's dictionary lacks:
    a verb and its complement (搬上, 存进, 建到, 打造成) or an adverb and a verb (再添)."""
    return word in EXTRA_VERBS or (len(word) >= 3 and (word[-2:] in EXTRA_VERBS or word[-3:] in EXTRA_VERBS)) \
        or _verb_and_complement(word)


#: Complements of direction and result that follow a verb (搬上, 存进, 送到, 留在, 打造成).
COMPLEMENTS = frozenset("上进入到至给成在作往")


def _verb_and_complement(word: str) -> bool:
    """搬上, 存进, 建到, 留在, 打造成, 再添: a word of no dictionary's made of a verb and its complement, or of an adverb
    and a verb."""
    if len(word) < 2 or segmenter().dt.FREQ.get(word):
        return False
    head, last = word[:-1], word[-1]
    if last in COMPLEMENTS and head in _verbs():
        return True
    return len(word) == 2 and word[0] in ADVERBS and word[1] in _verbs()


#: Words that end like a place but name none (宜昌市城市建设投资控股集团: 城市 is no second place).
NOT_PLACE_WORDS = frozenset("城市 都市 超市 门市 上市 股市 县城 省市 市县 州县 仅".split())


def _after_address(tokens: Tokens, start: int, stem_end: int, keep_last: bool = False) -> int:
    """A name that opens with a full address (宁夏回族自治区中卫市西部云基地) starts after it.

    A government body keeps the last place of the address, its jurisdiction (武汉市经济和信息化局).
    """
    text = tokens.text
    spans = tokens.spans_within(start, stem_end)
    merged = []  # 巴彦淖尔 / 市: jieba's place and its one-character suffix, one place
    for s, e in spans:
        if merged and (e - s == 1 and text[s] in "省市州县区旗盟" or text[s:e] == "地区") and merged[-1][1] == s \
                and merged[-1][1] - merged[-1][0] >= 2:  # (兴安 / 盟, 阿勒泰 / 地区 too)
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    regions = [(s, e) for s, e in merged if e - s >= 2
               and re.search(r"(省|自治区|市|州|县|旗|盟|地区)$", text[s:e]) and text[s:e] not in NOT_PLACE_WORDS
               or not keep_last and _district_of_the_place_before(text, merged, s, e)]
    if len(regions) >= 2 and (regions[1][1] < stem_end or keep_last) and regions[0][1] == regions[1][0]:  # side by side, not
        if keep_last:                                                                          # 国网青海省电力公司海南州……
            chain = 1  # 内蒙古自治区巴彦淖尔市乌拉特后旗人民政府: the government of the last place
            while chain + 1 < len(regions) and regions[chain][1] == regions[chain + 1][0]:
                chain += 1
            return regions[chain][0]
        return regions[1][1]
    return start


def _district_of_the_place_before(text: str, merged: list[tuple[int, int]], s: int, e: int) -> bool:
    """福州市长乐区 in 福州市长乐区中国东南大数据产业园: a district right after its city is part of an address (兰州新区,
    高新区 are zones that name what is in them)."""
    word = text[s:e]
    before = [span for span in merged if span[1] == s]
    return e - s >= 3 and word.endswith("区") and not re.search(r"(新区|园区|开发区|高新区|经开区|城区|片区|港区|景区|矿区|"
                                                                r"示范区|合作区|试验区|保税区|功能区)$", word) \
        and bool(before) and re.search(r"(市|州|盟)$", text[before[0][0] : s]) is not None


#: One-character stems that make no county (该县, 全县, 各县, 邻县).
NOT_COUNTY_STEMS = set("该全本各每此其两三四五六七八九十一二多他邻外省市州区县乡镇村老新大小")


#: Words that end like a place's name but are common words (重镇 a major town, 大省 a big province).
COMMON_SUFFIX_WORDS = frozenset("重镇 名镇 强镇 大省 强省 大市 强市 大县 强县 名县 名城".split())

#: Ethnic groups, as autonomous prefectures and counties name them (海西蒙古族藏族自治州).
ETHNIC_GROUPS = re.compile(r"(?:蒙古|藏|回|壮|维吾尔|苗|彝|土家|侗|布依|白|哈尼|傣|黎|羌|朝鲜|满|瑶|土|撒拉|哈萨克|柯尔克孜|傈僳|纳西|"
                           r"景颇|拉祜|佤|仡佬|水|畲|达斡尔|鄂温克|鄂伦春|仫佬|毛南|普米|怒|独龙|保安|东乡|裕固|锡伯|塔吉克|"
                           r"各)族+(?:(?:蒙古|藏|回|壮|苗|彝|土家|侗|布依|白|哈尼|傣|黎|羌|瑶|土|撒拉|哈萨克|傈僳|纳西|"
                           r"景颇|拉祜|佤|仡佬|水|畲)族)*")

#: Words that point back at something named before (这座数据中心): a name does not run through them.
POINTING_WORDS = frozenset("这座 这个 这家 这处 这一 这些 那座 哪座 哪个 哪家 该 上述".split())


def _acceptable_name(text: str, start: int, stem: str, suffix: str, kind: str) -> bool:
    if len(stem) == 1 and suffix == "县" and re.fullmatch(r"[\u4e00-\u9fff]", stem) and stem not in NOT_COUNTY_STEMS \
            and (start == 0 or not re.match(r"[\u4e00-\u9fff]", text[start - 1]) or text[start - 1] in "市州在于和与、"):
        return True  # 盂县, 沛县: a county of one character, where nothing before it can be part of its name
    if len(stem) < 2:
        return False
    if suffix == "岛" and (stem + suffix in city_names() or stem + suffix in general_places()
                          or not re.fullmatch(r"[\u4e00-\u9fff]{2,3}", stem) or stem[-1] in "海半小本全该各诸列群个座"):
        return False  # 秀山岛, 东海岛 (青岛, 秦皇岛 are cities; 海岛, 半岛 no names)
    if suffix == "一体化项目" and not any(stem[:k] in general_places() or stem[:k] in known_place_names()
                                       for k in (2, 3, 4)):
        return False  # 淮安盐穴储能算力一体化项目 is named by its place, 风光储一体化项目 is a kind of project
    if kind == "Firm" and re.fullmatch(r"一[步家个批种类]", stem):
        return False  # 下一步公司打算, 一家公司: no firm's name
    dated = r"(19|20)\d\d\D" if kind == "Event" else r"(19|20)\d\d年度"  # 2025……签约仪式, 2025年度……名单: a year, no quantity
    if kind != "Conference" and re.match(r"^(规划|占地|总投资|约|近|超)*[\d.]+", stem) and not re.match(dated, stem):
        return False  # 1500亩数据中心, 约30亿元项目: a quantity, no name
    count = re.match(r"^(数|几|上|近)?[\d" + R.CHINESE_DIGITS + r"两]+[个家项座台条回栋幢处批套]", stem)
    if count and (any(stem[count.end() - 1 : count.end() - 1 + k] in general_places() for k in (2, 3))
                  or any(stem[:k] in general_places() or stem[:k] in city_names() for k in (3, 4))):
        count = None  # 2025台州……大会, 七台河龙煤……: a year and a place, a place of a numeral, no count of machines
    if count or re.search(r"(?<![高平同对中初均相])等", stem) \
            or re.search(r"[" + R.CHINESE_DIGITS + r"几数多]+[个家项座台条栋幢处批套]$", stem):
        return False  # 三家企业, 数十座数据中心, 纳入一个平台: counts of things, no names
    if kind in ("Province", "Prefecture", "City", "AdministrativeRegion", "GeographicRegion"):
        if suffix == "市" and stem in city_names():
            return True  # 鄂尔多斯市 (a city of the list, though 多 is in its name)
        if suffix == "市" and (stem in _verbs() or stem in _verb_like() or stem in tagged("a", "ad")):
            return False  # 明确市财政每年安排: a verb and 市, no city
        if suffix in ("示范区", "合作区", "起步区", "新城", "街道") and (
                any(stem.startswith(word) for word in GENERIC_STEM_WORDS) or stem.startswith(("算电", "协同"))):
            return False  # 算力新城, 集群起步区, 算电协同示范区: a kind of zone, no name
        if (len(stem) > (12 if suffix in LONG_REGION_SUFFIXES else 5) or stem in R.NOT_REGION_STEMS
                or (stem.endswith("城") and not (suffix == "镇" and text[start - 1 : start] in ("县", "市", "区", "旗")))
                or not re.fullmatch(r"[\u4e00-\u9fff]+", stem) or any(c in "全本我该各多个位级省市由被把" for c in stem)
                or re.search(r"[\d一二三四五六七八九十两今去明当次每本上下][年月日]|年", stem)  # a date (日照, 日喀则 are names)
                or re.search(r"[一二三四五六七八九十两]", stem[-1:])):
            return False
        return True
    if kind in ("Conference", "Event"):
        if stem in ("新闻", "记者", "情况通报", "媒体通气"):
            return False  # 召开新闻发布会: a press conference, no named event
        if suffix == "论坛" and stem.endswith("分"):
            return False  # 大会分论坛: a session of a conference
        core = re.sub(r"^(第[" + R.CHINESE_DIGITS + r"\d]+届|\d{4}(年)?)", "", stem)
        numbered = core != stem and len(core) >= 2  # 第三届算力大会, 2024算力大会
        return numbered or not _stem_is_generic(core) or "“" in stem
    if _stem_is_generic(stem) and not _a_place_elsewhere(text, stem):
        return False
    if re.search(r"[一两几数多][个家项座台条块片]", stem) or (suffix.endswith("公司") and re.search(r"(上市|挂牌|龙头|骨干)$", stem)):
        return False  # 韶关山谷一家上市公司, 创业板上市公司: a description, no name
    return True


def _enumerations(tokens: Tokens) -> list[Mention]:
    """Items of a list that ends with 等企业 / 运营商 are firms; with 等地, regions."""
    text = tokens.text
    found = []
    pattern = re.compile(r"((?:[^，。；：、\s《》“”]{2,12}、)+[^，。；：、\s《》“”]{2,16}?)(等(?:头部|龙头|知名|科技|物流|能源|"
                         r"互联网|\d+余?多?家)?(企业|地|公司|单位)|[三四五六]大运营商)")
    for match in pattern.finditer(text):
        kind = "EconomicRegion" if match.group(3) == "地" else "Firm"
        pos = match.start(1)
        items = match.group(1).split("、")
        last = re.split(r"(?<=[\u4e00-\u9fff]{2})(?:和|与|及|以及)(?=[\u4e00-\u9fff]{2})", items[-1])
        items[-1:] = last if len(last) == 2 else items[-1:]  # ……、宁夏大学和北京邮电大学等单位
        confidence = 0.5 if match.group(3) == "单位" else 0.65  # units of a list may be bodies: their suffix decides
        nouns = _common_nouns()
        if kind == "Firm" and all(item in nouns for item in items[1:]) and (items[0] in nouns or items[0][-2:] in nouns
                                                                             and len(items[0]) > 2):
            continue  # 钢铁、化工、物流等企业: kinds of business, every one a common word (华为、小米等企业 names firms)
        for index, item in enumerate(items):
            pos = text.find(item, pos)
            start, end = pos, pos + len(item)
            if index == 0:  # the first item may carry words before it (吸引了阿里, 平台已为三一重工): cut them off
                start = name_start(tokens, end, limit=len(item))
                stops = _not_name_words()
                for s, e in tokens.spans_within(start, end):
                    if text[s:e] in stops and e < end:
                        start = e
            if kind == "Firm" and re.search(r"(大模型|仿真|软件|应用|产业|行业|研发|设计|加工|装备)$", text[start:end]) \
                    and not LEGAL_FORM.search(text[start:end]):
                pos = end
                continue  # 重点引进工业大模型、冶金工艺仿真等企业: kinds of business, no firm's name
            if kind == "Firm" and re.search(r"(大学|学院|研究院|研究所|科学院|实验室|协会|学会|联盟|医院|政府|局|委员会|办公室|"
                                            r"中心|集群|园区|产业园|基地|平台|电站)$", text[start:end]):
                pos = end
                continue  # 中国电信、海南大学等30余家企业: a body's suffix says what it is
            head = next((text[start : start + k] for k in (3, 2) if text[start : start + k] in known_place_names()
                         and text[start + k : end] in city_names()), None) if kind == "EconomicRegion" else None
            if head:
                start += len(head)  # 甘肃酒泉、武威等地: the province and its cities
            abroad = _foreign_country_at(text, start)
            if kind == "EconomicRegion" and abroad and end - start - abroad >= 2:
                start += abroad  # 缅甸曼德勒、腊戍等地: the country and its cities (the country is found as one)
            if 1 < end - start <= 12:
                name, item_kind = text[start:end], kind
                if kind == "EconomicRegion" and name in city_names():
                    item_kind = "City"  # 济南、青岛等地: cities
                elif kind == "EconomicRegion" and name in known_place_names() and len(name) <= 3:
                    item_kind = "Province"  # 江苏、浙江等地
                found.append(Mention(start, end, name, item_kind, "pattern", confidence))
            pos = end
    return found


def _people(text: str) -> list[tuple[int, Mention]]:
    """People by their cues, each with the rank of the rule that found them."""
    found: list[tuple[int, Mention]] = []
    starts: set[int] = set()
    titles = "|".join(sorted(map(re.escape, R.TITLES), key=len, reverse=True))
    cues = "|".join(map(re.escape, R.SPEECH_CUES))
    name = r"([\u4e00-\u9fff]{2,3})"
    # a title, then the name, then a speech cue (总监冉永明介绍); a reporter's byline (本报记者师晓琼)
    for match in re.finditer(rf"(?:{titles}){name}(?={cues}|$|\n|[，。）]|一边|(?:这样|如此|这么)(?:{cues})|在[^，。]{{1,12}}?(?:{cues})|"
                             rf"[\u4e00-\u9fff]{{1,2}}[着地][\u4e00-\u9fff]{{0,4}}?(?:{cues}))", text):  # 总经理王立强笑着说, 指着窗外说
        _add_person(found, starts, 0, match.start(1), match.group(1), text[match.end(1) : match.end(1) + 2],
                    known_surname=False)  # 局长普建明介绍: between a title and a cue, any surname
    # a four-character name (Tibetan, Uyghur or Mongolian names written without a dot: 格桑顿珠, 次仁央宗) between a
    # title and a speech cue or the end of a byline
    for match in re.finditer(rf"(?:{titles})([\u4e00-\u9fff]{{4,5}}?)(?={cues}|$|\n|[。，]|在[^，。]{{1,12}}?(?:{cues}))", text):
        taken = any(m.start < match.end(1) and match.start(1) < m.end for _, m in found)  # 董事长高建峰说
        if text[match.end(1) : match.end(1) + 1] in "。，" and (
                any(match.group(1)[i:j] in _verbs() or match.group(1)[i:j] in _common_nouns() or
                    match.group(1)[i:j] in _time_words() for i, j in ((0, 2), (2, 4), (1, 3), (2, 5)))
                or match.group(1) in _not_name_words() or any(match.group(1).endswith(c) for c in R.SPEECH_CUES)):
            continue  # 专访了……总经理扎西多杰。 is a name; 局长参加会议。 is none
        if not taken and re.search(r"(教授|博士|院士|研究员|先生|女士)$", match.group(1)):
            _add_person(found, starts, 0, match.start(1), match.group(1), known_surname=False)  # 院长王晓峰教授在……表示
            continue
        if not taken and match.group(1)[:1] == "的" and _surname(match.group(1)[1:]) and len(match.group(1)) <= 4:
            _add_person(found, starts, 0, match.start(1) + 1, match.group(1)[1:])  # 公司董事长的王建平说
            continue
        if not taken and match.group(1)[:1] not in "在从对向于为据与和的" and not match.group(1).endswith("上"):
            # 负责人在发布会上补充说: a place of speaking, no name  # 斯琴巴特尔说: no name of two or three characters stands there
            starts.add(match.start(1))
            found.append((0, Mention(match.start(1), match.end(1), match.group(1), "Person", "pattern", 0.6)))
    # a name before a title and a speech cue (……局的李晓蓉副局长介绍)
    for match in re.finditer(rf"(?<=[的，。“”\n])([\u4e00-\u9fff]{{2,3}}?)(?:{titles})(?:{cues})", text):
        _add_person(found, starts, 1, match.start(1), match.group(1), "")
    # a name of the minorities' form after a title or in a byline (阿依古丽·吐尔逊)
    for match in re.finditer(rf"(?:{titles})([\u4e00-\u9fff]{{2,6}}·[\u4e00-\u9fff]{{2,6}}?)(?={cues}|[，。：；\s]|$)", text):
        if match.start(1) not in starts:
            starts.add(match.start(1))
            found.append((0, Mention(match.start(1), match.end(1), match.group(1), "Person", "pattern", 0.7)))
    # a speaker after a quotation or at the start of a clause, with no title: ……。”张卫东说。 ，李红表示，
    for match in re.finditer(rf"(?:(?<=[”。，；：\n])|^)([\u4e00-\u9fff]{{2,3}}?)(?:{cues})(?=[。，：:]|$)", text):
        if _surname(match.group(1)) and match.group(1)[:1] in R.SURNAMES | {n[:1] for n in R.SURNAMES}:
            _add_person(found, starts, 2, match.start(1), match.group(1), "")
    # a name, then a title that follows names (习近平总书记)
    for match in re.finditer(r"([\u4e00-\u9fff]{2,4})(总书记|主席|总理)", text):
        candidate = match.group(1)
        for size in (3, 2):
            part = candidate[-size:]
            if _surname(part):
                _add_person(found, starts, 1, match.start(1) + len(candidate) - size, part)
                break
    return found


def _surname(name: str) -> bool:
    return name[:2] in R.SURNAMES or name[:1] in R.SURNAMES


def _add_person(found: list[tuple[int, Mention]], starts: set[int], rank: int, start: int, name: str,
                following: str = "", known_surname: bool = True) -> None:
    # a cue's first character caught by the name (冉永明介|绍): only where the cue goes on after it
    while len(name) > 2 and any((name[-1] + following).startswith(cue) for cue in R.SPEECH_CUES) and \
            not any(following.startswith(cue) for cue in R.SPEECH_CUES):
        following = name[-1] + following
        name = name[:-1]
    if len(name) == 3 and name[-1] in "则也还又就便都亦" and any(following.startswith(cue) for cue in R.SPEECH_CUES):
        name = name[:2]  # 董事长孙鹏则表示: an adverb before the cue, no part of the name
    trailing = re.search(r"(教授|博士|院士|研究员|先生|女士|同志)$", name)
    if trailing and len(name) - len(trailing.group(1)) >= 2:
        name = name[: trailing.start()]  # 院长王晓峰教授: the name, not the title after it
    plausible = _surname(name) or (not known_surname and name not in _not_name_words() and name[:2] not in _verbs()
                                   and name[-1] not in "市省县区州旗镇乡村" and name[:1] not in "了在从对向"
                                   and not any(name.startswith(cue) for cue in R.SPEECH_CUES))
    if plausible and start not in starts:
        starts.add(start)
        found.append((rank, Mention(start, start + len(name), name, "Person", "pattern", 0.75)))


SOURCE_RANK = {"gazetteer": 2, "pattern": 1, "lexicon": 0}
#: Ends of the names of whole bodies, which stay names inside the name of a part of them.
WHOLE_BODY_SUFFIXES = ("大学", "学院", "科学院", "研究院", "有限公司", "有限责任公司", "公司", "集团", "银行", "人民政府")
#: Ends of the names of sites that hold facilities (西部（重庆）科学城 of ……科学城智算中心).
WHOLE_SITE_SUFFIXES = ("科学城", "科技城", "产业园", "园区", "科技园")
REGION_SUFFIX = re.compile(r"((?<=[\u4e00-\u9fff]{2})(?:[\u4e00-\u9fff]{1,3}族)+自治[县州旗]|维吾尔自治区|壮族自治区|回族自治区|自治区|新区|省|市|县|"
                           r"(?<=[\u4e00-\u9fff]{2})[区镇乡])$")


def _named_elsewhere_after_a_verb(mentions: list[Mention], category) -> list[Mention]:
    """A facility's name found with words before it that hold a verb, where the text names the facility alone
    elsewhere (图像传到贵安绿色智算中心, 再投资15亿元扩建贵安绿色智算中心 after 贵安绿色智算中心 投运): the name is the one
    named alone."""
    facilities = {m.text for m in mentions if category(m.type) == "Facility"}
    if len(facilities) < 2:
        return mentions
    verbs = _not_name_words()
    shrunk = []
    for m in mentions:
        if m.source == "pattern" and category(m.type) == "Facility":
            inner = max((t for t in facilities if len(t) >= 4 and len(t) < len(m.text) and m.text.endswith(t)), key=len, default=None)
            prefix = m.text[: len(m.text) - len(inner)] if inner else ""
            if inner and len(prefix) >= 3 and any(w in verbs or _extra_verb(w) for w in segmenter().lcut(prefix)):
                m = replace(m, start=m.end - len(inner), text=inner)
        shrunk.append(m)
    return shrunk


def resolve(mentions: list[Mention], text: str, category) -> list[Mention]:
    """One mention per stretch of text, the gazetteer's over a pattern's; nested names stay.

    A pattern name is dropped when a known name of the same kind ends where it ends
    inside it (首个……共同体 when ……共同体 is known), or when a longer pattern name of
    the same kind starts where it starts (……数据中心 inside ……数据中心集群). Crossing
    spans keep the surer one. A region found with its suffix (中卫市) is also found
    by its short name (中卫).

    Names are looked up by where they start and end, so the time grows with the
    number of names (times their length), not its square.
    """
    lexicon = [m for m in mentions if m.source == "lexicon"]
    mentions = _named_elsewhere_after_a_verb([m for m in mentions if m.source != "lexicon"], category)
    mentions = mentions + _short_region_names(mentions, text, category)
    best: dict[tuple[int, int], Mention] = {}
    for mention in mentions:
        kept = best.get(mention.span)
        if kept is None or (SOURCE_RANK[mention.source], mention.confidence) > (SOURCE_RANK[kept.source], kept.confidence):
            best[mention.span] = mention
    unique = list(best.values())
    by_start: dict[int, list[Mention]] = {}
    by_end: dict[int, list[Mention]] = {}
    for o in unique:
        by_start.setdefault(o.start, []).append(o)
        by_end.setdefault(o.end, []).append(o)
    kept_mentions = []
    for m in unique:
        if m.source == "pattern":
            kind = category(m.type)
            if any(o is not m and o.source == "gazetteer" and m.start < o.start and category(o.type) == kind
                   for o in by_end[m.end]):
                continue
            if any(o is not m and o.source == "pattern" and o.end > m.end and category(o.type) == kind
                   and not o.text[len(m.text):].startswith("（")
                   and not o.text[len(m.text):].endswith("分中心")  # 国家超级计算济南中心 of its 临沂分中心
                   and not (m.text.endswith("）") and re.fullmatch(r"[\u4e00-\u9fff]{2,8}?(分公司|分行|支行|分院)",
                                                                  o.text[len(m.text):]))  # 中国移动（安徽） of its 芜湖分公司
                   and not (kind == "Region" and m.type != "AdministrativeRegion" and o.type == "AdministrativeRegion")
                   and not (kind == "Region" and m.type in ("City", "Province") and o.type in ("EconomicRegion",
                                                                                          "GeographicRegion"))
                   for o in by_start[m.start]) \
                    and not (kind in ("Firm", "Organization") and m.text.endswith(WHOLE_BODY_SUFFIXES)
                             and not any(o.start == m.start and re.fullmatch(r"(股份)?(有限责任公司|有限公司)",
                                                                             o.text[len(m.text):])
                                         for o in by_start[m.start])) \
                    and not (kind == "Facility" and m.text.endswith(WHOLE_SITE_SUFFIXES)):
                continue  # 数据中心 of 数据中心集群; but 上海交通大学 of 上海交通大学……研究中心 is a body of its own
        kept_mentions.append(m)
    ordered = sorted(kept_mentions, key=lambda m: (-SOURCE_RANK[m.source], -m.confidence, -(m.end - m.start), m.start))
    chosen: list[Mention] = []
    chosen_starts: dict[int, list[Mention]] = {}
    chosen_ends: dict[int, list[Mention]] = {}
    for mention in ordered:
        start, end = mention.start, mention.end
        # crossing: one starts inside the other and ends outside it (nested names and equal starts are fine)
        crossing = any(m.end > end for pos in range(start + 1, end) for m in chosen_starts.get(pos, ())) or any(
            m.start < start for pos in range(start + 1, end) for m in chosen_ends.get(pos, ()))
        if not crossing:
            chosen.append(mention)
            chosen_starts.setdefault(start, []).append(mention)
            chosen_ends.setdefault(end, []).append(mention)
    covered = bytearray(len(text) + 1)  # a dictionary place only where no other name stands
    for m in chosen:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    names = {m.text for m in chosen}
    for m in lexicon:
        if not any(covered[m.start : m.end]) and m.text not in names \
                and not (len(m.text) == 2 and m.text[-1] not in "区县市省州旗镇乡盟"):
            chosen.append(m)  # (a dictionary's two-character place with no suffix is mostly a word: 竹海, 长寿, 临港, 滨海)
    return sorted(chosen, key=lambda m: (m.start, -m.end))


REGION_SUFFIXES = ("省", "市", "县", "区", "新区", "自治区", "回族自治区", "壮族自治区", "维吾尔自治区")


def _short_region_names(mentions: list[Mention], text: str, category) -> list[Mention]:
    """Every place where the short name of a region found by pattern stands (中卫 of 中卫市)."""
    sources: dict[tuple[str, str, float], None] = {}  # (short name, type, confidence), in order
    for m in mentions:
        # a pattern's region, or a known province or city written in full (海南省: then 海南 is that province)
        if category(m.type) != "Region" or not (m.source == "pattern" or m.type in ("Province", "City")):
            continue
        short = REGION_SUFFIX.sub("", m.text)
        if len(short) < 2 or short == m.text or short.endswith(("高", "经开")):
            continue
        sources.setdefault((short, m.type, m.confidence - 0.1), None)
    if not sources:
        return []
    where = occurrences(text, (short for short, _, _ in sources))
    by_start: dict[int, list[Mention]] = {}
    for m in mentions:
        by_start.setdefault(m.start, []).append(m)
    found = []
    for short, kind, confidence in sources:
        for start in where[short]:
            end = start + len(short)
            # not where the region stands with its suffix (中卫 of 中卫市 itself)
            if any(end < m.end and m.text.startswith(short) and (suffix := REGION_SUFFIX.search(m.text))
                   and suffix.start() == len(short) for m in by_start.get(start, ())):
                continue
            if text[end : end + 1] in ("州", "市", "县", "省", "区", "旗", "盟"):
                continue  # 海南 of 海南州 (the short name of 海南藏族自治州 is no 海南 where 海南州 stands)
            found.append(Mention(start, end, short, kind, "pattern", confidence))
    return found


# --- numbers, figures, dates -----------------------------------------------------------------


def to_number(text: str) -> Decimal | None:
    """A number written in Arabic or Chinese numerals, with 万/亿 (9.3万 -> 93000, 两 -> 2)."""
    import cn2an

    if len(text) > MAX_NUMBER_CHARS:
        return None
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError, ArithmeticError):
        return None
    return Decimal(str(value))


#: Longest number a figure may be written with (digits, point, 万/亿): a longer run of digits is no figure.
MAX_NUMBER_CHARS = 24

DATE_FULL = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
DATE_MONTH = re.compile(r"(\d{4})年(\d{1,2})月")
DATE_END = re.compile(r"(\d{4})年底")
DATE_YEAR = re.compile(r"(\d{4})年")


def sentence_date(text: str) -> str | None:
    """The date a sentence speaks of, as an ISO date, month or year."""
    for pattern, render in (
        (DATE_FULL, lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"),
        (DATE_END, lambda m: f"{m[1]}-12-31"),
        (DATE_MONTH, lambda m: f"{m[1]}-{int(m[2]):02d}"),
        (DATE_YEAR, lambda m: m[1]),
    ):
        match = pattern.search(text)
        if match:
            return render(match)
    return None


FIGURE_RE = re.compile(
    r"(?P<pre>" + "|".join(q for q, _ in R.PRE_QUALIFIERS) + r")?"
    r"(?P<num>\d+(?:\.\d+)?(?:万|亿)?|[" + R.CHINESE_DIGITS + r"]+)"
    r"(?P<mid>多|余)?"
    r"(?P<unit>" + "|".join(re.escape(u) + ("(?![A-Za-z])" if re.fullmatch("[A-Za-z]", u) else "")
                            for u, _, _ in R.UNITS) + r")?"
    r"(?P<post>" + "|".join(q for q, _ in R.POST_QUALIFIERS) + r")?"
)


def find_figures(sentence: Sentence, text: str) -> list[FigureFound]:
    """Quantities with units in a sentence, each with what it measures, as far as the words say."""
    found = []
    body = text[sentence.start : sentence.end]
    for match in FIGURE_RE.finditer(body):
        number, unit_text = match.group("num"), match.group("unit")
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if _is_date_part(body, match):
            continue
        clause_start = max(body.rfind(p, 0, match.start()) for p in "，；：。") + 1
        clause = body[clause_start : match.start()]
        if unit_text is None:
            if not (re.search(r"PUE|电能利用效率", clause) and "." in number):
                continue
            unit, multiplier = "unitless", 1.0
        else:
            unit, multiplier = next((u, m) for t, u, m in R.UNITS if t == unit_text)
            if unit_text.endswith("瓦") and body[match.end() : match.end() + 1] == "时" and not match.group("post"):
                continue  # 12亿千瓦时: energy (kilowatt-hours), not a capacity
            if unit_text in ("天", "个", "次", "家", "项") and not re.match(r"\d|[" + R.CHINESE_DIGITS + "]", number):
                continue
        if unit == "count" and unit_text == "个" and (re.search(r"机架|机柜", clause[-12:])
                                                     or re.match(r"(?:标准|液冷|高功率|高密度)?(?:机架|机柜)", body[match.end() :])):
            unit = "rack"  # 标准机架6000个, 1200个标准机架: racks counted with 个
        value = to_number(number)
        if value is None or (unit_text == "成" and value > 10):
            continue
        value = value / 15 if unit_text == "亩" else value * Decimal(str(multiplier))  # 300亩 = 20 hectares
        value = value.quantize(Decimal("0.01")) if value % Decimal("0.01") else value
        clause_end = min([body.find(p, match.end()) for p in "，；。" if body.find(p, match.end()) >= 0] or [len(body)])
        attending = re.fullmatch(r"[^，。；]{0,30}?(参会|参展|出席|与会|参加会议|参加|到场|齐聚)", body[match.end() : clause_end])
        if unit_text in ("人", "位") and not attending:
            continue  # 约260人参会 is who came; 员工1260人 is no figure kg measures
        measure = "participantCount" if unit == "count" and attending else \
            _measure(clause + match.group(0), body[match.end() : clause_end], unit)
        if measure is None:
            continue
        if number == "一" and unit not in ("percent", "yuan"):
            continue  # 一台台, 一个: not a figure
        comparator = "eq"
        if match.group("pre"):
            comparator = dict(R.PRE_QUALIFIERS)[match.group("pre")]
        if match.group("post"):
            comparator = dict(R.POST_QUALIFIERS)[match.group("post")]
        if match.group("mid"):
            comparator = "gt"
        if "降至" in clause[-4:] and comparator == "eq":
            comparator = "le"
        if unit == "server" and body[match.start() - 3 : match.start()] == "服务器":
            start -= 3  # 服务器30万台: the quantity with what it counts, as annotators mark it
        counted = re.match(r"(?:标准|液冷|高功率|高密度)?(?:机架|机柜)", body[match.end() :]) if unit_text == "个" else None
        if counted:
            end += counted.end()  # 4000个标准机架: the count with what it counts
        found.append(FigureFound(start, end, text[start:end], value.normalize() if value % 1 else Decimal(int(value)),
                                 unit, comparator, measure, figure_date(body, match.start())))
    return _ranges(found, text)


#: What joins the two ends of a range (1.18至1.22之间, 65%到70%).
RANGE_JOIN = re.compile(r"(至|到|~|～|-|—|－)")


def _ranges(found: list[FigureFound], text: str) -> list[FigureFound]:
    """A range (1.18至1.22之间) is two figures, at least its low end and at most its high end, each with the whole
    range as its evidence."""
    for low, high in zip(found, found[1:]):
        if low.unit != high.unit or low.measure != high.measure or not RANGE_JOIN.fullmatch(text[low.end : high.start]) \
                or low.value >= high.value or (low.comparator, high.comparator) != ("eq", "eq"):
            continue
        end = high.end + (2 if text.startswith("之间", high.end) else 0)
        for figure, comparator in ((low, "ge"), (high, "le")):
            figure.start, figure.end, figure.text, figure.comparator = low.start, end, text[low.start : end], comparator
    return found


def _is_date_part(body: str, match: re.Match) -> bool:
    after = body[match.end() : match.end() + 1]
    number = match.group("num")
    return (match.group("unit") is None and after in "年月日") or bool(re.fullmatch(r"\d{4}", number) and after == "年")


def _measure(before: str, after: str, unit: str) -> str | None:
    """What a number measures: the cue nearest to it (before it, else after it) whose units fit."""
    window_before, window_after = before[-40 if unit == "percent" else -24 :], after[:12]  # 绿电使用比例则由……的71%
    best: tuple[int, int, str] | None = None
    for rank, (cue, measure) in enumerate(R.MEASURE_CUES):
        if unit not in R.MEASURE_UNITS[measure]:
            continue
        at = window_before.rfind(cue)
        if at >= 0:
            distance = len(window_before) - (at + len(cue))
        elif cue in window_after:
            distance = 100 + window_after.find(cue)
        else:
            continue
        if best is None or (distance, rank) < best[:2]:
            best = (distance, rank, measure)
    if best is not None:
        return best[2]
    return UNIT_MEASURES.get(unit)


UNIT_MEASURES = {"PFlops": "computingPower", "EFlops": "computingPower", "rack": "rackCapacity",
                 "degreeCelsius": "annualMeanTemperature", "kilowatt": "powerCapacity", "server": "serverCapacity",
                 "hectare": "siteArea", "yuan": "investment"}


def figure_date(body: str, position: int) -> str | None:
    """The date a figure holds for: the nearest date before it in its sentence (到2027年 for a target)."""
    best = None
    for pattern, render in (
        (DATE_FULL, lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"),
        (DATE_END, lambda m: f"{m[1]}-12-31"),
        (DATE_MONTH, lambda m: f"{m[1]}-{int(m[2]):02d}"),
        (DATE_YEAR, lambda m: m[1]),
    ):
        for match in pattern.finditer(body[:position]):
            if best is None or match.start() > best[0] or (match.start() == best[0] and len(match.group(0)) > best[2]):
                best = (match.start(), render(match), len(match.group(0)))
    return best[1] if best else None


# --- relations ------------------------------------------------------------------------------


def find_relations(sentence: Sentence, text: str, category, context: tuple[Mention, ...] = ()) -> list[RelationFound]:
    """Relations stated in one sentence, by names inside names and by trigger words.

    The sentence's mentions are in text order (by start, the longer first), as the
    resolver gives them; they are looked up by position, so the work grows with the
    number of mentions, not its square.
    """
    found: list[RelationFound] = []
    mentions = sorted(sentence.mentions, key=lambda m: (m.start, -m.end))
    body = text[sentence.start : sentence.end]

    def add(subject: Mention, predicate: str, obj: Mention, confidence: float, end: int | None = None) -> None:
        if subject is obj or subject.text == obj.text:
            return
        start = min(subject.start, obj.start)
        stop = max(subject.end, obj.end, end or 0)
        found.append(RelationFound(subject, predicate, obj, start, stop, confidence))

    starts = [m.start for m in mentions]
    by_start: dict[int, list[Mention]] = {}
    for m in mentions:
        by_start.setdefault(m.start, []).append(m)
    for outer in mentions:
        nested = []
        for index in range(bisect_left(starts, outer.start), len(mentions)):
            m = mentions[index]
            if m.start >= outer.end:
                break
            if m.end <= outer.end and m is not outer:
                nested.append(m)
        # direct children only: 中国 inside 中国移动（宁夏） inside a data centre is not the centre's place
        inner = [m for m in nested if not any(o is not m and o.start <= m.start and m.end <= o.end
                                              and (o.end - o.start) > (m.end - m.start) for o in nested)]
        cat = category(outer.type)
        for m in inner:
            icat = category(m.type)
            narrower = _narrower_place(outer, m, inner, text, category) if cat in ("Organization", "Firm") else None
            if narrower is not None:  # 宁夏吴忠数字产业发展集团有限公司, 天津市滨海新区人民政府, ……有限责任公司乌兰察布供电分公司:
                if narrower.start == m.end:  # a body in the narrower place its name gives, not in the wider one
                    add(outer, "locatedIn", narrower, 0.6)
            elif cat == "Organization" and icat == "Region" and AID_BODY.search(outer.text):
                if AID_BODY.search(text, outer.start, m.start):  # 北京市援疆和田指挥部: a body in the place it aids, not
                    add(outer, "locatedIn", m, 0.55)  # in the one that sends it
                    add(outer, "supports", m, 0.5)
            elif m.start == outer.start and icat == "Region" and cat in ("Facility", "Organization", "Event", "Firm") \
                    and m.type != "Country" and not (cat in ("Firm", "Organization") and _named_after_a_place(outer, m)) \
                    and not (cat == "Event" and m.type in ("EconomicRegion", "GeographicRegion")):
                add(outer, "locatedIn" if cat != "Event" else "organizedBy", m, 0.6)
            elif m.start == outer.start and icat == "Region" and cat in ("Firm", "Organization") \
                    and m.type not in ("Country", "EconomicRegion", "GeographicRegion"):
                add(outer, "locatedIn", m, 0.4)  # 宁夏大学, 宁波甬算科技有限公司: a guess from the name alone
            elif icat == "Region" and cat in ("Facility",) and m.start > outer.start:
                add(outer, "locatedIn", m, 0.55)
            elif icat == "Region" and cat in ("Organization", "Firm") and m.type != "Country" and any(
                    o.end == m.start and o.start == outer.start and category(o.type) in ("Organization", "Firm")
                    for o in inner):  # 中国科学院重庆……研究院, 中国电信上海公司: a body of X in a place
                add(outer, "locatedIn", m, 0.55)
            elif icat == "Region" and cat == "Firm" and m.start > outer.start and m.type != "Country" \
                    and BRANCH_OFFICE.search(outer.text) \
                    and (not re.search(r"[（(]", text[outer.start : m.start]) or text[m.start - 1 : m.start] == "）"):
                add(outer, "locatedIn", m, 0.55)  # 兴业银行南宁分行, 中国电信广西分公司, 中国移动（安徽）芜湖分公司: a
                #                                   branch office in the place
            elif icat == "Region" and cat == "Firm" and 0 < m.start - outer.start <= 4 \
                    and (re.search(r"(省|市|自治区)$", m.text) or m.type == "Province") \
                    and not re.search(r"[（(]", text[outer.start : m.start]):
                add(outer, "locatedIn", m, 0.5)  # 国网山西省电力公司, 中国农业银行宁波市分行: a firm's branch in a place
            elif icat == "Region" and cat == "Region" and outer.type == "EconomicRegion" and m.type != "Country" and (
                    text[m.start - 1 : m.start] == "（" or (m.start == outer.start and m.type == "EconomicRegion")):
                add(outer, "partOf", m, 0.6)  # 中国（福建）自由贸易试验区 of 福建, ……厦门片区 of the zone
            elif icat == "Region" and cat == "Region" and m.start == outer.start and m.type != "Country" \
                    and outer.type == "AdministrativeRegion" and m.type != "AdministrativeRegion":
                add(outer, "partOf", m, 0.55)  # 长沙高新技术产业开发区: a zone of 长沙
            elif icat == "Facility" and cat == "Facility" and m.start == outer.start:
                add(outer, "partOf", m, 0.6)  # 西部（重庆）科学城智算中心: a centre of the science city
            elif icat == "Organization" and cat == "Organization" and m.start == outer.start:
                add(outer, "subOrganizationOf", m, 0.6)  # 上海交通大学算力网络研究中心
            elif icat == "Policy" and m.type == "Program" and cat == "Facility" and m.start <= outer.start + 1:
                add(outer, "participatesIn", m, 0.55)  # “东数西算”工程内蒙古枢纽节点
            elif cat == "Policy" and icat in ("Facility", "Region") and re.search(
                    r"(支持|促进|推进|推动|加快|服务|保障)[^《》]{0,6}$", text[outer.start : m.start]):
                add(outer, "supports", m, 0.5)  # 《关于支持庆阳数据中心集群发展的若干措施》
            elif icat == "Firm" and cat == "Facility" and m.start == outer.start:
                add(outer, "operatedBy", m, 0.7)
            elif icat == "Firm" and cat == "Firm" and m.start == outer.start:
                add(outer, "subOrganizationOf", m, 0.7)
            elif icat == "Region" and cat == "Firm" and text[m.start - 1 : m.start] == "（":
                add(outer, "locatedIn", m, 0.7)
        if outer.type == "GovernmentBody" and re.search(r"(管理委员会|管委会)$", outer.text):
            park = next((m for m in inner if m.start == outer.start and category(m.type) == "Facility"), None)
            place = next((m for m in nested if park is not None and m.start == park.start and m.end < park.end
                          and category(m.type) == "Region" and m.type != "Country"), None)
            while place is not None:  # 武清经济技术开发区管理委员会: the park's committee is in the park's place
                narrower = next((m for m in nested if m.start == place.end and m.end < park.end  # (河北曹妃甸……: 曹妃甸)
                                 and category(m.type) == "Region"), None)
                if narrower is None:
                    add(outer, "locatedIn", place, 0.55)
                place = narrower
    for program in (m for m in mentions if m.type == "Program"):
        gap_end = program.end + (1 if text[program.end : program.end + 1] == "”" else 0)
        gap_end += 2 if text[gap_end : gap_end + 2] == "工程" else 0
        for facility in by_start.get(gap_end, ()):
            if category(facility.type) == "Facility":  # “东数西算”工程内蒙古枢纽节点
                add(facility, "participatesIn", program, 0.55)
    for firm in (m for m in mentions if m.type == "Firm" and LEGAL_FORM.search(m.text)):
        for thing in by_start.get(firm.end, ()):
            if category(thing.type) == "Facility":  # 甘肃陇算云科技有限公司“陇原一号”绿色数据中心: the firm runs it
                add(thing, "operatedBy", firm, 0.55)
    for park in (m for m in mentions if m.type == "IndustrialPark"):
        gap = re.match(r"(?:内|里|中)?的", text[park.end : park.end + 2])
        for thing in by_start.get(park.end + (gap.end() if gap else 0), ()):
            if category(thing.type) == "Facility" and thing.type != "IndustrialPark":
                add(thing, "partOf", park, 0.55)  # 准东经济技术开发区准东绿色算力中心, ……产业园(内)的X: a facility of
                #                                   the park
    regions = [m for m in mentions if category(m.type) == "Region"]
    for a in regions:
        for b in by_start.get(a.end, ()):
            if category(b.type) == "Region" and a.text != b.text and b.type != "Country" and not NATURAL_FEATURE.search(b.text):
                # 宁夏回族自治区中卫市: the second is in the first (浙江中国小商品城集团: no country is in a province;
                # 丹东鸭绿江, 湖南湘江: a river, a lake or a mountain is no part of the place before it)
                add(b, "partOf", a, 0.7)
                following = b
                while re.search(r"[区县旗]$", following.text):  # 芜湖市鸠江区、弋江区和南陵县: so is each of the list
                    joined = next((m for m in by_start.get(following.end + 1, ()) if text[following.end] in "、和及"
                                   and category(m.type) == "Region" and re.search(r"[区县旗]$", m.text)), None)
                    if joined is None:
                        break
                    add(joined, "partOf", a, 0.6)
                    following = joined
        for thing in by_start.get(a.end, ()):
            if a.type == "Country" and a.text != "中国" and category(thing.type) in ("Firm", "Organization"):
                add(thing, "locatedIn", a, 0.5)  # 德国维森集团, 新加坡汇岸数码集团: a foreign firm
                continue
            if category(thing.type) in ("Facility", "Organization") and not any(
                    m.start <= a.start and thing.end <= m.end and m is not thing for m in mentions):
                add(thing, "locatedIn", a, 0.6)  # 中卫市西部云基地 (not 东盟 inside 扶绥东盟数据中心)
        if text[a.end : a.end + 1] == "的":  # 哈密市伊州区的哈密绿色算力产业园
            for thing in by_start.get(a.end + 1, ()):
                if category(thing.type) == "Facility":
                    add(thing, "locatedIn", a, 0.55, thing.end)
    top = _Outermost(mentions, category, context, text)
    _trigger_relations(body, sentence, mentions, category, add, top)
    _distribute_over_lists(found, top, body, sentence, add)
    _builders_who_do_not_run(found, top, body, sentence)
    return found


#: 日常运营由X负责: the one in charge of running a facility (group ``d``).
OPERATOR_IN_CHARGE = r"(?:日常)?(?:运营|运维)(?:工作|管理)?(?:则|将|主要|均)?由(?P<d>[^，。；]{2,40}?)负责"
#: An operator a sentence names as such: 交由C运营, C负责日常运营, 由C运营 (not 由C投资建设并运营), 日常运营由C负责.
NAMED_OPERATOR = re.compile(r"(?:交由|交给|委托)(?P<a>[^，。；]{2,40}?)(?:负责)?(?:日常|具体)?(?:运营|运维)|"
                            r"(?:^|(?<=[，；]))(?P<b>[^，。；]{2,40}?)负责(?:日常|具体)?运营|"
                            r"由(?P<c>[^，。；]{2,40}?)(?:负责)?运营(?![和并及与])|" + OPERATOR_IN_CHARGE)


def _builders_who_do_not_run(found: list[RelationFound], top: _Outermost, body: str, sentence: Sentence) -> None:
    """由A与B共同投资建设，交由C运营: C runs the facility; A and B, read as its operators by their building it,
    support it."""
    named = set()
    for match in NAMED_OPERATOR.finditer(body):
        group = next(g for g in ("a", "b", "c", "d") if match.group(g))
        if re.search(r"投资|建设|出资|合资|投建", match.group(group)):
            continue
        operator = top.before(sentence.start + match.end(group), ("Firm", "Organization"))
        if operator is not None and operator.end == sentence.start + match.end(group):
            named.add(operator.span)
    if not named:
        return
    run_by_named = {r.subject.span for r in found if r.predicate == "operatedBy" and r.object.span in named}
    for index, r in enumerate(found):
        if r.predicate == "operatedBy" and r.subject.span in run_by_named and r.object.span not in named \
                and top.category(r.object.type) in ("Firm", "Organization"):
            found[index] = RelationFound(r.object, "supports", r.subject, r.start, r.end, min(r.confidence, 0.5))


#: What joins the items of a list (A、B和C, A及B).
LIST_JOINS = ("、", "和", "及", "与", "以及", "、以及")


def _distribute_over_lists(found: list[RelationFound], top: _Outermost, body: str, sentence: Sentence, add) -> None:
    """A relation of one item of a list (A、B和C) holds for each item: 由吉林省人民政府和中国汽车工业协会共同主办 is
    organised by both, 服务粤港澳大湾区和东盟 serves both. The items are outermost names of one category, side by
    side with only a joining word between."""
    if not found:
        return
    lists: dict[int, list[Mention]] = {}  # id of a mention -> the list it is an item of
    for cats in {(top.category(m.type),) for m in top.top}:
        items, _, _ = top.of(cats)
        run = [items[0]] if items else []
        for previous, following in zip(items, items[1:]):
            gap = body[previous.end - sentence.start : following.start - sentence.start]
            if gap in LIST_JOINS:
                run.append(following)
                continue
            if len(run) > 1:
                lists.update((id(m), run) for m in run)
            run = [following]
        if len(run) > 1:
            lists.update((id(m), run) for m in run)
    if not lists:
        return
    for relation in list(found):
        s, o = relation.subject, relation.object
        if not (s.end <= o.start or o.end <= s.start):
            continue  # a name inside a name (中国电信哈密云计算中心) says nothing of its neighbours in a list
        confidence = max(0.3, relation.confidence - 0.05)
        if relation.predicate == "partOf":  # 甘肃酒泉、武威: each city of the list is in the province before it
            if s.start == o.end and top.category(s.type) == "Region":  # (not 青海海东市和西宁市: 和 may join two
                previous = s                                            # places, one of them outside the province)
                for item in (m for m in lists.get(id(s), []) if m.start > s.start):
                    if item.type != s.type or body[previous.end - sentence.start : item.start - sentence.start] != "、":
                        break
                    add(item, "partOf", o, confidence, relation.end)
                    previous = item
            continue
        objects, subjects = lists.get(id(o), []), lists.get(id(s), [])
        if not any(m is s for m in objects):  # both in one list: no relation of a list with itself
            for item in objects:
                if item is not o:
                    add(s, relation.predicate, item, confidence, relation.end)
        if not any(m is o for m in subjects):
            for item in subjects:
                if item is not s:
                    add(item, relation.predicate, o, confidence, relation.end)


#: A body one place sends to aid another (北京市援疆和田指挥部, 浙江省对口支援新疆阿克苏指挥部) names the aid before the
#: place it aids.
AID_BODY = re.compile(r"对口支援|援疆|援藏|援青|援建")


#: A branch office's name ends with one of these (中国电信广西分公司, 国网……白山供电公司).
BRANCH_OFFICE = re.compile(r"(分行|支行|分公司|分院|供电公司|供电局|分局)$")


def _narrower_place(outer: Mention, place: Mention, inner: list[Mention], text: str, category) -> Mention | None:
    """The narrower place a body's name gives after the place it opens with: the city right after its province
    (宁夏吴忠……有限公司, 吉林白山……有限公司), the district after its city (天津市滨海新区人民政府), or a branch
    office's place (内蒙古电力（集团）有限责任公司乌兰察布供电分公司); None if the name gives no narrower place."""
    if place.start != outer.start or category(place.type) != "Region" or place.type not in ("Province", "City"):
        return None
    narrower = ("City", "Prefecture", "AdministrativeRegion") if place.type == "Province" else ("AdministrativeRegion",)
    for other in inner:
        if other.start < place.end or other.type not in narrower:
            continue
        if other.start == place.end or (BRANCH_OFFICE.search(outer.text) and other.end <= outer.end):
            return other
    return None


def _named_after_a_place(body_mention: Mention, place: Mention) -> bool:
    """四川航空, 天津大学, 宁夏西云数据科技有限公司: a firm or university named after a place by its short name
    (not 甘肃省, 天津市) is not said to be there; a government body is (庆阳市数据局, 贵州省人民政府)."""
    if body_mention.type in ("GovernmentBody", "Committee"):
        return False
    return not re.search(r"(省|市|自治区|州|县|区)$", place.text) or body_mention.text.endswith(("大学", "学院"))


def most_named(found: list[Mention], prefer: str = "") -> Mention | None:
    """Of names in text order, the one named most often: the last of those, or the last whose name ends with
    ``prefer``."""
    if not found:
        return None
    counts = Counter(m.text for m in found)
    best = max(counts.values())
    tied = [m for m in reversed(found) if counts[m.text] == best]
    return next((m for m in tied if prefer and _bare_name(m.text).endswith(prefer)), tied[0])


class _Outermost:
    """The mentions inside no other (in text order), looked up by position and category; ``context`` holds the
    mentions of the sentences before, which anaphora (该中心, a bare 中心) may stand for."""

    def __init__(self, mentions: list[Mention], category, context: tuple[Mention, ...] = (), text: str | None = None) -> None:
        self.text = text
        # 该院 stands for 中国科学院重庆绿色智能技术研究院 of the sentence before, not the 中国科学院 inside it
        self.context = self._outermost(sorted(context, key=lambda m: (m.start, -m.end))) if context else []
        self.top = self._outermost(mentions)
        self.all = mentions
        # outermost names never cross (the resolver sees to that), so their ends are in order too
        self.ordered_ends = all(a.end <= b.end for a, b in zip(self.top, self.top[1:]))
        self.category = category
        self._by_categories: dict[tuple[str, ...], tuple[list[Mention], list[int], list[int]]] = {}

    @staticmethod
    def _outermost(mentions: list[Mention]) -> list[Mention]:
        """Those inside no other, of mentions sorted by start (the longer first); two of one span are no name."""
        spans = Counter(m.span for m in mentions)
        outermost = []
        reach = -1  # the furthest end of the mentions so far
        for m in mentions:
            if m.end > reach and spans[m.span] == 1:
                outermost.append(m)
            reach = max(reach, m.end)
        return outermost

    def of(self, cats: tuple[str, ...]) -> tuple[list[Mention], list[int], list[int]]:
        """The outermost mentions of these categories, their starts and their ends."""
        if cats not in self._by_categories:
            items = [m for m in self.top if self.category(m.type) in cats]
            self._by_categories[cats] = (items, [m.start for m in items], [m.end for m in items])
        return self._by_categories[cats]

    def before(self, pos: int, cats: tuple[str, ...]) -> Mention | None:
        """The last one that ends at or before ``pos``."""
        items, _, ends = self.of(cats)
        if self.ordered_ends:
            index = bisect_right(ends, pos)
            return items[index - 1] if index else None
        options = [m for m in items if m.end <= pos]
        return options[-1] if options else None

    def text_between(self, start: int, end: int) -> str:
        """The article's text from ``start`` to ``end`` (empty where no text was given)."""
        return self.text[start:end] if self.text is not None else ""

    def named_before(self, pos: int, test) -> list[Mention]:
        """The names (of the sentences before, then this one's) that end by ``pos`` and pass ``test``, in order."""
        return [m for m in (*self.context, *self.top) if m.end <= pos and test(m)]

    def last_named(self, pos: int, test) -> Mention | None:
        """The last of :meth:`named_before`."""
        found = self.named_before(pos, test)
        return found[-1] if found else None

    def salient(self, pos: int, test, prefer: str = "") -> Mention | None:
        """Of the names before ``pos`` that pass ``test``, the one named most often: what the text is about, where
        the words say only 这里 or leave the subject out (see :func:`most_named`)."""
        return most_named(self.named_before(pos, test), prefer)

    def salient_project(self, pos: int) -> Mention | None:
        """The facility the text is about before ``pos``: named most often, no park it stands in and no power
        plant near it (项目由X运营, 在A的支持下，我们……, 项目运营方X)."""
        return self.salient(pos, lambda m: self.category(m.type) == "Facility" and m.type not in PARK_TYPES
                            and not POWER_PLANT.search(_bare_name(m.text)))

    def ending_with(self, ending: str, cats: tuple[str, ...] | None = None):
        """A test of names: its name, without a closing bracketed part, ends with ``ending``; no person; of one of
        ``cats`` if given."""
        return lambda m: m.type != "Person" and _bare_name(m.text).endswith(ending) and (
            cats is None or self.category(m.type) in cats)

    def last_ending(self, pos: int, ending: str, cats: tuple[str, ...] | None = None) -> Mention | None:
        """The last name that ends by ``pos`` and passes :meth:`ending_with`."""
        return self.last_named(pos, self.ending_with(ending, cats))

    def after(self, pos: int, cats: tuple[str, ...]) -> Mention | None:
        """The first one that starts at or after ``pos``."""
        items, starts, _ = self.of(cats)
        index = bisect_left(starts, pos)
        return items[index] if index < len(items) else None

    def starting(self, begin: int, stop: int, cats: tuple[str, ...]) -> list[Mention]:
        """Those that start in ``begin:stop``."""
        items, starts, _ = self.of(cats)
        return items[bisect_left(starts, begin) : bisect_left(starts, stop)]


def _trigger_relations(body: str, sentence: Sentence, mentions: list[Mention], category, add,
                       top: _Outermost) -> None:
    before, after = top.before, top.after

    agents = ("Organization", "Region", "Firm")
    for trigger in (*R.PUBLISH_TRIGGERS, *R.DRAFT_TRIGGERS):
        for match in re.finditer(trigger, body):
            pos = sentence.start + match.start()
            # 印发《……》, 起草了团体标准《……》: a word or two of its kind may stand before the title
            kind = re.match(r"了?的?(20\d\d年度?)?(团体标准|地方标准|行业标准|国家标准|企业标准|实施方案|行动方案|文件|政策)?",
                            body[match.end() :])
            policies = _run_after(top, body, sentence, pos + len(trigger) + kind.end(), ("Policy",), reach=2)
            drafted = re.match(r"了?由[^，。；《》]{2,40}?(?:牵头|会同|联合)?(?:起草|制定|编制)的", body[match.end() :])
            if not policies and drafted and trigger in R.PUBLISH_TRIGGERS:  # X发布了由Y牵头起草的《……》
                policies = _run_after(top, body, sentence, pos + len(trigger) + drafted.end(), ("Policy",), reach=2)
            if not policies and body.startswith("的", match.end()):  # ……联合印发的上述方案: the policy named before
                anaphor = ANAPHOR.match(body, match.end() + 1)
                policies = [p for p in [_anaphor(body, sentence, top, match.end() + 1) if anaphor else None] if p]
            issuers = _run_before(top, body, sentence, pos, agents) or [m for m in [before(pos, agents)] if m]
            if len(issuers) == 1 and top.category(issuers[0].type) == "Region" \
                    and body[: issuers[0].start - sentence.start].endswith(("在", "于")):
                # X在贵阳市召开新闻发布会，正式发布《……》: the place is where, not who; the body before it issues it
                body_before = before(issuers[0].start, ("Organization", "Firm"))
                issuers = [body_before] if body_before is not None and body_before.start >= sentence.start else []
            clause_start, _ = _clause_bounds(body, match.start())
            if not policies and trigger in R.PUBLISH_TRIGGERS and body.startswith("并", clause_start):
                # A会同B起草了《……》，并于3月正式印发: the policy of the clause before, issued by the sentence's subject
                earlier = before(pos, ("Policy",))
                lead = top.after(sentence.start, agents)
                if earlier is not None and lead is not None and lead.start - sentence.start <= 2 \
                        and lead.end <= earlier.start:
                    policies, issuers = [earlier], [lead]
            for policy in policies:
                for agent in issuers:
                    add(policy, "issuedBy" if trigger in R.PUBLISH_TRIGGERS else "draftedBy", agent, 0.7,
                        pos + len(trigger))
    for match in re.finditer(r"(由|经)([^。；《》]{2,80}?)(牵头|参与|会同|联合|共同)*(起草|制定|编制|发布|印发|审定)", body):
        pos = sentence.start + match.start()
        trigger = match.group(4)
        if re.search(r"主办|承办|举行|举办|召开|开幕|表示|介绍|指出", match.group(2)):
            continue  # 由A主办、于X举行的大会上，B发布……: B publishes, not A
        agents_from = pos + 1
        approved = list(re.finditer(r"同意|批准|批复", match.group(2)))
        if approved:  # 经X同意，由Y印发: Y issues it, X approves it (经X同意后印发: no issuer named)
            agents_from = sentence.start + match.start(2) + approved[-1].end()
        agents = top.starting(agents_from, sentence.start + match.start(4), ("Organization", "Firm", "Region"))
        if not approved and ANAPHOR.match(body, match.start() + 1):  # 由该局会同X起草: the body named before, and X
            named = _anaphor(body, sentence, top, match.start() + 1)
            if named is not None and top.category(named.type) in ("Organization", "Firm") and named not in agents:
                agents = [named, *agents]
        if approved and not agents:
            continue
        if not agents:  # 由协会发布: the body the bare word stands for
            agents = [a for a in [_bare_kind(body, sentence, top, match.start() + 1)]
                      if a is not None and top.category(a.type) in ("Organization", "Firm")]
        policy = top.after(sentence.start + match.end(), ("Policy",))
        reach = 16 if body[match.end() : match.end() + 1] == "的" else 2  # ……起草的四川省地方标准《……》
        if policy is None or policy.start - (sentence.start + match.end()) > reach:
            clause_start, _ = _clause_bounds(body, match.start())
            policy = before(pos, ("Policy",))
            if policy is not None and policy.start < sentence.start + clause_start \
                    and re.fullmatch(r"》?[，,]", body[policy.end - sentence.start : clause_start]):
                pass  # 《……规范》，经X发布: the title just before the comma
            elif policy is None or policy.start < sentence.start + clause_start:
                policy = _topic(body, sentence, top, clause_start)  # 该方案由……起草, 方案由……起草
            if policy is None and clause_start == match.start():  # 《……》，经X发布: the policy the sentence opens with
                policy = _sentence_topic(body, sentence, top, ("Policy",), clause_start)
        if (policy is None or top.category(policy.type) != "Policy") and re.match(
                r"的(?:实施|行动|配套)?(方案|计划|规划|意见|办法|措施|政策|文件|通知|细则)", body[match.end() :]) \
                and re.search(r"(这份|该|这项|此)$", body[: match.start()]):
            # 这份由X牵头起草的文件: the policy named last
            policy = top.last_named(pos, lambda m: top.category(m.type) == "Policy" and m.type != "Program")
        if policy is None or top.category(policy.type) != "Policy":
            continue
        issued_too = trigger not in ("发布", "印发") and re.match(r"(并|后)(正式)?(印发|发布)", body[match.end() :])
        for agent in agents:
            add(policy, "issuedBy" if trigger in ("发布", "印发") else "draftedBy", agent, 0.6,
                sentence.start + match.end())
            if issued_too:  # 由X起草并印发: X issues it too
                add(policy, "issuedBy", agent, 0.55, sentence.start + match.end() + issued_too.end())
    # 经X同意(的方案) / 经X同意，Y印发《……》: the policy is approved by X
    for match in re.finditer(r"经([^，。；]{2,30}?)(?:审核|审定|研究)?(同意|批准|批复)", body):
        pos = sentence.start + match.start()
        approvers = top.starting(pos + 1, sentence.start + match.start(2), ("Organization",))
        policy = top.after(sentence.start + match.end(), ("Policy",))
        if policy is not None and policy.start - (sentence.start + match.end()) > 2 and not re.fullmatch(
                r"[，,][^，。；《》]{2,40}?(印发|发布|出台)(了)?《?", body[match.end() : policy.start - sentence.start]):
            policy = None  # 经X同意后印发，提出……发放“算力券”: a name further on is not what was approved (but 经X同意，Y印发《P》)
        if policy is None:
            policy = _bare_kind(body, sentence, top, match.end() + (1 if body[match.end() : match.end() + 1] == "的"
                                                                    else 0))
        if policy is None and re.match(r"的(?:实施|行动|配套)?(方案|计划|规划|意见|办法|措施|政策|文件|通知|细则)", body[match.end() :]) \
                and re.search(r"(这份|该|这项|此)$", body[: match.start()]):
            # 这份经X同意的方案: the policy named last
            policy = top.last_named(pos, lambda m: top.category(m.type) == "Policy" and m.type != "Program")
        if policy is None:  # 方案……经X同意，由Y印发: the policy the sentence is about
            policy = _sentence_topic(body, sentence, top, ("Policy",), match.start())
        if policy is not None and top.category(policy.type) == "Policy":
            for approver in approvers:
                add(policy, "approvedBy", approver, 0.55, sentence.start + match.end())
    # ……，其运营方X / 运营方为X: the facility is operated by X
    for match in re.finditer(r"(?:的(?:投资|建设)?(?:和|及)?)?(运营方|运营主体|运营单位)(为|是)?", body):
        pos = sentence.start + match.start()
        firm = top.after(sentence.start + match.end(), ("Firm",))
        facility = _bare_kind(body, sentence, top, match.start(), end=True)  # 计算中心运营方X: the centre named before
        # (园区的建设运营方是X: the park the bare word stands for)
        if facility is None or top.category(facility.type) != "Facility":
            facility = before(pos, ("Facility",))
        if firm and facility and firm.start - (sentence.start + match.end()) <= 1:
            add(facility, "operatedBy", firm, 0.55, firm.end)
    # X是Y的派出机构/直属单位: X is a part of Y
    for match in re.finditer(r"是([^，。；]{2,24}?)的(派出|直属|下属|内设)(机构|单位|事业单位|部门)", body):
        pos = sentence.start + match.start()
        clause_start, _ = _clause_bounds(body, match.start())
        child = before(pos, ("Organization",)) or _topic(body, sentence, top, clause_start)
        if child is None or child.end < sentence.start + clause_start - 1:
            child = _anaphor(body, sentence, top, clause_start) or top.before(sentence.start + clause_start, (
                "Organization",)) if re.match(r"[，]?$", body[max(0, clause_start - 1) : clause_start]) else None
        parent = top.after(pos + 1, ("Organization",))
        if child and parent and parent.end <= sentence.start + match.start(2) and child is not parent \
                and top.category(child.type) == "Organization":
            add(child, "subOrganizationOf", parent, 0.55, sentence.start + match.end())
    # 负责(园区)(招商和)运营的X: X runs the facility named (or the one the bare word stands for)
    for match in re.finditer(r"负责([^，。；]{0,12}?)(建设和)?(运营|运维)(管理)?(工作)?的", body):
        operator = top.after(sentence.start + match.end(), ("Firm", "Organization"))
        if operator is None or operator.start != sentence.start + match.end():
            continue
        inside = body[match.start(1) : match.end(1)]
        facility = top.after(sentence.start + match.start(1), ("Facility",))
        if facility is None or facility.start >= sentence.start + match.end(1):
            kind = KIND_WORD.match(inside)
            facility = _bare_kind(body, sentence, top, match.start(1)) if kind else None
            if facility is None and (kind := re.search(KIND_WORD.pattern + "$", inside)):  # 负责智算中心运维的: the
                facility = _bare_kind(body, sentence, top, match.start(1) + kind.end(), end=True)  # centre of the text
        if facility is not None and top.category(facility.type) == "Facility":
            add(facility, "operatedBy", operator, 0.55, operator.end)
    # 中心的日常运维交给了X, 交由X运营: X runs the facility the clause is about
    for match in re.finditer(r"(?:的)?(?:日常)?(?:运营|运维)(?:工作|管理)?(?:交给了?|交由|委托给?)", body):
        operator = top.after(sentence.start + match.end(), ("Firm", "Organization"))
        if operator is None or operator.start != sentence.start + match.end():
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        facility = _bare_kind(body, sentence, top, match.start(), end=True) if body.startswith("的", match.start()) \
            else None
        named = before(sentence.start + match.start(), ("Facility",))
        if facility is None and named is not None and named.start >= sentence.start + clause_start:
            facility = named
        if facility is None:
            facility = _topic(body, sentence, top, clause_start) or _sentence_topic(
                body, sentence, top, ("Facility",), clause_start)
        if facility is not None and top.category(facility.type) == "Facility":
            add(facility, "operatedBy", operator, 0.5, operator.end)
    # X旗下的Y, 是X旗下的骨干企业, 其全资子公司Y: Y is part of X
    for match in re.finditer(r"(?:旗下|所属|下属|(?<!其)(?:全资|控股)子公司)(的)?", body):  # ……集团所属的三峡电能有限公司
        parent = before(sentence.start + match.start(), ("Firm", "Organization"))
        if parent is None or parent.end != sentence.start + match.start():
            anaphor = next((a for a in ANAPHOR.finditer(body, max(0, match.start() - 5), match.start())
                            if a.end() == match.start()), None)
            parent = _anaphor(body, sentence, top, anaphor.start()) if anaphor \
                else _bare_kind(body, sentence, top, match.start(), end=True)  # 公司旗下的X: the firm it stands for
            if parent is None or top.category(parent.type) != "Firm":
                continue
        child = top.after(sentence.start + match.end(), ("Firm", "Organization", "Facility"))
        if child is not None and top.category(child.type) == "Facility":
            if child.start - (sentence.start + match.end()) <= 4:
                add(child, "operatedBy", parent, 0.5, child.end)  # 公司旗下的通辽科尔沁绿色数据中心
            continue
        if child is not None and child.start - (sentence.start + match.end()) <= 4:
            add(child, "subOrganizationOf", parent, 0.55, child.end)
        elif body.startswith("是", parent.start - sentence.start - 1):  # Y是X旗下的骨干企业
            clause_start, _ = _clause_bounds(body, match.start())
            subject = top.after(sentence.start + clause_start, ("Firm", "Organization"))
            if subject is not None and subject.end < parent.start:
                add(subject, "subOrganizationOf", parent, 0.55, sentence.start + match.end())
    for match in re.finditer(r"其(全资|控股)?(子公司|分公司)", body):
        child = top.after(sentence.start + match.end(), ("Firm",))
        parent = top.after(sentence.start, ("Firm", "Organization"))
        if child is not None and parent is not None and child.start == sentence.start + match.end() \
                and parent.start < sentence.start + match.start() and parent is not child:
            add(child, "subOrganizationOf", parent, 0.55, child.end)
    # X是Y的(全资)子公司: X is a subsidiary of Y
    for match in re.finditer(r"是([^，。；]{2,40}?)的(全资|控股)?(子公司|分公司|下属企业)", body):
        pos = sentence.start + match.start()
        child = before(pos, ("Firm",))
        parent = top.before(sentence.start + match.end(1), ("Firm",))  # the firm just before 的 (……上市公司X的子公司)
        if parent is None or parent.end != sentence.start + match.end(1) or parent.start < pos:
            continue
        if child is None or pos - child.end > 2:  # 这家成立于2021年的企业，是……的全资子公司: the firm the clause is about
            clause_start, _ = _clause_bounds(body, match.start())
            child = _topic(body, sentence, top, clause_start) if clause_start == match.start() else None
            if child is None and clause_start == match.start() and clause_start > 0:
                previous_start, _ = _clause_bounds(body, clause_start - 1)
                child = _anaphor(body, sentence, top, previous_start) or _topic(body, sentence, top, previous_start)
        if child is not None and child is not parent and top.category(child.type) == "Firm":
            add(child, "subOrganizationOf", parent, 0.6)
    for match in re.finditer("批复的", body):
        pos = sentence.start + match.start()
        agent, policy = before(pos, ("Organization",)), after(pos, ("Policy",))
        if agent and policy:
            add(policy, "approvedBy", agent, 0.7)
    for trigger in R.ESTABLISH_TRIGGERS:
        for match in re.finditer(trigger, body):
            pos = sentence.start + match.start()
            org = after(pos, ("Organization",))
            agent = before(pos, ("Region", "Organization"))
            if org and agent and org.start - pos <= 12:
                add(org, "establishedBy", agent, 0.6)
    # A与B共建的C, 由A牵头，联合B、C等共同组建: C is established by each of them
    for match in re.finditer(r"(共建|共同组建|联合组建|合作共建|共同建设|联合成立|共同成立|(?<=[\u4e00-\u9fff])组建(?=的)|"
                             r"(?:共同|联合)?发起(?:成立|组建|设立)?|"
                             r"(?:共同)?出资(?:组建|成立|设立)|合资(?:成立|组建|设立))", body):
        pos = sentence.start + match.start()
        clause_start, clause_end = _clause_bounds(body, match.start(), "；。！？")
        # 由A、B和C共同出资组建: the makers stand between 由 and the verb, what they made before 由 or after the verb
        by = body.rfind("由", max(clause_start, match.start() - 60), match.start())
        makers_from = _clause_bounds(body, match.start())[0] if by < 0 else by + 1  # A与B共建的C: this clause
        made = top.after(sentence.start + match.end(), ("Organization", "Facility", "Firm"))
        if made is None or not re.fullmatch(r"(了|的)?“?", body[match.end() : made.start - sentence.start]):
            made = None
            if by >= 0:  # X由A、B……组建 / X，由……组建
                made = before(sentence.start + by, ("Organization", "Facility", "Firm"))
                if made is not None and by - (made.end - sentence.start) > 1:
                    made = None
                if made is None and _clause_bounds(body, by)[0] == by:  # X总部位于……，由……组建: the sentence's subject
                    made = top.after(sentence.start, ("Organization", "Facility", "Firm"))
                    if made is not None and (made.start - sentence.start > 8
                                             or re.search(r"[，；]", body[: made.start - sentence.start])):
                        made = None
            if made is None:
                made = before(sentence.start + clause_start, ("Organization", "Facility"))  # 该中心由……组建
                made = _anaphor(body, sentence, top, clause_start) or made
        if made is None and by >= 0 and re.fullmatch(r"(公司|企业|集团)", body[clause_start:by]):
            made = _bare_kind(body, sentence, top, clause_start)  # 公司由A与B共同出资设立: the firm the text is about
        opening = _clause_bounds(body, by)[0] if by >= 0 else 0
        if made is None and by >= 0 and re.fullmatch(r"(这家|该)(公司|企业)", body[opening:by]):
            made = _anaphor(body, sentence, top, opening)  # ……，该公司由A与B共同出资组建: the firm named before
        if made is None and by >= 0 and body.startswith("后者", max(0, by - 2)):  # A与B共建，后者由C与D组建: B
            made = top.last_named(sentence.start + by - 2, lambda m: top.category(m.type) in ("Firm", "Organization"))
        if made is None and by >= 0 and (by == 0 or _clause_bounds(body, by)[0] == by):
            made = _anaphor(body, sentence, top, 0)  # 这家公司由……组建, 这家成立于2021年的企业，由……组建
            if made is None and re.match(r"(公司|企业|集团)(成立|总部|于|是|位于|设在|注册)", body):
                made = _bare_kind(body, sentence, top, 0)  # 公司成立于2021年，总部设在……，由A与B共同出资组建
        kind = re.match(r"的(企业|公司|研究机构|科研机构|机构|研究院|实验室)", body[match.end() :])
        if made is None and kind and (body.startswith("这家", clause_start) or body.startswith("这家", max(0, by - 2))):
            # 这家由A与B合资组建的企业, 这家由A与B共同组建的研究机构: the firm or the body named before
            wanted = ("Firm",) if kind.group(1) in ("企业", "公司") else ("Organization",)
            made = top.last_named(sentence.start + clause_start, lambda m: top.category(m.type) in wanted)
        if made is None:
            continue
        makers = [m for m in top.starting(sentence.start + makers_from, pos, ("Organization", "Firm", "Region"))
                  if m is not made]
        if not makers and by < 0 and makers_from == match.start() and makers_from > 0:  # A与B签署协议，共建C
            previous_start, _ = _clause_bounds(body, makers_from - 1)
            makers = [m for m in top.starting(sentence.start + previous_start, sentence.start + makers_from - 1,
                                              ("Organization", "Firm", "Region")) if m is not made]
            if not re.search(r"与|和|及|同", body[previous_start : makers_from]):
                makers = []
        pair = re.search(r"(双方|三方|两家企业|两家公司|两家单位)[^，。；]{0,6}$", body[makers_from : match.start()])
        if not makers and pair:  # A与B……，两家企业合资成立的C: the two firms named before in the sentence
            makers = [m for m in top.starting(sentence.start, pos, ("Firm",)) if m is not made][:2]
            if pair.group(1) in ("双方", "三方"):  # A与B、C签署协议，三方将共建D: the parties of the agreement
                parties = [m for m in top.starting(sentence.start, pos, ("Firm", "Organization")) if m is not made]
                if len(parties) == (2 if pair.group(1) == "双方" else 3):
                    makers = parties
        for maker in makers:
            if top.category(made.type) != "Facility":
                add(made, "establishedBy", maker, 0.55, sentence.start + match.end())
            elif top.category(maker.type) == "Organization" and maker.type != "Firm":
                add(maker, "supports", made, 0.5, sentence.start + match.end())  # a government builds it with others
    for trigger in R.HELD_TRIGGERS:
        for match in re.finditer("(?:在|于)([^，。]{2,20}?)" + trigger, body):
            pos = sentence.start + match.start()
            event, place = before(pos + 1, ("Event",)), _innermost_after(top, pos)
            if event is None and body.startswith("的", match.end()):  # 于太原市举行的……大会
                event = top.after(sentence.start + match.end() + 1, ("Event",))
                if event is not None and event.start != sentence.start + match.end() + 1:
                    event = None
            venue = top.after(pos + 1, ("Facility",))
            if venue is not None and venue.start == pos + 1 and venue.end <= sentence.start + match.end() and (
                    place is None or place.start > venue.start):  # 在长春国际会展中心开幕: the city of the venue
                place = next((m for m in sentence.mentions if m.start == venue.start and m.end < venue.end
                              and top.category(m.type) == "Region"), None)
            if event and place and place.end <= sentence.start + match.end():
                add(event, "heldIn", place, 0.75, sentence.start + match.end())
    # 这家公司搭建的“甬智造”平台: what a firm puts up, it runs
    for match in re.finditer(r"(?:搭建|打造|推出|上线|自建|建成)的", body):
        thing = top.after(sentence.start + match.end(), ("Facility",))
        if thing is None or thing.start != sentence.start + match.end():
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        maker = before(sentence.start + match.start(), ("Firm",))
        if maker is None or maker.end != sentence.start + match.start():
            maker = _anaphor(body, sentence, top, clause_start) if ANAPHOR.match(body, clause_start) and re.fullmatch(
                r"(这家|该)(公司|企业)", body[clause_start : match.start()]) else None
        if maker is not None and top.category(maker.type) == "Firm":
            add(thing, "operatedBy", maker, 0.5, thing.end)
    # 哈密所辖的巴里坤哈萨克自治县、伊吾县: the counties are part of the city
    for match in re.finditer(r"(?:所辖|下辖|辖区内)的?", body):
        whole = before(sentence.start + match.start(), ("Region",))
        clause_start, _ = _clause_bounds(body, match.start())
        if (whole is None or whole.end != sentence.start + match.start()) and clause_start == match.start() > 0:
            whole = _sentence_topic(body, sentence, top, ("Region",), clause_start)  # 三门峡地处……，辖区内陕州区、灵宝市
        elif whole is not None and whole.end != sentence.start + match.start():
            whole = None
        if whole is None:
            continue
        for part in _run_after(top, body, sentence, sentence.start + match.end(), ("Region",), reach=1):
            if part is not whole:
                add(part, "partOf", whole, 0.55, part.end)
    # Y与X签订了长期绿电交易协议: the power firm supports the one it sells green power to
    for match in re.finditer(r"与([^，。；]{2,40}?)签(?:订|署)了?[^，。；]{0,12}?(?:绿电|购电|购售电|售电|电力|供电)[^，。；]{0,8}?(?:协议|合同)",
                             body):
        other = top.after(sentence.start + match.start(1), ("Firm", "Organization"))
        if other is None or other.end > sentence.start + match.end(1):
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        buyer = before(sentence.start + match.start(), ("Facility", "Firm", "Organization"))
        if buyer is None or buyer.start < sentence.start + clause_start:
            buyer = _topic(body, sentence, top, clause_start) or _sentence_topic(
                body, sentence, top, ("Facility", "Firm"), clause_start)
        if buyer is not None and buyer is not other and re.search(r"电力|电网|供电|能源|电投|风电|光伏|水电|华能|大唐|华电|国电|"
                                                                   r"三峡|国网", other.text):
            add(other, "supports", buyer, 0.5, sentence.start + match.end())
    # X负责集群的投资建设和日常运营: X runs it; Y(则)承担网络接入和算力调度: Y supports it
    run_here = []  # what the sentence says a firm runs: those sharing the roles support it
    for match in re.finditer(r"(负责|承担)", body):
        clause_start, _ = _clause_bounds(body, match.start())
        agent = before(sentence.start + match.start(), ("Firm", "Organization"))
        if agent is None or agent.start < sentence.start + clause_start or not re.fullmatch(
                r"(则|还|也|将|主要|具体)*", body[agent.end - sentence.start : match.start()]):
            continue
        lead = 1 if body.startswith("了", match.end()) else 0  # 承担了云计算中心的日常运维
        rest = body[match.end() + lead : _clause_bounds(body, match.start())[1]]
        run = re.match(r"(?:([^，。；]{1,16}?)的)?(?:投资)?(?:建设)?(?:和|及|与)?(?:日常)?(?:运营|运维)(?:管理)?", rest)
        helps = re.match(r"(?:[^，。；]{0,16}?的)?(?:网络接入|算力调度|网络保障|电力保障|供电保障|技术支撑|运维保障|配套建设)", rest)
        if not run and not helps:
            continue
        target = None
        if run and run.group(1):
            at = match.end() + lead
            target = _bare_kind(body, sentence, top, at) or top.after(sentence.start + at, ("Facility",))
            if target is not None and target.start > sentence.start + at + len(run.group(1)):
                target = None
        elif run:  # 负责运营绵阳超算中心: the facility the verb takes
            named = top.after(sentence.start + match.end() + lead + run.end(), ("Facility",))
            if named is not None and named.start == sentence.start + match.end() + lead + run.end():
                target = named
        target = target or _sentence_topic(body, sentence, top, ("Facility",), clause_start) or top.salient(
            sentence.start + clause_start, lambda m: top.category(m.type) == "Facility")
        if target is not None and top.category(target.type) == "Facility":
            add(target, "operatedBy", agent, 0.45) if run else add(agent, "supports", target, 0.45)
            if run:
                run_here.append((target, agent))
    # A负责建设和运营，B提供……数据与模型，C则在用地、用电方面给予保障: the others of the division of roles support it
    for target, operator in run_here[:1]:
        for match in re.finditer(r"(?:^|(?<=[，；]))(?P<agent>[^，。；]{2,40}?)(?:则|还|也|将|主要)*(?:提供|给予|在[^，。；]{1,12}?"
                                 r"(?:给予|提供)|负责[^，。；]{0,12}?(?:保障|配套|支持))", body):
            agent = top.after(sentence.start + match.start("agent"), ("Firm", "Organization"))
            if agent is not None and agent.start == sentence.start + match.start("agent") \
                    and agent.end == sentence.start + match.end("agent") and agent is not operator:
                add(agent, "supports", target, 0.45, sentence.start + match.end())
    # 智算中心的建设和运营由中国电信（吉林）负责: the one in charge runs it
    for match in re.finditer(r"的(?:投资)?(?:建设)?(?:和|与|及|、)?(?:运营|运维)(?:管理)?(?:工作)?(?:均|则|将|全部|主要)?由"
                             r"([^，。；]{2,40}?)(?:负责|承担)", body):
        facility = before(sentence.start + match.start(), ("Facility",))
        if facility is None or facility.end != sentence.start + match.start():
            facility = _bare_kind(body, sentence, top, match.start(), end=True)
        agents = [m for m in _run_after(top, body, sentence, sentence.start + match.start(1), ("Firm", "Organization"),
                                        reach=1) if m.end <= sentence.start + match.end(1)]
        if facility is not None and top.category(facility.type) == "Facility" and agents \
                and agents[0].start == sentence.start + match.start(1):
            for agent in agents:
                add(facility, "operatedBy", agent, 0.5, sentence.start + match.end())
    # 在A和B的支持下，我们……: the bodies whose support the text names support the facility it is about
    for match in re.finditer(r"在([^，。；]{2,60}?)的(?:大力|全力|积极)?(?:支持|帮助|指导和支持|支持和指导)下", body):
        supporters = top.starting(sentence.start + match.start(1), sentence.start + match.end(1),
                                  ("Organization", "Firm"))
        between = [body[a.end - sentence.start : b.start - sentence.start] for a, b in zip(supporters, supporters[1:])]
        if not supporters or supporters[0].start != sentence.start + match.start(1) \
                or supporters[-1].end != sentence.start + match.end(1) or any(gap not in LIST_JOINS for gap in between):
            continue
        target = top.after(sentence.start + match.end(), ("Facility",))
        if target is None or target.type in PARK_TYPES:
            target = top.salient_project(sentence.start + match.start())
        if target is not None:
            for supporter in supporters:
                add(supporter, "supports", target, 0.45, sentence.start + match.end())
    # 记者专访了项目运营方X总经理Y, 中心的运营方为X: the operator named as such runs the facility of the text
    for match in re.finditer(r"(?P<of>项目|该项目|中心|数据中心|平台)?(?:的)?运营方(?:为|是|——)?", body):
        firm = top.after(sentence.start + match.end(), ("Firm",))
        if firm is None or firm.start != sentence.start + match.end():
            continue
        facility = before(sentence.start + match.start(), ("Facility",))
        if facility is None or facility.end != sentence.start + match.start():
            facility = top.salient_project(sentence.start + match.start()) if match.group("of") else None
        if facility is not None and top.category(facility.type) == "Facility":
            add(facility, "operatedBy", firm, 0.45, firm.end)
    # 运营这座数据中心的广西港云数据科技有限公司: the firm the clause describes runs it
    for match in re.finditer(r"(?:负责)?(?:投资)?(?:建设)?(?:和|并|及)?运营(?:这座|这个|该|此)([^，。；的]{0,8}?)(?:的|，是)", body):
        kind = KIND_WORD.search(match.group(1)) if match.group(1) else None
        firm = top.after(sentence.start + match.end(), ("Firm", "Organization"))
        if kind is None or kind.end() != len(match.group(1)) or firm is None \
                or firm.start != sentence.start + match.end():
            continue
        facility = _named_by_kind(top, kind.group(1), sentence.start + match.start())
        if facility is not None and top.category(facility.type) == "Facility":
            add(facility, "operatedBy", firm, 0.5, firm.end)
    # 这座由A建设、B运营的智算中心: B runs it
    for match in re.finditer(r"由[^，。；]{2,30}?(?:投资)?(?:建设|建成|投建)、([^，。；]{2,30}?)(?:负责)?运营的", body):
        operator = top.before(sentence.start + match.end(1), ("Firm", "Organization"))
        if operator is None or operator.end != sentence.start + match.end(1) or operator.start < sentence.start + match.start(1):
            continue
        facility = top.after(sentence.start + match.end(), ("Facility",))
        if facility is None or facility.start != sentence.start + match.end():
            kind = KIND_WORD.match(body, match.end())
            facility = None
            if kind and re.search(r"(这|该|此)[座个家处]?$", body[: match.start()]):
                facility = _named_by_kind(top, kind.group(1), sentence.start + match.start())
        if facility is not None and top.category(facility.type) == "Facility":
            add(facility, "operatedBy", operator, 0.55, operator.end)
    # X公司的Y数据中心: the firm's facility is run by it
    for match in re.finditer(r"的", body):
        owner = before(sentence.start + match.start() + 1, ("Firm",))
        thing = top.after(sentence.start + match.end(), ("Facility",))
        if owner is not None and thing is not None and owner.end == sentence.start + match.start() \
                and thing.start == sentence.start + match.end() and thing.type != "IndustrialPark" \
                and not body.startswith(("旗下", "子公司"), match.end()):
            add(thing, "operatedBy", owner, 0.45, thing.end)
    # 建成后将主要服务粤港澳大湾区和东盟国家的算力需求, 优先服务合肥、芜湖两地: the facility serves them
    for match in re.finditer(r"(?:主要|优先|重点|将|可|已|还|也|专门)*(?:服务(?:于)?(?=[^务])|面向|承接)", body):
        clause_start, _ = _clause_bounds(body, match.start())
        served = _run_after(top, body, sentence, sentence.start + match.end(), ("Region", "Firm", "Organization"),
                            reach=1)
        if not served or served[0].start != sentence.start + match.end():
            continue
        facility = before(sentence.start + match.start(), ("Facility",))
        if facility is None or facility.start < sentence.start + clause_start:
            facility = _topic(body, sentence, top, clause_start) or _sentence_topic(body, sentence, top, ("Facility",),
                                                                                   clause_start)
        if facility is not None and top.category(facility.type) == "Facility":
            for target in served:
                if target is not facility:
                    add(facility, "supports", target, 0.45, target.end)
    # 通过绿电交易向京南云谷数据中心稳定供电, 向数据中心直供绿电: the power source supports the facility
    for match in re.finditer(r"向([^，。；]{2,24}?)(?:稳定|持续|直接)?(?:供电|直供绿电|供应绿电|输送绿电|提供绿电)", body):
        pos = sentence.start + match.start()
        clause_start, _ = _clause_bounds(body, match.start())
        target = top.after(pos + 1, ("Facility",))
        if target is None or target.end > sentence.start + match.end(1):
            target = _bare_kind(body, sentence, top, match.start() + 1)
        plants = [m for m in top.starting(sentence.start, pos, ("Facility",))
                  if re.search(r"电场|电站|光伏|风电|水电|基地|项目", _bare_name(m.text))]
        source = plants[-1] if plants else before(pos, ("Facility", "Firm"))  # the power plant the sentence names
        if source is None or (not plants and source.start < sentence.start + clause_start):
            source = _sentence_topic(body, sentence, top, ("Facility", "Firm"), clause_start)
        if target is not None and source is not None and source is not target \
                and top.category(target.type) == "Facility":
            add(source, "supports", target, 0.45, sentence.start + match.end())
    # 为数据中心供电的三亚海上风电场: the plant supports what it powers
    for match in re.finditer(r"为([^，。；]{2,20}?)(?:供电|供应绿电|提供绿电)的", body):
        plant = top.after(sentence.start + match.end(), ("Facility", "Firm"))
        if plant is None or plant.start != sentence.start + match.end():
            continue
        served = top.after(sentence.start + match.start(1), ("Facility",))
        if served is None or served.end > sentence.start + match.end(1):
            served = _bare_kind(body, sentence, top, match.start(1))
        if served is None and re.fullmatch(r"(?:该|本|这个)?项目", match.group(1)):
            served = top.salient_project(sentence.start)  # 为项目供电的X: the project the text is about
        if served is not None and served is not plant and top.category(served.type) == "Facility":
            add(plant, "supports", served, 0.5, plant.end)
    # X将Y列为重点支持的算力集群: X supports Y
    for match in re.finditer(r"将([^，。；]{2,30}?)列为[^，。；]{0,12}?支持", body):
        supporter = before(sentence.start + match.start(), ("Organization", "Region"))
        target = top.after(sentence.start + match.start(1), ("Facility", "Firm", "Region"))
        clause_start, _ = _clause_bounds(body, match.start())
        if supporter is not None and target is not None and supporter.start >= sentence.start + clause_start \
                and target.end <= sentence.start + match.end(1):
            add(supporter, "supports", target, 0.5, sentence.start + match.end())
    # A、B等单位已通过平台租用训练中心的算力: the facility whose computing they use supports each of them
    for match in re.finditer(r"(?:租用|调用|使用|借用|用上|借助|利用|依托)了?", body):
        facility = top.after(sentence.start + match.end(), ("Facility",))
        if facility is None or facility.start != sentence.start + match.end():
            facility = _bare_kind(body, sentence, top, match.end())  # 租用训练中心的算力: the centre named before
            kind = KIND_WORD.match(body, match.end())
            rest = body[kind.end() :] if kind else ""
        else:
            rest = body[facility.end - sentence.start :]
        if facility is None or top.category(facility.type) != "Facility" or not (
                (re.match(r"的?(算力|智算|计算|资源)", rest) and not match.group(0).startswith("依托"))
                or (match.group(0).startswith(("借助", "利用", "依托")) and re.match(r"(训练|做|开展|完成|进行|运行|部署)", rest))):
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        users = top.starting(sentence.start + clause_start, sentence.start + match.start(), ("Firm", "Organization"))
        if users and users[0].start != sentence.start + clause_start:
            continue
        if not users and re.fullmatch(r"(实验室|研究院|公司|企业|该[\u4e00-\u9fff]{1,3}|这家[\u4e00-\u9fff]{1,3})(正|已|还|也|将)*",
                                      body[clause_start : match.start()]):
            users = [u for u in [_topic(body, sentence, top, clause_start)]  # 实验室依托……中心训练: the body it stands for
                     if u is not None and top.category(u.type) in ("Firm", "Organization")]
        if not users:
            continue
        between = [body[a.end - sentence.start : b.start - sentence.start] for a, b in zip(users, users[1:])]
        if all(gap in LIST_JOINS for gap in between):
            for user in users:
                add(facility, "supports", user, 0.45, facility.end)
    # 平台背后的算力来自X, 算力由X提供, 算力底座是位于……的X: the facility X supports what the clause is about
    for match in re.finditer(r"算力(?:底座)?(?:主要|全部|均)?(?:来自|由|是|依托)(?:位于)?", body):
        facility = _facility_after_address(top, body, sentence, match.end())  # (来自浮梁县的瓷都云计算中心)
        if facility is None:
            continue
        following = top.after(facility.end + 1, ("Facility",))
        if following is not None and following.start == facility.end + 1 and body[facility.end - sentence.start] == "的":
            facility = following  # 位于柯桥经济技术开发区的柯桥智算中心: the zone is where it is
        clause_start, _ = _clause_bounds(body, match.start())
        supported = _topic(body, sentence, top, clause_start) or _sentence_topic(body, sentence, top, ("Facility",),
                                                                                    match.start())
        if supported is not None and supported is not facility and top.category(supported.type) == "Facility":
            add(facility, "supports", supported, 0.45, facility.end)
    # 攀枝花将在东区、仁和区和米易县布局……, 莆田市在涵江区举行……: the districts a city acts in are its own
    for match in re.finditer(r"(?:将|已|还|也|正|拟|要|计划)*(?:在|依托|于)", body):
        city = before(sentence.start + match.start() + 1, ("Region",))
        if city is None or city.end != sentence.start + match.start() or city.type not in ("City", "Prefecture") \
                or re.search(r"[县区旗]$", city.text):
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        if not re.fullmatch(r"([\u4e00-\u9fff]{2,4}(省|自治区))?", body[clause_start : city.start - sentence.start]):
            continue  # the city (after its province) is what the clause is about
        for place in _run_after(top, body, sentence, sentence.start + match.end(), ("Region",), reach=3):
            if _district_of_a_city(place):
                add(place, "partOf", city, 0.45, place.end)
    # 《恩施州……方案》……以恩施市为核心、利川市和宣恩县为支点: the places a city's plan lays out are the city's own
    layout = re.search(r"以[^，。；]{2,24}?为(?:核心|重点|支点|主体|龙头|中心|主阵地|核心区|拓展区|起步区)", body)
    if layout:
        plans = [m for m in mentions if m.end <= sentence.start + layout.start() and top.category(m.type) in (
            "Policy", "Organization")] or [m for m in [top.last_named(sentence.start, lambda m: top.category(m.type)
                                                                          == "Policy")] if m is not None]
        owner = next((m for plan in reversed(plans) for m in mentions if m.start == plan.start + (
            1 if plan.text.startswith("《") else 0) and m.end < plan.end and m.type in ("City", "Prefecture")), None)
        if owner is None and plans:  # a plan named in an earlier sentence: its place is not in this sentence's list
            owner = next((m for m in top.all if m.start == plans[-1].start and m.end < plans[-1].end
                          and m.type in ("City", "Prefecture")), None)
        endings = "县区旗" if owner is None or owner.type == "City" else "县区旗市"  # (a prefecture's county-level cities)
        for place in (m for m in mentions if m.start >= sentence.start + layout.start() and owner is not None
                      and top.category(m.type) == "Region" and m.text != owner.text):
            if _district_of_a_city(place, endings) and place.start > owner.end:
                add(place, "partOf", owner, 0.45, place.end)
    # 公司把检测模型放到永川智算中心训练, 把训练任务迁到了……的怀来绿能智算中心: the facility supports the user
    for match in re.finditer(r"(?:放到|放在|放进|迁到|迁入|迁至|搬到|搬进|搬上|部署到|部署在|交给)了?", body):
        clause_start, _ = _clause_bounds(body, match.start())
        if not re.search(r"[把将]", body[clause_start : match.start()]):
            continue  # 把/将 X 放到 Y: the user's work goes to the facility
        facility = _facility_after_address(top, body, sentence, match.end())  # (迁到了河北省张家口市怀来县的……)
        if facility is None:
            facility = _bare_kind(body, sentence, top, match.end())  # 放在该中心, 放到平台上
            anaphor = ANAPHOR.match(body, match.end())
            facility = _anaphor(body, sentence, top, match.end()) if anaphor else facility
        if facility is None or top.category(facility.type) != "Facility":
            continue
        user = top.after(sentence.start + clause_start, ("Firm", "Organization"))
        if user is None or user.start != sentence.start + clause_start or user.end > sentence.start + match.start():
            user = _topic(body, sentence, top, clause_start)  # 公司把……, 该公司把……
        if user is None and clause_start > 0:
            user = _sentence_topic(body, sentence, top, ("Firm", "Organization"), clause_start)
        if user is not None and top.category(user.type) in ("Firm", "Organization") and user is not facility:
            add(facility, "supports", user, 0.45, facility.end)
    # X宣布，其建设运营的Y: Y is run by the sentence's subject
    for match in re.finditer(r"其(?:投资)?(?:建设)?(?:并)?运营的", body):
        facility = top.after(sentence.start + match.end(), ("Facility",))
        runner = top.after(sentence.start, ("Firm", "Organization"))
        if facility is not None and facility.start == sentence.start + match.end() and runner is not None \
                and runner.end <= sentence.start + match.start() and runner.start - sentence.start <= 2:
            add(facility, "operatedBy", runner, 0.5, facility.end)
    # 方案还提出设立“算力券”, 并向……发放“算力券”: a programme a policy sets up is part of it
    for match in re.finditer(r"(?:设立|发放|推出|实施|建立|设置|开展|建设|打造|创建)", body):
        program = top.after(sentence.start + match.end(), ("Policy",))
        if program is None or program.type != "Program" or program.start - (sentence.start + match.end()) > 14 \
                or re.search(r"[，。；]", body[match.end() : program.start - sentence.start]):
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        policy = _sentence_topic(body, sentence, top, ("Policy",), match.start())
        if policy is None:
            policy = top.last_named(sentence.start + match.start(),
                                    lambda m: top.category(m.type) == "Policy" and m.type != "Program")
            if policy is not None and not BARE_POLICY.search(body[: match.start()]) and policy.start < sentence.start:
                policy = None  # a programme named with no policy word in the sentence is no part of one
        if policy is not None and policy is not program and policy.type != "Program":
            add(program, "partOf", policy, 0.45, program.end)
    # 这份措施正是依据《指导意见》制定的, 是落实《……》的配套政策: a policy made to carry out another is guided by it
    for match in re.finditer(r"(?:依据|根据|按照|落实|贯彻)《", body):
        guide = top.after(sentence.start + match.end() - 1, ("Policy",))
        if guide is None or guide.start - (sentence.start + match.end()) not in (-1, 0) or not re.match(
                r"》?[^，。；]{0,6}?(制定|出台|编制|印发|的)", body[guide.end - sentence.start :]):
            continue
        policy = _topic(body, sentence, top, 0) or _sentence_topic(body, sentence, top, ("Policy",), match.start())
        if policy is not None and policy is not guide and top.category(policy.type) == "Policy" \
                and policy.type != "Program":
            add(policy, "guidedBy", guide, 0.5, guide.end)
    # A在B举办C: C is organised by A and held in B (the event follows the verb)
    for match in re.finditer(r"(?:在|于)([^，。；]{2,20}?)(举办|召开|举行|主办)了?", body):
        pos = sentence.start + match.start()
        event = top.after(sentence.start + match.end(), ("Event",))
        if event is None or event.start != sentence.start + match.end():
            continue
        place = _innermost_after(top, pos)
        if place is not None and top.category(place.type) == "Region" and place.end <= sentence.start + match.start(2):
            add(event, "heldIn", place, 0.6, event.end)
        clause_start, _ = _clause_bounds(body, match.start())
        host = before(pos, ("Organization", "Firm"))
        if host is not None and host.start >= sentence.start + clause_start and re.fullmatch(
                r"(还|也|将|已|还将|又|日前|近日|今天|昨天|当天|正式|首次|共同|联合|\d{1,2}月\d{1,2}日)*",
                body[host.end - sentence.start : match.start()]):
            add(event, "organizedBy", host, 0.55, event.end)
    for trigger in R.SETTLE_TRIGGERS:
        for match in re.finditer(trigger, body):
            pos = sentence.start + match.start()
            clause_start = sentence.start + max(body.rfind(p, 0, match.start()) for p in "，；。") + 1
            host = next((m for m in top.starting(clause_start, pos, ("Facility",))), None)
            host_places = [m for m in mentions if host and host.start <= m.start and m.end <= host.end
                           and category(m.type) == "Region" and m.type != "Country"]
            following = after(pos, ("Region",))
            if following and following.start - (pos + len(trigger)) > 2:
                following = None
            region = following or (host_places[-1] if host_places else None) or before(pos, ("Region",))
            firms = top.starting(clause_start, pos, ("Firm",))
            if not firms:  # 这家公司2023年落户盂县: the firm the anaphor stands for
                firms = [f for f in [_anaphor(body, sentence, top, clause_start - sentence.start)]
                         if f is not None and top.category(f.type) == "Firm"]
            if not firms and clause_start > sentence.start:  # A、B等企业集中签约，落户扶绥县: the clause before
                previous_start = sentence.start + max(body.rfind(p, 0, clause_start - sentence.start - 1)
                                                      for p in "，；。") + 1
                firms = top.starting(previous_start, clause_start, ("Firm",))
            for firm in firms:
                if region:
                    add(firm, "settledIn", region, 0.6, pos + len(trigger))
    for match in re.finditer(r"(?:这家|该)?总部(?:设在|位于)([^，。；]{2,16}?)的", body):
        place = top.before(sentence.start + match.end() - 1, ("Region",))
        firm = top.after(sentence.start + match.end(), ("Firm", "Organization"))
        if firm is None or firm.start != sentence.start + match.end():
            firm = _anaphor(body, sentence, top, match.start()) if body.startswith(("这家", "该"), match.start()) \
                else None
            if firm is None and body.startswith("这家", match.start()):
                kind = re.match(r"(企业|公司|单位|机构)", body[match.end() :])
                firm = top.last_named(sentence.start + match.start(),
                                      lambda m: top.category(m.type) in ("Firm", "Organization")) if kind else None
        if firm is not None and place is not None and place.start >= sentence.start + match.start(1):
            add(firm, "locatedIn", place, 0.5, sentence.start + match.end())
    for match in re.finditer("位于|坐落在|坐落于|坐落|地处|设在|设于", body):
        pos = sentence.start + match.start()
        thing, place = before(pos, ("Facility", "Organization", "Firm")), _innermost_after(top, pos)
        site, tail = _park_after_places(top, body, sentence, pos + len(match.group(0)))
        if site is not None and tail.group(0).endswith("的"):  # 位于沙河经济开发区的沙河……中心: it is part of the park
            named = top.after(sentence.start + tail.end(), ("Facility",))
            if named is not None and named.start == sentence.start + tail.end() and named is not site:
                add(named, "partOf", site, 0.55, named.end)
            continue
        if site is not None and (place is None or place.start >= site.start or place.end <= site.start):
            # 这座数据中心位于韶关数据中心集群内, 位于日照市东港区的日照经济技术开发区内: a facility inside a cluster or a
            # park is part of it
            clause_start, _ = _clause_bounds(body, match.start())
            inner = thing if thing is not None and thing.start >= sentence.start + clause_start else _topic(
                body, sentence, top, clause_start)
            if inner is None and clause_start == match.start():  # X，位于Y开发区。: what the sentence opens with
                inner = _sentence_topic(body, sentence, top, ("Facility",), match.start())
            if inner is not None and inner is not site and top.category(inner.type) == "Facility":
                add(inner, "partOf", site, 0.55, site.end)
            continue
        first_place = top.after(pos, ("Region",))
        if match.group(0).startswith("设") and (first_place is None or first_place.start != pos + 2):
            continue  # 设在南京市江宁区, not 设在园区内的……
        clause_start, _ = _clause_bounds(body, match.start())
        if thing is not None and thing.start < sentence.start + clause_start:
            thing = None
        relative = re.match(r"(?:位于|坐落在|坐落于|坐落|地处|设在|设于)([^，。；“”]{2,30}?)的", body[match.start() :])
        if relative and (thing is None or pos - thing.end > 1):  # ……运营位于达拉特旗境内、库布其沙漠北缘的X: X is there
            named = top.after(pos + relative.end(), ("Facility", "Organization", "Firm"))
            places = top.starting(pos + 2, pos + relative.end(1) + 2, ("Region",))
            if named is not None and named.start == pos + relative.end() and places:
                ends = {p.start for p in places}
                for each in places:
                    if each.end not in ends:  # 达拉特旗 of 鄂尔多斯市达拉特旗: the innermost
                        add(named, "locatedIn", each, 0.6, named.end)
                continue
            region_named = top.after(pos + relative.end(), ("Region",))
            rest = body[region_named.end - sentence.start :] if region_named is not None else ""
            if region_named is not None and region_named.start == pos + relative.end() and places \
                    and re.match(r"[，。；、]|的|是|将|已|在|很|也|还|作为|拥有|有|近年|$", rest) \
                    and match.group(0) in ("位于", "地处") and "之间" not in relative.group(1):
                ends = {p.start for p in places}
                for each in places:  # 地处黑龙江省西部、松嫩平原腹地的大庆: the city is part of each
                    if each.end not in ends and each is not region_named and each.type != "Country":
                        add(region_named, "partOf", each, 0.55, region_named.end)
                continue
        region = before(pos, ("Region",))
        if thing is None and region is not None and region.end == pos and match.group(0) in ("位于", "地处") \
                and place is not None and place is not region and top.category(place.type) == "Region" \
                and region.start == sentence.start + clause_start and region.type != "Country" \
                and not re.search(r"之间|之中|交界", body[match.end() : _clause_bounds(body, match.start())[1]]):
            add(region, "partOf", place, 0.55, place.end)  # 和林格尔新区位于呼和浩特市南部, 庆阳地处黄土高原腹地
            continue
        if thing is None:  # 研究院设在……, 集群起步区位于……: the body or facility the clause or sentence is about
            thing = _topic(body, sentence, top, clause_start) or _sentence_topic(body, sentence, top, ("Facility",),
                                                                                 match.start())
        if thing is None and body.startswith("总部", clause_start) and clause_start + 2 == match.start():
            # 公司成立于2021年，总部设在潮州市湘桥区: the firm the sentence is about
            thing = _sentence_topic(body, sentence, top, ("Firm", "Organization"), clause_start) or (
                _bare_kind(body, sentence, top, 0) if re.match(r"(公司|企业|集团)", body) else None)
        if thing and place:
            add(thing, "locatedIn", place, 0.7)
            for other in _run_after(top, body, sentence, place.end, ("Region",), reach=1)[1:]:
                add(thing, "locatedIn", other, 0.6)  # 位于芜湖市鸠江区、弋江区和南陵县
            site = top.after(place.end, ("Facility",))  # 坐落在西宁市湟中区的甘河工业园区: in the park too
            if site is not None and body.startswith("的", place.end - sentence.start) and site.start == place.end + 1 \
                    and site is not thing and top.category(thing.type) == "Facility":
                add(thing, "partOf", site, 0.5, site.end)
    for match in re.finditer(r"(被)?(列入|纳入|列为|入选)了?(?:[^，。；《》]{2,24}?(?:印发|发布|出台)的)?"
                             r"(《|(?=(?:该|上述|这份|此)?(?:实施|行动|专项)?(?:方案|规划|计划|意见|措施)))", body):
        # 项目还被列入了《……》的重点项目清单, 已被列入该方案首批重点项目清单, 被列入X印发的《……》重点项目清单, 被列为方案
        # 首批重点项目, 已入选该方案首批重点项目名单
        if match.group(3):
            policy = top.after(sentence.start + match.end() - 1, ("Policy",))
            if policy is not None and policy.start - (sentence.start + match.end()) not in (-1, 0):
                policy = None
            rest = body[policy.end - sentence.start :] if policy is not None else ""
        else:
            anaphor = ANAPHOR.match(body, match.end())
            if anaphor:
                policy = _anaphor(body, sentence, top, match.end())
                rest = body[anaphor.end() :]
            else:  # 被列为方案首批重点项目: the policy named last
                bare = BARE_POLICY_WORD.match(body, match.end())
                policy = top.last_named(sentence.start + match.start(), lambda m: top.category(m.type) == "Policy"
                                        and m.type != "Program") if bare else None
                rest = body[bare.end() :] if bare else ""
        if policy is None or top.category(policy.type) != "Policy" or not re.match(
                r"[^，。；]{0,10}?(清单|名单|目录|名录|重点项目|示范项目|试点项目)", rest):
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        agent = before(sentence.start + match.start(), ("Facility", "Firm", "Organization", "Region"))
        if agent is None or agent.start < sentence.start + clause_start:
            agent = _topic(body, sentence, top, clause_start) or _sentence_topic(
                body, sentence, top, ("Facility", "Firm", "Organization", "Region"), clause_start)
            if agent is None and re.match(r"(该|这个)?项目", body[clause_start:]):
                agent = top.last_named(sentence.start + clause_start, lambda m: top.category(m.type) == "Facility")
        if agent is not None:
            add(agent, "selectedFor", policy, 0.5, policy.end)
    # ……印发《方案》，X被列为省级重点算力集聚区; X入选方案确定的首批重点项目; X是方案确定的首批重点项目; 方案把X列为
    # 全市首批重点项目: what a policy names among its key or pilot projects is selected for it
    for match in SELECTED_AS.finditer(body):
        what = match.group("what") or ""
        if "《" in what or re.search(r"名单|清单|目录|名录", what):
            continue  # a named list (the rule above reads those)
        clause_start, _ = _clause_bounds(body, match.start())
        if match.group("maker"):  # 方案把X列为……: the agent follows 把, the policy opens the clause
            agent = top.after(sentence.start + match.end("maker"), ("Facility", "Firm", "Organization", "Region"))
            if agent is None or agent.end != sentence.start + match.start("verb"):
                continue
            policy = before(sentence.start + match.start("maker"), ("Policy",))
            if policy is not None and policy.start < sentence.start + clause_start and not re.match(
                    r"(?:明确|提出|要求|并|还|同时|其中|也)", body[clause_start:]):
                policy = None  # ……印发《规划》，明确将汕尾市作为……: the policy of the clause before
            if policy is None or policy.start < sentence.start:
                policy = None if BARE_POLICY_OPENING.match(body, clause_start) is None else top.last_named(
                    sentence.start + clause_start, lambda m: top.category(m.type) == "Policy" and m.type != "Program")
        else:
            agent = before(sentence.start + match.start(), ("Facility", "Firm", "Organization", "Region"))
            if agent is None or agent.start < sentence.start + clause_start \
                    or not re.fullmatch(r"(已|还|也|又|先后|均|都|同时|正式|成功)*", body[agent.end - sentence.start : match.start()]):
                agent = _topic(body, sentence, top, clause_start)
                if agent is None or not re.fullmatch(r"[^，。；]{0,6}", body[clause_start : match.start()]):
                    continue
            if BARE_POLICY_WORD.search(what):  # 入选方案确定的……: the policy named last
                policy = top.last_named(sentence.start + match.start(), lambda m: top.category(m.type) == "Policy"
                                        and m.type != "Program")
            else:  # ……印发《……》，X被列为……: the policy the sentence names before X
                policy = next((m for m in reversed(top.top) if sentence.start <= m.start < agent.start
                               and top.category(m.type) == "Policy" and m.type != "Program"), None)
        if agent is None or policy is None or policy.start < sentence.start - 400 \
                or top.category(agent.type) == "Policy" or agent.type == "Country":
            continue
        add(agent, "selectedFor", policy, 0.45, sentence.start + match.end())
    for match in re.finditer(r"榜上有名|名列其中|成功入选|入选其中", body):  # ……名单，X榜上有名
        clause_start, _ = _clause_bounds(body, match.start())
        agent = top.after(sentence.start + clause_start, ("Facility", "Firm", "Organization", "Region"))
        policy = before(sentence.start + clause_start, ("Policy",))
        if agent is not None and policy is not None and agent.end <= sentence.start + match.start() \
                and agent.start == sentence.start + clause_start:
            add(agent, "selectedFor", policy, 0.5, sentence.start + match.end())
    # A、B和C均在名单之列: each is on the list the article named before
    for match in re.finditer(r"(?:均|都|也|同样|亦)?(?:在|位于|位列|列入)(?:名单|清单|名录)之列", body):
        pos = sentence.start + match.start()
        clause_start, _ = _clause_bounds(body, match.start())
        listed = _list_named_before(top, pos)
        agents = top.starting(sentence.start + clause_start, pos, ("Facility", "Firm", "Organization"))
        between = [body[a.end - sentence.start : b.start - sentence.start] for a, b in zip(agents, agents[1:])]
        if listed is None or not agents or agents[-1].end != pos or not all(gap in LIST_JOINS for gap in between):
            continue
        for each in agents:
            add(each, "selectedFor", listed, 0.45, sentence.start + match.end())
    # 清单中，A、B和C……: each is on the list the article named before
    for match in re.finditer(r"(?:名单|清单|名录)(?:中|里|内)[，,]?", body):
        pos = sentence.start + match.start()
        listed = _list_named_before(top, pos)
        opens_clause = match.start() == 0 or body[match.start() - 1] in "，。；：" \
            or re.search(r"(该|此|这份|这一|上述)$", body[: match.start()]) is not None  # (not ……的清单中: inside a name)
        if listed is None or not opens_clause:
            continue
        for each in _run_after(top, body, sentence, sentence.start + match.end(), ("Facility", "Firm"), reach=1):
            add(each, "selectedFor", listed, 0.45, each.end)
    # 方案确定的首批“……示范项目”: the programme of selected projects is part of the plan
    for match in re.finditer(r"(确定|公布|明确|提出|设立|遴选)的(首批|第[一二三四五]批)?“?", body):
        program = top.after(sentence.start + match.end(), ("Policy",))
        if program is None or program.type != "Program" or program.start != sentence.start + match.end():
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        plan = before(sentence.start + match.start(), ("Policy",))
        if plan is None or plan.start < sentence.start + clause_start or plan.type == "Program":
            word = re.search(r"(?:该|上述|这份)?(?:实施|行动|配套)?(方案|计划|规划|意见|办法|措施|政策)(?:配套)?$",
                             body[clause_start : match.start()])
            plan = top.last_named(sentence.start + clause_start,
                                  lambda m: top.category(m.type) == "Policy" and m.type != "Program") if word else None
        if plan is not None and plan is not program:
            add(program, "partOf", plan, 0.5, program.end)
    for match in re.finditer("入选", body):
        pos = sentence.start + match.start()
        agent, policy = before(pos, ("Region", "Organization", "Facility", "Firm")), after(pos, ("Policy",))
        clause_start, clause_end = _clause_bounds(body, match.start())
        if policy is not None and policy.start >= sentence.start + clause_end:
            policy = None
        if policy is None and re.match(r"(其中|名单|之列)?[，。；]|$", body[match.end() :]):
            # 建设“……示范区”，A与B一道入选: what the clause before names
            policy = top.last_named(pos, lambda m: m.type == "Program" and m.start >= sentence.start)
            agents = top.starting(sentence.start + clause_start, pos, ("Facility", "Firm", "Organization", "Region"))
            between = [body[a.end - sentence.start : b.start - sentence.start] for a, b in zip(agents, agents[1:])]
            if policy is not None and agents and all(gap in LIST_JOINS for gap in between):
                for each in agents:
                    add(each, "selectedFor", policy, 0.5, pos + 2)
            continue
        if policy is None:  # 同样入选的X, 入选名单的X, X是此次入选的……: the list the article named before
            listed = _list_named_before(top, pos)
            after_it = re.match(r"(?:名单|清单|名录)?的", body[match.end() :])
            named = top.after(pos + 2 + after_it.end(), ("Facility", "Firm", "Organization")) if after_it else None
            if named is not None and (named.start == pos + 2 + after_it.end() or all(  # (同样入选的张掖市甘州区X: past its address)
                    top.category(m.type) == "Region" for m in top.starting(pos + 2 + after_it.end(), named.start, ("Region",)))
                    and re.fullmatch(r"(?:[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|区|县|州|旗|盟))+",
                                     body[match.end() + after_it.end() : named.start - sentence.start])):
                agent = named
            elif agent is None or not re.fullmatch(r"(?:是|为|也|同样|均|还|都)?(?:此次|本次|这次|首批|同批)?",
                                                   body[agent.end - sentence.start : match.start()]):
                agent = None
            if agent is not None and listed is not None and pos - listed.end < 1500:
                add(agent, "selectedFor", listed, 0.45, pos + 2)
            continue
        if agent is None or re.search(r"[，；]", body[agent.end - sentence.start : match.start()]):
            # 该集群已建成……，并入选……: the sentence's topic
            agent = _sentence_topic(body, sentence, top, ("Region", "Organization", "Facility", "Firm")) or agent
        if agent and policy:
            add(agent, "selectedFor", policy, 0.6)
    for match in re.finditer("对标", body):
        pos = sentence.start + match.start()
        agent, policy = before(pos, ("Region", "Organization")), after(pos, ("Policy",))
        if agent and policy:
            add(agent, "guidedBy", policy, 0.55)
    # 安顺市人民政府与华为、中国电信等企业签订……协议: the firms have projects in the government's place
    for match in re.finditer(r"与([^，。；]{2,60}?)(?:等企业|等公司|等单位)?(?:现场|正式|共同)?(?:签订|签署|签约)", body):
        government = before(sentence.start + match.start(), ("Organization", "Region"))
        if government is not None and category(government.type) == "Region" and government.end == sentence.start + match.start() \
                and government.type in ("City", "AdministrativeRegion", "Prefecture"):
            place = government  # 德阳市与中国电信（四川）签署战略合作协议: the place itself signs
        elif government is None or government.end != sentence.start + match.start() \
                or not re.search(r"(人民政府|政府|管委会|管理委员会)$", government.text):
            continue
        else:
            place = next((m for m in mentions if m.start == government.start and m.end < government.end
                          and category(m.type) == "Region"), None)
        for firm in top.starting(sentence.start + match.start(1), sentence.start + match.end(1), ("Firm",)):
            if place is not None:
                add(firm, "hasProjectIn", place, 0.5, sentence.start + match.end())
    for match in re.finditer(r"(等(?:\d+(?:余|多)?家)?(?:企业|公司|单位))?与([^，。；]{2,10}?)(签约|签署|签订)", body):
        pos = sentence.start + match.start()
        if match.group(3) != "签约" and (not match.group(1) or re.search(r"多家|企业|公司", match.group(2))) \
                and not re.search(r"人民政府(?:现场|正式|共同)?$", match.group(2)):
            continue  # A、B等单位与大连市签署合作协议: the firms of a list (not one lender, not 与多家企业签署; but A、B与X县人民政府签订)
        pos = sentence.start + match.start(2) - 1
        place = top.after(pos + 1, ("Region",))
        government = top.after(pos + 1, ("Organization",))
        if government is not None and government.end <= sentence.start + match.end() \
                and (place is None or place.start > government.start):  # 与赣州市人民政府签约: the government's place
            place = next((m for m in mentions if m.start == government.start and m.end < government.end
                          and category(m.type) == "Region"), place)
        clause_start, _ = _clause_bounds(body, match.start())
        if place and place.end <= sentence.start + match.end():
            for firm in top.starting(sentence.start + clause_start, pos, ("Firm",)):
                add(firm, "hasProjectIn", place, 0.5, sentence.start + match.end())
    for match in re.finditer(r"在([^，。]{2,16}?)(?:新建|建设|投资建设|投建|布局|建成|共建|兴建|打造|建有|设立|部署|落地)", body):
        pos = sentence.start + match.start()
        place = _innermost_after(top, pos)  # 在银川市西夏区建设: 西夏区
        clause_start = sentence.start + max(body.rfind(p, 0, match.start()) for p in "。；") + 1
        places = [place] if place else []
        named = top.starting(pos + 1, sentence.start + match.end(1), ("Region",))
        if len(named) >= 2 and re.fullmatch(r"(?:[^，。、]+?[、和及与])+[^，。、]+", match.group(1)):
            # 在吕梁市临县、方山县建设: each place of the list (the innermost: 临县, not 吕梁市 of 吕梁市临县)
            starts = {m.start for m in named}
            places = [m for m in named if m.end not in starts]
        for firm in top.starting(clause_start, pos, ("Firm",)):
            for each in places:
                add(firm, "hasProjectIn", each, 0.55)
    # 在鸠江区建设X, 在园区内建成并运营X: what is built there is there, and run by whoever runs it
    for match in re.finditer(r"在([^，。；]{2,14}?)(?:内|境内|里)?(?:投资|率先|新|正式|开工)?(?:建设|建成|新建|兴建|投建|部署|共建|合作建设|"
                             r"打造|(自建|自主建设|独资建设))(?:了|起)?(并运营|并投运|并投入运营|运营)?(?:的|了|起)?(?:一座|一个|首个)?",
                             body):
        pos = sentence.start + match.start()
        facility = top.after(sentence.start + match.end(), ("Facility",))
        if facility is None or facility.start != sentence.start + match.end():
            continue
        inside = top.starting(pos + 1, sentence.start + match.start(1) + len(match.group(1)), ("Region", "Facility"))
        if inside and inside[-1].end <= sentence.start + match.end(1):
            place = inside[-1]
            add(facility, "locatedIn" if category(place.type) == "Region" else "partOf", place, 0.5, facility.end)
        elif (word := KIND_WORD.match(match.group(1))) and word.end() == len(match.group(1)):
            site = _bare_kind(body, sentence, top, match.start(1))  # 在园区内建成: the park named before
            if site is not None and category(site.type) == "Facility" and site is not facility:
                add(facility, "partOf", site, 0.45, facility.end)
        # 在园区内建成并运营X, 公司在大丰区自建的X: run by the builder (a guess when it only builds: 将在园区内建设X)
        clause_start, _ = _clause_bounds(body, match.start())
        runner = before(pos, ("Firm",))
        if runner is None or runner.start < sentence.start + clause_start:
            runner = _topic(body, sentence, top, clause_start) if re.match(r"(公司|企业|集团|该公司|这家公司)(已|还|也|将)?在",
                                                                           body[clause_start:]) else None
        if runner is not None and top.category(runner.type) == "Firm":
            add(facility, "operatedBy", runner, 0.5 if match.group(2) or match.group(3) else 0.45, facility.end)
    _more_trigger_relations(body, sentence, top, add)
    people = [m for m in mentions if m.type == "Person"]
    cues = "|".join(R.SPEECH_CUES)
    for person in people:
        offset = person.start - sentence.start
        # X的李晓蓉副局长介绍: the title after the name, the body before 的
        title_after = next((t for t in TITLES_LONGEST_FIRST if body.startswith(t, person.end - sentence.start)), None)
        if title_after and body[offset - 1 : offset] == "的":
            org = before(person.start - 1, ("Organization", "Firm"))
            if org is not None and org.end == person.start - 1:
                add(person, "worksFor", org, 0.6)
                if re.match(rf"({cues})", body[person.end - sentence.start + len(title_after) :]):
                    add(person, "spokeFor", org, 0.55)
        speaks = re.match(rf"(在[^，。]{{1,12}}?|一边[^，。]{{1,16}}?[，]?一边(向记者)?)?({cues})",
                          body[person.end - sentence.start :])
        spoken = False
        # titles before the name, joined by 、 (内蒙古大学教授、实验室主任孙立军): each may follow its body
        while True:
            title = _title_before(body, offset)
            if not title:
                break
            org = before(sentence.start + offset - len(title), ("Organization", "Firm", "Facility"))
            near = org is not None and sentence.start + offset - len(title) - org.end <= 2
            at = offset - len(title)
            if title in GOVERNMENT_TITLES and not near:  # 宝鸡市副市长赵明远: the city's government, where it is named
                place = before(sentence.start + at, ("Region",))
                government = top.last_named(sentence.start + len(body), lambda m: m.type == "GovernmentBody" and re.fullmatch(
                    re.escape(place.text) + r"(人民)?政府", m.text)) if place is not None and place.end == sentence.start + at else None
                if government is not None:
                    org, near = government, True
            if not near and org is not None and top.category(org.type) in ("Organization", "Firm") \
                    and (DEPARTMENT.fullmatch(body, org.end - sentence.start, at) or (
                        title.endswith(("工程师", "研究员", "设计师", "分析师", "总监", "经理", "主管"))
                        and at - (org.end - sentence.start) <= 4
                        and re.fullmatch(r"[\u4e00-\u9fff]+", body[org.end - sentence.start : at]))):
                near = True  # 中国稀土集团有限公司数字化中心主任: a department of the body before it
            if not near:  # 该院副院长, 该实验室主任, 研究院院长: the body the anaphor or the bare word stands for
                field = re.search(r"(公司|集团|中心|研究院)[\u4e00-\u9fff]{1,4}$", body[max(0, at - 8) : at])
                if field and title.endswith(("工程师", "研究员", "设计师", "分析师")):
                    at -= len(field.group(0)) - len(field.group(1))  # 数智公司地质工程师: the bare 公司
                elif department := re.search(r"(公司|集团|中心|研究院)(" + DEPARTMENT.pattern + ")$", body[max(0, at - 10) : at]):
                    at -= len(department.group(2))  # 公司数字化部部长: the bare 公司, past its department
                anaphor = next((a for a in ANAPHOR.finditer(body, max(0, at - 5), at) if a.end() == at), None)
                org = (_anaphor(body, sentence, top, anaphor.start()) if anaphor
                       else _bare_kind(body, sentence, top, at, end=True))
                if org is not None and top.category(org.type) not in ("Organization", "Firm", "Facility"):
                    org = None
            if org:
                employer = org
                if category(org.type) == "Facility":  # 阿里云……数据中心负责人: the firm that runs it
                    employer = next((m for m in mentions if m.start == org.start and m.end < org.end
                                     and category(m.type) == "Firm"), None)
                if employer is not None and title not in MEMBERSHIP_TITLES:  # 院士 of an academy: a member
                    add(person, "worksFor", employer, 0.65)
                if speaks and title not in MEMBERSHIP_TITLES and not spoken:  # for the body of the nearest title
                    add(person, "spokeFor", org, 0.6, person.end + len(speaks.group(0)))
                    spoken = True
            offset -= len(title)
            if org is not None and near:  # ……主任、中国工程院院士王建平: on to the title before the body
                offset = org.start - sentence.start
            elif org is not None:  # 天津大学教授、联合实验室主任: past the bare words of the body to the 、
                comma = body.rfind("、", max(0, offset - 8), offset)
                if comma >= 0 and not any(m.end > sentence.start + comma + 1 and m.start < sentence.start + offset
                                          for m in top.top):
                    offset = comma + 1
            if body[offset - 1 : offset] not in ("、", "兼"):  # 副总裁兼首席技术官: on to the title before
                break
            offset -= 1


#: Ends of the names of zones, which are not the counties and districts a city is divided into.
ZONE_ENDING = re.compile(r"(新区|开发区|高新区|经开区|示范区|合作区|片区|自治区)$")


def _district_of_a_city(place: Mention, endings: str = "县区旗") -> bool:
    """A county, district or banner (or, with ``endings``, a county-level city) a city or prefecture is divided
    into: not a zone (新区, 开发区) that happens to end like one."""
    return place.text.endswith(tuple(endings)) and place.type in ("AdministrativeRegion", "City") \
        and not ZONE_ENDING.search(place.text)


def _facility_after_address(top: _Outermost, body: str, sentence: Sentence, at: int) -> Mention | None:
    """The facility named at ``body[at]``, or after an address there (河北省张家口市怀来县的……中心)."""
    facility = top.after(sentence.start + at, ("Facility",))
    if facility is None:
        return None
    gap = body[at : facility.start - sentence.start]
    for place in top.starting(sentence.start + at, facility.start, ("Region",)):
        gap = gap.replace(place.text, "", 1)
    return facility if gap in ("", "的") else None


def _clause_bounds(body: str, index: int, stops: str = "，；。！？") -> tuple[int, int]:
    """Where the clause around ``body[index]`` starts and ends (offsets into ``body``)."""
    start = max(body.rfind(p, 0, index) for p in stops) + 1
    ends = [i for i in (body.find(p, index) for p in stops) if i >= 0]
    return start, min(ends) if ends else len(body)


def _run_after(top: _Outermost, body: str, sentence: Sentence, pos: int, cats: tuple[str, ...],
               reach: int = 6) -> list[Mention]:
    """The names of these categories that follow ``pos`` within ``reach`` characters, with the rest of a list
    (A、B和C, A及B) they open."""
    items: list[Mention] = []
    first = top.after(pos, cats)
    if first is None or first.start - pos > reach:
        return items
    items.append(first)
    while True:
        gap_start = items[-1].end
        following = top.after(gap_start, cats)
        if following is None:
            return items
        gap = body[gap_start - sentence.start : following.start - sentence.start]
        if gap not in LIST_JOINS:
            return items
        items.append(following)


def _innermost_after(top: _Outermost, pos: int) -> Mention | None:
    """The first place after ``pos`` and, where others follow it directly (北京市海淀区), the last of them."""
    place = top.after(pos, ("Region",))
    while place is not None:
        following = top.after(place.end, ("Region",))
        seat = following is not None and top.text_between(place.end, following.start) in ("首府", "省会")
        if following is None or (following.start != place.end and not seat):  # (克州首府阿图什市: the seat)
            return place
        place = following
    return place


def _run_before(top: _Outermost, body: str, sentence: Sentence, pos: int, cats: tuple[str, ...]) -> list[Mention]:
    """The name of these categories that ends just before ``pos`` (联合, 共同 may stand between), with the
    list it closes (A、B和C联合印发)."""
    last = top.before(pos, cats)
    if last is None or not re.fullmatch(r"(等(?:单位|企业|机构|部门|高校)|联合|共同|分别|正式|近日|日前|今年|去年|还|已|也|均|先后|相继|再次|在[^，。]{1,8}?上|"
                                        r"于[^，。]{1,10}?|20\d\d年|\d{1,2}月(份|\d{1,2}日)?|[上中下]旬)*",
                                        body[last.end - sentence.start : pos - sentence.start]):
        return []
    items = [last]
    while True:
        previous = top.before(items[-1].start, cats)
        if previous is None:
            return items
        gap = body[previous.end - sentence.start : items[-1].start - sentence.start]
        if gap not in ("、", "和", "及", "与", "以及", "会同", "联合", "携手") and not re.fullmatch(
                r"牵头，?(联合|会同|协同)", gap):  # A牵头，联合B起草
            return items
        items.append(previous)


#: Titles of a government's leaders: 副市长 after a city's name works for its 人民政府.
GOVERNMENT_TITLES = frozenset("省长 副省长 市长 副市长 常务副市长 县长 副县长 常务副县长 区长 副区长 州长 副州长 旗长 副旗长 盟长 副盟长 镇长 副镇长 "
                               "主席 副主席".split())


#: Bare kind words that stand for the nearest earlier name so ending (研究院院长孙明哲, 中心已为……, 论坛由……).
KIND_WORD = re.compile(r"(研究院|实验室|数据中心|智算中心|算力中心|超算中心|中心|平台|基地|集群|园区|产业园|联盟|论坛|大会|博览会|峰会|"
                       r"推介会|对接会|洽谈会|交流会|推进会|研讨会|年会|会议|仪式|公司|集团|电站|风电场|协会|管委会)")


def _bare_kind(body: str, sentence: Sentence, top: _Outermost, at: int, end: bool = False) -> Mention | None:
    """The name a bare kind word starting (or, with ``end``, ending) at ``body[at]`` stands for, if the word is
    no part of a name: the nearest earlier name (this sentence or those before) ending with it."""
    match = None
    if end:
        match = next((m for m in KIND_WORD.finditer(body, max(0, at - 3), at) if m.end() == at), None)
    else:
        match = KIND_WORD.match(body, at)
    if match is None:
        return None
    start, stop = sentence.start + match.start(), sentence.start + match.end()
    if any(m.start <= start and stop <= m.end for m in top.top):
        return None  # part of a name
    word = match.group(1)
    ending, cats = KIND_ENDINGS.get(word, word), KIND_CATEGORIES.get(word)
    if cats == ("Firm",):  # 公司总经理X说: the firm the text is about, the one named most often so far (of those, one
        return top.salient(start, top.ending_with(ending, cats), prefer=word)  # whose name ends with the word)
    if cats is None or "Facility" not in cats:
        return top.last_ending(start, ending, cats)  # 研究院院长孙明哲: the body named last
    # a bare site word (园区, 中心) stands for the site the text is about: the one named most often so far, else the last
    return top.salient(start, top.ending_with(ending, cats))


#: What the names a kind word stands for end with, where that is not the word itself (园区: ……产业园 too).
#: 这家企业, 这家公司: the firm named last, whatever its name ends with; 会议: the 研讨会, 大会, …… named last.
KIND_ENDINGS = {"园区": "园", "企业": "", "公司": "", "会议": "会"}
#: The categories of the names a kind word stands for (园区 is a site, not 开园).
KIND_CATEGORIES = {
    **dict.fromkeys(("中心", "平台", "基地", "集群", "园区", "产业园", "电站", "风电场", "项目"), ("Facility", "Organization")),
    **dict.fromkeys(("研究院", "实验室", "院", "所", "联盟", "协会", "管委会", "委员会", "局", "厅"), ("Organization",)),
    **dict.fromkeys(("论坛", "大会", "博览会", "峰会", "推介会", "对接会", "洽谈会", "交流会", "推进会", "研讨会", "年会", "会议",
                     "仪式"), ("Event",)),
    **dict.fromkeys(("公司", "企业", "集团"), ("Firm",)),
}


def _named_by_kind(top: _Outermost, word: str, pos: int) -> Mention | None:
    """The last name before ``pos`` that a described kind word stands for (这座……的数据中心: 沈抚绿色算力中心)."""
    ending = "中心" if word.endswith("中心") else KIND_ENDINGS.get(word, word)
    return top.last_ending(pos, ending, KIND_CATEGORIES.get(word))


def _park_after_places(top: _Outermost, body: str, sentence: Sentence, at: int):
    """The cluster or park named at ``at``, or after the places it is in (日照市东港区的日照经济技术开发区), when the
    clause ends there (内) or a relative clause does (……开发区的): the park and the match of what follows it."""
    cursor = at
    while True:
        site = top.after(cursor, ("Facility", "Region"))
        if site is None or site.start != cursor:
            return None, None
        if top.category(site.type) == "Facility":
            break
        cursor = site.end + (1 if body.startswith("的", site.end - sentence.start) else 0)
    tail = re.compile(r"(?:内|中|之中|里)?(?:[，。；]|$|的)").match(body, site.end - sentence.start)
    if tail is None or not PARK_NAME.search(_bare_name(site.text)):
        return None, None
    return site, tail


#: Words just before a name that make it where something is (位于X, 坐落在X, 落户X).
PLACED_AFTER = re.compile(r"(位于|坐落在|坐落于|落户|入驻|落地|选址于|建在|设在)$")

#: What the name of a site other facilities are part of contains (韶关数据中心集群, ……产业园, 西青经济技术开发区).
PARK_NAME = re.compile(r"集群|园|基地|新城|科学城|科技城|开发区|经开区|集聚区")


def _bare_name(name: str) -> str:
    """A name without a closing bracketed part (……行动方案（2024—2026年）): what its kind word ends."""
    return re.sub(r"（[^（）]*）$", "", name)


def _topic(body: str, sentence: Sentence, top: _Outermost, clause_start: int) -> Mention | None:
    """What a clause is about when it names it by an anaphor (该中心) or a bare kind word (中心已为……, 方案由……), after
    a word of time (目前中心正为……)."""
    lead = TIME_LEAD.match(body, clause_start)
    if lead and lead.end() < len(body):
        clause_start = lead.end()
    found = _anaphor(body, sentence, top, clause_start) or _bare_kind(body, sentence, top, clause_start)
    if found is None and BARE_POLICY.match(body, clause_start):  # 方案由A起草, 方案经X同意: the policy named last
        found = top.last_named(sentence.start + clause_start,
                               lambda m: top.category(m.type) == "Policy" and m.type != "Program")
    if found is None and re.match(r"(整个|该|本)?项目(?=由|将|已|于|在|总|建成|计划|规划|共|主要)", body[clause_start:]):
        found = top.last_named(sentence.start + clause_start, lambda m: top.category(m.type) == "Facility")
    return found


#: Words of time that may open a clause before what it is about (目前中心正为……).
TIME_LEAD = re.compile(r"(目前|当前|如今|现在|眼下|今年以来|近年来|近期|同时|此外)，?")


#: A policy named by its kind word alone (被列为方案首批重点项目).
BARE_POLICY_WORD = re.compile(r"(?:实施|行动|专项)?(方案|规划|计划|意见|措施)")

#: What a policy selects its projects, parks and places as (被列为省级重点算力集聚区, 入选方案确定的首批重点项目, 是方案
#: 确定的首批重点项目, 方案把X列为全市首批重点项目, 将X作为全省先行区), the policy named before or by a bare word.
SELECTED_AS = re.compile(r"(?:(?P<maker>把|将)[^，。；]{2,40}?)?(?P<verb>(?:被)?(?:列为|列入|纳入|入选|确定为|认定为|作为)|(?<![，。；])是)"
                         r"(?P<what>[^，。；]{0,24}?)(?:首批|第[一二三四五]批|重点|示范|试点|先行|核心)[^，。；]{0,10}?"
                         r"(?:项目|工程|园区|集聚区|承载区|先行区|示范区|试验区|城市|区域|基地|平台|企业)(?=[，。；之]|$)")

#: Two facilities named by bare kind words, then what both do (云平台和算力中心均由……).
BARE_PAIR = re.compile(r"[\u4e00-\u9fff]{0,4}?(?P<a>中心|平台|基地|集群|园区)(?:和|与|及|、)[\u4e00-\u9fff]{0,4}?(?P<b>中心|平台|基地|集群|园区)"
                       r"(?:均|都|皆|分别)?由")

#: A project a text counts among a site's: 园区里体量最大的单体项目，是X; 园区首个入驻项目——X; X是园区里最受关注的新面孔;
#: 作为产业园的首个落地项目，; A、B等项目已在园区投运; X也在园区内.
SITE_PROJECT = re.compile(r"(?P<lead>(?P<site>园区|产业园|开发区)(?:里|内|中)?的?[^，。；—]{0,12}?(?:项目|设施|新面孔)(?:，|——|—|：)?"
                          r"(?:是|就是|便是)?)(?![^，。；]{0,2}(?:园区|产业园))|"
                          r"(?P<as>作为(?P<site2>园区|产业园)的首个[^，。；]{0,6}?项目，)|"
                          r"(?P<is>是(?P<site3>园区|产业园|开发区)(?:里|内|中)?的?[^，。；]{0,12}?(?:项目|设施|新面孔))|"
                          r"(?P<in>(?:已|已经|先后|陆续)?在(?P<site4>园区|产业园|开发区)(?:内|里)?(?:投运|建成|落地|开工|落户))|"
                          r"(?P<also>(?:也|还|同样|均|都)在(?P<site5>园区|产业园|开发区)(?:内|里)(?=[，。；]|$))")

#: The kinds of a park (which holds facilities).
PARK_TYPES = ("IndustrialPark", "InnovationBase")

#: A clause that opens with a policy by a bare word (方案, 该规划, 《规划》).
BARE_POLICY_OPENING = re.compile(r"(?:该|这份|此|《)?(?:实施|行动|专项|发展)?(?:方案|规划|计划|意见|措施)》?")


#: A bare kind word of a policy that opens a clause about it (方案由……起草, 意见明确).
BARE_POLICY = re.compile(r"(?:实施|行动|工作|专项|配套|三年行动)?(方案|计划|规划|意见|办法|通知|标准|规范|指南|条例|细则|政策|措施|文件)(?=(?:还|也|则|同时)?(?:由|经|提出|明确|要求|规定|于|自|将))")


def _sentence_topic(body: str, sentence: Sentence, top: _Outermost, cats: tuple[str, ...],
                    stop: int | None = None) -> Mention | None:
    """What the sentence is about when a later clause leaves its subject out (……中心已为A提供……，并支撑B): the
    name, anaphor or bare kind word that opens one of its first clauses (after 目前，, 据介绍，……)."""
    starts = [0] + [i + 1 for i, ch in enumerate(body[: stop if stop is not None else len(body)]) if ch in "，："]
    said = [start for start, end in zip(starts, starts[1:]) if SAID.fullmatch(body, start, end - 1)]
    for clause_start in [start for start in starts if start not in said][:3]:  # not 该公司副总经理X告诉记者，
        named = top.after(sentence.start + clause_start, cats)
        if named is not None and named.start == sentence.start + clause_start:
            return named
        found = _topic(body, sentence, top, clause_start)
        if found is not None:
            return found if top.category(found.type) in cats else None
    return None


#: A clause that only says who speaks (公司副总经理孟凡宇告诉记者，据他介绍，): no topic of the sentence.
SAID = re.compile(r"(?:据)?[^，。；“”]{0,30}?(?:告诉记者|对记者说|向记者介绍|接受记者采访时说|表示|介绍|说|指出|透露|认为|坦言)")


#: The words of anaphora that stand for a policy, whatever its title ends with.
POLICY_ANAPHORA = frozenset("方案 计划 规划 标准 规范 意见 办法 措施 政策 通知 指南 细则 条例 纲要 导则 清单 文件".split())


#: Anaphora of names: 该中心 stands for the nearest name before it ending with 中心.
ANAPHOR = re.compile(r"(该|上述|这个|这座|这项|这份|这家|这一|该项|此|本届|这届)(?:实施|行动|工作|专项|配套|三年行动|数据|智算|算力|"
                     r"超算|云计算|计算)?(中心|集群|基地|平台|园区|产业园|项目|实验室|研究院|院|所|"
                     r"公司|企业|联盟|委员会|管委会|协会|集团|局|厅|大会|峰会|论坛|博览会|仪式|"
                     r"方案|计划|规划|标准|规范|意见|办法|措施|政策|通知|指南|细则|条例|纲要|导则|清单|文件)")


#: 这座海拔3600多米的数据中心, 这个依托……的超算中心: an anaphor whose kind word follows a description.
DESCRIBED_ANAPHOR = re.compile(r"(这|该|此)[个座家处]?(?:[^，。；“”]{1,16}?的|[^，。；“”的]{1,6}?)(?=[^，。；]{0,4}?"
                               r"(中心|集群|基地|平台|园区|产业园|实验室|研究院|电站|风电场|联盟|项目|企业|公司))")


def _anaphor(body: str, sentence: Sentence, top: _Outermost, clause_start: int) -> Mention | None:
    """The name an anaphor at the start of a clause (该中心由……) stands for: the nearest earlier name so ending."""
    match = ANAPHOR.match(body, clause_start)
    if match is None:
        described = DESCRIBED_ANAPHOR.match(body, clause_start)
        if described is None or any(m.end == sentence.start + described.end(2) for m in top.top):
            return None  # no such anaphor, or the kind word ends a name (这个位于X的Y数据中心: it is named)
        word = described.group(2)
        return top.last_ending(sentence.start + clause_start, KIND_ENDINGS.get(word, word), KIND_CATEGORIES.get(word))
    word = match.group(2)
    if word in POLICY_ANAPHORA:  # 该标准 (named ……指南), 该通知, 该方案: the policy named last, of the kind if any
        policies = top.named_before(sentence.start + clause_start,
                                    lambda m: top.category(m.type) == "Policy" and m.type != "Program")
        standards = [m for m in policies if m.type in ("Standard", "LocalStandard")]
        chosen = standards if word in ("标准", "规范", "指南", "导则") and standards else policies
        return chosen[-1] if chosen else None
    if word == "项目":  # 该项目: the facility named last (a project is no name of its own)
        return top.last_named(sentence.start + clause_start, lambda m: top.category(m.type) == "Facility")
    return top.last_ending(sentence.start + clause_start, KIND_ENDINGS.get(word, word[-1]), KIND_CATEGORIES.get(word))


#: Firms whose name says they supply power, and those that supply the network.
POWER_FIRM = re.compile(r"电力|电网|供电|能源|电投|风电|光伏|水电|新能源|售电|华能|大唐|华电|国电|三峡|国网|核电")
NETWORK_FIRM = re.compile(r"联通|移动|电信|铁塔|广电")
#: What such a firm does for a facility: a line, a substation, green power (电力: not 电力公司 itself).
POWER_WORK = re.compile(r"专线|变电站|供电|绿电|购电|售电|电量|直供|输电|配电|线路|扩容|电力(?!公司|集团|有限|股份)")
NETWORK_WORK = re.compile(r"专线|光缆|网络|传输|骨干网|专网|通道|接入|带宽|链路|组网")
#: A power plant's name (米易光伏谷数据中心 is none: what a name ends with says what it is).
POWER_PLANT = re.compile(r"(电站|电场|变电站|光伏|风电|水电|电厂)$")
#: What the name of a power plant holds (电站, 风电, 储能): a plant that supports what it is built or wired for.
PLANT_WORDS = re.compile(r"电站|电场|风电|光伏|储能|电厂")


def _utility_supports(body: str, sentence: Sentence, top: _Outermost, add) -> None:
    """国网X供电公司为中心新建了一座变电站, 与X签订绿电协议, 中国联通（河北）已为中心建成专线: the firm that brings
    power or the network to a facility supports it (one it runs is not what it supports: see _relations)."""
    for firm in top.starting(sentence.start, sentence.end, ("Firm",)):
        name = _bare_name(firm.text)
        # (the network firms first: 国电 is no power firm inside 中国电信)
        work = NETWORK_WORK if NETWORK_FIRM.search(name) else POWER_WORK if POWER_FIRM.search(name) else None
        if work is None:
            continue
        at = firm.end - sentence.start
        clause_start, clause_end = _clause_bounds(body, firm.start - sentence.start)
        stop = _clause_bounds(body, clause_end + 1)[1] if clause_end + 1 < len(body) else clause_end
        cue = work.search(body, at, stop) or work.search(body, clause_start, firm.start - sentence.start)  # 通过专线接入X
        listed = re.search(r"[、及]$", body[: firm.start - sentence.start]) or body.startswith(("、", "等"), at)
        person = top.after(firm.end, ("Person",))
        if cue is None or listed or (person is not None and person.start - firm.end <= 8):
            continue  # no work of its kind said of it, one of a list of firms, or where a person works
        between = body[at : max(at, cue.start())]
        # a facility of its clause, not a line, a plant or the firm's own: the first after the firm (为X建设), else the
        # last before it (X与Y签订绿电协议)
        named = [m for m in top.starting(sentence.start + clause_start, sentence.start + max(at, cue.start()), ("Facility",))
                 if m.type != "NetworkInfrastructure" and not POWER_PLANT.search(_bare_name(m.text))
                 and name[:2] not in m.text and m is not firm]
        later = [m for m in named if m.start >= firm.end]
        target = later[0] if later else named[-1] if named else None
        if target is None:
            pointer = re.search(r"(?:为|向|给|与)((?:该|这座|这个|此)?(?:计算|数据|智算|算力)?(?:中心|项目|园区|基地|平台)"
                                r"|(?:该|这座|这个|此)?[\u4e00-\u9fff]{0,4}?机房)", between)
            if pointer is not None:
                inside = at + pointer.start(1)
                if pointer.group(1).endswith(("项目", "机房")):  # 为项目铺设了光缆, 为湖畔机房新建了专线: the project
                    target = top.salient_project(firm.start)  # the text is about
                else:
                    target = _anaphor(body, sentence, top, inside) or _bare_kind(body, sentence, top, inside)
        if target is None:
            target = _sentence_topic(body, sentence, top, ("Facility",))
        if target is not None and top.category(target.type) == "Facility" and target.type != "NetworkInfrastructure" \
                and not POWER_PLANT.search(_bare_name(target.text)):
            add(firm, "supports", target, 0.4, max(firm.end, sentence.start + cue.end()))


#: What a facility does for the firms of the places it serves (为……提供, 向……开放算力, 承接……业务, 租用了算力).
SERVICE_WORK = re.compile(r"提供|开放|出租|输送|承接|服务|租用|放到|放进|迁入|迁到|签订|预订|延伸至|输出")
#: The firms or users of a place (A、B等地的中小制造企业, 西宁、兰州的多家人工智能企业).
PLACE_USERS = re.compile(r"(?:等地|等城市|等省份|等地区)?的[^，。；、]{0,14}?(?:企业|客户|用户|机构|单位|厂商|团队)")


def _facility_serves_places(body: str, sentence: Sentence, top: _Outermost, add) -> None:
    """还向滨州、东营、淄博等地的中小制造企业出租算力, 西宁、兰州的多家企业把训练任务放到了这里: the facility the
    sentence is about supports each place whose firms use it."""
    places = top.starting(sentence.start, sentence.end, ("Region",))
    index = 0
    while index < len(places):
        run = [places[index]]
        while index + len(run) < len(places) and re.fullmatch(
                r"[、和及与]", body[run[-1].end - sentence.start : places[index + len(run)].start - sentence.start]):
            run.append(places[index + len(run)])
        index += len(run)
        users = PLACE_USERS.match(body, run[-1].end - sentence.start)
        if users is None or any(p.type in ("Country", "Province") for p in run):
            continue
        clause_start, clause_end = _clause_bounds(body, run[0].start - sentence.start)
        if not SERVICE_WORK.search(body, clause_start, clause_end):
            continue
        facility = top.before(run[0].start, ("Facility",))
        if facility is None or facility.start < sentence.start:
            facility = _sentence_topic(body, sentence, top, ("Facility",)) or top.salient(
                run[0].start, lambda m: top.category(m.type) == "Facility" and m.type != "IndustrialPark")
        if facility is None or top.category(facility.type) != "Facility":
            continue
        for place in run:
            add(facility, "supports", place, 0.4, sentence.start + users.end())


def _more_trigger_relations(body: str, sentence: Sentence, top: _Outermost, add) -> None:
    """Trigger words that name a relation between the names around them, within one clause."""
    before = top.before
    _utility_supports(body, sentence, top, add)
    _facility_serves_places(body, sentence, top, add)
    # X 在 Y 启动/揭牌/落成/投运 …: X is located in Y (a firm's project there is hasProjectIn, above)
    for match in re.finditer(r"在([^，。；]{2,20}?)(启动|揭牌|落成|投运|投用|开工|动工|破土动工|奠基|建成|落地|投产|上线|开园|运营|"
                             r"挂牌|运行|使用)", body):
        pos = sentence.start + match.start()
        place = top.before(sentence.start + match.start(2), ("Region",))  # 在上海市青浦区: the last, innermost
        clause_start, _ = _clause_bounds(body, match.start())
        thing = before(pos, ("Facility", "Organization"))
        if clause_start > 0 and (thing is None or thing.start < sentence.start + clause_start):
            thing = _sentence_topic(body, sentence, top, ("Facility",), stop=match.start())
            if thing is not None and thing.end <= sentence.start + clause_start:
                clause_start = 0  # X，去年底在天水市麦积区投入运营: the facility the sentence opens with
        if place and thing and thing.start >= sentence.start + clause_start and place.start > pos:
            add(thing, "locatedIn", place, 0.55, sentence.start + match.end())
        site = top.before(sentence.start + match.start(2), ("Facility",))
        if site is not None and thing is not None and site is not thing and site.start > pos \
                and thing.start >= sentence.start + clause_start and top.category(thing.type) == "Facility" \
                and PARK_NAME.search(_bare_name(site.text)) \
                and re.fullmatch(r"(内|里|中)?(正式|全面|顺利|已|已经|建成|投入)*", body[site.end - sentence.start : match.start(2)]):
            add(thing, "partOf", site, 0.5, sentence.start + match.end())  # X在西青经济技术开发区正式投运: part of the park
    # X将落户六盘水高新技术产业开发区, 项目选址于……开发区: the facility is part of the park it goes to
    for match in re.finditer(r"(?:落户|落地|落在|选址(?:于|在)?|入驻|建在)(?:了|于)?", body):
        park, tail = _park_after_places(top, body, sentence, sentence.start + match.end())
        if park is None or tail.group(0).endswith("的"):
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        thing = before(sentence.start + match.start(), ("Facility",))
        if thing is None or thing.start < sentence.start + clause_start:
            thing = _topic(body, sentence, top, clause_start) or _sentence_topic(body, sentence, top, ("Facility",),
                                                                                 match.start())
        if thing is not None and thing is not park and top.category(thing.type) == "Facility" \
                and (thing.type == "DataCenter" or not PARK_NAME.search(_bare_name(thing.text))):  # (算力基地: a centre)
            add(thing, "partOf", park, 0.5, park.end)
    # X位于山东省日照市东港区的日照经济技术开发区内: X is in the innermost place of the park's address too
    for match in re.finditer(r"(?:位于|坐落在|坐落于|地处)", body):
        park, tail = _park_after_places(top, body, sentence, sentence.start + match.end())
        if park is None:
            continue
        places = top.starting(sentence.start + match.end(), park.start, ("Region",))
        if not places or places[0].start != sentence.start + match.end():
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        thing = before(sentence.start + match.start(), ("Facility",))
        if thing is None or thing.start < sentence.start + clause_start:
            thing = _topic(body, sentence, top, clause_start)
        if thing is not None and thing is not park and thing.type == "DataCenter":
            add(thing, "locatedIn", places[-1], 0.5, park.end)
    # 这座位于梨树经济开发区的数据中心: the facility named before is part of the park
    for match in re.finditer(r"(?:这|该)[座个家处]?(?:坐落|位于|地处|建在)[在于]?", body):
        park, tail = _park_after_places(top, body, sentence, sentence.start + match.end())
        if park is None or not tail.group(0).endswith("的"):
            continue
        kind = KIND_WORD.match(body, tail.end())
        thing = _named_by_kind(top, kind.group(0), sentence.start + match.start()) if kind else None
        if thing is not None and thing is not park and thing.type == "DataCenter":
            add(thing, "partOf", park, 0.5, park.end)
    # 在四川省宜宾市三江新区，X……; 走进……产业园，X……: what the sentence opens with is in the place it sets out
    for match in re.finditer(r"(?:^|(?<=[，：]))(在|走进|来到)?([^，。；“”]{2,40}?)(内|里|境内|一带)?，", body):
        places = top.starting(sentence.start + match.start(2), sentence.start + match.end(2), ("Region", "Facility"))
        if not places or sentence.start + match.end(2) - places[-1].end > 0:
            continue
        place = places[-1]
        if not match.group(1) and not (match.group(3) in ("内", "里") and top.category(place.type) == "Facility"
                                       and PARK_NAME.search(_bare_name(place.text))):
            continue  # 准东经济技术开发区内，……: a park needs no 在 to set out where the clause is
        thing = top.after(sentence.start + match.end(), ("Facility", "Firm", "Organization"))
        if thing is not None and top.category(place.type) == "Facility" and top.category(thing.type) != "Facility":
            _, clause_end = _clause_bounds(body, match.end())  # ……开发区内，X公司投资建设的Y中心: Y is in the park
            built = top.after(thing.end, ("Facility",))
            thing = built if built is not None and built.end <= sentence.start + clause_end else thing
        elif thing is None or thing.start - (sentence.start + match.end()) > 2:
            continue
        if thing is None or thing is place:
            continue
        if top.category(place.type) == "Region":
            add(thing, "locatedIn", place, 0.5, thing.end)
        elif top.category(thing.type) == "Facility":
            add(thing, "partOf", place, 0.5, thing.end)
    # X由德国Y集团于2012年在园区设立; Y去年在海口设立X: X is founded by Y (a firm's firm is its subsidiary), and
    # settled in the place it was set up in
    for match in re.finditer(r"(?:(由)|(?:^|(?<=[，；])))([^，。；由]{2,40}?)(?:于[^，。；]{2,10}?|去年|今年|前年|近日|日前)?"
                             r"(?:在([^，。；]{2,10}?))?(?:设立|注册成立|成立|组建|创办|创立)了?", body):
        clause_start, _ = _clause_bounds(body, match.start())
        founders = top.starting(sentence.start + match.start(2), sentence.start + match.end(2), ("Firm", "Organization"))
        branch_of_topic = False
        if not founders and not match.group(1) and re.fullmatch(r"(公司|集团|企业)(还|也|已|又|先后|将)*", match.group(2)):
            topic = _bare_kind(body, sentence, top, match.start(2))  # 公司在婺源县设立婺源分公司: the firm the text is about
            founders = [topic] if topic is not None and top.category(topic.type) == "Firm" else []
            if founders and not re.match(r"[\u4e00-\u9fff]{2,8}(分公司|子公司|分部|办事处)", body[match.end() :]):
                founders = []  # (only its branch or subsidiary)
            branch_of_topic = bool(founders)
        if not founders:
            continue
        founder = founders[0]
        if match.group(1):  # X由Y……设立: X just before 由
            made = before(sentence.start + match.start(), ("Firm", "Organization"))
            if made is None or made.end != sentence.start + match.start():
                continue
        else:  # Y……设立X
            made = top.after(sentence.start + match.end(), ("Firm", "Organization"))
            if made is None or made.start != sentence.start + match.end() \
                    or (founder.start >= sentence.start and founder.start - (sentence.start + clause_start) > 5):
                continue  # 新加坡汇岸数码集团: a country may open it
        if made is founder or len(founders) > 1:
            continue
        if branch_of_topic:
            if made.type == "Firm":
                add(made, "subOrganizationOf", founder, 0.45, sentence.start + match.end())
            continue
        add(made, "establishedBy", founder, 0.5, sentence.start + match.end())
        if founder.type == "Firm" and made.type == "Firm":
            add(made, "subOrganizationOf", founder, 0.45, sentence.start + match.end())
        if match.group(3):
            places = top.starting(sentence.start + match.start(3), sentence.start + match.end(3), ("Region",))
            if places and made.type == "Firm":
                add(made, "settledIn", places[-1], 0.45, sentence.start + match.end())
    # 连接深圳市与韶关市的“深韶算力专网”, 光缆把南宁与越南河内连在一起: a link is in the places it joins
    for match in re.finditer(r"(连接|连通|联通|打通|贯通)([^，。；]{2,24}?)的“?|把([^，。；]{2,24}?)(连在一起|连通|连接起来|直接相连)",
                             body):
        span = (match.start(2), match.end(2)) if match.group(1) else (match.start(3), match.end(3))
        places = top.starting(sentence.start + span[0], sentence.start + span[1], ("Region",))
        if match.group(1):
            link = top.after(sentence.start + match.end(), ("Facility",))
            if link is None or link.start - (sentence.start + match.end()) > 1:
                continue
        else:
            clause_start, _ = _clause_bounds(body, match.start())
            link = before(sentence.start + match.start(), ("Facility",))
            if link is None or link.end < sentence.start + clause_start - 1:
                link = _topic(body, sentence, top, clause_start)
        if link is None or link.type != "NetworkInfrastructure":
            continue
        for place in places:
            if place.type != "Country":
                add(link, "locatedIn", place, 0.5, link.end)
    # 运营它的X, 负责运营该中心的X: X runs the facility the pronoun stands for
    for match in re.finditer(r"(?:负责)?(?:建设)?(?:运营|运维)(它|其|该中心|这座中心|该平台)的", body):
        operator = top.after(sentence.start + match.end(), ("Firm", "Organization"))
        if operator is None or operator.start != sentence.start + match.end():
            continue
        facility = (_anaphor(body, sentence, top, match.start(1)) if match.group(1).startswith(("该", "这"))
                    else top.salient(sentence.start + match.start(), lambda m: top.category(m.type) == "Facility"))
        if facility is not None and top.category(facility.type) == "Facility":
            add(facility, "operatedBy", operator, 0.5, operator.end)
    # 每年向华中、华东和广东等地输送大量清洁电能: the power source supports the places it sends power to
    for match in re.finditer(r"向([^，。；]{2,24}?)(?:等地)?(?:输送|送去|供应|外送)", body):
        clause_start, _ = _clause_bounds(body, match.start())
        source = before(sentence.start + match.start(), ("Facility", "Firm"))
        if source is None or source.start < sentence.start + clause_start:
            source = _sentence_topic(body, sentence, top, ("Facility", "Firm"), clause_start)
        if source is None:
            continue
        for place in top.starting(sentence.start + match.start(1), sentence.start + match.end(1), ("Region",)):
            add(source, "supports", place, 0.45, sentence.start + match.end())
    # 中国电信东莞分公司上线了……平台, X搭建了Y平台: the firm runs what it puts up
    for match in re.finditer(r"(?:上线|搭建|推出|建成|打造)了|建成(?=[^，。；了并])", body):
        built = top.after(sentence.start + match.end(), ("Facility",))
        if built is None or built.start != sentence.start + match.end():
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        firm = before(sentence.start + match.start(), ("Firm",))
        if firm is not None and firm.start >= sentence.start + clause_start and re.fullmatch(
                r"(今年|去年|近日|日前|目前|已|还|也|先后|率先|正式|\d{4}年|\d{1,2}月|[^，。；]{0,4}?)*",
                body[firm.end - sentence.start : match.start()]):
            add(built, "operatedBy", firm, 0.45, built.end)
    # A与B签署合作协议，双方将共同建设运营Y: both run it
    for match in re.finditer(r"(双方|三方|四方|各方)(?:将)?(?:共同|联合)?(?:投资)?(?:建设|开通|建设运营|打造)?(?:并)?(?:运营)?"
                             r"(?<=[设营通造])", body):
        facility = top.after(sentence.start + match.end(), ("Facility",))
        if facility is None or facility.start - (sentence.start + match.end()) > 1:
            continue
        parties = top.starting(sentence.start, sentence.start + match.start(), ("Firm", "Organization"))
        parties = [p for p in parties if not any(o is not p and o.start <= p.start and p.end <= o.end for o in parties)]
        between = [body[a.end - sentence.start : b.start - sentence.start] for a, b in zip(parties, parties[1:])]
        wanted = {"双方": 2, "三方": 3, "四方": 4}.get(match.group(1), len(parties))
        if len(parties) == wanted >= 2 and all(re.fullmatch(r"[与和同、及]", gap) for gap in between):
            for party in parties:
                add(facility, "operatedBy", party, 0.5, facility.end)
    # X，是Y2023年组建的数字化子公司: founded by Y, and its subsidiary
    for match in re.finditer(r"是([^，。；]{2,40}?)(?:于)?(?:\d{4}年)?(?:\d{1,2}月)?(?:出资|投资|全资|控股)?(组建|成立|设立|创办)的"
                             r"[^，。；]{0,8}?(子公司|公司|企业|平台公司|运营主体)", body):
        founder = top.after(sentence.start + match.start(1), ("Firm", "Organization"))
        if founder is None or founder.start != sentence.start + match.start(1):
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        made = before(sentence.start + match.start(), ("Firm", "Organization"))
        if made is None or made.start < sentence.start + clause_start:
            previous_start, _ = _clause_bounds(body, max(0, clause_start - 1))  # X，是……: the clause before
            made = top.after(sentence.start + previous_start, ("Firm", "Organization"))
            if made is None or made.end != sentence.start + clause_start - 1 or clause_start == 0:
                made = _anaphor(body, sentence, top, clause_start)
        if made is None or made is founder or top.category(made.type) not in ("Firm", "Organization"):
            continue
        add(made, "establishedBy", founder, 0.5, sentence.start + match.end())
        if match.group(2) == "子公司" or (made.type == "Firm" and founder.type == "Firm"):
            add(made, "subOrganizationOf", founder, 0.5, sentence.start + match.end())
    # A与B代表团签署《……备忘录》: each party takes part in the agreement
    for match in re.finditer(r"(签署|签订)了?", body):
        agreement = top.after(sentence.start + match.end(), ("Policy",))
        if agreement is None or agreement.start - (sentence.start + match.end()) > 1:
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        parties = top.starting(sentence.start + clause_start, sentence.start + match.start(), ("Organization", "Firm"))
        between = [body[a.end - sentence.start : b.start - sentence.start] for a, b in zip(parties, parties[1:])]
        if len(parties) >= 2 and all(re.fullmatch(r"[与和同、及](" + COUNTRY_WORDS + ")?", gap) for gap in between):
            for party in parties:
                add(party, "participatesIn", agreement, 0.5, agreement.end)
    # 它最大的“客户”是X, 七成以上的客户是北京的……企业: the facility supports its customers
    for match in re.finditer(r"(?:客户|用户)”?(?:之一)?(?:是|为|包括|主要是|来自)", body):
        clause_start, _ = _clause_bounds(body, match.start())
        customers = _run_after(top, body, sentence, sentence.start + match.end(), ("Firm", "Organization", "Region"),
                               reach=1)
        if not customers:
            continue
        if top.category(customers[0].type) == "Region" and not body.startswith("的", customers[-1].end - sentence.start):
            continue  # 客户是北京的……企业: the place of the customers; a bare place is no customer
        facility = before(sentence.start + match.start(), ("Facility",))
        if facility is None or facility.start < sentence.start + clause_start:
            facility = _topic(body, sentence, top, clause_start)
        if facility is None:  # 它最大的客户, 七成以上的客户: the facility the text is about
            facility = _sentence_topic(body, sentence, top, ("Facility",), clause_start) or top.salient(
                sentence.start + match.start(), lambda m: top.category(m.type) == "Facility")
        if facility is not None and top.category(facility.type) == "Facility":
            for customer in customers:
                add(facility, "supports", customer, 0.45, customer.end)
    # X提供了15亿元中长期贷款: the lender supports the facility the sentence is about
    for match in re.finditer(r"(?:提供|发放|给予)了?[^，。；]{0,14}?(?:贷款|授信|信贷支持|融资)", body):
        clause_start, _ = _clause_bounds(body, match.start())
        lender = before(sentence.start + match.start(), ("Firm", "Organization"))
        if lender is None or lender.start < sentence.start + clause_start:
            # X牵头组建银团，为……提供贷款: the sentence's subject
            first = _sentence_topic(body, sentence, top, ("Firm", "Organization"), clause_start)
            if body[clause_start : clause_start + 1] not in ("为", "并") or first is None:
                continue
            lender = first
        target = re.search(r"为([^，。；]{2,20}?)$", body[lender.end - sentence.start : match.start()])
        facility = None
        if target:
            facility = top.after(lender.end + target.start(1), ("Facility",))
            if facility is None or facility.start >= sentence.start + match.start():
                facility = _topic(body, sentence, top, lender.end - sentence.start + target.start(1))
        if facility is None:
            facility = _sentence_topic(body, sentence, top, ("Facility",), clause_start) or top.salient(
                sentence.start + clause_start, lambda m: top.category(m.type) == "Facility")
        if facility is not None and top.category(facility.type) == "Facility":
            add(lender, "supports", facility, 0.45, sentence.start + match.end())
    # 公司依托研究院的成果……; 依托这座中心，X搭建了Y平台: what is leant on supports what leans on it, or what is built on it
    for match in re.finditer(r"依托", body):
        pos = sentence.start + match.end()
        source = top.after(pos, ("Facility", "Organization", "Firm"))
        if source is None or source.start - pos > 0:
            source = _anaphor(body, sentence, top, match.end()) or _bare_kind(body, sentence, top, match.end())
        if source is None or top.category(source.type) not in ("Facility", "Organization", "Firm"):
            continue
        clause_start, clause_end = _clause_bounds(body, match.start())
        leaner = before(sentence.start + match.start(), ("Facility", "Organization", "Firm"))
        if leaner is not None and leaner.start >= sentence.start + clause_start \
                and re.fullmatch(r"(还|也|则|将|已|主要|正|积极|充分)*", body[leaner.end - sentence.start : match.start()]):
            add(source, "supports", leaner, 0.5, source.end)
            continue
        if leaner is None or leaner.start < sentence.start + clause_start:
            leaner = _topic(body, sentence, top, clause_start)
            if leaner is not None and leaner is not source and body[clause_start : match.start()].startswith(
                    ("公司", "企业", "集团")):
                add(source, "supports", leaner, 0.5, source.end)  # 公司依托研究院的技术成果
                continue
        if clause_start == match.start():  # 依托这座中心，X搭建了Y: the next clause builds on it
            built = re.search(r"(搭建|建设|打造|建成|推出|开发|上线)了?", body[clause_end : clause_end + 30])
            if built:
                thing = top.after(sentence.start + clause_end + built.end(), ("Facility",))
                if thing is not None and thing.start == sentence.start + clause_end + built.end() and thing is not source:
                    add(source, "supports", thing, 0.5, thing.end)
            if source.start == pos:  # 依托X的直供电通道，智算中心……: X supports what the next clause is about
                following = top.after(sentence.start + clause_end + 1, ("Facility",))
                if following is None or following.start != sentence.start + clause_end + 1:
                    following = _topic(body, sentence, top, clause_end + 1)
                if following is not None and following is not source and top.category(following.type) == "Facility":
                    add(source, "supports", following, 0.45, source.end)
    # X 融入/参与/纳入/加入 “东数西算”: X takes part in a programme
    for match in re.finditer(r"融入|参与|纳入|加入|承接|作为|是", body):
        pos = sentence.start + match.start()
        program = top.after(pos + len(match.group(0)), ("Policy",))
        if program is None or program.type != "Program" or program.start - (pos + len(match.group(0))) > 3:
            continue
        clause_start, clause_end = _clause_bounds(body, match.start())
        if match.group(0) == "作为":  # 作为“东数西算”……之一，Y ……: Y, the subject of the next clause
            agent = top.after(sentence.start + clause_end, ("Region", "Facility"))
            if agent and agent.start - (sentence.start + clause_end) > 4:
                agent = None
            node = top.after(program.end, ("Facility",))
            if agent and node and node.end <= sentence.start + clause_end and node is not agent:
                add(agent, "partOf", node, 0.5)  # 作为……内蒙古枢纽节点的重要承载地，乌兰察布数据中心集群
                continue
        else:
            agent = before(pos, ("Region", "Facility", "Firm", "Organization"))
            if agent and agent.start < sentence.start + clause_start:
                agent = None
            put = re.search(r"[将把]([^，。；]{0,24})$", body[clause_start : match.start()])
            if put and match.group(0) == "纳入":  # 工业和信息化部将该平台纳入……试点: what is put in takes part
                at = clause_start + put.start(1)
                agent = top.after(sentence.start + at, ("Region", "Facility", "Firm", "Organization"))
                if agent is None or agent.end > pos:
                    agent = _anaphor(body, sentence, top, at) if ANAPHOR.match(body, at) else None
            node = top.after(program.end, ("Facility",))
            if agent and node and node.end <= sentence.start + clause_end and node is not agent \
                    and top.category(agent.type) == "Facility" and match.group(0) == "是":
                add(agent, "partOf", node, 0.5)  # X是“东数西算”工程成渝枢纽节点……的主要承载地
                continue
        if agent:
            add(agent, "participatesIn", program, 0.5)
    # X有望成为“东数西算”工程在西北的重要节点, 是山西参与“东数西算”工程的重点项目, 作为融入“东数西算”的承载地，园区……:
    # the subject takes part in the programme the predicate names
    for match in re.finditer(r"(成为|是|作为)[^，。；]{0,12}?“[^”]{2,10}”(工程)?[^，。；]{0,16}?(节点|项目|承载地|支点|之一|示范)",
                             body):
        program = top.after(sentence.start + match.start(), ("Policy",))
        if program is None or program.type != "Program" or program.end > sentence.start + match.end():
            continue
        clause_start, clause_end = _clause_bounds(body, match.start())
        if match.group(1) == "作为" and clause_start == match.start():
            agent = top.after(sentence.start + clause_end + 1, ("Facility", "Region"))
            if agent is None or agent.start - (sentence.start + clause_end) > 2:
                agent = _topic(body, sentence, top, clause_end + 1)
        else:
            agent = before(sentence.start + match.start(), ("Facility", "Region"))
            if agent is None or agent.start < sentence.start + clause_start:
                agent = _topic(body, sentence, top, clause_start) or _sentence_topic(
                    body, sentence, top, ("Facility", "Region"), clause_start)
        if agent is not None and top.category(agent.type) in ("Facility", "Region") and agent.end <= program.start:
            add(agent, "participatesIn", program, 0.5, sentence.start + match.end())
    # 由 X 建设/运营/投资的 Y, X 投资建设的 Y: Y is operated by X
    for match in re.finditer(r"(依托)?(投资)?(建设|运营|打造|投建|投运)(并|和|及)?(运营|建设)?的", body):
        pos = sentence.start + match.start()
        firm = before(pos + (2 if match.group(1) else 0), ("Firm",))
        if firm is not None and not match.group(1) and pos - firm.end > 3 and re.fullmatch(
                r"(在[^，。；“”]{1,10}?|(去年|今年|前年)?(\d{1,2}月)?(底|初)?|[上中下]半年)", body[firm.end - sentence.start :
                                                                                      match.start()]):
            pos = firm.end  # 黔云数智在贵安新区运营的……, 甘肃电信去年12月投运的……: the words between are no name
        facility = top.after(sentence.start + match.end(), ("Facility",))
        bare = re.search(r"(?:^|[，。；：])(公司|企业|集团)(?:已|还|也|自己)?$", body[: match.start()])
        if bare and not match.group(1) and (firm is None or pos - firm.end > 3):
            owner = _bare_kind(body, sentence, top, bare.start(1))  # 公司运营的云帆国际数据中心: the firm of the text
            if owner is not None and top.category(owner.type) == "Firm" and facility is not None \
                    and facility.start - (sentence.start + match.end()) <= 2:
                add(facility, "operatedBy", owner, 0.45, facility.end)
            continue
        if match.group(1):  # 依托湖南大学建设运营的超算中心: the body it leans on runs it
            firm = top.after(pos + 2, ("Firm", "Organization"))
            if firm is None or firm.start != pos + 2 or firm.end != sentence.start + match.start(2 if match.group(2)
                                                                                               else 3):
                continue
            if facility is None or facility.start - (sentence.start + match.end()) > 6:
                kind = KIND_WORD.search(body, match.end(), match.end() + 6)  # ……的超算中心: the centre named before
                facility = _bare_kind(body, sentence, top, kind.start()) if kind else None
                if facility is None or top.category(facility.type) != "Facility":
                    continue
            add(facility, "operatedBy", firm, 0.55)
            continue
        if firm and facility and pos - firm.end <= 3 and facility.start - (sentence.start + match.end()) <= 6:
            add(facility, "operatedBy", firm, 0.55)
    # 该中心由 X 投资建设和运营: the centre is operated by X
    # (a verb inside a name is none: 由商洛市城市建设投资集团有限公司与……组建的X运营 reads past 建设 of the firm's name)
    masked = list(body)
    if "由" in body:
        for m in top.starting(sentence.start, sentence.end, ("Firm", "Organization", "Facility")):
            masked[m.start - sentence.start : m.end - sentence.start] = "Ｘ" * (m.end - m.start)
    for match in re.finditer(r"由([^，。；]{2,60}?)(负责)?(投资)?(建设|运营|投建|(?:日常)?运行)", "".join(masked)):
        pos = sentence.start + match.start()
        firm = top.after(pos + 1, ("Firm",))
        body_first = top.after(pos + 1, ("Organization",))  # 由山东省科学院建设运营: a body runs it too
        end_of_agents = sentence.start + match.end(1) - (2 if match.group(1).endswith("牵头") else 0)  # 由X牵头建设并运营
        if body_first is not None and body_first.start == pos + 1 and body_first.end == end_of_agents \
                and (firm is None or firm.start > body_first.start):
            firm = body_first
        named_by_anaphor = None
        if ANAPHOR.match(body, match.start() + 1):  # 这座数据中心由该公司投资建设并运营: the firm named before
            named_by_anaphor = _anaphor(body, sentence, top, match.start() + 1)
            if named_by_anaphor is not None and top.category(named_by_anaphor.type) != "Firm":
                named_by_anaphor = None
        clause_start, _ = _clause_bounds(body, match.start())
        facility = before(pos, ("Facility",))
        described = re.match(r"(?:和|并)?(?:运营|建设)?的(" + KIND_WORD.pattern[1:-1] + ")", body[match.end() :])
        if described and re.search(r"(这|该|此)[座个家处]?$", body[: match.start()]):
            # 这座由X投资建设并运营的智算中心: the facility so named last
            facility = _named_by_kind(top, described.group(1), pos) or facility
        elif facility is None or facility.start < sentence.start + clause_start:
            anaphors = [a.start() for a in ANAPHOR.finditer(body, 0, match.start())]
            facility = (_topic(body, sentence, top, anaphors[-1]) if anaphors
                        else _topic(body, sentence, top, _clause_bounds(body, 0)[0]))
            named = before(pos, ("Facility",))
            if facility is None and not anaphors and (named is None or named.start < sentence.start):
                # 据介绍，算力中心占地约45亩，由X投资建设并运营: after 据介绍, where no facility is named before 由
                facility = _sentence_topic(body, sentence, top, ("Facility",), match.start())
                if facility is not None and POWER_PLANT.search(_bare_name(facility.text)):  # 项目由X……运营: the
                    facility = top.salient_project(sentence.start)
        if facility is None or top.category(facility.type) != "Facility":  # X总投资……，由Y运营: the sentence's facility
            facility = before(pos, ("Facility",))
            if facility is not None and (facility.start < sentence.start
                                         or ANAPHOR.search(body, facility.end - sentence.start, match.start())):
                facility = None
            if facility is not None and (PLACED_AFTER.search(body, 0, facility.start - sentence.start) or re.search(
                    r"(?:位于|坐落在|坐落于)[^，。；]{2,20}?的$", body[: facility.start - sentence.start])):
                # X位于Y开发区，由Z投资运营, X位于A市B区的Y开发区内，由Z……: the park is where X is, X is what Z runs
                topic = _sentence_topic(body, sentence, top, ("Facility",), facility.start - sentence.start)
                if topic is None:  # 算力集群位于……开发区，由Z……运营: the cluster a bare word opening the sentence stands for
                    opening = _clause_bounds(body, 0)[0]
                    lead = re.match(r"[\u4e00-\u9fff]{0,4}?(" + KIND_WORD.pattern[1:-1] + r")(?:位于|坐落)", body[opening:])
                    topic = _bare_kind(body, sentence, top, opening + lead.start(1)) if lead else None
                    topic = topic if topic is not None and top.category(topic.type) == "Facility" else None
                facility = topic or facility
        if firm is not None and firm.start == pos + 1 and body.startswith("旗下", firm.end - sentence.start):
            firm = top.after(firm.end, ("Firm",))  # 由X旗下的Y投资建设并运营: Y runs it
            firm = firm if firm is not None and firm.end <= sentence.start + match.end(1) else None
            named_by_anaphor = named_by_anaphor or firm
        agents_end = match.end(1)  # (the agents' short name in brackets aside: ……有限公司（以下简称“D”）)
        alias = re.search(r"（[^（）]{1,20}）$", body[:agents_end])
        agents_end = alias.start() if alias else agents_end
        if firm is not None and firm.start == pos + 1 and firm.end != sentence.start + agents_end \
                and re.search(r"的|子公司|旗下|所属|下属", body[firm.end - sentence.start : agents_end]):
            # 由A与B合资组建的C投资建设并运营, 由……的C运营, 由A全资子公司C（以下简称“D”）投资建设并运营
            last = top.before(sentence.start + agents_end, ("Firm",))
            if last is not None and last.end == sentence.start + agents_end and last.start > firm.start:
                firm = last
        if firm is not None and firm.start != pos + 1:  # 由A与B共同出资组建的X运营: the firm just before the verb
            last = top.before(sentence.start + agents_end, ("Firm",))
            firm = last if last is not None and last.end == sentence.start + agents_end and last.start > pos else None
        firm = named_by_anaphor or firm
        pair = BARE_PAIR.match(body, clause_start)
        if firm and pair and pair.end() == match.start() + 1:  # 云平台和算力中心均由X负责建设运营: each is run by X
            for group in ("a", "b"):
                each = _bare_kind(body, sentence, top, pair.start(group))
                if each is not None and top.category(each.type) == "Facility":
                    add(each, "operatedBy", firm, 0.5, sentence.start + match.end())
            continue
        if firm and facility and top.category(facility.type) == "Facility":
            add(facility, "operatedBy", firm, 0.55, sentence.start + match.end())
            partners = top.starting(firm.end, sentence.start + match.end(1), ("Firm",))
            if firm.start == pos + 1 and partners and re.fullmatch(r"[与和、]", body[firm.end - sentence.start :
                                                                                  partners[0].start - sentence.start]) \
                    and partners[-1].end == sentence.start + match.end(1) - len(re.search(r"(共同|联合)?$",
                                                                                         match.group(1)).group(0)):
                for partner in partners:  # 由A与B共同运营的X: both run it
                    add(facility, "operatedBy", partner, 0.5, sentence.start + match.end())
    # 由 X 主办/承办: an event organised by X
    for match in re.finditer(r"由([^，。；]{2,60}?)(联合|共同)?(主办|承办|举办|牵头举办)", body):
        pos = sentence.start + match.start()
        # 由世界互联网大会与浙江省人民政府共同主办: a body named like an event may host one
        hosts = _run_after(top, body, sentence, pos + 1, ("Organization", "Firm", "Region", "Event"), reach=1)
        clause_start, clause_end = _clause_bounds(body, match.start(), "；。！？")
        event = before(pos, ("Event",)) or top.after(sentence.start + match.end(), ("Event",)) \
            or _bare_kind(body, sentence, top, match.start(), end=True)
        bare = event is not None and event.end <= sentence.start  # 论坛由……: the event named before
        if not (event and (bare or sentence.start + clause_start <= event.start < sentence.start + clause_end)):
            # 洽谈会于10月18日在建平县举行，由A与B共同主办: the event a bare word opens the sentence with
            event = _sentence_topic(body, sentence, top, ("Event",), match.start())
            bare = event is not None
        hosts = [h for h in hosts if h is not event]
        if event and (bare or sentence.start + clause_start <= event.start < sentence.start + clause_end):
            for host in hosts:
                add(event, "organizedBy", host, 0.55)
    # 大会由A主办，B和C承办: the clause after names more organisers, with no 由 of its own
    if "主办" in body:
        for match in re.finditer(r"[，,]((?:[^，。；由]{2,60}?))(联合|共同)?(承办|协办)(?=[，。；,]|$)", body):
            hosts = top.starting(sentence.start + match.start(1), sentence.start + match.start(2 if match.group(2) else 3),
                                 ("Organization", "Firm", "Region"))
            if not hosts or hosts[0].start != sentence.start + match.start(1):
                continue
            host_start = sentence.start + match.start()
            event = before(host_start, ("Event",)) or _sentence_topic(body, sentence, top, ("Event",), match.start())
            if event is not None and top.category(event.type) == "Event":
                for host in hosts:
                    add(event, "organizedBy", host, 0.5, sentence.start + match.end())
    # A、B等算力资源已接入平台: each is part of the platform named after the verb (or by a bare word)
    for match in re.finditer(r"(?:等)?[^，。；、]{0,8}?(?:已|已经|先后|陆续|均|全部|正式)*(?:接入|并入)了?", body):
        hub = top.after(sentence.start + match.end(), ("Facility",))
        if hub is None or hub.start != sentence.start + match.end():
            hub = _bare_kind(body, sentence, top, match.end())
        clause_start, _ = _clause_bounds(body, match.start())
        items = top.starting(sentence.start + clause_start, sentence.start + match.start() + 1, ("Facility",))
        if hub is None or top.category(hub.type) != "Facility" or not re.search(r"平台|网络|枢纽|集群|专网", hub.text) \
                or not items or items[0].start != sentence.start + clause_start:
            continue
        between = [body[a.end - sentence.start : b.start - sentence.start] for a, b in zip(items, items[1:])]
        if all(gap in LIST_JOINS for gap in between):
            for item in items:
                if item is not hub:
                    add(item, "partOf", hub, 0.5, sentence.start + match.end())
    # 这份方案作为《……》的配套文件: a policy written to carry out another is guided by it
    for match in re.finditer(r"作为《", body):
        guide = top.after(sentence.start + match.end() - 1, ("Policy",))
        if guide is None or guide.start - (sentence.start + match.end()) not in (-1, 0) or not re.match(
                r"》?的(配套|实施|落实)(文件|政策|措施|方案|细则)", body[guide.end - sentence.start :]):
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        policy = _topic(body, sentence, top, clause_start) or before(sentence.start + match.start(), ("Policy",))
        if policy is not None and policy is not guide and top.category(policy.type) == "Policy":
            add(policy, "guidedBy", guide, 0.5, guide.end)
    # 平台已接入A、B等……: each is part of the platform (the topic of the sentence, named or by a bare word)
    for match in re.finditer(r"(接入|汇聚|整合|连接)了?", body):
        clause_start, _ = _clause_bounds(body, match.start())
        hub = _topic(body, sentence, top, clause_start)
        if hub is None:
            hub = before(sentence.start + match.start(), ("Facility",))
            if hub is not None and hub.start < sentence.start + clause_start:
                hub = None
        items = _run_after(top, body, sentence, sentence.start + match.end(), ("Facility",), reach=1)
        if hub is not None and top.category(hub.type) == "Facility" and re.search(r"平台|网络|枢纽|集群", hub.text):
            for item in items:
                if item is not hub:
                    add(item, "partOf", hub, 0.5, item.end)
    # (平台的核心算法)由X(团队)研发: X supports the thing the clause is about
    for match in re.finditer(r"由([^，。；]{2,30}?)(团队|课题组)?(研发|开发|研制|提供技术支撑|提供技术支持)", body):
        pos = sentence.start + match.start()
        maker = top.after(pos + 1, ("Organization", "Firm"))
        if maker is None or maker.start != pos + 1 or maker.end != sentence.start + match.end(1):
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        thing = _topic(body, sentence, top, clause_start) or before(pos, ("Facility",))
        if thing is not None and thing.start >= sentence.start - 400 and top.category(thing.type) == "Facility":
            add(maker, "supports", thing, 0.5, sentence.start + match.end())
    # 是长三角地区规模最大的智算中心之一, 作为东北地区首个……，X: the facility is in that region
    for match in re.finditer(r"(是|作为|成为)", body):
        end = sentence.start + match.end()
        region = top.after(end, ("Region",))
        if region is None or region.start != end or region.type == "Country":
            continue
        rest = body[region.end - sentence.start :]
        if not re.match(r"(地区)?(的)?[^，。；]{0,12}?(首个|首家|第一个|唯一|最大|规模最大|最重要|重要)[^，。；]{0,12}?"
                        r"(中心|集群|基地|平台|园区|节点|项目|枢纽)", rest):
            continue
        clause_start, clause_end = _clause_bounds(body, match.start())
        if match.group(1) == "作为":  # 作为……之一，X / 它: the subject of the next clause
            thing = top.after(sentence.start + clause_end, ("Facility",))
            if thing is None or thing.start - (sentence.start + clause_end) > 2:
                thing = None
        else:
            thing = before(sentence.start + match.start(), ("Facility",))
            if thing is None or thing.start < sentence.start + clause_start:
                thing = _sentence_topic(body, sentence, top, ("Facility",), match.start() + 1)
        if thing is not None and top.category(thing.type) == "Facility":
            add(thing, "locatedIn", region, 0.5, region.end)
    # 省会昆明市, 省内济南、青岛等地: the cities are in the province the text is about
    for match in re.finditer(r"(省会|省内|自治区首府|首府)", body):
        province = before(sentence.start + match.start(), ("Region",))
        if province is not None and province.type == "Prefecture" and match.group(1) == "首府" \
                and province.end == sentence.start + match.start():
            pass  # 克州首府阿图什市: the prefecture's seat
        elif province is None or province.type != "Province":  # a province inside a name counts (山东省……平台已为省内)
            province = next((m for m in reversed(top.all) if m.type == "Province" and m.end <= sentence.start + match.start()),
                            None) or top.last_named(sentence.start + match.start(), lambda m: m.type == "Province")
        if province is None:
            continue
        for city in _run_after(top, body, sentence, sentence.start + match.end(), ("Region",), reach=0):
            if city.type in ("City", "Prefecture", "AdministrativeRegion"):
                add(city, "partOf", province, 0.5, city.end)
    # 集群内还有A、B: each is part of the site; X是Y的(重要)组成部分: X is part of Y
    for match in re.finditer(r"(园区|产业园|基地|集群)(内|里)(还)?(有|包括|集聚了?)", body):
        site = _bare_kind(body, sentence, top, match.start())
        if site is None or top.category(site.type) != "Facility":
            continue
        for item in _run_after(top, body, sentence, sentence.start + match.end(), ("Facility",), reach=1):
            if item is not site:
                add(item, "partOf", site, 0.5, item.end)
    for match in re.finditer(r"是([^，。；]{2,30}?)的(重要|核心|主要)?(组成部分|一部分)", body):
        whole = top.after(sentence.start + match.start(1), ("Facility", "Region"))
        if whole is None or whole.end > sentence.start + match.end(1):
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        part = before(sentence.start + match.start(), ("Facility", "Region"))
        if part is None or part.start < sentence.start + clause_start:
            part = _topic(body, sentence, top, clause_start)
        if part is not None and part is not whole and top.category(part.type) == top.category(whole.type):
            add(part, "partOf", whole, 0.5, sentence.start + match.end())
    # 园区内的X, 园区一期项目X, 园区首个项目X: the facility is part of the site
    for match in re.finditer(r"(园区|产业园|基地|集群)(内的|里的|内|首个项目|[一二三]期项目)", body):
        site = _bare_kind(body, sentence, top, match.start())
        thing = top.after(sentence.start + match.end(), ("Facility",))
        if site is not None and thing is not None and thing.start == sentence.start + match.end() \
                and top.category(site.type) == "Facility" and thing is not site:
            add(thing, "partOf", site, 0.5, thing.end)
    # X在青岛市崂山区正式启用, X……，去年底在天水市麦积区投入运营: the facility is in the innermost place of the chain
    for match in re.finditer(r"在(?P<p>[^，。；在]{2,24}?)(?:正式|顺利|率先|先后|相继|全面)?(?:启用|投运|投入运营|投入使用|投产|开工|"
                             r"建成投用|建成投运|揭牌|落成|上线|开通|奠基|破土动工)", body):
        start, end = sentence.start + match.start("p"), sentence.start + match.end("p")
        chain = top.starting(start, end, ("Region",))
        if not chain or chain[0].start != start or chain[-1].end != end or any(
                a.end != b.start for a, b in zip(chain, chain[1:])):
            continue  # a chain of places and nothing else (not 在园区内, 在论坛上)
        clause_start, _ = _clause_bounds(body, match.start())
        thing = before(start - 1, ("Facility",))
        if thing is None or thing.start < sentence.start + clause_start:
            thing = _topic(body, sentence, top, clause_start) or _sentence_topic(body, sentence, top, ("Facility",),
                                                                                 clause_start)
        if thing is not None and top.category(thing.type) == "Facility" and thing.type not in PARK_TYPES:
            add(thing, "locatedIn", chain[-1], 0.5, sentence.start + match.end())
    # 园区里体量最大的单体项目，是X; 园区首个入驻项目——X; X是园区里最受关注的新面孔; 作为产业园的首个落地项目，该中心……; A、B等
    # 项目已在园区投运: a project the text counts among the site's is part of it
    for match in SITE_PROJECT.finditer(body):
        word = next(g for g in ("site", "site2", "site3", "site4", "site5") if match.group(g))
        site = _bare_kind(body, sentence, top, match.start(word))
        if site is None or top.category(site.type) != "Facility" or site.type not in PARK_TYPES:
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        if match.group("lead"):  # ……是X: X follows, after what describes it (甘肃电信去年12月投运的)
            thing = top.after(sentence.start + match.end(), ("Facility",))
            if thing is not None and not re.fullmatch(r"(?:[^，。；]{0,20}的)?", body[match.end() : thing.start - sentence.start]):
                thing = None
        elif match.group("as"):  # 作为产业园的首个落地项目，该中心……: the clause after
            thing = _topic(body, sentence, top, match.end()) or top.after(sentence.start + match.end(), ("Facility",))
            if thing is not None and thing.start > sentence.start + match.end() + 2 and thing.end > sentence.start + match.end():
                thing = thing if thing.start - (sentence.start + match.end()) <= 2 else None
        else:  # X是园区里……项目, A、B等项目已在园区投运, X也在园区内: what opens the clause
            things = top.starting(sentence.start + clause_start, sentence.start + match.start(), ("Facility",))
            thing = things[0] if things else _topic(body, sentence, top, clause_start)
            if match.group("in"):
                for each in things[1:]:
                    add(each, "partOf", site, 0.45, sentence.start + match.end())
        if thing is not None and thing is not site and top.category(thing.type) == "Facility" and thing.type not in PARK_TYPES:
            add(thing, "partOf", site, 0.45, sentence.start + match.end())
    # A、B等单位成为中心的用户; 签约使用中心的算力; X已将……迁移至该中心: the facility supports its users
    for match in re.finditer(r"(成为|是)([^，。；]{0,12}?)的?(长期|重要|首批|最大的?)?(用户|客户)", body):
        clause_start, _ = _clause_bounds(body, match.start())
        users = top.starting(sentence.start + clause_start, sentence.start + match.start(), ("Firm", "Organization"))
        where = sentence.start + match.start(2)
        facility = top.after(where, ("Facility",))
        if facility is None or facility.end > sentence.start + match.end(2):
            facility = _bare_kind(body, sentence, top, match.start(2) + (2 if body.startswith("该", match.start(2))
                                                                     else 0))
        if facility is not None and top.category(facility.type) == "Facility":
            for user in users:
                add(facility, "supports", user, 0.5, sentence.start + match.end())
    for match in re.finditer(r"(迁移至|迁移到|迁入|迁进了?|迁至|迁到|部署在|部署到|放在|放到|放进了?|跑在|搬到|搬上|搬进了?|转移到|"
                             r"交给了?|调用|(?:备份|存放|托管)(?:于|在)|"
                             r"(?<=[的，])(?:[^，。；]{0,6}?)来自)", body):
        clause_start, _ = _clause_bounds(body, match.start())
        users = top.starting(sentence.start + clause_start, sentence.start + match.start(), ("Firm", "Organization"))
        if not users and re.match(r"(其|去年起|今年起|目前|已|还|也|并|随后|后来|如今)", body[clause_start:]) \
                and not match.group(0).endswith("来自"):  # X……，其……训练全部交给了Y; X……，去年起把……放到Y
            users = [u for u in [_sentence_topic(body, sentence, top, ("Firm", "Organization"), clause_start)] if u]
        if not users and clause_start > 0 and re.match(r"(将|并|还|也|都)?把", body[clause_start:]):
            previous_start, _ = _clause_bounds(body, clause_start - 1)  # A、B等企业签约，将把……搬上Y: the clause before's
            users = top.starting(sentence.start + previous_start, sentence.start + clause_start, ("Firm", "Organization"))
        if not users and clause_start > 0 and match.group(0).endswith("来自"):  # X的算力，大部分来自Y: X of the clause before
            previous_start, _ = _clause_bounds(body, clause_start - 1)
            owner = top.after(sentence.start + previous_start, ("Firm", "Organization"))
            if owner is not None and body.startswith("的算力", owner.end - sentence.start):
                users = [owner]
        facility = top.after(sentence.start + match.end(), ("Facility",))
        gap = body[match.end() : facility.start - sentence.start] if facility is not None else ""
        if facility is None or (len(gap) > 1 and not re.fullmatch(r"(了|到)?[^，。；]{0,10}的", gap)):
            facility = _anaphor(body, sentence, top, match.end()) or _bare_kind(body, sentence, top, match.end())
        if facility is None and re.match(r"(了)?(这里|此处|这儿|此(?=[，。；]|$))", body[match.end() :]):  # 搬进了这里, 备份于此
            facility = top.salient(sentence.start + match.end(), lambda m: top.category(m.type) == "Facility")
        if facility is None and match.group(0) == "调用":  # 通过专线从天府数据中心集群调用: the facility before
            source = re.search(r"从([^，。；]{2,24})$", body[clause_start : match.start()])
            if source:
                facility = top.after(sentence.start + clause_start + source.start(1), ("Facility",))
                if facility is not None and facility.end != sentence.start + match.start():
                    facility = None
        if facility is not None and top.category(facility.type) == "Facility" and users:
            add(facility, "supports", users[0], 0.5, sentence.start + match.end())
    # A、B等企业与该中心签订了算力服务协议, 与中心签约，借助其算力; 平台首批接入了A、B等企业; X租用Y的算力, A、B等企业已在
    # 数据中心租用机架, 作为中心的“第一大用户”，X……: the facility supports its users
    for match in re.finditer(r"(?:与|和)(?P<f>[^，。；]{1,30}?)签(?:订|署)了?[^，。；]{0,8}?(?:算力服务|算力租赁|服务|使用)(?:协议|合同)|"
                             r"(?:与|和)(?P<g>[^，。；]{1,30}?)签约，(?:借助|利用|使用)(?:其|它的|中心的)算力|"
                             r"(?P<h>平台|中心|该平台|该中心)(?:首批|已|先后|已经|目前|还)*接入了?(?=[^，。；]{2,60}?等(?:企业|单位|公司))|"
                             r"租用(?P<i>[^，。；]{2,30}?)的(?:算力|机架|机柜)|向(?P<j>[^，。；]{2,30}?)(?:借用|租用|购买)算力|"
                             r"在(?P<k>这里|此|[^，。；]{1,20}?)租用了?(?:机架|机柜|算力)|"
                             r"作为(?P<l>[^，。；]{1,12}?)的“?(?:第一大|首批|首个|最大的?|重要|核心)?(?:用户|客户)”?，", body):
        group = next(g for g in ("f", "g", "h", "i", "j", "k", "l") if match.group(g))
        start, end = sentence.start + match.start(group), sentence.start + match.end(group)
        facility = top.after(start, ("Facility",))
        if facility is None or facility.start != start or facility.end != end:
            facility = _anaphor(body, sentence, top, match.start(group)) or _bare_kind(body, sentence, top,
                                                                                      match.start(group))
        if facility is None and match.group(group) in ("这里", "此"):
            facility = top.salient_project(start)  # 已在这里租用机架: the facility the text is about
        if facility is None or top.category(facility.type) != "Facility":
            continue
        if group == "h":
            users = _run_after(top, body, sentence, sentence.start + match.end(), ("Firm", "Organization"), reach=1)
        elif group == "l":  # 作为中心的“第一大用户”，X……: X, the subject of the clause after
            users = [u for u in [top.after(sentence.start + match.end(), ("Firm", "Organization"))]
                     if u is not None and u.start == sentence.start + match.end()]
        else:
            clause_start, _ = _clause_bounds(body, match.start())
            users = top.starting(sentence.start + clause_start, sentence.start + match.start(), ("Firm", "Organization"))
            if not users and group in ("i", "j"):  # X借助算力券，租用Y的算力: the firm the sentence opens with
                users = [u for u in [_sentence_topic(body, sentence, top, ("Firm", "Organization"), clause_start)] if u]
        for user in users:
            if user is not facility:
                add(facility, "supports", user, 0.45, sentence.start + match.end())
    # 平台的“底座”是X, 算力由X提供, 计算任务由X承担, 平台的计算和存储部署在X, 底层依托X: the facility under a platform
    # supports it
    for match in re.finditer(r"(?P<p>平台|它|其)的?“?(?:算力)?(?:底座|主引擎|引擎|算力支撑)”?，?是|(?:算力|计算任务|计算和存储|存储和计算)(?:则)?"
                             r"(?:由|部署在|放在|存放在)|底层依托|数据存放在|(?P<q>平台)(?:则|还|也)?依托(?=[^，。；]{2,40}?(?:建设|运行|搭建))", body):
        clause_start, _ = _clause_bounds(body, match.start())
        source = top.after(sentence.start + match.end(), ("Facility",))
        if source is None or not re.fullmatch(r"(?:位于|部署在|同样)?[^，。；]{0,40}?的?|", body[match.end() : source.start - sentence.start]) \
                or any(ch in body[match.end() : source.start - sentence.start] for ch in "，。；"):
            continue
        while body.startswith("的", source.end - sentence.start):  # 位于X开发区的Y中心: Y, not the park it is in
            following = top.after(source.end + 1, ("Facility",))
            if following is None or following.start != source.end + 1:
                break
            source = following
        word = "p" if match.group("p") else "q"
        platform = _bare_kind(body, sentence, top, match.start(word)) if match.group(word) == "平台" else None
        if platform is None:
            platform = _topic(body, sentence, top, clause_start) or _sentence_topic(
                body, sentence, top, ("Facility",), clause_start)
        if platform is None and clause_start > 0:  # 平台由……建设运营，……，算力则由X提供: the platform of the sentence
            platform = _sentence_topic(body, sentence, top, ("Facility",), match.start())
        if platform is None:
            platform = top.last_ending(sentence.start, "平台", ("Facility",))
        if platform is not None and platform is not source and _bare_name(platform.text).endswith(("平台", "云")) \
                and top.category(platform.type) == "Facility":
            add(source, "supports", platform, 0.45, source.end)
    # 为零碳数据中心配套的X电站, 与数据中心配套的X电站, 项目配套的X风电场, 由配套建设的X直接供电, 机房通过专线接入X水电站: the
    # power plant built for a facility, or wired to it, supports it
    for match in re.finditer(r"配套(?:建设|建成|新建)?的|由(?=[^，。；]{2,30}?(?:直接|直)供电)|(?:专线|专用线路|海缆|线路)(?:直接)?"
                             r"(?:接入|直连|取自)|(?:直接)?(?:接入|取自)(?=[^，。；]{2,40}?的(?:清洁|绿色)?(?:电力|电能|绿电|电量))", body):
        plant = top.after(sentence.start + match.end(), ("Facility",))
        if plant is not None and plant.start != sentence.start + match.end() \
                and re.fullmatch(r"[^，。；]{2,24}?(?:建设|建成|运营|投资)的", body[match.end() : plant.start - sentence.start]):
            pass  # 取自明阳集团在汕尾海域建设的甲子海上风电场: the plant after who built it
        elif plant is None or plant.start != sentence.start + match.end():
            continue
        if not PLANT_WORDS.search(plant.text):
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        served = before(sentence.start + match.start(), ("Facility",))
        if served is not None and served.start < sentence.start + clause_start:
            served = None
        if served is None and match.group(0).startswith("配套"):  # 中心配套建设的X: the bare word before
            served = _bare_kind(body, sentence, top, match.start(), end=True)
        kind = KIND_WORD.search(body, clause_start, match.start())
        if served is None and kind is not None:
            served = _bare_kind(body, sentence, top, kind.start())
        if served is None:
            served = _topic(body, sentence, top, clause_start) or _sentence_topic(body, sentence, top, ("Facility",),
                                                                                 clause_start)
        if served is None and re.match(r"(?:与|和)?(?:项目|机房|一期项目|一期工程|中心|数据中心)|由", body[clause_start:]):
            served = top.salient(sentence.start, lambda m: top.category(m.type) == "Facility"
                                 and not POWER_PLANT.search(_bare_name(m.text)))
        if served is not None and served is not plant and top.category(served.type) == "Facility" \
                and not POWER_PLANT.search(_bare_name(served.text)):
            add(plant, "supports", served, 0.5, plant.end)
    # X向Y供电, 为数据中心供电的，是X, 园区用电主要来自X, X把电送进园区: the power source supports the facility
    for match in re.finditer(r"(向|为|给)([^，。；]{1,20}?)(稳定|直接|持续)?(供电|供应绿电|输送绿电|送电|直供绿电|直供电|供应电力)", body):
        clause_start, _ = _clause_bounds(body, match.start())
        target = top.after(sentence.start + match.start(2), ("Facility",))
        if target is None or target.end > sentence.start + match.end(2):
            target = _bare_kind(body, sentence, top, match.start(2)) or _anaphor(body, sentence, top, match.start(2))
            if target is None and body.startswith("数据中心", match.start(2)):
                target = top.last_ending(sentence.start + match.start(2), "中心", ("Facility",))
        if target is None or top.category(target.type) != "Facility":
            continue
        follows = re.match(r"的，?(是|来自|由)", body[match.end() :])
        if follows:  # 为数据中心供电的，是……光伏电站
            source = top.after(sentence.start + match.end() + follows.end(), ("Facility", "Firm", "Organization"))
            if source is not None and source.start - (sentence.start + match.end() + follows.end()) > 30:
                source = None
        else:
            source = before(sentence.start + match.start(), ("Facility", "Firm", "Organization"))
            if source is None or source.start < sentence.start + clause_start:
                source = _topic(body, sentence, top, clause_start) or _sentence_topic(
                    body, sentence, top, ("Facility", "Firm", "Organization"), clause_start)
        if source is not None and source is not target and top.category(source.type) in ("Facility", "Firm",
                                                                                          "Organization"):
            add(source, "supports", target, 0.5, sentence.start + match.end())
    # 平台由A和B共同运营, 日常运营由X负责: each runs the facility the clause is about
    for match in re.finditer(r"由(?P<joint>[^，。；]{2,60}?)(?:共同|联合)(?:负责)?(?:运营|运维)(?![的和并及与])|" + OPERATOR_IN_CHARGE,
                             body):
        group = "joint" if match.group("joint") else "d"
        agents = _run_after(top, body, sentence, sentence.start + match.start(group), ("Firm", "Organization"), reach=0)
        if not agents or agents[-1].end != sentence.start + match.end(group) or (group == "joint" and len(agents) < 2):
            continue
        clause_start, _ = _clause_bounds(body, match.start())
        facility = before(sentence.start + match.start(), ("Facility",))
        if facility is None or facility.start < sentence.start + clause_start:
            facility = _bare_kind(body, sentence, top, clause_start) or _topic(body, sentence, top, clause_start) \
                or _sentence_topic(body, sentence, top, ("Facility",), match.start())
        if facility is not None and top.category(facility.type) == "Facility":
            for agent in agents:
                add(facility, "operatedBy", agent, 0.5, sentence.start + match.end())
    # ……签订协议，由其运营的A和B提供稳定电源: 其 is the firm just named, which runs A and B; the plants power the topic
    for match in re.finditer(r"由其(?:负责)?(?:投资)?(?:建设)?(?:并|和)?运营的", body):
        firm = before(sentence.start + match.start(), ("Firm",))
        plants = _run_after(top, body, sentence, sentence.start + match.end(), ("Facility",), reach=0)
        if firm is None or not plants:
            continue
        for plant in plants:
            add(plant, "operatedBy", firm, 0.5, plant.end)
        powers = re.match(r"[^，。；]{0,4}?(?:提供|供应)(?:稳定|清洁|充足)?的?(?:电源|电力|绿电|电能)", body[plants[-1].end - sentence.start :])
        clause_start, _ = _clause_bounds(body, 0)
        topic = _topic(body, sentence, top, clause_start) or _sentence_topic(body, sentence, top, ("Facility",), 0)
        if powers and topic is not None and top.category(topic.type) == "Facility" and topic not in plants:
            for plant in plants:
                if PLANT_WORDS.search(plant.text):
                    add(plant, "supports", topic, 0.45, plant.end)
    # X所发绿电经专线直供算力中心: the plant supports what its power goes to
    for match in re.finditer(r"所发(?:的)?(?:绿电|电力|电量|电)[^，。；]{0,10}?(?:直供|送往|送入|送至|输送至|输送到|供给|供应|"
                             r"优先供给|优先供应)(?:给)?", body):
        plant = before(sentence.start + match.start(), ("Facility",))
        clause_start, _ = _clause_bounds(body, match.start())
        if plant is None or plant.end != sentence.start + match.start() or not PLANT_WORDS.search(plant.text):
            plant = _anaphor(body, sentence, top, clause_start) if ANAPHOR.match(body, clause_start) else None
        served = top.after(sentence.start + match.end(), ("Facility",))
        if served is None or served.start != sentence.start + match.end():
            served = _bare_kind(body, sentence, top, match.end())
        if plant is not None and served is not None and plant is not served and top.category(plant.type) == "Facility" \
                and top.category(served.type) == "Facility":
            add(plant, "supports", served, 0.5, sentence.start + match.end())
    for match in re.finditer(r"(?:用电|所用电力|电力|绿电)(?:几乎|主要|全部|大多|大部分)*(?:都)?来自", body):
        source = top.after(sentence.start + match.end(), ("Facility", "Firm", "Organization"))
        clause_start, _ = _clause_bounds(body, match.start())
        target = before(sentence.start + match.start(), ("Facility",))
        if target is None or target.start < sentence.start + clause_start:
            target = _topic(body, sentence, top, clause_start) or _sentence_topic(
                body, sentence, top, ("Facility",), clause_start)  # X的机房里……，所用电力几乎全部来自Y
        between = body[match.end() : source.start - sentence.start] if source is not None else ""
        if source is not None and target is not None and top.category(target.type) == "Facility" and source is not target \
                and (len(between) <= 12 or re.fullmatch(r"[^，。；]{0,30}的", between)):  # 来自附近装机容量约63万千瓦的X
            add(source, "supports", target, 0.5, source.end)
    # 《……》……，明确支持A、B等……: the policy of the sentence supports them
    for match in re.finditer(r"(明确|重点|大力|将|还|并|也)?支持", body):
        policy = before(sentence.start + match.start(), ("Policy",))
        if policy is None or policy.type == "Program" or policy.start < sentence.start:
            policy = _sentence_topic(body, sentence, top, ("Policy",), match.start())
        if policy is None or policy.type == "Program":
            continue
        for target in _run_after(top, body, sentence, sentence.start + match.end(), ("Region", "Facility", "Firm"),
                                 reach=1):
            add(policy, "supports", target, 0.5, target.end)
    # 方案提出，以盐城、南通为重点……; 其中明确，支持拉萨、山南建设……; 把赣州打造成……; 在海口、三亚布局……: the places
    # a policy lays out are what it supports
    for match in re.finditer(r"以([^，。；]{2,30}?)为(?:重点|核心|主体|龙头|支点|主阵地)|(?:明确|重点|大力|将|还|并|也)?支持"
                             r"([^，。；]{2,30}?)(?:建设|打造|发展|创建|布局)|把([^，。；]{2,12}?)(?:打造成|建设成|建成)", body):
        group = next(g for g in (1, 2, 3) if match.group(g))
        policy = before(sentence.start + match.start(), ("Policy",))
        if policy is None or policy.type == "Program" or policy.start < sentence.start:
            policy = _sentence_topic(body, sentence, top, ("Policy",), match.start())
        if (policy is None or policy.type == "Program") and re.match(
                r"(其中|同时|此外|另外|(?:该|这份|此)?(?:实施|行动)?(?:方案|规划|意见|措施|办法|计划|政策|文件)|《[^》]{1,12}》)",
                body):  # 其中明确，……: the policy of the sentences before
            policy = top.last_named(sentence.start, lambda m: top.category(m.type) == "Policy" and m.type != "Program")
            if policy is not None and policy.start < sentence.start - 400:
                policy = None
        if policy is None or policy.type == "Program":
            continue
        places = top.starting(sentence.start + match.start(group), sentence.start + match.end(group), ("Region",))
        between = [body[a.end - sentence.start : b.start - sentence.start] for a, b in zip(places, places[1:])]
        if places and all(gap in LIST_JOINS for gap in between) \
                and re.fullmatch(r"[、和及与]*(等地|等市|等县|等城市|等)?", body[places[-1].end - sentence.start : match.end(group)]):
            for place in places:
                if place.type != "Country":
                    add(policy, "supports", place, 0.45, place.end)
    # A、B等单位签约使用(中心的)算力, 在这里租用算力: the facility of the sentence supports them
    # 芯途微电子在这里跑仿真, A、B等企业也把训练任务搬了过来: the facility the text is at supports them
    for match in re.finditer(r"(签约使用|租用|在这里|在此|在这儿|把[^，。；]{1,14}?(?:搬|迁|转移|放)了?过来)", body):
        clause_start, _ = _clause_bounds(body, match.start())
        users = top.starting(sentence.start + clause_start, sentence.start + match.start(), ("Firm", "Organization"))
        here = not match.group(0).startswith(("签约", "租用"))
        if here and users and re.search(r"[，。；]", body[users[-1].end - sentence.start : match.start()]):
            continue
        facility = before(sentence.start + clause_start, ("Facility",)) or _sentence_topic(
            body, sentence, top, ("Facility",), clause_start)
        if facility is None:  # the facility of the sentence before (……中心……。目前，已有A、B等单位签约使用算力)
            facilities = [m for m in top.context if top.category(m.type) == "Facility"]
            if here and facilities:  # 在这里: the facility named most often (a park's name is no 这里 of a centre in it)
                facility = top.salient(sentence.start, lambda m: top.category(m.type) == "Facility")
            else:
                facility = facilities[-1] if facilities and clause_start <= 3 else None
        if facility is not None:
            for user in users:
                add(facility, "supports", user, 0.5, sentence.start + match.end())
    # X 服务/辐射/支撑 A、B 等: X supports them
    for match in re.finditer(r"服务|辐射|支撑|助力|赋能|承接|面向|送往|输往|输送至|输送到|送至", body):
        pos = sentence.start + match.start()
        clause_start, _ = _clause_bounds(body, match.start())
        thing = before(pos, ("Facility", "Policy"))
        if thing is None or thing.start < sentence.start + clause_start:
            # 该集群……，主要承接: the subject of the sentence, named or by an anaphor
            anaphors = [a.start() for a in ANAPHOR.finditer(body, 0, match.start())]
            thing = _anaphor(body, sentence, top, anaphors[-1]) if anaphors else None  # ……，该集群……，主要承接
            if thing is None and re.match(r"(建成后|投运后|目前|未来|今后)?(将|已|还|并|也)?(主要|重点)?$",
                                          body[clause_start : match.start()]):
                thing = top.after(sentence.start, ("Facility",))  # ……数据中心……，建成后将主要服务……
            if thing is None and re.match(r"(并|还|也|同时)", body[clause_start : match.start()]):
                thing = _sentence_topic(body, sentence, top, ("Facility", "Policy"), clause_start)  # ……，并支撑……
            if thing is None:  # 园区已开始承接……: the site the bare kind word opening the clause stands for
                thing = _topic(body, sentence, top, clause_start)
            if thing is None and clause_start == 0 and re.match(
                    r"(建成后|投运后|投产后|目前|未来|今后)?，?(将|已|还|也)?(主要|重点|优先)?$", body[: match.start()]):
                thing = top.last_named(pos, lambda m: top.category(m.type) == "Facility")  # ……中心。建成后将主要服务……
            if thing is None and re.match(r"(该|这个)?(项目|工程|[一二三首]期(工程|项目)?)", body):
                thing = top.salient(sentence.start, lambda m: top.category(m.type) == "Facility")  # 一期工程……，主要服务……
            if thing is None or thing.start > pos or top.category(thing.type) not in ("Facility", "Policy"):
                continue
        # 承接了大量来自北京的……; 服务范围覆盖A、B, 服务范围从襄阳延伸至A、B
        skip = re.match(r"(了|着)?(大量|部分|更多|众多)?(来自)?(范围(?:已|将)?(?:覆盖|包括|辐射|延伸至|扩展至|扩展到|从[^，。；]{1,8}?"
                        r"(?:延伸至|延伸到|扩展至|扩展到|扩大到)))?", body[match.end() :]).end()
        for target in _run_after(top, body, sentence, pos + len(match.group(0)) + skip,
                                 ("Region", "Facility", "Organization"), reach=2):
            if target is not thing:
                add(thing, "supports", target, 0.5)
    # 为保障/服务 X ……，Y ……: Y supports X (为保障乌兰察布集群用电，电力公司新建了变电站)
    for match in re.finditer(r"为(保障|支持|服务|满足|助力|支撑)", body):
        clause_start, clause_end = _clause_bounds(body, match.start())
        if clause_start != match.start():
            continue
        targets = top.starting(sentence.start + match.end(), sentence.start + clause_end, ("Facility", "Region"))
        agent = top.after(sentence.start + clause_end + 1, ("Firm", "Organization"))
        if agent and agent.start - (sentence.start + clause_end) <= 2:
            for target in targets:
                add(agent, "supports", target, 0.5, agent.end)
    # X 为 A、B 提供……服务/算力: X supports them
    for match in re.finditer(r"(?:为|向)([^，。；]{1,40}?)(提供|建设了|建设|新建|建成|保障|供应|开通了|开通|铺设了|架设了|开放|部署|"
                             r"开辟了|开辟|(?:量身)?定制了|修建了|搭建了)", body):
        pos = sentence.start + match.start()
        if any(m.start <= pos < m.end for m in top.top):
            continue  # 为 of 华为, 向 of a name: no preposition
        if re.search(r"以[^，。；]{1,16}$", body[: match.start()]) and re.match(r"(核心|中心|主体|龙头|依托|基础|载体)",
                                                                          body[match.start() + 1 :]):
            continue  # 以这座数据中心为核心、布局在……的集群已建成: 以X为Y, no service
        clause_start, _ = _clause_bounds(body, match.start())
        thing = before(pos, ("Facility", "Firm", "Organization"))
        if thing is None or thing.start < sentence.start + clause_start:
            thing = _topic(body, sentence, top, clause_start)
            anaphors = [a.start() for a in ANAPHOR.finditer(body, 0, match.start())]
            thing = thing or (_topic(body, sentence, top, anaphors[-1]) if anaphors else None)
            modal = re.match(r"(建成后|投运后|届时)?，?(将|还)?(可|可以|能|能够)(为|面向)", body[clause_start:])
            if thing is None and modal:  # 中心已接入……，可为成渝地区的企业提供……: what the sentence is about
                thing = _sentence_topic(body, sentence, top, ("Facility",), clause_start)
            if thing is None and not modal and re.match(r"(主要|还|也|并|已|将|已经|累计|共|先后|目前|今年以来)*为",
                                                        body[clause_start:]):
                thing = before(pos, ("Facility",))  # ……中心，主要为……提供: the facility the sentence is about
                thing = thing or _sentence_topic(body, sentence, top, ("Facility", "Firm", "Organization", "Region"),
                                                 clause_start)  # 公司依托……，已为……提供; 榆林市……，为集群提供
        if thing is None or top.category(thing.type) not in ("Facility", "Firm", "Organization", "Region"):
            continue
        targets = top.starting(pos + 1, sentence.start + match.start(2), ("Region", "Firm", "Organization", "Facility"))
        starts = {t.start for t in targets}
        targets = [t for t in targets if not (top.category(t.type) == "Region" and t.end in starts)  # 河北省张家口市
                   and not body.startswith(("旗下", "下属", "所属", "的子公司"), t.end - sentence.start)]  # A旗下的B: B
        if not targets:  # 为园区建设了变电站, 为该中心开通了……: the site the bare word or the anaphor stands for
            targets = [t for t in [_bare_kind(body, sentence, top, match.start() + 1)
                                   or _anaphor(body, sentence, top, match.start() + 1)] if t]
        own_subject = thing.start >= sentence.start + clause_start  # ……，中国电信西藏分公司为其开通了专线: 其 is the
        #                                                             sentence's topic, even after 为企业提供服务
        if not targets and body.startswith("其", match.start() + 1) and (own_subject or not re.search(
                r"企业|客户|用户|单位|机构", body[: match.start()])):
            # X为其新建了……: the facility the sentence is about, or the one named last (其 of firms: not a facility)
            topic = _sentence_topic(body, sentence, top, ("Facility",), match.start())
            target = topic if topic is not None and topic is not thing else top.last_named(
                sentence.start, lambda m: top.category(m.type) == "Facility")
            targets = [target] if target is not None and top.category(target.type) == "Facility" else []
        if not targets and re.match(r"(该|这个|此)?(项目|工程)", body[match.start() + 1 :]):  # 为项目协调建设了……
            targets = [t for t in [top.last_named(pos, lambda m: top.category(m.type) == "Facility")] if t]
        for target in targets:
            if target is not thing:
                add(thing, "supports", target, 0.5)


#: A department of a body, between its name and a title (数字化中心, 数字化部, 技术研发部, 运维处).
DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{1,5}(部|中心|处|办公室|科|事业部)")


#: Titles that make a person a member of a body, not its employee.
MEMBERSHIP_TITLES = ("院士",)


TITLES_LONGEST_FIRST = sorted(R.TITLES, key=len, reverse=True)


def _title_before(body: str, offset: int) -> str | None:
    for title in TITLES_LONGEST_FIRST:
        if body.endswith(title, 0, offset):
            return title
    return None


def find_attributes(sentence: Sentence, text: str, category) -> list[AttributeFound]:
    """Job titles of people; dates of events and of policies' publication or effect."""
    found = []
    body = text[sentence.start : sentence.end]
    for person in (m for m in sentence.mentions if m.type == "Person"):
        title = _title_before(body, person.start - sentence.start)
        if title is None:
            after_name = body[person.end - sentence.start :]
            title = next((t for t in ("总书记", "主席", "总理") if after_name.startswith(t)), None)
            if title:
                found.append(AttributeFound(person, "jobTitle", (title, R.TITLES[title]), person.end, person.end + len(title)))
            continue
        found.append(AttributeFound(person, "jobTitle", (title, R.TITLES[title]), person.start - len(title), person.start))
    effective = re.search(r"于(\d{4})年(\d{1,2})月(\d{1,2})日起实施", body)
    if effective:
        date = f"{effective[1]}-{int(effective[2]):02d}-{int(effective[3]):02d}"
        for policy in (m for m in sentence.mentions if category(m.type) == "Policy"):
            found.append(AttributeFound(policy, "effectiveDate", date, sentence.start + effective.start(),
                                        sentence.start + effective.end()))
    date_match = DATE_FULL.search(body) or DATE_MONTH.search(body)
    if date_match and not effective:
        for event in (m for m in sentence.mentions if category(m.type) == "Event"):
            parts = [int(p) for p in date_match.groups()]
            date = "-".join([f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:]])
            found.append(AttributeFound(event, "startDate", date, sentence.start + date_match.start(),
                                        sentence.start + date_match.end(), 0.6))
    return found
