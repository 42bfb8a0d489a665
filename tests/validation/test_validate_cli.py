"""``microcred validate``: exit status, one line per violation, JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from microcred._cli import main


def test_conforming_files_exit_zero(
    vectors: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every file conforms: status 0 and one 'conforms' line each."""
    files = [vectors / "Sample-MC-Annex1-signed.jsonld",
             vectors / "Sample-CertOfPart-signed.jsonld"]  # fmt: skip
    assert main(["validate", *map(str, files)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"{f}: conforms" for f in files]


def test_violations_print_one_line_each_and_exit_one(
    vectors: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A failing file: status 1, a line per violation with file, path and message."""
    path = vectors / "Sample-MC-Annex1-unsigned.jsonld"
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{path}: issued: exactly one is required, found none"
    assert lines[1].startswith(f"{path}: issuer: does not satisfy IssuerNodeShape")
    assert len(lines) == 2


def test_json_output_holds_every_report(
    vectors: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json prints a list with one report per file."""
    files = [vectors / "Sample-MC-Annex1-unsigned.jsonld",
             vectors / "Sample-MC-Annex1-signed.jsonld"]  # fmt: skip
    assert main(["validate", "--json", *map(str, files)]) == 1
    reports = json.loads(capsys.readouterr().out)
    assert [r["conforms"] for r in reports] == [False, True]
    assert reports[0]["violations"][0]["path"] == "issued"


@pytest.mark.parametrize("content", [b'{"id": "urn:x", ', b"not json", b"[1, 2]"])
def test_bad_file_is_one_line_and_exit_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    """Unreadable input: one line on stderr, status 2, no traceback."""
    path = tmp_path / "bad.jsonld"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"{path}: error: ")


def test_a_bad_file_does_not_hide_the_others(
    tmp_path: Path, vectors: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every file is checked; the status is the worst outcome."""
    missing = tmp_path / "missing.jsonld"
    good = vectors / "Sample-MC-Annex1-signed.jsonld"
    assert main(["validate", str(missing), str(good)]) == 2
    captured = capsys.readouterr()
    assert f"{good}: conforms" in captured.out
    assert str(missing) in captured.err


def test_profile_option_overrides_the_claim(
    vectors: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--profile accredited adds the accreditation requirement."""
    path = vectors / "Sample-MC-Annex1-signed.jsonld"
    assert main(["validate", "--profile", "accredited", str(path)]) == 1
    assert "evidence" in capsys.readouterr().out


def test_upload_form_validates_its_inner_credential(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The upload form: its inner credential is validated, and the output says so.

    The form leaves out the issuer (the EDC issuer service adds it from the
    seal certificate), so that one violation is reported, and nothing else.
    """
    main(["demo", "--out", str(tmp_path), "--issued", "2026-03-01T09:30:00Z"])
    capsys.readouterr()
    form = tmp_path / "upload-form.json"
    assert main(["validate", str(form)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{form}: upload form: validated the credential")
    assert lines[1:] == [f"{form}: issuer: exactly one is required, found none"]
    assert main(["validate", "--json", str(form)]) == 1
    report = json.loads(capsys.readouterr().out)[0]
    assert report["note"].startswith("upload form")
    assert [v["path"] for v in report["violations"]] == ["issuer"]
