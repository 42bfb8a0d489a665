"""Notional workload: hours, ECTS credits and ISO 8601 volumes of learning."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from microcred.errors import InvalidDataError
from microcred.model._base import FieldCheckError, FrozenModel
from microcred.model._duration import IsoDuration, tidy_decimal

__all__ = [
    "DEFAULT_HOURS_PER_CREDIT",
    "PositiveDecimal",
    "Workload",
]

#: The ECTS Users' Guide (2015) puts one credit at 25 to 30 hours of work. 25 is
#: the value most providers and the bundled synthetic samples use; pass another
#: value within the range where a national rule says so.
DEFAULT_HOURS_PER_CREDIT = Decimal(25)
_MIN_HOURS_PER_CREDIT = Decimal(25)
_MAX_HOURS_PER_CREDIT = Decimal(30)


def _refuse_bool(value: Any) -> Any:
    # pydantic would read True as 1 credit; a boolean here is always a mistake.
    if isinstance(value, bool):
        raise ValueError(f"must be a number, not {value!r}")
    return value


#: A decimal number greater than zero (JSON: a number or a numeric string).
PositiveDecimal = Annotated[
    Decimal,
    BeforeValidator(_refuse_bool),
    Field(gt=0, allow_inf_nan=False),
    # pydantic cannot place "gt" inside its number-or-string schema; say it here.
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "exclusiveMinimum": 0},
                {"type": "string", "pattern": r"^[0-9]*\.?[0-9]+$"},
            ],
            "description": "A decimal number greater than zero.",
        }
    ),
]


def _check_rate(hours_per_credit: Decimal | int) -> Decimal:
    rate = Decimal(hours_per_credit)
    if not _MIN_HOURS_PER_CREDIT <= rate <= _MAX_HOURS_PER_CREDIT:
        raise InvalidDataError(
            f"hours per ECTS credit must be from 25 to 30, not {hours_per_credit}",
            path="hours_per_credit",
        )
    return rate


class Workload(FrozenModel):
    """The notional workload of a micro-credential (Annex I: ECTS where possible).

    Give ``hours``, ``ects`` or an ISO 8601 ``volume_of_learning`` (at least one,
    each greater than zero). A volume with a fixed length must agree with
    ``hours`` when both are given. A volume in months or years is kept as
    written (``P60M`` stays sixty months) and reported in :attr:`flags`, never
    turned into hours.

    One workload has one form, as in an EDC, which carries a single duration:
    a volume with a fixed length also sets ``hours`` (``P2DT4H`` is 52 hours),
    and a volume that only restates ``hours`` as ``PT<hours>H`` is not kept
    apart from them (:attr:`duration` gives it back). So ``Workload(hours=25)``,
    ``Workload(volume_of_learning="PT25H")`` and ``from_duration("PT25H")`` are
    equal.
    """

    hours: PositiveDecimal | None = None
    ects: PositiveDecimal | None = None
    volume_of_learning: IsoDuration | None = None

    @model_validator(mode="after")
    def _check_consistency(self) -> Self:
        if self.hours is None and self.ects is None and self.volume_of_learning is None:
            raise ValueError(
                "a workload needs hours, ECTS credits or a volume of learning"
            )

        volume = self.volume_of_learning
        if volume is not None:
            volume_hours = volume.to_hours()
            if volume_hours == 0 or (volume_hours is None and not _nonzero(volume)):
                raise FieldCheckError(
                    f"the volume of learning {volume} is zero", "volumeOfLearning"
                )
            if (
                volume_hours is not None
                and self.hours is not None
                and volume_hours != self.hours
            ):
                raise FieldCheckError(
                    f"{volume} is {volume_hours} hours, but hours is {self.hours}",
                    "volumeOfLearning",
                )
            if volume_hours is not None:
                self._settle(volume_hours)
        return self

    def _settle(self, volume_hours: Decimal) -> None:
        # The one form (class docstring). Set during validation, before anyone
        # sees the instance: pydantic cannot return another instance from
        # __init__, and the model is frozen.
        hours = self.hours if self.hours is not None else volume_hours
        volume = self.volume_of_learning
        if volume is not None and str(IsoDuration.from_hours(hours)) == volume.text:
            volume = None
        self.__dict__.update(hours=hours, volume_of_learning=volume)
        self.__pydantic_fields_set__.add("hours")

    @classmethod
    def from_hours(cls, hours: Decimal | int | str) -> Workload:
        """A workload in hours: ``Workload.from_hours(60)``."""
        return cls.model_validate({"hours": hours})

    @classmethod
    def from_ects(cls, ects: Decimal | int | str) -> Workload:
        """A workload in ECTS credits: ``Workload.from_ects("1.5")``."""
        return cls.model_validate({"ects": ects})

    @classmethod
    def from_duration(cls, text: str) -> Workload:
        """A workload from an ISO 8601 duration, kept as written.

        ``PT60H`` also sets ``hours`` to 60; ``P60M`` (sixty months) sets no
        hours and is flagged.
        """
        volume = IsoDuration.parse(text) if isinstance(text, str) else text
        hours = volume.to_hours() if isinstance(volume, IsoDuration) else None
        return cls(hours=hours or None, volume_of_learning=volume)

    @property
    def duration(self) -> IsoDuration | None:
        """The volume of learning as given, else ``PT<hours>H``, else ``None``."""
        if self.volume_of_learning is not None:
            return self.volume_of_learning
        if self.hours is not None:
            return IsoDuration.from_hours(self.hours)
        return None

    def estimated_hours(
        self, hours_per_credit: Decimal | int = DEFAULT_HOURS_PER_CREDIT
    ) -> Decimal | None:
        """Hours as given, else from the volume, else from ECTS at the given rate."""
        rate = _check_rate(hours_per_credit)
        if self.hours is not None:
            return self.hours
        if self.volume_of_learning is not None:
            from_volume = self.volume_of_learning.to_hours()
            if from_volume is not None:
                return from_volume
        if self.ects is not None:
            return tidy_decimal(self.ects * rate)
        return None

    def estimated_ects(
        self, hours_per_credit: Decimal | int = DEFAULT_HOURS_PER_CREDIT
    ) -> Decimal | None:
        """ECTS as given, else hours divided by the rate (25 to 30 hours)."""
        rate = _check_rate(hours_per_credit)
        if self.ects is not None:
            return self.ects
        hours = self.estimated_hours(rate)
        return None if hours is None else tidy_decimal(hours / rate)

    @property
    def flags(self) -> tuple[str, ...]:
        """Plausibility warnings: nothing here is an error, each deserves a look."""
        found: list[str] = []
        volume = self.volume_of_learning
        if volume is not None and volume.is_calendar_dependent:
            found.append(
                f"volumeOfLearning {volume} counts calendar months or years; if "
                f"hours were meant, write PT...H (P60M is sixty months, PT60H "
                f"sixty hours)"
            )
        hours = self.hours
        if hours is None and volume is not None:
            hours = volume.to_hours()
        if hours is not None and self.ects is not None:
            ratio = hours / self.ects
            if not _MIN_HOURS_PER_CREDIT <= ratio <= _MAX_HOURS_PER_CREDIT:
                found.append(
                    f"{hours} hours for {self.ects} ECTS is {ratio:.2f} hours per "
                    f"credit, outside the usual 25 to 30"
                )
        return tuple(found)


def _nonzero(volume: IsoDuration) -> bool:
    return any(
        getattr(volume, name)
        for name in ("years", "months", "weeks", "days", "hours", "minutes", "seconds")
    )
