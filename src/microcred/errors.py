"""Every failure microcred raises on purpose.

One root, so that ``except MicrocredError`` catches everything the library means
to raise; each branch also inherits the built-in a caller would expect
(``ValueError`` for bad data, ``LookupError`` for something missing, ...)::

    MicrocredError
    ├── InvalidDataError (ValueError)          bad input, with the field path
    │   ├── ParseError                         not JSON / XML, truncated, too deep
    │   ├── ModelValidationError               a field breaks the model's rules
    │   ├── UnknownConceptError (LookupError)  an ESCO IRI not in the catalogue
    │   └── JsonLdError                        the JSON-LD layer refused the document
    │       ├── UnknownContextError (LookupError)  a context URL we do not ship
    │       └── SafeModeError                  a term or type would be dropped
    ├── ShapeViolationError (ValueError)       SHACL / schema validation failed
    ├── AssessmentError (ValueError)           questionnaires, responses, imports
    │   ├── QuestionnaireError
    │   ├── ResponseError
    │   └── QuestionImportError
    ├── ReviewError (ValueError)               the review could not run
    ├── SecuringError                          sealing / signing could not proceed
    │   └── InvalidKeyError (ValueError)       a key is malformed or of the wrong kind
    ├── VerificationError                      a credential failed verification
    ├── UnsupportedError (NotImplementedError) a feature, suite or algorithm we lack
    └── ResourceLimitError                     input exceeded a safety bound

Messages name the place (a dotted path such as
``credentialSubject.hasClaim[0].title``) and the problem, and never contain key
material or whole credentials.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AssessmentError",
    "InvalidDataError",
    "InvalidKeyError",
    "JsonLdError",
    "MicrocredError",
    "ModelValidationError",
    "ParseError",
    "QuestionImportError",
    "QuestionnaireError",
    "ResourceLimitError",
    "ResponseError",
    "ReviewError",
    "SafeModeError",
    "SecuringError",
    "ShapeViolationError",
    "UnknownConceptError",
    "UnknownContextError",
    "UnsupportedError",
    "VerificationError",
    "format_path",
]

PathPart = str | int


def format_path(parts: Sequence[PathPart]) -> str:
    """Join path parts the way JSON users read them: ``a.b[0].c``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif text:
            text += f".{part}"
        else:
            text = part
    return text


class MicrocredError(Exception):
    """The root of every error microcred raises on purpose.

    ``path`` is where the problem is (empty when it concerns the whole input) and
    ``problem`` says what is wrong, in plain words.
    """

    def __init__(self, problem: str, *, path: str | Sequence[PathPart] = "") -> None:
        self.problem = problem
        self.path = path if isinstance(path, str) else format_path(path)
        super().__init__(f"{self.path}: {problem}" if self.path else problem)


class InvalidDataError(MicrocredError, ValueError):
    """The input data is not acceptable; ``path`` names the field."""


class ParseError(InvalidDataError):
    """The input could not be parsed at all (malformed or truncated JSON/XML)."""


class ModelValidationError(InvalidDataError):
    """One or more fields break the model's rules.

    ``errors`` holds every ``(path, problem)`` pair found, so that a caller can show
    all of them at once; the message leads with the first.
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str | Sequence[PathPart] = "",
        errors: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(problem, path=path)
        self.errors: tuple[tuple[str, str], ...] = tuple(errors) or (
            (self.path, problem),
        )


class UnknownConceptError(InvalidDataError, LookupError):
    """An ESCO IRI that the catalogue in use does not hold."""


class JsonLdError(InvalidDataError):
    """The JSON-LD processor refused the document."""


class UnknownContextError(JsonLdError, LookupError):
    """A ``@context`` URL that is not bundled; microcred never downloads one."""


class SafeModeError(JsonLdError):
    """A term or type would be silently dropped or made relative by JSON-LD."""


class ShapeViolationError(MicrocredError, ValueError):
    """The document does not conform to the shapes or schema it claims."""


class AssessmentError(MicrocredError, ValueError):
    """A questionnaire, a response set or an import is not usable."""


class QuestionnaireError(AssessmentError):
    """The questionnaire itself is inconsistent (missing key, bad weight, ...)."""


class ResponseError(AssessmentError):
    """A learner's response does not fit the questionnaire."""


class QuestionImportError(AssessmentError):
    """A question bank (Moodle XML, QTI) could not be imported."""


class ReviewError(MicrocredError, ValueError):
    """The review could not run on the given input."""


class SecuringError(MicrocredError):
    """A credential could not be sealed or signed."""


class InvalidKeyError(SecuringError, ValueError):
    """A key is malformed, of the wrong type, or does not fit the algorithm."""


class VerificationError(MicrocredError):
    """A credential failed verification; ``result`` holds every check made."""

    def __init__(
        self,
        problem: str,
        *,
        path: str | Sequence[PathPart] = "",
        result: object | None = None,
    ) -> None:
        super().__init__(problem, path=path)
        self.result = result


class UnsupportedError(MicrocredError, NotImplementedError):
    """The input asks for a feature, suite or algorithm microcred does not have."""


class ResourceLimitError(MicrocredError):
    """The input exceeded a safety bound (size, depth, canonicalisation work)."""
