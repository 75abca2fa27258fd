"""A 地域防災計画 revision 新旧対照表 kept in Excel and exported by LibreOffice Calc, A4 portrait.

Producer habits: the 総務防災課 (secretariat of the 北辻町防災会議) keeps the comparison as three
columns 現計画 | 修正後 | 修正理由 with NO label column: where a change sits in the plan is told by
the 編・章・節 headings typed at the top of each 現計画 / 修正後 cell. The header is two sheet
rows: a merged 「新旧対照表」 cell spanning all three columns, and under it the role header row;
both rows have a pale blue fill and are repeated on every page (print titles ``3:4``). Above the
table: the plan title (merged, bold IPAexGothic) and a right-aligned secretariat line. Body text
IPAexMincho 10.5pt, 現計画 / 修正後 wrapped and top-aligned; the 修正理由 cells are centred
vertically. Thin borders everywhere, no outer frame. Fit to one page wide, the page number
printed top right in the page header (「&P／&N」), the secretariat line in the footer left.
Changed text is underlined (no colour). Fifteen entries on three pages; manual page breaks
after the 6th and the 11th entry.

What is tricky:
- the 修正理由 cell is MERGED vertically over two or three consecutive entries that have their
  own 現計画 / 修正後 cells (entries 3–5: 避難情報の名称; 7–9: 組織改編; 12–13: 防災基本計画).
  A reader sees the reason printed once, beside the whole group. In the gold every entry of the
  merged range carries the reason (a merged cell applies to each row it spans; they are still
  separate entries: one per sheet row). (The author first gave it to the first entry only; the
  project's convention, set before any measurement, is one reason per entry.)
- the last row of page 1 (entry 6, 修正後 cell) and of page 2 (entry 11, 現計画 cell) end with a
  paragraph whose last printed line fills the whole column width and has no closing 「。」
  (a list item / a facility name), so nothing on the page tells that the cell is finished: the
  next page begins with the repeated two-row header and a new entry, not a continuation;
- one 修正後 cell (entry 14) starts with an empty paragraph (a leading blank line pasted from
  Word); in the gold its text starts with "\\n";
- short reasons (「時点修正」「文言の整理」 …) and the 「（新設）」 before cell use shrink_to_fit
  instead of wrap; two of them are a little wider than the column and print in a smaller font
  on one line;
- full-width digits throughout, 和暦 only, one 「（新設）」 entry, underlines in both columns.

Run by ``samples/print_cases.py``, which sets ``OUT`` (the .xlsx path) before running this file.
"""

import re

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.pagebreak import Break

MINCHO = "IPAexMincho"
GOTHIC = "IPAexGothic"
PT = 10.5

TITLE = "北辻町地域防災計画（令和７年度修正）"
OFFICE = "北辻町防災会議事務局（総務防災課）"
BAND = "新旧対照表"
HEAD = ("現計画", "修正後", "修正理由")

# Cell text markup: {...} is underlined; "\n" is an alt-enter paragraph break.
# A row is (現計画, 修正後, 修正理由). 修正理由 may be:
#   a str            -> an ordinary wrapped cell,
#   ("fit", str)     -> a shrink_to_fit cell (no wrap),
#   ("merge", n, str)-> this row's reason cell is merged with the next n-1 rows' cells,
#   None             -> covered by the merge above.
# 現計画 may also be ("fit", str).
ROWS = [
    # ---- page 1 ----------------------------------------------------------------------------
    (
        "第１編　総則\n第１章　計画の方針\n第２節　計画の位置付け\n"
        "　この計画は、災害対策基本法（昭和３６年法律第２２３号）第４２条の規定に基づき、北辻町防災会議が"
        "作成する計画であり、{国の防災基本計画及び県地域防災計画}と整合を図るものとする。",
        "第１編　総則\n第１章　計画の方針\n第２節　計画の位置付け\n"
        "　この計画は、災害対策基本法（昭和３６年法律第２２３号）第４２条の規定に基づき、北辻町防災会議が"
        "作成する計画であり、{国の防災基本計画、県地域防災計画及び北辻町国土強靱化地域計画}と整合を図るものとする。",
        "北辻町国土強靱化地域計画（令和６年３月策定）との整合を図るため",
    ),
    (
        "第２章　町の概況\n第３節　社会的条件\n１　人口\n"
        "　本町の人口は、{１２，４８６人（平成２７年国勢調査）}であり、そのうち６５歳以上の高齢者が占める割合は"
        "{３４．２％}となっている。",
        "第２章　町の概況\n第３節　社会的条件\n１　人口\n"
        "　本町の人口は、{１１，９０２人（令和２年国勢調査）}であり、そのうち６５歳以上の高齢者が占める割合は"
        "{３７．５％}となっている。{また、外国人住民は２１８人（令和７年３月末現在）である。}",
        "令和２年国勢調査結果等による時点修正",
    ),
    (
        "第２編　風水害等対策編\n第２章　災害応急対策\n第４節　避難対策\n１　{避難勧告及び避難指示（緊急）}\n"
        "　町長は、災害が発生し、又は発生するおそれがある場合において、必要と認める地域の居住者等に対し、"
        "{避難勧告}を行い、急を要すると認めるときは、{避難指示（緊急）}を行うものとする。",
        "第２編　風水害等対策編\n第２章　災害応急対策\n第４節　避難対策\n１　{避難指示}\n"
        "　町長は、災害が発生し、又は発生するおそれがある場合において、必要と認める地域の居住者等に対し、"
        "{避難のための立退きを指示する}ものとする。",
        ("merge", 3,
         "災害対策基本法の改正（令和３年５月施行）により避難勧告が廃止され、避難指示に一本化されたことに伴う修正"),
    ),
    (
        "２　{避難準備・高齢者等避難開始}\n"
        "　町長は、避難行動に時間を要する者が避難を開始する必要があると認めるときは、"
        "{避難準備・高齢者等避難開始}を発令するものとする。",
        "２　{高齢者等避難}\n"
        "　町長は、避難行動に時間を要する者が避難を開始する必要があると認めるときは、"
        "{高齢者等避難}を発令するものとする。",
        None,
    ),
    (
        ("fit", "（新設）"),
        "{３　緊急安全確保}\n"
        "{　町長は、災害が発生し、又はまさに発生しようとしている場合において、避難のための立退きを行うことが"
        "かえって危険であると認めるときは、高所への移動、近傍の堅固な建物への退避その他の緊急安全確保措置を"
        "指示するものとする。}",
        None,
    ),
    (
        "第５節　{要配慮者}の避難支援\n"
        "　町は、{災害時要援護者名簿}を作成し、民生委員・児童委員、自主防災組織等の避難支援等関係者に"
        "提供するものとする。\n"
        "【名簿の記載事項】\n"
        "・氏名、生年月日、性別及び住所\n"
        "・電話番号その他の連絡先\n"
        "・避難支援等を必要とする事由",
        "第５節　{避難行動要支援者}の避難支援\n"
        "　町は、{避難行動要支援者名簿}を作成し、{本人の同意を得て、}民生委員・児童委員、自主防災組織等の"
        "避難支援等関係者に提供するものとする。\n"
        "【名簿の記載事項】\n"
        "・氏名、生年月日、性別及び住所\n"
        "・電話番号その他の連絡先\n"
        "・避難支援等を必要とする事由\n"
        "・{個別避難計画の作成の有無及び避難支援等関係者となる者の氏名又は名称並びに想定される避難先の指定避難所名}",
        "避難行動要支援者名簿の名称の整理及び個別避難計画の作成の努力義務化（令和３年）を反映",
    ),
    # ---- page 2 ----------------------------------------------------------------------------
    (
        "第３編　震災対策編\n第２章　災害応急対策\n第１節　災害対策本部\n１　本部の組織\n"
        "　本部長　　町長\n"
        "　副本部長　副町長、教育長\n"
        "　本部員　　{総務課長}、{企画財政課長}、{住民福祉課長}、建設課長、産業振興課長、消防団長",
        "第３編　震災対策編\n第２章　災害応急対策\n第１節　災害対策本部\n１　本部の組織\n"
        "　本部長　　町長\n"
        "　副本部長　副町長、教育長\n"
        "　本部員　　{総務防災課長}、{政策推進課長}、{福祉課長}、{子育て支援課長}、建設課長、産業振興課長、"
        "消防団長",
        ("merge", 3, "組織改編（令和７年４月１日）に伴う課名の修正"),
    ),
    (
        "２　各班の事務分掌\n"
        "総務班（{総務課}）\n"
        "・本部の庶務に関すること。\n"
        "・防災行政無線による広報に関すること。\n"
        "・県及び関係機関との連絡調整に関すること。",
        "２　各班の事務分掌\n"
        "総務班（{総務防災課}）\n"
        "・本部の庶務に関すること。\n"
        "・防災行政無線による広報に関すること。\n"
        "・県及び関係機関との連絡調整に関すること。",
        None,
    ),
    (
        "救護班（{住民福祉課}）\n"
        "・避難所の開設及び運営に関すること。\n"
        "・要配慮者の支援に関すること。\n"
        "・{乳幼児及び妊産婦の支援に関すること。}",
        "救護班（{福祉課}）\n"
        "・避難所の開設及び運営に関すること。\n"
        "・要配慮者の支援に関すること。\n"
        "{子育て支援班（子育て支援課）}\n"
        "・{乳幼児及び妊産婦の支援に関すること。}\n"
        "・{保育所等の児童の安否確認に関すること。}",
        None,
    ),
    (
        "第４編　共通対策編\n第１章　災害予防\n第８節　物資の備蓄\n"
        "　町は、想定避難者数の{１日分}の食料及び飲料水を備蓄するとともに、毛布、{簡易トイレ等}の"
        "生活必需品の確保に努めるものとする。",
        "第４編　共通対策編\n第１章　災害予防\n第８節　物資の備蓄\n"
        "　町は、想定避難者数の{３日分}の食料及び飲料水を備蓄するとともに、毛布、{簡易トイレ、"
        "乳児用液体ミルク、女性用衛生用品等}の生活必需品の確保に努めるものとする。\n"
        "　{備蓄品の品目及び数量は、北辻町備蓄計画に定める。}",
        "県の家庭・地域備蓄推進方針の見直し（令和６年度）を踏まえた修正",
    ),
    (
        "第９節　指定避難所等の指定\n"
        "　町は、次の施設を指定避難所として指定する。\n"
        "・北辻小学校体育館\n"
        "・南辻小学校体育館\n"
        "・{北辻中学校体育館}\n"
        "・{北辻町中央公民館、北辻町農業者トレーニングセンター及び旧西辻中学校屋内運動場並びに北辻グラウンド管理棟}",
        "第９節　指定避難所等の指定\n"
        "　町は、次の施設を指定避難所として指定する。\n"
        "・北辻小学校体育館\n"
        "・南辻小学校体育館\n"
        "・{北辻義務教育学校体育館}\n"
        "・{北辻町中央公民館及び北辻町総合体育館}\n"
        "　{なお、指定避難所の一覧は資料編に掲げる。}",
        ("fit", "時点修正"),
    ),
    # ---- page 3 ----------------------------------------------------------------------------
    (
        "第１２節　広域応援の受入れ\n"
        "　町は、大規模災害時に県及び他市町村等からの応援を円滑に受け入れるため、受援体制の整備に努める"
        "ものとする。",
        "第１２節　広域応援の受入れ\n"
        "　町は、大規模災害時に県及び他市町村等からの応援を円滑に受け入れるため、{北辻町災害時受援計画に"
        "基づき、受援窓口の設置、応援職員の執務スペースの確保等}受援体制の整備に努めるものとする。",
        ("merge", 2, "国の防災基本計画の修正（令和６年６月）を踏まえた修正"),
    ),
    (
        "第１４節　防災訓練\n"
        "　町は、毎年{９月１日の防災の日}を中心に、防災関係機関及び住民の参加を得て総合防災訓練を実施する"
        "ものとする。",
        "第１４節　防災訓練\n"
        "　町は、毎年{１回以上}、防災関係機関及び住民の参加を得て{、地区防災計画を定めた自主防災組織と連携した}"
        "総合防災訓練を実施するものとする。",
        None,
    ),
    (
        "第２章　災害応急対策\n第３節　災害情報の収集・伝達\n"
        "　町は、災害が発生したときは、速やかに被害状況を把握し、県に報告するものとする。",
        "\n第２章　災害応急対策\n第３節　災害情報の収集・伝達\n"
        "　町は、災害が発生したときは、速やかに被害状況を把握し、県に報告するものとする。"
        "{この場合において、必要に応じて無人航空機（ドローン）を活用し、道路及び河川の被害状況の把握に努める。}",
        ("fit", "災害時のドローン活用に関する協定締結"),
    ),
    (
        "第１８節　災害ボランティアの受入れ\n"
        "　{町社会福祉協議会は、}災害ボランティアセンターを設置し、ボランティアの受付及び活動の調整を"
        "行うものとする。",
        "第１８節　災害ボランティアの受入れ\n"
        "　{町は、町社会福祉協議会と連携し、}災害ボランティアセンターを設置し、ボランティアの受付及び"
        "活動の調整を行うものとする。",
        ("fit", "文言の整理"),
    ),
]
BREAK_AFTER = (6, 11)  # manual page breaks after these entries (1-based)

WIDTHS = (40, 40, 22)
# characters of full width per printed line at 10.5pt, measured on Calc's output
PER_LINE = (26, 26, 14)
LINE_H = 12.2
PAD = 7


def runs(markup):
    """[(text, underlined)] for one cell's markup; '\\n' kept inside the texts."""
    out = []
    for k, piece in enumerate(re.split(r"[{}]", markup)):
        if piece:
            out.append((piece, k % 2 == 1))
    return out


def plain(markup):
    return markup.replace("{", "").replace("}", "")


def n_lines(markup, per_line):
    total = 0
    for para in plain(markup).split("\n"):
        w = sum(1 if ord(ch) > 0xFF else 0.55 for ch in para)
        total += max(1, -(-int(w * 100) // (per_line * 100)))
    return total


def rich(markup):
    parts = []
    for text, under in runs(markup):
        f = InlineFont(rFont=MINCHO, sz=PT)
        if under:
            f.u = "single"
        parts.append(TextBlock(f, text))
    return CellRichText(parts)


wb = Workbook()
ws = wb.active
ws.title = "防災計画"
for i, w in enumerate(WIDTHS):
    ws.column_dimensions["ABC"[i]].width = w

hair = Side(style="thin")
box = Border(left=hair, right=hair, top=hair, bottom=hair)
band_fill = PatternFill("solid", fgColor="DDEBF7")

ws.merge_cells("A1:C1")
ws["A1"].value = TITLE
ws["A1"].font = Font(name=GOTHIC, size=15, bold=True)
ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
ws.row_dimensions[1].height = 30
ws.merge_cells("A2:C2")
ws["A2"].value = OFFICE
ws["A2"].font = Font(name=MINCHO, size=PT)
ws["A2"].alignment = Alignment(horizontal="right", vertical="bottom")
ws.row_dimensions[2].height = 18

ws.merge_cells("A3:C3")
ws["A3"].value = BAND
ws.row_dimensions[3].height = 19
for j, h in enumerate(HEAD):
    ws.cell(row=4, column=j + 1, value=h)
ws.row_dimensions[4].height = 19
for r in (3, 4):
    for c in (1, 2, 3):
        cell = ws.cell(row=r, column=c)
        cell.font = Font(name=GOTHIC, size=11)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.fill = band_fill
        cell.border = box

first = 5
merges = []
pending = None  # (start_row, rows_left, lines_needed)
for i, (before, after, reason) in enumerate(ROWS):
    r = first + i
    lines = []
    for c, value in ((1, before), (2, after)):
        cell = ws.cell(row=r, column=c)
        if isinstance(value, tuple):
            cell.value = value[1]
            cell.font = Font(name=MINCHO, size=PT)
            cell.alignment = Alignment(horizontal="center", vertical="top", shrink_to_fit=True)
            lines.append(1)
        else:
            cell.value = rich(value) if "{" in value else value
            cell.font = Font(name=MINCHO, size=PT)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            lines.append(n_lines(value, PER_LINE[c - 1]))
    rc = ws.cell(row=r, column=3)
    rc.font = Font(name=MINCHO, size=PT)
    if isinstance(reason, str):
        rc.value = reason
        rc.alignment = Alignment(wrap_text=True, vertical="center")
        lines.append(n_lines(reason, PER_LINE[2]))
    elif reason is not None and reason[0] == "fit":
        rc.value = reason[1]
        rc.alignment = Alignment(horizontal="center", vertical="center", shrink_to_fit=True)
    elif reason is not None and reason[0] == "merge":
        rc.value = reason[2]
        rc.alignment = Alignment(wrap_text=True, vertical="center")
        merges.append((r, r + reason[1] - 1))
    ws.row_dimensions[r].height = max(lines) * LINE_H + PAD
    for c in (1, 2, 3):
        ws.cell(row=r, column=c).border = box
last = first + len(ROWS) - 1

for r0, r1 in merges:
    ws.merge_cells(start_row=r0, end_row=r1, start_column=3, end_column=3)
    for r in range(r0, r1 + 1):
        ws.cell(row=r, column=3).border = box

for n in BREAK_AFTER:
    ws.row_breaks.append(Break(id=first + n - 1))

ws.page_setup.orientation = "portrait"
ws.page_setup.paperSize = ws.PAPERSIZE_A4
ws.page_setup.fitToWidth = 1
ws.page_setup.fitToHeight = 0
ws.sheet_properties.pageSetUpPr.fitToPage = True
ws.page_margins.left = 0.55
ws.page_margins.right = 0.55
ws.page_margins.top = 0.75
ws.page_margins.bottom = 0.7
ws.page_margins.header = 0.3
ws.page_margins.footer = 0.3
ws.print_title_rows = "3:4"
ws.print_area = f"A1:C{last}"
ws.oddHeader.right.text = "&P／&N"
ws.oddHeader.right.font = MINCHO
ws.oddHeader.right.size = 9
ws.oddFooter.left.text = OFFICE
ws.oddFooter.left.font = MINCHO
ws.oddFooter.left.size = 8

wb.save(OUT)  # noqa: F821 - set by samples/print_cases.py
