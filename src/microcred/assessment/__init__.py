"""Assessment: questionnaires, pure scoring, the award decision, item analysis.

A questionnaire (JSON, or imported with :func:`import_moodle_xml` and
:func:`import_qti`) holds items that
assess learning outcomes; :func:`score_attempt` scores a learner's answers exactly
and :func:`decide` turns the scores into an award decision with reasons.
:func:`score_cohort` scores many attempts at once with the same decisions, and
:func:`analyse_items`, :func:`angoff` and :func:`hofstee` serve researchers.
"""

from __future__ import annotations

from microcred.assessment._analysis import (
    AngoffResult,
    HofsteeResult,
    ItemAnalysis,
    ItemStatistics,
    analyse_items,
    angoff,
    hofstee,
)
from microcred.assessment._award import for_micro_credential
from microcred.assessment._cohort import CohortResult, score_cohort
from microcred.assessment._compile import normalise_text
from microcred.assessment._decision import Decision, OutcomeDecision, decide
from microcred.assessment._import import ImportProblem, ImportResult
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
    guessing_penalty,
)
from microcred.assessment._moodle import import_moodle_xml
from microcred.assessment._qti import import_qti
from microcred.assessment._samples import (
    sample_files,
    sample_questionnaire,
    sample_responses,
)
from microcred.assessment._scoring import (
    AttemptResult,
    ItemScore,
    OutcomeScore,
    score_attempt,
    score_item,
)

__all__ = [
    "AngoffResult",
    "AttemptResult",
    "AwardPolicy",
    "Choice",
    "CohortResult",
    "Decision",
    "HofsteeResult",
    "ImportProblem",
    "ImportResult",
    "Item",
    "ItemAnalysis",
    "ItemKind",
    "ItemScore",
    "ItemStatistics",
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
    "analyse_items",
    "angoff",
    "check_outcomes",
    "decide",
    "for_micro_credential",
    "guessing_penalty",
    "hofstee",
    "import_moodle_xml",
    "import_qti",
    "load_questionnaire",
    "normalise_text",
    "parse_item",
    "parse_questionnaire",
    "policy_from_catalogue",
    "sample_files",
    "sample_questionnaire",
    "sample_responses",
    "score_attempt",
    "score_cohort",
    "score_item",
]
