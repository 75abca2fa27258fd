"""Held-out case: a tourism plan mid-term review kept in Excel (openpyxl, printed by LibreOffice
Calc), A4 landscape, fit to one page wide.

Title in a merged cell over the table, a note line and a department/date line in row 2. Header
row (row 3, grey fill, repeated on every page as print title): 頁 | 現計画 | 新計画 | 備考. The 頁
column holds page references of the plan booklet. Changed text underlined in both columns, some
underlines running over several wrapped lines of the column, some mixing kanji and digits. Cells
hold several paragraphs (alt-enter). One logical row is typed as two Excel rows whose 頁 and 備考
cells are merged vertically; a manual page break falls between the two rows, so the merged cells
cross the page break. A newly added item has an empty 現計画 cell, a removed one reads 「（削除）」.
Vertical alignment top; thin borders, medium outer frame; footer 「&P / &N」.

Run by samples/print_cases.py with a global OUT (the .xlsx path to write).
"""
import re

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.pagebreak import Break

FONT = "IPAexMincho"
GOTHIC = "IPAexGothic"
SIZE = 10

TITLE = "第２期ひばり野市観光振興計画（中間見直し）新旧対照表"
COLUMNS = [("label", "頁"), ("before", "現計画"), ("after", "新計画"), ("reason", "備考")]

# Cell markup: [u:...] underlined, [r:...] red, [ur:...] both; "\n" = alt-enter paragraph.
# A row whose before/after are lists is typed as that many Excel rows with 頁/備考 merged.
ROWS = [
    dict(
        label="P.2",
        before="第１章　計画の策定に当たって\n３　計画の期間\n本計画の期間は、令和３年度から令和１２年度までの１０年間とします。",
        after="第１章　計画の策定に当たって\n３　計画の期間\n本計画の期間は、令和３年度から令和１２年度までの１０年間とします。\n[u:なお、計画期間の中間年に当たる令和７年度に、感染症の影響からの観光需要の回復状況や、訪日外国人旅行者の急増などの社会情勢の変化を踏まえ、中間見直しを行いました。]",
        reason="中間見直しの実施を追記",
    ),
    dict(
        label="P.8",
        before="本市の観光入込客数は、[u:令和元年に約２１４万人]となり、過去最高を記録しました。一方で、宿泊客数は[u:約１８万人]にとどまっており、日帰り客が大半を占めています。",
        after="本市の観光入込客数は、[u:令和元年に約２１４万人と過去最高を記録した後、令和２年には約９８万人まで落ち込みましたが、令和６年には約２０１万人まで回復しています]。一方で、宿泊客数は[u:約１６万３千人]にとどまっており、日帰り客が大半を占めています。",
        reason="最新の統計数値に更新",
    ),
    dict(
        label="P.15～16",
        before="第４章　基本方針\n基本方針１　地域資源を生かした魅力づくり\n基本方針２　受入環境の充実\n基本方針３　情報発信の強化",
        after="第４章　基本方針\n基本方針１　地域資源を生かした魅力づくり\n基本方針２　受入環境の充実[u:と観光ＤＸの推進]\n基本方針３　[u:データに基づく戦略的な]情報発信の強化\n[u:基本方針４　持続可能な観光地域づくり]",
        reason="基本方針４を新設\n基本方針２及び３の名称を変更",
    ),
    dict(
        label="P.21",
        before="【成果指標】\n観光入込客数　目標値（令和１２年）[u:２５０万人]\n宿泊客数　目標値（令和１２年）[u:２５万人]\n観光消費額　目標値（令和１２年）[u:１２０億円]",
        after="【成果指標】\n観光入込客数　目標値（令和１２年）[u:２３０万人]\n宿泊客数　目標値（令和１２年）[u:２２万人]\n観光消費額　目標値（令和１２年）[u:１４５億円]\n[u:観光アプリ登録者数　目標値（令和１２年）３万５千人]",
        reason="実績を踏まえ目標値を修正\n指標を追加",
    ),
    dict(
        label="P.24～25",
        before=[
            "（２）周遊観光の促進\n市内の観光施設や飲食店を結ぶ周遊バスを[u:４月から１１月までの土曜日・日曜日及び祝日に]運行し、観光客の市内周遊を促進します。",
            "また、[u:ひばり野駅前にレンタサイクルの貸出拠点を３か所]設置し、自転車による周遊を促進します。",
        ],
        after=[
            "（２）周遊観光の促進\n市内の観光施設や飲食店を結ぶ周遊バスを[u:通年で毎日]運行し、観光客の市内周遊を促進します。[u:あわせて、周遊バスと観光施設の入場券を組み合わせた１日乗車券を販売します。]",
            "また、[u:ひばり野駅前及び湖畔地区に電動アシスト付きレンタサイクルの貸出拠点を１０か所]設置し、自転車による周遊を促進します。\n[u:さらに、サイクリングロード沿いに休憩施設を整備し、2028年度までに県の広域サイクルルートとの接続を図ります。]",
        ],
        reason="周遊バスの運行期間の拡大及びレンタサイクル拠点の拡充を反映",
    ),
    dict(
        label="P.26",
        before="（４）教育旅行の誘致\n県内外の学校に対し、農業体験や湖での自然体験を組み合わせた学習プログラムを提案し、[u:年間２０校]の受入れを目指します。",
        after="（４）教育旅行の誘致\n県内外の学校に対し、農業体験や湖での自然体験を組み合わせた学習プログラムを提案し、[u:年間３５校]の受入れを目指します。",
        reason="目標値の上方修正",
    ),
    dict(
        label="P.27",
        before="",
        after="[u:（５）ワーケーションの推進]\n[u:首都圏の企業等を対象に、湖畔の宿泊施設や遊休施設を活用したワーケーションの受入れを進め、平日の宿泊需要の創出と関係人口の拡大を図ります。]\n[u:・コワーキングスペースの整備支援（令和９年度までに３施設）]",
        reason="施策の追加",
    ),
    dict(
        label="P.30",
        before="（６）観光案内所の運営\n観光協会に委託して、ひばり野駅構内で観光案内所を運営します。",
        after="（削除）",
        reason="基本方針２の（１）に統合",
    ),
    dict(
        label="P.34",
        before="第６章　計画の推進\n１　推進体制\n本計画の推進に当たっては、[u:ひばり野市観光推進協議会を中心として]、市民、事業者及び市が一体となって取り組みます。",
        after="第６章　計画の推進\n１　推進体制\n本計画の推進に当たっては、\n[u:観光地域づくり法人（ＤＭＯ）である一般社団法人ひばり野観光局を中心に]\n市民、事業者及び市が一体となって取り組みます。",
        reason="令和６年４月のＤＭＯ登録に伴う修正",
    ),
    dict(
        label="P.35",
        before="２　進行管理\n計画の進捗状況は、[u:毎年度、]ひばり野市観光振興審議会に報告し、必要に応じて施策の改善を図ります。",
        after="２　進行管理\n計画の進捗状況は、[u:成果指標の実績値とともに毎年度公表し、]ひばり野市観光振興審議会[u:の意見を聴いて、]必要に応じて施策の改善を図ります。",
        reason="進行管理の方法を具体化",
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
    per_line = width * 0.68 - 1  # full-width characters per line at 10pt
    n = 0
    for para in plain(s).split("\n"):
        w = sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in para)
        n += max(1, -(-w // per_line))
    return int(n)


def fit_height(cells):
    """cells: [(text, column width)] -> row height in points (10pt text ≈ 13.5pt per line)."""
    return max(n_lines(t, w) for t, w in cells) * 13.5 + 4


wb = Workbook()
ws = wb.active
ws.title = "新旧対照表"
thin = Side(style="thin")
med = Side(style="medium")
body_font = Font(name=FONT, size=SIZE)
top = Alignment(wrap_text=True, vertical="top")

WIDTHS = (9, 52, 52, 22)
for col, w in zip("ABCD", WIDTHS):
    ws.column_dimensions[col].width = w

ws.merge_cells("A1:D1")
ws["A1"] = TITLE
ws["A1"].font = Font(name=GOTHIC, size=14)
ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
ws.row_dimensions[1].height = 30
ws.merge_cells("A2:B2")
ws["A2"] = "※下線部が変更箇所"
ws["A2"].font = Font(name=FONT, size=SIZE)
ws["A2"].alignment = Alignment(vertical="bottom")
ws.merge_cells("C2:D2")
ws["C2"] = "令和７年１１月　産業振興部観光交流課"
ws["C2"].font = Font(name=FONT, size=SIZE)
ws["C2"].alignment = Alignment(horizontal="right", vertical="bottom")
for c in "BD":
    ws[f"{c}2"].font = Font(name=FONT, size=SIZE)

HDR = 3
for i, (_, lab) in enumerate(COLUMNS):
    c = ws.cell(row=HDR, column=i + 1, value=lab)
    c.font = Font(name=GOTHIC, size=SIZE)
    c.alignment = Alignment(horizontal="center", vertical="center")
    c.fill = PatternFill("solid", fgColor="FFD9D9D9")
ws.row_dimensions[HDR].height = 20

r = HDR + 1
split_first_row = None
for row in ROWS:
    befores = row["before"] if isinstance(row["before"], list) else [row["before"]]
    afters = row["after"] if isinstance(row["after"], list) else [row["after"]]
    n = len(befores)
    for k in range(n):
        ws.cell(row=r + k, column=2, value=rich(befores[k]))
        ws.cell(row=r + k, column=3, value=rich(afters[k]))
        cells = [(befores[k], WIDTHS[1]), (afters[k], WIDTHS[2])]
        if n == 1:
            cells += [(row["label"], WIDTHS[0]), (row["reason"], WIDTHS[3])]
        ws.row_dimensions[r + k].height = fit_height(cells)
    ws.cell(row=r, column=1, value=row["label"])
    ws.cell(row=r, column=4, value=rich(row["reason"]))
    if n > 1:
        ws.merge_cells(start_row=r, end_row=r + n - 1, start_column=1, end_column=1)
        ws.merge_cells(start_row=r, end_row=r + n - 1, start_column=4, end_column=4)
        split_first_row = r
    r += n
last = r - 1

for rr in range(HDR, last + 1):
    for cc in range(1, 5):
        cell = ws.cell(row=rr, column=cc)
        if rr > HDR:
            cell.font = body_font
            cell.alignment = top if cc != 1 else Alignment(wrap_text=True, vertical="top", horizontal="center")
        cell.border = Border(
            left=med if cc == 1 else thin,
            right=med if cc == 4 else thin,
            top=med if rr == HDR else thin,
            bottom=med if rr == last else thin,
        )

# manual page break between the two Excel rows of the split logical row
ws.row_breaks.append(Break(id=split_first_row))

ws.print_title_rows = f"{HDR}:{HDR}"
ws.print_area = f"A1:D{last}"
ws.page_setup.orientation = "landscape"
ws.page_setup.paperSize = ws.PAPERSIZE_A4
ws.page_setup.fitToWidth = 1
ws.page_setup.fitToHeight = 0
ws.sheet_properties.pageSetUpPr.fitToPage = True
ws.print_options.horizontalCentered = True
ws.page_margins.left = ws.page_margins.right = 0.6
ws.page_margins.top = 0.7
ws.page_margins.bottom = 0.7
ws.oddFooter.center.text = "&P / &N"
ws.oddFooter.center.font = FONT

wb.save(OUT)  # noqa: F821 (set by samples/print_cases.py)
