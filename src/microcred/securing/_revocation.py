"""Revocation of the seal certificate from the data a B-LT/B-LTA seal embeds.

Only what the seal carries is used (``rVals``: OCSP responses and CRLs); nothing is
fetched. An OCSP response counts when its signer is the issuing CA or a responder
the CA delegated (RFC 6960 clause 4.2.2.2); a CRL counts when the issuing CA signed
it. Either must have been issued at or after the time being judged: older data says
nothing about that time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID

from ._x509 import validity_problem

__all__ = ["RevocationFinding", "find_issuer", "judge"]


@dataclass(frozen=True, slots=True)
class RevocationFinding:
    """What the embedded data says about the seal certificate at one time."""

    state: str  # "good", "revoked", "unknown" or "none"
    message: str
    details: dict[str, Any] = field(default_factory=dict)


def find_issuer(
    certificate: x509.Certificate, candidates: Iterable[x509.Certificate]
) -> x509.Certificate | None:
    """The candidate whose key signed ``certificate``, if any."""
    for candidate in candidates:
        if candidate.subject != certificate.issuer:
            continue
        try:
            certificate.verify_directly_issued_by(candidate)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return candidate
    return None


def _signature_holds(key: Any, signature: bytes, data: bytes, hash_: Any) -> bool:
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), hash_)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(hash_))
        else:
            return False
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _matches(single: Any, leaf: x509.Certificate, issuer: x509.Certificate) -> bool:
    if single.serial_number != leaf.serial_number:
        return False
    name = single.hash_algorithm.name
    parsed = asn1_x509.Certificate.load(issuer.public_bytes(Encoding.DER))
    name_hash = hashlib.new(name, issuer.subject.public_bytes()).digest()
    key_hash = hashlib.new(name, parsed.public_key["public_key"].contents[1:]).digest()
    return bool(
        single.issuer_name_hash == name_hash and single.issuer_key_hash == key_hash
    )


def _responder(
    response: ocsp.OCSPResponse,
    issuer: x509.Certificate,
    extra: Sequence[x509.Certificate],
) -> x509.Certificate | None:
    for candidate in [issuer, *response.certificates, *extra]:
        if response.responder_key_hash is not None:
            parsed = asn1_x509.Certificate.load(candidate.public_bytes(Encoding.DER))
            if parsed.public_key.sha1 != response.responder_key_hash:
                continue
        elif candidate.subject != response.responder_name:
            continue
        if candidate == issuer or _delegated(candidate, issuer, response):
            return candidate
    return None


def _delegated(
    candidate: x509.Certificate, issuer: x509.Certificate, response: ocsp.OCSPResponse
) -> bool:
    # RFC 6960 clause 4.2.2.2: a delegated responder is issued by the CA itself and
    # carries id-kp-OCSPSigning.
    if find_issuer(candidate, [issuer]) is None:
        return False
    if validity_problem(candidate, response.produced_at_utc) is not None:
        return False
    try:
        usage = candidate.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound:
        return False
    return ExtendedKeyUsageOID.OCSP_SIGNING in usage.value


def _from_ocsp(
    der: bytes,
    leaf: x509.Certificate,
    issuer: x509.Certificate,
    extra: Sequence[x509.Certificate],
    at: datetime,
) -> RevocationFinding | None:
    response = ocsp.load_der_ocsp_response(der)
    if response.response_status is not ocsp.OCSPResponseStatus.SUCCESSFUL:
        return None
    single = next((s for s in response.responses if _matches(s, leaf, issuer)), None)
    if single is None:
        return None
    responder = _responder(response, issuer, extra)
    if responder is None or not _signature_holds(
        responder.public_key(),
        response.signature,
        response.tbs_response_bytes,
        response.signature_hash_algorithm,
    ):
        return RevocationFinding(
            "unknown",
            "an embedded OCSP response is not signed by the CA or its responder",
        )
    details = {
        "source": "OCSP",
        "responder": responder.subject.rfc4514_string(),
        "thisUpdate": single.this_update_utc.isoformat(),
    }
    return _status(single, at, details)


def _status(single: Any, at: datetime, details: dict[str, Any]) -> RevocationFinding:
    status = single.certificate_status
    if status is ocsp.OCSPCertStatus.REVOKED:
        revoked = single.revocation_time_utc
        details["revoked"] = revoked.isoformat()
        if revoked <= at:
            return RevocationFinding(
                "revoked", f"revoked on {revoked.isoformat()}", details
            )
        return RevocationFinding(
            "good",
            f"not revoked at that time (revoked later, {revoked.isoformat()})",
            details,
        )
    if status is not ocsp.OCSPCertStatus.GOOD:
        return RevocationFinding(
            "unknown", "the OCSP responder answered unknown", details
        )
    if single.this_update_utc < at:
        return RevocationFinding(
            "unknown", "the embedded OCSP response predates the time judged", details
        )
    return RevocationFinding("good", "an embedded OCSP response says good", details)


def _from_crl(
    der: bytes, leaf: x509.Certificate, issuer: x509.Certificate, at: datetime
) -> RevocationFinding | None:
    crl = x509.load_der_x509_crl(der)
    if crl.issuer != leaf.issuer or not crl.is_signature_valid(issuer.public_key()):  # type: ignore[arg-type]
        return None
    details = {"source": "CRL", "thisUpdate": crl.last_update_utc.isoformat()}
    entry = crl.get_revoked_certificate_by_serial_number(leaf.serial_number)
    if entry is not None:
        revoked = entry.revocation_date_utc
        details["revoked"] = revoked.isoformat()
        if revoked <= at:
            return RevocationFinding(
                "revoked", f"listed as revoked on {revoked.isoformat()}", details
            )
    if crl.last_update_utc < at:
        return RevocationFinding(
            "unknown", "the embedded CRL predates the time judged", details
        )
    return RevocationFinding("good", "not listed on an embedded CRL", details)


def judge(
    leaf: x509.Certificate,
    issuer: x509.Certificate,
    *,
    ocsp_responses: Sequence[bytes],
    crls: Sequence[bytes],
    extra: Sequence[x509.Certificate],
    at: datetime,
) -> RevocationFinding:
    """The strongest finding from the embedded data: revoked, good, unknown, none."""
    findings = [_from_ocsp(der, leaf, issuer, extra, at) for der in ocsp_responses]
    findings += [_from_crl(der, leaf, issuer, at) for der in crls]
    found = [finding for finding in findings if finding is not None]
    for state in ("revoked", "good", "unknown"):
        for finding in found:
            if finding.state == state:
                return finding
    return RevocationFinding(
        "none", "no embedded revocation data covers the seal certificate"
    )
