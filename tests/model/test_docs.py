"""The examples in docs/model.md run as written."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

DOC = Path(__file__).parents[2] / "docs" / "model.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text("utf-8"), flags=re.S)


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_python_examples_run(index: int) -> None:
    """Each Python block of the model guide executes without error."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(BLOCKS[index], f"{DOC.name}[{index}]", "exec"), {})


def test_printed_errors_match_the_guide() -> None:
    """The error lines the guide shows are among those the first example prints."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(BLOCKS[0], DOC.name, "exec"), {})
    shown = re.search(r"```text\n(.*?)```", DOC.read_text("utf-8"), flags=re.S)
    assert shown is not None
    printed = output.getvalue().splitlines()
    for line in shown.group(1).splitlines():
        assert line in printed
