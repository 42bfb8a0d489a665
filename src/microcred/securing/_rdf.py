"""JSON-LD document -> RDF quads, offline, refusing what JSON-LD would hide.

A standard JSON-LD processor drops a term that no context defines, turns an
undefined type into a relative IRI, and leaves relative ``id`` values out of
the RDF; a signature over that RDF then covers less than the document shows.
Safe mode (the default) refuses all of these with a
:class:`~microcred.errors.SafeModeError` naming the term.

pyoxigraph's JSON-LD parser was measured as an engine and rejected: on the
W3C "employ" vectors it ignores the second of two type-scoped contexts and
drops ``residentSince`` (pyld and the vectors keep it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from microcred.errors import JsonLdError, SafeModeError, UnsupportedError, format_path
from microcred.jsonld import ContextRegistry, default_registry, refuse_inline_contexts

from ._nquads import Quad

__all__ = ["KEYWORDS", "document_quads", "refuse_keyword_like", "refuse_unsafe_keys"]

KEYWORDS = frozenset(
    {
        "@base", "@container", "@context", "@direction", "@graph", "@id",
        "@import", "@included", "@index", "@json", "@language", "@list", "@nest",
        "@none", "@prefix", "@propagate", "@protected", "@reverse", "@set",
        "@type", "@value", "@version", "@vocab",
    }
)  # fmt: skip


#: Keywords that mean something only inside a context definition: in a node or
#: value object JSON-LD ignores them, so they would carry unsigned data.
_CONTEXT_ONLY = frozenset(
    {"@base", "@container", "@import", "@prefix", "@propagate", "@protected",
     "@version", "@vocab"}
)  # fmt: skip
#: Keywords whose value becomes no RDF at all (an index, a base direction
#: without an rdfDirection mode), so an RDFC proof cannot see them.
_NO_RDF = frozenset({"@index", "@direction"})


def refuse_keyword_like(node: Any, path: list[str | int]) -> None:
    """Refuse keys JSON-LD would ignore or turn into no RDF, naming where.

    Keys that look like keywords (``@foo``), context-only keywords outside a
    context, ``@index`` and ``@direction`` (no RDF of their own) and
    ``@language`` outside a value object: each would let a signed document
    carry data its RDFC proof does not cover.
    """
    if isinstance(node, list):
        for index, item in enumerate(node):
            refuse_keyword_like(item, [*path, index])
    elif isinstance(node, Mapping):
        for key, value in node.items():
            if key == "@context":
                continue
            if key[:1] == "@":
                _check_keyword(key, node, [*path, key])
            refuse_keyword_like(value, [*path, key])


#: Keywords that are data wherever they appear (``@language`` is, next to ``@value``).
_DATA_KEYWORDS = KEYWORDS - _CONTEXT_ONLY - _NO_RDF - {"@context", "@language"}


def refuse_unsafe_keys(document: Any) -> None:
    """Embedded contexts and keys that carry no RDF, refused in one quick pass.

    The pass keeps no paths (building one per value costs more than the check);
    on the rare document that fails, the path-keeping checks run to say where.
    """
    stack = [document]
    while stack:
        node = stack.pop()
        if node.__class__ is list:
            stack.extend(node)
            continue
        if node.__class__ is not dict:
            continue
        for key, value in node.items():
            if key.__class__ is str and key[:1] == "@" and not _fine(key, value, node):
                refuse_inline_contexts(document)
                refuse_keyword_like(document, [])
                raise SafeModeError(f"{key!r} is not allowed here", path=key)
            if value.__class__ is dict or value.__class__ is list:
                stack.append(value)


def _fine(key: str, value: Any, node: Mapping[str, Any]) -> bool:
    if key in _DATA_KEYWORDS:
        return True
    if key == "@language":
        return "@value" in node
    if key == "@context":
        entries = value if value.__class__ is list else [value]
        return all(entry.__class__ is str for entry in entries)
    return False


def _check_keyword(key: str, node: Mapping[str, Any], path: list[str | int]) -> None:
    if key not in KEYWORDS:
        problem = f"{key!r} looks like a JSON-LD keyword and would be ignored"
    elif key in _CONTEXT_ONLY:
        problem = f"{key!r} belongs in a @context; here JSON-LD ignores it"
    elif key in _NO_RDF:
        problem = f"{key!r} becomes no RDF, so a proof over the RDF cannot cover it"
    elif key == "@language" and "@value" not in node:
        problem = "'@language' outside a value object is ignored by JSON-LD"
    else:
        return
    raise SafeModeError(problem, path=path)


def _find_key(node: Any, key: str, path: list[str | int]) -> list[str | int] | None:
    """The first JSON path where ``key`` is a property or a type value."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            found = _find_key(item, key, [*path, index])
            if found is not None:
                return found
    elif isinstance(node, Mapping):
        if key in node:
            return [*path, key]
        for name in ("type", "@type"):
            types = node.get(name)
            if key == types or (isinstance(types, list) and key in types):
                return [*path, name]
        for name, value in node.items():
            found = None if name == "@context" else _find_key(value, key, [*path, name])
            if found is not None:
                return found
    return None


def _located(error: SafeModeError, document: Mapping[str, Any]) -> SafeModeError:
    # pyld reports a dropped term by name only; say where it is in the JSON.
    where = _find_key(document, error.path, []) if error.path else None
    if not where or "." in error.path or "[" in error.path:
        return error
    return SafeModeError(error.problem, path=format_path(where))


def document_quads(
    document: Mapping[str, Any],
    *,
    registry: ContextRegistry | None = None,
    safe: bool = True,
    engine: str = "auto",
) -> list[Quad]:
    """The RDF dataset of ``document`` as canonical-text quads.

    ``safe`` refuses undefined terms and types and relative IRIs with
    :class:`~microcred.errors.SafeModeError`. ``engine`` is ``"pyld"``,
    ``"fast"`` (microcred's own converter, which hands anything it does not
    cover to pyld) or ``"auto"`` (the fast one).
    """
    registry = registry if registry is not None else default_registry()
    if not isinstance(document, Mapping):
        raise JsonLdError("a JSON-LD document must be a JSON object")
    if safe and "@context" not in document:
        raise SafeModeError("the document has no @context", path="@context")
    if safe:
        refuse_unsafe_keys(document)
    try:
        if engine in ("auto", "fast"):
            from ._rdf_fast import fast_quads

            return fast_quads(document, registry, safe)
        if engine == "pyld":
            from ._rdf_pyld import pyld_quads

            return pyld_quads(document, registry, safe)
    except RecursionError:
        raise JsonLdError("the document nests too deeply") from None
    except SafeModeError as error:
        raise _located(error, document) from None
    raise UnsupportedError(f"JSON-LD engine {engine!r} is not supported", path="engine")
