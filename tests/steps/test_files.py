import json
import os
import subprocess

import pytest

from desktop.engine.errors import StepError
from desktop.engine.events import FileOperation
from desktop.steps.files import WriteFile, clean_filename


def write(harness, root, content, **params):
    params.setdefault("folder", "out")
    return harness.run(WriteFile, params, roots={"out": root},
                       run_input=root.parent / "input doc.pdf", content=content)["file"]


def test_writes_into_the_declared_folder_and_journals_it(harness, tmp_path):
    root = tmp_path / "out"
    path = write(harness, root, "hello", filename="{stem}.md")
    assert path == root / "input doc.md" and path.read_text() == "hello"
    ops = [e for e in harness.events if isinstance(e, FileOperation)]
    assert [(o.op, o.target, o.size, o.dry_run) for o in ops] == [("write", str(path), 5, False)]
    assert [p.name for p in root.iterdir()] == ["input doc.md"]   # no temp file left


def test_never_overwrites(harness, tmp_path):
    root = tmp_path / "out"
    first = write(harness, root, "one", filename="same.txt")
    second = write(harness, root, "two", filename="same.txt")
    third = write(harness, root, "three", filename="same.txt")
    assert [first.name, second.name, third.name] == ["same.txt", "same (2).txt", "same (3).txt"]
    assert first.read_text() == "one" and third.read_text() == "three"


def test_json_format(harness, tmp_path):
    path = write(harness, tmp_path / "out", {"total": 214.08, "vendor": "Nørthwind"},
                 filename="{stem}.json")
    assert json.loads(path.read_text()) == {"total": 214.08, "vendor": "Nørthwind"}
    with pytest.raises(StepError, match="the content is not valid JSON"):
        write(harness, tmp_path / "out", "not json", filename="x.json")


def test_names_cannot_escape_the_folder(harness, tmp_path):
    root = tmp_path / "out"
    path = write(harness, root, "x", filename="../../etc/passwd")
    assert path.parent == root
    assert clean_filename("../a/b\\c:d") == "_a_b_c_d"


def test_a_symlink_out_of_the_folder_is_refused(harness, tmp_path):
    root = tmp_path / "out"
    root.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    (root / "report.txt").symlink_to(outside)
    with pytest.raises(StepError, match="outside the declared folder"):
        write(harness, root, "evil", filename="report.txt")
    assert outside.read_text() == "keep me"


def test_dry_run_writes_nothing(harness, tmp_path):
    root = tmp_path / "out"
    path = harness.run(WriteFile, {"folder": "out", "filename": "r.txt"}, roots={"out": root},
                       dry_run=True, content="x")["file"]
    assert path == root / "r.txt" and not root.exists()
    ops = [e for e in harness.events if isinstance(e, FileOperation)]
    assert ops[0].dry_run


def test_undeclared_folder(harness, tmp_path):
    with pytest.raises(StepError, match="folder 'elsewhere' is not declared"):
        write(harness, tmp_path, "x", folder="elsewhere")


def test_unknown_filename_field(harness, tmp_path):
    with pytest.raises(StepError, match=r"unknown field 'vendor' \(known: \{stem\}"):
        write(harness, tmp_path / "out", "x", filename="{vendor}.txt")


def test_folder_that_is_a_file(harness, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("I am a file")
    with pytest.raises(StepError, match="could not write into"):
        write(harness, blocker, "x", filename="r.txt")


@pytest.fixture
def readonly_dir(tmp_path):
    """A folder nobody may write into: a read-only mount when running as root (root
    ignores permission bits), plain permissions otherwise."""
    target = tmp_path / "ro"
    target.mkdir()
    if os.geteuid() != 0:
        target.chmod(0o500)
        yield target
        target.chmod(0o700)
        return
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(target)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot make a read-only folder here: {done.stderr.decode().strip()}")
    yield target
    subprocess.run(["umount", str(target)], check=True)


def test_unwritable_folder(harness, readonly_dir):
    with pytest.raises(StepError, match=f"{readonly_dir}"):
        write(harness, readonly_dir, "x", filename="r.txt")
    assert list(readonly_dir.iterdir()) == []


def test_written_files_have_ordinary_permissions(harness, tmp_path):
    path = write(harness, tmp_path / "out", "x", filename="p.txt")
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_very_long_names_are_shortened_keeping_the_extension(harness, tmp_path):
    path = write(harness, tmp_path / "out", "x", filename="é" * 150 + ".md")
    assert path.suffix == ".md" and len(path.name.encode()) <= 200
    dry = harness.run(WriteFile, {"folder": "out", "filename": "é" * 150 + ".md"},
                      roots={"out": tmp_path / "out"}, dry_run=True, content="x")["file"]
    assert dry.name == path.name.replace(".md", " (2).md")


def test_dry_run_refuses_what_the_real_run_refuses(harness, tmp_path):
    root = tmp_path / "out"
    root.mkdir()
    (root / "report.txt").symlink_to(tmp_path / "elsewhere.txt")
    with pytest.raises(StepError, match="outside the declared folder"):
        harness.run(WriteFile, {"folder": "out", "filename": "report.txt"}, roots={"out": root},
                    dry_run=True, content="x")


def test_name_patterns_with_date_formats_and_record_fields(harness, tmp_path):
    from desktop.steps.files import CopyFile

    src = tmp_path / "scan 001.pdf"
    src.write_bytes(b"%PDF-1.4 test")
    root = tmp_path / "filed"
    out = harness.run(CopyFile, {"folder": "out", "filename": "{date:%Y-%m}_{vendor}_{total}{ext}"},
                      roots={"out": root}, file=src,
                      record={"date": "2026-11-02", "vendor": "Northwind/Office", "total": 214.08})
    assert out["file"].name == "2026-11_Northwind_Office_214.08.pdf"
    two = harness.run(CopyFile, {"folder": "out", "filename": "{date:%Y-%m}_{vendor}_{total}{ext}"},
                      roots={"out": root}, file=src,
                      record={"date": "2026-11-02", "vendor": "Northwind/Office", "total": 214.08})
    assert two["file"].name == "2026-11_Northwind_Office_214.08 (2).pdf"
    with pytest.raises(StepError, match="not a valid pattern"):
        harness.run(CopyFile, {"folder": "out", "filename": "{total:%Y}"}, roots={"out": root},
                    file=src, record={"total": 5})
    dots = harness.run(CopyFile, {"folder": "out", "filename": "{vendor}"}, roots={"out": root},
                       file=src, record={"vendor": "../.."})
    assert dots["file"].parent == root


def test_move_file_is_journaled_and_never_overwrites(harness, tmp_path):
    from desktop.steps.files import MoveFile

    root = tmp_path / "archive"
    root.mkdir()
    (root / "a.pdf").write_text("already here")
    src = tmp_path / "a.pdf"
    src.write_text("new one")
    out = harness.run(MoveFile, {"folder": "out", "filename": "{name}"}, roots={"out": root}, file=src)
    assert out["file"] == root / "a (2).pdf" and not src.exists()
    assert (root / "a.pdf").read_text() == "already here"
    ops = [e for e in harness.events if isinstance(e, FileOperation)]
    assert [(o.op, o.target, o.source) for o in ops] == [("move", str(root / "a (2).pdf"), str(src))]


def test_append_rows_to_csv_and_sqlite(harness, tmp_path):
    import csv
    import sqlite3

    from desktop.steps.files import AppendRow

    root = tmp_path / "ledger"
    for i, vendor in enumerate(["Northwind", "Acme"]):
        harness.run(AppendRow, {"folder": "out", "filename": "ledger.csv"}, roots={"out": root},
                    record={"vendor": vendor, "total": 10 * (i + 1)})
    harness.run(AppendRow, {"folder": "out", "filename": "ledger.csv"}, roots={"out": root},
                record={"vendor": "Extra", "total": 1, "note": "no column"})
    rows = list(csv.DictReader((root / "ledger.csv").open()))
    assert rows == [{"vendor": "Northwind", "total": "10"}, {"vendor": "Acme", "total": "20"},
                    {"vendor": "Extra", "total": "1"}]
    assert any("no column for note" in getattr(e, "message", "") for e in harness.events)
    harness.run(AppendRow, {"folder": "out", "filename": "ledger.db", "table": "invoices"},
                roots={"out": root}, record={"vendor": "Northwind", "items": ["paper", "ink"]})
    con = sqlite3.connect(root / "ledger.db")
    assert con.execute("SELECT vendor, items FROM invoices").fetchall() == [("Northwind", '["paper", "ink"]')]


def test_append_row_unique_by_refuses_a_row_already_in_the_table(harness, tmp_path):
    """The same invoice run twice adds one ledger row: with unique_by, a row whose key
    fields are already there is skipped with a warning (or fails the step)."""
    import csv
    import sqlite3

    from desktop.steps.files import AppendRow

    root = tmp_path / "ledger"
    root.mkdir()
    # a ledger kept in Excel: BOM and CRLF line ends
    (root / "ledger.csv").write_bytes("\ufeffvendor,number,total\r\nAcme,A-1,10\r\n".encode("utf-8"))
    csv_params = {"folder": "out", "filename": "ledger.csv", "unique_by": ["vendor", "number"]}
    again = {"vendor": "Acme", "number": "A-1", "total": 10}
    out = harness.run(AppendRow, csv_params, roots={"out": root}, record=again)
    assert out["record"]["number"] == "A-1"
    harness.run(AppendRow, csv_params, roots={"out": root},
                record={"vendor": "Acme", "number": "A-2", "total": 12})
    rows = list(csv.DictReader((root / "ledger.csv").open(encoding="utf-8-sig")))
    assert [(r["vendor"], r["number"]) for r in rows] == [("Acme", "A-1"), ("Acme", "A-2")]
    warnings = [e.message for e in harness.events if getattr(e, "level", "") == "warning"]
    assert warnings == ["vendor=Acme, number=A-1 is already in ledger.csv (row 1); not added again"]
    with pytest.raises(StepError, match=r"vendor=Acme, number=A-2 is already in ledger.csv \(row 2\)"):
        harness.run(AppendRow, {**csv_params, "if_present": "fail"}, roots={"out": root},
                    record={"vendor": "Acme", "number": "A-2", "total": 12})
    with pytest.raises(StepError, match="unique_by names 'number', which the record does not have"):
        harness.run(AppendRow, csv_params, roots={"out": root}, record={"vendor": "Acme"})

    db_params = {"folder": "out", "filename": "ledger.db", "table": "invoices",
                 "unique_by": ["vendor", "number"]}
    for record in (again, again, {**again, "number": "A-3"}):
        harness.run(AppendRow, db_params, roots={"out": root}, record=record)
    con = sqlite3.connect(root / "ledger.db")
    assert con.execute("SELECT vendor, number FROM invoices").fetchall() == [("Acme", "A-1"), ("Acme", "A-3")]
    assert AppendRow.check_params({"unique_by": "vendor"}) == [
        "option 'unique_by' must be a list of field names, e.g. [vendor, invoice_number]"]


def test_a_pattern_that_gives_an_empty_or_dotted_name(harness, tmp_path):
    from desktop.steps.files import CopyFile

    src = tmp_path / "a.pdf"
    src.write_bytes(b"x")
    root = tmp_path / "out"
    empty = harness.run(CopyFile, {"folder": "out", "filename": "{vendor}"}, roots={"out": root},
                        file=src, record={"vendor": "  ...  "})
    assert empty["file"].name == "output" and empty["file"].parent == root
    up = harness.run(CopyFile, {"folder": "out", "filename": "../{vendor}"}, roots={"out": root},
                     file=src, record={"vendor": "x"})
    assert up["file"].parent == root and up["file"].name == "_x"
