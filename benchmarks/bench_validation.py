"""EDC SHACL validation speed: microcred's fast path against the plain way.

Run: PYTHONPATH=src /work/venv/bin/python benchmarks/bench_validation.py

The document is the EU's sealed micro-credential (tests/vectors/edc). The plain
way is what a developer would write first: pyld to RDF, rdflib, pyshacl; once
with the shapes parsed for every credential and once with them parsed once. All
three are measured in the same run, so the ratios hold on a busy machine too.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pyshacl
import rdflib

from microcred._jsonio import load_json, open_envelope
from microcred.jsonld import to_nquads
from microcred.validation import validate_edc

SAMPLE = (
    Path(__file__).parents[1]
    / "tests"
    / "vectors"
    / "edc"
    / "Sample-MC-Annex1-signed.jsonld"
)
SHAPE_FILES = ("EDC-generic-no-cv.ttl", "EDC-generic-full.ttl")


def parse_shapes() -> rdflib.Graph:
    graph = rdflib.Graph()
    folder = resources.files("microcred.validation").joinpath("shapes")
    for name in SHAPE_FILES:
        graph.parse(
            data=folder.joinpath(name).read_text(encoding="utf-8"), format="turtle"
        )
    return graph


def plain(data: bytes, shapes: rdflib.Graph | None) -> bool:
    envelope = open_envelope(load_json(data))
    assert envelope is not None
    graph = rdflib.Graph()
    graph.parse(data=to_nquads(envelope.credential), format="nt")
    conforms, _, _ = pyshacl.validate(graph, shacl_graph=shapes or parse_shapes())
    return bool(conforms)


def rate(name: str, run: Callable[[], bool], seconds: float) -> float:
    assert run(), f"{name}: the sample must conform"  # warm-up, and a sanity check
    times = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(times) < 3:
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{name:<44} {1 / median:8.1f} validations/s  "
          f"(median {median * 1000:7.1f} ms over {len(times)} runs)")  # fmt: skip
    return 1 / median


def main() -> None:
    data = SAMPLE.read_bytes()
    cached = parse_shapes()
    print(f"document: {SAMPLE.name} ({len(data)} bytes, JAdES envelope)")
    slow = rate("plain: pyld + pyshacl, shapes parsed each time",
                lambda: plain(data, None), 8)  # fmt: skip
    warm = rate("plain: pyld + pyshacl, shapes cached", lambda: plain(data, cached), 8)
    fast = rate("microcred.validation.validate_edc",
                lambda: validate_edc(data).conforms, 8)  # fmt: skip
    print(f"ratio fast / plain (shapes each time): {fast / slow:6.1f}x")
    print(f"ratio fast / plain (shapes cached):    {fast / warm:6.1f}x")


if __name__ == "__main__":
    main()
