"""The ``status`` checks: Bitstring Status List and StatusList2021 entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from microcred.errors import MicrocredError
from microcred.securing._status_list import BitstringStatusList
from microcred.securing.jose import unverified_claims

from ._checks import failed, passed, resolve_now, skipped, validity_check, warning
from ._result import Check, CheckStatus, Outcome

__all__ = ["FetchStatus", "status_checks"]

#: The caller's fetcher: a status list credential as JSON, or as a compact JWS.
FetchStatus = Callable[[str], Mapping[str, Any] | str]

#: entry type -> the list credential type it points at
_LIST_TYPES = {
    "BitstringStatusListEntry": "BitstringStatusListCredential",
    "StatusList2021Entry": "StatusList2021Credential",
}
_SET_OUTCOME = {"revocation": Outcome.REVOKED, "suspension": Outcome.SUSPENDED}


class _ProblemError(Exception):
    def __init__(self, check: Check) -> None:
        super().__init__(check.message)
        self.check = check


def _entries(credential: Mapping[str, Any]) -> list[Any]:
    status = credential.get("credentialStatus")
    if status is None:
        return []
    return status if isinstance(status, list) else [status]


def _types(value: Any) -> list[str]:
    types = value.get("type", []) if isinstance(value, Mapping) else []
    if isinstance(types, str):
        return [types]
    return [t for t in types if isinstance(t, str)] if isinstance(types, list) else []


def _index(entry: Mapping[str, Any]) -> int:
    raw = entry.get("statusListIndex")
    # Section 2.1: statusListIndex is a string of digits; some write an integer.
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    # Twenty digits exceed any list (and int() refuses past 4,300 digits anyway).
    if isinstance(raw, str) and raw.isdigit() and raw.isascii() and len(raw) <= 20:
        return int(raw)
    raise _ProblemError(
        failed(
            "status", Outcome.MALFORMED, "statusListIndex is not a non-negative integer"
        )
    )


def status_checks(
    credential: Mapping[str, Any],
    *,
    fetch_status: FetchStatus | None,
    now: dt.datetime | None,
    verify_list: Callable[[Any], Any] | None,
    unsafe_allow_short_lists: bool = False,
) -> list[Check]:
    """One ``status`` check per entry (a single skipped check when there are none)."""
    entries = _entries(credential)
    if not entries:
        return [skipped("status", "the credential has no credentialStatus")]
    if fetch_status is None:
        return [
            skipped(
                "status",
                f"{len(entries)} status entr(y/ies) not checked: "
                "no fetch_status function was given",
            )
        ]
    at = resolve_now(now)
    checks = []
    for entry in entries:
        try:
            checks.append(
                _one(entry, fetch_status, at, verify_list, unsafe_allow_short_lists)
            )
        except _ProblemError as problem:
            checks.append(problem.check)
    return checks


def _one(
    entry: Any,
    fetch_status: FetchStatus,
    now: dt.datetime,
    verify_list: Callable[[Any], Any] | None,
    unsafe_allow_short_lists: bool,
) -> Check:
    if not isinstance(entry, Mapping):
        raise _ProblemError(
            failed("status", Outcome.MALFORMED, "a status entry is not an object")
        )
    kind = next((t for t in _types(entry) if t in _LIST_TYPES), None)
    if kind is None:
        raise _ProblemError(
            failed(
                "status",
                Outcome.UNSUPPORTED,
                f"status entry type {_types(entry)} is not supported",
            )
        )
    purpose = entry.get("statusPurpose")
    url = entry.get("statusListCredential")
    if not isinstance(url, str) or not isinstance(purpose, str):
        raise _ProblemError(
            failed(
                "status",
                Outcome.MALFORMED,
                "a status entry needs statusPurpose and statusListCredential",
            )
        )
    index = _index(entry)
    fetched = _fetch(fetch_status, url)
    list_credential = _document_of(fetched, url)
    subject = _check_list(list_credential, _LIST_TYPES[kind], purpose, now, url)
    integrity = _list_integrity(fetched, verify_list)
    value = _read(subject, index, url, short=unsafe_allow_short_lists)
    return _verdict(
        purpose=purpose,
        value=value,
        index=index,
        url=url,
        integrity=integrity,
        entry=entry,
        subject=subject,
    )


def _document_of(fetched: Mapping[str, Any] | str, url: str) -> Mapping[str, Any]:
    """The list credential itself, out of a JWT if it came as one."""
    if isinstance(fetched, Mapping):
        return fetched
    try:
        claims = unverified_claims(fetched)
    except MicrocredError as error:
        raise _ProblemError(
            failed("status", Outcome.MALFORMED, f"{url}: {error}")
        ) from None
    # Read before verifying only to run the checks; verify_list judges it.
    vc = claims.get("vc")
    return vc if isinstance(vc, Mapping) else claims


def _fetch(fetch_status: FetchStatus, url: str) -> Mapping[str, Any] | str:
    try:
        document = fetch_status(url)
    except MicrocredError as error:
        raise _ProblemError(
            failed("status", Outcome.UNAVAILABLE, f"could not fetch {url}: {error}")
        ) from None
    except (LookupError, OSError, ValueError) as error:
        raise _ProblemError(
            failed(
                "status",
                Outcome.UNAVAILABLE,
                f"could not fetch {url}: {type(error).__name__}",
            )
        ) from None
    if not isinstance(document, Mapping | str):
        raise _ProblemError(
            failed("status", Outcome.MALFORMED, f"{url} is neither JSON nor a JWT")
        )
    return document


def _check_list(
    document: Mapping[str, Any],
    list_type: str,
    purpose: str,
    now: dt.datetime,
    url: str,
) -> Mapping[str, Any]:
    if list_type not in _types(document):
        raise _ProblemError(
            failed("status", Outcome.MALFORMED, f"{url} is not a {list_type}")
        )
    subject = document.get("credentialSubject")
    if not isinstance(subject, Mapping):
        raise _ProblemError(
            failed("status", Outcome.MALFORMED, f"{url} has no credentialSubject")
        )
    listed = subject.get("statusPurpose")
    listed = listed if isinstance(listed, list) else [listed]
    if purpose not in listed:
        # Section 3.2, validate algorithm: the purposes must match.
        raise _ProblemError(
            failed(
                "status",
                Outcome.MALFORMED,
                f"{url} is a {listed} list, not a {purpose!r} list",
            )
        )
    window = validity_check(document, now)
    if window.status is CheckStatus.FAILED:
        raise _ProblemError(
            failed(
                "status",
                Outcome.UNAVAILABLE,
                f"the status list {url} is not usable: {window.message}",
            )
        )
    return subject


def _list_integrity(
    document: Mapping[str, Any] | str,
    verify_list: Callable[[Any], Any] | None,
) -> str | None:
    """None when the list verified; otherwise why it did not (for the message)."""
    if verify_list is None:
        return "its signature was not checked (no verifier given)"
    result = verify_list(document)
    if result.valid:
        return None
    first = result.failures[0] if result.failures else None
    return (
        f"it did not verify ({first.name}: {first.message})"
        if first
        else ("it did not verify")
    )


def _read(subject: Mapping[str, Any], index: int, url: str, *, short: bool) -> int:
    size = subject.get("statusSize", 1)
    if not isinstance(size, int) or isinstance(size, bool):
        raise _ProblemError(
            failed("status", Outcome.MALFORMED, f"{url}: bad statusSize")
        )
    try:
        bits = BitstringStatusList.decode(
            subject.get("encodedList", ""),
            status_size=size,
            unsafe_allow_short_lists=short,
        )
        return bits.get(index)
    except MicrocredError as error:
        raise _ProblemError(
            failed("status", Outcome.MALFORMED, f"{url}: {error}")
        ) from None


def _verdict(
    *,
    purpose: str,
    value: int,
    index: int,
    url: str,
    integrity: str | None,
    entry: Mapping[str, Any],
    subject: Mapping[str, Any],
) -> Check:
    where = f"entry {index} of {url}"
    if value and purpose in _SET_OUTCOME:
        # A set bit is honoured even from an unverified list: failing closed.
        word = "revoked" if purpose == "revocation" else "suspended"
        return failed("status", _SET_OUTCOME[purpose], f"{word}: {where} is set")
    if integrity is not None:
        if integrity.startswith("it did not verify"):
            return failed(
                "status",
                Outcome.INVALID_SIGNATURE,
                f"the status list {url} cannot be relied on: {integrity}",
            )
        return warning("status", f"{purpose}: {where} is clear, but {integrity}")
    if purpose == "message":
        return warning(
            "status", f"status message {_message(entry, subject, value)} ({where})"
        )
    return passed(
        "status", f"not {purpose_word(purpose)}: {where} is clear; the list verified"
    )


def purpose_word(purpose: str) -> str:
    """'revoked' for revocation, 'suspended' for suspension, else the purpose."""
    return {"revocation": "revoked", "suspension": "suspended"}.get(purpose, purpose)


def _message(entry: Mapping[str, Any], subject: Mapping[str, Any], value: int) -> str:
    messages = entry.get("statusMessage") or subject.get("statusMessage") or []
    wanted = f"0x{value:x}"
    for message in messages if isinstance(messages, list) else []:
        if isinstance(message, Mapping) and message.get("status") == wanted:
            return repr(message.get("message"))
    return wanted
