"""Multibase base58btc, base64url and unsigned varints, as Multikey needs them.

Only the encodings that Data Integrity and ``did:key`` use: base58btc (prefix
``z``) for keys and proof values, and unpadded base64url for JWK members.
"""

from __future__ import annotations

import base64
import binascii

from microcred.errors import InvalidDataError

__all__ = [
    "b64url_decode",
    "b64url_encode",
    "base58_decode",
    "base58_encode",
    "multibase_decode",
    "multibase_encode",
    "read_varint",
    "varint",
]

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: value for value, char in enumerate(_ALPHABET)}

#: Longer multibase strings than this are refused before decoding: base58
#: decoding is quadratic, and no key or signature comes near it.
MAX_MULTIBASE_CHARS = 8192


def base58_encode(data: bytes) -> str:
    """Bitcoin-alphabet base58 of ``data`` (leading zero bytes become ``1``)."""
    number = int.from_bytes(data, "big")
    digits: list[str] = []
    while number:
        number, rest = divmod(number, 58)
        digits.append(_ALPHABET[rest])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(digits))


def base58_decode(text: str, *, path: str = "") -> bytes:
    """The bytes of a base58btc string; :class:`InvalidDataError` on a bad char."""
    if len(text) > MAX_MULTIBASE_CHARS:
        raise InvalidDataError("base58 value is too long", path=path)
    number = 0
    for char in text:
        value = _INDEX.get(char)
        if value is None:
            raise InvalidDataError(
                f"character {char!r} is not in the base58btc alphabet", path=path
            )
        number = number * 58 + value
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * zeros + body


def multibase_encode(data: bytes) -> str:
    """``z`` + base58btc, the multibase form Data Integrity uses everywhere."""
    return "z" + base58_encode(data)


def multibase_decode(text: str, *, path: str = "") -> bytes:
    """Decode a base58btc multibase string (it must start with ``z``)."""
    if not isinstance(text, str) or not text.startswith("z"):
        raise InvalidDataError(
            "expected a multibase base58btc string starting with 'z'", path=path
        )
    return base58_decode(text[1:], path=path)


def b64url_encode(data: bytes) -> str:
    """Unpadded base64url (RFC 7515 section 2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: object, *, path: str = "") -> bytes:
    """Strict unpadded base64url: padding, whitespace or other alphabets fail."""
    if not isinstance(text, str):
        raise InvalidDataError("expected a base64url string", path=path)
    if "=" in text or len(text) % 4 == 1:
        raise InvalidDataError("not unpadded base64url", path=path)
    try:
        raw = base64.b64decode(
            text.replace("-", "+").replace("_", "/") + "=" * (-len(text) % 4),
            validate=True,
        )
    except (binascii.Error, ValueError):
        raise InvalidDataError("not unpadded base64url", path=path) from None
    if b64url_encode(raw) != text:
        # Non-canonical trailing bits: two spellings of one key would let a
        # verifier and a signer disagree about what was bound.
        raise InvalidDataError("not canonical base64url", path=path)
    return raw


def varint(value: int) -> bytes:
    """Unsigned LEB128, as multicodec prefixes are written."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def read_varint(data: bytes, *, path: str = "") -> tuple[int, int]:
    """``(value, bytes consumed)`` of the varint at the start of ``data``."""
    value = 0
    for index, byte in enumerate(data[:9]):
        value |= (byte & 0x7F) << (7 * index)
        if not byte & 0x80:
            return value, index + 1
    raise InvalidDataError("truncated or overlong multicodec prefix", path=path)
