"""Writes tests/data/pii_dev2.jsonl: a fifth labelled set for the personal-data finder
(desktop/pii), written as a development set to tune the rules on, beside the other four.

The texts are made up the way real paperwork reads -- discharge letters, payslips,
tenancy agreements, birth and death notices, genealogy notes, support chats, forms
printed as tables, invoices, CVs, school and club forms -- in English, German, French,
Spanish, Dutch, Italian, Portuguese, Swedish, Danish, Norwegian and Polish. Most of them
carry look-alikes that must not be found: dates that are not births (admission,
invoice, due, wedding, death, party dates, "80th birthday" dates), ages, order,
invoice, contract, customer, policy and national-id numbers grouped like phone
numbers, postcodes, amounts, times and time ranges, date ranges, tracking numbers, VAT
and company numbers, IBAN-shaped strings with bad check digits, IMEIs and other
numbers that pass Luhn but are no card.

The first 137 texts were written before the rules they tune were; the last 18 (marked
below) after the first round of them, as longer documents probing their weak spots.

Markup in the sources below: [[category:value]] is a labelled span (category one of
dob, phone, email, iban, card); <<...>> marks a look-alike (the markers are removed);
{IBAN_XX}, {IBAN_XX_PLAIN}, {BADIBAN_XX}, {CARD_KIND}, {CARD_KIND_DASH},
{CARD_KIND_PLAIN} and {BADCARD} are filled in with generated numbers (valid ones
labelled). Conventions as in the other sets: only the date of a date of birth is
labelled (a baby's date of birth in a birth notice too), never its label; every phone
and fax number is labelled from its first "+", "00", "(" or digit to its last digit;
an e-mail address written with "(at)" or " at ... dot " is an e-mail address.

    python tests/data/make_pii_dev2.py

Deterministic (fixed seed), standard library only; each value occurs once in its text.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

R = random.Random(20250611)
OUT = Path(__file__).with_name("pii_dev2.jsonl")
CATEGORY = {"dob": "date_of_birth", "phone": "phone", "email": "email", "iban": "iban",
            "card": "credit_card"}

# ISO 13616 lengths of the countries used below
IBAN_LENGTH = {"DE": 22, "AT": 20, "CH": 21, "FR": 27, "BE": 16, "ES": 24, "NL": 18, "IT": 27,
               "GB": 22, "IE": 22, "PT": 25, "PL": 28, "SE": 24, "DK": 18, "NO": 15, "LU": 20}
BANK_LETTERS = {"NL": ("ABNA", "RABO", "INGB", "TRIO"), "GB": ("NWBK", "BARC", "MIDL"),
                "IE": ("AIBK", "BOFI")}


def digits(n: int) -> str:
    return "".join(R.choice("0123456789") for _ in range(n))


def mod97(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s)) % 97


def iban(country: str, valid: bool = True) -> str:
    bank = R.choice(BANK_LETTERS[country]) if country in BANK_LETTERS else ""
    bban = bank + digits(IBAN_LENGTH[country] - 4 - len(bank))
    if country == "IT":
        bban = R.choice("ABCDEHKLMX") + bban[1:]
    check = 98 - mod97(bban + country + "00")
    if not valid:
        check = (check + R.randint(1, 90)) % 100
    value = f"{country}{check:02d}{bban}"
    assert (mod97(value[4:] + value[:4]) == 1) == valid, value
    return value


def luhn_ok(number: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(number)):
        n = int(c) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


CARD_PREFIX = {"VISA": ("4",), "MC": ("51", "53", "55", "2221"), "AMEX": ("34", "37"),
               "DISC": ("6011",)}


def card(kind: str) -> str:
    length = 15 if kind == "AMEX" else 16
    body = R.choice(CARD_PREFIX[kind])
    body += digits(length - 1 - len(body))
    return next(body + c for c in "0123456789" if luhn_ok(body + c))


def grouped(number: str, dash: bool = False) -> str:
    sizes = (4, 6, 5) if len(number) == 15 else (4, 4, 4, 4)
    parts, pos = [], 0
    for size in sizes:
        parts.append(number[pos:pos + size])
        pos += size
    return ("-" if dash else " ").join(parts)


def fill(match: re.Match[str]) -> str:
    kind, country, style = match.group(1), match.group(2), match.group(3)
    if kind == "IBAN":
        value = iban(country)
        value = value if style == "PLAIN" else " ".join(re.findall(".{1,4}", value))
        return f"[[iban:{value}]]"
    if kind == "BADIBAN":
        return " ".join(re.findall(".{1,4}", iban(country, valid=False)))
    if kind == "CARD":
        number = card(country)
        value = number if style == "PLAIN" else grouped(number, dash=style == "DASH")
        return f"[[card:{value}]]"
    number = card("VISA")
    bad = number[:-1] + str((int(number[-1]) + 3) % 10)
    assert not luhn_ok(bad)
    return grouped(bad)


def table(rows: list[list[str]], gap: int = 3) -> str:
    """Columns padded the way a printed form or a plain-text export lines them up;
    widths are measured without the markup."""
    def visible(s: str) -> str:
        return re.sub(r"\[\[\w+:(.*?)\]\]", r"\1", s).replace("<<", "").replace(">>", "")
    widths = [max(len(visible(r[i])) for r in rows if i < len(r)) for i in range(len(rows[0]))]
    lines = []
    for r in rows:
        cells = [c + " " * (widths[i] - len(visible(c)) + gap) for i, c in enumerate(r)]
        lines.append("".join(cells).rstrip())
    return "\n".join(lines)


TEXTS: list[tuple[str, str]] = []
# ---------------------------------------------------------------- English
TEXTS += [
    ("en", "St Mary's Hospital - Discharge Summary\n"
           "Patient: Mr Alan Whitaker     DOB: [[dob:14-Mar-1950]]     MRN: <<40217735>>\n"
           "NHS No: <<943 476 5919>>\n"
           "Admitted: <<03/02/2024>>     Discharged: <<09/02/2024>>\n"
           "GP: Dr R. Shah, Elm Surgery, tel. [[phone:0113 496 0321]]\n"
           "Follow-up in the chest clinic on <<21/03/2024>> at 10:30; bring this letter."),
    ("en", "JENNIFER O'BRIEN\n[[email:jen.obrien@example.com]] | [[phone:+44 7700 900461]] | Leeds\n"
           "Date of Birth: [[dob:2nd May 1991]]\n\nEXPERIENCE\n"
           "<<2016>>-<<2024>>  Senior analyst, Harbour Data Ltd (Company No. <<08123456>>)\n"
           "<<2013>>-<<2016>>  Graduate analyst, Leeds City Council"),
    ("en", "Dear Sir or Madam,\n\nI am writing on behalf of my father, Thomas Reid, who was born on "
           "the [[dob:5th of March 1941]] in Paisley and has lived at 14 Garden Row since <<1968>>. "
           "His pension number is <<PN 4471 2290 18>>. If you need anything else please call me on "
           "[[phone:0141 496 0872]].\n\nYours faithfully,\nCatherine Reid"),
    ("en", "RENTAL APPLICATION\nApplicant: Kevin Liu\nDate of Birth (MM/DD/YYYY): [[dob:07/04/1988]]\n"
           "SSN: <<XXX-XX-4821>>\nCurrent address: 1200 Pine St, Apt 4B, Seattle, WA <<98101>>\n"
           "Cell: [[phone:(206) 555-0143]]     Work: [[phone:206.555.0178]]\n"
           "Requested move-in date: <<08/01/2024>>     Monthly rent: $<<2,150.00>>"),
    ("en", "WHITFIELD, Margaret Anne\n([[dob:12 June 1933]] - <<4 January 2024>>)\n"
           "Passed away peacefully at home in Harrogate, aged 90. Much loved wife of the late Brian.\n"
           "Funeral service at St Wilfrid's on Friday <<19 January>> at 11am. Family flowers only.\n"
           "Enquiries to Barker & Sons Funeral Directors, [[phone:01423 496 118]]."),
    ("en", "BIRTHS\nCARTER - To Emily (nee Hughes) and James, a daughter, Isla Rose, born "
           "[[dob:3 March 2024]] at the Royal Infirmary, weighing 7lb 2oz. A little sister for Oliver."),
    ("en", "[10:02] Priya (Support): For security, can you confirm your date of birth?\n"
           "[10:03] Customer: sure, [[dob:19/11/1979]]\n"
           "[10:03] Priya (Support): Thanks. And the last four digits of the card?\n"
           "[10:04] Customer: <<4421>>\n"
           "[10:05] Priya (Support): All done. Your case reference is <<CX-2024-118-4402>>."),
    ("en", "INVOICE\nInvoice no.: <<INV-2024-00417>>\nInvoice date: <<14/03/2024>>\n"
           "Due date: <<13/04/2024>>\nCustomer ID: <<0044 7781 23>>\nPO number: <<4500 118 832>>\n\n"
           "Consulting services, 12 days at GBP <<650.00>>     GBP <<7,800.00>>\n"
           "VAT reg. GB <<123 4567 89>>\nPay to: {IBAN_GB}\n"
           "Queries: [[email:accounts@harbourdata.example.co.uk]] / [[phone:020 7946 0123]]"),
    ("en", "School trip consent form\nChild's name: Amelia Scott     Class: 5B\n"
           "Date of birth: [[dob:22/09/2014]]\n"
           "Parent/guardian: Laura Scott - mobile [[phone:07700 900582]]\n"
           "Emergency contact: Mark Scott [[phone:07700 900613]]\n"
           "Trip: Natural History Museum, <<Thursday 16 May 2024>>, coach leaves 8.15am, back 4.30pm."),
    ("en", "Family notes (Hallam line)\n"
           "- William Hallam, b. [[dob:4 Aug 1862]], Sheffield; m. <<1886>> Sarah Booth; d. <<12 Feb 1931>>.\n"
           "- Sarah Booth, born [[dob:Nov. 2, 1864]] at Rotherham; d. <<1940>>.\n"
           "- 1891 census: RG12/<<3802>> f. 41 p. 7."),
    ("en", "Hi team,\n\nThe call has moved to 3pm. Dial-in [[phone:+1 646 555 0123]], meeting ID "
           "<<812 3345 9921>>, passcode <<448812>>.\n\nBest,\nRachel Kim\nOperations Lead | Northwind Inc.\n"
           "T [[phone:+1 (312) 555-0188]]  F [[phone:+1 (312) 555-0189]]\n"
           "[[email:rachel.kim@northwind.example.com]]"),
    ("en", "Claim reference: <<CLM/2024/55120>>\nPolicy number: <<PL-778 201 993>>\n"
           "Policyholder: Ms Dana Brooks, born [[dob:30 January 1985]]\n"
           "Incident date: <<02/03/2024>> at approx. 17:45\nVehicle registration: <<LK19 XPT>>\n"
           "Settlement of GBP <<1,245.60>> to sort code <<20-45-77>>, account <<43218876>>."),
    ("en", "THIS AGREEMENT is made on <<1 September 2024>> between Harbour Lettings Ltd (company "
           "number <<09876543>>) and Mr Samuel Adeyemi (date of birth [[dob:17.08.1996]]) for the "
           "let of Flat 3, 22 Quay Street. The term is 12 months from <<01.09.2024>>; the rent is "
           "GBP <<1,100>> per month, payable on the 1st."),
    ("en", "Passenger list - Flight <<BA 0872>> - <<12/07/2024>>\n" + table([
        ["Name", "Date of birth", "Passport no.", "Seat"],
        ["ANNA KOWALSKA", "[[dob:03/11/1987]]", "<<EK4471290>>", "14A"],
        ["PIOTR KOWALSKI", "[[dob:21/06/1985]]", "<<EK4471291>>", "14B"],
        ["ZOFIA KOWALSKA", "[[dob:09/02/2016]]", "<<EK4471292>>", "14C"]])),
    ("en", "Happy birthday Tom!! Party at ours on Saturday <<8 June 2024>> from 7pm - bring a bottle. "
           "RSVP to Jo on [[phone:07700 900144]]."),
    ("en", "Patient, aged 42, seen in clinic on <<12/03/2024>>. Weight <<82.5>> kg, BP 132/84. "
           "Review in 6 weeks (<<23/04/2024>>)."),
    ("en", "Born in <<1985>> and raised in Bristol, Dr Hale joined the practice on <<01.09.2010>> "
           "and became a partner in <<2016>>."),
    ("en", "PAYSLIP - March 2024\nEmployee: Grace Mensah     Employee no: <<00417>>\n"
           "NI number: <<QQ 12 34 56 C>>     Date of birth: [[dob:1990-02-28]]     Tax code: 1257L\n"
           "Pay date: <<28/03/2024>>     Period: <<01/03/2024 - 31/03/2024>>\n"
           "Net pay GBP <<2,318.44>> paid to sort code <<40-11-62>>."),
    ("en", "Re: Mrs Joan Patel, D.O.B. [[dob:09.12.46]], NHS <<485 777 3456>>\n\nDear Dr Lewis,\n"
           "I saw Mrs Patel in clinic on <<4 March 2024>> with her daughter. ..."),
    ("en", "RX# <<6012345>>     Refills: 2\nPatient: GARCIA, MARIA     DOB: [[dob:3/14/1962]]\n"
           "Prescriber: Dr. Lee     Ph: [[phone:(617) 555-0190]]\n"
           "Filled: <<03/10/2024>>     Discard after: <<03/10/2025>>"),
    ("en", "Thank you for your payment of $<<89.99>>.\nCard: {CARD_VISA}\nAuthorization code: <<083514>>\n"
           "Transaction ID: {BADCARD}\nQuestions? Call [[phone:1-888-555-0147]]."),
    ("en", "ok so mum's bday is [[dob:4/5/58]] btw, and the renewal is due <<12/6/24>>"),
    ("en", "Section 2 - Personal details\n2.1 Surname: NOVAK\n2.2 Given names: Petra\n"
           "2.3 Date of birth (dd/mm/yyyy): [[dob:11/02/1979]]\n2.4 Place of birth: Brno\n"
           "2.5 Passport number: <<43398112>>\n2.6 Date of issue: <<05/06/2019>>     Date of expiry: "
           "<<05/06/2029>>\n2.7 Telephone: [[phone:+420 601 234 567]]"),
    ("en", "Your parcel <<JD014600003828469012>> is on its way. Tracking: <<1Z 999 AA1 01 2345 6784>>. "
           "Delivery window 14:00-16:00 today. Driver: [[phone:07700 900377]]"),
    ("en", "Account holder: Mr David Osei\nDate of birth: [[dob:5 Jul 1970]]\nNew account: {IBAN_IE}\n"
           "BIC: <<BOFIIE2D>>\nEffective from <<1 April 2024>>. Ref <<778 2231 44>>."),
    ("en", "LAB REPORT     Accession <<24-118-00412>>\nPatient: HOLLOWAY, SUSAN     DOB: [[dob:19620314]]"
           "     Sex: F\nCollected: <<20240311>> 08:12     Reported: <<20240312>> 14:40\n"
           "HbA1c <<48>> mmol/mol (ref <<20-41>>)"),
    ("en", "Smith, Jane - [[dob:12.03.1985]] (date of birth) - seen <<14.03.2024>> for review."),
    ("en", "Our little man arrived! Noah James was born on [[dob:March 9th, 2024]] at 3.42am, "
           "8lb 1oz. Mum and baby doing well. Call us on [[phone:07700 900 255]] after the weekend."),
    ("en", "The project was conceived on <<3 May 2015>> at a hackathon in Leeds and launched "
           "on <<1 October 2016>>."),
    ("en", "Member: Li Wei     D.o.B: [[dob:05 MAR 1983]]     Member since: <<JAN 2019>>\n"
           "Membership no. <<0098 4471 2290>>     Phone: [[phone:+44 161 496 0744]]"),
    ("en", "Hi, it's Raj - my new number is [[phone:+91 98765 43210]]. Also the insurance form "
           "wants your birthday, mine's [[dob:Jan 5 1990]] if that helps. Meet at 18.30-19.00?"),
    ("en", "Certificate of birth issued on <<04/01/2024>> by the General Register Office, "
           "entry no. <<412>>."),
    ("en", "IMEI: <<352099001761481>>\nSerial: <<C02XK1ABJG5J>>\nWarranty until <<14/03/2026>>. "
           "Support line [[phone:0800 046 1111]]."),
    ("en", "Please write to [[email:jane.doe (at) example.org]] or mike at home. Office hours "
           "Mon-Fri 09:00-17:30."),
]
# ---------------------------------------------------------------- German
TEXTS += [
    ("de", "Universitätsklinikum Musterstadt - Klinik für Innere Medizin\n"
           "Patient: Herr Jürgen Albrecht, geb. [[dob:23.06.1949]]\n"
           "Stationärer Aufenthalt vom <<04.03.2024>> bis <<11.03.2024>>\n\n"
           "Sehr geehrte Frau Kollegin, wir berichten über den oben genannten Patienten ... "
           "Rückfragen gern unter [[phone:0761 270-34010]]."),
    ("de", "Mietvertrag\nzwischen Herrn Stefan Krüger, geboren am [[dob:14. Juli 1978]] in Hannover, "
           "- Vermieter -\nund Frau Leonie Brandt, geb. [[dob:02.11.1995]], - Mieterin -\n"
           "§ 2 Mietbeginn: <<01.05.2024>>\n§ 5 Kaution: <<2.400,00>> EUR auf das Konto {IBAN_DE}"),
    ("de", "Wir freuen uns über die Geburt unserer Tochter\n\nLina Marie\n\n[[dob:7. Mai 2024]], "
           "3.420 g, 51 cm\n\nJulia & Markus Hoffmann"),
    ("de", "Traurig nehmen wir Abschied von\n\nHelga Schulze\ngeb. Brandt\n"
           "* [[dob:3. April 1938]]     † <<22. Februar 2024>>\n\n"
           "Die Beisetzung findet am <<1. März 2024>> um 14 Uhr auf dem Waldfriedhof statt."),
    ("de", "Entgeltabrechnung März 2024\nPersonalnummer: <<004711>>     Steuer-ID: <<12 345 678 901>>\n"
           "Name: Sabine Keller     Geburtsdatum: [[dob:12.09.1984]]\n"
           "Eintritt: <<01.04.2015>>     SV-Nummer: <<65 120984 K 012>>\n"
           "Abrechnungszeitraum: <<01.03.2024 - 31.03.2024>>\nAuszahlung auf {IBAN_DE}"),
    ("de", "[14:02] Anna: Brauche für die Versicherung noch Papas Geburtsdatum\n"
           "[14:05] Tom: [[dob:17.3.1956]]\n[14:05] Anna: danke! und seine Handynummer?\n"
           "[14:06] Tom: [[phone:0172 4455891]]"),
    ("de", "Anmeldung Jugendabteilung\nName: Finn Bauer        Geb.-Datum: [[dob:09.08.2013]]        "
           "Mitgliedsnr.: <<2231>>\nErziehungsberechtigt: Claudia Bauer, Tel. [[phone:0211 / 98 76 54]]\n"
           "Beitrag: <<96,00>> € jährlich, Abbuchung zum <<15.01.>>"),
    ("de", "Rechnung Nr. <<2024-0815>> vom <<12.03.2024>>\nKundennummer: <<10 2233 4455>>\n"
           "Leistungszeitraum: <<01.02.2024 - 29.02.2024>>\nBestellnummer <<4711 0815 42>>\n"
           "USt-IdNr.: <<DE 123 456 789>>\nBitte überweisen Sie <<1.190,00>> € bis zum <<26.03.2024>> "
           "auf {IBAN_DE}.\nTel. [[phone:+49 (0) 89 2180 4455]] · Fax [[phone:+49 (0) 89 2180 4456]]"),
    ("de", "LEBENSLAUF\n\nPersönliche Daten\nName: Dr. Miriam Vogt\nGeboren: [[dob:21. Oktober 1982]] "
           "in Freiburg i. Br.\nFamilienstand: verheiratet, zwei Kinder\nTelefon: [[phone:0761 4567 890]]"
           "     E-Mail: [[email:miriam.vogt@example.de]]\n\nBerufserfahrung\n<<03/2015>> - heute  "
           "Oberärztin, Kreiskrankenhaus Emmendingen"),
    ("de", "Liebe Freunde, zum 80. Geburtstag von Opa Heinz am <<14. September 2024>> laden wir "
           "herzlich ein. Ort: Gasthaus Linde, Hauptstraße 12, <<79098>> Freiburg. Zusagen bitte "
           "bis <<31.08.>> an [[phone:0761 55 44 33]]."),
    ("de", "Stammfolge Familie Weidner\n"
           "I. Johann Adam Weidner, * [[dob:12.5.1791]] Lauterbach, † <<3.2.1850>> ebd., Bauer\n"
           "   ∞ <<14.11.1815>> Maria Elisabeth Roth, geb. [[dob:2. Febr. 1794]] in Angersbach\n"
           "II. Konrad Weidner, get. <<8.3.1817>>, Schmied"),
    ("de", "Aufnahmeantrag Kita Sonnenschein\nKind: Emil Nowak\ngeboren am: [[dob:30.04.2021]]\n"
           "Gewünschter Aufnahmetermin: <<01.08.2024>>\nMutter: Katarzyna Nowak, Handy "
           "[[phone:0176 23456789]]\nVater: Jan Nowak, dienstlich [[phone:030 901820-17]]"),
    ("de", "Versicherungsnehmer: Mag. Thomas Huber\nGeburtsdatum: [[dob:5. Jänner 1977]]\n"
           "Polizzennummer: <<PL 4410 2290 77>>\nVersicherungsbeginn: <<1. Februar 2024>>\n"
           "Tel. [[phone:+43 664 123 45 67]]"),
    ("de", "Mieter: Herr Luca Meier, geb. [[dob:19.02.1990]], von Basel\nNatel [[phone:079 123 45 67]]\n"
           "AHV-Nr. <<756.1234.5678.97>>\nMietzins CHF <<1'850.->> pro Monat, zahlbar im Voraus."),
    ("de", "Liebe Frau Berger,\nich bin am [[dob:3. März 1964]] in Graz geboren und lebe seit <<1990>> "
           "in Wien. Für den Antrag brauchen Sie sicher noch mehr; meine Nummer ist "
           "[[phone:0699 1234 5678]].\nFreundliche Grüße, Eva Lind"),
    ("de", "Geburtsurkunde ausgestellt am <<12.03.2020>> vom Standesamt Köln, Registernummer "
           "<<G 1234/2020>>."),
    ("de", "Geburtsdatum: ________     Datum der Unterschrift: <<15.04.2024>>"),
    ("de", "Ihr Termin: Montag, <<18.03.2024>>, 09:30 Uhr, Praxis Dr. Lang, Tel. [[phone:06131 3 92 71]]\n"
           "Sprechzeiten Mo-Fr <<08:00-12:00>>, Di und Do <<15.00-18.00>> Uhr."),
    ("de", "| Name | Geburtsdatum | Telefon |\n|---|---|---|\n"
           "| Lea Wolf | [[dob:04.05.2010]] | [[phone:0151 2345 6789]] |\n"
           "| Ben Wolf | [[dob:11.09.2012]] | [[phone:0151 2345 6790]] |\n"
           "Stand: <<02.04.2024>>"),
    ("de", "Kontoverbindung alt: Kontonummer <<1234 5678 90>>, BLZ <<370 400 44>>\n"
           "Sendungsnummer: <<00340434161234567890>>\nFlug LH 1234, Abflug 07:45, Ankunft 09:10\n"
           "Postfach <<10 12 34>>, <<20095>> Hamburg"),
    ("de", "Unsere Emma ist da! Sie kam am [[dob:2. Juni 2024]] um 14:05 Uhr zur Welt. "
           "Wir sind unter [[phone:0157 7788 9900]] erreichbar."),
    ("de", "Die Gesellschaft wurde am <<12.03.1998>> gegründet und ist im Handelsregister "
           "(Amtsgericht Berlin, HRB <<123456 B>>) eingetragen. Geschäftsführer seit <<01.01.2020>>: "
           "Herr Lars Ohm."),
    ("de", "Teilnehmer: Herr Ralf Zimmer (Jahrgang 1961), Frau Uta Zimmer, geb. Krohn, geboren "
           "[[dob:08.08.1963]] in Kiel. Buchungsnummer: <<BK-2024-7781>>."),
]
# ---------------------------------------------------------------- French
TEXTS += [
    ("fr", "Nom : DUPONT     Prénom : Claire\nDDN : [[dob:14/02/1967]]     N° SS : <<2 67 02 75 114 032 48>>\n"
           "Médecin traitant : Dr Martin, tél. [[phone:01 42 34 56 78]]\nDate d'entrée : <<05/03/2024>>"),
    ("fr", "Léa et Julien ont la joie de vous annoncer la naissance de\n\nGabriel\n\nle [[dob:12 avril 2024]] "
           "à Nantes\n3,2 kg - 50 cm"),
    ("fr", "Nous avons la tristesse de vous faire part du décès de Mme Odette FAURE, née BERNARD, "
           "survenu le <<2 mars 2024>> dans sa 91e année. Les obsèques auront lieu le <<6 mars>> "
           "en l'église Saint-Pierre. Pompes funèbres Arnaud : [[phone:05 55 12 34 56]]."),
    ("fr", "ENTRE LES SOUSSIGNÉS\nM. Antoine Lefort, né le [[dob:1er décembre 1971]] à Rennes (35), "
           "ci-après « le bailleur »\nET\nMme Camille Roy, née le [[dob:27/03/1998]] à Tours, "
           "ci-après « le locataire »\nLe présent bail prend effet le <<1er juillet 2024>> pour trois ans.\n"
           "Loyer mensuel : <<850,00>> € - dépôt de garantie : <<850,00>> €.\nRIB du bailleur : {IBAN_FR}"),
    ("fr", "FACTURE N° <<F2024-00318>>\nDate : <<15/03/2024>>     Échéance : <<14/04/2024>>\n"
           "Client n° <<C 004 417>>\nSIRET <<732 829 320 00074>> - TVA intracom. <<FR 40 732829320>>\n"
           "Total TTC : <<1 524,00>> €\nContact : [[email:compta@atelier-roy.example.fr]] - "
           "[[phone:04 78 12 34 56]]"),
    ("fr", "Sarah BENSAÏD\n12 rue Victor Hugo, <<69002>> Lyon\n[[phone:06 12 34 56 78]] · "
           "[[email:sarah.bensaid@example.fr]]\nNée le [[dob:3 septembre 1994]] · Permis B\n\n"
           "EXPÉRIENCE\n<<2019>>-<<2024>> Chargée de projet, Lyon"),
    ("fr", "[18:20] Conseiller : Pouvez-vous me rappeler votre date de naissance ?\n"
           "[18:21] Mme Girard : oui c'est le [[dob:8/11/1959]]\n"
           "[18:21] Conseiller : merci. Votre numéro de contrat est le <<0041 7781 2290>>."),
    ("fr", "Famille ROUSSEL (Normandie)\nJacques ROUSSEL, laboureur, ° [[dob:15/01/1788]] à Bayeux, "
           "+ <<23/09/1851>> à Caen\nx <<07/02/1812>> Marie-Anne LEBRUN (° [[dob:3 juin 1791]], "
           "+ <<1860>>)"),
    ("fr", "Licence n° <<2024 118 445>>\nNom : PETIT     Prénom : Lucas\nNé(e) le : [[dob:06.06.2012]]"
           "     Catégorie : U13\nResponsable légal : [[phone:07 81 22 33 44]]\n"
           "Cotisation : <<180>> € réglée le <<12/09/2023>>"),
    ("fr", "Preneur : M. Julien Maes, né à Liège le [[dob:22 mai 1988]]\nNuméro national : "
           "<<88.05.22-123.45>>\nGSM : [[phone:0477 12 34 56]]\nNuméro d'entreprise du bailleur : "
           "<<0456.789.123>>"),
    ("fr", "Votre rendez-vous est confirmé le <<jeudi 21 mars 2024>> à 14h30. Référence : "
           "<<RDV-55 120 443>>. Pour annuler, appelez le [[phone:09 70 12 34 56]] (appel non surtaxé)."),
    ("fr", "Fiduciaire Morel SA - Rue du Rhône 12 - <<1204>> Genève\nTél. [[phone:+41 22 345 67 89]] - "
           "Fax [[phone:+41 22 345 67 90]]\nIDE <<CHE-123.456.789>> TVA"),
    ("fr", "Mon grand-père est né le [[dob:2 février 1932]] à Oran et il est arrivé en France le "
           "<<15 juillet 1962>>. Il a travaillé à la SNCF jusqu'en <<1992>>."),
    ("fr", "Acte de naissance délivré le <<04/01/2024>> par la mairie de Lille (copie intégrale)."),
    ("fr", "Date de naissance : …………     Fait à Bordeaux, le <<12/03/2024>>\nSignature :"),
    ("fr", "Colonie « Les Mouettes » - fiche sanitaire\nEnfant : Inès Roy     Date de naiss. : "
           "[[dob:17 janv. 2014]]\nSéjour du <<8>> au <<22 juillet 2024>>\nPère : [[phone:06.45.78.12.90]]"
           "     Mère : [[phone:+33 (0)6 45 78 12 91]]"),
    ("fr", "Nous sommes heureux d'annoncer la naissance de notre fils Arthur le [[dob:5 mars 2024]] "
           "à 2h10. Rendez-vous pour le baptême le <<12 mai 2024>>."),
    ("fr", "Bonjour, pour l'inscription j'ai besoin de ta date de naissance. La mienne est le "
           "[[dob:21 octobre 1990]], celle de Paul je ne sais plus. Bises, Manon"),
    ("fr", "Pour toute question, écrivez à [[email:service.client[at]boutique-lumiere.example.fr]] "
           "ou appelez le [[phone:+33 1 84 88 12 34]] du lundi au vendredi de 9h à 18h."),
]
# ---------------------------------------------------------------- Spanish
TEXTS += [
    ("es", "En Madrid, a <<12 de marzo de 2024>>.\n\nREUNIDOS\n\nDe una parte, D. Álvaro Gómez Ruiz, "
           "mayor de edad, nacido el [[dob:4 de agosto de 1969]], con DNI <<12345678Z>>, y de otra, "
           "Dña. Carmen Ortiz Leal, nacida en Toledo el [[dob:30/01/1983]], con NIE <<X1234567L>>."),
    ("es", "Paciente: Luis Herrero Blanco\nF. nacimiento: [[dob:11-09-1958]]     NHC: <<004471>>\n"
           "Fecha de ingreso: <<03/03/2024>>     Fecha de alta: <<08/03/2024>>\n"
           "Tfno. contacto: [[phone:91 234 56 78]]     Móvil: [[phone:654 32 10 98]]"),
    ("es", "[11:40] Operadora: ¿Me confirma su fecha de nacimiento?\n[11:41] Cliente: el "
           "[[dob:7 de mayo del 81]]\n[11:41] Operadora: Gracias. Su número de pedido es <<4471 2290 18>>."),
    ("es", "D. Francisco Javier Llorente Sanz\n(Burgos, [[dob:23 de octubre de 1935]] - Madrid, "
           "<<1 de marzo de 2024>>)\nFalleció en paz rodeado de los suyos. El funeral tendrá lugar el "
           "<<4 de marzo>> a las 12:00 en la parroquia de San Ginés."),
    ("es", "¡Ha nacido nuestro hijo Mateo! Llegó el [[dob:15 de febrero de 2024]] a las 06:20, con 3,1 kg. "
           "Gracias a todo el equipo del Hospital La Paz."),
    ("es", "Factura nº <<2024/0117>>\nFecha: <<15/03/2024>>\nCIF: <<B-12345678>>\nNº pedido: "
           "<<PED 0044 7781>>\nTotal: <<1.210,00>> €\nIBAN para el pago: {IBAN_ES}\n"
           "Atención al cliente: [[phone:900 123 456]]"),
    ("es", "Querida Pilar: mi abuela nació el [[dob:3-IV-1929]] en Cuenca y se casó el <<12-X-1950>> "
           "en la catedral. Te mando las fotos."),
    ("es", "Nombre: Camila Rojas\nFecha de nacimiento: [[dob:02/07/1995]]\nCelular: [[phone:+56 9 8765 4321]]\n"
           "Correo: [[email:camila.rojas@example.cl]]\nDisponibilidad: desde el <<01/08/2024>>"),
    ("es", "Alumno/a: Pablo Marín     Fecha nac.: [[dob:18-03-2016]]     Curso: 2º B\n"
           "Teléfono padre: [[phone:678 901 234]]\nCuota: <<35>> €/mes domiciliada en {IBAN_ES_PLAIN}"),
    ("es", "El plazo de presentación finaliza el <<30 de abril de 2024>>. Expediente nº "
           "<<2024/000118-44>>. Horario de atención: <<9:00-14:00>>."),
    ("es", "Certificado de nacimiento expedido el <<10/01/2024>> por el Registro Civil de Sevilla."),
    ("es", "Contrato de alquiler de vehículo nº <<ALQ 0724 118830>>\nConductor: Marc Vidal     "
           "Fecha de nacimiento: [[dob:12 Ene 1979]]\nRecogida: <<15/07/2024>> 10:00     "
           "Devolución: <<22/07/2024>> 10:00\nMóvil: [[phone:+34 622 198 340]]"),
    ("es", "Los mellizos nacieron el [[dob:1 de junio de 2019]]; el bautizo fue el "
           "<<14 de septiembre de 2019>> en Granada."),
    ("es", "Mi madre es del [[dob:2 de enero de 1950]] y mi padre del <<año 1948>>, así que este "
           "año cumplen muchos. Llámame al [[phone:611 22 33 44]]."),
    ("es", "Información: [[phone:(+34) 91 555 12 34]], de lunes a viernes. Ref. catastral "
           "<<9872023 VH5797S 0001 WX>>."),
]
# ---------------------------------------------------------------- Dutch
TEXTS += [
    ("nl", "Huurder: mevrouw Sanne de Wit, geboren op [[dob:17 mei 1992]] te Utrecht\n"
           "Ingangsdatum: <<1 juni 2024>>\nHuurprijs: € <<1.250,00>> per maand\n"
           "Rekeningnummer verhuurder: {IBAN_NL}\nTelefoon: [[phone:030 - 234 56 78]]"),
    ("nl", "Wij zijn dolblij met de geboorte van onze dochter\n\nNoor\n\n[[dob:9 maart 2024]]\n\n"
           "Fenna & Bas Jansen\nKraamtijd tot <<23 maart>>, graag eerst even bellen: [[phone:06 12 34 56 78]]"),
    ("nl", "Diep bedroefd geven wij kennis van het overlijden van\n\nGerrit Jan Bosma\n\n"
           "* Leeuwarden, [[dob:4 juli 1931]]     † Sneek, <<28 februari 2024>>\n\n"
           "De uitvaart vindt plaats op <<5 maart>> om 11.00 uur."),
    ("nl", "Patiënt: dhr. K. (Kees) Visser     Geb.datum: [[dob:02-10-1955]]     BSN: <<123456782>>\n"
           "Opname: <<12-03-2024>>     Ontslag: <<15-03-2024>>\nHuisarts: [[phone:050 - 311 22 33]]"),
    ("nl", "Factuurnummer: <<2024-1187>>\nFactuurdatum: <<14-03-2024>>\nKlantnummer: <<0044 7781>>\n"
           "BTW-nummer: <<NL001234567B01>>\nKvK: <<12345678>>\nGelieve te betalen voor <<28-03-2024>> "
           "op {IBAN_NL}"),
    ("nl", "[09:10] Medewerker: Mag ik uw geboortedatum ter controle?\n[09:11] Klant: [[dob:23-11-1979]]\n"
           "[09:11] Medewerker: Dank u. Uw klantnummer is <<7781 2290>>."),
    ("nl", "Kwartierstaat\n1. Jan Hendrik Mulder, geb. [[dob:12-04-1901]] Amsterdam, ovl. <<03-06-1975>> "
           "Haarlem\n   tr. <<14-05-1926>> Grietje Bakker, geb. [[dob:30 aug. 1903]] Zaandam."),
    ("nl", "Mijn vader is op [[dob:2 januari 1948]] in Den Haag geboren. Hij woont sinds <<1980>> "
           "in Delft."),
    ("nl", "Rijksregisternummer: <<85.07.30-033.28>>\nGSM: [[phone:0486 12 34 56]]\n"
           "Ondernemingsnummer: <<0423.456.789>>"),
    ("nl", "Uitnodiging: vier mijn 40e verjaardag mee op zaterdag <<13 april 2024>> vanaf 20.00 uur! "
           "Adres: Kerkstraat 12, <<1012 AB>> Amsterdam."),
    ("nl", "Zwemles inschrijving\nNaam kind: Daan Smit\nGeboortedatum: [[dob:3 okt. 2017]]\n"
           "Lestijd: zaterdag <<09.15-10.00>> uur\nTelefoon ouder: [[phone:06-41234567]]"),
    ("nl", "Geachte heer De Boer, volgens onze administratie bent u geboren op [[dob:14-02-1961]]. "
           "Uw pensioen gaat in op <<01-03-2028>>. Vragen? Bel [[phone:020 - 555 01 23]]."),
]
# ---------------------------------------------------------------- Italian
TEXTS += [
    ("it", "Il sottoscritto Marco Rinaldi, nato a Bologna il [[dob:12/05/1976]], residente in via "
           "Zamboni 3, C.F. <<RNLMRC76E12A944X>>, tel. [[phone:051 234 5678]], dichiara quanto segue."),
    ("it", "È mancata all'affetto dei suoi cari\n\nANNA MARIA FERRI\nved. Bassi\n(n. [[dob:3 febbraio 1930]])\n\n"
           "Ne danno il triste annuncio i figli. I funerali avranno luogo lunedì <<11 marzo>> alle ore 10."),
    ("it", "Paziente: Rossi Giuseppe     Data di nascita: [[dob:01/03/1944]]\n"
           "Ricovero: <<27/02/2024>>     Dimissione: <<06/03/2024>>\n"
           "Reparto: Cardiologia, tel. [[phone:06 4997 1234]]"),
    ("it", "[20:15] Operatore: mi conferma la data di nascita?\n[20:16] Cliente: [[dob:14 ago 1983]]\n"
           "[20:16] Operatore: grazie, la pratica è la n. <<2024/118/4402>>"),
    ("it", "Fattura n. <<118/2024>> del <<15/03/2024>>\nP. IVA <<01234567890>>\n"
           "Codice cliente: <<0044 7781 23>>\nScadenza: <<14/04/2024>>\nIBAN: {IBAN_IT}\n"
           "Info: [[phone:800 123 456]]"),
    ("it", "La nonna Lucia era del [[dob:15 agosto 1927]] ed è venuta a mancare il <<3 gennaio 2020>>."),
    ("it", "Iscrizione corso di nuoto\nNome: Giulia     Cognome: Ferrari\nNata il: [[dob:29.02.2012]]\n"
           "Cellulare genitore: [[phone:+39 347 123 4567]]\nQuota annuale: € <<250,00>>"),
    ("it", "Fiocco azzurro! È nato Leonardo il [[dob:2 aprile 2024]] alle 4:15, 3,5 kg di felicità."),
    ("it", "Il compleanno di Marta è il <<12 giugno>>: festa sabato <<15 giugno 2024>> alle 20.30."),
    ("it", "Contratto di locazione n. <<2024/0331>>\nConduttore: Sig. Paolo Greco, nato a Lecce il "
           "[[dob:7 settembre 1985]]\nDecorrenza: <<1° aprile 2024>>\nCanone: € <<700,00>> su {IBAN_IT_PLAIN}"),
    ("it", "Albero genealogico: Pietro Conti (Bergamo, [[dob:5 maggio 1902]] - Milano, <<18 dicembre 1979>>), "
           "sposò nel <<1928>> Rosa Villa."),
    ("it", "Orari: lun-ven 9.00-13.00 e 14.30-18.00. Numero verde [[phone:800 90 90 90]]. "
           "Codice fiscale dell'ente: <<80012345678>>."),
]
# ---------------------------------------------------------------- Portuguese
TEXTS += [
    ("pt", "Nome: João Pedro Almeida\nData de nascimento: [[dob:21/09/1990]]\nNIF: <<123 456 789>>\n"
           "Telemóvel: [[phone:+351 912 345 678]]\nIBAN: {IBAN_PT}"),
    ("pt", "Declaro para os devidos efeitos que Maria Helena Costa, nascida em [[dob:3 de março de 1962]], "
           "natural de Braga, reside nesta freguesia desde <<2001>>."),
    ("pt", "Paciente: Ana Beatriz Souza     Data de nasc.: [[dob:15/08/1987]]     CPF: <<123.456.789-09>>\n"
           "Tel.: [[phone:(11) 98765-4321]]\nConsulta: <<22/03/2024>> às 14h"),
    ("pt", "O meu avô nasceu a [[dob:12 de dezembro de 1931]] em Viseu e casou em <<1958>>."),
    ("pt", "Fatura nº <<FT 2024/118>> de <<15-03-2024>>\nContribuinte nº <<509 876 543>>\n"
           "Total: <<123,00>> €\nLinha de apoio: [[phone:210 123 456]]"),
]
# ---------------------------------------------------------------- Swedish, Danish, Norwegian, Polish
TEXTS += [
    ("sv", "Namn: Erik Lindqvist\nFödelsedatum: [[dob:1978-04-12]]\nPersonnummer: <<19780412-1234>>\n"
           "Telefon: [[phone:070-123 45 67]]\nE-post: [[email:erik.lindqvist@example.se]]"),
    ("sv", "Anna Berg är född den [[dob:3 maj 1985]] i Uppsala och anställdes den <<1 september 2012>>."),
    ("da", "Navn: Mette Jensen\nFødselsdato: [[dob:03.06.1985]]\nCPR-nr.: <<030685-1234>>\n"
           "Tlf.: [[phone:+45 20 12 34 56]]"),
    ("no", "Søker: Ola Nordmann\nFødt: [[dob:12. mars 1975]]\nMobil: [[phone:+47 912 34 567]]\n"
           "Kontonummer: <<1234.56.78903>>"),
    ("pl", "Imię i nazwisko: Katarzyna Nowak\nData urodzenia: [[dob:15.07.1989]]\nPESEL: <<89071512345>>\n"
           "Tel.: [[phone:+48 601 234 567]]\nNIP: <<123-456-32-18>>"),
    ("pl", "Zofia Wiśniewska, ur. [[dob:12.IV.1958]] w Krakowie, zam. ul. Długa 5. Faktura nr "
           "<<FV/2024/03/118>> z dnia <<15.03.2024>>."),
    ("pl", "Pan Jan Kowalski, urodzony [[dob:3 maja 1950]] w Poznaniu, zmarł <<7 lutego 2024>>."),
]

# ---------------------------------------------------------------- payments, in several languages
TEXTS += [
    ("en", "Booking confirmation <<HX-44718>>\nGuest: Mr Owen Hart\nCard on file: {CARD_MC} (exp. 09/27)\n"
           "Check-in <<14/06/2024>>, check-out <<17/06/2024>>. Total GBP <<436.50>>.\n"
           "Hotel reception: [[phone:+44 131 496 0055]]"),
    ("de", "Zahlungsart: Kreditkarte\nKartennummer: {CARD_VISA_DASH}\nGültig bis: 11/26\n"
           "Alte Karte **** **** **** <<4471>> wurde gesperrt.\nBeleg-Nr. <<0815 4711 2290 1188>>"),
    ("fr", "Paiement par carte American Express n° {CARD_AMEX} accepté le <<03/04/2024>>.\n"
           "Numéro d'autorisation : <<448 120>>\nPour toute réclamation : [[email:reclamations@voyages-soleil.example.fr]]"),
    ("es", "Datos de pago\nTitular: Lucía Prieto\nTarjeta: {CARD_VISA_PLAIN}\nCaducidad: 08/28\n"
           "Cuenta para devoluciones: {IBAN_ES}\nCódigo de seguridad: no lo envíe por correo."),
    ("nl", "Betaalgegevens: creditcard {CARD_MC_DASH}, vervaldatum 03/27.\nTransactienummer: <<7712 0044 9813 2245>>\n"
           "Terugstorting op {IBAN_BE} binnen 14 dagen."),
    ("it", "Carta di credito: {CARD_AMEX_DASH}\nScadenza: 05/29\nNumero ordine: <<IT-2024-55871>>\n"
           "Per assistenza: [[email:assistenza@negozio-verde.example.it]] o [[phone:02 8738 1122]]"),
    ("en", "Refund of USD <<120.00>> to Discover {CARD_DISC} processed on <<04/02/2024>>.\n"
           "Order #<<112-4471229-3381904>>. Gift card code <<6006 4912 3456 7890>> is not affected."),
    ("de", "SEPA-Lastschriftmandat\nGläubiger-ID: <<DE98ZZZ09999999999>>\nMandatsreferenz: <<M-2024-000417>>\n"
           "Kontoinhaber: Peter Lang\nIBAN: {IBAN_DE_PLAIN}\nBIC: <<COBADEFFXXX>>\n"
           "Alte Verbindung (falsch): {BADIBAN_DE}"),
    ("fr", "Bonjour, voici mes coordonnées bancaires : {IBAN_LU} (BIC <<BCEELULL>>). Mon ancien compte "
           "{BADIBAN_FR} est clôturé. Joignable au [[phone:+352 621 123 456]]."),
    ("en", "Contact: Ms Ines Duarte <[[email:ines.duarte+press@example.pt]]>, mobile [[phone:+351 936 555 012]]."
           " Backup: [[email:ines dot duarte at example dot org]]"),
]

# ---------------------------------------------------------------- a second batch, written after the
# first rules to probe their weak spots (long documents, several items and look-alikes each)
TEXTS += [
    ("en", "From: Priya Nair <[[email:priya.nair@lakeside-physio.example.co.uk]]>\nSent: 04 March 2024 09:12\n"
           "Subject: Referral - Mr Gareth Owen\n\nHi Tom,\n\nPlease see Mr Gareth Owen (DOB [[dob:17/10/1971]]) "
           "for six sessions from <<11/03/2024>>. He injured his knee on <<26/02/2024>>. His mobile is "
           "[[phone:07700 900 318]].\n\nKind regards,\nPriya\nLakeside Physio | [[phone:0161 496 0520]] | "
           "Company no. <<09123456>> | VAT <<GB 298 1234 56>>"),
    ("de", "Pfarramt St. Martin - Auszug aus dem Taufbuch\nTäufling: Sophie Marie Keller\n"
           "geboren: [[dob:14. April 2023]] in Freiburg\ngetauft: <<21. Mai 2023>>\nEltern: Jonas Keller und "
           "Lea Keller geb. Braun\nPaten: Max Braun (<<Jahrgang 1990>>)\nAusgestellt am <<02.03.2024>>, Tel. des "
           "Pfarramts [[phone:0761 2 18 47 0]]"),
    ("fr", "CONVENTION DE STAGE n° <<2024-0457>>\nStagiaire : Mlle Chloé Martin, née le [[dob:22/07/2003]] à "
           "Nancy, étudiante (n° INE <<123456789AB>>)\nPériode : du <<03/06/2024>> au <<30/08/2024>>\n"
           "Gratification : <<4,35>> € / heure, versée sur {IBAN_FR}\nTuteur : M. Paul Henry, "
           "[[phone:03 83 12 45 67]], [[email:p.henry@industrie-est.example.fr]]"),
    ("es", "Hoja de inscripción - Escuela de música\nAlumno: Hugo Sanz Ortega     Fecha de nacimiento: "
           "[[dob:9-XI-2015]]\nInstrumento: violín     Horario: martes <<17:30-18:15>>\nMadre: Marta Ortega, "
           "móvil [[phone:699 12 34 56]]\nDomiciliación: {IBAN_ES}\nMatrícula: <<45 €>> (pagada el <<12/09/2023>>)"),
    ("nl", "Aangifte geboorte - gemeente Zwolle\nKind: Sara Yilmaz\nGeboortedatum en -tijd: [[dob:28-01-2024]], "
           "04:17 uur\nAangifte gedaan op: <<30-01-2024>>\nMoeder: Elif Yilmaz, geboren [[dob:11 juni 1994]] te "
           "Deventer\nBSN kind: <<123456782>>\nTelefoon: [[phone:038 - 498 91 11]]"),
    ("it", "Verbale di assemblea del <<15 marzo 2024>>\nPresenti: Sig. Franco Neri (nato a Parma il "
           "[[dob:3/7/1948]]), Sig.ra Elena Gatti (nata il [[dob:21 gennaio 1955]]).\nLa seduta si apre alle "
           "<<18.30>> e si chiude alle <<20.15>>. Prossima riunione: <<12 aprile 2024>>.\nSegreteria: "
           "[[phone:0521 234 567]] - [[email:segreteria@condominio-aurora.example.it]]"),
    ("en", "Obituary\n\nEDWARD JAMES HOLLAND\n[[dob:2 February 1938]] - <<18 March 2024>>\n\nTeddy passed away "
           "peacefully at St Luke's Hospice. He married Joan on <<14 June 1962>> and they ran the village shop "
           "for forty years. The funeral will be held on <<5 April 2024>> at 2pm. Donations to the hospice, "
           "charity no. <<1041234>>."),
    ("de", "Mitgliederliste (Stand <<01.03.2024>>)\n" + table([
        ["Nr.", "Name", "Geburtsdatum", "Eintritt", "Telefon"],
        ["<<101>>", "Schulz, Anna", "[[dob:12.05.1987]]", "<<01.01.2015>>", "[[phone:0711 123456]]"],
        ["<<102>>", "Weber, Tim", "[[dob:30.11.1992]]", "<<15.03.2018>>", "[[phone:0711 654321]]"],
        ["<<103>>", "Kaya, Selin", "[[dob:07.02.2001]]", "<<01.09.2021>>", "[[phone:0176 5544332]]"]])),
    ("en", "Hi both - quick one for the nursery form: Lily's DOB is [[dob:14.08.2021]] and her NHS number "
           "is <<485 777 3456>>. Pick-up is 5.30pm. Call me on [[phone:07700 900 451]] if anything. Thx, Sam"),
    ("fr", "Avis de décès\n\nMonsieur Jean-Pierre ROUX\nsurvenu le <<3 mars 2024>> à l'âge de 78 ans.\n"
           "(Né le [[dob:12 août 1945]] à Brest.)\nLes obsèques auront lieu le <<7 mars 2024>> à 10h30.\n"
           "Pompes funèbres de l'Iroise : [[phone:02 98 44 12 34]]"),
    ("es", "[16:02] Tienda: Para enviarte la factura necesitamos tu NIF y fecha de nacimiento\n"
           "[16:05] Pablo: NIF <<12345678Z>>, nací el [[dob:23/03/1991]]\n[16:05] Tienda: Perfecto. Tu pedido "
           "<<PD-2024-0981>> sale mañana. Seguimiento: <<ES2024031600123>>"),
    ("pt", "Ficha de sócio\nNome: Rui Manuel Pereira\nData de nascimento: [[dob:05-06-1979]]\nNº de sócio: "
           "<<4471>>     Quota anual: <<60,00>> €\nTelemóvel: [[phone:912 345 678]]\nE-mail: "
           "[[email:rui.pereira@example.pt]]\nIBAN: {IBAN_PT}"),
    ("de", "Hallo Frau Dr. Stein,\nanbei die Daten meiner Mutter für den Pflegeantrag: Margarete Lang, "
           "geb. Fischer, geboren am [[dob:29.02.1936]] in Breslau, Pflegegrad seit <<01.07.2021>>, "
           "Versichertennummer <<A123456789>>. Ich bin tagsüber unter [[phone:0221 / 9 87 65 43]] erreichbar.\n"
           "Viele Grüße, Petra Lang"),
    ("nl", "Rouwadvertentie\n\nIn liefdevolle herinnering aan\nCornelis (Kees) de Groot\n\nRotterdam, "
           "[[dob:3 november 1939]]     Schiedam, <<12 maart 2024>>\n\nDe crematie vindt plaats op <<19 maart>>."),
    ("it", "Modulo di iscrizione al centro estivo\nBambino/a: Matteo Lodi     Data di nascita: [[dob:14.09.2016]]\n"
           "Periodo: dal <<17/06>> al <<26/07/2024>>\nAllergie: nessuna\nGenitore: Chiara Lodi, cell. "
           "[[phone:340 998 7766]], tel. ufficio [[phone:02 3456 7890]]\nCodice fiscale genitore: "
           "<<LDOCHR85M41F205X>>"),
    ("en", "Passport renewal checklist\n- Old passport number: <<533401227>> (expired <<09/2023>>)\n"
           "- Date of birth as on birth certificate: [[dob:21 Nov 1979]]\n- Countersignatory: Dr A. Khan, "
           "known to me since <<2011>>, tel [[phone:0117 496 0342]]\n- Appointment: <<Tue 12 March, 11:40>>"),
    ("fr", "Bonjour Madame,\nJe vous confirme l'inscription de mon fils Adam, né le [[dob:02/05/2018]], pour "
           "l'année scolaire <<2024-2025>>. Son frère Yanis (né en <<2015>>) est déjà inscrit en CM1.\n"
           "Cordialement, Mme Samira Haddad - [[phone:06 77 88 99 00]]"),
    ("de", "Ihre Reservierung <<R-2024-3381>>\nAnreise: <<Fr, 14.06.2024>>   Abreise: <<So, 16.06.2024>>\n"
           "Gast: Herr Ole Hansen, Geb.-Dat. [[dob:1969-12-01]]\nZimmer <<214>>, 2 Nächte à <<89,00>> €\n"
           "Rezeption [[phone:+49 4651 98 76 0]] · [[email:info@strandhotel-sylt.example.de]]"),
]


def build() -> list[dict]:
    out = []
    for lang, source in TEXTS:
        source = re.sub(r"\{(IBAN|BADIBAN|CARD|BADCARD)(?:_([A-Z]+))?(?:_(PLAIN|DASH))?\}", fill,
                        source)
        spans, text, pos = [], [], 0
        for m in re.finditer(r"\[\[(\w+):(.*?)\]\]", source, flags=re.S):
            text.append(source[pos:m.start()])
            spans.append({"category": CATEGORY[m.group(1)], "value": m.group(2)})
            text.append(m.group(2))
            pos = m.end()
        text.append(source[pos:])
        plain = "".join(text).replace("<<", "").replace(">>", "")
        for s in spans:
            assert plain.count(s["value"]) == 1, (s, plain)
        out.append({"text": plain, "lang": lang, "spans": spans})
    return out


if __name__ == "__main__":
    samples = build()
    OUT.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in samples),
                   encoding="utf-8")
    counts: dict[str, int] = {}
    for s in samples:
        for span in s["spans"]:
            counts[span["category"]] = counts.get(span["category"], 0) + 1
    langs = sorted({s["lang"] for s in samples})
    print(f"{len(samples)} texts, languages {langs}, spans {counts}")
