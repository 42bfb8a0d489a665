"""Items compiled to integer arithmetic, the engine behind exact scoring.

Every number of an item (points, penalty, mapped values, bounds) is a fraction, so
each item has a unit ``1/unit`` in which all its possible scores are whole
numbers. Scoring then adds Python integers, which is both exact and fast; the
results are turned back into fractions only when reported.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from microcred.assessment._model import (
    Item,
    ItemKind,
    MapResponse,
    MatchCorrect,
    Normalisation,
    NumericKey,
    ShortTextKey,
)
from microcred.errors import PathPart, QuestionnaireError

__all__ = ["CompiledItem", "ShapeError", "compile_item", "normalise_text"]

_SPACES = re.compile(r"\s+")


class ShapeError(Exception):
    """A response does not have the shape its item expects (internal signal)."""


def normalise_text(text: str, flags: frozenset[Normalisation]) -> str:
    """Apply a short-text item's declared normalisation to an answer."""
    if Normalisation.NFC in flags:
        text = unicodedata.normalize("NFC", text)
    if Normalisation.TRIM in flags:
        text = text.strip()
    if Normalisation.INNER_WHITESPACE in flags:
        text = _SPACES.sub(" ", text)
    if Normalisation.CASE in flags:
        text = text.casefold()
    return text


def _unit(values: Iterable[Fraction | None]) -> int:
    return math.lcm(*(v.denominator for v in values if v is not None))


def _scaled(value: Fraction, unit: int) -> int:
    scaled = value * unit
    assert scaled.denominator == 1
    return scaled.numerator


# --- reading a response into its canonical form (None: unanswered) -------------


def _reader(item: Item) -> Callable[[Any], Any]:  # noqa: PLR0911 (one per kind)  # noqa: PLR0911 (one per kind)
    ids = frozenset(c.id for c in item.choices)
    kind = item.kind
    if kind is ItemKind.SINGLE_CHOICE:
        return lambda r: _one_choice(r, ids)
    if kind is ItemKind.TRUE_FALSE:
        return _boolean
    if kind is ItemKind.MULTIPLE_RESPONSE:
        return lambda r: _choice_set(r, ids)
    if kind is ItemKind.ORDERING:
        return lambda r: _sequence(r, ids)
    if kind is ItemKind.MATCHING:
        targets = frozenset(c.id for c in item.targets)
        return lambda r: _pairs(r, ids, targets)
    if kind is ItemKind.NUMERIC:
        return _number
    assert isinstance(item.key, ShortTextKey)
    flags = item.key.normalisation
    return lambda r: _text(r, flags)


def _one_choice(response: Any, ids: frozenset[str]) -> str | None:
    if response is None:
        return None
    if response.__class__ is not str or response not in ids:
        raise ShapeError(f"expected one of the option ids, got {response!r}")
    return response


def _boolean(response: Any) -> bool | None:
    if response is None or isinstance(response, bool):
        return response
    raise ShapeError(f"expected true or false, got {response!r}")


def _choice_set(response: Any, ids: frozenset[str]) -> frozenset[str] | None:
    if response is None:
        return None
    if not isinstance(response, list):
        raise ShapeError("expected a list of option ids")
    # QTI: a multiple response counts each distinct choice once.
    chosen = frozenset(response) if all(r.__class__ is str for r in response) else None
    if chosen is None or not chosen <= ids:
        raise ShapeError(f"expected option ids, got {response!r}")
    return chosen or None


def _sequence(response: Any, ids: frozenset[str]) -> tuple[str, ...] | None:
    if response is None:
        return None
    if not isinstance(response, list) or not all(r.__class__ is str for r in response):
        raise ShapeError("expected a list of option ids")
    if not set(response) <= ids or len(set(response)) != len(response):
        raise ShapeError(f"expected distinct option ids, got {response!r}")
    return tuple(response) or None


def _pairs(
    response: Any, sources: frozenset[str], targets: frozenset[str]
) -> frozenset[tuple[str, str]] | None:
    if response is None:
        return None
    if not isinstance(response, dict) or not all(
        t.__class__ is str for t in response.values()
    ):
        raise ShapeError("expected an object mapping source ids to target ids")
    for source, target in response.items():
        if (
            source not in sources
            or target.__class__ is not str
            or target not in targets
        ):
            raise ShapeError(f"{source!r} -> {target!r} is not a source/target pair")
    return frozenset(response.items()) or None


def _number(response: Any) -> Fraction | None:
    if response is None:
        return None
    if isinstance(response, bool) or not isinstance(response, int | float):
        raise ShapeError(f"expected a number, got {response!r}")
    try:
        # The decimal the learner typed, not its binary approximation, so that an
        # answer on an inclusive tolerance bound is accepted (4.1 for 4.0 +/- 0.1).
        return (
            Fraction(str(response))
            if isinstance(response, float)
            else Fraction(response)
        )
    except ValueError:
        raise ShapeError(f"expected a finite number, got {response!r}") from None


def _text(response: Any, flags: frozenset[Normalisation]) -> str | None:
    if response is None:
        return None
    if not isinstance(response, str):
        raise ShapeError(f"expected a string, got {response!r}")
    # QTI treats an empty string as a NULL (unanswered) response.
    return normalise_text(response, flags) or None


# --- judging a canonical response -----------------------------------------------


def _judge(item: Item) -> Callable[[Any], bool]:
    key = item.key
    if isinstance(key, NumericKey):
        low, high = key.bounds()
        include_low, include_high = key.include_lower, key.include_upper
        return lambda x: (
            (low < x or (include_low and x == low))
            and (x < high or (include_high and x == high))
        )
    if isinstance(key, ShortTextKey):
        accepted = frozenset(normalise_text(a, key.normalisation) for a in key.accepted)
        return accepted.__contains__
    if item.kind is ItemKind.MATCHING:
        assert isinstance(key, dict)
        pairs = frozenset(key.items())
        return pairs.__eq__
    # str, bool, frozenset (unordered) or tuple (ordered): the reader already gave
    # the canonical response the same type as the key.
    return lambda canonical: bool(canonical == key)


def _mapped_keys(item: Item) -> Callable[[Any], Iterable[str]]:
    kind = item.kind
    if kind is ItemKind.MULTIPLE_RESPONSE:
        return lambda chosen: chosen
    if kind is ItemKind.MATCHING:
        # QTI directedPair values are written "source target".
        return lambda pairs: [f"{s} {t}" for s, t in pairs]
    if kind is ItemKind.TRUE_FALSE:
        return lambda value: ("true" if value else "false",)
    if kind in {ItemKind.SINGLE_CHOICE, ItemKind.SHORT_TEXT}:
        return lambda value: (value,)
    raise QuestionnaireError(f"map_response does not apply to {kind.value} items")


def _mapping_space(item: Item) -> list[list[str]] | None:
    """The mapped keys a learner can select, grouped by what excludes what.

    Each inner list is a set of mutually exclusive keys (one choice of a single
    choice, one target per matching source); None for free text.
    """
    ids = [c.id for c in item.choices]
    if item.kind is ItemKind.SINGLE_CHOICE:
        return [ids]
    if item.kind is ItemKind.TRUE_FALSE:
        return [["true", "false"]]
    if item.kind is ItemKind.MULTIPLE_RESPONSE:
        return [[i] for i in ids]
    if item.kind is ItemKind.MATCHING:
        return [[f"{s} {t.id}" for t in item.targets] for s in ids]
    return None


@dataclass(frozen=True, slots=True)
class CompiledItem:
    """An item ready to score: scores are whole numbers of ``1/unit`` points."""

    item: Item
    unit: int
    full: int
    lowest: int
    score_units: Callable[[Any], int | None]

    def fraction(self, units: int) -> Fraction:
        """A score in units as a fraction of points."""
        return Fraction(units, self.unit)


def _map_bounds(
    item: Item, rule: MapResponse, path: Sequence[PathPart]
) -> tuple[Fraction, Fraction | None]:
    upper = item.points
    if rule.upper_bound is not None and rule.upper_bound > item.points:
        raise QuestionnaireError(
            f"upper_bound {rule.upper_bound} exceeds the item's points {item.points}",
            path=[*path, "scoring", "upper_bound"],
        )
    if rule.upper_bound is not None:
        upper = rule.upper_bound
    space = _mapping_space(item)
    if space is not None:
        known = {key for group in space for key in group}
        for name in rule.entries:
            if name not in known:
                raise QuestionnaireError(
                    f"{name!r} is not a response this item can receive",
                    path=[*path, "scoring", "mapping", name],
                )
    return upper, rule.lower_bound


def _map_extremes(item: Item, rule: MapResponse) -> tuple[Fraction, Fraction]:
    """The best and the worst raw sum a learner can reach, before clamping."""
    value = rule.entries.get
    space = _mapping_space(item)
    if space is None:  # free text: one accepted answer, or anything else
        values = [*rule.entries.values(), rule.default]
        return max(values), min(values)
    best = worst = Fraction(0)
    single_group = item.kind in {ItemKind.SINGLE_CHOICE, ItemKind.TRUE_FALSE}
    for group in space:
        values = [value(k, rule.default) for k in group]
        if not single_group:
            values.append(Fraction(0))  # a choice or pair may be left out
        best += max(values)
        worst += min(values)
    return best, worst


def _map_scorer(
    item: Item, rule: MapResponse, unit: int, path: Sequence[PathPart]
) -> tuple[Callable[[Any], int], int]:
    upper, lower = _map_bounds(item, rule, path)
    best, worst = _map_extremes(item, rule)
    if min(best, upper) < item.points:
        raise QuestionnaireError(
            f"the best response scores {min(best, upper)}, less than the item's "
            f"points {item.points}",
            path=[*path, "scoring"],
        )
    entries = {k: _scaled(v, unit) for k, v in rule.entries.items()}
    default = _scaled(rule.default, unit)
    high = _scaled(upper, unit)
    low = _scaled(lower, unit) if lower is not None else None
    keys_of = _mapped_keys(item)

    def score(canonical: Any) -> int:
        total = sum(entries.get(k, default) for k in keys_of(canonical))
        total = min(total, high)
        return total if low is None else max(total, low)

    lowest = max(worst, lower) if lower is not None else worst
    return score, _scaled(min(lowest, Fraction(0)), unit)


def compile_item(item: Item, path: Sequence[PathPart] = ()) -> CompiledItem:
    """Compile an item, checking that its scoring rule fits its kind and key.

    Raises :class:`~microcred.errors.QuestionnaireError` naming ``path`` when the
    mapping names an impossible response or the item can never earn its points.
    """
    rule = item.scoring
    if isinstance(rule, MapResponse):
        if item.kind in {ItemKind.NUMERIC, ItemKind.ORDERING}:
            raise QuestionnaireError(
                f"map_response does not apply to {item.kind.value} items",
                path=[*path, "scoring", "rule"],
            )
        bounds = (rule.default, rule.lower_bound, rule.upper_bound, item.points)
        unit = _unit([*rule.entries.values(), *bounds])
        rule_score, lowest = _map_scorer(item, rule, unit, path)
    else:
        assert isinstance(rule, MatchCorrect)
        unit = _unit([item.points, rule.penalty])
        rule_score, lowest = _match_scorer(item, rule, unit)
    read = _reader(item)

    def score_units(response: Any) -> int | None:
        canonical = read(response)
        return None if canonical is None else rule_score(canonical)

    return CompiledItem(item, unit, _scaled(item.points, unit), lowest, score_units)


def _match_scorer(
    item: Item, rule: MatchCorrect, unit: int
) -> tuple[Callable[[Any], int], int]:
    judge = _judge(item)
    full = _scaled(item.points, unit)
    penalty = _scaled(rule.penalty, unit)
    return (lambda canonical: full if judge(canonical) else penalty), penalty
