"""Levels: the European Qualifications Framework and national frameworks."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from importlib import resources
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer

from microcred.errors import ModelValidationError
from microcred.model._base import FrozenModel
from microcred.model._text import LanguageMap
from microcred.model._vocab import Concept, concept

__all__ = ["EQFDescriptor", "EQFLevel", "EQFLevelField", "NQFLevel"]

EQF_SCHEME = "http://data.europa.eu/snb/eqf/25831c2"
NQF_SCHEME = "http://data.europa.eu/snb/qdr/25831c2"


@dataclass(frozen=True, slots=True)
class EQFDescriptor:
    """What a level expects, in the three dimensions of the 2017 EQF Annex II.

    The texts are paraphrases bundled with microcred, not the official wording;
    ``qf_ehea_cycle`` is the Bologna cycle the level corresponds to, if any.
    """

    knowledge: str
    skills: str
    responsibility_and_autonomy: str
    qf_ehea_cycle: str | None


@cache
def _descriptors() -> dict[int, EQFDescriptor]:
    path = resources.files("microcred.model") / "data" / "eqf_levels.json"
    data = json.loads(path.read_text("utf-8"))
    return {
        entry["level"]: EQFDescriptor(
            knowledge=entry["knowledge"],
            skills=entry["skills"],
            responsibility_and_autonomy=entry["responsibility_and_autonomy"],
            qf_ehea_cycle=entry["qf_ehea_cycle"],
        )
        for entry in data["levels"]
    }


class EQFLevel(IntEnum):
    """An EQF level, 1 to 8 (Council Recommendation 2017/C 189/03, Annex II)."""

    LEVEL_1 = 1
    LEVEL_2 = 2
    LEVEL_3 = 3
    LEVEL_4 = 4
    LEVEL_5 = 5
    LEVEL_6 = 6
    LEVEL_7 = 7
    LEVEL_8 = 8

    @property
    def iri(self) -> str:
        """The EDC concept, ``http://data.europa.eu/snb/eqf/N``."""
        return f"http://data.europa.eu/snb/eqf/{self.value}"

    @property
    def concept(self) -> Concept:
        """The full EDC concept (IRI, scheme, label ``Level N``)."""
        return concept(self.iri)

    @property
    def descriptor(self) -> EQFDescriptor:
        """Knowledge, skills, responsibility and autonomy at this level."""
        return _descriptors()[self.value]

    @property
    def qf_ehea_cycle(self) -> str | None:
        """The QF-EHEA cycle (short, first, second, third) for levels 5 to 8."""
        return self.descriptor.qf_ehea_cycle

    @classmethod
    def from_iri(cls, iri: str) -> EQFLevel:
        """The level for ``http://data.europa.eu/snb/eqf/N``."""
        prefix = "http://data.europa.eu/snb/eqf/"
        if not isinstance(iri, str):
            raise ModelValidationError(f"{iri!r} is not an EQF level concept IRI")
        tail = iri[len(prefix) :] if iri.startswith(prefix) else ""
        if tail not in {str(n) for n in range(1, 9)}:
            raise ModelValidationError(f"{iri!r} is not an EQF level concept")
        return cls(int(tail))


def _check_eqf(value: Any) -> EQFLevel:
    # Refuse what pydantic's lax mode would coerce (True, "6", 6.0): a level
    # written as text or as a float is a data error the author should see.
    if isinstance(value, EQFLevel):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(
            f"the EQF level must be a whole number from 1 to 8, not {value!r}"
        )
    if not 1 <= value <= 8:
        raise ValueError(f"the EQF level must be from 1 to 8, not {value}")
    return EQFLevel(value)


#: The annotated type models use for an EQF level field.
EQFLevelField = Annotated[
    EQFLevel,
    BeforeValidator(_check_eqf),
    PlainSerializer(int, return_type=int),
    Field(json_schema_extra={"minimum": 1, "maximum": 8}),
]


class NQFLevel(FrozenModel):
    """A level of a national qualifications framework, as the EU's register has it.

    ``iri`` is the concept in the Qualification Dataset Register scheme (for
    example ``http://data.europa.eu/snb/qdr/c_c392e7a2``, "RQF Level 6").
    """

    iri: str = Field(alias="id", pattern=r"^https?://\S+$")
    label: LanguageMap
    scheme: str = Field(default=NQF_SCHEME, alias="inScheme", pattern=r"^\S+:\S+$")

    @property
    def concept(self) -> Concept:
        """The full concept for EDC."""
        return Concept(iri=self.iri, scheme=self.scheme, pref_label=self.label)
