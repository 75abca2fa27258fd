"""A 手数料条例 amendment 新旧対照表 kept in Excel and exported by LibreOffice Calc, A4 portrait.

Producer habits: the 総務課 法規担当 types the comparison into three columns 条項 | 改　正　後 |
改　正　前 (header words letter-spaced with ideographic spaces; the new text LEFT of the old, as
ordinance tables usually are) and there is NO reason column. Above the table: a small
「議案第４２号関係」 line, the merged title, and a right-aligned 「（下線部分は改正部分）」. The
header row has a double bottom border; all other borders are thin. Text is IPAexMincho, wrapped and
top-aligned; the 条項 cells are horizontally centred. Fit to one page wide, header row repeated on
each page, footer 「- &P -」. The table runs over two pages, the break falling where Calc puts it.

What is tricky:
- underlines that mix kanji and digits, both full-width (「１通につき３５０円」) and half-width in
  the 別表第２ rows (「1件につき9,400円」), underlined in both the 改正後 and 改正前 cells;
- paragraphs 「（１）～（３）　（略）」, a 「第７条　削除」 and a 「（新設）」 paragraph inside a cell;
- the 条項 cells hold two lines (「別表第１」 / 「（第２条関係）」).

Run by ``samples/print_cases.py``, which sets ``OUT`` (the .xlsx path) before running this file.
"""

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, Side

MINCHO = "IPAexMincho"
SIZE = 11

TITLE = "鷹巣野町手数料条例の一部を改正する条例　新旧対照表"
COLUMNS = [("label", "条項"), ("after", "改　正　後"), ("before", "改　正　前")]

# A cell is a list of paragraphs (joined by alt-enter "\n"); a paragraph is a str or a list of
# runs; a run is a str or a tuple (text, flags) with "u" = underlined.
ENTRIES = [
    dict(
        label=["第２条"],
        after=[
            "（手数料の徴収）",
            "第２条　町は、次の各号に掲げる事務について、当該各号に定める者から手数料を徴収する。",
            "（１）～（３）　（略）",
            ["（４）", ("個人番号カードの再交付", "u"), "　当該再交付を受ける者"],
            ["（５）", ("住民基本台帳の一部の写しの閲覧", "u"), "　当該閲覧をする者"],
        ],
        before=[
            "（手数料の徴収）",
            "第２条　町は、次の各号に掲げる事務について、当該各号に定める者から手数料を徴収する。",
            "（１）～（３）　（略）",
            ["（４）", ("通知カードの再交付", "u"), "　当該再交付を受ける者"],
            ["（５）", ("住民基本台帳の閲覧", "u"), "　当該閲覧をする者"],
        ],
    ),
    dict(
        label=["第４条"],
        after=[
            "（手数料の納付）",
            "第４条　手数料は、申請の際に徴収する。ただし、町長が特別の理由があると認めるときは、この限りでない。",
            [("２　前項の規定にかかわらず、情報通信技術を活用した行政の推進等に関する法律（平成１４年法律第１５１号）"
              "第６条第１項の規定により電子情報処理組織を使用して申請する場合は、規則で定める方法により納付することができる。", "u")],
        ],
        before=[
            "（手数料の納付）",
            "第４条　手数料は、申請の際に徴収する。ただし、町長が特別の理由があると認めるときは、この限りでない。",
            "（新設）",
        ],
    ),
    dict(
        label=["第６条"],
        after=[
            "（手数料の減免）",
            "第６条　町長は、次の各号のいずれかに該当するときは、手数料を減額し、又は免除することができる。",
            ["（１）", ("生活保護法（昭和２５年法律第１４４号）による保護を受けている者", "u"), "が申請するとき。"],
            ["（２）", ("災害その他特別の事情により手数料を納付することが困難であると町長が認める者", "u"),
             "が申請するとき。"],
            "（３）　（略）",
        ],
        before=[
            "（手数料の減免）",
            "第６条　町長は、次の各号のいずれかに該当するときは、手数料を減額し、又は免除することができる。",
            ["（１）", ("生活保護法の規定による被保護者", "u"), "が申請するとき。"],
            ["（２）", ("災害により被害を受けた者", "u"), "が申請するとき。"],
            "（３）　（略）",
        ],
    ),
    dict(
        label=["第７条"],
        after=[["第７条　", ("削除", "u")]],
        before=[
            "（手数料の還付）",
            ["第７条　", ("既に徴収した手数料は、還付しない。ただし、町長が特別の理由があると認めるときは、"
                        "その全部又は一部を還付することができる。", "u")],
        ],
    ),
    dict(
        label=["別表第１", "（第２条関係）"],
        after=[
            "１　住民票の写しの交付手数料",
            [("　１通につき３５０円", "u")],
            "２　住民票記載事項証明書の交付手数料",
            [("　１通につき３５０円", "u")],
            "３　戸籍の附票の写しの交付手数料",
            ["　１通につき", ("３５０円", "u")],
            "４～６　（略）",
            "７　印鑑登録証明書の交付手数料",
            ["　１通につき", ("３５０円", "u")],
        ],
        before=[
            "１　住民票の写しの交付手数料",
            [("　１件につき３００円", "u")],
            "２　住民票記載事項証明書の交付手数料",
            [("　１件につき３００円", "u")],
            "３　戸籍の附票の写しの交付手数料",
            ["　１通につき", ("３００円", "u")],
            "４～６　（略）",
            "７　印鑑登録証明書の交付手数料",
            ["　１通につき", ("３００円", "u")],
        ],
    ),
    dict(
        label=["別表第１", "８の項、９の項"],
        after=[
            ["８　", ("個人番号カード", "u"), "の再交付手数料"],
            ["　１枚につき", ("８００円", "u")],
            ["９　", ("住民基本台帳の一部の写しの閲覧手数料", "u")],
            [("　１件につき４５０円（１０件を超える場合は、１０件を超える部分について１件につき２２０円を加算した額）", "u")],
        ],
        before=[
            ["８　", ("通知カード", "u"), "の再交付手数料"],
            ["　１枚につき", ("５００円", "u")],
            ["９　", ("住民基本台帳の閲覧手数料", "u")],
            [("　１件につき３００円", "u")],
        ],
    ),
    dict(
        label=["別表第２", "（第２条関係）"],
        after=[
            "１　建築基準法第６条第１項の規定による確認の申請に対する審査",
            "（１）床面積の合計が30平方メートル以内のもの",
            [("　1件につき9,400円", "u")],
            "（２）床面積の合計が30平方メートルを超え、100平方メートル以内のもの",
            [("　1件につき16,000円", "u")],
            "（３）床面積の合計が100平方メートルを超え、200平方メートル以内のもの",
            ["　1件につき", ("23,000円", "u")],
            "２　建築基準法第７条第１項の規定による完了検査の申請に対する検査",
            ["　床面積の合計が30平方メートル以内のもの　1件につき", ("11,000円", "u")],
        ],
        before=[
            "１　建築基準法第６条第１項の規定による確認の申請に対する審査",
            "（１）床面積の合計が30平方メートル以内のもの",
            [("　1件につき5,000円", "u")],
            "（２）床面積の合計が30平方メートルを超え、100平方メートル以内のもの",
            [("　1件につき14,000円", "u")],
            "（３）床面積の合計が100平方メートルを超え、200平方メートル以内のもの",
            ["　1件につき", ("19,000円", "u")],
            "２　建築基準法第７条第１項の規定による完了検査の申請に対する検査",
            ["　床面積の合計が30平方メートル以内のもの　1件につき", ("10,000円", "u")],
        ],
    ),
    dict(
        label=["別表第３", "（第２条関係）"],
        after=[
            "１　犬の登録手数料",
            "　１頭につき３，０００円",
            "２　鑑札の再交付手数料",
            ["　１枚につき", ("１，６００円", "u")],
            "３　狂犬病予防注射済票の交付手数料",
            "　１枚につき５５０円",
            "４　狂犬病予防注射済票の再交付手数料",
            [("　１枚につき３４０円", "u")],
        ],
        before=[
            "１　犬の登録手数料",
            "　１頭につき３，０００円",
            "２　鑑札の再交付手数料",
            ["　１枚につき", ("１，０００円", "u")],
            "３　狂犬病予防注射済票の交付手数料",
            "　１枚につき５５０円",
            "４　狂犬病予防注射済票の再交付手数料",
            [("　１枚につき３００円", "u")],
        ],
    ),
    dict(
        label=["別表第４", "（第２条関係）"],
        after=[
            ["１　", ("税務に関する証明", "u"), "手数料"],
            ["　１件につき", ("３５０円", "u")],
            "２　（略）",
            [("３　固定資産課税台帳に登録された事項の証明（評価証明）手数料", "u")],
            [("　１件につき３５０円（同一の証明書で５筆を超える場合は、５筆を超える部分について１筆につき５０円を加算した額）", "u")],
        ],
        before=[
            ["１　", ("納税証明", "u"), "手数料"],
            ["　１件につき", ("３００円", "u")],
            "２　（略）",
            "（新設）",
        ],
    ),
]

WIDTHS = {"A": 13, "B": 35, "C": 35}
HEADER_ROW = 5

# Calc does not auto-fit the row heights of an imported .xlsx, so every row gets the explicit
# height Excel would have stored, estimated from the wrapped line count.
CHARS_PER_LINE = {1: 7, 2: 20, 3: 20}
LINE_PT = 11.8
PAD_PT = 6


def para_runs(para):
    if isinstance(para, str):
        return [(para, "")]
    return [(r, "") if isinstance(r, str) else r for r in para]


def text_width(s):
    return sum(0.5 if ord(ch) < 0x80 else 1 for ch in s)


def est_lines(paras, col):
    n = 0
    for para in paras:
        w = text_width("".join(t for t, _ in para_runs(para)))
        n += max(1, -(-int(w * 2) // (CHARS_PER_LINE[col] * 2)))
    return n


def rich(paras):
    blocks = []
    for i, para in enumerate(paras):
        if i:
            blocks.append(TextBlock(InlineFont(rFont=MINCHO, sz=SIZE), "\n"))
        for text, flags in para_runs(para):
            f = InlineFont(rFont=MINCHO, sz=SIZE)
            if "u" in flags:
                f.u = "single"
            blocks.append(TextBlock(f, text))
    return CellRichText(blocks)


thin = Side(style="thin")
double = Side(style="double")

wb = Workbook()
ws = wb.active
ws.title = "対照表"
for col, w in WIDTHS.items():
    ws.column_dimensions[col].width = w

ws["A1"] = "議案第４２号関係"
ws["A1"].font = Font(name=MINCHO, size=SIZE)
ws.merge_cells("A2:C2")
ws["A2"] = TITLE
ws["A2"].font = Font(name=MINCHO, size=13)
ws["A2"].alignment = Alignment(horizontal="center", vertical="center")
ws.row_dimensions[2].height = 24
ws.merge_cells("A3:C3")
ws["A3"] = "（下線部分は改正部分）"
ws["A3"].font = Font(name=MINCHO, size=SIZE)
ws["A3"].alignment = Alignment(horizontal="right")

for j, (_, label) in enumerate(COLUMNS):
    c = ws.cell(row=HEADER_ROW, column=j + 1, value=label)
    c.font = Font(name=MINCHO, size=SIZE)
    c.alignment = Alignment(horizontal="center", vertical="center")
    c.border = Border(left=thin, right=thin, top=thin, bottom=double)
ws.row_dimensions[HEADER_ROW].height = 21

row = HEADER_ROW + 1
for e in ENTRIES:
    cells = [(1, e["label"]), (2, e["after"]), (3, e["before"])]
    for col, paras in cells:
        c = ws.cell(row=row, column=col, value=rich(paras))
        c.font = Font(name=MINCHO, size=SIZE)
        c.alignment = Alignment(wrap_text=True, vertical="top",
                                horizontal="center" if col == 1 else "general")
        c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.row_dimensions[row].height = max(est_lines(p, col) for col, p in cells) * LINE_PT + PAD_PT
    row += 1
last_row = row - 1

ws.page_setup.orientation = "portrait"
ws.page_setup.paperSize = ws.PAPERSIZE_A4
ws.page_setup.fitToWidth = 1
ws.page_setup.fitToHeight = 0
ws.sheet_properties.pageSetUpPr.fitToPage = True
ws.print_options.horizontalCentered = True
ws.page_margins.left = ws.page_margins.right = 0.7
ws.page_margins.top = 0.75
ws.page_margins.bottom = 0.75
ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
ws.print_area = f"A1:C{last_row}"
ws.oddFooter.center.text = "- &P -"

wb.save(OUT)  # noqa: F821 - set by samples/print_cases.py
