"""Assessment benchmark: cohort scoring throughput and one attempt's latency.

Run: PYTHONPATH=src /work/venv/bin/python benchmarks/bench_assessment.py [learners]

Targets (issue 3): a cohort at >= 1,000,000 item responses per second on one
core, and one 40-item attempt (score + decide) in under 100 microseconds. The
plain per-attempt loop (``decide`` on each attempt) is measured in the same run.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
import timeit
from typing import Any

from microcred.assessment import (
    decide,
    parse_questionnaire,
    score_attempt,
    score_cohort,
)

ITEMS = 40
KINDS = ["single", "multiple", "true_false", "numeric", "text", "ordering", "matching"]


def _item(n: int) -> dict[str, Any]:
    kind = KINDS[n % len(KINDS)]
    raw: dict[str, Any] = {
        "id": f"q{n:02d}",
        "prompt": f"Question {n}",
        "outcomes": {f"LO{n % 4 + 1}": [0.1, 0.7, 1, 2][n % 4]},
    }
    choices = [{"id": c} for c in "abcd"]
    if kind == "single":
        penalty = -0.25 if n % 2 else 0
        scoring = {"rule": "match_correct", "penalty": penalty}
        return raw | {
            "kind": "single_choice",
            "choices": choices,
            "key": "b",
            "scoring": scoring,
        }
    if kind == "multiple":
        mapping = {"a": 1, "c": 1, "d": -1}
        scoring = {
            "rule": "map_response",
            "mapping": mapping,
            "lower_bound": 0,
            "upper_bound": 2,
        }
        return raw | {
            "kind": "multiple_response",
            "choices": choices,
            "key": ["a", "c"],
            "scoring": scoring,
        }
    if kind == "true_false":
        return raw | {"kind": "true_false", "key": True}
    if kind == "numeric":
        return raw | {
            "kind": "numeric",
            "key": {"value": 140, "mode": "absolute", "tolerance": 5},
        }
    if kind == "text":
        key = {
            "accepted": ["thermal bridge"],
            "normalise": ["case", "trim", "inner_whitespace"],
        }
        return raw | {"kind": "short_text", "key": key}
    if kind == "ordering":
        return raw | {
            "kind": "ordering",
            "choices": choices,
            "key": ["a", "b", "c", "d"],
        }
    return raw | {
        "kind": "matching",
        "sources": [{"id": "s1"}, {"id": "s2"}],
        "targets": [{"id": "t1"}, {"id": "t2"}],
        "key": {"s1": "t1", "s2": "t2"},
    }


ANSWERS = {
    "single_choice": ["a", "b", "b", "c", None],
    "multiple_response": [["a", "c"], ["a"], ["a", "c", "d"], ["b"], []],
    "true_false": [True, False, True],
    "numeric": [140, 143.5, 150, 139, None],
    "short_text": ["thermal bridge", " Thermal  Bridge ", "cold spot", ""],
    "ordering": [["a", "b", "c", "d"], ["b", "a", "c", "d"]],
    "matching": [{"s1": "t1", "s2": "t2"}, {"s1": "t2", "s2": "t1"}, {"s1": "t1"}],
}


def _attempt(rng: random.Random, items: list[dict[str, Any]]) -> dict[str, Any]:
    answers = {}
    for item in items:
        answer = rng.choice(ANSWERS[item["kind"]])
        if answer is not None:
            answers[item["id"]] = answer
    return answers


def _rate(label: str, wall: float, cpu: float, responses: int) -> float:
    """Print wall and CPU time; the rate is per CPU second (one core)."""
    rate = responses / cpu
    print(
        f"{label:<46} wall {wall:7.3f} s  cpu {cpu:7.3f} s  "
        f"{rate:>12,.0f} item responses per cpu-second"
    )
    return rate


def _timed(function: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = function()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def _calibration() -> None:
    """A fixed pure-Python workload, so figures from different machines compare."""
    for timer, name in ((time.perf_counter, "wall"), (time.process_time, "cpu")):
        runs = timeit.repeat("sum(range(100))", number=20_000, repeat=5, timer=timer)
        print(
            f"calibration: sum(range(100)) takes {min(runs) / 20_000 * 1e6:.2f} us "
            f"({name} time) here"
        )


def _one_attempt(questionnaire: Any, attempts: list[dict[str, Any]]) -> None:
    """Latency of score_attempt + decide, cycling through distinct attempts.

    Distinct attempts, so that the engine's memos (outcome rows and decisions,
    bounded) are hit only as often as a real cohort would hit them.
    """
    runs = len(attempts)
    for timer, name in ((time.perf_counter, "wall"), (time.process_time, "cpu")):
        times = timeit.repeat(
            lambda: [
                decide(questionnaire, score_attempt(questionnaire, a)) for a in attempts
            ],
            number=1,
            repeat=7,
            timer=timer,
        )
        print(
            f"one {ITEMS}-item attempt (score_attempt + decide), {name} time, "
            f"7 x {runs} distinct attempts: best {min(times) / runs * 1e6:.1f} us, "
            f"median {statistics.median(times) / runs * 1e6:.1f} us"
        )


def _first_attempt(items: list[dict[str, Any]], attempt: dict[str, Any]) -> None:
    """The first attempt on a freshly parsed questionnaire: compiling included."""
    times = []
    for _ in range(20):
        questionnaire = parse_questionnaire({"id": "bench", "items": items})
        start = time.process_time()
        decide(questionnaire, score_attempt(questionnaire, attempt))
        times.append(time.process_time() - start)
    print(
        f"first attempt on a fresh questionnaire (compiles it), cpu time, "
        f"20 runs: median {statistics.median(times) * 1e6:.0f} us"
    )


def main() -> None:
    learners = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    items = [_item(n) for n in range(ITEMS)]
    questionnaire = parse_questionnaire({"id": "bench", "items": items})
    rng = random.Random(20261204)
    cohort = [_attempt(rng, items) for _ in range(learners)]
    print(
        f"cohort: {learners:,} learners x {ITEMS} items "
        f"= {learners * ITEMS:,} responses"
    )

    _calibration()
    result, wall, cpu = _timed(lambda: score_cohort(questionnaire, cohort))
    cohort_rate = _rate("score_cohort (vectorised, exact)", wall, cpu, learners * ITEMS)

    sample = cohort[: max(1, learners // 10)]
    plain, wall, cpu = _timed(
        lambda: [decide(questionnaire, a).awarded for a in sample]
    )
    label = f"plain loop: decide() per attempt ({len(sample):,})"
    loop_rate = _rate(label, wall, cpu, len(sample) * ITEMS)
    assert plain == list(result.awarded[: len(sample)]), "paths disagree"
    print(f"ratio vectorised / plain loop: {cohort_rate / loop_rate:.1f}x")
    print(f"awarded: {sum(result.awarded):,} of {learners:,}")

    _one_attempt(questionnaire, cohort[:1000])
    _first_attempt(items, cohort[0])
    print(
        f"load average while running: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cpus"
    )


if __name__ == "__main__":
    main()
