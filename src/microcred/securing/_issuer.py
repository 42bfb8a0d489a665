"""Comparing an EDC's issuer block with the seal certificate's subject.

The EU's issuing service writes the issuer's ``legalName``, ``eIDASIdentifier`` and a
location from the seal certificate's O, organizationIdentifier and C, and its
verifier compares them again. The credential names countries with the EU Publications
Office authority table (``.../authority/country/ESP``, mostly ISO 3166-1 alpha-3);
certificates use ISO 3166-1 alpha-2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from cryptography import x509
from cryptography.x509.oid import NameOID

from ._x509 import subject_value

__all__ = ["ALPHA2_TO_AUTHORITY", "issuer_mismatches"]

_COUNTRY_AUTHORITY = "http://publications.europa.eu/resource/authority/country/"

#: ISO 3166-1 alpha-2 (certificate C) to the EU authority code, for the EU, the EEA,
#: the candidate and neighbouring countries, and the largest partners. A country not
#: listed is reported as not compared, never as a match.
ALPHA2_TO_AUTHORITY: Mapping[str, str] = {
    "AT": "AUT", "BE": "BEL", "BG": "BGR", "HR": "HRV", "CY": "CYP", "CZ": "CZE",
    "DK": "DNK", "EE": "EST", "FI": "FIN", "FR": "FRA", "DE": "DEU", "GR": "GRC",
    "EL": "GRC", "HU": "HUN", "IE": "IRL", "IT": "ITA", "LV": "LVA", "LT": "LTU",
    "LU": "LUX", "MT": "MLT", "NL": "NLD", "PL": "POL", "PT": "PRT", "RO": "ROU",
    "SK": "SVK", "SI": "SVN", "ES": "ESP", "SE": "SWE", "IS": "ISL", "LI": "LIE",
    "NO": "NOR", "CH": "CHE", "GB": "GBR", "AL": "ALB", "BA": "BIH", "ME": "MNE",
    "MK": "MKD", "RS": "SRB", "TR": "TUR", "UA": "UKR", "MD": "MDA", "GE": "GEO",
    "AD": "AND", "MC": "MCO", "SM": "SMR", "VA": "VAT", "US": "USA", "CA": "CAN",
    "AU": "AUS", "NZ": "NZL", "JP": "JPN", "CN": "CHN", "IN": "IND", "BR": "BRA",
    "MX": "MEX", "ZA": "ZAF", "KR": "KOR", "AR": "ARG", "CL": "CHL", "CO": "COL",
    "MA": "MAR", "TN": "TUN", "EG": "EGY", "IL": "ISR", "SG": "SGP", "AM": "ARM",
    "AZ": "AZE", "BY": "BLR",
}  # fmt: skip

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _items(value: Any) -> Iterator[Any]:
    if isinstance(value, list):
        yield from value
    elif value is not None:
        yield value


def _texts(value: Any) -> set[str]:
    """Every string in a plain string, a language map or a list of either."""
    found: set[str] = set()
    for item in _items(value):
        if isinstance(item, str):
            found.add(_norm(item))
        elif isinstance(item, Mapping):
            for text in item.values():
                found |= _texts(text)
    return found


def _countries(issuer: Mapping[str, Any]) -> set[str]:
    found: set[str] = set()
    for location in _items(issuer.get("location")):
        if not isinstance(location, Mapping):
            continue
        for address in _items(location.get("address")):
            if not isinstance(address, Mapping):
                continue
            for code in _items(address.get("countryCode")):
                iri = code.get("id") if isinstance(code, Mapping) else code
                if isinstance(iri, str) and iri.startswith(_COUNTRY_AUTHORITY):
                    found.add(iri.removeprefix(_COUNTRY_AUTHORITY))
    return found


def _identifiers(issuer: Mapping[str, Any]) -> set[str]:
    found: set[str] = set()
    for identifier in _items(issuer.get("eIDASIdentifier")):
        if isinstance(identifier, Mapping) and isinstance(
            identifier.get("notation"), str
        ):
            found.add(identifier["notation"].strip())
    return found


def issuer_mismatches(
    issuer: Any, certificate: x509.Certificate
) -> tuple[list[str], list[str]]:
    """How the issuer block disagrees with the certificate, and what was not compared.

    Both lists are empty when everything matched.
    """
    if not isinstance(issuer, Mapping):
        return ["the credential's issuer is not an object with a legal name"], []
    problems = []
    organization = subject_value(certificate, NameOID.ORGANIZATION_NAME)
    names = _texts(issuer.get("legalName")) or _texts(issuer.get("name"))
    if not organization or _norm(organization) not in names:
        problems.append(
            f"legalName does not match the certificate's O {organization!r}"
        )

    org_id = subject_value(certificate, NameOID.ORGANIZATION_IDENTIFIER)
    identifiers = _identifiers(issuer)
    if (org_id or identifiers) and org_id not in identifiers:
        problems.append(
            f"eIDASIdentifier {sorted(identifiers)} does not match the certificate's "
            f"organizationIdentifier {org_id!r}"
        )

    alpha2 = subject_value(certificate, NameOID.COUNTRY_NAME)
    wanted = ALPHA2_TO_AUTHORITY.get(alpha2.upper())
    if wanted is None:
        return problems, [f"the certificate's country {alpha2!r} was not compared"]
    if wanted not in _countries(issuer):
        problems.append(f"no issuer location is in the certificate's country {alpha2}")
    return problems, []
