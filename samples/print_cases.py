"""Print the hand-written layout cases in ``samples/cases/src`` to PDF.

Run: ``python samples/print_cases.py [NAME ...]`` (all sources when no name is given).

The printer is told by the source's suffix, so each case keeps the producer it was written for:

- ``<name>.html``      headless Chromium (``--print-to-pdf``), as browsers and CMS exports print;
- ``<name>.lo.html``   LibreOffice Writer from HTML (``soffice --convert-to pdf``), which drops
                       CSS cell borders: the table is held together by alignment alone;
- ``<name>.docx.py``   a python-docx script that writes ``<name>.docx`` (its one argument),
                       printed by LibreOffice as a Word user's export would be;
- ``<name>.xlsx.py``   an openpyxl script that writes ``<name>.xlsx``, printed by LibreOffice
                       Calc (``apt-get install libreoffice-calc-nogui``) as an office keeping its
                       table in Excel exports it.

A source in ``src/heldout/`` prints to ``cases/heldout/<name>.pdf``. The expected cells
(``<name>.json`` beside the PDF) are written by hand from the source, never by shinkyu.
Needs ``chromium`` and ``soffice`` on PATH, python-docx for the ``.docx.py`` sources and openpyxl
for the ``.xlsx.py`` ones (``pip install -e .[samples]``).
"""

from __future__ import annotations

import runpy
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "cases" / "src"
sys.path.insert(0, str(HERE))

from make_samples import (  # noqa: E402
    find_chromium,
    find_soffice,
    print_with_chromium,
    print_with_soffice,
)


def case_name(src: Path) -> str:
    for suffix in (".docx.py", ".xlsx.py", ".lo.html", ".html"):
        if src.name.endswith(suffix):
            return src.name[: -len(suffix)]
    raise ValueError(f"{src}: not a case source (.html, .lo.html, .docx.py, .xlsx.py)")


def sources() -> list[Path]:
    suffixes = (".html", ".docx.py", ".xlsx.py")
    return sorted(p for p in SRC.rglob("*") if p.is_file() and p.name.endswith(suffixes))


def print_case(src: Path) -> Path:
    name = case_name(src)
    out_dir = HERE / "cases" / src.parent.relative_to(SRC)
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / f"{name}.pdf"
    if src.name.endswith((".lo.html", ".docx.py", ".xlsx.py")):
        exe = find_soffice()
        if exe is None:
            raise SystemExit("soffice (LibreOffice) not found on PATH")
        with tempfile.TemporaryDirectory(prefix="shinkyu-case-") as tmp:
            if src.name.endswith((".docx.py", ".xlsx.py")):
                doc = Path(tmp) / f"{name}.{src.name.split('.')[-2]}"
                runpy.run_path(str(src), run_name="__main__", init_globals={"OUT": doc})
            else:
                doc = Path(tmp) / f"{name}.html"
                shutil.copy(src, doc)
            print_with_soffice(exe, doc, pdf)
    else:
        exe = find_chromium()
        if exe is None:
            raise SystemExit("chromium not found on PATH")
        print_with_chromium(exe, src, pdf)
    return pdf


def main(argv: list[str]) -> int:
    chosen = [s for s in sources() if not argv or case_name(s) in argv]
    if argv and not chosen:
        raise SystemExit(f"no case source named {' '.join(argv)}")
    for src in chosen:
        pdf = print_case(src)
        print(f"wrote {pdf.relative_to(HERE)} ({pdf.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
