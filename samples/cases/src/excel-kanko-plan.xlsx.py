"""A 観光振興計画 revision 新旧対照表 kept in Excel and exported by LibreOffice Calc, A4 landscape.

Producer habits: the 観光交流課 numbers the rows. The table has TWO label-like columns left of
the before/after text: 「No.」 (a numeric cell 1, 2, 3 …, centred) and 「項目」 (the plan item,
one to three short lines, centred vertically), then 現行 | 改定後 | 備考. Above the table: the
merged title, then on one row a note (left) 「※改定箇所は赤字で表示しています。数値を更新した箇所は
下線を付しています。」 and the department / date line (right, Gregorian 「2025年10月」). The header
row has a dark grey fill with white bold IPAexGothic; the body is IPAexMincho 10pt, 現行 / 改定後 /
備考 top-aligned and wrapped. Thin inner borders, a medium frame around the table. 「資料２」 in
the page header (left), 「- &P -」 in the footer. Fit to one page wide, the header row repeated on
each page (print titles ``3:3``); NO manual page break: Calc breaks the twelve entries over two
pages wherever the rows fall (8 on page 1, 4 on page 2).

What is tricky:
- changes are shown in RED, without underline, in most rows (whole added sentences, or a few
  words inside a sentence, starting or ending mid-word: 「行<red>うとともに、…進め</red>ます」);
- underlines (no colour) on a few updated figures, in 現行 and 改定後 alike, and one figure both
  red and underlined (「330,000人泊」);
- an entry whose 現行 cell reads 「（新規）」 and whose 改定後 is all red;
- half-width figures with commas (「1,250,000人」「8,600百万円」), Gregorian years (「2027年」)
  next to one 和暦 (「令和7年4月」), half-width 「(1)」 and 「JR」「DMO」「KPI」;
- the label of an entry is the No. and the 項目 cells' texts joined by "\\n" (No. first).

Run by ``samples/print_cases.py``, which sets ``OUT`` (the .xlsx path) before running this file.
"""

import re

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

BODY = "IPAexMincho"
HEADF = "IPAexGothic"
SZ = 10
RED = "FFFF0000"

TITLE = "第２次湯ノ沢市観光振興計画　改定新旧対照表"
NOTE = "※改定箇所は赤字で表示しています。数値を更新した箇所は下線を付しています。"
DEPT = "2025年10月　湯ノ沢市産業観光部観光交流課"
HEADER = ["No.", "項目", "現行", "改定後", "備考"]
WIDTH = [6, 16, 46, 46, 22]
CHARS = [3, 10, 31, 31, 15]  # full-width characters per printed line (measured)

# Markup: <r>red</r>, <u>underlined</u>, <ru>red and underlined</ru>; "\n" = alt-enter.
TABLE = [
    ["計画期間",
     "　本計画の計画期間は、2021年度から2025年度までの5年間とします。",
     "　本計画の計画期間は、2021年度から<r>2027年度</r>までの<r>7年間</r>とします。\n"
     "<r>　なお、第6次湯ノ沢市総合計画との整合を図るため、計画期間を2年間延長しました。</r>",
     "総合計画の計画期間との整合"],
    ["数値目標\n観光入込客数",
     "観光入込客数（年間）\n"
     "基準値　1,180,000人（2019年）\n"
     "目標値　1,250,000人（2025年）",
     "観光入込客数（年間）\n"
     "基準値　1,180,000人（2019年）\n"
     "<r>現状値　1,046,000人（2024年）</r>\n"
     "目標値　1,250,000人（<r>2027年</r>）",
     "2024年観光入込客数調査の結果を追記\n目標年次の変更"],
    ["数値目標\n延べ宿泊者数",
     "延べ宿泊者数（年間）\n"
     "基準値　312,400人泊（2019年）\n"
     "目標値　<u>340,000人泊</u>（2025年）",
     "延べ宿泊者数（年間）\n"
     "基準値　312,400人泊（2019年）\n"
     "<r>現状値　287,150人泊（2024年）</r>\n"
     "目標値　<ru>330,000人泊</ru>（<r>2027年</r>）",
     "大型宿泊施設の閉館（2023年）を踏まえ目標値を見直し"],
    ["数値目標\n観光消費額",
     "観光消費額（年間）\n"
     "目標値　<u>8,600百万円</u>（2025年）",
     "観光消費額（年間）\n"
     "<r>現状値　7,940百万円（2024年）</r>\n"
     "目標値　<u>9,200百万円</u>（<r>2027年</r>）",
     "物価上昇等を反映"],
    ["数値目標\n外国人延べ\n宿泊者数",
     "（新規）",
     "<r>外国人延べ宿泊者数（年間）</r>\n"
     "<r>現状値　18,650人泊（2024年）</r>\n"
     "<r>目標値　30,000人泊（2027年）</r>",
     "インバウンド需要の回復を踏まえ指標を追加"],
    ["基本施策1\n温泉街の魅力向上",
     "(1) 温泉街の景観整備\n"
     "　湯ノ沢温泉街の街並み景観を保全するため、建物の外観修景に対する補助を行います。\n"
     "(2) 共同浴場の維持管理\n"
     "　市営共同浴場「鷺の湯」の計画的な修繕を行います。",
     "(1) 温泉街の景観整備\n"
     "　湯ノ沢温泉街の街並み景観を保全するため、建物の外観修景に対する補助を行<r>うとともに、空き店舗を活用した"
     "飲食・物販の出店を支援し、夜間も楽しめる温泉街づくりを進め</r>ます。\n"
     "(2) 共同浴場の維持管理\n"
     "　市営共同浴場「鷺の湯」の<r>改修（2026年度予定）に合わせ、バリアフリー化と多言語案内表示の整備</r>を行います。",
     "温泉街空き店舗活用事業（2024年度開始）及び鷺の湯改修計画の反映"],
    ["基本施策2\n観光推進体制の\n強化",
     "　湯ノ沢市観光協会を中心に、宿泊事業者、交通事業者等と連携した観光振興を進めます。",
     "　<r>一般社団法人湯ノ沢観光局（地域DMO）</r>を中心に、宿泊事業者、交通事業者等と連携し、"
     "<r>データに基づく観光地経営（マーケティング・KPI管理）</r>を進めます。",
     "観光協会の法人化及び観光庁の登録DMO登録（2024年3月）に伴う修正"],
    ["基本施策3\n二次交通の充実",
     "　JR湯ノ沢駅と温泉街を結ぶ周遊バスを、<u>土日祝日に1日6便</u>運行します。",
     "　JR湯ノ沢駅と温泉街を結ぶ周遊バスを、<u>毎日1日10便</u>運行<r>するとともに、シェアサイクル（電動アシスト"
     "自転車30台）を導入し、観光地間の移動の利便性を高め</r>ます。",
     "周遊バスの増便（令和7年4月）及びシェアサイクル実証実験の結果を反映"],
    ["基本施策4\n情報発信の強化",
     "　観光パンフレット（日本語・英語）を作成し、観光案内所や首都圏のアンテナショップで配布します。\n"
     "　市観光ウェブサイトのアクセス数　<u>年間250,000件</u>",
     "　観光パンフレット（日本語・英語<r>・中国語（繁体字）・韓国語</r>）を作成し、観光案内所や首都圏の"
     "アンテナショップで配布します。\n"
     "<r>　SNS（Instagram等）を活用し、季節ごとの旬の観光情報を発信します。</r>\n"
     "　市観光ウェブサイトのアクセス数　<u>年間400,000件</u>",
     "多言語対応の拡充\nSNSによる情報発信の追加"],
    ["基本施策5\n受入環境の整備",
     "　観光案内所に公衆無線LANを整備します。\n"
     "　主要観光施設の公衆無線LAN整備率　<u>60%</u>（2025年）",
     "　観光案内所<r>及び主要観光施設</r>に公衆無線LANを整備<r>するとともに、キャッシュレス決済の導入を支援</r>します。\n"
     "　主要観光施設の公衆無線LAN整備率　<u>100%</u>（<r>2027年</r>）\n"
     "<r>　キャッシュレス決済導入店舗数　150店舗（2027年）</r>",
     "2024年度末の整備率（85%）を踏まえ目標値を見直し"],
    ["基本施策6\nスポーツ\nツーリズム",
     "　湯ノ沢高原マラソン大会（参加者数約3,000人）の開催を支援します。",
     "　湯ノ沢高原マラソン大会（参加者数約<u>3,800人</u>）の開催を支援<r>するとともに、大学・実業団の合宿誘致を"
     "進め、合宿延べ宿泊者数12,000人泊（2027年）を目指</r>します。",
     "合宿誘致の取組を追加"],
    ["第5章\n計画の推進",
     "　計画の進捗状況は、毎年度、湯ノ沢市観光振興推進会議に報告し、評価を受けるものとします。",
     "　計画の進捗状況は、毎年度、湯ノ沢市観光振興推進会議に報告し、評価を受けるものとします。"
     "<r>また、評価結果は市ホームページで公表します。</r>",
     "評価結果の公表を明記"],
]

TAG = re.compile(r"<(r|u|ru)>(.*?)</\1>", re.S)


def pieces(markup):
    """[(text, red, underlined)] in order."""
    out, pos = [], 0
    for m in TAG.finditer(markup):
        if m.start() > pos:
            out.append((markup[pos:m.start()], False, False))
        out.append((m.group(2), "r" in m.group(1), "u" in m.group(1)))
        pos = m.end()
    if pos < len(markup):
        out.append((markup[pos:], False, False))
    return out


def text_of(markup):
    return "".join(t for t, _, _ in pieces(markup))


def cell_value(markup):
    ps = pieces(markup)
    if all(not r and not u for _, r, u in ps):
        return text_of(markup)
    blocks = []
    for t, r, u in ps:
        f = InlineFont(rFont=BODY, sz=SZ)
        if r:
            f.color = RED
        if u:
            f.u = "single"
        blocks.append(TextBlock(f, t))
    return CellRichText(blocks)


def lines_needed(text, chars):
    n = 0
    for para in text.split("\n"):
        w = sum(1.0 if ord(ch) > 0xFF else 0.55 for ch in para)
        n += max(1, int(-(-w // chars)))
    return n


wb = Workbook()
ws = wb.active
ws.title = "対照表"
for k, w in enumerate(WIDTH):
    ws.column_dimensions["ABCDE"[k]].width = w

ws.merge_cells("A1:E1")
t = ws["A1"]
t.value = TITLE
t.font = Font(name=HEADF, size=16, bold=True)
t.alignment = Alignment(horizontal="center", vertical="center")
ws.row_dimensions[1].height = 32
ws.merge_cells("A2:C2")
ws["A2"].value = NOTE
ws["A2"].font = Font(name=BODY, size=SZ)
ws["A2"].alignment = Alignment(horizontal="left", vertical="center")
ws.merge_cells("D2:E2")
ws["D2"].value = DEPT
ws["D2"].font = Font(name=BODY, size=SZ)
ws["D2"].alignment = Alignment(horizontal="right", vertical="center")
ws.row_dimensions[2].height = 20

thin = Side(style="thin")
thick = Side(style="medium")
dark = PatternFill("solid", fgColor="595959")
HR = 3
for k, h in enumerate(HEADER):
    c = ws.cell(row=HR, column=k + 1, value=h)
    c.font = Font(name=HEADF, size=11, bold=True, color="FFFFFFFF")
    c.fill = dark
    c.alignment = Alignment(horizontal="center", vertical="center")
ws.row_dimensions[HR].height = 22

for i, (item, before, after, note) in enumerate(TABLE):
    r = HR + 1 + i
    no = ws.cell(row=r, column=1, value=i + 1)
    no.alignment = Alignment(horizontal="center", vertical="center")
    it = ws.cell(row=r, column=2, value=item)
    it.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    for col, markup in ((3, before), (4, after), (5, note)):
        c = ws.cell(row=r, column=col, value=cell_value(markup))
        c.alignment = Alignment(vertical="top", wrap_text=True)
    for col in range(1, 6):
        ws.cell(row=r, column=col).font = Font(name=BODY, size=SZ)
    need = max(lines_needed(text_of(m), CHARS[col]) for col, m in ((1, item), (2, before), (3, after), (4, note)))
    ws.row_dimensions[r].height = need * 13.0 + 10
LAST = HR + len(TABLE)

for r in range(HR, LAST + 1):
    for col in range(1, 6):
        ws.cell(row=r, column=col).border = Border(
            left=thick if col == 1 else thin,
            right=thick if col == 5 else thin,
            top=thick if r == HR else thin,
            bottom=thick if r == LAST else thin,
        )

ps = ws.page_setup
ps.orientation = "landscape"
ps.paperSize = ws.PAPERSIZE_A4
ps.fitToWidth = 1
ps.fitToHeight = 0
ws.sheet_properties.pageSetUpPr.fitToPage = True
ws.print_options.horizontalCentered = True
ws.page_margins.left = ws.page_margins.right = 0.5
ws.page_margins.top = 0.8
ws.page_margins.bottom = 0.6
ws.print_title_rows = f"{HR}:{HR}"
ws.print_area = f"A1:E{LAST}"
ws.oddHeader.left.text = "資料２"
ws.oddHeader.left.font = HEADF
ws.oddHeader.left.size = 11
ws.oddFooter.center.text = "- &P -"
ws.oddFooter.center.font = BODY

wb.save(OUT)  # noqa: F821 - set by samples/print_cases.py
