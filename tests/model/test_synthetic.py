"""The bundled synthetic examples and the demo award."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from importlib import resources

import pytest

from microcred.errors import ModelValidationError
from microcred.model import (
    SYNTHETIC_MARK,
    AwardRoute,
    EQFLevel,
    demo_award,
    synthetic_examples,
)

ISSUED = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


def test_six_examples_all_marked_synthetic() -> None:
    """All six habitat samples load, every title and organisation marked SYNTHETIC."""
    examples = synthetic_examples()
    assert len(examples) == 6
    for entry in examples:
        assert entry.title["en"].startswith(SYNTHETIC_MARK)
        assert entry.issuer.legal_name["en"].startswith(SYNTHETIC_MARK)
        assert entry.promoter is not None
        assert entry.promoter.legal_name["en"].startswith(SYNTHETIC_MARK)
        assert entry.workload.flags == ()


def test_examples_carry_the_sample_values() -> None:
    """Levels, workloads, outcomes and ESCO links come from the sample file."""
    first, fourth = synthetic_examples()[0], synthetic_examples()[3]
    assert first.id.endswith("HAB-MC-001")
    assert first.eqf_level is EQFLevel.LEVEL_3
    assert first.workload.hours == 25
    assert first.issuer.country == "ESP"
    assert first.outcome_ids == ("LO1", "LO2", "LO3", "LO4")
    skill = first.learning_outcomes[0].esco_skills[0]
    assert skill.iri.endswith("0d0fe364-462d-48dd-b54b-e972e2bdecb1")
    assert skill.label is not None
    assert skill.label["en"] == "types of insulation material"
    assert fourth.workload.ects == Decimal("1.5")
    assert fourth.workload.hours == 40


def test_examples_are_the_same_every_time() -> None:
    """The loader is deterministic."""
    assert synthetic_examples() == synthetic_examples()


def test_bundled_files_match_their_recorded_hashes() -> None:
    """Package data files are byte copies, as data/SOURCES.md records."""
    expected = {
        "elm-3.1-controlled-vocabularies-from-xsd.csv": "d09ecc14b03bf58a",
        "concepts-observed-in-eu-samples.csv": "bb9f5002414d592a",
        "eqf_levels.json": "878840c54f904dba",
        "habitat_microcredentials_SYNTHETIC.json": "88390caaf935b479",
    }
    data = resources.files("microcred.model") / "data"
    for name, prefix in expected.items():
        digest = hashlib.sha256((data / name).read_bytes()).hexdigest()
        assert digest.startswith(prefix), name
        assert prefix in (data / "SOURCES.md").read_text("utf-8")


def test_demo_award_is_deterministic() -> None:
    """The same issue time gives the same award; the clock is never read."""
    assert demo_award(ISSUED) == demo_award(ISSUED)
    award = demo_award(ISSUED, synthetic_examples()[2], route=AwardRoute.PRIOR_LEARNING)
    assert award.issued == ISSUED
    assert award.valid_from == ISSUED
    assert award.route is AwardRoute.PRIOR_LEARNING
    assert [r.outcome_id for r in award.outcome_results] == list(
        synthetic_examples()[2].outcome_ids
    )
    assert all(r.achieved for r in award.outcome_results)


def test_demo_award_keeps_the_offset() -> None:
    """A non-UTC issue time keeps its offset."""
    issued = datetime(2026, 5, 4, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    assert demo_award(issued).issued.utcoffset() == timedelta(hours=2)


def test_demo_award_needs_an_aware_time() -> None:
    """A naive datetime is refused with the field named."""
    with pytest.raises(ModelValidationError) as caught:
        demo_award(datetime(2026, 5, 4))  # noqa: DTZ001
    assert caught.value.path == "issued"
