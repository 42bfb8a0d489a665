"""The public entry points of :mod:`microcred.edc`."""

from __future__ import annotations

import logging
from typing import Any

import orjson

from microcred._jsonio import dumps
from microcred.errors import InvalidDataError
from microcred.model import Award

from ._patch import EdcPatch, apply_patch
from ._reader import EdcReading, read_credential
from ._writer import build_credential

__all__ = ["read_edc", "to_edc", "to_edc_json"]

logger = logging.getLogger(__name__)


def to_edc(
    award: Award,
    *,
    unmapped: EdcPatch | None = None,
    image: bytes | None = None,
) -> dict[str, Any]:
    """The European Digital Credential for ``award``, as a JSON-ready dict.

    ELM 3 JSON-LD on VC 1.1, conforming to the EU's ``edc-generic-full``
    shapes when the issuer has an eIDAS identifier. Deterministic: no clock,
    no random ids. ``unmapped`` (from :func:`read_edc`) puts back what the
    Award does not hold; where the Award was changed since, the Award wins.
    ``image`` replaces the bundled display image (PNG bytes).
    """
    credential = build_credential(award, image=image)
    if not unmapped:
        return credential
    unchanged = unmapped.shortcut(credential)
    if unchanged is not None:
        result: dict[str, Any] = unchanged
        return result
    if unmapped.has_proofs and unmapped.base is not None:
        # The Award changed since it was read: a proof put back would sign
        # content the credential no longer has and fail every verifier.
        raise InvalidDataError(
            "the Award was edited after reading a signed credential, so its proof "
            "no longer applies; write with unmapped=reading.unmapped.without_proofs() "
            "and sign the new credential",
            path="proof",
        )
    # The writer shares nodes (one organisation in several roles); patching
    # needs a tree that shares nothing, and orjson copies one fastest.
    copy: dict[str, Any] = orjson.loads(orjson.dumps(credential))
    patched, skipped = apply_patch(copy, unmapped)
    if skipped:
        logger.debug("%d unmapped values no longer fit the edited award", len(skipped))
    edited: dict[str, Any] = patched
    return edited


def to_edc_json(
    award: Award,
    *,
    unmapped: EdcPatch | None = None,
    image: bytes | None = None,
) -> bytes:
    """:func:`to_edc` as deterministic JSON bytes (same Award, same bytes)."""
    return dumps(to_edc(award, unmapped=unmapped, image=image))


def read_edc(source: Any) -> EdcReading:
    """Read an EDC: a dict, JSON text or bytes, or a :class:`~pathlib.Path`.

    Accepts the bare credential, a JAdES envelope (the payload is read; the seal
    is not checked here) and the EDC issuer's upload form
    ``{credential, deliveryDetails}``. Malformed JSON, unknown contexts, terms
    JSON-LD would drop, wrong JSON types and missing mandatory elements raise a
    :class:`~microcred.errors.MicrocredError` naming the field path.
    """
    return read_credential(source)
