"""A 公共施設等総合管理計画 revision written in Word (python-docx, printed by LibreOffice), A4 landscape.

Page 1 is a cover, page 2 is blank (both in a first section without footer); the table starts on
page 3 under the document title and runs to page 4, where the last row is followed on the same
page by an unrelated 「策定経過」 list. Columns 改　定　前 | 改　定　後 | 摘　要 (letter-spaced with
ideographic spaces); the table has no vertical rules and no outer frame, only the inside
horizontal borders between rows (w:insideH), and a grey-shaded header row repeated on page 4.
Both text cells start with a location marker 「第N章　第N節」; ① bullets, ・ bullets, a
「－省略－」 line, underlined and red changes. Footer 「－ N －」 on the table pages.

Run by ``samples/print_cases.py``, which sets ``OUT`` (the .docx path) before running this file.
"""

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

FONT = "IPAexMincho"
GOTHIC = "IPAexGothic"
TITLE = "萩浜市公共施設等総合管理計画　新旧対照表"
RED = RGBColor(0xFF, 0x00, 0x00)

# A paragraph is a list of runs; a run is a str (plain) or a tuple (text, flags) where flags holds
# "u" (underlined) and/or "r" (red). One row = (改定前 paragraphs, 改定後 paragraphs, 摘要 paragraphs).
ROWS = [
    (
        ["第１章　第３節",
         "３　計画期間",
         ["　本計画の計画期間は、平成２９年度から", ("令和８年度までの１０年間", "u"), "とします。"],
         "　なお、計画期間内であっても、社会経済情勢の変化や上位計画の見直し等に応じて、適宜見直しを行います。"],
        ["第１章　第３節",
         "３　計画期間",
         ["　本計画の計画期間は、平成２９年度から", ("令和１８年度までの２０年間", "u"), "とします。"],
         "　なお、計画期間内であっても、社会経済情勢の変化や上位計画の見直し等に応じて、適宜見直しを行います。",
         [("　また、概ね５年ごとに、施設の保有量や更新費用の推計を更新し、取組の進捗状況を検証します。", "u")]],
        ["計画期間の延長", "定期的な見直しの明記"],
    ),
    (
        ["第２章　第１節",
         "１　公共施設の保有状況",
         ["　本市が保有する公共施設（建築物）は、", ("平成２８年３月末", "u"), "時点で", ("２２４施設", "u"),
          "、延床面積の合計は約", ("３１万２，４００㎡", "u"), "となっています。"],
         ["　市民１人当たりの延床面積は", ("３．６２㎡", "u"), "であり、全国平均の３．２２㎡を上回っています。"]],
        ["第２章　第１節",
         "１　公共施設の保有状況",
         ["　本市が保有する公共施設（建築物）は、", ("令和６年３月末", "u"), "時点で", ("２０９施設", "u"),
          "、延床面積の合計は約", ("２９万８，１５０㎡", "u"), "となっています。"],
         ["　市民１人当たりの延床面積は", ("３．７５㎡", "u"), "であり、全国平均の３．２２㎡を上回っています。"]],
        ["令和５年度末現在の公共施設台帳による時点修正"],
    ),
    (
        ["第２章　第３節",
         "３　将来の更新費用の見通し",
         ["　現在保有する公共施設等を全て維持し、耐用年数経過時に同規模で更新した場合、今後４０年間の更新費用の総額は約",
          ("１，２６０億円", "u"), "、年平均約", ("３１．５億円", "u"), "と推計されます。"],
         ["　これは、過去５年間の投資的経費の平均額約", ("１９．８億円", "u"), "の約", ("１．６倍", "u"), "に相当します。"]],
        ["第２章　第３節",
         "３　将来の更新費用の見通し",
         ["　現在保有する公共施設等を全て維持し、耐用年数経過時に同規模で更新した場合、今後４０年間の更新費用の総額は約",
          ("１，４８０億円", "u"), "、年平均約", ("３７．０億円", "u"), "と推計されます。"],
         ["　これは、過去５年間の投資的経費の平均額約", ("２１．４億円", "u"), "の約", ("１．７倍", "u"), "に相当します。"],
         [("　一方、個別施設計画に基づき長寿命化対策を実施した場合、更新費用の総額は約１，１２０億円、年平均約２８．０億円となり、約３６０億円の縮減効果が見込まれます。", "u")]],
        ["建設単価の上昇を反映した推計の更新", "長寿命化対策の効果額の追加"],
    ),
    (
        ["第３章　第２節",
         "２　公共施設等の管理に関する基本方針",
         "①点検・診断等の実施方針",
         ["　施設管理者による日常点検や法定点検を", ("確実に", "u"), "実施し、劣化や損傷を早期に把握します。"],
         "②維持管理・更新等の実施方針",
         ["　", ("事後保全型の維持管理から予防保全型の維持管理への転換を図り、", "u"), "施設の長寿命化とライフサイクルコストの縮減を図ります。"],
         "③安全確保の実施方針",
         "　危険性が認められた施設については、利用者の安全確保を最優先に、速やかに必要な措置を講じます。",
         "④統合や廃止の推進方針",
         ["　施設の利用状況や老朽化の状況を踏まえ、", ("施設の統合や廃止", "u"), "を検討します。"]],
        ["第３章　第２節",
         "２　公共施設等の管理に関する基本方針",
         "①点検・診断等の実施方針",
         ["　施設管理者による日常点検や法定点検を", ("定期的に", "u"), "実施し、劣化や損傷を早期に把握します。",
          ("点検結果はデータベース化し、修繕計画に活用します。", "u")],
         "②維持管理・更新等の実施方針",
         ["　", ("予防保全型の維持管理を推進し、", "u"), "施設の長寿命化とライフサイクルコストの縮減を図ります。"],
         "③安全確保の実施方針",
         "　危険性が認められた施設については、利用者の安全確保を最優先に、速やかに必要な措置を講じます。",
         "④統合や廃止の推進方針",
         ["　施設の利用状況や老朽化の状況を踏まえ、", ("複合化、集約化、用途転換及び廃止", "u"), "を検討します。"],
         [("⑤脱炭素化の推進方針", "r")],
         [("　施設の更新や改修に合わせて、太陽光発電設備の導入、ＬＥＤ照明への更新及び建築物のＺＥＢ化を推進します。", "r")]],
        ["点検結果の活用方法の追加", "予防保全型への転換の進捗を反映", "手法の具体化", "国の指針改訂（令和５年１０月）に伴う追加"],
    ),
    (
        ["第３章　第３節",
         "３　数値目標",
         ["　公共施設（建築物）の延床面積を、", ("令和２８年度", "u"), "までに", ("平成２７年度比で２０％", "u"), "縮減することを目標とします。"]],
        ["第３章　第３節",
         "３　数値目標",
         ["　公共施設（建築物）の延床面積を、", ("令和１８年度", "u"), "までに", ("令和５年度比で１５％（約４万４，７００㎡）", "u"), "縮減することを目標とします。"]],
        ["計画期間の延長に伴う目標年度及び目標値の見直し"],
    ),
    (
        ["第４章　第１節",
         "１　学校教育系施設",
         "－省略－",
         "【今後の方針】",
         "・児童生徒数の推移を見据え、学校の適正規模・適正配置について検討します。",
         ["・", ("校舎等の改修に当たっては、", "u"), "長寿命化を基本とします。"]],
        ["第４章　第１節",
         "１　学校教育系施設",
         "－省略－",
         "【今後の方針】",
         "・児童生徒数の推移を見据え、学校の適正規模・適正配置について検討します。",
         ["・", ("「萩浜市学校施設長寿命化計画」に基づき、校舎等の改修に当たっては、", "u"), "長寿命化を基本とします。"],
         [("・学校の改築等に当たっては、放課後児童クラブや公民館など地域の施設との複合化を検討し、学校を地域コミュニティの拠点として活用します。", "u")],
         [("・屋内運動場の空調設備の整備を計画的に進め、災害時の避難所としての機能強化を図ります。", "r")]],
        ["個別施設計画の名称の明記", "複合化の方針の追加", "避難所機能の強化に係る方針の追加"],
    ),
    (
        ["第５章",
         "１　推進体制",
         ["　", ("企画財政課", "u"), "を中心として、全庁的な推進体制を構築します。"]],
        ["第５章",
         "１　推進体制",
         ["　", ("公共施設マネジメント推進室", "u"), "を中心として、全庁的な推進体制を構築します。"]],
        ["組織改正に伴う修正"],
    ),
]

d = Document()
sec = d.sections[0]
sec.orientation = WD_ORIENT.LANDSCAPE
sec.page_width, sec.page_height = Mm(297), Mm(210)
sec.left_margin = sec.right_margin = Mm(20)
sec.top_margin, sec.bottom_margin = Mm(20), Mm(18)
sec.footer_distance = Mm(8)

normal = d.styles["Normal"]
normal.font.name = FONT
normal.font.size = Pt(9.5)
rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
    rfonts.set(qn(attr), FONT)
normal.paragraph_format.space_before = Pt(0)
normal.paragraph_format.space_after = Pt(0)
normal.paragraph_format.line_spacing = 1.15

CENTER = WD_ALIGN_PARAGRAPH.CENTER


def gothic(run, size=None):
    run.font.name = GOTHIC
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), GOTHIC)
    if size:
        run.font.size = Pt(size)
    return run


# --- section 1: cover and a blank page, no footer --------------------------------------------
for _ in range(7):
    d.add_paragraph()
p = d.add_paragraph()
p.alignment = CENTER
gothic(p.add_run("萩浜市公共施設等総合管理計画"), 26)
p = d.add_paragraph()
p.alignment = CENTER
p.paragraph_format.space_before = Pt(14)
gothic(p.add_run("（令和７年度改定）"), 16)
p = d.add_paragraph()
p.alignment = CENTER
p.paragraph_format.space_before = Pt(10)
gothic(p.add_run("新旧対照表"), 16)
for _ in range(9):
    d.add_paragraph()
p = d.add_paragraph()
p.alignment = CENTER
p.add_run("令和８年３月").font.size = Pt(14)
p = d.add_paragraph()
p.alignment = CENTER
p.paragraph_format.space_before = Pt(6)
p.add_run("萩　浜　市").font.size = Pt(14)
p = d.add_paragraph()
p.add_run().add_break(WD_BREAK.PAGE)
d.add_paragraph()  # page 2 stays blank (the back of the cover)

# --- section 2: the table, with a page-number footer -----------------------------------------
sec2 = d.add_section(WD_SECTION.NEW_PAGE)
sec2.orientation = WD_ORIENT.LANDSCAPE
sec2.page_width, sec2.page_height = Mm(297), Mm(210)
sec2.footer.is_linked_to_previous = False
fp = sec2.footer.paragraphs[0]
fp.alignment = CENTER
fp.add_run("－ ")
fld = OxmlElement("w:fldSimple")
fld.set(qn("w:instr"), "PAGE")
r = OxmlElement("w:r")
t = OxmlElement("w:t")
t.text = "3"
r.append(t)
fld.append(r)
fp._p.append(fld)
fp.add_run(" －")

p = d.add_paragraph()
p.alignment = CENTER
p.paragraph_format.space_after = Pt(4)
gothic(p.add_run(TITLE), 13)
p = d.add_paragraph()
p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
p.paragraph_format.space_after = Pt(4)
p.add_run("（下線部は改定箇所、赤字は新たに追加した箇所）").font.size = Pt(9)

WIDTHS = [Mm(108), Mm(108), Mm(41)]
table = d.add_table(rows=1, cols=3)
table.autofit = False
tbl_pr = table._tbl.tblPr
borders = OxmlElement("w:tblBorders")
for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
    el = OxmlElement(f"w:{edge}")
    if edge == "insideH":
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
    else:
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
for cell, label, w in zip(head.cells, ("改　定　前", "改　定　後", "摘　　要"), WIDTHS):
    cell.width = w
    cp = cell.paragraphs[0]
    cp.alignment = CENTER
    cp.paragraph_format.space_before = Pt(2)
    cp.paragraph_format.space_after = Pt(2)
    gothic(cp.add_run(label), 10.5)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), "D9D9D9")
    cell._tc.get_or_add_tcPr().append(shd)


def add_runs(par, runs):
    if isinstance(runs, str):
        runs = [runs]
    for item in runs:
        text, flags = (item, "") if isinstance(item, str) else item
        run = par.add_run(text)
        if "u" in flags:
            run.font.underline = True
        if "r" in flags:
            run.font.color.rgb = RED


for row_data in ROWS:
    row = table.add_row()  # rows may split across pages (no cantSplit)
    for cell, paras, w in zip(row.cells, row_data, WIDTHS):
        cell.width = w
        for i, runs in enumerate(paras):
            cp = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            if i == 0:
                cp.paragraph_format.space_before = Pt(4)
            if i == len(paras) - 1:
                cp.paragraph_format.space_after = Pt(6)
            add_runs(cp, runs)

# --- after the table, on the same page: 策定経過 -------------------------------------------------
p = d.add_paragraph()
p.paragraph_format.space_before = Pt(16)
p.paragraph_format.space_after = Pt(4)
gothic(p.add_run("【参考】策定経過"), 11)
for text in (
    "平成２９年３月　　萩浜市公共施設等総合管理計画を策定",
    "令和４年３月　　　個別施設計画の内容を反映し、改訂",
    "令和７年８月　　　萩浜市公共施設マネジメント推進委員会において改定方針を決定",
    "令和７年１２月　　パブリックコメントを実施（意見数　３件）",
    "令和８年３月　　　萩浜市公共施設等総合管理計画を改定",
):
    d.add_paragraph().add_run(text)

d.save(str(OUT))  # noqa: F821 - OUT is set by samples/print_cases.py
