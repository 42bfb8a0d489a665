"""The ``review`` and ``esco`` commands: output formats and exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from microcred._cli import main
from microcred.assessment import sample_questionnaire
from microcred.model import synthetic_examples
from microcred.review import submission_json

INSULATION_WORKER = (
    "http://data.europa.eu/esco/occupation/b2dab4fb-b7f7-4f57-94b2-9c0f0848564a"
)
OFFICIAL = Path(__file__).parents[1] / "esco" / "data" / "official"


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    """The demo's micro-credential, written by ``microcred demo`` itself."""
    assert (
        main(["demo", "--out", str(tmp_path), "--issued", "2026-03-01T09:30:00Z"]) == 0
    )
    return tmp_path / "micro-credential.json"


def test_the_demo_micro_credential_reviews_with_no_error(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo's catalogue entry passes: exit 0, no error-level finding."""
    assert main(["review", str(demo_file), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is True
    assert report["counts"]["error"] == 0


def test_review_exits_1_on_an_error_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A submission without a title: exit 1 and the finding in the text."""
    data = json.loads(submission_json(synthetic_examples()[0]))
    del data["title"]
    path = tmp_path / "flawed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["review", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAILED: 1 error(s)" in out
    assert "ERROR   annex1.title  at title" in out


def test_review_exits_2_on_input_that_is_not_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Truncated JSON: one line on stderr, exit 2, no traceback."""
    path = tmp_path / "broken.json"
    path.write_text('{"title": ', encoding="utf-8")
    assert main(["review", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("microcred review: error:")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_review_with_a_questionnaire_and_markdown(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sample questionnaire covers the demo; Markdown output is a table."""
    from importlib import resources

    questionnaire = resources.files("microcred.assessment").joinpath(
        "data", "hab-mc-001-questionnaire.json"
    )
    path = tmp_path / "q.json"
    path.write_bytes(questionnaire.read_bytes())
    assert sample_questionnaire().items
    status = main(
        ["review", str(demo_file), "--questionnaire", str(path), "--format", "markdown"]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith("# Review of urn:microcred:synthetic:micro-credential:")
    assert "assessment.no-questionnaire" not in out


def test_review_against_an_official_download(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --esco-csv the demo's occupations are unknown there: exit 1."""
    assert main(["review", str(demo_file), "--esco-csv", str(OFFICIAL)]) == 1
    assert "esco.unknown-occupation" in capsys.readouterr().out


def test_esco_search(capsys: pytest.CaptureFixture[str]) -> None:
    """Search prints scores, kinds, labels, IRIs and the attribution."""
    assert main(["esco", "search", "insulation worker", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1.00  occupation  insulation worker")
    assert INSULATION_WORKER in out
    assert "© European Union" in out


def test_esco_search_json(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON search output lists the hits in order."""
    assert main(["esco", "search", "heat pump", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows
    assert {"iri", "kind", "preferredLabel", "matchedLabel", "score"} == set(rows[0])


def test_esco_occupation_lists_hierarchy_and_skills(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The occupation command shows ISCO groups and essential/optional skills."""
    assert main(["esco", "occupation", INSULATION_WORKER]) == 0
    out = capsys.readouterr().out
    assert "ISCO 7124  Insulation workers" in out
    assert "essential skills (20):" in out
    assert "cut insulation material to size" in out


def test_esco_occupation_unknown_iri_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An IRI the catalogue lacks is a one-line error, exit 2."""
    assert main(["esco", "occupation", "http://example.org/nope"]) == 2
    assert "not an occupation" in capsys.readouterr().err


def test_esco_suggest(capsys: pytest.CaptureFixture[str]) -> None:
    """Suggestions show the matched words and the relation to the occupation."""
    args = ["esco", "suggest", "Cut insulation boards to size."]
    assert main([*args, "--occupation", INSULATION_WORKER]) == 0
    out = capsys.readouterr().out
    assert "cut insulation material to size  [essential]" in out
    assert "matched: Cut, insulation, size" in out
