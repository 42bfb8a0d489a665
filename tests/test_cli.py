"""The command line's frame: help, version, and one-line errors."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

import microcred
from microcred import __version__
from microcred._cli import EXIT_BROKEN_PIPE, EXIT_ERROR, build_parser, main
from microcred.errors import ModelValidationError


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the version and exits 0."""
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_no_command_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a command the help is shown and the exit status is non-zero."""
    assert main([]) == EXIT_ERROR
    assert "usage: microcred" in capsys.readouterr().out


def test_library_errors_become_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A MicrocredError from a handler is one stderr line, no traceback."""

    def failing(_: argparse.Namespace) -> int:
        raise ModelValidationError("must be 1 to 8", path="eqfLevel")

    def register(
        subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    ) -> None:
        subparsers.add_parser("boom").set_defaults(handler=failing)

    original = build_parser

    def patched() -> argparse.ArgumentParser:
        parser = original()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                register(action)
        return parser

    monkeypatch.setattr("microcred._cli.build_parser", patched)
    assert main(["boom"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err == "microcred boom: error: eqfLevel: must be 1 to 8\n"


def test_a_closed_pipe_exits_quietly() -> None:
    """Output into a pipe nobody reads (``| head``) ends without a message."""
    source = str(Path(microcred.__file__).parents[1])
    paths = [source, os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, paths))}
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "microcred", "esco", "search", "heat"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
        )
    finally:
        os.close(write_end)
    assert completed.stderr == b""
    assert completed.returncode == EXIT_BROKEN_PIPE


def test_an_unreadable_file_is_named_without_errno(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file a command cannot open: one line, the file and the reason, no [Errno]."""
    missing = tmp_path / "missing.sd-jwt"
    assert main(["present", str(missing)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err == f"microcred present: error: {missing}: No such file or directory\n"
