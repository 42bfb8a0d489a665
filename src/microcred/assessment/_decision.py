"""The award decision: conjunctive on required outcomes, with reasons.

The catalogue's rule (DESIGN.md): a micro-credential is awarded when every
required learning outcome reaches its threshold; ``>=``, so a learner exactly on
the threshold passes. A pass mark on the overall score and a minimum number of
items per outcome are optional parts of the policy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import TYPE_CHECKING, Any, NamedTuple

from microcred.assessment._model import Questionnaire
from microcred.assessment._scoring import (
    MEMO_ROWS,
    AttemptResult,
    Engine,
    OutcomePlan,
    OutcomeScore,
    engine_for,
    score_attempt,
)
from microcred.errors import AssessmentError

if TYPE_CHECKING:
    from microcred.model import Award, AwardRoute, Evidence, Learner, MicroCredential

__all__ = ["Decision", "OutcomeDecision", "decide", "format_share"]


def format_share(share: Fraction) -> str:
    """A share as a percentage for people, rounded down to one decimal.

    Rounding down keeps 59.96 % from reading as "60.0 %" beside a 60 % threshold.
    """
    tenths = share.numerator * 1000 // share.denominator  # // rounds down
    return f"{tenths // 10}.{tenths % 10}%" if tenths % 10 else f"{tenths // 10}%"


class OutcomeDecision(NamedTuple):
    """Whether one learning outcome is met, and why, in one sentence.

    ``minimum_items`` is the policy's minimum number of items per outcome.
    """

    outcome_id: str
    required: bool
    met: bool
    share: Fraction
    threshold: Fraction
    items: int
    minimum_items: int

    @property
    def reason(self) -> str:
        """The decision on this outcome in one sentence, for the learner."""
        if self.items < self.minimum_items:
            return (
                f"{self.outcome_id}: assessed by {self.items} item(s), "
                f"fewer than {self.minimum_items}"
            )
        verdict = "met" if self.met else "not met"
        return (
            f"{self.outcome_id}: {verdict}, {format_share(self.share)} against a "
            f"threshold of {format_share(self.threshold)}"
        )


@dataclass(frozen=True, slots=True)
class Decision:
    """Award or not, with a reason per outcome and a grade.

    ``reasons`` lists what stands in the way of the award (empty when awarded);
    ``pass_mark`` is the policy's overall pass mark, if it has one.
    """

    awarded: bool
    outcomes: tuple[OutcomeDecision, ...]
    score: Fraction
    grade: str | None
    pass_mark: Fraction | None
    result: AttemptResult

    @property
    def reasons(self) -> tuple[str, ...]:
        """What stands in the way of the award, one sentence each."""
        reasons = [o.reason for o in self.outcomes if o.required and not o.met]
        if self.pass_mark is not None and self.score < self.pass_mark:
            reasons.append(
                f"overall: {format_share(self.score)} is below the pass mark of "
                f"{format_share(self.pass_mark)}"
            )
        return tuple(reasons)

    def to_award(
        self,
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
        """The model's Award for this decision: outcome results, grade and route.

        ``issued`` (time-zone aware) is passed in: nothing here reads a clock.
        ``route`` is :attr:`AwardRoute.COURSE` by default, or
        ``AwardRoute.PRIOR_LEARNING`` for a learner who took the assessment
        without the course. Raises :class:`~microcred.errors.AssessmentError`
        if the decision does not award, and the model's
        :class:`~microcred.errors.ModelValidationError` for a naive datetime.
        """
        from microcred.assessment._award import to_award

        return to_award(
            self,
            micro_credential,
            learner,
            issued=issued,
            award_id=award_id,
            route=route,
            evidence=evidence,
            valid_from=valid_from,
            valid_until=valid_until,
        )

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: shares as numbers and as exact fractions."""
        return {
            "awarded": self.awarded,
            "score": float(self.score),
            "score_exact": str(self.score),
            "grade": self.grade,
            "reasons": list(self.reasons),
            "outcomes": [_outcome_dict(o) for o in self.outcomes],
            "items": [
                {
                    "id": i.item_id,
                    "score": float(i.score),
                    "max_score": float(i.max_score),
                    "answered": i.answered,
                }
                for i in self.result.items
            ],
        }


def _outcome_dict(outcome: OutcomeDecision) -> dict[str, Any]:
    return {
        "id": outcome.outcome_id,
        "required": outcome.required,
        "met": outcome.met,
        "share": float(outcome.share),
        "share_exact": str(outcome.share),
        "threshold": float(outcome.threshold),
        "items": outcome.items,
        "reason": outcome.reason,
    }


class _Rule(NamedTuple):
    """One outcome's decision rule, worked out once per questionnaire.

    ``decisions`` memoises the OutcomeDecision of the engine's own outcome row
    for a key (earned sum, items answered), next to that row: a decision is
    reused only for that very row object, so a result edited by hand can
    neither read nor plant a decision.
    """

    outcome_id: str
    required: bool
    threshold: Fraction
    minimum: int
    decisions: dict[tuple[int, int], tuple[OutcomeScore, OutcomeDecision]]


def _rules(engine: Engine) -> tuple[_Rule, ...]:
    rules: tuple[_Rule, ...] | None = engine.memo.get("rules")
    if rules is None:
        questionnaire = engine.questionnaire
        minimum = max(questionnaire.policy.min_items_per_outcome, 1)
        rules = engine.memo["rules"] = tuple(
            _Rule(o.id, o.required, questionnaire.threshold(o.id), minimum, {})
            for o in questionnaire.outcomes
        )
    return rules


def _judge_outcome(
    rule: _Rule, plan: OutcomePlan, key: tuple[int, int] | None, score: OutcomeScore
) -> OutcomeDecision:
    if key is not None:
        cached = rule.decisions.get(key)
        if cached is not None and cached[0] is score:
            return cached[1]
    met = score.items >= rule.minimum and score.share >= rule.threshold
    decision = OutcomeDecision(
        rule.outcome_id,
        rule.required,
        met,
        score.share,
        rule.threshold,
        score.items,
        rule.minimum,
    )
    # Kept only for the row the engine itself built for this key.
    if key is None or len(rule.decisions) >= MEMO_ROWS:
        return decision
    if plan.rows.get(key) is score:
        rule.decisions[key] = (score, decision)
    return decision


def _judge_outcomes(
    questionnaire: Questionnaire, result: AttemptResult
) -> tuple[OutcomeDecision, ...]:
    engine = _engine_of(questionnaire, result)
    keys: Sequence[tuple[int, int] | None] = result.outcome_keys
    # The memo keys belong to the engine that scored; a result scored on an equal
    # questionnaire parsed twice, or built by hand, is judged without the memo.
    if engine is not result.engine or len(keys) != len(result.outcomes):
        keys = (None,) * len(result.outcomes)
    if len(result.outcomes) != len(engine.plans):
        raise AssessmentError(
            f"the attempt has {len(result.outcomes)} outcome score(s); questionnaire "
            f"{questionnaire.id!r} has {len(engine.plans)} learning outcome(s)",
            path="outcomes",
        )
    rules = _rules(engine)
    return tuple(map(_judge_outcome, rules, engine.plans, keys, result.outcomes))


def _engine_of(questionnaire: Questionnaire, result: AttemptResult) -> Engine:
    """The questionnaire's engine, once the result is known to fit it."""
    if result.engine.questionnaire is questionnaire:
        return result.engine
    if result.questionnaire_id != questionnaire.id:
        raise AssessmentError(
            f"the attempt was scored against questionnaire "
            f"{result.questionnaire_id!r}, not {questionnaire.id!r}",
            path="questionnaire.id",
        )
    # Another object with the same id: an equal parse of the same questionnaire
    # is fine, any other version (items, keys, weights, policy) is not.
    if result.engine.questionnaire != questionnaire:
        raise AssessmentError(
            "the attempt was scored against another version of questionnaire "
            f"{questionnaire.id!r} (its items, outcomes or policy differ)",
            path="questionnaire",
        )
    return engine_for(questionnaire)


def _grade(questionnaire: Questionnaire, share: Fraction) -> str | None:
    bands = questionnaire.policy.grade_bands
    if not bands:
        return f"{share.numerator * 100 // share.denominator}%"  # rounded down
    for lowest, grade in bands:
        if share >= lowest:
            return grade
    return None


def decide(
    questionnaire: Questionnaire, attempt: AttemptResult | Mapping[str, Any]
) -> Decision:
    """Decide the award from a scored attempt (or from raw responses).

    Pure and deterministic; monotone: raising any outcome's share never turns an
    award into a refusal.
    """
    result = (
        attempt
        if isinstance(attempt, AttemptResult)
        else score_attempt(questionnaire, attempt)
    )
    outcomes = _judge_outcomes(questionnaire, result)
    pass_mark = questionnaire.policy.pass_mark
    awarded = all(o.met for o in outcomes if o.required) and (
        pass_mark is None or result.score >= pass_mark
    )
    grade = _grade(questionnaire, result.score)
    return Decision(awarded, outcomes, result.score, grade, pass_mark, result)
