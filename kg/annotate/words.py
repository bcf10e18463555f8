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


@cache
def segmenter():
    """jieba, quiet, with the city names as place words (one word each, tagged ns)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    for name in sorted(city_names()):
        jieba.add_word(name, tag="ns")
    return jieba
