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
from itertools import repeat
from typing import Any

from microcred.assessment._analysis import ItemAnalysis, analyse_items
from microcred.assessment._compile import CompiledItem, ShapeError, shown
from microcred.assessment._model import ItemKind, Questionnaire
from microcred.assessment._scoring import Engine, OutcomePlan, engine_for
from microcred.errors import ResponseError, UnsupportedError

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

    def to_dataframe(self) -> Any:
        """One row per learner: overall score, award, and each outcome's verdict.

        Needs the ``pandas`` extra (``pip install microcred[pandas]``).
        """
        try:
            import pandas
        except ImportError:
            raise UnsupportedError(
                "DataFrames need the 'pandas' extra: pip install '.[pandas]' in a clone"
            ) from None
        columns: dict[str, Any] = {"score": self.scores, "awarded": self.awarded}
        columns |= {f"met_{k}": v for k, v in self.outcome_met.items()}
        return pandas.DataFrame(columns)

    def analyse(
        self,
        *,
        group_fraction: float = 0.27,
        progress: Callable[[int, int], None] | None = None,
    ) -> ItemAnalysis:
        """Classical item analysis of this cohort (see :func:`analyse_items`)."""
        return analyse_items(
            self.item_scores(),
            item_ids=self.item_ids,
            max_scores=[float(i.points) for i in self.questionnaire.items],
            group_fraction=group_fraction,
            progress=progress,
        )


_NONE = type(None)
#: Per kind of scalar answer, the answer types whose values can be keys as they
#: are: equal values among them score alike.
_PLAIN: dict[ItemKind, frozenset[type]] = {
    ItemKind.SINGLE_CHOICE: frozenset({str, _NONE}),
    ItemKind.SHORT_TEXT: frozenset({str, _NONE}),
    ItemKind.TRUE_FALSE: frozenset({bool, _NONE}),
    ItemKind.NUMERIC: frozenset({int, float, _NONE}),
}


def _keys(kind: ItemKind, answers: list[Any]) -> list[Any]:
    """Hashable stand-ins for the answers (lists and objects become tuples).

    Where equality would blur types (``True == 1 == 1.0``) the key keeps the
    type, so one key never stands for answers the exact scorer treats apart.
    The loops are ``map`` and ``zip`` on purpose: they run in C, and this is
    the innermost loop of cohort scoring.
    """
    types = set(map(type, answers))
    # Plain JSON types score apart only where they compare unequal, or (1 and
    # 1.0) alike; anything else (Decimal, a str subclass) keeps its type in the key.
    plain = _PLAIN.get(kind)
    if plain is not None and types <= plain:
        return answers
    if plain is not None:
        return list(zip(map(type, answers), answers, strict=True))
    if kind is ItemKind.MATCHING and types <= {dict}:
        return list(map(tuple, map(dict.items, answers)))
    if kind is not ItemKind.MATCHING and types <= {list}:
        return list(map(tuple, answers))
    return [_odd_key(a) for a in answers]


def _odd_key(answer: Any) -> Any:
    if answer.__class__ is dict:
        return ("dict", tuple(answer.items()))
    if answer.__class__ is list:
        return ("list", tuple(answer))
    return (answer.__class__, answer)


def _score_or_raise(entry: CompiledItem, answer: Any, learner: int) -> int:
    try:
        return entry.score_units(answer) or 0
    except ShapeError as error:
        item_id = entry.item.id
        raise ResponseError(
            f"learner {learner}, item {item_id!r}: {error}", path=[learner, item_id]
        ) from None


def _answers(kind: ItemKind, item_id: str, attempts: list[dict[str, Any]]) -> list[Any]:
    # A missing answer is unanswered, like an empty list or object: default to
    # the empty container so that every answer has the same type where it can.
    empty: Any = {} if kind is ItemKind.MATCHING else None
    if kind in {ItemKind.MULTIPLE_RESPONSE, ItemKind.ORDERING}:
        empty = []
    return list(map(dict.get, attempts, repeat(item_id), repeat(empty)))


def _column(entry: CompiledItem, attempts: list[dict[str, Any]]) -> list[int]:
    """One item's scores for every learner, scoring each distinct answer once.

    Scores are in the item's units; the column never holds a value outside
    ``[entry.lowest, entry.full]``.
    """
    answers = _answers(entry.item.kind, entry.item.id, attempts)
    keys = _keys(entry.item.kind, answers)
    try:
        distinct = dict(zip(keys, answers, strict=True))
    except TypeError:  # an unhashable answer (a list inside a list): no table
        return [_score_or_raise(entry, a, i) for i, a in enumerate(answers)]
    table = {}
    for key, answer in distinct.items():
        try:
            table[key] = entry.score_units(answer) or 0
        except ShapeError:
            learner = keys.index(key)  # the first learner who gave this answer
            _score_or_raise(entry, answers[learner], learner)
    return list(map(table.__getitem__, keys))


def _plain_attempts(
    engine: Engine, attempts: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The attempts as dicts, each naming only known items."""
    if not set(map(type, attempts)) <= {dict}:
        attempts = [dict(a) if isinstance(a, Mapping) else a for a in attempts]
    known = frozenset(engine.index)
    if set(map(type, attempts)) <= {dict} and all(map(known.issuperset, attempts)):
        return list(attempts)  # type: ignore[arg-type]
    for learner, attempt in enumerate(attempts):
        if not isinstance(attempt, dict):
            raise ResponseError("an attempt must be an object", path=[learner])
        if not known.issuperset(attempt):
            unknown = sorted(set(attempt) - known, key=shown)[0]
            raise ResponseError(
                f"learner {learner}: there is no item {shown(unknown)}",
                path=[learner, unknown if isinstance(unknown, str) else shown(unknown)],
            )
    raise AssertionError("unreachable")  # pragma: no cover


def _needed(share: Fraction, denominator: Fraction) -> int:
    """The least whole numerator ``n`` with ``n / denominator >= share``."""
    return math.ceil(share * denominator)


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:  # the analysis extra is not installed: plain Python
        return None
    return numpy


def _weighted_sums(
    compiled: Sequence[CompiledItem],
    columns: Sequence[Sequence[int]],
    rows: Sequence[Sequence[int]],
) -> list[Any]:
    """For each row of per-item factors, each learner's sum of factor * units.

    numpy's int64 is exact while no sum can reach 2**62; the bound is checked
    from the largest score of each item, else Python's unbounded ints are used.
    """
    numpy = _numpy()
    peaks = [max(abs(e.lowest), e.full) for e in compiled]
    bound = max(sum(abs(f) * p for f, p in zip(r, peaks, strict=True)) for r in rows)
    if numpy is None or bound >= _INT64_SAFE:
        return [
            [
                sum(f * u for f, u in zip(row, learner, strict=True))
                for learner in zip(*columns, strict=True)
            ]
            for row in rows
        ]
    units = numpy.array(columns, dtype=numpy.int64)  # items x learners
    factors = numpy.array(rows, dtype=numpy.int64)  # sums x items
    return list(factors @ units)


def _factor_rows(engine: Engine) -> list[list[int]]:
    """One row per outcome, then one for the total, of integer item factors."""
    rows = []
    for plan in engine.plans:
        row = [0] * len(engine.compiled)
        for index, factor in plan.factors:
            row[index] += factor
        rows.append(row)
    rows.append(list(engine.total_factors))
    return rows


def _as_bools(flags: Any) -> list[bool]:
    """A list of Python bools from a list or a numpy array."""
    return flags.tolist() if hasattr(flags, "tolist") else [bool(f) for f in flags]


def _met(engine: Engine, plan: OutcomePlan, sums: Any, n: int) -> Any:
    policy = engine.questionnaire.policy
    threshold = engine.questionnaire.threshold(plan.spec.id)
    if len(plan.factors) < max(policy.min_items_per_outcome, 1):
        return [False] * n
    if policy.score_floor is not None and policy.score_floor >= threshold:
        return [True] * n
    needed = _needed(threshold, plan.scale * plan.possible)
    return sums >= needed if not isinstance(sums, list) else [s >= needed for s in sums]


def score_cohort(
    questionnaire: Questionnaire,
    attempts: Sequence[Mapping[str, Any]],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> CohortResult:
    """Score many attempts; the decisions equal ``decide`` on each attempt.

    ``progress(done, total)`` is called after each item is scored for the whole
    cohort. Raises :class:`~microcred.errors.ResponseError` naming the learner
    (its index) and the item for an unknown item or an answer of the wrong shape.
    """
    engine = engine_for(questionnaire)
    plain = _plain_attempts(engine, attempts)
    n = len(plain)
    columns = []
    for done, entry in enumerate(engine.compiled, start=1):
        columns.append(_column(entry, plain))
        if progress is not None:
            progress(done, len(engine.compiled))
    *outcome_sums, totals = _weighted_sums(
        engine.compiled, columns, _factor_rows(engine)
    )

    met = {
        plan.spec.id: _as_bools(_met(engine, plan, sums, n))
        for plan, sums in zip(engine.plans, outcome_sums, strict=True)
    }
    required = [met[p.spec.id] for p in engine.plans if p.spec.required]
    awarded = (
        [all(flags) for flags in zip(*required, strict=True)]
        if required
        else [True] * n
    )
    awarded = _apply_pass_mark(engine, awarded, totals)

    policy = questionnaire.policy
    floor = float(policy.score_floor) if policy.score_floor is not None else -math.inf
    scale = float(engine.total_unit * engine.max_points)
    if isinstance(totals, list):
        scores = tuple(max(floor, t / scale) for t in totals)
    else:  # a numpy array
        scores = tuple(_numpy().maximum(totals / scale, floor).tolist())
    return CohortResult(
        questionnaire,
        tuple(e.item.id for e in engine.compiled),
        tuple(columns),
        scores,
        tuple(awarded),
        {k: tuple(v) for k, v in met.items()},
    )


def _apply_pass_mark(engine: Engine, awarded: list[bool], totals: Any) -> list[bool]:
    policy = engine.questionnaire.policy
    if policy.pass_mark is None or (
        policy.score_floor is not None and policy.score_floor >= policy.pass_mark
    ):
        return awarded
    needed = _needed(policy.pass_mark, engine.total_unit * engine.max_points)
    return [a and bool(t >= needed) for a, t in zip(awarded, totals, strict=True)]
