"""Assessment: questionnaires, pure scoring, the award decision, item analysis.

A questionnaire (JSON, or imported from Moodle XML and IMS QTI) holds items that
assess learning outcomes; :func:`score_attempt` scores a learner's answers exactly
and :func:`decide` turns the scores into an award decision with reasons.
"""

from __future__ import annotations

from microcred.assessment._compile import normalise_text
from microcred.assessment._decision import Decision, OutcomeDecision, decide
from microcred.assessment._load import (
    check_outcomes,
    load_questionnaire,
    parse_item,
    parse_questionnaire,
    policy_from_catalogue,
)
from microcred.assessment._model import (
    AwardPolicy,
    Choice,
    Item,
    ItemKind,
    MapResponse,
    MatchCorrect,
    Normalisation,
    NumericKey,
    OutcomeSpec,
    OutcomeWeight,
    Questionnaire,
    ShortTextKey,
    ToleranceMode,
)
from microcred.assessment._scoring import (
    AttemptResult,
    ItemScore,
    OutcomeScore,
    score_attempt,
    score_item,
)

__all__ = [
    "AttemptResult",
    "AwardPolicy",
    "Choice",
    "Decision",
    "Item",
    "ItemKind",
    "ItemScore",
    "MapResponse",
    "MatchCorrect",
    "Normalisation",
    "NumericKey",
    "OutcomeDecision",
    "OutcomeScore",
    "OutcomeSpec",
    "OutcomeWeight",
    "Questionnaire",
    "ShortTextKey",
    "ToleranceMode",
    "check_outcomes",
    "decide",
    "load_questionnaire",
    "normalise_text",
    "parse_item",
    "parse_questionnaire",
    "policy_from_catalogue",
    "score_attempt",
    "score_item",
]
