"""verify() on the EU's own sealed EDC samples: JAdES dispatch, shapes, time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from microcred.verification import CheckStatus, Outcome, verify

EDC = Path(__file__).parents[1] / "vectors" / "edc"
TODAY = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "name", ["Sample-MC-Annex1-signed.jsonld", "Sample-CertOfPart-signed.jsonld"]
)
def test_eu_seal_is_valid_at_signing_time_only(name: str) -> None:
    """The EU test seal verifies at signing time; its certificate expired in 2025."""
    then = verify(EDC / name, now="signing-time")
    assert then.valid, [c.to_dict() for c in then.failures]
    names = [c.name for c in then]
    assert names[:3] == ["parse", "context", "shape"]
    assert then["shape"].status is CheckStatus.PASSED
    assert then["signature"].status is CheckStatus.PASSED
    today = verify(EDC / name, now=TODAY)
    assert not today.valid
    assert today["validity"].outcome is Outcome.EXPIRED


def test_unsigned_eu_sample_fails_shape_and_signature() -> None:
    """The EU's unsigned sample: two shape violations, and no seal."""
    result = verify(EDC / "Sample-MC-Annex1-unsigned.jsonld", now=TODAY)
    assert result["shape"].outcome is Outcome.SHAPE_VIOLATION
    assert result["signature"].outcome is Outcome.UNSIGNED
    assert "no proof or seal" in result["signature"].message


def test_tampered_seal_payload_fails() -> None:
    """One changed character in the sealed payload breaks the seal."""
    text = (EDC / "Sample-CertOfPart-signed.jsonld").read_text(encoding="utf-8")
    tampered = text.replace("ORGANIZACION TEST", "ORGANIZACION TESU", 1)
    assert tampered != text
    result = verify(tampered, now="signing-time")
    assert not result.valid
    assert result["signature"].status is CheckStatus.FAILED


def test_issuer_id_anchor_does_not_trust_a_seal_without_certificate_anchors() -> None:
    """Naming a string anchor for a sealed EDC is judged, not silently skipped."""
    result = verify(
        EDC / "Sample-CertOfPart-signed.jsonld",
        now="signing-time",
        trust=["did:example:ministry"],
    )
    assert result["trust"].outcome is Outcome.UNTRUSTED
    assert not result.valid
