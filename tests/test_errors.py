"""The exception tree: one root, built-in bases, paths in messages."""

from __future__ import annotations

import microcred
from microcred import errors


def test_every_error_descends_from_the_root() -> None:
    """except MicrocredError catches every error the library defines."""
    for name in errors.__all__:
        obj = getattr(errors, name)
        if isinstance(obj, type):
            assert issubclass(obj, errors.MicrocredError), name


def test_bad_data_errors_are_value_errors() -> None:
    """Callers who catch ValueError still catch bad-input errors."""
    assert issubclass(errors.ModelValidationError, ValueError)
    assert issubclass(errors.ParseError, ValueError)
    assert issubclass(errors.UnknownContextError, LookupError)
    assert issubclass(errors.UnsupportedError, NotImplementedError)


def test_message_leads_with_the_dotted_path() -> None:
    """Paths given as parts are joined the way JSON users read them."""
    error = errors.ModelValidationError(
        "must not be empty", path=["credentialSubject", "hasClaim", 0, "title"]
    )
    assert error.path == "credentialSubject.hasClaim[0].title"
    assert str(error) == "credentialSubject.hasClaim[0].title: must not be empty"


def test_public_all_is_sorted_and_complete() -> None:
    """The package's __all__ is sorted and every name resolves."""
    names = [n for n in microcred.__all__ if n != "__version__"]
    assert names == sorted(names)
    for name in microcred.__all__:
        assert getattr(microcred, name) is not None
