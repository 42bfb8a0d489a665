"""Findings and the review report, with JSON, Markdown and plain-text renderings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from microcred._jsonio import dumps

__all__ = ["Finding", "ReviewReport", "Severity"]


class Severity(StrEnum):
    """How much a finding matters: an error blocks publication, the others inform."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for information (sort order)."""
        return ("error", "warning", "info").index(self.value)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the reviewer found, and what the submitter should do about it.

    ``path`` is the dotted JSON path of the field in the submission
    (``learningOutcomes[1].text.en``; empty for the whole submission), ``rule``
    the stable id of the rule (``outcome.vague-verb``), ``fix`` a suggested
    correction, and ``suggestions`` machine-readable values behind it (ESCO IRIs,
    for example).
    """

    severity: Severity
    path: str
    rule: str
    message: str
    fix: str
    suggestions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain JSON values."""
        data: dict[str, Any] = {
            "severity": self.severity.value,
            "path": self.path,
            "rule": self.rule,
            "message": self.message,
            "fix": self.fix,
        }
        if self.suggestions:
            data["suggestions"] = list(self.suggestions)
        return data


def _sort_key(finding: Finding) -> tuple[int, str, str]:
    return finding.severity.rank, finding.rule, finding.path


@dataclass(frozen=True, slots=True)
class ReviewReport:
    """The findings of one review, errors first.

    :attr:`passed` is true only when there is no error-level finding; warnings and
    information never block. ``esco_version`` and ``esco_attribution`` name the
    ESCO data the relevance rules used.
    """

    subject_id: str | None
    subject_title: str | None
    findings: tuple[Finding, ...]
    esco_version: str
    esco_attribution: str

    @classmethod
    def build(
        cls,
        *,
        subject_id: str | None,
        subject_title: str | None,
        findings: Iterable[Finding],
        esco_version: str,
        esco_attribution: str,
    ) -> ReviewReport:
        """A report with its findings sorted (severity, rule, path), duplicates out."""
        unique = sorted(dict.fromkeys(findings), key=_sort_key)
        return cls(
            subject_id,
            subject_title,
            tuple(unique),
            esco_version,
            esco_attribution,
        )

    def _of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error-level findings."""
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The warnings."""
        return self._of(Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """The informational findings."""
        return self._of(Severity.INFO)

    @property
    def passed(self) -> bool:
        """True when no finding is an error (the submission may be published)."""
        return not self.errors

    def summary(self) -> str:
        """One line: the verdict and the counts."""
        verdict = "passed" if self.passed else "FAILED"
        return (
            f"{verdict}: {len(self.errors)} error(s), {len(self.warnings)} "
            f"warning(s), {len(self.infos)} note(s)"
        )

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON values."""
        return {
            "subject": {"id": self.subject_id, "title": self.subject_title},
            "passed": self.passed,
            "counts": {
                "error": len(self.errors),
                "warning": len(self.warnings),
                "info": len(self.infos),
            },
            "findings": [f.to_dict() for f in self.findings],
            "esco": {
                "version": self.esco_version,
                "attribution": self.esco_attribution,
            },
        }

    def to_json(self) -> str:
        """The report as indented, deterministic JSON text."""
        return dumps(self.to_dict()).decode("utf-8")

    def to_markdown(self) -> str:
        """The report as a Markdown document (a summary and one table)."""
        lines = [f"# Review of {_subject(self)}", "", f"**{self.summary()}**", ""]
        if self.findings:
            lines += [
                "| severity | rule | field | problem | suggested fix |",
                "|---|---|---|---|---|",
            ]
            lines += [
                f"| {f.severity.value} | `{f.rule}` | `{f.path or '(whole)'}` | "
                f"{_cell(f.message)} | {_cell(f.fix)} |"
                for f in self.findings
            ]
            lines.append("")
        lines.append(f"_{self.esco_attribution}_")
        return "\n".join(lines) + "\n"

    def to_text(self) -> str:
        """The report as plain text for a terminal."""
        lines = [f"Review of {_subject(self)}", self.summary(), ""]
        for finding in self.findings:
            label = finding.severity.value.upper()
            lines.append(f"{label:<8}{finding.rule}  at {finding.path or '(whole)'}")
            lines.append(f"        {finding.message}")
            lines.append(f"        Fix: {finding.fix}")
        lines.append(self.esco_attribution)
        return "\n".join(lines) + "\n"


def _subject(report: ReviewReport) -> str:
    title = f' "{report.subject_title}"' if report.subject_title else ""
    return f"{report.subject_id or '(no id)'}{title}"


def _cell(text: str) -> str:
    # A pipe or a line break would end the Markdown table cell early.
    return text.replace("|", "\\|").replace("\n", " ")
