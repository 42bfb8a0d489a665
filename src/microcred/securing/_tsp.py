"""RFC 3161 timestamp tokens: parse, check the imprint, verify the TSA's signature.

A token is a CMS SignedData (RFC 5652) whose content is a TSTInfo. asn1crypto reads
the structures; cryptography verifies the signature. The TSA's certificate path is
not judged here (see ``build_path``): this module answers "did this TSA sign this
imprint at this time".
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import ExtendedKeyUsageOID

from microcred.verification import Outcome

from ._x509 import load_der, validity_problem

__all__ = ["TimestampError", "TimestampToken", "verify_token"]

#: Digest algorithms accepted for imprints and CMS signatures; SHA-1 is refused
#: (ETSI TS 119 312).
_HASHES: dict[str, type[hashes.SHA256 | hashes.SHA384 | hashes.SHA512]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


class TimestampError(Exception):
    """A token is malformed, does not cover the data, or its signature fails."""

    def __init__(self, problem: str, outcome: Outcome = Outcome.INVALID_SIGNATURE):
        super().__init__(problem)
        self.problem = problem
        self.outcome = outcome


@dataclass(frozen=True, slots=True)
class TimestampToken:
    """What a verified token proves: ``imprint`` existed at ``time``."""

    time: datetime
    hash_name: str
    imprint: bytes
    serial: int
    policy: str
    tsa: x509.Certificate
    certificates: tuple[x509.Certificate, ...]

    def summary(self) -> dict[str, Any]:
        """The JSON-friendly facts a report shows."""
        return {
            "time": self.time.isoformat(),
            "tsa": self.tsa.subject.rfc4514_string(),
            "serial": str(self.serial),
            "policy": self.policy,
            "hash": self.hash_name,
        }


def verify_token(
    der: bytes, message: bytes, *, extra_certificates: Iterable[x509.Certificate] = ()
) -> TimestampToken:
    """Check that ``der`` is a token over ``message`` signed by its TSA.

    ``extra_certificates`` are searched for the TSA certificate when the token does
    not carry it (``certReq`` false).
    """
    try:
        signed_data, info, content = _open(der)
        token = _check(signed_data, info, content, message, extra_certificates)
    except TimestampError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        # asn1crypto parses lazily, so a malformed inner field surfaces here.
        raise TimestampError(
            f"the token is malformed ({type(error).__name__})", Outcome.MALFORMED
        ) from None
    return token


def _open(der: bytes) -> tuple[Any, Any, bytes]:
    info = cms.ContentInfo.load(der, strict=True)
    if info["content_type"].native != "signed_data":
        raise TimestampError("the token is not CMS SignedData", Outcome.MALFORMED)
    signed_data = info["content"]
    encapsulated = signed_data["encap_content_info"]
    if encapsulated["content_type"].native != "tst_info":
        raise TimestampError("the token does not hold a TSTInfo", Outcome.MALFORMED)
    content = bytes(encapsulated["content"].contents)
    return signed_data, encapsulated["content"].parsed, content


def _check(
    signed_data: Any,
    info: Any,
    content: bytes,
    message: bytes,
    extra_certificates: Iterable[x509.Certificate],
) -> TimestampToken:
    hash_name = _check_imprint(info, message)
    signers = signed_data["signer_infos"]
    if len(signers) != 1:
        raise TimestampError("a token must have exactly one signer", Outcome.MALFORMED)
    signer = signers[0]
    # RFC 5652 clause 5.4: the signature covers the attributes with a SET OF tag,
    # not the [0] IMPLICIT tag they carry inside SignerInfo. Taken before anything
    # else reads them: asn1crypto re-encodes structures once their values are read.
    signed = b"\x31" + bytes(signer["signed_attrs"].dump())[1:]
    certificates = _token_certificates(signed_data)
    tsa = _signer_certificate(signer, [*certificates, *extra_certificates])

    digest_name = _hash_name(signer["digest_algorithm"]["algorithm"].native)
    _check_signed_attributes(signer, content, tsa, digest_name)
    _check_signature(signer, signed, tsa, digest_name)

    time = info["gen_time"].native
    _check_tsa_certificate(tsa, time)
    return TimestampToken(
        time=time,
        hash_name=hash_name,
        imprint=bytes(info["message_imprint"]["hashed_message"].native),
        serial=int(info["serial_number"].native),
        policy=str(info["policy"].dotted),
        tsa=tsa,
        certificates=tuple(certificates),
    )


def _hash_name(name: str) -> str:
    if name not in _HASHES:
        raise TimestampError(f"digest algorithm {name} is refused", Outcome.UNSUPPORTED)
    return name


def _check_imprint(info: Any, message: bytes) -> str:
    imprint = info["message_imprint"]
    name = _hash_name(imprint["hash_algorithm"]["algorithm"].native)
    expected = hashlib.new(name, message).digest()
    if imprint["hashed_message"].native != expected:
        raise TimestampError("the token's message imprint does not match the data")
    return name


def _token_certificates(signed_data: Any) -> list[x509.Certificate]:
    return [
        load_der(choice.chosen.dump())
        for choice in signed_data["certificates"] or []
        if choice.name == "certificate"
    ]


def _signer_certificate(
    signer: Any, candidates: Iterable[x509.Certificate]
) -> x509.Certificate:
    sid = signer["sid"]
    for certificate in candidates:
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if certificate.serial_number == wanted["serial_number"].native and (
                certificate.issuer.public_bytes() == wanted["issuer"].dump()
            ):
                return certificate
        elif _subject_key_id(certificate) == sid.chosen.native:
            return certificate
    raise TimestampError(
        "the TSA certificate is neither in the token nor in the validation data",
        Outcome.UNAVAILABLE,
    )


def _subject_key_id(certificate: x509.Certificate) -> bytes | None:
    try:
        extension = certificate.extensions.get_extension_for_class(
            x509.SubjectKeyIdentifier
        )
    except x509.ExtensionNotFound:
        return None
    return extension.value.digest


def _attributes(signer: Any) -> dict[str, Any]:
    attributes = signer["signed_attrs"]
    if not attributes:
        raise TimestampError("the token has no signed attributes", Outcome.MALFORMED)
    found: dict[str, Any] = {}
    for attribute in attributes:
        name = attribute["type"].native
        values = attribute["values"]
        if name in found or len(values) != 1:
            # RFC 5652 clause 5.3: each attribute type once, with one value here.
            raise TimestampError(f"attribute {name} is repeated", Outcome.MALFORMED)
        found[name] = values[0]
    return found


def _check_signed_attributes(
    signer: Any, content: bytes, tsa: x509.Certificate, digest_name: str
) -> None:
    attributes = _attributes(signer)
    if attributes.get("content_type") is None or (
        attributes["content_type"].native != "tst_info"
    ):
        raise TimestampError("the signed content type is not TSTInfo")
    digest = attributes.get("message_digest")
    if digest is None or digest.native != hashlib.new(digest_name, content).digest():
        raise TimestampError("the signed message digest does not match the TSTInfo")
    _check_signing_certificate(attributes, tsa)

    protection = attributes.get("cms_algorithm_protection")
    if protection is not None and (
        protection["digest_algorithm"]["algorithm"].native != digest_name
    ):
        raise TimestampError("the CMS algorithm protection names another digest")


def _check_signing_certificate(
    attributes: dict[str, Any], tsa: x509.Certificate
) -> None:
    # RFC 3161 clause 2.4.1 / RFC 5816: the token names its TSA certificate by hash,
    # so a substituted certificate with the same key is detected.
    der = tsa.public_bytes(Encoding.DER)
    if "signing_certificate_v2" in attributes:
        first = attributes["signing_certificate_v2"]["certs"][0]
        name = first["hash_algorithm"]["algorithm"].native
        expected = hashlib.new(_hash_name(name), der).digest()
    elif "signing_certificate" in attributes:
        first = attributes["signing_certificate"]["certs"][0]
        # ESS v1 identifies the certificate by SHA-1; an identifier, not a signature.
        expected = hashlib.sha1(der, usedforsecurity=False).digest()
    else:
        raise TimestampError("the token does not name its signing certificate")
    if first["cert_hash"].native != expected:
        raise TimestampError("the token names a different TSA certificate")


def _check_signature(
    signer: Any, signed: bytes, tsa: x509.Certificate, digest_name: str
) -> None:
    algorithm = signer["signature_algorithm"]
    scheme = algorithm.signature_algo
    signature = bytes(signer["signature"].native)
    key = tsa.public_key()
    hash_ = _HASHES[digest_name]()
    try:
        if scheme == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signed, padding.PKCS1v15(), hash_)
        elif scheme == "rsassa_pss" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signed, _pss(algorithm, digest_name), hash_)
        elif scheme == "ecdsa" and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, signed, ec.ECDSA(hash_))
        else:
            raise TimestampError(
                f"signature algorithm {scheme} does not fit the TSA key",
                Outcome.UNSUPPORTED,
            )
    except InvalidSignature:
        raise TimestampError("the TSA's signature over the token fails") from None


def _pss(algorithm: Any, digest_name: str) -> padding.PSS:
    parameters = algorithm["parameters"]
    if parameters["hash_algorithm"]["algorithm"].native != digest_name:
        raise TimestampError("the PSS parameters name another digest")
    mgf_hash = _hash_name(
        parameters["mask_gen_algorithm"]["parameters"]["algorithm"].native
    )
    return padding.PSS(
        padding.MGF1(_HASHES[mgf_hash]()), parameters["salt_length"].native
    )


def _check_tsa_certificate(tsa: x509.Certificate, time: datetime) -> None:
    # RFC 3161 clause 2.3: the TSA certificate has one critical extended key usage,
    # id-kp-timeStamping.
    try:
        usage = tsa.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound:
        usage = None
    if usage is None or ExtendedKeyUsageOID.TIME_STAMPING not in usage.value:
        raise TimestampError("the TSA certificate is not for timestamping")
    if not usage.critical:
        raise TimestampError("the TSA certificate's timestamping usage is not critical")
    problem = validity_problem(tsa, time)
    if problem is not None:
        raise TimestampError(
            f"the TSA certificate was {problem.value.replace('-', ' ')} at the "
            f"token's time",
            problem,
        )
