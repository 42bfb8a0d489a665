"""What an EDC may contain, from the bundled ``edc-ap`` and VC 1.1 contexts.

Reading through JSON-LD expansion would be faithful but slow (tens of
milliseconds per credential), so the reader checks the compacted JSON against
the two contexts directly: every key must be a term they define or an absolute
IRI (JSON-LD would silently drop any other key), every ``type`` a class they
define (any other would resolve against an arbitrary base), and every literal
must have the JSON type its term declares. Everything accepted here passes
safe-mode expansion, found in one walk (a few things safe mode lets through,
such as a null value under an IRI key, are refused here as well).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from microcred.errors import InvalidDataError, SafeModeError

Path = tuple[str | int, ...]

__all__ = [
    "DATA_INTEGRITY_CONTEXTS",
    "DURATION_TERMS",
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
#: The contexts a Data Integrity proof may append after them.
DATA_INTEGRITY_CONTEXTS = (
    "https://w3id.org/security/data-integrity/v2",
    "https://w3id.org/security/data-integrity/v1",
)

# An absolute IRI has a scheme; JSON-LD would resolve anything else against
# whatever base the processor happens to use.
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
# A key such as "http://data.europa.eu/esco/model#skillType" is a property by its
# absolute IRI: JSON-LD 1.1 never reads "prefix://..." as a compact IRI, so the
# key expands to itself and safe-mode expansion keeps it (ESCO's own properties
# ride on ESCO concepts this way, docs/edc.md).
_IRI_PROPERTY = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")


@dataclass(frozen=True, slots=True)
class TermTable:
    """Terms of the EDC contexts: kind of each property, and the class names."""

    language_maps: frozenset[str]
    node_terms: frozenset[str]
    literal_types: dict[str, str]
    classes: frozenset[str]
    kinds: dict[str, str]

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
    # Imported here: microcred.jsonld loads pyld, which `import microcred.edc`
    # should not pay for (writing never needs it).
    from microcred.jsonld import default_registry

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
    language_maps = frozenset(
        t for t, d in definitions.items() if d.get("@container") == "@language"
    )
    node_terms = frozenset(
        t for t, d in definitions.items() if d.get("@type") in {"@id", "@vocab"}
    )
    literal_types = {
        t: str(d.get("@type", ""))
        for t, d in definitions.items()
        if t not in language_maps and t not in node_terms
    }
    # One lookup per key while walking: "@language", "@id" or the datatype.
    kinds = {
        **literal_types,
        **dict.fromkeys(node_terms, _NODE),
        **dict.fromkeys(language_maps, _LANGUAGE),
    }
    return TermTable(
        language_maps=language_maps,
        node_terms=node_terms,
        literal_types=literal_types,
        classes=frozenset(classes),
        kinds=kinds,
    )


def _definitions(context: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        term: value
        for term, value in context.items()
        if isinstance(value, dict) and not term.startswith("@") and term[:1].islower()
    }


#: Terms whose values are workload durations (collected for the P60M check).
DURATION_TERMS = frozenset({"volumeOfLearning", "workload"})
_LANGUAGE, _NODE = "@language", "@id"


def check_terms(node: Any, path: list[str | int]) -> list[tuple[Path, str]]:
    """Refuse anything JSON-LD would drop or misread, naming the field path.

    Returns the workload durations met on the way (path, text), so callers can
    flag calendar durations without walking the document again.
    """
    table = term_table()
    kinds, classes, iri = table.kinds, table.classes, _ABSOLUTE_IRI.match
    durations: list[tuple[Path, str]] = []
    stack: list[tuple[Any, Path]] = [(node, tuple(path))]
    # The hot loop of reading: ids, types and language maps, the most common
    # keys, are checked inline; anything unusual goes to a helper that raises.
    while stack:
        current, where = stack.pop()
        if not isinstance(current, dict):
            raise InvalidDataError("expected a JSON object", path=where)
        for key, value in current.items():
            kind = kinds.get(key)
            if kind is None:
                if _IRI_PROPERTY.match(key):
                    _check_iri_property(key, value, where, stack)
                elif not _plain_keyword(key, value, iri, classes):
                    _check_keyword(key, value, where)
            elif kind is _NODE:
                if type(value) is dict:
                    stack.append((value, (*where, key)))
                else:
                    _check_nodes(key, value, where, stack)
            elif kind is not _LANGUAGE or not _plain_texts(value):
                _check_values(kind, key, value, where, durations)
    return durations


def _check_values(
    kind: str, key: str, value: Any, where: Path, durations: list[tuple[Path, str]]
) -> None:
    if isinstance(value, list):
        for index, item in enumerate(value):
            _check_item(kind, item, (*where, key, index))
        return
    _check_item(kind, value, (*where, key))
    if key in DURATION_TERMS and isinstance(value, str):
        durations.append(((*where, key), value))


def _plain_keyword(
    key: str, value: Any, iri: Callable[[str], Any], classes: frozenset[str]
) -> bool:
    # The common case: one absolute IRI as id, one known class as type.
    if type(value) is not str:
        return False
    return bool(iri(value)) if key == "id" else key == "type" and value in classes


def _plain_texts(language_map: Any) -> bool:
    # The common case: short tags, one string each; the full check otherwise.
    return type(language_map) is dict and all(
        type(text) is str and len(tag) < 9 and tag.isalpha()
        for tag, text in language_map.items()
    )


def _check_keyword(key: str, value: Any, where: Path) -> None:
    if key == "id":
        _check_iri(value, [*where, key])
    elif key == "type":
        _check_types(term_table(), value, [*where, key])
    elif key != "@context" or where:
        raise SafeModeError(
            f"{key!r} is not a term of the EDC context and would be dropped",
            path=[*where, key],
        )


def _check_nodes(
    key: str, value: Any, where: Path, stack: list[tuple[Any, Path]]
) -> None:
    if isinstance(value, dict):
        stack.append((value, (*where, key)))
        return
    items = enumerate(value) if isinstance(value, list) else [(None, value)]
    for index, item in items:
        at = (*where, key) if index is None else (*where, key, index)
        if isinstance(item, dict):
            stack.append((item, at))
        elif isinstance(item, str):
            if key not in _DATE_AS_IRI:
                _check_iri(item, list(at))
        else:
            raise InvalidDataError("expected an object or an IRI", path=at)


def _check_iri_property(
    key: str, value: Any, where: Path, stack: list[tuple[Any, Path]]
) -> None:
    # No context term, so no coercion: an object is a node (checked like any
    # other), a string, number or boolean a plain literal.
    items = enumerate(value) if isinstance(value, list) else [(None, value)]
    for index, item in items:
        at = (*where, key) if index is None else (*where, key, index)
        if isinstance(item, dict):
            stack.append((item, at))
        elif item is None or isinstance(item, list):
            raise InvalidDataError("expected an object or a literal", path=at)


def _check_item(kind: str, item: Any, at: Path) -> None:
    if kind is _LANGUAGE:
        _check_language_map(item, list(at))
    else:
        _check_literal(kind, item, list(at))


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
