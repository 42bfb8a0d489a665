"""Scoring a whole cohort at once, with the same decisions as one attempt at a time.

Learners give few distinct answers to an item, so each item keeps a table from
answer to score: the exact per-item scorer runs once per distinct answer. Outcome
sums are integer dot products (see :class:`~microcred.assessment._scoring.
OutcomePlan`), done by numpy when it is installed (the ``analysis`` extra) and by
plain Python otherwise; both are exact, so decisions match :func:`decide` even
for a learner exactly on a threshold.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from microcred.assessment._analysis import ItemAnalysis, analyse_items
from microcred.assessment._compile import CompiledItem, ShapeError
from microcred.assessment._model import ItemKind, Questionnaire
from microcred.assessment._scoring import Engine, OutcomePlan, engine_for
from microcred.errors import ResponseError

__all__ = ["CohortResult", "score_cohort"]

# int64 dot products stay exact while every partial sum is below this.
_INT64_SAFE = 2**62


@dataclass(frozen=True, slots=True)
class CohortResult:
    """Scores and decisions of many attempts, in input order.

    ``units[i][l]`` is learner ``l``'s score on item ``i`` in that item's exact
    unit (see :meth:`item_scores` for points); ``awarded`` and ``outcome_met``
    are decided exactly; ``scores`` (overall share) are for display.
    """

    questionnaire: Questionnaire
    item_ids: tuple[str, ...]
    units: tuple[Sequence[int], ...]
    scores: tuple[float, ...]
    awarded: tuple[bool, ...]
    outcome_met: Mapping[str, tuple[bool, ...]]

    def item_scores(self) -> list[list[float]]:
        """Points per learner (rows) and item (columns), as floats for analysis."""
        scales = [
            engine_for(self.questionnaire).compiled[i].unit
            for i in range(len(self.units))
        ]
        return [
            [u / scale for u, scale in zip(row, scales, strict=True)]
            for row in zip(*self.units, strict=True)
        ]

    def analyse(self, *, group_fraction: float = 0.27) -> ItemAnalysis:
        """Classical item analysis of this cohort (see :func:`analyse_items`)."""
        return analyse_items(
            self.item_scores(),
            item_ids=self.item_ids,
            max_scores=[float(i.points) for i in self.questionnaire.items],
            group_fraction=group_fraction,
        )


def _cache_key(kind: ItemKind) -> Callable[[Any], Any]:
    """A hashable stand-in for an answer, or raise TypeError to skip the cache.

    The key keeps the type where equality would blur it (``True == 1``), so a
    cached score is only reused for an answer the exact scorer would treat alike.
    """
    if kind in {ItemKind.SINGLE_CHOICE, ItemKind.SHORT_TEXT}:
        return lambda r: r if r.__class__ is str else (r.__class__, r)
    if kind in {ItemKind.TRUE_FALSE, ItemKind.NUMERIC}:
        return lambda r: (r.__class__, r)
    if kind is ItemKind.MATCHING:
        return lambda r: tuple(r.items()) if r.__class__ is dict else (r.__class__, r)
    return lambda r: tuple(r) if r.__class__ is list else (r.__class__, r)


def _column(entry: CompiledItem, attempts: Sequence[Mapping[str, Any]]) -> list[int]:
    table: dict[Any, int] = {}
    key_of = _cache_key(entry.item.kind)
    item_id = entry.item.id
    column = []
    for learner, attempt in enumerate(attempts):
        answer = attempt.get(item_id)
        try:
            key = key_of(answer)
            units = table.get(key)
        except TypeError:  # unhashable: score without the cache
            key, units = None, None
        if units is None:
            try:
                units = entry.score_units(answer) or 0
            except ShapeError as error:
                raise ResponseError(
                    f"learner {learner}, item {item_id!r}: {error}",
                    path=[learner, item_id],
                ) from None
            if key is not None:
                table[key] = units
        column.append(units)
    return column


def _check_items(engine: Engine, attempts: Sequence[Mapping[str, Any]]) -> None:
    known = engine.index.keys()
    for learner, attempt in enumerate(attempts):
        if not isinstance(attempt, Mapping):
            raise ResponseError("an attempt must be an object", path=[learner])
        if not attempt.keys() <= known:
            unknown = sorted(set(attempt) - known, key=str)[0]
            raise ResponseError(
                f"learner {learner}: there is no item {unknown!r}",
                path=[learner, str(unknown)],
            )


def _needed(share: Fraction, denominator: Fraction) -> int:
    """The least whole numerator ``n`` with ``n / denominator >= share``."""
    return math.ceil(share * denominator)


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:  # the analysis extra is not installed: plain Python
        return None
    return numpy


def _dot(
    columns: Sequence[Sequence[int]], factors: Sequence[tuple[int, int]], n: int
) -> Any:
    """Per learner: sum of factor * units over the given items."""
    numpy = _numpy()
    bound = sum(abs(f) * max(map(abs, columns[i]), default=0) for i, f in factors)
    if numpy is None or bound >= _INT64_SAFE:
        sums = [0] * n
        for i, factor in factors:
            sums = [s + factor * u for s, u in zip(sums, columns[i], strict=True)]
        return sums
    sums_np = numpy.zeros(n, dtype=numpy.int64)
    for i, factor in factors:
        sums_np += numpy.asarray(columns[i], dtype=numpy.int64) * factor
    return sums_np


def _met(
    engine: Engine, plan: OutcomePlan, columns: Sequence[Sequence[int]], n: int
) -> list[bool]:
    questionnaire = engine.questionnaire
    threshold = questionnaire.threshold(plan.spec.id)
    floor = questionnaire.policy.score_floor
    minimum = max(questionnaire.policy.min_items_per_outcome, 1)
    if len(plan.factors) < minimum:
        return [False] * n
    if floor is not None and floor >= threshold:
        return [True] * n
    needed = _needed(threshold, plan.scale * plan.possible)
    return [bool(s >= needed) for s in _dot(columns, plan.factors, n)]


def score_cohort(
    questionnaire: Questionnaire, attempts: Sequence[Mapping[str, Any]]
) -> CohortResult:
    """Score many attempts; the decisions equal ``decide`` on each attempt.

    Raises :class:`~microcred.errors.ResponseError` naming the learner (its index)
    and the item for an unknown item or an answer of the wrong shape.
    """
    engine = engine_for(questionnaire)
    _check_items(engine, attempts)
    n = len(attempts)
    columns = [_column(entry, attempts) for entry in engine.compiled]

    met = {plan.spec.id: _met(engine, plan, columns, n) for plan in engine.plans}
    required = [p.spec.id for p in engine.plans if p.spec.required]
    awarded = [all(met[o][learner] for o in required) for learner in range(n)]

    totals = list(_dot(columns, list(enumerate(engine.total_factors)), n))
    max_points = sum((e.item.points for e in engine.compiled), Fraction(0))
    denominator = engine.total_unit * max_points
    policy = questionnaire.policy
    if policy.pass_mark is not None and not (
        policy.score_floor is not None and policy.score_floor >= policy.pass_mark
    ):
        needed = _needed(policy.pass_mark, denominator)
        awarded = [a and t >= needed for a, t in zip(awarded, totals, strict=True)]
    floor = float(policy.score_floor) if policy.score_floor is not None else -math.inf
    scale = float(denominator)
    scores = tuple(max(floor, int(t) / scale) for t in totals)
    return CohortResult(
        questionnaire,
        tuple(e.item.id for e in engine.compiled),
        tuple(columns),
        scores,
        tuple(bool(a) for a in awarded),
        {k: tuple(v) for k, v in met.items()},
    )
