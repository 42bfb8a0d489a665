"""Open Badges 3.0 export, schema check and read-back, against plain baselines.

Run: ``PYTHONPATH=src python benchmarks/bench_ob3.py``. Input: microcred's demo
award, the 1EdTech validator fixture ``simple.json`` (Apache-2.0, in
``tests/vectors/ob3``) and 1EdTech's AchievementCredential JSON Schema, read from
the anchors (``MICROCRED_ANCHORS`` or ``../shared/anchors``; it has no licence that
lets us copy it). Baselines, measured in the same run:

- export: serialising the same award with pydantic (``model_dump(mode="json")``),
  the least any exporter must do;
- schema check: a fresh ``jsonschema`` validator built and run for each call (what a
  caller without microcred writes), against microcred's cached one; microcred's
  own required-field check (no schema) is reported against the same baseline;
- read-back: ``json.loads`` of the same credential.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema

from microcred._jsonio import dumps
from microcred.model import demo_award
from microcred.ob3 import from_ob3, ob3_schema_issues, to_ob3

FIXTURE = (
    Path(__file__).parents[1] / "tests/vectors/ob3/validator-fixtures/ob30/simple.json"
)
ANCHORS = Path(
    os.environ.get("MICROCRED_ANCHORS") or Path(__file__).parents[2] / "shared/anchors"
)
SCHEMA = ANCHORS / "ob3/schema/ob_v3p0_achievementcredential_schema.json"


def rate(action: Callable[[], Any], seconds: float = 1.5) -> float:
    """Calls per CPU second of ``action`` over about ``seconds`` (after a warm-up)."""
    action()
    count, start = 0, time.process_time()
    while (elapsed := time.process_time() - start) < seconds:
        action()
        count += 1
    return count / elapsed


def report(name: str, ours: float, baseline: float, baseline_name: str) -> None:
    """One line: our rate, the baseline's, and the ratio."""
    print(
        f"{name:<28} {ours:10.0f}/s   {baseline_name:<30} {baseline:10.0f}/s"
        f"   ratio {ours / baseline:6.2f}"
    )


def main() -> None:
    award = demo_award(datetime(2026, 3, 1, tzinfo=UTC))
    badge = to_ob3(award)
    text = dumps(badge)
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))

    def fresh_check(document: Any) -> Callable[[], Any]:
        return lambda: list(
            jsonschema.Draft201909Validator(schema).iter_errors(document)
        )

    report(
        "to_ob3 (demo award)",
        rate(lambda: to_ob3(award)),
        rate(lambda: award.model_dump(mode="json")),
        "pydantic model_dump(json)",
    )
    for name, document in (("demo badge", badge), ("1EdTech simple.json", fixture)):
        report(
            f"schema check ({name})",
            rate(lambda d=document: ob3_schema_issues(d, schema=schema)),
            rate(fresh_check(document)),
            "jsonschema, validator per call",
        )
        report(
            f"required fields ({name})",
            rate(lambda d=document: ob3_schema_issues(d)),
            rate(fresh_check(document)),
            "jsonschema, validator per call",
        )
    report(
        "from_ob3 (demo badge bytes)",
        rate(lambda: from_ob3(text)),
        rate(lambda: json.loads(text)),
        "json.loads",
    )


if __name__ == "__main__":
    main()
