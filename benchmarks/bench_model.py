"""How long parsing and dumping the models takes, against a plain baseline.

Run: PYTHONPATH=src python benchmarks/bench_model.py

The baseline is orjson reading the same JSON into dicts (no validation), so the
ratios say what validation into typed, immutable models costs on top of parsing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

import orjson

from microcred.model import Award, MicroCredential, demo_award, synthetic_examples


def _per_call(function: Callable[[], object], seconds: float = 1.0) -> float:
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        function()
        calls += 1
    return (time.perf_counter() - start) / calls


def main() -> None:
    """Print microseconds per operation and the ratio to the baseline."""
    entry = synthetic_examples()[2]
    award = demo_award(datetime(2026, 5, 4, 12, tzinfo=UTC), entry)
    entry_json = entry.model_dump_json().encode()
    award_json = award.model_dump_json().encode()
    entry_dict = orjson.loads(entry_json)

    mc = MicroCredential
    rows: list[tuple[str, Callable[[], object]]] = [
        ("baseline: orjson.loads(micro-credential)", lambda: orjson.loads(entry_json)),
        (
            "MicroCredential.model_validate_json",
            lambda: mc.model_validate_json(entry_json),
        ),
        (
            "MicroCredential.from_json (bounded reader)",
            lambda: mc.from_json(entry_json),
        ),
        ("MicroCredential.model_validate(dict)", lambda: mc.model_validate(entry_dict)),
        (
            "MicroCredential.model_dump(mode='json')",
            lambda: entry.model_dump(mode="json"),
        ),
        ("baseline: orjson.loads(award)", lambda: orjson.loads(award_json)),
        ("Award.from_json", lambda: Award.from_json(award_json)),
    ]
    baseline = 0.0
    print(
        f"{len(entry_json)} bytes of micro-credential JSON, {len(award_json)} of award"
    )
    for label, function in rows:
        seconds = _per_call(function)
        if label.startswith("baseline"):
            baseline = seconds
        print(f"{label:46s} {seconds * 1e6:9.1f} µs  x{seconds / baseline:6.1f}")


if __name__ == "__main__":
    main()
