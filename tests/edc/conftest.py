"""Shared fixtures for the EDC tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from microcred.model import Award, demo_award, synthetic_examples

VECTORS = Path(__file__).parents[1] / "vectors" / "edc"
ISSUED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
#: A made-up eIDAS identifier: the synthetic issuer has none, and the EDC shapes
#: require exactly one on the issuer.
SYNTHETIC_EIDAS = "VATES-SYNTHETIC0"


def sealable(award: Award) -> Award:
    """``award`` with an eIDAS identifier on the issuer (and the same org elsewhere)."""
    mc = award.micro_credential
    issuer = mc.issuer.replace(eidas_identifier=SYNTHETIC_EIDAS)
    changes = {"issuer": issuer}
    if mc.awarding_body.id == mc.issuer.id:
        changes["awarding_body"] = issuer
    if mc.promoter is not None and mc.promoter.id == mc.issuer.id:
        changes["promoter"] = issuer
    return award.replace(micro_credential=mc.replace(**changes))


@pytest.fixture
def award() -> Award:
    """The demo award of the first synthetic micro-credential, sealable."""
    return sealable(demo_award(ISSUED))


@pytest.fixture(params=range(6), ids=lambda i: f"synthetic-{i + 1}")
def synthetic_award(request: pytest.FixtureRequest) -> Award:
    """Each of the six synthetic micro-credentials, awarded, sealable."""
    return sealable(demo_award(ISSUED, synthetic_examples()[request.param]))
