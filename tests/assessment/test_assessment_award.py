"""Questionnaires against the model's micro-credential, and decisions to Awards."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from microcred.assessment import (
    decide,
    parse_questionnaire,
    sample_questionnaire,
    sample_responses,
)
from microcred.assessment._samples import SAMPLE_QUESTIONNAIRE_FILE, sample_data
from microcred.errors import AssessmentError, MicrocredError, QuestionnaireError
from microcred.model import AwardRoute, Learner, MicroCredential, synthetic_examples

ISSUED = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def _hab001() -> MicroCredential:
    return synthetic_examples()[0]


def _learner() -> Learner:
    return Learner(id="urn:example:learner:1", full_name="Sam Example")


def _raw() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(sample_data(SAMPLE_QUESTIONNAIRE_FILE))
    return raw


def test_sample_decision_becomes_an_award() -> None:
    """A passing attempt gives an Award with outcome results, grade and route."""
    decision = decide(sample_questionnaire(), sample_responses())
    award = decision.to_award(
        _hab001(),
        _learner(),
        issued=ISSUED,
        award_id="urn:example:award:1",
        route=AwardRoute.PRIOR_LEARNING,
    )
    assert award.route is AwardRoute.PRIOR_LEARNING
    assert award.grade == "very good"
    assert award.issued == ISSUED
    assert [r.outcome_id for r in award.outcome_results] == ["LO1", "LO2", "LO3", "LO4"]
    assert all(r.achieved for r in award.outcome_results)
    lo3 = award.result_for("LO3")
    assert lo3 is not None
    assert lo3.score == decision.result.outcome("LO3").share


def test_route_defaults_to_course() -> None:
    """Without a route the award records the course route."""
    award = decide(sample_questionnaire(), sample_responses()).to_award(
        _hab001(), _learner(), issued=ISSUED, award_id="urn:example:award:2"
    )
    assert award.route is AwardRoute.COURSE


def test_refused_decision_gives_no_award() -> None:
    """to_award on a refusal raises and says why."""
    decision = decide(sample_questionnaire(), {})
    with pytest.raises(AssessmentError, match="does not award"):
        decision.to_award(_hab001(), _learner(), issued=ISSUED, award_id="urn:x:a")


def test_naive_issue_time_is_refused() -> None:
    """The model refuses a datetime without a time zone."""
    decision = decide(sample_questionnaire(), sample_responses())
    with pytest.raises(MicrocredError):
        decision.to_award(
            _hab001(),
            _learner(),
            issued=datetime(2026, 12, 4, 12, 0),  # noqa: DTZ001 (the point of the test)
            award_id="urn:x:a",
        )


def test_outcome_not_defined_by_the_micro_credential() -> None:
    """An item assessing LO9 is refused against HAB-MC-001, naming the item."""
    raw = _raw()
    raw["items"][0]["outcomes"] = ["LO9"]
    del raw["outcomes"]
    with pytest.raises(QuestionnaireError, match="LO9") as caught:
        parse_questionnaire(raw, micro_credential=_hab001())
    assert caught.value.path == "items[0].outcomes.LO9"


def test_required_outcome_without_items() -> None:
    """A required outcome of the micro-credential that no item assesses is refused."""
    raw = _raw()
    raw["items"] = [i for i in raw["items"] if "LO4" not in i["outcomes"]]
    raw["outcomes"] = raw["outcomes"][:3]
    with pytest.raises(QuestionnaireError, match="LO4"):
        parse_questionnaire(raw, micro_credential=_hab001())


def test_questionnaire_cannot_relax_a_required_outcome() -> None:
    """required: false on an outcome the micro-credential requires is refused."""
    raw = copy.deepcopy(_raw())
    raw["outcomes"][1]["required"] = False
    with pytest.raises(QuestionnaireError, match="required") as caught:
        parse_questionnaire(raw, micro_credential=_hab001())
    assert caught.value.path == "outcomes[1].required"


def test_questionnaire_for_another_micro_credential() -> None:
    """A questionnaire that names another micro-credential is refused."""
    raw = _raw()
    raw["micro_credential"] = "urn:example:other"
    with pytest.raises(QuestionnaireError, match="other"):
        parse_questionnaire(raw, micro_credential=_hab001())


def test_alignment_keeps_thresholds_and_takes_required_flags() -> None:
    """Aligned outcomes follow the credential's order and keep LO4's 0.75."""
    questionnaire = sample_questionnaire()
    assert [o.id for o in questionnaire.outcomes] == list(_hab001().outcome_ids)
    assert str(questionnaire.threshold("LO4")) == "3/4"
    assert all(o.required for o in questionnaire.outcomes)
