"""The award: a micro-credential earned by one learner."""

from __future__ import annotations

import os
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Annotated, Any, Self

from pydantic import (
    BeforeValidator,
    Field,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from microcred._jsonio import load_json
from microcred.model._base import FieldCheckError, FrozenModel
from microcred.model._common import Identifier, NonBlankStr, Timestamp, WebUrl
from microcred.model._microcredential import MicroCredential
from microcred.model._parties import Learner
from microcred.model._text import LanguageMap

__all__ = [
    "Award",
    "AwardRoute",
    "Evidence",
    "OutcomeResult",
    "Score",
    "parse_award",
]


class AwardRoute(StrEnum):
    """How the learner came to the assessment."""

    #: After following the training programme.
    COURSE = "course"
    #: Validation of prior learning: the assessment taken without the course.
    PRIOR_LEARNING = "prior-learning"


def _to_fraction(value: Any) -> Fraction:
    # Exact ratios (2/3) must survive a JSON round trip, so scores are fractions
    # written as "2/3". A float is read through its shortest decimal form, so
    # 0.1 means one tenth, not the binary number nearest to it.
    if isinstance(value, bool):
        raise ValueError(f"a score must be a number from 0 to 1, not {value!r}")
    try:
        if isinstance(value, float):
            return Fraction(repr(value))
        if isinstance(value, Fraction | Decimal | int | str):
            return Fraction(value)
    except (ValueError, ZeroDivisionError, ArithmeticError):
        pass
    raise ValueError(f"a score must be a number from 0 to 1, not {value!r}")


def _check_unit_interval(value: Fraction) -> Fraction:
    if not 0 <= value <= 1:
        raise ValueError(f"a score must be from 0 to 1, not {value}")
    return value


#: A score in [0, 1] as an exact fraction; JSON carries it as ``"2/3"``.
Score = Annotated[
    Fraction,
    BeforeValidator(lambda v: _check_unit_interval(_to_fraction(v))),
    PlainSerializer(str, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^[0-9]+(/[0-9]+|\.[0-9]+)?$"},
                {"type": "number", "minimum": 0, "maximum": 1},
            ],
            "description": 'An exact score from 0 to 1, written as "2/3" in JSON.',
        }
    ),
]


class OutcomeResult(FrozenModel):
    """Whether one learning outcome was achieved, with its score if scored."""

    outcome_id: Identifier
    achieved: bool = Field(strict=True)
    score: Score | None = None


class Evidence(FrozenModel):
    """Something that supports the award: a questionnaire attempt, a portfolio."""

    id: Identifier
    description: LanguageMap
    url: WebUrl | None = None


class Award(FrozenModel):
    """A micro-credential awarded to a learner: what an EDC or badge carries.

    ``issued`` (Annex I: date of issue) and the validity window must be
    time-zone aware. The award is valid from ``issued`` unless ``valid_from``
    says otherwise: an omitted (or ``None``) ``valid_from`` is filled in with
    ``issued`` on validation, as an EDC states it (``validFrom`` is mandatory
    there). ``valid_until`` must be after ``valid_from``. Every outcome result
    names a learning outcome of ``micro_credential``, at most once.
    """

    id: Identifier
    learner: Learner
    micro_credential: MicroCredential
    issued: Timestamp
    outcome_results: tuple[OutcomeResult, ...] = ()
    route: AwardRoute = AwardRoute.COURSE
    grade: NonBlankStr | None = None
    evidence: tuple[Evidence, ...] = ()
    valid_from: Timestamp | None = None
    valid_until: Timestamp | None = None

    @field_validator("valid_from")
    @classmethod
    def _valid_from_issue(
        cls, value: datetime | None, info: ValidationInfo
    ) -> datetime | None:
        # Runs on the default too (validate_default): "from issue" is stated,
        # so an Award and the EDC written from it say the same thing. When
        # ``issued`` itself failed, it is missing here and its error suffices.
        if value is None:
            issued: datetime | None = info.data.get("issued")
            return issued
        return value

    @model_validator(mode="after")
    def _check_results(self) -> Self:
        known = set(self.micro_credential.outcome_ids)
        seen: set[str] = set()
        for index, result in enumerate(self.outcome_results):
            where = ("outcomeResults", index, "outcomeId")
            if result.outcome_id not in known:
                raise FieldCheckError(
                    f"{result.outcome_id!r} is not a learning outcome of the "
                    "micro-credential",
                    *where,
                )
            if result.outcome_id in seen:
                raise FieldCheckError(f"{result.outcome_id!r} has two results", *where)
            seen.add(result.outcome_id)
        return self

    @model_validator(mode="after")
    def _check_evidence_and_window(self) -> Self:
        evidence_ids: set[str] = set()
        for index, item in enumerate(self.evidence):
            if item.id in evidence_ids:
                raise FieldCheckError(
                    f"{item.id!r} is used twice", "evidence", index, "id"
                )
            evidence_ids.add(item.id)

        start = self.effective_valid_from
        if self.valid_until is not None and self.valid_until <= start:
            raise FieldCheckError(
                f"must be later than {start.isoformat()}", "validUntil"
            )
        return self

    @property
    def effective_valid_from(self) -> datetime:
        """When the award becomes valid: ``valid_from`` (``issued`` if not given)."""
        return self.valid_from if self.valid_from is not None else self.issued

    def result_for(self, outcome_id: str) -> OutcomeResult | None:
        """The result recorded for an outcome, or ``None``."""
        for result in self.outcome_results:
            if result.outcome_id == outcome_id:
                return result
        return None

    @classmethod
    def from_json(cls, source: str | bytes | os.PathLike[str]) -> Award:
        """Parse JSON text, bytes or a file (``Path``) with bounded size and depth."""
        return parse_award(load_json(source, what="award"))


def parse_award(obj: object) -> Award:
    """Validate untrusted, already-parsed JSON (a ``dict``) as an award.

    Raises :class:`~microcred.errors.ModelValidationError` listing every problem.
    """
    return Award.model_validate(obj)
