"""Award -> European Digital Credential (ELM 3 JSON-LD on VC 1.1).

The layout follows the EU's own micro-credential samples and DESIGN.md; where
each Annex I element and catalogue field goes is tabled in ``docs/edc.md``.
Everything is built as plain dicts in a fixed order with ids derived from the
Award (see ``_ids``): no clock, no randomness, so the same Award always gives
the same bytes.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Hashable
from datetime import date, datetime
from fractions import Fraction
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from microcred.errors import ModelValidationError
from microcred.model import (
    Award,
    Concept,
    EscoOccupation,
    EscoSkill,
    LearningOutcome,
    MicroCredential,
    Organisation,
    OutcomeResult,
    SupervisionVerification,
    country_concept,
    isced_f,
    language_concept,
)
from microcred.model import AwardRoute as _Route

from . import _esco as esco
from ._ids import NodeIds, entity_id
from ._terms import EDC_CONTEXTS
from ._vocab import BASE64, ECTS, GENERIC_PROFILE, PNG

__all__ = [
    "EDC_SCHEMA",
    "ENTITLEMENT_OCCUPATION",
    "SUPERVISION_NOTES",
    "build_credential",
    "default_image",
]

Node = dict[str, Any]

#: ``credentialSchema`` of every EDC microcred writes (DESIGN.md).
EDC_SCHEMA: Node = {
    "id": "http://data.europa.eu/snb/model/ap/edc-generic-full",
    "type": "ShaclValidator2017",
}
_SNB = "http://data.europa.eu/snb/"
#: The entitlement type "occupation" and status "prospective" (ELM vocabularies):
#: ESCO occupations ride on a LearningEntitlementSpecification's limitOccupation.
ENTITLEMENT_OCCUPATION: Node = {
    "id": f"{_SNB}entitlement/52f62180c2",
    "type": "Concept",
    "inScheme": {"id": f"{_SNB}entitlement/25831c2", "type": "ConceptScheme"},
    "prefLabel": {"en": "occupation"},
}
_PROSPECTIVE: Node = {
    "id": f"{_SNB}entitlement-status/5b8d6b34fb",
    "type": "Concept",
    "inScheme": {"id": f"{_SNB}entitlement-status/25831c2", "type": "ConceptScheme"},
    "prefLabel": {"en": "prospective"},
}
_OCCUPATIONS_TITLE = "Occupations this micro-credential is relevant to"
_OPTIONAL_OUTCOME = "Optional learning outcome: not required for the award."
_VOLUNTEERING = "Learning takes place as volunteering."
_DEFAULT_GRADE = "passed"
_Supervision = SupervisionVerification
#: What the EU's supervision concepts cannot say, as a note of the assessment
#: specification (kind, English text): one concept stands for both online and
#: onsite ID checks, and none for "supervised without ID check" (the credential
#: then has no idVerification, and the note says why).
SUPERVISION_NOTES: dict[SupervisionVerification, tuple[str, str]] = {
    _Supervision.SUPERVISED_WITH_ONLINE_ID_CHECK: (
        "onlineIdCheck",
        "Supervised assessment; the identity was verified online.",
    ),
    _Supervision.SUPERVISED_WITH_ONSITE_ID_CHECK: (
        "onsiteIdCheck",
        "Supervised assessment; the identity was verified onsite.",
    ),
    _Supervision.SUPERVISED_WITHOUT_ID_CHECK: (
        "supervisedWithoutIdCheck",
        "Supervised assessment without identity verification.",
    ),
}


@cache
def default_image() -> bytes:
    """The bundled display image (PNG; see ``edc/data/SOURCES.md``)."""
    path = resources.files("microcred.edc").joinpath("data", "credential-image.png")
    return path.read_bytes()


def build_credential(award: Award, *, image: bytes | None = None) -> Node:
    """The EDC for ``award`` as a JSON-ready dict (EU style: single values bare)."""
    return _Writer(award, image if image is not None else default_image()).build()


def _timestamp(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _text(language: str, text: str) -> dict[str, str]:
    return {language: text}


class _Writer:
    """One pass over an Award; holds the id counter and the shared nodes."""

    def __init__(self, award: Award, image: bytes) -> None:
        self.award = award
        self.mc: MicroCredential = award.micro_credential
        self.language = self.mc.languages[0]
        self.credential_id = entity_id("award", award.id)
        self.ids = NodeIds(self.credential_id)
        self.image = image
        self._organisations: dict[str, tuple[Organisation, Node]] = {}
        self._notes: list[Node] = []

    def build(self) -> Node:
        award = self.award
        credential: Node = {
            "@context": list(EDC_CONTEXTS),
            "id": self.credential_id,
            "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
            "credentialSchema": dict(EDC_SCHEMA),
            "credentialProfiles": GENERIC_PROFILE.to_node(),
            "displayParameter": self._display(),
            "issuer": self._organisation(self.mc.issuer),
        }
        # VC 1.1 requires issuanceDate; the EDC shapes require issued. The EU
        # sealing service writes both with the same value.
        issued = _timestamp(award.issued)
        credential["issuanceDate"] = issued
        credential["issued"] = issued
        credential["validFrom"] = _timestamp(award.effective_valid_from)
        if award.valid_until is not None:
            credential["expirationDate"] = _timestamp(award.valid_until)
        credential["credentialSubject"] = self._person()
        return credential

    # -- display ------------------------------------------------------------

    def _display(self) -> Node:
        languages = [
            _concept_node(("language", tag), language_concept, tag)
            for tag in self.mc.languages
        ]
        image: Node = {
            "id": self.ids.new("mediaObject"),
            "type": "MediaObject",
            "content": base64.b64encode(self.image).decode("ascii"),
            "contentEncoding": BASE64.to_node(),
            "contentType": PNG.to_node(),
        }
        detail = {
            "id": self.ids.new("displayDetail"),
            "type": "DisplayDetail",
            "image": image,
            "page": 1,
        }
        individual = {
            "id": self.ids.new("individualDisplay"),
            "type": "IndividualDisplay",
            "language": languages[0],
            "displayDetail": detail,
        }
        return {
            "id": self.ids.new("displayParameter"),
            "type": "DisplayParameter",
            "title": self.mc.title.to_dict(),
            "language": languages[0] if len(languages) == 1 else languages,
            "primaryLanguage": languages[0],
            "individualDisplay": individual,
        }

    # -- parties ------------------------------------------------------------

    def _organisation(self, organisation: Organisation) -> Node:
        # One id, one content: the same organisation in several roles is the
        # same node, and two different ones may not share an id.
        known = self._organisations.get(organisation.id)
        if known is not None:
            if known[0] != organisation:
                raise ModelValidationError(
                    f"two different organisations share the id {organisation.id!r}",
                    path="microCredential",
                )
            return known[1]
        node = self._organisation_node(organisation)
        self._organisations[organisation.id] = (organisation, node)
        return node

    def _organisation_node(self, organisation: Organisation) -> Node:
        country = _concept_node(
            ("country", organisation.country), country_concept, organisation.country
        )
        location: Node = {"id": self.ids.new("location"), "type": "Location"}
        if organisation.region is not None:
            location["geographicName"] = organisation.region.to_dict()
        location["address"] = {
            "id": self.ids.new("address"),
            "type": "Address",
            "countryCode": country,
        }
        node: Node = {
            "id": entity_id("organisation", organisation.id),
            "type": "Organisation",
            "legalName": organisation.legal_name.to_dict(),
            "location": location,
        }
        if organisation.eidas_identifier is not None:
            node["eIDASIdentifier"] = self._legal_id(
                organisation.eidas_identifier, country
            )
        if organisation.legal_identifier is not None:
            node["registration"] = self._legal_id(
                organisation.legal_identifier, country
            )
        if organisation.homepage is not None:
            node["homepage"] = self._web(organisation.homepage)
        if organisation.email is not None:
            node["contactPoint"] = self._contact(organisation.email)
        return node

    def _legal_id(self, notation: str, spatial: Node) -> Node:
        return {
            "id": self.ids.new("legalIdentifier"),
            "type": "LegalIdentifier",
            "notation": notation,
            "spatial": spatial,
        }

    def _web(self, url: str, title: dict[str, str] | None = None) -> Node:
        node: Node = {"id": self.ids.new("webResource"), "type": "WebResource"}
        if title is not None:
            node["title"] = title
        node["contentURL"] = url
        return node

    def _contact(self, email: str) -> Node:
        return {
            "id": self.ids.new("contactPoint"),
            "type": "ContactPoint",
            "emailAddress": {"id": f"mailto:{email}", "type": "Mailbox"},
        }

    def _note(self, kind: str, text: dict[str, str]) -> Node:
        return {"id": self.ids.new(kind), "type": "Note", "noteLiteral": text}

    def _person(self) -> Node:
        learner = self.award.learner
        node: Node = {"id": entity_id("learner", learner.id), "type": "Person"}
        for key, value in (
            ("fullName", learner.full_name),
            ("givenName", learner.given_name),
            ("familyName", learner.family_name),
        ):
            if value is not None:
                node[key] = _text(self.language, value)
        if learner.identifier is not None:
            node["identifier"] = {
                "id": self.ids.new("identifier"),
                "type": "Identifier",
                "notation": learner.identifier,
            }
        if learner.email is not None:
            node["contactPoint"] = self._contact(learner.email)
        if learner.date_of_birth is not None:
            node["dateOfBirth"] = _date_of_birth(learner.date_of_birth)
        node["hasClaim"] = self._achievement()
        return node

    # -- the claim ----------------------------------------------------------

    def _achievement(self) -> Node:
        process = {
            "id": self.ids.new("awardingProcess"),
            "type": "AwardingProcess",
            "awardingBody": self._organisation(self.mc.awarding_body),
        }
        qualification = self._qualification()
        node: Node = {
            "id": self.ids.new("learningAchievement"),
            "type": "LearningAchievement",
            "title": self.mc.title.to_dict(),
            "awardedBy": process,
            "specifiedBy": qualification,
            "provenBy": self._assessment(process, qualification["provenBy"]),
        }
        if self.award.route is _Route.COURSE:
            node["influencedBy"] = self._activity(process, qualification)
        if self.mc.promoter is not None:
            node["learningOpportunity"] = {
                "id": self.ids.new("learningOpportunity"),
                "type": "LearningOpportunity",
                "title": self.mc.title.to_dict(),
                "providedBy": self._organisation(self.mc.promoter),
            }
        return node

    def _activity(self, process: Node, qualification: Node) -> Node:
        node: Node = {
            "id": self.ids.new("learningActivity"),
            "type": "LearningActivity",
            "title": self.mc.title.to_dict(),
            "awardedBy": process,
        }
        programmes = qualification.get("influencedBy")
        if programmes:
            node["specifiedBy"] = (
                programmes[0] if isinstance(programmes, list) else programmes
            )
        if self.mc.promoter is not None:
            node["directedBy"] = self._organisation(self.mc.promoter)
        return node

    def _assessment(self, process: Node, specification: Node) -> Node:
        award = self.award
        if award.grade is not None:
            grade = self._note("grade", _text(self.language, award.grade))
        else:
            # The shapes require a grade on every assessment; an Award without
            # one was passed, and the note's kind lets the reader tell.
            grade = self._note("defaultGrade", _text("en", _DEFAULT_GRADE))
        node: Node = {
            "id": self.ids.new("learningAssessment"),
            "type": "LearningAssessment",
            "title": specification["title"],
            "awardedBy": process,
            "grade": grade,
            "specifiedBy": specification,
        }
        supervision = self.mc.assessment.supervision
        if supervision not in {None, _Supervision.SUPERVISED_WITHOUT_ID_CHECK}:
            node["idVerification"] = _member_node(supervision)
        if award.outcome_results:
            node["hasPart"] = _bare(
                [
                    self._outcome_assessment(process, result)
                    for result in award.outcome_results
                ]
            )
        self._evidence(node)
        return node

    def _outcome_assessment(self, process: Node, result: OutcomeResult) -> Node:
        outcome = self.mc.outcome(result.outcome_id)
        return {
            "id": self.ids.new("outcomeAssessment"),
            "type": "LearningAssessment",
            "identifier": {
                "id": self.ids.new("identifier"),
                "type": "Identifier",
                "notation": result.outcome_id,
                "schemeName": "learning outcome",
            },
            "title": outcome.text.to_dict(),
            "awardedBy": process,
            "grade": self._note(
                "outcomeGrade", _text("en", outcome_grade_text(result))
            ),
        }

    def _evidence(self, assessment: Node) -> None:
        documents: list[Node] = []
        notes: list[Node] = []
        for item in self.award.evidence:
            node_id = entity_id("evidence", item.id)
            if item.url is not None:
                documents.append(
                    {
                        "id": node_id,
                        "type": "WebResource",
                        "title": item.description.to_dict(),
                        "contentURL": item.url,
                    }
                )
            else:
                notes.append(
                    {
                        "id": node_id,
                        "type": "Note",
                        "noteLiteral": item.description.to_dict(),
                    }
                )
        if documents:
            assessment["supplementaryDocument"] = _bare(documents)
        if notes:
            assessment["additionalNote"] = _bare(notes)

    # -- the specification --------------------------------------------------

    def _qualification(self) -> Node:
        mc = self.mc
        node: Node = {
            "id": entity_id("micro-credential", mc.id),
            "type": "Qualification",
            "title": mc.title.to_dict(),
            "description": mc.description.to_dict(),
            "language": _bare(
                [
                    _concept_node(("language", tag), language_concept, tag)
                    for tag in mc.languages
                ]
            ),
            "learningOutcome": _bare(
                [self._outcome(outcome) for outcome in mc.learning_outcomes]
            ),
        }
        self._level_and_workload(node)
        participation = mc.participation
        node["mode"] = _member_node(participation.mode)
        node["learningSetting"] = _member_node(participation.learning_setting)
        if mc.thematic_areas:
            node["thematicArea"] = _bare(
                [
                    _concept_node(("isced", code), isced_f, code)
                    for code in mc.thematic_areas
                ]
            )
        if mc.prerequisites is not None:
            node["entryRequirement"] = self._note(
                "prerequisites", mc.prerequisites.to_dict()
            )
        node["provenBy"] = self._assessment_specification()
        self._quality_assurance(node)
        if mc.esco_occupations:
            node["entitlesTo"] = self._occupations()
        if mc.training_links:
            node["influencedBy"] = _bare(
                [self._training(link) for link in mc.training_links]
            )
        if mc.pathways:
            node["isPartOf"] = _bare([self._pathway(p) for p in mc.pathways])
        notes = self._qualification_notes()
        if notes:
            node["additionalNote"] = _bare(notes)
        return node

    def _outcome(self, outcome: LearningOutcome) -> Node:
        node: Node = {
            "id": outcome_node_id(self.mc.id, outcome.id),
            "type": "LearningOutcome",
            "title": outcome.text.to_dict(),
        }
        if outcome.esco_skills:
            node["relatedESCOSkill"] = _bare(
                [_skill_node(s) for s in outcome.esco_skills]
            )
        if outcome.skill_type is not None:
            node["dcType"] = _member_node(outcome.skill_type)
        if outcome.reusability_level is not None:
            node["reusabilityLevel"] = _member_node(outcome.reusability_level)
        if not outcome.required:
            node["additionalNote"] = self._note(
                "optionalOutcome", _text("en", _OPTIONAL_OUTCOME)
            )
        return node

    def _level_and_workload(self, node: Node) -> None:
        mc = self.mc
        if mc.eqf_level is not None:
            node["eqfLevel"] = _member_node(mc.eqf_level)
        if mc.nqf_level is not None:
            node["nqfLevel"] = _member_node(mc.nqf_level)
        workload = mc.workload
        if workload.ects is not None:
            node["creditPoint"] = {
                "id": self.ids.new("creditPoint"),
                "type": "CreditPoint",
                "framework": ECTS.to_node(),
                # xsd:string in ELM; Decimal's str keeps exactly what was given.
                "point": str(workload.ects),
            }
        duration = workload.duration
        if duration is not None:
            node["volumeOfLearning"] = str(duration)

    def _assessment_specification(self) -> Node:
        assessment = self.mc.assessment
        kind = assessment.type.concept
        node: Node = {
            "id": self.ids.new("assessmentSpecification"),
            "type": "LearningAssessmentSpecification",
            "title": kind.pref_label.to_dict(),
            "dcType": _member_node(assessment.type),
        }
        if assessment.description is not None:
            node["description"] = assessment.description.to_dict()
        supervision = assessment.supervision
        note = SUPERVISION_NOTES.get(supervision) if supervision is not None else None
        if note is not None:
            node["additionalNote"] = self._note(note[0], _text("en", note[1]))
        return node

    def _quality_assurance(self, node: Node) -> None:
        quality = self.mc.quality_assurance
        if quality.type is None:
            # Accreditation needs a type from the EU list; without one the text
            # goes into a note and the link into a supplementary document.
            self._notes.append(
                self._note("qualityAssurance", quality.description.to_dict())
            )
            if quality.url is not None:
                node["supplementaryDocument"] = self._web(quality.url)
            return
        accreditation: Node = {
            "id": self.ids.new("qualityAssurance"),
            "type": "Accreditation",
            "title": quality.description.to_dict(),
            "dcType": _member_node(quality.type),
            "accreditingAgent": self._organisation(self.mc.awarding_body),
        }
        if quality.url is not None:
            accreditation["homepage"] = self._web(quality.url)
        node["accreditation"] = accreditation

    def _occupations(self) -> Node:
        return {
            "id": self.ids.new("occupations"),
            "type": "LearningEntitlementSpecification",
            "title": _text("en", _OCCUPATIONS_TITLE),
            "dcType": ENTITLEMENT_OCCUPATION,
            "entitlementStatus": _PROSPECTIVE,
            "limitOccupation": _bare(
                [_occupation_node(o) for o in self.mc.esco_occupations]
            ),
        }

    def _training(self, link: Any) -> Node:
        node: Node = {
            "id": self.ids.new("trainingProgramme"),
            "type": "LearningActivitySpecification",
            "title": link.title.to_dict(),
        }
        if link.type is not None:
            node["dcType"] = _member_node(link.type)
        node["homepage"] = self._web(link.url)
        if link.provider is not None:
            node["additionalNote"] = self._note(
                "trainingProvider", _text("en", link.provider)
            )
        return node

    def _pathway(self, pathway: Any) -> Node:
        node: Node = {
            "id": self.ids.new("pathway"),
            "type": "Qualification",
            "title": pathway.target.to_dict(),
        }
        if pathway.description is not None:
            node["description"] = pathway.description.to_dict()
        if pathway.url is not None:
            node["homepage"] = self._web(pathway.url)
        return node

    def _qualification_notes(self) -> list[Node]:
        mc = self.mc
        notes = list(self._notes)
        participation = mc.participation
        if participation.description is not None:
            notes.append(
                self._note("participation", participation.description.to_dict())
            )
        if participation.volunteering:
            notes.append(self._note("volunteering", _text("en", _VOLUNTEERING)))
        if mc.stackability is not None:
            kind = (
                "stackable"
                if mc.stackability.option.value == "stackable"
                else "standAlone"
            )
            text = mc.stackability.description
            notes.append(
                self._note(
                    kind, text.to_dict() if text is not None else _text("en", kind)
                )
            )
        if mc.prior_learning is not None:
            notes.append(
                self._note("priorLearning", mc.prior_learning.description.to_dict())
            )
        if mc.further_information is not None:
            notes.append(
                self._note("furtherInformation", mc.further_information.to_dict())
            )
        return notes


@lru_cache(maxsize=4096)
def outcome_node_id(micro_credential_id: str, outcome_id: str) -> str:
    """The node id of a learning outcome (its own id when that is an IRI)."""
    own = entity_id("learning-outcome", outcome_id)
    if own != outcome_id:
        parent = entity_id("learning-outcome", micro_credential_id)
        return f"{parent}:{own.rsplit(':', 1)[1]}"
    return own


def outcome_grade_text(result: OutcomeResult) -> str:
    """``achieved``, ``not achieved``, optionally ``, score 4/5`` (exact)."""
    text = "achieved" if result.achieved else "not achieved"
    if result.score is not None:
        text += f", score {Fraction(result.score)}"
    return text


# Concept nodes cost a model validation each to build, so each is built once
# and copied out (callers own the dicts they get, so nothing is shared).
_CONCEPTS: dict[Hashable, Node] = {}


def _concept_node(key: Hashable, factory: Callable[[Any], Concept], arg: Any) -> Node:
    template = _CONCEPTS.get(key)
    if template is None:
        template = factory(arg).to_jsonld()
        if len(_CONCEPTS) < _CONCEPT_CACHE_SIZE:
            _CONCEPTS[key] = template
    return _copy_concept(template)


def _member_node(member: Any) -> Node:
    """The concept node of a vocabulary member, ESCO reference or NQF level."""
    return _concept_node((type(member), member), _concept_of, member)


def _skill_node(skill: EscoSkill) -> Node:
    # ESCO's own classification, stated with ESCO's properties (see _esco).
    node = _member_node(skill)
    if skill.skill_type is not None:
        node[esco.SKILL_TYPE] = {"id": esco.skill_type_iri(skill.skill_type)}
    if skill.reuse_level is not None:
        node[esco.SKILL_REUSE_LEVEL] = {"id": esco.reuse_level_iri(skill.reuse_level)}
    return node


def _occupation_node(occupation: EscoOccupation) -> Node:
    node = _member_node(occupation)
    if occupation.isco_group is not None:
        node[esco.MEMBER_OF_ISCO_GROUP] = _member_node(occupation.isco_group)
    return node


def _concept_of(member: Any) -> Concept:
    found: Concept = member.concept
    return found


def _copy_concept(template: Node) -> Node:
    node = dict(template)
    node["inScheme"] = dict(template["inScheme"])
    node["prefLabel"] = dict(template["prefLabel"])
    return node


#: Bounds the cache: vocabularies are small, ESCO references are not.
_CONCEPT_CACHE_SIZE = 20_000


def _bare(items: list[Node]) -> Node | list[Node]:
    # EU style, and what the reader's normal form gives back: one value bare.
    return items[0] if len(items) == 1 else items


def _date_of_birth(day: date) -> str:
    # ELM types dateOfBirth as xsd:dateTime; midnight UTC keeps the calendar day.
    return f"{day.isoformat()}T00:00:00Z"
