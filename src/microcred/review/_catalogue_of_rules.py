"""Every rule the review applies: its id, its usual severity and what it checks."""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["RULES"]

_RULES = {
    "annex1.title": ("error", "Annex I: the title is present"),
    "annex1.issuer-country": ("error", "Annex I: the issuer's country is present"),
    "annex1.awarding-body": ("error", "Annex I: the awarding body is present"),
    "annex1.learning-outcomes": ("error", "Annex I: learning outcomes are present"),
    "annex1.workload": ("error", "Annex I: a notional workload is present"),
    "annex1.level": ("warning", "Annex I: an EQF/NQF level, where applicable"),
    "annex1.assessment-type": ("error", "Annex I: the type of assessment is present"),
    "annex1.participation": ("error", "Annex I: the form of participation is present"),
    "annex1.quality-assurance": ("error", "Annex I: the type of QA is present"),
    "catalogue.description": ("error", "catalogue: a description is present"),
    "catalogue.languages": ("error", "catalogue: the languages are declared"),
    "catalogue.issuer": ("error", "catalogue: the issuer organisation is present"),
    "catalogue.promoter": ("error", "catalogue: the promoter organisation is present"),
    "catalogue.esco-occupations": ("error", "catalogue: ESCO occupations are listed"),
    "catalogue.training-links": (
        "warning",
        "catalogue: a training programme is linked",
    ),
    "catalogue.pathways": ("info", "catalogue: guidance towards a qualification"),
    "language.missing-text": ("error", "each declared language has every text"),
    "language.undeclared": ("warning", "no text in an undeclared language"),
    "link.malformed": ("error", "links are absolute http(s) URLs with a host"),
    "link.not-https": ("info", "links use https"),
    "outcome.vague-verb": ("error", "no vague verb (know, understand, be aware of)"),
    "outcome.action-verb": ("warning", "the outcome starts with an observable verb"),
    "outcome.single-verb": ("warning", "one main verb per outcome"),
    "outcome.one-per-statement": ("warning", "one outcome per statement"),
    "outcome.length": ("warning", "a reasonable length (5 to 40 words)"),
    "outcome.learner-centred": ("warning", "what the learner does, not the course"),
    "outcome.duplicate": ("warning", "no two outcomes with the same text"),
    "outcome.eqf-level": ("warning", "verb levels plausible for the EQF level"),
    "esco.unknown-occupation": ("error", "occupations exist in the ESCO in use"),
    "esco.unknown-skill": ("error", "skills exist in the ESCO in use"),
    "esco.isco-group": ("warning", "the ISCO group matches ESCO's"),
    "esco.unrelated-skills": ("warning", "an outcome's skills serve the occupations"),
    "esco.no-skill": ("warning", "each outcome names ESCO skills (with suggestions)"),
    "workload.ects-hours": ("error", "ECTS and hours agree (25 to 30 h per credit)"),
    "workload.ects-missing": ("info", "ECTS credits are given where possible"),
    "workload.calendar-duration": ("warning", "the volume of learning is in hours"),
    "workload.size": ("warning", "a plausible size for a micro-credential"),
    "workload.eqf-level": ("warning", "EQF level and workload plausible together"),
    "assessment.supervision": ("warning", "supervision and ID verification stated"),
    "assessment.no-questionnaire": (
        "info",
        "coverage checked only with a questionnaire",
    ),
    "assessment.coverage": ("error", "each required outcome has enough items"),
    "assessment.unknown-outcome": ("error", "the questionnaire names real outcomes"),
    "assessment.threshold-unreachable": ("error", "every threshold can be reached"),
    "schema.required": ("error", "the model's required fields are present"),
    "schema.invalid": ("error", "every field has the model's type and form"),
    "schema.unknown-field": ("error", "no field the model does not know"),
}

#: Rule id -> (usual severity, what it checks). ``esco.unknown-*`` are warnings
#: when the catalogue in use is a subset.
RULES = MappingProxyType(_RULES)
