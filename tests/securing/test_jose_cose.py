"""VC-JOSE-COSE with COSE_Sign1 (vc+cose): round trips, refusals, tampering."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.errors import MicrocredError
from microcred.securing import jose, keys
from microcred.securing._cose import (
    CoseTag,
    cbor_decode,
    cbor_encode,
    encode_sign1,
    sig_structure,
)
from microcred.verification import CheckStatus, Outcome, verify

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
KEY = keys.PrivateKey.generate("P-256")
ISSUER = KEY.did_key()
KID = f"{ISSUER}#{ISSUER.removeprefix('did:key:')}"
CREDENTIAL: dict[str, Any] = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "id": "urn:uuid:0b0c3a56-0000-4000-8000-000000000006",
    "type": ["VerifiableCredential"],
    "issuer": ISSUER,
    "validFrom": "2026-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:learner"},
}


def _cose(**options: Any) -> str:
    return jose.sign(CREDENTIAL, KEY, kid=KID, profile="vc+cose", **options)


def test_cose_round_trip_with_did_key() -> None:
    """A vc+cose credential verifies through verify(), from text and from bytes."""
    text = _cose()
    assert verify(text, now=NOW).valid
    assert verify(base64.b64decode(text + "=="), now=NOW).valid
    assert verify(text, now=NOW)["parse"].message.startswith("a COSE_Sign1")


def test_cose_checks_speak_of_vc_cose() -> None:
    """The header and claims checks name vc+cose, never vc+jwt, for a COSE input."""
    result = verify(_cose(), now=NOW)
    assert result["header"].message.endswith("a vc+cose token")
    assert result["claims"].message == "a vc+cose claims set"
    assert not any("jwt" in check.message.lower() for check in result)


@pytest.mark.parametrize(
    "key",
    [
        ec.generate_private_key(ec.SECP384R1()),
        ec.generate_private_key(ec.SECP521R1()),
        ed25519.Ed25519PrivateKey.generate(),
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
    ],
    ids=["P-384", "P-521", "Ed25519", "RSA"],
)
def test_every_key_type_round_trips(key: Any) -> None:
    """COSE signs and verifies with every supported key type."""
    # A did:key kid must name the signing key: these keys are vouched for by key=.
    secured = jose.sign(
        CREDENTIAL, key, kid="https://example.org/k#1", profile="vc+cose"
    )
    assert verify(secured, now=NOW, key=key.public_key()).valid


def test_cbor_round_trip() -> None:
    """The CBOR subset decodes what it encodes."""
    value = CoseTag(18, [b"\x01", {1: -7, "a": [True, None, False]}, "t", -300])
    assert cbor_decode(cbor_encode(value)) == value


@pytest.mark.parametrize(
    "data",
    [b"", b"\xd2", b"\x9f\xff", b"\xfb\x00", b"\xa2\x01\x01\x01\x02", b"\x5a\xff\xff"],
    ids=["empty", "tag-only", "indefinite", "float", "repeated-key", "huge-length"],
)
def test_bad_cbor_is_a_parse_error(data: bytes) -> None:
    """Truncated, indefinite, float, repeated keys: a MicrocredError, not a crash."""
    with pytest.raises(MicrocredError):
        cbor_decode(data)


@settings(max_examples=300)
@given(data=st.binary(max_size=64))
def test_random_bytes_never_crash(data: bytes) -> None:
    """verify() on arbitrary bytes after the COSE tag returns an invalid result."""
    assert not verify(b"\xd2" + data, now=NOW).valid


def test_unknown_algorithm_and_crit_are_refused() -> None:
    """An algorithm outside the list, or any crit label, is refused."""
    payload = b"{}"
    for header in ({1: 5}, {1: -7, 2: [99], 99: 1, 16: "application/vc+cose"}):
        protected = cbor_encode(header)
        token = encode_sign1(protected, payload, b"\x00" * 64)
        result = verify(token, now=NOW)
        assert not result.valid
        assert result.failures[0].outcome is Outcome.UNSUPPORTED


def test_non_label_crit_is_malformed() -> None:
    """crit holding a list instead of labels is malformed, not a crash."""
    token = encode_sign1(cbor_encode({1: -7, 2: [[1]]}), b"{}", b"")
    result = verify(token, now=NOW)
    assert result["parse"].outcome is Outcome.MALFORMED
    assert "crit" in result["parse"].message


def test_algorithm_confusion_is_refused() -> None:
    """ES384 over a P-256 key's signature is a key mismatch."""
    protected = cbor_encode({1: -35, 4: KID.encode(), 16: "application/vc+cose"})
    payload = cbor_decode(base64.b64decode(_cose() + "=="))
    forged = encode_sign1(protected, payload.value[2], payload.value[3])
    result = verify(forged, now=NOW)
    assert result["signature"].outcome is Outcome.KEY_MISMATCH


@settings(max_examples=100)
@given(position=st.integers(0, 10_000), bit=st.integers(0, 7))
def test_any_bit_flip_fails(position: int, bit: int) -> None:
    """Flipping one bit anywhere in the COSE_Sign1 fails verification."""
    raw = bytearray(base64.b64decode(_cose() + "=="))
    raw[position % len(raw)] ^= 1 << bit
    assert not verify(bytes(raw), now=NOW).valid


def test_signature_is_over_the_sig_structure() -> None:
    """The signed bytes are RFC 9052's Sig_structure with an empty AAD."""
    item = cbor_decode(base64.b64decode(_cose() + "=="))
    protected, _, payload, signature = item.value
    data = sig_structure(protected, payload)
    KEY.public_key.verify(signature, data, algorithm="ES256")
    assert verify(_cose(), now=NOW)["signature"].status is CheckStatus.PASSED
