"""Every value of the project's worked scoring examples, reproduced.

The vectors (``tests/vectors/assessment/worked_examples.json``) pin QTI
map_response, match_correct, numeric tolerance, negative marking, per-outcome
mastery, classical item statistics, Angoff and Hofstee.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from microcred.assessment import (
    analyse_items,
    angoff,
    decide,
    guessing_penalty,
    hofstee,
    parse_item,
    parse_questionnaire,
    score_attempt,
    score_item,
)

VECTORS = json.loads(
    (
        Path(__file__).parents[1] / "vectors" / "assessment" / "worked_examples.json"
    ).read_text(encoding="utf-8")
)
ROUND = 6


def _choices(ids: list[str]) -> list[dict[str, str]]:
    return [{"id": i} for i in ids]


def test_map_response_composition_of_water() -> None:
    """QTI's choice_multiple example scores every listed response as expected."""
    example = VECTORS["qti_map_response_choice_multiple"]
    mapping = example["mapping"]
    item = parse_item(
        {
            "id": "water",
            "kind": "multiple_response",
            "prompt": "Which elements make up water?",
            "choices": _choices(["H", "He", "C", "O", "N", "Cl"]),
            "key": ["H", "O"],
            "outcomes": ["LO1"],
            "scoring": {
                "rule": "map_response",
                "mapping": mapping["entries"],
                "default": mapping["defaultValue"],
                "lower_bound": mapping["lowerBound"],
                "upper_bound": mapping["upperBound"],
            },
        }
    )
    for case in example["cases"]:
        result = score_item(item, case["response"])
        assert result.score == Fraction(str(case["expected_score"])), case


def _match_item(case: dict[str, Any]) -> dict[str, Any]:
    cardinality = case["cardinality"]
    if cardinality == "single":
        return {"kind": "single_choice", "choices": _choices(["A", "B", "C", "D"])}
    if cardinality == "multiple":
        return {"kind": "multiple_response", "choices": _choices(["A", "B", "C"])}
    return {"kind": "ordering", "choices": _choices(["s1", "s2", "s3"])}


def test_match_correct_for_each_cardinality() -> None:
    """All or nothing: same choice, same set, or same sequence; NULL scores 0."""
    for case in VECTORS["qti_match_correct"]["cases"]:
        raw = {"id": "i", "prompt": "?", "key": case["correct"], "outcomes": ["LO1"]}
        item = parse_item(raw | _match_item(case))
        result = score_item(item, case["response"])
        assert result.score == case["expected"], case
        assert result.answered is (case["response"] is not None)


def test_numeric_tolerance_including_boundaries() -> None:
    """Absolute and relative tolerance accept answers exactly on the bound."""
    for case in VECTORS["qti_equal_tolerance"]["cases"]:
        key = {
            "value": case["correct"],
            "mode": case["mode"],
            "tolerance": case["tolerance"],
        }
        item = parse_item(
            {"id": "n", "kind": "numeric", "prompt": "?", "key": key, "outcomes": ["L"]}
        )
        assert score_item(item, case["response"]).score == case["expected"], case


def test_negative_marking_sum_and_floor() -> None:
    """Right +1, wrong -0.25, omitted 0: raw sum 0.5, floored at 0 stays 0.5."""
    example = VECTORS["negative_marking"]
    items = [
        {
            "id": f"i{n}",
            "kind": "single_choice",
            "prompt": "?",
            "choices": _choices(["A", "B", "C", "D"]),
            "key": entry["key"],
            "points": entry["weight"],
            "scoring": {"rule": "match_correct", "penalty": entry["penalty"]},
            "outcomes": ["LO1"],
        }
        for n, entry in enumerate(example["items"])
    ]
    questionnaire = parse_questionnaire({"items": items})
    responses = {
        f"i{n}": entry["response"]
        for n, entry in enumerate(example["items"])
        if entry["response"] is not None
    }
    result = score_attempt(questionnaire, responses)
    assert result.points == Fraction(str(example["raw_sum"]))
    assert result.points == Fraction(str(example["floored_score"]))
    assert result.unanswered == ("i2",)


def test_guessing_penalty_for_k_options() -> None:
    """The correction for guessing is -1/(k-1)."""
    for options, expected in VECTORS["negative_marking"][
        "guessing_penalty_for_k_options"
    ].items():
        penalty = guessing_penalty(int(options))
        assert round(float(penalty), ROUND) == expected


def _mastery_item(entry: dict[str, Any]) -> dict[str, Any]:
    """An item worth ``weight`` points whose response earns the given fraction."""
    item: dict[str, Any] = {
        "id": entry["item"],
        "prompt": "?",
        "points": entry["weight"],
        "outcomes": {entry["lo"]: entry["weight"]},
    }
    if entry["item_score_fraction"] == 0.5:
        return item | {
            "kind": "multiple_response",
            "choices": _choices(["a", "b", "c"]),
            "key": ["a", "b"],
            "scoring": {"rule": "map_response", "mapping": {"a": 1, "b": 1}},
            "points": 2,
        }
    return item | {"kind": "single_choice", "choices": _choices(["a", "b"]), "key": "a"}


def test_per_outcome_mastery_and_conjunctive_decision() -> None:
    """Outcome shares, thresholds met with >=, overall 0.7, and no award."""
    example = VECTORS["per_outcome_mastery"]
    outcomes = [
        {"id": lo, "threshold": value["threshold"]}
        for lo, value in example["per_lo"].items()
    ]
    questionnaire = parse_questionnaire(
        {
            "items": [_mastery_item(e) for e in example["responses"]],
            "outcomes": outcomes,
        }
    )
    # Right, wrong, or one of two correct choices, for fractions 1, 0 and 0.5.
    answer_for = {1.0: "a", 0.0: "b", 0.5: ["a"]}
    responses = {
        e["item"]: answer_for[e["item_score_fraction"]] for e in example["responses"]
    }
    decision = decide(questionnaire, responses)
    for outcome, expected in example["per_lo"].items():
        score = decision.result.outcome(outcome)
        assert score.earned == Fraction(str(expected["earned"]))
        assert score.possible == Fraction(str(expected["max"]))
        assert score.share == Fraction(str(expected["ratio"]))
        met = next(o.met for o in decision.outcomes if o.outcome_id == outcome)
        assert met is expected["met"]
    assert decision.score == Fraction(str(example["overall_ratio"]))
    assert decision.awarded is example["awarded_conjunctive"]


def _rounded(values: Any) -> Any:
    return [None if v is None else round(v, ROUND) for v in values]


def test_item_statistics() -> None:
    """p, point-biserial, item-rest r, upper-lower D, alpha, KR-20, SEM."""
    example = VECTORS["item_statistics"]
    analysis = analyse_items(example["matrix_rows_learners_cols_items"])
    items = analysis.items
    assert _rounded(s.difficulty for s in items) == example["p_values(difficulty)"]
    assert (
        _rounded(s.point_biserial for s in items)
        == example["point_biserial_item_total"]
    )
    assert (
        _rounded(s.item_rest for s in items)
        == example["corrected_item_rest_correlation"]
    )
    assert (
        _rounded(s.discrimination for s in items)
        == example["upper_lower_D_top3_bottom3"]
    )
    assert _rounded(s.alpha_if_deleted for s in items) == pytest.approx(
        example["alpha_if_item_deleted"], abs=1e-12
    )
    assert round(analysis.alpha or 0, ROUND) == example["cronbach_alpha"]
    assert round(analysis.kr20 or 0, ROUND) == example["kr20"]
    assert round(analysis.sem or 0, ROUND) == example["sem_raw_score"]


def test_total_scores_of_the_statistics_matrix() -> None:
    """The mean of the listed totals is the analysis's mean total."""
    example = VECTORS["item_statistics"]
    analysis = analyse_items(example["matrix_rows_learners_cols_items"])
    totals = example["total_scores"]
    assert analysis.mean_total == pytest.approx(sum(totals) / len(totals))


def test_angoff() -> None:
    """Item means of the judges and the raw and percentage cut."""
    example = VECTORS["angoff"]
    result = angoff(example["judge_item_probabilities"])
    assert _rounded(result.item_means) == example["item_means"]
    assert round(result.cut_score, ROUND) == example["cut_raw"]
    assert round(result.cut_share * 100, ROUND) == example["cut_pct"]


def test_hofstee() -> None:
    """The cut where the fail-rate curve meets the judges' line: 58, 28 % fail."""
    example = VECTORS["hofstee"]
    result = hofstee(
        example["scores_percent"],
        k_min=example["k_min"],
        k_max=example["k_max"],
        f_min=example["f_min"],
        f_max=example["f_max"],
        step=example["grid_step"],
    )
    assert result.cut == example["cut"]
    assert result.fail_rate == example["fail_rate_at_cut_pct"]
    assert result.crossed


def test_item_statistics_as_a_dataframe() -> None:
    """With pandas installed, the statistics come as a DataFrame by item id."""
    pytest.importorskip("pandas")
    example = VECTORS["item_statistics"]
    frame = analyse_items(
        example["matrix_rows_learners_cols_items"], item_ids=list("abcde")
    ).to_dataframe()
    assert list(frame.index) == list("abcde")
    assert round(frame.loc["a", "point_biserial"], ROUND) == 0.821954


def test_undefined_statistics_are_none() -> None:
    """An item everyone answered correctly has no correlation: None, not NaN."""
    analysis = analyse_items([[1, 0, 1], [1, 1, 0], [1, 1, 1]])
    assert analysis.items[0].point_biserial is None
    assert analysis.items[0].difficulty == 1.0
