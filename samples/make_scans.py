"""Make scanned copies of sample PDFs: what a printed, stamped and scanned-back page looks like.

Run: ``python samples/make_scans.py`` (every scan of ``SCANS``) or ``... NAME ...``.

Each page is rendered by PDFium at the scan's dpi in greyscale, turned by its skew (degrees,
counter-clockwise), given sensor noise and a slight blur, and saved as JPEG into an
image-only PDF (Pillow), so the scan has no text layer, as a copier's output has none. The
expected cells are the source's own (``<source>.json``, hand-written): a scan reads the same.
Deterministic (seeded), so a rerun writes the same images.
"""

from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "scans"


@dataclass(frozen=True)
class Scan:
    name: str
    source: str  # a case PDF under samples/ (its JSON beside it is the gold)
    dpi: int
    skew: float = 0.0  # degrees
    noise: float = 0.0  # standard deviation of the grey noise (0–255)
    quality: int = 75  # JPEG
    pages: tuple[int, ...] = ()  # 1-based; () for all


SCANS = (
    # committed, read by tests/test_ocr.py (kept small: light noise, JPEG 60)
    Scan("excel-fee-ordinance-150-skew", "cases/excel-fee-ordinance.pdf", 150, 0.7, 0, 50),
    Scan("ruling-beppyo-200-p1", "cases/ruling-beppyo.pdf", 200, 0.3, 0, 50, (1,)),
)


def scan_page(pdf: object, index: int, scan: Scan, seed: int) -> bytes:
    import numpy as np
    from PIL import Image, ImageFilter

    page = pdf[index]  # type: ignore[index]
    bitmap = page.render(scale=scan.dpi / 72.0, grayscale=True)
    image = bitmap.to_pil().convert("L")
    bitmap.close()
    page.close()
    if scan.skew:
        image = image.rotate(scan.skew, resample=Image.BICUBIC, expand=False, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(radius=scan.dpi / 300 * 0.6))
    if scan.noise:
        rng = np.random.default_rng(seed)
        pixels = np.asarray(image, dtype=np.float32)
        pixels += rng.normal(0.0, scan.noise, pixels.shape)
        image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=scan.quality, dpi=(scan.dpi, scan.dpi))
    return buf.getvalue()


def make_scan(scan: Scan) -> Path:
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(str(HERE / scan.source))
    pages = scan.pages or tuple(range(1, len(pdf) + 1))
    images = [
        Image.open(io.BytesIO(scan_page(pdf, p - 1, scan, seed=1000 * p + scan.dpi))) for p in pages
    ]
    pdf.close()
    OUT.mkdir(exist_ok=True)
    target = OUT / f"{scan.name}.pdf"
    images[0].save(
        target,
        format="PDF",
        save_all=True,
        append_images=images[1:],
        resolution=scan.dpi,
        quality=scan.quality,
    )
    return target


def write_manifest() -> None:
    manifest = [
        {
            "pdf": f"scans/{s.name}.pdf",
            "expected": str(Path(s.source).with_suffix(".json")),
            "dpi": s.dpi,
            "skew": s.skew,
            "noise": s.noise,
            "pages": list(s.pages),
        }
        for s in SCANS
    ]
    (OUT / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def main(argv: list[str]) -> int:
    chosen = [s for s in SCANS if not argv or s.name in argv]
    for scan in chosen:
        target = make_scan(scan)
        print(f"wrote {target.relative_to(HERE)} ({target.stat().st_size // 1024} KB)")
    write_manifest()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
