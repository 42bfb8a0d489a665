"""Turning raw SHACL results into violations worded in the credential's own terms."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any

from microcred.jsonld import default_registry

from ._compiled import CompiledShapes, RawResult
from ._data import DataGraph, Lit, Node
from ._report import KNOWN_QUIRKS, Violation, constraint_name

__all__ = ["term_for", "to_violation"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_DC_MODIFIED = "http://purl.org/dc/terms/modified"
_MAX_VALUE_CHARS = 80

_DATATYPE_WORDS = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString": (
        'text with a language (a language map such as {"en": "..."})'
    ),
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#HTML": "an rdf:HTML literal",
    _XSD + "dateTime": "an xsd:dateTime (such as 2024-05-28T09:00:00Z)",
    _XSD + "duration": "an xsd:duration (such as PT60H for sixty hours)",
    _XSD + "string": "a plain string",
    _XSD + "anyURI": "an xsd:anyURI string",
    _XSD + "integer": "an xsd:integer",
    _XSD + "positiveInteger": "an xsd:positiveInteger",
    _XSD + "decimal": "an xsd:decimal",
    _XSD + "boolean": "an xsd:boolean (true or false)",
}

_KIND_WORDS = {
    "IRI": "an IRI",
    "Literal": "a literal",
    "BlankNode": "a blank node",
    "BlankNodeOrIRI": "a node (IRI or blank node)",
    "BlankNodeOrLiteral": "a blank node or a literal",
    "IRIOrLiteral": "an IRI or a literal",
}


@functools.cache
def _reverse_terms() -> dict[str, str]:
    """IRI -> JSON-LD term, from the EDC context and the VC v1 context it builds on."""
    registry = default_registry()
    terms: dict[str, str] = {}
    edc = registry["http://data.europa.eu/snb/model/context/edc-ap"]["@context"]
    vc = registry["https://www.w3.org/2018/credentials/v1"]["@context"]
    for context in (edc, vc["VerifiableCredential"]["@context"], vc):
        prefixes = {k: v for k, v in context.items() if isinstance(v, str)}
        for term, definition in context.items():
            iri = definition.get("@id") if isinstance(definition, dict) else definition
            if not isinstance(iri, str) or term.startswith("@") or iri.startswith("@"):
                continue
            iri = _expand_curie(iri, prefixes)
            if not iri.endswith(("/", "#")):
                terms.setdefault(iri, term)
    return terms


def _expand_curie(value: str, prefixes: dict[str, str]) -> str:
    prefix, _, rest = value.partition(":")
    if rest and not rest.startswith("//") and prefix in prefixes:
        return prefixes[prefix] + rest
    return value


def term_for(iri: str) -> str:
    """The JSON key a credential uses for ``iri``, else a short form of the IRI."""
    term = _reverse_terms().get(iri)
    if term is not None:
        return term
    if iri.startswith(_XSD):
        return "xsd:" + iri.removeprefix(_XSD)
    return iri


def _describe(value: Node | None, data: DataGraph) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, Lit):
        text = value.lexical
        if len(text) > _MAX_VALUE_CHARS:
            text = text[:_MAX_VALUE_CHARS] + "..."
        if value.language:
            return f'"{text}"@{value.language}'
        return f'"{text}" ({term_for(value.datatype)})'
    kinds = sorted(term_for(t) for t in data.types_of(value))
    typed = f" of type {', '.join(kinds)}" if kinds else " with no type"
    name = "a blank node" if value.startswith("_:") else f"<{value}>"
    return name + typed


def _value_text(value: Node | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, Lit):
        return value.lexical
    return value


class _Words:
    def __init__(self, compiled: CompiledShapes, data: DataGraph) -> None:
        self.compiled = compiled
        self.data = data

    def alternative(self, key: str) -> str:
        shape = self.compiled.shapes[key]
        parts = [term_for(c) for c in shape.classes]
        parts += [_shape_label(n) for n in shape.nodes]
        return " and ".join(parts) or _shape_label(key)

    def problem(self, raw: RawResult, details: tuple[Violation, ...]) -> str:
        method = getattr(self, f"_{raw.component.lower()}")
        text: str = method(raw, details)
        shape = self.compiled.shapes.get(raw.shape)
        if shape is not None and shape.message:
            text += f" ({shape.message.strip()})"
        return text

    def _mincount(self, raw: RawResult, _: Any) -> str:
        shape = self.compiled.shapes[raw.shape]
        found = "none" if raw.count == 0 else str(raw.count)
        if raw.parameter == 1 and shape.max_count == 1:
            return f"exactly one is required, found {found}"
        if raw.parameter == 1:
            return f"at least one is required, found {found}"
        return f"at least {raw.parameter} are required, found {found}"

    def _maxcount(self, raw: RawResult, _: Any) -> str:
        allowed = "one is" if raw.parameter == 1 else f"{raw.parameter} are"
        return f"at most {allowed} allowed, found {raw.count}"

    def _class(self, raw: RawResult, _: Any) -> str:
        wanted = term_for(raw.parameter)
        return f"must be a {wanted}, found {_describe(raw.value, self.data)}"

    def _datatype(self, raw: RawResult, _: Any) -> str:
        wanted = _DATATYPE_WORDS.get(raw.parameter, f"a {term_for(raw.parameter)}")
        return f"must be {wanted}, found {_describe(raw.value, self.data)}"

    def _nodekind(self, raw: RawResult, _: Any) -> str:
        kind = _KIND_WORDS.get(str(raw.parameter).rsplit("#", 1)[-1], raw.parameter)
        return f"must be {kind}, found {_describe(raw.value, self.data)}"

    def _hasvalue(self, raw: RawResult, _: Any) -> str:
        wanted = raw.parameter
        shown = f'"{wanted.lexical}"' if isinstance(wanted, Lit) else f"<{wanted}>"
        return f"must include {shown}, which is missing"

    def _uniquelang(self, raw: RawResult, _: Any) -> str:
        return f"one value per language is allowed, found several in {raw.parameter!r}"

    def _maxinclusive(self, raw: RawResult, _: Any) -> str:
        limit = raw.parameter.lexical
        return f"must be at most {limit}, found {_describe(raw.value, self.data)}"

    def _or(self, raw: RawResult, _: Any) -> str:
        options = ", ".join(self.alternative(k) for k in raw.parameter)
        return f"must be one of: {options}; found {_describe(raw.value, self.data)}"

    def _node(self, raw: RawResult, details: tuple[Violation, ...]) -> str:
        label = _shape_label(raw.parameter)
        inner = "; ".join(d.message for d in details)
        return f"does not satisfy {label}: {inner}"


def _shape_label(key: str) -> str:
    if key.startswith("_:"):
        return "an inline shape"
    return key.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _quirk(raw: RawResult, details: tuple[Violation, ...]) -> str | None:
    if (
        raw.component == "Datatype"
        and raw.path == _DC_MODIFIED
        and raw.parameter == _XSD + "dateTime"
        and isinstance(raw.value, str)
        and not raw.value.startswith("_:")
    ):
        return "edc-ap-dateModified"
    if raw.component == "Node" and details and all(d.known_quirk for d in details):
        quirks = {d.known_quirk for d in details}
        return quirks.pop() if len(quirks) == 1 else "several"
    return None


def to_violation(
    raw: RawResult, compiled: CompiledShapes, data: DataGraph
) -> Violation:
    """Word one raw result (and its ``sh:node`` details) for people."""
    details = tuple(to_violation(d, compiled, data) for d in raw.details)
    focus = raw.focus if isinstance(raw.focus, str) else raw.focus.lexical
    term = term_for(raw.path) if raw.path is not None else None
    location = data.locations.get(focus)
    quirk = _quirk(raw, details)
    problem = _Words(compiled, data).problem(raw, details)
    if quirk is not None and quirk in KNOWN_QUIRKS and raw.component != "Node":
        problem += f" [{KNOWN_QUIRKS[quirk]}]"
    violation = Violation(
        focus_node=focus,
        location=location,
        term=term,
        path_iri=raw.path,
        severity=raw.severity.rsplit("#", 1)[-1],
        constraint=constraint_name(raw.component),
        shape=raw.shape,
        value=_value_text(raw.value),
        message="",
        details=details,
        known_quirk=quirk,
    )
    return _with_message(violation, problem)


def _with_message(violation: Violation, problem: str) -> Violation:
    return replace(violation, message=f"{violation.json_path}: {problem}")
