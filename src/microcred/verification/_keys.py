"""Finding the public key behind a ``kid`` and binding it to the issuer, offline.

A resolver is what the caller passes: a
:class:`~microcred.securing.keys.DidResolver` (for example
:class:`~microcred.securing.keys.OfflineResolver`), which returns controller
documents, or, for tests and small set-ups, a plain mapping from key URL to
verification method. ``did:key`` and ``did:jwk`` need no resolver. Nothing here
touches the network.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from microcred.errors import (
    InvalidKeyError,
    MicrocredError,
    UnsupportedError,
    VerificationError,
)
from microcred.securing import keys
from microcred.securing._jose_jwk import public_key_from_jwk
from microcred.securing._jose_jws import PublicKey, b64url_decode

__all__ = ["KeyLookupError", "ResolvedKey", "as_public_key", "resolve_key"]


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


def as_public_key(key: Any) -> PublicKey:
    """A ``cryptography`` public key from ours, theirs, or a private key."""
    if isinstance(key, keys.PrivateKey):
        key = key.public_key
    if isinstance(key, keys.PublicKey):
        key = key.cryptography_key
    if hasattr(key, "private_bytes") and hasattr(key, "public_key"):
        key = key.public_key()
    return key  # type: ignore[no-any-return]


def _did_jwk(url: str) -> ResolvedKey:
    # did:jwk: the identifier is the base64url of the JWK itself.
    did = url.split("#", 1)[0]
    try:
        jwk = json.loads(b64url_decode(did.removeprefix("did:jwk:"), what="did:jwk"))
    except ValueError:
        raise InvalidKeyError("did:jwk does not encode JSON") from None
    if not isinstance(jwk, dict):
        raise InvalidKeyError("did:jwk does not encode a JSON object")
    return ResolvedKey(public_key_from_jwk(jwk), did, "did:jwk")


def _from_method(method: Mapping[str, Any], url: str) -> ResolvedKey:
    controller = method.get("controller")
    controller = controller if isinstance(controller, str) else None
    if isinstance(method.get("publicKeyJwk"), Mapping):
        jwk = method["publicKeyJwk"]
        if "d" in jwk:
            raise InvalidKeyError("the published JWK contains a private key")
        return ResolvedKey(public_key_from_jwk(jwk), controller, url)
    if isinstance(method.get("publicKeyMultibase"), str):
        public = keys.PublicKey.from_multikey(method["publicKeyMultibase"])
        return ResolvedKey(public.cryptography_key, controller, url)
    raise UnsupportedError(
        f"the verification method {url} has neither publicKeyJwk nor publicKeyMultibase"
    )


def _from_resolver(resolver: Any, url: str) -> ResolvedKey | None:
    if isinstance(resolver, Mapping):
        method = resolver.get(url)
        return _from_method(method, url) if isinstance(method, Mapping) else None
    try:
        found = keys.resolve_verification_method(
            url, resolver, purpose="assertionMethod"
        )
    except VerificationError:
        raise
    except MicrocredError:
        return None
    return ResolvedKey(found.public_key.cryptography_key, found.controller, url)


def _did_key(url: str) -> ResolvedKey:
    did = url.split("#", 1)[0]
    public = keys.PublicKey.from_did_key(did)
    return ResolvedKey(public.cryptography_key, did, "did:key")


def resolve_key(kid: str | None, issuer: str | None, resolver: Any) -> ResolvedKey:
    """Find the key for ``kid``; raise :class:`KeyLookupError` when none is found.

    A ``kid`` of the form ``#fragment`` is taken relative to the issuer.
    :class:`~microcred.errors.VerificationError` passes through: the key exists
    but its controller does not authorise it for assertions.
    """
    if not kid:
        raise KeyLookupError("the token names no key (no kid) and no key was given")
    url = issuer + kid if kid.startswith("#") and issuer else kid
    if url.startswith("did:jwk:"):
        return _did_jwk(url)
    if url.startswith("did:key:") and resolver is None:
        return _did_key(url)
    found = _from_resolver(resolver, url) if resolver is not None else None
    if found is None:
        raise KeyLookupError(
            f"no key found for kid {kid!r}: pass key= or a resolver that knows it"
        )
    return found
