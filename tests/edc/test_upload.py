"""The EDC issuer's upload form."""

from __future__ import annotations

import pytest

from microcred.edc import read_edc, to_edc, to_upload_form
from microcred.errors import InvalidDataError
from microcred.model import Award


def test_upload_form_leaves_context_and_issuer_to_the_service(award: Award) -> None:
    """The service adds @context and the seal-based issuer block itself."""
    form = to_upload_form(award, delivery_addresses=["learner@example.org"])
    assert set(form) == {"credential", "deliveryDetails"}
    credential = form["credential"]
    assert "@context" not in credential
    assert "issuer" not in credential
    expected = {
        k: v for k, v in to_edc(award).items() if k not in {"@context", "issuer"}
    }
    assert credential == expected
    assert form["deliveryDetails"]["deliveryAddress"] == ["learner@example.org"]


def test_upload_form_defaults_to_the_learners_address(award: Award) -> None:
    """Without addresses the learner's e-mail is used, if known."""
    learner = award.learner.replace(email="alex@example.org")
    form = to_upload_form(award.replace(learner=learner))
    assert form["deliveryDetails"]["deliveryAddress"] == ["alex@example.org"]


def test_upload_form_display_details(award: Award) -> None:
    """Template, labels and background go into displayDetails."""
    form = to_upload_form(
        award,
        template="<div>{{title}}</div>",
        labels={"awardedTo": {"en": "awarded to", "es": "otorgado a"}},
        background=b"\x89PNG-bg",
    )
    display = form["deliveryDetails"]["displayDetails"]
    assert display["template"] == "<div>{{title}}</div>"
    assert display["labels"]["awardedTo"]["es"] == "otorgado a"
    assert display["background"]["type"] == "MediaObject"


def test_upload_form_refuses_a_non_address(award: Award) -> None:
    """A delivery address must look like an e-mail address."""
    with pytest.raises(InvalidDataError) as caught:
        to_upload_form(award, delivery_addresses=["nobody"])
    assert caught.value.path == "deliveryDetails.deliveryAddress[0]"


def test_upload_form_reads_back(award: Award) -> None:
    """read_edc accepts the upload form and keeps its delivery details."""
    form = to_upload_form(award, delivery_addresses=["learner@example.org"])
    reading = read_edc(form)
    assert reading.award is not None
    assert reading.award.micro_credential.title == award.micro_credential.title
    assert reading.delivery_details == form["deliveryDetails"]
    assert reading.to_edc() == form["credential"]
