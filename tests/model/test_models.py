"""The micro-credential and award models: round trips, rules, error paths."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from microcred.errors import ModelValidationError, ParseError
from microcred.model import (
    Award,
    AwardRoute,
    EQFLevel,
    LanguageMap,
    LearningOutcome,
    MicroCredential,
    NQFLevel,
    demo_award,
    parse_award,
    parse_micro_credential,
    synthetic_examples,
    to_model_error,
)

ISSUED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
UUID = "0d0fe364-462d-48dd-b54b-e972e2bdecb1"
EN = {"en": "A"}


def _entry() -> dict[str, Any]:
    return synthetic_examples()[0].model_dump(mode="json", by_alias=True)


def test_synthetic_examples_round_trip_through_json() -> None:
    """Every bundled example validates back to an equal model from its JSON."""
    for example in synthetic_examples():
        data = example.model_dump(mode="json", by_alias=True)
        assert MicroCredential.model_validate(data) == example


def test_demo_award_round_trips() -> None:
    """The demo award survives dump and parse unchanged."""
    award = demo_award(ISSUED)
    assert parse_award(award.model_dump(mode="json")) == award
    assert award.outcome_results[0].score == Fraction(4, 5)


@pytest.mark.parametrize("level", [0, 9, "six", 6.5, True, "6"])
def test_bad_eqf_levels_name_the_field(level: object) -> None:
    """EQF levels outside 1-8 or not integers fail with the field's path."""
    data = _entry() | {"eqfLevel": level}
    with pytest.raises(ModelValidationError) as caught:
        parse_micro_credential(data)
    assert caught.value.path == "eqfLevel"


def test_eqf_level_knows_its_iri_and_descriptor() -> None:
    """An EQF level gives the EDC IRI and the bundled descriptors."""
    assert EQFLevel(6).iri == "http://data.europa.eu/snb/eqf/6"
    assert EQFLevel(6).concept.scheme == "http://data.europa.eu/snb/eqf/25831c2"
    assert EQFLevel(7).qf_ehea_cycle == "second cycle (master)"


def test_all_errors_are_listed() -> None:
    """Several bad fields are all reported, each with its own path."""
    data = _entry() | {"eqfLevel": 0, "title": "plain"}
    data["workload"] = {"hours": -1}
    with pytest.raises(ModelValidationError) as caught:
        parse_micro_credential(data)
    paths = {path for path, _ in caught.value.errors}
    assert {"eqfLevel", "title", "workload.hours"} <= paths


def test_unknown_outcome_in_result_is_refused() -> None:
    """An outcome result must name an outcome of the micro-credential."""
    data = demo_award(ISSUED).model_dump(mode="json")
    data["outcomeResults"][1]["outcomeId"] = "LO99"
    with pytest.raises(ModelValidationError) as caught:
        Award.model_validate(data)
    assert caught.value.path == "outcomeResults[1].outcomeId"


def test_duplicate_outcome_ids_are_refused() -> None:
    """Learning outcome ids are unique within a micro-credential."""
    data = _entry()
    data["learningOutcomes"][2]["id"] = "LO1"
    with pytest.raises(ModelValidationError) as caught:
        parse_micro_credential(data)
    assert caught.value.path == "learningOutcomes[2].id"


def test_naive_issue_time_is_refused() -> None:
    """The date of issue must carry a time zone."""
    with pytest.raises(ModelValidationError) as caught:
        demo_award(datetime(2026, 3, 1))  # noqa: DTZ001
    assert caught.value.path == "issued"


@pytest.mark.parametrize(
    ("iri", "model"),
    [
        ("http://data.europa.eu/esco/skill/not-a-uuid", "skill"),
        (f"https://data.europa.eu/esco/skill/{UUID}", "skill"),
        (f"http://data.europa.eu/esco/occupation/{UUID}", "skill"),
        (f"http://data.europa.eu/esco/skill/{UUID}", "occupation"),
        ("http://data.europa.eu/esco/isco/C12345", "isco"),
        ("http://data.europa.eu/esco/isco/7124", "isco"),
    ],
)  # fmt: skip
def test_malformed_esco_iris_are_refused(iri: str, model: str) -> None:
    """ESCO skill, occupation and ISCO IRIs must match their published patterns."""
    data = _entry()
    if model == "skill":
        data["learningOutcomes"][0]["escoSkills"][0]["id"] = iri
        path = "learningOutcomes[0].escoSkills[0].id"
    elif model == "occupation":
        data["escoOccupations"][0]["id"] = iri
        path = "escoOccupations[0].id"
    else:
        data["escoOccupations"][0]["iscoGroup"]["id"] = iri
        path = "escoOccupations[0].iscoGroup.id"
    with pytest.raises(ModelValidationError) as caught:
        parse_micro_credential(data)
    assert caught.value.path == path


def test_isco_group_code() -> None:
    """An ISCO group reports its numeric code."""
    occupation = synthetic_examples()[0].esco_occupations[0]
    assert occupation.isco_group is not None
    assert occupation.isco_group.code == "7124"


@pytest.mark.parametrize(
    ("key", "value", "path"),
    [
        ("id", "", "id"),
        ("id", "has space", "id"),
        ("languages", [], "languages"),
        ("languages", ["en_GB"], "languages[0]"),
        ("learningOutcomes", [], "learningOutcomes"),
        ("thematicAreas", ["0733"], "thematicAreas[0]"),
        ("title", {"en": ""}, "title"),
        ("title", None, "title"),
        ("title", 42, "title"),
        ("eqfLevel", [6], "eqfLevel"),
        ("workload", "25 hours", "workload"),
        ("participation", {"mode": "telepathy"}, "participation.mode"),
        ("assessment", {"type": "quiz", "supervision": "no"}, "assessment.supervision"),
        ("issuer", {"id": "x", "legalName": EN, "country": "X"}, "issuer.country"),
        ("trainingLinks", [{"title": EN, "url": "ftp:x"}], "trainingLinks[0].url"),
        ("surprise", 1, "surprise"),
    ],
)  # fmt: skip
def test_wrong_values_name_their_path(key: str, value: object, path: str) -> None:
    """Empty strings, wrong types, bad codes and unknown fields all name the field."""
    data = _entry() | {key: value}
    with pytest.raises(ModelValidationError) as caught:
        parse_micro_credential(data)
    assert caught.value.path == path
    assert caught.value.problem


@pytest.mark.parametrize(
    "key",
    [
        "id", "title", "description", "languages", "learningOutcomes", "workload",
        "assessment", "participation", "qualityAssurance", "issuer", "awardingBody",
    ],
)  # fmt: skip
def test_missing_mandatory_elements_are_reported(key: str) -> None:
    """Each mandatory element of a micro-credential is required by name."""
    data = _entry()
    del data[key]
    with pytest.raises(ModelValidationError) as caught:
        parse_micro_credential(data)
    assert caught.value.errors == ((key, "is required"),)


def test_snake_case_input_is_accepted() -> None:
    """Python field names work as input too (populate by name)."""
    data = synthetic_examples()[0].model_dump(mode="json", by_alias=False)
    assert "learning_outcomes" in data
    assert parse_micro_credential(data) == synthetic_examples()[0]


def test_models_are_frozen() -> None:
    """Assigning to a field fails; replace() gives a validated copy."""
    entry = synthetic_examples()[0]
    with pytest.raises(ModelValidationError, match="immutable") as caught:
        entry.eqf_level = EQFLevel(5)  # type: ignore[misc]
    assert caught.value.path == "eqfLevel"
    with pytest.raises(ModelValidationError):
        del entry.title
    assert hash(entry) == hash(synthetic_examples()[0])
    assert entry.replace(eqf_level=5).eqf_level is EQFLevel.LEVEL_5
    with pytest.raises(ModelValidationError) as caught:
        entry.replace(eqf_level=9)
    assert caught.value.path == "eqfLevel"


def test_model_copy_with_update_is_validated() -> None:
    """model_copy(update=...) cannot smuggle an invalid value past validation."""
    entry = synthetic_examples()[0]
    with pytest.raises(ModelValidationError):
        entry.model_copy(update={"eqf_level": 0})
    assert entry.model_copy() == entry
    assert entry.qf_ehea_cycle is None
    assert entry.replace(eqf_level=6).qf_ehea_cycle == "first cycle (bachelor)"


@pytest.mark.parametrize("value", [1700000000, 1.5, True, "2026-01-01T10:00:00"])
def test_issue_time_must_be_aware_text(value: object) -> None:
    """Numbers and naive date-times are refused for the date of issue."""
    data = demo_award(ISSUED).model_dump(mode="json")
    data["issued"] = value
    with pytest.raises(ModelValidationError) as caught:
        parse_award(data)
    assert caught.value.path == "issued"


def test_foreign_pydantic_errors_convert() -> None:
    """to_model_error turns a pydantic ValidationError into ours, paths kept."""
    adapter = TypeAdapter(list[LearningOutcome])
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python([{"id": "LO1", "text": "plain"}])
    error = to_model_error(caught.value, prefix=["learningOutcomes"])
    assert error.path == "learningOutcomes[0].text"


def test_helpers_for_consumers() -> None:
    """Lookups used by scoring and review: outcomes by id, names, concepts."""
    entry = synthetic_examples()[1]
    assert entry.outcome("LO2").id == "LO2"
    with pytest.raises(KeyError):
        entry.outcome("LO9")
    assert entry.required_outcome_ids == entry.outcome_ids
    occupation = entry.esco_occupations[0]
    assert occupation.concept.scheme.endswith("concept-scheme/occupations")
    skill = entry.learning_outcomes[0].esco_skills[0]
    assert skill.concept.pref_label == skill.label
    assert demo_award(ISSUED).learner.display_name == "Alex Example"
    nqf = NQFLevel(
        iri="http://data.europa.eu/snb/qdr/c_c392e7a2",
        label=LanguageMap.of("en", "RQF Level 6"),
    )
    assert nqf.concept.to_jsonld()["inScheme"]["id"].endswith("qdr/25831c2")


def test_constructor_raises_model_validation_error() -> None:
    """Keyword construction converts pydantic's error too."""
    with pytest.raises(ModelValidationError) as caught:
        MicroCredential(id="x")  # type: ignore[call-arg]
    assert len(caught.value.errors) >= 10


def test_json_schema_export() -> None:
    """Both top-level models export a JSON Schema with camelCase properties."""
    schema = MicroCredential.model_json_schema()
    assert "learningOutcomes" in schema["properties"]
    assert "eqfLevel" in schema["properties"]
    assert "Award" in str(Award.model_json_schema(mode="serialization")["title"])


def test_from_json_reads_text_bytes_and_files(tmp_path: Path) -> None:
    """from_json takes text, bytes or a Path and rejects bad JSON as ParseError."""
    entry = synthetic_examples()[1]
    text = entry.model_dump_json()
    assert MicroCredential.from_json(text) == entry
    assert MicroCredential.from_json(text.encode()) == entry
    path = tmp_path / "entry.json"
    path.write_text(text, encoding="utf-8")
    assert MicroCredential.from_json(path) == entry
    with pytest.raises(ParseError):
        MicroCredential.from_json('{"id": ')
    award = demo_award(ISSUED, entry)
    assert Award.from_json(award.model_dump_json()) == award


def test_validity_window() -> None:
    """valid_until must be after valid_from (or after issued)."""
    award = demo_award(ISSUED)
    with pytest.raises(ModelValidationError) as caught:
        award.replace(valid_until=ISSUED)
    assert caught.value.path == "validUntil"
    later = award.replace(valid_until=ISSUED + timedelta(days=365))
    assert later.valid_until == ISSUED + timedelta(days=365)


@pytest.mark.parametrize(
    ("score", "ok"),
    [("2/3", True), (0.75, True), ("0.1", True), (1, True), (0, True), ("3/2", False),
     (-0.1, False), ("abc", False), (True, False), ("1/0", False)],
)  # fmt: skip
def test_scores_are_exact_fractions(score: object, ok: bool) -> None:
    """Scores are fractions in [0, 1]; floats are read by their decimal form."""
    data = demo_award(ISSUED).model_dump(mode="json")
    data["outcomeResults"][0]["score"] = score
    if ok:
        result = parse_award(data).outcome_results[0]
        assert result.score is not None
        assert 0 <= result.score <= 1
    else:
        with pytest.raises(ModelValidationError) as caught:
            parse_award(data)
        assert caught.value.path == "outcomeResults[0].score"
    if score == 0.75:
        assert parse_award(data).outcome_results[0].score == Fraction(3, 4)


def test_award_route_and_result_lookup() -> None:
    """The prior-learning route is kept; results are found by outcome id."""
    award = demo_award(ISSUED, route=AwardRoute.PRIOR_LEARNING)
    assert award.model_dump(mode="json")["route"] == "prior-learning"
    assert award.result_for("LO2") is not None
    assert award.result_for("LO9") is None


def test_duplicate_results_are_refused() -> None:
    """An outcome may have only one result in an award."""
    data = demo_award(ISSUED).model_dump(mode="json")
    data["outcomeResults"][1]["outcomeId"] = "LO1"
    with pytest.raises(ModelValidationError) as caught:
        parse_award(data)
    assert caught.value.path == "outcomeResults[1].outcomeId"


def test_learner_needs_a_name() -> None:
    """A learner with no name at all is refused."""
    data = demo_award(ISSUED).model_dump(mode="json")
    data["learner"] = {"id": "urn:x:1"}
    with pytest.raises(ModelValidationError, match="name") as caught:
        parse_award(data)
    assert caught.value.path == "learner"


_JSON_SCHEMA_KEYWORDS = {
    "type", "properties", "required", "additionalProperties", "anyOf", "allOf",
    "oneOf", "items", "prefixItems", "minItems", "maxItems", "minLength", "maxLength",
    "pattern", "format", "enum", "const", "default", "title", "description", "$ref",
    "$defs", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minProperties", "maxProperties", "propertyNames", "uniqueItems",
}  # fmt: skip


def _keywords(schema: object, under_names: bool = False) -> set[str]:
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if not under_names:
                found.add(key)
            found |= _keywords(value, key in {"properties", "$defs"})
    elif isinstance(schema, list):
        for value in schema:
            found |= _keywords(value)
    return found


@pytest.mark.parametrize("mode", ["validation", "serialization"])
def test_json_schema_uses_only_standard_keywords(mode: str) -> None:
    """The exported schemas use JSON Schema keywords only (no pydantic leftovers)."""
    for model in (MicroCredential, Award):
        schema = model.model_json_schema(mode=mode)  # type: ignore[arg-type]
        assert _keywords(schema) <= _JSON_SCHEMA_KEYWORDS


def test_one_id_one_description() -> None:
    """An ESCO skill or organisation repeated under one id must be identical."""
    data = _entry()
    data["learningOutcomes"][1]["escoSkills"][0] = data["learningOutcomes"][0][
        "escoSkills"
    ][0] | {"label": {"en": "another label"}}
    with pytest.raises(ModelValidationError) as caught:
        parse_micro_credential(data)
    assert caught.value.path == "learningOutcomes[1].escoSkills[0].id"
    assert "learningOutcomes[0].escoSkills[0].id" in caught.value.problem

    data = _entry()
    data["awardingBody"]["homepage"] = "https://example.org/"
    with pytest.raises(ModelValidationError) as caught:
        parse_micro_credential(data)
    assert caught.value.path == "awardingBody.id"


def test_identical_repeats_are_fine() -> None:
    """The same skill in two outcomes, described the same way, is accepted."""
    data = _entry()
    shared = data["learningOutcomes"][0]["escoSkills"][0]
    data["learningOutcomes"][1]["escoSkills"].append(shared)
    assert parse_micro_credential(data).learning_outcomes[1].esco_skills[-1].iri


def test_a_skill_twice_in_one_outcome_is_refused() -> None:
    """One outcome lists each ESCO skill once."""
    data = _entry()
    skills = data["learningOutcomes"][1]["escoSkills"]
    skills.append(skills[0])
    with pytest.raises(ModelValidationError) as caught:
        parse_micro_credential(data)
    assert caught.value.path == f"learningOutcomes[1].escoSkills[{len(skills) - 1}].id"


def test_evidence_ids_are_unique() -> None:
    """Two pieces of evidence cannot share an id."""
    data = demo_award(ISSUED).model_dump(mode="json")
    item = {"id": "urn:x:evidence:1", "description": {"en": "Attempt 1"}}
    data["evidence"] = [item, item | {"description": {"en": "Attempt 2"}}]
    with pytest.raises(ModelValidationError) as caught:
        parse_award(data)
    assert caught.value.path == "evidence[1].id"


def test_validity_starts_at_issue_unless_said_otherwise() -> None:
    """An omitted or None valid_from is filled with issued, as an EDC states it."""
    award = demo_award(ISSUED)
    data = award.model_dump(mode="json")
    del data["validFrom"]
    assert Award.model_validate(data).valid_from == award.issued
    assert award.replace(valid_from=None).valid_from == award.issued
    later = ISSUED + timedelta(days=2)
    assert award.replace(valid_from=later).valid_from == later
    assert award.replace(valid_from=None) == award.replace(valid_from=award.issued)


def test_a_bad_issue_date_is_reported_once() -> None:
    """A malformed issued is one error, not also one on the filled-in valid_from."""
    data = demo_award(ISSUED).model_dump(mode="json")
    data["issued"] = "yesterday"
    del data["validFrom"]
    with pytest.raises(ModelValidationError) as caught:
        Award.model_validate(data)
    assert [path for path, _ in caught.value.errors] == ["issued"]
