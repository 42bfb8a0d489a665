"""DIDs: did:key documents, did:web documents, offline resolution."""

from __future__ import annotations

import pytest

from microcred.errors import InvalidKeyError, UnsupportedError, VerificationError
from microcred.securing.keys import (
    DidResolver,
    OfflineResolver,
    PrivateKey,
    did_key_document,
    did_web,
    did_web_document,
    did_web_url,
    resolve_verification_method,
)

ED = PrivateKey.generate("Ed25519")
P256 = PrivateKey.generate("P-256")
RSA = PrivateKey.generate("RSA", rsa_bits=2048)


def test_did_key_document_shape() -> None:
    """A did:key document has one Multikey listed under every relationship."""
    did = ED.did_key()
    document = did_key_document(did)
    method = document["verificationMethod"][0]
    assert method["id"] == f"{did}#{did[8:]}"
    assert method["publicKeyMultibase"] == ED.to_multikey()
    assert document["assertionMethod"] == [method["id"]]


def test_did_web_names_and_urls() -> None:
    """did:web DIDs encode ports and paths; their document URL follows the spec."""
    assert did_web("Example.com") == "did:web:example.com"
    assert did_web("example.com", "user", "alice", port=3000) == (
        "did:web:example.com%3A3000:user:alice"
    )
    assert (
        did_web_url("did:web:example.com") == "https://example.com/.well-known/did.json"
    )
    assert did_web_url("did:web:example.com%3A3000:user:alice") == (
        "https://example.com:3000/user/alice/did.json"
    )


def test_did_web_document_and_resolution() -> None:
    """A generated did:web document resolves its keys for assertionMethod."""
    did = did_web("issuer.example")
    document = did_web_document(
        did,
        {"key-1": ED.public_key, "key-2": P256.public_key, "rsa": RSA.public_key},
        key_formats={"key-2": "JsonWebKey", "rsa": "JsonWebKey"},
    )
    resolver = OfflineResolver([document])
    assert isinstance(resolver, DidResolver)
    for fragment, key in (("key-1", ED), ("key-2", P256), ("rsa", RSA)):
        method = resolve_verification_method(
            f"{did}#{fragment}", resolver, purpose="assertionMethod"
        )
        assert method.public_key == key.public_key
        assert method.controller == did
    with pytest.raises(VerificationError):
        resolve_verification_method(f"{did}#key-1", resolver, purpose="keyAgreement")
    with pytest.raises(VerificationError):
        resolve_verification_method(f"{did}#missing", resolver)


def test_rsa_cannot_be_multikey() -> None:
    """RSA keys are written as JsonWebKey only."""
    with pytest.raises(UnsupportedError):
        did_web_document("did:web:x.example", {"k": RSA.public_key})


def test_did_key_resolves_offline() -> None:
    """did:key methods resolve without any document given."""
    did = P256.did_key()
    method = resolve_verification_method(
        f"{did}#{did[8:]}", OfflineResolver(), purpose="assertionMethod"
    )
    assert method.public_key == P256.public_key


def test_unknown_did_is_not_fetched() -> None:
    """A did:web not given in memory is refused, never fetched."""
    with pytest.raises(UnsupportedError, match="never"):
        OfflineResolver().resolve("did:web:example.com")


def test_published_private_jwk_refused() -> None:
    """A controller document that publishes a private JWK is refused."""
    did = "did:web:leaky.example"
    document = did_web_document(did, {"k": ED.public_key}, key_format="JsonWebKey")
    document["verificationMethod"][0]["publicKeyJwk"] = ED.to_jwk(private=True)
    with pytest.raises(InvalidKeyError):
        resolve_verification_method(f"{did}#k", OfflineResolver([document]))


def test_controller_mismatch() -> None:
    """A method whose controller is another document is checked there."""
    did = "did:web:a.example"
    document = did_web_document(did, {"k": ED.public_key})
    document["verificationMethod"][0]["controller"] = "did:web:b.example"
    other = {"id": "did:web:b.example", "assertionMethod": []}
    with pytest.raises(VerificationError):
        resolve_verification_method(
            f"{did}#k", OfflineResolver([document, other]), purpose="assertionMethod"
        )
