"""The six synthetic samples: each gets a report, none has an error."""

from __future__ import annotations

import pytest

from microcred.assessment import sample_questionnaire
from microcred.model import synthetic_examples
from microcred.review import Severity, review, review_submission

from .conftest import sample_submission

# What the review finds in each sample (beyond the note that no questionnaire was
# given): the samples' own wording joins two verbs in a few outcomes.
EXPECTED = {
    0: [
        ("warning", "outcome.single-verb", "learningOutcomes[0].text.en"),
        ("warning", "outcome.single-verb", "learningOutcomes[1].text.en"),
    ],
    1: [],
    2: [
        ("warning", "outcome.single-verb", "learningOutcomes[0].text.en"),
        ("warning", "outcome.single-verb", "learningOutcomes[3].text.en"),
        ("warning", "outcome.single-verb", "learningOutcomes[4].text.en"),
    ],
    3: [("warning", "outcome.single-verb", "learningOutcomes[2].text.en")],
    4: [],
    5: [],
}


@pytest.mark.parametrize("index", range(6))
def test_each_sample_gets_its_exact_report(index: int) -> None:
    """Each sample passes, with exactly the findings listed above."""
    report = review(synthetic_examples()[index])
    found = [
        (f.severity.value, f.rule, f.path)
        for f in report.findings
        if f.rule != "assessment.no-questionnaire"
    ]
    assert report.passed
    assert found == EXPECTED[index]
    assert report.subject_id == synthetic_examples()[index].id
    assert report.esco_version == "1.1.1"


@pytest.mark.parametrize("index", range(6))
def test_typed_and_raw_reviews_agree(index: int) -> None:
    """Reviewing the model and its JSON submission gives the same findings."""
    typed = review(synthetic_examples()[index])
    raw = review_submission(sample_submission(index))
    assert typed.findings == raw.findings


def test_the_sample_questionnaire_covers_its_micro_credential() -> None:
    """HAB-MC-001 with its questionnaire: coverage and thresholds raise nothing."""
    report = review(synthetic_examples()[0], sample_questionnaire())
    rules = {f.rule for f in report.findings}
    assert report.passed
    assert not {r for r in rules if r.startswith("assessment.")}
    assert all(f.severity is not Severity.ERROR for f in report.findings)
