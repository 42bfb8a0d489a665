"""Offline JSON-LD: bundled contexts, a loader that never downloads, safe expansion."""

from ._expand import expand, to_nquads
from ._loader import BUNDLED_CONTEXTS, ContextRegistry, default_registry

__all__ = [
    "BUNDLED_CONTEXTS",
    "ContextRegistry",
    "default_registry",
    "expand",
    "to_nquads",
]
