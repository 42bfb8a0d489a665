"""Offline JSON-LD: bundled contexts, a loader that never downloads, safe expansion."""

from ._expand import expand, refuse_inline_contexts, to_nquads
from ._loader import BUNDLED_CONTEXTS, ContextRegistry, default_registry
from ._nodes import DivergentCopies, find_divergent_copies

__all__ = [
    "BUNDLED_CONTEXTS",
    "ContextRegistry",
    "DivergentCopies",
    "default_registry",
    "expand",
    "find_divergent_copies",
    "refuse_inline_contexts",
    "to_nquads",
]
