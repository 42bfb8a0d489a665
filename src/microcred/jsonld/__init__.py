"""Offline JSON-LD: bundled contexts, a loader that never downloads, safe expansion."""

from ._expand import expand, refuse_inline_contexts, to_nquads
from ._loader import BUNDLED_CONTEXTS, ContextRegistry, default_registry

__all__ = [
    "BUNDLED_CONTEXTS",
    "ContextRegistry",
    "default_registry",
    "expand",
    "refuse_inline_contexts",
    "to_nquads",
]
