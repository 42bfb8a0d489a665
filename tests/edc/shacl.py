"""Test helper: SHACL conformance of an EDC against the EU's generic-full shapes.

Stands in until ``microcred.validation.validate_edc`` is on main. Expands the
document offline with ``microcred.jsonld`` and runs pyshacl with both shape
files loaded (generic-full imports generic-no-cv by ``owl:imports``, which
pyshacl would otherwise try to fetch).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

VECTORS = Path(__file__).parents[1] / "vectors" / "edc"


@cache
def _shapes() -> Any:
    import rdflib

    graph = rdflib.Graph()
    for name in ("EDC-generic-full.ttl", "EDC-generic-no-cv.ttl"):
        graph.parse(VECTORS / name, format="turtle")
    return graph


def shacl_report(document: dict[str, Any]) -> tuple[bool, str]:
    """``(conforms, report text)`` for ``document`` against the EU shapes."""
    import pyshacl
    import rdflib

    from microcred.jsonld import to_nquads

    # An EDC has no named graphs, so its N-Quads are plain triples.
    data = rdflib.Graph()
    data.parse(data=to_nquads(document), format="nt")
    conforms, _, text = pyshacl.validate(
        data_graph=data,
        shacl_graph=_shapes(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    return bool(conforms), str(text)
