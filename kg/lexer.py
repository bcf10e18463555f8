"""Enough of SPARQL's lexer to read a query's text without parsing it.

One token pattern, after the grammar's terminals, serves every reading kg makes of a
query before an engine sees it: the ``SERVICE`` clauses (:mod:`kg.outbound`), the
variables and the depth of nesting (:mod:`kg.sparql`). Comments, strings and IRIs
are tokens of their own, so nothing inside them is taken for a keyword, a variable
or a bracket. Variables take no dots (``?o.SERVICE`` is ``?o`` ``.`` ``SERVICE``);
prefixed names take the escapes of PN_LOCAL (``ex:a\\'``, ``ex:a\\#b``) and inner
dots; a bare word (a keyword) takes neither.

Token kinds (``match.lastgroup``): comment, string, iri, variable (its name in the
group ``var``), number, pname, word, ne (``!=``), open, close, unary (``! + -``),
space, other.
"""

from __future__ import annotations

import re

#: SPARQL's VARNAME characters.
VARIABLE_NAME = re.compile(
    "[A-Za-z0-9_\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u203f-\u2040\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff]+"
)
_LOCAL = r"(?:[\w\-:%]|\\[_~.\-!$&'()*+,;=/?#@%])"
TOKEN = re.compile(
    "|".join((
        r"(?P<comment>#[^\n\r]*)",
        r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""' + r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
        + r'|"(?:[^"\\\n\r]|\\.)*"' + r"|'(?:[^'\\\n\r]|\\.)*')",
        r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)",
        r"(?P<variable>[?$](?P<var>" + VARIABLE_NAME.pattern + "))",
        r"(?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)",
        rf"(?P<pname>(?:[^\W\d](?:[\w\-.]*[\w\-])?)?:(?:{_LOCAL}(?:(?:{_LOCAL}|\.)*{_LOCAL})?)?)",
        r"(?P<word>[^\W\d]\w*)",
        r"(?P<ne>!=)",
        r"(?P<open>[{(\[])",
        r"(?P<close>[})\]])",
        r"(?P<unary>[!+-])",
        r"(?P<space>\s+)",
        r"(?P<other>.)",
    )),
    re.DOTALL,
)
