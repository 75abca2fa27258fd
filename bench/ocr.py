"""OCR benchmark: scans of the layout cases read by shinkyu's OCR reader, against the gold.

Run as ``python bench/ocr.py [--dpi 150 300] [--only NAME ...] [--no-heldout]
[--no-tesseract]``. Writes ``bench/results/ocr.json``.

Scans are made in a temporary folder by ``samples/make_scans.py``'s ``scan_page``: each page
rendered at the dpi in greyscale, turned by a skew up to 1° (fixed per case), blurred, given
sensor noise and saved as JPEG into an image-only PDF. The expected cells are the cases'
hand-written ones, so a scan is scored against what its source prints.

Engines, in the same run on the same scans and through the same pipeline (rules from the
image, rows, columns, marks), so only the engine differs:

* ``rapidocr``   shinkyu's engine (PP-OCR models in the wheel, onnxruntime, one thread);
* ``tesseract``  Debian's ``tesseract`` CLI with ``jpn`` (``OMP_THREAD_LIMIT=1``), its word
  boxes split evenly among their characters: the baseline.

Per sample and engine:

* ``entries``: entries read / expected;
* ``char_acc``: cell character accuracy, 1 − (edit distance / gold length) summed over all
  cells (label, before, after, reason), NFKC with whitespace removed; entries are compared
  in order (a missing entry scores 0 for its cells);
* ``exact_numbers``: the numbers (「7,740」, 「１２０」) and era years (「令和７年」) of the gold
  cells found verbatim in the read cell, as a share of all of them;
* ``underline_recall`` / ``underline_precision``: a gold underline is found when an
  underline read in the same cell is ≥ 0.8 similar to it (and the other way round);
* ``bag_recall``: the gold characters of the whole document found among the characters
  read into any cell, as a multiset (order and cell ignored): the engine's reading apart
  from the layout (Tesseract's character boxes often merge two printed lines, so its cells
  come out scrambled while its characters are mostly right);
* ``s_per_page``: wall clock per page with the engine loaded (one process, one thread).

Every scan is read with the default settings, as a user would: pages rendered at 300 dpi
(a 150-dpi scan read at 300 loses fewer characters than read at 150: 0.982 against 0.966
character accuracy on the fee ordinance, 0.963 against 0.912 on the 防災計画).

Held-out cases (``samples/cases/heldout``) are scanned at 300 dpi and reported as totals
only: no per-sample line, no diffs.
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "samples" / "cases"
RESULTS = ROOT / "bench" / "results" / "ocr.json"
sys.path.insert(0, str(ROOT / "samples"))

DEV = (
    "excel-fee-ordinance",
    "excel-care-plan",
    "excel-sogo-plan",
    "excel-bousai-plan",
    "ruling-beppyo",
    "ruling-outer-frame",
    "aligned-tourism-plan",
    "unruled-ordinance",
)
SIDES = ("label", "before", "after", "reason")
NUMBER = re.compile(r"(?:令和|平成|昭和)\s*(?:元|[0-9]+)\s*年|[0-9][0-9,.]*")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 1.0


@dataclass
class Score:
    entries: int = 0
    expected: int = 0
    gold_chars: int = 0
    errors: int = 0
    numbers: int = 0
    numbers_exact: int = 0
    gold_underlines: int = 0
    found_underlines: int = 0
    read_underlines: int = 0
    true_underlines: int = 0
    bag_gold: int = 0
    bag_hit: int = 0
    pages: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def add(self, o: Score) -> None:
        for k, v in vars(o).items():
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                setattr(self, k, getattr(self, k) + v)
        self.failures += o.failures

    def summary(self) -> dict[str, Any]:
        def ratio(a: float, b: float) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "entries": f"{self.entries}/{self.expected}",
            "char_acc": ratio(self.gold_chars - self.errors, self.gold_chars),
            "exact_numbers": ratio(self.numbers_exact, self.numbers),
            "underline_recall": ratio(self.found_underlines, self.gold_underlines),
            "underline_precision": ratio(self.true_underlines, self.read_underlines),
            "bag_recall": ratio(self.bag_hit, self.bag_gold),
            "s_per_page": ratio(self.seconds, self.pages),
            "pages": self.pages,
            "failures": len(self.failures),
        }


def score(doc: Any, gold: dict[str, Any]) -> Score:
    from collections import Counter

    s = Score(entries=len(doc.entries), expected=len(gold["entries"]))
    want_bag: Counter[str] = Counter()
    got_bag: Counter[str] = Counter()
    for x in gold["entries"]:
        for side in SIDES:
            ref = x.get(side)
            if ref is not None:
                want_bag.update(squeeze(ref if isinstance(ref, str) else ref["text"]))
    for e in doc.entries:
        for side in SIDES:
            cell = getattr(e, side, None)
            if cell is not None:
                got_bag.update(squeeze(cell.text))
    s.bag_gold = sum(want_bag.values())
    s.bag_hit = sum((want_bag & got_bag).values())
    for i, x in enumerate(gold["entries"]):
        e = doc.entries[i] if i < len(doc.entries) else None
        for side in SIDES:
            ref = x.get(side)
            if ref is None:
                continue
            want = squeeze(ref if isinstance(ref, str) else ref["text"])
            cell = getattr(e, side, None) if e is not None else None
            got = squeeze(cell.text) if cell is not None else ""
            s.gold_chars += len(want)
            s.errors += min(len(want), edit_distance(want, got)) if want else 0
            for m in NUMBER.finditer(
                unicodedata.normalize("NFKC", ref if isinstance(ref, str) else ref["text"])
            ):
                s.numbers += 1
                s.numbers_exact += squeeze(m.group()) in got
            if isinstance(ref, str):
                continue
            gold_u = [squeeze(u) for u in ref["underlines"]]
            read_u = [
                squeeze(m.text) for m in (cell.marks if cell else []) if m.kind == "underline"
            ]
            s.gold_underlines += len(gold_u)
            s.read_underlines += len(read_u)
            s.found_underlines += sum(any(similar(g, r) >= 0.8 for r in read_u) for g in gold_u)
            s.true_underlines += sum(any(similar(g, r) >= 0.8 for g in gold_u) for r in read_u)
    return s


# -- scans ---------------------------------------------------------------------------------


def make_scan(source: Path, dpi: int, dest: Path) -> int:
    """An image-only copy of ``source`` at ``dpi``; returns its page count."""
    import pypdfium2 as pdfium
    from make_scans import Scan, scan_page
    from PIL import Image

    skew = (zlib.crc32(source.stem.encode()) % 201 - 100) / 100  # -1.00 .. 1.00, per case
    scan = Scan(dest.stem, str(source), dpi, skew=skew, noise=6, quality=75)
    pdf = pdfium.PdfDocument(str(source))
    images = [
        Image.open(io.BytesIO(scan_page(pdf, i, scan, seed=1000 * i + dpi)))
        for i in range(len(pdf))
    ]
    pdf.close()
    images[0].save(dest, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return len(images)


# -- the Tesseract baseline ------------------------------------------------------------------


_LINE = re.compile(r"<span class='ocr_line'")
_CHAR = re.compile(
    r"<span class='ocrx_cinfo' title='x_bboxes (\d+) (\d+) (\d+) (\d+); x_conf ([\d.]+)'>"
    r"([^<]*)</span>"
)


def tesseract_glyphs(gray: Any) -> list[list[Any]]:
    """Tesseract's characters (hOCR with character boxes), line by line."""
    import html

    from PIL import Image
    from shinkyu.extract.ocr import OcrGlyph

    buf = io.BytesIO()
    Image.fromarray(gray).save(buf, format="PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # else 10x slower on 2 cores
    out = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", "jpn", "-c", "hocr_char_boxes=1", "hocr"],
        input=buf.getvalue(),
        capture_output=True,
        env=env,
        check=True,
    ).stdout.decode("utf-8", "replace")
    lines = []
    for chunk in _LINE.split(out)[1:]:
        line = [
            OcrGlyph(html.unescape(t), float(c) / 100, float(a), float(b), float(x), float(y))
            for a, b, x, y, c, t in _CHAR.findall(chunk)
            if t.strip()
        ]
        lines += _split_rows(line)
    return lines


def _split_rows(line: list[Any]) -> list[list[Any]]:
    """Tesseract's "line" may hold characters of two printed lines (table cells side by side):
    group its characters by their own vertical centre, each group left to right."""
    if not line:
        return []
    heights = sorted(g.bottom - g.top for g in line)
    tol = 0.5 * heights[len(heights) // 2]
    rows: list[list[Any]] = []
    for g in sorted(line, key=lambda g: (g.top + g.bottom) / 2):
        yc = (g.top + g.bottom) / 2
        if rows and abs(yc - sum((r.top + r.bottom) / 2 for r in rows[-1]) / len(rows[-1])) <= tol:
            rows[-1].append(g)
        else:
            rows.append([g])
    return [sorted(r, key=lambda g: g.x0) for r in rows]


# -- run -----------------------------------------------------------------------------------


def read(pdf: Path, engine: str) -> tuple[Any, float]:
    import shinkyu.extract.ocr as ocr
    from shinkyu.extract import ExtractSettings, extract_pdf

    original, vertical = ocr.ocr_glyphs, ocr.is_vertical
    if engine == "tesseract":
        # (no sideways test for the baseline: its line boxes are not reliable enough)
        ocr.ocr_glyphs = tesseract_glyphs  # type: ignore[assignment]
        ocr.is_vertical = lambda lines: False  # type: ignore[assignment]
    try:
        t0 = time.perf_counter()
        doc = extract_pdf(pdf, ExtractSettings())  # as a user reads it: rendered at 300 dpi
        return doc, time.perf_counter() - t0
    finally:
        ocr.ocr_glyphs, ocr.is_vertical = original, vertical  # type: ignore[assignment]


def samples(
    only: list[str], heldout: bool, dpis: list[int]
) -> Iterator[tuple[str, Path, int, bool]]:
    for name in only or DEV:
        for dpi in dpis:
            yield name, CASES / f"{name}.pdf", dpi, False
    if heldout and not only:
        for pdf in sorted((CASES / "heldout").glob("*.pdf")):
            yield f"heldout/{pdf.stem}", pdf, 300, True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dpi", type=int, nargs="+", default=[150, 300])
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--no-heldout", action="store_true")
    ap.add_argument("--no-tesseract", action="store_true")
    args = ap.parse_args(argv)
    engines = ["rapidocr"] + ([] if args.no_tesseract else ["tesseract"])
    from shinkyu.extract.ocr import engine_version, preload_ocr

    preload_ocr()  # the model load is not a page's time
    groups: dict[str, Score] = {}
    rows = []
    with tempfile.TemporaryDirectory(prefix="shinkyu-ocr-bench-") as tmp:
        for name, src, dpi, hidden in samples(args.only, not args.no_heldout, args.dpi):
            gold = json.loads(src.with_suffix(".json").read_text(encoding="utf-8"))
            scan = Path(tmp) / f"{src.stem}-{dpi}.pdf"
            pages = make_scan(src, dpi, scan)
            for engine in engines:
                try:
                    doc, seconds = read(scan, engine)
                    s = score(doc, gold)
                except Exception as e:
                    s = Score(expected=len(gold["entries"]))
                    seconds = 0.0
                    s.failures.append(type(e).__name__ if hidden else f"{type(e).__name__}: {e}")
                s.pages, s.seconds = pages, seconds
                group = f"{'heldout' if hidden else 'dev'}-{dpi}dpi/{engine}"
                groups.setdefault(group, Score()).add(s)
                if not hidden:
                    rows.append({"sample": name, "dpi": dpi, "engine": engine, **s.summary()})
                    print(f"{name:<24} {dpi:>3} dpi {engine:<9} {json.dumps(s.summary())}")
                    for f in s.failures:
                        print(f"    failed: {f}")
    print("\nTOTALS")
    totals = {g: s.summary() for g, s in sorted(groups.items())}
    for g, t in totals.items():
        print(f"  {g:<28} {json.dumps(t)}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "generated": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "python": platform.python_version(),
                "engines": {
                    "rapidocr": engine_version(),
                    "tesseract": _tesseract_version() if "tesseract" in engines else None,
                },
                "samples": rows,
                "totals": totals,
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"\nwritten: {RESULTS}")
    return 0


def _tesseract_version() -> str:
    out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=False)
    return (out.stdout or out.stderr).splitlines()[0] if (out.stdout or out.stderr) else "?"


if __name__ == "__main__":
    sys.exit(main())
