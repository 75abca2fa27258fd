"""Command line: ``shinkyu convert PATH... [--out DIR]``. Parses arguments and calls the API.

Exit status: 0 every input converted; 65 some input failed (each named on stderr with its
error code); 64 usage error; 66 no input found.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from shinkyu.extract.settings import TABLE_ENGINES
from shinkyu.schemas.errors import ShinkyuError

from .api import convert, document_to_json, write_atomic

EXIT_OK = 0
EXIT_USAGE = 64
EXIT_FAILED = 65
EXIT_NO_INPUT = 66


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"shinkyu: error: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="shinkyu", description="新旧対照表 PDFs to JSON.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    conv = sub.add_parser("convert", help="convert PDFs to JSON")
    conv.add_argument("paths", nargs="+", type=Path, help="PDF files")
    conv.add_argument(
        "--out",
        type=Path,
        help="output folder (DIR/<stem>.json); a single input without --out is printed to stdout",
    )
    conv.add_argument("--table-engine", choices=TABLE_ENGINES, default="plumber")
    conv.add_argument("--password", help="password of encrypted PDFs")
    conv.add_argument(
        "--no-analysis", action="store_true", help="extract cells only (skip the Japanese analysis)"
    )
    conv.add_argument("--debug", action="store_true", help="print tracebacks of failures")
    return parser


def convert_cli(
    paths: Sequence[Path],
    *,
    out: Path | None,
    table_engine: str,
    password: str | None,
    analysis: bool,
    debug: bool,
) -> int:
    existing = [p for p in paths if p.is_file()]
    for p in paths:
        if not p.is_file():
            print(f"shinkyu: {p}: no such file", file=sys.stderr)
    if not existing:
        return EXIT_NO_INPUT
    if out is None and len(paths) > 1:
        print("shinkyu: error: several inputs need --out DIR", file=sys.stderr)
        return EXIT_USAGE
    failed = len(paths) - len(existing)
    for p in existing:
        try:
            doc = convert(p, table_engine=table_engine, password=password, analysis=analysis)
        except ShinkyuError as e:
            failed += 1
            print(f"shinkyu: {p}: {e.code}: {e.message} ({e.hint})", file=sys.stderr)
            if debug:
                traceback.print_exc()
            continue
        text = document_to_json(doc)
        if out is None:
            sys.stdout.write(text)
        else:
            target = out / f"{p.stem}.json"
            write_atomic(target, text)
            print(f"{p} -> {target} ({len(doc.entries)} entries)", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "convert":
        return convert_cli(
            args.paths,
            out=args.out,
            table_engine=args.table_engine,
            password=args.password,
            analysis=not args.no_analysis,
            debug=args.debug,
        )
    return EXIT_USAGE  # pragma: no cover - argparse requires a command


if __name__ == "__main__":
    sys.exit(main())
