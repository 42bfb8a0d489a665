"""The micro-credential and award models: round trips, rules, error paths."""

from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction
from typing import Any

import pytest

from microcred.errors import ModelValidationError
from microcred.model import (
    Award,
    EQFLevel,
    MicroCredential,
    demo_award,
    parse_award,
    parse_micro_credential,
    synthetic_examples,
)

ISSUED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _entry() -> dict[str, Any]:
    return synthetic_examples()[0].model_dump(mode="json", by_alias=True)


def test_synthetic_examples_round_trip_through_json() -> None:
    """Every bundled example validates back to an equal model from its JSON."""
    for example in synthetic_examples():
        data = example.model_dump(mode="json", by_alias=True)
        assert MicroCredential.model_validate(data) == example


def test_demo_award_round_trips() -> None:
    """The demo award survives dump and parse unchanged."""
    award = demo_award(ISSUED)
    assert parse_award(award.model_dump(mode="json")) == award
    assert award.outcome_results[0].score == Fraction(4, 5)


@pytest.mark.parametrize("level", [0, 9, "six", 6.5, True, "6"])
def test_bad_eqf_levels_name_the_field(level: object) -> None:
    """EQF levels outside 1-8 or not integers fail with the field's path."""
    data = _entry() | {"eqfLevel": level}
    with pytest.raises(ModelValidationError) as caught:
        parse_micro_credential(data)
    assert caught.value.path == "eqfLevel"


def test_eqf_level_knows_its_iri_and_descriptor() -> None:
    """An EQF level gives the EDC IRI and the bundled descriptors."""
    assert EQFLevel(6).iri == "http://data.europa.eu/snb/eqf/6"
    assert EQFLevel(6).concept.scheme == "http://data.europa.eu/snb/eqf/25831c2"
    assert EQFLevel(7).qf_ehea_cycle == "second cycle (master)"


def test_all_errors_are_listed() -> None:
    """Several bad fields are all reported, each with its own path."""
    data = _entry() | {"eqfLevel": 0, "title": "plain"}
    data["workload"] = {"hours": -1}
    with pytest.raises(ModelValidationError) as caught:
        parse_micro_credential(data)
    paths = {path for path, _ in caught.value.errors}
    assert {"eqfLevel", "title", "workload.hours"} <= paths


def test_unknown_outcome_in_result_is_refused() -> None:
    """An outcome result must name an outcome of the micro-credential."""
    data = demo_award(ISSUED).model_dump(mode="json")
    data["outcomeResults"][1]["outcomeId"] = "LO99"
    with pytest.raises(ModelValidationError) as caught:
        Award.model_validate(data)
    assert caught.value.path == "outcomeResults[1].outcomeId"


def test_duplicate_outcome_ids_are_refused() -> None:
    """Learning outcome ids are unique within a micro-credential."""
    data = _entry()
    data["learningOutcomes"][2]["id"] = "LO1"
    with pytest.raises(ModelValidationError) as caught:
        parse_micro_credential(data)
    assert caught.value.path == "learningOutcomes[2].id"


def test_naive_issue_time_is_refused() -> None:
    """The date of issue must carry a time zone."""
    with pytest.raises(ModelValidationError) as caught:
        demo_award(datetime(2026, 3, 1))  # noqa: DTZ001
    assert caught.value.path == "issued"
