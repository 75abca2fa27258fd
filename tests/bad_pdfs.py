"""Small bad PDFs built by code for the error tests: no tools beyond pypdfium2.

Hand-built files (:func:`build_pdf`) are a few hundred bytes; the scanned and mixed ones
are made from a committed sample with pypdfium2 (render a page, place the bitmap).
"""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
# A CID font without /ToUnicode: its glyphs have no Unicode mapping ((cid:NN) in pdfminer).
_CID_FONT = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /MSGothic /Encoding /Identity-H "
    b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /MSGothic "
    b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
    b"/FontDescriptor << /Type /FontDescriptor /FontName /MSGothic /Flags 4 "
    b"/FontBBox [0 -140 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
    b"/CapHeight 700 /StemV 80 >> >>] >>"
)
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< %s/Length %d >>\nstream\n" % (extra, len(data)) + data + b"\nendstream"


def build_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF of these objects (numbered from 1; object 1 is the catalog), with an xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


def _pages(contents: list[bytes], font: bytes = _FONT, images: bool = False) -> list[bytes]:
    """Catalog, page tree, font, optional image, then a page and its content per entry."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (5 + 2 * k) for k in range(n))
    image = stream(
        b"\x80" * 64,
        b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 ",
    )
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
        font,
        image,
    ]
    for k, content in enumerate(contents):
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> %s>> >>"
            % (6 + 2 * k, b"/XObject << /Im1 4 0 R >> " if images else b"")
        )
        objs.append(stream(content))
    return objs


def text_pdf(text: str = "Hello") -> bytes:
    """One page of Helvetica text, no table."""
    return build_pdf(_pages([f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()]))


def image_pdf(pages: int = 2) -> bytes:
    """Pages that only draw an image: a scan without a text layer."""
    return build_pdf(_pages([b"q 200 0 0 200 0 0 cm /Im1 Do Q"] * pages, images=True))


def cid_pdf() -> bytes:
    """One page whose four glyphs have no Unicode mapping."""
    return build_pdf(_pages([b"BT /F1 12 Tf 20 100 Td <0011002200330044> Tj ET"], font=_CID_FONT))


def many_pages_pdf(n: int) -> bytes:
    """``n`` small text pages (for the page limit)."""
    return build_pdf(_pages([b"BT /F1 12 Tf 20 100 Td (page) Tj ET"] * n))


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def rc4_encrypted_pdf(user: str, owner: str = "owner") -> bytes:
    """:func:`text_pdf` encrypted with the PDF standard security handler, revision 2.

    (40-bit RC4: every reader opens it, and no tool is needed to make it.)
    """
    file_id = hashlib.md5(b"shinkyu").digest()
    perms = -44

    def pad(pw: str) -> bytes:
        return (pw.encode("latin-1") + _PAD)[:32]

    o_entry = _rc4(hashlib.md5(pad(owner)).digest()[:5], pad(user))
    key = hashlib.md5(pad(user) + o_entry + struct.pack("<i", perms) + file_id).digest()[:5]
    u_entry = _rc4(key, _PAD)
    data = b"BT /F1 12 Tf 20 100 Td (Hello) Tj ET"
    objs = _pages([data])
    content_num = 6  # catalog, pages, font, image, page, then this content stream
    obj_key = hashlib.md5(key + struct.pack("<i", content_num)[:3] + b"\0\0").digest()[:10]
    objs[content_num - 1] = stream(_rc4(obj_key, data))
    objs.append(
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (o_entry.hex().encode(), u_entry.hex().encode(), perms)
    )
    trailer = b"/Encrypt %d 0 R /ID [<%s> <%s>] " % (
        len(objs),
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    return build_pdf(objs, trailer)


def scanned_copy(src: Path, dest: Path, *, keep_text: bool = False) -> Path:
    """``src`` as a scan: every page rendered to a grey bitmap placed on an empty page.

    With ``keep_text`` the original pages stay and a scan of page 1 is appended.
    """
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(src)
    out = pdf if keep_text else pdfium.PdfDocument.new()
    for i in range(1 if keep_text else len(pdf)):
        page = pdf[i]
        width, height = page.get_size()
        bitmap = page.render(scale=100 / 72, grayscale=True)
        new = out.new_page(width, height)
        image = pdfium.PdfImage.new(out)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        new.insert_obj(image)
        new.gen_content()
    out.save(dest)
    return dest


def with_pages_of(src: Path, extra: bytes, dest: Path) -> Path:
    """``src`` with the pages of the PDF ``extra`` appended."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(src)
    pdf.import_pages(pdfium.PdfDocument(extra))
    pdf.save(dest)
    return dest
