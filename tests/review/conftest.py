"""Shared helpers: the synthetic samples as submissions, and a way to flaw them."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from microcred._jsonio import load_json
from microcred.model import synthetic_examples
from microcred.review import submission_json


def sample_submission(index: int = 0) -> dict[str, Any]:
    """A synthetic sample in its submission form (fresh, safe to change)."""
    data = load_json(submission_json(synthetic_examples()[index]))
    assert isinstance(data, dict)
    return copy.deepcopy(data)


@pytest.fixture
def submission() -> dict[str, Any]:
    return sample_submission(0)
