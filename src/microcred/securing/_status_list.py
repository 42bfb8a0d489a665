"""The bitstring itself: entries, GZIP + base64url encoding (W3C Bitstring Status
List v1.0, section 4)."""

from __future__ import annotations

import base64
import binascii
import gzip
import re
import zlib

from microcred.errors import InvalidDataError, ParseError, ResourceLimitError

from ._jose_jws import b64url_encode

__all__ = ["MAX_LIST_BYTES", "MIN_BITS", "BitstringStatusList"]

#: Section 4.1: at least 131,072 entries (16 KB), so one entry hides in a crowd.
MIN_BITS = 131_072
#: A list we decompress may not exceed this (a small GZIP can inflate hugely).
MAX_LIST_BYTES = 16 * 1024 * 1024
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+={0,2}")


class BitstringStatusList:
    """A list of ``size``-bit statuses; entry 0 is the leftmost (most significant)
    bits of byte 0.

    Create one with a length in entries, set and clear entries, and
    :meth:`encode` it for a status list credential's ``encodedList``.
    """

    __slots__ = ("_bits", "_status_size")

    def __init__(self, length: int = MIN_BITS, *, status_size: int = 1) -> None:
        if status_size < 1 or status_size > 8:
            raise InvalidDataError("statusSize must be 1 to 8 bits", path="statusSize")
        if length * status_size < MIN_BITS:
            raise InvalidDataError(
                f"a status list needs at least {MIN_BITS} bits (section 4.1)",
                path="length",
            )
        self._status_size = status_size
        self._bits = bytearray((length * status_size + 7) // 8)

    @property
    def status_size(self) -> int:
        """Bits per entry (``statusSize``, 1 unless the list says otherwise)."""
        return self._status_size

    def __len__(self) -> int:
        return len(self._bits) * 8 // self._status_size

    def __repr__(self) -> str:
        return (
            f"BitstringStatusList(length={len(self)}, status_size={self._status_size})"
        )

    def _check_index(self, index: int) -> None:
        if not isinstance(index, int) or isinstance(index, bool):
            raise InvalidDataError("a status list index is an integer", path="index")
        if not 0 <= index < len(self):
            raise InvalidDataError(
                f"index {index} is outside the list (0 to {len(self) - 1})",
                path="statusListIndex",
            )

    def get(self, index: int) -> int:
        """The status value at ``index`` (0 or 1 for one-bit lists)."""
        self._check_index(index)
        value = 0
        start = index * self._status_size
        for bit in range(start, start + self._status_size):
            byte = self._bits[bit // 8]
            value = (value << 1) | ((byte >> (7 - bit % 8)) & 1)
        return value

    def set(self, index: int, value: int = 1) -> None:
        """Set the status at ``index`` (1 = revoked/suspended for one-bit lists)."""
        self._check_index(index)
        if not 0 <= value < (1 << self._status_size):
            raise InvalidDataError(
                f"status value {value} does not fit {self._status_size} bit(s)",
                path="value",
            )
        start = index * self._status_size
        for offset in range(self._status_size):
            bit = start + offset
            mask = 1 << (7 - bit % 8)
            if (value >> (self._status_size - 1 - offset)) & 1:
                self._bits[bit // 8] |= mask
            else:
                self._bits[bit // 8] &= ~mask & 0xFF

    def clear(self, index: int) -> None:
        """Reset the status at ``index`` to 0."""
        self.set(index, 0)

    def encode(self) -> str:
        """GZIP, then base64url without padding, with the multibase prefix ``u``."""
        # mtime=0 keeps the output a pure function of the bits.
        compressed = gzip.compress(bytes(self._bits), mtime=0)
        return "u" + b64url_encode(compressed)

    @classmethod
    def decode(
        cls,
        encoded: str,
        *,
        status_size: int = 1,
        unsafe_allow_short_lists: bool = False,
    ) -> BitstringStatusList:
        """Read an ``encodedList`` (Bitstring ``u``-prefixed or StatusList2021).

        A list shorter than 131,072 bits is refused (section 3.2,
        STATUS_LIST_LENGTH_ERROR: a short list narrows the crowd a holder hides
        in); ``unsafe_allow_short_lists`` reads it anyway.
        """
        raw = _gunzip(_base64(encoded))
        if unsafe_allow_short_lists:
            result = cls.__new__(cls)
            result._status_size = status_size
            result._bits = bytearray(raw)
            return result
        if len(raw) * 8 < MIN_BITS:
            raise InvalidDataError(
                f"the status list has {len(raw) * 8} bits, fewer than the "
                f"{MIN_BITS} the specification requires",
                path="encodedList",
            )
        result = cls(len(raw) * 8 // status_size, status_size=status_size)
        result._bits[:] = raw[: len(result._bits)]
        return result


def _base64(encoded: str) -> bytes:
    if not isinstance(encoded, str) or not encoded:
        raise ParseError("encodedList must be a non-empty string", path="encodedList")
    # Bitstring v1 uses multibase base64url ("u"); StatusList2021 had no prefix.
    text = encoded[1:] if encoded.startswith("u") else encoded
    if not _BASE64URL.fullmatch(text):
        raise ParseError("encodedList is not base64url", path="encodedList")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ParseError("encodedList is not base64url", path="encodedList") from None


def _gunzip(data: bytes) -> bytes:
    decompressor = zlib.decompressobj(wbits=31)
    try:
        raw = decompressor.decompress(data, MAX_LIST_BYTES + 1)
    except zlib.error:
        raise ParseError("encodedList is not GZIP data", path="encodedList") from None
    if len(raw) > MAX_LIST_BYTES or decompressor.unconsumed_tail:
        raise ResourceLimitError(
            f"the status list inflates beyond {MAX_LIST_BYTES} bytes"
        )
    return raw
