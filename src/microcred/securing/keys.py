"""Keys and identifiers: Ed25519, P-256, P-384 and RSA; JWK, Multikey, DIDs.

>>> key = PrivateKey.generate("Ed25519")
>>> PublicKey.from_did_key(key.did_key()) == key.public_key
True

No DID is ever resolved over the network: :class:`OfflineResolver` computes
``did:key`` documents and serves any other controller document given to it.
"""

from ._did import (
    DidResolver,
    KeyFormat,
    OfflineResolver,
    VerificationMethod,
    did_key_document,
    did_web,
    did_web_document,
    did_web_url,
    parse_verification_method,
    resolve_verification_method,
)
from ._keys import KEY_TYPES, KeyType, PrivateKey, PublicKey

__all__ = [
    "KEY_TYPES",
    "DidResolver",
    "KeyFormat",
    "KeyType",
    "OfflineResolver",
    "PrivateKey",
    "PublicKey",
    "VerificationMethod",
    "did_key_document",
    "did_web",
    "did_web_document",
    "did_web_url",
    "parse_verification_method",
    "resolve_verification_method",
]
