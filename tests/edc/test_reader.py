"""The EDC reader: EU samples, lossless round trips, flags and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from microcred._jsonio import load_json, open_envelope
from microcred.edc import EdcPatch, read_edc, to_edc
from microcred.edc._patch import denormalise, normalise
from microcred.errors import (
    InvalidDataError,
    MicrocredError,
    ParseError,
    SafeModeError,
    UnknownContextError,
    UnsupportedError,
)
from microcred.model import Award, Workload

from .conftest import VECTORS
from .rdf import isomorphic

MICRO_CREDENTIALS = [
    "Sample-MC-Annex1-unsigned.jsonld",
    "Sample-MC-Annex1-signed.jsonld",
]
ALL_SAMPLES = [*MICRO_CREDENTIALS, "Sample-CertOfPart-signed.jsonld"]


def _credential(name: str) -> dict[str, Any]:
    document = load_json(VECTORS / name)
    envelope = open_envelope(document)
    return envelope.credential if envelope is not None else document


@pytest.mark.parametrize("name", ALL_SAMPLES)
def test_every_eu_sample_reads_and_writes_back_the_same_graph(name: str) -> None:
    """Read -> write gives an isomorphic RDF graph for every EU sample vector."""
    reading = read_edc(VECTORS / name)
    assert isomorphic(reading.to_edc(), _credential(name))


@pytest.mark.parametrize("name", MICRO_CREDENTIALS)
def test_eu_micro_credentials_become_awards(name: str) -> None:
    """The EU micro-credential samples map onto the domain Award."""
    reading = read_edc(VECTORS / name)
    assert reading.award is not None
    mc = reading.award.micro_credential
    assert mc.title.get_text("en") == "Digital micro-credential creation"
    assert mc.eqf_level == 6
    assert str(mc.workload.ects) == "2"
    assert str(mc.workload.hours) == "60"
    assert [o.id for o in mc.learning_outcomes] == [
        "urn:epass:learningOutcome:1",
        "urn:epass:learningOutcome:2",
    ]
    assert len(mc.learning_outcomes[0].esco_skills) == 3
    assert reading.award.learner.full_name == "Ana Andromeda"
    assert mc.assessment.type.value == "artefact-assessment"
    assert mc.participation.mode.value == "blended"
    assert mc.prerequisites is not None


def test_the_p60m_slip_is_read_faithfully_and_flagged() -> None:
    """P60M on the EU sample's activity is kept as sixty months and flagged."""
    reading = read_edc(VECTORS / "Sample-MC-Annex1-signed.jsonld")
    flagged = [n for n in reading.notes if "P60M" in n]
    assert flagged
    assert flagged[0].startswith(
        "credentialSubject.hasClaim.influencedBy.specifiedBy.volumeOfLearning"
    )
    written = reading.to_edc()["credentialSubject"]["hasClaim"]["influencedBy"]
    assert written["specifiedBy"]["volumeOfLearning"] == "P60M"
    assert Workload.from_duration("P60M").hours is None


def test_missing_annex_elements_are_flagged_not_invented() -> None:
    """The EU sample states no quality assurance: the reading says so."""
    reading = read_edc(VECTORS / "Sample-MC-Annex1-signed.jsonld")
    assert any("no quality assurance" in note for note in reading.notes)
    assert reading.award is not None
    quality = reading.award.micro_credential.quality_assurance
    assert quality.description.get_text("en") == "(not stated in the credential)"


def test_certificate_of_participation_is_kept_verbatim() -> None:
    """A LearningActivity claim is not an Award; the document is kept whole."""
    reading = read_edc(VECTORS / "Sample-CertOfPart-signed.jsonld")
    assert reading.award is None
    assert "LearningActivity" in str(reading.problem)
    assert reading.to_edc() == _credential("Sample-CertOfPart-signed.jsonld")


def test_envelope_is_opened_and_kept() -> None:
    """A JAdES file reads through its payload; the envelope stays available."""
    reading = read_edc(VECTORS / "Sample-MC-Annex1-signed.jsonld")
    assert reading.envelope is not None
    assert json.loads(reading.envelope.payload) == reading.credential


def test_sources_may_be_text_bytes_path_or_dict() -> None:
    """All input forms give the same reading."""
    path = VECTORS / "Sample-MC-Annex1-unsigned.jsonld"
    data = path.read_bytes()
    readings = [
        read_edc(path),
        read_edc(data),
        read_edc(data.decode()),
        read_edc(json.loads(data)),
    ]
    assert all(r.award == readings[0].award for r in readings)


def test_own_credentials_read_back_without_unmapped_data(award: Award) -> None:
    """What microcred writes, microcred reads back whole: nothing left over."""
    reading = read_edc(to_edc(award))
    assert not reading.unmapped
    assert reading.notes == ()
    assert reading.award is not None
    assert reading.award.micro_credential.title == award.micro_credential.title


def test_writer_output_is_already_in_eu_form(award: Award) -> None:
    """The writer's JSON equals its normal form round trip (single values bare)."""
    credential = to_edc(award)
    assert denormalise(normalise(credential)) == credential


@pytest.mark.parametrize("name", MICRO_CREDENTIALS)
def test_replaying_the_patch_gives_the_source(name: str) -> None:
    """Without the unchanged-award shortcut, the operations alone rebuild it."""
    reading = read_edc(VECTORS / name)
    assert reading.award is not None
    replayed = to_edc(reading.award, unmapped=EdcPatch(reading.unmapped.ops))
    assert normalise(replayed) == normalise(_credential(name))


def test_unmapped_data_survives_json(award: Award) -> None:
    """The patch's JSON form reads back to the same operations."""
    reading = read_edc(VECTORS / "Sample-MC-Annex1-signed.jsonld")
    stored = json.loads(json.dumps(reading.unmapped.to_json()))
    assert EdcPatch.from_json(stored) == reading.unmapped


def test_unmapped_data_stays_with_its_node_after_a_list_edit() -> None:
    """Reordering outcomes never moves one outcome's extra data onto another."""
    reading = read_edc(VECTORS / "Sample-MC-Annex1-signed.jsonld")
    assert reading.award is not None
    mc = reading.award.micro_credential
    swapped = mc.replace(learning_outcomes=tuple(reversed(mc.learning_outcomes)))
    written = to_edc(
        reading.award.replace(micro_credential=swapped), unmapped=reading.unmapped
    )
    outcomes = written["credentialSubject"]["hasClaim"]["specifiedBy"][
        "learningOutcome"
    ]
    first = next(o for o in outcomes if o["id"].endswith("learningOutcome:1"))
    assert "relatedSkill" not in first
    assert "reusabilityLevel" not in first


def test_edited_award_wins_over_unmapped_data() -> None:
    """Data the Award holds can be edited; the rest still comes back."""
    reading = read_edc(VECTORS / "Sample-MC-Annex1-signed.jsonld")
    assert reading.award is not None
    learner = reading.award.learner.replace(full_name="Ana B. Andromeda")
    edited = to_edc(reading.award.replace(learner=learner), unmapped=reading.unmapped)
    subject = edited["credentialSubject"]
    assert subject["fullName"] == {"en": "Ana B. Andromeda"}
    assert subject["nationalID"]["notation"] == "LA-234218"


# -- bad input --------------------------------------------------------------


def _sample() -> dict[str, Any]:
    return _credential("Sample-MC-Annex1-signed.jsonld")


def test_malformed_json_is_a_parse_error() -> None:
    """Not JSON at all: ParseError with the position."""
    with pytest.raises(ParseError, match="not valid JSON"):
        read_edc(b"{not json")


def test_truncated_file_is_a_parse_error(tmp_path: Path) -> None:
    """A file cut short says it looks truncated."""
    data = (VECTORS / "Sample-MC-Annex1-unsigned.jsonld").read_bytes()
    cut = tmp_path / "cut.jsonld"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ParseError, match="truncated"):
        read_edc(cut)


def test_unknown_context_is_refused() -> None:
    """A context URL microcred does not ship is never fetched."""
    document = _sample()
    document["@context"] = [*document["@context"], "https://evil.example/context"]
    with pytest.raises(UnknownContextError) as caught:
        read_edc(document)
    assert caught.value.path == "@context[2]"


def test_undefined_term_is_refused_with_its_path() -> None:
    """A key JSON-LD would drop is an error naming where it is."""
    document = _sample()
    document["credentialSubject"]["hasClaim"]["secretField"] = "x"
    with pytest.raises(SafeModeError) as caught:
        read_edc(document)
    assert caught.value.path == "credentialSubject.hasClaim.secretField"


def test_wrong_json_type_names_the_field() -> None:
    """A boolean where ELM wants a language map is refused with its path."""
    document = _sample()
    document["credentialSubject"]["hasClaim"]["title"] = True
    with pytest.raises(InvalidDataError) as caught:
        read_edc(document)
    assert caught.value.path == "credentialSubject.hasClaim.title"


def test_missing_claim_title_names_the_field() -> None:
    """Every claim needs a title (ELM)."""
    document = _sample()
    del document["credentialSubject"]["hasClaim"]["title"]
    with pytest.raises(InvalidDataError) as caught:
        read_edc(document)
    assert caught.value.path == "credentialSubject.hasClaim.title"


def test_missing_claim_in_a_list_uses_the_index() -> None:
    """Paths show list positions: hasClaim[0].title."""
    document = _sample()
    claim = document["credentialSubject"]["hasClaim"]
    del claim["title"]
    document["credentialSubject"]["hasClaim"] = [claim]
    with pytest.raises(InvalidDataError) as caught:
        read_edc(document)
    assert caught.value.path == "credentialSubject.hasClaim[0].title"


def test_missing_awarding_body_names_the_field() -> None:
    """Every claim needs awardedBy.awardingBody (ELM)."""
    document = _sample()
    del document["credentialSubject"]["hasClaim"]["awardedBy"]["awardingBody"]
    with pytest.raises(InvalidDataError) as caught:
        read_edc(document)
    assert caught.value.path == "credentialSubject.hasClaim.awardedBy.awardingBody"


def test_wrong_credential_type_is_refused() -> None:
    """Without EuropeanDigitalCredential it is not an EDC."""
    document = _sample()
    document["type"] = ["VerifiableCredential"]
    with pytest.raises(InvalidDataError) as caught:
        read_edc(document)
    assert caught.value.path == "type"


def test_vc2_flavour_is_unsupported() -> None:
    """EDC on VC 2.0 (EBSI) is named as unsupported, not misread."""
    document = _sample()
    document["@context"] = [
        "https://www.w3.org/ns/credentials/v2",
        "http://data.europa.eu/snb/model/context/edc-ap",
    ]
    with pytest.raises(UnsupportedError):
        read_edc(document)


def test_naive_date_is_refused() -> None:
    """Dates without a time zone are ambiguous and refused."""
    document = _sample()
    document["issued"] = "2023-09-27T13:54:17"
    with pytest.raises(InvalidDataError) as caught:
        read_edc(document)
    assert caught.value.path == "issued"


def test_bad_model_values_name_the_edc_path() -> None:
    """An impossible country code is reported at its place in the EDC."""
    document = _sample()
    claim = document["credentialSubject"]["hasClaim"]
    address = claim["awardedBy"]["awardingBody"]["location"]["address"]
    address["countryCode"]["id"] = "http://x.example/country/ZZZ"
    with pytest.raises(MicrocredError) as caught:
        read_edc(document)
    assert caught.value.path == (
        "credentialSubject.hasClaim.awardedBy.awardingBody.location.address.countryCode"
    )


def test_non_json_source_type_is_refused() -> None:
    """Only dicts, text, bytes and paths are read."""
    with pytest.raises(InvalidDataError):
        read_edc(42)
