"""What labelled examples teach: a label the lexicon does not know, a vendor with no
legal form, an identifier after an unknown label, a date's day/month order; and what
they must not do (teach from a document unlike this one, or teach a value). The model's
part is a fixed scorer here; tests/steps/test_extract_examples.py runs the real one."""

from __future__ import annotations

from desktop.engine.document import text_lines
from desktop.extract.record import extract
from desktop.extract.teach import (MIN_SIMILARITY, TAUGHT_LABEL, by_field, label_key, lessons,
                                   prompt_block, taught_bonus)

TOTAL = {"name": "total", "type": "number", "description": "the total amount due"}
DATE = {"name": "date", "type": "date", "description": "the date the invoice was issued"}
NUMBER = {"name": "invoice_number", "type": "string", "description": "the invoice number"}
VENDOR = {"name": "vendor", "type": "string", "description": "the company that issued the invoice"}
FIELDS = [VENDOR, NUMBER, DATE, TOTAL]

# a café's slips: nothing on them is labelled the way an invoice is
OCTOBER = ("Tilly's Kitchen\n12 Harbour Road, Dun Laoghaire\nSlip 00417  Day 02/10/2026\n"
           "Coffee  3.40\nScone  2.80\nAltogether  6.20\nMerci")
NOVEMBER = ("Tilly's Kitchen\n12 Harbour Road, Dun Laoghaire\nSlip 00533  Day 09/11/2026\n"
            "Tea  2.90\nMuffin  3.10\nToast  1.50\nAltogether  7.50\nMerci")
OCTOBER_RECORD = {"vendor": "Tilly's Kitchen", "invoice_number": "00417", "date": "2026-10-02",
                  "total": 6.2}


def flat(question: str, answers: list[str]) -> list[float]:
    return [-1.0] * len(answers)


def read(text: str, taught=()):
    return extract(FIELDS, text_lines(text), flat, None, taught=by_field(taught)).fields


def test_without_examples_the_slip_is_not_trusted():
    got = read(NOVEMBER)
    assert got["vendor"].status == "low_confidence"
    assert got["invoice_number"].status == "not_found"
    assert got["date"].status == "ambiguous"          # 09/11: 9 November or September 11th?
    assert got["total"].status == "not_found"         # 'Altogether' is no label it knows


def test_an_example_of_the_same_slip_teaches_every_field():
    taught = lessons(FIELDS, text_lines(OCTOBER), OCTOBER_RECORD, similarity=0.8)
    by_name = {t.field: t for t in taught}
    assert by_name["total"].label == "altogether" and by_name["total"].where == "left"
    assert by_name["invoice_number"].label == "slip"
    assert by_name["date"].order == "DMY"              # 02/10 was the 2nd of October
    got = read(NOVEMBER, taught)
    assert {n: (r.value, r.status) for n, r in got.items()} == {
        "vendor": ("Tilly's Kitchen", "grounded"), "invoice_number": ("00533", "grounded"),
        "date": ("2026-11-09", "grounded"), "total": (7.5, "grounded")}
    # the value is this document's, where it is printed on it
    assert got["total"].text == "7.50" and got["invoice_number"].text == "00533"


def test_a_month_first_example_reads_the_next_date_month_first():
    us = lessons(FIELDS, text_lines(OCTOBER), {**OCTOBER_RECORD, "date": "2026-02-10"}, similarity=0.8)
    assert {t.field: t.order for t in us}["date"] == "MDY"
    assert read(NOVEMBER, us)["date"].value == "2026-09-11"


def test_two_examples_that_disagree_on_the_order_settle_nothing():
    dmy = lessons(FIELDS, text_lines(OCTOBER), OCTOBER_RECORD, similarity=0.8)
    mdy = lessons(FIELDS, text_lines(OCTOBER), {**OCTOBER_RECORD, "date": "2026-02-10"}, similarity=0.7)
    assert read(NOVEMBER, dmy + mdy)["date"].status == "ambiguous"


def test_an_example_unlike_the_document_teaches_nothing():
    far = lessons(FIELDS, text_lines(OCTOBER), OCTOBER_RECORD, similarity=MIN_SIMILARITY / 2)
    assert far and not by_field(far)
    assert read(NOVEMBER, far)["total"].status == "not_found"
    assert prompt_block(far, {f["name"]: "?" for f in FIELDS}) == ""


def test_a_lesson_teaches_where_to_look_not_what_to_answer():
    taught = lessons(FIELDS, text_lines(OCTOBER), OCTOBER_RECORD, similarity=0.8)
    got = read(NOVEMBER.replace("Altogether  7.50", "Paid by card"), taught)
    # October's 6.20 is not on this slip, and no other amount carries the taught label
    assert got["total"].value != 6.2 and got["total"].status != "grounded"


def test_a_value_the_example_does_not_print_gives_no_lesson():
    taught = lessons(FIELDS, text_lines(OCTOBER), {**OCTOBER_RECORD, "total": 99.99, "vendor": None},
                     similarity=0.8)
    assert {t.field for t in taught} == {"invoice_number", "date"}


def test_labels_are_compared_folded_and_only_where_they_stood():
    assert label_key("Total à payer :") == "total a payer"
    taught = lessons([TOTAL], text_lines("Altogether  6.20"), {"total": 6.2}, similarity=1.0)
    left = next(c for c in _amounts("Altogether  7.50"))
    above = next(c for c in _amounts("Altogether\n7.50") if c.text == "7.50")
    assert taught_bonus(left, taught) == TAUGHT_LABEL
    assert taught_bonus(above, taught) == 0.0


def test_the_demonstrations_show_the_examples_lines_and_answers():
    taught = lessons(FIELDS, text_lines(OCTOBER), OCTOBER_RECORD, similarity=0.8)
    block = prompt_block(taught, {"total": "What is the total amount due?"})
    assert "Altogether  6.20\nQuestion: What is the total amount due?\nAnswer: 6.20" in block
    assert "Slip" not in block                 # only the fields asked about


def _amounts(text: str):
    from desktop.extract.candidates import find_candidates
    return find_candidates(text_lines(text), ["amount"])


def test_a_short_slip_without_a_date_says_not_found_not_another_language():
    got = read(NOVEMBER.replace("  Day 09/11/2026", ""))
    assert got["date"].status == "not_found" and got["date"].reason == "not found in the document"
