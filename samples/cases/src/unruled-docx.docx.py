"""A plan revision written in Word (python-docx, printed by LibreOffice), A4 portrait.

Cover page, contents page (whose lines mention 新旧対照表 with page numbers), then on page 3 an
overview section and the comparison table starting mid-page under a heading and the preamble
「下線部分は変更箇所を示す。」. Columns 現行 | 改正案 | 備考; no table borders at all except a bottom
border under the header cells (w:tcBorders); rows carry no location markers and are told apart
only by an empty paragraph at the end of each cell. After the table, a 参考資料 section.

Run by ``samples/print_cases.py``, which sets ``OUT`` (the .docx path) before running this file.
"""

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "IPAexMincho"
GOTHIC = "IPAexGothic"
TITLE = "第２次白峰町環境基本計画　新旧対照表"

# One row = (現行 paragraphs, 改正案 paragraphs, 備考 paragraphs); a paragraph is a list of
# (text, underlined) runs.
ROWS = [
    (
        [[("本計画の期間は、令和３年度から令和１２年度までの１０年間とします。なお、社会情勢の変化等に応じて、必要な見直しを行います。", False)]],
        [[("本計画の期間は、令和３年度から令和１２年度までの１０年間とします。なお、", False),
          ("計画期間の中間年である令和７年度に中間見直しを行ったほか、", True),
          ("社会情勢の変化等に応じて、必要な見直しを行います。", False)]],
        [[("中間見直しの実施を反映", False)]],
    ),
    (
        [[("町域から排出される温室効果ガスを、令和１２年度までに平成２５年度比で", False), ("２６％", True), ("削減することを目標とします。", False)],
         [("また、", False), ("２０５０年までに温室効果ガス排出量の８０％削減", True), ("を目指します。", False)]],
        [[("町域から排出される温室効果ガスを、令和１２年度までに平成２５年度比で", False), ("４６％", True), ("削減することを目標とします。", False)],
         [("また、", False), ("２０５０年までに温室効果ガス排出量の実質ゼロ（ゼロカーボンシティ）", True), ("を目指します。", False)]],
        [[("国の地球温暖化対策計画の改定（令和３年１０月）及びゼロカーボンシティ宣言（令和４年２月）に伴う目標の見直し", False)]],
    ),
    (
        [[("住宅用太陽光発電システムの設置に対する補助を行い、再生可能エネルギーの導入を促進します。", False)]],
        [[("住宅用太陽光発電システム", False), ("及び定置用蓄電池", True), ("の設置に対する補助を行い、再生可能エネルギーの導入を促進します。", False)],
         [("また、公共施設の屋根や未利用地を活用した太陽光発電設備の導入を計画的に進めるとともに、地域新電力会社の設立について検討します。", True)]],
        [[("施策の追加", False)]],
    ),
    (
        [[("町民１人１日当たりのごみ排出量を、令和１２年度までに", False), ("８５０ｇ", True), ("以下とすることを目指します。", False)],
         [("生ごみの水切りや資源物の分別を徹底し、ごみの減量化と資源化を推進します。", False)]],
        [[("町民１人１日当たりのごみ排出量を、令和１２年度までに", False), ("８００ｇ", True), ("以下とすることを目指します。", False)],
         [("生ごみの水切りや資源物の分別", False), ("、プラスチック使用製品廃棄物の分別収集", True), ("を徹底し、ごみの減量化と資源化を推進します。", False)]],
        [[("実績を踏まえた目標の上方修正", False)],
         [("プラスチック資源循環促進法の施行に伴う追加", False)]],
    ),
    (
        [[("町内の里山や湿地に生息・生育する希少な動植物の保全に努めるとともに、外来生物の侵入や拡散の防止に向けた啓発を行います。", False)]],
        [[("町内の里山や湿地に生息・生育する希少な動植物の保全に努めるとともに、外来生物の侵入や拡散の防止に向けた啓発を行います。", False)],
         [("また、令和１２年までに陸と海の３０％以上を保全する「３０ｂｙ３０」目標の達成に貢献するため、町内の企業や団体による自然共生サイトの認定取得を支援します。", True)]],
        [[("生物多様性国家戦略２０２３－２０３０の策定に伴う追加", False)]],
    ),
    (
        [[("本計画の進捗状況は、毎年度、白峰町環境審議会に報告し、", False), ("その意見を踏まえて", True), ("施策の改善を図ります。", False)]],
        [[("本計画の進捗状況は、毎年度、白峰町環境審議会に報告し、", False),
          ("環境報告書として町ホームページで公表するとともに、審議会及び町民の意見を踏まえて", True),
          ("施策の改善を図ります。", False)]],
        [[("進行管理の明確化", False)]],
    ),
]

d = Document()
sec = d.sections[0]
sec.orientation = WD_ORIENT.PORTRAIT
sec.page_width, sec.page_height = Mm(210), Mm(297)
sec.left_margin = sec.right_margin = Mm(25)
sec.top_margin, sec.bottom_margin = Mm(25), Mm(22)
sec.footer_distance = Mm(10)

normal = d.styles["Normal"]
normal.font.name = FONT
normal.font.size = Pt(10.5)
rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
    rfonts.set(qn(attr), FONT)
normal.paragraph_format.space_before = Pt(0)
normal.paragraph_format.space_after = Pt(0)
normal.paragraph_format.line_spacing = 1.2

CENTER = WD_ALIGN_PARAGRAPH.CENTER


def gothic(run, size=None):
    run.font.name = GOTHIC
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), GOTHIC)
    if size:
        run.font.size = Pt(size)
    return run


def page_break():
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# footer: page number on every page but the cover
sec.different_first_page_header_footer = True
fp = sec.footer.paragraphs[0]
fp.alignment = CENTER
fp.add_run("－ ")
fld = OxmlElement("w:fldSimple")
fld.set(qn("w:instr"), "PAGE")
r = OxmlElement("w:r")
t = OxmlElement("w:t")
t.text = "1"
r.append(t)
fld.append(r)
fp._p.append(fld)
fp.add_run(" －")

# --- page 1: cover -------------------------------------------------------------------------
for _ in range(8):
    d.add_paragraph()
p = d.add_paragraph()
p.alignment = CENTER
gothic(p.add_run("第２次白峰町環境基本計画"), 22)
p = d.add_paragraph()
p.alignment = CENTER
p.paragraph_format.space_before = Pt(12)
gothic(p.add_run("中間見直し"), 16)
for _ in range(14):
    d.add_paragraph()
p = d.add_paragraph()
p.alignment = CENTER
p.add_run("令和７年３月").font.size = Pt(14)
p = d.add_paragraph()
p.alignment = CENTER
p.paragraph_format.space_before = Pt(6)
p.add_run("白　峰　町").font.size = Pt(14)
page_break()

# --- page 2: contents ----------------------------------------------------------------------
p = d.add_paragraph()
p.alignment = CENTER
p.paragraph_format.space_after = Pt(18)
gothic(p.add_run("目　　次"), 14)
for label, page in (
    ("中間見直しの概要", "３"),
    (TITLE, "３"),
    ("参考資料（見直しの経過）", "４"),
):
    p = d.add_paragraph()
    p.paragraph_format.space_after = Pt(8)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(160), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    p.add_run(f"{label}\t{page}")
p = d.add_paragraph()
p.paragraph_format.space_before = Pt(12)
p.add_run("※新旧対照表は、見直しを行った箇所のみを掲載しています。")
page_break()

# --- page 3: overview, then the table mid-page -----------------------------------------------
p = d.add_paragraph()
p.paragraph_format.space_after = Pt(6)
gothic(p.add_run("中間見直しの概要"), 12)
for text in (
    "　本町では、令和３年３月に「第２次白峰町環境基本計画」を策定し、「水と緑が輝き、未来へつなぐまち　しらみね」を環境像として、環境の保全と創造に関する施策を総合的かつ計画的に推進してきました。",
    "　この間、国においては、２０５０年カーボンニュートラルの実現に向けた温室効果ガス削減目標の引上げや、プラスチック資源循環促進法の施行、生物多様性国家戦略２０２３－２０３０の策定など、環境を取り巻く状況は大きく変化しています。",
    "　こうした状況を踏まえ、計画期間の中間年に当たる令和７年度に、目標値及び施策の一部について見直しを行いました。",
):
    p = d.add_paragraph()
    p.add_run(text)
p = d.add_paragraph()
p.paragraph_format.space_before = Pt(14)
p.paragraph_format.space_after = Pt(6)
gothic(p.add_run(TITLE), 12)
p = d.add_paragraph()
p.paragraph_format.space_after = Pt(4)
p.add_run("下線部分は変更箇所を示す。")

WIDTHS = [Mm(66), Mm(66), Mm(28)]
table = d.add_table(rows=1, cols=3)
table.autofit = False
tbl_pr = table._tbl.tblPr
borders = OxmlElement("w:tblBorders")
for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
    el = OxmlElement(f"w:{edge}")
    el.set(qn("w:val"), "nil")
    borders.append(el)
tbl_pr.append(borders)
for gc, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), WIDTHS):
    gc.set(qn("w:w"), str(w.twips))

head = table.rows[0]
tr_pr = head._tr.get_or_add_trPr()
tbl_header = OxmlElement("w:tblHeader")
tbl_header.set(qn("w:val"), "true")
tr_pr.append(tbl_header)
for cell, label, w in zip(head.cells, ("現行", "改正案", "備考"), WIDTHS):
    cell.width = w
    cp = cell.paragraphs[0]
    cp.alignment = CENTER
    cp.paragraph_format.space_after = Pt(2)
    gothic(cp.add_run(label))
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "0")
    bottom.set(qn("w:color"), "000000")
    tc_borders.append(bottom)
    tc_pr.append(tc_borders)

for row_data in ROWS:
    row = table.add_row()  # may split across pages
    for cell, paras, w in zip(row.cells, row_data, WIDTHS):
        cell.width = w
        first = True
        for runs in paras:
            cp = cell.paragraphs[0] if first else cell.add_paragraph()
            if first:
                cp.paragraph_format.space_before = Pt(4)
            first = False
            for text, underlined in runs:
                run = cp.add_run(text)
                if underlined:
                    run.font.underline = True
        cell.add_paragraph()  # the empty paragraph that keeps the rows apart

# --- after the table: 参考資料 ------------------------------------------------------------------
p = d.add_paragraph()
p.paragraph_format.space_before = Pt(18)
p.paragraph_format.space_after = Pt(6)
gothic(p.add_run("参考資料（見直しの経過）"), 12)
for text in (
    "令和６年６月２０日　白峰町環境審議会に中間見直しについて諮問",
    "令和６年８月～１０月　白峰町環境審議会（計３回）において審議",
    "令和６年１２月１日～１２月２７日　パブリックコメントの実施（意見数　５件）",
    "令和７年２月１８日　白峰町環境審議会から答申",
):
    d.add_paragraph().add_run(text)

d.save(str(OUT))  # noqa: F821 - OUT is set by samples/print_cases.py
