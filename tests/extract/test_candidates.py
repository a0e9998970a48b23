"""The deterministic candidate finders of grounded extraction: amounts, dates,
identifiers, e-mail addresses, IBANs and VAT ids, each an exact span of a layout line
with the label next to it."""

from __future__ import annotations

import re

import pytest

from desktop.engine.document import Line, Word, text_lines
from desktop.extract.candidates import (KINDS, Candidate, date_order, find_candidates, iban_valid,
                                        language)
from desktop.extract.language import other_language

EN = "Invoice\nThank you for your order. Please pay the total amount by the due date.\n"
DE = "Rechnung\nVielen Dank für Ihre Bestellung. Bitte zahlen Sie den Betrag bis zum Datum.\n"
FR = "Facture\nMerci pour votre commande. Le montant est à payer avec la référence.\n"
NL = "Factuur\nBedankt voor uw bestelling. Het bedrag is te betalen voor de datum.\n"
ES = "Factura\nGracias por su pedido. El importe total es para la fecha de pago.\n"


def lines_of(text: str) -> tuple[Line, ...]:
    return text_lines(text)


def found(text: str, kind: str) -> list[Candidate]:
    return find_candidates(lines_of(text), [kind])


def values(text: str, kind: str) -> list:
    return [c.value for c in found(text, kind)]


def row(page: int, y: float, *cells: tuple[float, str], h: float = 10.0, cw: float = 5.0) -> Line:
    """A line with boxes: cells (x, text) joined by three spaces, each word boxed at
    `cw` points a character from its cell's x."""
    text, words = "", []
    for x0, cell in cells:
        if text:
            text += "   "
        base = len(text)
        for m in re.finditer(r"\S+", cell):
            words.append(Word(base + m.start(), base + m.end(),
                              (x0 + m.start() * cw, y, x0 + m.end() * cw, y + h)))
        text += cell
    box = (min(w.box[0] for w in words), y, max(w.box[2] for w in words), y + h)
    return Line(page, text, box, tuple(words))


def test_every_candidate_is_an_exact_span_of_its_line():
    text = (DE + "Rechnungsnr. RE/2024/0012   Datum: 07.05.2014\nGesamt   1.234,56 €\n"
            "IBAN DE89 3704 0044 0532 0130 00   USt-IdNr. DE 123 456 789\n"
            "Kontakt: bob.o'neil@Example.COM\n")
    lines = lines_of(text)
    cands = find_candidates(lines)
    assert {c.kind for c in cands} == set(KINDS)
    for c in cands:
        assert lines[c.line].text[c.start:c.end] == c.text


# --- amounts ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, currency", [
    ("Total 1.234,56", 1234.56, None),
    ("Total 1,234.56", 1234.56, None),
    ("Total 1 234,56", 1234.56, None),
    ("Total 1\u202f234,56", 1234.56, None),
    ("Total 1\u00a0234,56", 1234.56, None),
    ("Total 1'234.50", 1234.5, None),
    ("Total 1’234.50", 1234.5, None),
    ("Total 1.234.567,89", 1234567.89, None),
    ("Total 1,234,567", 1234567.0, None),
    ("Total 1 234 567,89", 1234567.89, None),
    ("Total € 56,02", 56.02, "EUR"),
    ("Total 56,02 €", 56.02, "EUR"),
    ("Total 56,02€", 56.02, "EUR"),
    ("Total 56.02 EUR", 56.02, "EUR"),
    ("Total EUR 56.02", 56.02, "EUR"),
    ("Total EUR56.02", 56.02, "EUR"),
    ("Total $1,234.00", 1234.0, "USD"),
    ("Total US$ 12.00", 12.0, "USD"),
    ("Total £99.10", 99.1, "GBP"),
    ("Total CHF 1'234.50", 1234.5, "CHF"),
    ("Total Fr. 99.10", 99.1, "CHF"),
    ("Total CHF 12.–", 12.0, "CHF"),
    ("Total SEK 100,00", 100.0, "SEK"),
    ("Total 100 kr", 100.0, "SEK"),
    ("Total 250,00 zł", 250.0, "PLN"),
    ("Total 12,50 Euro", 12.5, "EUR"),
    ("Total 1234", 1234.0, None),
    ("Total 12.5", 12.5, None),
    ("Total 12,50", 12.5, None),
    ("Total 0,50", 0.5, None),
    ("Total 1234,5", 1234.5, None),
    ("Total 12 500", 12500.0, None),
    ("Total 19.999", 19999.0, None),       # no language, no decimals elsewhere: thousands
    ("Total 12.345678", 12.35, None),      # rounded to cents
])
def test_amount_formats(text, value, currency):
    [c] = found(text, "amount")
    assert c.value == value and c.currency == currency and c.label == "total"
    assert isinstance(c.value, float)


@pytest.mark.parametrize("text, value, span", [
    ("Rabatt -12,50", -12.5, "-12,50"),
    ("Rabatt −5,00 EUR", -5.0, "−5,00"),
    ("Rabatt -€12.50", -12.5, "-€12.50"),
    ("Rabatt € -12,50", -12.5, "-12,50"),
])
def test_negative_amounts_keep_their_sign_in_the_span(text, value, span):
    [c] = found(text, "amount")
    assert (c.value, c.text) == (value, span)


@pytest.mark.parametrize("doc, text, value", [
    (DE, "Betrag: 1.234", 1234.0),
    (DE, "Betrag: 1,234", 1.23),
    (EN, "Amount: 1,234", 1234.0),
    (EN, "Amount: 1.234", 1.23),
    (FR, "Montant : 2.500", 2500.0),
    (NL, "Bedrag: 2.500", 2500.0),
    (ES, "Importe: 2.500", 2500.0),
])
def test_three_decimals_or_thousands_is_settled_by_the_language(doc, text, value):
    assert values(doc + text, "amount") == [value]


def test_three_decimals_or_thousands_is_settled_by_the_documents_other_numbers():
    # no language cue, but the document writes 12,50 and 1.234,56: the comma is decimal
    assert values("A 12,50\nB 1.234,56\nC 1.234", "amount") == [12.5, 1234.56, 1234.0]
    assert values("A 12.50\nB 1,234.56\nC 1.234", "amount") == [12.5, 1234.56, 1.23]
    # Swiss German: point decimals although the language is German
    assert values(DE + "Total CHF 1'234.50\nRabatt 12.50\nBetrag 1.234", "amount") == [1234.5, 12.5, 1.23]


def test_a_currency_elsewhere_on_the_line_is_the_amounts_currency():
    [c] = found("Summe (EUR)   1.234,56", "amount")
    assert c.currency == "EUR"
    cands = found("Netto 10,00 EUR   Brutto 11,90 USD   Diff 1,90", "amount")
    assert [c.currency for c in cands] == ["EUR", "USD", None]   # two currencies: none for the bare one


@pytest.mark.parametrize("text", [
    "Tel: 030 / 123 456-78",
    "Telefon 089 12345678",
    "Telefonnummer 0221 123456",
    "Fax +49 (0)30 1234567",
    "+1 (555) 123-4567",
    "Call 555-123-4567",
    "(030) 1234 5678",
    "Mobil 06 12 34 56 78",
    "06.12.34.56.78",
    "IBAN DE89 3704 0044 0532 0130 00",
    "DE89370400440532013000",
    "10115 Berlin",
    "D-10115 Berlin",
    "Musterstraße 5, 80331 München",
    "1012 AB Amsterdam",
    "75008 PARIS",
    "Springfield, IL 62704",
    "12 Main Street",
    "12 rue de la Paix",
    "Calle Mayor 5",
    "Hauptstr. 12a",
    "MwSt 19%",
    "MwSt 19 %",
    "TVA 5,5 %",
    "Zins 2.5 Prozent",
    "um 14:30",
    "um 14:30 Uhr",
    "ab 14.30 Uhr",
    "at 10:30 am",
    "at 3 pm",
    "Page 1/3",
    "1/3",
    "Seite 2 von 5",
    "Page 2 of 5",
    "Página 1 de 2",
    "Datum 07.05.2014",
    "Datum 7. Mai 2014",
    "Invoice INV-2024-0417",
    "ref F2024-031 and RE/2024/0012",
    "2026-0417",
    "A4 paper, 3x",
    "Version v1.2.3 or 1.2.3",
    "Card **** 1234",
    "Kontonummer 532013000",
    "BLZ 370 400 44",
    "4111 1111 1111 1111",
    "Order 0815",
    "Konto 532013000",
    "12345678",
    "www.example.com/page/12",
    "https://example.com/a?id=123",
    "mail bob123@example.com",
    "USt-IdNr. DE123456789",
    "März 2024",
    "im Jahr 2024",
    "© 2024 Acme",
])
def test_look_alikes_are_no_amounts(text):
    assert values(text, "amount") == []


def test_identifier_pieces_are_no_amounts():
    assert values("Invoice No. INV-2024-0417   Total 12,50", "amount") == [12.5]


def test_a_labelled_number_is_an_identifier_not_an_amount():
    assert values("Kundennummer: 12345", "amount") == []
    assert values("Kundennummer: 12345", "identifier") == ["12345"]
    assert values("Menge: 12345", "amount") == [12345.0]


def test_a_quantity_and_a_price_on_one_line():
    assert values("Widget   2 x 15,00   30,00", "amount") == [2.0, 15.0, 30.0]


# --- dates --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, span", [
    ("am 7. Mai 2014", "2014-05-07", "7. Mai 2014"),
    ("Datum 07.05.2014", "2014-05-07", "07.05.2014"),
    ("Date 03/20/2023", "2023-03-20", "03/20/2023"),
    ("Date 20/03/2023", "2023-03-20", "20/03/2023"),
    ("Date 18 april 2014", "2014-04-18", "18 april 2014"),
    ("le 5 mars 2024", "2024-03-05", "5 mars 2024"),
    ("el 12 de marzo de 2024", "2024-03-12", "12 de marzo de 2024"),
    ("on Mar 5, 2024", "2024-03-05", "Mar 5, 2024"),
    ("on Mar. 5, 2024", "2024-03-05", "Mar. 5, 2024"),
    ("on March 5th, 2024", "2024-03-05", "March 5th, 2024"),
    ("on 5th March 2024", "2024-03-05", "5th March 2024"),
    ("on 5th of March 2024", "2024-03-05", "5th of March 2024"),
    ("on Tuesday, 5 September 2023", "2023-09-05", "5 September 2023"),
    ("on Dec 31 2023", "2023-12-31", "Dec 31 2023"),
    ("le 1er août 2024", "2024-08-01", "1er août 2024"),
    ("le 1er aout 2024", "2024-08-01", "1er aout 2024"),
    ("le 3 février 2024", "2024-02-03", "3 février 2024"),
    ("le 3 fevrier 2024", "2024-02-03", "3 fevrier 2024"),
    ("le 3 févr. 2024", "2024-02-03", "3 févr. 2024"),
    ("am 3. März 2024", "2024-03-03", "3. März 2024"),
    ("am 3. Maerz 2024", "2024-03-03", "3. Maerz 2024"),
    ("am 3. Marz 2024", "2024-03-03", "3. Marz 2024"),
    ("am 3. MÄRZ 2024", "2024-03-03", "3. MÄRZ 2024"),
    ("am 3. Jan. 2022", "2022-01-03", "3. Jan. 2022"),
    ("am 24. Dezember 2022", "2022-12-24", "24. Dezember 2022"),
    ("am 1. Okt. 2022", "2022-10-01", "1. Okt. 2022"),
    ("op 3 mei 2024", "2024-05-03", "3 mei 2024"),
    ("op 3 juni 2024", "2024-06-03", "3 juni 2024"),
    ("op 3 mrt 2024", "2024-03-03", "3 mrt 2024"),
    ("op 1 oktober 2024", "2024-10-01", "1 oktober 2024"),
    ("el 3 octubre 2024", "2024-10-03", "3 octubre 2024"),
    ("el 3 dic. 2024", "2024-12-03", "3 dic. 2024"),
    ("el 3 ene 2024", "2024-01-03", "3 ene 2024"),
    ("el 3 de septiembre de 2024", "2024-09-03", "3 de septiembre de 2024"),
    ("on 5-Mar-24", "2024-03-05", "5-Mar-24"),
    ("ISO 2024-03-05", "2024-03-05", "2024-03-05"),
    ("ISO 2024-03-05T10:00", "2024-03-05", "2024-03-05"),
    ("ISO 2024/03/05", "2024-03-05", "2024/03/05"),
    ("Datum 29.02.2024", "2024-02-29", "29.02.2024"),
    ("Datum 25.03.24", "2024-03-25", "25.03.24"),
    ("Date 3/25/24", "2024-03-25", "3/25/24"),
    ("Datum 13-9-2022", "2022-09-13", "13-9-2022"),
    ("(07.05.2014)", "2014-05-07", "07.05.2014"),
    ("Datum:07.05.2014.", "2014-05-07", "07.05.2014"),
])
def test_date_formats(text, value, span):
    [c] = found(text, "date")
    assert (c.value, c.text) == (value, span)


@pytest.mark.parametrize("text", [
    "2026-0417",
    "Invoice No. 2026-0417",
    "INV-2024-03-05",
    "2024",
    "Year 2024",
    "März 2024",
    "31/02/2024",
    "31.02.2024",
    "29.02.2023",
    "2024-13-01",
    "32.01.2024",
    "14:30",
    "Page 1/3",
    "1.2.34",
    "12.10.5",
    "555-123-4567",
    "+49 30 1234567",
    "12.5",
    "1.234,56",
    "Version 1.2.2024.3",
    "3 days ago 2024",
])
def test_look_alikes_are_no_dates(text):
    assert values(text, "date") == []


def test_numeric_date_order_is_settled_by_an_unambiguous_date_in_the_document():
    dmy = "Lieferung 20/03/2023\nRechnung 03/04/2023"
    assert date_order(lines_of(dmy)) == "DMY"
    assert [(c.value, c.ambiguous) for c in found(dmy, "date")] == [
        ("2023-03-20", False), ("2023-04-03", False)]
    mdy = "Shipped 03/20/2023\nInvoiced 03/04/2023"
    assert date_order(lines_of(mdy)) == "MDY"
    assert [(c.value, c.ambiguous) for c in found(mdy, "date")] == [
        ("2023-03-20", False), ("2023-03-04", False)]


def test_a_day_of_twelve_settles_nothing():
    assert date_order(lines_of("Geliefert 12/05/2023\nBerechnet 03/04/2023")) is None


def test_the_documents_dates_outvote_its_language():
    assert date_order(lines_of(DE + "Geliefert 03/20/2023")) == "MDY"


@pytest.mark.parametrize("doc, order", [
    (DE, "DMY"), (FR, "DMY"), (NL, "DMY"), (ES, "DMY"),
    (EN + "Total $12.00", "MDY"),
    (EN + "Total USD 12.00", "MDY"),
    (EN + "Total £12.00", "DMY"),
    (EN + "Total 12,00 €", "DMY"),
    (EN, None),                        # English without a cue: US or British?
    (EN + "Total $12.00 or £9.00", None),
    ("Faktura nr 12 z dnia", None),
])
def test_date_order_falls_back_on_language(doc, order):
    assert date_order(lines_of(doc)) == order


def test_an_unsettled_numeric_date_is_ambiguous_and_read_day_first():
    [c] = found("Date 03/04/2023", "date")
    assert (c.value, c.ambiguous) == ("2023-04-03", True)
    [c] = found(EN + "Total $5.00\nDate 03/04/2023", "date")
    assert (c.value, c.ambiguous) == ("2023-03-04", False)
    [c] = found(DE + "Datum 03.04.2023", "date")
    assert (c.value, c.ambiguous) == ("2023-04-03", False)


def test_a_date_that_reads_the_same_both_ways_is_not_ambiguous():
    [c] = found("Date 05/05/2024", "date")
    assert (c.value, c.ambiguous) == ("2024-05-05", False)


def test_a_date_only_one_reading_allows_settles_itself_against_the_document_order():
    # a DMY document, but 03/20/2023 can only be March 20
    [c] = found(DE + "Datum 03/20/2023   Lieferung 05/04/2023", "date")[:1]
    assert (c.value, c.ambiguous) == ("2023-03-20", False)


def test_two_digit_years():
    assert values("Datum 05.03.24", "date") == ["2024-03-05"]
    assert values("Datum 05.03.99", "date") == ["1999-03-05"]


# --- identifiers --------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, label", [
    ("Invoice No. 2026-0417", "2026-0417", "invoice no."),
    ("Invoice No.: 2026-0417", "2026-0417", "invoice no.:"),
    ("Invoice #: INV-88213", "INV-88213", "invoice #:"),
    ("Invoice # INV-88213", "INV-88213", "invoice #"),
    ("Invoice number 12345", "12345", "invoice number"),
    ("INVOICE NUMBER: 12345", "12345", "invoice number:"),
    ("Rechnungsnr. RE/2024/0012", "RE/2024/0012", "rechnungsnr."),
    ("Rechnungsnummer: 2026-0417", "2026-0417", "rechnungsnummer:"),
    ("Rechnung Nr. 4711", "4711", "rechnung nr."),
    ("Rechnungs-Nr. 4711", "4711", "rechnungs-nr."),
    ("Factuurnummer: F2024-031", "F2024-031", "factuurnummer:"),
    ("Factuur nr. 2024.0012", "2024.0012", "factuur nr."),
    ("N° facture : F2024-031", "F2024-031", "n° facture :"),
    ("Facture n° F2024-031", "F2024-031", "facture n°"),
    ("Facture n°F2024-031", "F2024-031", "facture n°"),
    ("Numéro de facture : 2026-0417", "2026-0417", "numéro de facture :"),
    ("Nº factura: A-1234", "A-1234", "nº factura:"),
    ("Número de factura: A-1234", "A-1234", "número de factura:"),
    ("Factura n.º 2024/0012", "2024/0012", "factura n.º"),
    ("Order No. 4711", "4711", "order no."),
    ("Bestellnummer: 4500012345", "4500012345", "bestellnummer:"),
    ("Customer No. C-0815", "C-0815", "customer no."),
    ("Kundennummer 12345", "12345", "kundennummer"),
    ("Kd.-Nr. 12345", "12345", "kd.-nr."),
    ("Receipt # 0042", "0042", "receipt #"),
    ("Bon 1234", "1234", "bon"),
    ("Beleg-Nr. 77_12", "77_12", "beleg-nr."),
    ("Reference: AB-12/34", "AB-12/34", "reference:"),
    ("Your reference 88213", "88213", "your reference"),
    ("PO 4500012345", "4500012345", "po"),
    ("PO Number: 4500012345", "4500012345", "po number:"),
    ("Rechnung Nr.12345", "12345", "rechnung nr."),
    ("N°: 12345", "12345", "n°:"),
    ("Invoice No. 2026-0417.", "2026-0417", "invoice no."),
    ("Nº fact. simplificada T2025-78724", "T2025-78724", "nº fact. simplificada"),
    ("Creditnotanummer: CN20196188", "CN20196188", "creditnotanummer:"),
])
def test_identifiers_next_to_their_labels(text, value, label):
    [c] = found(text, "identifier")
    assert (c.value, c.text, c.label, c.label_where) == (value, value, label, "left")


def test_an_identifier_that_looks_like_a_date_or_number_is_still_one():
    text = "Invoice No. 2026-0417   Order No. 07.05.2014   Customer No. 12345"
    assert values(text, "identifier") == ["2026-0417", "07.05.2014", "12345"]
    assert values(text, "date") == ["2014-05-07"]     # 2026-0417 is not a date


def test_labels_tell_one_identifier_from_another():
    cands = found("Rechnungsnr. 2026-0417   Bestellnummer 4711   Kundennummer 0815", "identifier")
    assert [(c.value, c.label) for c in cands] == [
        ("2026-0417", "rechnungsnr."), ("4711", "bestellnummer"), ("0815", "kundennummer")]


def test_a_piece_of_a_date_or_of_a_vat_id_is_no_identifier():
    assert values("Order No.   5 March 2024", "identifier") == []
    assert values("VAT Reg No. GB 123 4567 89\nINVOICE", "identifier") == []
    assert values("USt-IdNr. DE123456789", "identifier") == ["DE123456789"]   # the whole one is


def test_a_value_after_another_in_its_segment_has_no_label_from_elsewhere():
    [n, p] = found("Gesamtbetrag\n12,50 13,50", "amount")
    assert (n.label, n.label_where) == ("gesamtbetrag", "above")
    assert (p.label, p.label_where) == ("", "")


def test_a_label_on_the_left_that_is_no_identifiers_wins_over_one_above():
    assert values("Invoice No.\nDate: 12345", "identifier") == []
    assert values("Invoice No.\n12345", "identifier") == ["12345"]


def test_the_currency_of_the_value_before_is_not_part_of_the_label():
    [c] = found("Prix 56,02 € pour la commande n° 4711", "identifier")
    assert c.label == "pour la commande n°"


def test_several_identifiers_on_one_single_spaced_line():
    cands = found("Order No. 4711, Customer No. 0815", "identifier")
    assert [(c.value, c.label) for c in cands] == [("4711", "order no."), ("0815", "customer no.")]


@pytest.mark.parametrize("text", [
    "Hello 12345 world",
    "Total 12345",
    "Invoice date: 07.05.2014",
    "Rechnungsdatum 07.05.2014",
    "Gesamtbetrag 12345",
    "Tel. Nr. 030 1234567",
    "Invoice No. bob@example.com",
    "Invoice No. pending",
])
def test_no_identifier_without_an_identifier_label(text):
    assert values(text, "identifier") == []


def test_identifier_under_its_label_in_plain_text():
    text = "Invoice No.     Date\n2026-0417       07.05.2014"
    [c] = found(text, "identifier")
    assert (c.value, c.label, c.label_where) == ("2026-0417", "invoice no.", "above")
    [d] = found(text, "date")
    assert (d.label, d.label_where) == ("date", "above")


def test_identifier_over_its_label():
    [c] = found("Sender: Acme\n2026-0417\nInvoice number", "identifier")
    assert (c.value, c.label, c.label_where) == ("2026-0417", "invoice number", "below")


def test_identifier_under_its_label_by_boxes():
    lines = [
        row(0, 100, (50, "Datum"), (300, "Rechnungsnummer")),
        row(0, 115, (50, "07.05.2014"), (300, "RE-2024-17")),
    ]
    [c] = find_candidates(lines, ["identifier"])
    assert (c.value, c.label, c.label_where) == ("RE-2024-17", "rechnungsnummer", "above")
    [d] = find_candidates(lines, ["date"])
    assert (d.label, d.label_where) == ("datum", "above")


# --- labels -------------------------------------------------------------------------------

def test_label_left_in_the_same_segment_and_in_the_previous_one():
    [a, b] = found("Total: EUR 12,50   Paid   11,00", "amount")
    assert (a.label, a.label_where) == ("total:", "left")   # the attached EUR is no label
    assert (b.label, b.label_where) == ("paid", "left")
    [c] = found("Total   EUR   12,50", "amount")
    assert (c.label, c.label_where, c.currency) == ("total", "left", "EUR")


def test_label_is_the_nearest_part_only():
    [c] = found("Please note that the amount we will charge to your card today is 12,50", "amount")
    assert c.label == "charge to your card today is"
    assert len(c.label.split()) <= 6 and len(c.label) <= 50
    [c] = found("Nettobetragsaufstellungsgesamtsummenzeilenbeschriftungstext 12,50", "amount")
    assert len(c.label) <= 50
    [q, c] = found("Qty 2 Price 15,00", "amount")           # cut at the value before it
    assert (q.label, c.label) == ("qty", "price")


def test_label_whitespace_is_collapsed_and_lower_cased():
    [c] = found("Gesamt\u00a0Betrag  \tBrutto: 1,00", "amount")
    assert c.label == "brutto:"
    [c] = found("GESAMT BETRAG 1,00", "amount")
    assert c.label == "gesamt betrag"


def test_label_above_without_boxes_follows_the_character_columns():
    text = "Netto        MwSt        Brutto\n100,00       19,00       119,00"
    cands = found(text, "amount")
    assert [(c.value, c.label, c.label_where) for c in cands] == [
        (100.0, "netto", "above"), (19.0, "mwst", "above"), (119.0, "brutto", "above")]


def test_label_above_a_column_of_values_without_boxes():
    text = "Pos   Betrag\n1     10,00\n2     20,00\n3     30,00"
    cands = found(text, "amount")
    assert [(c.value, c.label) for c in cands if c.value >= 10] == [
        (10.0, "betrag"), (20.0, "betrag"), (30.0, "betrag")]


def test_label_search_upwards_stops_at_a_row_with_a_label():
    # the line above holds a label and a value: it is no header, and the search ends there
    [c] = found("MwSt-Nr. 12345 Steuer\nTotal CHF 1'234.50\nFr. 99.10", "amount")[-1:]
    assert (c.value, c.label, c.label_where) == (99.1, "", "")
    lines = [row(0, 100, (50, "MwSt")), row(0, 115, (50, "Total CHF 9.00")), row(0, 130, (50, "12.00"))]
    c = find_candidates(lines, ["amount"])[-1]
    assert (c.value, c.label, c.label_where) == (12.0, "", "")


def test_label_above_with_boxes_prefers_the_line_over_the_value():
    lines = [
        row(0, 100, (50, "Netto"), (300, "Brutto")),
        row(0, 115, (400, "Rechnungsbetrag")),          # nearer, but not over the value
        row(0, 130, (50, "100,00"), (300, "119,00")),
    ]
    cands = find_candidates(lines, ["amount"])
    assert [(c.value, c.label, c.label_where) for c in cands] == [
        (100.0, "netto", "above"), (119.0, "brutto", "above")]


def test_label_above_with_boxes_passes_rows_of_values_of_a_table():
    lines = [row(0, 100, (50, "Pos"), (300, "Preis"))]
    lines += [row(0, 115 + 15 * k, (50, f"{k}"), (300, f"{k},50")) for k in range(1, 5)]
    cands = find_candidates(lines, ["amount"])
    assert [(c.value, c.label, c.label_where) for c in cands if c.value % 1] == [
        (1.5, "preis", "above"), (2.5, "preis", "above"), (3.5, "preis", "above"),
        (4.5, "preis", "above")]
    assert [c.label for c in cands if not c.value % 1] == ["pos"] * 4


def test_a_label_cell_on_the_left_of_a_table_row_wins_over_the_header():
    lines = [row(0, 100, (50, "Artikel"), (300, "Preis")),
             row(0, 115, (50, "Schraube"), (300, "1,50"))]
    [c] = find_candidates(lines, ["amount"])
    assert (c.label, c.label_where) == ("schraube", "left")


def test_label_with_boxes_uses_geometry_not_line_order():
    # reading order puts the label after the value, but it sits above it on the page
    lines = [
        row(0, 130, (300, "119,00")),
        row(0, 100, (300, "Brutto")),
    ]
    [c] = find_candidates(lines, ["amount"])
    assert (c.label, c.label_where) == ("brutto", "above")


def test_label_below_with_boxes():
    lines = [row(0, 100, (300, "119,00")), row(0, 115, (300, "Gesamtbetrag"))]
    [c] = find_candidates(lines, ["amount"])
    assert (c.label, c.label_where) == ("gesamtbetrag", "below")


def test_no_label_from_another_page():
    lines = [Line(0, "Gesamtbetrag"), Line(1, "119,00")]
    [c] = find_candidates(lines, ["amount"])
    assert (c.label, c.label_where) == ("", "")
    lines = [row(0, 700, (300, "Gesamtbetrag")), row(1, 50, (300, "119,00"))]
    [c] = find_candidates(lines, ["amount"])
    assert (c.label, c.label_where) == ("", "")


def test_no_label_at_all():
    [c] = found("119,00", "amount")
    assert (c.label, c.label_where) == ("", "")


# --- e-mail, IBAN, VAT --------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("Mail: bob.o'neil@example.com", "bob.o'neil@example.com"),
    ("Kontakt: Info@Example.COM.", "Info@example.com"),
    ("<billing+eu@mail.example.co.uk>", "billing+eu@mail.example.co.uk"),
    ("mailto:jane_doe-1@sub.example.de", "jane_doe-1@sub.example.de"),
])
def test_email_addresses(text, value):
    [c] = found(text, "email")
    assert c.value == value and c.text.lower() == value.lower()


@pytest.mark.parametrize("text", ["bob@localhost", "@example.com", "bob@ example.com", "a@b.c"])
def test_no_email_address(text):
    assert values(text, "email") == []


@pytest.mark.parametrize("text, value", [
    ("IBAN DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
    ("IBAN: DE89370400440532013000", "DE89370400440532013000"),
    ("IBAN NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"),
    ("IBAN GB29 NWBK 6016 1331 9268 19", "GB29NWBK60161331926819"),
    ("IBAN FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606"),
    ("IBAN ES91 2100 0418 4502 0005 1332", "ES9121000418450200051332"),
    ("IBAN CH93 0076 2011 6238 5295 7", "CH9300762011623852957"),
    ("IBAN AT61 1904 3002 3457 3201 2024", "AT611904300234573201"),   # runs on into 2024
])
def test_ibans(text, value):
    [c] = found(text, "iban")
    assert c.value == value and c.label in ("iban", "iban:")
    assert re.sub(r"\s", "", c.text) == value


def test_iban_checksum():
    assert iban_valid("DE89 3704 0044 0532 0130 00")
    assert not iban_valid("DE88 3704 0044 0532 0130 00")        # check digits off by one
    assert not iban_valid("DE89 3704 0044 0532 0130 01")        # a digit changed
    assert not iban_valid("DE89 3704 0044 0532 0130 0")         # too short for Germany
    assert values("IBAN DE88 3704 0044 0532 0130 00", "iban") == []
    assert values("IBAN DE88 3704 0044 0532 0130 00", "amount") == []   # still no amounts


@pytest.mark.parametrize("text, value", [
    ("USt-IdNr.: DE123456789", "DE123456789"),
    ("USt-IdNr. DE 123 456 789", "DE123456789"),
    ("TVA : FR 40 303 265 045", "FR40303265045"),
    ("TVA FRXX123456789", "FRXX123456789"),
    ("BTW NL123456789B01", "NL123456789B01"),
    ("BTW NL 1234.56.789.B.01".replace(".B.", " B "), "NL123456789B01"),
    ("CIF: ESB12345678", "ESB12345678"),
    ("NIF ES12345678Z", "ES12345678Z"),
    ("VAT Reg GB123456789", "GB123456789"),
    ("VAT GB 123 4567 89", "GB123456789"),
    ("UID ATU12345678", "ATU12345678"),
    ("BTW BE0123456789", "BE0123456789"),
    ("TVA BE 0123.456.789", "BE0123456789"),
    ("P.IVA IT12345678901", "IT12345678901"),
    ("MWST CHE-123.456.789 MWST", "CHE123456789"),
    ("TVA CHE-123.456.789 TVA", "CHE123456789"),
    ("IVA CHE123456789", "CHE123456789"),
])
def test_vat_ids(text, value):
    [c] = found(text, "vat")
    assert c.value == value


@pytest.mark.parametrize("text", [
    "DE12345678", "DE1234567890", "IBAN DE89370400440532013000", "CODE123456789", "de123456789",
    "NL123456789", "ATU1234567",
])
def test_no_vat_id(text):
    assert values(text, "vat") == []


# --- language -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang", [
    (EN, "en"), (DE, "de"), (FR, "fr"), (NL, "nl"), (ES, "es"),
    ("Invoice\nInvoice No. 12\nDate 03/04/2023\nTotal amount due 12.00", "en"),
    ("Rechnung\nRechnungsnummer 12\nDatum 03.04.2023\nGesamtbetrag netto 12,00\nMwSt 19%", "de"),
    ("Facture n° 12\nDate : 03/04/2023\nMontant total TTC 12,00\nTVA 20 %", "fr"),
    ("Factuurnummer 12\nFactuurdatum 03-04-2023\nTotaal bedrag 12,00\nBTW 21%", "nl"),
    ("Factura nº 12\nFecha: 03/04/2023\nImporte total 12,00\nIVA 21%", "es"),
])
def test_language(text, lang):
    assert language(lines_of(text)) == lang


@pytest.mark.parametrize("text", [
    # Polish, Finnish, Czech, Turkish, Swedish, Italian: none of the five
    "Faktura VAT nr 12/2024\nData wystawienia i data sprzedaży\nSprzedawca i nabywca, do zapłaty "
    "razem brutto, płatność na konto w ciągu 14 dni. Dziękujemy, że jest pan z nami.",
    "Lasku\nLaskun päivämäärä ja eräpäivä\nYhteensä alv 24 %. Kiitos että asioit kanssamme, "
    "maksu on tehtävä ajallaan ja se ei ole myöhässä.",
    "Faktura - daňový doklad\nDodavatel a odběratel\nCelkem k úhradě je částka na účet, datum "
    "splatnosti je za 14 dní. Platba se provede v termínu.",
    "Fatura\nFatura tarihi ve ödeme\nToplam tutar KDV dahil. Bu sipariş için teşekkürler, "
    "müşteri ile bir ödeme planı yapıldı.",
    "Faktura\nFakturadatum och förfallodatum\nAtt betala: summa med moms. Tack för att du "
    "handlar hos oss, det är vi som är glada för din beställning.",
    "Fattura\nData della fattura e pagamento\nImporto totale con IVA. Grazie per il vostro "
    "ordine, che non sono stati pagati.",
])
def test_unsupported_languages_are_none(text):
    assert language(lines_of(text)) is None
    assert other_language(lines_of(text))            # and said to be another language


def test_a_short_receipt_is_no_other_language():
    slip = "Tillys Kitchen\nHarbour Road 12\nSlip 00533\nTea  2.90\nMuffin  3.10\nAltogether  7.50\nMerci"
    assert language(lines_of(slip)) is None and not other_language(lines_of(slip))
    assert not other_language(lines_of(EN))


@pytest.mark.parametrize("text", ["", "12,50\n07.05.2014", "ACME GmbH", "Lorem ipsum dolor sit amet",
                                  "Invoice", "Rechnung 12"])
def test_too_few_cues_is_none(text):
    assert language(lines_of(text)) is None


# --- bounds -------------------------------------------------------------------------------

@pytest.mark.timeout(60)
def test_a_long_document_is_capped_per_kind_and_keeps_the_first():
    rows = ["Rechnung Nr. 2026-0417   Datum: 07.05.2014",
            "Pos 1   Widget Deluxe   2 x 15,00   30,00 €",
            "Kundennummer: 12345   Tel. +49 30 1234567",
            "IBAN DE89 3704 0044 0532 0130 00   USt-IdNr. DE123456789",
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod",
            "bob@example.com   www.example.com/page/12   10115 Berlin"]
    lines = [Line(i // 50, rows[i % len(rows)]) for i in range(10_000)]
    cands = find_candidates(lines, max_per_kind=50)
    per_kind = {k: [c for c in cands if c.kind == k] for k in KINDS}
    assert all(len(v) == 50 for v in per_kind.values()), {k: len(v) for k, v in per_kind.items()}
    for v in per_kind.values():
        assert [c.line for c in v] == sorted(c.line for c in v)
        assert v[-1].line < 1000               # the first ones, not a sample of the document
    assert [c.value for c in per_kind["amount"][:4]] == [1.0, 2.0, 15.0, 30.0]
    few = find_candidates(lines, ["date"], max_per_kind=3)
    assert [c.line for c in few] == [0, 6, 12]


def test_the_cap_holds_when_another_kind_never_fills():
    lines = [Line(0, f"Datum 0{1 + k % 9}.05.2014") for k in range(40)]
    assert len(find_candidates(lines, ["date", "vat"], max_per_kind=3)) == 3
    assert len(find_candidates(lines, ["date", "amount"], max_per_kind=3)) == 3


def test_unknown_kind():
    with pytest.raises(ValueError):
        find_candidates(lines_of("x"), ["phone"])


def test_kinds_filter_and_order():
    text = "Rechnungsnr. 2026-0417 vom 07.05.2014 über 12,50 €"
    cands = find_candidates(lines_of(text))
    assert [c.kind for c in cands] == ["identifier", "date", "amount"]
    assert [c.kind for c in find_candidates(lines_of(text), ["amount", "date"])] == ["date", "amount"]
