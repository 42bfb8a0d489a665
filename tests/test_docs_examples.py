"""The Python examples in the assessment, review, validation and verification guides
run as written, from the clone's root, as a reader would paste them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
GUIDES = ("assessment.md", "review.md", "validation.md", "verification.md")
BLOCKS = [
    (name, index, block)
    for name in GUIDES
    for index, block in enumerate(
        re.findall(
            r"```python\n(.*?)```",
            (ROOT / "docs" / name).read_text(encoding="utf-8"),
            flags=re.S,
        )
    )
]


@pytest.mark.parametrize(
    ("name", "index", "block"), BLOCKS, ids=[f"{n}[{i}]" for n, i, _ in BLOCKS]
)
def test_guide_example_runs(
    name: str, index: int, block: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each block runs on its own, in a fresh namespace, from the clone's root."""
    monkeypatch.chdir(ROOT)
    exec(compile(block, f"{name}[{index}]", "exec"), {})


def test_every_guide_has_examples() -> None:
    """Each guide holds code, so the test above cannot pass vacuously."""
    assert {name for name, _, _ in BLOCKS} == set(GUIDES)
