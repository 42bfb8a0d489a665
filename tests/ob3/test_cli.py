"""``microcred ob3 export`` and ``microcred ob3 check``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from microcred._cli import main
from microcred._jsonio import load_json
from microcred.model import demo_award

FIXTURES = Path(__file__).parents[1] / "vectors" / "ob3" / "validator-fixtures" / "ob30"


def test_export_then_check(tmp_path: Path) -> None:
    """An exported award is written to --out and has every required field (exit 0)."""
    award = tmp_path / "award.json"
    demo = demo_award(datetime(2026, 3, 1, tzinfo=UTC))
    award.write_text(demo.model_dump_json(by_alias=True))
    out = tmp_path / "badge.json"

    assert main(["ob3", "export", str(award), "--out", str(out)]) == 0
    assert load_json(out)["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert main(["ob3", "check", str(out), "--required-fields"]) == 0


def test_check_invalid_fixture_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """A credential with a wrong issuer type exits 1 and prints the failing path."""
    source = str(FIXTURES / "simple-err-issuer-type.json")

    assert main(["ob3", "check", source, "--required-fields"]) == 1
    assert "issuer.type:" in capsys.readouterr().out


def test_check_without_a_schema_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No --schema and no --required-fields: one line naming both, exit 2."""
    assert main(["ob3", "check", str(FIXTURES / "simple.json")]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--schema" in err
    assert "--required-fields" in err


def test_check_with_both_choices_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """--schema and --required-fields together are refused in one line."""
    args = ["--schema", str(FIXTURES / "simple.json"), "--required-fields"]

    assert main(["ob3", "check", str(FIXTURES / "simple.json"), *args]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_check_with_a_missing_schema_file_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A schema path that does not exist fails in one line, exit 2."""
    missing = str(tmp_path / "nowhere.json")

    assert (
        main(["ob3", "check", str(FIXTURES / "simple.json"), "--schema", missing]) == 2
    )
    assert "nowhere.json" in capsys.readouterr().err


def test_bad_award_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An award with a missing field fails with exit 2 and a named field."""
    award = tmp_path / "award.json"
    award.write_text('{"id": "urn:x:1"}')

    assert main(["ob3", "export", str(award)]) == 2
    assert "learner" in capsys.readouterr().err


EDC = Path(__file__).parents[1] / "vectors" / "edc"


def test_export_reads_an_eu_edc_micro_credential(tmp_path: Path) -> None:
    """The EU's micro-credential sample (an EDC) exports to a valid OB 3.0 badge."""
    out = tmp_path / "badge.json"
    source = EDC / "Sample-MC-Annex1-unsigned.jsonld"

    assert main(["ob3", "export", str(source), "--out", str(out)]) == 0
    achievement = load_json(out)["credentialSubject"]["achievement"]
    assert achievement["alignment"][0]["targetType"] == "ext:EQF"
    assert main(["ob3", "check", str(out), "--required-fields"]) == 0


def test_edc_that_is_no_award_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A certificate of participation holds no micro-credential award: exit 2."""
    source = EDC / "Sample-CertOfPart-signed.jsonld"

    assert main(["ob3", "export", str(source)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_export_reads_a_jades_sealed_edc(tmp_path: Path) -> None:
    """A JAdES envelope (the EU's sealed sample, as seal writes it) is exported."""
    out = tmp_path / "badge.json"
    source = EDC / "Sample-MC-Annex1-signed.jsonld"

    assert main(["ob3", "export", str(source), "--out", str(out)]) == 0
    assert main(["ob3", "check", str(out), "--required-fields"]) == 0


def test_export_reads_the_demo_upload_form(tmp_path: Path) -> None:
    """The EDC issuer's upload form written by demo is exported like its credential."""
    main(["demo", "--out", str(tmp_path), "--issued", "2026-03-01T09:30:00Z"])
    badges = [tmp_path / "from-form.json", tmp_path / "from-edc.json"]
    sources = [tmp_path / "upload-form.json", tmp_path / "credential.jsonld"]

    for source, out in zip(sources, badges, strict=True):
        assert main(["ob3", "export", str(source), "--out", str(out)]) == 0
    assert load_json(badges[0]) == load_json(badges[1])
