"""The Python examples in docs/edc.md run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).parents[2] / "docs" / "edc.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text("utf-8"), flags=re.S)


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_python_examples_run(index: int) -> None:
    """Each Python block of the EDC guide executes without error."""
    exec(compile(BLOCKS[index], f"{DOC.name}[{index}]", "exec"), {})


def test_the_guide_has_examples() -> None:
    """The guide is not empty of code (the test above would pass vacuously)."""
    assert BLOCKS
