"""The keygen, sign and verify commands, end to end through main()."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from microcred._cli import main
from microcred.securing import keys

CREDENTIAL = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "id": "urn:uuid:0b0c3a56-0000-4000-8000-000000000004",
    "type": ["VerifiableCredential"],
    "validFrom": "2026-01-01T00:00:00Z",
    "validUntil": "2030-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:learner"},
}


def _keygen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> tuple[Path, str]:
    key_path = tmp_path / f"issuer.{fmt}"
    assert main(["keygen", str(key_path), "--format", fmt]) == 0
    out = capsys.readouterr().out
    did = next(
        line.split(": ", 1)[1]
        for line in out.splitlines()
        if line.startswith("did:key")
    )
    return key_path, did


@pytest.mark.parametrize("fmt", ["pem", "jwk"])
def test_keygen_writes_0600_and_prints_only_public(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """The private key goes to a 0600 file; stdout shows the did:key and public JWK."""
    key_path = tmp_path / f"k.{fmt}"
    assert main(["keygen", str(key_path), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    data = key_path.read_bytes()
    key = (
        keys.PrivateKey.from_pem(data)
        if fmt == "pem"
        else keys.PrivateKey.from_jwk(json.loads(data))
    )
    assert key.did_key() in out
    assert key.to_jwk(private=True)["d"] not in out
    assert "PRIVATE" not in out


def test_keygen_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing key file is not clobbered without --force."""
    key_path = tmp_path / "k.pem"
    key_path.write_text("precious")
    assert main(["keygen", str(key_path)]) == 2
    assert key_path.read_text() == "precious"
    assert main(["keygen", str(key_path), "--force"]) == 0


def _sign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suite: str = "jwt"
) -> tuple[Path, str]:
    key_path, did = _keygen(tmp_path, capsys, "pem")
    credential = dict(CREDENTIAL, issuer=did)
    source = tmp_path / "credential.json"
    source.write_text(json.dumps(credential))
    out = tmp_path / "credential.jwt"
    method = f"{did}#{did.removeprefix('did:key:')}"
    status = main([
        "sign", str(source), "--suite", suite, "--key", str(key_path),
        "--verification-method", method, "--out", str(out),
    ])  # fmt: skip
    assert status == 0
    return out, did


def _verify_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any]:
    capsys.readouterr()
    status = main(["verify", *args, "--json"])
    return status, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("suite", ["jwt", "ob3-jwt", "cose"])
def test_sign_then_verify_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suite: str
) -> None:
    """A signed JWT verifies: exit 0, valid true, a passed signature check."""
    token_path, _ = _sign(tmp_path, capsys, suite)
    status, data = _verify_json(capsys, str(token_path))
    assert status == 0
    assert data["valid"] is True
    by_name = {c["check"]: c for c in data["checks"]}
    assert by_name["signature"]["status"] == "passed"
    assert by_name["trust"]["status"] == "skipped"
    assert set(by_name["signature"]) >= {"check", "status", "message"}


def test_verify_with_trust_anchors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With anchors, only a listed issuer is valid; otherwise exit 1."""
    token_path, did = _sign(tmp_path, capsys)
    status, data = _verify_json(
        capsys, str(token_path), "--trust", "did:example:ministry"
    )
    assert status == 1
    assert data["valid"] is False
    status, data = _verify_json(capsys, str(token_path), "--trust", did)
    assert status == 0


def test_verify_at_and_tampering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--at after validUntil is expired; a changed byte is invalid (exit 1)."""
    token_path, _ = _sign(tmp_path, capsys)
    status, data = _verify_json(capsys, str(token_path), "--at", "2031-01-01T00:00:00Z")
    assert status == 1
    assert any(c.get("outcome") == "expired" for c in data["checks"])
    header, payload, signature = token_path.read_text().strip().split(".")
    # Change a character in the middle: an Ed25519 signature often already ends
    # in "AA" (its last byte is small), so overwriting the tail may change nothing.
    flipped = "B" if signature[10] != "B" else "C"
    token_path.write_text(
        f"{header}.{payload}.{signature[:10]}{flipped}{signature[11:]}"
    )
    status, _ = _verify_json(capsys, str(token_path))
    assert status == 1


def test_verify_human_output_and_bad_at(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plain output ends in VALID; a naive --at is a one-line error."""
    token_path, _ = _sign(tmp_path, capsys)
    capsys.readouterr()
    assert main(["verify", str(token_path)]) == 0
    assert capsys.readouterr().out.strip().endswith("VALID")
    assert main(["verify", str(token_path), "--at", "2026-01-01T00:00:00"]) == 2
    assert "time zone" in capsys.readouterr().err


def test_unsigned_credential_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bare credential is not valid: no proof or seal."""
    path = tmp_path / "bare.json"
    path.write_text(json.dumps(dict(CREDENTIAL, issuer="did:example:x")))
    status, data = _verify_json(capsys, str(path))
    assert status == 1
    signature = next(c for c in data["checks"] if c["check"] == "signature")
    assert "no proof or seal" in signature["message"]


def test_signing_time_for_a_jwt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--at signing-time needs a stated time; a vc+jwt without iat says so."""
    token_path, _ = _sign(tmp_path, capsys)
    status, data = _verify_json(capsys, str(token_path), "--at", "signing-time")
    assert status == 1
    assert "signing time" in data["checks"][0]["message"]


def test_keygen_onto_an_existing_file_says_to_use_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """keygen never overwrites silently: one line naming the file and --force."""
    existing = tmp_path / "issuer.pem"
    existing.write_bytes(b"keep me")
    assert main(["keygen", str(existing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(existing) in err
    assert "--force" in err
    assert "Errno" not in err
    assert existing.read_bytes() == b"keep me"


def test_verify_a_missing_file_is_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """verify on a file that does not exist: exit 2, the file and the reason."""
    missing = tmp_path / "missing.json"
    assert main(["verify", str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"{missing}: cannot read the file: No such file or directory" in err
    assert "Errno" not in err


def test_verify_help_points_sealed_credentials_to_signing_time(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--help says to use --at signing-time when the seal certificate has expired."""
    with pytest.raises(SystemExit):
        main(["verify", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "use --at signing-time for sealed credentials whose certificate" in text
    assert "has since expired" in text
