"""Test helper: compare two JSON-LD documents as RDF graphs."""

from __future__ import annotations

from typing import Any


def isomorphic(left: dict[str, Any], right: dict[str, Any]) -> bool:
    """Whether both documents expand (offline) to isomorphic RDF graphs."""
    import rdflib
    from rdflib.compare import isomorphic as graphs_isomorphic

    from microcred.jsonld import to_nquads

    # An EDC has no named graphs, so its N-Quads are plain triples.
    graphs = []
    for document in (left, right):
        graph = rdflib.Graph()
        graph.parse(data=to_nquads(document, safe=False), format="nt")
        graphs.append(graph)
    return bool(graphs_isomorphic(graphs[0], graphs[1]))
