"""Small field types shared by the models: identifiers, URLs, codes."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field

from microcred.errors import InvalidDataError
from microcred.model._bcp47 import normalize_language_tag
from microcred.model._vocab import country_code, isced_f

__all__ = [
    "CalendarDate",
    "CountryCode",
    "Identifier",
    "IscedFCode",
    "LanguageTag",
    "NonBlankStr",
    "Timestamp",
    "WebUrl",
]

_URL = re.compile(r"https?://[^\s/?#@]+(?:[/?#]\S*)?", re.IGNORECASE)


def _refuse_non_str(value: Any) -> Any:
    # pydantic's lax mode would accept bytes; text fields take text only.
    if not isinstance(value, str):
        raise ValueError(f"must be a string, not {type(value).__name__}")
    return value


def _refuse_numbers(value: Any) -> Any:
    # pydantic reads a bare number as seconds since 1970; in a credential that
    # is far more likely a mistake than a timestamp.
    if isinstance(value, str | datetime | date):
        return value
    raise ValueError(
        f"must be an ISO 8601 date or date-time string, not {type(value).__name__}"
    )


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty or blank")
    return value


_SPACE = re.compile(r"\s")


def _identifier(value: str) -> str:
    if not value or _SPACE.search(value):
        raise ValueError(f"{value!r} is not an identifier (empty or has spaces)")
    return value


def _web_url(value: str) -> str:
    if _URL.fullmatch(value) is None:
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value


def _language_tag(value: str) -> str:
    return normalize_language_tag(value)


def _country(value: str) -> str:
    try:
        return country_code(value)
    except InvalidDataError as error:
        raise ValueError(error.problem) from None


def _isced(value: str) -> str:
    try:
        isced_f(value)
    except InvalidDataError as error:
        raise ValueError(error.problem) from None
    return value


#: Text that is not empty or only white space.
NonBlankStr = Annotated[
    str, BeforeValidator(_refuse_non_str), AfterValidator(_non_blank)
]

#: An identifier (IRI, URN, catalogue code): non-empty, no white space.
Identifier = Annotated[
    str, BeforeValidator(_refuse_non_str), AfterValidator(_identifier)
]

#: An absolute http or https URL, kept exactly as written.
WebUrl = Annotated[
    str,
    BeforeValidator(_refuse_non_str),
    AfterValidator(_web_url),
    Field(json_schema_extra={"format": "uri"}),
]

#: A BCP 47 language tag, stored in RFC 5646 case (``en-GB``).
LanguageTag = Annotated[
    str, BeforeValidator(_refuse_non_str), AfterValidator(_language_tag)
]

#: A country, given as ISO 3166-1 alpha-2 or alpha-3 and stored as the EU
#: authority code (alpha-3: ``"ES"`` becomes ``"ESP"``).
CountryCode = Annotated[
    str,
    BeforeValidator(_refuse_non_str),
    AfterValidator(_country),
    Field(json_schema_extra={"pattern": "^[A-Za-z]{2,3}$"}),
]

#: An ISCED-F 2013 field of education code from the bundled table (``"0732"``).
IscedFCode = Annotated[
    str,
    BeforeValidator(_refuse_non_str),
    AfterValidator(_isced),
    Field(json_schema_extra={"pattern": "^[0-9]{2,4}$"}),
]

#: A time-zone-aware date and time; JSON carries ISO 8601 text with an offset.
Timestamp = Annotated[AwareDatetime, BeforeValidator(_refuse_numbers)]

#: A calendar date; JSON carries ISO 8601 text (``2001-02-03``).
CalendarDate = Annotated[date, BeforeValidator(_refuse_numbers)]
