"""``shinkyu review``: an offline HTML report of what was read, per document and per batch.

Stages, each a small function over the model:

- :func:`load_review_inputs`: a convert output folder (json or jsonl) or one JSON file →
  documents, and the failures of ``errors.jsonl``;
- :func:`document_to_view`: a :class:`~shinkyu.schemas.model.Document` → a
  :class:`DocumentView`, what the page shows: each entry's cells in the document's column
  order as spans of text carrying the publisher's marks and the facts the analysis found
  (with their parsed values), and the entry's changes as short lines;
- :func:`entry_crops`: the source page(s) of each entry rendered by PDFium, cropped to the
  entry, with its cell boxes drawn (cached by the PDF's sha256);
- :func:`batch_charts`: matplotlib SVGs of the changes per document and of KPI targets;
- :func:`write_review`: Jinja2 templates (``shinkyu/templates/``, autoescaped) → the
  folder: ``index.html``, one page per document, ``img/`` with the crops. Everything is
  offline: no network, CSS inline, images beside the pages, fonts from the system.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shinkyu.export import iter_documents
from shinkyu.extract.inputs import file_sha256
from shinkyu.schemas.model import Cell, Document, Entry, Kpi, Quantity

ROLE_NAMES = {"label": "項目", "before": "変更前", "after": "変更後", "reason": "理由"}
CROP_SCALE = 1.25  # pixels per point of the page crops
CROP_MARGIN = 6.0  # points around an entry's cells
BOX_COLOURS = {
    "label": (120, 120, 120),
    "before": (30, 90, 200),
    "after": (200, 40, 40),
    "reason": (40, 150, 60),
}


# -- inputs ---------------------------------------------------------------------------------


@dataclass
class ReviewInputs:
    documents: list[Document]
    failures: list[dict[str, Any]]  # errors.jsonl records
    unreadable: list[tuple[Path, str]]  # output files that are not documents


def load_review_inputs(path: str | Path) -> ReviewInputs:
    """The documents of a ``shinkyu convert --out`` folder (or one JSON file) and its failures."""
    path = Path(path)
    bad: list[tuple[Path, str]] = []
    if path.is_file():
        try:
            docs = [Document.model_validate_json(path.read_text(encoding="utf-8"))]
        except ValueError as e:
            docs, bad = [], [(path, f"{type(e).__name__}: {str(e).splitlines()[0]}")]
        return ReviewInputs(docs, [], bad)
    docs = list(iter_documents(path, bad))
    failures = []
    errors = path / "errors.jsonl"
    if errors.is_file():
        for line in errors.read_text(encoding="utf-8").splitlines():
            try:
                failures.append(json.loads(line))
            except ValueError:
                continue
    return ReviewInputs(docs, failures, bad)


# -- the page model ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A run of a cell's text with the same marks and facts."""

    text: str
    classes: tuple[str, ...] = ()  # underline, color, fact-project, fact-kpi, fact-date …
    title: str | None = None  # the facts' parsed values, shown on hover
    color: str | None = None  # the publisher's colour


@dataclass
class CellView:
    role: str
    heading: str  # the column as printed (変更前, 現行 …)
    spans: list[Span]
    facts: list[str]  # one line per fact found, with its parsed values
    ocr_confidence: float | None = None


@dataclass
class EntryView:
    id: str
    pages: list[int]
    plan_pages: list[int]
    cells: list[CellView]  # in the document's column order
    changes: list[str]
    crops: list[str] = field(default_factory=list)  # image paths relative to the page
    warnings: list[str] = field(default_factory=list)


@dataclass
class DocumentView:
    slug: str
    title: str
    municipality: str | None
    code: str | None
    path: str
    sha256: str
    pages: int
    entries: list[EntryView]
    warnings: list[str]
    ocr: str | None
    projects_before: int
    projects_after: int
    kpis: int
    crops_note: str | None = None

    @property
    def warning_count(self) -> int:
        return len(self.warnings) + sum(len(e.warnings) for e in self.entries)


def quantity_text(q: Quantity | None) -> str:
    """「21 事業者 (2019)」: a value with its unit and year, as parsed."""
    if q is None:
        return "—"
    value = q.raw if q.value is None else f"{q.value:,}".rstrip("0").rstrip(".")
    if q.value is not None and isinstance(q.value, float) and q.value.is_integer():
        value = f"{int(q.value):,}"
    unit = f" {q.unit}" if q.unit else ""
    year = f" ({q.year})" if q.year else (" (各年度)" if q.every_year else "")
    qual = f" {q.qualifier}" if q.qualifier else ""
    return f"{value}{unit}{qual}{year}"


def kpi_text(k: Kpi) -> str:
    if k.not_set:
        return f"{k.indicator}: 設定しない"
    target = k.target_note if k.target is None and k.target_note else quantity_text(k.target)
    return f"{k.indicator}: 基準 {quantity_text(k.baseline)} → 目標 {target}"


def _facts(cell: Cell) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, description) of what the analysis found in the cell."""
    out: list[tuple[int, int, str, str]] = []
    for p in cell.projects:
        status = f"・{p.status}" if p.status else ""
        out.append((p.start, p.end, "project", f"事業: {p.name}（{p.kind}{status}）"))
        for k in p.kpis:
            if k.start is not None and k.end is not None:
                out.append((k.start, k.end, "kpi", f"KPI: {kpi_text(k)}"))
    for k in cell.kpis:
        if k.start is not None and k.end is not None:
            out.append((k.start, k.end, "kpi", f"KPI: {kpi_text(k)}"))
    for t in cell.targets:
        target = t.target_note if t.target is None and t.target_note else quantity_text(t.target)
        out.append(
            (
                t.start,
                t.end,
                "target",
                f"目標: {t.indicator}: 基準 {quantity_text(t.baseline)} → 目標 {target}",
            )
        )
    for d in cell.dates:
        covered = f"{d.start_date} – {d.end_date}" if d.start_date else "?"
        out.append((d.start, d.end, "date", f"日付: {d.text} = {covered}"))
    return [f for f in out if 0 <= f[0] < f[1] <= len(cell.text)]


def cell_to_spans(cell: Cell) -> list[Span]:
    """The cell's text cut where a mark or a fact begins or ends."""
    text = cell.text
    n = len(text)
    classes: list[set[str]] = [set() for _ in range(n)]
    titles: list[list[str]] = [[] for _ in range(n)]
    colours: list[str | None] = [None] * n
    for m in cell.marks:
        for i in range(max(0, m.start), min(n, m.end)):
            classes[i].add(m.kind)
            if m.kind == "color":
                colours[i] = m.color
    for start, end, kind, desc in _facts(cell):
        for i in range(start, end):
            classes[i].add(f"fact-{kind}")
            if desc not in titles[i]:
                titles[i].append(desc)
    spans: list[Span] = []
    i = 0
    while i < n:
        j = i + 1
        key = (classes[i], titles[i], colours[i])
        while j < n and (classes[j], titles[j], colours[j]) == key:
            j += 1
        spans.append(
            Span(
                text[i:j],
                tuple(sorted(classes[i])),
                "\n".join(titles[i]) or None,
                colours[i],
            )
        )
        i = j
    return spans


def entry_changes(entry: Entry) -> list[str]:
    """The entry's changes as short lines: projects, KPIs, text."""
    ch = entry.changes
    if ch is None:
        return []
    words = {"added": "追加", "removed": "削除", "renamed": "名称変更", "modified": "変更"}
    lines = []
    for p in ch.projects:
        if p.status == "unchanged" and not any(k.status != "unchanged" for k in p.kpis):
            continue
        name = p.after if p.status == "added" else p.before
        if p.status == "renamed":
            name = f"{p.before} → {p.after}"
        lines.append(f"事業{words.get(p.status, p.status)}: {name}")
        for k in p.kpis:
            if k.status == "unchanged":
                continue
            before = kpi_text(k.before) if k.before else "—"
            after = kpi_text(k.after) if k.after else "—"
            lines.append(f"　KPI{words.get(k.status, k.status)}: {before} ⇒ {after}")
    if ch.text:
        unmarked = f"（うち傍線・色なし {ch.unmarked}）" if ch.unmarked else ""
        lines.append(f"本文の変更 {len(ch.text)} 箇所{unmarked}")
    return lines


def _slug(doc: Document, index: int) -> str:
    stem = re.sub(r"[^0-9A-Za-z_.-]+", "-", Path(doc.source.path).stem).strip("-")[:40]
    return f"{index:04d}-{stem or 'document'}"


def document_to_view(doc: Document, index: int = 1) -> DocumentView:
    """What a document's page shows."""
    warnings_by_entry: dict[str, list[str]] = {}
    doc_warnings = []
    for w in doc.warnings:
        line = f"{w.code}: {w.message}" + (f" (p. {w.page})" if w.page else "")
        if w.entry:
            warnings_by_entry.setdefault(w.entry, []).append(line)
        else:
            doc_warnings.append(line)
    entries = []
    for e in doc.entries:
        columns = doc.tables[e.table].columns if e.table < len(doc.tables) else doc.columns
        cells = []
        seen: set[str] = set()
        for col in columns:
            role = col.role.value
            cell = getattr(e, role)
            if cell is None or role in seen:
                continue
            seen.add(role)
            cells.append(
                CellView(
                    role,
                    col.label or ROLE_NAMES[role],
                    cell_to_spans(cell),
                    [f[3] for f in sorted(_facts(cell))],
                    cell.ocr_confidence,
                )
            )
        entries.append(
            EntryView(
                e.id,
                e.pages,
                e.plan_pages,
                cells,
                entry_changes(e),
                warnings=warnings_by_entry.get(e.id, []),
            )
        )
    m = doc.municipality
    return DocumentView(
        slug=_slug(doc, index),
        title=doc.title or Path(doc.source.path).name,
        municipality=m.name if m else None,
        code=m.code if m else None,
        path=doc.source.path,
        sha256=doc.source.sha256,
        pages=doc.source.page_count,
        entries=entries,
        warnings=doc_warnings,
        ocr=(
            f"{doc.ocr.engine}, {doc.ocr.dpi} dpi, pages {', '.join(map(str, doc.ocr.pages))}"
            if doc.ocr
            else None
        ),
        projects_before=sum(len(e.before.projects) for e in doc.entries),
        projects_after=sum(len(e.after.projects) for e in doc.entries),
        kpis=sum(
            len(e.after.kpis) + sum(len(p.kpis) for p in e.after.projects) for e in doc.entries
        ),
    )


# -- crops ---------------------------------------------------------------------------------


def find_pdf(doc: Document, pdf_root: Path | None) -> Path | None:
    """The source PDF: at ``source.path``, else under ``pdf_root`` by its relative path or name."""
    src = Path(doc.source.path)
    candidates = [src]
    if pdf_root is not None:
        candidates += [pdf_root / src, pdf_root / src.name]
    return next((p for p in candidates if p.suffix.lower() == ".pdf" and p.is_file()), None)


def entry_crops(doc: Document, view: DocumentView, pdf: Path, img_dir: Path) -> None:
    """Render each entry's page part with its cell boxes.

    Files are named by the PDF's sha256 and reused when present (a rerun renders nothing).
    """
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    from shinkyu.extract.pdfium_reader import PDFIUM_LOCK, render_rgb

    img_dir.mkdir(parents=True, exist_ok=True)
    key = doc.source.sha256[:16]
    wanted: dict[int, list[tuple[EntryView, list[tuple[str, Any]]]]] = {}
    for e, ev in zip(doc.entries, view.entries, strict=True):
        boxes: dict[int, list[tuple[str, Any]]] = {}
        for role in ("label", "before", "after", "reason"):
            cell = getattr(e, role)
            for p in cell.prov if cell is not None else []:
                bbox = getattr(p, "bbox", None)
                if bbox is not None:
                    boxes.setdefault(p.page, []).append((role, bbox))
        for page, bs in sorted(boxes.items()):
            name = f"{key}-{e.id}-p{page}.png"
            ev.crops.append(f"img/{name}")
            if not (img_dir / name).exists():
                wanted.setdefault(page, []).append((ev, bs))
    if not wanted:
        return
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(str(pdf))
    try:
        for page, items in sorted(wanted.items()):
            if page > len(document):
                continue
            image = render_rgb(document, page - 1, CROP_SCALE)
            for ev, bs in items:
                x0 = max(0.0, min(b[0] for _, b in bs) - CROP_MARGIN)
                top = max(0.0, min(b[1] for _, b in bs) - CROP_MARGIN)
                x1 = max(b[2] for _, b in bs) + CROP_MARGIN
                bottom = max(b[3] for _, b in bs) + CROP_MARGIN
                crop = image.crop(
                    (
                        int(x0 * CROP_SCALE),
                        int(top * CROP_SCALE),
                        int(x1 * CROP_SCALE),
                        int(bottom * CROP_SCALE),
                    )
                )
                draw = ImageDraw.Draw(crop)
                for role, b in bs:
                    draw.rectangle(
                        [
                            (b[0] - x0) * CROP_SCALE,
                            (b[1] - top) * CROP_SCALE,
                            (b[2] - x0) * CROP_SCALE,
                            (b[3] - top) * CROP_SCALE,
                        ],
                        outline=BOX_COLOURS[role],
                        width=2,
                    )
                # 64 colours: a page of text and coloured boxes, a tenth of the bytes
                small = crop.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
                small.save(img_dir / f"{doc.source.sha256[:16]}-{ev.id}-p{page}.png")
    finally:
        with PDFIUM_LOCK:
            document.close()


# -- charts ----------------------------------------------------------------------------------


def batch_charts(docs: Sequence[Document]) -> dict[str, str]:
    """Inline SVGs: changes by kind per document, and KPI targets before vs after."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"  # text drawn by the browser with its fonts
    kinds = ["project added", "project removed", "project renamed", "KPI changed", "text"]
    counts = {k: [0] * len(docs) for k in kinds}
    pairs: list[tuple[float, float]] = []
    for i, d in enumerate(docs):
        for e in d.entries:
            if e.changes is None:
                continue
            counts["text"][i] += len(e.changes.text)
            for p in e.changes.projects:
                kind = f"project {p.status}"
                if kind in counts:
                    counts[kind][i] += 1
                for kc in p.kpis:
                    if kc.status == "modified":
                        counts["KPI changed"][i] += 1
                        b = kc.before.target if kc.before else None
                        a = kc.after.target if kc.after else None
                        if b and a and b.value is not None and a.value is not None:
                            pairs.append((float(b.value), float(a.value)))
    charts: dict[str, str] = {}
    fig, ax = plt.subplots(figsize=(max(4.0, 0.35 * len(docs) + 2), 2.6))
    bottom = [0] * len(docs)
    xs = list(range(1, len(docs) + 1))
    for k in kinds:
        ax.bar(xs, counts[k], bottom=bottom, label=k)
        bottom = [b + c for b, c in zip(bottom, counts[k], strict=True)]
    ax.set_xlabel("document (row number in the table)")
    ax.set_ylabel("changes")
    ax.legend(fontsize=7, ncol=3)
    charts["changes"] = _svg(fig, io, plt)
    if pairs:
        fig, ax = plt.subplots(figsize=(3.4, 3.2))
        ax.scatter([p[0] for p in pairs], [p[1] for p in pairs], s=12)
        lo = min(min(p) for p in pairs)
        hi = max(max(p) for p in pairs)
        ax.plot([lo, hi], [lo, hi], linewidth=0.8, color="grey")
        if lo > 0 and hi / lo > 100:
            ax.set_xscale("log")
            ax.set_yscale("log")
        ax.set_xlabel("KPI target before")
        ax.set_ylabel("KPI target after")
        charts["kpi_targets"] = _svg(fig, io, plt)
    return charts


def _svg(fig: Any, io: Any, plt: Any) -> str:
    buf = io.StringIO()
    fig.tight_layout()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    svg: str = buf.getvalue()
    return svg[svg.index("<svg") :]


# -- writing ---------------------------------------------------------------------------------


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("shinkyu", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass
class ReviewResult:
    index: Path
    documents: int
    failures: int
    crops: int
    notes: list[str]


def write_review(
    inputs: ReviewInputs, to: str | Path, *, pdf_root: str | Path | None = None
) -> ReviewResult:
    """Write the report into ``to``: ``index.html``, a page per document, ``img/``."""
    from markupsafe import Markup

    to = Path(to)
    to.mkdir(parents=True, exist_ok=True)
    env = _environment()
    root = Path(pdf_root) if pdf_root is not None else None
    notes: list[str] = [f"{p}: not a document ({why})" for p, why in inputs.unreadable]
    views = []
    crops = 0
    for i, doc in enumerate(inputs.documents, start=1):
        view = document_to_view(doc, i)
        pdf = find_pdf(doc, root)
        if pdf is None:
            view.crops_note = (
                f"The source PDF was not found at {doc.source.path}"
                + (f" nor under {root}" if root else "")
                + ": page crops are left out (pass --pdf-root)."
            )
        elif file_sha256(pdf) != doc.source.sha256:
            view.crops_note = (
                f"{pdf} is not the file that was converted (sha256 differs): no crops."
            )
        else:
            entry_crops(doc, view, pdf, to / "img")
            crops += sum(len(e.crops) for e in view.entries)
        if view.crops_note:
            notes.append(f"{doc.source.path}: {view.crops_note}")
        (to / f"{view.slug}.html").write_text(
            env.get_template("document.html.j2").render(doc=view), encoding="utf-8"
        )
        views.append(view)
    charts = {k: Markup(v) for k, v in batch_charts(inputs.documents).items()}
    index = to / "index.html"
    index.write_text(
        env.get_template("index.html.j2").render(
            docs=views, failures=inputs.failures, charts=charts, notes=notes
        ),
        encoding="utf-8",
    )
    return ReviewResult(index, len(views), len(inputs.failures), crops, notes)


def review(
    folder: str | Path, to: str | Path, *, pdf_root: str | Path | None = None
) -> ReviewResult:
    """``shinkyu review FOLDER --to DIR``: load the outputs and write the report."""
    return write_review(load_review_inputs(folder), to, pdf_root=pdf_root)
