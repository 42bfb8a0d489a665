"""Award → Open Badges 3.0 ``OpenBadgeCredential`` (VC 2.0 form)."""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from typing import Any

from microcred.errors import InvalidDataError
from microcred.model import (
    Award,
    Evidence,
    LanguageMap,
    LearningOutcome,
    Organisation,
)
from microcred.model._vocab import _authority_codes

__all__ = [
    "EQF_TARGET_TYPE",
    "ESCO_OCCUPATION_TARGET_TYPE",
    "ESCO_SKILL_TARGET_TYPE",
    "OB3_CONTEXT",
    "VC2_CONTEXT",
    "to_ob3",
]

VC2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

# AlignmentTargetType is an extensible vocabulary: extensions are written
# "ext:<Name>" (OB 3.0 §B.3). "ext:EQF" is the term the Dutch educredentials
# examples use for EQF levels, so readers that know those examples know ours.
EQF_TARGET_TYPE = "ext:EQF"
ESCO_SKILL_TARGET_TYPE = "ext:ESCOSkill"
ESCO_OCCUPATION_TARGET_TYPE = "ext:ESCOOccupation"
EQF_FRAMEWORK = "European Qualifications Framework"
ESCO_FRAMEWORK = "ESCO"

# OB 3.0 LanguageCode: a narrower BCP 47 form than the model accepts.
_OB3_LANGUAGE = re.compile(r"^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_GRADE_FRAGMENT = "grade"
_OUTCOME_FRAGMENT = "outcome-"


def to_ob3(
    award: Award,
    *,
    issuer_id: str | None = None,
    credential_id: str | None = None,
    language: str | None = None,
    identity_salt: str | None = None,
) -> dict[str, Any]:
    """An Open Badges 3.0 ``OpenBadgeCredential`` for ``award``, unsigned.

    ``issuer_id`` defaults to the micro-credential's issuer id and
    ``credential_id`` to the award's id; both must be absolute IRIs. OB 3.0
    strings are not multilingual, so texts are taken in ``language`` (default:
    the micro-credential's first language), which becomes ``inLanguage``. The
    learner's name is written in clear; the learner's e-mail and
    ``identifier`` only as salted SHA-256 ``IdentityObject`` entries, and only
    when ``identity_salt`` is given. Same input, same output.

    Raises :class:`~microcred.errors.InvalidDataError` naming the field when an
    id is not an absolute IRI or the language has no OB 3.0 form.
    """
    credential = award.micro_credential
    chosen = _language(language or credential.languages[0])
    credential_iri = _iri(credential_id or award.id, "id")
    issuer = _issuer(credential.issuer, issuer_id, chosen)
    document: dict[str, Any] = {
        "@context": [VC2_CONTEXT, OB3_CONTEXT],
        "id": credential_iri,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer,
        "validFrom": _timestamp(award.effective_valid_from),
        # Annex I's date of issue; validFrom may be later (OB 3.0 awardedDate).
        "awardedDate": _timestamp(award.issued),
        "name": credential.title.get_text(chosen),
        "credentialSubject": _subject(award, chosen, identity_salt),
    }
    if award.valid_until is not None:
        document["validUntil"] = _timestamp(award.valid_until)
    if award.evidence:
        document["evidence"] = [_evidence(e, chosen) for e in award.evidence]
    return document


def _evidence(evidence: Evidence, language: str) -> dict[str, Any]:
    # OB 3.0 Evidence.id is the evidence resource itself, so the URL goes there;
    # microcred's own identifier travels as the name.
    entry: dict[str, Any] = {"type": ["Evidence"]}
    if evidence.url is not None:
        entry["id"] = evidence.url
    entry["name"] = evidence.id
    entry["description"] = evidence.description.get_text(language)
    return entry


def _language(tag: str) -> str:
    if not _OB3_LANGUAGE.fullmatch(tag):
        raise InvalidDataError(
            f"{tag!r} has no Open Badges 3.0 LanguageCode form "
            "(language[-Script][-REGION])",
            path="language",
        )
    return tag


def _iri(value: str, path: str) -> str:
    # JSON-LD resolves a relative @id against the document's base, so a plain
    # catalogue code would turn into a different identifier for every reader.
    if not _ABSOLUTE_IRI.fullmatch(value):
        raise InvalidDataError(
            f"{value!r} is not an absolute IRI (such as urn:uuid:... or https://...)",
            path=path,
        )
    return value


def _timestamp(value: Any) -> str:
    text: str = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _issuer(
    organisation: Organisation, issuer_id: str | None, language: str
) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "id": _iri(issuer_id or organisation.id, "issuer.id"),
        "type": ["Profile"],
        "name": organisation.legal_name.get_text(language),
    }
    if organisation.homepage is not None:
        profile["url"] = organisation.homepage
    if organisation.email is not None:
        profile["email"] = organisation.email
    address: dict[str, Any] = {"type": ["Address"]}
    address["addressCountryCode"] = _alpha2(organisation.country)
    if organisation.region is not None:
        address["addressRegion"] = organisation.region.get_text(language)
    profile["address"] = address
    return profile


def _alpha2(alpha3: str) -> str:
    # The model stores the EU authority code (alpha-3); OB 3.0's
    # addressCountryCode is ISO 3166-1 alpha-2.
    for alpha2, entry in _authority_codes()["countries"].items():
        if entry["code"] == alpha3:
            return alpha2
    raise InvalidDataError(
        f"{alpha3!r} has no ISO 3166-1 alpha-2 code microcred knows",
        path="issuer.country",
    )


def _subject(award: Award, language: str, identity_salt: str | None) -> dict[str, Any]:
    subject: dict[str, Any] = {
        "id": _iri(award.learner.id, "learner.id"),
        "type": ["AchievementSubject"],
        "achievement": _achievement(award, language),
    }
    identifiers = _identity_objects(award, identity_salt)
    if identifiers:
        subject["identifier"] = identifiers
    ects = award.micro_credential.workload.ects
    if ects is not None:
        subject["creditsEarned"] = _number(ects)
    results = _results(award)
    if results:
        subject["result"] = results
    return subject


def _identity_objects(award: Award, identity_salt: str | None) -> list[dict[str, Any]]:
    # Annex I asks for the learner's identification; the name is written in
    # clear (as EDC does), other identifiers only hashed and salted (OB 3.0
    # IdentityObject: hash what could leak personal data).
    learner = award.learner
    found = [_identity("name", learner.display_name, hashed=False)]
    if identity_salt is None:
        return found
    for kind, value in (
        ("emailAddress", learner.email),
        ("identifier", learner.identifier),
    ):
        if value is not None:
            found.append(_hashed_identity(kind, value, identity_salt))
    return found


def _hashed_identity(kind: str, value: str, salt: str) -> dict[str, Any]:
    digest = hashlib.sha256((value + salt).encode()).hexdigest()
    entry = _identity(kind, f"sha256${digest}", hashed=True)
    entry["salt"] = salt
    return entry


def _identity(kind: str, value: str, *, hashed: bool) -> dict[str, Any]:
    return {
        "type": "IdentityObject",
        "identityHash": value,
        "identityType": kind,
        "hashed": hashed,
    }


def _number(value: Decimal) -> int | float:
    # OB 3.0 Float: JSON numbers only. Credit values are short decimals, so the
    # float is exact enough to print back as written (2.5 stays 2.5).
    return int(value) if value == value.to_integral_value() else float(value)


def _achievement(award: Award, language: str) -> dict[str, Any]:
    credential = award.micro_credential
    achievement_id = _iri(credential.id, "microCredential.id")
    achievement: dict[str, Any] = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": credential.title.get_text(language),
        "description": credential.description.get_text(language),
        "criteria": {"narrative": _narrative(award, language)},
        "inLanguage": language,
    }
    if credential.workload.ects is not None:
        achievement["creditsAvailable"] = _number(credential.workload.ects)
    alignments = _alignments(award, language)
    if alignments:
        achievement["alignment"] = alignments
    achievement["resultDescription"] = _result_descriptions(award, language)
    return achievement


def _narrative(award: Award, language: str) -> str:
    # Criteria.narrative is Markdown (OB 3.0 §Criteria): the outcomes a holder
    # showed, then how they were assessed.
    credential = award.micro_credential
    lines = ["Learning outcomes:", ""]
    lines += [f"- {o.text.get_text(language)}" for o in credential.learning_outcomes]
    assessment = credential.assessment
    kind = str(assessment.type).replace("-", " ")
    lines += ["", f"Assessment: {kind}."]
    if assessment.description is not None:
        lines.append(assessment.description.get_text(language))
    return "\n".join(lines)


def _alignments(award: Award, language: str) -> list[dict[str, Any]]:
    credential = award.micro_credential
    found: list[dict[str, Any]] = []
    if credential.eqf_level is not None:
        level = credential.eqf_level
        found.append(
            _alignment(
                level.iri, f"EQF level {level.value}", EQF_FRAMEWORK, EQF_TARGET_TYPE
            )
            | {"targetCode": str(level.value)}
        )
    found += [
        _esco(skill.iri, skill.label, language, ESCO_SKILL_TARGET_TYPE)
        for skill in _unique_skills(credential.learning_outcomes)
    ]
    found += [
        _esco(job.iri, job.label, language, ESCO_OCCUPATION_TARGET_TYPE)
        for job in credential.esco_occupations
    ]
    return found


def _unique_skills(outcomes: tuple[LearningOutcome, ...]) -> list[Any]:
    seen: dict[str, Any] = {}
    for outcome in outcomes:
        for skill in outcome.esco_skills:
            seen.setdefault(skill.iri, skill)
    return list(seen.values())


def _esco(
    iri: str, label: LanguageMap | None, language: str, target_type: str
) -> dict[str, Any]:
    # targetName is required; without a label the IRI itself stands in, which
    # the reader recognises and turns back into "no label".
    name = label.get_text(language) if label is not None else iri
    return _alignment(iri, name, ESCO_FRAMEWORK, target_type)


def _alignment(url: str, name: str, framework: str, kind: str) -> dict[str, Any]:
    return {
        "type": ["Alignment"],
        "targetUrl": url,
        "targetName": name,
        "targetFramework": framework,
        "targetType": kind,
    }


def result_description_id(achievement_id: str, outcome_id: str | None) -> str:
    """The id of a ResultDescription: one per learning outcome, one for the grade."""
    fragment = _GRADE_FRAGMENT if outcome_id is None else _OUTCOME_FRAGMENT + outcome_id
    base = achievement_id.split("#", 1)[0]
    return f"{base}#{fragment}"


def _result_descriptions(award: Award, language: str) -> list[dict[str, Any]]:
    credential = award.micro_credential
    found: list[dict[str, Any]] = []
    for outcome in credential.learning_outcomes:
        entry: dict[str, Any] = {
            "id": result_description_id(credential.id, outcome.id),
            "type": ["ResultDescription"],
            "name": outcome.text.get_text(language),
            "resultType": "Status",
        }
        if outcome.esco_skills:
            entry["alignment"] = [
                _esco(s.iri, s.label, language, ESCO_SKILL_TARGET_TYPE)
                for s in outcome.esco_skills
            ]
        found.append(entry)
    if award.grade is not None:
        found.append(
            {
                "id": result_description_id(credential.id, None),
                "type": ["ResultDescription"],
                "name": "Grade",
                "resultType": "Result",
            }
        )
    return found


def _results(award: Award) -> list[dict[str, Any]]:
    # A Status result says whether the outcome was achieved; the exact score
    # (a fraction in [0, 1], such as "4/5") travels as the result's value.
    achievement_id = award.micro_credential.id
    found: list[dict[str, Any]] = []
    for result in award.outcome_results:
        entry: dict[str, Any] = {
            "type": ["Result"],
            "resultDescription": result_description_id(
                achievement_id, result.outcome_id
            ),
            "status": "Completed" if result.achieved else "Failed",
        }
        if result.score is not None:
            entry["value"] = str(result.score)
        found.append(entry)
    if award.grade is not None:
        found.append(
            {
                "type": ["Result"],
                "resultDescription": result_description_id(achievement_id, None),
                "value": award.grade,
            }
        )
    return found
