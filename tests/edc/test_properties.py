"""Property tests: model -> EDC -> model, and generated credentials vs the shapes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from microcred.edc import read_edc, to_edc, to_edc_json
from microcred.model import Award
from tests.model.strategies import awards

from .shacl import shacl_report


def comparable(award: Award) -> Award:
    """The Award as an EDC can carry it: all of it, but the order of evidence.

    Evidence with a link is a ``supplementaryDocument``, evidence without one an
    ``additionalNote``: two properties, and neither JSON-LD nor RDF keeps an
    order between the values of two properties, so evidence with a link reads
    back first (docs/edc.md).
    """
    evidence = sorted(award.evidence, key=lambda item: item.url is None)
    return award.replace(evidence=tuple(evidence))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(awards())
def test_model_to_edc_to_model_is_the_identity(award: Award) -> None:
    """Reading what the writer wrote gives the same Award, and nothing unmapped."""
    reading = read_edc(to_edc(award))
    assert reading.award == comparable(award)
    assert not reading.unmapped


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(awards())
def test_writing_is_deterministic(award: Award) -> None:
    """The same Award always gives the same bytes."""
    assert to_edc_json(award) == to_edc_json(
        Award.model_validate_json(award.model_dump_json())
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.slow
@given(awards())
def test_generated_credentials_pass_the_eu_shapes(award: Award) -> None:
    """A bounded sample of generated Awards passes edc-generic-full."""
    mc = award.micro_credential
    # The shapes require the issuer's eIDAS identifier; give every org one.
    issuer = mc.issuer.replace(eidas_identifier="VATES-A00000000")
    body = issuer if mc.awarding_body.id == mc.issuer.id else mc.awarding_body
    award = award.replace(
        micro_credential=mc.replace(issuer=issuer, awarding_body=body)
    )
    conforms, report = shacl_report(to_edc(award))
    assert conforms, report
