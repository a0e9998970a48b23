"""Personal data found in text: the rules, and their figures on three labelled sets.

- pii_samples.jsonl: the development set the rules were written against;
- pii_heldout.jsonl: a second set, written without reading the rules (132 texts in
  six languages); its misses were studied and the rules generalised, so it is a
  development set now too;
- pii_final.jsonl: a third, written and studied the same way;
- pii_fresh.jsonl: a fourth, written the same way and scored to report the held-out
  figures in the README; its misses were studied when the date-of-birth and phone
  rules were rewritten (desktop/pii/births.py, dates.py, phones.py), so it is a
  development set now too, and the next held-out figures need a new set;
- pii_dev2.jsonl: a fifth, written for that rewrite as a development set (its
  generator, make_pii_dev2.py, says how), in eleven languages;
- pii_fresh2.jsonl: the held-out set (174 texts, ten languages), written by someone
  who did not read the rules, scored once after the rewrite and not studied.
"""

import pytest

from desktop.pii import find_pii, iban_valid, luhn, redact
from desktop.pii.evaluate import evaluate
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"


def found(text: str) -> list[tuple[str, str]]:
    return [(f.category, text[f.start:f.end]) for f in find_pii(text)]


@pytest.mark.parametrize("name", ["pii_samples.jsonl", "pii_heldout.jsonl", "pii_final.jsonl",
                                  "pii_fresh.jsonl", "pii_dev2.jsonl"])
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


def test_a_number_that_passes_luhn_is_no_card_outside_the_issuers_ranges_or_after_imei():
    assert found("IMEI: 352099001761481") == []
    assert found("Artikel 9410988318180859") == []      # passes Luhn, starts with no issuer's digit


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
    ("Pfarramt Tel. 05141 2 34 56", "05141 2 34 56"),
    ("Fragen an das Lohnbüro: 06221 58 44 0", "06221 58 44 0"),
    ("Tel.: 0612345678", "0612345678"),
    ("Meine Nummer: 01761234567", "01761234567"),
    ("Tlf. 28194821", "28194821"),
    ("Cellulare +39 3471234567", "+39 3471234567"),
    ("Telefon (0 62 21) 54 32 10", "(0 62 21) 54 32 10"),
    ("Anna Berg · T: 33 12 34 56", "33 12 34 56"),
    ("Work: 212-555-0134x204", "212-555-0134"),
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
    "Periodo de liquidación: 01/06/2024 - 30/06/2024",
    "Lesdag: zaterdag 09.00-09.45 uur",
    "numéro d'entreprise 0412.345.678",
    "Bioméa SAS - RCS Lyon 812 555 001",
    "protected under certificate DPS 4471 2209 8813.",
    "La otra que te pasé por teléfono, 3124 187493 97444, está mal copiada",
    "Kontonummer 1234 5678 90, BLZ 370 400 44",
    "LAB REPORT     Accession 24-118-00412",
    "Join on Zoom: 812 3345 9921",
    "Numéro national : 88.05.22-123.45",
    "Contrato nº PMI 0724 118830",
    "Votre numéro de contrat est le 0041 7781 2290.",
    "value 0960989449 ok",
    "SSN 068-78-0216 and ISBN 978-84-209-0692-8, CEP 01835-794",
    "reference 7884 6864 19",
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
    ("Patient: Mrs Margaret Ellison     DOB: 02-Nov-1947\nAdmitted: 28/02/2024", "02-Nov-1947"),
    ("Conducente: Alessandro Ricci        Data di nascita: 5 giu 1982", "5 giu 1982"),
    ("Francisco Ortega Ruiz, n. 12-III-1874 en Écija", "12-III-1874"),
    ("Pierre-François MOREL\n° 3 mars 1812 à Saint-Claude", "3 mars 1812"),
    ("Gertrud Hoffmann\ngeb. Krause\n* 12. März 1931     † 4. Januar 2024", "12. März 1931"),
    ("Patientin: Frau Ingrid Sommer, * 02.01.1941", "02.01.1941"),
    ("VITTORIO BIANCHI\n(Salerno, 14 ottobre 1936 - Roma, 2 febbraio 2024)", "14 ottobre 1936"),
    ("Il nonno invece era del 1° gennaio 1930.", "1° gennaio 1930"),
    ("Oma Hilde ist laut Stammbuch am 12.03.1911\nin Stettin geboren.", "12.03.1911"),
    ("Unsere Tochter Emma ist am 7. Oktober 2023 um 03:12 Uhr zur Welt gekommen.", "7. Oktober 2023"),
    ("Patient: HOLLOWAY, SUSAN     DOB: 19620314     Sex: F", "19620314"),
    ("Date et lieu de naissance : 12/08/1964 à Lyon", "12/08/1964"),
    ("Geburtstag laut Personalbogen: 1979-11-23", "1979-11-23"),
    ("Smith, Jane - 12.03.1985 (date of birth) - seen today", "12.03.1985"),
    ("Renter: Kevin Marsh                 DOB: 11/22/1979", "11/22/1979"),
    ("Wir freuen uns über die Geburt unserer Tochter\n\nLina Marie\n\n7. Mai 2024", "7. Mai 2024"),
    ("Anna Berg är född den 3 maj 1985 i Uppsala.", "3 maj 1985"),
])
def test_birth_dates(text, value):
    assert found(text) == [("date_of_birth", value)]


def test_a_column_headed_date_of_birth_holds_dates_of_birth():
    aligned = ("Name             Date of birth   Seat\n"
               "ANNA KOWALSKA    03/11/1987      14A\n"
               "PIOTR KOWALSKI   21/06/1985      14B")
    assert found(aligned) == [("date_of_birth", "03/11/1987"), ("date_of_birth", "21/06/1985")]
    piped = "| Name | Geburtsdatum | Eintritt |\n|---|---|---|\n| Lea Wolf | 04.05.2010 | 01.09.2020 |"
    assert found(piped) == [("date_of_birth", "04.05.2010")]


@pytest.mark.parametrize("text", [
    "NATO summit on 12.03.2026 in Brussels.",
    "Date of birth: unknown. Appointment: 12.03.2026",
    "Born in 1985; joined on 12.03.2010.",
    "Happy birthday Tom!! Party at ours on Saturday 8 June 2024 from 7pm.",
    "Liebe Freunde, zum 80. Geburtstag von Opa Heinz am 14. September 2024 laden wir ein.",
    "Acte de naissance délivré le 04/01/2024 par la mairie de Lille.",
    "le décès de Mme Odette FAURE, née BERNARD, survenu le 2 mars 2024",
    "She was born in Madrid. On 12 May 2010 she moved to Paris.",
    "Marie est née à Lyon, où elle a obtenu son diplôme le 30 juin 2010.",
    "Members born before 1 January 1960 keep the old rate.",
    "Please enter your date of birth (e.g. 01/01/1990).",
    "Date of birth:\nDate of visit: 12/03/2024",
    "Date de naissance : …………     Fait à Bordeaux, le 12/03/2024",
    "DOB          Start 12/03/2024",
    "Aufenthalt: 06.05.2024 - 27.05.2024, Kostenträger AOK",
    "Hierbij bevestigen wij de afspraak op donderdag 16 mei 2024 om 14.30 uur. Volgens onze "
    "gegevens bent u in Leiden geboren.",
])
def test_dates_that_are_not_birth_dates(text):
    assert found(text) == []


@pytest.mark.parametrize("text,value", [
    ("Kontakt: info(at)praxis-lang.example.de", "info(at)praxis-lang.example.de"),
    ("mail: info [at] example [dot] de please", "info [at] example [dot] de"),
    ("email me at mike dot h at example dot com", "mike dot h at example dot com"),
])
def test_addresses_spelled_out(text, value):
    assert found(text) == [("email", value)]


def test_a_web_site_spelled_out_is_no_address():
    assert found("Look at example dot com for details") == []


def test_an_apostrophe_stays_inside_the_address():
    text = "Reply to bob.o'neil@example.com today."
    assert redact(text, find_pii(text)) == "Reply to [EMAIL] today."


def test_the_held_out_figures_the_readme_reports_hold():
    """Floors on pii_fresh2.jsonl at the figures of its one scoring (2026-12-01), which
    the README reports: a change that loses any of it goes red here."""
    scores = evaluate(DATA / "pii_fresh2.jsonl")
    floors = {"email": (1.0, 0.98), "phone": (0.96, 0.97), "iban": (1.0, 1.0),
              "credit_card": (1.0, 1.0), "date_of_birth": (0.98, 1.0)}
    for category, (recall, precision) in floors.items():
        s = scores[category]
        assert s["expected"] >= 18, category
        assert round(s["recall"], 2) >= recall and round(s["precision"], 2) >= precision, (category, s)