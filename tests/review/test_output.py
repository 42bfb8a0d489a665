"""The report's three renderings: JSON, Markdown and plain text."""

from __future__ import annotations

import json

from microcred.model import synthetic_examples
from microcred.review import Finding, ReviewReport, Severity, review, review_submission

from .conftest import sample_submission


def test_json_output_carries_every_field() -> None:
    """The JSON rendering has the verdict, counts, findings and ESCO attribution."""
    data = sample_submission(0)
    del data["title"]
    report = review_submission(data)
    parsed = json.loads(report.to_json())
    assert parsed["passed"] is False
    assert parsed["counts"]["error"] == len(report.errors)
    first = parsed["findings"][0]
    assert set(first) >= {"severity", "path", "rule", "message", "fix"}
    assert parsed["esco"]["version"] == "1.1.1"
    assert "© European Union" in parsed["esco"]["attribution"]


def test_findings_are_ordered_errors_first() -> None:
    """Errors, then warnings, then information."""
    data = sample_submission(0)
    del data["title"]
    ranks = [f.severity.rank for f in review_submission(data).findings]
    assert ranks == sorted(ranks)


def test_markdown_is_one_table_with_escaped_cells() -> None:
    """A pipe in a message cannot break the Markdown table."""
    finding = Finding(Severity.ERROR, "title", "annex1.title", "a | b", "fix | it")
    report = ReviewReport.build(
        subject_id="urn:x",
        subject_title="T",
        findings=[finding],
        esco_version="1.1.1",
        esco_attribution="attribution",
    )
    markdown = report.to_markdown()
    assert "| error | `annex1.title` | `title` | a \\| b | fix \\| it |" in markdown
    assert markdown.startswith('# Review of urn:x "T"')


def test_text_output_names_rule_path_and_fix() -> None:
    """Each finding shows its severity, rule, path, message and fix."""
    report = review(synthetic_examples()[3])
    text = report.to_text()
    assert "passed: 0 error(s), 1 warning(s), 1 note(s)" in text
    assert "WARNING outcome.single-verb  at learningOutcomes[2].text.en" in text
    assert "Fix: Keep one main verb per outcome" in text


def test_duplicate_findings_are_reported_once() -> None:
    """Building a report drops exact duplicates."""
    finding = Finding(Severity.INFO, "", "catalogue.pathways", "m", "f")
    report = ReviewReport.build(
        subject_id=None,
        subject_title=None,
        findings=[finding, finding],
        esco_version="x",
        esco_attribution="y",
    )
    assert report.findings == (finding,)
    assert report.passed
