"""A compiled SHACL evaluator for the constraint kinds the EDC shapes use.

The EU's EDC profiles use a small part of SHACL Core: class targets, simple
predicate paths, ``sh:minCount``/``maxCount``, ``sh:class``, ``sh:datatype``,
``sh:nodeKind``, ``sh:hasValue``, ``sh:uniqueLang``, ``sh:maxInclusive``,
``sh:node``, ``sh:or`` and ``sh:deactivated``. Compiling the shapes graph once
into plain Python objects and evaluating them over an index of the credential's
triples gives the same results as pyshacl (the tests check it on every EU
sample and on tampered variants) in a fraction of the time. A shapes graph that
uses anything else raises :class:`~microcred.errors.UnsupportedError` when it is
compiled, so a result is never silently incomplete.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from microcred.errors import ResourceLimitError, UnsupportedError

from ._data import DataGraph, Lit, Node

__all__ = ["CompiledShapes", "RawResult", "Shape", "compile_shapes", "evaluate"]

_RDF_LANGSTRING = str(RDF.langString)
_XSD_STRING = str(XSD.string)

#: Nested ``sh:node``/``sh:or`` checks deeper than this are a resource attack.
MAX_DEPTH = 48

# SHACL Core parameters this evaluator does not implement. A shape using one is
# refused when compiled. Words outside the SHACL vocabulary (the EU's shapes have
# a misspelt ``sh:nodekind``) are not parameters, and SHACL processors ignore them.
_UNHANDLED = {
    SH[name] for name in (
        "and", "xone", "not", "in", "pattern", "flags", "languageIn", "minLength",
        "maxLength", "minInclusive", "minExclusive", "maxExclusive", "equals",
        "disjoint", "lessThan", "lessThanOrEquals", "closed", "ignoredProperties",
        "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "sparql",
        "target", "targetNode", "targetSubjectsOf", "targetObjectsOf",
    )
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Shape:
    """One node or property shape, with its constraint parameters."""

    key: str
    path: str | None = None
    name: str | None = None
    message: str | None = None
    severity: str = str(SH.Violation)
    deactivated: bool = False
    targets: tuple[str, ...] = ()
    min_count: int | None = None
    max_count: int | None = None
    classes: tuple[str, ...] = ()
    datatype: str | None = None
    node_kind: str | None = None
    has_values: tuple[Node, ...] = ()
    ors: tuple[tuple[str, ...], ...] = ()
    nodes: tuple[str, ...] = ()
    properties: tuple[str, ...] = ()
    unique_lang: bool = False
    max_inclusive: Lit | None = None


@dataclass(frozen=True, slots=True)
class RawResult:
    """One SHACL validation result, before it is worded for people."""

    focus: Node
    path: str | None
    component: str
    shape: str
    value: Node | None = None
    severity: str = str(SH.Violation)
    details: tuple[RawResult, ...] = ()
    #: The constraint's parameter (count, class list, datatype, ...), for messages.
    parameter: Any = None
    #: How many values the path had, for count messages.
    count: int = 0


@dataclass(frozen=True, slots=True)
class CompiledShapes:
    """The shapes of one profile, ready to evaluate; immutable and shareable."""

    shapes: dict[str, Shape]
    targeted: tuple[Shape, ...]
    labels: dict[str, str] = field(default_factory=dict)


def _key(node: rdflib.term.Node) -> str:
    return f"_:{node}" if isinstance(node, rdflib.BNode) else str(node)


def _to_node(term: rdflib.term.Node) -> Node:
    if isinstance(term, rdflib.Literal):
        datatype = str(term.datatype) if term.datatype else None
        if term.language:
            return Lit(str(term), _RDF_LANGSTRING, term.language)
        return Lit(str(term), datatype or _XSD_STRING, None)
    return _key(term)


class _Compiler:
    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph
        self.shapes: dict[str, Shape] = {}

    def one(self, node: rdflib.term.Node, predicate: rdflib.URIRef) -> Any:
        values = list(self.graph.objects(node, predicate))
        if len(values) > 1 and predicate not in (SH.name, SH.message):
            raise UnsupportedError(
                f"shape {node} has {len(values)} values of {predicate}; "
                "the compiled evaluator expects one"
            )
        return values[0] if values else None

    def compile(self, node: rdflib.term.Node) -> str:
        key = _key(node)
        if key in self.shapes:
            return key
        self.shapes[key] = Shape(key)  # placeholder: shapes may refer to themselves
        self._check_supported(node)
        self.shapes[key] = self._build(node, key)
        return key

    def _check_supported(self, node: rdflib.term.Node) -> None:
        for predicate in set(self.graph.predicates(node)):
            if predicate in _UNHANDLED:
                raise UnsupportedError(
                    f"SHACL parameter {predicate} (on {node}) is not supported by "
                    "the compiled evaluator"
                )

    def _build(self, node: rdflib.term.Node, key: str) -> Shape:
        get = functools.partial(self.one, node)
        path = get(SH.path)
        if path is not None and not isinstance(path, rdflib.URIRef):
            raise UnsupportedError(f"SHACL path {path} on {node} is not a predicate")
        return Shape(
            key=key,
            path=_text(path),
            name=_text(get(SH.name)),
            message=_text(get(SH.message)),
            severity=str(get(SH.severity) or SH.Violation),
            deactivated=_true(get(SH.deactivated)),
            targets=tuple(sorted(self.iris(node, SH.targetClass))),
            min_count=_int(get(SH.minCount)),
            max_count=_int(get(SH.maxCount)),
            classes=tuple(self.iris(node, SH["class"])),
            datatype=_text(get(SH.datatype)),
            node_kind=_text(get(SH.nodeKind)),
            has_values=tuple(map(_to_node, self.graph.objects(node, SH.hasValue))),
            ors=tuple(self._list(o) for o in self.graph.objects(node, SH["or"])),
            nodes=tuple(map(self.compile, self.graph.objects(node, SH.node))),
            properties=tuple(map(self.compile, self.graph.objects(node, SH.property))),
            unique_lang=_true(get(SH.uniqueLang)),
            max_inclusive=_to_literal(get(SH.maxInclusive)),
        )

    def iris(self, node: rdflib.term.Node, predicate: rdflib.URIRef) -> list[str]:
        return [str(value) for value in self.graph.objects(node, predicate)]

    def _list(self, head: rdflib.term.Node) -> tuple[str, ...]:
        return tuple(self.compile(member) for member in Collection(self.graph, head))


def _text(term: rdflib.term.Node | None) -> str | None:
    return None if term is None else str(term)


def _int(term: rdflib.term.Node | None) -> int | None:
    return None if term is None else int(str(term))


def _true(term: rdflib.term.Node | None) -> bool:
    return isinstance(term, rdflib.Literal) and term.toPython() is True


def _to_literal(term: rdflib.term.Node | None) -> Lit | None:
    if term is None:
        return None
    node = _to_node(term)
    if not isinstance(node, Lit):
        raise UnsupportedError(f"sh:maxInclusive {term} is not a literal")
    return node


def compile_shapes(graph: rdflib.Graph) -> CompiledShapes:
    """Compile every targeted shape (and what it refers to) of ``graph``."""
    compiler = _Compiler(graph)
    targeted = sorted({_key(s) for s in graph.subjects(SH.targetClass, None)})
    for subject in set(graph.subjects(SH.targetClass, None)):
        compiler.compile(subject)
    for kind in ("targetNode", "targetSubjectsOf", "targetObjectsOf"):
        if any(True for _ in graph.subjects(SH[kind], None)):
            raise UnsupportedError(
                f"sh:{kind} is not supported by the compiled evaluator"
            )
    shapes = compiler.shapes
    return CompiledShapes(shapes, tuple(shapes[k] for k in targeted))


class _Evaluator:
    def __init__(self, compiled: CompiledShapes, data: DataGraph) -> None:
        self.shapes = compiled.shapes
        self.data = data

    def run(self, targeted: tuple[Shape, ...]) -> list[RawResult]:
        results: list[RawResult] = []
        for shape in targeted:
            if shape.deactivated:
                continue
            focus_nodes: dict[str, None] = {}
            for cls in shape.targets:
                focus_nodes.update(dict.fromkeys(self.data.instances(cls)))
            for focus in focus_nodes:
                results.extend(self.check(shape, focus, 0))
        return results

    def conforms(self, key: str, node: Node, depth: int) -> bool:
        return not self.check(self.shapes[key], node, depth + 1)

    def check(self, shape: Shape, focus: Node, depth: int) -> list[RawResult]:
        if shape.deactivated:
            return []
        if depth > MAX_DEPTH:
            raise ResourceLimitError(
                f"SHACL validation nested deeper than {MAX_DEPTH} shapes"
            )
        values = [focus] if shape.path is None else self.data.objects(focus, shape.path)
        if not values and shape.min_count is None and not shape.has_values:
            # Most property shapes meet an absent property: nothing can fail.
            return []
        results = self._counts(shape, focus, values)
        for value in values:
            results.extend(self._value(shape, focus, value, depth))
        results.extend(self._set_checks(shape, focus, values))
        for key in shape.properties:
            for value in values:
                results.extend(self.check(self.shapes[key], value, depth + 1))
        return results

    def _result(
        self, shape: Shape, focus: Node, component: str, **extra: Any
    ) -> RawResult:
        severity = shape.severity
        return RawResult(
            focus, shape.path, component, shape.key, severity=severity, **extra
        )

    def _counts(self, shape: Shape, focus: Node, values: list[Node]) -> list[RawResult]:
        count = len(values)
        checks = [
            ("MinCount", shape.min_count, shape.min_count is not None
             and count < shape.min_count),
            ("MaxCount", shape.max_count, shape.max_count is not None
             and count > shape.max_count),
        ]  # fmt: skip
        return [
            self._result(shape, focus, name, parameter=limit, count=count)
            for name, limit, failed in checks
            if failed
        ]

    def _value(
        self, shape: Shape, focus: Node, value: Node, depth: int
    ) -> list[RawResult]:
        failures: list[tuple[str, Any]] = [
            ("Class", cls)
            for cls in shape.classes
            if not self.data.has_class(value, cls)
        ]
        if shape.datatype is not None and not datatype_matches(value, shape.datatype):
            failures.append(("Datatype", shape.datatype))
        if shape.node_kind is not None and not _kind_matches(value, shape.node_kind):
            failures.append(("NodeKind", shape.node_kind))
        if shape.max_inclusive is not None and not _at_most(value, shape.max_inclusive):
            failures.append(("MaxInclusive", shape.max_inclusive))
        failures.extend(
            ("Or", members)
            for members in shape.ors
            if not any(self.conforms(m, value, depth) for m in members)
        )
        results = [
            self._result(shape, focus, name, value=value, parameter=parameter)
            for name, parameter in failures
        ]

        for key in shape.nodes:
            details = self.check(self.shapes[key], value, depth + 1)
            if details:
                results.append(
                    self._result(
                        shape, focus, "Node", value=value, parameter=key,
                        details=tuple(details),
                    )
                )  # fmt: skip
        return results

    def _set_checks(
        self, shape: Shape, focus: Node, values: list[Node]
    ) -> list[RawResult]:
        results = [
            self._result(shape, focus, "HasValue", parameter=wanted)
            for wanted in shape.has_values
            if wanted not in values
        ]
        if shape.unique_lang:
            seen: set[str] = set()
            repeated: dict[str, None] = {}
            for value in values:
                if isinstance(value, Lit) and value.language:
                    tag = value.language.lower()
                    if tag in seen:
                        repeated[tag] = None
                    seen.add(tag)
            results.extend(
                self._result(shape, focus, "UniqueLang", parameter=tag)
                for tag in repeated
            )
        return results


def evaluate(compiled: CompiledShapes, data: DataGraph) -> list[RawResult]:
    """Every validation result of ``data`` against ``compiled``."""
    return _Evaluator(compiled, data).run(compiled.targeted)


def _kind_matches(value: Node, kind: str) -> bool:
    if isinstance(value, Lit):
        actual = "Literal"
    elif value.startswith("_:"):
        actual = "BlankNode"
    else:
        actual = "IRI"
    return actual in kind.removeprefix(str(SH)).split("Or")


def _at_most(value: Node, limit: Lit) -> bool:
    if not isinstance(value, Lit):
        return False
    left, right = _python_value(value), _python_value(limit)
    numbers = (int, Decimal, float)
    if isinstance(left, bool) or isinstance(right, bool):
        return False
    if isinstance(left, numbers) and isinstance(right, numbers):
        return bool(left <= right)
    return False


@functools.lru_cache(maxsize=8192)
def _python_value(value: Lit) -> Any:
    return _rdflib_literal(value).value


def _rdflib_literal(value: Lit) -> rdflib.Literal:
    # The literal as rdflib reads it from N-Quads, which is what pyshacl judges.
    if value.language:
        return rdflib.Literal(value.lexical, lang=value.language)
    if value.datatype == _XSD_STRING:
        return rdflib.Literal(value.lexical)
    return rdflib.Literal(value.lexical, datatype=rdflib.URIRef(value.datatype))


@functools.lru_cache(maxsize=8192)
def datatype_matches(value: Node, datatype: str) -> bool:
    """SHACL ``sh:datatype``: same datatype IRI and a well-formed lexical form."""
    if not isinstance(value, Lit):
        return False
    if value.language:
        return datatype == _RDF_LANGSTRING
    if value.datatype != datatype:
        return False
    literal = _rdflib_literal(value)
    if getattr(literal, "ill_typed", None) is True:
        return False
    return _value_fits(literal.value, datatype)


def _value_fits(python: Any, datatype: str) -> bool:
    # rdflib turns a well-formed lexical form into the matching Python type.
    expected: dict[str, type | tuple[type, ...]] = {
        _XSD_STRING: (str, bytes),
        str(XSD.integer): int,
        str(XSD.float): float,
        str(XSD.decimal): Decimal,
        str(XSD.boolean): bool,
        str(XSD.date): dt.date,
        str(XSD.time): dt.time,
        str(XSD.dateTime): dt.datetime,
    }
    wanted = expected.get(datatype)
    return True if wanted is None else isinstance(python, wanted)
