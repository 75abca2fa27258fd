"""A 総合計画 (後期基本計画) revision kept in Excel and exported to PDF by LibreOffice Calc, A4 landscape.

Producer habits: the 企画政策課 keeps its 新旧対照表 in one worksheet. Above the table: a merged
title cell, a right-aligned date / department line and a 「※下線部が見直し箇所です。」 note. The
table has four columns 該当箇所 | 現行 | 見直し後 | 理由; the label column holds the plan page and
section on two lines (「P.18」 / 「第１章 １（２）」). Thin borders on every cell, a medium outer
frame around the table, top-aligned wrapped text in IPAexMincho, header in IPAexGothic without fill.
Fit to one page wide, header row repeated on every page (print titles), page footer 「&P / &N」.

What is tricky:
- one 見直し後 cell has a paragraph that is underlined across almost the full column width and
  sits between two non-underlined lines of text, so the underline runs just above the next line;
- the 公共交通 entry is one logical row typed into two Excel rows: 該当箇所 and 理由 are merged
  vertically across both rows while 現行 / 見直し後 are separate cells, and a manual page break
  after the first of the two rows makes the merged range cross from page 1 to page 2;
- underlines mixing kanji, full-width digits and 「，」; an entry with 「（新設）」 before and a
  「削除」 after; alt-enter paragraphs and long text that only wraps.

Run by ``samples/print_cases.py``, which sets ``OUT`` (the .xlsx path) before running this file.
"""

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.pagebreak import Break

# Variants (excel-sogo-*.xlsx.py) run this file with these set: the same cells, printed otherwise.
VERTICAL = globals().get("VERTICAL", "top")  # body cells' vertical alignment
PRINT_TITLES = globals().get("PRINT_TITLES", True)  # the header row repeated on every page
PAGE_BREAK = globals().get("PAGE_BREAK", True)  # the manual break inside the split entry

MINCHO = "IPAexMincho"
GOTHIC = "IPAexGothic"
SIZE = 10

TITLE = "梓原市第６次総合計画　後期基本計画　新旧対照表"
DATE_LINE = "令和７年１１月　企画政策課"
NOTE = "※下線部が見直し箇所です。"
COLUMNS = [("label", "該当箇所"), ("before", "現行"), ("after", "見直し後"), ("reason", "理由")]

# A cell is a list of paragraphs (joined by alt-enter "\n"); a paragraph is a str or a list of
# runs; a run is a str or a tuple (text, flags) with "u" = underlined, "r" = red.
# An entry whose before/after is a tuple of two cells was typed into two Excel rows ("split").
ENTRIES = [
    dict(
        label=["P.5", "序論 ２（２）"],
        before=[
            "（２）将来人口の見通し",
            ["　本市の人口は、", ("平成２７年の国勢調査で６８，４１２人", "u"),
             "となっており、国立社会保障・人口問題研究所の推計に準拠すると、令和１２年には約",
             ("６２，０００人", "u"), "まで減少すると見込まれます。"],
        ],
        after=[
            "（２）将来人口の見通し",
            ["　本市の人口は、", ("令和２年の国勢調査で６６，９０５人", "u"),
             "となっており、国立社会保障・人口問題研究所の推計に準拠すると、令和１２年には約",
             ("６１，２００人", "u"), "まで減少すると見込まれます。"],
        ],
        reason=["令和２年国勢調査結果及び最新の将来推計人口の反映"],
    ),
    dict(
        label=["P.18", "第１章 １（２）"],
        before=[
            "②　子育て支援の充実",
            "　妊娠期から子育て期までの切れ目のない支援を行うため、子育て世代包括支援センターの機能を充実します。",
            "　また、保育需要の動向を踏まえ、待機児童の解消に努めます。",
        ],
        after=[
            "②　子育て支援の充実",
            [("　こども家庭センターで母子保健と児童福祉の相談支援を行います。", "u")],
            "　妊娠期から子育て期までの切れ目のない支援を行うため、関係機関との連携を強化します。",
            ["　また、保育需要の動向を踏まえ、", ("待機児童ゼロの継続と保育の質の向上", "u"), "に努めます。"],
        ],
        reason=["児童福祉法改正に伴うこども家庭センターの設置（令和６年４月）"],
    ),
    dict(
        label=["P.24", "第２章 ３（１）"],
        before=[
            "【成果指標】",
            "指標名：市内の防災士登録者数",
            ["現状値（", ("令和３年度", "u"), "）　", ("１２０人", "u")],
            ["目標値（令和９年度）　", ("２００人", "u")],
        ],
        after=[
            "【成果指標】",
            "指標名：市内の防災士登録者数",
            ["現状値（", ("令和６年度", "u"), "）　", ("１６８人", "u")],
            ["目標値（令和９年度）　", ("２５０人", "u")],
        ],
        reason=["資格取得助成の実績を踏まえ、目標値を上方修正"],
    ),
    dict(
        label=["P.27", "第２章 ４（２）"],
        before=[
            "（２）観光・交流の推進",
            "　梓原温泉や梓川渓谷などの観光資源を活用し、滞在型観光を推進します。",
            "【主な取組】",
            "・観光案内所の運営",
            "・観光パンフレットの作成",
        ],
        after=[
            "（２）観光・交流の推進",
            ["　梓原温泉や梓川渓谷などの観光資源を活用し、滞在型観光を推進するとともに、",
             ("インバウンド（訪日外国人旅行者）の受入環境の整備", "u"), "を進めます。"],
            "【主な取組】",
            "・観光案内所の運営",
            [("・多言語観光ウェブサイトの運営", "u")],
            ["・", ("Wi-Fi環境の整備及びキャッシュレス決済の導入支援", "u")],
        ],
        reason=["観光入込客数の回復（2024年：約85万人）及び外国人観光客の増加を踏まえ追加"],
    ),
    dict(
        label=["P.31～32", "第３章 ２（１）"],
        split=True,
        before=(
            [
                "（１）地域公共交通の確保",
                ["　市内循環バスの運行を継続するとともに、交通空白地域において",
                 ("デマンド型乗合タクシーの実証運行", "u"), "を行い、その効果を検証します。"],
                "【主な取組】",
                "・市内循環バスの運行",
                [("・デマンド型乗合タクシーの実証運行", "u")],
            ],
            [
                "・高齢者運転免許証自主返納支援事業",
                ["・", ("公共交通マップの作成・配布", "u")],
            ],
        ),
        after=(
            [
                "（１）地域公共交通の確保",
                ["　市内循環バスの運行を継続するとともに、交通空白地域において",
                 ("デマンド型乗合タクシーを本格運行し、", "u"),
                 ("地域公共交通計画に基づき、鉄道・路線バスとの乗継ぎの利便性向上", "u"), "を図ります。"],
                "【主な取組】",
                "・市内循環バスの運行",
                [("・デマンド型乗合タクシーの本格運行", "u")],
            ],
            [
                "・高齢者運転免許証自主返納支援事業",
                ["・", ("バス・タクシー共通ＩＣ乗車券の導入", "u")],
                [("・地域公共交通計画の推進及び進捗管理", "u")],
            ],
        ),
        reason=[
            "令和６年度からのデマンド型乗合タクシーの本格運行開始及び梓原市地域公共交通計画"
            "（令和６年３月策定）を踏まえ、施策の方向性を見直し",
        ],
    ),
    dict(
        label=["P.40", "第４章 １（３）"],
        before=["（新設）"],
        after=[
            "（３）行政のデジタル化の推進",
            [("　行政手続のオンライン化を進め、主な手続を令和９年度までに１２０件オンラインで完結できるようにするとともに、"
              "書かない窓口の導入により、市民の利便性向上と業務の効率化を図ります。", "u")],
        ],
        reason=["梓原市ＤＸ推進計画（令和６年度策定）との整合"],
    ),
    dict(
        label=["P.47", "第５章 ２（２）"],
        before=[
            "（２）健全な財政運営",
            ["　経常収支比率を", ("９０％以下", "u"), "に維持するとともに、市債残高を",
             ("２５０億円以下", "u"), "に抑制し、将来世代に過度な負担を残さない財政運営に努めます。"],
        ],
        after=[
            "（２）健全な財政運営",
            ["　経常収支比率を", ("９２％以下", "u"), "に維持するとともに、市債残高を",
             ("令和９年度末で２４０億円以下", "u"), "に抑制し、将来世代に過度な負担を残さない財政運営に努めます。"],
        ],
        reason=["物価高騰等による経常経費の増加を反映", "市債残高の目標年次を明確化"],
    ),
    dict(
        label=["P.52", "第５章 ３（４）"],
        before=[
            "（４）プレミアム付商品券事業",
            "　地域経済の活性化を図るため、プレミアム付商品券を発行し、市内での消費を喚起します。",
        ],
        after=["削除"],
        reason=["令和５年度で事業終了のため"],
    ),
]

WIDTHS = {"A": 12, "B": 46, "C": 46, "D": 20}
FIRST_ROW = 5  # header row; entries start below it

# Calc does not auto-fit row heights of an imported .xlsx, so (as Excel would have stored them)
# every row gets an explicit height: wrapped lines estimated from the column width.
CHARS_PER_LINE = {1: 7, 2: 31, 3: 31, 4: 13}
LINE_PT = 10.6
PAD_PT = 6


def text_width(s):
    return sum(0.5 if ord(ch) < 0x80 else 1 for ch in s)


def est_lines(paras, col):
    n = 0
    for para in paras:
        w = text_width("".join(t for t, _ in para_runs(para)))
        n += max(1, -(-int(w * 2) // (CHARS_PER_LINE[col] * 2)))
    return n


def height(*cells):
    return max(est_lines(p, col) for col, p in cells) * LINE_PT + PAD_PT


def para_runs(para):
    if isinstance(para, str):
        return [(para, "")]
    return [(r, "") if isinstance(r, str) else r for r in para]


def rich(paras, font_name=MINCHO):
    blocks = []
    for i, para in enumerate(paras):
        if i:
            blocks.append(TextBlock(InlineFont(rFont=font_name, sz=SIZE), "\n"))
        for text, flags in para_runs(para):
            f = InlineFont(rFont=font_name, sz=SIZE)
            if "u" in flags:
                f.u = "single"
            if "r" in flags:
                f.color = "FFFF0000"
            blocks.append(TextBlock(f, text))
    return CellRichText(blocks)


thin = Side(style="thin")
medium = Side(style="medium")

wb = Workbook()
ws = wb.active
ws.title = "新旧対照表"
for col, w in WIDTHS.items():
    ws.column_dimensions[col].width = w

ws.merge_cells("A1:D1")
ws["A1"] = TITLE
ws["A1"].font = Font(name=GOTHIC, size=14, bold=True)
ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
ws.row_dimensions[1].height = 26
ws.merge_cells("A2:D2")
ws["A2"] = DATE_LINE
ws["A2"].font = Font(name=MINCHO, size=SIZE)
ws["A2"].alignment = Alignment(horizontal="right")
ws.merge_cells("A3:D3")
ws["A3"] = NOTE
ws["A3"].font = Font(name=MINCHO, size=SIZE)
ws["A4"].font = Font(name=MINCHO, size=SIZE)

body_align = Alignment(wrap_text=True, vertical=VERTICAL)
for j, (_, label) in enumerate(COLUMNS):
    c = ws.cell(row=FIRST_ROW, column=j + 1, value=label)
    c.font = Font(name=GOTHIC, size=SIZE)
    c.alignment = Alignment(horizontal="center", vertical="center")
ws.row_dimensions[FIRST_ROW].height = 20

row = FIRST_ROW + 1
break_after = None
for e in ENTRIES:
    if e.get("split"):
        r0, r1 = row, row + 1
        ws.cell(row=r0, column=1, value=rich(e["label"]))
        ws.cell(row=r0, column=4, value=rich(e["reason"]))
        for k in range(2):
            ws.cell(row=r0 + k, column=2, value=rich(e["before"][k]))
            ws.cell(row=r0 + k, column=3, value=rich(e["after"][k]))
        ws.merge_cells(start_row=r0, end_row=r1, start_column=1, end_column=1)
        ws.merge_cells(start_row=r0, end_row=r1, start_column=4, end_column=4)
        for k in range(2):
            ws.row_dimensions[r0 + k].height = height((2, e["before"][k]), (3, e["after"][k]))
        break_after = r0
        row += 2
    else:
        ws.cell(row=row, column=1, value=rich(e["label"]))
        ws.cell(row=row, column=2, value=rich(e["before"]))
        ws.cell(row=row, column=3, value=rich(e["after"]))
        ws.cell(row=row, column=4, value=rich(e["reason"]))
        ws.row_dimensions[row].height = height(
            (1, e["label"]), (2, e["before"]), (3, e["after"]), (4, e["reason"]))
        row += 1
last_row = row - 1

for r in range(FIRST_ROW, last_row + 1):
    for cidx in range(1, 5):
        c = ws.cell(row=r, column=cidx)
        if r > FIRST_ROW:
            c.alignment = body_align
            c.font = Font(name=MINCHO, size=SIZE)
        c.border = Border(
            left=medium if cidx == 1 else thin,
            right=medium if cidx == 4 else thin,
            top=medium if r == FIRST_ROW else thin,
            bottom=medium if r == last_row else thin,
        )

if PAGE_BREAK:
    ws.row_breaks.append(Break(id=break_after))

ws.page_setup.orientation = "landscape"
ws.page_setup.paperSize = ws.PAPERSIZE_A4
ws.page_setup.fitToWidth = 1
ws.page_setup.fitToHeight = 0
ws.sheet_properties.pageSetUpPr.fitToPage = True
ws.print_options.horizontalCentered = True
ws.page_margins.left = ws.page_margins.right = 0.6
ws.page_margins.top = 0.7
ws.page_margins.bottom = 0.7
if PRINT_TITLES:
    ws.print_title_rows = f"{FIRST_ROW}:{FIRST_ROW}"
ws.print_area = f"A1:D{last_row}"
ws.oddFooter.center.text = "&P / &N"
ws.oddFooter.center.font = MINCHO

wb.save(OUT)  # noqa: F821 - set by samples/print_cases.py
