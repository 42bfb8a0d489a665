"""What an EDC may contain, from the bundled ``edc-ap`` and VC 1.1 contexts.

Reading through JSON-LD expansion would be faithful but slow (tens of
milliseconds per credential), so the reader checks the compacted JSON against
the two contexts directly: every key must be a term they define (JSON-LD would
silently drop any other), every ``type`` a class they define (any other would
resolve against an arbitrary base), and every literal must have the JSON type
its term declares. The result is the same set of documents safe-mode expansion
accepts, found in one walk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from microcred.errors import InvalidDataError, SafeModeError, format_path
from microcred.jsonld import default_registry

__all__ = [
    "EDC_CONTEXT",
    "EDC_CONTEXTS",
    "VC_V1_CONTEXT",
    "TermTable",
    "check_terms",
    "term_table",
]

VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
EDC_CONTEXT = "http://data.europa.eu/snb/model/context/edc-ap"
#: The ``@context`` of every EDC on VC 1.1, in this order (DESIGN.md).
EDC_CONTEXTS = (VC_V1_CONTEXT, EDC_CONTEXT)

# An absolute IRI has a scheme; JSON-LD would resolve anything else against
# whatever base the processor happens to use.
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True, slots=True)
class TermTable:
    """Terms of the EDC contexts: kind of each property, and the class names."""

    language_maps: frozenset[str]
    node_terms: frozenset[str]
    literal_types: dict[str, str]
    classes: frozenset[str]

    def known(self, term: str) -> bool:
        """Whether ``term`` is a property the contexts define."""
        return (
            term in self.literal_types
            or term in self.node_terms
            or term in self.language_maps
        )


@cache
def term_table() -> TermTable:
    """The table built from the bundled contexts (cached: built once)."""
    registry = default_registry()
    edc = registry[EDC_CONTEXT]["@context"]
    vc = registry[VC_V1_CONTEXT]["@context"]
    scoped = vc["VerifiableCredential"]["@context"]
    definitions = {**_definitions(scoped), **_definitions(edc)}
    classes = {
        term
        for term, value in {**vc, **edc}.items()
        if isinstance(value, str | dict) and term[:1].isupper()
    } | {"ShaclValidator2017"}
    return TermTable(
        language_maps=frozenset(
            t for t, d in definitions.items() if d.get("@container") == "@language"
        ),
        node_terms=frozenset(
            t for t, d in definitions.items() if d.get("@type") in {"@id", "@vocab"}
        ),
        literal_types={
            t: str(d.get("@type", ""))
            for t, d in definitions.items()
            if d.get("@container") != "@language" and d.get("@type") not in {"@id"}
        },
        classes=frozenset(classes),
    )


def _definitions(context: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        term: value
        for term, value in context.items()
        if isinstance(value, dict) and not term.startswith("@") and term[:1].islower()
    }


def check_terms(node: Any, path: list[str | int]) -> None:
    """Refuse anything JSON-LD would drop or misread, naming the field path."""
    table = term_table()
    stack: list[tuple[Any, list[str | int]]] = [(node, path)]
    while stack:
        current, where = stack.pop()
        if not isinstance(current, dict):
            raise InvalidDataError("expected a JSON object", path=where)
        for key, value in current.items():
            stack.extend(_check_property(table, key, value, [*where, key]))


def _check_property(
    table: TermTable, key: str, value: Any, where: list[str | int]
) -> list[tuple[Any, list[str | int]]]:
    if key == "id":
        _check_iri(value, where)
        return []
    if key == "type":
        _check_types(table, value, where)
        return []
    if key == "@context" and len(where) == 1:
        return []
    if not table.known(key):
        raise SafeModeError(
            f"{key!r} is not a term of the EDC context and would be dropped",
            path=where,
        )
    items = value if isinstance(value, list) else [value]
    children: list[tuple[Any, list[str | int]]] = []
    for index, item in enumerate(items):
        at = [*where, index] if isinstance(value, list) else where
        child = _check_value(table, key, item, at)
        if child is not None:
            children.append((child, at))
    return children


def _check_value(table: TermTable, key: str, item: Any, at: list[str | int]) -> Any:
    if key in table.language_maps:
        _check_language_map(item, at)
        return None
    if key in table.node_terms:
        if isinstance(item, str):
            if key not in _DATE_AS_IRI:
                _check_iri(item, at)
            return None
        if not isinstance(item, dict):
            raise InvalidDataError("expected an object or an IRI", path=at)
        return item
    _check_literal(table.literal_types[key], item, at)
    return None


# ``edc-ap`` types ``dateModified`` as ``@id`` although it holds a date (a bug in
# the context, anchors/edc/SOURCES.md); the EU's own samples carry dates there.
# Reading them verbatim is the faithful choice; the writer never emits it.
_DATE_AS_IRI = frozenset({"dateModified"})

_LITERAL_CHECKS: dict[str, tuple[type[Any] | tuple[type[Any], ...], str]] = {
    "xsd:boolean": (bool, "true or false"),
    "xsd:integer": (int, "an integer"),
    "xsd:positiveInteger": (int, "a positive integer"),
    "xsd:decimal": ((int, float, str), "a number"),
}


def _check_literal(datatype: str, item: Any, at: list[str | int]) -> None:
    expected, words = _LITERAL_CHECKS.get(datatype, (str, "a string"))
    if datatype == "" and isinstance(item, int | float | bool):
        return
    if isinstance(item, dict) or not isinstance(item, expected):
        raise InvalidDataError(f"expected {words}, got {_kind(item)}", path=at)
    if isinstance(item, bool) and datatype != "xsd:boolean":
        raise InvalidDataError(f"expected {words}, got a boolean", path=at)


def _check_language_map(item: Any, at: list[str | int]) -> None:
    if not isinstance(item, dict):
        raise InvalidDataError(
            f"expected a language map such as {{'en': '...'}}, got {_kind(item)}",
            path=at,
        )
    for tag, text in item.items():
        if not _LANGUAGE_TAG.match(tag):
            raise InvalidDataError(f"{tag!r} is not a language tag", path=at)
        texts = text if isinstance(text, list) else [text]
        if not all(isinstance(t, str) for t in texts):
            raise InvalidDataError("a language map holds strings only", path=[*at, tag])


def _check_iri(value: Any, where: list[str | int]) -> None:
    if not isinstance(value, str) or not _ABSOLUTE_IRI.match(value):
        raise InvalidDataError(
            f"expected an absolute IRI, got {_short(value)}", path=where
        )


def _check_types(table: TermTable, value: Any, where: list[str | int]) -> None:
    for item in value if isinstance(value, list) else [value]:
        if not isinstance(item, str) or item not in table.classes:
            raise SafeModeError(
                f"type {_short(item)} is not a class of the EDC context",
                path=where,
            )


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    return names.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def dotted(path: list[str | int]) -> str:
    """The dotted form of ``path`` (re-exported for messages)."""
    return format_path(path)
