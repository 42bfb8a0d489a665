"""Bad and partial submissions: clear errors for bad JSON, findings for the rest."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.errors import ParseError, ReviewError
from microcred.review import RULES, review_submission

from .conftest import sample_submission

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def test_text_that_is_not_json_is_a_parse_error() -> None:
    """Truncated JSON raises the foundation's ParseError, with the position."""
    with pytest.raises(ParseError, match="line 1"):
        review_submission(b'{"title": {"en": "x"')


def test_a_json_array_is_refused_as_a_whole() -> None:
    """A submission must be an object; anything else is a ReviewError."""
    with pytest.raises(ReviewError, match="JSON object"):
        review_submission(b"[1, 2]")


def test_an_empty_object_gives_findings_not_an_exception() -> None:
    """{} is reviewed: every mandatory element is an error finding."""
    report = review_submission({})
    rules = {f.rule for f in report.findings}
    assert not report.passed
    assert {"annex1.title", "annex1.learning-outcomes", "annex1.workload"} <= rules
    assert report.subject_id is None


def test_wrong_types_become_schema_findings_with_paths() -> None:
    """A number where text belongs is a schema.invalid finding at that field."""
    data = sample_submission(0)
    data["learningOutcomes"][0]["text"] = 42
    data["workload"]["ects"] = "one"
    report = review_submission(data)
    found = {(f.rule, f.path) for f in report.findings}
    assert ("schema.invalid", "learningOutcomes[0].text") in found
    assert ("schema.invalid", "workload.ects") in found


def test_a_missing_object_is_reported_once() -> None:
    """No assessment: the Annex I rule reports it; no second schema finding."""
    data = sample_submission(0)
    del data["assessment"]
    report = review_submission(data)
    paths = [f.path for f in report.findings if f.severity.value == "error"]
    assert paths == ["assessment.type"]


def _mutate(data: dict[str, Any], path: list[Any], value: Any) -> None:
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


PLACES = [
    ["title"],
    ["languages"],
    ["learningOutcomes"],
    ["learningOutcomes", 0],
    ["learningOutcomes", 0, "text"],
    ["learningOutcomes", 0, "escoSkills"],
    ["learningOutcomes", 0, "escoSkills", 0, "id"],
    ["workload"],
    ["workload", "hours"],
    ["workload", "volumeOfLearning"],
    ["eqfLevel"],
    ["escoOccupations"],
    ["escoOccupations", 0, "id"],
    ["escoOccupations", 0, "iscoGroup"],
    ["trainingLinks", 0, "url"],
    ["assessment"],
    ["issuer"],
    ["qualityAssurance", "url"],
]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(PLACES), value=json_values)
def test_any_value_anywhere_is_reviewed_without_crashing(
    place: list[Any], value: Any
) -> None:
    """Whatever JSON value replaces a field, the review returns a report."""
    data = sample_submission(0)
    _mutate(data, place, value)
    report = review_submission(data)
    assert all(f.rule in RULES for f in report.findings)
    assert report.to_json()
    assert report.to_markdown()


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.text(max_size=12), json_values, max_size=6))
def test_any_json_object_is_reviewed(data: dict[str, Any]) -> None:
    """Any JSON object at all gives a report (it cannot pass: nothing is there)."""
    report = review_submission(data)
    assert not report.passed


def test_language_tags_are_compared_without_case() -> None:
    """ "EN" in languages is satisfied by an "en" text (RFC 5646: case-insensitive)."""
    data = sample_submission(0)
    data["languages"] = ["EN"]
    rules = {f.rule for f in review_submission(data).findings}
    assert "language.missing-text" not in rules
    assert "language.undeclared" not in rules


def test_snake_case_field_names_are_read_like_the_model_reads_them() -> None:
    """The model accepts ``learning_outcomes``; so do the rules, valid or not."""
    data = sample_submission(0)
    data["learning_outcomes"] = data.pop("learningOutcomes")
    data["eqf_level"] = data.pop("eqfLevel")
    report = review_submission(data)
    assert report.passed
    del data["title"]
    rules = {f.rule for f in review_submission(data).findings}
    assert "annex1.learning-outcomes" not in rules
    assert "annex1.title" in rules
