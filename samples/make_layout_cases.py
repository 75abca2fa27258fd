"""Small PDFs for layouts that must not break the extractor (issue 5), with their ground truth.

Run: ``python samples/make_layout_cases.py`` (needs chromium; ``cmyk`` also ghostscript).
Writes ``samples/cases/<name>.pdf`` and ``samples/cases/<name>.json``. Tests only read them.

Cases:
- ``no-outer-border``: a 2-column table (改正後 | 改正前) with no outer vertical rules.
- ``header-first-page-only``: a 3-column table whose header row is printed on page 1 only;
  a row runs across the page break.
- ``rotated``: a landscape table drawn sideways on a portrait page that is shown with
  /Rotate 90 (as landscape sections of some exports come out): the text runs bottom to top
  in the page's own coordinates.
- ``cmyk``: underlines and red text with every colour converted to DeviceCMYK by Ghostscript
  (another producer, too).
- ``new-row-and-omitted``: a wholly new row (empty 変更前), cells that only say 「（略）」.
- ``word-no-markers``: a Word-style table (python-docx → LibreOffice: borders drawn at the
  page break, header row repeated) whose rows carry no location marker; one row's cells
  run across the page break mid-sentence.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "cases"
sys.path.insert(0, str(HERE))

from make_samples import find_chromium, print_with_chromium  # noqa: E402

CSS = """
@page { size: A4 %(orient)s; margin: 15mm; @bottom-center { content: "- " counter(page) " -"; } }
body { font-family: "IPAexMincho"; font-size: 10.5pt; }
table.t { border-collapse: collapse; width: 100%%; }
table.t td { border: 1px solid black; vertical-align: top; padding: 4px 6px; }
table.t td.h { text-align: center; }
table.t td:last-child { width: 18%%; }
.red { color: #ff0000; }
"""

# A cell is a list of paragraphs; a paragraph is a list of (text, style) runs,
# style one of "", "u" (underlined), "r" (red).
Run = tuple[str, str]
Para = list[Run]
Cell = list[Para]


def P(*runs: Run | str) -> Para:
    return [(r, "") if isinstance(r, str) else r for r in runs]


def cell_html(cell: Cell) -> str:
    out = []
    for para in cell:
        parts = []
        for text, style in para:
            t = html.escape(text)
            parts.append(
                f"<u>{t}</u>"
                if style == "u"
                else f'<span class="red">{t}</span>'
                if style == "r"
                else t
            )
        out.append(f"<div>{''.join(parts)}</div>")
    return "".join(out)


def cell_json(cell: Cell) -> dict[str, Any]:
    text = "\n".join("".join(t for t, _ in para) for para in cell)
    return {
        "text": text,
        "underlines": [t for para in cell for t, s in para if s == "u"],
        "colors": [t for para in cell for t, s in para if s == "r"],
    }


def document_html(
    title: str,
    headers: list[str],
    rows: list[list[Cell]],
    *,
    orient: str,
    extra_css: str = "",
    header_in_thead: bool = True,
) -> str:
    head = "".join(f'<td class="h">{html.escape(h)}</td>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell_html(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    header = f"<thead><tr>{head}</tr></thead>" if header_in_thead else f"<tr>{head}</tr>"
    return (
        f'<html><head><meta charset="utf-8"><style>{CSS % {"orient": orient}}{extra_css}</style>'
        f"</head><body><h3>{html.escape(title)}</h3>"
        f'<table class="t">{header}<tbody>{body}</tbody></table></body></html>'
    )


def articles(n: int, long_row: int | None = None) -> list[list[Cell]]:
    rows = []
    for i in range(1, n + 1):
        extra = "市長は、必要があると認めるときは、この条例の施行に関し必要な事項を定める。" * (
            40 if i == long_row else 1
        )
        before = [P(f"第{i}条　手数料の額は、別表に定めるとおりとする。"), P(extra)]
        after = [
            P(f"第{i}条　手数料の額は、", ("別表第1", "u"), "に定めるとおりとする。"),
            P(extra),
        ]
        reason = [P("文言整理" if i % 2 else "規定の整備")]
        rows.append([before, after, reason])
    return rows


CASES: dict[str, dict[str, Any]] = {
    "no-outer-border": {
        "title": "サンプル市文書管理規程の一部改正 新旧対照表",
        "headers": ["改正後", "改正前"],
        "roles": ["after", "before"],
        "orient": "portrait",
        "rows": [
            [
                [P("第1条　この規程は、", ("電子文書", "u"), "の管理に関し必要な事項を定める。")],
                [P("第1条　この規程は、文書の管理に関し必要な事項を定める。")],
            ],
            [
                [P("第2条　文書は、", ("ＩＣＴ", "u"), "を活用して保存する。")],
                [P("第2条　文書は、書庫に保存する。")],
            ],
            [
                [P("第3条　保存期間は、", ("10年", "u"), "とする。")],
                [P("第3条　保存期間は、5年とする。")],
            ],
        ],
        "css": "table.t td:first-child { border-left: none; }"
        " table.t td:last-child { border-right: none; }",
    },
    "header-first-page-only": {
        "title": "サンプル市手数料条例の一部改正 新旧対照表",
        "headers": ["変 更 前", "変 更 後", "変更理由"],
        "roles": ["before", "after", "reason"],
        "orient": "landscape",
        "rows": articles(6, long_row=4),
        "thead": False,
    },
    "cmyk": {
        "title": "サンプル市子育て支援計画 新旧対照表",
        "headers": ["変更前", "変更後", "備考"],
        "roles": ["before", "after", "reason"],
        "orient": "landscape",
        "rows": [
            [
                [P("計画書 3 ページ"), P("○子育て世帯の負担を軽減する。")],
                [
                    P("○子育て世帯の", ("経済的", "u"), "負担を軽減する。"),
                    P(("学校給食費無償化事業", "r")),
                ],
                [P("新規事業の追加")],
            ],
            [
                [P("計画書 4 ページ"), P("○相談体制を整備する。")],
                [P("○", ("オンラインによる", "u"), "相談体制を整備する。")],
                [P("文言整理")],
            ],
        ],
    },
    "rotated": {
        "title": "サンプル市手数料条例の一部改正 新旧対照表",
        "headers": ["変 更 前", "変 更 後", "変更理由"],
        "roles": ["before", "after", "reason"],
        "orient": "portrait",
        "rows": articles(3),
        # Chromium draws the rotated body with a cm matrix on the page itself.
        "css": "body { transform: rotate(-90deg) translateX(-267mm); transform-origin: 0 0;"
        " width: 267mm; }",
        "rotate": 90,
    },
    "new-row-and-omitted": {
        "title": "サンプル市公民館条例の一部改正 新旧対照表",
        "headers": ["改正後", "改正前"],
        "roles": ["after", "before"],
        "orient": "portrait",
        "rows": [
            [[P("第1条　（略）")], [P("第1条　（略）")]],
            [[P(("第1条の2　公民館の使用料は、無料とする。", "u"))], []],
            [[P("第2条　（略）")], [P("第2条　（略）")]],
        ],
    },
}


POLICY = (
    "地域の多様な主体が連携し、子どもから高齢者までが安心して暮らせるよう、"
    "地域包括ケアの仕組みを充実させるとともに、身近な相談体制を整える。"
)

WORD_CASE: dict[str, Any] = {
    "title": "サンプル市地域福祉計画 新旧対照表",
    "headers": ["変更前", "変更後", "変更理由"],
    "roles": ["before", "after", "reason"],
    "rows": [
        [
            [P("○地域で支え合う仕組みをつくる。")],
            [P("○地域で", ("共に", "u"), "支え合う仕組みをつくる。")],
            [P("文言整理")],
        ],
        [
            [P("○" + POLICY * 24)],
            [P("○" + POLICY * 23 + "デジタル技術も活用して", ("相談体制を強化する。", "u"))],
            [P("国の計画改定に伴う修正")],
        ],
        [[P("○見守り活動を推進する。")], [P("○見守り活動を推進する。")], [P("変更なし")]],
    ],
}


def build_word_docx(case: dict[str, Any], out: Path) -> None:
    """A Word-like table: A4 landscape, repeated header row, rows split across pages."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    d = Document()
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Mm(15))
    style = d.styles["Normal"]
    style.font.name = "IPAexMincho"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "IPAexMincho")
    d.add_paragraph(case["title"])
    table = d.add_table(rows=1, cols=len(case["headers"]))
    table.style = d.styles["Table Grid"]
    head = table.rows[0]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    head._tr.get_or_add_trPr().append(flag)
    for k, label in enumerate(case["headers"]):
        head.cells[k].paragraphs[0].add_run(label)
    for row in case["rows"]:
        cells = table.add_row().cells
        for k, cell in enumerate(row):
            for n, para in enumerate(cell):
                p = cells[k].paragraphs[0] if n == 0 else cells[k].add_paragraph()
                for text, st in para:
                    run = p.add_run(text)
                    run.underline = st == "u"
                    if st == "r":
                        run.font.color.rgb = RGBColor(0xFF, 0, 0)
    d.save(str(out))


def expected(case: dict[str, Any]) -> dict[str, Any]:
    entries = []
    for row in case["rows"]:
        entry = {role: cell_json(cell) for role, cell in zip(case["roles"], row, strict=True)}
        entries.append(entry)
    return {
        "title": case["title"],
        "columns": [
            {"role": r, "label": h.replace(" ", "")}
            for r, h in zip(case["roles"], case["headers"], strict=True)
        ],
        "entries": entries,
    }


def set_rotation(path: Path, degrees: int) -> None:
    """Set /Rotate on every page (the content stays as drawn)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    for i in range(len(pdf)):
        pdf[i].set_rotation(degrees)
    tmp = path.with_suffix(".tmp.pdf")
    pdf.save(str(tmp))
    pdf.close()
    tmp.replace(path)


def to_cmyk(src: Path, dst: Path) -> None:
    gs = shutil.which("gs")
    if gs is None:
        raise SystemExit("ghostscript (gs) is needed for the cmyk case")
    subprocess.run(
        [
            gs,
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-dSAFER",
            "-sDEVICE=pdfwrite",
            "-sColorConversionStrategy=CMYK",
            "-dProcessColorModel=/DeviceCMYK",
            f"-sOutputFile={dst}",
            str(src),
        ],
        check=True,
    )


def main() -> int:
    exe = find_chromium()
    if exe is None:
        print("SKIP: chromium not found on PATH")
        return 0
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="shinkyu-cases-") as tmp:
        for name, case in CASES.items():
            src = Path(tmp) / f"{name}.html"
            src.write_text(
                document_html(
                    case["title"],
                    case["headers"],
                    case["rows"],
                    orient=case["orient"],
                    extra_css=case.get("css", ""),
                    header_in_thead=case.get("thead", True),
                ),
                encoding="utf-8",
            )
            pdf = OUT / f"{name}.pdf"
            if name == "cmyk":
                rgb = Path(tmp) / "rgb.pdf"
                print_with_chromium(exe, src, rgb)
                to_cmyk(rgb, pdf)
            else:
                print_with_chromium(exe, src, pdf)
            if case.get("rotate"):
                set_rotation(pdf, case["rotate"])
            data = json.dumps(expected(case), ensure_ascii=False, indent=1) + "\n"
            (OUT / f"{name}.json").write_text(data, encoding="utf-8")
            print(f"wrote {pdf.relative_to(HERE)} ({pdf.stat().st_size // 1024} KB)")
        soffice = shutil.which("soffice")
        if soffice is None:
            print("SKIP word-no-markers: soffice not found")
        else:
            docx = Path(tmp) / "word-no-markers.docx"
            build_word_docx(WORD_CASE, docx)
            subprocess.run(
                [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(OUT), str(docx)],
                check=True,
                capture_output=True,
            )
            data = json.dumps(expected(WORD_CASE), ensure_ascii=False, indent=1) + "\n"
            (OUT / "word-no-markers.json").write_text(data, encoding="utf-8")
            print("wrote cases/word-no-markers.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
