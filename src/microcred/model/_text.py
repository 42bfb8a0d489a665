"""Multilingual text: a language map such as ``{"en": "...", "es": "..."}``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from microcred.errors import ModelValidationError
from microcred.model._bcp47 import normalize_language_tag

__all__ = ["LanguageMap"]


def _check_text(tag: str, text: object) -> str:
    if not isinstance(text, str):
        raise PydanticCustomError(
            "language_map_value",
            "the text for language {tag} must be a string, not {kind}",
            {"tag": tag, "kind": type(text).__name__},
        )
    if not text.strip():
        raise PydanticCustomError(
            "language_map_blank",
            "the text for language {tag} is empty or blank",
            {"tag": tag},
        )
    return text


def _normalised_items(raw: Mapping[Any, Any]) -> dict[str, str]:
    items: dict[str, str] = {}
    for key, text in raw.items():
        try:
            tag = normalize_language_tag(key)
        except ModelValidationError as error:
            raise PydanticCustomError(
                "language_tag", "{problem}", {"problem": error.problem}
            ) from None
        if tag in items:
            raise PydanticCustomError(
                "language_map_duplicate",
                "language {tag} appears twice (tags are case-insensitive)",
                {"tag": tag},
            )
        items[tag] = _check_text(tag, text)
    return items


class LanguageMap(Mapping[str, str]):
    """Text in one or more languages, keyed by BCP 47 language tag.

    Immutable and hashable. Tags are checked for well-formedness (RFC 5646) and
    stored in the case RFC 5646 recommends (``EN-gb`` becomes ``en-GB``); two tags
    that differ only in case are refused as duplicates. At least one language is
    required and no text may be empty or blank. A plain string is never taken as
    text in some guessed language: use :meth:`of`.

    >>> LanguageMap.of("en", "Heat pump installation")["en"]
    'Heat pump installation'
    """

    __slots__ = ("_items",)
    _items: dict[str, str]

    def __init__(self, items: Mapping[str, str]) -> None:
        if not isinstance(items, Mapping):
            raise ModelValidationError(
                "LanguageMap needs a mapping of language tag to text; "
                "for a single string use LanguageMap.of(tag, text)"
            )
        try:
            normalised = _normalised_items(items)
        except PydanticCustomError as error:
            raise ModelValidationError(error.message()) from None
        if not normalised:
            raise ModelValidationError("a language map needs at least one language")
        object.__setattr__(self, "_items", normalised)

    @classmethod
    def of(cls, tag: str, text: str) -> LanguageMap:
        """Text in a single language: ``LanguageMap.of("en", "Title")``."""
        return cls({tag: text})

    def __getitem__(self, tag: str) -> str:
        try:
            return self._items[normalize_language_tag(tag)]
        except ModelValidationError:
            raise KeyError(tag) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LanguageMap):
            return self._items == other._items
        return NotImplemented

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("LanguageMap is immutable")

    def __repr__(self) -> str:
        return f"LanguageMap({self._items!r})"

    def get_text(self, *preferred: str) -> str:
        """The text in the first of ``preferred`` languages present, else any.

        A preference matches by prefix too: ``"en"`` finds ``"en-GB"``. With no
        match the first language given at construction is used.
        """
        for wanted in preferred:
            wanted_tag = normalize_language_tag(wanted)
            for tag, text in self._items.items():
                if tag == wanted_tag or tag.startswith(wanted_tag + "-"):
                    return text
        return next(iter(self._items.values()))

    def to_dict(self) -> dict[str, str]:
        """A plain ``dict`` copy, as written in JSON."""
        return dict(self._items)

    @classmethod
    def _validate(cls, value: object) -> LanguageMap:
        if isinstance(value, LanguageMap):
            return value
        if isinstance(value, str):
            raise PydanticCustomError(
                "language_map_type",
                "must be a language map (an object keyed by language tag), not a "
                "plain string; in Python use LanguageMap.of(tag, text)",
            )
        if not isinstance(value, Mapping):
            raise PydanticCustomError(
                "language_map_type",
                "must be a language map (an object keyed by language tag), not {kind}",
                {"kind": type(value).__name__},
            )
        items = _normalised_items(value)
        if not items:
            raise PydanticCustomError(
                "language_map_empty", "a language map needs at least one language"
            )
        # Already checked: skip the second pass __init__ would make.
        checked = object.__new__(cls)
        object.__setattr__(checked, "_items", items)
        return checked

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda value: value.to_dict(),
                return_schema=core_schema.dict_schema(
                    core_schema.str_schema(), core_schema.str_schema()
                ),
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "object",
            "description": "Text keyed by BCP 47 language tag.",
            "minProperties": 1,
            "additionalProperties": {"type": "string", "minLength": 1},
            "propertyNames": {"minLength": 2},
        }
