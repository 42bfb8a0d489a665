"""The ground truth is what its SOURCES.md says it is, byte for byte."""

from __future__ import annotations

import hashlib
import re
from importlib import resources
from pathlib import Path

# Rows of anchors/edc/SOURCES.md's samples table: `path` | source | sha256[:16] | ...
ROW = re.compile(
    r"^\| `(?P<path>[^`]+\.jsonl?d?(?:on)?)` \|[^|]*\| (?P<sha>[0-9a-f]{16}) \|"
)


def _recorded_hashes(anchors: Path) -> dict[str, str]:
    text = (anchors / "edc" / "SOURCES.md").read_text(encoding="utf-8")
    rows = (ROW.match(line) for line in text.splitlines())
    return {m["path"]: m["sha"] for m in rows if m}


def test_every_eu_sample_matches_its_recorded_hash(anchors: Path) -> None:
    """Each EU sample credential hashes to the prefix its SOURCES.md records."""
    recorded = {p: s for p, s in _recorded_hashes(anchors).items() if "/" in p}
    samples = anchors / "edc" / "samples"
    assert len(recorded) >= 6, recorded
    for relative, prefix in recorded.items():
        data = (samples / relative).read_bytes()
        assert hashlib.sha256(data).hexdigest()[:16] == prefix, relative


def test_bundled_edc_context_is_the_anchor(anchors: Path) -> None:
    """The context shipped in the package is byte-identical to the EU's file."""
    shipped = resources.files("microcred.jsonld").joinpath("contexts", "edc-ap.jsonld")
    assert (
        shipped.read_bytes()
        == (anchors / "edc" / "context" / "edc-ap-context.jsonld").read_bytes()
    )
