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
