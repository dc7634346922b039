"""The `frontwatch` command: parse arguments, hand them to the module that owns the subcommand."""
from __future__ import annotations

import argparse
import importlib
import sys

from frontwatch import __version__
from frontwatch.errors import FrontwatchError

# Each module has register(subparsers): it adds its subcommands with set_defaults(func=...).
COMMAND_MODULES = (
    "frontwatch.extract",
    "frontwatch.geo.commands",
    "frontwatch.evaluate.commands",
    "frontwatch.store.commands",
    "frontwatch.api.commands",
    "frontwatch.control.commands",
    "frontwatch.events.train",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontwatch", description="Read conflict news into a verified, mapped ledger of events and territorial control.")
    parser.add_argument("--version", action="version", version=f"frontwatch {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:  # a missing dependency inside the module is a real error
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except FrontwatchError as exc:
        print(f"frontwatch: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("frontwatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
