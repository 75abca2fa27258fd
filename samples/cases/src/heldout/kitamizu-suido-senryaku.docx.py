"""Held-out case: a water-works business strategy revision typed in Word (python-docx, printed
by LibreOffice), A4 landscape.

Only horizontal rules: above and below the shaded header row and between rows, no vertical
rules at all (the columns are told apart by alignment). Columns 改定前 | 改定後 | 摘要 with the
labels letter-spaced; the header row is printed on the first page only (no repeat); rows have no
location markers, they start with the plan's own headings; the 施設・設備の更新 row runs across a
page break; red text for the new rate policy and a new indicator; a running page header.
Run by samples/print_cases.py with a global OUT (the .docx path to write).
"""
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

FONT = "IPAexGothic"

doc = Document()
sec = doc.sections[0]
sec.orientation = WD_ORIENT.LANDSCAPE
sec.page_width, sec.page_height = Mm(297), Mm(210)
sec.left_margin = sec.right_margin = Mm(20)
sec.top_margin, sec.bottom_margin = Mm(19), Mm(13)
sec.header_distance = Mm(10)

st = doc.styles["Normal"]
st.font.name = FONT
st.font.size = Pt(10)
st.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
st.paragraph_format.space_after = Pt(0)
st.paragraph_format.space_before = Pt(0)
st.paragraph_format.line_spacing = 1.2

RED = RGBColor(0xFF, 0x00, 0x00)


def add_runs(p, markup):
    """<u>..</u> an underlined run, <r>..</r> a red run."""
    for part in re.split(r"(<u>.*?</u>|<r>.*?</r>)", markup):
        if not part:
            continue
        if part.startswith("<u>"):
            p.add_run(part[3:-4]).font.underline = True
        elif part.startswith("<r>"):
            p.add_run(part[3:-4]).font.color.rgb = RED
        else:
            p.add_run(part)


def fill(cell, paras):
    first = True
    for m in paras:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        plain = re.sub(r"</?[ur]>", "", m)
        if re.match(r"^[０-９]　", plain):
            p.paragraph_format.space_before = Pt(0)
        elif re.match(r"^[①-⑳・]", plain):
            p.paragraph_format.left_indent = Pt(20)
            p.paragraph_format.first_line_indent = Pt(-10)
        elif not re.match(r"^(（|－)", plain):
            p.paragraph_format.first_line_indent = Pt(10)
        add_runs(p, m)
        if re.match(r"^[０-９]　", plain):
            for r in p.runs:
                r.font.bold = True


def borders(el_pr, tag, sides):
    b = OxmlElement(tag)
    for side, val in sides.items():
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:val"), val)
        if val != "nil":
            e.set(qn("w:sz"), "4")
            e.set(qn("w:space"), "0")
            e.set(qn("w:color"), "000000")
        b.append(e)
    el_pr.append(b)


hp = sec.header.paragraphs[0]
hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
hr = hp.add_run("北水市上下水道局　経営企画課")
hr.font.size = Pt(8)

t = doc.add_paragraph()
t.alignment = WD_ALIGN_PARAGRAPH.CENTER
tr = t.add_run("北水市水道事業経営戦略 新旧対照表")
tr.font.size = Pt(14)
tr.font.bold = True
t.paragraph_format.space_after = Pt(8)

ROWS = [
    (
        ["１　経営戦略の位置付け",
         "本経営戦略は、総務省の「経営戦略策定・改定ガイドライン」に基づき、平成２９年度から令和８年度までの１０年間を計画期間として策定したものです。"],
        ["１　経営戦略の位置付け",
         "本経営戦略は、総務省の「経営戦略策定・改定ガイドライン」に基づき、<u>令和８年度から令和１７年度</u>までの１０年間を計画期間として<u>改定</u>したものです。"],
        ["計画期間の更新"],
    ),
    (
        ["２　水需要の見通し",
         "（１）給水人口",
         "給水人口は、令和８年度には３３，９００人になると見込まれます。",
         "（２）有収水量",
         "１日平均有収水量は、令和８年度には１０，２５０㎥になると見込まれます。"],
        ["２　水需要の見通し",
         "（１）給水人口",
         "給水人口は、<u>令和６年度実績の３２，４５０人から減少を続け、令和１７年度には２８，７００人</u>になると見込まれます。",
         "（２）有収水量",
         "１日平均有収水量は、<u>令和１７年度には８，９２０㎥</u>になると見込まれます。"],
        ["実績値に基づく推計の更新"],
    ),
    (
        ["３　施設・設備の更新",
         "①　浄水施設",
         "北水浄水場は、昭和５３年の供用開始から４０年以上が経過しており、計画的な更新が必要です。",
         "②　管路",
         "管路の総延長は約３２０ｋｍで、このうち法定耐用年数を超えた管路が約１８％を占めています。",
         "③　耐震化",
         "基幹管路の耐震適合率は３８．５％にとどまっています。"],
        ["３　施設・設備の更新",
         "①　浄水施設",
         "北水浄水場は、昭和５３年の供用開始から４０年以上が経過しており、計画的な更新が必要です。<u>このため、令和９年度から令和１３年度にかけて、ろ過設備及び薬品注入設備の更新を行い、あわせて停電時にも浄水処理を継続できるよう非常用自家発電設備を整備します。</u>",
         "②　管路",
         "管路の総延長は約３２０ｋｍで、このうち法定耐用年数を超えた管路が約<u>２４％</u>を占めています。<u>今後は、漏水事故の発生状況や管種、布設環境に基づく重要度と老朽度の評価を行い、優先度の高い路線から年間約３ｋｍのペースで更新を進めます。また、更新に当たっては、将来の水需要の減少を見据え、口径の縮小（ダウンサイジング）を検討します。</u>",
         "・<u>年間更新延長　３．０ｋｍ</u>",
         "・<u>管路更新率　０．９４％</u>",
         "③　耐震化",
         "基幹管路の耐震適合率は<u>４２．１％</u>にとどまっています。<u>令和１７年度までに５５．０％とすることを目標とし、病院や避難所などの重要給水施設に至る管路を優先して耐震化を進めます。</u>"],
        ["更新需要の精査結果の反映",
         "※管路の経年化率は令和６年度末現在の数値"],
    ),
    (
        ["４　投資・財政計画",
         "－省略－",
         "（３）料金水準の見直し",
         "経営状況を踏まえ、必要に応じて料金水準の見直しを検討します。"],
        ["４　投資・財政計画",
         "－省略－",
         "（３）料金水準の見直し",
         "<r>令和１０年度に平均改定率１５．２％の料金改定を行い、料金回収率１００％以上の確保を目指します。</r>"],
        ["料金改定の方針決定（令和７年１２月　北水市上下水道事業経営審議会答申）"],
    ),
    (
        ["５　経営指標の目標",
         "・経常収支比率　１００％以上",
         "・料金回収率　９５％以上",
         "・有収率　９０．０％"],
        ["５　経営指標の目標",
         "・経常収支比率　１００％以上",
         "・料金回収率　<u>１００％以上</u>",
         "・有収率　<u>９２．０％</u>",
         "・<r>企業債残高対給水収益比率　４００％以下</r>"],
        [],
    ),
    (
        ["６　民間活力の活用",
         "検針業務及び窓口業務の包括委託について検討します。"],
        ["（削除）"],
        ["令和６年度に包括委託を導入済みのため削除"],
    ),
]

table = doc.add_table(rows=1 + len(ROWS), cols=3)
tbl_pr = table._tbl.tblPr
borders(tbl_pr, "w:tblBorders", {"top": "single", "left": "nil", "bottom": "single", "right": "nil",
                                 "insideH": "single", "insideV": "nil"})
mar = OxmlElement("w:tblCellMar")
for side, w in (("top", "100"), ("bottom", "160"), ("left", "140"), ("right", "140")):
    e = OxmlElement(f"w:{side}")
    e.set(qn("w:w"), w)
    e.set(qn("w:type"), "dxa")
    mar.append(e)
tbl_pr.append(mar)
widths = (Mm(104), Mm(104), Mm(49))
for row in table.rows:
    for c, w in zip(row.cells, widths):
        c.width = w

for c, label in zip(table.rows[0].cells, ("改　定　前", "改　定　後", "摘　　要")):
    c.paragraphs[0].text = label
    c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), "E7E6E6")
    c._tc.get_or_add_tcPr().append(shd)

for row, cells in zip(table.rows[1:], ROWS):
    for c, paras in zip(row.cells, cells):
        fill(c, paras)

doc.save(OUT)
