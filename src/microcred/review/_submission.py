"""The submission form of a micro-credential: the model's JSON, deterministic."""

from __future__ import annotations

from microcred._jsonio import dumps
from microcred.model import MicroCredential

__all__ = ["submission_json"]


def submission_json(micro_credential: MicroCredential) -> bytes:
    """The micro-credential as the model's JSON (camelCase), as a catalogue takes it.

    The same model always gives the same bytes (keys in model order, two-space
    indent, a final newline); :func:`~microcred.review.review_submission` and
    :func:`~microcred.model.parse_micro_credential` read it back unchanged.
    """
    return dumps(micro_credential.model_dump(mode="json"))
