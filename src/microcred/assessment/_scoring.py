"""Pure scoring: item, attempt and award decision.

No I/O, no clock, no randomness: the same questionnaire and responses always give
the same result. Arithmetic is exact (see :mod:`microcred.assessment._compile`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from operator import countOf, itemgetter, mul
from typing import Any, NamedTuple

from microcred.assessment._compile import (
    CompiledItem,
    ShapeError,
    compile_item,
    shown,
)
from microcred.assessment._model import Item, OutcomeSpec, Questionnaire
from microcred.errors import ResponseError

__all__ = [
    "MEMO_ROWS",
    "AttemptResult",
    "Engine",
    "ItemScore",
    "OutcomeScore",
    "engine_for",
    "score_attempt",
    "score_item",
]


#: How many rows each memo of an engine keeps. The memos hold immutable values
#: derived from integer sums; bounded so that a long-running process scoring
#: millions of attempts keeps a fixed footprint (a miss only costs the Fractions).
MEMO_ROWS = 4096


class ItemScore(NamedTuple):
    """The score of one item; an unanswered item scores 0 and says so.

    A named tuple rather than a dataclass: an attempt makes one per item, and
    building tuples is several times cheaper.
    """

    item_id: str
    score: Fraction
    max_score: Fraction
    answered: bool

    @property
    def correct(self) -> bool:
        """Whether the item earned all its points."""
        return self.score == self.max_score


class OutcomeScore(NamedTuple):
    """How far a learner met one learning outcome.

    ``share`` is the weighted share of the outcome's items,
    ``sum(weight * item score / item points) / sum(weight)``, after the policy's
    score floor; ``earned`` and ``possible`` are that sum and ``sum(weight)``.
    """

    outcome_id: str
    earned: Fraction
    possible: Fraction
    share: Fraction
    items: int
    answered: int


@dataclass(frozen=True, slots=True)
class AttemptResult:
    """Scores of one attempt: per item, per learning outcome and overall.

    ``score`` is the share of all points earned (after the policy's floor);
    ``points`` and ``max_points`` are the raw sums.
    """

    questionnaire_id: str
    outcomes: tuple[OutcomeScore, ...]
    points: Fraction
    max_points: Fraction
    score: Fraction
    # Item scores in their exact units; ``items`` turns them into ItemScore rows
    # when asked, so that deciding an award does not pay for building them.
    item_units: tuple[int | None, ...] = field(repr=False)
    engine: Engine = field(repr=False, compare=False)
    # Per outcome, (earned sum in the plan's scale, items answered): what the
    # outcome's row and decision depend on, and the key of their memos.
    outcome_keys: tuple[tuple[int, int], ...] = field(
        default=(), repr=False, compare=False
    )

    @property
    def items(self) -> tuple[ItemScore, ...]:
        """The score of every item, in questionnaire order."""
        return self.engine.item_scores(self.item_units)

    @property
    def unanswered(self) -> tuple[str, ...]:
        """Ids of the items the learner did not answer."""
        return tuple(item.item_id for item in self.items if not item.answered)

    def outcome(self, outcome_id: str) -> OutcomeScore:
        """The score of one outcome (KeyError if the questionnaire has none)."""
        for outcome in self.outcomes:
            if outcome.outcome_id == outcome_id:
                return outcome
        raise KeyError(outcome_id)


@dataclass(frozen=True, slots=True)
class OutcomePlan:
    """Integer weights that turn item scores into one outcome's share.

    With ``c = weight / points`` for an item scored ``n / unit``, the outcome's
    earned sum is ``sum(factor * n) / scale`` where ``factor = c * scale / unit``
    is a whole number for every item.
    """

    spec: OutcomeSpec
    scale: int
    factors: tuple[tuple[int, int], ...]  # (item index, factor)
    possible: Fraction
    indices: tuple[int, ...]  # the item indices of factors
    weights: tuple[int, ...]  # the factors alone, in the same order
    # Picks the outcome's items out of a list in one C call (always a tuple).
    pick: Callable[[Sequence[Any]], tuple[Any, ...]] = field(compare=False, repr=False)
    # OutcomeScore rows by (earned numerator, items answered): see Engine.result.
    rows: dict[tuple[int, int], OutcomeScore] = field(
        default_factory=dict, compare=False, repr=False
    )


def _plan(spec: OutcomeSpec, compiled: Sequence[CompiledItem]) -> OutcomePlan:
    shares = [
        (index, weight.weight / entry.item.points, entry.unit)
        for index, entry in enumerate(compiled)
        for weight in entry.item.outcomes
        if weight.outcome_id == spec.id
    ]
    scale = math.lcm(*(c.denominator * unit for _, c, unit in shares)) if shares else 1
    factors = tuple((i, (c * scale / unit).numerator) for i, c, unit in shares)
    possible = sum(
        (
            w.weight
            for e in compiled
            for w in e.item.outcomes
            if w.outcome_id == spec.id
        ),
        Fraction(0),
    )
    indices = tuple(i for i, _ in factors)
    return OutcomePlan(
        spec,
        scale,
        factors,
        possible,
        indices,
        tuple(f for _, f in factors),
        _picker(indices),
    )


def _picker(indices: tuple[int, ...]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """``itemgetter(*indices)``, returning a tuple whatever the number of indices."""
    if len(indices) > 1:
        return itemgetter(*indices)
    return lambda values: tuple(values[i] for i in indices)


@dataclass(frozen=True, slots=True)
class Engine:
    """A questionnaire compiled for scoring; built once, reused per attempt."""

    questionnaire: Questionnaire
    compiled: tuple[CompiledItem, ...]
    index: Mapping[str, int]
    plans: tuple[OutcomePlan, ...]
    total_unit: int
    total_factors: tuple[int, ...]
    max_points: Fraction
    #: (item id, scorer) pairs: the per-attempt loop reads no attributes.
    scorers: tuple[tuple[str, Callable[[Any], int | None]], ...]
    # Values derived once from the immutable questionnaire (decision texts).
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # (points, share) by total score in units: see _overall.
    totals: dict[int, tuple[Fraction, Fraction]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def units(self, responses: Mapping[str, Any]) -> list[int | None]:
        """Each item's score in its own units (None: unanswered)."""
        # The class test first: an ABC isinstance check costs a microsecond.
        if responses.__class__ is not dict and not isinstance(responses, Mapping):
            raise ResponseError("responses must be an object of item id -> answer")
        if not responses.keys() <= self.index.keys():
            unknown = sorted(set(responses) - self.index.keys(), key=shown)[0]
            raise ResponseError(
                f"there is no item {shown(unknown)} in the questionnaire",
                path=unknown if isinstance(unknown, str) else shown(unknown),
            )
        get = responses.get
        try:
            return [score(get(item_id)) for item_id, score in self.scorers]
        except ShapeError:
            return self._find_bad_response(responses)

    def _find_bad_response(self, responses: Mapping[str, Any]) -> list[int | None]:
        for entry in self.compiled:
            try:
                entry.score_units(responses.get(entry.item.id))
            except ShapeError as error:
                raise ResponseError(
                    f"item {entry.item.id!r} ({entry.item.kind.value}): {error}",
                    path=entry.item.id,
                ) from None
        raise AssertionError("a shape error that does not repeat")  # pragma: no cover

    def item_scores(self, units: Sequence[int | None]) -> tuple[ItemScore, ...]:
        """ItemScore rows from item scores in units."""
        return tuple(
            ItemScore(
                entry.item.id, entry.fraction(n or 0), entry.points, n is not None
            )
            for entry, n in zip(self.compiled, units, strict=True)
        )

    def result(self, units: Sequence[int | None]) -> AttemptResult:
        """Assemble the attempt result from item scores in units."""
        values = [n or 0 for n in units]
        # Each outcome's sum(factor * units) and answered count, in C-level loops.
        keys = tuple(
            [
                (
                    sum(map(mul, plan.pick(values), plan.weights)),
                    len(plan.indices) - countOf(plan.pick(units), None),
                )
                for plan in self.plans
            ]
        )
        outcomes = tuple(map(self._outcome, self.plans, keys))
        points, share = self._overall(sum(map(mul, values, self.total_factors)))
        return AttemptResult(
            self.questionnaire.id,
            outcomes,
            points,
            self.max_points,
            share,
            tuple(units),
            self,
            keys,
        )

    def _outcome(self, plan: OutcomePlan, key: tuple[int, int]) -> OutcomeScore:
        # Learners reach few distinct (sum, count) pairs, and the row is immutable:
        # building its two Fractions costs more than all the scoring before it.
        row = plan.rows.get(key)
        if row is None:
            row = self._outcome_row(plan, *key)
            if len(plan.rows) < MEMO_ROWS:
                plan.rows[key] = row
        return row

    def _outcome_row(
        self, plan: OutcomePlan, numerator: int, count: int
    ) -> OutcomeScore:
        possible = plan.possible
        if possible:
            scale = plan.scale * possible.numerator
            share = self._floor(numerator, scale, possible.denominator)
        else:
            share = Fraction(0)
        earned = Fraction(numerator, plan.scale)
        return OutcomeScore(
            plan.spec.id, earned, possible, share, len(plan.indices), count
        )

    def _overall(self, total: int) -> tuple[Fraction, Fraction]:
        """Points and share of all points for a total in units, memoised."""
        pair = self.totals.get(total)
        if pair is None:
            top = self.max_points
            # points / max_points, built in one step: Fraction division is slow.
            share = self._floor(total, self.total_unit * top.numerator, top.denominator)
            pair = (Fraction(total, self.total_unit), share)
            if len(self.totals) < MEMO_ROWS:
                self.totals[total] = pair
        return pair

    def _floor(self, numerator: int, denominator: int, multiplier: int) -> Fraction:
        """``numerator * multiplier / denominator``, raised to the policy's floor."""
        floor = self.questionnaire.policy.score_floor
        numerator *= multiplier
        # Compared in integers: Fraction arithmetic costs more than all the rest.
        if floor is not None and (
            floor.numerator * denominator > numerator * floor.denominator
        ):
            return floor
        return Fraction(numerator, denominator)


def engine_for(questionnaire: Questionnaire) -> Engine:
    """The compiled engine of a questionnaire, built on first use and kept."""
    engine = questionnaire._engine
    if isinstance(engine, Engine):
        return engine
    compiled = tuple(
        compile_item(item, ["items", index])
        for index, item in enumerate(questionnaire.items)
    )
    total_unit = math.lcm(*(entry.unit for entry in compiled))
    engine = Engine(
        questionnaire,
        compiled,
        {entry.item.id: index for index, entry in enumerate(compiled)},
        tuple(_plan(spec, compiled) for spec in questionnaire.outcomes),
        total_unit,
        tuple(total_unit // entry.unit for entry in compiled),
        sum((entry.item.points for entry in compiled), Fraction(0)),
        tuple((entry.item.id, entry.score_units) for entry in compiled),
    )
    # A cache, not state: the questionnaire is immutable and so is its engine.
    object.__setattr__(questionnaire, "_engine", engine)
    return engine


def score_item(item: Item, response: Any) -> ItemScore:
    """Score one response to one item (None or an empty answer: unanswered).

    Raises :class:`~microcred.errors.ResponseError` naming the item when the
    response has the wrong shape (a list for a single choice, an unknown option).
    """
    compiled = compile_item(item, [item.id])
    try:
        units = compiled.score_units(response)
    except ShapeError as error:
        raise ResponseError(
            f"item {item.id!r} ({item.kind.value}): {error}", path=item.id
        ) from None
    return ItemScore(
        item.id, compiled.fraction(units or 0), item.points, units is not None
    )


def score_attempt(
    questionnaire: Questionnaire, responses: Mapping[str, Any]
) -> AttemptResult:
    """Score a learner's responses: per item, per learning outcome and overall.

    ``responses`` maps item ids to answers as an LMS sends them (a choice id, a
    list of choice ids, a number, a string, a list for an ordering, an object for
    a matching); a missing item is unanswered, so ``{}`` is a valid attempt. A
    response to an unknown item or of the wrong shape raises
    :class:`~microcred.errors.ResponseError` naming the item.
    """
    engine = engine_for(questionnaire)
    return engine.result(engine.units(responses))
