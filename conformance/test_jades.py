"""Every sealed EU sample in the anchors verifies: at signing time, today, trusted."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID

from microcred.securing import jades
from microcred.verification import CheckStatus, Outcome

SEALED = [
    "eu-elm-github-2023/Sample-MC-Annex1-signed.jsonld",
    "eu-elm-github-2023/Sample-CertOfPart-signed.jsonld",
    "eu-elm-support/AA-Annex1-MC-signed.jsonld",
    "eu-elm-support/Sample-MastersDegree-signed.jsonld",
]
TODAY = datetime(2026, 12, 4, tzinfo=UTC)


def _xvals(path: Path) -> list[x509.Certificate]:
    document = json.loads(path.read_bytes())
    for encoded in document["signatures"][0]["header"]["etsiU"]:
        unsigned = json.loads(
            base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        )
        if "xVals" in unsigned:
            return [
                x509.load_der_x509_certificate(base64.b64decode(v["x509Cert"]["val"]))
                for v in unsigned["xVals"]
            ]
    return []


def _anchor(anchors: Path, common_name: str) -> x509.Certificate:
    """A root certificate as the EU's own validation data carries it."""
    for sample in SEALED:
        for certificate in _xvals(anchors / "edc" / "samples" / sample):
            common = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
            if (
                common
                and common[0].value == common_name
                and (certificate.subject == certificate.issuer)
            ):
                return certificate
    raise LookupError(common_name)


def _sample(anchors: Path, name: str) -> Path:
    return anchors / "edc" / "samples" / name


@pytest.mark.parametrize("name", SEALED)
def test_sealed_sample_verifies_at_signing_time(anchors: Path, name: str) -> None:
    """Signature, content and signature timestamps, validity and issuer pass."""
    result = jades.verify_seal(_sample(anchors, name))
    assert result.valid, result.to_dict()
    passed = {c.name for c in result if c.status is CheckStatus.PASSED}
    assert {
        "signature",
        "content-timestamp",
        "timestamp",
        "validity",
        "issuer",
    } <= passed


@pytest.mark.parametrize("name", SEALED)
def test_sealed_sample_today_is_expired(anchors: Path, name: str) -> None:
    """The test seal certificate expired on 2025-05-10."""
    result = jades.verify_seal(_sample(anchors, name), at=TODAY)
    assert result["validity"].outcome is Outcome.EXPIRED
    assert not result.valid


@pytest.mark.parametrize("name", SEALED)
def test_sealed_sample_chains_to_anf_global_root(anchors: Path, name: str) -> None:
    """With ANF Global Root CA as the only anchor, every seal is trusted."""
    root = _anchor(anchors, "ANF Global Root CA")
    result = jades.verify_seal(_sample(anchors, name), trust=[root])
    check = result["trust"]
    if name.startswith("eu-elm-support/AA-"):
        # B-T only: no xVals carry ANF's issuing CA, and x5c holds the leaf alone.
        assert check.outcome is Outcome.UNTRUSTED
        return
    assert check.status is CheckStatus.PASSED, check.message
    assert result.valid


@pytest.mark.parametrize("name", SEALED)
def test_sealed_sample_timestamps_chain_to_their_tsa_roots(
    anchors: Path, name: str
) -> None:
    """Nowina's test root (2023) or Zetes' TSP root (2024-25) anchors the TSA."""
    roots = [
        _anchor(anchors, "root-ca"),
        _anchor(anchors, "ZETES TSP ROOT CA 001"),
    ]
    result = jades.verify_seal(_sample(anchors, name), timestamp_trust=roots)
    check = result["timestamp-trust"]
    assert check.status is CheckStatus.PASSED, check.message


def test_lta_archive_timestamp_imprints(anchors: Path) -> None:
    """The B-LTA samples' arcTst imprint and TSA signature verify."""
    for name in SEALED:
        result = jades.verify_seal(_sample(anchors, name))
        names = [c.name for c in result]
        if "archive-timestamp" in names:
            assert result["archive-timestamp"].status is CheckStatus.PASSED
            assert result["validation-data"].status is CheckStatus.WARNING


def _document(anchors: Path, name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(_sample(anchors, name).read_bytes())
    return loaded


def test_b_t_sample_tampered_payload_fails(anchors: Path) -> None:
    """The 2024 sample fails once its payload changes by one character."""
    document = _document(anchors, SEALED[2])
    document["payload"] = document["payload"].replace("Spain", "Spaim", 1)
    result = jades.verify_seal(document)
    assert result["signature"].outcome is Outcome.INVALID_SIGNATURE


#: The level each sealed EU sample reaches: the 2024 upload-form sample carries
#: only a signature timestamp; the others add xVals, rVals and an arcTst.
LEVELS = {
    SEALED[0]: "B-LTA",
    SEALED[1]: "B-LTA",
    SEALED[2]: "B-T",
    SEALED[3]: "B-LTA",
}


@pytest.mark.parametrize("name", SEALED)
def test_sealed_sample_level(anchors: Path, name: str) -> None:
    """Each EU sample is reported at its level, meets it and fails the next one."""
    level = LEVELS[name]
    result = jades.verify_seal(_sample(anchors, name), min_level=level)
    assert result.valid, result.to_dict()
    assert result["level"].details["level"] == level
    higher = jades.LEVELS[jades.LEVELS.index(level) + 1 :]
    for required in higher:
        short = jades.verify_seal(_sample(anchors, name), min_level=required)
        assert not short.valid
        assert short["level"].message.startswith(
            f"the seal reaches {level}, {required} required"
        )
        assert short["level"].outcome is Outcome.BELOW_REQUIRED_LEVEL
