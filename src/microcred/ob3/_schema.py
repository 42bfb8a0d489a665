"""Checking an OB 3.0 credential: 1EdTech's JSON Schema (the caller's copy) or
microcred's own required-field check."""

from __future__ import annotations

import hashlib
import json
import os
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from microcred._jsonio import dumps, load_json
from microcred.errors import (
    InvalidDataError,
    ResourceLimitError,
    ShapeViolationError,
    UnsupportedError,
    format_path,
)
from microcred.ob3._required import required_field_issues

__all__ = [
    "SCHEMA_ID",
    "SCHEMA_URL",
    "Schema",
    "SchemaIssue",
    "check_ob3",
    "ob3_schema_issues",
]

#: Where 1EdTech publishes the AchievementCredential JSON Schema (its ``json-ld``
#: variant, draft 2019-09). microcred never downloads it: obtain it yourself.
SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json-ld/"
    "ob_v3p0_achievementcredential_schema.json"
)

#: The ``$id`` of that schema (the same as its URL).
SCHEMA_ID = SCHEMA_URL

#: A JSON Schema given as parsed JSON or as the path of a JSON file.
Schema = Mapping[str, Any] | os.PathLike[str]

# Compiled validators by schema fingerprint; a few schemas at most in practice.
_VALIDATORS: OrderedDict[Any, Any] = OrderedDict()
_MAX_VALIDATORS = 8


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    """One place where a document breaks the schema: dotted ``path`` and problem."""

    path: str
    problem: str


def ob3_schema_issues(
    document: object, *, schema: Schema | None = None
) -> tuple[SchemaIssue, ...]:
    """Every way ``document`` breaks an OB 3.0 check, sorted by path.

    With ``schema`` (1EdTech's AchievementCredential JSON Schema as a dict or a
    path, see :data:`SCHEMA_URL`), the document is validated against it; this needs
    the ``jsonschema`` package (``microcred[ob3]``). Without it, microcred's own
    required-field check runs: the OB 3.0 required properties and ``type`` values of
    the credential, subject, achievement, issuer and their parts; far less than the
    schema. An empty tuple means no issue was found.
    """
    try:
        if schema is None:
            found = {SchemaIssue(*pair) for pair in required_field_issues(document)}
        else:
            found = {
                SchemaIssue(format_path(list(error.absolute_path)), _problem(error))
                for error in _validator(schema).iter_errors(document)
            }
    except RecursionError:
        # Only a caller's dict can get here: load_json bounds the depth of text.
        raise ResourceLimitError("the credential is nested too deeply") from None
    return tuple(sorted(found, key=lambda issue: (issue.path, issue.problem)))


def check_ob3(document: object, *, schema: Schema | None = None) -> None:
    """Raise :class:`~microcred.errors.ShapeViolationError` unless ``document``
    passes :func:`ob3_schema_issues` (1EdTech's schema when ``schema`` is given,
    else microcred's required-field check).

    The message names the first failing path and how many more there are.
    Signatures, status and network resources are not checked here.
    """
    issues = ob3_schema_issues(document, schema=schema)
    if not issues:
        return
    first = issues[0]
    more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
    raise ShapeViolationError(f"{first.problem}{more}", path=first.path)


def _validator(schema: Schema) -> Any:
    key, load = _fingerprint(schema)
    if key in _VALIDATORS:
        _VALIDATORS.move_to_end(key)
        return _VALIDATORS[key]

    validator = _compile(load())
    _VALIDATORS[key] = validator
    if len(_VALIDATORS) > _MAX_VALIDATORS:
        _VALIDATORS.popitem(last=False)
    return validator


def _fingerprint(schema: Schema) -> tuple[Any, Any]:
    if isinstance(schema, os.PathLike):
        path = Path(schema)
        try:
            stat = path.stat()
        except OSError as error:
            raise InvalidDataError(
                f"cannot read the schema {path}: {error.strerror}"
            ) from None
        # A changed file (size or time) gets a fresh validator.
        key = ("path", str(path.resolve()), stat.st_size, stat.st_mtime_ns)
        return key, lambda: _load_schema_file(path)
    if not isinstance(schema, Mapping):
        raise InvalidDataError("the schema must be a JSON object or a file path")
    # Compile from our own copy, so a caller changing its dict later cannot
    # change a cached validator.
    raw = dumps(dict(schema), indent=False)
    return ("json", hashlib.sha256(raw).digest()), lambda: json.loads(raw)


def _load_schema_file(path: Path) -> Any:
    try:
        return load_json(path, what="JSON Schema")
    except OSError as error:
        # A directory, or a file we may not read: say so in one line.
        raise InvalidDataError(
            f"cannot read the schema {path}: {error.strerror}"
        ) from None


def _compile(schema: Any) -> Any:
    try:
        import jsonschema
    except ImportError:  # pragma: no cover - depends on the installed extras
        raise UnsupportedError(
            "checking against a JSON Schema needs the jsonschema package: "
            "pip install '.[ob3]' in a clone"
        ) from None
    if not isinstance(schema, dict):
        raise InvalidDataError("the schema must be a JSON object")

    # 1EdTech's schema declares draft 2019-09; that is also the default.
    cls = jsonschema.validators.validator_for(
        schema, default=jsonschema.Draft201909Validator
    )
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as error:
        where = format_path(list(error.absolute_path))
        raise InvalidDataError(
            f"not a valid JSON Schema ({error.validator})", path=where
        ) from None
    # No format checker: from draft 2019-09 "format" is an annotation, and the
    # 1EdTech validator does the same.
    return cls(schema)


def _problem(error: Any) -> str:
    # jsonschema's messages quote the whole offending value, which may be a
    # whole credential subject with personal data: keep the rule, not the value.
    keyword = error.validator
    expected = error.validator_value
    if keyword in {"type", "enum", "const", "pattern", "minItems", "format"}:
        return f"breaks the schema rule {keyword}={json.dumps(expected)[:120]}"
    if keyword == "required":
        missing = [name for name in expected if name not in (error.instance or {})]
        return f"lacks required {', '.join(missing) or expected}"
    return f"breaks the schema rule {keyword}"
