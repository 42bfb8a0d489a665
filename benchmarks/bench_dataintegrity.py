"""Data Integrity speed: microcred's eddsa-rdfc-2022 against the plain pyld way.

Run: ``PYTHONPATH=src python benchmarks/bench_dataintegrity.py``

Both sides sign and verify the EU micro-credential sample (Annex I, unsigned;
read from ``$MICROCRED_ANCHORS`` or ``../shared/anchors``) with the same
Ed25519 key. The baseline is what a Python developer would write with pyld:
``jsonld.normalize`` (URDNA2015) of the document and of the proof options,
SHA-256 of each, Ed25519 over the concatenation. Figures are operations per
second over a fixed number of rounds, medians of five runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pyld import jsonld

from microcred.jsonld import default_registry
from microcred.securing.dataintegrity import sign, verify_proof
from microcred.securing.keys import PrivateKey

# The checkout sits beside ``shared/`` (or one level deeper, in a worktree).
_DEFAULTS = [Path(__file__).parents[n] / "shared" / "anchors" for n in (2, 3)]
ANCHORS = Path(
    os.environ.get("MICROCRED_ANCHORS")
    or next((p for p in _DEFAULTS if p.is_dir()), _DEFAULTS[0])
)
SAMPLE = ANCHORS / "edc/samples/eu-elm-github-2023/Sample-MC-Annex1-unsigned.jsonld"
ROUNDS = 20
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def _rate(operation: Callable[[], object]) -> float:
    operation()  # warm caches on both sides alike
    rates = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(ROUNDS):
            operation()
        rates.append(ROUNDS / (time.perf_counter() - started))
    return statistics.median(rates)


def _pyld_normalize(document: dict[str, Any]) -> bytes:
    loader = default_registry().document_loader()
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": loader,
    }
    return str(jsonld.normalize(document, options)).encode("utf-8")


def _pyld_hash_data(document: dict[str, Any], proof: dict[str, Any]) -> bytes:
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    config["@context"] = unsecured["@context"]
    proof_hash = hashlib.sha256(_pyld_normalize(config)).digest()
    return proof_hash + hashlib.sha256(_pyld_normalize(unsecured)).digest()


def main() -> None:
    """Print sign/s and verify/s for both ways and their ratio."""
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    key = PrivateKey.generate("Ed25519")
    did = key.did_key()
    method = f"{did}#{did.removeprefix('did:key:')}"
    document["issuer"]["id"] = did

    signed = sign(document, key, verification_method=method, created=CREATED)
    assert verify_proof(signed).valid
    signature = bytes(key.sign(_pyld_hash_data(signed, signed["proof"])))

    def pyld_sign() -> bytes:
        return key.sign(_pyld_hash_data(signed, signed["proof"]))

    def pyld_verify() -> None:
        key.public_key.verify(signature, _pyld_hash_data(signed, signed["proof"]))

    def ours_sign() -> dict[str, Any]:
        return sign(document, key, verification_method=method, created=CREATED)

    results = {
        "sign/s": (_rate(ours_sign), _rate(pyld_sign)),
        "verify/s": (_rate(lambda: verify_proof(signed)), _rate(pyld_verify)),
    }
    unsecured = {k: v for k, v in signed.items() if k != "proof"}
    quads = _pyld_normalize(unsecured).count(b"\n")
    print(f"document: {SAMPLE.name} ({quads} quads); {ROUNDS} rounds, median of 5")
    print(f"{'eddsa-rdfc-2022':24}{'microcred':>12}{'pyld way':>12}{'ratio':>8}")
    for name, (ours, theirs) in results.items():
        print(f"{name:24}{ours:12.1f}{theirs:12.1f}{ours / theirs:8.2f}")
    ratio = results["verify/s"][0] / results["verify/s"][1]
    print(f"verify floor (>= 3x the pyld way): {'met' if ratio >= 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
