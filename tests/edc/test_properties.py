"""Property tests: model -> EDC -> model, and generated credentials vs the shapes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from tests.model.strategies import awards

from microcred.edc import read_edc, to_edc, to_edc_json
from microcred.model import (
    Award,
    EscoOccupation,
    EscoSkill,
    SupervisionVerification,
    Workload,
)

from .shacl import shacl_report

# Annex I's online and onsite ID checks share one EU concept; "supervised
# without ID check" has none (model docs), so the writer refuses it by name.
_SHARED_ID_CHECK = {
    SupervisionVerification.SUPERVISED_WITH_ONLINE_ID_CHECK,
    SupervisionVerification.SUPERVISED_WITH_ONSITE_ID_CHECK,
}


def _writable(award: Award) -> bool:
    supervision = award.micro_credential.assessment.supervision
    return supervision is not SupervisionVerification.SUPERVISED_WITHOUT_ID_CHECK


def _skill(skill: EscoSkill) -> EscoSkill:
    return skill.replace(skill_type=None, reuse_level=None)


def _occupation(occupation: EscoOccupation) -> EscoOccupation:
    return occupation.replace(isco_group=None)


def _workload(workload: Workload) -> Workload:
    # ELM has one duration: hours and the duration PT<h>H are the same EDC.
    if workload.hours is not None:
        return Workload(hours=workload.hours, ects=workload.ects)
    return workload


def comparable(award: Award) -> Award:
    """The Award as an EDC can carry it (the differences docs/edc.md lists).

    ESCO's own classification of a skill or occupation (skill type, reuse level,
    ISCO group) is ESCO's data, not the credential's; the two ID-check values
    share one EU concept; an absent valid_from means "from issue"; evidence
    with a link is written before evidence without one.
    """
    mc = award.micro_credential
    supervision = mc.assessment.supervision
    if supervision in _SHARED_ID_CHECK:
        supervision = SupervisionVerification.SUPERVISED_WITH_ID_CHECK
    outcomes = tuple(
        o.replace(esco_skills=tuple(_skill(s) for s in o.esco_skills))
        for o in mc.learning_outcomes
    )
    mc = mc.replace(
        learning_outcomes=outcomes,
        esco_occupations=tuple(_occupation(o) for o in mc.esco_occupations),
        workload=_workload(mc.workload),
        assessment=mc.assessment.replace(supervision=supervision),
    )
    evidence = sorted(award.evidence, key=lambda item: item.url is None)
    return award.replace(
        micro_credential=mc,
        valid_from=award.effective_valid_from,
        evidence=tuple(evidence),
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(awards())
def test_model_to_edc_to_model_is_the_identity(award: Award) -> None:
    """Reading what the writer wrote gives the same Award, and nothing unmapped."""
    assume(_writable(award))
    reading = read_edc(to_edc(award))
    assert reading.award == comparable(award)
    assert not reading.unmapped


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(awards())
def test_writing_is_deterministic(award: Award) -> None:
    """The same Award always gives the same bytes."""
    assume(_writable(award))
    assert to_edc_json(award) == to_edc_json(
        Award.model_validate_json(award.model_dump_json())
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.slow
@given(awards())
def test_generated_credentials_pass_the_eu_shapes(award: Award) -> None:
    """A bounded sample of generated Awards passes edc-generic-full."""
    assume(_writable(award))
    mc = award.micro_credential
    # The shapes require the issuer's eIDAS identifier; give every org one.
    issuer = mc.issuer.replace(eidas_identifier="VATES-A00000000")
    body = issuer if mc.awarding_body.id == mc.issuer.id else mc.awarding_body
    award = award.replace(
        micro_credential=mc.replace(issuer=issuer, awarding_body=body)
    )
    conforms, report = shacl_report(to_edc(award))
    assert conforms, report
