"""JWS compact serialisation (RFC 7515) with a strict algorithm allow-list.

Only what credentials need: EdDSA (Ed25519), ECDSA on P-256/P-384/P-521 and RSA
(PKCS#1 v1.5 and PSS). ``none`` and every HMAC algorithm are refused outright,
because a verifier that lets the token choose them can be fooled with a public
key used as an HMAC secret (the classic algorithm-confusion attack). The key,
never the token, decides which algorithms are acceptable.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from microcred._jsonio import load_json
from microcred.errors import (
    InvalidKeyError,
    ParseError,
    UnsupportedError,
)

__all__ = [
    "ALGORITHMS",
    "REFUSED_ALGORITHMS",
    "PrivateKey",
    "PublicKey",
    "SplitToken",
    "algorithm_for_key",
    "b64url_decode",
    "b64url_encode",
    "check_key_fits",
    "check_kid",
    "parse_json_object",
    "sign_input",
    "split_compact",
    "verify_signature",
]

PrivateKey = ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey

#: alg -> (key family, curve name or None, hash)
_ALGORITHMS: dict[str, tuple[str, str | None, type[hashes.HashAlgorithm] | None]] = {
    "EdDSA": ("OKP", "Ed25519", None),
    # RFC 9864 fully-specified name for the same signature.
    "Ed25519": ("OKP", "Ed25519", None),
    "ES256": ("EC", "secp256r1", hashes.SHA256),
    "ES384": ("EC", "secp384r1", hashes.SHA384),
    "ES512": ("EC", "secp521r1", hashes.SHA512),
    "RS256": ("RSA", None, hashes.SHA256),
    "RS384": ("RSA", None, hashes.SHA384),
    "RS512": ("RSA", None, hashes.SHA512),
    "PS256": ("RSA-PSS", None, hashes.SHA256),
    "PS384": ("RSA-PSS", None, hashes.SHA384),
    "PS512": ("RSA-PSS", None, hashes.SHA512),
}
#: Every algorithm microcred signs and verifies with.
ALGORITHMS: tuple[str, ...] = tuple(_ALGORITHMS)
#: Algorithms refused whatever the key: no signature, or a shared secret.
REFUSED_ALGORITHMS: frozenset[str] = frozenset({"none", "HS256", "HS384", "HS512"})
#: RSA below this size is breakable; RFC 7518 section 3.3 requires 2048 bits.
MIN_RSA_BITS = 2048

_B64URL = re.compile(r"[A-Za-z0-9_-]*")


def b64url_encode(data: bytes) -> str:
    """Base64url without padding (RFC 7515 section 2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str, *, what: str) -> bytes:
    """Strict base64url: no padding, no other alphabet, no stray characters."""
    if not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise ParseError(f"{what} is not base64url without padding")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ParseError(f"{what} is not base64url without padding") from None


def parse_json_object(data: bytes, *, what: str) -> dict[str, Any]:
    """Parse a JOSE header or claims set: UTF-8 JSON, an object, no duplicates.

    RFC 7515 section 5.2 rejects duplicate member names; the shared reader
    refuses them everywhere, along with bounds on size and depth.
    """
    value = load_json(data, what=what)
    if not isinstance(value, dict):
        raise ParseError(f"{what} must be a JSON object")
    return value


@dataclass(frozen=True, slots=True)
class SplitToken:
    """The three parts of a compact JWS, decoded but not yet verified."""

    header: dict[str, Any]
    payload: bytes
    signing_input: bytes
    signature: bytes


def split_compact(token: str) -> SplitToken:
    """Split and decode ``header.payload.signature``; checks nothing cryptographic."""
    token = token.strip()
    parts = token.split(".")
    if len(parts) != 3:
        raise ParseError(
            f"a compact JWS has 3 parts separated by '.', this one has {len(parts)}"
        )
    header_b64, payload_part, signature_b64 = parts
    header = parse_json_object(
        b64url_decode(header_b64, what="the JWS header"), what="the JWS header"
    )
    b64 = header.get("b64", True)
    if not isinstance(b64, bool):
        raise ParseError("the JWS header parameter b64 must be true or false")
    # RFC 7797: with b64 false the payload travels as is and is signed as is.
    payload = (
        b64url_decode(payload_part, what="the JWS payload")
        if b64
        else payload_part.encode("utf-8")
    )
    signature = b64url_decode(signature_b64, what="the JWS signature")
    signing_input = f"{header_b64}.{payload_part}".encode()
    return SplitToken(header, payload, signing_input, signature)


def _family(key: PublicKey | PrivateKey) -> tuple[str, str | None]:
    if isinstance(key, ed25519.Ed25519PublicKey | ed25519.Ed25519PrivateKey):
        return "OKP", "Ed25519"
    if isinstance(key, ec.EllipticCurvePublicKey | ec.EllipticCurvePrivateKey):
        return "EC", key.curve.name
    if isinstance(key, rsa.RSAPublicKey | rsa.RSAPrivateKey):
        return "RSA", None
    raise InvalidKeyError(f"a {type(key).__name__} cannot sign or verify a JWS")


def check_kid(kid: str | None, key: PrivateKey) -> None:
    """Refuse a ``did:key`` kid that names another key than the signing one.

    The token would carry a signature no verifier resolving that kid can
    accept; better to say so while signing (Data Integrity does the same for
    its verification method).
    """
    if kid is None or not kid.startswith("did:key:"):
        return
    from ._keys import PublicKey as NamedKey

    try:
        named = NamedKey.from_did_key(kid)
    except InvalidKeyError as error:
        raise InvalidKeyError(error.problem, path="kid") from None
    try:
        signing = NamedKey(key.public_key())
    except UnsupportedError:  # a P-521 key, say, which has no did:key here
        signing = None
    if named != signing:
        raise InvalidKeyError("the did:key in kid is not the signing key's", path="kid")


def check_key_fits(alg: str, key: PublicKey | PrivateKey) -> None:
    """Raise unless ``alg`` is allowed and matches the key's type and curve."""
    if alg in REFUSED_ALGORITHMS:
        raise UnsupportedError(
            f"the JWS algorithm {alg!r} is refused: it is unsigned or uses a shared "
            "secret, which a public key must never stand in for"
        )
    if alg not in _ALGORITHMS:
        raise UnsupportedError(
            f"the JWS algorithm {alg!r} is not supported; use one of "
            + ", ".join(ALGORITHMS)
        )
    family, curve, _ = _ALGORITHMS[alg]
    key_family, key_curve = _family(key)
    if family.startswith("RSA"):
        family = "RSA"
    if family != key_family or (curve is not None and curve != key_curve):
        described = key_curve or key_family
        raise InvalidKeyError(f"the algorithm {alg} does not fit a {described} key")
    if (
        isinstance(key, rsa.RSAPublicKey | rsa.RSAPrivateKey)
        and key.key_size < MIN_RSA_BITS
    ):
        raise InvalidKeyError(
            f"an RSA key of {key.key_size} bits is too short (minimum {MIN_RSA_BITS})"
        )


def algorithm_for_key(key: PrivateKey | PublicKey) -> str:
    """The algorithm microcred signs with for this key (RS256 for RSA)."""
    family, curve = _family(key)
    by_curve = {"secp256r1": "ES256", "secp384r1": "ES384", "secp521r1": "ES512"}
    if family == "OKP":
        return "EdDSA"
    if family == "EC":
        if curve not in by_curve:
            raise UnsupportedError(f"the curve {curve} is not supported for JWS")
        return by_curve[curve]
    return "RS256"


def _ec_size(key: ec.EllipticCurvePublicKey | ec.EllipticCurvePrivateKey) -> int:
    return (key.curve.key_size + 7) // 8


def sign_input(alg: str, key: PrivateKey, signing_input: bytes) -> bytes:
    """Sign the JWS signing input; ECDSA signatures come out as raw ``r || s``."""
    check_key_fits(alg, key)
    _, _, hash_type = _ALGORITHMS[alg]
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key.sign(signing_input)
    assert hash_type is not None
    if isinstance(key, ec.EllipticCurvePrivateKey):
        der = key.sign(signing_input, ec.ECDSA(hash_type()))
        r, s = decode_dss_signature(der)
        size = _ec_size(key)
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")
    assert isinstance(key, rsa.RSAPrivateKey)
    return key.sign(signing_input, _rsa_padding(alg, hash_type), hash_type())


def _rsa_padding(
    alg: str, hash_type: type[hashes.HashAlgorithm]
) -> padding.AsymmetricPadding:
    if alg.startswith("PS"):
        # RFC 7518 section 3.5: the salt is as long as the hash output.
        return padding.PSS(
            mgf=padding.MGF1(hash_type()), salt_length=hash_type().digest_size
        )
    return padding.PKCS1v15()


def verify_signature(
    alg: str, key: PublicKey, signing_input: bytes, signature: bytes
) -> bool:
    """True when the signature verifies; raises when ``alg`` does not fit ``key``."""
    check_key_fits(alg, key)
    _, _, hash_type = _ALGORITHMS[alg]
    try:
        if isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(signature, signing_input)
            return True
        assert hash_type is not None
        if isinstance(key, ec.EllipticCurvePublicKey):
            size = _ec_size(key)
            # A raw r||s of the wrong length is malformed, not a DER to guess at.
            if len(signature) != 2 * size:
                return False
            r = int.from_bytes(signature[:size], "big")
            s = int.from_bytes(signature[size:], "big")
            der = encode_dss_signature(r, s)
            key.verify(der, signing_input, ec.ECDSA(hash_type()))
            return True
        assert isinstance(key, rsa.RSAPublicKey)
        key.verify(signature, signing_input, _rsa_padding(alg, hash_type), hash_type())
    except InvalidSignature:
        return False
    return True
