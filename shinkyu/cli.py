"""Command line: ``shinkyu convert``, ``export`` and ``debug``. Parses arguments, calls the API.

Exit status: 0 every input converted (or already up to date); 65 some input failed (each
named on stderr and in ``DIR/errors.jsonl`` with its error code); 64 usage error; 66 no input
found; 73 an output could not be written (``output_error``); 130 interrupted (Ctrl-C), after
a summary of what was done.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shinkyu.extract.inputs import shinkyu_version
from shinkyu.extract.settings import MAX_BYTES, MAX_PAGES, TABLE_ENGINES
from shinkyu.schemas.errors import OutputError, SettingsError, ShinkyuError

from .api import convert, document_to_json
from .batch import ERRORS_NAME, EXECUTORS, FORMATS, collect_inputs, convert_many
from .export import EXPORT_FORMATS, export
from .progress import Progress, failure_line, summary_line

EXIT_OK = 0
EXIT_USAGE = 64
EXIT_FAILED = 65
EXIT_NO_INPUT = 66
EXIT_CANT_CREATE = 73  # an output could not be written (EX_CANTCREAT)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"shinkyu: error: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: a whole number, 1 or more")
    return n


def _seconds(text: str) -> float:
    try:
        s = float(text)
    except ValueError:
        s = 0.0
    if not s > 0:
        raise argparse.ArgumentTypeError(f"{text!r}: a number of seconds > 0")
    return s


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="shinkyu", description="新旧対照表 PDFs to JSON.")
    parser.add_argument("--version", action="version", version=f"shinkyu {shinkyu_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    conv = sub.add_parser("convert", help="convert PDFs to JSON")
    conv.add_argument("paths", nargs="*", help="PDF files, folders (recursive) or globs")
    conv.add_argument("--from-list", type=Path, help="a file naming one input per line")
    conv.add_argument(
        "--out",
        type=Path,
        help="output folder (DIR/<name>.json); a single input without --out is printed to stdout",
    )
    conv.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        help="json: one file per input; jsonl: DIR/documents.jsonl, one document a line",
    )
    conv.add_argument("--workers", type=_positive, default=1, help="processes (default 1)")
    conv.add_argument("--executor", choices=EXECUTORS, default="local")
    conv.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    conv.add_argument("--force", action="store_true", help="convert inputs already up to date")
    conv.add_argument("--quiet", action="store_true", help="no progress and no summary")
    conv.add_argument("--table-engine", choices=TABLE_ENGINES, default="plumber")
    conv.add_argument("--password", help="password of encrypted PDFs")
    conv.add_argument(
        "--no-analysis", action="store_true", help="extract cells only (skip the Japanese analysis)"
    )
    conv.add_argument(
        "--phrases",
        action="store_true",
        help="add GiNZA's dependency parse: the bunsetsu phrase around each text change "
        "(analysis about 3x slower)",
    )
    conv.add_argument(
        "--timeout", type=_seconds, help="wall-clock limit per input in seconds (code timeout)"
    )
    conv.add_argument(
        "--max-pages",
        type=_positive,
        default=MAX_PAGES,
        help=f"refuse PDFs with more pages (code too_large; default {MAX_PAGES})",
    )
    conv.add_argument(
        "--max-bytes",
        type=_positive,
        default=MAX_BYTES,
        help=f"refuse larger files (code too_large; default {MAX_BYTES})",
    )
    conv.add_argument(
        "--ocr",
        choices=("auto", "always", "never"),
        default="auto",
        help="read scanned pages by OCR: auto (pages without a text layer, the default), "
        "always (every page), never (a scan fails as no_text_layer). --timeout then counts "
        "per OCR'd page",
    )
    conv.add_argument(
        "--ocr-dpi", type=_positive, default=300, help="resolution of OCR'd pages (default 300)"
    )
    conv.add_argument("--debug", action="store_true", help="print tracebacks of failures")
    rev = sub.add_parser(
        "review", help="an offline HTML report of what was read (a page per document)"
    )
    rev.add_argument(
        "folder", type=Path, help="a `shinkyu convert --out` folder (json or jsonl), or one JSON"
    )
    rev.add_argument("--to", type=Path, required=True, help="folder for the report")
    rev.add_argument(
        "--pdf-root",
        type=Path,
        default=None,
        help="where the source PDFs are, when not at the path the documents name (for crops)",
    )
    exp = sub.add_parser("export", help="flat tables of a convert output folder")
    exp.add_argument("folder", type=Path, help="a `shinkyu convert --out` folder")
    exp.add_argument("--to", type=Path, required=True, help="folder for the tables")
    exp.add_argument("--format", choices=EXPORT_FORMATS, default="csv")
    exp.add_argument(
        "--bom",
        "--excel",
        action="store_true",
        help="start CSV files with a UTF-8 BOM, so that Excel reads the Japanese right",
    )
    dbg = sub.add_parser(
        "debug", help="a picture of one page: rules, cells, rows, header roles and marks"
    )
    dbg.add_argument("path", type=Path, help="a PDF")
    dbg.add_argument("--page", type=_positive, required=True, help="1-based page number")
    dbg.add_argument("-o", "--out", type=Path, required=True, help="PNG file to write")
    dbg.add_argument("--scale", type=float, default=2.0, help="pixels per point (default 2)")
    dbg.add_argument("--password", default=None, help="password of an encrypted PDF")
    return parser


def debug_cli(path: Path, *, page: int, out: Path, scale: float, password: str | None) -> int:
    """``shinkyu debug``: write the page picture; one line on stderr when it cannot."""
    from shinkyu.extract.debug import write_page_picture
    from shinkyu.extract.settings import ExtractSettings

    try:
        written = write_page_picture(
            path, page, out, settings=ExtractSettings(password=password), scale=scale
        )
    except ShinkyuError as e:
        print(f"shinkyu: {path}: {e.code}: {e.message}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as e:
        print(f"shinkyu: {out}: output_error: {e.strerror or e}", file=sys.stderr)
        return EXIT_FAILED
    print(written)
    return EXIT_OK


def convert_cli(
    paths: Sequence[str],
    *,
    from_list: Path | None,
    out: Path | None,
    format: str,
    workers: int,
    executor: str,
    scheduler: str | None,
    force: bool,
    quiet: bool,
    table_engine: str,
    password: str | None,
    analysis: bool,
    debug: bool,
    phrases: bool = False,
    timeout: float | None = None,
    max_pages: int | None = MAX_PAGES,
    max_bytes: int | None = MAX_BYTES,
    ocr: str = "auto",
    ocr_dpi: int = 300,
) -> int:
    limits: dict[str, Any] = {
        "timeout": timeout,
        "max_pages": max_pages,
        "max_bytes": max_bytes,
        "ocr": ocr,
        "ocr_dpi": ocr_dpi,
    }
    if not paths and from_list is None:
        print(
            "shinkyu: error: no inputs: pass PDF files, folders, globs or --from-list",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if executor == "dask" and not scheduler:
        print("shinkyu: error: --executor dask needs --scheduler ADDRESS", file=sys.stderr)
        return EXIT_USAGE
    try:
        inputs, missing = collect_inputs(paths, from_list=from_list)
    except SettingsError as e:
        print(f"shinkyu: error: {e.message}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as e:
        print(f"shinkyu: error: --from-list: {e}", file=sys.stderr)
        return EXIT_NO_INPUT
    for m in missing:
        why = "no PDF files in this folder" if Path(m).is_dir() else "unreadable: no such file"
        print(f"shinkyu: {m}: {why}", file=sys.stderr)
    if not inputs:
        return EXIT_NO_INPUT
    if out is None:
        if len(inputs) > 1 or len(paths) > 1 or from_list or format != "json":
            print("shinkyu: error: several inputs need --out DIR", file=sys.stderr)
            return EXIT_USAGE
        return _to_stdout(
            inputs[0].path, table_engine, password, analysis, phrases, debug, len(missing), limits
        )
    interrupted = False
    with Progress(len(inputs), quiet=quiet) as progress:
        try:
            for result in convert_many(
                inputs,
                out=out,
                format=format,
                table_engine=table_engine,
                password=password,
                analysis=analysis,
                phrases=phrases,
                force=force,
                **limits,
                workers=workers,
                executor=executor,
                scheduler=scheduler,
                debug=debug,
            ):
                progress.update(result)
                if debug and result.trace:  # --debug: the worker's traceback after its line
                    print(result.trace.rstrip(), file=sys.stderr)
        except OutputError as e:
            print(f"shinkyu: {e.code}: {e.message} ({e.hint})", file=sys.stderr)
            return EXIT_CANT_CREATE
        except KeyboardInterrupt:  # the batch cleaned up on its way out (outputs, pool)
            interrupted = True
    summary = summary_line(progress.summary, str(out / ERRORS_NAME))
    if interrupted:
        print(f"shinkyu: interrupted: {summary}; rerun to resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    if not quiet:
        print(summary, file=sys.stderr)
    return EXIT_FAILED if progress.summary.failure or missing else EXIT_OK


def _to_stdout(
    path: Path,
    table_engine: str,
    password: str | None,
    analysis: bool,
    phrases: bool,
    debug: bool,
    missing: int,
    limits: dict[str, Any],
) -> int:
    try:
        doc = convert(
            path,
            table_engine=table_engine,
            password=password,
            analysis=analysis,
            phrases=phrases,
            **limits,
        )
    except ShinkyuError as e:
        print(failure_line(path, e.code, e.message, e.hint), file=sys.stderr)
        if debug:
            traceback.print_exc()
        return EXIT_FAILED
    try:
        sys.stdout.write(document_to_json(doc))
        sys.stdout.flush()
    except OSError as e:  # a full device, a closed pipe
        print(f"shinkyu: {path}: output_error: stdout: {e.strerror or e}", file=sys.stderr)
        return EXIT_CANT_CREATE
    return EXIT_FAILED if missing else EXIT_OK


def review_cli(folder: Path, *, to: Path, pdf_root: Path | None = None) -> int:
    """``shinkyu review``: prints the index's path; notes (crops left out) on stderr."""
    from shinkyu.review import review

    if not folder.exists():
        print(f"shinkyu: {folder}: unreadable: no such file or folder", file=sys.stderr)
        return EXIT_NO_INPUT
    try:
        result = review(folder, to, pdf_root=pdf_root)
    except OSError as e:
        print(f"shinkyu: {to}: output_error: {e.strerror or e}", file=sys.stderr)
        return EXIT_CANT_CREATE
    for note in result.notes:
        print(f"shinkyu: {note}", file=sys.stderr)
    if not result.documents and not result.failures:
        print(f"shinkyu: {folder}: no converted documents in it", file=sys.stderr)
        return EXIT_NO_INPUT
    print(result.index)
    return EXIT_OK


def export_cli(folder: Path, *, to: Path, format: str, bom: bool = False) -> int:
    if not folder.is_dir():
        print(f"shinkyu: {folder}: no such folder", file=sys.stderr)
        return EXIT_NO_INPUT
    try:
        counts, bad = export(folder, to=to, format=format, bom=bom)
    except OSError as e:
        print(f"shinkyu: {to}: output_error: {e.strerror or e}", file=sys.stderr)
        return EXIT_CANT_CREATE
    for path, why in bad:
        print(f"shinkyu: {path}: not a shinkyu document: {why}", file=sys.stderr)
    if counts["documents"] == 0 and not bad:
        print(f"shinkyu: {folder}: no documents", file=sys.stderr)
        return EXIT_NO_INPUT
    rows = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(f"shinkyu: exported {rows} to {to}/*.{format}", file=sys.stderr)
    return EXIT_FAILED if bad else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("shinkyu: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "convert":
        return convert_cli(
            args.paths,
            from_list=args.from_list,
            out=args.out,
            format=args.format,
            workers=args.workers,
            executor=args.executor,
            scheduler=args.scheduler,
            force=args.force,
            quiet=args.quiet,
            table_engine=args.table_engine,
            password=args.password,
            analysis=not args.no_analysis,
            phrases=args.phrases,
            timeout=args.timeout,
            max_pages=args.max_pages,
            max_bytes=args.max_bytes,
            ocr=args.ocr,
            ocr_dpi=args.ocr_dpi,
            debug=args.debug,
        )
    if args.command == "export":
        return export_cli(args.folder, to=args.to, format=args.format, bom=args.bom)
    if args.command == "review":
        return review_cli(args.folder, to=args.to, pdf_root=args.pdf_root)
    if args.command == "debug":
        return debug_cli(
            args.path, page=args.page, out=args.out, scale=args.scale, password=args.password
        )
    return EXIT_USAGE  # pragma: no cover - argparse requires a command


if __name__ == "__main__":
    sys.exit(main())
