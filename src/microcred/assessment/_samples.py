"""A sample questionnaire and a passing attempt for the synthetic HAB-MC-001.

HAB-MC-001 ("Thermal insulation of walls and roofs in energy renovation") is one
of the project's SYNTHETIC catalogue entries; the questions were written for
microcred and cover every item kind. See ``data/SOURCES.md``.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from microcred._jsonio import load_json
from microcred.assessment._load import parse_questionnaire
from microcred.assessment._model import Questionnaire

__all__ = [
    "SAMPLE_QUESTIONNAIRE_FILE",
    "SAMPLE_RESPONSES_FILE",
    "sample_data",
    "sample_files",
    "sample_questionnaire",
    "sample_responses",
]

SAMPLE_QUESTIONNAIRE_FILE = "hab-mc-001-questionnaire.json"
SAMPLE_RESPONSES_FILE = "hab-mc-001-responses.json"


def sample_data(name: str) -> bytes:
    """The bytes of a bundled sample file, as shipped."""
    return (resources.files("microcred.assessment") / "data" / name).read_bytes()


def sample_questionnaire() -> Questionnaire:
    """The sample questionnaire for HAB-MC-001 (outcomes LO1-LO4, 14 items).

    Checked against and aligned with the model's synthetic HAB-MC-001
    (``microcred.model.synthetic_examples()[0]``).
    """
    from microcred.model import synthetic_examples

    raw = load_json(sample_data(SAMPLE_QUESTIONNAIRE_FILE), what="sample questionnaire")
    return parse_questionnaire(raw, micro_credential=synthetic_examples()[0])


def sample_responses() -> dict[str, Any]:
    """A learner's answers to :func:`sample_questionnaire` that earn the award."""
    raw: dict[str, Any] = load_json(
        sample_data(SAMPLE_RESPONSES_FILE), what="sample responses"
    )
    return raw


def sample_files() -> dict[str, bytes]:
    """The sample as files to write: ``questionnaire.json`` and ``responses.json``.

    ``microcred demo`` writes these beside the credential it issues, so that the
    scored questionnaire and answers can be checked with ``microcred score``.
    """
    return {
        "questionnaire.json": sample_data(SAMPLE_QUESTIONNAIRE_FILE),
        "responses.json": sample_data(SAMPLE_RESPONSES_FILE),
    }
