"""JSON-LD straight to quads for the shapes credentials use.

pyld expands a document into a new tree, builds a node map from it and only
then writes RDF, through general code paths that dominate the cost of signing
an EDC credential. This converter walks the compact document once and emits
quads as it goes. It follows pyld's expansion step for step where the result
depends on it, and calls pyld's own (memoised) routines for everything that
is subtle: context processing, type-scoped contexts, IRI expansion, value
expansion, language maps and literal conversion. Anything outside the common
shapes (``@reverse``, ``@nest``, ``@included``, index/id/type maps, lists,
``@json``, ``@direction``, explicit ``@graph``) raises :class:`Fallback` and
the document goes through the plain pyld road instead. The tests compare
both on every vector and on generated documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pyld import jsonld as pyld

from microcred.errors import SafeModeError

from ._nquads import Quad, format_literal
from ._rdf import KEYWORDS
from ._rdf_pyld import RELATIVE_BASES, pyld_term, well_formed_iri

__all__ = ["Fallback", "direct_quads"]

_MISSING = object()
# IRI -> "<IRI>" for IRIs already checked absolute (bounded, cleared when full).
_ABSOLUTE_TERMS: dict[str, str] = {}
_ABSOLUTE_KEYS: dict[str, bool] = {}
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_VALUE_KEYS = frozenset({"@value", "@type", "@language", "@index"})
_UNSUPPORTED_KEYWORDS = frozenset(
    {"@graph", "@list", "@set", "@reverse", "@nest", "@included", "@direction", "@json"}
)
_UNSUPPORTED_CONTAINERS = frozenset({"@index", "@id", "@type", "@graph", "@list"})


class Fallback(Exception):  # noqa: N818 - a signal, not an error
    """The document uses a JSON-LD feature this converter leaves to pyld."""


def _absolute_key(iri: str) -> bool:
    known = _ABSOLUTE_KEYS.get(iri)
    if known is None:
        if len(_ABSOLUTE_KEYS) > 65_536:
            _ABSOLUTE_KEYS.clear()
        known = _ABSOLUTE_KEYS[iri] = bool(pyld._is_absolute_iri(iri)) and (
            well_formed_iri(iri)
        )
    return known


def _is_absolute(iri: str) -> bool:
    return (
        pyld._is_absolute_iri(iri)
        and not iri.startswith(RELATIVE_BASES)
        and well_formed_iri(iri)
    )


class _Converter:
    """One conversion: the quads so far and the blank node labels issued."""

    def __init__(self, processor: Any, options: dict[str, Any], *, safe: bool) -> None:
        self.p = processor
        self.options = options
        self.base = options["base"]
        self.safe = safe
        self.quads: list[Quad] = []
        self.labels: dict[str, str] = {}
        self.issuer = pyld.IdentifierIssuer("_:b")
        self.keys = processor.key_tables

    # -- terms ----------------------------------------------------------------

    def iri(
        self, ctx: Any, value: str, *, vocab: bool = False, base: bool = False
    ) -> Any:
        return self.p._expand_iri(
            ctx, value, base=self.base if base else None, vocab=vocab
        )

    def blank(self, label: str | None = None) -> str:
        if label is None:
            return str(self.issuer.get_id())
        if label not in self.labels:
            self.labels[label] = str(self.issuer.get_id())
        return self.labels[label]

    def node_term(self, iri: str, what: str) -> str:
        if iri.startswith("_:"):
            return self.blank(iri)
        known = _ABSOLUTE_TERMS.get(iri)
        if known is not None:
            return known
        if not _is_absolute(iri):
            if self.safe:
                relative = iri
                for base in RELATIVE_BASES:
                    relative = relative.removeprefix(base)
                problem = (
                    "is a relative IRI ({what}), which JSON-LD would drop or "
                    "resolve against an arbitrary base"
                    if well_formed_iri(iri)
                    else "holds a character no IRI may hold ({what}), which "
                    "JSON-LD would drop"
                )
                raise SafeModeError(
                    f"{relative!r} {problem.format(what=what)}", path=relative
                )
            raise Fallback
        if len(_ABSOLUTE_TERMS) > 65_536:
            _ABSOLUTE_TERMS.clear()
        _ABSOLUTE_TERMS[iri] = term = f"<{iri}>"
        return term

    def literal(self, value_object: dict[str, Any]) -> str | None:
        value = value_object.get("@value")
        if value is None:
            return None
        if type(value) is str and "@type" not in value_object:
            # pyld's _object_to_rdf for plain and language-tagged strings.
            language = value_object.get("@language")
            if language is None:
                return format_literal(value)
            if isinstance(language, str) and language:
                return format_literal(value, language=language)
        rdf = self.p._object_to_rdf(value_object, self.issuer, [], self.options)
        return pyld_term(rdf)

    # -- node objects ---------------------------------------------------------

    def top(self, document: Any) -> None:
        if not isinstance(document, dict):
            raise Fallback
        ctx = self.p._get_initial_context(self.options)
        ctx, type_scoped = self.nested(ctx, document)
        keys = self.expand_keys(ctx, document)
        if any(k in ("@value", "@graph", "@list", "@set") for k in keys.values()):
            raise Fallback
        self.node(ctx, document, keys, "", type_scoped, top=True)

    def key_iri(self, ctx: Any, key: str) -> Any:
        """A key's expansion, from a per-context table (contexts are immutable)."""
        uuid = ctx.get("_uuid")
        table = self.keys.get(uuid) if uuid is not None else None
        if table is None:
            table = {}
            if uuid is not None:
                self.keys.put(uuid, table)
        found = table.get(key, _MISSING)
        if found is _MISSING:
            found = table[key] = self.iri(ctx, key, vocab=True)
        return found

    def expand_keys(self, ctx: Any, element: dict[str, Any]) -> dict[str, Any]:
        expanded: dict[str, Any] = {}
        for key in element:
            if key == "@context":
                continue
            if key[:1] == "@" and key not in KEYWORDS:
                # JSON-LD 1.1 ignores keys that merely look like keywords.
                if self.safe:
                    raise SafeModeError(
                        f"{key!r} looks like a JSON-LD keyword and would be ignored",
                        path=key,
                    )
                continue
            iri = self.key_iri(ctx, key)
            if iri is None or not (iri[:1] == "@" or _absolute_key(iri)):
                self.p.on_property_dropped(iri)
                continue
            if iri in _UNSUPPORTED_KEYWORDS or iri.startswith("_:"):
                raise Fallback
            if iri[:1] == "@" and (
                iri not in KEYWORDS or (iri != "@type" and iri in expanded.values())
            ):
                raise Fallback  # pyld decides (and reports colliding keywords)
            expanded[key] = iri
        return expanded

    def nested(self, ctx: Any, element: dict[str, Any]) -> tuple[Any, Any]:
        """pyld's ``_prepare_nested_context``: local then type-scoped contexts."""
        if "@context" in element:
            ctx, _, type_scoped = self.p._prepare_nested_context(
                ctx, element, self.options
            )
            return ctx, type_scoped
        type_keys = [key for key in element if self.key_iri(ctx, key) == "@type"]
        for key in type_keys:
            value = element[key]
            for type_name in value if isinstance(value, list) else [value]:
                entry = (
                    ctx["mappings"].get(type_name)
                    if isinstance(type_name, str)
                    else None
                )
                if entry and entry.get("@context") not in (None, False):
                    # A type-scoped context applies: pyld's own routine, whose
                    # order of keys and types matters from here on.
                    ctx, _, type_scoped = self.p._prepare_nested_context(
                        ctx, element, self.options
                    )
                    return ctx, type_scoped
        type_scoped = ctx
        return ctx, type_scoped

    def node(
        self, ctx: Any, element: dict[str, Any], keys: dict[str, Any], graph: str,
        type_scoped: Any, *, top: bool = False,
    ) -> str:  # fmt: skip
        """Emit a node object's quads; return its subject term."""
        subject = None
        for key, iri in keys.items():
            if iri == "@id":
                value = element[key]
                if not isinstance(value, str):
                    raise Fallback
                node_iri = self.iri(ctx, value, base=True)
                if top and not (node_iri.startswith("_:") or _is_absolute(node_iri)):
                    # pyld drops a top-level node left with only its id, and
                    # whether one is depends on its expanded values: its call.
                    raise Fallback
                subject = self.node_term(node_iri, "id")
        subject = subject or self.blank()
        for key, iri in keys.items():
            if iri == "@type":
                self.types(type_scoped, element[key], subject, graph)
            elif iri == "@id":
                continue
            elif iri.startswith("@"):
                raise Fallback
            else:
                self.property(ctx, key, iri, element[key], subject, graph)
        return subject

    def types(self, ctx: Any, value: Any, subject: str, graph: str) -> None:
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str):
                raise Fallback
            type_iri = self.iri(ctx, item, vocab=True, base=True)
            self.quads.append(
                Quad(subject, _RDF_TYPE, self.node_term(type_iri, "type"), graph)
            )

    # -- properties -----------------------------------------------------------

    def property(  # noqa: PLR0917 - the walk's state, passed down
        self, ctx: Any, key: str, iri: str, value: Any, subject: str, graph: str
    ) -> None:
        mapping = ctx["mappings"].get(key) or {}
        if mapping.get("reverse") or mapping.get("@type") == "@json":
            raise Fallback
        term_ctx = ctx
        if mapping.get("@context") is not None:
            term_ctx = self.p._process_context(
                ctx, mapping["@context"], self.options, propagate=True,
                override_protected=True,
            )  # fmt: skip
        container = mapping.get("@container") or []
        if _UNSUPPORTED_CONTAINERS.intersection(container):
            raise Fallback
        predicate = f"<{iri}>"
        if "@language" in container and isinstance(value, dict):
            if mapping.get("@direction") is not None:
                raise Fallback
            for value_object in self.p._expand_language_map(term_ctx, value, None):
                self.emit(subject, predicate, self.literal(value_object), graph)
            return
        for item in value if isinstance(value, list) else [value]:
            self.emit(subject, predicate, self.value(term_ctx, key, item, graph), graph)

    def emit(self, subject: str, predicate: str, obj: str | None, graph: str) -> None:
        if obj is not None:
            self.quads.append(Quad(subject, predicate, obj, graph))

    def value(self, ctx: Any, key: str, item: Any, graph: str) -> str | None:
        """The RDF term for one value of property ``key`` (pyld ``_expand``)."""
        if item is None:
            return None
        if isinstance(item, list):
            raise Fallback
        if isinstance(item, str):
            plain = self.plain_string(ctx, key, item)
            if plain is not None:
                return plain
        if not isinstance(item, dict):
            expanded = self.p._expand_value(ctx, key, item, self.options)
            if isinstance(expanded, dict) and "@id" in expanded:
                return self.node_term(expanded["@id"], "id")
            if not isinstance(expanded, dict):
                raise Fallback
            return self.literal(dict(expanded))
        return self.embedded(ctx, key, item, graph)

    def plain_string(self, ctx: Any, key: str, item: str) -> str | None:
        """The common cases of pyld ``_expand_value`` for a string, or None."""
        mapping = ctx["mappings"].get(key) or {}
        coercion = mapping.get("@type")
        if coercion == "@id":
            return self.node_term(self.iri(ctx, item, base=True), "id")
        if coercion is None and not (
            "@language" in mapping or "@direction" in mapping
            or "@language" in ctx or "@direction" in ctx
        ):  # fmt: skip
            return format_literal(item)
        return None

    def embedded(
        self, ctx: Any, key: str, element: dict[str, Any], graph: str
    ) -> str | None:
        """An object value: a value object or an embedded node (pyld ``_expand``)."""
        property_scoped = pyld.JsonLdProcessor.get_context_value(ctx, key, "@context")
        type_scoped = ctx if ctx.get("previousContext") else None
        must_revert = True
        if type_scoped and len(element) <= 2 and "@context" not in element:
            for name in sorted(element):
                expanded = self.iri(type_scoped, name, vocab=True)
                if expanded == "@value":
                    must_revert, ctx = False, type_scoped
                    break
                if expanded == "@id" and len(element) == 1:
                    must_revert = False
                    break
        if must_revert:
            ctx = self.p._revert_to_previous_context(ctx)
        if property_scoped is not None:
            ctx = self.p._process_context(
                ctx, property_scoped, self.options, override_protected=True
            )
        ctx, type_scoped = self.nested(ctx, element)
        keys = self.expand_keys(ctx, element)
        if "@value" in keys.values():
            return self.value_object(ctx, element, keys, type_scoped)
        return self.node(ctx, element, keys, graph, type_scoped)

    def value_object(
        self,
        ctx: Any,
        element: dict[str, Any],
        keys: dict[str, Any],
        type_scoped: Any,
    ) -> str | None:
        result: dict[str, Any] = {}
        for key, iri in keys.items():
            value = element[key]
            if iri not in _VALUE_KEYS or isinstance(value, list | dict):
                raise Fallback
            if iri == "@type":
                result["@type"] = self.iri(type_scoped, value, vocab=True, base=True)
            elif iri == "@language":
                if not isinstance(value, str):
                    raise Fallback
                result["@language"] = value.lower()
            elif iri == "@value":
                result["@value"] = value
        if "@type" in result and "@language" in result:
            raise Fallback
        datatype = result.get("@type")
        if datatype is not None and not _is_absolute(datatype):
            raise Fallback
        if "@language" in result and not isinstance(result.get("@value"), str):
            raise Fallback
        return self.literal(result)


def direct_quads(
    processor: Any, document: Mapping[str, Any], options: dict[str, Any], *, safe: bool
) -> list[Quad]:
    """The document's quads; :class:`Fallback` if it needs the full road."""
    converter = _Converter(processor, options, safe=safe)
    converter.top(document)
    return converter.quads
