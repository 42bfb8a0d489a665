"""JSON-LD expansion and RDF conversion through pyld, offline and safe.

Every call goes through the bundled registry, and every pyld failure comes back
as a :class:`~microcred.errors.JsonLdError` naming the problem, never as pyld's
own exception.
"""

from __future__ import annotations

from typing import Any

from pyld import jsonld

from microcred.errors import JsonLdError, MicrocredError, SafeModeError

from ._loader import ContextRegistry, default_registry

__all__ = ["expand", "refuse_inline_contexts", "to_nquads"]


def _options(registry: ContextRegistry | None, **extra: Any) -> dict[str, Any]:
    registry = registry if registry is not None else default_registry()
    return {"documentLoader": registry.document_loader(), **extra}


def _unwrap(error: Exception) -> MicrocredError | None:
    """Find our own error inside pyld's wrapping (it nests causes in ``details``)."""
    seen: set[int] = set()
    current: object = error
    while isinstance(current, BaseException) and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, MicrocredError):
            return current
        details = getattr(current, "details", None)
        nested = details.get("cause") if isinstance(details, dict) else None
        current = nested or current.__cause__ or current.__context__
    return None


def _raise_from_pyld(error: Exception) -> None:
    ours = _unwrap(error)
    if ours is not None:
        raise ours from None
    code = getattr(error, "code", None) or getattr(error, "type", "error")
    message = str(error.args[0]) if error.args else type(error).__name__
    raise JsonLdError(f"JSON-LD processing failed ({code}): {message}") from None


def refuse_inline_contexts(document: Any) -> None:
    """Refuse ``@context`` values that are not context URLs, anywhere in ``document``.

    A context object inside a credential can redefine a term that a bundled context
    defines without ``@protected`` (the EDC context protects nothing): swapping
    ``givenName`` and ``familyName`` that way leaves the RDF, and so an RDFC
    signature, intact while the JSON a person reads says the opposite.
    """
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, list):
            stack.extend((item, (*path, i)) for i, item in enumerate(node))
            continue
        if not isinstance(node, dict):
            continue
        for key, value in node.items():
            if key == "@context":
                _check_context_value(value, (*path, key))
            else:
                stack.append((value, (*path, key)))


def _check_context_value(value: Any, path: tuple[str | int, ...]) -> None:
    entries = value if isinstance(value, list) else [value]
    for index, entry in enumerate(entries):
        if not isinstance(entry, str):
            where = (*path, index) if isinstance(value, list) else path
            raise SafeModeError(
                "an embedded context definition could redefine terms without "
                "changing what is signed; only bundled context URLs are accepted",
                path=list(where),
            )


def expand(
    document: Any,
    *,
    registry: ContextRegistry | None = None,
    safe: bool = True,
) -> list[dict[str, Any]]:
    """Expand ``document`` with bundled contexts only.

    With ``safe`` (the default), a property that JSON-LD would silently drop
    raises :class:`~microcred.errors.SafeModeError` naming it: a credential must
    never carry data that its signature or its reader does not see.
    """

    def dropped(term: str | None, *_: object) -> None:
        raise SafeModeError(
            f"the term {term!r} is not defined by any @context and would be dropped",
            path=str(term or ""),
        )

    if safe:
        refuse_inline_contexts(document)
    handler = dropped if safe else (lambda *_: None)
    try:
        result: list[dict[str, Any]] = jsonld.expand(
            document, _options(registry), on_property_dropped=handler
        )
    except MicrocredError:
        raise
    except (jsonld.JsonLdError, ValueError, TypeError, KeyError) as error:
        _raise_from_pyld(error)
        raise  # unreachable: _raise_from_pyld always raises
    return result


def to_nquads(
    document: Any,
    *,
    registry: ContextRegistry | None = None,
    safe: bool = True,
) -> str:
    """The document's RDF dataset as N-Quads (not canonicalised)."""
    expanded = expand(document, registry=registry, safe=safe)
    try:
        nquads: str = jsonld.to_rdf(
            expanded, _options(registry, format="application/n-quads")
        )
    except (jsonld.JsonLdError, ValueError, TypeError, KeyError) as error:
        _raise_from_pyld(error)
        raise
    return nquads
