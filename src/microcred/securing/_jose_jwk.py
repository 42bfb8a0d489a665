"""JSON Web Keys (RFC 7517/7518/8037) to and from ``cryptography`` keys.

Error messages name the member that is wrong, never its value: a JWK may hold a
private key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from microcred.errors import InvalidKeyError, ParseError, UnsupportedError

from ._jose_jws import PrivateKey, PublicKey, b64url_decode, b64url_encode

__all__ = [
    "PRIVATE_MEMBERS",
    "private_key_from_jwk",
    "public_jwk",
    "public_key_from_jwk",
]

#: Members that only a private JWK carries (RFC 7518 section 6).
PRIVATE_MEMBERS = frozenset({"d", "p", "q", "dp", "dq", "qi", "oth", "k"})

_CURVES: dict[str, ec.EllipticCurve] = {
    "P-256": ec.SECP256R1(),
    "P-384": ec.SECP384R1(),
    "P-521": ec.SECP521R1(),
}
_CURVE_NAMES = {curve.name: name for name, curve in _CURVES.items()}


def _member(jwk: Mapping[str, Any], name: str) -> bytes:
    value = jwk.get(name)
    if not isinstance(value, str):
        raise InvalidKeyError(f"the JWK member {name!r} is missing or not a string")
    try:
        return b64url_decode(value, what=f"the JWK member {name!r}")
    except ParseError as error:
        raise InvalidKeyError(error.problem) from None


def _int(jwk: Mapping[str, Any], name: str) -> int:
    return int.from_bytes(_member(jwk, name), "big")


def _kty(jwk: Mapping[str, Any]) -> str:
    if not isinstance(jwk, Mapping):
        raise InvalidKeyError("a JWK must be a JSON object")
    kty = jwk.get("kty")
    if kty not in {"OKP", "EC", "RSA"}:
        raise UnsupportedError(f"the JWK key type {kty!r} is not supported")
    return str(kty)


def public_key_from_jwk(jwk: Mapping[str, Any]) -> PublicKey:
    """The public key a JWK describes; private members, if any, are ignored."""
    kty = _kty(jwk)
    try:
        if kty == "OKP":
            if jwk.get("crv") != "Ed25519":
                raise UnsupportedError("only the OKP curve Ed25519 is supported")
            return ed25519.Ed25519PublicKey.from_public_bytes(_member(jwk, "x"))
        if kty == "EC":
            curve = _curve(jwk)
            numbers = ec.EllipticCurvePublicNumbers(
                _int(jwk, "x"), _int(jwk, "y"), curve
            )
            return numbers.public_key()
        return rsa.RSAPublicNumbers(_int(jwk, "e"), _int(jwk, "n")).public_key()
    except ValueError as error:
        if isinstance(error, InvalidKeyError):
            raise
        raise InvalidKeyError(f"the {kty} JWK does not describe a valid key") from None


def _curve(jwk: Mapping[str, Any]) -> ec.EllipticCurve:
    crv = jwk.get("crv")
    if crv not in _CURVES:
        raise UnsupportedError(f"the EC curve {crv!r} is not supported")
    return _CURVES[str(crv)]


def private_key_from_jwk(jwk: Mapping[str, Any]) -> PrivateKey:
    """The private key a JWK with ``d`` describes (RSA needs the CRT members)."""
    kty = _kty(jwk)
    if "d" not in jwk:
        raise InvalidKeyError("the JWK has no private part ('d')")
    try:
        if kty == "OKP":
            if jwk.get("crv") != "Ed25519":
                raise UnsupportedError("only the OKP curve Ed25519 is supported")
            return ed25519.Ed25519PrivateKey.from_private_bytes(_member(jwk, "d"))
        if kty == "EC":
            public = public_key_from_jwk(jwk)
            assert isinstance(public, ec.EllipticCurvePublicKey)
            numbers = ec.EllipticCurvePrivateNumbers(
                _int(jwk, "d"), public.public_numbers()
            )
            return numbers.private_key()
        return _rsa_private(jwk)
    except ValueError as error:
        if isinstance(error, InvalidKeyError):
            raise
        raise InvalidKeyError(f"the {kty} JWK does not describe a valid key") from None


def _rsa_private(jwk: Mapping[str, Any]) -> rsa.RSAPrivateKey:
    public = rsa.RSAPublicNumbers(_int(jwk, "e"), _int(jwk, "n"))
    numbers = rsa.RSAPrivateNumbers(
        p=_int(jwk, "p"),
        q=_int(jwk, "q"),
        d=_int(jwk, "d"),
        dmp1=_int(jwk, "dp"),
        dmq1=_int(jwk, "dq"),
        iqmp=_int(jwk, "qi"),
        public_numbers=public,
    )
    return numbers.private_key()


def _width(value: int, size: int) -> str:
    return b64url_encode(value.to_bytes(size, "big"))


def public_jwk(key: PublicKey | PrivateKey) -> dict[str, str]:
    """The public JWK of a key (for a private key, of its public half)."""
    public: PublicKey = (
        key.public_key()
        if isinstance(
            key,
            ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey,
        )
        else key
    )
    if isinstance(public, ed25519.Ed25519PublicKey):
        from cryptography.hazmat.primitives import serialization

        raw = public.public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(raw)}
    if isinstance(public, ec.EllipticCurvePublicKey):
        if public.curve.name not in _CURVE_NAMES:
            raise UnsupportedError(f"the curve {public.curve.name} is not supported")
        size = (public.curve.key_size + 7) // 8
        numbers = public.public_numbers()
        return {
            "kty": "EC",
            "crv": _CURVE_NAMES[public.curve.name],
            "x": _width(numbers.x, size),
            "y": _width(numbers.y, size),
        }
    if isinstance(public, rsa.RSAPublicKey):
        numbers_rsa = public.public_numbers()
        e = numbers_rsa.e
        return {
            "kty": "RSA",
            "n": _width(numbers_rsa.n, (numbers_rsa.n.bit_length() + 7) // 8),
            "e": _width(e, (e.bit_length() + 7) // 8),
        }
    raise UnsupportedError(f"a {type(public).__name__} has no JWK form here")
