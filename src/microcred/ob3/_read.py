"""Open Badges 3.0 credential → what microcred's model can hold, plus the rest."""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from microcred._jsonio import load_json
from microcred.errors import (
    InvalidDataError,
    MicrocredError,
    ResourceLimitError,
    format_path,
)
from microcred.model import (
    EQFLevel,
    EscoOccupation,
    EscoSkill,
    Evidence,
    LanguageMap,
    OutcomeResult,
)
from microcred.ob3._export import (
    EQF_TARGET_TYPE,
    ESCO_OCCUPATION_TARGET_TYPE,
    ESCO_SKILL_TARGET_TYPE,
    OB3_CONTEXT,
    VC2_CONTEXT,
)

__all__ = ["Ob3Outcome", "Ob3Reading", "from_ob3"]

_Path = tuple[str | int, ...]
_CREDENTIAL_TYPES = {"OpenBadgeCredential", "AchievementCredential"}
_OUTCOME_MARK = "#outcome-"
_GRADE_MARK = "#grade"
_EQF_PREFIX = "http://data.europa.eu/snb/eqf/"
_SCORE = re.compile(r"^[0-9]+(/[0-9]+|\.[0-9]+)?$")
_MAX_SCORE_TEXT = 40
_HASHED_FIELDS = {
    "emailAddress": "learner_email_hash",
    "identifier": "learner_identifier_hash",
}


@dataclass(frozen=True, slots=True)
class Ob3Outcome:
    """A learning outcome as an OB 3.0 ResultDescription carries it."""

    id: str
    text: str
    esco_skills: tuple[EscoSkill, ...] = ()


@dataclass(frozen=True, slots=True)
class Ob3Reading:
    """What :func:`from_ob3` found in an Open Badges 3.0 credential.

    Fields are those microcred's :class:`~microcred.model.Award` also has, in
    the credential's one language (``language``). ``extra`` keeps every other
    value of the credential, keyed by its dotted path, so that nothing read is
    lost; it is empty for a credential :func:`~microcred.ob3.to_ob3` wrote.
    """

    credential_id: str
    name: str
    issuer_id: str
    issuer_name: str | None
    valid_from: datetime
    achievement_id: str
    title: str
    description: str
    criteria: str | None
    valid_until: datetime | None = None
    awarded: datetime | None = None
    issuer_url: str | None = None
    issuer_email: str | None = None
    issuer_country: str | None = None
    issuer_region: str | None = None
    language: str | None = None
    achievement_type: str | None = None
    learner_id: str | None = None
    learner_name: str | None = None
    learner_email_hash: str | None = None
    learner_identifier_hash: str | None = None
    ects: Decimal | None = None
    ects_earned: Decimal | None = None
    eqf_level: EQFLevel | None = None
    esco_skills: tuple[EscoSkill, ...] = ()
    esco_occupations: tuple[EscoOccupation, ...] = ()
    outcomes: tuple[Ob3Outcome, ...] = ()
    outcome_results: tuple[OutcomeResult, ...] = ()
    grade: str | None = None
    evidence: tuple[Evidence, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def from_ob3(document: object) -> Ob3Reading:
    """Read an Open Badges 3.0 ``OpenBadgeCredential`` / ``AchievementCredential``.

    Accepts a ``dict``, JSON text or bytes, or a path. Values of the wrong JSON
    type, missing required properties and malformed ESCO or EQF alignments raise
    :class:`~microcred.errors.InvalidDataError` naming the field. The proof is
    not checked here; it is kept in ``extra`` like every unmapped value.
    """
    if isinstance(document, str | bytes | os.PathLike):
        document = load_json(document, what="Open Badges credential")
    try:
        # A dict from the caller was never bounded by load_json's depth limit.
        root = _Node(copy.deepcopy(_require_dict(document, ())), ())
        _check_types(root)
        fields = _top_level(root)
        fields |= _read_subject(root.child("credentialSubject"))
        fields["evidence"] = _read_evidence(root, fields["language"])
        fields["extra"] = root.leftovers()
    except RecursionError:
        raise ResourceLimitError("the credential is nested too deeply") from None
    return Ob3Reading(**fields)


class _Node:
    """A JSON object whose values are taken out as they are read.

    What is left at the end is the data microcred has no field for.
    """

    def __init__(self, data: dict[str, Any], path: _Path) -> None:
        self.data = data
        self.path = path

    def take(
        self, key: str, kind: type | tuple[type, ...], *, required: bool = False
    ) -> Any:
        if key not in self.data:
            if required:
                raise InvalidDataError("is required", path=(*self.path, key))
            return None
        value = self.data[key]
        # JSON true/false is never a number, although Python's bool is an int.
        wrong_bool = isinstance(value, bool) and bool not in _as_tuple(kind)
        if wrong_bool or not isinstance(value, kind):
            raise InvalidDataError(
                f"must be {_kind_name(kind)}", path=(*self.path, key)
            )
        del self.data[key]
        return value

    def child(self, key: str, *, required: bool = True) -> _Node:
        value = self.data.get(key)
        if value is None and not required:
            return _Node({}, (*self.path, key))
        if not isinstance(value, dict):
            raise InvalidDataError(
                "must be an object" if key in self.data else "is required",
                path=(*self.path, key),
            )
        return _Node(value, (*self.path, key))

    def items(self, key: str) -> list[_Node | Any]:
        value = self.data.get(key)
        if value is None:
            return []
        # OB 3.0 allows a single object where an array is meant; its path then
        # has no index, as in the document.
        if not isinstance(value, list):
            return [
                _Node(value, (*self.path, key)) if isinstance(value, dict) else value
            ]
        return [
            _Node(item, (*self.path, key, index)) if isinstance(item, dict) else item
            for index, item in enumerate(value)
        ]

    def leftovers(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        _collect(self.data, self.path, found)
        return found


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", dict: "an object", list: "an array", bool: "a boolean"}
    words = [names.get(k, "a number") for k in _as_tuple(kind)]
    return " or ".join(dict.fromkeys(words))


def _collect(value: Any, path: _Path, found: dict[str, Any]) -> None:
    # Read values were deleted; empty shells left behind by that are not data.
    if isinstance(value, dict):
        for key, item in value.items():
            _collect(item, (*path, key), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _collect(item, (*path, index), found)
    else:
        found[format_path(path)] = value


def _require_dict(value: object, path: _Path) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidDataError("must be a JSON object", path=path)
    return value


def _check_types(root: _Node) -> None:
    names = _strings(root, "type")
    if "VerifiableCredential" not in names or not _CREDENTIAL_TYPES & set(names):
        raise InvalidDataError(
            "must include VerifiableCredential and OpenBadgeCredential "
            "(or AchievementCredential)",
            path="type",
        )
    kept = _CREDENTIAL_TYPES | {"VerifiableCredential"}
    leftover = [name for name in names if name not in kept]
    if leftover:
        root.data["type"] = leftover
    contexts = _strings(root, "@context")
    rest = [c for c in contexts if c not in {VC2_CONTEXT, OB3_CONTEXT}]
    if rest:
        root.data["@context"] = rest


def _strings(node: _Node, key: str) -> list[str]:
    value = node.take(key, (list, str), required=True)
    items = [value] if isinstance(value, str) else value
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise InvalidDataError("must be a string", path=(*node.path, key, index))
    return list(items)


def _top_level(root: _Node) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "credential_id": root.take("id", str, required=True),
        "name": root.take("name", str) or "",
        "valid_from": _datetime(root, "validFrom", required=True),
        "valid_until": _datetime(root, "validUntil"),
        "awarded": _datetime(root, "awardedDate"),
    }
    issuer = root.data.get("issuer")
    if isinstance(issuer, str):
        fields |= {"issuer_id": root.take("issuer", str), "issuer_name": None}
        return fields
    return fields | _read_issuer(root.child("issuer"))


def _datetime(node: _Node, key: str, *, required: bool = False) -> datetime | None:
    text = node.take(key, str, required=required)
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise InvalidDataError(
            f"{text!r} is not a date-time with a time zone", path=(*node.path, key)
        )
    return value


def _read_issuer(issuer: _Node) -> dict[str, Any]:
    _take_type(issuer, "Profile")
    address = issuer.child("address", required=False)
    _take_type(address, "Address")
    return {
        "issuer_id": issuer.take("id", str, required=True),
        "issuer_name": issuer.take("name", str),
        "issuer_url": issuer.take("url", str),
        "issuer_email": issuer.take("email", str),
        "issuer_country": address.take("addressCountryCode", str),
        "issuer_region": address.take("addressRegion", str),
    }


def _take_type(node: _Node, expected: str) -> None:
    types = node.data.get("type")
    if types in ([expected], expected):
        del node.data["type"]


def _read_subject(subject: _Node) -> dict[str, Any]:
    _take_type(subject, "AchievementSubject")
    achievement = subject.child("achievement")
    fields = _read_achievement(achievement)
    fields["learner_id"] = subject.take("id", str)
    fields["ects_earned"] = _decimal(subject, "creditsEarned")
    fields |= _read_identifiers(subject)
    results, grade = _read_results(subject, fields["achievement_id"])
    return fields | {"outcome_results": results, "grade": grade}


def _decimal(node: _Node, key: str) -> Decimal | None:
    value = node.take(key, (int, float))
    if value is None:
        return None
    # repr gives the shortest text of the float: 2.5 reads back as 2.5.
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite() or number < 0:
        raise InvalidDataError(
            "must be a finite number, not negative", path=(*node.path, key)
        )
    return number


def _read_identifiers(subject: _Node) -> dict[str, Any]:
    found: dict[str, Any] = dict.fromkeys(_HASHED_FIELDS.values()) | {
        "learner_name": None
    }
    for entry in subject.items("identifier"):
        if not isinstance(entry, _Node):
            continue
        kind, hashed = entry.data.get("identityType"), entry.data.get("hashed")
        if kind == "name" and hashed is False and found["learner_name"] is None:
            found["learner_name"] = entry.take("identityHash", str, required=True)
        elif (
            isinstance(kind, str)
            and kind in _HASHED_FIELDS
            and hashed is True
            and found[_HASHED_FIELDS[kind]] is None
        ):
            hashed_value = entry.take("identityHash", str, required=True)
            found[_HASHED_FIELDS[kind]] = hashed_value
            entry.take("salt", str)
        else:
            continue
        for key in ("type", "identityType", "hashed"):
            entry.data.pop(key, None)
    return found


def _read_achievement(node: _Node) -> dict[str, Any]:
    _take_type(node, "Achievement")
    achievement_id = node.take("id", str, required=True)
    criteria = node.child("criteria", required=False)
    fields: dict[str, Any] = {
        "achievement_id": achievement_id,
        "title": node.take("name", str, required=True),
        "description": node.take("description", str, required=True),
        "criteria": criteria.take("narrative", str),
        "language": node.take("inLanguage", str),
        "achievement_type": node.take("achievementType", str),
        "ects": _decimal(node, "creditsAvailable"),
    }
    fields |= _read_alignments(node, fields["language"])
    fields["outcomes"] = _read_outcomes(node, fields["language"])
    return fields


def _read_alignments(node: _Node, language: str | None) -> dict[str, Any]:
    eqf: EQFLevel | None = None
    skills: list[EscoSkill] = []
    jobs: list[EscoOccupation] = []
    for entry in node.items("alignment"):
        if not isinstance(entry, _Node):
            continue
        kind = entry.data.get("targetType")
        if kind == EQF_TARGET_TYPE and eqf is None:
            eqf = _eqf(entry)
        elif kind == ESCO_SKILL_TARGET_TYPE:
            skills.append(_esco(entry, EscoSkill, language))
        elif kind == ESCO_OCCUPATION_TARGET_TYPE:
            jobs.append(_esco(entry, EscoOccupation, language))
    return {
        "eqf_level": eqf,
        "esco_skills": tuple(skills),
        "esco_occupations": tuple(jobs),
    }


def _eqf(entry: _Node) -> EQFLevel:
    url = entry.data.get("targetUrl")
    code = entry.data.get("targetCode")
    # The educredentials examples point targetUrl at a web page and put the
    # level in targetCode; microcred writes the EU concept IRI and the code.
    text = (
        url[len(_EQF_PREFIX) :]
        if isinstance(url, str) and url.startswith(_EQF_PREFIX)
        else code
    )
    if not isinstance(text, str) or text not in {
        str(level.value) for level in EQFLevel
    }:
        raise InvalidDataError(
            "is not an EQF level (1 to 8)", path=(*entry.path, "targetCode")
        )
    for key in ("type", "targetType", "targetFramework", "targetName", "targetCode"):
        entry.data.pop(key, None)
    if isinstance(url, str) and url.startswith(_EQF_PREFIX):
        del entry.data["targetUrl"]
    return EQFLevel(int(text))


def _esco(entry: _Node, model: Any, language: str | None) -> Any:
    url = entry.take("targetUrl", str, required=True)
    name = entry.take("targetName", str)
    label = None
    if name is not None and name != url:
        label = LanguageMap.of(language or "en", name)
    try:
        concept = model.model_validate({"id": url, "label": label})
    except MicrocredError as error:
        raise InvalidDataError(error.problem, path=(*entry.path, "targetUrl")) from None
    for key in ("type", "targetType", "targetFramework"):
        entry.data.pop(key, None)
    return concept


def _read_outcomes(node: _Node, language: str | None) -> tuple[Ob3Outcome, ...]:
    found: list[Ob3Outcome] = []
    for entry in node.items("resultDescription"):
        if not isinstance(entry, _Node):
            continue
        the_id = entry.data.get("id")
        if isinstance(the_id, str) and _GRADE_MARK in the_id:
            for key in ("id", "type", "name", "resultType"):
                entry.data.pop(key, None)
            continue
        if not (isinstance(the_id, str) and _OUTCOME_MARK in the_id):
            continue
        found.append(_outcome(entry, the_id, language))
    return tuple(found)


def _outcome(entry: _Node, the_id: str, language: str | None) -> Ob3Outcome:
    text = entry.take("name", str, required=True)
    skills = [
        _esco(item, EscoSkill, language)
        for item in entry.items("alignment")
        if isinstance(item, _Node)
        and item.data.get("targetType") == ESCO_SKILL_TARGET_TYPE
    ]
    for key in ("id", "type", "resultType"):
        entry.data.pop(key, None)
    outcome_id = the_id.rsplit(_OUTCOME_MARK, 1)[1]
    return Ob3Outcome(id=outcome_id, text=text, esco_skills=tuple(skills))


def _read_results(
    subject: _Node, achievement_id: str
) -> tuple[tuple[OutcomeResult, ...], str | None]:
    results: list[OutcomeResult] = []
    grade: str | None = None
    for entry in subject.items("result"):
        if not isinstance(entry, _Node):
            continue
        described = entry.data.get("resultDescription")
        if not isinstance(described, str):
            continue
        if described.endswith(_GRADE_MARK):
            grade = entry.take("value", str, required=True)
        elif _OUTCOME_MARK in described:
            results.append(_outcome_result(entry, described))
        else:
            continue
        entry.data.pop("resultDescription", None)
        _take_type(entry, "Result")
    return tuple(results), grade


def _outcome_result(entry: _Node, described: str) -> OutcomeResult:
    status = entry.take("status", str, required=True)
    if status not in {"Completed", "Failed"}:
        raise InvalidDataError(
            f"{status!r} is not Completed or Failed", path=(*entry.path, "status")
        )
    value = entry.take("value", str)
    score = None
    if value is not None:
        # Only plain fractions and decimals, and short ones: Fraction("1e999999")
        # would build a number with a million digits.
        if len(value) > _MAX_SCORE_TEXT or not _SCORE.fullmatch(value):
            raise InvalidDataError(
                "is not a score such as 4/5 or 0.8", path=(*entry.path, "value")
            )
        try:
            score = Fraction(value)
        except ZeroDivisionError:
            raise InvalidDataError(
                "has a zero denominator", path=(*entry.path, "value")
            ) from None
    try:
        return OutcomeResult(
            outcome_id=described.rsplit(_OUTCOME_MARK, 1)[1],
            achieved=status == "Completed",
            score=score,
        )
    except MicrocredError as error:
        raise InvalidDataError(error.problem, path=entry.path) from None


def _read_evidence(root: _Node, language: str | None) -> tuple[Evidence, ...]:
    # Only entries in microcred's form (a name and a description) map to the
    # model's Evidence; any other entry stays in extra.
    found: list[Evidence] = []
    for entry in root.items("evidence"):
        if not isinstance(entry, _Node):
            continue
        name, text = entry.data.get("name"), entry.data.get("description")
        if not (isinstance(name, str) and isinstance(text, str)):
            continue
        url = entry.data.get("id")
        try:
            evidence = Evidence.model_validate(
                {"id": name, "description": {language or "en": text}, "url": url}
            )
        except MicrocredError:
            continue
        for key in ("id", "name", "description"):
            entry.data.pop(key, None)
        _take_type(entry, "Evidence")
        found.append(evidence)
    return tuple(found)
