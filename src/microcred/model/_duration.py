"""ISO 8601 durations, read faithfully: ``PT60H`` is sixty hours, ``P60M`` months."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from microcred.errors import ModelValidationError

__all__ = ["IsoDuration", "tidy_decimal"]

# ISO 8601-1:2019 4.4.3.2 (format with designators). A decimal fraction is
# allowed on any component here, with "." or ","; XML Schema's xsd:duration,
# which ELM uses, is the same shape without weeks.
_DURATION = re.compile(
    r"""
    P(?!$)
    (?:(?P<years>\d+(?:[.,]\d+)?)Y)?
    (?:(?P<months>\d+(?:[.,]\d+)?)M)?
    (?:(?P<weeks>\d+(?:[.,]\d+)?)W)?
    (?:(?P<days>\d+(?:[.,]\d+)?)D)?
    (?:T(?=\d)
        (?:(?P<hours>\d+(?:[.,]\d+)?)H)?
        (?:(?P<minutes>\d+(?:[.,]\d+)?)M)?
        (?:(?P<seconds>\d+(?:[.,]\d+)?)S)?
    )?
    """,
    re.VERBOSE,
)
_FIELDS = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")
_SECONDS_PER = {
    "weeks": Decimal(604800),
    "days": Decimal(86400),
    "hours": Decimal(3600),
    "minutes": Decimal(60),
    "seconds": Decimal(1),
}


def tidy_decimal(value: Decimal) -> Decimal:
    """``value`` without trailing zeros or exponent: 60.000 gives 60, 2.40 gives 2.4."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return Decimal(format(value.normalize(), "f"))


def _has_fraction(text: str) -> bool:
    return "." in text or "," in text


def _format_number(value: Decimal) -> str:
    return format(tidy_decimal(value), "f")


@dataclass(frozen=True, slots=True)
class IsoDuration:
    """An ISO 8601 duration with its components kept as written.

    ``text`` is the original string; ``P60M`` stays sixty months, never
    becoming sixty hours. :meth:`to_hours` converts only the components that
    have a fixed length (weeks, days as 24 h, hours, minutes, seconds).
    """

    text: str
    years: Decimal = Decimal(0)
    months: Decimal = Decimal(0)
    weeks: Decimal = Decimal(0)
    days: Decimal = Decimal(0)
    hours: Decimal = Decimal(0)
    minutes: Decimal = Decimal(0)
    seconds: Decimal = Decimal(0)

    @classmethod
    def parse(cls, text: str) -> IsoDuration:
        """Read ``PT60H``, ``P2DT4H``, ``PT90M`` or ``P1.5D``.

        Raises :class:`~microcred.errors.ModelValidationError` (a ``ValueError``)
        if the text is not an ISO 8601 duration.
        """
        if not isinstance(text, str):
            raise ModelValidationError(
                f"a duration must be an ISO 8601 string, not {type(text).__name__}"
            )
        match = _DURATION.fullmatch(text)
        if match is None or text.endswith("T"):
            raise ModelValidationError(
                f"{text!r} is not an ISO 8601 duration such as PT60H"
            )
        present = [name for name in _FIELDS if match[name] is not None]
        if any(_has_fraction(match[name]) for name in present[:-1]):
            # ISO 8601-1 4.4.3.2: only the smallest component given may be a
            # decimal fraction.
            raise ModelValidationError(
                f"{text!r} has a fraction before its last component"
            )
        parts = {name: Decimal(match[name].replace(",", ".")) for name in present}
        return cls(text=text, **parts)

    @classmethod
    def from_hours(cls, hours: Decimal | int) -> IsoDuration:
        """``PT<hours>H``: ``from_hours(60)`` is ``PT60H``."""
        value = Decimal(hours)
        if not value.is_finite() or value < 0:
            raise ModelValidationError(
                f"hours must be a finite number of at least 0, not {hours}"
            )
        return cls(text=f"PT{_format_number(value)}H", hours=value)

    @property
    def is_calendar_dependent(self) -> bool:
        """Whether years or months make the length depend on the calendar."""
        return bool(self.years or self.months)

    def to_hours(self) -> Decimal | None:
        """The length in hours, or ``None`` if years or months are present.

        Weeks are 168 hours and days 24 (ISO 8601's nominal lengths); minutes and
        seconds that do not make whole hours give a decimal fraction of an hour,
        exact where it terminates and to 28 significant digits otherwise.
        """
        if self.is_calendar_dependent:
            return None
        seconds = sum(
            (getattr(self, name) * factor for name, factor in _SECONDS_PER.items()),
            Decimal(0),
        )
        return tidy_decimal(seconds / Decimal(3600))

    def __str__(self) -> str:
        return self.text

    @classmethod
    def _validate(cls, value: object) -> IsoDuration:
        if isinstance(value, IsoDuration):
            return value
        try:
            return cls.parse(value)  # type: ignore[arg-type]
        except ModelValidationError as error:
            raise PydanticCustomError(
                "iso_duration", "{problem}", {"problem": error.problem}
            ) from None

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                str, return_schema=core_schema.str_schema()
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "format": "duration",
            "description": "An ISO 8601 duration such as PT60H (sixty hours).",
        }
