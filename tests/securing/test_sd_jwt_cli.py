"""The sign, present and verify commands with SD-JWT."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from microcred._cli import main
from microcred.securing import keys


def _verify_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any]:
    capsys.readouterr()
    status = main(["verify", *args, "--json"])
    return status, json.loads(capsys.readouterr().out)


def _setup(tmp_path: Path) -> tuple[Path, Path, Path, str]:
    issuer = keys.PrivateKey.generate("Ed25519")
    holder = keys.PrivateKey.generate("P-256")
    (tmp_path / "issuer.pem").write_bytes(issuer.to_pem())
    (tmp_path / "holder.pem").write_bytes(holder.to_pem())
    did = issuer.did_key()
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner", "name": "Ada"},
    }
    source = tmp_path / "credential.json"
    source.write_text(json.dumps(credential))
    return source, tmp_path / "issuer.pem", tmp_path / "holder.pem", did


def test_sign_present_verify_with_key_binding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """sign --suite sd-jwt, present --reveal with a KB-JWT, verify --nonce."""
    source, issuer, holder, did = _setup(tmp_path)
    issued, shown = tmp_path / "issued.txt", tmp_path / "shown.txt"
    argv = ["sign", str(source), "--suite", "sd-jwt", "--key", str(issuer),
            "--verification-method", f"{did}#{did[8:]}", "--out", str(issued),
            "--disclose", "credentialSubject.name",
            "--holder-key", str(holder)]  # fmt: skip
    assert main(argv) == 0
    assert issued.read_text().count("~") == 2
    argv = ["present", str(issued), "--reveal", "credentialSubject.name",
            "--holder-key", str(holder), "--audience", "https://v.example",
            "--nonce", "abc", "--out", str(shown)]  # fmt: skip
    assert main(argv) == 0
    status, data = _verify_json(
        capsys, str(shown), "--audience", "https://v.example", "--nonce", "abc"
    )
    assert status == 0, data
    names = [check["check"] for check in data["checks"]]
    assert "disclosures" in names
    assert "key-binding" in names
    status, data = _verify_json(
        capsys, str(shown), "--audience", "https://v.example", "--nonce", "xyz"
    )
    assert status == 1


def test_present_hides_what_is_not_revealed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """present without --reveal drops every disclosure; verify still passes."""
    source, issuer, _, did = _setup(tmp_path)
    issued, shown = tmp_path / "issued.txt", tmp_path / "shown.txt"
    argv = ["sign", str(source), "--suite", "sd-jwt", "--key", str(issuer),
            "--verification-method", f"{did}#{did[8:]}", "--out", str(issued),
            "--disclose", "credentialSubject.name"]  # fmt: skip
    assert main(argv) == 0
    assert main(["present", str(issued), "--out", str(shown)]) == 0
    assert shown.read_text().strip().count("~") == 1
    status, data = _verify_json(capsys, str(shown))
    assert status == 0, data


def test_disclose_needs_the_sd_jwt_suite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--disclose with --suite jwt is a usage error (exit 2), not ignored."""
    source, issuer, _, did = _setup(tmp_path)
    argv = ["sign", str(source), "--suite", "jwt", "--key", str(issuer),
            "--verification-method", f"{did}#{did[8:]}",
            "--disclose", "credentialSubject.name"]  # fmt: skip
    assert main(argv) == 2
    assert "sd-jwt" in capsys.readouterr().err
