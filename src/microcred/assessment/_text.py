"""The multilingual text of prompts and options: the model's ``LanguageMap``.

Prompts and options are keyed by BCP 47 language tag (``{"en": "...", "es":
"..."}``); a plain string is taken in the importer's or loader's ``language``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from microcred.errors import PathPart, QuestionnaireError
from microcred.model import LanguageMap

__all__ = ["Text", "parse_text"]

#: Language tag -> text, immutable (the model's LanguageMap).
Text = LanguageMap


def parse_text(raw: Any, path: Sequence[PathPart], *, language: str = "en") -> Text:
    """Read a plain string (in ``language``) or a language map."""
    if isinstance(raw, str):
        raw = {language: raw}
    if not isinstance(raw, dict) or not raw:
        raise QuestionnaireError(
            "must be a string or a non-empty object of language -> text", path=path
        )
    for tag, text in raw.items():
        if not isinstance(text, str) or not text.strip():
            raise QuestionnaireError(
                "each language tag must map to a non-empty string",
                path=[*path, str(tag)],
            )
    try:
        return LanguageMap(raw)
    except ValueError as error:
        raise QuestionnaireError(str(error), path=path) from None
