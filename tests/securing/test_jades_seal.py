"""Sealing with a test PKI: B-B and B-T, RSA and EC, checked two ways."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from _jades_pki import (
    NOT_AFTER,
    NOT_BEFORE,
    SIGNING_TIME,
    SealIdentity,
    TestTsa,
    ec_key,
    rsa_key,
    seal_identity,
    test_tsa,
)
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from microcred.errors import (
    InvalidDataError,
    InvalidKeyError,
    SecuringError,
    VerificationError,
)
from microcred.securing import jades
from microcred.verification import CheckStatus, Outcome

VECTORS = Path(__file__).parents[1] / "vectors" / "edc"


def _b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@pytest.fixture(scope="module")
def credential() -> dict[str, Any]:
    """The EU micro-credential's own payload, whose issuer is ORGANIZACION TEST."""
    document = json.loads((VECTORS / "Sample-MC-Annex1-signed.jsonld").read_bytes())
    parsed: dict[str, Any] = json.loads(document["payload"])
    return parsed


@pytest.fixture(scope="module")
def rsa_identity() -> SealIdentity:
    """An RSA-2048 seal certificate under a two-level test CA."""
    return seal_identity(rsa_key())


@pytest.fixture(scope="module")
def ec_identity() -> SealIdentity:
    """A P-256 seal certificate under a two-level test CA."""
    return seal_identity(ec_key())


@pytest.fixture(scope="module")
def tsa() -> TestTsa:
    """A test TSA producing real RFC 3161 tokens."""
    return test_tsa()


def _seal(identity: SealIdentity, credential: Any, **kwargs: Any) -> dict[str, Any]:
    return jades.seal(
        credential,
        certificate=identity.certificate,
        private_key=identity.key,
        chain=kwargs.pop("chain", identity.chain),
        signing_time=kwargs.pop("signing_time", SIGNING_TIME),
        **kwargs,
    )


def _independent_check(document: dict[str, Any]) -> None:
    """Verify with plain cryptography, nothing from microcred."""
    entry = document["signatures"][0]
    header = json.loads(_b64url(entry["protected"]))
    leaf = x509.load_der_x509_certificate(base64.b64decode(header["x5c"][0]))
    signing_input = (entry["protected"] + "." + document["payload"]).encode()
    signature = _b64url(entry["signature"])
    key = leaf.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        key.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
    else:
        assert isinstance(key, ec.EllipticCurvePublicKey)
        r, s = int.from_bytes(signature[:32]), int.from_bytes(signature[32:])
        key.verify(encode_dss_signature(r, s), signing_input, ec.ECDSA(hashes.SHA256()))
    digest = base64.urlsafe_b64encode(leaf.fingerprint(hashes.SHA256())).rstrip(b"=")
    assert header["x5t#S256"] == digest.decode()


@pytest.mark.parametrize("which", ["rsa_identity", "ec_identity"])
def test_seal_verifies_both_ways(
    which: str, credential: dict[str, Any], request: pytest.FixtureRequest
) -> None:
    """Our B-B seal passes our verifier and a plain cryptography check."""
    identity: SealIdentity = request.getfixturevalue(which)
    sealed = _seal(identity, credential)
    _independent_check(sealed)
    result = jades.verify_seal(sealed, trust=[identity.root])
    assert result.valid, result.to_dict()
    assert result["trust"].status is CheckStatus.PASSED
    assert result["issuer"].status is CheckStatus.PASSED
    assert result["timestamp"].status is CheckStatus.SKIPPED


def test_seal_has_the_eu_header_shape(rsa_identity: SealIdentity) -> None:
    """alg, cty, kid, x5t#S256, x5c, typ, b64, sigT and crit, as the EU writes them."""
    sealed = _seal(rsa_identity, {"id": "urn:x"})
    header = json.loads(_b64url(sealed["signatures"][0]["protected"]))
    assert list(header) == [
        "alg",
        "cty",
        "kid",
        "x5t#S256",
        "x5c",
        "typ",
        "b64",
        "sigT",
        "crit",
    ]
    assert header["alg"] == "RS256"
    assert header["b64"] is False
    assert header["sigT"] == "2025-06-01T12:00:00Z"
    assert len(header["x5c"]) == 2
    assert sealed["payload"] == '{"id":"urn:x"}'


def test_seal_of_text_keeps_it_verbatim(rsa_identity: SealIdentity) -> None:
    """JSON text is sealed exactly as given, spacing included."""
    text = '{ "id" : "urn:x",\n  "type": ["VerifiableCredential"] }'
    sealed = _seal(rsa_identity, text)
    assert sealed["payload"] == text
    assert jades.verify_seal(sealed, check_issuer=False).valid


def test_seal_with_timestamp_is_b_t(
    rsa_identity: SealIdentity, tsa: TestTsa, credential: dict[str, Any]
) -> None:
    """The TSA gets the base64url signature; the token verifies and gives its time."""
    sealed = _seal(rsa_identity, credential, timestamp=tsa)
    signature = sealed["signatures"][0]["signature"]
    assert tsa.calls[-1] == signature.encode()
    result = jades.verify_seal(
        sealed, trust=[rsa_identity.root], timestamp_trust=[tsa.root]
    )
    assert result.valid, result.to_dict()
    assert result["timestamp"].status is CheckStatus.PASSED
    assert result["timestamp"].details["time"] == tsa.time.isoformat()
    assert result["timestamp-trust"].status is CheckStatus.PASSED
    assert tsa.time.strftime("%H:%M:%S") in result["validity"].message


def test_timestamp_for_other_data_is_refused_at_sealing(
    rsa_identity: SealIdentity, tsa: TestTsa
) -> None:
    """A TSA answer that does not cover the signature never ends up in a seal."""

    def wrong(message: bytes) -> bytes:
        return tsa(message + b"x")

    with pytest.raises(SecuringError, match="imprint"):
        _seal(rsa_identity, {"id": "urn:x"}, timestamp=wrong)


def test_timestamp_before_signing_time_fails(
    rsa_identity: SealIdentity, tsa: TestTsa
) -> None:
    """A signature timestamp earlier than sigT contradicts the claimed time."""
    early = TestTsa(
        tsa.key, tsa.certificate, tsa.root, time=SIGNING_TIME - timedelta(hours=1)
    )
    sealed = _seal(rsa_identity, {"id": "urn:x"}, timestamp=early)
    result = jades.verify_seal(sealed, check_issuer=False)
    assert result["timestamp"].status is CheckStatus.FAILED
    assert "earlier" in result["timestamp"].message


def test_validity_at_signing_time_and_today(ec_identity: SealIdentity) -> None:
    """A seal made in the window verifies at sigT and fails after expiry."""
    sealed = _seal(ec_identity, {"id": "urn:x"})
    assert jades.verify_seal(sealed, check_issuer=False).valid
    later = jades.verify_seal(
        sealed, at=NOT_AFTER + timedelta(days=1), check_issuer=False
    )
    assert later["validity"].outcome is Outcome.EXPIRED
    earlier = jades.verify_seal(
        sealed, at=NOT_BEFORE - timedelta(days=1), check_issuer=False
    )
    assert earlier["validity"].outcome is Outcome.NOT_YET_VALID


def test_trust_untrusted_and_no_anchors(
    rsa_identity: SealIdentity, ec_identity: SealIdentity
) -> None:
    """Without anchors trust is skipped; with the wrong ones it is UNTRUSTED."""
    sealed = _seal(rsa_identity, {"id": "urn:x"})
    skipped = jades.verify_seal(sealed, check_issuer=False)
    assert skipped["trust"].status is CheckStatus.SKIPPED
    wrong = jades.verify_seal(sealed, trust=[ec_identity.root], check_issuer=False)
    assert wrong["trust"].outcome is Outcome.UNTRUSTED
    assert wrong["signature"].status is CheckStatus.PASSED
    assert not wrong.valid


def test_issuer_mismatch(credential: dict[str, Any]) -> None:
    """A certificate for another organisation fails the issuer comparison."""
    other = seal_identity(
        ec_key(), organization="OTRA ENTIDAD", organization_id="VATES-B1"
    )
    sealed = _seal(other, credential)
    result = jades.verify_seal(sealed)
    assert result["issuer"].outcome is Outcome.ISSUER_MISMATCH
    assert "legalName" in result["issuer"].message
    assert "eIDASIdentifier" in result["issuer"].message
    assert jades.verify_seal(sealed, check_issuer=False).valid


def test_issuer_country_mismatch(credential: dict[str, Any]) -> None:
    """The same names under another country's certificate do not match."""
    french = seal_identity(ec_key(), country="FR")
    result = jades.verify_seal(_seal(french, credential))
    assert result["issuer"].outcome is Outcome.ISSUER_MISMATCH
    assert "country FR" in result["issuer"].message


def test_unseal_returns_the_credential_or_raises(
    rsa_identity: SealIdentity, credential: dict[str, Any]
) -> None:
    """unseal gives back the credential, and raises with every check on failure."""
    sealed = _seal(rsa_identity, credential)
    assert jades.unseal(sealed) == credential
    with pytest.raises(VerificationError, match="validity") as info:
        jades.unseal(sealed, at=NOT_AFTER + timedelta(days=1))
    assert info.value.result is not None


def test_seal_refuses_a_key_of_another_certificate(rsa_identity: SealIdentity) -> None:
    """The private key must belong to the certificate."""
    with pytest.raises(InvalidKeyError, match="does not belong"):
        jades.seal(
            {"id": "urn:x"},
            certificate=rsa_identity.certificate,
            private_key=rsa_key(),
            signing_time=SIGNING_TIME,
        )


def test_seal_refuses_an_expired_certificate(ec_identity: SealIdentity) -> None:
    """A seal dated outside the certificate's validity is never produced."""
    with pytest.raises(SecuringError, match="expired"):
        _seal(ec_identity, {"id": "urn:x"}, signing_time=NOT_AFTER + timedelta(days=1))


def test_seal_refuses_naive_time_and_wrong_algorithm(ec_identity: SealIdentity) -> None:
    """Naive datetimes and an algorithm that does not fit the key are refused."""
    with pytest.raises(InvalidDataError, match="time-zone"):
        _seal(
            ec_identity, {"id": "urn:x"}, signing_time=SIGNING_TIME.replace(tzinfo=None)
        )
    with pytest.raises(InvalidKeyError, match="RSA"):
        _seal(ec_identity, {"id": "urn:x"}, algorithm="RS256")
    with pytest.raises(InvalidKeyError, match="not supported"):
        _seal(ec_identity, {"id": "urn:x"}, algorithm="none")


def test_seal_refuses_non_object_credentials(ec_identity: SealIdentity) -> None:
    """Only a JSON object is a credential."""
    with pytest.raises(InvalidDataError, match="object"):
        _seal(ec_identity, "[1, 2]")


def test_ps256_seal_verifies(rsa_identity: SealIdentity) -> None:
    """RSASSA-PSS is accepted when asked for."""
    sealed = _seal(rsa_identity, {"id": "urn:x"}, algorithm="PS256")
    result = jades.verify_seal(sealed, check_issuer=False)
    assert result.valid
    assert "PS256" in result["signature"].message


def test_seal_refuses_a_chain_of_other_things(rsa_identity: SealIdentity) -> None:
    """The chain must hold certificates, not their PEM text."""
    with pytest.raises(InvalidDataError, match="chain"):
        _seal(rsa_identity, {"id": "urn:x"}, chain=["-----BEGIN CERTIFICATE-----"])
