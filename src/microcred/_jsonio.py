"""Reading JSON safely, and opening the JAdES envelope the EU seals EDCs in.

Every reader in microcred goes through :func:`load_json`, so malformed, truncated,
oversized or absurdly nested input gives one kind of error everywhere.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from microcred.errors import InvalidDataError, ParseError, ResourceLimitError

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "JadesEnvelope",
    "check_json_value",
    "dumps",
    "load_json",
    "open_envelope",
]

#: The EU's largest sample is 1.3 MB; a credential a hundred times that is hostile.
MAX_DOCUMENT_BYTES = 128 * 1024 * 1024
#: ELM nests about 15 levels deep; far deeper input is a resource attack.
MAX_DEPTH = 256


#: JSON numbers are kept exactly only within 64 bits (orjson's range, and what
#: every JSON-LD processor we use round-trips); larger integers are refused.
_INT_LIMIT = 2**63
#: The EU's largest sample (a master's degree) has about 6,000 JSON values; a
#: document forty times that is hostile, and canonicalising it would take minutes.
MAX_NODES = 250_000


def _text_problem(text: str) -> str | None:
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "a lone surrogate is not Unicode text"
    return None


def _problem(node: Any) -> str | None:
    if isinstance(node, str):
        return _text_problem(node)
    if isinstance(node, bool) or node is None:
        return None
    if isinstance(node, int):
        inside = -_INT_LIMIT <= node < 2 * _INT_LIMIT
        return None if inside else "an integer beyond 64 bits cannot be kept exactly"
    if isinstance(node, float):
        return None if math.isfinite(node) else "NaN and infinity are not JSON"
    return f"a {type(node).__name__} is not a JSON value"


def check_json_value(value: Any, *, limit: int = MAX_DEPTH) -> None:
    """Refuse what JSON cannot carry exactly: raise with the path of the first fault.

    Checks depth (iteratively, so hostile nesting cannot exhaust the stack), the
    number of values (:data:`MAX_NODES`), key types, text that is not Unicode,
    integer range and float finiteness. Use it on dicts handed in by callers,
    which never went through :func:`load_json`.
    """
    _scan(value, limit)


def _scan(value: Any, limit: int) -> tuple[int, bool]:
    """Check ``value``; return its number of object members and whether a float
    is as large as an integer beyond 64 bits (orjson turns those into floats)."""
    # Every read goes through here, so the scan keeps no paths; only a fault
    # found is located, by a second, slower walk.
    stack: list[tuple[Any, int]] = [(value, 0)]
    seen = members = 0
    huge_float = False
    while stack:
        node, depth = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            raise ResourceLimitError(f"JSON with more than {MAX_NODES} values")
        if depth > limit:
            raise ResourceLimitError(f"JSON nested deeper than {limit} levels")
        kind = node.__class__
        if kind is dict:
            members += len(node)
            for key in node:
                if key.__class__ is not str or not _fine_text(key):
                    _locate(value)
            children: Any = node.values()
        elif kind is list or kind is tuple:
            children = node
        else:
            if not _fine_scalar(node, kind):
                _locate(value)
            huge_float = huge_float or (kind is float and abs(node) >= _INT_LIMIT)
            continue
        for child in children:
            # Most values are ASCII strings: settle them here, without the stack.
            if child.__class__ is str and child.isascii():
                seen += 1
            else:
                stack.append((child, depth + 1))
    return members, huge_float


def _fine_scalar(node: Any, kind: type) -> bool:
    if kind is str:
        return _fine_text(node)
    if kind is int:
        return bool(-_INT_LIMIT <= node < 2 * _INT_LIMIT)
    if kind is float:
        return math.isfinite(node)
    return node is None or kind is bool


def _fine_text(text: str) -> bool:
    return text.isascii() or _text_problem(text) is None


def _locate(value: Any) -> None:
    """Raise for the first value JSON cannot carry, naming its path."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key, child in node.items():
                if not isinstance(key, str) or _text_problem(key) is not None:
                    raise InvalidDataError(
                        "object keys must be Unicode strings", path=path
                    )
                stack.append((child, (*path, key)))
        elif isinstance(node, list | tuple):
            stack.extend((child, (*path, i)) for i, child in enumerate(node))
        elif (problem := _problem(node)) is not None:
            raise InvalidDataError(problem, path=path)


class _DuplicateMemberError(ValueError):
    pass


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Parsers disagree on duplicate members (first wins, last wins): a signed
    # document with two "issuer" members means different things to different
    # readers, so it is refused rather than resolved either way.
    value = dict(pairs)
    if len(value) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateMemberError(key)
            seen.add(key)
    return value


def _read(source: str | bytes | os.PathLike[str], what: str) -> tuple[bytes | str, str]:
    if isinstance(source, os.PathLike):
        path = Path(source)
        try:
            if path.stat().st_size > MAX_DOCUMENT_BYTES:
                raise ResourceLimitError(
                    f"{path} is larger than {MAX_DOCUMENT_BYTES} bytes"
                )
            return path.read_bytes(), str(path)
        except OSError as error:
            problem = error.strerror or type(error).__name__
            raise InvalidDataError(
                f"cannot read the file: {problem}", path=str(path)
            ) from None
    if not isinstance(source, str | bytes | bytearray):
        raise InvalidDataError(
            f"expected JSON text, bytes or a file path, not {type(source).__name__}"
        )
    return source, what


def load_json(source: str | bytes | os.PathLike[str], *, what: str = "document") -> Any:
    """Parse JSON text, bytes or a file path into Python objects.

    ``str`` is taken as JSON text, not a path; pass a :class:`~pathlib.Path` for a
    file. Raises :class:`~microcred.errors.ParseError` with the line and column of
    the fault (and for duplicate object members, which parsers resolve
    differently), :class:`~microcred.errors.InvalidDataError` for values JSON
    cannot carry exactly, and :class:`~microcred.errors.ResourceLimitError` for
    input beyond :data:`MAX_DOCUMENT_BYTES`, :data:`MAX_DEPTH` or
    :data:`MAX_NODES`.
    """
    data, what = _read(source, what)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ResourceLimitError(f"{what} is larger than {MAX_DOCUMENT_BYTES} bytes")
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        return _strict_load(data, what)
    members, huge_float = _scan(value, MAX_DEPTH)
    # orjson keeps the last of duplicate members and turns integers beyond 64
    # bits into floats; the standard library reads such text exactly instead.
    if huge_float or not _surely_unique(raw, members):
        return _strict_load(data, what)
    return value


#: A member name followed by white space before its colon defeats the fast count.
_SPACED_COLON = re.compile(rb'"[ \t\r\n]+:')


def _surely_unique(raw: bytes | bytearray, members: int) -> bool:
    """True only if the text cannot hold a duplicate member.

    Every member name in the text ends with ``":``; the rest of ``":`` can only
    be an escaped quote inside a string. So, with no white space before colons,
    the count of ``":`` is at least the number of members written, which equals
    the members parsed only when no name was repeated.
    """
    if _SPACED_COLON.search(raw):
        return False
    return raw.count(b'":') == members


class _HugeIntegerError(Exception):
    """An integer literal too long to be worth converting (internal signal)."""


def _bounded_int(text: str) -> int:
    # Python refuses to convert integers beyond its digit limit (4,300 by
    # default) with a ValueError from deep inside json. Shorter ones convert, so
    # that check_json_value can name the place of anything beyond 64 bits.
    limit = sys.get_int_max_str_digits()
    digits = len(text.lstrip("-"))
    if limit and digits > limit:
        raise _HugeIntegerError(digits)
    return int(text)


def _strict_load(data: bytes | bytearray | str, what: str) -> Any:
    try:
        # The standard library keeps integers exact and reports every member;
        # check_json_value then refuses what JSON cannot carry.
        value = json.loads(
            data, object_pairs_hook=_unique_members, parse_int=_bounded_int
        )
    except _HugeIntegerError as error:
        raise ResourceLimitError(
            f"{what} holds an integer of {error.args[0]} digits; integers beyond "
            "64 bits are refused"
        ) from None
    except json.JSONDecodeError as error:
        position = f"line {error.lineno}, column {error.colno}"
        reason = error.msg
        # At the end of the input, or inside a string that never closes.
        if error.pos >= len(data.strip()) - 1 or reason.startswith("Unterminated"):
            reason = f"{reason} (the input looks truncated)"
        raise ParseError(f"{what} is not valid JSON: {reason} at {position}") from None
    except _DuplicateMemberError as error:
        raise ParseError(
            f"{what} has the member {error.args[0]!r} twice in one object"
        ) from None
    except UnicodeDecodeError:
        raise ParseError(f"{what} is not UTF-8 text") from None
    except RecursionError:
        raise ResourceLimitError(f"{what} is nested too deeply") from None
    check_json_value(value)
    return value


def dumps(value: Any, *, indent: bool = True) -> bytes:
    """Deterministic JSON bytes: the same value always gives the same bytes."""
    option = orjson.OPT_NON_STR_KEYS
    if indent:
        option |= orjson.OPT_INDENT_2
    try:
        return orjson.dumps(value, option=option) + (b"\n" if indent else b"")
    except TypeError:
        check_json_value(value)  # names the offending place
        raise


@dataclass(frozen=True, slots=True)
class JadesEnvelope:
    """A JWS in JSON serialisation as the EU seals EDCs (RFC 7797, ``b64: false``).

    ``payload`` is the credential exactly as signed: a seal is checked over these
    characters, so nothing may re-serialise them. ``credential`` is the parsed
    payload, for reading only.
    """

    payload: str
    signatures: tuple[dict[str, Any], ...]
    credential: dict[str, Any]


def open_envelope(document: Any) -> JadesEnvelope | None:
    """Return the envelope if ``document`` is a JAdES/JWS JSON object, else None.

    Opening it checks nothing about the seal; see :mod:`microcred.securing` for that.
    """
    if not isinstance(document, dict) or "payload" not in document:
        return None
    payload = document["payload"]
    signatures = document.get("signatures")
    if signatures is None and "protected" in document:
        # Flattened JWS JSON serialisation: a single signature at the top level.
        signatures = [{k: v for k, v in document.items() if k != "payload"}]
    if not isinstance(payload, str):
        raise ParseError("the JWS payload must be a string", path="payload")
    if not isinstance(signatures, list) or not all(
        isinstance(s, dict) for s in signatures
    ):
        raise ParseError(
            "the JWS signatures must be a list of objects", path="signatures"
        )
    credential = load_json(payload, what="the JWS payload")
    if not isinstance(credential, dict):
        raise ParseError("the JWS payload must be a JSON object", path="payload")
    return JadesEnvelope(payload, tuple(signatures), credential)
