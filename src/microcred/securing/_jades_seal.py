"""Sealing a credential as JAdES B-B, or B-T with a caller's timestamp function.

The output has the shape the EU's issuing service produces: JWS JSON serialisation,
one signature, an unencoded payload (RFC 7797, ``b64: false``) and the protected
header ``alg, cty, kid, x5t#S256, x5c, typ, b64, sigT, crit``.
"""

from __future__ import annotations

import base64
import functools
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from microcred._jsonio import dumps, load_json
from microcred.errors import InvalidDataError, InvalidKeyError, SecuringError

from . import _jws
from ._tsp import TimestampError, verify_token
from ._x509 import issuer_serial, validity_problem

__all__ = ["TimestampFunction", "seal"]

logger = logging.getLogger(__name__)

#: Receives the bytes to timestamp (the message imprint input) and returns a DER
#: RFC 3161 ``TimeStampToken``; hashing and the TSA request are the function's job.
TimestampFunction = Callable[[bytes], bytes]

_DEFAULT_ALGORITHM = {"secp256r1": "ES256", "secp384r1": "ES384", "secp521r1": "ES512"}


def _payload(credential: Mapping[str, Any] | str) -> tuple[str, bytes]:
    """The payload text and its UTF-8 bytes (what the signature covers)."""
    if isinstance(credential, str):
        parsed = load_json(credential, what="the credential")
        if not isinstance(parsed, dict):
            raise InvalidDataError("the credential must be a JSON object")
        return credential, credential.encode("utf-8")
    if not isinstance(credential, Mapping):
        raise InvalidDataError("the credential must be a JSON object or its text")
    # Compact and deterministic: the same credential always gives the same payload.
    try:
        data = dumps(dict(credential), indent=False)
    except TypeError as error:
        # orjson refuses what JSON cannot carry faithfully (integers beyond 64
        # bits, lone surrogates, other types); sealing a changed value is worse.
        raise InvalidDataError(
            f"the credential cannot be written as JSON: {error}"
        ) from None
    return data.decode("utf-8"), data


def _algorithm(key: _jws.PrivateKey, name: str | None) -> _jws.Algorithm:
    if name is None:
        if isinstance(key, rsa.RSAPrivateKey):
            name = "RS256"
        else:
            name = _DEFAULT_ALGORITHM.get(key.curve.name, key.curve.name)
    if name not in _jws.ALGORITHMS:
        raise InvalidKeyError(f"algorithm {name!r} is not supported for seals")
    algorithm = _jws.ALGORITHMS[name]
    problem = _jws.key_problem(algorithm, key.public_key())
    if problem:
        raise InvalidKeyError(problem)
    return algorithm


def _check_certificate(
    certificate: x509.Certificate,
    chain: Sequence[x509.Certificate],
    key: _jws.PrivateKey,
    at: datetime,
) -> None:
    if not isinstance(certificate, x509.Certificate):
        raise InvalidDataError(
            "must be a cryptography x509.Certificate", path="certificate"
        )
    if not all(isinstance(item, x509.Certificate) for item in chain):
        raise InvalidDataError(
            "must hold cryptography x509.Certificate objects", path="chain"
        )
    ours = key.public_key().public_bytes(
        Encoding.DER, PublicFormat.SubjectPublicKeyInfo
    )
    theirs = certificate.public_key().public_bytes(
        Encoding.DER, PublicFormat.SubjectPublicKeyInfo
    )
    if ours != theirs:
        raise InvalidKeyError("the private key does not belong to the certificate")
    problem = validity_problem(certificate, at)
    if problem is not None:
        raise SecuringError(
            f"the certificate is {problem.value.replace('-', ' ')} at the signing time"
        )


def _signing_time(value: datetime) -> str:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise InvalidDataError(
            "must be a time-zone-aware datetime", path="signing_time"
        )
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _header(
    algorithm: _jws.Algorithm,
    certificate: x509.Certificate,
    chain: Sequence[x509.Certificate],
    signing_time: str,
) -> dict[str, Any]:
    kid, thumbprint, x5c = _certificate_fields(certificate, *chain)
    return {
        "alg": algorithm.name,
        "cty": "octet-stream",
        "kid": kid,
        "x5t#S256": thumbprint,
        "x5c": list(x5c),
        "typ": "jose+json",
        "b64": False,
        "sigT": signing_time,
        "crit": ["b64", "sigT"],
    }


@functools.lru_cache(maxsize=32)
def _certificate_fields(
    certificate: x509.Certificate, *chain: x509.Certificate
) -> tuple[str, str, tuple[str, ...]]:
    # Cached by certificate (never by key): a service seals many credentials with
    # one certificate, and these fields depend on nothing else.
    der = [c.public_bytes(Encoding.DER) for c in (certificate, *chain)]
    kid = base64.b64encode(issuer_serial(certificate)).decode("ascii")
    thumbprint = _jws.b64url_encode(certificate.fingerprint(hashes.SHA256()))
    return kid, thumbprint, tuple(base64.b64encode(d).decode("ascii") for d in der)


def _signature_timestamp(signature_b64: str, timestamp: TimestampFunction) -> str:
    # TS 119 182-1 clause 5.3.4: the imprint input is the base64url signature value.
    message = signature_b64.encode("ascii")
    token = timestamp(message)
    if not isinstance(token, bytes | bytearray):
        raise SecuringError("the timestamp function must return DER bytes")
    try:
        verify_token(bytes(token), message)
    except TimestampError as error:
        raise SecuringError(
            f"the timestamp token is not usable: {error.problem}"
        ) from None
    property_ = {"sigTst": {"tstTokens": [{"val": base64.b64encode(token).decode()}]}}
    # Encoded components keep their exact bytes for later archive timestamps.
    return _jws.b64url_encode(dumps(property_, indent=False))


def seal(
    credential: Mapping[str, Any] | str,
    *,
    certificate: x509.Certificate,
    private_key: _jws.PrivateKey,
    chain: Sequence[x509.Certificate] = (),
    signing_time: datetime,
    timestamp: TimestampFunction | None = None,
    algorithm: str | None = None,
) -> dict[str, Any]:
    """See :func:`microcred.securing.jades.seal`."""
    if not isinstance(private_key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise InvalidKeyError("seals need an RSA or EC private key")
    payload, payload_bytes = _payload(credential)
    chosen = _algorithm(private_key, algorithm)
    sig_t = _signing_time(signing_time)
    _check_certificate(certificate, chain, private_key, signing_time)

    header = _header(chosen, certificate, chain, sig_t)
    protected = _jws.b64url_encode(dumps(header, indent=False))
    signing_input = protected.encode("ascii") + b"." + payload_bytes
    signature = _jws.b64url_encode(_jws.sign(chosen, private_key, signing_input))
    logger.debug(
        "sealed a credential with %s (%d payload bytes)", chosen.name, len(payload)
    )

    entry: dict[str, Any] = {"protected": protected}
    if timestamp is not None:
        entry["header"] = {"etsiU": [_signature_timestamp(signature, timestamp)]}
    entry["signature"] = signature
    return {"payload": payload, "signatures": [entry]}
