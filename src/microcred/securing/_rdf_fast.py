"""A faster road from JSON-LD to quads: pyld's own algorithms, memoised.

pyld spends most of a credential's expansion re-deriving things that depend
only on the active context: IRI expansion of the same terms (thousands of
calls per EDC credential) and the processing of the same type- and
property-scoped contexts (with a canonical-JSON cache key computed each
time). Both are pure functions of an immutable active context, identified by
pyld's own ``_uuid``, so this module memoises them per context registry, and
goes from the expanded form to RDF directly instead of letting ``to_rdf``
expand a second time. The algorithms stay pyld's: the output is the same
dataset, which the tests check against the plain pyld engine.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

import orjson
from pyld import jsonld as pyld
from pyld.context_resolver import ContextResolver

from microcred.errors import JsonLdError, MicrocredError, SafeModeError
from microcred.jsonld import ContextRegistry

from ._nquads import Quad
from ._rdf_direct import Fallback, direct_quads
from ._rdf_pyld import RELATIVE_BASES, check_expanded, dataset_quads

__all__ = ["fast_quads"]

logger = logging.getLogger(__name__)

_MEMO_SIZE = 65_536
_MISSING = object()


class _Memo(dict[Any, Any]):
    """A memo that starts afresh when full (cheaper than LRU bookkeeping)."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def put(self, key: Any, value: Any) -> None:
        if len(self) >= self.size:
            self.clear()
        self[key] = value


def _context_key(local_ctx: Any) -> Any:
    if isinstance(local_ctx, str):
        return local_ctx
    if isinstance(local_ctx, list) and all(isinstance(c, str) for c in local_ctx):
        return tuple(local_ctx)
    # Keyed by content, not identity: a caller may change an inline context
    # in place between two calls, and a stale entry would sign other data.
    try:
        return ("json", orjson.dumps(local_ctx, option=orjson.OPT_SORT_KEYS))
    except TypeError:
        return ("json", json.dumps(local_ctx, sort_keys=True, default=str))


class _MemoProcessor(pyld.JsonLdProcessor):  # type: ignore[misc]
    """pyld's processor with context processing and IRI expansion memoised."""

    def __init__(self, registry: ContextRegistry) -> None:
        super().__init__()
        self.registry = registry
        self._contexts = _Memo(_MEMO_SIZE)
        self.iris = _Memo(_MEMO_SIZE)
        # Per active context (by _uuid): key -> expanded IRI, for the converter.
        self.key_tables = _Memo(4096)

        def load(url: str, options: object = None) -> dict[str, Any]:
            # "static" lets pyld keep the resolved context for later calls.
            return {
                "contextUrl": None,
                "documentUrl": url,
                "document": registry[url],
                "tag": "static",
            }

        self.loader: Callable[..., dict[str, Any]] = load
        self.resolver = ContextResolver(_Memo(1024), load)

    def _process_context(  # noqa: PLR0917 - pyld overrides keep its signature
        self,
        active_ctx: dict[str, Any],
        local_ctx: Any,
        options: dict[str, Any],
        override_protected: bool = False,
        propagate: bool = True,
        validate_scoped: bool = True,
        cycles: Any = None,
    ) -> Any:
        uuid = active_ctx.get("_uuid")
        if uuid is None or cycles:
            return super()._process_context(
                active_ctx, local_ctx, options, override_protected, propagate,
                validate_scoped, cycles,
            )  # fmt: skip
        key = (
            uuid,
            _context_key(local_ctx),
            override_protected,
            propagate,
            validate_scoped,
        )
        cached = self._contexts.get(key, _MISSING)
        if cached is _MISSING:
            result = super()._process_context(
                active_ctx, local_ctx, options, override_protected, propagate,
                validate_scoped, cycles,
            )  # fmt: skip
            self._contexts.put(key, (result, local_ctx, active_ctx))
            return result
        return cached[0]

    def _expand_iri(  # noqa: PLR0917 - pyld overrides keep its signature
        self,
        active_ctx: dict[str, Any],
        value: Any,
        base: Any = None,
        vocab: bool = False,
        local_ctx: Any = None,
        defined: Any = None,
    ) -> Any:
        uuid = active_ctx.get("_uuid")
        if local_ctx is not None or uuid is None or not isinstance(value, str):
            return super()._expand_iri(
                active_ctx, value, base, vocab, local_ctx, defined
            )
        key = (uuid, value, base, vocab)
        cached = self.iris.get(key, _MISSING)
        if cached is _MISSING:
            cached = super()._expand_iri(active_ctx, value, base, vocab, None, None)
            self.iris.put(key, cached)
        return cached

    def options(self, *, safe: bool) -> dict[str, Any]:
        """The options pyld's internals expect, as ``expand``/``to_rdf`` set them.

        In safe mode relative IRIs resolve against a sentinel base, so that
        the check after expansion finds them; otherwise pyld's default.
        """
        return {
            "base": RELATIVE_BASES[1] if safe else "",
            "documentLoader": self.loader,
            "contextResolver": self.resolver,
            "isFrame": False,
            "keepFreeFloatingNodes": False,
            "extractAllScripts": False,
            "processingMode": "json-ld-1.1",
            "produceGeneralizedRdf": False,
            "rdfDirection": None,
        }


# One processor per registry (registries are immutable; kept alive here so an
# id() is never reused while cached).
_PROCESSORS: dict[int, _MemoProcessor] = {}
_MAX_PROCESSORS = 8


def _processor(registry: ContextRegistry) -> _MemoProcessor:
    processor = _PROCESSORS.get(id(registry))
    if processor is None or processor.registry is not registry:
        if len(_PROCESSORS) >= _MAX_PROCESSORS:
            _PROCESSORS.pop(next(iter(_PROCESSORS)))
        processor = _MemoProcessor(registry)
        _PROCESSORS[id(registry)] = processor
    return processor


def _dropped(term: str | None, *_: object) -> None:
    raise SafeModeError(
        f"the term {term!r} is not defined by any @context and would be dropped",
        path=str(term or ""),
    )


def _expand(processor: _MemoProcessor, document: Any, options: dict[str, Any]) -> Any:
    # pyld's JsonLdProcessor.expand without the defensive deep copy: _expand
    # builds new objects and never writes into its input.
    active = processor._get_initial_context(options)
    expanded = processor._expand(active, None, document, options, inside_list=False)
    if isinstance(expanded, dict) and "@graph" in expanded and len(expanded) == 1:
        expanded = expanded["@graph"]
    elif expanded is None:
        expanded = []
    return expanded if isinstance(expanded, list) else [expanded]


def _to_dataset(
    processor: _MemoProcessor, expanded: Any, options: dict[str, Any]
) -> Any:
    # pyld's to_rdf after its expansion step.
    issuer = pyld.IdentifierIssuer("_:b")
    node_map: dict[str, Any] = {"@default": {}}
    processor._create_node_map(expanded, node_map, "@default", issuer)
    dataset = {}
    for graph_name, graph in sorted(node_map.items()):
        if graph_name == "@default" or pyld._is_absolute_iri(graph_name):
            dataset[graph_name] = processor._graph_to_rdf(graph, issuer, options)
    return dataset


def fast_quads(
    document: Mapping[str, Any], registry: ContextRegistry, safe: bool
) -> list[Quad]:
    """The document's quads, as pyld would produce them, faster."""
    processor = _processor(registry)
    options = processor.options(safe=safe)
    processor.on_property_dropped = _dropped if safe else pyld.noop
    try:
        try:
            return direct_quads(processor, document, options, safe=safe)
        except Fallback:
            logger.debug("JSON-LD feature outside the direct converter; using pyld")
        expanded = _expand(processor, document, options)
        if safe:
            check_expanded(expanded, [])
        dataset = _to_dataset(processor, expanded, options)
    except MicrocredError:
        raise
    except (pyld.JsonLdError, ValueError, TypeError, KeyError, AttributeError) as error:
        ours = _find_ours(error)
        if ours is not None:
            raise ours from None
        raise JsonLdError(f"JSON-LD processing failed: {_describe(error)}") from None
    return dataset_quads(dataset)


def _find_ours(error: BaseException) -> MicrocredError | None:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, MicrocredError):
            return current
        details = getattr(current, "details", None)
        cause = details.get("cause") if isinstance(details, dict) else None
        current = cause or current.__cause__ or current.__context__
    return None


def _describe(error: BaseException) -> str:
    code = getattr(error, "code", None)
    message = str(error.args[0]) if error.args else type(error).__name__
    return f"{code}: {message}" if code else message
