"""Finding the public key behind a ``kid`` and binding it to the issuer, offline.

A resolver is whatever the caller passes: an object with ``resolve(url)``
returning a verification method (a dict with ``controller`` and
``publicKeyJwk`` or ``publicKeyMultibase``), or a plain mapping from URL to
verification method. Nothing here touches the network.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from microcred.errors import InvalidKeyError, MicrocredError, UnsupportedError
from microcred.securing._jose_jwk import public_key_from_jwk
from microcred.securing._jose_jws import PublicKey, b64url_decode

__all__ = ["KeyLookupError", "ResolvedKey", "Resolver", "resolve_key"]


@runtime_checkable
class Resolver(Protocol):
    """Answers a DID URL or key URL with its verification method, offline."""

    def resolve(self, url: str) -> Mapping[str, Any]:
        """The verification method at ``url``; raise ``LookupError`` if unknown."""
        ...


class KeyLookupError(MicrocredError, LookupError):
    """No key could be found for a ``kid`` (internal; becomes a failed check)."""


@dataclass(frozen=True, slots=True)
class ResolvedKey:
    """A public key and who controls it, as far as the source can tell."""

    key: PublicKey
    controller: str | None
    source: str

    def __repr__(self) -> str:
        # A public key is not secret, but no key material belongs in a repr.
        return f"ResolvedKey(controller={self.controller!r}, source={self.source!r})"


def _did_jwk(url: str) -> ResolvedKey:
    # did:jwk (a method whose identifier is the base64url JWK itself).
    did = url.split("#", 1)[0]
    jwk = json.loads(b64url_decode(did.removeprefix("did:jwk:"), what="did:jwk"))
    if not isinstance(jwk, dict):
        raise InvalidKeyError("did:jwk does not encode a JSON object")
    return ResolvedKey(public_key_from_jwk(jwk), did, "did:jwk")


def _from_method(method: Mapping[str, Any], url: str) -> ResolvedKey:
    controller = method.get("controller")
    controller = controller if isinstance(controller, str) else None
    if isinstance(method.get("publicKeyJwk"), Mapping):
        return ResolvedKey(public_key_from_jwk(method["publicKeyJwk"]), controller, url)
    if isinstance(method.get("publicKeyMultibase"), str):
        return ResolvedKey(
            _multibase_key(method["publicKeyMultibase"]), controller, url
        )
    raise UnsupportedError(
        f"the verification method {url} has neither publicKeyJwk nor publicKeyMultibase"
    )


def _multibase_key(value: str) -> PublicKey:
    try:
        from microcred.securing import keys  # type: ignore[attr-defined]
    except ImportError:
        raise UnsupportedError(
            "publicKeyMultibase needs microcred.securing.keys, which is not "
            "available in this build"
        ) from None
    key: PublicKey = keys.public_key_from_multibase(value)
    return key


def _lookup(resolver: Any, url: str) -> Mapping[str, Any] | None:
    try:
        if isinstance(resolver, Mapping):
            method = resolver.get(url)
        else:
            method = resolver.resolve(url)
    except LookupError:
        return None
    return method if isinstance(method, Mapping) else None


def _candidates(kid: str, issuer: str | None) -> list[str]:
    if kid.startswith("#") and issuer:
        return [issuer + kid]
    return [kid]


def resolve_key(kid: str | None, issuer: str | None, resolver: Any) -> ResolvedKey:
    """Find the key for ``kid``; raise :class:`KeyLookupError` when none is found."""
    if not kid:
        raise KeyLookupError("the token names no key (no kid) and no key was given")
    for url in _candidates(kid, issuer):
        if url.startswith("did:jwk:"):
            return _did_jwk(url)
        if url.startswith("did:key:") and resolver is None:
            return _did_key(url)
        method = _lookup(resolver, url) if resolver is not None else None
        if method is not None:
            return _from_method(method, url)
    raise KeyLookupError(
        f"no key found for kid {kid!r}: pass key= or a resolver that knows it"
    )


def _did_key(url: str) -> ResolvedKey:
    did = url.split("#", 1)[0]
    fragment = did.removeprefix("did:key:")
    return ResolvedKey(_multibase_key(fragment), did, "did:key")
