"""The command line (DESIGN.md contract): one module per group of subcommands, the parser and the error
guard in ``entry``, what they share in ``common``. ``from smartcity_desktop.cli import main`` is the entry."""
from __future__ import annotations

from smartcity_desktop.cli.common import ArgumentError, Parser
from smartcity_desktop.cli.entry import COMMANDS, build_parser, command_of, guarded, main, prepare

__all__ = ["ArgumentError", "COMMANDS", "Parser", "build_parser", "command_of", "guarded", "main", "prepare"]
