"""Tampering: every single change to a secured credential fails verification."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.securing import jose, keys
from microcred.securing._cose import cbor_decode, encode_sign1
from microcred.securing._jose_jws import b64url_decode, b64url_encode
from microcred.verification import verify

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
KEY = keys.PrivateKey.generate("Ed25519")
ISSUER = KEY.did_key()
KID = f"{ISSUER}#{ISSUER.removeprefix('did:key:')}"
CREDENTIAL: dict[str, Any] = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "id": "urn:uuid:0b0c3a56-0000-4000-8000-000000000003",
    "type": ["VerifiableCredential"],
    "issuer": {"id": ISSUER, "name": "Habitat Alliance"},
    "validFrom": "2026-01-01T00:00:00Z",
    "name": "Timber framing",
    "credentialSubject": {"id": "did:example:learner", "name": "Ada"},
}
JWT_PROFILES = [jose.Profile.VC_JOSE, jose.Profile.OB3_JWT]
TOKENS = {
    profile: jose.sign(CREDENTIAL, KEY, kid=KID, profile=profile)
    for profile in JWT_PROFILES
}

JsonScalar = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for name, child in value.items():
            found += _paths(child, (*prefix, name))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        document = document[part]
    return document


def _mutate(document: Any, data: st.DataObject) -> Any:
    document = json.loads(json.dumps(document))
    path = data.draw(st.sampled_from(_paths(document)), label="path")
    parent = _parent(document, path)
    action = data.draw(st.sampled_from(["replace", "remove", "add"]), label="action")
    if action == "replace":
        new = data.draw(JsonScalar.filter(lambda v: v != parent[path[-1]]))
        parent[path[-1]] = new
    elif action == "remove":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        name = data.draw(
            st.text(min_size=1, max_size=6).filter(lambda n: n not in parent)
        )
        parent[name] = data.draw(JsonScalar)
    else:
        parent.append(data.draw(JsonScalar))
    return document


def _split(token: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    header, payload, signature = token.split(".")
    return (
        json.loads(b64url_decode(header, what="h")),
        json.loads(b64url_decode(payload, what="p")),
        signature,
    )


def _join(header: Any, claims: Any, signature: str) -> str:
    def encode(value: Any) -> str:
        return b64url_encode(json.dumps(value, separators=(",", ":")).encode())

    return f"{encode(header)}.{encode(claims)}.{signature}"


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(profile=st.sampled_from(JWT_PROFILES), data=st.data())
def test_any_claims_change_fails(profile: jose.Profile, data: st.DataObject) -> None:
    """A changed value, a removed key or an added property in the claims fails."""
    header, claims, signature = _split(TOKENS[profile])
    assert verify(_join(header, claims, signature), now=NOW).valid
    tampered = _join(header, _mutate(claims, data), signature)
    assert not verify(tampered, now=NOW).valid


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(profile=st.sampled_from(JWT_PROFILES), data=st.data())
def test_any_header_change_fails(profile: jose.Profile, data: st.DataObject) -> None:
    """A changed, removed or added header parameter fails."""
    header, claims, signature = _split(TOKENS[profile])
    tampered = _join(_mutate(header, data), claims, signature)
    assert not verify(tampered, now=NOW).valid


@given(position=st.integers(0, 85), bit=st.integers(0, 5))
def test_any_signature_bit_flip_fails(position: int, bit: int) -> None:
    """Flipping one bit of the signature fails."""
    header, payload, signature = TOKENS[jose.Profile.VC_JOSE].split(".")
    raw = bytearray(b64url_decode(signature, what="s"))
    raw[position % len(raw)] ^= 1 << bit
    forged = f"{header}.{payload}.{b64url_encode(bytes(raw))}"
    assert not verify(forged, now=NOW).valid


def test_named_tampering_cases() -> None:
    """Named cases: subject renamed, issuer swapped, dates moved, alg changed."""
    header, claims, signature = _split(TOKENS[jose.Profile.VC_JOSE])
    cases = {
        "subject": {**claims, "credentialSubject": {"id": "did:example:mallory"}},
        "issuer": {**claims, "issuer": "did:example:mallory"},
        "validFrom": {**claims, "validFrom": "2020-01-01T00:00:00Z"},
        "extra": {**claims, "validUntil": "2099-01-01T00:00:00Z"},
    }
    for name, changed in cases.items():
        assert not verify(_join(header, changed, signature), now=NOW).valid, name
    for alg in ("none", "HS256", "ES256", "EdDSA "):
        changed_header = {**header, "alg": alg}
        assert not verify(_join(changed_header, claims, signature), now=NOW).valid
    other_key = keys.PrivateKey.generate("Ed25519")
    swapped = {**header, "kid": other_key.did_key() + "#x"}
    assert not verify(_join(swapped, claims, signature), now=NOW).valid


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_cose_payload_change_fails(data: st.DataObject) -> None:
    """The same changes inside a COSE_Sign1 payload fail too."""
    secured = jose.sign(CREDENTIAL, KEY, kid=KID, profile=jose.Profile.VC_COSE)
    item = cbor_decode(base64.b64decode(secured + "=="))
    protected, _, payload, signature = item.value
    changed = json.dumps(_mutate(json.loads(payload), data)).encode()
    assert not verify(encode_sign1(protected, changed, signature), now=NOW).valid
