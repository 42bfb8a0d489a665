"""The quickstart's and README's Python examples run as written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parents[1]


def _python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def test_quickstart_issues_signs_and_verifies(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The first two quickstart blocks: a conforming EDC, signed, then verified."""
    first, second = _python_blocks(ROOT / "docs" / "quickstart.md")[:2]
    namespace: dict[str, object] = {}
    exec(first, namespace)
    exec(second, namespace)
    output = capsys.readouterr().out
    assert "signature passed" in output
    assert "issuer failed" in output  # as the text explains
    assert output.rstrip().endswith("False")


def test_readme_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's example awards, conforms and reads back."""
    (block,) = _python_blocks(ROOT / "README.md")
    exec(block, {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("True")
    assert lines[1] == "True"
    assert lines[2].startswith("Ana Andromeda")


def test_quickstart_reads_and_verifies_the_eu_sample(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The third block, run from the clone's root: read, expired today, valid then."""
    block = _python_blocks(ROOT / "docs" / "quickstart.md")[2]
    monkeypatch.chdir(ROOT)
    exec(block, {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Digital micro-credential creation")
    assert lines[1:] == ["False", "True"]


def test_jades_guide_verifies_the_sample_from_the_clone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The JAdES guide's verifying block runs from the clone's root as written."""
    (block,) = [
        b
        for b in _python_blocks(ROOT / "docs" / "securing-jades.md")
        if "verify_seal(sample" in b
    ]
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {}
    exec(block, namespace)
    assert namespace["result"].valid is True
