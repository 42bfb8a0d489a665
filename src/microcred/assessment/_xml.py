"""Safe XML parsing for question-bank imports.

defusedxml refuses entity declarations (billion laughs), external entities and,
here, any DTD at all: neither Moodle XML nor QTI items need one, so a DOCTYPE is
treated as hostile. Nothing is ever fetched.
"""

from __future__ import annotations

import os
import re

# Only for its types and ParseError: parsing goes through defusedxml.
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from microcred._jsonio import MAX_DOCUMENT_BYTES
from microcred.errors import QuestionImportError, UnsupportedError

# xml.etree is imported for its types and ParseError only: every parse goes through
# defusedxml below.

__all__ = ["html_to_text", "local_name", "parse_xml", "read_source"]

_SPACES = re.compile(r"\s+")


def read_source(source: str | bytes | os.PathLike[str], what: str) -> bytes:
    """XML text, bytes or a file path, as bytes within the size bound."""
    if isinstance(source, os.PathLike):
        return _read_file(Path(source))
    data = source.encode("utf-8") if isinstance(source, str) else source
    if len(data) > MAX_DOCUMENT_BYTES:
        raise QuestionImportError(f"{what} is larger than {MAX_DOCUMENT_BYTES} bytes")
    return data


def _read_file(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise QuestionImportError(
                f"{path} is larger than {MAX_DOCUMENT_BYTES} bytes"
            )
        return path.read_bytes()
    except OSError as error:
        problem = error.strerror or type(error).__name__
        raise QuestionImportError(
            f"cannot read the file: {problem}", path=str(path)
        ) from None


def parse_xml(data: bytes, what: str) -> ET.Element:
    """Parse untrusted XML; hostile or malformed input is a QuestionImportError."""
    try:
        import defusedxml
        from defusedxml import ElementTree as SafeET
    except ImportError:
        raise UnsupportedError(
            "importing XML needs the 'assessment' extra: "
            "pip install '.[assessment]' in a clone"
        ) from None
    try:
        root: ET.Element = SafeET.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DTDForbidden:
        raise QuestionImportError(f"{what} declares a DTD, which is refused") from None
    except defusedxml.EntitiesForbidden:
        raise QuestionImportError(
            f"{what} declares entities, which are refused"
        ) from None
    except defusedxml.ExternalReferenceForbidden:
        raise QuestionImportError(
            f"{what} refers to an external resource, which is refused"
        ) from None
    except ET.ParseError as error:
        raise QuestionImportError(f"{what} is not well-formed XML: {error}") from None
    return root


def local_name(tag: str) -> str:
    """The tag without its namespace."""
    return tag.rsplit("}", 1)[-1]


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"p", "br", "div", "li"}:
            self.parts.append(" ")


def html_to_text(markup: str) -> str:
    """The plain text of an HTML fragment (Moodle stores question text as HTML)."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return _SPACES.sub(" ", "".join(collector.parts)).strip()
