"""From a questionnaire and a decision to the model: micro-credential and Award.

A questionnaire names learning outcomes by id; the micro-credential defines them
and says which are required. :func:`for_micro_credential` checks the two agree;
:func:`to_award` turns a positive decision into the model's
:class:`~microcred.model.Award`, with the time passed in (no clock is read).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from fractions import Fraction
from typing import TYPE_CHECKING

from microcred.assessment._model import OutcomeSpec, Questionnaire
from microcred.errors import AssessmentError, QuestionnaireError

if TYPE_CHECKING:
    from microcred.assessment._decision import Decision
    from microcred.model import Award, AwardRoute, Evidence, Learner, MicroCredential

__all__ = ["for_micro_credential", "to_award"]


def for_micro_credential(
    questionnaire: Questionnaire, micro_credential: MicroCredential
) -> Questionnaire:
    """The questionnaire checked against, and aligned with, a micro-credential.

    Every outcome an item assesses must be one the micro-credential defines; every
    outcome the micro-credential requires must be assessed by an item; a
    questionnaire may not relax a required outcome. The result lists the
    micro-credential's outcomes in its order, with its ``required`` flags and the
    questionnaire's thresholds. Raises
    :class:`~microcred.errors.QuestionnaireError` naming the outcome.
    """
    from microcred.assessment._load import check_outcomes

    check_outcomes(questionnaire, micro_credential.outcome_ids)
    mine = {spec.id: (index, spec) for index, spec in enumerate(questionnaire.outcomes)}
    assessed = {w.outcome_id for item in questionnaire.items for w in item.outcomes}
    specs = []
    for outcome in micro_credential.learning_outcomes:
        index, spec = mine.get(outcome.id, (None, OutcomeSpec(outcome.id)))
        if outcome.required and not spec.required:
            raise QuestionnaireError(
                f"outcome {outcome.id!r} is required by the micro-credential",
                path=["outcomes", index if index is not None else 0, "required"],
            )
        if outcome.required and outcome.id not in assessed:
            raise QuestionnaireError(
                f"required outcome {outcome.id!r} is not assessed by any item",
                path="items",
            )
        specs.append(OutcomeSpec(outcome.id, outcome.required, spec.threshold))
    _check_reference(questionnaire, micro_credential)
    return dataclasses.replace(questionnaire, outcomes=tuple(specs))


def _check_reference(
    questionnaire: Questionnaire, micro_credential: MicroCredential
) -> None:
    reference = questionnaire.micro_credential_id
    if reference is not None and reference != micro_credential.id:
        raise QuestionnaireError(
            f"the questionnaire is for {reference!r}, not {micro_credential.id!r}",
            path="micro_credential",
        )


def to_award(
    decision: Decision,
    micro_credential: MicroCredential,
    learner: Learner,
    *,
    issued: datetime,
    award_id: str,
    route: AwardRoute | None = None,
    evidence: Sequence[Evidence] = (),
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
) -> Award:
    """The Award a positive decision grants (see :meth:`Decision.to_award`)."""
    from microcred.model import Award, AwardRoute, OutcomeResult

    if not decision.awarded:
        raise AssessmentError(
            "the decision does not award the micro-credential: "
            + "; ".join(decision.reasons)
        )
    defined = set(micro_credential.outcome_ids)
    results = []
    for index, outcome in enumerate(decision.outcomes):
        if outcome.outcome_id not in defined:
            raise AssessmentError(
                f"outcome {outcome.outcome_id!r} is not defined by the "
                "micro-credential",
                path=["outcomes", index],
            )
        # The model's score is a share from 0 to 1; without a score floor,
        # negative marking can take a share below 0.
        score = min(max(outcome.share, Fraction(0)), Fraction(1))
        results.append(
            OutcomeResult(
                outcome_id=outcome.outcome_id, achieved=outcome.met, score=score
            )
        )
    return Award(
        id=award_id,
        learner=learner,
        micro_credential=micro_credential,
        issued=issued,
        outcome_results=tuple(results),
        route=route if route is not None else AwardRoute.COURSE,
        grade=decision.grade,
        evidence=tuple(evidence),
        valid_from=valid_from,
        valid_until=valid_until,
    )
