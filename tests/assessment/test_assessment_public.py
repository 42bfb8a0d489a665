"""The public face of microcred.assessment."""

from __future__ import annotations

import microcred.assessment as assessment


def test_all_is_sorted_and_resolves() -> None:
    """__all__ is sorted, and every name in it exists."""
    assert assessment.__all__ == sorted(assessment.__all__)
    for name in assessment.__all__:
        assert getattr(assessment, name) is not None, name


def test_public_names_are_pinned() -> None:
    """Adding or removing a public name is a deliberate change to this list."""
    assert set(assessment.__all__) == {
        "AngoffResult", "AttemptResult", "AwardPolicy", "Choice", "CohortResult",
        "Decision", "HofsteeResult", "ImportProblem", "ImportResult", "Item",
        "ItemAnalysis", "ItemKind", "ItemScore", "ItemStatistics", "MapResponse",
        "MatchCorrect", "Normalisation", "NumericKey", "OutcomeDecision",
        "OutcomeScore", "OutcomeSpec", "OutcomeWeight", "Questionnaire",
        "ShortTextKey", "ToleranceMode", "analyse_items", "angoff", "check_outcomes",
        "decide", "for_micro_credential", "guessing_penalty", "hofstee",
        "import_moodle_xml", "import_qti", "load_questionnaire", "normalise_text",
        "parse_item", "parse_questionnaire", "policy_from_catalogue", "sample_files",
        "sample_questionnaire", "sample_responses", "score_attempt", "score_cohort",
        "score_item",
    }  # fmt: skip
