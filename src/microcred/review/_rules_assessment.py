"""Assessment: supervision is stated; a questionnaire covers and can award.

The catalogue awards a micro-credential when every required learning outcome
reaches its threshold in the online questionnaire, so each required outcome needs
enough items for a per-outcome decision, and each threshold must be reachable.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from typing import TYPE_CHECKING

from microcred.review._context import ReviewContext
from microcred.review._findings import Severity

if TYPE_CHECKING:
    from microcred.assessment import Item, Questionnaire

__all__ = ["check_assessment", "check_questionnaire"]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def check_assessment(ctx: ReviewContext) -> None:
    """Supervision and identity verification are declared (Annex I, optional)."""
    if isinstance(ctx.get("assessment"), dict) and not ctx.get(
        "assessment", "supervision"
    ):
        ctx.add(
            WARNING,
            "assessment.supervision",
            "assessment.supervision",
            "The assessment does not say whether it is supervised or how the "
            "learner's identity is verified.",
            "Add assessment.supervision: unsupervised-without-id-check, "
            "supervised-without-id-check, supervised-with-online-id-check or "
            "supervised-with-onsite-id-check.",
        )
    if ctx.questionnaire is None:
        ctx.add(
            INFO,
            "assessment.no-questionnaire",
            "",
            "No questionnaire was given, so outcome coverage and thresholds were "
            "not checked.",
            "Review again with the questionnaire (`--questionnaire FILE`).",
        )


def _outcome_ids(ctx: ReviewContext) -> dict[str, tuple[int, bool]]:
    found: dict[str, tuple[int, bool]] = {}
    for index, outcome in ctx.items("learningOutcomes"):
        ident = outcome.get("id")
        if isinstance(ident, str):
            found[ident] = (index, outcome.get("required", True) is not False)
    return found


def check_questionnaire(ctx: ReviewContext) -> None:
    """Coverage of required outcomes, unknown outcomes, reachable thresholds."""
    questionnaire = ctx.questionnaire
    if questionnaire is None:
        return
    outcomes = _outcome_ids(ctx)
    counts: dict[str, int] = defaultdict(int)
    for position, item in enumerate(questionnaire.items):
        for weight in item.outcomes:
            if weight.weight > 0:
                counts[weight.outcome_id] += 1
            if weight.outcome_id not in outcomes:
                ctx.add(
                    ERROR,
                    "assessment.unknown-outcome",
                    ["questionnaire", "items", position, "outcomes"],
                    f"Item {item.id!r} assesses {weight.outcome_id!r}, which is not "
                    "a learning outcome of this micro-credential.",
                    "Correct the outcome id in the questionnaire.",
                )
    _check_coverage(ctx, outcomes, counts)
    _check_thresholds(ctx, questionnaire, outcomes)


def _check_coverage(
    ctx: ReviewContext, outcomes: dict[str, tuple[int, bool]], counts: dict[str, int]
) -> None:
    needed = ctx.settings.min_items_per_outcome
    for ident, (index, required) in outcomes.items():
        if required and counts.get(ident, 0) < needed:
            ctx.add(
                ERROR,
                "assessment.coverage",
                ["learningOutcomes", index],
                f"Required outcome {ident!r} is assessed by {counts.get(ident, 0)} "
                f"item(s); at least {needed} are needed for a reliable decision.",
                f"Add {needed - counts.get(ident, 0)} or more questionnaire items "
                f"that assess {ident!r}.",
            )


def _best_share(item: Item) -> Fraction:
    # The highest share of its points an item can give (1 for all-or-nothing;
    # for mapped scoring, the best mapping the bounds allow).
    from microcred.assessment import ItemKind, MapResponse

    rule = item.scoring
    if not isinstance(rule, MapResponse):
        return Fraction(1)
    values = list(rule.entries.values())
    if item.kind in {ItemKind.SINGLE_CHOICE, ItemKind.TRUE_FALSE}:
        best = max([*values, rule.default])
    else:
        best = sum((v for v in values if v > 0), Fraction(0))
    if rule.upper_bound is not None:
        best = min(best, rule.upper_bound)
    return max(Fraction(0), min(Fraction(1), best / item.points))


def _reachable(questionnaire: Questionnaire, outcome_id: str) -> Fraction | None:
    total = Fraction(0)
    earned = Fraction(0)
    for item in questionnaire.items:
        for weight in item.outcomes:
            if weight.outcome_id == outcome_id and weight.weight > 0:
                total += weight.weight
                earned += weight.weight * _best_share(item)
    return earned / total if total else None


def _check_thresholds(
    ctx: ReviewContext,
    questionnaire: Questionnaire,
    outcomes: dict[str, tuple[int, bool]],
) -> None:
    for position, spec in enumerate(questionnaire.outcomes):
        if spec.id not in outcomes:
            ctx.add(
                ERROR,
                "assessment.unknown-outcome",
                ["questionnaire", "outcomes", position, "id"],
                f"The questionnaire sets a threshold for {spec.id!r}, which is not a "
                "learning outcome of this micro-credential.",
                "Correct the outcome id in the questionnaire.",
            )
    _check_reachable(ctx, questionnaire, outcomes)


def _check_reachable(
    ctx: ReviewContext,
    questionnaire: Questionnaire,
    outcomes: dict[str, tuple[int, bool]],
) -> None:
    for ident, (index, required) in outcomes.items():
        if not required:
            continue
        threshold = questionnaire.threshold(ident)
        best = _reachable(questionnaire, ident)
        if best is not None and threshold > best:
            ctx.add(
                ERROR,
                "assessment.threshold-unreachable",
                ["learningOutcomes", index],
                f"Outcome {ident!r} needs {float(threshold):.0%}, but its items "
                f"give at most {float(best):.0%}: no learner can be awarded.",
                "Lower the threshold or fix the items' scoring.",
            )
    pass_mark = questionnaire.policy.pass_mark
    if pass_mark is not None and pass_mark > 1:
        ctx.add(
            ERROR,
            "assessment.threshold-unreachable",
            "questionnaire.policy.passMark",
            f"The overall pass mark {float(pass_mark):.0%} is above 100%.",
            "Set the pass mark between 0 and 1.",
        )
