"""Held-out case: an ordinance amendment table typed in Excel (openpyxl, printed by LibreOffice
Calc), A4 portrait, fit to one page wide.

No label column and no reason column: just 改正案 | 現行 (new text on the left, as ordinance
tables are laid out). A 議案 reference line and the title sit above the table in merged cells,
with the note 「（下線部分は改正箇所）」 right-aligned under the title. Header row repeated on every
page. Each row is one article (or a run of omitted articles, 「（略）」); article cells hold
several paragraphs (caption, article, items). Changed text underlined, mostly amounts and
numbers mixing kanji and digits (「１立方メートルにつき１９８円」, 「(3)～(8)」) and one long
underline of a rule name running over a wrapped line. A new article (empty 現行 cell) and an
article replaced by 「削除」. Font size 11, vertical alignment top, thin borders inside a medium
frame, no header fill; footer with the page number on the right.

Run by samples/print_cases.py with a global OUT (the .xlsx path to write).
"""
import re

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, Side

FONT = "IPAexMincho"
SIZE = 11

TITLE = "かやの町下水道条例の一部を改正する条例新旧対照表"
COLUMNS = [("after", "改正案"), ("before", "現行")]

# Cell markup: [u:...] underlined, [r:...] red, [ur:...] both; "\n" = alt-enter paragraph.
ROWS = [
    dict(
        after="（目的）\n第１条　（略）",
        before="（目的）\n第１条　（略）",
    ),
    dict(
        after="（定義）\n第２条　この条例において、次の各号に掲げる用語の意義は、それぞれ当該各号に定めるところによる。\n(1)　汚水　下水道法（昭和３３年法律第７９号。以下「法」という。）第２条第１号に規定する汚水をいう。\n[u:(2)　排水設備　法第１０条第１項に規定する排水設備をいう。]\n[u:(3)～(8)]　（略）",
        before="（定義）\n第２条　この条例において、次の各号に掲げる用語の意義は、それぞれ当該各号に定めるところによる。\n(1)　汚水　下水道法（昭和３３年法律第７９号。以下「法」という。）第２条第１号に規定する汚水をいう。\n[u:(2)～(7)]　（略）",
    ),
    dict(
        after="第３条から第７条まで　（略）",
        before="第３条から第７条まで　（略）",
    ),
    dict(
        after="（除害施設の設置等）\n第８条　法第１２条第１項の規定により、次に定める基準に適合しない下水を継続して排除して公共下水道を使用する者は、除害施設を設け、又は必要な措置をしなければならない。\n(1)　温度　[u:45度未満]\n(2)　水素イオン濃度　水素指数[u:5を超え9未満]\n(3)　ノルマルヘキサン抽出物質含有量　鉱油類含有量にあっては１リットルにつき５ミリグラム以下、動植物油脂類含有量にあっては１リットルにつき[u:３０ミリグラム以下]\n[u:(4)　窒素含有量　１リットルにつき２４０ミリグラム未満]",
        before="（除害施設の設置等）\n第８条　法第１２条第１項の規定により、次に定める基準に適合しない下水を継続して排除して公共下水道を使用する者は、除害施設を設け、又は必要な措置をしなければならない。\n(1)　温度　[u:40度以上]\n(2)　水素イオン濃度　水素指数[u:5以下又は9以上]\n(3)　ノルマルヘキサン抽出物質含有量　鉱油類含有量にあっては１リットルにつき５ミリグラム以下、動植物油脂類含有量にあっては１リットルにつき[u:３０ミリグラム]",
    ),
    dict(
        after="第９条及び第１０条　（略）",
        before="第９条及び第１０条　（略）",
    ),
    dict(
        after="（排水設備等の工事の実施）\n第１１条　排水設備等の新設等の工事（[u:規則で定める軽微な工事を除く。]）は、町長が[u:かやの町下水道排水設備指定工事店規則（令和８年かやの町規則第５号）第３条]の規定により指定した者（以下「指定工事店」という。）でなければ、行ってはならない。",
        before="（排水設備等の工事の実施）\n第１１条　排水設備等の新設等の工事は、町長が[u:別に定めるところにより]指定した者（以下「指定工事店」という。）でなければ、行ってはならない。",
    ),
    dict(
        after="第１２条から第１４条まで　（略）",
        before="第１２条から第１４条まで　（略）",
    ),
    dict(
        after="（使用料の徴収）\n第１５条　町は、公共下水道の使用について、使用者から使用料を徴収する。\n２　使用料は、[u:毎月]徴収する。ただし、町長が特別の理由があると認めるときは、[u:２月分を一括して]徴収することができる。",
        before="（使用料の徴収）\n第１５条　町は、公共下水道の使用について、使用者から使用料を徴収する。\n２　使用料は、[u:２月ごとに]徴収する。ただし、町長が特別の理由があると認めるときは、[u:随時]徴収することができる。",
    ),
    dict(
        after="（使用料の額）\n第１６条　使用料の額は、[u:１月]につき、次の表に定めるところにより算定した額に１００分の１１０を乗じて得た額（その額に１円未満の端数があるときは、これを切り捨てた額）とする。\n基本使用料（10立方メートルまで）　[u:１，５４０円]",
        before="（使用料の額）\n第１６条　使用料の額は、[u:２月]につき、次の表に定めるところにより算定した額に１００分の１１０を乗じて得た額（その額に１円未満の端数があるときは、これを切り捨てた額）とする。\n基本使用料（[u:20立方メートル]まで）　[u:２，８６０円]",
    ),
    dict(
        after="従量使用料\n　10立方メートルを超え20立方メートルまで　[u:１立方メートルにつき１７６円]\n　20立方メートルを超え50立方メートルまで　[u:１立方メートルにつき１９８円]\n　[u:50立方メートルを超え100立方メートルまで　１立方メートルにつき２２０円]\n　[u:100立方メートルを超えるもの　１立方メートルにつき２４２円]",
        before="従量使用料\n　[u:20立方メートルを超え40立方メートルまで　１立方メートルにつき１５４円]\n　[u:40立方メートルを超え100立方メートルまで　１立方メートルにつき１７６円]\n　[u:100立方メートルを超えるもの　１立方メートルにつき１９８円]",
    ),
    dict(
        after="第１７条　（略）",
        before="第１７条　（略）",
    ),
    dict(
        after="[u:（使用料の減免）]\n[u:第１７条の２　町長は、公益上その他特別の理由があると認めるときは、規則で定めるところにより、使用料を減額し、又は免除することができる。]",
        before="",
    ),
    dict(
        after="第１８条及び第１９条　（略）",
        before="第１８条及び第１９条　（略）",
    ),
    dict(
        after="[u:第２０条　削除]",
        before="[u:（私道排水設備の工事費の補助）]\n[u:第２０条　町長は、私道に排水設備を設置する者に対し、予算の範囲内において、その工事費の一部を補助することができる。]",
    ),
    dict(
        after="（過料）\n第２１条　町長は、次の各号のいずれかに該当する者に対し、[u:５万円]以下の過料を科することができる。\n(1)　第１１条の規定に違反して排水設備等の新設等の工事を実施した者\n(2)　偽りその他不正の手段により使用料の徴収を免れた者",
        before="（過料）\n第２１条　町長は、次の各号のいずれかに該当する者に対し、[u:３万円]以下の過料を科することができる。\n(1)　第１１条の規定に違反して排水設備等の新設等の工事を実施した者\n(2)　偽りその他不正の手段により使用料の徴収を免れた者",
    ),
    dict(
        after="第２２条から第２５条まで　（略）",
        before="第２２条から第２５条まで　（略）",
    ),
]

TOK = re.compile(r"\[(u|r|ur):(.*?)\]", re.S)


def rich(s):
    if "[" not in s:
        return s
    parts, pos = [], 0
    for m in TOK.finditer(s):
        if m.start() > pos:
            parts.append(TextBlock(InlineFont(rFont=FONT, sz=SIZE), s[pos:m.start()]))
        fl = m.group(1)
        f = InlineFont(rFont=FONT, sz=SIZE, u="single" if "u" in fl else None,
                       color="FFFF0000" if "r" in fl else None)
        parts.append(TextBlock(f, m.group(2)))
        pos = m.end()
    if pos < len(s):
        parts.append(TextBlock(InlineFont(rFont=FONT, sz=SIZE), s[pos:]))
    return CellRichText(parts)


def plain(s):
    return TOK.sub(lambda m: m.group(2), s)


def n_lines(s, width):
    """Wrapped line count of a cell's text, as Excel's row auto-fit would reckon it."""
    per_line = width * 7.0 / SIZE - 0.5  # full-width characters per line
    n = 0
    for para in plain(s).split("\n"):
        w = sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in para)
        n += max(1, -(-w // per_line))
    return int(n)


def fit_height(cells):
    return max(n_lines(t, w) for t, w in cells) * SIZE * 1.25 + 4


wb = Workbook()
ws = wb.active
ws.title = "Sheet1"
thin = Side(style="thin")
med = Side(style="medium")
body_font = Font(name=FONT, size=SIZE)

WIDTHS = (46, 46)
for col, w in zip("AB", WIDTHS):
    ws.column_dimensions[col].width = w

ws["A1"] = "議案第３８号関係資料"
ws["A1"].font = Font(name=FONT, size=SIZE)
ws.merge_cells("A2:B2")
ws["A2"] = TITLE
ws["A2"].font = Font(name=FONT, size=13, bold=True)
ws["A2"].alignment = Alignment(horizontal="center", vertical="center")
ws.row_dimensions[2].height = 28
ws["A3"].font = Font(name=FONT, size=SIZE)
ws["B1"].font = Font(name=FONT, size=SIZE)
ws["B3"] = "（下線部分は改正箇所）"
ws["B3"].font = Font(name=FONT, size=SIZE)
ws["B3"].alignment = Alignment(horizontal="right")

HDR = 4
for i, (_, lab) in enumerate(COLUMNS):
    c = ws.cell(row=HDR, column=i + 1, value=lab)
    c.font = Font(name=FONT, size=SIZE)
    c.alignment = Alignment(horizontal="center", vertical="center")
ws.row_dimensions[HDR].height = 19

r = HDR + 1
for row in ROWS:
    for i, (role, _) in enumerate(COLUMNS):
        ws.cell(row=r, column=i + 1, value=rich(row[role]))
    ws.row_dimensions[r].height = fit_height([(row[role], WIDTHS[i]) for i, (role, _) in enumerate(COLUMNS)])
    r += 1
last = r - 1

for rr in range(HDR, last + 1):
    for cc in (1, 2):
        cell = ws.cell(row=rr, column=cc)
        if rr > HDR:
            cell.font = body_font
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = Border(
            left=med if cc == 1 else thin,
            right=med if cc == 2 else thin,
            top=med if rr == HDR else thin,
            bottom=med if rr in (HDR, last) else thin,
        )

ws.print_title_rows = f"{HDR}:{HDR}"
ws.print_area = f"A1:B{last}"
ws.page_setup.orientation = "portrait"
ws.page_setup.paperSize = ws.PAPERSIZE_A4
ws.page_setup.fitToWidth = 1
ws.page_setup.fitToHeight = 0
ws.sheet_properties.pageSetUpPr.fitToPage = True
ws.page_margins.left = ws.page_margins.right = 0.7
ws.page_margins.top = 0.75
ws.page_margins.bottom = 0.75
ws.oddFooter.right.text = "&P"
ws.oddFooter.right.font = FONT

wb.save(OUT)  # noqa: F821 (set by samples/print_cases.py)
