"""The EDC writer: shape conformance, determinism, layout and ids."""

from __future__ import annotations

import base64
from collections import defaultdict
from typing import Any

import pytest

from microcred._jsonio import dumps
from microcred.edc import to_edc, to_edc_json
from microcred.model import Award, AwardRoute, Evidence, OutcomeResult

from .conftest import ISSUED
from .shacl import shacl_report


def _nodes(value: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "id" in item:
                found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


@pytest.mark.slow
def test_synthetic_awards_conform_to_the_eu_shapes(synthetic_award: Award) -> None:
    """Every synthetic award, written as EDC, passes edc-generic-full."""
    conforms, report = shacl_report(to_edc(synthetic_award))
    assert conforms, report


@pytest.mark.slow
def test_prior_learning_route_with_evidence_conforms(award: Award) -> None:
    """The prior-learning route, an ungraded award and evidence still conform."""
    changed = award.replace(
        route=AwardRoute.PRIOR_LEARNING,
        grade=None,
        valid_until=ISSUED.replace(year=2031),
        evidence=(
            Evidence(id="urn:x:attempt:1", description={"en": "Questionnaire attempt"}),
            Evidence(
                id="attempt-2",
                description={"en": "Portfolio"},
                url="https://example.org/portfolio",
            ),
        ),
    )
    conforms, report = shacl_report(to_edc(changed))
    assert conforms, report


def test_the_same_award_gives_the_same_bytes(award: Award) -> None:
    """Writing is deterministic: no clock, no random ids."""
    rebuilt = Award.model_validate_json(award.model_dump_json())
    assert to_edc_json(award) == to_edc_json(rebuilt)
    assert to_edc_json(award) == dumps(to_edc(award))


def test_credential_envelope_follows_the_eu_layout(award: Award) -> None:
    """Context, types, schema, profile and dates are where DESIGN.md puts them."""
    credential = to_edc(award)
    assert credential["@context"] == [
        "https://www.w3.org/2018/credentials/v1",
        "http://data.europa.eu/snb/model/context/edc-ap",
    ]
    assert credential["type"] == ["VerifiableCredential", "EuropeanDigitalCredential"]
    assert credential["credentialSchema"] == {
        "id": "http://data.europa.eu/snb/model/ap/edc-generic-full",
        "type": "ShaclValidator2017",
    }
    assert credential["credentialProfiles"]["prefLabel"] == {"en": "Generic"}
    assert credential["issued"] == credential["issuanceDate"] == "2026-03-01T09:30:00Z"
    assert credential["validFrom"] == "2026-03-01T09:30:00Z"
    assert "expirationDate" not in credential


def test_annex_one_elements_land_on_their_elm_properties(award: Award) -> None:
    """Learning outcomes, level, workload, assessment and mode are mapped."""
    claim = to_edc(award)["credentialSubject"]["hasClaim"]
    qualification = claim["specifiedBy"]
    mc = award.micro_credential
    body = claim["awardedBy"]["awardingBody"]
    assert body["legalName"] == mc.awarding_body.legal_name.to_dict()
    assert len(qualification["learningOutcome"]) == len(mc.learning_outcomes)
    assert qualification["eqfLevel"]["id"] == "http://data.europa.eu/snb/eqf/3"
    assert qualification["creditPoint"]["point"] == "1"
    assert qualification["volumeOfLearning"] == "PT25H"
    assert claim["provenBy"]["specifiedBy"]["dcType"]["prefLabel"] == {"en": "quiz"}
    assert claim["provenBy"]["idVerification"]["id"].endswith("/c598449d64")
    assert qualification["mode"]["prefLabel"] == {"en": "Online"}


def test_display_image_is_the_bundled_png(award: Award) -> None:
    """The display image is a base64 PNG MediaObject."""
    display = to_edc(award)["displayParameter"]
    image = display["individualDisplay"]["displayDetail"]["image"]
    assert base64.b64decode(image["content"]).startswith(b"\x89PNG\r\n\x1a\n")
    assert image["contentType"]["id"].endswith("/file-type/PNG")


def test_a_custom_image_replaces_the_bundled_one(award: Award) -> None:
    """Callers may pass their own display image."""
    display = to_edc(award, image=b"\x89PNG-custom")["displayParameter"]
    content = display["individualDisplay"]["displayDetail"]["image"]["content"]
    assert base64.b64decode(content) == b"\x89PNG-custom"


def test_one_id_means_one_content(synthetic_award: Award) -> None:
    """A repeated node id always carries identical content (RDF nodes merge)."""
    seen: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in _nodes(to_edc(synthetic_award)):
        seen[node["id"]].append(node)
    for node_id, copies in seen.items():
        assert all(copy == copies[0] for copy in copies), node_id


def test_outcome_results_are_written_per_outcome(award: Award) -> None:
    """Each outcome result becomes a part of the assessment with an exact score."""
    changed = award.replace(
        outcome_results=(OutcomeResult(outcome_id="LO1", achieved=False, score="1/3"),)
    )
    parts = to_edc(changed)["credentialSubject"]["hasClaim"]["provenBy"]["hasPart"]
    assert parts["identifier"]["notation"] == "LO1"
    assert parts["grade"]["noteLiteral"] == {"en": "not achieved, score 1/3"}


def test_catalogue_fields_have_carriers(award: Award) -> None:
    """Occupations, training links, pathways and the promoter are all written."""
    claim = to_edc(award)["credentialSubject"]["hasClaim"]
    qualification = claim["specifiedBy"]
    occupations = qualification["entitlesTo"]["limitOccupation"]
    assert {o["id"] for o in occupations} == {
        o.iri for o in award.micro_credential.esco_occupations
    }
    assert qualification["influencedBy"]["homepage"]["contentURL"].startswith(
        "https://"
    )
    assert qualification["isPartOf"]["type"] == "Qualification"
    assert claim["learningOpportunity"]["providedBy"]["type"] == "Organisation"
    assert (
        claim["influencedBy"]["directedBy"]
        == claim["learningOpportunity"]["providedBy"]
    )
