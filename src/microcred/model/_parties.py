"""The people and organisations a micro-credential names."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator

from microcred.model._base import FrozenModel
from microcred.model._common import (
    CalendarDate,
    CountryCode,
    Identifier,
    NonBlankStr,
    WebUrl,
)
from microcred.model._text import LanguageMap

__all__ = ["Learner", "Organisation"]

_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class Organisation(FrozenModel):
    """An organisation in a role: issuer, promoter or awarding body.

    ``country`` is given as ISO 3166-1 alpha-2 or alpha-3 and stored as the EU
    authority code (``"ES"`` becomes ``"ESP"``). ``eidas_identifier`` is the
    legal identifier the EDC issuer block carries (for example a VAT number,
    ``VATES-A00000000``); ``legal_identifier`` a national registration number.
    """

    id: Identifier
    legal_name: LanguageMap
    country: CountryCode
    region: LanguageMap | None = None
    legal_identifier: NonBlankStr | None = None
    eidas_identifier: NonBlankStr | None = None
    homepage: WebUrl | None = None
    email: str | None = Field(default=None, pattern=_EMAIL)


class Learner(FrozenModel):
    """The holder of an award (Annex I: identification of the learner).

    ``id`` identifies the learner in the credential (a DID, URN or IRI); at least
    a full name or a given or family name is required. Personal data: never
    log it.
    """

    id: Identifier
    full_name: NonBlankStr | None = None
    given_name: NonBlankStr | None = None
    family_name: NonBlankStr | None = None
    identifier: NonBlankStr | None = None
    email: str | None = Field(default=None, pattern=_EMAIL)
    date_of_birth: CalendarDate | None = None

    @model_validator(mode="after")
    def _check_name(self) -> Self:
        if not (self.full_name or self.given_name or self.family_name):
            raise ValueError("a learner needs a full name or a given or family name")
        return self

    @property
    def display_name(self) -> str:
        """The full name, else given and family name joined by a space."""
        if self.full_name:
            return self.full_name
        return " ".join(n for n in (self.given_name, self.family_name) if n)
