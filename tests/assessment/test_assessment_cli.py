"""The score and analyse commands."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from microcred._cli import main
from microcred._cli.assessment import Progress
from microcred.assessment._samples import (
    SAMPLE_QUESTIONNAIRE_FILE,
    SAMPLE_RESPONSES_FILE,
    sample_data,
)

VECTORS = Path(__file__).parents[1] / "vectors" / "assessment"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    questionnaire = tmp_path / "questionnaire.json"
    responses = tmp_path / "responses.json"
    questionnaire.write_bytes(sample_data(SAMPLE_QUESTIONNAIRE_FILE))
    responses.write_bytes(sample_data(SAMPLE_RESPONSES_FILE))
    return questionnaire, responses


def test_score_prints_outcomes_and_decision(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The text report lists each outcome and ends with the decision."""
    assert main(["score", *map(str, files)]) == 0
    out = capsys.readouterr().out
    assert "LO1: met" in out
    assert "decision: AWARDED" in out


def test_score_json_has_awarded_outcomes_and_score(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """--json prints an object with at least awarded, outcomes and score."""
    assert main(["score", *map(str, files), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["awarded"] is True
    assert [o["id"] for o in document["outcomes"]] == ["LO1", "LO2", "LO3", "LO4"]
    assert 0 < document["score"] <= 1


def test_score_unknown_item_is_one_line_exit_2(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A response to an unknown item: exit 2 and a message naming it."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"q99": "a"}')
    assert main(["score", str(files[0]), str(bad)]) == 2
    assert "q99" in capsys.readouterr().err


def test_score_malformed_json_exit_2(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Malformed responses JSON is reported, not a traceback."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"q01": ')
    assert main(["score", str(files[0]), str(bad)]) == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_analyse_a_score_matrix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A matrix of item scores gives the worked example's alpha."""
    vectors = json.loads((VECTORS / "worked_examples.json").read_text())
    cohort = tmp_path / "cohort.json"
    matrix = vectors["item_statistics"]["matrix_rows_learners_cols_items"]
    cohort.write_text(json.dumps({"scores": matrix}))
    assert main(["analyse", str(cohort), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert round(document["summary"]["alpha"], 6) == 0.644105
    assert len(document["items"]) == 5


def test_analyse_attempts_with_a_questionnaire(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Attempts are scored with --questionnaire, then analysed item by item."""
    responses = json.loads(files[1].read_text())
    attempts = [
        {"learner": "a", "responses": responses},
        {"learner": "b", "responses": {}},
        {"learner": "c", "responses": responses | {"q10": False, "q02": ["eps"]}},
    ]
    cohort = tmp_path / "cohort.json"
    cohort.write_text(json.dumps({"attempts": attempts}))
    assert main(["analyse", str(cohort), "--questionnaire", str(files[0])]) == 0
    out = capsys.readouterr().out
    assert "3 learners, 14 items" in out
    assert "awarded: 2 of 3" in out


def test_analyse_refuses_non_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text where an item score belongs is named by its place."""
    cohort = tmp_path / "cohort.json"
    cohort.write_text(json.dumps({"scores": [[1, 0], [0, "x"]]}))
    assert main(["analyse", str(cohort)]) == 2
    assert "scores[1][1]" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bar draws on a terminal and stays silent when stderr is a file."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    progress = Progress("scoring", enabled=True)
    for done in range(1, 5):
        progress(done, 4)
    assert "scoring [" in terminal.getvalue()
    assert terminal.getvalue().endswith("4/4\n")
    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)
    Progress("scoring", enabled=True)(1, 4)
    assert plain.getvalue() == ""


def test_score_against_a_micro_credential(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--micro-credential checks the questionnaire against the catalogue entry."""
    from microcred.model import synthetic_examples

    entry = tmp_path / "mc.json"
    entry.write_text(synthetic_examples()[0].model_dump_json(by_alias=True))
    assert main(["score", *map(str, files), "--micro-credential", str(entry)]) == 0
    assert "decision: AWARDED" in capsys.readouterr().out
    other = synthetic_examples()[1]
    entry.write_text(other.model_dump_json(by_alias=True))
    assert main(["score", *map(str, files), "--micro-credential", str(entry)]) == 2
    assert "error" in capsys.readouterr().err
