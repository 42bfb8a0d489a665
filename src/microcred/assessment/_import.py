"""Importing questions as LMS authors have them: Moodle XML and IMS QTI 2.1/3.0.

Each question becomes the JSON form of an item and goes through the same checks as
a hand-written questionnaire. What cannot be imported is listed in
:attr:`ImportResult.problems`, one entry per question with the reason; nothing is
skipped silently. Learning outcomes are not part of either format, so they come
from the caller (``outcomes=``) or, in Moodle, from tags ``outcome:LO1``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from microcred.assessment._load import parse_item, parse_questionnaire
from microcred.assessment._model import Item, Questionnaire
from microcred.errors import MicrocredError, QuestionImportError

__all__ = ["ImportProblem", "ImportResult", "Outcomes", "assign_outcomes", "slug"]

#: Outcome ids (weight 1 each) or outcome id -> weight.
Outcomes = Sequence[str] | Mapping[str, float]

_SLUG = re.compile(r"[^A-Za-z0-9_.-]+")


def slug(text: str, fallback: str) -> str:
    """An item id made from a question's name."""
    return _SLUG.sub("-", text).strip("-")[:64] or fallback


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A question that was not imported: where it is, its name, and why."""

    position: str
    name: str
    problem: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Imported items, and a problem entry for every question left out."""

    items: tuple[Item, ...]
    problems: tuple[ImportProblem, ...]
    raw_items: tuple[dict[str, Any], ...] = ()

    def questionnaire_json(
        self, questionnaire_id: str, *, policy: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """The imported items as questionnaire JSON, to save, review and load.

        Left-out questions are not in it: check :attr:`problems` first.
        """
        raw: dict[str, Any] = {"id": questionnaire_id, "items": list(self.raw_items)}
        if policy is not None:
            raw["policy"] = dict(policy)
        return raw

    def questionnaire(
        self, questionnaire_id: str, *, policy: Mapping[str, Any] | None = None
    ) -> Questionnaire:
        """A questionnaire of the imported items.

        Raises :class:`~microcred.errors.QuestionImportError` if any question
        could not be imported: a questionnaire missing questions would assess
        less than its author meant.
        """
        if self.problems:
            first = self.problems[0]
            raise QuestionImportError(
                f"{len(self.problems)} question(s) could not be imported; first: "
                f"{first.name!r}: {first.problem}",
                path=first.position,
            )
        return parse_questionnaire(
            self.questionnaire_json(questionnaire_id, policy=policy)
        )


def assign_outcomes(
    outcomes: Outcomes | None, tagged: Sequence[str]
) -> dict[str, float] | None:
    """The outcomes of an imported item: its tags first, else the caller's."""
    if tagged:
        return dict.fromkeys(tagged, 1.0)
    if outcomes is None:
        return None
    if isinstance(outcomes, Mapping):
        return dict(outcomes)
    return dict.fromkeys(outcomes, 1.0)


def check_outcomes_argument(outcomes: Outcomes | None) -> None:
    """Refuse an ``outcomes=`` argument that is not ids or a mapping to weights."""
    if isinstance(outcomes, str):
        # A bare string would be read letter by letter as outcome ids.
        raise QuestionImportError(
            "outcomes must be a list of outcome ids or a mapping to weights, "
            f"not the string {outcomes!r}",
            path="outcomes",
        )


class Collector:
    """Gathers imported items and problems in input order, with unique ids."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.raw: list[dict[str, Any]] = []
        self.problems: list[ImportProblem] = []
        self._ids: set[str] = set()

    def unique_id(self, wanted: str) -> str:
        """``wanted``, or ``wanted-2``, ``wanted-3``... if already taken."""
        candidate, n = wanted, 1
        while candidate in self._ids:
            n += 1
            candidate = f"{wanted}-{n}"
        self._ids.add(candidate)
        return candidate

    def add(self, raw: dict[str, Any], position: str, name: str) -> None:
        """Check the item's JSON form; a failure becomes a problem entry."""
        try:
            item = parse_item(raw, [position])
        except MicrocredError as error:
            self.problem(position, name, str(error))
            return
        self.items.append(item)
        self.raw.append(raw)

    def problem(self, position: str, name: str, problem: str) -> None:
        """Record a question that is not imported."""
        self.problems.append(ImportProblem(position, name, problem))

    def result(self) -> ImportResult:
        """The items and problems collected so far."""
        return ImportResult(tuple(self.items), tuple(self.problems), tuple(self.raw))


def read_xml(source: str | bytes | os.PathLike[str], what: str) -> Any:
    """Read and safely parse an XML source (see :mod:`._xml`)."""
    from microcred.assessment._xml import parse_xml, read_source

    return parse_xml(read_source(source, what), what)
