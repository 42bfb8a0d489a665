"""X.509 for seals: loading certificates and keys, validity, paths, the ``kid``.

Path validation uses :mod:`cryptography.x509.verification` with the Web PKI rules for
CA certificates and a permissive policy for the end-entity (eSeal certificates carry
e-mail and client-auth purposes, which the Web PKI end-entity rules refuse); what the
seal needs from the end-entity certificate is checked here instead.
"""

from __future__ import annotations

import base64
import binascii
import functools
import os
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from asn1crypto import tsp as asn1_tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm as UnsupportedAlgorithmError
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509 import verification
from cryptography.x509.oid import ExtensionOID, NameOID

from microcred.errors import InvalidDataError, InvalidKeyError
from microcred.verification import Outcome

from ._jws import MIN_RSA_BITS, PrivateKey

__all__ = [
    "EE_CRITICAL_EXTENSIONS",
    "PathError",
    "build_path",
    "issuer_serial",
    "kid_problem",
    "load_certificate",
    "load_certificates",
    "load_der",
    "load_private_key",
    "subject_value",
    "validity_problem",
]

#: Critical extensions an end-entity seal certificate may carry that this module
#: understands (RFC 5280 clause 4.2: an unknown critical extension means refusal).
EE_CRITICAL_EXTENSIONS = frozenset(
    {
        ExtensionOID.KEY_USAGE,
        ExtensionOID.BASIC_CONSTRAINTS,
        ExtensionOID.EXTENDED_KEY_USAGE,
        ExtensionOID.CERTIFICATE_POLICIES,
        ExtensionOID.SUBJECT_ALTERNATIVE_NAME,
    }
)

#: Certificate chains longer than this are refused (x5c plus validation data).
MAX_CHAIN_DEPTH = 8


class PathError(Exception):
    """No acceptable path from a certificate to the caller's trust anchors."""

    def __init__(self, problem: str, outcome: Outcome = Outcome.UNTRUSTED) -> None:
        super().__init__(problem)
        self.problem = problem
        self.outcome = outcome


def load_der(der: bytes) -> x509.Certificate:
    """A DER certificate parsed in full, so no field fails later when read.

    cryptography parses names and extensions lazily; a damaged field would
    otherwise raise only when a report reads it. Raises ValueError.
    """
    return _parsed_in_full(x509.load_der_x509_certificate(der))


def _parsed_in_full(certificate: x509.Certificate) -> x509.Certificate:
    try:
        certificate.subject.rfc4514_string()
        certificate.issuer.rfc4514_string()
        _ = certificate.extensions, certificate.not_valid_after_utc
        certificate.public_key()
    except (ValueError, x509.DuplicateExtension, UnsupportedAlgorithmError) as error:
        raise ValueError(f"not a usable certificate ({type(error).__name__})") from None
    return certificate


def _read(source: bytes | str | os.PathLike[str], what: str) -> bytes:
    if isinstance(source, os.PathLike):
        try:
            return Path(source).read_bytes()
        except OSError as error:
            raise InvalidDataError(
                f"cannot read the {what} file: {error.strerror}", path=str(source)
            ) from None
    if isinstance(source, str):
        return source.encode("utf-8")
    return bytes(source)


def load_certificates(
    source: bytes | str | os.PathLike[str], *, what: str = "certificate"
) -> list[x509.Certificate]:
    """Every certificate in PEM text (one or more blocks) or one DER certificate."""
    data = _read(source, what)
    try:
        if b"-----BEGIN" in data:
            loaded = x509.load_pem_x509_certificates(data)
            certificates = [_parsed_in_full(c) for c in loaded]
        else:
            certificates = [load_der(data)]
    except ValueError:
        raise InvalidDataError(
            f"is not a PEM or DER X.509 {what}", path=_where(source)
        ) from None
    return certificates


def load_certificate(
    source: bytes | str | os.PathLike[str], *, what: str = "certificate"
) -> x509.Certificate:
    """Exactly one certificate from PEM or DER (bytes, PEM text or a file path)."""
    certificates = load_certificates(source, what=what)
    if len(certificates) != 1:
        raise InvalidDataError(
            f"holds {len(certificates)} certificates where one is expected",
            path=_where(source),
        )
    return certificates[0]


def load_private_key(
    source: bytes | str | os.PathLike[str], *, password: bytes | None = None
) -> PrivateKey:
    """An RSA or EC private key from PEM or DER (PKCS#8, PKCS#1 or SEC 1).

    Errors name the file, never the key's contents.
    """
    data = _read(source, "private key")
    try:
        if b"-----BEGIN" in data:
            key = serialization.load_pem_private_key(data, password)
        else:
            key = serialization.load_der_private_key(data, password)
    except TypeError as error:
        # cryptography says TypeError for a missing or unexpected password.
        raise InvalidKeyError(_password_problem(error), path=_where(source)) from None
    except (ValueError, UnsupportedAlgorithmError):
        raise InvalidKeyError(
            "is not a readable PEM or DER private key (or the password is wrong)",
            path=_where(source),
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise InvalidKeyError(
            f"is a {type(key).__name__.lstrip('_')}; seals need an RSA or EC key",
            path=_where(source),
        )
    if isinstance(key, rsa.RSAPrivateKey) and key.key_size < MIN_RSA_BITS:
        raise InvalidKeyError(
            f"RSA keys under {MIN_RSA_BITS} bits are refused", path=_where(source)
        )
    return key


def _password_problem(error: TypeError) -> str:
    if "not encrypted" in str(error):
        return "the key is not encrypted, but a password was given"
    return "the key is encrypted; give its password"


def _where(source: object) -> str:
    return str(source) if isinstance(source, os.PathLike) else ""


def validity_problem(certificate: x509.Certificate, at: datetime) -> Outcome | None:
    """EXPIRED or NOT_YET_VALID when ``at`` is outside the validity period."""
    if at < certificate.not_valid_before_utc:
        return Outcome.NOT_YET_VALID
    if at > certificate.not_valid_after_utc:
        return Outcome.EXPIRED
    return None


def subject_value(certificate: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    """The subject attribute's value, '' when absent; several values joined by ','."""
    values = certificate.subject.get_attributes_for_oid(oid)
    return ",".join(str(attribute.value) for attribute in values)


ORGANIZATION_IDENTIFIER = NameOID.ORGANIZATION_IDENTIFIER


def build_path(
    leaf: x509.Certificate,
    intermediates: Iterable[x509.Certificate],
    anchors: Sequence[x509.Certificate],
    at: datetime,
) -> list[x509.Certificate]:
    """The path from ``leaf`` to one of ``anchors`` valid at ``at``, leaf first.

    Raises :class:`PathError` (outcome UNTRUSTED) when none exists.
    """
    if leaf in anchors:
        return [leaf]
    policy = (
        verification.PolicyBuilder()
        .store(verification.Store(list(anchors)))
        .time(at)
        .max_chain_depth(MAX_CHAIN_DEPTH)
        .extension_policies(
            ca_policy=verification.ExtensionPolicy.webpki_defaults_ca(),
            ee_policy=verification.ExtensionPolicy.permit_all(),
        )
    )
    try:
        verified = policy.build_client_verifier().verify(leaf, list(intermediates))
    except verification.VerificationError as error:
        raise PathError(f"no path to a trust anchor: {error}") from None
    return list(verified.chain)


def issuer_serial(certificate: x509.Certificate) -> bytes:
    """DER of the RFC 5035 ``IssuerSerial`` naming ``certificate``.

    The EU's sealing service puts its base64 in ``kid``; JAdES (TS 119 182-1 clause
    5.1.4) allows it there.
    """
    return _issuer_serial(certificate.public_bytes(serialization.Encoding.DER))


@functools.lru_cache(maxsize=64)
def _issuer_serial(der: bytes) -> bytes:
    # Cached by the certificate's bytes: a service seals and verifies with the same
    # few certificates, and asn1crypto's parse is the costly part.
    parsed = asn1_x509.Certificate.load(der)
    value = asn1_tsp.IssuerSerial(
        {
            "issuer": [asn1_x509.GeneralName({"directory_name": parsed.issuer})],
            "serial_number": parsed.serial_number,
        }
    )
    return bytes(value.dump())


def kid_problem(kid: object, certificate: x509.Certificate) -> str | None:
    """Why ``kid`` names another certificate; None when it matches or is free text.

    A ``kid`` that is not a base64 IssuerSerial is an opaque label (RFC 7515 clause
    4.1.4) and is not compared.
    """
    if not isinstance(kid, str):
        return "kid must be a string"
    if kid == base64.b64encode(issuer_serial(certificate)).decode("ascii"):
        return None
    parsed = asn1_x509.Certificate.load(
        certificate.public_bytes(serialization.Encoding.DER)
    )
    try:
        named = asn1_tsp.IssuerSerial.load(
            base64.b64decode(kid, validate=True), strict=True
        )
        # asn1crypto parses lazily: reading .native forces the whole structure.
        named.native  # noqa: B018
        issuer = named["issuer"][0].chosen
        same = (
            named["serial_number"].native == parsed.serial_number
            and issuer == parsed.issuer
        )
    except (binascii.Error, ValueError, TypeError, KeyError, IndexError):
        return None
    if not same:
        return "kid names a different certificate (issuer and serial number)"
    return None
