"""Review of micro-credential submissions: quality, transparency, relevance.

:func:`review` checks a :class:`~microcred.model.MicroCredential` (and
:func:`review_submission` raw JSON, even one the model refuses) against the
Council Recommendation's Annex I, the catalogue's own fields, Cedefop-style
learning-outcome wording, ESCO relevance, workload plausibility, the
questionnaire's coverage and thresholds, languages and links. The result is a
:class:`ReviewReport` of :class:`Finding` objects, each with a severity, the
field's JSON path, a rule id, a message and a suggested fix, rendered as JSON,
Markdown or plain text. Nothing is fetched: links are checked for form only.
"""

from __future__ import annotations

from microcred.review._catalogue_of_rules import RULES
from microcred.review._context import ReviewSettings
from microcred.review._findings import Finding, ReviewReport, Severity
from microcred.review._outcome_text import OutcomeWording, read_outcome
from microcred.review._review import review, review_submission
from microcred.review._submission import submission_json

__all__ = [
    "RULES",
    "Finding",
    "OutcomeWording",
    "ReviewReport",
    "ReviewSettings",
    "Severity",
    "read_outcome",
    "review",
    "review_submission",
    "submission_json",
]
