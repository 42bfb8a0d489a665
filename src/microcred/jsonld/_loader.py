"""The offline document loader: every context microcred accepts ships inside it.

JSON-LD processors fetch ``@context`` URLs by default. A verifier that does so
leaks which credential it is checking and lets whoever controls the URL change
what a signed document means, so microcred never downloads: a context that is
not in the registry is an :class:`~microcred.errors.UnknownContextError`.
Callers who need more contexts pass them in by name
(:meth:`ContextRegistry.with_documents`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from microcred.errors import ParseError, UnknownContextError

__all__ = [
    "BUNDLED_CONTEXTS",
    "ContextRegistry",
    "default_registry",
]

logger = logging.getLogger(__name__)

#: Context URL -> file name under ``microcred/jsonld/contexts`` (see SOURCES.md).
BUNDLED_CONTEXTS: Mapping[str, str] = MappingProxyType(
    {
        "http://data.europa.eu/snb/model/context/edc-ap": "edc-ap.jsonld",
        "https://www.w3.org/2018/credentials/v1": "credentials-v1.jsonld",
        "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
        "https://w3id.org/security/data-integrity/v1": "data-integrity-v1.jsonld",
        "https://w3id.org/security/data-integrity/v2": "data-integrity-v2.jsonld",
        "https://w3id.org/security/multikey/v1": "multikey-v1.jsonld",
        "https://w3id.org/security/jwk/v1": "jwk-v1.jsonld",
        "https://w3id.org/security/suites/ed25519-2020/v1": "ed25519-2020-v1.jsonld",
        "https://www.w3.org/ns/credentials/status/v1": (
            "bitstring-status-list-context-v1.jsonld"
        ),
        "https://w3id.org/vc/status-list/2021/v1": "status-list-2021-context-v1.jsonld",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": (
            "ob-v3p0-context-3.0.3.json"
        ),
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json": (
            "ob-v3p0-context-3.0.2.json"
        ),
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": (
            "ob-v3p0-context-3.0.1.json"
        ),
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json": "ob-v3p0-context.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": (
            "ob-v3p0-extensions.json"
        ),
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json": (
            "clr-v2p0-context-2.0.1.json"
        ),
        "https://purl.imsglobal.org/spec/clr/v2p0/context.json": (
            "clr-v2p0-context.json"
        ),
    }
)


def _normalise_url(url: str) -> str:
    # The EU itself writes the EDC context both with and without a trailing
    # slash or ".jsonld"; the W3C contexts are served over http too.
    url = url.strip()
    if url.startswith(("http://www.w3.org/", "http://w3id.org/")):
        url = "https://" + url.removeprefix("http://")
    return url.removesuffix("/") if url.count("/") > 3 else url


@cache
def _read_bundled(file_name: str) -> Any:
    text = resources.files("microcred.jsonld").joinpath("contexts", file_name)
    return json.loads(text.read_text(encoding="utf-8"))


class ContextRegistry(Mapping[str, Any]):
    """An immutable map from context URL to parsed context document.

    The default registry holds the bundled contexts; :meth:`with_documents`
    returns a new registry with more (for example a test suite's example
    contexts). Lookups never touch the network.
    """

    __slots__ = ("_documents", "_loader")

    def __init__(self, documents: Mapping[str, Any] | None = None) -> None:
        self._documents: dict[str, Any] = {}
        for url, document in (documents or {}).items():
            self._documents[_normalise_url(url)] = document
        self._loader: Callable[..., dict[str, Any]] | None = None

    def __getitem__(self, url: str) -> Any:
        key = _normalise_url(url)
        try:
            document = self._documents[key]
        except KeyError:
            raise UnknownContextError(
                f"context {url!r} is not bundled with microcred and is never "
                "downloaded; pass it with ContextRegistry.with_documents()",
                path="@context",
            ) from None
        if isinstance(document, str):
            # Bundled entries hold a file name until first use: keeps import fast.
            document = _read_bundled(document)
        return document

    def __iter__(self) -> Iterator[str]:
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)

    def __contains__(self, url: object) -> bool:
        return isinstance(url, str) and _normalise_url(url) in self._documents

    def with_documents(self, documents: Mapping[str, Any]) -> ContextRegistry:
        """Return a new registry with ``documents`` added (or replacing ours)."""
        for url, document in documents.items():
            if not isinstance(document, dict):
                raise ParseError(
                    "a context document must be a JSON object", path=f"@context<{url}>"
                )
        merged = dict(self._documents)
        merged.update({_normalise_url(u): d for u, d in documents.items()})
        return ContextRegistry(merged)

    def document_loader(self) -> Callable[..., dict[str, Any]]:
        """A pyld-compatible loader that answers from this registry only."""
        if self._loader is None:

            def load(url: str, options: object = None) -> dict[str, Any]:
                document = self[url]
                logger.debug("served context %s from the bundled registry", url)
                return {"contextUrl": None, "documentUrl": url, "document": document}

            self._loader = load
        return self._loader


@cache
def default_registry() -> ContextRegistry:
    """The registry of bundled contexts (shared; it is immutable)."""
    return ContextRegistry(dict(BUNDLED_CONTEXTS))
