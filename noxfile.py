"""Development sessions: tests, lint, typecheck, conformance, bench.

The gates themselves (ruff rules, mypy strictness, pytest options, the coverage
floor) live in pyproject.toml; these sessions only run them.
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests", "lint", "typecheck", "conformance"]

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
ANCHORS_ENV = "MICROCRED_ANCHORS"
LINTED = ("src", "tests", "conformance", "benchmarks", "noxfile.py")


def _group(name: str) -> list[str]:
    return list(nox.project.dependency_groups(PYPROJECT, name))


def _install(session: nox.Session, *groups: str, extras: str = "all") -> None:
    requirements = [req for group in groups for req in _group(group)]
    session.install("-e", f".[{extras}]", *requirements)


@nox.session
def tests(session: nox.Session) -> None:
    """The unit, property and vector tests (no network, no ../shared)."""
    _install(session, "test")
    session.run("pytest", "--cov=microcred", "--cov-report=term", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check."""
    session.install(*_group("lint"))
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict with the pydantic plugin."""
    _install(session, "typecheck")
    session.run("mypy")


@nox.session
def conformance(session: nox.Session) -> None:
    """Files we may not copy (no licence stated), run from ../shared/anchors.

    Skipped, with the reason shown, when the folder is missing: a clone without
    ../shared must still test. nox prints the session as skipped, never as passed.
    """
    anchors = Path(os.environ.get(ANCHORS_ENV, ROOT.parent / "shared" / "anchors"))
    if not anchors.is_dir():
        session.skip(
            f"anchors folder not found at {anchors}; set {ANCHORS_ENV} to run the "
            "conformance suite"
        )
    _install(session, "test")
    session.run(
        "pytest",
        "conformance",
        "-p",
        "no:cacheprovider",
        "-o",
        "testpaths=conformance",
        env={ANCHORS_ENV: str(anchors.resolve())},
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Throughput figures beside the plain baseline, with ratios."""
    _install(session, "test")
    names = session.posargs or sorted(
        p.stem for p in (ROOT / "benchmarks").glob("bench_*.py")
    )
    for name in names:
        session.run("python", f"benchmarks/{name}.py")
