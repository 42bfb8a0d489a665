"""The sign, seal and verify commands with Data Integrity suites and JAdES."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _jades_pki import rsa_key, seal_identity
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)

from microcred._cli import main
from microcred.securing import keys

EDC = Path(__file__).parents[1] / "vectors" / "edc"


def _verify_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any]:
    capsys.readouterr()
    status = main(["verify", *args, "--json"])
    return status, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("key_type", "suite"),
    [
        ("Ed25519", "eddsa-rdfc-2022"),
        ("Ed25519", "eddsa-jcs-2022"),
        ("P-256", "ecdsa-rdfc-2019"),
        ("P-384", "ecdsa-jcs-2019"),
    ],
)
def test_sign_with_a_data_integrity_suite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key_type: str, suite: str
) -> None:
    """sign --suite adds a proof that verify accepts; a change makes it fail."""
    key = keys.PrivateKey.generate(key_type)  # type: ignore[arg-type]
    key_path = tmp_path / "key.pem"
    key_path.write_bytes(key.to_pem())
    did = key.did_key()
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner"},
    }
    source = tmp_path / "credential.json"
    source.write_text(json.dumps(credential))
    signed = tmp_path / "signed.json"
    method = f"{did}#{did[8:]}"
    argv = ["sign", str(source), "--suite", suite, "--key", str(key_path),
            "--verification-method", method, "--out", str(signed)]  # fmt: skip
    assert main(argv) == 0
    status, data = _verify_json(capsys, str(signed))
    assert status == 0, data
    document = json.loads(signed.read_text())
    document["credentialSubject"]["id"] = "did:example:mallory"
    signed.write_text(json.dumps(document))
    status, data = _verify_json(capsys, str(signed))
    assert status == 1


def test_seal_then_verify_with_and_without_the_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """seal makes a JAdES EDC; verify --trust ROOT passes, another root fails."""
    identity = seal_identity(rsa_key())
    pem = Encoding.PEM
    (tmp_path / "cert.pem").write_bytes(identity.certificate.public_bytes(pem))
    (tmp_path / "chain.pem").write_bytes(identity.chain[0].public_bytes(pem))
    (tmp_path / "root.pem").write_bytes(identity.root.public_bytes(pem))
    other = seal_identity(rsa_key())
    (tmp_path / "other.pem").write_bytes(other.root.public_bytes(pem))
    (tmp_path / "key.pem").write_bytes(
        identity.key.private_bytes(pem, PrivateFormat.PKCS8, NoEncryption())
    )
    sealed_eu = json.loads((EDC / "Sample-MC-Annex1-signed.jsonld").read_text())
    (tmp_path / "edc.json").write_text(sealed_eu["payload"], encoding="utf-8")
    out = tmp_path / "sealed.json"
    argv = ["seal", str(tmp_path / "edc.json"), "--cert", str(tmp_path / "cert.pem"),
            "--key", str(tmp_path / "key.pem"), "--chain", str(tmp_path / "chain.pem"),
            "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    status, data = _verify_json(capsys, str(out), "--trust", str(tmp_path / "root.pem"))
    assert status == 0, [c for c in data["checks"] if c["status"] == "failed"]
    status, data = _verify_json(
        capsys, str(out), "--trust", str(tmp_path / "other.pem")
    )
    assert status == 1
    trust = next(c for c in data["checks"] if c["check"] == "trust")
    assert trust["outcome"] == "untrusted"
    status, data = _verify_json(capsys, str(out))
    assert status == 0
    assert next(c for c in data["checks"] if c["check"] == "trust")["status"] == (
        "skipped"
    )
