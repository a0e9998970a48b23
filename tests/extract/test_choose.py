"""The choice among candidates: label priors, "none of them", the confidence and the
flags. The model's part is a fixed scorer here (every answer equally likely), so what is
tested is how the evidence is weighed; tests/steps/test_extract.py runs the real model."""

from __future__ import annotations

from desktop.engine.document import text_lines
from desktop.extract.candidates import find_candidates
from desktop.extract.choose import choose
from desktop.extract.concepts import field_concept, field_kind, label_prior
from desktop.extract.grounding import find_span
from desktop.extract.names import name_candidates
from desktop.extract.record import extract

TOTAL = {"name": "total", "type": "number", "description": "the total amount due"}
DATE = {"name": "date", "type": "date", "description": "the date the invoice was issued"}
NUMBER = {"name": "invoice_number", "type": "string", "description": "the invoice number"}
VENDOR = {"name": "vendor", "type": "string", "description": "the company that issued the invoice"}


def flat(question: str, answers: list[str]) -> list[float]:
    return [-1.0] * len(answers)


def pick(spec: dict, text: str, min_confidence: float = 0.6):
    lines = text_lines(text)
    kind = field_kind(spec)
    cands = name_candidates(lines) if kind == "name" else \
        [c for c in find_candidates(lines, [kind])]
    return choose(spec, cands, lines, "q", flat, concept=field_concept(spec),
                  min_confidence=min_confidence)


def test_fields_get_the_kind_and_concept_their_words_name():
    assert field_kind(TOTAL) == "amount" and field_concept(TOTAL).name == "total"
    assert field_kind(DATE) == "date" and field_concept(DATE).name == "issue_date"
    assert field_kind(NUMBER) == "identifier" and field_concept(NUMBER).name == "invoice_number"
    assert field_kind(VENDOR) == "name" and field_concept(VENDOR).name == "vendor"
    assert field_kind({"name": "currency", "type": "string"}) == "currency"
    assert field_kind({"name": "due", "type": "date", "description": "when it must be paid"}) == "date"
    assert field_concept({"name": "due", "type": "date", "description": "the due date"}).name == "due_date"
    assert field_kind({"name": "summary", "type": "string"}) == "text"
    assert field_kind({"name": "x", "type": "string", "kind": "iban"}) == "iban"


def test_labels_speak_for_and_against_in_five_languages():
    total = field_concept(TOTAL)
    for label in ("Total due", "Gesamtbetrag", "Net à payer", "Totaal te betalen", "Importe total",
                  "Gesamtbetrag inkl. MwSt.", "Total TTC", "Bruttobetrag"):
        assert label_prior(label, total, TOTAL) > 1, label
    for label in ("Subtotal", "Zwischensumme", "Sous-total HT", "MwSt. 19 %", "VAT 20%",
                  "Versandkosten", "Summe Positionen", "Totaal regels", "À reporter"):
        assert label_prior(label, total, TOTAL) < 0, label
    date = field_concept(DATE)
    assert label_prior("Rechnungsdatum", date, DATE) > label_prior("Datum", date, DATE) > 1
    for label in ("Fällig am", "Due date", "Date d'échéance", "Vervaldatum", "Lieferdatum",
                  "Fecha de pedido", "Afgedrukt op", "realizados entre el", "y el"):
        assert label_prior(label, date, DATE) < 0, label
    number = field_concept(NUMBER)
    assert label_prior("Rechnungsnr.", number, NUMBER) >= 3
    for label in ("Kunden-Nr.", "Order No.", "USt-IdNr.", "Your reference", "Klantnummer:"):
        assert label_prior(label, number, NUMBER) < 0, label
    assert label_prior("Creditnotanummer:", number, NUMBER) >= 3
    vendor = field_concept(VENDOR)
    assert label_prior("Emitida por:", vendor, VENDOR) > 1


def test_the_labelled_total_wins_over_the_subtotal_and_the_tax():
    r = pick(TOTAL, "Subtotal   178.40\nVAT 20%   35.68\nTotal due   214.08\nPage 1 of 2")
    assert (r.value, r.status, r.text) == (214.08, "grounded", "214.08")
    assert r.confidence > 0.6 and {a["value"] for a in r.alternatives} >= {178.40, 35.68}


def test_a_letters_place_and_date_is_its_date_even_over_a_table_heading():
    for head in ("Zaragoza, a", "Raleigh,", "Paris, le"):
        # a heading printed under it ('Delivery date') is not its label: the comma is
        text = (f"Meadow Print Ltd\n{head} 8 February 2019\n{' ' * len(head)} Delivery date\n"
                "Work carried out between 10 January 2019 and 5 February 2019\nNext visit 12 March 2019")
        r = pick(DATE, text)
        assert (r.value, r.status) == ("2019-02-08", "grounded"), (head, r.reason)


def test_the_issue_date_wins_over_the_due_and_delivery_dates():
    r = pick(DATE, "Lieferdatum: 28.10.2026\nRechnungsdatum: 02.11.2026\nFällig am: 02.12.2026")
    assert (r.value, r.status) == ("2026-11-02", "grounded")


def test_a_value_nothing_labels_is_not_trusted():
    r = pick(TOTAL, "Thank you for your order\n  178.40")
    assert r.value is None and r.status == "not_found" and "likeliest: '178.40'" in r.reason
    r = pick(TOTAL, "Thank you for your order\n  178.40\n  9.99", min_confidence=0.0)
    assert r.flagged


def test_values_all_labelled_as_something_else_give_none():
    r = pick(NUMBER, "Customer No. 12345\nOrder No. PO-778\nVAT No. GB123456789")
    assert r.value is None and r.status == "not_found"
    assert {a["text"] for a in r.alternatives} >= {"12345", "PO-778"}


def test_no_candidate_at_all_is_not_found_in_the_document():
    r = pick(TOTAL, "A letter without any amount in it.")
    assert (r.value, r.status, r.reason) == (None, "not_found", "not found in the document")


def test_two_values_with_the_same_label_are_ambiguous():
    r = pick(NUMBER, "Invoice No. AP-1001\nInvoice No. AP-2002")
    assert r.status == "ambiguous" and "AP-1001" in r.reason and "AP-2002" in r.reason


def test_the_vendor_is_the_company_in_the_letterhead_not_the_customer():
    r = pick(VENDOR, "Northwind Office Supplies Ltd., 12 Harbour Street, Bristol\n"
                     "Bill to: Avery Consulting Ltd, 4 Mill Lane, Leeds\nInvoice No. 1")
    assert (r.value, r.status) == ("Northwind Office Supplies Ltd", "grounded")


def test_a_free_string_must_be_in_the_document():
    lines = text_lines("Meeting of the NORTHWIND   office-supplies board\nMinutes")
    assert find_span("Northwind Office Supplies", lines) is not None
    assert find_span("Southwind", lines) is None
    assert find_span("wind office", lines) is None          # whole words only
    span = find_span("office supplies", lines)
    assert lines[span.line].text[span.start:span.end] == "office-supplies"
    spec = {"name": "subject", "type": "string", "description": "what the meeting was about"}
    got = extract([spec], lines, flat, lambda free: {"subject": "the annual budget"})
    assert got.fields["subject"].status == "unverified" and "not in the document" in got.fields["subject"].reason
    sure = lambda q, answers: [-0.5] + [-4.0] * (len(answers) - 1)     # noqa: E731
    got = extract([spec], lines, sure, lambda free: {"subject": "office supplies board"})
    assert got.fields["subject"].status == "grounded" and got.fields["subject"].text == "office-supplies board"


def test_the_currency_is_the_one_printed_with_the_chosen_total():
    lines = text_lines("Alder Print Ltd\nInvoice No. AP-1\nDate: 2026-10-01\nShipping  $ 5.00\n"
                       "Total due  EUR 120.00")
    specs = [TOTAL, {"name": "currency", "type": "string"}]
    got = extract(specs, lines, flat, None)
    assert got.record == {"total": 120.0, "currency": "EUR"}
    assert got.fields["currency"].text == got.fields["total"].text


def test_a_sentence_is_the_label_of_the_value_it_runs_on_into_not_of_the_line_above_it():
    from desktop.extract.choose import priors

    text = ("- 3 x Railing, per metre                634.08\n"
            "The net amount of EUR 1,884.56 plus VAT 8.1 % (EUR 152.65) gives a total amount of\n"
            "EUR 2,037.21.\nPlease pay within 14 days.")
    lines = text_lines(text)
    cands = find_candidates(lines, ["amount"])
    prior = {c.text: p for c, p in zip(cands, priors(cands, lines, field_concept(TOTAL), TOTAL))}
    assert prior["634.08"] <= 0 < prior["2,037.21"]
    r = pick(TOTAL, text)
    assert (r.value, r.status) == (2037.21, "grounded")
