"""Builds small, real PDF files with a text layer (Helvetica), page by page, so tests
and the shipped samples need no PDF toolkit beyond pypdf."""

from __future__ import annotations

from pathlib import Path


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[str], title: str = "", author: str = "") -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")                     # filled in below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for text in pages:
        lines = text.split("\n")
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 770 Td"]
        for line in lines:
            ops.append(f"({_escape(line)}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
                        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages_obj, font, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                              + b"] /Count %d >>" % len(kids))
    info = add(b"<< /Title (%s) /Author (%s) /Producer (Runnel tests) >>"
               % (_escape(title).encode("latin-1"), _escape(author).encode("latin-1")))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, catalog, info, xref))
    return bytes(out)


def write_pdf(path: Path, pages: list[str], title: str = "", author: str = "") -> Path:
    path.write_bytes(make_pdf(pages, title, author))
    return path


def write_encrypted_pdf(path: Path, pages: list[str], user_password: str) -> Path:
    """Encrypted with AES-256; an empty user password opens without asking."""
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(make_pdf(pages))))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    with path.open("wb") as f:
        writer.write(f)
    return path


INVOICE_PAGES = [
    "INVOICE  No. 2026-0417\n"
    "Northwind Office Supplies Ltd., 12 Harbour Street, Bristol\n"
    "Date: 2026-11-02    Due: 2026-12-02\n"
    "Bill to: Avery Consulting, 4 Mill Lane, Leeds\n"
    "\n"
    "Item                          Qty   Unit    Amount\n"
    "Recycled paper A4 (box)         4   24.50    98.00\n"
    "Ink cartridges, black           2   31.00    62.00\n"
    "Desk organiser                  1   18.40    18.40\n"
    "\n"
    "Subtotal 178.40   VAT 20% 35.68   Total due GBP 214.08",
    "Payment terms\n"
    "Please pay by bank transfer within 30 days quoting the invoice number.\n"
    "Late payments may incur interest at 4% above base rate.\n"
    "Thank you for your business.",
]


# ---------------------------------------------------------------------------
# Positioned text ("layout") PDFs: A4 pages, Helvetica / Helvetica-Bold with WinAnsiEncoding,
# each item placed at an exact point, so a test can build invoices, receipts and letters
# that look like the real thing (columns, right-aligned amounts, captions under values).

A4_WIDTH, A4_HEIGHT = 595, 842

# Advance widths (1/1000 em) of cp1252 codes 32..255, from the Adobe core-font AFM files.
# Codes cp1252 leaves undefined are 0 and never drawn (encoding them fails first).
_HELVETICA_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
    722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
    556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
    500, 334, 260, 334, 584, 0, 556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333,
    1000, 0, 611, 0, 0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500,
    667, 278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400,
    584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, 667, 667, 667,
    667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778,
    778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, 556, 556, 556, 556, 556, 556, 889,
    500, 556, 556, 556, 556, 278, 278, 278, 278, 556, 556, 556, 556, 556, 556, 556, 584, 611,
    556, 556, 556, 556, 500, 556, 500,
)
_HELVETICA_BOLD_WIDTHS = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722,
    722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
    611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556,
    500, 389, 280, 389, 584, 0, 556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333,
    1000, 0, 611, 0, 0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500,
    667, 278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400,
    584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611, 722, 722, 722,
    722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778,
    778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, 556, 556, 556, 556, 556, 556, 889,
    556, 556, 556, 556, 556, 278, 278, 278, 278, 611, 611, 611, 611, 611, 611, 611, 584, 611,
    611, 611, 611, 611, 556, 611, 556,
)


def _winansi(text: str) -> bytes:
    """cp1252 bytes of `text`; a character outside it is an error, not a silent '?'."""
    return text.encode("cp1252")


def _escape_bytes(raw: bytes) -> bytes:
    return (raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            .replace(b"\r", b"\\r").replace(b"\n", b"\\n"))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of `text` set in Helvetica (or Helvetica-Bold) at `size`."""
    table = _HELVETICA_BOLD_WIDTHS if bold else _HELVETICA_WIDTHS
    return sum(table[b - 32] if b >= 32 else 0 for b in _winansi(text)) * size / 1000.0


def _num(value: float) -> bytes:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return (text if text not in ("", "-0") else "0").encode("ascii")


def make_layout_pdf(pages: list[list[tuple]], title: str = "") -> bytes:
    """A PDF of A4 pages (595 x 842 pt) whose text sits at exact positions.

    Each page is a list of items `(x, y, text, size, bold)`: x, y in points from the page's
    TOP-LEFT corner, y being the text's baseline; text a str (cp1252 characters only: €, £,
    ä, ß, é, ñ, °, º ... work); size in points; bold picks Helvetica-Bold. An item
    `("line", x1, y1, x2, y2)` or `("line", x1, y1, x2, y2, width)` draws a thin rule (same
    top-left coordinates; width 0.5 pt unless given)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")                     # filled in below
    pages_obj = add(b"")
    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                  b"/Encoding /WinAnsiEncoding >>")
    bold_font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
                    b"/Encoding /WinAnsiEncoding >>")
    kids = []
    for items in pages:
        ops: list[bytes] = []
        for item in items:
            if item and item[0] == "line":
                x1, y1, x2, y2 = item[1:5]
                width = item[5] if len(item) > 5 else 0.5
                ops.append(b"%s w %s %s m %s %s l S" % (
                    _num(width), _num(x1), _num(A4_HEIGHT - y1), _num(x2), _num(A4_HEIGHT - y2)))
                continue
            x, y, text, size, bold = item
            ops.append(b"BT /%s %s Tf %s %s Td (%s) Tj ET" % (
                b"F2" if bold else b"F1", _num(size), _num(x), _num(A4_HEIGHT - y),
                _escape_bytes(_winansi(text))))
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
                        b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages_obj, A4_WIDTH, A4_HEIGHT, regular, bold_font, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                              + b"] /Count %d >>" % len(kids))
    if title.isascii():
        title_obj = b"(%s)" % _escape_bytes(title.encode("ascii"))
    else:                                  # a PDF text string: UTF-16BE with its byte-order mark
        title_obj = b"<FEFF%s>" % title.encode("utf-16-be").hex().upper().encode("ascii")
    info = add(b"<< /Title %s /Producer (Runnel tests) >>" % title_obj)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, catalog, info, xref))
    return bytes(out)


def write_layout_pdf(path: Path, pages: list[list[tuple]], title: str = "") -> Path:
    path = Path(path)
    path.write_bytes(make_layout_pdf(pages, title))
    return path


# resources/samples/receipt-harbour-coffee.pdf: a café's receipt with no number on it,
# so Invoice intake sends it to review (tests/test_samples.py keeps the file in step)
HARBOUR_RECEIPT = [[
    (72, 90, "Harbour Coffee Co", 18, True),
    (72, 110, "4 Quay Street, Cork", 10, False),
    (72, 124, "VAT IE 6388047V", 10, False),
    (72, 160, "14 March 2026   10:42", 10, False),
    ("line", 72, 172, 300, 172),
    (72, 192, "Flat white", 11, False), (250, 192, "3.50", 11, False),
    (72, 210, "Scone with jam", 11, False), (250, 210, "3.50", 11, False),
    ("line", 72, 222, 300, 222),
    (72, 242, "Total", 12, True), (230, 242, "EUR 7.00", 12, True),
    (72, 262, "Paid by card", 10, False),
    (72, 300, "Thank you - see you soon!", 10, False),
]]
