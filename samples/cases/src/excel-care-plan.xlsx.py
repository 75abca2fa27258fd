"""A 介護保険事業計画 mid-term change 新旧対照表 kept in Excel, exported by LibreOffice Calc, A4 landscape.

Producer habits: the 長寿介護課 prepares the table as a meeting handout (「資料３」 in the page
header on every page). Above the table: the merged title, a right-aligned meeting/date line and a
note 「※変更箇所は下線、新たに追加した項目は赤字で表示しています。」. Columns 区分 | 変更前 | 変更後
| 変更理由; the header row has a pale green fill and bold IPAexGothic, the whole table is IPAexGothic
with every cell vertically CENTRED (short cells float in the middle of tall rows), the 区分 cells
also centred horizontally and holding three lines (chapter / section / theme). Thin borders on all
cells, a medium line under the header. Fit to one page wide, header row repeated on each page
(print titles), footer 「&P / &N」; the eight entries run over two pages, broken by Calc.

What is tricky:
- red added paragraphs (チームオレンジ, グループホーム, 外国人介護人材), one of them also underlined;
- an entry whose 変更前 cell is completely empty (a newly added service);
- half-width figures in service-volume lines (「12,480」), full-width elsewhere, 和暦 and 2025年度;
- a 「（略）」 paragraph and a 「削除」 cell.

Run by ``samples/print_cases.py``, which sets ``OUT`` (the .xlsx path) before running this file.
"""

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

GOTHIC = "IPAexGothic"
SIZE = 10.5

TITLE = "ひばり野市高齢者福祉計画・第９期介護保険事業計画　変更新旧対照表"
MEETING = "令和７年度第２回ひばり野市介護保険運営協議会（令和７年１０月２０日）"
NOTE = "※変更箇所は下線、新たに追加した項目は赤字で表示しています。"
COLUMNS = [("label", "区分"), ("before", "変更前"), ("after", "変更後"), ("reason", "変更理由")]

# A cell is a list of paragraphs (joined by alt-enter "\n"); a paragraph is a str or a list of
# runs; a run is a str or a tuple (text, flags) with "u" = underlined, "r" = red.
# An empty list is an empty cell.
ENTRIES = [
    dict(
        label=["第３章", "１（２）", "認知症施策の推進"],
        before=[
            "①認知症サポーターの養成",
            ["　認知症に関する正しい知識と理解を持つ認知症サポーターを養成します。目標：令和８年度末までに延べ",
             ("８，５００人", "u")],
            "②認知症初期集中支援チームの活動",
            "　医療・介護の専門職によるチームが、認知症が疑われる人やその家族を訪問し、早期診断・早期対応につなげます。",
        ],
        after=[
            "①認知症サポーターの養成",
            ["　認知症に関する正しい知識と理解を持つ認知症サポーターを養成します。目標：令和８年度末までに延べ",
             ("９，２００人", "u")],
            "②認知症初期集中支援チームの活動",
            "　医療・介護の専門職によるチームが、認知症が疑われる人やその家族を訪問し、早期診断・早期対応につなげます。",
            [("③チームオレンジの整備", "r")],
            [("　認知症の人やその家族の支援ニーズと、認知症サポーターを中心とした支援者をつなぐ仕組み（チームオレンジ）を、"
              "市内３つの日常生活圏域に整備します。", "r")],
        ],
        reason=["令和６年度実績により目標値を上方修正",
                "共生社会の実現を推進するための認知症基本法（令和６年１月施行）を踏まえ追加"],
    ),
    dict(
        label=["第３章", "２（１）", "介護予防・日常生活", "支援総合事業"],
        before=[],
        after=[
            [("短期集中予防サービス（訪問型・通所型サービスＣ）", "u")],
            [("　リハビリテーション専門職等が３～６か月の短期間で集中的に関わり、生活機能の改善を図ります。", "u")],
            ["　実施か所数：令和７年度", ("２か所", "u"), "　→　令和８年度", ("４か所", "u")],
        ],
        reason=["令和７年度からの新規事業の実施に伴う追加"],
    ),
    dict(
        label=["第４章", "１（１）", "居宅サービスの見込量"],
        before=[
            "訪問介護（回／月）",
            ["　令和６年度　", ("12,480", "u"), "　令和７年度　", ("12,960", "u"), "　令和８年度　", ("13,420", "u")],
            "通所介護（回／月）",
            ["　令和６年度　", ("8,215", "u"), "　令和７年度　", ("8,430", "u"), "　令和８年度　", ("8,660", "u")],
            "短期入所生活介護（日／月）",
            "　（略）",
        ],
        after=[
            "訪問介護（回／月）",
            ["　令和６年度　", ("11,905", "u"), "　令和７年度　", ("12,240", "u"), "　令和８年度　", ("12,610", "u")],
            "通所介護（回／月）",
            ["　令和６年度　", ("8,398", "u"), "　令和７年度　", ("8,720", "u"), "　令和８年度　", ("9,050", "u")],
            "短期入所生活介護（日／月）",
            "　（略）",
        ],
        reason=["令和６年度の給付実績を踏まえた見込量の補正"],
    ),
    dict(
        label=["第４章", "３", "施設整備計画"],
        before=[
            "地域密着型介護老人福祉施設入所者生活介護（定員29人）",
            ["　", ("令和７年度", "u"), "　１か所整備（南部圏域）"],
        ],
        after=[
            "地域密着型介護老人福祉施設入所者生活介護（定員29人）",
            ["　", ("令和８年度", "u"), "　１か所整備（南部圏域）"],
            [("認知症対応型共同生活介護（２ユニット・定員18人）", "ur")],
            [("　令和８年度　１か所整備（北部圏域）", "ur")],
        ],
        reason=["事業者公募の不調による整備年度の変更",
                "認知症高齢者の増加に対応するためグループホームの整備を追加"],
    ),
    dict(
        label=["第４章", "４", "標準給付費の見込み"],
        before=[
            "（単位：千円）",
            ["　令和６年度　", ("５，８２４，３１０", "u")],
            ["　令和７年度　", ("６，０１２，８４０", "u")],
            ["　令和８年度　", ("６，２０５，１９０", "u")],
            ["　合　　計　　", ("１８，０４２，３４０", "u")],
        ],
        after=[
            "（単位：千円）",
            ["　令和６年度　", ("５，７６８，９０２", "u")],
            ["　令和７年度　", ("５，９８１，４７５", "u")],
            ["　令和８年度　", ("６，１９０，０６３", "u")],
            ["　合　　計　　", ("１７，９４０，４４０", "u")],
        ],
        reason=["サービス見込量の補正に伴う再推計",
                "（第１号被保険者の保険料基準額（月額６，２００円）に変更はない）"],
    ),
    dict(
        label=["第５章", "２", "介護人材の確保"],
        before=[
            ["　介護職員初任者研修の受講費用を助成します。（上限", ("５万円", "u"), "）"],
            "　市内の介護事業所の魅力を発信する就職説明会を年１回開催します。",
        ],
        after=[
            ["　介護職員初任者研修", ("及び実務者研修", "u"), "の受講費用を助成します。（上限",
             ("１０万円", "u"), "）"],
            ["　市内の介護事業所の魅力を発信する就職説明会を年", ("２回", "u"), "開催します。"],
            [("　外国人介護人材の受入れを行う事業所に対し、日本語学習や住居の借上げに要する費用の一部を補助します。", "r")],
        ],
        reason=["介護人材不足への対応強化（2025年度当初予算に計上）"],
    ),
    dict(
        label=["第５章", "４", "介護予防ポイント事業"],
        before=[
            "　６５歳以上の高齢者が介護施設等でボランティア活動を行った場合にポイントを付与し、"
            "年間５，０００円を上限に換金できる事業を実施します。",
        ],
        after=["削除"],
        reason=["令和６年度末で事業を終了し、", "第３章２（３）の「通いの場」支援に統合したため"],
    ),
    dict(
        label=["第６章", "２", "計画の進行管理"],
        before=[
            "　計画の進捗状況は、毎年度、ひばり野市介護保険運営協議会に報告し、評価を行います。",
        ],
        after=[
            ["　計画の進捗状況は、毎年度、ひばり野市介護保険運営協議会に報告し、評価を行います。",
             ("評価に当たっては、地域包括ケア「見える化」システムを活用し、保険者機能強化推進交付金等の評価指標の達成状況を確認します。", "u")],
        ],
        reason=["ＰＤＣＡサイクルによる進行管理の強化"],
    ),
]

WIDTHS = {"A": 17, "B": 44, "C": 44, "D": 24}
HEADER_ROW = 5

# Calc does not auto-fit the row heights of an imported .xlsx, so every row gets the explicit
# height Excel would have stored, estimated from the wrapped line count (plus a little slack).
CHARS_PER_LINE = {1: 9, 2: 27, 3: 27, 4: 14}
LINE_PT = 12.6
PAD_PT = 10


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
    if not paras:
        return None
    blocks = []
    for i, para in enumerate(paras):
        if i:
            blocks.append(TextBlock(InlineFont(rFont=GOTHIC, sz=SIZE), "\n"))
        for text, flags in para_runs(para):
            f = InlineFont(rFont=GOTHIC, sz=SIZE)
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
ws.title = "変更新旧対照表"
for col, w in WIDTHS.items():
    ws.column_dimensions[col].width = w

ws.merge_cells("A1:D1")
ws["A1"] = TITLE
ws["A1"].font = Font(name=GOTHIC, size=14, bold=True)
ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
ws.row_dimensions[1].height = 28
ws.merge_cells("A2:D2")
ws["A2"] = MEETING
ws["A2"].font = Font(name=GOTHIC, size=SIZE)
ws["A2"].alignment = Alignment(horizontal="right")
ws.merge_cells("A3:D3")
ws["A3"] = NOTE
ws["A3"].font = Font(name=GOTHIC, size=SIZE)

header_fill = PatternFill(fill_type="solid", start_color="FFE2EFDA", end_color="FFE2EFDA")
for j, (_, label) in enumerate(COLUMNS):
    c = ws.cell(row=HEADER_ROW, column=j + 1, value=label)
    c.font = Font(name=GOTHIC, size=11, bold=True)
    c.fill = header_fill
    c.alignment = Alignment(horizontal="center", vertical="center")
    c.border = Border(left=thin, right=thin, top=thin, bottom=medium)
ws.row_dimensions[HEADER_ROW].height = 24

row = HEADER_ROW + 1
for e in ENTRIES:
    cells = [(1, e["label"]), (2, e["before"]), (3, e["after"]), (4, e["reason"])]
    for col, paras in cells:
        c = ws.cell(row=row, column=col, value=rich(paras))
        c.font = Font(name=GOTHIC, size=SIZE)
        c.alignment = Alignment(wrap_text=True, vertical="center",
                                horizontal="center" if col == 1 else "left")
        c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.row_dimensions[row].height = max(est_lines(p, col) for col, p in cells) * LINE_PT + PAD_PT
    row += 1
last_row = row - 1

ws.page_setup.orientation = "landscape"
ws.page_setup.paperSize = ws.PAPERSIZE_A4
ws.page_setup.fitToWidth = 1
ws.page_setup.fitToHeight = 0
ws.sheet_properties.pageSetUpPr.fitToPage = True
ws.print_options.horizontalCentered = True
ws.page_margins.left = ws.page_margins.right = 0.5
ws.page_margins.top = 0.8
ws.page_margins.bottom = 0.6
ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
ws.print_area = f"A1:D{last_row}"
ws.oddHeader.right.text = "資料３"
ws.oddFooter.center.text = "&P / &N"

wb.save(OUT)  # noqa: F821 - set by samples/print_cases.py
