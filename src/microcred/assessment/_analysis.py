"""Item analysis for researchers: classical test theory and standard setting.

Statistics follow the usual classical-test-theory definitions (conventions pinned
by ``tests/vectors/assessment/worked_examples.json``): sample variances
(``n - 1``) for alpha and the standard error of measurement; point-biserial as
Pearson's r between item and total; the corrected item-rest correlation against
the total without the item; upper-lower discrimination on the top and bottom
27 % of learners by total score. A statistic that is undefined on the data (an
item everyone got right has no correlation) is ``None``, never NaN.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from microcred.errors import AssessmentError, UnsupportedError

if TYPE_CHECKING:
    import pandas

__all__ = [
    "AngoffResult",
    "HofsteeResult",
    "ItemAnalysis",
    "ItemStatistics",
    "analyse_items",
    "angoff",
    "hofstee",
]


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def _variance(values: Sequence[float], mean: float) -> float:
    """Sample variance (divisor n - 1)."""
    return math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1)


def _correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    mx, my = _mean(xs), _mean(ys)
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    syy = math.fsum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def _alpha(columns: Sequence[Sequence[float]]) -> float | None:
    """Cronbach's alpha: k/(k-1) * (1 - sum of item variances / total variance)."""
    k = len(columns)
    if k < 2:
        return None
    totals = [math.fsum(row) for row in zip(*columns, strict=True)]
    total_variance = _variance(totals, _mean(totals))
    if total_variance == 0:
        return None
    item_variance = math.fsum(_variance(c, _mean(c)) for c in columns)
    return k / (k - 1) * (1 - item_variance / total_variance)


@dataclass(frozen=True, slots=True)
class ItemStatistics:
    """Classical statistics of one item.

    ``difficulty`` is p, the mean score as a share of the item's maximum (the
    proportion correct for a 0/1 item); ``discrimination`` is the upper-lower D.
    """

    item_id: str
    difficulty: float
    point_biserial: float | None
    item_rest: float | None
    discrimination: float
    alpha_if_deleted: float | None


@dataclass(frozen=True, slots=True)
class ItemAnalysis:
    """Item statistics and test reliability for a cohort.

    ``kr20`` is set only when every item is scored 0 or its maximum.
    ``sem`` is the standard error of measurement on the raw total score.
    """

    items: tuple[ItemStatistics, ...]
    learners: int
    mean_total: float
    sd_total: float
    alpha: float | None
    kr20: float | None
    sem: float | None

    def to_dataframe(self) -> pandas.DataFrame:
        """The item statistics as a pandas DataFrame indexed by item id.

        Needs the ``pandas`` extra (``pip install microcred[pandas]``).
        """
        try:
            import pandas
        except ImportError:
            raise UnsupportedError(
                "DataFrames need the 'pandas' extra: pip install '.[pandas]' in a clone"
            ) from None
        rows = [
            {
                "item_id": s.item_id,
                "difficulty": s.difficulty,
                "point_biserial": s.point_biserial,
                "item_rest": s.item_rest,
                "discrimination": s.discrimination,
                "alpha_if_deleted": s.alpha_if_deleted,
            }
            for s in self.items
        ]
        return pandas.DataFrame(rows).set_index("item_id")

    def summary(self) -> dict[str, Any]:
        """Test-level figures as a plain dict (JSON-ready)."""
        return {
            "learners": self.learners,
            "items": len(self.items),
            "mean_total": self.mean_total,
            "sd_total": self.sd_total,
            "alpha": self.alpha,
            "kr20": self.kr20,
            "sem": self.sem,
        }


def _columns(scores: Sequence[Sequence[float]], width: int) -> list[list[float]]:
    for index, row in enumerate(scores):
        if not isinstance(row, Sequence) or len(row) != width:
            raise AssessmentError(
                f"learner {index} needs {width} item scores", path=["scores", index]
            )
        for item, value in enumerate(row):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise AssessmentError(
                    f"an item score must be a number, not {value!r}",
                    path=["scores", index, item],
                )
            if not math.isfinite(value):
                raise AssessmentError(
                    "an item score must be finite", path=["scores", index, item]
                )
    return [list(map(float, column)) for column in zip(*scores, strict=True)]


def _group_means(
    column: Sequence[float], upper: Sequence[int], lower: Sequence[int]
) -> float:
    return _mean([column[i] for i in upper]) - _mean([column[i] for i in lower])


def analyse_items(
    scores: Sequence[Sequence[float]],
    *,
    item_ids: Sequence[str] | None = None,
    max_scores: Sequence[float] | None = None,
    group_fraction: float = 0.27,
    progress: Callable[[int, int], None] | None = None,
) -> ItemAnalysis:
    """Classical item analysis of a learners x items score matrix.

    ``scores[l][i]`` is learner ``l``'s score on item ``i`` (raw points; give
    ``max_scores`` when items are not scored out of 1). Learners tied at the edge
    of the upper or lower group are taken in input order, which keeps the result
    deterministic. ``progress(done, total)`` is called after each item.
    """
    if len(scores) < 2 or not scores[0]:
        raise AssessmentError("item analysis needs at least two learners and an item")
    width = len(scores[0])
    columns = _columns(scores, width)
    ids = (
        list(item_ids)
        if item_ids is not None
        else [f"item{i + 1}" for i in range(width)]
    )
    maxima = list(max_scores) if max_scores is not None else [1.0] * width
    if len(ids) != width or len(maxima) != width or min(maxima) <= 0:
        raise AssessmentError("item_ids and max_scores must match the items")

    totals = [math.fsum(row) for row in zip(*columns, strict=True)]
    mean_total = _mean(totals)
    sd_total = math.sqrt(_variance(totals, mean_total))
    alpha = _alpha(columns)

    size = max(1, math.floor(group_fraction * len(totals) + 0.5))
    # Highest totals first; sorted() is stable, so ties keep the input order.
    ranked = sorted(range(len(totals)), key=lambda i: -totals[i])
    upper, lower = ranked[:size], ranked[-size:]

    items = []
    for i in range(width):
        items.append(
            _item_statistics(
                ids[i],
                i,
                columns=columns,
                totals=totals,
                maximum=maxima[i],
                upper=upper,
                lower=lower,
            )
        )
        if progress is not None:
            progress(i + 1, width)
    sem = sd_total * math.sqrt(1 - alpha) if alpha is not None and alpha <= 1 else None
    return ItemAnalysis(
        tuple(items),
        len(totals),
        mean_total,
        sd_total,
        alpha,
        _kr20(columns, maxima, totals),
        sem,
    )


def _item_statistics(
    item_id: str,
    index: int,
    *,
    columns: Sequence[Sequence[float]],
    totals: Sequence[float],
    maximum: float,
    upper: Sequence[int],
    lower: Sequence[int],
) -> ItemStatistics:
    column = columns[index]
    rest = [t - x for t, x in zip(totals, column, strict=True)]
    others = [c for j, c in enumerate(columns) if j != index]
    return ItemStatistics(
        item_id,
        _mean(column) / maximum,
        _correlation(column, totals),
        _correlation(column, rest),
        _group_means(column, upper, lower) / maximum,
        _alpha(others),
    )


def _kr20(
    columns: Sequence[Sequence[float]],
    maxima: Sequence[float],
    totals: Sequence[float],
) -> float | None:
    """KR-20 for dichotomous items: k/(k-1) * (1 - sum(p*q) / population variance)."""
    k = len(columns)
    dichotomous = all(
        all(x in (0.0, m) for x in c) for c, m in zip(columns, maxima, strict=True)
    )
    if not dichotomous or k < 2:
        return None
    mean = _mean(totals)
    variance = math.fsum((t - mean) ** 2 for t in totals) / len(totals)
    if variance == 0:
        return None
    # An item scored 0 or m varies by m*m*p*q, which is p*q for 0/1 items.
    pq = math.fsum(
        m * m * (p := _mean(c) / m) * (1 - p)
        for c, m in zip(columns, maxima, strict=True)
    )
    return k / (k - 1) * (1 - pq / variance)


@dataclass(frozen=True, slots=True)
class AngoffResult:
    """An Angoff cut score: the expected score of a minimally competent learner."""

    item_means: tuple[float, ...]
    cut_score: float
    cut_share: float


def angoff(
    judgements: Sequence[Sequence[float]],
    *,
    max_scores: Sequence[float] | None = None,
) -> AngoffResult:
    """Angoff standard setting from judges' item estimates.

    ``judgements[j][i]`` is judge ``j``'s estimate of the probability that a
    minimally competent learner answers item ``i`` correctly. The raw cut score is
    the sum over items of the mean estimate (times the item's maximum);
    ``cut_share`` divides it by the maximum total.
    """
    if not judgements or not judgements[0]:
        raise AssessmentError("Angoff needs at least one judge and one item")
    columns = _columns(judgements, len(judgements[0]))
    maxima = list(max_scores) if max_scores is not None else [1.0] * len(columns)
    for j, row in enumerate(judgements):
        for i, value in enumerate(row):
            if not 0 <= value <= 1:
                raise AssessmentError(
                    "an estimate is a probability between 0 and 1",
                    path=["judgements", j, i],
                )
    means = tuple(_mean(c) for c in columns)
    cut = math.fsum(m * w for m, w in zip(means, maxima, strict=True))
    return AngoffResult(means, cut, cut / math.fsum(maxima))


@dataclass(frozen=True, slots=True)
class HofsteeResult:
    """A Hofstee cut score and the fail rate it gives.

    ``crossed`` is False when the fail-rate curve never met the judges' line and
    the cut fell back to ``k_min`` or ``k_max``.
    """

    cut: float
    fail_rate: float
    crossed: bool


def hofstee(
    scores: Sequence[float],
    *,
    k_min: float,
    k_max: float,
    f_min: float,
    f_max: float,
    step: float = 0.5,
    fallback: Literal["k_min", "k_max"] = "k_max",
) -> HofsteeResult:
    """Hofstee compromise standard setting on percentage scores.

    The judges' line runs from ``(k_min, f_max)`` to ``(k_max, f_min)``; the cut
    is the first grid point ``c`` from ``k_min`` upward, in steps of ``step``,
    where the observed fail rate ``F(c)`` (percentage of scores below ``c``)
    reaches the line. The grid is walked in exact decimals, so no point is lost
    to floating-point drift.
    """
    if not scores or not (k_min < k_max and f_min <= f_max and step > 0):
        raise AssessmentError("Hofstee needs scores, k_min < k_max, f_min <= f_max")
    exact = [Fraction(str(s)) for s in scores]
    lo, hi = Fraction(str(k_min)), Fraction(str(k_max))
    f_lo, f_hi = Fraction(str(f_min)), Fraction(str(f_max))
    slope = (f_lo - f_hi) / (hi - lo)
    grid, cut = Fraction(str(step)), lo
    while cut <= hi:
        fail = Fraction(100 * sum(s < cut for s in exact), len(exact))
        if fail >= f_hi + (cut - lo) * slope:
            return HofsteeResult(float(cut), float(fail), crossed=True)
        cut += grid
    cut = lo if fallback == "k_min" else hi
    fail = Fraction(100 * sum(s < cut for s in exact), len(exact))
    return HofsteeResult(float(cut), float(fail), crossed=False)
