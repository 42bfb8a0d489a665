"""microcred's own check of the OB 3.0 required fields (no third-party schema).

The rules below restate facts of the Open Badges 3.0 data model (1EdTech, OB 3.0
§B "Data Models": each class's properties of multiplicity ``1`` or ``1..*`` and its
``type`` constraint). They are written here as our own table, not derived from
1EdTech's JSON Schema files. Only the classes microcred writes or reads are walked;
anything else in a credential is left alone.

A ``type`` may be a string or an array of strings (the model's "array-compacted"),
as in the ``json`` variant of 1EdTech's schema and the 1EdTech validator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from microcred.errors import format_path

__all__ = ["required_field_issues"]

_VC2_CONTEXT = "https://www.w3.org/ns/credentials/v2"

# OB 3.0 §B.1.1 AchievementCredential, @context: the VC 2.0 context first, then an
# OB 3.0 context (the unversioned URL or a 3.x.y one).
_OB3_CONTEXT = re.compile(
    r"^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)*\.json$"
)


@dataclass(frozen=True, slots=True)
class _Class:
    """One OB 3.0 class: its type constraint, required properties, nested classes."""

    types: frozenset[str]
    required: tuple[str, ...] = ("type",)
    # property -> class of its value(s); "0..*" properties may hold one or many.
    children: dict[str, str] = field(default_factory=dict)
    # A reference by IRI (a plain string) is allowed in place of the object.
    by_reference: bool = False


_CLASSES: dict[str, _Class] = {
    "AchievementCredential": _Class(
        frozenset({"AchievementCredential", "OpenBadgeCredential"}),
        ("@context", "id", "type", "issuer", "validFrom", "credentialSubject"),
        {
            "issuer": "Profile",
            "credentialSubject": "AchievementSubject",
            "evidence": "Evidence",
        },
    ),
    "AchievementSubject": _Class(
        frozenset({"AchievementSubject"}),
        ("type", "achievement"),
        {
            "achievement": "Achievement",
            "result": "Result",
            "identifier": "IdentityObject",
            "source": "Profile",
        },
    ),
    "Achievement": _Class(
        frozenset({"Achievement"}),
        ("id", "type", "criteria", "description", "name"),
        {
            "criteria": "Criteria",
            "alignment": "Alignment",
            "creator": "Profile",
            "resultDescription": "ResultDescription",
        },
    ),
    "Profile": _Class(
        frozenset({"Profile"}),
        ("id", "type"),
        {
            "address": "Address",
            "parentOrg": "Profile",
            "otherIdentifier": "IdentifierEntry",
        },
        by_reference=True,
    ),
    "Criteria": _Class(frozenset(), ()),
    "Alignment": _Class(frozenset({"Alignment"}), ("type", "targetName", "targetUrl")),
    "ResultDescription": _Class(
        frozenset({"ResultDescription"}),
        ("id", "type", "name", "resultType"),
        {"alignment": "Alignment"},
    ),
    "Result": _Class(frozenset({"Result"}), children={"alignment": "Alignment"}),
    "IdentityObject": _Class(
        frozenset({"IdentityObject"}),
        ("type", "hashed", "identityHash", "identityType"),
    ),
    "IdentifierEntry": _Class(frozenset({"IdentifierEntry"})),
    "Evidence": _Class(frozenset({"Evidence"})),
    "Address": _Class(frozenset({"Address"})),
}

Issue = tuple[str, str]


def required_field_issues(document: object) -> list[Issue]:
    """Every ``(path, problem)`` where ``document`` lacks an OB 3.0 required field,
    has a required ``type`` missing, or holds a non-object where a class belongs."""
    issues: list[Issue] = []
    if not isinstance(document, dict):
        return [("", "is not a JSON object")]

    issues += _head_issues(document)
    _walk(document, "AchievementCredential", [], issues)
    return issues


def _head_issues(document: dict[str, Any]) -> list[Issue]:
    issues: list[Issue] = []
    context = document.get("@context")
    if "@context" in document and not _is_ob3_context(context):
        issues.append(
            ("@context", f"must start with {_VC2_CONTEXT} and name an OB 3.0 context")
        )
    kinds = _types(document.get("type"))
    if kinds is not None and "VerifiableCredential" not in kinds:
        issues.append(("type", "lacks VerifiableCredential"))
    return issues


def _is_ob3_context(context: Any) -> bool:
    if not isinstance(context, list) or len(context) < 2 or context[0] != _VC2_CONTEXT:
        return False
    return any(isinstance(c, str) and _OB3_CONTEXT.match(c) for c in context[1:])


def _walk(node: Any, name: str, path: list[str | int], issues: list[Issue]) -> None:
    rule = _CLASSES[name]
    if rule.by_reference and isinstance(node, str):
        return
    if not isinstance(node, dict):
        issues.append((format_path(path), f"must be a {name} object"))
        return

    missing = [key for key in rule.required if key not in node]
    if missing:
        issues.append((format_path(path), f"lacks required {', '.join(missing)}"))
    if "type" in node and rule.types:
        _check_type(node["type"], rule.types, [*path, "type"], issues)

    for key, child in rule.children.items():
        if key not in node:
            continue
        value = node[key]
        if isinstance(value, list):
            for index, item in enumerate(value):
                _walk(item, child, [*path, key, index], issues)
        else:
            _walk(value, child, [*path, key], issues)


def _check_type(
    value: Any, wanted: frozenset[str], path: list[str | int], issues: list[Issue]
) -> None:
    kinds = _types(value)
    if kinds is None:
        issues.append((format_path(path), "must be a string or an array of strings"))
    elif not kinds & wanted:
        issues.append(
            (format_path(path), f"must include {' or '.join(sorted(wanted))}")
        )


def _types(value: Any) -> set[str] | None:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return set(value)
    return None
