"""Bitstring Status List (W3C, v1.0): revocation and suspension of credentials.

An issuer keeps a :class:`BitstringStatusList`, sets or clears the entry of a
credential, and publishes :func:`status_list_credential` (signed like any other
credential). A credential points at its entry with :func:`status_entry`.

A verifier calls :func:`check_status` with a ``fetch_status(url) -> dict``
function that the caller supplies; microcred never goes to the network itself.
What is checked, per entry:

1. the entry is a ``BitstringStatusListEntry`` (or ``StatusList2021Entry``) with
   an integer index and a list URL;
2. the fetched status list credential is of the matching type, its
   ``statusPurpose`` equals the entry's, and it is inside its own validity
   window at ``now``;
3. if ``verify_list`` is given, the list credential itself verifies (its
   signature); a list that fails is reported, and a set bit is still honoured;
4. the bit at the index: set means revoked (``revocation``) or suspended
   (``suspension``); for ``message`` the status message is reported.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from microcred.errors import InvalidDataError

from ._status_list import MIN_BITS, BitstringStatusList

if TYPE_CHECKING:
    from microcred.verification import Check

__all__ = [
    "MIN_BITS",
    "BitstringStatusList",
    "StatusPurpose",
    "check_status",
    "status_entry",
    "status_list_credential",
]

STATUS_CONTEXT = "https://www.w3.org/ns/credentials/status/v1"
VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"


class StatusPurpose(enum.StrEnum):
    """What a set bit means (section 2.1)."""

    REVOCATION = "revocation"
    SUSPENSION = "suspension"
    MESSAGE = "message"
    REFRESH = "refresh"


def status_entry(
    list_credential: str, index: int, purpose: StatusPurpose | str
) -> dict[str, Any]:
    """The ``credentialStatus`` value pointing at ``index`` of a list."""
    return {
        "id": f"{list_credential}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": StatusPurpose(purpose).value,
        "statusListIndex": str(index),
        "statusListCredential": list_credential,
    }


def status_list_credential(
    *,
    id: str,  # noqa: A002 - the JSON name
    issuer: str,
    purpose: StatusPurpose | str,
    status_list: BitstringStatusList,
    valid_from: dt.datetime,
    valid_until: dt.datetime | None = None,
) -> dict[str, Any]:
    """An unsigned ``BitstringStatusListCredential`` (VCDM 2.0) carrying the list.

    Sign or seal it before publishing; verifiers should reject an unsigned list.
    """
    if valid_from.utcoffset() is None:
        raise InvalidDataError("valid_from must be time-zone aware", path="validFrom")
    credential: dict[str, Any] = {
        "@context": [VC_V2_CONTEXT],
        "id": id,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": valid_from.isoformat().replace("+00:00", "Z"),
        "credentialSubject": {
            "id": f"{id}#list",
            "type": "BitstringStatusList",
            "statusPurpose": StatusPurpose(purpose).value,
            "encodedList": status_list.encode(),
        },
    }
    if valid_until is not None:
        credential["validUntil"] = valid_until.isoformat().replace("+00:00", "Z")
    if status_list.status_size != 1:
        credential["credentialSubject"]["statusSize"] = status_list.status_size
    return credential


def check_status(
    credential: Mapping[str, Any],
    *,
    fetch_status: Callable[[str], Mapping[str, Any] | str] | None,
    now: dt.datetime | None,
    verify_list: Callable[[Any], Any] | None = None,
    unsafe_allow_short_lists: bool = False,
) -> list[Check]:
    """Check every status entry of ``credential``; return one ``status`` check each.

    ``now`` is used for the list's own validity window (``None`` means the
    current time). ``verify_list(list_credential)`` should return a
    :class:`~microcred.verification.VerificationResult`; without it the list's
    signature is not checked and the message says so.
    ``unsafe_allow_short_lists`` accepts lists below the 131,072-bit minimum
    (some deployed issuers publish 100,000-bit lists).
    """
    from microcred.verification._status import status_checks

    return status_checks(
        credential,
        fetch_status=fetch_status,
        now=now,
        verify_list=verify_list,
        unsafe_allow_short_lists=unsafe_allow_short_lists,
    )
