"""JWS building blocks for JAdES: base64url, the algorithm table, sign and verify.

Only the algorithms JAdES baseline signatures use with X.509 keys are here (RFC 7518
clause 3): RSASSA-PKCS1-v1_5, RSASSA-PSS and ECDSA on the NIST curves. ``none`` and
the HMAC algorithms are absent on purpose: a seal needs a certificate.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from microcred.errors import InvalidDataError, InvalidKeyError, PathPart

__all__ = [
    "ALGORITHMS",
    "MIN_RSA_BITS",
    "Algorithm",
    "PrivateKey",
    "PublicKey",
    "b64url_decode",
    "b64url_encode",
    "key_problem",
    "sign",
    "verify",
]

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
PublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey

#: Smaller RSA moduli are refused both when sealing and when verifying (ETSI TS 119
#: 312 no longer lists 1024-bit RSA for signatures).
MIN_RSA_BITS = 2048

_B64URL = re.compile(r"[A-Za-z0-9_-]*")


@dataclass(frozen=True, slots=True)
class Algorithm:
    """One JWS ``alg`` value and what it needs from the key."""

    name: str
    scheme: Literal["pkcs1", "pss", "ecdsa"]
    hash: type[hashes.SHA256] | type[hashes.SHA384] | type[hashes.SHA512]
    curve: str | None = None
    coordinate_bytes: int = 0


ALGORITHMS: dict[str, Algorithm] = {
    "RS256": Algorithm("RS256", "pkcs1", hashes.SHA256),
    "RS384": Algorithm("RS384", "pkcs1", hashes.SHA384),
    "RS512": Algorithm("RS512", "pkcs1", hashes.SHA512),
    "PS256": Algorithm("PS256", "pss", hashes.SHA256),
    "PS384": Algorithm("PS384", "pss", hashes.SHA384),
    "PS512": Algorithm("PS512", "pss", hashes.SHA512),
    "ES256": Algorithm("ES256", "ecdsa", hashes.SHA256, "secp256r1", 32),
    "ES384": Algorithm("ES384", "ecdsa", hashes.SHA384, "secp384r1", 48),
    "ES512": Algorithm("ES512", "ecdsa", hashes.SHA512, "secp521r1", 66),
}


def b64url_encode(data: bytes) -> str:
    """Base64url without padding (RFC 7515 clause 2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: object, *, path: str | list[PathPart]) -> bytes:
    """Strict base64url: the URL-safe alphabet only, no padding, no whitespace."""
    if not isinstance(text, str) or not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise InvalidDataError("is not base64url text", path=path)
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error:
        raise InvalidDataError("is not base64url text", path=path) from None


def key_problem(algorithm: Algorithm, key: PublicKey) -> str | None:
    """Why ``key`` cannot be used with ``algorithm``, or None when it fits."""
    if algorithm.scheme in ("pkcs1", "pss"):
        if not isinstance(key, rsa.RSAPublicKey):
            return f"{algorithm.name} needs an RSA key"
        if key.key_size < MIN_RSA_BITS:
            return f"RSA keys under {MIN_RSA_BITS} bits are refused"
        return None
    if not isinstance(key, ec.EllipticCurvePublicKey):
        return f"{algorithm.name} needs an EC key"
    if key.curve.name != algorithm.curve:
        return (
            f"{algorithm.name} needs a key on {algorithm.curve}, not {key.curve.name}"
        )
    return None


def sign(algorithm: Algorithm, key: PrivateKey, data: bytes) -> bytes:
    """The JWS signature of ``data``: PKCS#1/PSS bytes, or raw ``r || s`` for EC."""
    problem = key_problem(algorithm, key.public_key())
    if problem:
        raise InvalidKeyError(problem)
    hash_ = algorithm.hash()
    if isinstance(key, rsa.RSAPrivateKey):
        pad = _pss_for(hash_) if algorithm.scheme == "pss" else padding.PKCS1v15()
        return key.sign(data, pad, hash_)

    # RFC 7518 clause 3.4: JWS carries the fixed-width R || S, not DER.
    r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hash_)))
    size = algorithm.coordinate_bytes
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def _pss_for(hash_: hashes.HashAlgorithm) -> padding.PSS:
    # RFC 7518 clause 3.5: MGF1 with the same hash, salt as long as the hash.
    return padding.PSS(padding.MGF1(hash_), hash_.digest_size)


def verify(algorithm: Algorithm, key: PublicKey, signature: bytes, data: bytes) -> bool:
    """True when ``signature`` is ``algorithm``'s signature of ``data`` by ``key``."""
    if key_problem(algorithm, key):
        return False
    hash_ = algorithm.hash()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            pad = _pss_for(hash_) if algorithm.scheme == "pss" else padding.PKCS1v15()
            key.verify(signature, data, pad, hash_)
            return True
        size = algorithm.coordinate_bytes
        if len(signature) != 2 * size:
            return False
        r = int.from_bytes(signature[:size], "big")
        s = int.from_bytes(signature[size:], "big")
        key.verify(encode_dss_signature(r, s), data, ec.ECDSA(hash_))
        return True
    except InvalidSignature:
        return False
