"""Scoring attempts and deciding awards: exactness, unanswered items, bad input."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.assessment import (
    decide,
    parse_questionnaire,
    sample_questionnaire,
    sample_responses,
    score_attempt,
    score_cohort,
    score_item,
)
from microcred.errors import (
    AssessmentError,
    MicrocredError,
    QuestionnaireError,
    ResponseError,
)


def _weighted(weights: list[float], threshold: float) -> dict[str, Any]:
    items = [
        {
            "id": f"q{n}",
            "kind": "true_false",
            "prompt": "?",
            "key": True,
            "outcomes": {"LO1": w},
        }
        for n, w in enumerate(weights)
    ]
    return {"items": items, "policy": {"threshold": threshold}}


def test_exactly_on_the_threshold_passes_with_awkward_weights() -> None:
    """0.1 + 0.7 out of 1.0 is exactly 0.8: a learner there meets a 0.8 threshold."""
    assert 0.1 + 0.7 < 0.8  # the float drift the exact path must not inherit
    questionnaire = parse_questionnaire(_weighted([0.1, 0.7, 0.2], 0.8))
    decision = decide(questionnaire, {"q0": True, "q1": True, "q2": False})
    assert decision.outcomes[0].met
    assert str(decision.outcomes[0].share) == "4/5"
    assert decision.awarded


def test_cohort_path_agrees_exactly_on_the_threshold() -> None:
    """0.7 + 0.2 of 1.2 is exactly 0.75: both paths award it, and refuse 0.8 of 1.2."""
    assert 0.7 + 0.2 < 0.9  # float drift again
    questionnaire = parse_questionnaire(_weighted([0.1, 0.7, 0.2, 0.2], 0.75))
    cohort = [
        {"q1": True, "q2": True},
        {"q0": True, "q1": True},
        {"q0": True, "q1": True, "q2": True},
        {},
    ]
    result = score_cohort(questionnaire, cohort)
    assert result.awarded == (True, False, True, False)
    assert list(result.awarded) == [decide(questionnaire, a).awarded for a in cohort]


def test_cohort_on_threshold_with_thirds() -> None:
    """Weights 0.1/0.7/0.2 with threshold 0.8: both paths award exactly 0.8."""
    questionnaire = parse_questionnaire(_weighted([0.1, 0.7, 0.2], 0.8))
    cohort = [{"q0": True, "q1": True}, {"q1": True, "q2": True}, {"q1": True}]
    result = score_cohort(questionnaire, cohort)
    assert result.awarded == (True, True, False)


def test_sample_attempt_is_awarded_with_reasons() -> None:
    """The bundled passing attempt earns HAB-MC-001 with a reason per outcome."""
    decision = decide(sample_questionnaire(), sample_responses())
    assert decision.awarded
    assert decision.reasons == ()
    assert [o.outcome_id for o in decision.outcomes] == ["LO1", "LO2", "LO3", "LO4"]
    assert all(o.reason.startswith(f"{o.outcome_id}: met") for o in decision.outcomes)
    assert decision.grade == "very good"


def test_empty_attempt_is_valid_and_unanswered() -> None:
    """{} scores 0 everywhere, reports every item unanswered and is refused."""
    questionnaire = sample_questionnaire()
    decision = decide(questionnaire, {})
    assert not decision.awarded
    assert decision.result.unanswered == tuple(i.id for i in questionnaire.items)
    assert decision.score == 0
    assert len(decision.reasons) == 4


def test_null_and_empty_answers_are_unanswered() -> None:
    """null, [] and "" leave an item unanswered rather than wrong."""
    result = score_attempt(
        sample_questionnaire(), {"q01": None, "q02": [], "q05": "  ", "q08": {}}
    )
    assert set(result.unanswered) >= {"q01", "q02", "q05", "q08"}


def test_response_to_an_unknown_item() -> None:
    """An answer for an item the questionnaire lacks names that item."""
    with pytest.raises(ResponseError, match="q99") as caught:
        score_attempt(sample_questionnaire(), {"q01": "b", "q99": "a"})
    assert caught.value.path == "q99"


@pytest.mark.parametrize(
    ("item_id", "answer"),
    [
        ("q01", ["b"]),
        ("q01", "z"),
        ("q02", "wood_fibre"),
        ("q02", ["wood_fibre", 3]),
        ("q03", "true"),
        ("q03", 1),
        ("q04", "140"),
        ("q04", True),
        ("q05", 5),
        ("q06", ["measure", "measure", "cut", "fit"]),
        ("q06", "measure"),
        ("q08", ["vcl", "warm"]),
        ("q08", {"vcl": "roof"}),
        ("q08", {"vcl": ["warm"]}),
    ],
)
def test_wrong_shape_names_the_item(item_id: str, answer: Any) -> None:
    """A response of the wrong shape is a ResponseError naming the item."""
    with pytest.raises(ResponseError, match=item_id) as caught:
        score_attempt(sample_questionnaire(), {item_id: answer})
    assert caught.value.path == item_id


def test_cohort_error_names_learner_and_item() -> None:
    """In a cohort, the error names the learner's index and the item."""
    with pytest.raises(ResponseError) as caught:
        score_cohort(sample_questionnaire(), [{"q01": "b"}, {"q03": "yes"}])
    assert caught.value.path == "[1].q03"


def test_responses_must_be_an_object() -> None:
    """A list where the item -> answer object belongs is refused."""
    with pytest.raises(ResponseError):
        score_attempt(sample_questionnaire(), ["q01"])  # type: ignore[arg-type]


@settings(max_examples=80, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([f"q{n:02d}" for n in range(1, 16)]),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
            lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
            max_leaves=5,
        ),
    )
)
def test_arbitrary_answers_score_or_fail_cleanly(responses: dict[str, Any]) -> None:
    """Any JSON-like answers either score or raise a MicrocredError, nothing else."""
    try:
        result = score_attempt(sample_questionnaire(), responses)
    except MicrocredError as error:
        assert error.path  # noqa: PT017 (either outcome is fine; only its form is checked)
    else:
        assert 0 <= result.score <= 1


def test_pass_mark_and_minimum_items() -> None:
    """An overall pass mark and a minimum item count can each refuse the award."""
    raw = _weighted([1, 1, 1], 0.3)
    raw["policy"] |= {"pass_mark": 0.7}
    decision = decide(parse_questionnaire(raw), {"q0": True, "q1": True})
    assert not decision.awarded
    assert "pass mark" in decision.reasons[0]
    raw["policy"] = {"threshold": 0.3, "min_items_per_outcome": 4}
    decision = decide(parse_questionnaire(raw), {"q0": True, "q1": True, "q2": True})
    assert not decision.awarded
    assert "fewer than 4" in decision.reasons[0]


def test_optional_outcome_does_not_block_the_award() -> None:
    """An outcome marked not required is reported but does not decide."""
    raw = _weighted([1, 1], 0.5)
    raw["items"][1]["outcomes"] = ["LO2"]
    raw["outcomes"] = [{"id": "LO1"}, {"id": "LO2", "required": False}]
    decision = decide(parse_questionnaire(raw), {"q0": True, "q1": False})
    assert decision.awarded
    assert not decision.outcomes[1].met


def test_negative_marking_floor_per_test() -> None:
    """With penalties, the overall share is floored at 0 unless the floor is off."""
    raw = _weighted([1, 1], 0.5)
    for item in raw["items"]:
        item["scoring"] = {"rule": "match_correct", "penalty": -1}
    wrong = {"q0": False, "q1": False}
    assert decide(parse_questionnaire(raw), wrong).score == 0
    raw["policy"]["score_floor"] = None
    assert decide(parse_questionnaire(raw), wrong).score == -1


def test_grade_without_bands_is_a_whole_percentage() -> None:
    """Without grade bands the grade is the overall share, rounded down."""
    questionnaire = parse_questionnaire(_weighted([1, 1, 1], 0.5))
    assert decide(questionnaire, {"q0": True, "q1": True}).grade == "66%"


def test_decision_as_dict_is_json_ready() -> None:
    """as_dict gives awarded, outcomes and score as plain JSON values."""
    summary = decide(sample_questionnaire(), sample_responses()).as_dict()
    assert summary["awarded"] is True
    assert {"awarded", "outcomes", "score"} <= summary.keys()
    assert isinstance(summary["score"], float)


def test_cohort_without_numpy_gives_the_same_decisions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pure-Python fallback decides exactly like the numpy path."""
    from microcred.assessment import _cohort

    questionnaire = sample_questionnaire()
    answers = sample_responses()
    cohort = [answers, {}, answers | {"q10": False, "q08": {}, "q13": 3}]
    with_numpy = score_cohort(questionnaire, cohort)
    monkeypatch.setattr(_cohort, "_numpy", lambda: None)
    without = score_cohort(questionnaire, cohort)
    assert without.awarded == with_numpy.awarded
    assert without.outcome_met == with_numpy.outcome_met
    assert without.scores == with_numpy.scores
    assert list(without.awarded) == [decide(questionnaire, a).awarded for a in cohort]


def test_cohort_progress_is_reported_per_item() -> None:
    """The progress callback sees every item once, in order."""
    seen: list[tuple[int, int]] = []
    score_cohort(
        sample_questionnaire(), [{}], progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(n, 14) for n in range(1, 15)]


def test_short_text_mapping_keys_are_normalised_like_answers() -> None:
    """A mapped short answer matches whatever case and spacing the learner uses."""
    raw = {
        "items": [
            {
                "id": "t",
                "kind": "short_text",
                "prompt": "?",
                "key": {"accepted": ["Thermal Bridge"], "normalise": ["case", "trim"]},
                "points": 2,
                "scoring": {
                    "rule": "map_response",
                    "mapping": {"Thermal Bridge": 2, "COLD spot": 1},
                },
                "outcomes": ["LO1"],
            }
        ]
    }
    questionnaire = parse_questionnaire(raw)
    assert score_attempt(questionnaire, {"t": " cold SPOT "}).points == 1
    raw["items"][0]["scoring"]["mapping"]["thermal bridge"] = 1
    with pytest.raises(QuestionnaireError, match="same answer"):
        parse_questionnaire(raw)


def test_cohort_as_a_dataframe() -> None:
    """With pandas, a cohort gives one row per learner with each outcome's verdict."""
    pytest.importorskip("pandas")
    frame = score_cohort(
        sample_questionnaire(), [sample_responses(), {}]
    ).to_dataframe()
    assert list(frame["awarded"]) == [True, False]
    assert list(frame.columns) == [
        "score",
        "awarded",
        "met_LO1",
        "met_LO2",
        "met_LO3",
        "met_LO4",
    ]


def test_a_result_from_another_questionnaire_is_refused() -> None:
    """Deciding with a questionnaire other than the one scored names both ids."""
    scored = parse_questionnaire(_weighted([1, 1], 0.5))
    other = parse_questionnaire({**_weighted([1, 1], 0.5), "id": "other"})
    result = score_attempt(scored, {"q0": True})
    with pytest.raises(AssessmentError, match="'other'") as caught:
        decide(other, result)
    assert caught.value.path == "questionnaire.id"


def test_the_same_questionnaire_loaded_twice_decides_alike() -> None:
    """A result scored on one parse decides the same with an equal second parse."""
    first = parse_questionnaire(_weighted([0.1, 0.7, 0.2], 0.8))
    second = parse_questionnaire(_weighted([0.1, 0.7, 0.2], 0.8))
    responses = {"q0": True, "q1": True, "q2": False}
    result = score_attempt(first, responses)
    assert decide(second, result) == decide(first, result)
    assert decide(second, result).awarded


def test_another_version_of_a_questionnaire_is_refused() -> None:
    """Same id, other learning outcomes: the scored result does not fit."""
    scored = parse_questionnaire(_weighted([1, 1], 0.5))
    changed = _weighted([1, 1], 0.5)
    changed["items"][1]["outcomes"] = {"LO2": 1}
    with pytest.raises(AssessmentError, match="another version"):
        decide(parse_questionnaire(changed), score_attempt(scored, {}))


def test_another_version_with_other_items_is_refused() -> None:
    """Same id and outcomes, other items: the scored result does not fit either."""
    scored = parse_questionnaire(_weighted([1, 1], 0.5))
    changed = parse_questionnaire(_weighted([1, 1, 1], 0.5))
    with pytest.raises(AssessmentError, match="another version") as caught:
        decide(changed, score_attempt(scored, {"q0": True}))
    assert caught.value.path == "questionnaire"


def test_an_edited_result_neither_reads_nor_plants_a_memoised_decision() -> None:
    """A result whose outcome rows were replaced by hand is judged on its own rows,
    and later learners with the same key get their own, correct decisions."""
    questionnaire = parse_questionnaire(_weighted([1, 1], 0.6))
    half = score_attempt(questionnaire, {"q0": True, "q1": False})
    forged = dataclasses.replace(
        half, outcomes=(half.outcomes[0]._replace(share=Fraction(1)),)
    )
    assert decide(questionnaire, forged).awarded  # its own (edited) row says 100 %
    assert not decide(questionnaire, {"q0": False, "q1": True}).awarded
    full = score_attempt(questionnaire, {"q0": True, "q1": True})
    empty = score_attempt(questionnaire, {})
    swapped = dataclasses.replace(empty, outcome_keys=full.outcome_keys)
    assert not decide(questionnaire, swapped).awarded
    assert decide(questionnaire, {"q0": True, "q1": True}).awarded


def test_an_ordering_equal_to_a_broken_key_is_still_checked() -> None:
    """The correct-answer shortcut trusts only a key that is itself a valid order."""
    raw = {
        "items": [
            {
                "id": "order",
                "kind": "ordering",
                "prompt": "?",
                "choices": [{"id": c} for c in "abc"],
                "key": ["a", "b", "c"],
                "outcomes": {"LO1": 1},
            }
        ]
    }
    item = parse_questionnaire(raw).items[0]
    assert score_item(item, ["a", "b", "c"]).correct
    broken = dataclasses.replace(item, key=("a", "a", "b"))
    with pytest.raises(ResponseError, match="distinct option ids"):
        score_item(broken, ["a", "a", "b"])


def test_cohort_keeps_look_alike_answers_of_other_types_apart() -> None:
    """Decimal(1) beside 1, or a str subclass beside the plain id, is judged as
    decide() judges it, in either order, instead of sharing a key."""
    import enum
    from decimal import Decimal

    class Option(enum.StrEnum):
        A = "a"

    raw = {
        "items": [
            {"id": "n", "kind": "numeric", "prompt": "?", "key": {"value": 1},
             "outcomes": {"LO1": 1}},
            {"id": "c", "kind": "single_choice", "prompt": "?", "key": "a",
             "choices": [{"id": "a"}, {"id": "b"}], "outcomes": {"LO1": 1}},
        ]
    }  # fmt: skip
    questionnaire = parse_questionnaire(raw)
    for cohort in (
        [{"n": 1}, {"n": Decimal(1)}],
        [{"n": Decimal(1)}, {"n": 1}],
        [{"c": "a"}, {"c": Option.A}],
    ):
        learner = next(
            i for i, a in enumerate(cohort) if type(*a.values()) not in (int, str)
        )
        with pytest.raises(ResponseError) as caught:
            score_cohort(questionnaire, cohort)
        assert caught.value.path.startswith(f"[{learner}]")
        with pytest.raises(ResponseError):
            decide(questionnaire, cohort[learner])


HUGE_ANSWERS = {
    "5001-digit int": lambda: 10**5000,
    "nested lists": lambda: [[[[[[[[[]]]]]]]]] * 3,
    "long text": lambda: "x" * 100_000,
}


@pytest.mark.parametrize("name", sorted(HUGE_ANSWERS))
def test_a_huge_wrong_answer_still_gets_a_short_message(name: str) -> None:
    """The error message shows a shortened answer, whatever its size."""
    answer = HUGE_ANSWERS[name]()
    questionnaire = parse_questionnaire(_weighted([1], 0.5))
    with pytest.raises(ResponseError) as caught:
        decide(questionnaire, {"q0": answer})
    assert len(str(caught.value)) < 300
