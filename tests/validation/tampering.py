"""Tampered variants of the EU's sealed micro-credential, one fault each.

Each function takes the credential dict and changes it in place; together they
touch every constraint kind the EDC shapes use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Credential = dict[str, Any]


def _spec(c: Credential) -> Credential:
    spec: Credential = c["credentialSubject"]["hasClaim"]["specifiedBy"]
    return spec


def no_issued(c: Credential) -> None:
    del c["issued"]


def no_eidas(c: Credential) -> None:
    del c["issuer"]["eIDASIdentifier"]


def two_valid_from(c: Credential) -> None:
    c["validFrom"] = [c["validFrom"], "2020-01-01T00:00:00Z"]


def ill_typed_date(c: Credential) -> None:
    c["validFrom"] = "2023-13-45T99:00:00Z"


def date_without_time(c: Credential) -> None:
    c["validFrom"] = "2023-01-01"


def duplicate_language(c: Credential) -> None:
    c["credentialSubject"]["hasClaim"]["title"] = {"en": ["One", "Two"]}


def wrong_scheme(c: Credential) -> None:
    _spec(c)["eqfLevel"]["inScheme"]["id"] = "http://example.org/not-eqf"


def untyped_concept(c: Credential) -> None:
    del _spec(c)["eqfLevel"]["type"]


def claim_of_wrong_class(c: Credential) -> None:
    c["credentialSubject"]["hasClaim"]["type"] = "Note"


def issuer_a_concept(c: Credential) -> None:
    c["issuer"]["type"] = "Concept"


def bad_duration(c: Credential) -> None:
    _spec(c)["volumeOfLearning"] = "sixty hours"


def date_modified(c: Credential) -> None:
    c["issuer"]["dateModified"] = "2024-01-01T00:00:00Z"


def no_subject_claim(c: Credential) -> None:
    del c["credentialSubject"]["hasClaim"]


def shared_id_conflict(c: Credential) -> None:
    # The same id on two objects merges them into one RDF node.
    c["credentialSubject"]["contactPoint"]["id"] = c["issuer"]["id"]


def literal_where_node(c: Credential) -> None:
    c["issuer"]["legalName"] = "University of Zed"


def no_display(c: Credential) -> None:
    del c["displayParameter"]


TAMPERS: dict[str, Callable[[Credential], None]] = {
    f.__name__: f
    for f in (
        no_issued,
        no_eidas,
        two_valid_from,
        ill_typed_date,
        date_without_time,
        duplicate_language,
        wrong_scheme,
        untyped_concept,
        claim_of_wrong_class,
        issuer_a_concept,
        bad_duration,
        date_modified,
        no_subject_claim,
        shared_id_conflict,
        literal_where_node,
        no_display,
    )
}


def _activity(c: Credential) -> Credential:
    activity = c["credentialSubject"]["hasClaim"]["influencedBy"]
    return activity[0] if isinstance(activity, list) else activity


def completion_over_100(c: Credential) -> None:
    _activity(c)["levelOfCompletion"] = 150


def blank_scheme(c: Credential) -> None:
    del _spec(c)["eqfLevel"]["inScheme"]["id"]


TAMPERS.update(
    {f.__name__: f for f in (completion_over_100, blank_scheme)},
)
