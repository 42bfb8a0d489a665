"""Building catalogues from the bundled subset and from the official ESCO CSVs."""

from __future__ import annotations

import gc
import gzip
import os
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import orjson

from microcred.errors import InvalidDataError
from microcred.esco._catalogue import EscoCatalogue, Relation
from microcred.esco._compact import COMPACT_FORMAT, from_compact
from microcred.esco._concepts import (
    ESCO_ATTRIBUTION,
    EscoRelease,
    IscoGroup,
    OccupationConcept,
    RelationType,
    SkillConcept,
)
from microcred.esco._csv import Table, read_table, split_labels

__all__ = [
    "BUNDLED_COMPACT",
    "BUNDLED_ESCO_VERSION",
    "BUNDLED_FILES",
    "bundled_csv_bytes",
    "load_bundled",
    "load_bundled_csv",
    "load_official",
]

#: The ESCO release the bundled subset was cut from.
BUNDLED_ESCO_VERSION = "1.1.1"

_ISCO_IRI = "http://data.europa.eu/esco/isco/C"
_RELATIONS: dict[str, RelationType] = {"essential": "essential", "optional": "optional"}


#: The subset's files, as shipped (each gzip-compressed, byte for byte).
BUNDLED_FILES = (
    "occupations_habitat_en.csv",
    "skills_habitat_en.csv",
    "occupation_skill_relations_habitat.csv",
    "isco_groups_habitat_en.csv",
)
#: The compact form derived from them (see ``_compact``).
BUNDLED_COMPACT = "habitat_catalogue.json"

_BUNDLED_RELEASE = EscoRelease(
    esco_version=BUNDLED_ESCO_VERSION,
    attribution=ESCO_ATTRIBUTION,
    source="microcred habitat-sector subset of ESCO (package data)",
    subset=True,
)


@lru_cache(maxsize=1)
def load_bundled() -> EscoCatalogue:
    """The habitat-sector subset shipped in ``microcred/esco/data`` (loaded once)."""
    # Loading allocates some hundred thousand small objects; pausing the cyclic
    # garbage collector meanwhile (none of them forms a cycle) saves a third of
    # the time. It is switched back on whatever happens.
    paused = gc.isenabled()
    gc.disable()
    try:
        data = orjson.loads(_data_file(BUNDLED_COMPACT).read_bytes())
        if data.get("format") != COMPACT_FORMAT:
            raise InvalidDataError(
                f"compact format {data.get('format')!r}, expected {COMPACT_FORMAT}",
                path=BUNDLED_COMPACT,
            )
        return from_compact(data, _BUNDLED_RELEASE)
    finally:
        if paused:
            gc.enable()


def bundled_csv_bytes() -> dict[str, bytes]:
    """The subset's original CSV files, uncompressed, by name."""
    return {
        name: gzip.decompress(_data_file(f"{name}.gz").read_bytes())
        for name in BUNDLED_FILES
    }


def load_bundled_csv() -> EscoCatalogue:
    """The subset read from its CSV files (slower; the source of the compact form)."""
    raw = bundled_csv_bytes()
    tables = [read_table(name, raw[name].decode("utf-8")) for name in BUNDLED_FILES]
    occupations, skills, relations, groups = tables
    return EscoCatalogue(
        occupations=_occupations(occupations, " | "),
        skills=_bundled_skills(skills),
        isco_groups=_isco_groups(groups),
        relations=_relations(relations),
        release=_BUNDLED_RELEASE,
    )


def _data_file(name: str) -> Traversable:
    return resources.files("microcred.esco").joinpath("data", name)


def _occupations(table: Table, separator: str) -> Iterator[OccupationConcept]:
    table.require("conceptUri", "preferredLabel", "iscoGroup")
    columns = (
        "conceptUri",
        "preferredLabel",
        "altLabels",
        "code",
        "iscoGroup",
        "description",
        "regulatedProfessionNote",
    )
    for iri, label, alt, code, group, description, note in table.keyed_rows(*columns):
        yield OccupationConcept(
            iri=iri,
            preferred_label=label,
            alt_labels=tuple(x for x in split_labels(alt, separator) if x != label),
            code=code,
            isco_group=group,
            description=description,
            regulated_profession_note=note,
        )


def _skill_rows(table: Table, separator: str) -> Iterator[tuple[str, ...]]:
    table.require("conceptUri", "preferredLabel", "skillType")
    columns = ("conceptUri", "preferredLabel", "altLabels", "skillType")
    yield from table.keyed_rows(*columns, "reuseLevel", "description")


def _bundled_skills(table: Table) -> Iterator[SkillConcept]:
    flags = table.rows("isGreen", "isDigital", "isTransversal")
    for row, (green, digital, transversal) in zip(
        _skill_rows(table, " | "), flags, strict=True
    ):
        yield _skill(row, " | ", (green == "1", digital == "1", transversal == "1"))


def _skill(
    row: tuple[str, ...], separator: str, flags: tuple[bool | None, ...]
) -> SkillConcept:
    iri, label, alt, skill_type, reuse, description = row
    return SkillConcept(
        iri=iri,
        preferred_label=label,
        alt_labels=tuple(x for x in split_labels(alt, separator) if x != label),
        skill_type=skill_type,
        reuse_level=reuse,
        description=description,
        is_green=flags[0],
        is_digital=flags[1],
        is_transversal=flags[2],
    )


def _isco_groups(table: Table) -> Iterator[IscoGroup]:
    table.require("conceptUri", "code", "preferredLabel")
    for iri, code, label, description in table.keyed_rows(
        "conceptUri", "code", "preferredLabel", "description"
    ):
        yield IscoGroup(
            iri=iri, code=code, preferred_label=label, description=description
        )


def _relations(table: Table) -> Iterator[Relation]:
    table.require("occupationUri", "relationType", "skillUri")
    for number, (occupation, kind, skill) in enumerate(
        table.keyed_rows("occupationUri", "relationType", "skillUri", unique=False)
    ):
        relation = _RELATIONS.get(kind)
        if relation is None:
            raise InvalidDataError(
                f"relationType must be 'essential' or 'optional', not {kind!r}",
                path=[table.name, number],
            )
        yield occupation, skill, relation


def load_official(
    folder: str | os.PathLike[str], *, language: str, esco_version: str
) -> EscoCatalogue:
    """The official ESCO CSV download (classification, one language) in ``folder``."""
    if not isinstance(folder, str | os.PathLike):
        raise TypeError("folder must be a path")
    root = Path(folder)
    occupations = _official_table(root, f"occupations_{language}.csv")
    skills = _official_table(root, f"skills_{language}.csv")
    relations = _official_table(root, f"occupationSkillRelations_{language}.csv")
    groups = _official_table(root, f"ISCOGroups_{language}.csv")
    collections = _collections(root, language)
    release = EscoRelease(
        esco_version=esco_version or "unknown",
        attribution=_official_attribution(esco_version),
        source=f"official ESCO CSV download in {root}",
        subset=False,
    )
    return EscoCatalogue(
        occupations=_occupations(occupations, "\n"),
        skills=_official_skills(skills, collections),
        isco_groups=_isco_groups(groups),
        relations=_relations(relations),
        release=release,
    )


def _official_table(root: Path, name: str) -> Table:
    path = root / name
    if not path.is_file():
        raise InvalidDataError(
            "this file of the official ESCO CSV download is missing", path=str(path)
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InvalidDataError(
            f"not UTF-8 text (byte {error.start})", path=str(path)
        ) from None
    return read_table(name, text)


def _collections(root: Path, language: str) -> dict[str, frozenset[str]] | None:
    # The flags live in separate collection files; without them the flags are
    # unknown (None), not False.
    names = {
        "green": f"greenSkillsCollection_{language}.csv",
        "digital": f"digitalSkillsCollection_{language}.csv",
        "transversal": f"transversalSkillsCollection_{language}.csv",
    }
    if not all((root / name).is_file() for name in names.values()):
        return None
    found = {}
    for key, name in names.items():
        table = _official_table(root, name)
        table.require("conceptUri")
        found[key] = frozenset(iri for (iri,) in table.rows("conceptUri"))
    return found


def _official_skills(
    table: Table, collections: dict[str, frozenset[str]] | None
) -> Iterator[SkillConcept]:
    for row in _skill_rows(table, "\n"):
        if collections is None:
            flags: tuple[bool | None, ...] = (None, None, None)
        else:
            flags = tuple(
                row[0] in collections[key]
                for key in ("green", "digital", "transversal")
            )
        yield _skill(row, "\n", flags)


def _official_attribution(version: str) -> str:
    release = f" v{version}" if version else ""
    return (
        "Contains data from ESCO (European Skills, Competences, Qualifications and "
        f"Occupations){release}, © European Union, https://esco.ec.europa.eu."
    )
