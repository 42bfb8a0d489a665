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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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
    return normaliser(flags)(text)


def normaliser(flags: frozenset[Normalisation]) -> Callable[[str], str]:
    """The normalisation as one function, built once per item."""
    nfc = Normalisation.NFC in flags
    trim = Normalisation.TRIM in flags
    inner = Normalisation.INNER_WHITESPACE in flags
    case = Normalisation.CASE in flags

    def normalise(text: str) -> str:
        if nfc and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if inner:
            # split() both trims and collapses, and is much faster than a regex.
            text = " ".join(text.split()) if trim else _SPACES.sub(" ", text)
        elif trim:
            text = text.strip()
        return text.casefold() if case else text

    return normalise


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
    normalise = normaliser(item.key.normalisation)
    return lambda r: _text(r, normalise)


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
    if response.__class__ is not list:
        raise ShapeError("expected a list of option ids")
    # QTI: a multiple response counts each distinct choice once.
    chosen = _known(response, ids)
    if chosen is None:
        raise ShapeError(f"expected option ids, got {response!r}")
    return chosen or None


def _known(values: Iterable[Any], ids: frozenset[str]) -> frozenset[str] | None:
    """The values as a set if every one is one of ``ids`` (which are strings)."""
    try:
        chosen = frozenset(values)
    except TypeError:  # a list or object among the values
        return None
    return chosen if chosen <= ids else None


def _sequence(response: Any, ids: frozenset[str]) -> tuple[str, ...] | None:
    if response is None:
        return None
    if response.__class__ is not list:
        raise ShapeError("expected a list of option ids")
    chosen = _known(response, ids)
    if chosen is None or len(chosen) != len(response):
        raise ShapeError(f"expected distinct option ids, got {response!r}")
    return tuple(response) or None


def _pairs(
    response: Any, sources: frozenset[str], targets: frozenset[str]
) -> frozenset[tuple[str, str]] | None:
    if response is None:
        return None
    if response.__class__ is not dict:
        raise ShapeError("expected an object mapping source ids to target ids")
    if _known(response, sources) is None or _known(response.values(), targets) is None:
        raise ShapeError(f"{response!r} does not pair source ids with target ids")
    return frozenset(response.items()) or None


def _number(response: Any) -> tuple[int, int] | None:
    """A number as ``(numerator, denominator)`` of the decimal the learner typed.

    Not its binary approximation: 4.1 must be accepted by an inclusive bound of
    4.0 + 0.1. A pair of integers compares exactly and far faster than Fraction.
    """
    if response is None:
        return None
    kind = response.__class__
    if kind is int:
        return response, 1
    if kind is not float:
        raise ShapeError(f"expected a number, got {response!r}")
    text = repr(response)  # the shortest decimal that reads back as this float
    if "e" in text or "n" in text:  # 1e-07, inf, nan: rare, take the slow path
        try:
            exact = Fraction(text)
        except ValueError:
            raise ShapeError(f"expected a finite number, got {response!r}") from None
        return exact.numerator, exact.denominator
    whole, _, decimals = text.partition(".")
    return int(whole + decimals), 10 ** len(decimals)


def _text(response: Any, normalise: Callable[[str], str]) -> str | None:
    if response is None:
        return None
    if response.__class__ is not str:
        raise ShapeError(f"expected a string, got {response!r}")
    # QTI treats an empty string as a NULL (unanswered) response.
    return normalise(response) or None


# --- judging a canonical response -----------------------------------------------


def _numeric_judge(key: NumericKey) -> Callable[[tuple[int, int]], bool]:
    low, high = key.bounds()
    lo_num, lo_den = low.numerator, low.denominator
    hi_num, hi_den = high.numerator, high.denominator
    include_low, include_high = key.include_lower, key.include_upper

    def judge(value: tuple[int, int]) -> bool:
        # Compare num/den with bounds by cross-multiplying: denominators are > 0.
        num, den = value
        above = num * lo_den - lo_num * den
        below = hi_num * den - num * hi_den
        return (above > 0 or (include_low and above == 0)) and (
            below > 0 or (include_high and below == 0)
        )

    return judge


def _raw_total(
    item: Item, entries: dict[str, int], default: int
) -> Callable[[Any], int]:
    """The sum of mapped values (before clamping) for a canonical response.

    Every response a learner can give is looked up in one table built here, so
    scoring is a dict lookup per selected choice, with no string building.
    """
    ids = [c.id for c in item.choices]
    if item.kind is ItemKind.SHORT_TEXT:
        return lambda text: entries.get(text, default)
    if item.kind is ItemKind.TRUE_FALSE:
        table: dict[Any, int] = {
            True: entries.get("true", default),
            False: entries.get("false", default),
        }
        return table.__getitem__
    if item.kind is ItemKind.MATCHING:
        # QTI directedPair values are written "source target".
        table = {
            (s, t.id): entries.get(f"{s} {t.id}", default)
            for s in ids
            for t in item.targets
        }
        return lambda pairs: sum(map(table.__getitem__, pairs))
    table = {choice: entries.get(choice, default) for choice in ids}
    if item.kind is ItemKind.MULTIPLE_RESPONSE:
        return lambda chosen: sum(map(table.__getitem__, chosen))
    return table.__getitem__  # single choice


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
    points: Fraction
    # A memo of fractions by units: an item has few distinct scores, and building
    # a Fraction costs more than the rest of scoring the item.
    _fractions: dict[int, Fraction] = field(default_factory=dict, compare=False)

    def fraction(self, units: int) -> Fraction:
        """A score in units as a fraction of points."""
        value = self._fractions.get(units)
        if value is None:
            value = self._fractions[units] = Fraction(units, self.unit)
        return value


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


def _scaled_entries(
    item: Item, rule: MapResponse, unit: int, path: Sequence[PathPart]
) -> dict[str, int]:
    """Mapped values in units; short-text keys normalised like the answers."""
    key = item.key
    if not isinstance(key, ShortTextKey):
        return {k: _scaled(v, unit) for k, v in rule.entries.items()}
    entries: dict[str, int] = {}
    for name, value in rule.entries.items():
        text = normalise_text(name, key.normalisation)
        scaled = _scaled(value, unit)
        if entries.get(text, scaled) != scaled:
            raise QuestionnaireError(
                f"{name!r} is the same answer as another mapped one after "
                "normalisation, with a different value",
                path=[*path, "scoring", "mapping", name],
            )
        entries[text] = scaled
    return entries


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
    entries = _scaled_entries(item, rule, unit, path)
    default = _scaled(rule.default, unit)
    high = _scaled(upper, unit)
    low = _scaled(lower, unit) if lower is not None else None
    raw_total = _raw_total(item, entries, default)

    def score(canonical: Any) -> int:
        total = min(raw_total(canonical), high)
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
    full = _scaled(item.points, unit)
    score_units = _fast_scorer(item, unit) or _scorer(_reader(item), rule_score)
    return CompiledItem(item, unit, full, lowest, score_units, item.points)


def _scorer(
    read: Callable[[Any], Any], rule_score: Callable[[Any], int]
) -> Callable[[Any], int | None]:
    def score_units(response: Any) -> int | None:
        canonical = read(response)
        return None if canonical is None else rule_score(canonical)

    return score_units


def _fast_scorer(item: Item, unit: int) -> Callable[[Any], int | None] | None:
    """One closure for the commonest items: all-or-nothing choices and true/false.

    Same results as the general reader + rule pair, in one call instead of four;
    a cohort of 40-item attempts spends most of its time here.
    """
    rule = item.scoring
    if not isinstance(rule, MatchCorrect) or item.kind not in {
        ItemKind.SINGLE_CHOICE,
        ItemKind.TRUE_FALSE,
    }:
        return None
    full, penalty, key = (
        _scaled(item.points, unit),
        _scaled(rule.penalty, unit),
        item.key,
    )
    if item.kind is ItemKind.TRUE_FALSE:
        answers = {True: full if key else penalty, False: penalty if key else full}

        def true_false(response: Any) -> int | None:
            if response is None:
                return None
            if response.__class__ is not bool:
                raise ShapeError(f"expected true or false, got {response!r}")
            return answers[response]

        return true_false
    ids = frozenset(c.id for c in item.choices)

    def single_choice(response: Any) -> int | None:
        if response is None:
            return None
        if response.__class__ is not str or response not in ids:
            raise ShapeError(f"expected one of the option ids, got {response!r}")
        return full if response == key else penalty

    return single_choice


def _match_scorer(
    item: Item, rule: MatchCorrect, unit: int
) -> tuple[Callable[[Any], int], int]:
    full = _scaled(item.points, unit)
    penalty = _scaled(rule.penalty, unit)
    key = item.key
    # Equality and membership inline, one call per item: this runs per response.
    if isinstance(key, ShortTextKey):
        accepted = frozenset(normalise_text(a, key.normalisation) for a in key.accepted)
        return (lambda canonical: full if canonical in accepted else penalty), penalty
    if not isinstance(key, NumericKey):
        target = frozenset(key.items()) if isinstance(key, Mapping) else key
        return (lambda canonical: full if canonical == target else penalty), penalty
    judge = _numeric_judge(key)
    return (lambda canonical: full if judge(canonical) else penalty), penalty
