"""Validating European Digital Credentials against the EU's SHACL shapes, offline.

>>> from microcred.validation import validate_edc
>>> report = validate_edc(Path("credential.jsonld"))  # doctest: +SKIP
>>> report.conforms, [v.message for v in report.violations]  # doctest: +SKIP

The shapes (EDC application profile 1.1.0: generic-full and the profiles built on
it) ship with microcred; the profile is taken from the credential's own
``credentialSchema``.
"""

from ._report import KNOWN_QUIRKS, ValidationReport, Violation
from ._shapes import DEFAULT_PROFILE, EDC_PROFILES
from ._validate import claimed_profiles, ensure_valid_edc, validate_edc

__all__ = [
    "DEFAULT_PROFILE",
    "EDC_PROFILES",
    "KNOWN_QUIRKS",
    "ValidationReport",
    "Violation",
    "claimed_profiles",
    "ensure_valid_edc",
    "validate_edc",
]
