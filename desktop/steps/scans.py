"""The searchable copy of a scan: a thin step over desktop/ocr/searchable.py. The copy
looks exactly like the original, with the text OCR read laid invisibly over each word,
so any PDF viewer can search and select it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from desktop.engine.context import StepContext
from desktop.engine.document import Document
from desktop.engine.errors import StepError
from desktop.engine.spec import Param, Port, Step, StepSpec
from desktop.engine.types import PortType
from desktop.steps.files import PART_PREFIX, numbered_free, target_name, write_new, writing_into


class SearchablePdf(Step):
    spec = StepSpec(
        id="documents.searchable_pdf",
        title="Searchable PDF copy",
        category="Documents",
        description="Writes a copy of a scanned PDF or an image as a PDF that looks the same, "
                    "with the text OCR read laid invisibly over each word, so any PDF viewer can "
                    "search it and copy from it. Pages that had a text layer are copied as they "
                    "are. An existing file is never replaced: a number is added.",
        inputs=(Port("document", PortType.DOCUMENT, help="a document read by 'Read document'"),),
        outputs=(Port("file", PortType.FILE, help="the searchable PDF"),),
        params=(
            Param("folder", "folder", "output", required=True, help="the declared folder to write into"),
            Param("filename", "string", "{stem} (searchable).pdf", required=True,
                  help="name of the copy; {stem}, {name}, {today} are filled in"),
        ),
        side_effects=True,
    )

    def run(self, ctx: StepContext, **inputs: Any) -> dict[str, Any]:
        from desktop.ocr.searchable import SearchableError, write_searchable_pdf

        doc = inputs["document"]
        if not isinstance(doc, Document) or doc.kind not in ("pdf", "image"):
            kind = doc.kind if isinstance(doc, Document) else type(doc).__name__
            raise StepError(f"a searchable PDF is made from a PDF or an image; this is {kind}")
        if not doc.path.is_file():
            raise StepError(f"{doc.name} is no longer at {doc.path.parent}; it was moved or "
                            "deleted after it was read")
        root = ctx.root(ctx.params["folder"])
        name = target_name(ctx, doc.path, None)
        if not name.lower().endswith(".pdf"):
            name += ".pdf"
        ocr_pages = {n: doc.source_page(n) for n, _c in doc.recognised}
        if not ocr_pages and doc.kind == "pdf":
            ctx.log(f"{doc.name} has a text layer on every page read; the copy is the same PDF")
        if ctx.dry_run:
            target = numbered_free(root, name)
            ctx.journal("write", target, size=None)
            ctx.log(f"dry run: would write {target} (searchable, {len(ocr_pages)} page(s) "
                    "with recognised text)")
            return {"file": target}
        with writing_into(root):
            root.mkdir(parents=True, exist_ok=True)
            # built beside its destination (inside the declared folder), then linked in
            # under a free name like every file Runnel writes
            fd, part = tempfile.mkstemp(prefix=f"{PART_PREFIX}{os.getpid()}-", suffix=".part", dir=root)
            os.close(fd)
            try:
                try:
                    write_searchable_pdf(doc.path, Path(part), doc.lines, ocr_pages, doc.page_sizes)
                except SearchableError as e:
                    raise StepError(str(e)) from None
                data = Path(part).read_bytes()
            finally:
                Path(part).unlink(missing_ok=True)
            target = write_new(root, name, data, lambda t: ctx.journal("write", t, content=data))
        ctx.log(f"wrote {target.name}: {len(ocr_pages)} page(s) with recognised text laid over them")
        return {"file": target}


STEPS = [SearchablePdf]
