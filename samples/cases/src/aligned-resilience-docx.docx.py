"""A 国土強靱化地域計画 revision written in Word (python-docx, printed by LibreOffice), A4 portrait.

Columns 備考 | 見直し前 | 見直し後: the reason column comes first. The table has no rules at all
(every w:tblBorders edge "nil"); the bold header row is repeated on every page (w:tblHeader), and
rows are told apart only by the space after each cell's last paragraph. No location markers: rows
start with the plan's own headings. One 備考 cell is empty. A long paragraph of the 施策 row runs
across the page break. Running page header 「令和７年度第２回東雲町防災会議　資料２」, footer
「N / M」 with page fields. Font Noto Sans CJK JP (embedded by LibreOffice as CFF).

Run by ``samples/print_cases.py``, which sets ``OUT`` (the .docx path) before running this file.
"""

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

FONT = "Noto Sans CJK JP"
TITLE = "東雲町国土強靱化地域計画　見直し新旧対照表"
RED = RGBColor(0xE6, 0x00, 0x12)

# A paragraph is a list of runs; a run is a str (plain) or a tuple (text, flags) where flags holds
# "u" (underlined) and/or "r" (red). One row = (備考 paragraphs, 見直し前 paragraphs, 見直し後 paragraphs).
ROWS = [
    (
        ["計画期間の更新"],
        ["第１章　計画の基本的な考え方",
         "３　計画期間",
         ["　本計画の計画期間は、", ("令和３年度から令和７年度までの５年間", "u"), "とします。"]],
        ["第１章　計画の基本的な考え方",
         "３　計画期間",
         ["　本計画の計画期間は、", ("令和８年度から令和１２年度までの５年間", "u"), "とします。"],
         [("　ただし、国の国土強靱化基本計画の見直しや、大規模自然災害の発生等により必要が生じた場合には、計画期間中であっても見直しを行います。", "u")]],
    ),
    (
        ["令和６年度の災害対応の教訓を踏まえた追加", "被害想定の更新（令和６年３月）"],
        ["第２章　地域特性と想定するリスク",
         "２　想定する大規模自然災害",
         "　本計画では、本町の地域特性や過去の災害の発生状況を踏まえ、次の大規模自然災害を想定します。",
         "・東雲断層帯地震及び南海トラフ地震",
         "・台風や集中豪雨による洪水、内水氾濫",
         "・がけ崩れ、土石流、地すべり等の土砂災害",
         ["　東雲断層帯地震が発生した場合、町内の最大震度は６強、全壊・焼失棟数は", ("約１，３５０棟", "u"), "、死者数は", ("約４０人", "u"), "と想定されています。"]],
        ["第２章　地域特性と想定するリスク",
         "２　想定する大規模自然災害",
         "　本計画では、本町の地域特性や過去の災害の発生状況を踏まえ、次の大規模自然災害を想定します。",
         "・東雲断層帯地震及び南海トラフ地震",
         ["・台風や", ("線状降水帯の発生に伴う", "r"), "集中豪雨による洪水、内水氾濫"],
         "・がけ崩れ、土石流、地すべり等の土砂災害",
         [("・大雪による道路の通行止めや集落の孤立", "r")],
         ["　東雲断層帯地震が発生した場合、町内の最大震度は６強、全壊・焼失棟数は", ("約１，６２０棟", "u"), "、死者数は", ("約５０人", "u"), "と想定されています。"]],
    ),
    (
        [],
        ["第３章　脆弱性評価",
         "－省略－",
         "４　評価結果のポイント",
         ["　", ("ハード整備", "u"), "とソフト対策を適切に組み合わせ、効果的に施策を推進する必要があります。"]],
        ["第３章　脆弱性評価",
         "－省略－",
         "４　評価結果のポイント",
         ["　", ("施設の耐震化や長寿命化などのハード整備", "u"), "とソフト対策を適切に組み合わせ、", ("デジタル技術も活用しながら、", "u"), "効果的に施策を推進する必要があります。"]],
    ),
    (
        ["避難行動要支援者の個別避難計画の作成の努力義務化（令和３年５月）への対応", "福祉避難所の確保に係る施策の具体化", "防災ＤＸの推進"],
        ["第４章　強靱化の推進方針",
         "１　人命の保護",
         "①住宅・建築物の耐震化",
         ["　旧耐震基準で建築された木造住宅の耐震診断及び耐震改修に対する補助を行い、住宅の耐震化を促進します。", ("また、ブロック塀等の撤去を支援します。", "u")],
         "②避難行動要支援者への支援",
         ["　避難行動要支援者名簿を作成し、", ("自主防災組織や民生委員と情報を共有します。", "u")],
         "③避難所の環境整備",
         ["　指定避難所に", ("非常用発電機", "u"), "を整備するとともに、", ("備蓄品の充実", "u"), "を図ります。"]],
        ["第４章　強靱化の推進方針",
         "１　人命の保護",
         "①住宅・建築物の耐震化",
         ["　旧耐震基準で建築された木造住宅の耐震診断及び耐震改修に対する補助を行い、住宅の耐震化を促進します。", ("また、耐震改修が困難な高齢者世帯等に対しては、寝室の一部を補強する耐震シェルターや防災ベッドの設置費用を補助するとともに、通学路や避難路に面したブロック塀等の撤去及び改修を重点的に支援し、地震時の倒壊による被害の防止を図ります。", "u")],
         "②避難行動要支援者への支援",
         ["　避難行動要支援者名簿を作成し、", ("自主防災組織や民生委員、福祉専門職と連携して、優先度の高い方から順に個別避難計画の作成を進めます。あわせて、計画に基づく避難訓練を地区ごとに実施し、実効性の確保を図ります。", "u")],
         "③避難所の環境整備",
         ["　指定避難所に", ("非常用発電機、空調設備及び洋式の仮設トイレ", "u"), "を整備するとともに、", ("段ボールベッドやパーティション等の備蓄品の充実を図ります。また、社会福祉施設等との協定により福祉避難所を確保し、要配慮者の受入体制を整備", "u"), "します。"],
         [("④防災情報の伝達体制の強化", "r")],
         [("　防災行政無線のデジタル化を進めるとともに、防災アプリやＳＮＳ、緊急速報メールなど多様な手段を用いて、災害情報を迅速かつ確実に伝達します。", "r")]],
    ),
    (
        ["実績値の更新及び目標値の見直し"],
        ["第５章　重要業績指標",
         "・住宅の耐震化率",
         ["　現状値　", ("８７．５％（令和元年度）", "u"), "　→　目標値　", ("９２％（令和７年度）", "u")],
         "・自主防災組織の活動カバー率",
         ["　現状値　", ("７８．２％（令和元年度）", "u"), "　→　目標値　", ("８５％（令和７年度）", "u")]],
        ["第５章　重要業績指標",
         "・住宅の耐震化率",
         ["　現状値　", ("９０．３％（令和６年度）", "u"), "　→　目標値　", ("９５％（令和１２年度）", "u")],
         "・自主防災組織の活動カバー率",
         ["　現状値　", ("８３．６％（令和６年度）", "u"), "　→　目標値　", ("９０％（令和１２年度）", "u")],
         [("・個別避難計画の作成率", "u")],
         [("　現状値　３２．０％（令和６年度）　→　目標値　１００％（令和１２年度）", "u")]],
    ),
    (
        ["進捗管理の方法の明確化"],
        ["第６章　計画の推進",
         ["　本計画の推進に当たっては、", ("各施策の進捗状況を把握し、", "u"), "必要に応じて見直しを行います。"]],
        ["第６章　計画の推進",
         ["　本計画の推進に当たっては、", ("重要業績指標の達成状況を毎年度把握し、東雲町防災会議に報告するとともに、ＰＤＣＡサイクルにより", "u"), "必要に応じて見直しを行います。"]],
    ),
]

d = Document()
sec = d.sections[0]
sec.orientation = WD_ORIENT.PORTRAIT
sec.page_width, sec.page_height = Mm(210), Mm(297)
sec.left_margin = sec.right_margin = Mm(20)
sec.top_margin, sec.bottom_margin = Mm(25), Mm(20)
sec.header_distance = Mm(10)
sec.footer_distance = Mm(9)

normal = d.styles["Normal"]
normal.font.name = FONT
normal.font.size = Pt(9.5)
rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
    rfonts.set(qn(attr), FONT)
normal.paragraph_format.space_before = Pt(0)
normal.paragraph_format.space_after = Pt(0)
normal.paragraph_format.line_spacing = 1.1

CENTER = WD_ALIGN_PARAGRAPH.CENTER


def field(par, instr, placeholder):
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = placeholder
    r.append(t)
    fld.append(r)
    par._p.append(fld)


# running header and footer on every page
hp = sec.header.paragraphs[0]
hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
hp.add_run("令和７年度第２回東雲町防災会議　資料２").font.size = Pt(9)
fp = sec.footer.paragraphs[0]
fp.alignment = CENTER
field(fp, "PAGE", "1")
fp.add_run(" / ")
field(fp, "NUMPAGES", "1")

p = d.add_paragraph()
p.alignment = CENTER
p.paragraph_format.space_before = Pt(6)
p.paragraph_format.space_after = Pt(14)
run = p.add_run(TITLE)
run.font.size = Pt(13)
run.bold = True

WIDTHS = [Mm(32), Mm(69), Mm(69)]
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
for cell, label, w in zip(head.cells, ("備考", "見直し前", "見直し後"), WIDTHS):
    cell.width = w
    cp = cell.paragraphs[0]
    cp.alignment = CENTER
    cp.paragraph_format.space_after = Pt(8)
    r = cp.add_run(label)
    r.bold = True
    r.font.size = Pt(10.5)


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
    row = table.add_row()
    for cell, paras, w in zip(row.cells, row_data, WIDTHS):
        cell.width = w
        if not paras:
            cell.paragraphs[0].paragraph_format.space_after = Pt(16)
        for i, runs in enumerate(paras):
            cp = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            if i == len(paras) - 1:
                cp.paragraph_format.space_after = Pt(16)
            add_runs(cp, runs)

d.save(str(OUT))  # noqa: F821 - OUT is set by samples/print_cases.py
