"""Loading the official ESCO CSV layout (tiny files written for these tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.errors import InvalidDataError
from microcred.esco import EscoCatalogue

DATA = Path(__file__).parent / "data" / "official"
ESCO = "http://data.europa.eu/esco/"
ROOFER = ESCO + "occupation/test-roofer"
GLAZIER = ESCO + "occupation/test-glazier"


@pytest.fixture(scope="module")
def catalogue() -> EscoCatalogue:
    return EscoCatalogue.from_official_csv(DATA, esco_version="1.2.0")


def test_concepts_are_read_by_column_name(catalogue: EscoCatalogue) -> None:
    """Occupations, skills and groups come through with their fields."""
    roofer = catalogue.occupation(ROOFER)
    assert roofer.preferred_label == "test roofer"
    assert roofer.code == "7121.9"
    assert roofer.isco_group == "7121"
    assert roofer.alt_labels == ("roof fitter", "roofing operative", "Couvreur")
    skill = catalogue.skill(ESCO + "skill/test-lay-tiles")
    assert skill.reuse_level == "sector-specific"
    assert skill.alt_labels == ("place roof tiles", "fix roofing tiles")
    assert len(catalogue.skills) == 3
    assert len(catalogue.isco_groups) == 5


def test_release_records_the_given_version(catalogue: EscoCatalogue) -> None:
    """The caller's version appears in the release and the attribution."""
    assert catalogue.release.esco_version == "1.2.0"
    assert catalogue.release.subset is False
    assert "v1.2.0, © European Union" in catalogue.release.attribution


def test_relations_and_dangling_links(catalogue: EscoCatalogue) -> None:
    """Relations load both ways; one naming a missing skill is counted, not kept."""
    assert [s.preferred_label for s in catalogue.essential_skills(GLAZIER)] == [
        "cut glass",
        "safety at heights",
    ]
    needing = catalogue.occupations_needing(ESCO + "skill/test-safety")
    assert [(x.occupation.iri, x.relation) for x in needing] == [
        (GLAZIER, "essential"),
        (ROOFER, "optional"),
    ]
    assert catalogue.dangling_relations == 1


def test_isco_hierarchy_and_byte_order_mark(catalogue: EscoCatalogue) -> None:
    """ISCOGroups_en.csv starts with a BOM and still reads; the chain is complete."""
    chain = catalogue.isco_hierarchy(ROOFER)
    assert [g.code for g in chain] == ["7", "71", "712", "7121"]


def test_collection_flags(catalogue: EscoCatalogue) -> None:
    """Membership of the green/digital/transversal collections sets the flags."""
    tiles = catalogue.skill(ESCO + "skill/test-lay-tiles")
    safety = catalogue.skill(ESCO + "skill/test-safety")
    assert (tiles.is_green, tiles.is_digital, tiles.is_transversal) == (
        True,
        False,
        False,
    )
    assert safety.is_transversal is True


def test_search_uses_newline_separated_labels(catalogue: EscoCatalogue) -> None:
    """An alternative label from a multi-line cell is searchable."""
    hits = catalogue.search("roofing operative")
    assert hits[0].concept.iri == ROOFER
    assert hits[0].score == 0.98


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "esco"
    shutil.copytree(DATA, folder)
    return folder


def test_without_collections_the_flags_are_unknown(tmp_path: Path) -> None:
    """Without the collection files the flags are None, not False."""
    folder = _copy(tmp_path)
    (folder / "greenSkillsCollection_en.csv").unlink()
    catalogue = EscoCatalogue.from_official_csv(folder)
    assert catalogue.skill(ESCO + "skill/test-lay-tiles").is_green is None
    assert catalogue.release.esco_version == "unknown"


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    """A table without a required column names the file and the column."""
    folder = _copy(tmp_path)
    path = folder / "skills_en.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("preferredLabel", "label", 1), encoding="utf-8")
    with pytest.raises(InvalidDataError, match="preferredLabel") as caught:
        EscoCatalogue.from_official_csv(folder)
    assert caught.value.path == "skills_en.csv"


def test_a_bad_relation_type_is_named(tmp_path: Path) -> None:
    """A relationType other than essential/optional names the row."""
    folder = _copy(tmp_path)
    path = folder / "occupationSkillRelations_en.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("optional", "sometimes", 1), encoding="utf-8")
    with pytest.raises(InvalidDataError, match="sometimes") as caught:
        EscoCatalogue.from_official_csv(folder)
    assert caught.value.path == "occupationSkillRelations_en.csv[1]"


def test_text_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    """A file in another encoding is an InvalidDataError naming the file."""
    folder = _copy(tmp_path)
    (folder / "occupations_en.csv").write_bytes(b"conceptUri\n\xff\xfe\n")
    with pytest.raises(InvalidDataError, match="UTF-8"):
        EscoCatalogue.from_official_csv(folder)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    """An empty table is an InvalidDataError naming the file."""
    folder = _copy(tmp_path)
    (folder / "ISCOGroups_en.csv").write_text("", encoding="utf-8")
    with pytest.raises(InvalidDataError, match="empty"):
        EscoCatalogue.from_official_csv(folder)


def test_an_empty_concept_uri_is_named(tmp_path: Path) -> None:
    """A row without conceptUri names the file and the row."""
    folder = _copy(tmp_path)
    path = folder / "skills_en.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(ESCO + "skill/test-cut-glass", "", 1), encoding="utf-8"
    )
    with pytest.raises(InvalidDataError, match="conceptUri is empty") as caught:
        EscoCatalogue.from_official_csv(folder)
    assert caught.value.path == "skills_en.csv[1]"


def test_a_concept_listed_twice_is_refused(tmp_path: Path) -> None:
    """The same occupation IRI on two rows is an error, not a silent overwrite."""
    folder = _copy(tmp_path)
    path = folder / "occupations_en.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("test-glazier", "test-roofer"), encoding="utf-8")
    with pytest.raises(InvalidDataError, match="repeats row 0"):
        EscoCatalogue.from_official_csv(folder)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.text(max_size=300))
def test_any_occupations_file_loads_or_names_the_problem(
    tmp_path: Path, text: str
) -> None:
    """Whatever the occupations file holds, the loader gives a catalogue or an
    InvalidDataError; never another exception."""
    folder = tmp_path / "any"
    if not folder.exists():
        shutil.copytree(DATA, folder)
    (folder / "occupations_en.csv").write_text(text, encoding="utf-8")
    try:
        catalogue = EscoCatalogue.from_official_csv(folder)
    except InvalidDataError:
        return
    assert catalogue.release.subset is False
