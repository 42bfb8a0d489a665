"""COSE_Sign1 (RFC 9052) for VC-JOSE-COSE ``vc+cose``, with the CBOR it needs.

Only the subset a COSE_Sign1 credential uses is read: unsigned and negative
integers, byte and text strings, arrays, maps, tags and the simple values; no
indefinite lengths, no floats. Signatures reuse the JWS algorithms (the COSE
ECDSA signature is the same raw ``r || s``).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

from microcred.errors import ParseError, ResourceLimitError, UnsupportedError

from ._jose_jws import SplitToken

__all__ = [
    "ALGORITHM_IDS",
    "CoseTag",
    "cbor_decode",
    "cbor_encode",
    "decode_text",
    "encode_sign1",
    "protected_header",
    "sig_structure",
    "split_sign1",
    "to_text",
]

#: COSE algorithm identifiers (IANA COSE Algorithms) for our JWS names.
ALGORITHM_IDS = {
    "ES256": -7,
    "ES384": -35,
    "ES512": -36,
    "EdDSA": -8,
    "Ed25519": -19,
    "PS256": -37,
    "PS384": -38,
    "PS512": -39,
    "RS256": -257,
    "RS384": -258,
    "RS512": -259,
}
_ALGORITHM_NAMES = {number: name for name, number in ALGORITHM_IDS.items()}
#: Header labels (RFC 9052 section 3.1; typ from RFC 9596).
_ALG, _CRIT, _CTY, _KID, _TYP = 1, 2, 3, 4, 16
_SIGN1_TAG = 18
_MAX_DEPTH = 64
_BASE64 = re.compile(r"[A-Za-z0-9+/_-]+={0,2}")


@dataclass(frozen=True, slots=True)
class CoseTag:
    """A CBOR tag and its content."""

    tag: int
    value: Any


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.position = 0

    def take(self, count: int) -> bytes:
        end = self.position + count
        if end > len(self.data):
            raise ParseError("the CBOR data is truncated")
        chunk = self.data[self.position : end]
        self.position = end
        return chunk

    def argument(self, info: int) -> int:
        if info < 24:
            return info
        if info in (24, 25, 26, 27):
            return int.from_bytes(self.take(1 << (info - 24)), "big")
        raise ParseError("indefinite or reserved CBOR lengths are not accepted")

    def item(self, depth: int = 0) -> Any:
        if depth > _MAX_DEPTH:
            raise ResourceLimitError(f"CBOR nested deeper than {_MAX_DEPTH}")
        initial = self.take(1)[0]
        major, info = initial >> 5, initial & 0x1F
        if major == 7:
            return self._simple(info)
        value = self.argument(info)
        if major == 0:
            return value
        if major == 1:
            return -1 - value
        if major in (2, 3):
            raw = self.take(value)
            return raw if major == 2 else _text(raw)
        return self._nested(major, value, depth)

    def _nested(self, major: int, count: int, depth: int) -> Any:
        if major in (4, 5) and count > len(self.data) - self.position:
            # Each item takes at least a byte: a larger count is a lie (or a bomb).
            raise ParseError("a CBOR container claims more items than there are bytes")
        if major == 4:
            return [self.item(depth + 1) for _ in range(count)]
        if major == 5:
            result: dict[Any, Any] = {}
            for _ in range(count):
                key = self.item(depth + 1)
                if isinstance(key, list | dict) or key in result:
                    raise ParseError("a CBOR map has a bad or repeated key")
                result[key] = self.item(depth + 1)
            return result
        return CoseTag(count, self.item(depth + 1))

    @staticmethod
    def _simple(info: int) -> Any:
        simple = {20: False, 21: True, 22: None}
        if info not in simple:
            raise ParseError("CBOR floats and other simple values are not accepted")
        return simple[info]


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ParseError("a CBOR text string is not UTF-8") from None


def cbor_decode(data: bytes) -> Any:
    """Decode one CBOR item that fills ``data`` exactly."""
    reader = _Reader(data)
    value = reader.item()
    if reader.position != len(data):
        raise ParseError("trailing bytes after the CBOR item")
    return value


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def _encode_scalar(value: Any) -> bytes | None:
    if isinstance(value, bool) or value is None:
        return bytes([0xF5 if value is True else 0xF4 if value is False else 0xF6])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    return None


def cbor_encode(value: Any) -> bytes:
    """Encode ints, bytes, str, lists, dicts and :class:`CoseTag` as CBOR."""
    scalar = _encode_scalar(value)
    if scalar is not None:
        return scalar
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(cbor_encode(v) for v in value)
    if isinstance(value, dict):
        items = b"".join(cbor_encode(k) + cbor_encode(v) for k, v in value.items())
        return _head(5, len(value)) + items
    if isinstance(value, CoseTag):
        return _head(6, value.tag) + cbor_encode(value.value)
    raise TypeError(f"cannot encode a {type(value).__name__} as CBOR")


def decode_text(text: str) -> bytes:
    """The COSE bytes of base64 text (standard or url-safe, padding optional)."""
    text = text.strip()
    if re.fullmatch(r"(?i)d28[0-9a-f]+", text):
        # VC-JOSE-COSE section 3.3.1: COSE travels base64-encoded, not as hex.
        raise ParseError("this COSE_Sign1 is hex-encoded; it must be base64")
    if not _BASE64.fullmatch(text):
        raise ParseError("COSE text must be base64")
    try:
        padded = text + "=" * (-len(text) % 4)
        return base64.b64decode(padded.replace("-", "+").replace("_", "/"))
    except (binascii.Error, ValueError):
        raise ParseError("COSE text must be base64") from None


def sig_structure(protected: bytes, payload: bytes) -> bytes:
    """The bytes a COSE_Sign1 signs (RFC 9052 section 4.4), no external AAD."""
    return cbor_encode(["Signature1", protected, b"", payload])


def _header(protected: dict[Any, Any]) -> dict[str, Any]:
    """The protected COSE header in the JOSE names the checks understand."""
    alg = protected.get(_ALG)
    if not isinstance(alg, int) or alg not in _ALGORITHM_NAMES:
        raise UnsupportedError(f"the COSE algorithm {alg!r} is not supported")
    header: dict[str, Any] = {"alg": _ALGORITHM_NAMES[alg]}
    for label, name in ((_TYP, "typ"), (_CTY, "cty")):
        if label in protected:
            header[name] = protected[label]
    kid = protected.get(_KID)
    if isinstance(kid, bytes):
        header["kid"] = _text(kid)
    crit = protected.get(_CRIT)
    if crit is not None:
        # Named in JOSE style so the shared header check can judge them.
        labels = crit if isinstance(crit, list) else [crit]
        if not all(isinstance(label, int | str) for label in labels):
            raise ParseError("crit must list header labels")
        header["crit"] = [f"cose:{label}" for label in labels]
        for label in labels:
            if label in protected:
                header[f"cose:{label}"] = protected[label]
    return header


def split_sign1(data: bytes) -> SplitToken:
    """Decode a tagged COSE_Sign1 into the parts the signature checks need."""
    item = cbor_decode(data)
    if not isinstance(item, CoseTag) or item.tag != _SIGN1_TAG:
        raise ParseError("not a tagged COSE_Sign1 (CBOR tag 18)")
    parts = item.value
    if not isinstance(parts, list) or len(parts) != 4:
        raise ParseError("a COSE_Sign1 is an array of four items")
    protected, unprotected, payload, signature = parts
    if not isinstance(protected, bytes) or not isinstance(unprotected, dict):
        raise ParseError("the COSE headers are malformed")
    if not isinstance(payload, bytes) or not isinstance(signature, bytes):
        raise ParseError("a detached or malformed COSE payload is not supported")
    header_map = cbor_decode(protected) if protected else {}
    if not isinstance(header_map, dict):
        raise ParseError("the protected COSE header is not a map")
    header = _header(header_map)
    return SplitToken(header, payload, sig_structure(protected, payload), signature)


def encode_sign1(protected: bytes, payload: bytes, signature: bytes) -> bytes:
    """A tagged COSE_Sign1 with no unprotected header."""
    return cbor_encode(CoseTag(_SIGN1_TAG, [protected, {}, payload, signature]))


def protected_header(
    alg: str, *, kid: str | None, presentation: bool
) -> dict[int, Any]:
    """The protected header microcred writes for ``vc+cose`` / ``vp+cose``."""
    kind = "vp" if presentation else "vc"
    header: dict[int, Any] = {
        _ALG: ALGORITHM_IDS[alg],
        _CTY: f"application/{kind}",
        _TYP: f"application/{kind}+cose",
    }
    if kid is not None:
        header[_KID] = kid.encode("utf-8")
    return header


def to_text(data: bytes) -> str:
    """Base64 without padding, as the W3C suite writes COSE credentials."""
    return base64.b64encode(data).rstrip(b"=").decode("ascii")
