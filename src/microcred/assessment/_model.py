"""The questionnaire model: items, keys, scoring rules and the award policy.

Numbers that take part in scoring (points, weights, penalties, mapped values,
thresholds) are :class:`~fractions.Fraction`, so a learner exactly on a cut score
passes whatever the weights (0.1 + 0.7 is 0.8 here, not 0.7999999999999999).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Any

from microcred.assessment._text import Text
from microcred.errors import QuestionnaireError

__all__ = [
    "AwardPolicy",
    "Choice",
    "Item",
    "ItemKind",
    "MapResponse",
    "MatchCorrect",
    "Normalisation",
    "NumericKey",
    "OutcomeSpec",
    "OutcomeWeight",
    "Questionnaire",
    "ShortTextKey",
    "ToleranceMode",
    "guessing_penalty",
]


def guessing_penalty(options: int, points: Fraction | int = 1) -> Fraction:
    """The classic correction for guessing: ``-points / (options - 1)``.

    With this penalty a learner who guesses among ``options`` choices scores 0 on
    average.
    """
    if options < 2:
        raise QuestionnaireError(f"a choice needs two options or more, not {options}")
    return -Fraction(points) / (options - 1)


class ItemKind(StrEnum):
    """The kinds of item microcred scores (QTI interaction types, in plain words)."""

    SINGLE_CHOICE = "single_choice"
    MULTIPLE_RESPONSE = "multiple_response"
    TRUE_FALSE = "true_false"
    NUMERIC = "numeric"
    SHORT_TEXT = "short_text"
    ORDERING = "ordering"
    MATCHING = "matching"


class ToleranceMode(StrEnum):
    """QTI ``equal`` tolerance modes."""

    EXACT = "exact"
    ABSOLUTE = "absolute"
    RELATIVE = "relative"


class Normalisation(StrEnum):
    """What a short-text answer is normalised by before comparison."""

    CASE = "case"  # compare case-insensitively (str.casefold)
    TRIM = "trim"  # ignore surrounding whitespace
    INNER_WHITESPACE = "inner_whitespace"  # runs of inner whitespace count as one
    NFC = "nfc"  # Unicode normal form C


@dataclass(frozen=True, slots=True)
class Choice:
    """An option of a choice, ordering or matching item."""

    id: str
    text: Text


@dataclass(frozen=True, slots=True)
class OutcomeWeight:
    """The share of an item in one learning outcome's score."""

    outcome_id: str
    weight: Fraction


@dataclass(frozen=True, slots=True)
class NumericKey:
    """The correct value of a numeric item and its tolerance (QTI ``equal``).

    Absolute: correct when ``value - lower <= x <= value + upper``; relative:
    when ``value * (1 - lower/100) <= x <= value * (1 + upper/100)``. Bounds are
    inclusive unless ``include_lower``/``include_upper`` say otherwise.
    """

    value: Fraction
    mode: ToleranceMode = ToleranceMode.EXACT
    lower_tolerance: Fraction = Fraction(0)
    upper_tolerance: Fraction = Fraction(0)
    include_lower: bool = True
    include_upper: bool = True

    def bounds(self) -> tuple[Fraction, Fraction]:
        """The lowest and highest accepted values."""
        if self.mode is ToleranceMode.ABSOLUTE:
            low = self.value - self.lower_tolerance
            high = self.value + self.upper_tolerance
        elif self.mode is ToleranceMode.RELATIVE:
            low = self.value * (1 - self.lower_tolerance / 100)
            high = self.value * (1 + self.upper_tolerance / 100)
        else:
            low = high = self.value
        return min(low, high), max(low, high)


@dataclass(frozen=True, slots=True)
class ShortTextKey:
    """Accepted answers of a short-text item and the normalisation applied."""

    accepted: tuple[str, ...]
    normalisation: frozenset[Normalisation] = frozenset(
        {Normalisation.TRIM, Normalisation.INNER_WHITESPACE, Normalisation.NFC}
    )


#: The key of an item, by kind: a choice id, a boolean, a set of choice ids, a
#: sequence of choice ids, a source -> target mapping, a numeric or a text key.
Key = (
    str
    | bool
    | frozenset[str]
    | tuple[str, ...]
    | Mapping[str, str]
    | NumericKey
    | ShortTextKey
)


@dataclass(frozen=True, slots=True)
class MatchCorrect:
    """All or nothing (QTI ``match_correct``); ``penalty`` (<= 0) for a wrong answer.

    A penalty below zero is negative marking; an unanswered item scores 0.
    """

    penalty: Fraction = Fraction(0)


@dataclass(frozen=True, slots=True)
class MapResponse:
    """Mapped values per choice (QTI ``map_response``).

    The score is the sum over the distinct selected choices (pairs ``"src tgt"``
    for matching, normalised answers for short text) of their mapped value, or
    ``default`` when unmapped, clamped to ``[lower_bound, upper_bound]``. A
    ``lower_bound`` of None leaves the item unbounded below, as in QTI.
    """

    entries: Mapping[str, Fraction]
    default: Fraction = Fraction(0)
    lower_bound: Fraction | None = None
    upper_bound: Fraction | None = None


ScoringRule = MatchCorrect | MapResponse


@dataclass(frozen=True, slots=True)
class Item:
    """One question: its kind, text, key, points, outcomes and scoring rule.

    ``choices`` are the options (the sources, for matching); ``targets`` are the
    matching targets.
    """

    id: str
    kind: ItemKind
    prompt: Text
    key: Key
    points: Fraction
    outcomes: tuple[OutcomeWeight, ...]
    scoring: ScoringRule = MatchCorrect()
    choices: tuple[Choice, ...] = ()
    targets: tuple[Choice, ...] = ()


@dataclass(frozen=True, slots=True)
class OutcomeSpec:
    """A learning outcome the questionnaire assesses.

    ``threshold`` (a share of the outcome's weighted items, 0 to 1) overrides the
    policy's default threshold when set.
    """

    id: str
    required: bool = True
    threshold: Fraction | None = None


@dataclass(frozen=True, slots=True)
class AwardPolicy:
    """When a questionnaire awards the micro-credential.

    The catalogue's rule: awarded when every required outcome reaches its
    threshold. Optional: an overall ``pass_mark`` (share of all points) and
    ``min_items_per_outcome``. ``score_floor`` is the per-test floor of negative
    marking, applied to the overall and each outcome's share (None: no floor).
    ``grade_bands`` are ``(lowest share, grade)`` pairs, highest first; without
    them the grade is the overall share as a whole percentage, rounded down.
    """

    threshold: Fraction = Fraction(3, 5)
    pass_mark: Fraction | None = None
    min_items_per_outcome: int = 1
    score_floor: Fraction | None = Fraction(0)
    grade_bands: tuple[tuple[Fraction, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """Items that assess learning outcomes, and the policy that decides the award."""

    id: str
    items: tuple[Item, ...]
    outcomes: tuple[OutcomeSpec, ...]
    policy: AwardPolicy = AwardPolicy()
    title: Text | None = None
    micro_credential_id: str | None = None
    # The compiled scoring engine, built on first use (see _scoring.engine_for).
    _engine: Any = field(default=None, init=False, repr=False, compare=False)

    def item(self, item_id: str) -> Item:
        """The item with this id (KeyError if there is none)."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def threshold(self, outcome_id: str) -> Fraction:
        """The share an outcome must reach: its own threshold or the policy's."""
        for spec in self.outcomes:
            if spec.id == outcome_id and spec.threshold is not None:
                return spec.threshold
        return self.policy.threshold
