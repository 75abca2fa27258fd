"""A 水道事業ビジョン (経営戦略) revision written in Word (python-docx, printed by LibreOffice), A4 landscape.

Columns 改　定　前 | 改　定　後 | 摘　　要 (letter-spaced with ideographic spaces) on a grey header row
that is printed on the FIRST PAGE ONLY (no w:tblHeader, so page 2 starts straight with a body
row). The table has no vertical rules and no outer frame: only the inside horizontal borders
between rows (w:insideH) and a heavier rule under the header cells (w:tcBorders bottom). Rows carry
no location markers; the 管路の更新 row is cut by the page break in the middle of a paragraph, and
LibreOffice closes the table at the page bottom with a rule, so its continuation on page 2 starts
under a rule of its own. Red text for a newly added measure, a 「（削除）」 cell, an empty 摘要 cell,
a two-paragraph 摘要; ㎥ and full-width numbers; a running page header on every page.

Run by ``samples/print_cases.py``, which sets ``OUT`` (the .docx path) before running this file.
"""

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

FONT = "IPAexMincho"
GOTHIC = "IPAexGothic"
TITLE = "東雲町水道事業ビジョン（経営戦略）新旧対照表"
RED = RGBColor(0xFF, 0x00, 0x00)

# A paragraph is a list of runs; a run is a str (plain) or a tuple (text, flags) where flags holds
# "u" (underlined) and/or "r" (red). One row = (改定前 paragraphs, 改定後 paragraphs, 摘要 paragraphs).
ROWS = [
    (
        ["１　計画期間",
         ["　本ビジョンの計画期間は、令和３年度から", ("令和１２年度までの１０年間", "u"), "とします。"],
         ["　なお、", ("５年を目途に", "u"), "事業の進捗状況や経営状況を検証し、必要に応じて見直しを行います。"]],
        ["１　計画期間",
         ["　本ビジョンの計画期間は、令和３年度から", ("令和１７年度までの１５年間", "u"), "とします。"],
         ["　なお、", ("令和７年度に中間見直しを行ったところであり、今後も概ね５年ごとに", "u"),
          "事業の進捗状況や経営状況を検証し、必要に応じて見直しを行います。"]],
        ["経営戦略の計画期間（１０年以上）との整合を図るため延長"],
    ),
    (
        ["２　給水人口と給水量の推移",
         ["　本町の給水人口は、", ("令和元年度末で１８，６４０人", "u"), "となっており、年々減少しています。"],
         ["　一日平均給水量は", ("６，９８０㎥", "u"), "、一日最大給水量は", ("８，４２０㎥", "u"),
          "で、節水機器の普及などにより減少傾向にあります。"]],
        ["２　給水人口と給水量の推移",
         ["　本町の給水人口は、", ("令和５年度末で１７，５１２人", "u"), "となっており、年々減少しています。"],
         ["　一日平均給水量は", ("６，４１５㎥", "u"), "、一日最大給水量は", ("７，７６０㎥", "u"),
          "で、節水機器の普及などにより減少傾向にあります。"],
         [("　令和１７年度の給水人口は１５，８００人、一日最大給水量は６，９００㎥と推計されます。", "u")]],
        ["実績値の時点修正", "将来推計の追加"],
    ),
    (
        ["３　水道施設の状況",
         ["　本町の水道施設は、東雲浄水場（施設能力", ("１０，５００㎥／日", "u"), "）、配水池", ("９か所", "u"),
          "（総容量", ("６，２００㎥", "u"), "）などで構成されています。"],
         ["　このうち、東雲浄水場は昭和５３年の供用開始から", ("４０年", "u"), "以上が経過しており、ろ過設備や電気計装設備の老朽化が進んでいます。"]],
        ["３　水道施設の状況",
         ["　本町の水道施設は、東雲浄水場（施設能力", ("９，０００㎥／日", "u"), "）、配水池", ("８か所", "u"),
          "（総容量", ("５，８５０㎥", "u"), "）などで構成されています。"],
         ["　このうち、東雲浄水場は昭和５３年の供用開始から", ("４５年", "u"), "以上が経過しており、ろ過設備や電気計装設備の老朽化が進んでいます。",
          ("このため、水需要の減少に見合った施設規模への縮小を前提として、令和１０年度から更新工事に着手します。", "u")]],
        [],
    ),
    (
        ["４　管路の更新",
         ["　本町の管路総延長は約", ("２１２ｋｍ", "u"), "で、このうち法定耐用年数の４０年を超えた管路は約",
          ("３８ｋｍ", "u"), "（経年化率", ("１７．９％", "u"), "）となっています。"],
         ["　今後、高度経済成長期に布設した管路が一斉に更新時期を迎えることから、管路の重要度や老朽度を勘案して優先順位を定め、",
          ("年間１．５ｋｍ", "u"), "を目標に計画的に更新を進めます。"],
         ["　更新に当たっては、耐震性能を有する管種を採用し、基幹管路の耐震適合率を", ("令和１２年度までに４０％", "u"),
          "に引き上げます。"]],
        ["４　管路の更新",
         ["　本町の管路総延長は約", ("２１５ｋｍ", "u"), "で、このうち法定耐用年数の４０年を超えた管路は約",
          ("５１ｋｍ", "u"), "（経年化率", ("２３．７％", "u"), "）となっています。"],
         ["　今後、高度経済成長期に布設した管路が一斉に更新時期を迎えることから、管路の重要度や老朽度を勘案して優先順位を定め、",
          ("年間２．０ｋｍ", "u"), "を目標に計画的に更新を進めます。",
          ("特に、病院や避難所など災害時の重要給水施設に至る管路を優先し、令和１２年度までに耐震化を完了させます。", "u"),
          "また、更新に合わせて需要の減少に応じた管径の縮小（ダウンサイジング）を行い、将来の維持管理費の抑制を図ります。"],
         ["　更新に当たっては、耐震性能を有する管種を採用し、基幹管路の耐震適合率を", ("令和１７年度までに５５％", "u"),
          "に引き上げます。"]],
        ["漏水事故の増加を踏まえた更新ペースの引上げ",
         "能登半島地震（令和６年１月）を踏まえた重要給水施設管路の優先耐震化"],
    ),
    (
        ["５　簡易水道事業の統合",
         ["　", ("北部簡易水道事業及び東部簡易水道事業を令和５年度までに上水道事業に統合し、経営の一元化を図ります。", "u")]],
        ["（削除）"],
        ["統合完了（令和５年４月）に伴う削除"],
    ),
    (
        ["６　広域連携の推進",
         "　近隣市町との間で、水質検査や災害時の応援体制について情報交換を行います。"],
        ["６　広域連携の推進",
         "　近隣市町との間で、水質検査や災害時の応援体制について情報交換を行います。",
         [("　また、県が策定した「水道広域化推進プラン」に基づき、近隣３町との浄水場の共同化や薬品・資材の共同購入、料金徴収業務の共同委託について、令和９年度までに具体的な方針を取りまとめます。", "r")]],
        ["県水道広域化推進プラン（令和５年３月）を踏まえた追加"],
    ),
    (
        ["７　水道料金",
         ["　現行の料金水準を維持しつつ、", ("経費の節減に努めます", "u"), "。"]],
        ["７　水道料金",
         ["　", ("物価や動力費の高騰、管路更新費用の増加により、今後、給水原価が供給単価を上回ることが見込まれるため、令和８年度に料金改定（平均改定率１５．２％）を行い、経営基盤の強化を図ります", "u"), "。"]],
        ["経営収支の見通しを踏まえた修正", "料金改定の詳細は、東雲町水道事業運営審議会の答申（令和７年１１月）による。"],
    ),
]

d = Document()
sec = d.sections[0]
sec.orientation = WD_ORIENT.LANDSCAPE
sec.page_width, sec.page_height = Mm(297), Mm(210)
sec.left_margin = sec.right_margin = Mm(20)
sec.top_margin, sec.bottom_margin = Mm(22), Mm(18)
sec.header_distance = Mm(10)

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


# running page header on every page
hp = sec.header.paragraphs[0]
hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
hp.add_run("東雲町上下水道事業運営審議会　資料３").font.size = Pt(9)

p = d.add_paragraph()
p.alignment = CENTER
p.paragraph_format.space_after = Pt(8)
gothic(p.add_run(TITLE), 14)

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

# header row: grey, letter-spaced, heavier bottom rule; NOT a repeated header row
head = table.rows[0]
for cell, label, w in zip(head.cells, ("改　定　前", "改　定　後", "摘　　要"), WIDTHS):
    cell.width = w
    cp = cell.paragraphs[0]
    cp.alignment = CENTER
    cp.paragraph_format.space_before = Pt(3)
    cp.paragraph_format.space_after = Pt(3)
    gothic(cp.add_run(label), 11)
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "12")
    bottom.set(qn("w:space"), "0")
    bottom.set(qn("w:color"), "000000")
    tc_borders.append(bottom)
    tc_pr.append(tc_borders)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), "D9D9D9")
    tc_pr.append(shd)


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
                cp.paragraph_format.space_before = Pt(5)
            if i == len(paras) - 1:
                cp.paragraph_format.space_after = Pt(7)
            add_runs(cp, runs)

d.save(str(OUT))  # noqa: F821 - OUT is set by samples/print_cases.py
