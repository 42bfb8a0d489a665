"""Open Badges 3.0 on files read from the anchors but not copied.

The spec examples are cut from 1EdTech's specification pages (1EdTech licence,
copying not clearly allowed); the educredentials examples and the copy of 1EdTech's
AchievementCredential JSON Schema state no licence. Each file's expected verdict
under that schema, and the reason for every failure, is stated once here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from microcred.errors import SafeModeError, UnknownContextError
from microcred.jsonld import expand
from microcred.ob3 import from_ob3, ob3_schema_issues

#: Spec examples that are complete OpenBadgeCredentials conforming to the schema.
SPEC_VALID = (
    "achievementAlignmentCase-example-01.json",
    "achievementAlignmentCe-example-01.json",
    "basicOpenBadgeCredential-example-01.json",
    "docformat-example-01.json",
    "equality-and-comparison-example-01.json",
    "equality-and-comparison-example-02.json",
    "equality-and-comparison-example-03.json",
    "equality-and-comparison-example-04.json",
    "fullOpenBadge-example-01.json",
    "skillAssertionCase-example-01.json",
    "skillAssertionCtdl-example-01.json",
)

#: Spec examples the schema refuses, with a path it must name and why.
SPEC_INVALID = {
    # An EndorsementCredential: another class with its own schema.
    "endorsement-example-01.json": "type",
    # Written with "type": "AchievementSubject" (a string): the json-ld variant
    # of the schema wants every type as an array.
    "recommended-practices-example-01.json": "credentialSubject.type",
    "recommended-practices-example-05.json": "credentialSubject.type",
    # Fragments in the spec's text, not whole credentials.
    "recommended-practices-example-06.json": "",
    "recommended-practices-example-07.json": "",
    "recommended-practices-example-08.json": "",
}

#: Spec examples that safe JSON-LD expansion must refuse, and why.
SPEC_NOT_EXPANDABLE = {
    # The VC examples context (2018 URL with a v2 path) is not bundled.
    "equality-and-comparison-example-01.json": UnknownContextError,
    "equality-and-comparison-example-02.json": UnknownContextError,
    "equality-and-comparison-example-03.json": UnknownContextError,
    "equality-and-comparison-example-04.json": UnknownContextError,
    # Fragments without @context: every term would be dropped.
    "recommended-practices-example-06.json": SafeModeError,
    "recommended-practices-example-07.json": SafeModeError,
    "recommended-practices-example-08.json": SafeModeError,
}


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema(anchors: Path) -> Path:
    """1EdTech's AchievementCredential JSON Schema (json-ld variant), not copied."""
    return anchors / "ob3" / "schema" / "ob_v3p0_achievementcredential_schema.json"


def test_every_spec_example_has_a_verdict(anchors: Path) -> None:
    """No spec example is left without an expected verdict."""
    names = {p.name for p in (anchors / "ob3" / "spec-examples").glob("*.json")}

    assert names == set(SPEC_VALID) | set(SPEC_INVALID)


@pytest.mark.parametrize("name", SPEC_VALID)
def test_spec_example_conforms_and_reads(
    anchors: Path, schema: Path, name: str
) -> None:
    """A complete spec credential passes the schema and the required-field check,
    and from_ob3 reads it."""
    document = _load(anchors / "ob3" / "spec-examples" / name)

    assert ob3_schema_issues(document, schema=schema) == ()
    assert ob3_schema_issues(document) == ()
    assert from_ob3(document).achievement_id


@pytest.mark.parametrize(("name", "path"), sorted(SPEC_INVALID.items()))
def test_spec_example_refused_where_expected(
    anchors: Path, schema: Path, name: str, path: str
) -> None:
    """The schema refuses the example at the stated path."""
    document = _load(anchors / "ob3" / "spec-examples" / name)

    issues = ob3_schema_issues(document, schema=schema)
    assert path in {issue.path for issue in issues}


@pytest.mark.parametrize(
    "name",
    sorted((set(SPEC_VALID) | set(SPEC_INVALID)) - set(SPEC_NOT_EXPANDABLE)),
)
def test_spec_example_expands_safely(anchors: Path, name: str) -> None:
    """Complete examples with bundled contexts drop no term."""
    assert expand(_load(anchors / "ob3" / "spec-examples" / name), safe=True)


@pytest.mark.parametrize(("name", "error"), sorted(SPEC_NOT_EXPANDABLE.items()))
def test_spec_example_refused_by_safe_expansion(
    anchors: Path, name: str, error: type[Exception]
) -> None:
    """An unbundled context or a missing @context is refused, never guessed."""
    with pytest.raises(error):
        expand(_load(anchors / "ob3" / "spec-examples" / name), safe=True)


def _educredentials(anchors: Path) -> list[Path]:
    folder = anchors / "ob3" / "educredentials-obv3-examples" / "credentials"
    return sorted(folder.glob("*.json"))


def test_educredentials_examples_conform(anchors: Path, schema: Path) -> None:
    """All 30 European (Dutch) examples pass the 1EdTech schema and the
    required-field check."""
    files = _educredentials(anchors)

    assert len(files) == 30
    assert {f.name: ob3_schema_issues(_load(f), schema=schema) for f in files} == {
        f.name: () for f in files
    }
    assert {f.name: ob3_schema_issues(_load(f)) for f in files} == {
        f.name: () for f in files
    }


def test_educredentials_eqf_and_ects_are_read(anchors: Path) -> None:
    """Their ext:EQF alignments give the EQF level; ECTS stays in extra."""
    path = anchors / "ob3" / "educredentials-obv3-examples" / "credentials"
    reading = from_ob3(_load(path / "uvh_at_microcredential_full_1.json"))

    assert reading.eqf_level == 4
    assert reading.extra["credentialSubject.achievement.ECTS"] == 3.0
    assert reading.language == "nl-NL"


def test_educredentials_context_is_not_bundled(anchors: Path) -> None:
    """Their extension context lives on GitHub; microcred never downloads it."""
    path = _educredentials(anchors)[0]

    with pytest.raises(UnknownContextError):
        expand(_load(path), safe=True)
