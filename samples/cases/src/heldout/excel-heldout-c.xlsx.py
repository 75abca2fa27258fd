"""Held-out case: a regional disaster-management plan revision kept in Excel (openpyxl, printed
by LibreOffice Calc), A4 portrait, four columns squeezed to one page wide.

Title and a 防災会議/date line above the table, a note that changes are underlined and additions
printed in red. Header row (light blue fill, repeated as print title): 箇所 | 修正後 | 修正前 |
修正理由 — the revised text left of the old one. 箇所 cells are two-line references
(「第２編第１章」 / 「第４節　１」). Text cells vertically centred, 箇所 and 修正理由 top-aligned. Additions in red, some also
underlined, some red only; a whole new section red; a section removed (「（削除）」), a cell with
「（略）」 inside. One logical row is typed as two Excel rows with 箇所 and 修正理由 merged
vertically, and a manual page break between them. Footer 「- &P -」.

Run by samples/print_cases.py with a global OUT (the .xlsx path to write).
"""
import re

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.pagebreak import Break

FONT = "IPAexGothic"
SIZE = 9

TITLE = "やまぶき市地域防災計画（令和７年度修正）新旧対照表"
COLUMNS = [("label", "箇所"), ("after", "修正後"), ("before", "修正前"), ("reason", "修正理由")]

# Cell markup: [u:...] underlined, [r:...] red, [ur:...] both; "\n" = alt-enter paragraph.
# A row whose before/after are lists is typed as that many Excel rows with 箇所/修正理由 merged.
ROWS = [
    dict(
        label="第１編第２章\n第１節　２",
        after="２　地震被害想定\n[u:令和６年３月に県が公表した]地震被害想定調査によると、本市に最も大きな被害をもたらすと想定される地震は[u:やまぶき断層帯を震源とする地震（Ｍ７．２）]であり、その被害は次のとおりである。\n・最大震度　[u:６強]\n・建物全壊棟数　[u:約３，４５０棟]\n・死者数　[u:約１２０人]\n[r:・避難者数（１日後）　約１万８千人]",
        before="２　地震被害想定\n[u:平成２６年３月に県が公表した]地震被害想定調査によると、本市に最も大きな被害をもたらすと想定される地震は[u:南部断層帯を震源とする地震（Ｍ６．９）]であり、その被害は次のとおりである。\n・最大震度　[u:６弱]\n・建物全壊棟数　[u:約１，２００棟]\n・死者数　[u:約４０人]",
        reason="県地震被害想定調査の見直し（令和６年３月）を反映",
    ),
    dict(
        label="第２編第１章\n第４節　１",
        after="１　食料・飲料水等の備蓄\n市は、[u:想定避難者数の３日分（うち１日分は市が備蓄し、残る２日分は県及び流通備蓄により確保する。）]の食料及び飲料水を備蓄する。\n[ur:また、乳幼児用液体ミルク、アレルギー対応食、生理用品、大人用おむつ等、要配慮者や女性の視点に配慮した物資の備蓄に努める。]",
        before="１　食料・飲料水等の備蓄\n市は、[u:想定避難者数の１日分]の食料及び飲料水を備蓄する。",
        reason="備蓄目標の見直し\n要配慮者等に配慮した備蓄物資を追加",
    ),
    dict(
        label="第２編第１章\n第６節　２",
        after="２　自主防災組織の育成\n市は、自主防災組織の結成を促進し、[u:令和１０年度までに組織率９５％]を目指す。\nまた、防災訓練の実施や資機材の整備に要する経費を補助するとともに、[u:地域の防災リーダーとなる防災士の資格取得に要する費用を助成する。]",
        before="２　自主防災組織の育成\n市は、自主防災組織の結成を促進し、[u:組織率の向上]を目指す。\nまた、防災訓練の実施や資機材の整備に要する経費を補助する。",
        reason="目標の明確化\n防災士資格取得助成制度の創設",
    ),
    dict(
        label="第２編第１章\n第９節　３",
        after="３　避難行動要支援者対策\n市は、避難行動要支援者名簿を作成し、本人の同意を得て、避難支援等関係者に提供する。\n[u:また、市は、福祉専門職、自主防災組織等と連携し、ハザードマップ上の危険区域に居住する者など優先度の高い者から順に、個別避難計画の作成を進める。]",
        before="３　避難行動要支援者対策\n市は、避難行動要支援者名簿を作成し、本人の同意を得て、避難支援等関係者に提供する。",
        reason="個別避難計画の作成の努力義務化に伴う追加",
    ),
    dict(
        label="第２編第２章\n第２節　３",
        after="３　避難情報の発令\n市長は、災害が発生し、又は発生するおそれがある場合は、次の区分により避難情報を発令する。\n【警戒レベル３】[u:高齢者等避難]\n【警戒レベル４】[u:避難指示]\n【警戒レベル５】[u:緊急安全確保]",
        before="３　避難情報の発令\n市長は、災害が発生し、又は発生するおそれがある場合は、次の区分により避難情報を発令する。\n【警戒レベル３】[u:避難準備・高齢者等避難開始]\n【警戒レベル４】[u:避難勧告・避難指示（緊急）]\n【警戒レベル５】[u:災害発生情報]",
        reason="災害対策基本法の改正（令和３年５月２０日施行）に伴う修正",
    ),
    dict(
        label="第２編第２章\n第５節　２",
        after=[
            "（１）避難所の開設\n市は、[u:避難指示を発令したとき、又は災害により住家を失った者が生じたときは]、指定避難所を開設する。[ur:開設に当たっては、施設の安全点検を行うとともに、発熱者等の専用スペースを確保する。]",
            "（２）避難所の運営\n避難所の運営は、[u:自主防災組織、施設管理者及び市職員で構成する避難所運営委員会]が行う。\n[r:避難所運営委員会には女性の参画を促進し、男女のニーズの違いに配慮した運営に努める。]\n[r:・ペット同行避難者の受入れスペースの確保]",
        ],
        before=[
            "（１）避難所の開設\n市は、[u:災害のため現に被害を受け、又は受けるおそれのある者を一時的に収容するため]、指定避難所を開設する。",
            "（２）避難所の運営\n避難所の運営は、[u:市職員]が行う。",
        ],
        reason="やまぶき市避難所運営マニュアルの改訂（令和７年４月）に伴う修正",
    ),
    dict(
        label="第２編第２章\n第８節",
        after="[r:第８節　被災者の生活再建支援]\n[r:１　罹災証明書の交付]\n[r:市は、住家の被害認定調査を迅速に実施し、原則として申請の日から１４日以内に罹災証明書を交付する。]\n[r:２　被災者台帳の作成]\n[r:市は、被災者の援護を総合的かつ効率的に実施するため、被災者台帳を作成する。]",
        before="",
        reason="節の新設",
    ),
    dict(
        label="第２編第２章\n第１２節",
        after="第１２節　給水計画\n（略）\n２　応急給水の目標\n市は、災害発生から[u:３日目]までは１人１日[u:３リットル]、[u:４日目から１０日目]までは１人１日[u:２０リットル]を目標として応急給水を行う。",
        before="第１２節　給水計画\n（略）\n２　応急給水の目標\n市は、災害発生から[u:７日目]までは１人１日[u:３リットル]を目標として応急給水を行う。",
        reason="上下水道局応急給水計画との整合",
    ),
    dict(
        label="第３編第１章\n第３節",
        after="（削除）",
        before="第３節　応急給水計画\n水道事業者は、断水地域の住民に対し、給水車及び応急給水栓により飲料水を供給する。",
        reason="第２編第２章第１２節に統合",
    ),
    dict(
        label="資料編\n資料２－４",
        after="指定緊急避難場所一覧（抜粋）\n東小学校　[u:想定収容人数８５０人]\n中央公民館　想定収容人数３２０人\n[r:やまぶき市総合体育館　想定収容人数１，２００人]",
        before="指定緊急避難場所一覧（抜粋）\n東小学校　[u:想定収容人数７００人]\n中央公民館　想定収容人数３２０人",
        reason="総合体育館の供用開始に伴う追加",
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
    return max(n_lines(t, w) for t, w in cells) * SIZE * 1.3 + 6


wb = Workbook()
ws = wb.active
ws.title = "対照表"
thin = Side(style="thin")
body_font = Font(name=FONT, size=SIZE)
center = Alignment(wrap_text=True, vertical="center")
top = Alignment(wrap_text=True, vertical="top")

WIDTHS = (13, 38, 38, 15)
for col, w in zip("ABCD", WIDTHS):
    ws.column_dimensions[col].width = w

ws.merge_cells("A1:D1")
ws["A1"] = TITLE
ws["A1"].font = Font(name=FONT, size=13, bold=True)
ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
ws.row_dimensions[1].height = 26
ws.merge_cells("A2:D2")
ws["A2"] = "令和７年１２月　やまぶき市防災会議"
ws["A2"].font = Font(name=FONT, size=SIZE)
ws["A2"].alignment = Alignment(horizontal="right")
ws.merge_cells("A3:D3")
ws["A3"] = "※修正箇所に下線を付し、追加箇所は赤字で示す。"
ws["A3"].font = Font(name=FONT, size=SIZE)

HDR = 4
for i, (_, lab) in enumerate(COLUMNS):
    c = ws.cell(row=HDR, column=i + 1, value=lab)
    c.font = Font(name=FONT, size=SIZE, bold=True)
    c.alignment = Alignment(horizontal="center", vertical="center")
    c.fill = PatternFill("solid", fgColor="FFDDEBF7")
ws.row_dimensions[HDR].height = 18

col_of = {role: i + 1 for i, (role, _) in enumerate(COLUMNS)}
r = HDR + 1
split_first_row = None
for row in ROWS:
    befores = row["before"] if isinstance(row["before"], list) else [row["before"]]
    afters = row["after"] if isinstance(row["after"], list) else [row["after"]]
    n = len(befores)
    for k in range(n):
        ws.cell(row=r + k, column=col_of["before"], value=rich(befores[k]))
        ws.cell(row=r + k, column=col_of["after"], value=rich(afters[k]))
        cells = [(befores[k], WIDTHS[col_of["before"] - 1]), (afters[k], WIDTHS[col_of["after"] - 1])]
        if n == 1:
            cells += [(row["label"], WIDTHS[0]), (row["reason"], WIDTHS[3])]
        ws.row_dimensions[r + k].height = fit_height(cells)
    ws.cell(row=r, column=col_of["label"], value=row["label"])
    ws.cell(row=r, column=col_of["reason"], value=rich(row["reason"]))
    if n > 1:
        for role in ("label", "reason"):
            ws.merge_cells(start_row=r, end_row=r + n - 1, start_column=col_of[role], end_column=col_of[role])
        split_first_row = r
    r += n
last = r - 1

for rr in range(HDR, last + 1):
    for cc in range(1, 5):
        cell = ws.cell(row=rr, column=cc)
        if rr > HDR:
            cell.font = body_font
            cell.alignment = top if cc in (col_of["label"], col_of["reason"]) else center
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)

ws.row_breaks.append(Break(id=split_first_row))

ws.print_title_rows = f"{HDR}:{HDR}"
ws.print_area = f"A1:D{last}"
ws.page_setup.orientation = "portrait"
ws.page_setup.paperSize = ws.PAPERSIZE_A4
ws.page_setup.fitToWidth = 1
ws.page_setup.fitToHeight = 0
ws.sheet_properties.pageSetUpPr.fitToPage = True
ws.page_margins.left = ws.page_margins.right = 0.5
ws.page_margins.top = 0.6
ws.page_margins.bottom = 0.6
ws.oddFooter.center.text = "- &P -"
ws.oddFooter.center.font = FONT

wb.save(OUT)  # noqa: F821 (set by samples/print_cases.py)
