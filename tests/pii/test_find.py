"""Personal data found in text: the rules, and their figures on three labelled sets.

- pii_samples.jsonl: the development set the rules were written against;
- pii_heldout.jsonl: a second set, written without reading the rules (132 texts in
  six languages); its misses were studied and the rules generalised, so it is a
  development set now too;
- pii_final.jsonl: a third, written and studied the same way;
- pii_fresh.jsonl: a fourth, written the same way and scored only to report the
  held-out figures in the README.
"""

import pytest

from desktop.pii import find_pii, iban_valid, luhn, redact
from desktop.pii.evaluate import evaluate
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"


def found(text: str) -> list[tuple[str, str]]:
    return [(f.category, text[f.start:f.end]) for f in find_pii(text)]


@pytest.mark.parametrize("name", ["pii_samples.jsonl", "pii_heldout.jsonl", "pii_final.jsonl"])
def test_recall_and_precision_on_the_development_sets(name):
    for category, s in evaluate(DATA / name).items():
        assert s["expected"] >= 4, category
        assert s["recall"] >= 0.95 and s["precision"] >= 0.95, (category, s)


def test_checksums():
    assert luhn("4111111111111111") and not luhn("4111111111111112")
    assert iban_valid("GB82 WEST 1234 5698 7654 32") and not iban_valid("GB82 WEST 1234 5698 7654 33")


def test_an_iban_of_the_wrong_length_for_its_country_is_none():
    # a Spanish IBAN has 24 characters; 16 of them can pass mod 97 by chance (1 in 97)
    assert iban_valid("ES91 2100 0418 4502 0005 1332")
    assert not iban_valid("ES67 0926 7084 0412")


def test_an_iban_running_into_the_next_word_is_found_without_it():
    text = "Bitte buchen Sie von meinem Konto AT61 1904 3002 3457 3201 ab."
    assert found(text) == [("iban", "AT61 1904 3002 3457 3201")]


def test_numbers_inside_a_broken_iban_are_not_phones_or_cards():
    text = "The old form showed GB00 XXXX 0000 0000 0000 00 and NL48 INGB 5573 7435 46."
    assert found(text) == []


def test_card_numbers_are_grouped_like_card_numbers():
    assert found("Visa 4111 1111 1111 1111 on file") == [("credit_card", "4111 1111 1111 1111")]
    assert found("Amex 3782 822463 10005 on file") == [("credit_card", "3782 822463 10005")]
    # a French company number passes Luhn by design, but is printed 3-3-3-5
    assert found("SIRET 732 829 320 00074") == []


@pytest.mark.parametrize("text,value", [
    ("Standard : +33 1 23 45 67 89", "+33 1 23 45 67 89"),
    ("Zentrale: 089 45678-0", "089 45678-0"),
    ("Secretariaat: 020 - 123 45 89", "020 - 123 45 89"),
    ("mi móvil es el 612 345 678.", "612 345 678"),
    ("Fra: certo, chiamalo al 339 8765432", "339 8765432"),
    ("Geburtsdatum: 21.01.1994\n0034 93 123 45 67", "0034 93 123 45 67"),
    ("Teléfono: (+34) 634 871 205", "(+34) 634 871 205"),
    ("If you disagree, call us at 1-800-555-0199.", "1-800-555-0199"),
    ("[09:12] Klant: 0573 25 81 46 of mobiel", "0573 25 81 46"),
    ("Service client : 09 70 80 12 34 (appel non surtaxé)", "09 70 80 12 34"),
])
def test_phone_formats(text, value):
    assert ("phone", value) in found(text)


@pytest.mark.parametrize("text", [
    "Your order number 0123 456 7890 has shipped.",
    "Tracking number: 1Z 999 AA1 01 2345 6784",
    "Join with meeting ID 884 2193 3071.",
    "Ondernemingsnummer: BE 0123.456.749",
    "ISBN 978-2-07-036822-8",
    "La póliza anterior era la n.º 0044-7781-23.",
    "Kassenbon Nr. 7712 · Kasse 03 · 11.05.2024 10:41",
    "meine Kundennummer lautet 0088 1274.",
    "le service client – ticket n° 2024-118-4402",
    "Point de livraison (PDL) : 1428 7741 0093 52",
])
def test_numbers_that_are_not_phones(text):
    assert [c for c, _ in found(text) if c == "phone"] == []


@pytest.mark.parametrize("text,value", [
    ("Born: 5th March 1985, Dublin.", "5th March 1985"),
    ("Date of birth checked against passport: 18 Aug 1996.", "18 Aug 1996"),
    ("Sohn Felix (geboren am 3. Jänner 2014)", "3. Jänner 2014"),
    ("Geb.-Datum: 1.4.1988", "1.4.1988"),
    ("Nato a Torino il 3 marzo 1990", "3 marzo 1990"),
    ("née à Lyon le 12/04/1978", "12/04/1978"),
    ("fecha de nacimiento: 3 de mayo de 1990", "3 de mayo de 1990"),
    ("Date of birth (DD/MM/YYYY): 05/03/1985", "05/03/1985"),
    ("It needs her date of birth: it's 30 January 1994.", "30 January 1994"),
    ("Zur Zuordnung: Ich bin am 12. Januar 1955 geboren.", "12. Januar 1955"),
    ("Bitte Ihr Geburtsdatum.\n[09:14] Kunde: 3.2.84", "3.2.84"),
    ("Votre date de naissance pour vérification ?\nClient : 27 févr. 1988", "27 févr. 1988"),
    ("Né(e) le : 08/01/1979", "08/01/1979"),
    ("IKER ZUBIRI, nacido el 21 de noviembre de 1972, vecino de Bilbao", "21 de noviembre de 1972"),
    ("Data di nascita?\nCliente: 4 aprile '83", "4 aprile '83"),
])
def test_birth_dates(text, value):
    assert found(text) == [("date_of_birth", value)]


@pytest.mark.parametrize("text", [
    "NATO summit on 12.03.2026 in Brussels.",
    "Date of birth: unknown. Appointment: 12.03.2026",
    "Born in 1985; joined on 12.03.2010.",
])
def test_dates_that_are_not_birth_dates(text):
    assert found(text) == []


def test_an_apostrophe_stays_inside_the_address():
    text = "Reply to bob.o'neil@example.com today."
    assert redact(text, find_pii(text)) == "Reply to [EMAIL] today."


def test_the_held_out_figures_the_readme_reports_hold():
    """Floors at the README's held-out figures (scored once, not studied): a change
    that loses ground on unseen text fails here, one that gains needs the README."""
    scores = evaluate(DATA / "pii_fresh.jsonl")
    floors = {"email": (0.99, 1.0), "phone": (0.99, 0.93), "iban": (1.0, 1.0),
              "credit_card": (1.0, 1.0), "date_of_birth": (0.72, 0.97)}
    for category, (recall, precision) in floors.items():
        s = scores[category]
        assert s["expected"] >= 25, category
        assert round(s["recall"], 2) >= recall and round(s["precision"], 2) >= precision, (category, s)
