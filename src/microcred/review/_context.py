"""What every rule reads: the submission as JSON values, settings, ESCO, questionnaire.

Rules read the submission in its JSON form (the model's camelCase names), never
the typed model, so that the same rules run on a submission the model refuses:
a rule that finds a value of the wrong shape skips it (the schema finding already
names it) instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from microcred.errors import PathPart, format_path
from microcred.esco import EscoCatalogue
from microcred.review._catalogue_of_rules import RULES
from microcred.review._findings import Finding, Severity

if TYPE_CHECKING:
    from microcred.assessment import Questionnaire

__all__ = ["ReviewContext", "ReviewSettings"]


@dataclass(frozen=True, slots=True)
class ReviewSettings:
    """The numbers the review judges by; every default is stated in docs/review.md.

    ``min_items_per_outcome``: items a questionnaire needs per required outcome
    for a reliable per-outcome decision. ``hours_per_credit``: the ECTS range
    (ECTS Users' Guide: 25 to 30 hours per credit). ``min_ects`` and
    ``max_ects``: the size of a micro-credential in credits. ``outcome_words``:
    the length range of one outcome statement.
    """

    min_items_per_outcome: int = 3
    hours_per_credit: tuple[Decimal, Decimal] = (Decimal(25), Decimal(30))
    min_ects: Decimal = Decimal("0.5")
    max_ects: Decimal = Decimal(30)
    outcome_words: tuple[int, int] = (5, 40)
    suggestions_per_outcome: int = 3


@dataclass(slots=True)
class ReviewContext:
    """The submission being reviewed and everything the rules may consult."""

    data: Mapping[str, Any]
    catalogue: EscoCatalogue
    questionnaire: Questionnaire | None
    settings: ReviewSettings
    findings: list[Finding] = field(default_factory=list)

    def get(self, *parts: PathPart) -> Any:
        """The value at a path, or None when any step is missing or mistyped."""
        value: Any = self.data
        for part in parts:
            if isinstance(part, int):
                if not isinstance(value, list) or part >= len(value):
                    return None
            elif not isinstance(value, Mapping):
                return None
            value = value.get(part) if isinstance(part, str) else value[part]
        return value

    def items(self, *parts: PathPart) -> Iterator[tuple[int, Mapping[str, Any]]]:
        """The objects of the list at a path, with their indexes (others skipped)."""
        value = self.get(*parts)
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, Mapping):
                    yield index, item

    def add(
        self,
        severity: Severity,
        rule: str,
        path: str | list[PathPart],
        message: str,
        fix: str,
        *,
        suggestions: tuple[str, ...] = (),
    ) -> None:
        """Record a finding."""
        assert rule in RULES, rule  # every rule id is listed (and documented)
        where = path if isinstance(path, str) else format_path(path)
        self.findings.append(Finding(severity, where, rule, message, fix, suggestions))

    @property
    def languages(self) -> list[str]:
        """The declared languages that are strings (others are schema findings)."""
        value = self.get("languages")
        if not isinstance(value, list):
            return []
        return [tag for tag in value if isinstance(tag, str) and tag.strip()]


def text_map(value: Any) -> dict[str, str] | None:
    """A language map as a dict, or None when it is not one (missing or mistyped)."""
    if not isinstance(value, Mapping) or not value:
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return None
    return dict(value)


def has_text(value: Any) -> bool:
    """Whether a value is a language map with at least one non-blank text."""
    texts = text_map(value)
    return texts is not None and any(t.strip() for t in texts.values())


def decimal(value: Any) -> Decimal | None:
    """A JSON number or numeric string as a Decimal; None otherwise (or <= 0)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() and number > 0 else None
