"""Loading certificates and keys from files, and RFC 3161 token checks."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from _jades_pki import (
    NOT_AFTER,
    SIGNING_TIME,
    ec_key,
    issue,
    name,
    rsa_key,
    test_tsa,
    token,
)
from asn1crypto import tsp
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.errors import InvalidDataError, InvalidKeyError
from microcred.securing import jades
from microcred.securing._tsp import TimestampError, verify_token
from microcred.verification import Outcome

PEM = serialization.Encoding.PEM
DER = serialization.Encoding.DER


def test_certificates_load_from_pem_der_and_bundles(tmp_path: Path) -> None:
    """PEM text, PEM files, DER files and PEM bundles all load."""
    tsa = test_tsa()
    pem = tsa.certificate.public_bytes(PEM)
    (tmp_path / "one.der").write_bytes(tsa.certificate.public_bytes(DER))
    (tmp_path / "two.pem").write_bytes(pem + tsa.root.public_bytes(PEM))
    assert jades.load_certificate(pem.decode()) == tsa.certificate
    assert jades.load_certificate(tmp_path / "one.der") == tsa.certificate
    assert jades.load_certificates(tmp_path / "two.pem") == [tsa.certificate, tsa.root]
    with pytest.raises(InvalidDataError, match="holds 2 certificates"):
        jades.load_certificate(tmp_path / "two.pem")


def test_certificate_errors_name_the_file(tmp_path: Path) -> None:
    """Garbage and missing files give InvalidDataError with the path."""
    (tmp_path / "junk.pem").write_bytes(b"-----BEGIN CERTIFICATE-----\nxx\n")
    with pytest.raises(InvalidDataError, match=r"junk\.pem"):
        jades.load_certificate(tmp_path / "junk.pem")
    with pytest.raises(InvalidDataError, match="cannot read"):
        jades.load_certificate(tmp_path / "missing.pem")
    with pytest.raises(InvalidDataError, match="not a PEM or DER"):
        jades.load_certificate(b"\x30\x03\x02\x01\x00")


def test_private_keys_load_in_every_common_form(tmp_path: Path) -> None:
    """PKCS#8 PEM, encrypted PEM, traditional PEM and DER keys load."""
    key = ec_key()
    plain = serialization.NoEncryption()
    forms = {
        "p8.pem": key.private_bytes(PEM, serialization.PrivateFormat.PKCS8, plain),
        "sec1.pem": key.private_bytes(
            PEM, serialization.PrivateFormat.TraditionalOpenSSL, plain
        ),
        "p8.der": key.private_bytes(DER, serialization.PrivateFormat.PKCS8, plain),
    }
    for file_name, data in forms.items():
        (tmp_path / file_name).write_bytes(data)
        loaded = jades.load_private_key(tmp_path / file_name)
        assert loaded.private_numbers() == key.private_numbers()  # type: ignore[union-attr]
    locked = key.private_bytes(
        PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"secret"),
    )
    assert jades.load_private_key(locked, password=b"secret").public_key() == (
        key.public_key()
    )


def test_private_key_errors(tmp_path: Path) -> None:
    """Wrong passwords, other key types and small RSA keys give InvalidKeyError."""
    key = ec_key()
    locked = key.private_bytes(
        PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"secret"),
    )
    with pytest.raises(InvalidKeyError, match="give its password"):
        jades.load_private_key(locked)
    with pytest.raises(InvalidKeyError, match="password is wrong"):
        jades.load_private_key(locked, password=b"nope")
    plain = key.private_bytes(
        PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(InvalidKeyError, match="not encrypted"):
        jades.load_private_key(plain, password=b"x")
    others = {
        "Ed25519": ed25519.Ed25519PrivateKey.generate(),
        "RSA keys under": rsa.generate_private_key(65537, 1024),
        "DSA": dsa.generate_private_key(2048),
    }
    for words, other in others.items():
        data = other.private_bytes(
            PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        with pytest.raises(InvalidKeyError, match=words):
            jades.load_private_key(data)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_junk_never_escapes_as_a_foreign_error(data: bytes) -> None:
    """Arbitrary bytes give our errors only, for keys, certificates and tokens."""
    with pytest.raises(InvalidKeyError):
        jades.load_private_key(data)
    with pytest.raises(InvalidDataError):
        jades.load_certificate(data)
    with pytest.raises(TimestampError):
        verify_token(data, b"message")


# --- RFC 3161 tokens ---------------------------------------------------------------


def test_token_checks() -> None:
    """Imprint, TSA signature, signing-certificate hash and usage are all enforced."""
    tsa = test_tsa()
    good = token(b"m", tsa.key, tsa.certificate, SIGNING_TIME, 7)
    checked = verify_token(good, b"m")
    assert checked.time == SIGNING_TIME
    assert checked.serial == 7
    with pytest.raises(TimestampError, match="imprint"):
        verify_token(good, b"other")

    other = test_tsa()
    forged = token(b"m", other.key, tsa.certificate, SIGNING_TIME, 7)
    with pytest.raises(TimestampError, match="signature"):
        verify_token(forged, b"m")


def test_token_from_a_certificate_without_timestamping_usage() -> None:
    """A certificate without id-kp-timeStamping cannot sign tokens."""
    key = rsa_key()
    plain = issue(name("not a TSA"), key, name("not a TSA"), key, ca=False)
    with pytest.raises(TimestampError, match="not for timestamping"):
        verify_token(token(b"m", key, plain, SIGNING_TIME, 1), b"m")


def test_token_after_tsa_expiry() -> None:
    """A token dated after its TSA certificate expired is refused."""
    tsa = test_tsa()
    late = token(b"m", tsa.key, tsa.certificate, NOT_AFTER + timedelta(days=1), 1)
    with pytest.raises(TimestampError) as info:
        verify_token(late, b"m")
    assert info.value.outcome is Outcome.EXPIRED


def test_token_with_sha1_imprint_is_refused() -> None:
    """SHA-1 imprints are refused as unsupported."""
    tsa = test_tsa()

    def sha1(info: tsp.TSTInfo) -> None:
        info["message_imprint"] = {
            "hash_algorithm": {"algorithm": "sha1"},
            "hashed_message": hashlib.sha1(b"m").digest(),
        }

    weak = token(b"m", tsa.key, tsa.certificate, SIGNING_TIME, 1, tamper=sha1)
    with pytest.raises(TimestampError) as info:
        verify_token(weak, b"m")
    assert info.value.outcome is Outcome.UNSUPPORTED


def test_token_variants_real_tsas_produce() -> None:
    """EC keys, subject-key-identifier signers, ESS v1, certificates given apart."""
    key = ec_key()
    root_key = ec_key()
    certificate = issue(
        name("EC TSU"),
        key,
        name("EC TSA Root"),
        root_key,
        ca=False,
        eku=[ExtendedKeyUsageOID.TIME_STAMPING],
    )
    by_ski = token(b"m", key, certificate, SIGNING_TIME, 1, sid="ski", ess="v1")
    assert verify_token(by_ski, b"m").tsa == certificate

    bare = token(b"m", key, certificate, SIGNING_TIME, 2, embed_certificate=False)
    with pytest.raises(TimestampError) as info:
        verify_token(bare, b"m")
    assert info.value.outcome is Outcome.UNAVAILABLE
    assert verify_token(bare, b"m", extra_certificates=[certificate]).serial == 2


def test_token_with_broken_signed_attributes() -> None:
    """A wrong message digest or a missing signing-certificate attribute fails."""
    tsa = test_tsa()
    wrong = token(b"m", tsa.key, tsa.certificate, SIGNING_TIME, 1, digest_of=b"x")
    with pytest.raises(TimestampError, match="message digest"):
        verify_token(wrong, b"m")
    anonymous = token(b"m", tsa.key, tsa.certificate, SIGNING_TIME, 1, ess=None)
    with pytest.raises(TimestampError, match="signing certificate"):
        verify_token(anonymous, b"m")
