"""Data Integrity speed: microcred's eddsa-rdfc-2022 against the plain pyld way.

Run: ``PYTHONPATH=src python benchmarks/bench_dataintegrity.py``

Both sides sign and verify the EU micro-credential sample (Annex I, unsigned;
read from ``$MICROCRED_ANCHORS`` or ``../shared/anchors``) with the same
Ed25519 key. The baseline is what a Python developer would write with pyld:
``jsonld.normalize`` (URDNA2015) of the document and of the proof options,
SHA-256 of each, Ed25519 over the concatenation. Figures are operations per
second over 20 rounds, the two ways measured in alternation five times (so a
change of machine load favours neither); medians of the rates and of the ratios.
The check that an EDC's repeated nodes are identical copies (part of every
RDFC sign and verify) is timed on its own, in microseconds per document.
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
from microcred.jsonld._nodes import find_divergent_copies
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
    started = time.perf_counter()
    for _ in range(ROUNDS):
        operation()
    return ROUNDS / (time.perf_counter() - started)


def _compare(
    ours: Callable[[], object], theirs: Callable[[], object]
) -> tuple[float, float, float]:
    """Median rates and median ratio, the two sides measured in alternation.

    Alternating keeps a change of machine load from favouring either side.
    """
    ours(), theirs()  # warm caches on both sides alike
    pairs = [(_rate(ours), _rate(theirs)) for _ in range(5)]
    return (
        statistics.median(p[0] for p in pairs),
        statistics.median(p[1] for p in pairs),
        statistics.median(p[0] / p[1] for p in pairs),
    )


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


def _copies_micros(document: dict[str, Any]) -> float:
    """Microseconds for one identical-copies check (best of five batches)."""
    rounds = 200
    batches = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(rounds):
            find_divergent_copies(document)
        batches.append((time.perf_counter() - started) / rounds)
    return min(batches) * 1e6


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
        "sign/s": _compare(ours_sign, pyld_sign),
        "verify/s": _compare(lambda: verify_proof(signed), pyld_verify),
    }
    unsecured = {k: v for k, v in signed.items() if k != "proof"}
    quads = _pyld_normalize(unsecured).count(b"\n")
    print(f"document: {SAMPLE.name} ({quads} quads); {ROUNDS} rounds x 5, medians")
    print(f"{'eddsa-rdfc-2022':24}{'microcred':>12}{'pyld way':>12}{'ratio':>8}")
    for name, (ours, theirs, ratio) in results.items():
        print(f"{name:24}{ours:12.1f}{theirs:12.1f}{ratio:8.2f}")
    copies = _copies_micros(signed)
    verify_micros = 1e6 / results["verify/s"][0]
    print(
        f"identical-copies check: {copies:.0f} us per document "
        f"({100 * copies / verify_micros:.1f} % of one verify)"
    )
    ratio = results["verify/s"][2]
    print(f"verify floor (>= 3x the pyld way): {'met' if ratio >= 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
