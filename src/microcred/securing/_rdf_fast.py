"""Placeholder until the fast converter lands: delegates to pyld."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from microcred.jsonld import ContextRegistry

from ._nquads import Quad
from ._rdf_pyld import pyld_quads

__all__ = ["fast_quads"]


def fast_quads(
    document: Mapping[str, Any], registry: ContextRegistry, safe: bool
) -> list[Quad]:
    """The document's quads."""
    return pyld_quads(document, registry, safe)
