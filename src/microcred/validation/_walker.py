"""Triples straight from compact EDC JSON, for the way the EU writes credentials.

Almost every EDC has the same two contexts (VC 1.1 and edc-ap), no embedded
contexts, and uses a narrow part of JSON-LD: terms, ``id``/``type``, IRI and
datatype coercion, language maps. For exactly that, reading the triples from the
JSON directly with the contexts' term table is several times faster than a
general JSON-LD processor. Anything outside that part raises :class:`Fallback`,
and the caller hands the document to the general processor instead; the tests
check that both give pyld's triples.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from typing import Any, NamedTuple

from microcred.jsonld import default_registry

from ._data import ABSOLUTE_IRI, RDF_TYPE, Lit, Node

__all__ = ["Fallback", "plain_edc_triples"]

_VC_V1 = "https://www.w3.org/2018/credentials/v1"
_EDC_AP = "http://data.europa.eu/snb/model/context/edc-ap"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_ID_KEYS = ("id", "@id")
_TYPE_KEYS = ("type", "@type")

Triple = tuple[str, str, Node]


class Fallback(Exception):  # noqa: N818 - a signal, not an error
    """The document uses JSON-LD beyond what this reader handles."""


class _Term(NamedTuple):
    iri: str
    coerce: str | None  # "@id", a datatype IRI, or None
    language_map: bool
    #: Names the term's own scoped context defines (VC 1.1 credentialSchema).
    scoped: frozenset[str] = frozenset()


class _Tables(NamedTuple):
    base: dict[str, _Term]  # VC 1.1 top level + edc-ap
    credential: dict[str, _Term]  # base + the VerifiableCredential scoped terms
    classes: dict[str, str]  # type term -> class IRI
    scoped_types: frozenset[str]  # type terms that carry their own context
    prefixes: frozenset[str]


def _expand(value: str, prefixes: dict[str, str]) -> str:
    prefix, _, rest = value.partition(":")
    if rest and not rest.startswith("//") and prefix in prefixes:
        return prefixes[prefix] + rest
    return value


def _terms(context: dict[str, Any], prefixes: dict[str, str]) -> dict[str, _Term]:
    table = {}
    for name, definition in context.items():
        if name.startswith("@") or definition in ("@id", "@type"):
            continue
        if isinstance(definition, str):
            table[name] = _Term(_expand(definition, prefixes), None, language_map=False)
        elif isinstance(definition, dict) and definition.get("@container") in (
            None,
            "@set",
            "@language",
        ):
            coerce = definition.get("@type")
            if coerce not in (None, "@id"):
                coerce = _expand(coerce, prefixes)
            iri = _expand(definition["@id"], prefixes)
            scoped = frozenset(definition.get("@context", {})) - {"id", "type"}
            language_map = definition.get("@container") == "@language"
            table[name] = _Term(iri, coerce, language_map, scoped)
    return table


@functools.cache
def _tables() -> _Tables:
    registry = default_registry()
    vc, edc = registry[_VC_V1]["@context"], registry[_EDC_AP]["@context"]
    scoped = vc["VerifiableCredential"]["@context"]
    prefixes = {k: v for c in (edc, scoped) for k, v in c.items() if isinstance(v, str)}
    base = {**_terms(vc, prefixes), **_terms(edc, prefixes)}
    credential = {**base, **_terms(scoped, prefixes)}
    classes = {name: term.iri for name, term in base.items()}
    classes["VerifiableCredential"] = vc["VerifiableCredential"]["@id"]
    special = {k for k, v in vc.items() if isinstance(v, dict) and "@context" in v}
    special.discard("VerifiableCredential")
    return _Tables(base, credential, classes, frozenset(special), frozenset(prefixes))


def plain_edc_triples(credential: dict[str, Any]) -> list[Triple]:
    """The credential's triples, or :class:`Fallback` if it needs a full processor.

    The caller has already checked that the contexts are exactly VC 1.1 then
    edc-ap, with none embedded, and that no key or type is undefined.
    """
    reader = _Reader(_tables())
    reader.node(credential)
    return reader.triples


class _Reader:
    def __init__(self, tables: _Tables) -> None:
        self.tables = tables
        self.triples: list[Triple] = []
        self._blank = (f"_:w{n}" for n in itertools.count())

    def node(self, value: dict[str, Any]) -> str:
        subject = self._subject(value)
        types = self._types(value)
        for cls in types:
            self.triples.append((subject, RDF_TYPE, cls))
        terms = self.tables.base
        if self.tables.classes["VerifiableCredential"] in types:
            terms = self.tables.credential

        for key, item in value.items():
            if key in _ID_KEYS or key in _TYPE_KEYS or key == "@context":
                continue
            term = terms.get(key)
            if term is None or item is None:
                # Undefined keys were refused before; keywords need the full processor.
                raise Fallback(key)
            for obj in self._values(term, item):
                self.triples.append((subject, term.iri, obj))
        return subject

    def _subject(self, value: dict[str, Any]) -> str:
        if ("id" in value and "@id" in value) or ("type" in value and "@type" in value):
            raise Fallback("keyword and its alias together")
        node_id = value.get("id", value.get("@id"))
        if node_id is None:
            return next(self._blank)
        if not isinstance(node_id, str) or _iri(node_id, self.tables) is None:
            raise Fallback("id")
        return node_id

    def _types(self, value: dict[str, Any]) -> list[str]:
        raw = value.get("type", value.get("@type", []))
        names = raw if isinstance(raw, list) else [raw]
        classes = []
        for name in names:
            if not isinstance(name, str) or name in self.tables.scoped_types:
                raise Fallback("type")
            cls = self.tables.classes.get(name)
            if cls is None:
                if _iri(name, self.tables) is None:
                    raise Fallback("type")
                cls = name
            classes.append(cls)
        return classes

    def _values(self, term: _Term, item: Any) -> Iterator[Node]:
        if isinstance(item, list):
            for member in item:
                if isinstance(member, list) or member is None:
                    raise Fallback("nested list")
                if term.language_map and isinstance(member, dict):
                    raise Fallback("language map inside an array")
                yield from self._values(term, member)
        elif term.language_map and isinstance(item, dict):
            yield from _language_map(item)
        elif isinstance(item, dict):
            if any(k.startswith("@") and k not in ("@id", "@type") for k in item):
                raise Fallback("value object")
            if term.scoped and not _outside(item, term.scoped):
                raise Fallback("a term of a property-scoped context")
            yield self.node(item)
        else:
            obj = _scalar(term, item, self.tables)
            if obj is not None:
                yield obj


def _outside(item: dict[str, Any], scoped: frozenset[str]) -> bool:
    """True if ``item`` reads the same with or without the scoped context."""
    if set(item) - {"id", "type", "@id", "@type"}:
        return False
    raw = item.get("type", item.get("@type", []))
    names = raw if isinstance(raw, list) else [raw]
    return not any(name in scoped for name in names)


def _language_map(item: dict[str, Any]) -> Iterator[Lit]:
    for language, text in item.items():
        texts = text if isinstance(text, list) else [text]
        for each in texts:
            if language.startswith("@") or not isinstance(each, str):
                raise Fallback("language map")
            yield Lit(each, _LANGSTRING, language.lower())


def _scalar(term: _Term, item: Any, tables: _Tables) -> Node | None:
    if isinstance(item, str):
        if term.coerce == "@id":
            # A value that is not an IRI was recorded by the caller's walk, which
            # refuses it (or keeps dateModified the EU's way); RDF has no triple.
            return _iri(item, tables)
        return Lit(item, term.coerce or _XSD + "string", None)
    if isinstance(item, bool) and term.coerce != "@id":
        return Lit("true" if item else "false", term.coerce or _XSD + "boolean", None)
    integral = isinstance(item, int) and not isinstance(item, bool)
    if integral and abs(item) < 10**21 and term.coerce not in ("@id", _XSD + "double"):
        # JSON-LD 1.1, object to RDF: an integral number keeps its digits and
        # takes the term's datatype, xsd:integer if it has none.
        return Lit(str(item), term.coerce or _XSD + "integer", None)
    raise Fallback("number or boolean JSON-LD would convert differently")


def _iri(value: str, tables: _Tables) -> str | None:
    """The IRI as RDF keeps it; None if JSON-LD drops it; Fallback if unsure."""
    if not ABSOLUTE_IRI.match(value):
        return None
    scheme, _, rest = value.partition(":")
    if scheme in tables.prefixes or scheme == "_":
        raise Fallback("compact IRI or blank node id")
    if not all(c.isalnum() or c in "+-." for c in scheme) or not rest.isprintable():
        raise Fallback("unusual IRI")
    return value
