"""Revocation of the seal certificate from OCSP responses and CRLs the seal embeds."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from _jades_pki import (
    NOT_BEFORE,
    SIGNING_TIME,
    SealIdentity,
    ec_key,
    issue,
    name,
    seal_identity,
)
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID

from microcred.securing import jades
from microcred.securing._jws import b64url_encode
from microcred.verification import CheckStatus, Outcome

AFTER = SIGNING_TIME + timedelta(minutes=1)


@pytest.fixture(scope="module")
def identity() -> SealIdentity:
    """A P-256 seal identity whose issuing CA key the tests hold."""
    return seal_identity(ec_key())


def _ocsp(
    identity: SealIdentity,
    *,
    status: ocsp.OCSPCertStatus = ocsp.OCSPCertStatus.GOOD,
    revoked: datetime | None = None,
    this_update: datetime = AFTER,
    responder: tuple[x509.Certificate, Any] | None = None,
) -> bytes:
    issuer = identity.chain[0]
    signer_certificate, signer_key = responder or (issuer, identity.issuer_key)
    builder = (
        ocsp.OCSPResponseBuilder()
        .add_response(
            cert=identity.certificate,
            issuer=issuer,
            algorithm=hashes.SHA1(),
            cert_status=status,
            this_update=this_update,
            next_update=this_update + timedelta(days=7),
            revocation_time=revoked,
            revocation_reason=None,
        )
        .responder_id(ocsp.OCSPResponderEncoding.HASH, signer_certificate)
    )
    if responder is not None:
        builder = builder.certificates([signer_certificate])
    return builder.sign(signer_key, hashes.SHA256()).public_bytes(Encoding.DER)


def _crl(identity: SealIdentity, *, revoked: datetime | None) -> bytes:
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(identity.chain[0].subject)
        .last_update(AFTER)
        .next_update(AFTER + timedelta(days=7))
    )
    if revoked is not None:
        entry = (
            x509.RevokedCertificateBuilder()
            .serial_number(identity.certificate.serial_number)
            .revocation_date(revoked)
            .build()
        )
        builder = builder.add_revoked_certificate(entry)
    return builder.sign(identity.issuer_key, hashes.SHA256()).public_bytes(Encoding.DER)


def _sealed_with(
    identity: SealIdentity, *, ocsp_ders: list[bytes] = (), crl_ders: list[bytes] = ()
) -> dict[str, Any]:
    """A B-B seal with rVals added as an unsigned property."""
    document = jades.seal(
        {"id": "urn:x"},
        certificate=identity.certificate,
        private_key=identity.key,
        chain=identity.chain,
        signing_time=SIGNING_TIME,
    )
    values: dict[str, Any] = {}
    if ocsp_ders:
        values["ocspVals"] = [{"val": base64.b64encode(d).decode()} for d in ocsp_ders]
    if crl_ders:
        values["crlVals"] = [{"val": base64.b64encode(d).decode()} for d in crl_ders]
    encoded = b64url_encode(json.dumps({"rVals": values}).encode())
    document["signatures"][0]["header"] = {"etsiU": [encoded]}
    return document


def _revocation(document: dict[str, Any], **kwargs: Any) -> Any:
    return jades.verify_seal(document, check_issuer=False, **kwargs)["revocation"]


def test_no_revocation_data_is_skipped(identity: SealIdentity) -> None:
    """A B-B seal says revocation was not checked."""
    sealed = jades.seal(
        {"id": "urn:x"},
        certificate=identity.certificate,
        private_key=identity.key,
        signing_time=SIGNING_TIME,
    )
    check = _revocation(sealed)
    assert check.status is CheckStatus.SKIPPED
    assert check.outcome is Outcome.NOT_CHECKED


def test_ocsp_good_from_the_ca(identity: SealIdentity) -> None:
    """A good answer signed by the issuing CA, issued after signing, passes."""
    check = _revocation(_sealed_with(identity, ocsp_ders=[_ocsp(identity)]))
    assert check.status is CheckStatus.PASSED, check.message
    assert check.details["source"] == "OCSP"


def test_ocsp_revoked_before_signing_fails(identity: SealIdentity) -> None:
    """A certificate revoked before the signing time makes the seal fail."""
    der = _ocsp(
        identity,
        status=ocsp.OCSPCertStatus.REVOKED,
        revoked=SIGNING_TIME - timedelta(days=1),
    )
    document = _sealed_with(identity, ocsp_ders=[der])
    check = _revocation(document)
    assert check.status is CheckStatus.FAILED
    assert check.outcome is Outcome.REVOKED
    assert not jades.verify_seal(document, check_issuer=False).valid


def test_ocsp_revoked_after_signing(identity: SealIdentity) -> None:
    """Revoked later: fine at the signing time, revoked when asked later."""
    revoked = SIGNING_TIME + timedelta(seconds=30)
    der = _ocsp(identity, status=ocsp.OCSPCertStatus.REVOKED, revoked=revoked)
    document = _sealed_with(identity, ocsp_ders=[der])
    assert _revocation(document).status is CheckStatus.PASSED
    later = _revocation(document, at=revoked + timedelta(seconds=10))
    assert later.outcome is Outcome.REVOKED


def test_stale_or_forged_ocsp_is_a_warning(identity: SealIdentity) -> None:
    """An answer from before signing, or signed by a stranger, proves nothing."""
    stale = _ocsp(identity, this_update=SIGNING_TIME - timedelta(days=2))
    check = _revocation(_sealed_with(identity, ocsp_ders=[stale]))
    assert check.status is CheckStatus.WARNING
    assert "predates" in check.message

    stranger_key = ec_key()
    stranger = issue(
        name("OCSP"),
        stranger_key,
        name("OCSP"),
        stranger_key,
        ca=False,
        eku=[ExtendedKeyUsageOID.OCSP_SIGNING],
    )
    forged = _ocsp(identity, responder=(stranger, stranger_key))
    check = _revocation(_sealed_with(identity, ocsp_ders=[forged]))
    assert check.status is CheckStatus.WARNING
    assert "not signed by the CA" in check.message


def test_delegated_responder_needs_ocsp_signing(identity: SealIdentity) -> None:
    """A responder certified by the CA counts only with id-kp-OCSPSigning."""
    issuer = identity.chain[0]
    responder_key = ec_key()
    for eku, expected in (
        ([ExtendedKeyUsageOID.OCSP_SIGNING], CheckStatus.PASSED),
        ([ExtendedKeyUsageOID.CLIENT_AUTH], CheckStatus.WARNING),
    ):
        responder = issue(
            name("Responder"),
            responder_key,
            issuer.subject,
            identity.issuer_key,
            ca=False,
            eku=eku,
            not_before=NOT_BEFORE,
        )
        der = _ocsp(identity, responder=(responder, responder_key))
        check = _revocation(_sealed_with(identity, ocsp_ders=[der]))
        assert check.status is expected, check.message


def test_crl_listing_and_not_listing(identity: SealIdentity) -> None:
    """A CRL from the CA revokes a listed certificate and clears an absent one."""
    listed = _crl(identity, revoked=SIGNING_TIME - timedelta(hours=1))
    check = _revocation(_sealed_with(identity, crl_ders=[listed]))
    assert check.outcome is Outcome.REVOKED
    clean = _crl(identity, revoked=None)
    check = _revocation(_sealed_with(identity, crl_ders=[clean]))
    assert check.status is CheckStatus.PASSED
    assert check.details["source"] == "CRL"


def test_issuer_unknown_is_a_warning(identity: SealIdentity) -> None:
    """Without the CA certificate the embedded data cannot be checked."""
    document = _sealed_with(identity, ocsp_ders=[_ocsp(identity)])
    header = document["signatures"][0]["protected"]
    payload = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))
    assert len(payload["x5c"]) == 2
    leaf_only = jades.seal(
        {"id": "urn:x"},
        certificate=identity.certificate,
        private_key=identity.key,
        signing_time=SIGNING_TIME,
    )
    leaf_only["signatures"][0]["header"] = document["signatures"][0]["header"]
    check = _revocation(leaf_only)
    assert check.status is CheckStatus.WARNING
    assert "not available" in check.message
    trusted = _revocation(leaf_only, trust=[identity.chain[0]])
    assert trusted.status is CheckStatus.PASSED
