"""verify() end to end on real credentials we may not copy.

- The EU's sealed EDC samples (``edc/samples/eu-elm-support``): valid at signing
  time, shapes conform, expired certificate today.
- The Digital Credentials Consortium's signed OB 3.0 fixtures
  (``ob3/dcc-vc-test-fixtures``): Ed25519Signature2020 and DataIntegrityProof
  (eddsa-rdfc-2022), did:key and did:web (with the fixtures' own DID documents,
  offline), status lists read from the fixtures' folder; the expected verdict is
  in each file name (noStatus/validStatus/revokedStatus, noExpiry/expired).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from microcred.securing import keys
from microcred.verification import CheckStatus, Outcome, verify

TODAY = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
DCC_STATUS_BASE = "https://digitalcredentials.github.io/vc-test-fixtures/"
EU_SEALED = ["AA-Annex1-MC-signed.jsonld", "Sample-MastersDegree-signed.jsonld"]


@pytest.mark.parametrize("name", EU_SEALED)
def test_eu_support_samples(anchors: Path, name: str) -> None:
    """Sealed EU samples: valid at signing time, expired certificate today."""
    path = anchors / "edc" / "samples" / "eu-elm-support" / name
    then = verify(path, now="signing-time")
    assert then.valid, [c.to_dict() for c in then.failures]
    # The master's degree uses dateModified, which the EU's own context mistypes.
    assert then["shape"].status in {CheckStatus.PASSED, CheckStatus.WARNING}
    today = verify(path, now=TODAY)
    assert today["validity"].outcome is Outcome.EXPIRED


def test_eu_support_unsigned_sample_is_not_valid(anchors: Path) -> None:
    """The unsigned EU sample has no seal, whatever its shape."""
    path = anchors / "edc" / "samples" / "eu-elm-support" / "AA-Annex1-MC-unsigned.json"
    result = verify(path, now=TODAY)
    assert result["signature"].outcome is Outcome.UNSIGNED


def _dcc_files(anchors_root: Path) -> list[Path]:
    root = anchors_root / "ob3" / "dcc-vc-test-fixtures" / "verifiableCredentials"
    return sorted(root.rglob("*.json"))


def _default_anchors() -> Path:
    # The same place the conftest looks, known before fixtures exist.
    raw = os.environ.get("MICROCRED_ANCHORS")
    return Path(raw) if raw else Path(__file__).parents[2] / "shared" / "anchors"


def _resolver(anchors: Path) -> keys.OfflineResolver:
    dids = anchors / "ob3" / "dcc-vc-test-fixtures" / "dids"
    documents = [json.loads(p.read_text()) for p in sorted(dids.rglob("*.json"))]
    return keys.OfflineResolver(documents)


def _fetcher(anchors: Path) -> Callable[[str], Mapping[str, Any]]:
    base = anchors / "ob3" / "dcc-vc-test-fixtures"

    def fetch(url: str) -> Mapping[str, Any]:
        if not url.startswith(DCC_STATUS_BASE):
            raise LookupError(url)
        path = base / url.removeprefix(DCC_STATUS_BASE)
        return json.loads(path.read_text())  # type: ignore[no-any-return]

    return fetch


def _expected(path: Path) -> Outcome | None:
    stem = path.stem
    if "revokedSta" in stem:
        return Outcome.REVOKED
    if "expired" in stem:
        return Outcome.EXPIRED
    return None


@pytest.mark.parametrize(
    "path",
    _dcc_files(_default_anchors()) if _default_anchors().is_dir() else [],
    ids=lambda p: "/".join(p.parts[-4:]),
)
def test_dcc_fixture(anchors: Path, path: Path) -> None:
    """Each DCC fixture ends as its file name says (valid, expired, revoked)."""
    pytest.importorskip(
        "microcred.securing.dataintegrity",
        reason="Data Integrity proofs come from the dataintegrity branch",
    )
    result = verify(
        path,
        now=TODAY,
        resolver=_resolver(anchors),
        fetch_status=_fetcher(anchors),
    )
    expected = _expected(path)
    signature = [c for c in result if c.name == "signature"]
    assert signature, result.to_dict()
    assert all(c.status is CheckStatus.PASSED for c in signature), result.to_dict()
    if expected is None:
        assert result.valid, [c.to_dict() for c in result.failures]
    else:
        assert expected in {c.outcome for c in result.failures}, result.to_dict()
