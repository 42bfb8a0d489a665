"""One deliberately flawed variant per rule, each asserting the exact finding."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from microcred.assessment import OutcomeSpec, OutcomeWeight, sample_questionnaire
from microcred.esco import EscoCatalogue
from microcred.review import RULES, Finding, review_submission

from .conftest import sample_submission

Data = dict[str, Any]
ESCO = "http://data.europa.eu/esco/"
UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000"
HASKELL = ESCO + "skill/000f1d3d-220f-4789-9c0a-cc742521fb02"
CUT_INSULATION = ESCO + "skill/1889010b-f796-4a79-ba6e-7451dc6e3e4a"


def _set(path: list[Any], value: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _drop(path: list[Any]) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


def _outcome_text(index: int, text: str) -> Callable[[Data], None]:
    return _set(["learningOutcomes", index, "text"], {"en": text})


# (rule, severity, path, change to HAB-MC-001); each rule appears at least once.
CASES: list[tuple[str, str, str, Callable[[Data], None]]] = [
    ("annex1.title", "error", "title", _drop(["title"])),
    ("annex1.issuer-country", "error", "issuer.country", _drop(["issuer", "country"])),
    ("annex1.awarding-body", "error", "awardingBody", _drop(["awardingBody"])),
    (
        "annex1.learning-outcomes",
        "error",
        "learningOutcomes",
        _set(["learningOutcomes"], []),
    ),
    ("annex1.workload", "error", "workload", _drop(["workload"])),
    ("annex1.level", "warning", "eqfLevel", _set(["eqfLevel"], None)),
    (
        "annex1.assessment-type",
        "error",
        "assessment.type",
        _drop(["assessment", "type"]),
    ),
    (
        "annex1.participation",
        "error",
        "participation.mode",
        _drop(["participation", "mode"]),
    ),
    (
        "annex1.quality-assurance",
        "error",
        "qualityAssurance.description",
        _drop(["qualityAssurance"]),
    ),
    ("catalogue.description", "error", "description", _drop(["description"])),
    ("catalogue.languages", "error", "languages", _set(["languages"], [])),
    ("catalogue.issuer", "error", "issuer", _drop(["issuer"])),
    ("catalogue.promoter", "error", "promoter", _set(["promoter"], None)),
    (
        "catalogue.esco-occupations",
        "error",
        "escoOccupations",
        _set(["escoOccupations"], []),
    ),
    (
        "catalogue.training-links",
        "warning",
        "trainingLinks",
        _set(["trainingLinks"], []),
    ),
    ("catalogue.pathways", "info", "pathways", _set(["pathways"], [])),
    ("language.missing-text", "error", "title.es", _set(["languages"], ["en", "es"])),
    (
        "language.undeclared",
        "warning",
        "title.fr",
        _set(["title"], {"en": "Insulation", "fr": "Isolation"}),
    ),
    (
        "link.malformed",
        "error",
        "trainingLinks[0].url",
        _set(["trainingLinks", 0, "url"], "https//example.org/mooc"),
    ),
    (
        "link.malformed",
        "error",
        "qualityAssurance.url",
        _set(["qualityAssurance", "url"], "https://exa mple.org"),
    ),
    (
        "link.not-https",
        "info",
        "trainingLinks[0].url",
        _set(["trainingLinks", 0, "url"], "http://example.org/mooc"),
    ),
    (
        "outcome.vague-verb",
        "error",
        "learningOutcomes[0].text.en",
        _outcome_text(
            0, "Understand the main types of insulation material used in walls."
        ),
    ),
    (
        "outcome.vague-verb",
        "error",
        "learningOutcomes[0].text.en",
        _outcome_text(
            0, "The learner is able to be aware of the risks of thermal bridges."
        ),
    ),
    (
        "outcome.action-verb",
        "warning",
        "learningOutcomes[0].text.en",
        _outcome_text(
            0, "Insulation materials for walls and roofs in energy renovation."
        ),
    ),
    (
        "outcome.single-verb",
        "warning",
        "learningOutcomes[2].text.en",
        _outcome_text(
            2, "Install and maintain airtightness membranes at junctions and openings."
        ),
    ),
    (
        "outcome.one-per-statement",
        "warning",
        "learningOutcomes[2].text.en",
        _outcome_text(
            2, "Apply airtightness membranes at junctions. Seal the openings with tape."
        ),
    ),
    (
        "outcome.length",
        "warning",
        "learningOutcomes[2].text.en",
        _outcome_text(2, "Apply membranes."),
    ),
    (
        "outcome.learner-centred",
        "warning",
        "learningOutcomes[2].text.en",
        _outcome_text(
            2, "This course covers airtightness membranes and house wrap at junctions."
        ),
    ),
    (
        "outcome.duplicate",
        "warning",
        "learningOutcomes[3].text.en",
        _outcome_text(
            3,
            "Apply airtightness membranes and house wrap correctly at junctions "
            "and openings.",
        ),
    ),
    (
        "outcome.eqf-level",
        "warning",
        "learningOutcomes[2].text.en",
        _outcome_text(
            2, "Design the airtightness layer of a renovated house, junctions included."
        ),
    ),
    ("outcome.eqf-level", "warning", "eqfLevel", _set(["eqfLevel"], 7)),
    (
        "esco.unknown-occupation",
        "warning",
        "escoOccupations[0].id",
        _set(["escoOccupations", 0, "id"], ESCO + "occupation/" + UNKNOWN_UUID),
    ),
    (
        "esco.unknown-skill",
        "warning",
        "learningOutcomes[0].escoSkills[0].id",
        _set(
            ["learningOutcomes", 0, "escoSkills", 0, "id"],
            ESCO + "skill/" + UNKNOWN_UUID,
        ),
    ),
    (
        "esco.isco-group",
        "warning",
        "escoOccupations[0].iscoGroup.id",
        _set(["escoOccupations", 0, "iscoGroup", "id"], ESCO + "isco/C7125"),
    ),
    (
        "esco.unrelated-skills",
        "warning",
        "learningOutcomes[0].escoSkills",
        _set(["learningOutcomes", 0, "escoSkills"], [{"id": HASKELL}]),
    ),
    (
        "esco.no-skill",
        "warning",
        "learningOutcomes[1].escoSkills",
        _set(["learningOutcomes", 1, "escoSkills"], []),
    ),
    ("workload.ects-hours", "error", "workload", _set(["workload", "hours"], "40")),
    (
        "workload.ects-missing",
        "info",
        "workload.ects",
        _set(["workload", "ects"], None),
    ),
    (
        "workload.calendar-duration",
        "warning",
        "workload.volumeOfLearning",
        _set(["workload", "volumeOfLearning"], "P25M"),
    ),
    (
        "workload.size",
        "warning",
        "workload",
        _set(["workload"], {"hours": "5", "ects": "0.2"}),
    ),
    (
        "workload.size",
        "warning",
        "workload",
        _set(["workload"], {"hours": "1000", "ects": "40"}),
    ),
    ("workload.eqf-level", "warning", "eqfLevel", _set(["eqfLevel"], 7)),
    (
        "assessment.supervision",
        "warning",
        "assessment.supervision",
        _set(["assessment", "supervision"], None),
    ),
    ("assessment.no-questionnaire", "info", "", _set(["id"], "urn:example:x")),
    ("schema.invalid", "error", "eqfLevel", _set(["eqfLevel"], "seven")),
    (
        "schema.required",
        "error",
        "learningOutcomes[0].id",
        _drop(["learningOutcomes", 0, "id"]),
    ),
    ("schema.unknown-field", "error", "colour", _set(["colour"], "blue")),
]


def _triples(findings: tuple[Finding, ...]) -> set[tuple[str, str, str]]:
    return {(f.rule, f.severity.value, f.path) for f in findings}


@pytest.mark.parametrize(
    ("rule", "severity", "path", "change"),
    CASES,
    ids=[f"{c[0]}@{c[2] or 'whole'}" for c in CASES],
)
def test_flawed_variant_gives_the_exact_finding(
    rule: str, severity: str, path: str, change: Callable[[Data], None]
) -> None:
    """The flaw yields exactly this (rule, severity, path); the sample does not."""
    baseline = _triples(review_submission(sample_submission(0)).findings)
    data = sample_submission(0)
    change(data)
    report = review_submission(data)
    assert (rule, severity, path) in _triples(report.findings)
    if rule != "assessment.no-questionnaire":
        assert (rule, severity, path) not in baseline
    finding = next(f for f in report.findings if (f.rule, f.path) == (rule, path))
    assert finding.message
    assert finding.fix
    assert report.passed is (not report.errors)


def test_every_rule_has_a_flawed_variant() -> None:
    """The table above (and the questionnaire tests below) cover every rule."""
    tested = {case[0] for case in CASES} | {
        "assessment.coverage",
        "assessment.unknown-outcome",
        "assessment.threshold-unreachable",
    }
    assert set(RULES) == tested


def test_each_case_has_the_rules_usual_severity() -> None:
    """A finding's severity is the one the rule list states.

    The exception the list itself notes: an IRI missing from a subset (the cases
    run on the bundled one) is a warning, not an error.
    """
    subset_rules = {"esco.unknown-occupation", "esco.unknown-skill"}
    for rule, severity, _, _ in CASES:
        expected = "warning" if rule in subset_rules else RULES[rule][0]
        assert severity == expected, rule


def test_unknown_outcome_words_quote_the_verb() -> None:
    """The vague-verb message names the verb it found."""
    data = sample_submission(0)
    _outcome_text(0, "Know the main types of insulation material for walls.")(data)
    finding = next(
        f for f in review_submission(data).findings if f.rule == "outcome.vague-verb"
    )
    assert "'know'" in finding.message
    assert "'define'" in finding.fix


def test_no_skill_suggests_the_fitting_esco_skill() -> None:
    """An outcome without skills gets ESCO suggestions with the matched words."""
    data = sample_submission(0)
    _set(["learningOutcomes", 1, "escoSkills"], [])(data)
    finding = next(
        f for f in review_submission(data).findings if f.rule == "esco.no-skill"
    )
    assert CUT_INSULATION in finding.suggestions
    assert "cut insulation material to size" in finding.fix
    assert "matched: Cut, insulation" in finding.fix


def test_unknown_occupation_is_an_error_against_a_complete_catalogue() -> None:
    """Against a full ESCO download (not a subset) a missing IRI is an error."""
    folder = Path(__file__).parents[1] / "esco" / "data" / "official"
    catalogue = EscoCatalogue.from_official_csv(folder, esco_version="1.2.0")
    report = review_submission(sample_submission(0), catalogue=catalogue)
    assert (
        "esco.unknown-occupation",
        "error",
        "escoOccupations[0].id",
    ) in _triples(report.findings)
    assert not report.passed


def _questionnaire_without_items_for(outcome: str, keep: int) -> Any:
    questionnaire = sample_questionnaire()
    items, kept = [], 0
    for item in questionnaire.items:
        names = {w.outcome_id for w in item.outcomes}
        if outcome in names:
            kept += 1
            if kept > keep:
                continue
        items.append(item)
    return dataclasses.replace(questionnaire, items=tuple(items))


def test_coverage_needs_enough_items_per_required_outcome() -> None:
    """LO3 with two items (three needed) is an error at that outcome."""
    questionnaire = _questionnaire_without_items_for("LO3", keep=2)
    report = review_submission(sample_submission(0), questionnaire)
    assert ("assessment.coverage", "error", "learningOutcomes[2]") in _triples(
        report.findings
    )
    message = next(f for f in report.findings if f.rule == "assessment.coverage")
    assert "assessed by 2 item(s); at least 3" in message.message


def test_coverage_threshold_is_configurable() -> None:
    """With min_items_per_outcome=2 the same questionnaire covers LO3."""
    from microcred.review import ReviewSettings

    questionnaire = _questionnaire_without_items_for("LO3", keep=2)
    report = review_submission(
        sample_submission(0),
        questionnaire,
        settings=ReviewSettings(min_items_per_outcome=2),
    )
    assert "assessment.coverage" not in {f.rule for f in report.findings}


def test_an_item_for_an_unknown_outcome_is_an_error() -> None:
    """An item that assesses "LO9" names the item in the questionnaire."""
    questionnaire = sample_questionnaire()
    first = questionnaire.items[0]
    flawed = dataclasses.replace(first, outcomes=(OutcomeWeight("LO9", Fraction(1)),))
    questionnaire = dataclasses.replace(
        questionnaire, items=(flawed, *questionnaire.items[1:])
    )
    report = review_submission(sample_submission(0), questionnaire)
    assert (
        "assessment.unknown-outcome",
        "error",
        "questionnaire.items[0].outcomes",
    ) in _triples(report.findings)


def test_an_unreachable_threshold_is_an_error() -> None:
    """A threshold of 110% on LO4 can never be reached."""
    questionnaire = sample_questionnaire()
    outcomes = tuple(
        OutcomeSpec(s.id, s.required, Fraction(11, 10)) if s.id == "LO4" else s
        for s in questionnaire.outcomes
    )
    questionnaire = dataclasses.replace(questionnaire, outcomes=outcomes)
    report = review_submission(sample_submission(0), questionnaire)
    assert (
        "assessment.threshold-unreachable",
        "error",
        "learningOutcomes[3]",
    ) in _triples(report.findings)
