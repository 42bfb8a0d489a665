"""EDC JSON-LD -> Award, keeping whatever the Award does not hold.

Three layers, each of which can fail with a path-naming error:

1. the document: JSON, an optional JAdES envelope or the EDC issuer's upload
   form, the ``@context`` and the credential types;
2. the ELM layer: every key a term of the EDC contexts, every literal of its
   declared JSON type (``_terms``);
3. the domain: the Award and its MicroCredential, built from the ELM nodes.

What the domain does not hold comes back as an :class:`EdcPatch` against the
writer's own output, so ``to_edc(award, unmapped=patch)`` reproduces the source.
When a credential cannot become an Award (a certificate of participation has no
learning outcomes, for example) the reading says why and keeps the document.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar, cast
from urllib.parse import unquote

import orjson
from pydantic import BaseModel

from microcred._jsonio import JadesEnvelope, check_json_value, load_json, open_envelope
from microcred.errors import (
    InvalidDataError,
    MicrocredError,
    ModelValidationError,
    UnknownContextError,
    UnsupportedError,
    format_path,
)
from microcred.model import (
    AccreditationType,
    Assessment,
    AssessmentType,
    Award,
    AwardRoute,
    CertificationPathway,
    EQFLevel,
    EscoOccupation,
    EscoSkill,
    Evidence,
    IscoGroup,
    LanguageMap,
    Learner,
    LearningOpportunityType,
    LearningOutcome,
    LearningSetting,
    MicroCredential,
    Mode,
    NQFLevel,
    Organisation,
    OutcomeResult,
    Participation,
    PriorLearningRoute,
    QualityAssurance,
    SkillReuseLevel,
    SkillType,
    Stackability,
    StackabilityOption,
    SupervisionVerification,
    TrainingLink,
    Workload,
    country_code,
)

from . import _esco as esco
from ._ids import entity_id, model_id, node_kind
from ._patch import EdcPatch, diff
from ._terms import (
    DATA_INTEGRITY_CONTEXTS,
    EDC_CONTEXT,
    EDC_CONTEXTS,
    VC_V1_CONTEXT,
    check_terms,
)
from ._vocab import ECTS
from ._writer import ENTITLEMENT_OCCUPATION, SUPERVISION_NOTES, build_credential

__all__ = ["EdcReading", "read_credential"]

PathParts = list[str | int]
Node = dict[str, Any]
T = TypeVar("T")

#: Text put where the credential does not state a mandatory Annex I element
#: that the model requires; each use is listed in ``EdcReading.notes``.
NOT_STATED = "(not stated in the credential)"
_GRADE = re.compile(r"^(achieved|not achieved)(?:, score (\d+(?:/\d+)?))?$")


@dataclass(frozen=True, slots=True)
class EdcReading:
    """What :func:`~microcred.edc.read_edc` found.

    ``award`` is the domain view (None when the credential is not a
    micro-credential award; ``problem`` then says why). ``unmapped`` is
    everything the Award does not hold, as a patch over the writer's output:
    ``to_edc(award, unmapped=unmapped)`` gives the source back. ``notes`` lists
    what deserves a look (``P60M`` months, a placeholder for a missing
    element). ``credential`` is the credential exactly as parsed.
    """

    credential: dict[str, Any]
    award: Award | None
    unmapped: EdcPatch
    notes: tuple[str, ...]
    problem: str | None = None
    envelope: JadesEnvelope | None = None
    delivery_details: dict[str, Any] | None = None

    def to_edc(self) -> dict[str, Any]:
        """The credential written back (from the Award and the unmapped data)."""
        if self.award is None:
            return self.credential
        from ._api import to_edc

        return to_edc(self.award, unmapped=self.unmapped)


def read_credential(source: Any) -> EdcReading:
    """Read an EDC (see :func:`microcred.edc.read_edc`)."""
    document = _load(source)
    envelope = open_envelope(document)
    delivery: dict[str, Any] | None = None
    credential = envelope.credential if envelope is not None else document
    upload = _is_upload_form(credential)
    if upload:
        delivery = credential["deliveryDetails"]
        credential = credential["credential"]
        if not isinstance(credential, dict) or not isinstance(delivery, dict):
            raise InvalidDataError("expected objects", path="credential")
    _check_document(credential, context_required=not upload)
    body, proof_notes = _set_proof_aside(credential)
    durations = check_terms(body, [])
    try:
        try:
            award, notes = _DomainReader(body, fast=True).award()
        except ModelValidationError:
            # Run again model by model, so the error names the EDC path.
            award, notes = _DomainReader(body).award()
        notes = (*notes, *duration_flags(durations), *proof_notes)
    except _NotAnAwardError as reason:
        notes = (*duration_flags(durations), *proof_notes)
        return EdcReading(
            credential, None, EdcPatch(), notes, str(reason), envelope, delivery
        )
    fresh = build_credential(award)
    found = diff(fresh, credential)
    patch = EdcPatch(found.ops, base=fresh, source=orjson.dumps(credential))
    return EdcReading(credential, award, patch, notes, None, envelope, delivery)


def _set_proof_aside(credential: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The credential without its Data Integrity proofs, and a note about them.

    The proofs are not part of the Award: they stay in the credential, so the
    unmapped data carries them and writing back gives them again, unchanged. Their
    terms come from the Data Integrity context, not ELM's, and checking them is
    :func:`microcred.verify`'s job.
    """
    if "proof" not in credential:
        return credential, []
    proof = credential["proof"]
    proofs = proof if isinstance(proof, list) else [proof]
    for index, entry in enumerate(proofs):
        if not isinstance(entry, dict):
            where: PathParts = ["proof"]
            if isinstance(proof, list):
                where = ["proof", index]
            raise InvalidDataError("a proof must be a JSON object", path=where)
    body = {key: value for key, value in credential.items() if key != "proof"}
    note = (
        f"proof: {len(proofs)} Data Integrity proof(s) kept as they are and not "
        "checked by read_edc; microcred.verify() checks them"
    )
    return body, [note]


def _load(source: Any) -> Any:
    if isinstance(source, dict):
        check_json_value(source)
        return source
    if isinstance(source, str | bytes | os.PathLike):
        return load_json(source, what="EDC")
    raise InvalidDataError(
        f"expected a dict, JSON text, bytes or a Path, not {type(source).__name__}"
    )


def _is_upload_form(document: Any) -> bool:
    return (
        isinstance(document, dict)
        and "credential" in document
        and "deliveryDetails" in document
    )


def _check_document(credential: Any, *, context_required: bool) -> None:
    if not isinstance(credential, dict):
        raise InvalidDataError("an EDC must be a JSON object")
    context = credential.get("@context")
    if context is None and context_required:
        raise InvalidDataError("missing; an EDC names its contexts", path="@context")
    if context is not None:
        _check_context(context)
    types = credential.get("type")
    names = types if isinstance(types, list) else [types]
    for needed in ("VerifiableCredential", "EuropeanDigitalCredential"):
        if needed not in names:
            raise InvalidDataError(f"must include {needed!r}", path="type")


def _check_context(context: Any) -> None:
    items = context if isinstance(context, list) else [context]
    from microcred.jsonld import default_registry  # loads pyld: only when reading

    registry = default_registry()
    seen: list[str] = []
    for index, item in enumerate(items):
        where: PathParts = (
            ["@context", index] if isinstance(context, list) else ["@context"]
        )
        if not isinstance(item, str):
            raise UnsupportedError(
                "embedded context definitions are not supported in an EDC",
                path=where,
            )
        if item not in registry:
            raise UnknownContextError(
                f"{item!r} is not a context microcred bundles (it never downloads)",
                path=where,
            )
        seen.append(_canonical_context(item))
    # A Data Integrity proof appends its context (Data Integrity 1.0, 2.1); that
    # context defines only `proof` and `DataIntegrityProof` beyond the keyword
    # aliases, so no ELM term changes meaning under it.
    if seen != list(EDC_CONTEXTS) and (
        seen[:-1] != list(EDC_CONTEXTS) or seen[-1] not in DATA_INTEGRITY_CONTEXTS
    ):
        raise UnsupportedError(
            f"an EDC on VC 1.1 uses the contexts {list(EDC_CONTEXTS)}, and the Data "
            f"Integrity context after them when it carries a proof; got {items}",
            path="@context",
        )


def _canonical_context(url: str) -> str:
    for known in (VC_V1_CONTEXT, EDC_CONTEXT, *DATA_INTEGRITY_CONTEXTS):
        if _registry()[url] is _registry()[known]:
            return known
    return url


def _registry() -> Any:
    from microcred.jsonld import default_registry

    return default_registry()


class _NotAnAwardError(Exception):
    """The credential is a valid EDC but not a micro-credential award."""


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class _DomainReader:
    """Builds the Award; every error names the EDC path.

    With ``fast``, models are gathered as plain dicts and validated once at the
    end (pydantic-core does that in one pass, several times faster than one
    constructor per node). Valid input never needs more; on a validation error
    the reader runs again without ``fast`` to name the EDC path of the fault.
    """

    def __init__(self, credential: Node, *, fast: bool = False) -> None:
        self.credential = credential
        self.fast = fast
        self.notes: list[str] = []

    # -- navigation ---------------------------------------------------------

    def all(self, node: Node, key: str, path: PathParts) -> list[tuple[Any, PathParts]]:
        value = node.get(key)
        if isinstance(value, list):
            return [(item, [*path, key, i]) for i, item in enumerate(value)]
        return [] if value is None else [(value, [*path, key])]

    def first(self, node: Node, key: str, path: PathParts) -> tuple[Any, PathParts]:
        found = self.all(node, key, path)
        if not found:
            raise InvalidDataError("missing; ELM requires it", path=[*path, key])
        return found[0]

    def optional(self, node: Node, key: str, path: PathParts) -> tuple[Any, PathParts]:
        """The first value of ``key`` (or None) and its path (or where it would be)."""
        found = self.all(node, key, path)
        return found[0] if found else (None, [*path, key])

    def node(self, node: Node, key: str, path: PathParts) -> tuple[Node, PathParts]:
        value, where = self.first(node, key, path)
        if not isinstance(value, dict):
            raise InvalidDataError("expected an embedded object", path=where)
        return value, where

    def text(self, value: Any, path: PathParts) -> LanguageMap:
        # ELM allows several strings per language; the model holds one, and the
        # rest stay in the unmapped patch.
        items = {
            tag: texts[0] if isinstance(texts, list) else texts
            for tag, texts in value.items()
            if _items(texts)
        }
        if not items:
            raise InvalidDataError("a language map with no text", path=path)
        if self.fast:
            return cast("LanguageMap", items)
        return self.build(LanguageMap, path, items)

    def build(
        self, factory: Callable[..., T], path: PathParts, *args: Any, **kw: Any
    ) -> T:
        if self.fast and isinstance(factory, type) and issubclass(factory, BaseModel):
            # Validated at the end, with the whole Award (see the class doc).
            return cast("T", kw)
        try:
            return factory(*args, **kw)
        except ModelValidationError as error:
            inner = f"{error.path}: " if error.path else ""
            raise ModelValidationError(
                f"{inner}{error.problem}", path=path, errors=error.errors
            ) from None
        except (MicrocredError, ValueError) as error:
            raise InvalidDataError(str(error), path=path) from None
        except ArithmeticError:
            # decimal.InvalidOperation: Decimal() of something that is no number.
            raise InvalidDataError("is not a number", path=path) from None

    # -- the award ----------------------------------------------------------

    def award(self) -> tuple[Award, tuple[str, ...]]:
        credential = self.credential
        subject, subject_path = self.node(credential, "credentialSubject", [])
        claim, claim_path = self.node(subject, "hasClaim", subject_path)
        if claim.get("type") != "LearningAchievement":
            raise _NotAnAwardError(
                f"{format_path(claim_path)} is a {claim.get('type')}; an Award is a "
                "learning achievement, so the credential is kept as read"
            )
        self.first(claim, "title", claim_path)
        process, process_path = self.node(claim, "awardedBy", claim_path)
        self.node(process, "awardingBody", process_path)
        micro_credential = self.micro_credential(claim, claim_path)
        assessment, assessment_path = self.optional(claim, "provenBy", claim_path)
        issued = self.issued()
        data = self.build(
            Award,
            [],
            id=model_id("award", self.credential_id()),
            learner=self.learner(subject, subject_path),
            micro_credential=micro_credential,
            issued=issued,
            outcome_results=self.results(assessment, assessment_path),
            route=AwardRoute.COURSE
            if "influencedBy" in claim
            else AwardRoute.PRIOR_LEARNING,
            grade=self.grade(assessment, assessment_path),
            evidence=self.evidence(assessment, assessment_path),
            valid_from=self.moment("validFrom"),
            valid_until=self.moment("expirationDate") or self.moment("validUntil"),
        )
        award = Award.model_validate(data) if self.fast else data
        # Calendar durations are flagged with their path by duration_flags.
        self.notes.extend(
            flag
            for flag in award.micro_credential.workload.flags
            if not flag.startswith("volumeOfLearning")
        )
        return award, tuple(self.notes)

    def credential_id(self) -> str:
        value = self.credential.get("id")
        if not isinstance(value, str):
            raise InvalidDataError(
                "missing; microcred needs the credential id", path="id"
            )
        return value

    def moment(self, key: str) -> datetime | None:
        value = self.credential.get(key)
        if value is None:
            return None
        return _datetime(value, [key])

    def issued(self) -> datetime:
        for key in ("issued", "issuanceDate"):
            found = self.moment(key)
            if found is not None:
                return found
        valid_from = self.moment("validFrom")
        if valid_from is None:
            raise InvalidDataError(
                "missing; an EDC states when it was issued", path="issued"
            )
        # The EU's unsigned samples leave the date of issue to the sealing service.
        self.notes.append("issued: not stated (unsealed input); validFrom used")
        return valid_from

    # -- learner ------------------------------------------------------------

    def learner(self, person: Node, path: PathParts) -> Learner:
        names = {}
        for key, field in (
            ("fullName", "full_name"),
            ("givenName", "given_name"),
            ("familyName", "family_name"),
        ):
            value, where = self.optional(person, key, path)
            if value is not None:
                names[field] = next(iter(self.text(value, where).values()))
        identifier, _ = self.optional(person, "identifier", path)
        email = self.email(person, path)
        birth, birth_path = self.optional(person, "dateOfBirth", path)
        return self.build(
            Learner,
            path,
            id=model_id("learner", str(person.get("id") or "")),
            identifier=identifier.get("notation")
            if isinstance(identifier, dict)
            else None,
            email=email,
            date_of_birth=_datetime(birth, birth_path).date() if birth else None,
            **names,
        )

    def email(self, node: Node, path: PathParts) -> str | None:
        for contact, where in self.all(node, "contactPoint", path):
            for mailbox, _ in self.all(contact, "emailAddress", where):
                iri = mailbox.get("id") if isinstance(mailbox, dict) else mailbox
                if isinstance(iri, str) and iri.startswith("mailto:"):
                    return iri.removeprefix("mailto:")
        return None

    # -- organisations --------------------------------------------------------

    def organisation(self, node: Any, path: PathParts) -> Organisation:
        if not isinstance(node, dict):
            raise InvalidDataError("expected an embedded Organisation", path=path)
        name, name_path = self.first(node, "legalName", path)
        location, location_path = self.node(node, "location", path)
        address, address_path = self.node(location, "address", location_path)
        country, country_path = self.node(address, "countryCode", address_path)
        region, region_path = self.optional(location, "geographicName", location_path)
        eidas, _ = self.optional(node, "eIDASIdentifier", path)
        registration, _ = self.optional(node, "registration", path)
        homepage, _ = self.optional(node, "homepage", path)
        return self.build(
            Organisation,
            path,
            id=model_id("organisation", str(node.get("id") or "")),
            legal_name=self.text(name, name_path),
            country=self.build(_country, country_path, country),
            region=self.text(region, region_path) if region is not None else None,
            eidas_identifier=_get(eidas, "notation"),
            legal_identifier=_get(registration, "notation"),
            homepage=_get(homepage, "contentURL"),
            email=self.email(node, path),
        )

    # -- the micro-credential -------------------------------------------------

    def micro_credential(self, claim: Node, claim_path: PathParts) -> MicroCredential:
        spec, path = self.node(claim, "specifiedBy", claim_path)
        title, title_path = self.first(spec, "title", path)
        title_text = self.text(title, title_path)
        process, process_path = self.node(claim, "awardedBy", claim_path)
        awarding_node, awarding_path = self.first(process, "awardingBody", process_path)
        awarding_body = self.organisation(awarding_node, awarding_path)
        issuer = self.issuer(awarding_body)
        outcomes = [
            self.outcome(item, where, str(spec.get("id") or ""))
            for item, where in self.all(spec, "learningOutcome", path)
        ]
        if not outcomes:
            raise _NotAnAwardError(
                f"{format_path(path)} states no learning outcome (Annex I)"
            )
        promoter_node = _get(claim.get("learningOpportunity"), "providedBy")
        promoter_path: PathParts = [*claim_path, "learningOpportunity", "providedBy"]
        if promoter_node is None:
            # The EU's samples name the organisation that ran the course here.
            promoter_node = _get(claim.get("influencedBy"), "directedBy")
            promoter_path = [*claim_path, "influencedBy", "directedBy"]
        return self.build(
            MicroCredential,
            path,
            id=model_id("micro-credential", str(spec.get("id") or "")),
            title=title_text,
            description=self.description(spec, path, title_text),
            languages=self.languages(spec, path),
            learning_outcomes=tuple(outcomes),
            workload=self.workload(spec, path),
            assessment=self.assessment(spec, path, claim, claim_path),
            participation=self.participation(spec, path),
            quality_assurance=self.quality_assurance(spec, path),
            issuer=issuer,
            awarding_body=awarding_body,
            promoter=self.organisation(_first(promoter_node), promoter_path)
            if promoter_node is not None
            else None,
            eqf_level=self.eqf(spec, path),
            nqf_level=self.nqf(spec, path),
            prerequisites=self.note_text(
                spec.get("entryRequirement"), [*path, "entryRequirement"]
            ),
            stackability=self.stackability(spec, path),
            further_information=self.kind_note(spec, path, "furtherInformation"),
            esco_occupations=self.occupations(spec, path),
            thematic_areas=self.thematic_areas(spec, path),
            training_links=self.training_links(spec, path),
            pathways=self.pathways(spec, path),
            prior_learning=self.prior_learning(spec, path),
        )

    def issuer(self, awarding_body: Organisation) -> Organisation:
        node = self.credential.get("issuer")
        if node is None:
            # The EDC issuer's upload form leaves the issuer block to the sealer,
            # which builds it from the seal certificate.
            self.notes.append(
                "issuer: not stated (upload form); the awarding body used"
            )
            return awarding_body
        return self.organisation(node, ["issuer"])

    def description(
        self, spec: Node, path: PathParts, title: LanguageMap
    ) -> LanguageMap:
        value, where = self.optional(spec, "description", path)
        if value is not None:
            return self.text(value, where)
        self.notes.append(f"{format_path([*path, 'description'])}: not stated")
        return LanguageMap(dict.fromkeys(title, NOT_STATED))

    def languages(self, spec: Node, path: PathParts) -> tuple[str, ...]:
        tags: list[str] = []
        for concept, where in self.all(spec, "language", path):
            tag = _language_tag(_get(concept, "id") or "")
            if tag is None:
                raise UnsupportedError("a language microcred does not know", path=where)
            if tag not in tags:
                tags.append(tag)
        if not tags:
            display = self.credential.get("displayParameter") or {}
            primary = _language_tag(_get(display.get("primaryLanguage"), "id") or "")
            tags.append(primary or "en")
            self.notes.append(
                f"{format_path([*path, 'language'])}: not stated; "
                "the display language used"
            )
        return tuple(tags)

    def outcome(self, node: Any, path: PathParts, spec_id: str) -> LearningOutcome:
        if not isinstance(node, dict):
            raise InvalidDataError("expected an embedded LearningOutcome", path=path)
        title, title_path = self.first(node, "title", path)
        skills = [
            self.skill(item, where)
            for item, where in self.all(node, "relatedESCOSkill", path)
        ]
        kind, kind_path = self.optional(node, "dcType", path)
        reuse, reuse_path = self.optional(node, "reusabilityLevel", path)
        optional = any(
            node_kind(_get(note, "id")) == "optionalOutcome"
            for note in _items(node.get("additionalNote"))
        )
        return self.build(
            LearningOutcome,
            path,
            id=_outcome_id(str(node.get("id") or ""), spec_id),
            text=self.text(title, title_path),
            esco_skills=tuple(skills),
            skill_type=self.build(SkillType.from_iri, kind_path, _get(kind, "id"))
            if kind
            else None,
            reusability_level=self.build(
                SkillReuseLevel.from_iri, reuse_path, _get(reuse, "id")
            )
            if reuse
            else None,
            required=not optional,
        )

    def skill(self, concept: Any, path: PathParts) -> EscoSkill:
        iri = _get(concept, "id") or ""
        return self.build(
            EscoSkill,
            path,
            iri=iri,
            label=self.concept_label(concept, path),
            skill_type=esco.skill_type_from_iri(
                _get(_get(concept, esco.SKILL_TYPE), "id")
            ),
            reuse_level=esco.reuse_level_from_iri(
                _get(_get(concept, esco.SKILL_REUSE_LEVEL), "id")
            ),
        )

    def isco_group(self, occupation: Any, path: PathParts) -> IscoGroup | None:
        group = _first(_get(occupation, esco.MEMBER_OF_ISCO_GROUP))
        if not isinstance(group, dict) or not esco.is_isco_group(group.get("id")):
            # Anything else stays in the unmapped patch, as read.
            return None
        where: PathParts = [*path, esco.MEMBER_OF_ISCO_GROUP]
        return self.build(
            IscoGroup,
            where,
            iri=group["id"],
            label=self.concept_label(group, where),
        )

    def concept_label(self, concept: Any, path: PathParts) -> LanguageMap | None:
        label = _get(concept, "prefLabel")
        iri = _get(concept, "id") or ""
        if not isinstance(label, dict):
            return None
        text = self.text(label, [*path, "prefLabel"])
        # The model writes the IRI's tail where a label is missing.
        if dict(text) == {"en": iri.rsplit("/", 1)[-1]}:
            return None
        return text

    def workload(self, spec: Node, path: PathParts) -> Workload:
        ects: Decimal | None = None
        for credit, where in self.all(spec, "creditPoint", path):
            if _get(_get(credit, "framework"), "id") == ECTS.iri:
                ects = self.build(
                    Decimal, [*where, "point"], str(_get(credit, "point"))
                )
        volume, volume_path = self.optional(spec, "volumeOfLearning", path)
        if volume is None and ects is None:
            raise _NotAnAwardError(
                f"{format_path(path)} states no workload (Annex I requires it)"
            )
        if volume is None:
            return self.build(Workload, path, ects=ects)
        # Names the path of a malformed duration; the Workload keeps the text
        # and puts it in its one form (PT25H is 25 hours, P60M stays months).
        self.build(Workload.from_duration, volume_path, volume)
        return self.build(Workload, volume_path, volume_of_learning=volume, ects=ects)

    def assessment(
        self, spec: Node, path: PathParts, claim: Node, claim_path: PathParts
    ) -> Assessment:
        node, where = self.optional(spec, "provenBy", path)
        if node is None:
            assessment, assessment_path = self.optional(claim, "provenBy", claim_path)
            if assessment is None:
                raise _NotAnAwardError(
                    f"{format_path(claim_path)} states no assessment"
                )
            node, where = self.node(assessment, "specifiedBy", assessment_path)
        concept, concept_path = self.optional(node, "dcType", where)
        if concept is None:
            raise _NotAnAwardError(
                f"{format_path(where)} states no type of assessment (Annex I)"
            )
        description, description_path = self.optional(node, "description", where)
        supervision = self.supervision(claim, claim_path, node)
        return self.build(
            Assessment,
            where,
            type=self.assessment_type(concept, concept_path),
            description=self.text(description, description_path)
            if description
            else None,
            supervision=supervision,
        )

    def assessment_type(self, concept: Any, path: PathParts) -> AssessmentType:
        iri = _get(concept, "id") or ""
        try:
            return AssessmentType.from_iri(iri)
        except MicrocredError:
            pass
        # The EU's 2023 sample uses a local concept labelled like an EU one.
        label = (_get(concept, "prefLabel") or {}).get("en")
        for member in AssessmentType:
            if member.concept.pref_label.get("en") == label:
                self.notes.append(
                    f"{format_path(path)}: local concept {iri} read as "
                    f"{member.value!r} by its label"
                )
                return member
        raise UnsupportedError(
            f"{iri!r} is not an assessment type microcred knows", path=path
        )

    def supervision(
        self, claim: Node, claim_path: PathParts, specification: Node
    ) -> SupervisionVerification | None:
        noted = _supervision_note(specification)
        assessment, where = self.optional(claim, "provenBy", claim_path)
        concept, concept_path = (
            self.optional(assessment, "idVerification", where)
            if isinstance(assessment, dict)
            else (None, where)
        )
        if concept is None:
            without = SupervisionVerification.SUPERVISED_WITHOUT_ID_CHECK
            return without if noted is without else None
        iri = _get(concept, "id")
        if iri == SupervisionVerification.SUPERVISED_WITH_ID_CHECK.iri and noted in {
            SupervisionVerification.SUPERVISED_WITH_ONLINE_ID_CHECK,
            SupervisionVerification.SUPERVISED_WITH_ONSITE_ID_CHECK,
        }:
            # The shared EU concept, made precise by the writer's note.
            return noted
        # Two Annex I values share the EU's "with ID verification" concept.
        for member in SupervisionVerification:
            if member.value in {
                "supervised-with-online-id-check",
                "supervised-with-onsite-id-check",
            }:
                continue
            if member._iri == iri:
                return member
        raise UnsupportedError(
            f"{iri!r} is not a supervision concept microcred knows", path=concept_path
        )

    def participation(self, spec: Node, path: PathParts) -> Participation:
        mode, mode_path = self.optional(spec, "mode", path)
        if mode is None:
            raise _NotAnAwardError(
                f"{format_path(path)} states no mode (form of participation)"
            )
        setting, setting_path = self.optional(spec, "learningSetting", path)
        return self.build(
            Participation,
            path,
            mode=self.build(Mode.from_iri, mode_path, _get(mode, "id")),
            learning_setting=self.build(
                LearningSetting.from_iri, setting_path, _get(setting, "id")
            )
            if setting
            else LearningSetting.NON_FORMAL,
            volunteering=self.kind_note(spec, path, "volunteering") is not None,
            description=self.kind_note(spec, path, "participation"),
        )

    def quality_assurance(self, spec: Node, path: PathParts) -> QualityAssurance:
        accreditation, where = self.optional(spec, "accreditation", path)
        if isinstance(accreditation, dict):
            title, title_path = self.first(accreditation, "title", where)
            kind, kind_path = self.first(accreditation, "dcType", where)
            return self.build(
                QualityAssurance,
                where,
                description=self.text(title, title_path),
                type=self.build(
                    AccreditationType.from_iri, kind_path, _get(kind, "id")
                ),
                url=_get(_first(accreditation.get("homepage")), "contentURL"),
            )
        text = self.kind_note(spec, path, "qualityAssurance")
        if text is None:
            self.notes.append(
                f"{format_path(path)}: no quality assurance stated (Annex I)"
            )
            return QualityAssurance(description=LanguageMap({"en": NOT_STATED}))
        link = next(
            (
                _get(doc, "contentURL")
                for doc in _items(spec.get("supplementaryDocument"))
                if node_kind(_get(doc, "id")) == "webResource"
            ),
            None,
        )
        return self.build(QualityAssurance, path, description=text, url=link)

    def eqf(self, spec: Node, path: PathParts) -> EQFLevel | None:
        concept, where = self.optional(spec, "eqfLevel", path)
        return (
            self.build(EQFLevel.from_iri, where, _get(concept, "id"))
            if concept
            else None
        )

    def nqf(self, spec: Node, path: PathParts) -> NQFLevel | None:
        concept, where = self.optional(spec, "nqfLevel", path)
        if concept is None:
            return None
        scheme = _get(_get(concept, "inScheme"), "id")
        label = self.text(_get(concept, "prefLabel") or {}, [*where, "prefLabel"])
        return self.build(
            NQFLevel, where, iri=_get(concept, "id"), label=label, scheme=scheme
        )

    def note_text(self, note: Any, path: PathParts) -> LanguageMap | None:
        note = _first(note)
        if not isinstance(note, dict):
            return None
        literal, where = self.first(note, "noteLiteral", path)
        return self.text(literal, where)

    def kind_note(self, spec: Node, path: PathParts, kind: str) -> LanguageMap | None:
        for note, where in self.all(spec, "additionalNote", path):
            if node_kind(_get(note, "id")) == kind:
                return self.note_text(note, where)
        return None

    def stackability(self, spec: Node, path: PathParts) -> Stackability | None:
        for kind, option in (
            ("stackable", StackabilityOption.STACKABLE),
            ("standAlone", StackabilityOption.STAND_ALONE),
        ):
            text = self.kind_note(spec, path, kind)
            if text is not None:
                plain = dict(text) == {"en": kind}
                return Stackability(option=option, description=None if plain else text)
        return None

    def prior_learning(self, spec: Node, path: PathParts) -> PriorLearningRoute | None:
        text = self.kind_note(spec, path, "priorLearning")
        return PriorLearningRoute(description=text) if text is not None else None

    def occupations(self, spec: Node, path: PathParts) -> tuple[EscoOccupation, ...]:
        found: list[EscoOccupation] = []
        for entitlement, where in self.all(spec, "entitlesTo", path):
            if _get(_get(entitlement, "dcType"), "id") != ENTITLEMENT_OCCUPATION["id"]:
                continue
            for concept, concept_path in self.all(
                entitlement, "limitOccupation", where
            ):
                found.append(
                    self.build(
                        EscoOccupation,
                        concept_path,
                        iri=_get(concept, "id"),
                        label=self.concept_label(concept, concept_path),
                        isco_group=self.isco_group(concept, concept_path),
                    )
                )
        return tuple(found)

    def thematic_areas(self, spec: Node, path: PathParts) -> tuple[str, ...]:
        return tuple(
            str(_get(concept, "id") or "").rsplit("/", 1)[-1]
            for concept, _ in self.all(spec, "thematicArea", path)
        )

    def training_links(self, spec: Node, path: PathParts) -> tuple[TrainingLink, ...]:
        links: list[TrainingLink] = []
        for programme, where in self.all(spec, "influencedBy", path):
            url = _get(_first(_get(programme, "homepage")), "contentURL")
            title, title_path = self.first(programme, "title", where)
            if url is None:
                continue
            kind = _get(_get(programme, "dcType"), "id")
            provider = self.kind_note(programme, where, "trainingProvider")
            links.append(
                self.build(
                    TrainingLink,
                    where,
                    title=self.text(title, title_path),
                    url=url,
                    provider=next(iter(provider.values())) if provider else None,
                    type=self.build(LearningOpportunityType.from_iri, where, kind)
                    if kind
                    else None,
                )
            )
        return tuple(links)

    def pathways(self, spec: Node, path: PathParts) -> tuple[CertificationPathway, ...]:
        found: list[CertificationPathway] = []
        for target, where in self.all(spec, "isPartOf", path):
            title, title_path = self.first(target, "title", where)
            description, description_path = self.optional(target, "description", where)
            found.append(
                self.build(
                    CertificationPathway,
                    where,
                    target=self.text(title, title_path),
                    description=self.text(description, description_path)
                    if description
                    else None,
                    url=_get(_first(target.get("homepage")), "contentURL"),
                )
            )
        return tuple(found)

    # -- results --------------------------------------------------------------

    def grade(self, assessment: Any, path: PathParts) -> str | None:
        if not isinstance(assessment, dict):
            return None
        note, where = self.optional(assessment, "grade", path)
        if note is None or node_kind(_get(note, "id")) == "defaultGrade":
            return None
        text = self.note_text(note, where)
        return next(iter(text.values())) if text else None

    def results(self, assessment: Any, path: PathParts) -> tuple[OutcomeResult, ...]:
        if not isinstance(assessment, dict):
            return ()
        found: list[OutcomeResult] = []
        for part, where in self.all(assessment, "hasPart", path):
            if node_kind(_get(part, "id")) != "outcomeAssessment":
                continue
            outcome_id = _get(_first(_get(part, "identifier")), "notation")
            text = self.note_text(_get(part, "grade"), [*where, "grade"])
            match = _GRADE.match(next(iter(text.values()))) if text else None
            if outcome_id is None or match is None:
                continue
            score = Fraction(match.group(2)) if match.group(2) else None
            found.append(
                self.build(
                    OutcomeResult,
                    where,
                    outcome_id=outcome_id,
                    achieved=match.group(1) == "achieved",
                    score=score,
                )
            )
        return tuple(found)

    def evidence(self, assessment: Any, path: PathParts) -> tuple[Evidence, ...]:
        if not isinstance(assessment, dict):
            return ()
        found: list[Evidence] = []
        for document, where in self.all(assessment, "supplementaryDocument", path):
            title, title_path = self.first(document, "title", where)
            found.append(
                self.build(
                    Evidence,
                    where,
                    id=model_id("evidence", str(_get(document, "id"))),
                    description=self.text(title, title_path),
                    url=_get(document, "contentURL"),
                )
            )
        for note, where in self.all(assessment, "additionalNote", path):
            found.append(
                self.build(
                    Evidence,
                    where,
                    id=model_id("evidence", str(_get(note, "id"))),
                    description=self.note_text(note, where),
                )
            )
        return tuple(found)


_SUPERVISION_KINDS = {kind: member for member, (kind, _) in SUPERVISION_NOTES.items()}


def _supervision_note(specification: Node) -> SupervisionVerification | None:
    for note in _items(specification.get("additionalNote")):
        member = _SUPERVISION_KINDS.get(node_kind(_get(note, "id")) or "")
        if member is not None:
            return member
    return None


def duration_flags(durations: list[tuple[tuple[str | int, ...], str]]) -> list[str]:
    """Flag every workload duration counted in calendar months or years.

    ELM durations are ISO 8601: sixty hours is ``PT60H``; ``P60M`` is sixty
    months, a slip one EU sample makes on its learning activity.
    """
    return sorted(
        flag for path, text in durations for flag in _duration_flag(text, list(path))
    )


def _duration_flag(text: str, path: PathParts) -> list[str]:
    try:
        workload = Workload.from_duration(text)
    except MicrocredError as error:
        return [f"{format_path(path)}: {error.problem}"]
    return [f"{format_path(path)}: {flag}" for flag in workload.flags]


def _get(node: Any, key: str) -> Any:
    node = _first(node)
    return node.get(key) if isinstance(node, dict) else None


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _country(concept: Any) -> str:
    iri = _get(concept, "id")
    prefix = "http://publications.europa.eu/resource/authority/country/"
    if not isinstance(iri, str) or not iri.startswith(prefix):
        raise ValueError(f"{iri!r} is not an EU country authority concept")
    return country_code(iri.removeprefix(prefix))


def _language_tag(iri: str) -> str | None:
    from microcred.model import language_code

    code = iri.rsplit("/", 1)[-1]
    for tag in _LANGUAGE_TAGS:
        try:
            if language_code(tag) == code:
                return tag
        except MicrocredError:
            continue
    return None


# The tags tried when mapping an EU language authority IRI back to a tag.
_LANGUAGE_TAGS = (
    "en", "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "ga", "hr", "hu",
    "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "is", "no",
    "tr", "mk", "sr", "sq", "uk", "ca", "eu", "gl",
)  # fmt: skip


def _outcome_id(node_id: str, spec_id: str) -> str:
    # The inverse of _writer.outcome_node_id: "<spec node id>:<quoted id>".
    prefix = entity_id("learning-outcome", spec_id) + ":"
    rest = node_id.removeprefix(prefix)
    if rest != node_id and rest and ":" not in rest:
        return unquote(rest)
    return node_id


def _datetime(value: Any, path: PathParts) -> datetime:
    if not isinstance(value, str):
        raise InvalidDataError("expected an ISO 8601 date-time string", path=path)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidDataError(
            f"{value!r} is not an ISO 8601 date-time", path=path
        ) from None
    if moment.tzinfo is None:
        raise InvalidDataError(f"{value!r} has no time zone", path=path)
    return moment
