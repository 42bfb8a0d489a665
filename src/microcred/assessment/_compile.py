"""Items compiled to integer arithmetic, the engine behind exact scoring.

Every number of an item (points, penalty, mapped values, bounds) is a fraction, so
each item has a unit ``1/unit`` in which all its possible scores are whole
numbers. Scoring then adds Python integers, which is both exact and fast; the
results are turned back into fractions only when reported.
"""

from __future__ import annotations

import math
import re
import reprlib
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

__all__ = ["CompiledItem", "ShapeError", "compile_item", "normalise_text", "shown"]

_SPACES = re.compile(r"\s+")


_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 60


def shown(value: Any) -> str:
    """A short repr for error messages, whatever the value.

    A learner's answer may be a 5,000-digit number (whose repr Python refuses)
    or a list nested thousands deep: the message must still come out.
    """
    try:
        return _SHOWN.repr(value)
    except (ValueError, RecursionError):
        return f"a {type(value).__name__} too large to show"


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
        # ASCII text is always in NFC; the check is the cheap one first.
        if nfc and not text.isascii() and not unicodedata.is_normalized("NFC", text):
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


Scorer = Callable[[Any], int | None]


def _reader(item: Item, judge: Callable[[Any], int]) -> Scorer:  # noqa: PLR0911
    """Read a response into its canonical form and judge it (None: unanswered).

    One closure per kind, its checks inline and ending in the rule's ``judge``:
    it runs once per response, and every extra call shows in an attempt's
    latency. (One return per kind, hence the many returns.)
    """
    ids = frozenset(c.id for c in item.choices)
    kind = item.kind
    if kind is ItemKind.SINGLE_CHOICE:
        return _one_choice_reader(ids, judge)
    if kind is ItemKind.TRUE_FALSE:
        return _boolean_reader(judge)
    if kind is ItemKind.MULTIPLE_RESPONSE:
        return _choice_set_reader(ids, judge)
    if kind is ItemKind.ORDERING:
        return _sequence_reader(ids, judge, item.key)
    if kind is ItemKind.MATCHING:
        return _pairs_reader(ids, frozenset(c.id for c in item.targets), judge)
    if kind is ItemKind.NUMERIC:
        return _number_reader(judge)
    assert isinstance(item.key, ShortTextKey)
    return _text_reader(normaliser(item.key.normalisation), judge)


def _one_choice_reader(ids: frozenset[str], judge: Callable[[str], int]) -> Scorer:
    def one_choice(response: Any) -> int | None:
        if response is None:
            return None
        if response.__class__ is not str or response not in ids:
            raise ShapeError(f"expected one of the option ids, got {shown(response)}")
        return judge(response)

    return one_choice


def _boolean_reader(judge: Callable[[bool], int]) -> Scorer:
    def boolean(response: Any) -> int | None:
        if response is None:
            return None
        if response.__class__ is not bool:
            raise ShapeError(f"expected true or false, got {shown(response)}")
        return judge(response)

    return boolean


def _known(values: Iterable[Any], ids: frozenset[str]) -> frozenset[str] | None:
    """The values as a set if every one is one of ``ids`` (which are strings)."""
    try:
        chosen = frozenset(values)
    except TypeError:  # a list or object among the values
        return None
    return chosen if chosen <= ids else None


def _choice_set_reader(
    ids: frozenset[str], judge: Callable[[frozenset[str]], int]
) -> Scorer:
    def choice_set(response: Any) -> int | None:
        if response is None:
            return None
        if response.__class__ is not list:
            raise ShapeError("expected a list of option ids")
        # QTI: a multiple response counts each distinct choice once.
        try:
            chosen = frozenset(response)
        except TypeError:  # a list or object among the values
            chosen = None
        if chosen is None or not chosen <= ids:
            raise ShapeError(f"expected option ids, got {shown(response)}")
        return judge(chosen) if chosen else None

    return choice_set


def _sequence_reader(
    ids: frozenset[str], judge: Callable[[tuple[str, ...]], int], key: Any
) -> Scorer:
    # The key is a valid ordering: a response equal to it needs no further check
    # (a list comparison is far cheaper than the set building below).
    valid = isinstance(key, tuple) and len(_known(key, ids) or ()) == len(key) > 0
    correct = list(key) if valid else None
    full = judge(key) if valid else None

    def sequence(response: Any) -> int | None:
        if response is None:
            return None
        if response.__class__ is not list:
            raise ShapeError("expected a list of option ids")
        if response == correct:
            return full
        chosen = _known(response, ids)
        if chosen is None or len(chosen) != len(response):
            raise ShapeError(f"expected distinct option ids, got {shown(response)}")
        return judge(tuple(response)) if response else None

    return sequence


def _pairs_reader(
    sources: frozenset[str],
    targets: frozenset[str],
    judge: Callable[[dict[str, str]], int],
) -> Scorer:
    # The judge gets the object itself: its keys are distinct, so it already is
    # the set of pairs, and comparing objects is much cheaper than building sets.
    def pairs(response: Any) -> int | None:
        if response is None:
            return None
        if response.__class__ is not dict:
            raise ShapeError("expected an object mapping source ids to target ids")
        try:
            known = sources.issuperset(response) and targets.issuperset(
                response.values()
            )
        except TypeError:  # a list or object among the targets
            known = False
        if not known:
            raise ShapeError(
                f"{shown(response)} does not pair source ids with target ids"
            )
        return judge(response) if response else None

    return pairs


def _number(response: Any) -> tuple[int, int]:
    """A number as ``(numerator, denominator)`` of the decimal the learner typed.

    Not its binary approximation: 4.1 must be accepted by an inclusive bound of
    4.0 + 0.1. A pair of integers compares exactly and far faster than Fraction.
    """
    kind = response.__class__
    if kind is int:
        return response, 1
    if kind is not float:
        raise ShapeError(f"expected a number, got {shown(response)}")
    text = repr(response)  # the shortest decimal that reads back as this float
    if "e" in text or "n" in text:  # 1e-07, inf, nan: rare, take the slow path
        try:
            exact = Fraction(text)
        except ValueError:
            raise ShapeError(
                f"expected a finite number, got {shown(response)}"
            ) from None
        return exact.numerator, exact.denominator
    whole, _, decimals = text.partition(".")
    return int(whole + decimals), 10 ** len(decimals)


def _number_reader(judge: Callable[[tuple[int, int]], int]) -> Scorer:
    def number(response: Any) -> int | None:
        if response is None:
            return None
        # An integer needs no decimal reading: the commonest answer, kept cheap.
        return judge((response, 1) if response.__class__ is int else _number(response))

    return number


def _text_reader(
    normalise: Callable[[str], str], judge: Callable[[str], int]
) -> Scorer:
    def text(response: Any) -> int | None:
        if response is None:
            return None
        if response.__class__ is not str:
            raise ShapeError(f"expected a string, got {shown(response)}")
        # QTI treats an empty string as a NULL (unanswered) response.
        canonical = normalise(response)
        return judge(canonical) if canonical else None

    return text


# --- judging a canonical response -----------------------------------------------


def _numeric_judge(
    key: NumericKey, full: int, penalty: int
) -> Callable[[tuple[int, int]], int]:
    low, high = key.bounds()
    lo_num, lo_den = low.numerator, low.denominator
    hi_num, hi_den = high.numerator, high.denominator
    include_low, include_high = key.include_lower, key.include_upper

    def judge(value: tuple[int, int]) -> int:
        # Compare num/den with bounds by cross-multiplying: denominators are > 0.
        num, den = value
        above = num * lo_den - lo_num * den
        below = hi_num * den - num * hi_den
        inside = (above > 0 or (include_low and above == 0)) and (
            below > 0 or (include_high and below == 0)
        )
        return full if inside else penalty

    return judge


def _mapped_rule(
    item: Item, entries: dict[str, int], default: int, bounds: tuple[int, int | None]
) -> Callable[[Any], int]:
    """The clamped sum of mapped values for a canonical response, in one call.

    Every response a learner can give is looked up in one table built here, so
    scoring is a dict lookup per selected choice, with no string building.
    """
    lookup, summed = _mapped_table(item, entries, default)
    high, low = bounds
    pairs = item.kind is ItemKind.MATCHING  # a matching comes as an object

    def score(canonical: Any) -> int:
        if pairs:
            canonical = canonical.items()
        total = sum(map(lookup, canonical)) if summed else lookup(canonical)
        if total > high:
            return high
        return low if low is not None and total < low else total

    return score


def _mapped_table(
    item: Item, entries: dict[str, int], default: int
) -> tuple[Callable[[Any], int], bool]:
    """A lookup of one selection's mapped value, and whether selections add up."""
    ids = [c.id for c in item.choices]
    if item.kind is ItemKind.SHORT_TEXT:
        return (lambda text: entries.get(text, default)), False
    if item.kind is ItemKind.TRUE_FALSE:
        table: dict[Any, int] = {
            True: entries.get("true", default),
            False: entries.get("false", default),
        }
        return table.__getitem__, False
    if item.kind is ItemKind.MATCHING:
        # QTI directedPair values are written "source target".
        table = {
            (s, t.id): entries.get(f"{s} {t.id}", default)
            for s in ids
            for t in item.targets
        }
        return table.__getitem__, True
    table = {choice: entries.get(choice, default) for choice in ids}
    return table.__getitem__, item.kind is ItemKind.MULTIPLE_RESPONSE


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
    low = _scaled(lower, unit) if lower is not None else None
    score = _mapped_rule(item, entries, default, (_scaled(upper, unit), low))
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
    score_units = _fast_scorer(item, unit) or _reader(item, rule_score)
    return CompiledItem(item, unit, full, lowest, score_units, item.points)


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
                raise ShapeError(f"expected true or false, got {shown(response)}")
            return answers[response]

        return true_false
    ids = frozenset(c.id for c in item.choices)

    def single_choice(response: Any) -> int | None:
        if response is None:
            return None
        if response.__class__ is not str or response not in ids:
            raise ShapeError(f"expected one of the option ids, got {shown(response)}")
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
        target = dict(key) if isinstance(key, Mapping) else key
        return (lambda canonical: full if canonical == target else penalty), penalty
    return _numeric_judge(key, full, penalty), penalty
