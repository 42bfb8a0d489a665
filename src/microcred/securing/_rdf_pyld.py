"""The pyld engine for :func:`microcred.securing._rdf.document_quads`.

Slower than pyoxigraph but the reference processor: used when pyoxigraph is
not installed, and by the tests to check that both engines agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pyld import jsonld as pyld

from microcred.errors import JsonLdError, SafeModeError, format_path
from microcred.jsonld import ContextRegistry, expand

from ._nquads import XSD_STRING, Quad, format_literal

__all__ = [
    "RELATIVE_BASES",
    "check_expanded",
    "dataset_quads",
    "pyld_quads",
    "pyld_term",
    "well_formed_iri",
]

_ABSOLUTE = ("_:",)
#: Where relative IRIs end up: pyld resolves them against its own default
#: base (``http://example.org/base/``) when none is given, and the fast engine
#: against a sentinel of ours. Either prefix in the output means "relative".
RELATIVE_BASES = (pyld.DEFAULT_BASE_IRI, "https://relative-iri.microcred.invalid/")


#: Characters no IRI may hold (RFC 3987: whitespace, controls, ``<>"{}|\^```).
#: pyld drops an IRI with whitespace from its RDF, silently, except a final
#: newline, which its own test (a ``$`` regex) lets through into N-Quads text.
_NOT_IN_IRI = re.compile(r'[\s\x00-\x1f\x7f-\x9f<>"{}|\\^`]')


def well_formed_iri(iri: str) -> bool:
    """False when ``iri`` holds a character no IRI may hold."""
    return _NOT_IN_IRI.search(iri) is None


def _is_absolute(iri: str) -> bool:
    if iri.startswith(RELATIVE_BASES) or not well_formed_iri(iri):
        return False
    scheme, colon, _ = iri.partition(":")
    return (
        bool(colon)
        and scheme[:1].isalpha()
        and all(c.isalnum() or c in "+-." for c in scheme)
    )


def _relative(iri: str) -> str:
    for base in RELATIVE_BASES:
        if iri.startswith(base):
            return iri[len(base) :]
    return iri


def check_expanded(node: Any, path: list[str | int]) -> None:
    """Refuse relative IRIs for types, properties and ids in expanded form."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            check_expanded(item, [*path, index])
        return
    if not isinstance(node, Mapping) or "@value" in node:
        return
    for type_iri in node.get("@type", []):
        if not well_formed_iri(type_iri):
            raise SafeModeError(
                f"the type {_relative(type_iri)!r} holds a character no IRI may "
                "hold, which JSON-LD would drop",
                path=format_path([*path, "type"]),
            )
        if not _is_absolute(type_iri) and not type_iri.startswith(_ABSOLUTE):
            raise SafeModeError(
                f"the type {_relative(type_iri)!r} is not defined by any @context "
                "and would become a relative IRI",
                path=format_path([*path, "type"]),
            )
    node_id = node.get("@id")
    if isinstance(node_id, str) and not (_is_absolute(node_id) or node_id[:2] == "_:"):
        raise SafeModeError(
            f"{_relative(node_id)!r} is a relative IRI, which JSON-LD would drop "
            "or resolve against an arbitrary base",
            path=format_path([*path, "id"]),
        )
    for key, value in node.items():
        if not key.startswith("@") and not _is_absolute(key) and key[:2] != "_:":
            raise SafeModeError(f"{key!r} is a relative property IRI", path=key)
        if key not in ("@type", "@id"):
            check_expanded(value, [*path, key])


def pyld_term(term: Mapping[str, Any]) -> str:
    if term["type"] == "IRI":
        return f"<{term['value']}>"
    if term["type"] == "blank node":
        return str(term["value"])
    return format_literal(
        term["value"], term.get("datatype") or XSD_STRING, term.get("language") or ""
    )


def dataset_quads(dataset: Mapping[str, Any]) -> list[Quad]:
    """pyld's RDF dataset (graph name -> triples) as canonical-text quads."""
    quads: list[Quad] = []
    for graph_name, triples in dataset.items():
        graph = (
            ""
            if graph_name == "@default"
            else (graph_name if graph_name.startswith("_:") else f"<{graph_name}>")
        )
        quads.extend(
            Quad(
                pyld_term(triple["subject"]),
                pyld_term(triple["predicate"]),
                pyld_term(triple["object"]),
                graph,
            )
            for triple in triples
        )
    return quads


def pyld_quads(
    document: Mapping[str, Any], registry: ContextRegistry, safe: bool
) -> list[Quad]:
    """Expand with pyld (safe mode), check IRIs, convert to quads."""
    expanded = expand(document, registry=registry, safe=safe)
    if safe:
        check_expanded(expanded, [])
    try:
        dataset = pyld.to_rdf(expanded, {"documentLoader": registry.document_loader()})
    except (pyld.JsonLdError, ValueError, TypeError, KeyError) as error:
        raise JsonLdError(f"JSON-LD to RDF failed: {type(error).__name__}") from None
    return dataset_quads(dataset)
