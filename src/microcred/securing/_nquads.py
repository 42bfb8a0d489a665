"""N-Quads reading and canonical writing, as RDFC-1.0 needs them.

Terms are kept as their canonical N-Quads text (``<iri>``, ``_:label``,
``"lexical"@lang`` or ``"lexical"^^<datatype>``) and the default graph as the
empty string: a quad is then written by joining strings, and blank nodes are
found by their ``_:`` prefix. Canonical form follows RDF 1.1 N-Quads section 4
as RDFC-1.0 refers to it: literals escape only ``"``, ``\\``, and control
characters (``\\b \\t \\n \\f \\r`` as ECHAR, the rest as upper-case ``\\u00XX``);
IRIs are written unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from microcred.errors import ParseError, ResourceLimitError

__all__ = [
    "XSD_STRING",
    "Quad",
    "format_literal",
    "parse_nquads",
    "serialize_quad",
]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Lines beyond this are refused: a credential is a few hundred quads.
MAX_QUADS = 1_000_000


class Quad(NamedTuple):
    """One quad; each term in canonical N-Quads text, ``graph`` "" by default."""

    subject: str
    predicate: str
    object: str
    graph: str = ""


_ECHAR = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_ESCAPES = {
    code: _ECHAR.get(chr(code), f"\\u{code:04X}") for code in [*range(0x20), 0x7F]
}
_ESCAPES[ord('"')] = '\\"'
_ESCAPES[ord("\\")] = "\\\\"

_UNESCAPE_STRING = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR_VALUES = {
    "t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f",
    '"': '"', "'": "'", "\\": "\\",
}  # fmt: skip

_IRI = r"<((?:[^\x00-\x20<>\"{}|^`\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*)>"
_BNODE = (
    r"_:([A-Za-z0-9_\u00B7-\U000EFFFF]"
    r"(?:[A-Za-z0-9_\-.\u00B7-\U000EFFFF]*[A-Za-z0-9_\-\u00B7-\U000EFFFF])?)"
)
_STRING = r"\"((?:[^\"\\\n\r]|\\[tbnrf\"'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*)\""
_LANG = r"@([a-zA-Z]+(?:-[a-zA-Z0-9]+)*)"
_LINE = re.compile(
    rf"""[ \t]*
    (?:{_IRI}|{_BNODE})[ \t]*
    {_IRI}[ \t]*
    (?:{_IRI}|{_BNODE}|{_STRING}(?:{_LANG}|\^\^{_IRI})?)[ \t]*
    (?:(?:{_IRI}|{_BNODE})[ \t]*)?
    \.[ \t]*(?:\#.*)?""",
    re.VERBOSE,
)
_SKIP = re.compile(r"[ \t]*(?:#.*)?")


def _unescape_match(match: re.Match[str]) -> str:
    hex_digits = match.group(1) or match.group(2)
    if hex_digits is not None:
        code = int(hex_digits, 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise ValueError(f"\\u{hex_digits} is not a Unicode scalar value")
        return chr(code)
    char = match.group(3)
    if char not in _ECHAR_VALUES:
        raise ValueError(f"\\{char} is not an N-Quads escape")
    return _ECHAR_VALUES[char]


def _unescape(text: str) -> str:
    return _UNESCAPE_STRING.sub(_unescape_match, text) if "\\" in text else text


def format_literal(lexical: str, datatype: str = XSD_STRING, language: str = "") -> str:
    """The canonical N-Quads text of a literal."""
    quoted = '"' + lexical.translate(_ESCAPES) + '"'
    if language:
        return f"{quoted}@{language}"
    if datatype == XSD_STRING:
        return quoted
    return f"{quoted}^^<{datatype}>"


def serialize_quad(quad: tuple[str, str, str, str]) -> str:
    """One canonical N-Quads line, newline included."""
    subject, predicate, obj, graph = quad
    if graph:
        return f"{subject} {predicate} {obj} {graph} .\n"
    return f"{subject} {predicate} {obj} .\n"


def _node(iri: str | None, bnode: str | None) -> str:
    if iri is not None:
        return f"<{_unescape(iri)}>"
    return f"_:{bnode}" if bnode is not None else ""


def _quad_from_match(match: re.Match[str]) -> Quad:
    (s_iri, s_bnode, p_iri, o_iri, o_bnode, o_lexical, o_lang, o_datatype,
     g_iri, g_bnode) = match.groups()  # fmt: skip
    if o_lexical is not None:
        datatype = _unescape(o_datatype) if o_datatype is not None else XSD_STRING
        if o_lang is not None:
            datatype = RDF_LANG_STRING
        obj = format_literal(_unescape(o_lexical), datatype, o_lang or "")
    else:
        obj = _node(o_iri, o_bnode)
    return Quad(
        _node(s_iri, s_bnode), f"<{_unescape(p_iri)}>", obj, _node(g_iri, g_bnode)
    )


def parse_nquads(text: str | bytes, *, max_quads: int = MAX_QUADS) -> list[Quad]:
    """Read N-Quads into canonical-text quads, duplicates removed.

    Malformed lines raise :class:`~microcred.errors.ParseError` naming the line.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ParseError("N-Quads must be UTF-8") from None
    quads: dict[Quad, None] = {}
    for number, raw_line in enumerate(text.split("\n"), start=1):
        line = raw_line.removesuffix("\r")
        if _SKIP.fullmatch(line):
            continue
        match = _LINE.fullmatch(line)
        try:
            if match is None:
                raise ValueError("not a valid N-Quads statement")
            quads[_quad_from_match(match)] = None
        except ValueError as error:
            raise ParseError(str(error), path=f"line {number}") from None
        if len(quads) > max_quads:
            raise ResourceLimitError(
                f"more than {max_quads} quads", path=f"line {number}"
            )
    return list(quads)


def dedupe(quads: Iterable[tuple[str, str, str, str]]) -> list[Quad]:
    """The quads as :class:`Quad` values, first occurrence kept."""
    return list(dict.fromkeys(Quad(*quad) for quad in quads))
