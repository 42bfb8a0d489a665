"""The W3C vc-di-eddsa and vc-di-ecdsa vectors, reproduced step by step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from di_helpers import CHAIN, ECDSA, EDDSA, key_from_pair, load, registry

from microcred.securing._multibase import base58_encode
from microcred.securing.dataintegrity import hash_data, sign, verify_proof
from microcred.securing.keys import PrivateKey
from microcred.verification import CheckStatus, Outcome


@dataclass(frozen=True)
class Vector:
    """One suite's files: unsigned input, key, config and every step."""

    folder: Path
    suffix: str
    unsigned: Path
    key_file: Path

    def text(self, stem: str) -> str:
        return (self.folder / f"{stem}{self.suffix}.txt").read_bytes().decode("utf-8")

    def json(self, stem: str) -> Any:
        return load(self.folder / f"{stem}{self.suffix}.json")


def _vectors() -> list[Any]:
    found = []
    for config in sorted(
        [*EDDSA.rglob("proofConfig*.json"), *ECDSA.rglob("proofConfig*.json")]
    ):
        folder = config.parent
        if "Ed25519Signature2020" in str(folder):
            continue
        suffix = config.stem.removeprefix("proofConfig")
        root = EDDSA if EDDSA in config.parents else ECDSA
        unsigned = root / (
            "employmentAuth.json" if folder.name == "employ" else "unsigned.json"
        )
        if root is EDDSA:
            key_file = EDDSA / "keyPair.json"
        else:
            key_file = ECDSA / (
                "p384KeyPair.json" if "P384" in suffix else "p256KeyPair.json"
            )
        vector = Vector(folder, suffix, unsigned, key_file)
        name = str(folder.relative_to(root.parent.parent))
        found.append(pytest.param(vector, id=name))
    return found


VECTORS = _vectors()


def test_every_suite_is_covered() -> None:
    """Nine vectors: eddsa rdfc (2) and jcs; ecdsa rdfc (2 + 2) and jcs (2)."""
    assert len(VECTORS) == 9


def _key(vector: Vector) -> PrivateKey:
    return key_from_pair(load(vector.key_file))


@pytest.mark.parametrize("vector", VECTORS)
def test_hash_data_steps(vector: Vector) -> None:
    """Canonical document, canonical proof, both hashes and the combined hash."""
    key = _key(vector)
    data = hash_data(
        load(vector.unsigned), vector.json("proofConfig"), key_type=key.key_type,
        registry=registry(),
    )  # fmt: skip
    assert data.canonical_document.split("\n") == vector.text("canonDoc").split("\n")
    assert data.canonical_proof_config.split("\n") == vector.text("proofCanon").split(
        "\n"
    )
    assert data.document_hash.hex() == vector.text("docHash").strip()
    assert data.proof_config_hash.hex() == vector.text("proofHash").strip()
    assert data.combined.hex() == vector.text("combinedHash").strip()


@pytest.mark.parametrize("vector", VECTORS)
def test_signature_reproduces(vector: Vector) -> None:
    """The deterministic signature equals the vector's, hex and base58btc."""
    key = _key(vector)
    combined = bytes.fromhex(vector.text("combinedHash").strip())
    signature = key.sign(combined)
    assert signature.hex() == vector.text("sigHex").strip()
    assert "z" + base58_encode(signature) == vector.text("sigBTC58").strip()


@pytest.mark.parametrize("vector", VECTORS)
def test_sign_reproduces_signed_document(vector: Vector) -> None:
    """sign() on the unsigned input gives the vector's signed document exactly."""
    config = vector.json("proofConfig")
    signed = sign(
        load(vector.unsigned),
        _key(vector),
        verification_method=config["verificationMethod"],
        cryptosuite=config["cryptosuite"],
        created=datetime.fromisoformat(config["created"]),
        registry=registry(),
    )
    assert signed == vector.json("signed")


@pytest.mark.parametrize("vector", VECTORS)
def test_vector_verifies(vector: Vector) -> None:
    """The signed vector verifies; its issuer is not the key's controller."""
    report = verify_proof(vector.json("signed"), registry=registry())
    (proof,) = report.proofs
    by_name = {check.name: check for check in proof.checks}
    assert by_name["signature"].status is CheckStatus.PASSED
    assert by_name["key"].status is CheckStatus.PASSED
    assert by_name["purpose"].status is CheckStatus.PASSED
    issuer_bound = by_name["issuer"].status is CheckStatus.PASSED
    # The vectors' issuers are https URLs (alumni) or another did:key (employ).
    assert issuer_bound == (by_name["issuer"].outcome is Outcome.OK)


def _chain_keys() -> dict[str, PrivateKey]:
    pairs = load(CHAIN / "multiKeyPairs.json").values()
    keys = [key_from_pair(pair) for pair in pairs]
    return {key.did_key(): key for key in keys}


def _sign_config(document: dict[str, Any], config: dict[str, Any]) -> dict[str, Any]:
    key = _chain_keys()[config["verificationMethod"].partition("#")[0]]
    return sign(
        document,
        key,
        verification_method=config["verificationMethod"],
        created=datetime.fromisoformat(config["created"]),
        proof_id=config.get("id"),
        previous_proof=config.get("previousProof"),
        registry=registry(),
    )


def test_proof_set_and_chain_reproduce() -> None:
    """Proof sets then proof chains reproduce the four signed vectors exactly."""
    document = load(CHAIN / "unsigned.json")
    steps = [
        ("proofSetConfig1.json", "signedProofSet1.json"),
        ("proofSetConfig2.json", "signedProofSet2.json"),
        ("proofChainConfig1.json", "signedProofChain1.json"),
        ("proofChainConfig2.json", "signedProofChain2.json"),
    ]
    for config_name, signed_name in steps:
        document = _sign_config(document, load(CHAIN / config_name))
        assert document == load(CHAIN / signed_name), signed_name


@pytest.mark.parametrize(
    "name",
    ["signedProofSet1.json", "signedProofSet2.json", "signedProofChain1.json",
     "signedProofChain2.json"],
)  # fmt: skip
def test_proof_sets_and_chains_verify(name: str) -> None:
    """Every proof of every proof-set and proof-chain vector verifies."""
    report = verify_proof(load(CHAIN / name), registry=registry())
    for proof in report.proofs:
        signature = next(c for c in proof.checks if c.name == "signature")
        assert signature.status is CheckStatus.PASSED, (name, proof.index)


def test_chain_with_missing_previous_proof_fails() -> None:
    """A chained proof whose previous proof was removed does not verify."""
    document = load(CHAIN / "signedProofChain2.json")
    document["proof"] = [p for p in document["proof"] if "previousProof" in p]
    report = verify_proof(document, registry=registry())
    assert not report.valid
    failed = [c for c in report.checks if c.status is CheckStatus.FAILED]
    assert any(c.outcome is Outcome.MALFORMED for c in failed)


def test_unsupported_suite_is_named() -> None:
    """ecdsa-sd-2023 fails as unsupported, by name."""
    path = ECDSA / "ecdsa-sd-2023" / "employ" / "addSignedSDBase.json"
    report = verify_proof(load(path), registry=registry())
    assert not report.valid
    (proof,) = report.proofs
    assert proof.checks[0].outcome is Outcome.UNSUPPORTED
    assert "ecdsa-sd-2023" in proof.checks[0].message


def test_ed25519signature2020_verifies() -> None:
    """The Ed25519Signature2020 vector: every step, and verification."""
    folder = EDDSA / "Ed25519Signature2020"
    key = key_from_pair(load(EDDSA / "keyPair.json"))
    signed = load(folder / "signedEdSig.json")
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    data = hash_data(
        unsigned, load(folder / "proofConfigEdSig.json"), key_type="Ed25519",
        registry=registry(),
    )  # fmt: skip
    assert data.canonical_document == (folder / "canonDocEdSig.txt").read_text()
    assert data.canonical_proof_config == (folder / "proofCanonEdSig.txt").read_text()
    assert data.combined.hex() == (folder / "combinedHashEdSig.txt").read_text().strip()
    assert (
        key.sign(data.combined).hex()
        == (folder / "sigHexEdSig.txt").read_text().strip()
    )
    report = verify_proof(signed, registry=registry())
    signature = next(c for c in report.checks if c.name == "signature")
    assert signature.status is CheckStatus.PASSED
