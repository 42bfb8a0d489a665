"""Which top-level properties a credential's contexts define by name.

VCDM 2.0's base context ends in an ``@vocab`` catch-all, so JSON-LD never drops
an unknown property: it silently gives it an "issuer-dependent" IRI. A signer
that accepts that signs a property no vocabulary defines. microcred's signers
therefore ask that every top-level property be a term some context defines
explicitly (an ``@vocab`` fallback is not a definition).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from microcred.errors import SafeModeError
from microcred.jsonld import ContextRegistry, default_registry

__all__ = ["check_defined_terms"]

#: Claims of the JWT itself (RFC 7519 section 4.1), not credential properties.
_JWT_CLAIMS = frozenset({"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "cnf"})
_MAX_CONTEXTS = 64


def _term_names(
    context: Any, registry: ContextRegistry, seen: set[str]
) -> Iterator[str]:
    if isinstance(context, list):
        for item in context:
            yield from _term_names(item, registry, seen)
    elif isinstance(context, str):
        if context in seen or len(seen) > _MAX_CONTEXTS:
            return
        seen.add(context)
        document = registry[context]
        yield from _term_names(document.get("@context"), registry, seen)
    elif isinstance(context, Mapping):
        for name, definition in context.items():
            if not name.startswith("@"):
                yield name
            # Type- and property-scoped contexts define terms too (OB 3.0 does).
            if isinstance(definition, Mapping) and "@context" in definition:
                yield from _term_names(definition["@context"], registry, seen)


def check_defined_terms(
    document: Mapping[str, Any], registry: ContextRegistry | None
) -> None:
    """Raise :class:`SafeModeError` for a top-level property no context names."""
    registry = registry if registry is not None else default_registry()
    defined = set(_term_names(document.get("@context"), registry, set()))
    for name in document:
        if name.startswith("@") or name in _JWT_CLAIMS or name in defined:
            continue
        raise SafeModeError(
            f"the property {name!r} is not defined by any @context (only an "
            "@vocab catch-all would give it a meaning); define it in a context "
            "or pass unsafe_allow_undefined_terms=True",
            path=name,
        )
