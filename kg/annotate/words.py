"""The word segmenter (jieba) as kg annotate uses it, with the place names it is given.

jieba's dictionary lacks many of China's prefecture-level cities (张家口, 营口, 大连
are cut or untagged); ``cities.txt`` lists them by their short names (general
knowledge, no article's), and every part of the annotator that cuts words gets
the same segmenter, so a name is cut the same way wherever it is read.
"""

from __future__ import annotations

from functools import cache


@cache
def city_names() -> frozenset[str]:
    """China's prefecture-level cities by their short names (``kg/annotate/cities.txt``)."""
    from importlib.resources import files

    text = files("kg.annotate").joinpath("cities.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


#: Countries a Chinese news article on the industry may name (general knowledge): places of type Country.
COUNTRIES = frozenset("""中国 俄罗斯 美国 日本 韩国 德国 法国 英国 新加坡 马来西亚 泰国 越南 印度尼西亚 印度 老挝 柬埔寨 缅甸 菲律宾
    哈萨克斯坦 蒙古国 巴基斯坦 沙特阿拉伯 阿联酋 瑞典 瑞士 荷兰 芬兰 丹麦 挪威 意大利 西班牙 加拿大 澳大利亚 以色列 巴西
    乌兹别克斯坦 吉尔吉斯斯坦 塔吉克斯坦 土库曼斯坦 阿塞拜疆 土耳其 伊朗 埃及 南非 尼泊尔 孟加拉国 斯里兰卡 文莱 新西兰
    葡萄牙 比利时 奥地利 波兰 匈牙利 希腊 爱尔兰 墨西哥 阿根廷 智利 秘鲁 卡塔尔 科威特 阿曼""".split())


#: Regions of the world a Chinese news article on the industry may name (general knowledge): places of type
#: GeographicRegion.
WORLD_REGIONS = frozenset("东南亚 南亚 中亚 西亚 东北亚 东亚 欧洲 北美 南美 拉美 非洲 中东 北非 东欧 西欧 大洋洲".split())


@cache
def words_tagged() -> dict[str, frozenset[str]]:
    """jieba's dictionary words by their part-of-speech tag (v, n, ns, …), read in one pass on first use."""
    import jieba

    with jieba.get_dict_file() as dictionary:
        lines = dictionary.read().decode("utf-8").splitlines()
    tagged: dict[str, set[str]] = {}
    for line in lines:
        parts = line.split(" ")
        if len(parts) == 3:
            tagged.setdefault(parts[2], set()).add(parts[0])
    return {tag: frozenset(words) for tag, words in tagged.items()}


def tagged(*tags: str) -> frozenset[str]:
    """The dictionary's words with any of these tags."""
    table = words_tagged()
    return frozenset().union(*(table.get(tag, frozenset()) for tag in tags))


@cache
def segmenter():
    """jieba, quiet, with the city names as place words (one word each, tagged ns)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    for name in sorted(city_names()):
        jieba.add_word(name, tag="ns")
    return jieba
