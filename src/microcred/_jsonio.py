"""Reading JSON safely, and opening the JAdES envelope the EU seals EDCs in.

Every reader in microcred goes through :func:`load_json`, so malformed, truncated,
oversized or absurdly nested input gives one kind of error everywhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from microcred.errors import ParseError, ResourceLimitError

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "JadesEnvelope",
    "dumps",
    "load_json",
    "open_envelope",
]

#: The EU's largest sample is 1.3 MB; a credential a hundred times that is hostile.
MAX_DOCUMENT_BYTES = 128 * 1024 * 1024
#: ELM nests about 15 levels deep; far deeper input is a resource attack.
MAX_DEPTH = 256


def _check_depth(value: Any, limit: int) -> None:
    # Iterative, so hostile nesting cannot exhaust the Python stack.
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            raise ResourceLimitError(f"JSON nested deeper than {limit} levels")
        if isinstance(node, dict):
            stack.extend((child, depth + 1) for child in node.values())
        elif isinstance(node, list):
            stack.extend((child, depth + 1) for child in node)


def load_json(source: str | bytes | os.PathLike[str], *, what: str = "document") -> Any:
    """Parse JSON text, bytes or a file path into Python objects.

    ``str`` is taken as JSON text, not a path; pass a :class:`~pathlib.Path` for a
    file. Raises :class:`~microcred.errors.ParseError` with the line and column of
    the fault, and :class:`~microcred.errors.ResourceLimitError` for input beyond
    :data:`MAX_DOCUMENT_BYTES` or :data:`MAX_DEPTH`.
    """
    if isinstance(source, os.PathLike):
        path = Path(source)
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise ResourceLimitError(
                f"{path} is larger than {MAX_DOCUMENT_BYTES} bytes"
            )
        data: bytes | str = path.read_bytes()
        what = str(path)
    else:
        data = source
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ResourceLimitError(f"{what} is larger than {MAX_DOCUMENT_BYTES} bytes")
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        position = f"line {error.lineno}, column {error.colno}"
        reason = error.msg
        if error.pos >= len(data.strip()) - 1:
            reason = f"{reason} (the input looks truncated)"
        raise ParseError(f"{what} is not valid JSON: {reason} at {position}") from None
    except RecursionError:
        raise ResourceLimitError(f"{what} is nested too deeply") from None
    _check_depth(value, MAX_DEPTH)
    return value


def dumps(value: Any, *, indent: bool = True) -> bytes:
    """Deterministic JSON bytes: the same value always gives the same bytes."""
    option = orjson.OPT_NON_STR_KEYS
    if indent:
        option |= orjson.OPT_INDENT_2
    return orjson.dumps(value, option=option) + (b"\n" if indent else b"")


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
