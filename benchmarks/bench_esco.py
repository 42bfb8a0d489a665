"""ESCO catalogue and review figures (plain Python; prints figures and ratios).

Run: ``PYTHONPATH=src python benchmarks/bench_esco.py``. Targets from issue 5: a
label search over the bundled subset under 1 ms, loading the subset under 300 ms.
Baselines measured in the same run: parsing the subset's CSV files (what the
compact form saves) and a plain case-insensitive substring scan over every label.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from microcred.esco import EscoCatalogue
from microcred.esco._loaders import load_bundled, load_bundled_csv

QUERIES = (
    "insulation",
    "heat pump",
    "window installer",
    "solar panel install",
    "energy audit",
    "plumbing",
    "insul",
    "install",
    "Électricien",
    "apply house wrap",
)
OUTCOME = (
    "Cut and fit insulation boards and strips to size following the "
    "manufacturer's instructions, avoiding thermal bridges."
)


def _times(action: Callable[[], object], repeat: int) -> list[float]:
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        found.append((time.perf_counter() - start) * 1000)
    return found


def _load() -> None:
    load_bundled.cache_clear()
    load_bundled()


def _substring_scan(catalogue: EscoCatalogue, query: str) -> list[str]:
    # The plain way: fold case, test every label of every concept.
    wanted = query.casefold()
    concepts = [*catalogue.occupations.values(), *catalogue.skills.values()]
    return [
        c.iri
        for c in concepts
        if any(
            wanted in label.casefold() for label in (c.preferred_label, *c.alt_labels)
        )
    ]


def main() -> None:
    """Measure and print."""
    load = _times(_load, 7)
    csv = _times(load_bundled_csv, 3)
    print(
        f"load subset (compact form): median {statistics.median(load):7.1f} ms "
        f"(min {min(load):.1f}, max {max(load):.1f})  target < 300 ms"
    )
    print(
        f"baseline: parse CSV + build indexes: median {statistics.median(csv):7.1f} ms"
        f"  ratio {statistics.median(csv) / statistics.median(load):.1f}x"
    )

    catalogue = EscoCatalogue.bundled()
    search: list[float] = []
    scan: list[float] = []
    for query in QUERIES:
        catalogue.search(query)  # warm the per-term caches once
        search += _times(lambda q=query: catalogue.search(q), 50)
        scan += _times(lambda q=query: _substring_scan(catalogue, q), 5)
    median, p95 = statistics.median(search), statistics.quantiles(search, n=20)[-1]
    print(
        f"label search ({len(QUERIES)} queries x 50): median {median:.3f} ms, "
        f"p95 {p95:.3f} ms, max {max(search):.3f} ms  target < 1 ms"
    )
    per_query = {
        q: statistics.median(_times(lambda q=q: catalogue.search(q), 30))
        for q in QUERIES
    }
    worst = max(per_query, key=per_query.__getitem__)
    print(f"  slowest query: {worst!r} median {per_query[worst]:.3f} ms")
    print(
        f"baseline: substring scan over all labels: median "
        f"{statistics.median(scan):.3f} ms  ratio "
        f"{statistics.median(scan) / median:.0f}x"
    )

    suggest = _times(lambda: catalogue.suggest_skills(OUTCOME), 30)
    print(
        f"skill suggestion for one outcome: median {statistics.median(suggest):.2f} ms"
    )

    from microcred.model import synthetic_examples
    from microcred.review import review

    samples = synthetic_examples()
    reviews = _times(lambda: [review(m) for m in samples], 10)
    print(
        f"review of the six samples: median {statistics.median(reviews) / 6:.2f} ms "
        "per micro-credential"
    )


if __name__ == "__main__":
    main()
