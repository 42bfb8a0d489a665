"""The EDC reader and writer on every EU sample in anchors/edc/samples.

The ELM-support samples state no licence, so they are read from the anchors
folder here instead of being copied into tests/vectors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from microcred._jsonio import load_json, open_envelope
from microcred.edc import read_edc, to_upload_form
from microcred.edc._patch import normalise

SAMPLES = [
    "eu-elm-github-2023/Sample-MC-Annex1-unsigned.jsonld",
    "eu-elm-github-2023/Sample-MC-Annex1-signed.jsonld",
    "eu-elm-github-2023/Sample-CertOfPart-signed.jsonld",
    "eu-elm-support/AA-Annex1-MC-unsigned.json",
    "eu-elm-support/AA-Annex1-MC-signed.jsonld",
    "eu-elm-support/Sample-MastersDegree-signed.jsonld",
]
#: The samples that carry a micro-credential (a learning achievement with
#: outcomes, workload and assessment) and so become an Award.
AWARDS = {
    "eu-elm-github-2023/Sample-MC-Annex1-unsigned.jsonld",
    "eu-elm-github-2023/Sample-MC-Annex1-signed.jsonld",
    "eu-elm-support/AA-Annex1-MC-unsigned.json",
    "eu-elm-support/AA-Annex1-MC-signed.jsonld",
}


def _credential(path: Path) -> dict[str, Any]:
    document = load_json(path)
    envelope = open_envelope(document)
    credential = envelope.credential if envelope is not None else document
    if "deliveryDetails" in credential:
        credential = credential["credential"]
    return credential


def _graphs_equal(left: dict[str, Any], right: dict[str, Any]) -> bool:
    import rdflib
    from rdflib.compare import isomorphic

    from microcred.jsonld import to_nquads

    graphs = []
    for document in (left, right):
        graph = rdflib.Graph()
        graph.parse(data=to_nquads(document, safe=False), format="nt")
        graphs.append(graph)
    return bool(isomorphic(graphs[0], graphs[1]))


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_reads(anchors: Path, name: str) -> None:
    """Every EU sample reads; micro-credentials become Awards."""
    reading = read_edc(anchors / "edc" / "samples" / name)
    assert (reading.award is not None) == (name in AWARDS), reading.problem


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_writes_back_losslessly(anchors: Path, name: str) -> None:
    """Read -> write gives the same JSON (normal form) for every EU sample."""
    path = anchors / "edc" / "samples" / name
    assert normalise(read_edc(path).to_edc()) == normalise(_credential(path))


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", [n for n in SAMPLES if "upload" not in n and not n.endswith(".json")]
)
def test_every_sample_writes_back_the_same_graph(anchors: Path, name: str) -> None:
    """Read -> write -> expand gives an isomorphic RDF graph."""
    path = anchors / "edc" / "samples" / name
    assert _graphs_equal(read_edc(path).to_edc(), _credential(path))


def test_upload_form_matches_the_eu_layout(anchors: Path) -> None:
    """Our upload form has the EU's shape: no @context or issuer, delivery details."""
    path = anchors / "edc" / "samples" / "eu-elm-support" / "AA-Annex1-MC-unsigned.json"
    eu = load_json(path)
    reading = read_edc(path)
    assert reading.award is not None
    assert reading.delivery_details == eu["deliveryDetails"]
    ours = to_upload_form(reading.award, delivery_addresses=["ana@andromeda.email"])
    assert set(ours) == set(eu)
    for key in ("@context", "issuer"):
        assert (key in ours["credential"]) == (key in eu["credential"])
    assert (
        ours["deliveryDetails"]["deliveryAddress"]
        == eu["deliveryDetails"]["deliveryAddress"]
    )


def test_the_2024_sample_maps_its_annex_elements(anchors: Path) -> None:
    """The 2024 EU micro-credential gives title, outcomes, level and workload."""
    path = anchors / "edc" / "samples" / "eu-elm-support" / "AA-Annex1-MC-signed.jsonld"
    reading = read_edc(path)
    assert reading.award is not None
    mc = reading.award.micro_credential
    assert mc.learning_outcomes
    assert mc.workload.ects is not None or mc.workload.duration is not None
    assert reading.award.learner.display_name
