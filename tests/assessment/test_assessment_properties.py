"""Properties of scoring that must hold for every questionnaire and attempt."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any
from unittest import mock

from assessment_strategies import attempts, questionnaires
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.assessment import (
    _decision,
    _scoring,
    decide,
    parse_questionnaire,
    score_attempt,
    score_cohort,
)
from microcred.assessment._scoring import engine_for


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_scores_stay_within_their_bounds(data: st.DataObject) -> None:
    """Items score between their lowest and their points; shares at most 1."""
    raw = data.draw(questionnaires())
    questionnaire = parse_questionnaire(raw)
    result = score_attempt(questionnaire, data.draw(attempts(raw)))
    engine = engine_for(questionnaire)
    for entry, item in zip(engine.compiled, result.items, strict=True):
        assert Fraction(entry.lowest, entry.unit) <= item.score <= item.max_score
    floor = questionnaire.policy.score_floor
    for outcome in result.outcomes:
        assert outcome.share <= 1
        assert floor is None or outcome.share >= floor
    assert result.score <= 1
    assert floor is None or result.score >= floor


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_adding_a_correct_selection_never_lowers_a_score(data: st.DataObject) -> None:
    """Without negative marking, choosing one more keyed option cannot hurt."""
    raw = data.draw(questionnaires(negative=False))
    questionnaire = parse_questionnaire(raw)
    responses = data.draw(attempts(raw))
    before = score_attempt(questionnaire, responses)
    for item in raw["items"]:
        if item["kind"] != "multiple_response":
            continue
        extra = data.draw(st.sampled_from(item["key"]))
        more = responses | {item["id"]: [*responses.get(item["id"], []), extra]}
        after = score_attempt(questionnaire, more)
        for old, new in zip(before.items, after.items, strict=True):
            assert new.score >= old.score
        assert after.score >= before.score


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_item_order_does_not_change_the_result(data: st.DataObject) -> None:
    """Shuffling the items gives the same outcome shares and decision."""
    raw = data.draw(questionnaires())
    responses = data.draw(attempts(raw))
    shuffled = raw | {"items": data.draw(st.permutations(raw["items"]))}
    first = decide(parse_questionnaire(raw), responses)
    second = decide(parse_questionnaire(shuffled), responses)
    assert first.awarded == second.awarded
    assert first.score == second.score
    assert first.outcomes == second.outcomes


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_decision_is_monotone_in_outcome_scores(data: st.DataObject) -> None:
    """Raising outcome shares (and the overall score) never withdraws an award."""
    raw = data.draw(questionnaires())
    questionnaire = parse_questionnaire(raw)
    result = score_attempt(questionnaire, data.draw(attempts(raw)))
    raises = st.fractions(min_value=0, max_value=1)
    outcomes = tuple(
        o._replace(share=min(Fraction(1), o.share + data.draw(raises)))
        for o in result.outcomes
    )
    better = dataclasses.replace(
        result,
        outcomes=outcomes,
        score=min(Fraction(1), result.score + data.draw(raises)),
    )
    if decide(questionnaire, result).awarded:
        assert decide(questionnaire, better).awarded


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_scoring_is_deterministic(data: st.DataObject) -> None:
    """The same input gives the same result, also from a fresh parse."""
    raw = data.draw(questionnaires())
    responses = data.draw(attempts(raw))
    once = decide(parse_questionnaire(raw), responses)
    again = decide(parse_questionnaire(raw), responses)
    assert once == again
    assert once == decide(parse_questionnaire(raw), dict(responses))


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_cohort_path_gives_the_reference_decisions(data: st.DataObject) -> None:
    """score_cohort decides exactly as decide() on each attempt."""
    raw = data.draw(questionnaires())
    questionnaire = parse_questionnaire(raw)
    cohort: list[dict[str, Any]] = data.draw(
        st.lists(attempts(raw), min_size=1, max_size=12)
    )
    result = score_cohort(questionnaire, cohort)
    for learner, responses in enumerate(cohort):
        decision = decide(questionnaire, responses)
        assert result.awarded[learner] == decision.awarded
        for outcome in decision.outcomes:
            assert result.outcome_met[outcome.outcome_id][learner] == outcome.met
        assert result.scores[learner] == float(decision.score)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_memoised_results_equal_fresh_ones(data: st.DataObject) -> None:
    """Rows and decisions kept between attempts (memos bounded at 3 here) change
    nothing: each attempt decides as on a freshly parsed questionnaire."""
    raw = data.draw(questionnaires())
    cohort = data.draw(st.lists(attempts(raw), min_size=2, max_size=10))
    warm = parse_questionnaire(raw)
    with (
        mock.patch.object(_scoring, "MEMO_ROWS", 3),
        mock.patch.object(_decision, "MEMO_ROWS", 3),
    ):
        decisions = [decide(warm, responses) for responses in cohort]
    for responses, decision in zip(cohort, decisions, strict=True):
        fresh = decide(parse_questionnaire(raw), responses)
        assert decision == fresh
        assert decision.outcomes == fresh.outcomes
        assert decision.result.outcomes == fresh.result.outcomes
    engine = engine_for(warm)
    assert all(len(plan.rows) <= 3 for plan in engine.plans)
    assert len(engine.totals) <= 3
