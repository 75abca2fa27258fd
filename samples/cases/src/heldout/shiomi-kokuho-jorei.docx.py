"""Held-out case: an ordinance amendment typed in Word (python-docx, printed by LibreOffice).

Legal style: the only rules are the one under the header row and the one between the two
columns (no outer frame, no rules between rows). Columns are 新 | 旧 (after first, no reason
column); the header row repeats on every page; rows start with 第N条 / 別表第1; the 第23条 row
runs across a page break; a note line sits between the title and the table; page footer 「－ N －」.
Run by samples/print_cases.py with a global OUT (the .docx path to write).
"""
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "IPAexMincho"

doc = Document()
sec = doc.sections[0]
sec.orientation = WD_ORIENT.PORTRAIT
sec.page_width, sec.page_height = Mm(210), Mm(297)
sec.left_margin = sec.right_margin = Mm(20)
sec.top_margin, sec.bottom_margin = Mm(20), Mm(18)

st = doc.styles["Normal"]
st.font.name = FONT
st.font.size = Pt(10.5)
st.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
st.paragraph_format.space_after = Pt(0)
st.paragraph_format.space_before = Pt(0)
st.paragraph_format.line_spacing = 1.15


def add_runs(p, markup):
    """<u>..</u> marks an underlined run."""
    for part in re.split(r"(<u>.*?</u>)", markup):
        if not part:
            continue
        if part.startswith("<u>"):
            r = p.add_run(part[3:-4])
            r.font.underline = True
        else:
            p.add_run(part)


def fill(cell, paras, indent_items=True):
    cell.paragraphs[0].text = ""
    first = True
    for m in paras:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        # hanging indent for 第N条 / 項 / 号 paragraphs, as a Word user would set it
        if indent_items and re.match(r"^(第|[２-９]　|（[０-９]+）|　[アイウ])", m):
            p.paragraph_format.left_indent = Pt(10.5)
            p.paragraph_format.first_line_indent = Pt(-10.5)
        add_runs(p, m)


def borders(el_pr, tag, sides):
    b = OxmlElement(tag)
    for side, val in sides.items():
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:val"), val)
        if val != "nil":
            e.set(qn("w:sz"), "6")
            e.set(qn("w:space"), "0")
            e.set(qn("w:color"), "000000")
        b.append(e)
    el_pr.append(b)


# footer 「－ N －」
fp = sec.footer.paragraphs[0]
fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
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

h = doc.add_paragraph()
h.alignment = WD_ALIGN_PARAGRAPH.CENTER
hr = h.add_run("潮見町国民健康保険税条例の一部を改正する条例 新旧対照表")
hr.font.size = Pt(13)
note = doc.add_paragraph()
note.alignment = WD_ALIGN_PARAGRAPH.RIGHT
note.add_run("（下線部分は改正部分）").font.size = Pt(9)
doc.add_paragraph()

ROWS = [
    (
        ["（課税額）",
         "第２条　（略）",
         "２　前項第１号に掲げる者に対して課する国民健康保険税の課税額は、世帯主及びその世帯に属する国民健康保険の被保険者につき算定した所得割額及び被保険者均等割額の合算額とする。ただし、当該合算額が<u>６６万円</u>を超える場合においては、基礎課税額は、<u>６６万円</u>とする。",
         "３　前項第２号に掲げる者に対して課する国民健康保険税の課税額は、世帯主及びその世帯に属する国民健康保険の被保険者につき算定した後期高齢者支援金等課税額の合算額とする。ただし、当該合算額が<u>２６万円</u>を超える場合においては、後期高齢者支援金等課税額は、<u>２６万円</u>とする。",
         "４　（略）"],
        ["（課税額）",
         "第２条　（略）",
         "２　前項第１号に掲げる者に対して課する国民健康保険税の課税額は、世帯主及びその世帯に属する国民健康保険の被保険者につき算定した所得割額及び被保険者均等割額の合算額とする。ただし、当該合算額が６５万円を超える場合においては、基礎課税額は、６５万円とする。",
         "３　前項第２号に掲げる者に対して課する国民健康保険税の課税額は、世帯主及びその世帯に属する国民健康保険の被保険者につき算定した後期高齢者支援金等課税額の合算額とする。ただし、当該合算額が２４万円を超える場合においては、後期高齢者支援金等課税額は、２４万円とする。",
         "４　（略）"],
    ),
    (
        ["（国民健康保険の被保険者に係る所得割額）",
         "第３条　前条第２項の所得割額は、賦課期日の属する年の前年の所得に係る基礎控除後の総所得金額等に１００分の<u>７．２０</u>を乗じて算定する。"],
        ["（国民健康保険の被保険者に係る所得割額）",
         "第３条　前条第２項の所得割額は、賦課期日の属する年の前年の所得に係る基礎控除後の総所得金額等に１００分の６．８５を乗じて算定する。"],
    ),
    (
        ["（国民健康保険の被保険者に係る被保険者均等割額）",
         "第５条　第２条第２項の被保険者均等割額は、被保険者１人について<u>２８，８００円</u>とする。"],
        ["（国民健康保険の被保険者に係る被保険者均等割額）",
         "第５条　第２条第２項の被保険者均等割額は、被保険者１人について２７，６００円とする。"],
    ),
    (
        ["（国民健康保険税の減額）",
         "第２３条　次の各号のいずれかに該当する納税義務者に対して課する国民健康保険税の額は、第２条第２項本文、第３項本文又は第４項本文の基礎課税額、後期高齢者支援金等課税額又は介護納付金課税額からそれぞれ当該各号に定める額を減額して得た額（当該減額して得た額が、<u>６６万円</u>を超える場合には<u>６６万円</u>、<u>２６万円</u>を超える場合には<u>２６万円</u>）とする。",
         "（１）法第７０３条の５に規定する総所得金額及び山林所得金額並びに他の所得と区分して計算される所得の金額の合算額が、４３万円に被保険者等のうち給与所得者等の数から１を減じた数に１０万円を乗じて得た金額を加算した金額を超えない世帯に係る納税義務者",
         "　ア　第５条の被保険者均等割額を減額して得た額　被保険者１人について<u>２０，１６０円</u>",
         "　イ　第５条の２の世帯別平等割額を減額して得た額　１世帯について<u>１４，７００円</u>",
         "（２）前号に掲げる者以外の納税義務者であって、当該合算額が４３万円に当該世帯に属する被保険者の数と特定同一世帯所属者の数の合計数に<u>３０万５千円</u>を乗じて得た金額を加算した金額を超えない世帯に係るもの",
         "　ア　第５条の被保険者均等割額を減額して得た額　被保険者１人について<u>１４，４００円</u>",
         "　イ　第５条の２の世帯別平等割額を減額して得た額　１世帯について<u>１０，５００円</u>",
         "（３）前２号に掲げる者以外の納税義務者であって、当該合算額が４３万円に当該世帯に属する被保険者の数と特定同一世帯所属者の数の合計数に<u>５６万円</u>を乗じて得た金額を加算した金額を超えない世帯に係るもの",
         "　ア　第５条の被保険者均等割額を減額して得た額　被保険者１人について<u>５，７６０円</u>",
         "　イ　第５条の２の世帯別平等割額を減額して得た額　１世帯について<u>４，２００円</u>",
         "２　（略）"],
        ["（国民健康保険税の減額）",
         "第２３条　次の各号のいずれかに該当する納税義務者に対して課する国民健康保険税の額は、第２条第２項本文、第３項本文又は第４項本文の基礎課税額、後期高齢者支援金等課税額又は介護納付金課税額からそれぞれ当該各号に定める額を減額して得た額（当該減額して得た額が、６５万円を超える場合には６５万円、２４万円を超える場合には２４万円）とする。",
         "（１）法第７０３条の５に規定する総所得金額及び山林所得金額並びに他の所得と区分して計算される所得の金額の合算額が、４３万円に被保険者等のうち給与所得者等の数から１を減じた数に１０万円を乗じて得た金額を加算した金額を超えない世帯に係る納税義務者",
         "　ア　第５条の被保険者均等割額を減額して得た額　被保険者１人について１９，３２０円",
         "　イ　第５条の２の世帯別平等割額を減額して得た額　１世帯について１３，８６０円",
         "（２）前号に掲げる者以外の納税義務者であって、当該合算額が４３万円に当該世帯に属する被保険者の数と特定同一世帯所属者の数の合計数に２９万５千円を乗じて得た金額を加算した金額を超えない世帯に係るもの",
         "　ア　第５条の被保険者均等割額を減額して得た額　被保険者１人について１３，８００円",
         "　イ　第５条の２の世帯別平等割額を減額して得た額　１世帯について９，９００円",
         "（３）前２号に掲げる者以外の納税義務者であって、当該合算額が４３万円に当該世帯に属する被保険者の数と特定同一世帯所属者の数の合計数に５４万５千円を乗じて得た金額を加算した金額を超えない世帯に係るもの",
         "　ア　第５条の被保険者均等割額を減額して得た額　被保険者１人について５，５２０円",
         "　イ　第５条の２の世帯別平等割額を減額して得た額　１世帯について３，９６０円",
         "２　（略）"],
    ),
    (
        ["<u>（未就学児に係る被保険者均等割額の減額）</u>",
         "<u>第２３条の２　当該年度において、納税義務者の世帯に６歳に達する日以後の最初の３月３１日以前である被保険者がある場合における当該納税義務者に対して課する被保険者均等割額は、当該額からその２分の１に相当する額を減額して得た額とする。</u>"],
        ["（新設）"],
    ),
    (
        ["別表第１（第１０条関係）",
         "第１期　７月３１日",
         "第２期　８月３１日",
         "（略）",
         "第８期　<u>翌年２月末日</u>"],
        ["別表第１（第１０条関係）",
         "第１期　７月３１日",
         "第２期　８月３１日",
         "（略）",
         "第８期　翌年１月３１日"],
    ),
]

table = doc.add_table(rows=1 + len(ROWS), cols=2)
tbl_pr = table._tbl.tblPr
borders(tbl_pr, "w:tblBorders", {"top": "nil", "left": "nil", "bottom": "nil", "right": "nil",
                                 "insideH": "nil", "insideV": "single"})
mar = OxmlElement("w:tblCellMar")
for side, w in (("top", "40"), ("bottom", "220"), ("left", "110"), ("right", "110")):
    e = OxmlElement(f"w:{side}")
    e.set(qn("w:w"), w)
    e.set(qn("w:type"), "dxa")
    mar.append(e)
tbl_pr.append(mar)
for row in table.rows:
    for c in row.cells:
        c.width = Mm(85)

hdr = table.rows[0]
tr_pr = hdr._tr.get_or_add_trPr()
rep = OxmlElement("w:tblHeader")
rep.set(qn("w:val"), "true")
tr_pr.append(rep)
for c, label in zip(hdr.cells, ("新", "旧")):
    c.paragraphs[0].text = label
    c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    borders(c._tc.get_or_add_tcPr(), "w:tcBorders", {"bottom": "single"})

for row, (new, old) in zip(table.rows[1:], ROWS):
    fill(row.cells[0], new)
    fill(row.cells[1], old)

doc.save(OUT)
