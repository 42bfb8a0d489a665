"""The common base of every model: frozen, closed, camelCase on the wire.

pydantic's own ``ValidationError`` never leaves this package: constructors,
``model_validate`` and ``model_validate_json`` all convert it to
:class:`~microcred.errors.ModelValidationError`, which names every failing field by
its dotted JSON path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.alias_generators import to_camel
from pydantic_core import ErrorDetails

from microcred.errors import ModelValidationError, PathPart, format_path

__all__ = ["FieldCheckError", "FrozenModel", "to_model_error"]


class FieldCheckError(ValueError):
    """A problem a model validator found in one of its fields.

    Cross-field checks run on the whole model, so pydantic would report them
    without a location; raising this instead makes the dotted path name the
    field (``outcomeResults[1].outcomeId``).
    """

    def __init__(self, problem: str, *parts: PathPart) -> None:
        super().__init__(problem)
        self.parts = parts


def _problem_text(error: ErrorDetails) -> str:
    # "Value error, ..." is pydantic's wrapping of our own ValueError messages;
    # the caller wants only the sentence we wrote.
    if error["type"] == "value_error":
        cause = (error.get("ctx") or {}).get("error")
        if cause is not None:
            return str(cause)
    if error["type"] == "extra_forbidden":
        return "is not a field of this model (unknown fields are refused)"
    if error["type"] == "missing":
        return "is required"
    return error["msg"]


def _path_parts(loc: Sequence[int | str]) -> list[PathPart]:
    # Union members and function validators add their own names to the location
    # (for example "function-after[...]" or a model's class name); they are not
    # JSON keys, so the path a user sees leaves them out.
    # Input given by Python field name reports that name; paths always use the
    # JSON spelling, so that one error reads the same however the data came.
    model_names, aliases = _model_names()
    parts: list[PathPart] = []
    for part in loc:
        if isinstance(part, str) and ("[" in part or part in model_names):
            continue
        parts.append(aliases.get(part, part) if isinstance(part, str) else part)
    return parts


def _model_names() -> tuple[set[str], dict[str, str]]:
    names: set[str] = set()
    aliases: dict[str, str] = {}
    pending: list[type[BaseModel]] = [FrozenModel]
    while pending:
        cls = pending.pop()
        names.add(cls.__name__)
        for name, field in cls.model_fields.items():
            if field.alias and field.alias != name:
                aliases[name] = field.alias
        pending.extend(cls.__subclasses__())
    return names, aliases


def to_model_error(
    error: ValidationError, *, prefix: Sequence[PathPart] = ()
) -> ModelValidationError:
    """Convert pydantic's ``ValidationError`` into a :class:`ModelValidationError`.

    Every error is kept, as ``(dotted path, problem)`` pairs in ``.errors``; the
    message leads with the first. ``prefix`` is prepended to every path, for
    callers that validate a part of a larger document.
    """
    pairs: list[tuple[str, str]] = []
    for detail in error.errors(include_url=False):
        cause = (detail.get("ctx") or {}).get("error")
        inner = cause.parts if isinstance(cause, FieldCheckError) else ()
        path = format_path([*prefix, *_path_parts(detail["loc"]), *inner])
        pairs.append((path, _problem_text(detail)))
    first_path, first_problem = pairs[0] if pairs else ("", str(error))
    extra = f" (and {len(pairs) - 1} more)" if len(pairs) > 1 else ""
    return ModelValidationError(
        f"{first_problem}{extra}", path=first_path, errors=pairs
    )


def _json_name(cls: type[BaseModel], name: str) -> str:
    field = cls.model_fields.get(name)
    return field.alias if field is not None and field.alias else name


class FrozenModel(BaseModel):
    """Immutable, closed to unknown fields, snake_case in Python, camelCase in JSON.

    Both spellings are accepted on input (``eqf_level`` and ``eqfLevel``); output
    uses the camelCase aliases. Invalid data raises ``ModelValidationError``.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        alias_generator=to_camel,
        validate_by_alias=True,
        validate_by_name=True,
        serialize_by_alias=True,
        str_strip_whitespace=False,
        validate_default=True,
        ser_json_timedelta="iso8601",
        ser_json_inf_nan="strings",
    )

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as error:
            raise to_model_error(error) from None

    # Tell pydantic this __init__ only wraps the base one. Otherwise it would
    # call it for every nested model during validation, and our converted error
    # would reach pydantic as a plain ValueError without its field path.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(
        cls,
        obj: Any,
        *,
        strict: bool | None = None,
        extra: Any = None,
        from_attributes: bool | None = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """Validate a Python object; raises ``ModelValidationError`` on bad data."""
        try:
            return super().model_validate(
                obj,
                strict=strict,
                extra=extra,
                from_attributes=from_attributes,
                context=context,
                by_alias=by_alias,
                by_name=by_name,
            )
        except ValidationError as error:
            raise to_model_error(error) from None

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        extra: Any = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """Validate JSON text; raises ``ModelValidationError`` on bad data.

        Prefer the ``from_json`` entry points for untrusted input: they also bound
        the size and depth of the document.
        """
        try:
            return super().model_validate_json(
                json_data,
                strict=strict,
                extra=extra,
                context=context,
                by_alias=by_alias,
                by_name=by_name,
            )
        except ValidationError as error:
            raise to_model_error(error) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise ModelValidationError(
            "models are immutable; use replace() for a changed copy",
            path=_json_name(type(self), name),
        )

    def __delattr__(self, name: str) -> None:
        raise ModelValidationError(
            "models are immutable; fields cannot be deleted",
            path=_json_name(type(self), name),
        )

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed, validated again as a whole.

        Unlike pydantic's ``model_copy(update=...)``, which skips validation, the
        result obeys every rule of the model (cross-field checks included).
        """
        data = {name: getattr(self, name) for name in type(self).model_fields}
        data.update(changes)
        return type(self)(**data)

    def model_copy(
        self, *, update: Mapping[str, Any] | None = None, deep: bool = False
    ) -> Self:
        """A copy; with ``update``, validated again like :meth:`replace`.

        pydantic's own ``model_copy(update=...)`` skips validation, which would let
        an invalid value into a model that promises to be valid.
        """
        if update:
            return self.replace(**update)
        return super().model_copy(deep=deep)
