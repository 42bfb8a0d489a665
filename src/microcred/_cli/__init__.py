"""The ``microcred`` command.

Each module of this package that defines ``register(subparsers)`` adds its own
sub-commands; ``main`` finds them, so command groups stay independent.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
from collections.abc import Sequence

from microcred import __version__
from microcred.errors import MicrocredError

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_ERROR", "build_parser", "main"]

#: Exit status for input the command could not process (bad file, bad data).
EXIT_ERROR = 2


#: Exit status when whoever reads the output stops early (``microcred ... | head``).
EXIT_BROKEN_PIPE = 1


def _silence_stdout() -> None:
    # Python flushes stdout once more at exit; pointing the descriptor at
    # devnull keeps that flush from failing again on the closed pipe.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _describe(error: OSError) -> str:
    """``FILE: reason`` for a file the command could not read or write."""
    if error.filename is None or error.strerror is None:
        return str(error)
    return f"{error.filename}: {error.strerror}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="microcred",
        description="Micro-credentials the European way: EDC, Open Badges 3.0, "
        "assessment, review and verification. Works offline.",
    )
    parser.add_argument("--version", action="version", version=__version__)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    # rdflib logs a WARNING with a traceback for each ill-typed literal it meets;
    # the command reports such data through its own checks instead.
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        status: int = handler(args)
        # Flushed here, so that a reader who stopped early (``| head``) is met
        # in this try and not at interpreter exit.
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except MicrocredError as error:
        # One line, no traceback: the message already names the field and problem.
        print(f"microcred {args.command}: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as error:
        print(f"microcred {args.command}: error: {_describe(error)}", file=sys.stderr)
        return EXIT_ERROR
    return status
