"""From a credential document to the RDF triples the shapes are checked against.

The triples come from pyoxigraph's JSON-LD parser fed the bundled contexts inline
(no loader, so nothing can be fetched); it gives the same triples as pyld, several
times faster. pyoxigraph, like every JSON-LD processor, silently drops a key that
no context defines, so before parsing the document's *skeleton* (its keys, types
and contexts, with every other value blanked and repeated array members merged)
is expanded by pyld in safe mode. Whether JSON-LD drops a key depends only on
the keys, the types and the contexts, so the skeleton gives the same answer as
the full document at a fraction of the cost, and equal skeletons are cached.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import orjson
import pyoxigraph as ox

from microcred._jsonio import MAX_DEPTH, check_json_value, load_json, open_envelope
from microcred.errors import (
    InvalidDataError,
    JsonLdError,
    ParseError,
    ResourceLimitError,
    SafeModeError,
    format_path,
)
from microcred.jsonld import ContextRegistry, default_registry, expand

__all__ = [
    "ABSOLUTE_IRI",
    "RDFS_SUBCLASS_OF",
    "RDF_TYPE",
    "Credential",
    "DataGraph",
    "Lit",
    "Node",
    "load_credential",
    "to_graph",
]

logger = logging.getLogger(__name__)

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"

_TYPE_KEYS = frozenset({"type", "@type"})
_ID_KEYS = frozenset({"id", "@id"})


class Lit(NamedTuple):
    """An RDF literal: lexical form, datatype IRI, language tag (or None)."""

    lexical: str
    datatype: str
    language: str | None


#: An IRI or a blank node (``_:label``) as a string, or a literal.
Node = str | Lit


@dataclass(frozen=True, slots=True)
class Credential:
    """The credential JSON to validate, and where it came from."""

    document: dict[str, Any]
    enveloped: bool


class DataGraph:
    """The triples of one credential, indexed the way the evaluator reads them."""

    __slots__ = ("_closure", "_instances", "_out", "_subclasses", "_types", "locations")

    def __init__(self, locations: dict[str, str]) -> None:
        self._out: dict[str, dict[str, dict[Node, None]]] = {}
        self._types: dict[str, set[str]] = {}
        self._subclasses: dict[str, set[str]] = {}
        self._closure: dict[str, frozenset[str]] = {}
        self._instances: dict[str, list[str]] | None = None
        #: Node id -> the JSON path where the node first appears.
        self.locations = locations

    def add(self, subject: str, predicate: str, obj: Node) -> None:
        # Adding after a class lookup would leave the class caches stale.
        assert self._instances is None
        assert not self._closure
        self._out.setdefault(subject, {}).setdefault(predicate, {})[obj] = None
        if isinstance(obj, str):
            if predicate == RDF_TYPE:
                self._types.setdefault(subject, set()).add(obj)
            elif predicate == RDFS_SUBCLASS_OF:
                self._subclasses.setdefault(subject, set()).add(obj)

    def triples(self) -> Iterator[tuple[str, str, Node]]:
        """Every triple, once (for comparing with other RDF tools)."""
        for subject, edges in self._out.items():
            for predicate, objects in edges.items():
                for obj in objects:
                    yield subject, predicate, obj

    def objects(self, subject: Node, predicate: str) -> list[Node]:
        if not isinstance(subject, str):
            return []
        return list(self._out.get(subject, {}).get(predicate, ()))

    def has_class(self, node: Node, cls: str) -> bool:
        """``node rdf:type/rdfs:subClassOf* cls`` in the data, as SHACL defines it."""
        return isinstance(node, str) and cls in self._classes_of(node)

    def instances(self, cls: str) -> list[str]:
        """Every node whose type is ``cls`` or one of its subclasses in the data."""
        if self._instances is None:
            index: dict[str, list[str]] = {}
            for node in self._types:
                for each in self._classes_of(node):
                    index.setdefault(each, []).append(node)
            self._instances = index
        return self._instances.get(cls, [])

    def _classes_of(self, node: str) -> frozenset[str]:
        cached = self._closure.get(node)
        if cached is None:
            pending = list(self._types.get(node, ()))
            seen: set[str] = set()
            while pending:
                current = pending.pop()
                if current not in seen:
                    seen.add(current)
                    pending.extend(self._subclasses.get(current, ()))
            cached = self._closure[node] = frozenset(seen)
        return cached

    def types_of(self, node: Node) -> set[str]:
        return set(self._types.get(node, ())) if isinstance(node, str) else set()


def load_credential(document: Any) -> Credential:
    """Accept a dict, JSON text/bytes, a path, or a JAdES envelope of any of them."""
    if isinstance(document, (str, bytes, os.PathLike)):
        if isinstance(document, os.PathLike):
            document = Path(document)
        document = load_json(document, what="the credential")
    if isinstance(document, list):
        raise InvalidDataError(
            "expected one credential (a JSON object), found a JSON array"
        )
    if not isinstance(document, dict):
        kind = type(document).__name__
        raise InvalidDataError(f"expected a credential JSON object, found {kind}")
    check_json_value(document)
    envelope = open_envelope(document)
    if envelope is not None:
        return Credential(envelope.credential, enveloped=True)
    return Credential(document, enveloped=False)


def to_graph(credential: dict[str, Any], registry: ContextRegistry) -> DataGraph:
    """The credential's triples; raises instead of dropping anything silently."""
    # The IRI-value check knows the bundled EDC contexts; a caller's registry may
    # define those URLs differently, and then only the general checks apply.
    plain = _is_plain_edc(credential) and registry is default_registry()
    walk = _Walk(_edc_id_terms() if plain else frozenset())
    skeleton = walk.skeleton(credential, [])
    try:
        skeleton_key = orjson.dumps(skeleton, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError as error:
        problem = f"the credential cannot be carried by JSON: {error}"
        raise InvalidDataError(problem) from None
    _check_skeleton(skeleton_key, registry)

    graph = DataGraph(walk.locations)
    for subject, predicate, obj in _triples(credential, registry, walk):
        graph.add(subject, predicate, obj)
    for node_id, key, value, path in walk.unresolved:
        _add_unresolved(graph, node_id, key, value, path)
    return graph


def _triples(
    credential: dict[str, Any], registry: ContextRegistry, walk: _Walk
) -> Iterable[tuple[str, str, Node]]:
    """The direct reader for the EU's usual JSON, else pyoxigraph."""
    if walk.id_terms and not walk.nested_context:
        from ._walker import Fallback, plain_edc_triples

        try:
            return plain_edc_triples(credential)
        except Fallback as reason:
            logger.debug("general JSON-LD processor needed: %s", reason)
    try:
        inline = _inline_document(credential, registry, deep=walk.nested_context)
    except orjson.JSONEncodeError as error:
        problem = f"the credential cannot be carried by JSON: {error}"
        raise InvalidDataError(problem) from None
    return _parse(inline)


def _add_unresolved(
    graph: DataGraph, node_id: str | None, key: str, value: str, path: str
) -> None:
    # The edc-ap context types dateModified as "@id", so a date there is not an
    # IRI and JSON-LD processors in Python drop it without a word. The EU's own
    # validator keeps it as an IRI node and then fails sh:datatype xsd:dateTime;
    # microcred keeps it the EU's way so that the verdict is the EU's.
    if key == "dateModified" and node_id is not None and ABSOLUTE_IRI.match(node_id):
        graph.add(node_id, _DC_MODIFIED, value)
        return
    raise SafeModeError(
        f"{value!r} is not an absolute IRI, so JSON-LD would silently drop it",
        path=path,
    )


ABSOLUTE_IRI = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*|_:\S+)$")
_DC_MODIFIED = "http://purl.org/dc/terms/modified"
_PYLD_DEFAULT_BASE = "http://example.org/base/"
_PYLD_DEFAULT_ORIGIN = "http://example.org/"
_EDC_CONTEXTS = (
    "https://www.w3.org/2018/credentials/v1",
    "http://data.europa.eu/snb/model/context/edc-ap",
)


def _is_plain_edc(credential: dict[str, Any]) -> bool:
    context = credential.get("@context")
    return isinstance(context, list) and tuple(context) == _EDC_CONTEXTS


@functools.cache
def _edc_id_terms() -> frozenset[str]:
    """Keys whose values the EDC context pair reads as IRIs."""
    registry = default_registry()
    terms = set()
    vc = registry[_EDC_CONTEXTS[0]]["@context"]
    edc = registry[_EDC_CONTEXTS[1]]["@context"]
    for context in (vc["VerifiableCredential"]["@context"], edc):
        for term, definition in context.items():
            if isinstance(definition, dict) and definition.get("@type") == "@id":
                terms.add(term)
    return frozenset(terms)


def _check_scalar(value: Any, path: list[str | int]) -> None:
    """Only what JSON can carry: a dict from a caller may hold anything."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int) and -(2**63) <= value < 2**64:
        return
    if isinstance(value, float) and math.isfinite(value):
        return
    raise InvalidDataError(
        f"{type(value).__name__} value {value!r:.40} cannot be carried by JSON",
        path=path,
    )


class _Walk:
    """One pass over the credential: skeleton, id locations, unusable IRIs."""

    def __init__(self, id_terms: frozenset[str]) -> None:
        self.id_terms = id_terms
        #: Node id -> (minus number of keys, depth, JSON path) of its fullest
        #: occurrence: the place where a reader finds the node described.
        self._best: dict[str, tuple[int, int, tuple[str | int, ...]]] = {}
        self.unresolved: list[tuple[str | None, str, str, str]] = []
        self.nested_context = False

    @property
    def locations(self) -> dict[str, str]:
        return {node: format_path(best[2]) for node, best in self._best.items()}

    def skeleton(self, value: Any, path: list[str | int]) -> Any:
        """Keys, types and contexts kept; other values blanked, equal members merged."""
        if isinstance(value, list):
            members: dict[bytes, Any] = {}
            for index, item in enumerate(value):
                shape = self.skeleton(item, [*path, index])
                members.setdefault(
                    orjson.dumps(shape, option=orjson.OPT_SORT_KEYS), shape
                )
            return list(members.values())
        if isinstance(value, dict):
            if len(path) > MAX_DEPTH:
                raise ResourceLimitError(f"JSON nested deeper than {MAX_DEPTH} levels")
            return self._object(value, path)
        if isinstance(value, str):
            return ""
        _check_scalar(value, path)
        return value

    def _object(self, value: dict[str, Any], path: list[str | int]) -> dict[str, Any]:
        node_id = value.get("id", value.get("@id"))
        node_id = node_id if isinstance(node_id, str) else None
        if node_id is not None:
            self._place(node_id, len(value), path)
            if not ABSOLUTE_IRI.match(node_id) and self.id_terms:
                self.unresolved.append(
                    (None, "id", node_id, format_path([*path, "id"]))
                )
        self.nested_context = self.nested_context or (
            bool(path) and "@context" in value
        )

        result: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise InvalidDataError(f"object key {key!r} is not a string", path=path)
            if key in _TYPE_KEYS or key == "@context":
                result[key] = item
            elif key in _ID_KEYS or key.startswith("@"):
                # Whether an id is absolute matters to JSON-LD; its text does not.
                absolute = isinstance(item, str) and ":" in item
                result[key] = "urn:x" if absolute else item
            else:
                if key in self.id_terms:
                    self._check_iris(node_id, key, item, [*path, key])
                result[key] = self.skeleton(item, [*path, key])
        return result

    def _place(self, node_id: str, keys: int, path: list[str | int]) -> None:
        best = self._best.get(node_id)
        if best is None or (-keys, len(path)) < best[:2]:
            self._best[node_id] = (-keys, len(path), tuple(path))

    def _check_iris(
        self, node_id: str | None, key: str, item: Any, path: list[str | int]
    ) -> None:
        items = item if isinstance(item, list) else [item]
        for index, value in enumerate(items):
            if isinstance(value, str) and not ABSOLUTE_IRI.match(value):
                where = [*path, index] if isinstance(item, list) else path
                self.unresolved.append((node_id, key, value, format_path(where)))


@functools.lru_cache(maxsize=256)
def _check_default_skeleton(skeleton: bytes) -> None:
    # Cached only for the bundled registry: a caller's registry may change meaning.
    _check_skeleton_uncached(skeleton, default_registry())


def _check_skeleton_uncached(skeleton: bytes, registry: ContextRegistry) -> None:
    expanded = expand(orjson.loads(skeleton), registry=registry, safe=True)
    _check_types(expanded)


def _check_skeleton(skeleton: bytes, registry: ContextRegistry) -> None:
    if registry is default_registry():
        _check_default_skeleton(skeleton)
    else:
        _check_skeleton_uncached(skeleton, registry)


def _check_types(value: Any) -> None:
    """A type that no context defines becomes a relative IRI, which RDF drops."""
    if isinstance(value, list):
        for item in value:
            _check_types(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "@type" and isinstance(item, list):
                for name in item:
                    if isinstance(name, str) and _is_relative(name):
                        shown = name.removeprefix(_PYLD_DEFAULT_BASE)
                        raise SafeModeError(
                            f"the type {shown!r} is not defined by any @context "
                            "and would be dropped",
                            path="type",
                        )
            elif key != "@value":
                _check_types(item)


def _is_relative(iri: str) -> bool:
    # pyld resolves a relative IRI against its placeholder base; RDF tools
    # without a base drop it. Either way the credential did not say what it means.
    # "/" or "../x" resolve above the base path, so the whole placeholder origin
    # counts; a credential naming a type on pyld's placeholder host is refused too.
    return ":" not in iri or iri.startswith(_PYLD_DEFAULT_ORIGIN)


def _inline_document(
    credential: dict[str, Any], registry: ContextRegistry, *, deep: bool
) -> bytes:
    """The credential with every context URL replaced by the bundled document."""
    if deep:
        document = _inline_everywhere(credential, registry)
    else:
        document = dict(credential)
        if "@context" in document:
            document["@context"] = _inline_context(document["@context"], registry)
    return orjson.dumps(document)


def _inline_everywhere(value: Any, registry: ContextRegistry) -> Any:
    if isinstance(value, list):
        return [_inline_everywhere(item, registry) for item in value]
    if not isinstance(value, dict):
        return value
    return {
        key: (
            _inline_context(item, registry)
            if key == "@context"
            else _inline_everywhere(item, registry)
        )
        for key, item in value.items()
    }


def _inline_context(context: Any, registry: ContextRegistry) -> Any:
    if isinstance(context, str):
        document = registry[context]
        if not isinstance(document, dict) or "@context" not in document:
            raise JsonLdError(
                f"the context {context!r} has no @context", path="@context"
            )
        return _inline_context(document["@context"], registry)
    if isinstance(context, list):
        return [_inline_context(item, registry) for item in context]
    if isinstance(context, dict):
        return {key: _inline_term(item, registry) for key, item in context.items()}
    return context


def _inline_term(definition: Any, registry: ContextRegistry) -> Any:
    if isinstance(definition, dict) and "@context" in definition:
        return {
            **definition,
            "@context": _inline_context(definition["@context"], registry),
        }
    return definition


def _parse(data: bytes) -> Iterator[tuple[str, str, Node]]:
    # Terms repeat a lot (every type, every scheme); convert each one once.
    seen: dict[Any, Node] = {}
    try:
        for quad in ox.parse(data, format=ox.RdfFormat.JSON_LD):
            subject, obj = quad.subject, quad.object
            s = seen.get(subject)
            if s is None:
                s = seen[subject] = _node(subject)
            o = seen.get(obj)
            if o is None:
                o = seen[obj] = _object(obj)
            yield str(s), quad.predicate.value, o
    except (SyntaxError, ValueError) as error:
        raise JsonLdError(f"JSON-LD to RDF failed: {error}") from None


def _node(term: Any) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode):
        return str(term.value)
    raise ParseError("RDF-star triple terms are not supported in credentials")


def _object(term: Any) -> Node:
    if isinstance(term, ox.Literal):
        return Lit(term.value, term.datatype.value, term.language)
    return _node(term)
