"""The reference verdicts: pyshacl, and pyld's RDF, the plain way.

microcred's fast path must agree with these on every document the tests use.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib.namespace import RDF, SH

from microcred.jsonld import to_nquads
from microcred.validation._data import DataGraph, Lit
from microcred.validation._shapes import shapes_graph

Key = tuple[str, str | None, str, str | None]


def _term(node: Any) -> str:
    # pyshacl copies blank nodes into its report under new labels: compare as "_:".
    if isinstance(node, rdflib.BNode):
        return "_:"
    return str(node)


def _rdflib_node(node: Any) -> rdflib.term.Node:
    if isinstance(node, Lit):
        if node.language:
            return rdflib.Literal(node.lexical, lang=node.language)
        if node.datatype == "http://www.w3.org/2001/XMLSchema#string":
            return rdflib.Literal(node.lexical)
        return rdflib.Literal(node.lexical, datatype=rdflib.URIRef(node.datatype))
    if node.startswith("_:"):
        return rdflib.BNode(node[2:])
    return rdflib.URIRef(node)


def rdflib_graph(data: DataGraph) -> rdflib.Graph:
    """The fast path's triples as an rdflib graph, for pyshacl."""
    graph = rdflib.Graph()
    for s, p, o in data.triples():
        graph.add((_rdflib_node(s), rdflib.URIRef(p), _rdflib_node(o)))
    return graph


def pyshacl_verdict(
    graph: rdflib.Graph, profiles: frozenset[str]
) -> tuple[bool, set[Key]]:
    """pyshacl's verdict and its top-level (focus, path, constraint, value) results."""
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes_graph(profiles))
    keys: set[Key] = set()
    for result in report.objects(None, SH.result):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        component = report.value(result, SH.sourceConstraintComponent)
        value = report.value(result, SH.value)
        keys.add(
            (
                _term(focus),
                None if path is None else str(path),
                str(component).rsplit("#", 1)[-1],
                None if value is None else _term(value),
            )
        )
    return bool(conforms), keys


def report_keys(report: Any) -> set[Key]:
    """The same keys from a microcred report."""

    def plain(node: str | None) -> str | None:
        return "_:" if node is not None and node.startswith("_:") else node

    return {
        (plain(v.focus_node), v.path_iri, v.constraint, plain(v.value))
        for v in report.violations
    }


def _plain(node: Any) -> Any:
    if isinstance(node, ox.Literal):
        return Lit(node.value, node.datatype.value, node.language)
    if isinstance(node, ox.BlankNode):
        return "_:"
    return node.value


def pyld_triples(credential: dict[str, Any]) -> set[tuple[Any, str, Any]]:
    """pyld's RDF for ``credential`` (blank nodes collapsed to ``_:``)."""
    nquads = to_nquads(credential)
    return {
        (_plain(q.subject), q.predicate.value, _plain(q.object))
        for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
    }


def fast_triples(data: DataGraph) -> set[tuple[Any, str, Any]]:
    """The fast path's RDF, blank nodes collapsed the same way."""

    def plain(node: Any) -> Any:
        return "_:" if isinstance(node, str) and node.startswith("_:") else node

    return {(plain(s), p, plain(o)) for s, p, o in data.triples()}


__all__ = [
    "RDF",
    "fast_triples",
    "pyld_triples",
    "pyshacl_verdict",
    "rdflib_graph",
    "report_keys",
]
