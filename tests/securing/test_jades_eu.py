"""The EU's own sealed micro-credential and certificate of participation verify."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509

from microcred.securing import jades
from microcred.verification import CheckStatus, Outcome

VECTORS = Path(__file__).parents[1] / "vectors" / "edc"
SAMPLES = ["Sample-MC-Annex1-signed.jsonld", "Sample-CertOfPart-signed.jsonld"]
TODAY = datetime(2026, 12, 4, tzinfo=UTC)


def _unsigned(document: dict[str, Any]) -> list[dict[str, Any]]:
    encoded = document["signatures"][0]["header"]["etsiU"]
    return [
        json.loads(base64.urlsafe_b64decode(e + "=" * (-len(e) % 4))) for e in encoded
    ]


def _validation_certificates(path: Path) -> list[x509.Certificate]:
    document = json.loads(path.read_bytes())
    values = next(u["xVals"] for u in _unsigned(document) if "xVals" in u)
    return [
        x509.load_der_x509_certificate(base64.b64decode(v["x509Cert"]["val"]))
        for v in values
    ]


def _named(certificates: list[x509.Certificate], common_name: str) -> x509.Certificate:
    return next(
        c for c in certificates if c.subject.rfc4514_string().startswith(common_name)
    )


@pytest.mark.parametrize("sample", SAMPLES)
def test_eu_seal_verifies_at_signing_time(sample: str) -> None:
    """Signature, both timestamps, the archive timestamp and the issuer all pass."""
    result = jades.verify_seal(VECTORS / sample)
    assert result.valid, result.to_dict()
    for name in ("signature", "content-timestamp", "timestamp", "archive-timestamp"):
        assert result[name].status is CheckStatus.PASSED
    assert result["validity"].status is CheckStatus.PASSED
    assert result["issuer"].status is CheckStatus.PASSED
    assert result["timestamp"].details["time"].startswith("2023-09-27T")


@pytest.mark.parametrize("sample", SAMPLES)
def test_eu_seal_today_says_expired(sample: str) -> None:
    """The EU's test seal certificate expired in May 2025."""
    result = jades.verify_seal(VECTORS / sample, at=TODAY)
    assert not result.valid
    assert result["validity"].outcome is Outcome.EXPIRED
    assert "2025-05-10" in result["validity"].message
    assert result["signature"].status is CheckStatus.PASSED


@pytest.mark.parametrize("sample", SAMPLES)
def test_eu_seal_reports_what_is_not_checked(sample: str) -> None:
    """B-LTA validation data is parsed but revocation is reported as not evaluated."""
    result = jades.verify_seal(VECTORS / sample)
    data = result["validation-data"]
    assert data.status is CheckStatus.WARNING
    assert data.outcome is Outcome.NOT_CHECKED
    assert "revocation" in data.message
    assert result["trust"].status is CheckStatus.SKIPPED


def test_eu_seal_trusted_through_its_issuing_ca() -> None:
    """With ANF's eSeal CA as anchor the chain is built and trusted."""
    path = VECTORS / SAMPLES[0]
    anf = _named(
        _validation_certificates(path), "CN=ANF AC Qualified Certificates for eSeal,"
    )
    result = jades.verify_seal(path, trust=[anf])
    assert result["trust"].status is CheckStatus.PASSED, result["trust"].message
    assert result.valid


def test_eu_seal_untrusted_is_distinct_from_invalid() -> None:
    """An unrelated anchor gives UNTRUSTED while the signature still passes."""
    path = VECTORS / SAMPLES[0]
    nowina = _named(
        _validation_certificates(path), "C=LU,OU=PKI-TEST,O=Nowina Solutions,CN=root-ca"
    )
    result = jades.verify_seal(path, trust=[nowina])
    assert result["trust"].status is CheckStatus.FAILED
    assert result["trust"].outcome is Outcome.UNTRUSTED
    assert result["signature"].status is CheckStatus.PASSED
    assert not result.valid


def test_eu_timestamps_chain_to_the_test_tsa_root() -> None:
    """The Nowina test TSA tokens chain to Nowina's test root at their own time."""
    path = VECTORS / SAMPLES[0]
    nowina = _named(
        _validation_certificates(path), "C=LU,OU=PKI-TEST,O=Nowina Solutions,CN=root-ca"
    )
    result = jades.verify_seal(path, timestamp_trust=[nowina])
    assert result["timestamp-trust"].status is CheckStatus.PASSED, result[
        "timestamp-trust"
    ].message


def test_eu_payload_one_character_changed_fails() -> None:
    """The payload is signed as stored: one changed character breaks the seal."""
    document = json.loads((VECTORS / SAMPLES[0]).read_bytes())
    document["payload"] = document["payload"].replace("Ireland", "Irelanc", 1)
    result = jades.verify_seal(document)
    assert result["signature"].outcome is Outcome.INVALID_SIGNATURE
    assert result["content-timestamp"].status is CheckStatus.FAILED
    assert not result.valid


def test_eu_payload_reserialised_fails() -> None:
    """Re-serialising the same JSON (other spacing) is a different payload."""
    document = json.loads((VECTORS / SAMPLES[0]).read_bytes())
    document["payload"] = json.dumps(json.loads(document["payload"]), indent=1)
    assert not jades.verify_seal(document).valid


def test_eu_seal_trusted_then_expired_today() -> None:
    """With the right anchor, today's path fails as expired, not as untrusted."""
    path = VECTORS / SAMPLES[0]
    anf = _named(
        _validation_certificates(path), "CN=ANF AC Qualified Certificates for eSeal,"
    )
    result = jades.verify_seal(path, trust=[anf], at=TODAY)
    assert result["trust"].outcome is Outcome.EXPIRED
    assert result["validity"].outcome is Outcome.EXPIRED


def test_clear_json_unsigned_properties() -> None:
    """Clear-JSON etsiU: sigTst still verifies, arcTst is skipped as unsupported."""
    document = json.loads((VECTORS / SAMPLES[0]).read_bytes())
    document["signatures"][0]["header"]["etsiU"] = _unsigned(document)
    result = jades.verify_seal(document)
    assert result["timestamp"].status is CheckStatus.PASSED
    assert result["archive-timestamp"].status is CheckStatus.SKIPPED
    assert result["archive-timestamp"].outcome is Outcome.UNSUPPORTED
    assert result.valid
