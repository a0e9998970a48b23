"""Readers for the formats documents.read understands besides PDF and plain text:
Word (.docx), web pages (.html) and e-mail (.eml). Standard library only: a .docx is
a zip of XML, an .eml is RFC 5322, HTML goes through html.parser."""

from __future__ import annotations

import email
import email.policy
import io
import re
import zipfile
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

from desktop.engine.errors import StepError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_XML = 50 * 1024 * 1024
_EMAIL_HEADERS = re.compile(rb"^(From|To|Subject|Date|Received|Return-Path|Message-ID|MIME-Version|"
                            rb"Delivered-To|Reply-To|Cc|Content-Type):", re.IGNORECASE | re.MULTILINE)


def sniff(head: bytes) -> str | None:
    """'docx', 'html' or 'email' when the first bytes say so, else None."""
    if head.startswith(b"PK\x03\x04") and b"word/" in head[:4096]:
        return "docx"
    start = head.lstrip()[:512].lower()
    if start.startswith((b"<!doctype html", b"<html")) or (start.startswith(b"<") and b"<body" in head[:4096].lower()):
        return "html"
    top = head[:2048]
    if len(_EMAIL_HEADERS.findall(top)) >= 2 and re.match(rb"^[A-Za-z-]+:", top):
        return "email"
    return None


# ---------------------------------------------------------------- docx

def read_docx(name: str, raw: bytes) -> tuple[list[str], dict[str, str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > _MAX_XML:
                raise StepError(f"{name}: the document text is larger than 50 MB")
            root = ET.fromstring(z.read(info))
            meta = {}
            if "docProps/core.xml" in z.namelist():
                for el in ET.fromstring(z.read("docProps/core.xml")):
                    tag = el.tag.rsplit("}", 1)[-1].lower()
                    if el.text and tag in ("title", "creator", "subject", "created", "modified"):
                        meta["author" if tag == "creator" else tag] = el.text.strip()
    except KeyError:
        raise StepError(f"{name} is a zip file but not a Word document (no word/document.xml)") from None
    except (zipfile.BadZipFile, ET.ParseError, EOFError) as e:
        raise StepError(f"{name} is damaged or not a valid Word document ({e})") from None
    pages, current = [], []
    for block in root.iter():
        if block.tag == f"{W}p":
            text = "".join((t.text or "") if t.tag == f"{W}t" else "\t" if t.tag == f"{W}tab" else ""
                           for t in block.iter())
            current.append(text)
            # a page break inside the paragraph starts a new page after it
            if any(br.get(f"{W}type") == "page" for br in block.iter(f"{W}br")):
                pages.append("\n".join(current).strip())
                current = []
    pages.append("\n".join(current).strip())
    pages = [p for p in pages if p] or [""]
    return pages, meta


# ---------------------------------------------------------------- html

_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
          "header", "footer", "table", "ul", "ol", "blockquote", "pre", "hr", "title"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP:
            self.skip += 1
        if tag == "title":
            self._in_title = True
        if tag in _BLOCK:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str]:
    """(readable text, title)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip(), " ".join(parser.title.split())


# ---------------------------------------------------------------- email

def read_email(name: str, raw: bytes) -> tuple[list[str], dict[str, str]]:
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as e:     # the parser is lenient; anything it raises means junk
        raise StepError(f"{name} is not a readable e-mail ({e})") from None
    meta = {k.lower(): str(msg.get(k, "")) for k in ("From", "To", "Cc", "Subject", "Date")
            if msg.get(k)}
    body = msg.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        content = body.get_content()
        text = html_to_text(content)[0] if body.get_content_type() == "text/html" else content
    attachments = []
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True) or b""
        attachments.append(f"{part.get_filename() or 'unnamed'} ({part.get_content_type()}, "
                           f"{len(payload)} bytes)")
    if attachments:
        meta["attachments"] = "; ".join(attachments)
    head = "\n".join(f"{k.capitalize()}: {v}" for k, v in meta.items() if k != "attachments")
    listing = ("\n\nAttachments:\n" + "\n".join(f"- {a}" for a in attachments)) if attachments else ""
    return [f"{head}\n\n{text.strip()}{listing}".strip()], meta
