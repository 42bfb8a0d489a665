"""EDC write and read throughput, against the plain JSON-LD way, in one run.

Run: ``PYTHONPATH=src python benchmarks/bench_edc.py``. Documents: the EU's
micro-credential sample (``tests/vectors/edc/Sample-MC-Annex1-unsigned.jsonld``,
EUPL-1.2) and microcred's demo credential. "Plain" is what a caller without
microcred would do with the same document: pyld expansion then compaction
against the EDC context, offline through microcred's bundled loader.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pyld import jsonld

from microcred.edc import read_edc, to_edc_json
from microcred.jsonld import default_registry
from microcred.model import Award, demo_award

VECTORS = Path(__file__).parents[1] / "tests" / "vectors" / "edc"
SAMPLE = VECTORS / "Sample-MC-Annex1-unsigned.jsonld"


def rate(action: Callable[[], Any], seconds: float = 2.0) -> float:
    """Calls per CPU second of ``action`` over about ``seconds`` (after a warm-up).

    CPU time of this process, not wall time: on a shared machine the wall clock
    also counts time spent waiting for a core, and the floors are per core.
    """
    action()
    count, start = 0, time.process_time()
    while (elapsed := time.process_time() - start) < seconds:
        action()
        count += 1
    return count / elapsed


def demo() -> Award:
    """The CLI's demo award (synthetic, with the issuer's eIDAS identifier)."""
    award = demo_award(datetime(2026, 3, 1, tzinfo=UTC))
    mc = award.micro_credential
    issuer = mc.issuer.replace(eidas_identifier="VATES-SYNTHETIC0")
    return award.replace(
        micro_credential=mc.replace(issuer=issuer, awarding_body=issuer)
    )


def plain(document: dict[str, Any]) -> Callable[[], Any]:
    """pyld expand + compact, offline, with the document's own context."""
    options = {"documentLoader": default_registry().document_loader()}
    context = {"@context": document["@context"]}

    def run() -> Any:
        expanded = jsonld.expand(document, options)
        return jsonld.compact(expanded, context, options)

    return run


def main() -> None:
    sample_bytes = SAMPLE.read_bytes()
    sample = read_edc(sample_bytes)
    assert sample.award is not None
    award = demo()
    demo_bytes = to_edc_json(award)
    demo_reading = read_edc(demo_bytes)

    rows = [
        ("EU sample", sample.award, sample.unmapped, sample_bytes, sample.credential),
        ("demo", award, demo_reading.unmapped, demo_bytes, demo_reading.credential),
    ]
    print(
        f"{'document':10} {'write/s':>9} {'read/s':>9} {'plain/s':>9} "
        f"{'write x':>8} {'read x':>8}"
    )
    for name, model, unmapped, data, document in rows:
        write = rate(lambda m=model, u=unmapped: to_edc_json(m, unmapped=u))
        read = rate(lambda d=data: read_edc(d))
        baseline = rate(plain(document), seconds=3.0)
        print(
            f"{name:10} {write:9.0f} {read:9.0f} {baseline:9.1f} "
            f"{write / baseline:8.0f} {read / baseline:8.0f}"
        )
    # Write-back after an edit: the Award changed, so the unmapped data is
    # replayed operation by operation (the unchanged case above skips that).
    learner = sample.award.learner.replace(full_name="Ana B. Andromeda")
    edited = sample.award.replace(learner=learner)
    replay = rate(lambda: to_edc_json(edited, unmapped=sample.unmapped))
    print(f"EU sample, edited then written back: {replay:.0f}/s")
    print(
        f"(EU sample: {len(sample_bytes)} bytes, {len(sample.unmapped.ops)} unmapped "
        f"values; demo: {len(demo_bytes)} bytes; floors: write >= 1000/s, "
        "read >= 200/s)"
    )


if __name__ == "__main__":
    main()
