"""The multilingual text of prompts and options, behind one alias.

Prompts and options are keyed by language tag (``{"en": "...", "fr": "..."}``).
The alias is the one place to change when the model's ``LanguageMap`` is adopted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from microcred.errors import PathPart, QuestionnaireError

__all__ = ["Text", "parse_text"]

#: Language tag -> text. Treat as read-only.
Text = dict[str, str]


def parse_text(raw: Any, path: Sequence[PathPart], *, language: str = "en") -> Text:
    """Read a plain string (in ``language``) or a language map."""
    if isinstance(raw, str):
        raw = {language: raw}
    if not isinstance(raw, dict) or not raw:
        raise QuestionnaireError(
            "must be a string or a non-empty object of language -> text", path=path
        )
    for tag, text in raw.items():
        if not isinstance(text, str) or not text.strip() or not tag:
            raise QuestionnaireError(
                "each language tag must map to a non-empty string",
                path=[*path, str(tag)],
            )
    return dict(raw)
