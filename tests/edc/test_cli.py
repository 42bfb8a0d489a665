"""The demo, inspect and convert commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from microcred._cli import main
from microcred.edc import read_edc

from .conftest import VECTORS

SIGNED = VECTORS / "Sample-MC-Annex1-signed.jsonld"


def test_demo_writes_a_synthetic_credential(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """demo needs no input, writes credential.jsonld and says it is synthetic."""
    status = main(["demo", "--out", str(tmp_path), "--issued", "2026-03-01T09:30:00Z"])
    output = capsys.readouterr().out
    assert status == 0
    assert "SYNTHETIC" in output
    assert "decision: awarded" in output
    assert "validation: conforms" in output
    written = {p.name for p in tmp_path.iterdir()}
    assert written == {
        "credential.jsonld",
        "micro-credential.json",
        "questionnaire.json",
        "responses.json",
        "upload-form.json",
    }
    reading = read_edc(tmp_path / "credential.jsonld")
    assert reading.award is not None
    assert reading.award.micro_credential.title.get_text("en").startswith("(SYNTHETIC)")


def test_demo_is_deterministic_for_a_given_date(tmp_path: Path) -> None:
    """Two demo runs with the same --issued give the same bytes."""
    for name in ("a", "b"):
        main(
            ["demo", "--out", str(tmp_path / name), "--issued", "2026-03-01T09:30:00Z"]
        )
    for written in (tmp_path / "a").iterdir():
        assert written.read_bytes() == (tmp_path / "b" / written.name).read_bytes()


def test_inspect_summarises_the_eu_sample(capsys: pytest.CaptureFixture[str]) -> None:
    """inspect prints title, learner, issuer, EQF, workload, ESCO links, flags."""
    assert main(["inspect", str(SIGNED)]) == 0
    output = capsys.readouterr().out
    for expected in (
        "title: Digital micro-credential creation",
        "learner: Ana Andromeda",
        "EQF level: 6",
        "workload: 2 ECTS, PT60H",
        "ESCO skill http://data.europa.eu/esco/skill/",
        "P60M",
    ):
        assert expected in output


def test_inspect_a_certificate_of_participation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A credential that is not an Award is still summarised."""
    assert main(["inspect", str(VECTORS / "Sample-CertOfPart-signed.jsonld")]) == 0
    assert "LearningActivity" in capsys.readouterr().out


def test_convert_refuses_to_drop_unmapped_data_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """EDC -> JSON with data the Award cannot hold needs an explicit choice."""
    status = main(
        ["convert", str(SIGNED), "--to", "json", "--out", str(tmp_path / "a")]
    )
    assert status == 2
    assert "--unmapped" in capsys.readouterr().err


def test_convert_round_trip_keeps_everything(tmp_path: Path) -> None:
    """EDC -> Award JSON + unmapped file -> EDC gives the source graph back."""
    award_json, unmapped, back = (
        tmp_path / n for n in ("a.json", "u.json", "b.jsonld")
    )
    assert main(
        ["convert", str(SIGNED), "--to", "json", "--out", str(award_json),
         "--unmapped", str(unmapped)]
    ) == 0  # fmt: skip
    assert main(
        ["convert", str(award_json), "--to", "edc", "--out", str(back),
         "--unmapped", str(unmapped)]
    ) == 0  # fmt: skip
    source = read_edc(SIGNED).credential
    assert json.loads(back.read_bytes()) == source


def test_convert_writes_an_empty_unmapped_file_that_reads_back(
    tmp_path: Path,
) -> None:
    """With nothing unmapped, --unmapped still writes a file the reverse accepts."""
    main(["demo", "--out", str(tmp_path), "--issued", "2026-03-01T09:30:00Z"])
    credential = tmp_path / "credential.jsonld"
    award_json, unmapped, back = (
        tmp_path / n for n in ("a.json", "u.json", "b.jsonld")
    )
    assert main(
        ["convert", str(credential), "--to", "json", "--out", str(award_json),
         "--unmapped", str(unmapped)]
    ) == 0  # fmt: skip
    assert json.loads(unmapped.read_bytes()) == []
    assert main(
        ["convert", str(award_json), "--to", "edc", "--out", str(back),
         "--unmapped", str(unmapped)]
    ) == 0  # fmt: skip
    assert json.loads(back.read_bytes()) == json.loads(credential.read_bytes())


def test_demo_onto_a_file_says_to_name_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """demo --out naming an existing file: one line saying to name a folder."""
    existing = tmp_path / "out"
    existing.write_text("not a folder")
    assert main(["demo", "--out", str(existing)]) == 2
    err = capsys.readouterr().err
    assert f"{existing}: is a file" in err
    assert "folder" in err
    assert "Errno" not in err


def test_bad_input_is_one_line_and_exit_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken file gives a one-line error naming the problem, not a traceback."""
    broken = tmp_path / "broken.jsonld"
    broken.write_text('{"@context": ')
    assert main(["inspect", str(broken)]) == 2
    error = capsys.readouterr().err
    assert "not valid JSON" in error
    assert "Traceback" not in error


def test_demo_outputs_score_and_review_as_the_demo_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The questionnaire and answers the demo wrote score to the same decision."""
    main(["demo", "--out", str(tmp_path), "--issued", "2026-03-01T09:30:00Z"])
    capsys.readouterr()
    files = [str(tmp_path / n) for n in ("questionnaire.json", "responses.json")]
    assert main(["score", *files, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["awarded"] is True
    assert main(["validate", str(tmp_path / "credential.jsonld")]) == 0
