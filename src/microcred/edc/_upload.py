"""The EDC issuer's upload form: ``{credential, deliveryDetails}``.

The European Commission's EDC issuer service takes a credential to seal in
this wrapper (``anchors/edc/samples/eu-elm-support/AA-Annex1-MC-unsigned.json``).
The service adds the ``@context`` and builds the ``issuer`` block from the seal
certificate (C, O, organizationIdentifier), so the upload leaves both out;
``deliveryDetails`` says where the sealed credential goes and, optionally, how
the service's viewer shows it.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any

from microcred.errors import InvalidDataError
from microcred.model import Award

from ._ids import entity_id
from ._patch import EdcPatch
from ._vocab import BASE64, PNG

__all__ = ["to_upload_form"]

_EMAIL_AT = "@"


def to_upload_form(
    award: Award,
    *,
    delivery_addresses: Sequence[str] | None = None,
    template: str | None = None,
    labels: Mapping[str, Mapping[str, str]] | None = None,
    background: bytes | None = None,
    unmapped: EdcPatch | None = None,
) -> dict[str, Any]:
    """The upload form for the EDC issuer service, as a JSON-ready dict.

    ``delivery_addresses`` defaults to the learner's e-mail address; ``template``
    (HTML), ``labels`` (``{"awardedTo": {"en": "awarded to"}}``) and
    ``background`` (PNG bytes) fill ``deliveryDetails.displayDetails`` when given.
    """
    from ._api import to_edc

    credential = to_edc(award, unmapped=unmapped)
    for key in ("@context", "issuer"):
        credential.pop(key, None)
    details: dict[str, Any] = {}
    addresses = _addresses(award, delivery_addresses)
    if addresses:
        details["deliveryAddress"] = addresses
    display = _display_details(award, template, labels, background)
    if display:
        details["displayDetails"] = display
    return {"credential": credential, "deliveryDetails": details}


def _addresses(award: Award, given: Sequence[str] | None) -> list[str]:
    if given is None:
        return [award.learner.email] if award.learner.email else []
    for index, address in enumerate(given):
        if not isinstance(address, str) or _EMAIL_AT not in address:
            raise InvalidDataError(
                f"{address!r} is not an e-mail address",
                path=["deliveryDetails", "deliveryAddress", index],
            )
    return list(given)


def _display_details(
    award: Award,
    template: str | None,
    labels: Mapping[str, Mapping[str, str]] | None,
    background: bytes | None,
) -> dict[str, Any]:
    display: dict[str, Any] = {}
    if template is not None:
        display["template"] = template
    if labels:
        display["labels"] = {key: dict(value) for key, value in labels.items()}
    if background is not None:
        display["background"] = {
            "id": f"{entity_id('award', award.id)}#background-1",
            "type": "MediaObject",
            "content": base64.b64encode(background).decode("ascii"),
            "contentEncoding": BASE64.to_node(),
            "contentType": PNG.to_node(),
        }
    return display
