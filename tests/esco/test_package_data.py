"""The bundled ESCO subset: provenance, checksums, attribution, compact form."""

from __future__ import annotations

import hashlib
import re
from importlib import resources

import pytest

from microcred.esco import BUNDLED_ESCO_VERSION, ESCO_ATTRIBUTION, EscoCatalogue
from microcred.esco._compact import to_compact
from microcred.esco._loaders import BUNDLED_FILES, bundled_csv_bytes, load_bundled_csv

SOURCES = resources.files("microcred.esco").joinpath("data", "SOURCES.md")


def _recorded_checksums() -> dict[str, str]:
    text = SOURCES.read_text(encoding="utf-8")
    rows = re.findall(r"\| `([\w.]+)\.gz` \| \d+ \| ([0-9a-f]{64}) \|", text)
    return dict(rows)


def test_every_file_matches_the_checksum_in_sources_md() -> None:
    """Each shipped CSV, uncompressed, has the SHA-256 recorded in SOURCES.md."""
    recorded = _recorded_checksums()
    assert sorted(recorded) == sorted(BUNDLED_FILES)
    for name, raw in bundled_csv_bytes().items():
        assert hashlib.sha256(raw).hexdigest() == recorded[name], name


def test_sources_md_carries_the_attribution_word_for_word() -> None:
    """The attribution the anchors' SOURCES.md asks for ships beside the data."""
    text = " ".join(SOURCES.read_text(encoding="utf-8").split())
    assert ESCO_ATTRIBUTION in text


def test_the_release_records_version_and_attribution() -> None:
    """The catalogue says it is ESCO v1.1.1, a subset, with the attribution."""
    release = EscoCatalogue.bundled().release
    assert release.esco_version == BUNDLED_ESCO_VERSION == "1.1.1"
    assert release.subset is True
    assert release.attribution.startswith("Contains data from ESCO")
    assert "© European Union" in release.attribution


def test_counts_match_the_subset_description() -> None:
    """163 occupations, 1,971 skills, 7,611 relations (3,321 essential), 86 groups."""
    catalogue = EscoCatalogue.bundled()
    relations = list(catalogue.relations())
    assert len(catalogue.occupations) == 163
    assert len(catalogue.skills) == 1971
    assert len(relations) == 7611
    assert sum(kind == "essential" for _, _, kind in relations) == 3321
    assert len(catalogue.isco_groups) == 86
    assert catalogue.dangling_relations == 0


@pytest.mark.slow
def test_the_compact_form_is_exactly_what_the_csv_files_give() -> None:
    """Rebuilding the compact form from the CSV files gives the shipped one."""
    shipped = EscoCatalogue.bundled()
    rebuilt = load_bundled_csv()
    sources = {
        name: hashlib.sha256(raw).hexdigest()
        for name, raw in bundled_csv_bytes().items()
    }
    assert to_compact(rebuilt, sources) == to_compact(shipped, sources)


def test_the_compact_form_records_its_sources() -> None:
    """The compact file names the SHA-256 of the CSV files it was derived from."""
    import orjson

    packed = resources.files("microcred.esco").joinpath(
        "data", "habitat_catalogue.json"
    )
    data = orjson.loads(packed.read_bytes())
    assert data["sources"] == _recorded_checksums()
    assert data["esco_version"] == "1.1.1"
