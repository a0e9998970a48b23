#!/usr/bin/env python3
"""Held-out labelled test set for the personal-data redactor.

What this is
    A second, independent evaluation set for the redactor's five categories
    (email, phone, iban, credit_card, date_of_birth).  It is written as real
    people's documents read -- e-mails, invoices, forms, letters, chat
    messages, CVs, medical and HR notes, order confirmations -- in English,
    German, French, Spanish, Dutch and Italian.  Many texts also
    contain look-alikes that must NOT be labelled: order/customer/reference
    numbers, amounts, non-birth dates, postal codes, VAT and company numbers,
    ISBN/ISSN, tracking numbers, SWIFT/BIC codes, versions, times,
    percentages, IBAN-shaped strings with bad checksums or placeholders,
    card-length numbers that fail the Luhn check, "user@" and "@name"
    mentions without a domain, URLs.  Most texts carry at least one such
    string (the summary printed by this script gives the exact share); about
    two thirds carry number-, date- or @-shaped ones, and some texts carry no
    personal data at all.

Independence
    The texts were written without looking at the redactor's rules
    (desktop/steps/redact.py), its evaluator, or the existing sample set
    (tests/data/pii_samples.jsonl and its generator), and without running the
    redactor.  They are meant to measure it, not to fit it or to break it.
    Please keep it that way: do not tune the rules against this file -- use it
    only to score.

Labelling conventions
    * Every e-mail address, phone number (personal or business, national or
      international, with or without a "Tel." label), IBAN with a valid
      ISO 13616 mod-97 checksum and card number with a valid Luhn check digit
      is labelled.  Dates are labelled only when they are dates of birth.
    * A span's value is exactly the item: an e-mail without surrounding
      <angle brackets>, parentheses or trailing punctuation; a phone number
      from its first character ("+", "00", "(" of an area code or first digit)
      to its last digit; an IBAN or card number as printed (with its spaces or
      dashes); a date of birth without its label ("Born:", "geb.", "née le").
    * Each value occurs exactly once in its text (asserted below), so a scorer
      can locate it with text.index(value).
    * All data is fictitious: example.com/.org/.net or *.example domains,
      made-up people and companies, UK 07700 900xxx / 020 7946 0xxx and US
      555-01xx drama numbers where available.  IBANs and card numbers are
      generated here from a fixed seed with correct national and
      international check digits (our own implementation of ISO 13616 mod 97,
      the Luhn algorithm, and the French RIB key, Spanish DC, Italian CIN,
      Belgian and Portuguese check digits).

Format
    tests/data/pii_heldout.jsonl -- one JSON object per line:
    {"text": "...", "lang": "en", "spans": [{"category": "...", "value": "..."}]}

Regenerate
    python3 tests/data/make_pii_heldout.py
    (standard library only; deterministic; prints a summary of counts)
"""

import collections
import json
import random
import re
import string
from pathlib import Path

OUT = Path(__file__).with_name("pii_heldout.jsonl")
CATEGORIES = ("email", "phone", "iban", "credit_card", "date_of_birth")

rng = random.Random(13616)


# --------------------------------------------------------------------------
# Check-digit helpers (written for this file, independent of the redactor)
# --------------------------------------------------------------------------

def _digits(n):
    return "".join(rng.choice(string.digits) for _ in range(n))


def _iban_numeric(s):
    """Letters -> 10..35, digits unchanged (ISO 13616 / ISO 7064)."""
    return "".join(str(int(c, 36)) for c in s)


def iban_is_valid(compact):
    compact = compact.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{8,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int(_iban_numeric(rearranged)) % 97 == 1


def iban_check_digits(country, bban):
    r = int(_iban_numeric(bban + country + "00")) % 97
    return "%02d" % (98 - r)


def luhn_ok(number):
    digits = [int(d) for d in re.sub(r"\D", "", number)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(partial):
    for last in string.digits:
        if luhn_ok(partial + last):
            return partial + last
    raise AssertionError("unreachable")


def _fr_rib_key(bank, branch, account):
    return "%02d" % (97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97)


def _es_dc(ten):
    weights = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)
    r = 11 - sum(int(d) * w for d, w in zip(ten, weights)) % 11
    return {11: "0", 10: "1"}.get(r, str(r))


_IT_ODD = (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14,
           16, 10, 22, 25, 24, 23)


def _it_cin(s):
    total = 0
    for i, c in enumerate(s):
        k = int(c) if c.isdigit() else ord(c) - 65
        total += _IT_ODD[k] if i % 2 == 0 else k
    return chr(65 + total % 26)


def _nl_account():
    while True:
        acc = _digits(10)
        if acc[0] != "0" and sum(int(d) * (10 - i) for i, d in enumerate(acc)) % 11 == 0:
            return acc


def _bban(cc):
    if cc == "DE":
        return _digits(8) + _digits(10)
    if cc == "AT":
        return _digits(5) + _digits(11)
    if cc == "CH":
        return _digits(5) + _digits(12)
    if cc == "FR":
        bank, branch, acc = _digits(5), _digits(5), _digits(11)
        return bank + branch + acc + _fr_rib_key(bank, branch, acc)
    if cc == "BE":
        first = _digits(10)
        return first + "%02d" % (int(first) % 97 or 97)
    if cc == "ES":
        bank, branch, acc = _digits(4), _digits(4), _digits(10)
        return bank + branch + _es_dc("00" + bank + branch) + _es_dc(acc) + acc
    if cc == "PT":
        first = _digits(19)
        return first + "%02d" % (98 - int(first + "00") % 97)
    if cc == "IT":
        body = _digits(5) + _digits(5) + _digits(12)
        return _it_cin(body) + body
    if cc == "NL":
        return rng.choice(["ABNA", "RABO", "INGB", "SNSB", "TRIO"]) + _nl_account()
    if cc == "GB":
        return rng.choice(["NWBK", "BARC", "LOYD", "MIDL"]) + _digits(6) + _digits(8)
    if cc == "IE":
        return rng.choice(["AIBK", "BOFI"]) + _digits(6) + _digits(8)
    raise ValueError(cc)


IBAN_LENGTH = {"DE": 22, "AT": 20, "CH": 21, "FR": 27, "BE": 16, "ES": 24,
               "PT": 25, "IT": 27, "NL": 18, "GB": 22, "IE": 22}


def group4(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def IB(cc, grouped=True):
    """A fresh IBAN with valid check digits, grouped in fours or run together."""
    bban = _bban(cc)
    compact = cc + iban_check_digits(cc, bban) + bban
    assert iban_is_valid(compact) and len(compact) == IBAN_LENGTH[cc], compact
    return group4(compact) if grouped else compact


def BADIB(cc, grouped=True):
    """IBAN-shaped string whose mod-97 check digits are wrong."""
    bban = _bban(cc)
    good = int(iban_check_digits(cc, bban))
    bad = good + rng.choice([1, 2, 3, -1, -2]) if 3 < good < 95 else 50
    compact = cc + "%02d" % bad + bban
    assert not iban_is_valid(compact)
    return group4(compact) if grouped else compact


def _card_digits(kind):
    if kind == "visa":
        partial, length = "4" + _digits(14), 16
    elif kind == "mc":
        if rng.random() < 0.3:
            partial = str(rng.randint(2221, 2720)) + _digits(11)
        else:
            partial = "5" + str(rng.randint(1, 5)) + _digits(13)
        length = 16
    elif kind == "amex":
        partial, length = rng.choice(["34", "37"]) + _digits(12), 15
    else:
        raise ValueError(kind)
    number = luhn_complete(partial)
    assert len(number) == length
    return number


def _fmt_card(number, style):
    if style == "plain":
        return number
    sep = " " if style == "space" else "-"
    if len(number) == 15:
        return sep.join((number[:4], number[4:10], number[10:]))
    return sep.join(number[i:i + 4] for i in range(0, 16, 4))


def CC(kind, style="space"):
    """A card number with a valid Luhn check digit, spaced, dashed or plain."""
    return _fmt_card(_card_digits(kind), style)


def BADCC(kind, style="space"):
    """Card-shaped number that fails the Luhn check."""
    number = _card_digits(kind)
    number = number[:-1] + str((int(number[-1]) + rng.randint(1, 9)) % 10)
    assert not luhn_ok(number)
    return _fmt_card(number, style)


# --------------------------------------------------------------------------
# Records.  Inline markup:  [[category:value]] for a labelled span,
#                           [[-:value]]        for a look-alike (not labelled).
# The markup is stripped; look-alikes are only tracked for the summary.
# --------------------------------------------------------------------------

RECORDS = []
_MARK = re.compile(r"\[\[([a-z_]+|-):(.*?)\]\]", re.S)


def R(lang, kind, marked):
    parts, spans, negs, pos, length = [], [], [], 0, 0
    for m in _MARK.finditer(marked):
        before = marked[pos:m.start()]
        parts.append(before)
        length += len(before)
        cat, val = m.group(1), m.group(2)
        (negs if cat == "-" else spans).append((cat, val, length))
        parts.append(val)
        length += len(val)
        pos = m.end()
    parts.append(marked[pos:])
    text = "".join(parts)
    RECORDS.append({"lang": lang, "kind": kind, "text": text,
                    "spans": spans, "negs": negs})


# ============================== ENGLISH ===================================

R("en", "email", f"""From: Priya Raman <[[email:priya.raman@example.com]]>
To: Recruitment Team <[[email:careers@northwind-labs.example]]>
Subject: Application for Data Analyst role (ref. [[-:DA-2024-117]])

Dear Recruitment Team,

Please find attached my CV and cover letter for the Data Analyst position advertised on [[-:2 April 2024]].
I am available for an interview any weekday after [[-:4:30 pm]]; the easiest way to reach me is my mobile, [[phone:07700 900417]].

Kind regards,
Priya Raman""")

R("en", "invoice", f"""NORTHWIND OFFICE SUPPLIES LTD
Unit 4, Harbour Road, Leeds [[-:LS1 4AP]]
Tel. [[phone:0113 496 0732]]  ·  [[email:accounts@northwind-supplies.example]]
VAT Reg. No. [[-:GB 284 5561 73]]  ·  Registered in England No. [[-:08123456]]

INVOICE [[-:INV-2024-0387]]
Invoice date: [[-:14/03/2024]]        Due: [[-:13/04/2024]]
Customer account: [[-:NW-00418]]
Your PO: [[-:4500 2291 83]]

2 x Ergonomic chair, model EC-300 ........ £418.00
5 x A4 paper, box of 5 reams ............. £64.75
Subtotal £482.75   VAT [[-:20%]] £96.55   Total due [[-:£579.30]]

Please pay by bank transfer to IBAN [[iban:{IB("GB")}]], BIC [[-:BARCGB22]].""")

R("en", "chat", f"""Tom: hey!! new phone, new number → [[phone:+44 7700 900261]]. old sim died on the train lol
Tom: can you send me the pics from saturday? my email's still [[email:tom.h_1988@example.net]]""")

R("en", "hr_form", f"""NEW STARTER DETAILS – CONFIDENTIAL
Full name: Daniel Okafor
Date of birth: [[date_of_birth:22/09/1991]]
Start date: [[-:01/04/2024]]
Job title: Warehouse Supervisor (grade B2)
Personal email: [[email:dan.okafor+payroll@example.net]]
Mobile: [[phone:07700 900583]]
Salary to be paid into: [[iban:{IB("GB", False)}]]
Emergency contact: Grace Okafor (sister), [[phone:0161 496 0284]]""")

R("en", "medical_letter", f"""Dear Dr Patel,

Re: Mrs Margaret O'Connell, DOB [[date_of_birth:03/05/52]]

I reviewed Mrs O'Connell in the diabetes clinic on [[-:12/02/2024]]. Her HbA1c has improved to [[-:48 mmol/mol]] and her blood pressure was [[-:128/82]]. I have increased her metformin to 1 g twice daily.
I will see her again in six months. Her daughter asked to be contacted on [[phone:07700 900146]] about appointments.

Yours sincerely,
Dr S. Whitfield, Consultant Physician""")

R("en", "order_confirmation", f"""Thanks for shopping with Brightleaf Home!
Order number: [[-:BLH-2024-558213]]
Order date: [[-:19 March 2024]]
Paid with: Visa [[-:•••• •••• •••• 4417]]
Tracking number: [[-:1Z 999 AA1 01 2345 6784]]
Delivery to: 22 Elm Close, Bristol [[-:BS8 1TH]]
Estimated delivery: [[-:21–23 March]]""")

R("en", "letter", f"""Dear Sir or Madam,

I am writing to ask you to close my savings account with IBAN [[iban:{IB("IE")}]] and to transfer the remaining balance to my current account at another bank, IBAN [[iban:{IB("IE", False)}]].
For your security checks: my name is Siobhan Kelly, I was born on [[date_of_birth:March 5, 1985]] and my address is 14 Harbour View, Dún Laoghaire, Co. Dublin [[-:A96 K7X2]].
You can reach me on [[phone:+353 87 123 4567]] during office hours.

Yours faithfully,
Siobhan Kelly""")

R("en", "email", f"""Hi Mark,

Quick update before Thursday's call ([[-:3:30 pm]] ET). We'll use the usual video room, meeting ID [[-:884 2193 3071]].
If anything breaks, call my cell at [[phone:+1 (415) 555-0199]] or the front desk at [[phone:(212) 555-0143]].

Thanks,
Jenna""")

R("en", "cv", f"""ALEXANDER BROOKS
Senior Software Engineer
[[email:ALEX.BROOKS@EXAMPLE.COM]] | [[phone:+44 (0)20 7946 0958]] | [[-:github.com/abrooks-dev]]
Born: [[date_of_birth:5th March 1985]], Manchester

EXPERIENCE
Halcyon Systems, London — Senior Engineer (2016–present)
Led the migration to Python [[-:3.11]] and Kubernetes [[-:1.28]]; cut infrastructure costs by [[-:35%]].
Orbit Analytics, Leeds — Engineer (2011–2016)

EDUCATION
BSc Computer Science, University of Leeds, 2007–2010""")

R("en", "release_notes", f"""Release notes – Ledgerline [[-:v2.14.3]] (build [[-:10.0.19045.3570]])
Released [[-:2024-03-28]]

• Fixed rounding when an invoice total exceeds [[-:£10,000.00]].
• Imports now accept placeholder IBANs such as [[-:GB00 XXXX 0000 0000 0000 00]] in templates instead of crashing.
• Long order references (e.g. [[-:{BADCC("visa", "plain")}]]) are no longer cut off in the PDF export.
• Full changelog: [[-:https://docs.ledgerline.example/changelog#2.14.3]]""")

R("en", "booking_form", f"""GUEST RESERVATION – PAYMENT GUARANTEE
Guest name: Robert Fairfax
Arrival: [[-:12 June 2024]]   Departure: [[-:15 June 2024]]   Room: Deluxe King, rate code BAR2
Card type: American Express
Card number: [[credit_card:{CC("amex")}]]
Expiry date: [[-:08/27]]
Cardholder signature: R. Fairfax
Confirmation no.: [[-:88412937]]""")

R("en", "email", f"""Hi Sam,

Could you please cc [[email:bob.o'neil@example.org]] on the contract draft? He's taking over from Lisa next month.
Once it's signed, the scanned copy should go straight to legal ([[email:legal-team@contracts.example.com]]).

Cheers,
Hannah""")

R("en", "email", f"""Hello,

I was charged twice for order [[-:#20931]] on [[-:7 March]]. Please refund the duplicate payment of [[-:$89.99]] to the card I used: [[credit_card:{CC("mc", "dash")}]].

Thanks,
Lauren Michaels""")

R("en", "chat", f"""Mum: the booking site wants a card, can you use mine? [[credit_card:{CC("visa", "plain")}]] exp [[-:11/26]], I'll text you the code on the back
Mum: and put my email [[email:j.fisher62@example.com]] so I get the receipt x""")

R("en", "bibliography", f"""References
[1] Hartley, J. (2019). Practical Data Cleaning. London: Kestrel Press. ISBN [[-:978-0-19-852663-6]].
[2] Osei, K. and Lindqvist, M. (2021). "Record linkage at scale", Journal of Applied Survey Methods 48(7), pp. 1201–1219. ISSN [[-:2049-3630]]. doi:[[-:10.5555/jasm.2021.0487]]
[3] Office for Regional Statistics (2023). Census technical report, version [[-:1.2]], published [[-:30 November 2023]].""")

R("en", "form", f"""RIVERSIDE TENNIS CLUB – MEMBERSHIP APPLICATION 2024
Surname: Patel        First name: Anjali
Date of birth: [[date_of_birth:1993-11-07]]
Address: 9 Mill Lane, Oxford [[-:OX2 6NN]]
Email: [[email:anjali.patel@mail.example.com]]
Phone (day): [[phone:01865 496213]]
Previous club: Abingdon LTC, member since [[-:2015]]
Membership type: Adult (£245 per year)
Direct debit reference: [[-:RTC-2024-0193]]""")

R("en", "support_ticket", f"""Ticket [[-:#48213]] – Login problem
Customer: Michael Hughes (account [[-:C-772019]])
Agent note: customer can't reset his password; reset mails go to [[email:m.hughes@mail.example.com]] but he says he changed it to [[email:mike.hughes@example.org]] last year. Asked [[-:@dev-support]] on Slack and pinged [[-:user@]] in the team channel, no reply yet.
Callback requested on [[phone:+1 212 555 0188]] after [[-:2 pm]].""")

R("en", "hr_note", f"""Payroll – change of bank details
Employee: Chloe Bennett, staff no. [[-:004815]]
New account (from [[-:1 May 2024]]): [[iban:{IB("GB")}]]
Note: the form she first sent still had the example IBAN [[-:GB00 0000 0000 0000 0000 00]] from the template, so I asked her to resend it.
Date of birth checked against passport: [[date_of_birth:18 Aug 1996]].""")

R("en", "email", f"""Dear all,

From Monday our offices can be reached directly:
London  [[phone:0044 20 7946 0112]]
Amsterdam  [[phone:+31 20 794 6120]]
Paris  [[phone:+33 1 84 88 50 20]]
Berlin  [[phone:+49 30 1234567]]
Office hours are [[-:9:00]]–[[-:17:30]] local time.

Best,
Facilities""")

R("en", "medical_referral", f"""REFERRAL – PHYSIOTHERAPY
Patient: Owen Price    D.O.B.: [[date_of_birth:30-01-1964]]    Referral ref.: [[-:PHY-24-0117]]
Referred by: Dr A. Mensah, Riverside Surgery, tel. [[phone:029 2018 0456]]
Reason: right knee pain since [[-:2019]], worse after a fall on [[-:3 January 2024]].
Weight [[-:92 kg]], BMI [[-:29.4]].""")

R("en", "phone_order", f"""Phone order – taken by Kim at [[-:10:42]]
Customer: Mr Desmond Achterberg, tel. [[phone:020 7946 0321]]
Items: 3 x garden bench (SKU [[-:GB-2210-OAK]]) @ £189.00
Paid by card: [[credit_card:{CC("visa")}]] (expiry [[-:04/26]])
Deliver after [[-:20 April]].""")

R("en", "expense_claim", f"""EXPENSE CLAIM – March 2024
Claimant: Hannah Webb, cost centre [[-:4410-220]]
Corporate card used: [[credit_card:{CC("amex", "plain")}]]
Flights LHR–MAD [[-:£312.40]], hotel 2 nights [[-:£276.00]], taxis [[-:£48.50]]
Reimburse personal expenses to [[iban:{IB("GB", False)}]].
Approved by: R. Singh, [[-:28/03/2024]]""")

R("en", "chat", """Ava: running 10 min late, save me a seat!
Ben: no worries, we're at the table by the window""")

# ============================== GERMAN ====================================

R("de", "invoice", f"""Müller Haustechnik GmbH · Lindenstraße 12 · [[-:80331]] München
Tel. [[phone:089 45678-0]] · [[email:info@mueller-haustechnik.example]]
USt-IdNr. [[-:DE287654321]] · Amtsgericht München [[-:HRB 214589]]

Herrn
Thomas Berger
Ahornweg 5
[[-:81245]] München

Rechnung Nr. [[-:2024-00871]]                       Datum: [[-:18.03.2024]]
Kundennummer: [[-:K-104471]]

Pos. 1  Wartung Gas-Brennwerttherme ............ 189,00 €
Pos. 2  Austausch Ausdehnungsgefäß 18 l ......... 112,50 €
Nettobetrag 301,50 € zzgl. [[-:19 %]] MwSt. 57,29 € – Gesamtbetrag [[-:358,79 €]]

Bitte überweisen Sie den Betrag bis zum [[-:02.04.2024]] auf unser Konto IBAN [[iban:{IB("DE")}]], BIC [[-:BYLADEM1001]].""")

R("de", "cv", f"""LEBENSLAUF

Persönliche Daten
Name:          Katharina Vogel
Geburtsdatum:  [[date_of_birth:05.03.1985]]
Geburtsort:    Kassel
Anschrift:     Weserstraße 8, [[-:34117]] Kassel
Telefon:       [[phone:0561 7391024]]
E-Mail:        [[email:katharina.vogel@example.com]]

Berufserfahrung
seit [[-:04/2017]]            Projektleiterin, Hessen Logistik AG
[[-:09/2011]] – [[-:03/2017]]   Disponentin, Nordbahn Spedition GmbH""")

R("de", "email", f"""Hallo Herr Brandt,

ich bin zum [[-:31.05.]] ausgezogen, die Schlüssel liegen wie besprochen beim Hausmeister.
Meine neue Handynummer ist [[phone:0171 2345678]], falls noch Fragen zur Wohnungsübergabe sind.
Die Kaution ([[-:1.650 €]]) überweisen Sie bitte auf mein Konto [[iban:{IB("DE", False)}]].

Viele Grüße
Jonas Weber""")

R("de", "chat", f"""Lisa: kannst du mir nochmal deine nummer schicken? hab mein handy neu aufgesetzt 🙈
Mo: klar, [[phone:+49 151 23456789]]
Mo: und festnetz bei meinen eltern: [[phone:0511 8834120]]""")

R("de", "medical_letter", f"""Entlassungsbrief

Patientin: Erika Schuster, geb. [[date_of_birth:17.07.1958]]
Aufenthalt: [[-:04.02.2024]] bis [[-:11.02.2024]]

Diagnosen: ambulant erworbene Pneumonie rechts basal, arterielle Hypertonie
Bei Aufnahme Temperatur [[-:38,9 °C]], RR [[-:150/90]] mmHg, CRP [[-:142 mg/l]].
Weiteres Vorgehen: Kontrolle des Röntgen-Thorax in 6 Wochen beim Hausarzt.
Für Rückfragen erreichen Sie die Station unter [[phone:030/1234567]].""")

R("de", "order_confirmation", f"""Vielen Dank für Ihre Bestellung bei Gartenwelt!

Bestellnummer: [[-:302-4401887-2913]]
Auftragsnummer Lager: [[-:{BADCC("mc", "space")}]]
Bestelldatum: [[-:21.03.2024]], [[-:09:14]] Uhr
Zahlungsart: Kreditkarte [[-:**** **** **** 0452]]
Sendungsnummer (DHL): [[-:00340434161234567890]]
Lieferadresse: Am Anger 3, [[-:99084]] Erfurt
Gesamtsumme: [[-:84,97 €]] inkl. 13,57 € MwSt.""")

R("de", "form", f"""Zahlungsdaten für die Reservierung
Karteninhaber: Markus Lehmann
Kartentyp: Mastercard
Kartennummer: [[credit_card:{CC("mc")}]]
Gültig bis: [[-:09/27]]
Reservierungsnummer: [[-:RES-88123]]""")

R("de", "hr_note", f"""Aktennotiz Personalabteilung – vertraulich
Mitarbeiter: Stefan Koch, Personalnummer [[-:004417]]
Geburtstag laut Personalbogen: [[date_of_birth:1979-11-23]]
Ab [[-:01.05.2024]] neue Bankverbindung: [[iban:{IB("DE")}]]
Hinweis: Im Formular stand zunächst die Muster-IBAN [[-:DE00 1234 5678 9012 3456 78]] aus der Vorlage – bitte beim nächsten Mal prüfen.""")

R("de", "letter", f"""Sehr geehrte Damen und Herren,

hiermit melde ich meinen Sohn Felix Gruber (geboren am [[date_of_birth:3. Jänner 2014]]) für den Schwimmkurs im Sommersemester an.
Den Kursbeitrag von [[-:€ 120,–]] buchen Sie bitte von meinem Konto [[iban:{IB("AT")}]] ab.
Erreichbar bin ich unter [[phone:+43 664 1234567]] oder per E-Mail an [[email:maria.gruber@example.net]].

Mit freundlichen Grüßen
Maria Gruber""")

R("de", "form", f"""Personalien für den Mietvertrag
Mieter: Reto Baumann, geboren am [[date_of_birth:12. Mai 1968]], von Winterthur ZH
Telefon Geschäft: [[phone:+41 44 123 45 67]] · Mobil: [[phone:079 123 45 67]]
Mietzinsdepot auf Konto [[iban:{IB("CH")}]]
Mietbeginn: [[-:1. Juli 2024]], Nettomiete [[-:CHF 2'140.–]]""")

R("de", "minutes", f"""Protokoll Teamsitzung vom [[-:12.03.2024]], [[-:14:00]]–[[-:15:30]] Uhr
Anwesend: 7 von 9

1. Release [[-:3.2.1]] wurde am Freitag ausgerollt, Fehlerquote seitdem [[-:0,4 %]].
2. Budget Q2: [[-:12.500 €]] für Schulungen freigegeben.
3. Ticket [[-:#4471]] (Import-Fehler bei EAN-Nummern wie [[-:4006381333931]]) bleibt offen.
4. Das Unternehmen besteht seit [[-:1985]] – Jubiläumsfeier am [[-:20.09.2024]].""")

R("de", "chat", f"""Jana: Schatz, kannst du heute Abend die Flüge buchen? Nimm meine Karte: [[credit_card:{CC("visa", "plain")}]]
Jana: Ablauf [[-:03/26]], die Prüfnummer sag ich dir lieber am Telefon 😉
Jana: Buchungsbestätigung bitte an [[email:jana.schulz+reisen@example.com]]""")

R("de", "email", f"""Von: Hans Müller <[[email:Hans.Mueller@Example.COM]]>
An: [[email:buchhaltung@firma.example]]
Betreff: Reisekosten März

Hallo zusammen,
anbei meine Reisekostenabrechnung für die Messe in Köln ([[-:18.–20.03.2024]]). Die Hotelrechnung ([[-:412,60 €]]) habe ich mit der Firmenkarte [[credit_card:{CC("amex")}]] bezahlt, den Rest bitte wie immer aufs Gehaltskonto.
Gruß
Hans""")

R("de", "form", f"""Aufnahmeantrag TSV Grünwald – Abteilung Fußball
Name des Kindes: Leon Wagner
Geburtsdatum: [[date_of_birth:07.06.2012]]
Erziehungsberechtigte: Sabine Wagner, Telefon [[phone:0221 9876543]]

SEPA-Lastschriftmandat
Gläubiger-Identifikationsnummer: [[-:DE98ZZZ09999999999]]
Mandatsreferenz: [[-:TSV-2024-0317]]
IBAN des Kontoinhabers: [[iban:{IB("DE")}]]
Jahresbeitrag: [[-:96,00 €]]""")

R("de", "phone_list", f"""Interne Telefonliste – Standort Frankfurt (Stand [[-:März 2024]])
Zentrale:              [[phone:+49 69 2471130]]
IT-Hotline (intern):   Durchwahl [[-:4455]]
Notfall Haustechnik:   [[phone:0160 97531246]]
Besprechungsraum [[-:3.12]], Gäste-WLAN: Passwort am Empfang""")

R("de", "letter", f"""Kündigung meines Mobilfunkvertrags

Sehr geehrte Damen und Herren,
hiermit kündige ich meinen Vertrag mit der Kundennummer [[-:7004233185]] fristgerecht zum [[-:30.06.2024]].
Betroffen ist die Rufnummer [[phone:0157 33214587]]. Bitte senden Sie mir die Kündigungsbestätigung an [[email:lena.hoffmann@mail.example.net]].

Mit freundlichen Grüßen
Lena Hoffmann""")

R("de", "form", f"""Antrag auf Hausratversicherung
Antragsteller: Dr. Peter Neumann, geboren am [[date_of_birth:28. Februar 1977]]
Anschrift: Goethestraße 41, [[-:04109]] Leipzig
Versicherungsbeginn: [[-:01.04.2024]]
Versicherungssumme: [[-:65.000 €]], Selbstbeteiligung 150 €
Beitragszahlung per Lastschrift von IBAN [[iban:{IB("DE", False)}]]
Vermittlernummer: [[-:D-4K2R-HT7Q-91]]""")

R("de", "form", f"""Online-Terminanfrage Praxis Dr. Yilmaz
Name: Ahmet Demir
Geb.-Datum: [[date_of_birth:1.4.1988]]
Versicherung: gesetzlich
Rückrufnummer: [[phone:0049 40 6789012]]
Wunschtermin: [[-:Mo, 8.4.]], vormittags
Anliegen: Kontrolle Blutwerte""")

R("de", "sms", f"""Hallo, hier ist Paul vom Fahrradladen. Ihr Rad ist fertig, die Reparatur kostet [[-:64,50 €]]. Abholung heute ab [[-:18 Uhr]] möglich. Bei Fragen: [[phone:0176 98765432]]""")

R("de", "letter", f"""Sehr geehrte Damen und Herren,

meine Kreditkarte [[credit_card:{CC("visa", "dash")}]] wurde mir am [[-:16.03.2024]] in Hamburg gestohlen. Bitte sperren Sie die Karte umgehend und schicken Sie mir eine Ersatzkarte.
Ich bin tagsüber unter [[phone:+49 40 3344556]] erreichbar.

Mit freundlichen Grüßen
Claudia Becker""")

R("de", "email", f"""Guten Tag,

hiermit möchte ich das Doppelzimmer vom 14. bis [[-:17. August]] verbindlich buchen. Zur Garantie meine Kreditkarte: [[credit_card:{CC("mc", "plain")}]], gültig bis [[-:12/25]]. Wir kommen voraussichtlich gegen [[-:20:30]] Uhr an.

Freundliche Grüße
Sebastian Krüger
Tel. [[phone:0345 6789123]]""")

R("de", "chat", """Tim: Treffen wir uns morgen um halb acht am Bahnhof?
Ole: passt, ich bring die Tickets mit""")

# ============================== FRENCH ====================================

R("fr", "invoice", f"""SARL Boulangerie Lefèvre
12 rue des Lilas, [[-:75011]] Paris — Tél. [[phone:01 43 57 21 08]]
SIRET [[-:732 829 320 00074]] — N° TVA intracommunautaire [[-:FR40 303 265 045]]

FACTURE N° [[-:F-2024-0193]]           Date : [[-:15/03/2024]]
Client : Restaurant Le Petit Zinc — réf. client [[-:CL-0457]]

Viennoiseries (livraison quotidienne, mars) ...... 842,00 €
Pain de campagne 2 kg × 60 ........................ 318,00 €
Total HT 1 160,00 € — TVA [[-:5,5 %]] 63,80 € — Total TTC [[-:1 223,80 €]]

Règlement par virement à 30 jours : IBAN [[iban:{IB("FR")}]] — BIC [[-:BNPAFRPPXXX]]""")

R("fr", "email", f"""Bonjour Madame Moreau,

Je vous confirme mon rendez-vous du mardi [[-:9 avril à 10h30]] pour l'état des lieux.
Vous pouvez me joindre au [[phone:06 12 34 56 78]] ou par e-mail : [[email:claire.dubois@example.com]].

Bien cordialement,
Claire Dubois""")

R("fr", "form", f"""FICHE D'INSCRIPTION – Conservatoire municipal, année [[-:2024-2025]]
Nom : MARTIN        Prénom : Lucas
Date de naissance : [[date_of_birth:5 mars 1985]]
Lieu de naissance : Lyon (69)
Adresse : 8 place Bellecour, [[-:69002]] Lyon
Téléphone : [[phone:+33 4 78 12 34 56]]
Instrument : violoncelle — niveau : cycle 2
Cotisation annuelle : [[-:186 €]]""")

R("fr", "letter", f"""ATTESTATION SUR L'HONNEUR

Je soussignée Sophie Garnier, née le [[date_of_birth:12/04/1978]] à Nantes (44), demeurant 3 allée des Tilleuls, [[-:44300]] Nantes, atteste sur l'honneur héberger à titre gratuit M. Karim Benali depuis le [[-:1er septembre 2023]].

Fait à Nantes, le [[-:20 mars 2024]].""")

R("fr", "sms", f"""slt c julie 🙂 j'ai changé de num, note le : [[phone:07 81 22 45 90]]. on se voit samedi vers 20h ?""")

R("fr", "cv", f"""Jean-Luc PETIT
Chef de projet marketing digital
[[email:jean-luc.petit@example.org]] · [[phone:+33 (0)6 45 78 12 90]] · Bordeaux
Né le [[date_of_birth:23 novembre 1990]] — permis B

EXPÉRIENCE
Depuis [[-:2019]]   Responsable acquisition, Vignobles Numériques (Bordeaux)
2015 – 2019    Chargé de communication, Agence Océane
LANGUES : anglais (C1), espagnol (B2)""")

R("fr", "medical_note", f"""Compte rendu de consultation – Dr Nadia Haddad, cardiologue
Patient : M. Henri Lambert — date de naissance : [[date_of_birth:02/01/1949]]
Consultation du [[-:18/03/2024]]
TA [[-:13/8]], FC [[-:72/min]], ECG : rythme sinusal régulier.
Traitement : bisoprolol [[-:2,5 mg]] le matin. Prochain contrôle dans 6 mois.
Secrétariat : [[phone:05 56 12 34 78]]""")

R("fr", "order_form", f"""Bon de commande – Salon Habitat & Jardin
Exposant : Atelier Bois Flotté
Paiement par carte bancaire
Titulaire : Mme Élodie Fournier
N° de carte : [[credit_card:{CC("visa")}]]
Date d'expiration : [[-:10/26]]
Montant : [[-:2 480,00 €]] (acompte de [[-:30 %]])""")

R("fr", "letter", f"""Madame, Monsieur,

Suite à notre entretien téléphonique, je vous transmets mes coordonnées pour le remboursement :
Nom : Thomas Lemaire, né le [[date_of_birth:8 août 1983]]
Compte : [[iban:{IB("BE")}]]
Tél. : [[phone:+32 2 123 45 67]] — GSM : [[phone:0470 12 34 56]]
N° de dossier : [[-:2024/BX/00871]]

Cordialement,
Thomas Lemaire""")

R("fr", "order_confirmation", f"""Merci pour votre commande !
Commande n° [[-:FR2024031845]] passée le [[-:18/03/2024]]
Mode de paiement : carte [[-:XXXX XXXX XXXX 7781]]
Suivi Colissimo : [[-:6A12345678901]]
Référence de transaction : [[-:{BADCC("visa", "plain")}]]
Livraison en point relais — [[-:13006]] Marseille
Total payé : [[-:59,90 €]] (dont éco-participation 0,50 €)""")

R("fr", "minutes", f"""Compte rendu – comité éditorial du [[-:4 mars 2024]]
• Le manuel de référence (ISBN [[-:978-2-07-036822-8]]) passe en version [[-:4.0.2]] pour la rentrée.
• Tirage prévu : [[-:3 500]] exemplaires, prix public [[-:24,90 €]].
• La revue associée (ISSN [[-:1760-7881]]) paraîtra désormais en juin et en décembre.
• Prochaine réunion : [[-:15 avril, 14h]].""")

R("fr", "email", f"""De : "Amélie Roux" <[[email:amelie.roux@mail.example.com]]>
À : [[email:service-client@boutique-lumiere.example]]
Objet : Réclamation commande [[-:BL-77120]]

Bonjour,
La lampe reçue le [[-:12 mars]] est arrivée cassée. Merci de me rappeler au [[phone:01.45.67.89.10]] ou de m'indiquer la marche à suivre pour le retour.
Amélie Roux""")

R("fr", "hr_form", f"""FICHE SALARIÉ – mise à jour
Nom : Nguyen Thi Lan
Date d'embauche : [[-:01/09/2021]]
Date de naissance : [[date_of_birth:14 juillet 1992]]
Coordonnées bancaires (virement du salaire) : [[iban:{IB("FR", False)}]]
Mutuelle : contrat n° [[-:MUT-552-018]]
Adresse électronique personnelle : [[email:lan.nguyen92@example.net]]""")

R("fr", "email", f"""Bonjour Monsieur Favre,

Voici les coordonnées de notre nouvelle fiduciaire : Fiduciaire Léman SA, rue du Rhône 14, [[-:1204]] Genève, tél. [[phone:+41 22 345 67 89]].
Le numéro IDE de la société est le [[-:CHE-123.456.789]].

Bonne journée,
Isabelle""")

R("fr", "chat", f"""Maxime : tu peux réserver le gîte avec ma carte ? [[credit_card:{CC("mc", "dash")}]], elle expire fin [[-:2026]]
Maxime : le cryptogramme je te l'envoie en privé
Inès : ok c'est fait, confirmation n° [[-:GT-448120]]""")

R("fr", "letter", f"""Chère Madame,

Pendant mon séjour au Canada, merci de me joindre plutôt sur mon portable français [[phone:0033 6 71 23 45 89]] (WhatsApp) ou à mon adresse [[email:p.rousseau@example.org]].
Je serai de retour le [[-:2 mai]].

Pierre Rousseau""")

R("fr", "email", f"""Bonjour,

Pour les factures, merci d'utiliser désormais l'adresse [[email:marc.blanc+factures@example.net]]. L'ancienne boîte ([[-:marc.blanc@]] sur l'intranet) ne sera plus consultée après le [[-:31/03/2024]].

Cordialement,
Marc Blanc""")

R("fr", "form", f"""Demande d'adhésion – Mutuelle Horizon
Assuré principal : M. Olivier Chevalier
Date de naissance : [[date_of_birth:1987-06-19]]
Conjoint : Mme Laura Chevalier, née le [[date_of_birth:3 février 1989]]
Prélèvement mensuel sur le compte [[iban:{IB("FR")}]]
Date d'effet souhaitée : [[-:01/05/2024]]""")

R("fr", "letter", f"""Objet : opposition carte bancaire

Madame, Monsieur,
Je vous confirme l'opposition faite par téléphone ce jour sur ma carte n° [[credit_card:{CC("visa", "plain")}]], perdue le [[-:17/03/2024]] à Lille. Je vous remercie de m'adresser une nouvelle carte à mon domicile.
Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.
François Mercier""")

R("fr", "chat", f"""[[-:@camille]] tu peux relancer le client pour la facture [[-:F-2024-0211]] ? montant [[-:1 830 € HT]], échéance le [[-:30/04]]. merci !""")

R("fr", "expense_claim", f"""NOTE DE FRAIS – mars 2024
Salarié : Antoine Girard — service commercial
Carte affaires utilisée : American Express n° [[credit_card:{CC("amex")}]]
[[-:05/03]] Déjeuner client, Lyon .......... [[-:86,40 €]]
[[-:06/03]] TGV Lyon–Paris .................. [[-:74,00 €]]
Frais personnels à rembourser sur : [[iban:{IB("FR", False)}]]""")

R("fr", "chat", f"""Coucou Hélène, voici mon RIB pour le cadeau commun de Sophie : [[iban:{IB("FR")}]] (Banque Postale). Chacun met 15 € ! Bisous, Manon""")

R("fr", "letter", f"""Madame,

Le RIB que vous nous avez transmis pour le remboursement de la caution comporte une erreur : l'IBAN [[-:{BADIB("FR")}]] est refusé par notre banque (clé de contrôle incorrecte).
Pourriez-vous nous envoyer un nouveau RIB, de préférence par courriel à [[email:gestion.locative@agence-duval.example]] ?

Avec nos salutations distinguées,
Agence Duval Immobilier""")

# ============================== SPANISH ===================================

R("es", "invoice", f"""Reformas Hermanos Ortega, S.L. — CIF [[-:B-87654321]]
C/ de Alcalá 214, [[-:28028]] Madrid · Tel. [[phone:+34 912 345 678]] · [[email:administracion@reformas-ortega.example]]

FACTURA N.º [[-:2024/0156]]          Fecha: [[-:22/03/2024]]
Cliente: Dña. Marta Iglesias Rubio

Sustitución de plato de ducha y alicatado ........ 1.240,00 €
IVA ([[-:21 %]]) .................................... 260,40 €
TOTAL ............................................. [[-:1.500,40 €]]

Forma de pago: transferencia a la cuenta [[iban:{IB("ES")}]]""")

R("es", "email", f"""Hola Javier:

Te paso mis datos para el seguro del coche. Me llamo Lucía Fernández Ortiz, fecha de nacimiento: [[date_of_birth:3 de mayo de 1990]], y mi móvil es el [[phone:612 345 678]].
La póliza anterior era la n.º [[-:0044-7781-23]], por si la necesitas.

Un abrazo,
Lucía""")

R("es", "form", f"""SOLICITUD DE INSCRIPCIÓN – Escuela de Idiomas Babel
Nombre y apellidos: Diego Navarro Gil
Fecha de nacimiento: [[date_of_birth:14/02/1987]]
Teléfono: [[phone:+34 612 34 56 78]]
Correo electrónico: [[email:diego.navarro@example.com]]
Curso: Alemán B1, grupo B1-M2 (lunes y miércoles, [[-:19:00]]–[[-:20:30]])
Matrícula: [[-:45 €]]""")

R("es", "chat", f"""Carmen: oye, ¿me pasas el número del fontanero?
Raúl: sí, es el [[phone:655 12 34 89]], se llama Paco. dile que vas de mi parte 👍""")

R("es", "letter", f"""Muy señores míos:

Por la presente les solicito la domiciliación de los recibos de la comunidad de propietarios en mi cuenta [[iban:{IB("ES", False)}]].
Mis datos: Antonio Ruiz Medina, nacido el [[date_of_birth:7 de octubre de 1975]], con domicilio en Avda. de la Constitución 18, [[-:41001]] Sevilla.

Atentamente,
Antonio Ruiz Medina""")

R("es", "order_confirmation", f"""¡Gracias por tu compra en ModaSur!
Número de pedido: [[-:MS-2024-883120]]
Fecha del pedido: [[-:19 de marzo de 2024]]
Pagado con tarjeta terminada en [[-:3390]]
Número de seguimiento: [[-:ES2024SE00478812]]
Referencia para devoluciones: [[-:{BADCC("mc", "dash")}]]
Entrega prevista: entre el 21 y el [[-:23 de marzo]]""")

R("es", "medical_report", f"""INFORME DE ALTA – Servicio de Traumatología
Paciente: José Luis Romero Castro
Fecha de nacimiento: [[date_of_birth:30/11/1956]]
Fecha de ingreso: [[-:05/03/2024]]   Fecha de alta: [[-:09/03/2024]]
Diagnóstico: fractura de cadera izquierda. Intervenido el [[-:06/03/2024]] sin complicaciones.
Control en consultas externas en 4 semanas. Cita previa: [[phone:954 71 23 40]] (de [[-:8:00]] a [[-:14:00]]).""")

R("es", "booking_form", f"""Reserva de mesa – Restaurante El Faro
Titular de la reserva: Beatriz Molina
Comensales: 12 — fecha: [[-:sábado 13 de abril, 21:30]]
Garantía con tarjeta: [[credit_card:{CC("visa")}]], caducidad [[-:07/26]]
Teléfono de contacto: [[phone:+34 956 12 34 56]]""")

R("es", "cv", f"""CURRÍCULUM VITAE
Elena Sánchez Prieto
Fecha de nacimiento: [[date_of_birth:21 de enero de 1994]]
[[phone:0034 93 123 45 67]] · [[email:Elena.Sanchez@Example.com]] · Barcelona

EXPERIENCIA
[[-:2020]]–actualidad  Ingeniera de datos, Mediterránea Analytics
2017–2020  Analista junior, Grupo Levante
IDIOMAS: inglés (C1), catalán (nativo)""")

R("es", "email", f"""Hola, buenas tardes.
Le escribo desde Guadalajara para pedir informes del diplomado en línea. Pueden llamarme al [[phone:+52 33 1234 5678]] o escribirme a [[email:rocio.hdz@example.com]].
Saludos,
Rocío Hernández""")

R("es", "minutes", f"""ACTA DE LA REUNIÓN DEL [[-:14/03/2024]]
Asistentes: 8 vecinos de 12
1. Se aprueba la derrama de [[-:3.600 €]] para la reparación del ascensor.
2. El administrador recuerda que la comunidad existe desde [[-:1985]] y que nunca se ha revisado la fachada.
3. Referencia catastral del edificio: [[-:9872023VH5797S0001WX]].
4. Próxima junta: [[-:25 de abril a las 19:00]].""")

R("es", "hr_form", f"""ALTA DE EMPLEADO
Nombre: Pablo Vidal Serrano
Fecha de nacimiento: [[date_of_birth:1989-08-15]]
Fecha de incorporación: [[-:02/04/2024]]
Cuenta para la nómina: [[iban:{IB("ES")}]]
Tel. móvil: [[phone:699 88 77 66]]
Correo: [[email:pablo.vidal@rrhh.example.org]]""")

R("es", "email", f"""Buenos días:

No consigo finalizar el pago en su web. ¿Pueden cargar el importe ([[-:249,00 €]]) directamente en mi tarjeta [[credit_card:{CC("mc", "dash")}]]? Caduca en [[-:11/27]].

Gracias,
Sergio Campos""")

R("es", "chat", f"""Papá: hijo, para la matrícula usa mi tarjeta [[credit_card:{CC("visa", "plain")}]]
Papá: el código te lo digo por teléfono
Papá: y pon mi correo, [[email:fernando.lopez.1962@example.net]]""")

R("es", "expense_claim", f"""Hoja de gastos – viaje a Bilbao
Empleada: Natalia Vega
Tarjeta corporativa (American Express): [[credit_card:{CC("amex", "plain")}]]
Hotel (2 noches): [[-:238,00 €]] · Tren: [[-:96,40 €]] · Comidas: [[-:54,70 €]]
Código de proyecto: [[-:PRJ-2024-017]]""")

R("es", "letter", f"""Estimada Sra. Gómez:

En el formulario que nos envió figura la cuenta [[-:{BADIB("ES")}]], pero el número no es válido (los dígitos de control no coinciden). ¿Podría comprobarlo y enviarnos de nuevo el IBAN correcto? También puede llamarnos al [[phone:900 123 456]] (gratuito).

Atentamente,
Departamento de Administración""")

R("es", "form", f"""Yo, Ana Belén Torres Martín, nacida el [[date_of_birth:12 de septiembre de 1981]] en Zaragoza, autorizo a mi hija a participar en la excursión del día [[-:26 de abril]]. Teléfono de contacto durante la excursión: [[phone:+34 676 54 32 10]].""")

R("es", "email", f"""Hola equipo,
el cliente (usuario [[-:@jmartinez]] en el foro) dice que no le llegan los correos a [[email:j.martinez@correo.example.net]]. He abierto la incidencia [[-:INC-30877]]; usa la versión [[-:5.12.0]] de la app.
Saludos""")

R("es", "payment_details", f"""Datos para la transferencia internacional:
Beneficiario: Vinos del Duero S.A.
IBAN: [[iban:{IB("ES", False)}]]
SWIFT/BIC: [[-:CAIXESBBXXX]]
Concepto: pedido [[-:VD-2024-0442]]
Inscrita en el Registro Mercantil de Valladolid, Tomo 1234, Folio 56, Hoja [[-:VA-7890]]""")

R("es", "chat", f"""Hola Miguel, al final me quedo en Lisboa hasta junio. Si quieres devolverme lo de las entradas, mi cuenta de aquí es [[iban:{IB("PT")}]]. Mi número portugués es el [[phone:+351 912 345 678]]. ¡Gracias!""")

R("es", "call_note", f"""Nota de llamada – [[-:10:15]]
Cliente: Francisco Delgado (cliente n.º [[-:558 210 347]])
Quiere pagar la cuota pendiente con tarjeta: [[credit_card:{CC("mc")}]], cad. [[-:05/27]].
Pide que le llamen al [[phone:622 334 455]] cuando esté hecho.""")

R("es", "chat", """Lucía: ¿quedamos el jueves para el café?
Marta: vale, a las cinco en la plaza""")

# ============================== DUTCH =====================================

R("nl", "invoice", f"""Bakkerij Jansen B.V. · Kerkstraat 21 · [[-:1017 GC]] Amsterdam
T [[phone:020-1234567]] · [[email:info@bakkerij-jansen.example]]
KvK [[-:34123456]] · btw-nr. [[-:NL812345678B01]]

FACTUUR [[-:2024-0321]]
Factuurdatum: [[-:21-03-2024]]    Vervaldatum: [[-:04-04-2024]]
Debiteurnummer: [[-:D-10288]]

Verjaardagstaart (30 pers.) ............ € 89,50
Bezorgkosten ........................... € 7,50
Totaal incl. [[-:9%]] btw ................. [[-:€ 97,00]]

Graag overmaken naar [[iban:{IB("NL")}]] o.v.v. het factuurnummer.""")

R("nl", "email", f"""Hoi Sanne,

Leuk dat je komt helpen met de verhuizing op [[-:zaterdag 6 april]]! Ik ben vanaf [[-:8:00]] in het nieuwe huis, bel me even als je in de buurt bent: [[phone:06-12345678]].
Het adres is Prinsengracht 112, [[-:1015 EA]] Amsterdam.

Groetjes,
Daan""")

R("nl", "form", f"""INSCHRIJFFORMULIER – Fitland Utrecht
Naam: Fleur de Vries
Geboortedatum: [[date_of_birth:07-06-1982]]
Adres: Oudegracht 45, [[-:3511 AB]] Utrecht
Telefoon: [[phone:+31 6 1234 5678]]
E-mail: [[email:fleur.de.vries@example.com]]
Machtiging doorlopende SEPA-incasso – IBAN: [[iban:{IB("NL", False)}]]
Abonnement: Premium, [[-:€ 34,95]] per maand, ingangsdatum [[-:1 april 2024]]
Lidnummer: [[-:FL-0087412]]""")

R("nl", "chat", f"""Oma: Lieverd, ik heb een nieuw nummer hoor. [[phone:06 1234 5678]]. Het oude werkt niet meer. Kusjes""")

R("nl", "letter", f"""Geachte heer/mevrouw,

Hierbij maak ik bezwaar tegen de aanslag gemeentelijke belastingen [[-:2024]] met aanslagnummer [[-:1234.56.789]].
Mijn gegevens: Pieter Bakker, geboren op [[date_of_birth:7 juni 1982]], Lindelaan 9, [[-:2312 AB]] Leiden.
U kunt mij bereiken op [[phone:071-5123456]] of via [[email:p.bakker@mail.example.org]].

Met vriendelijke groet,
Pieter Bakker""")

R("nl", "order_confirmation", f"""Bedankt voor je bestelling bij Fietsonderdelen Online!
Bestelnummer: [[-:NL-2024-771903]]
Besteldatum: [[-:20 maart 2024]]
Betaalmethode: iDEAL, betalingskenmerk [[-:{BADCC("visa", "space")}]]
Track & trace (PostNL): [[-:3SFTOE123456789]]
Verwachte levering: [[-:vrijdag 22 maart]], tussen [[-:14:00]] en [[-:17:00]]
Totaal: [[-:€ 46,85]]""")

R("nl", "medical_referral", f"""Verwijsbrief fysiotherapie
Patiënt: mw. J. (Joke) Smit, geb. [[date_of_birth:12-3-1975]]
Huisartsenpraktijk De Linde, tel. [[phone:010-4567890]]
Klachten: lage rugpijn sinds januari, uitstraling naar het linkerbeen.
Bloeddruk [[-:135/85]], gewicht [[-:78 kg]].
Datum verwijzing: [[-:19-03-2024]]""")

R("nl", "booking_form", f"""Reserveringsformulier vakantiepark De Duinen
Hoofdboeker: Ruud Visser
Aankomst: [[-:12-07-2024]]   Vertrek: [[-:19-07-2024]]   Accommodatie: chalet C-14
Creditcard ter garantie: [[credit_card:{CC("mc")}]], geldig tot [[-:06/26]]
Mobiel: [[phone:+31 6 4321 8765]]""")

R("nl", "cv", f"""CURRICULUM VITAE – Mohamed El Amrani
Geboortedatum: [[date_of_birth:15 oktober 1988]]
Woonplaats: Rotterdam
Telefoon: [[phone:0031 10 234 5678]]
E-mail: [[email:m.elamrani@example.com]]

Werkervaring
[[-:2018]] – heden  Logistiek planner, Havenbedrijf Zuid
2012 – 2018  Magazijnmedewerker, Transportbedrijf Van Dijk""")

R("nl", "email", f"""Beste,

Mijn gegevens voor de terugbetaling van het voorschot:
Naam: Lotte Peeters, geboren op [[date_of_birth:2 december 1991]]
Rekeningnummer: [[iban:{IB("BE")}]]
GSM: [[phone:0470 98 76 54]] (overdag ook via het kantoor: [[phone:+32 9 123 45 67]])
Ondernemingsnummer van mijn zaak: [[-:BE 0123.456.749]]

Alvast bedankt,
Lotte""")

R("nl", "minutes", f"""Notulen ALV Tennisvereniging De Kroon – [[-:13 maart 2024]]
1. De vereniging bestaat sinds [[-:1985]]; het bestuur stelt een jubileumfeest voor in september.
2. Contributie 2025: voorstel verhoging met [[-:3,5%]] naar [[-:€ 198]] per jaar.
3. Het nieuwe baanreserveringssysteem, versie [[-:2.4]], gaat live op [[-:1 mei]].
4. Het KvK-nummer van de vereniging is [[-:40123456]].""")

R("nl", "hr_note", f"""Personeelsdossier – wijziging gegevens
Medewerker: Eva Mulder (personeelsnr. [[-:20417]])
Geboortedatum: [[date_of_birth:1990-05-28]]
Nieuw adres per [[-:1 april 2024]]: Dorpsstraat 3, [[-:6702 AA]] Wageningen
Nieuw rekeningnummer: [[iban:{IB("NL")}]]
Privé-e-mail: [[email:eva.mulder+werk@example.net]]""")

R("nl", "chat", f"""Bram: kun jij de tickets voor het concert bestellen? mijn creditcard: [[credit_card:{CC("visa", "plain")}]] vervalt [[-:09/25]]
Bram: de CVC stuur ik je zo apart
Nina: top, ik doe het vanavond""")

R("nl", "email", f"""Van: Joost van den Berg <[[email:Joost.vandenBerg@Example.org]]>
Aan: [[email:klantenservice@energiedirect.example]]
Onderwerp: Klantnummer [[-:5001 2233 44]] – dubbele afschrijving

Geachte heer/mevrouw,
In maart is het voorschot van [[-:€ 142,00]] twee keer afgeschreven van mijn rekening [[iban:{IB("NL", False)}]]. Graag het teveel betaalde terugstorten.

Met vriendelijke groet,
Joost van den Berg""")

R("nl", "phone_list", f"""Bereikbaarheid Van Leeuwen Advocaten
Algemeen: [[phone:+31 20 123 4567]]
Secretariaat mr. De Graaf: [[phone:020 - 123 45 89]]
Openingstijden: ma–vr [[-:8:30]]–[[-:17:30]]
Bezoekadres: Herengracht 500, [[-:1017 CB]] Amsterdam
Vermeld bij correspondentie altijd het dossiernummer, bijv. [[-:2024/0331/VL]]""")

R("nl", "email", f"""Goedemiddag,

Ik heb vandaag mijn American Express-kaart [[credit_card:{CC("amex")}]] laten blokkeren, omdat ik hem in de trein ben verloren. Kunt u een nieuwe kaart naar mijn huisadres sturen? Ik ben bereikbaar op [[phone:06-98765432]].

Vriendelijke groet,
Anouk Hendriks""")

R("nl", "form", f"""Aanmeldformulier kinderopvang 't Kabouterhuis
Naam kind: Sem Jacobs
Geboortedatum kind: [[date_of_birth:19-08-2021]]
Gewenste startdatum: [[-:02-09-2024]]
Ouder/verzorger: Iris Jacobs, tel. [[phone:06 2345 6789]]
E-mailadres: [[email:iris.jacobs@example.com]]
Gewenste dagen: maandag en donderdag""")

R("nl", "letter", f"""Beste heer De Wit,

Uw betaling van [[-:€ 65,00]] kon niet worden verwerkt: het opgegeven rekeningnummer [[-:{BADIB("NL")}]] bestaat niet (controlegetal onjuist). Wilt u het bedrag alsnog overmaken naar [[iban:{IB("NL")}]] onder vermelding van betalingskenmerk [[-:7000 1234 5678 9012]]?

Met vriendelijke groet,
Administratie Zwembad De Spetter""")

R("nl", "chat", f"""Hé Mark, voor de groepsreis willen ze van iedereen de geboortedatum hebben. De mijne is [[date_of_birth:23-04-1986]]. Die van jou nog? Aanmelden kan tot [[-:1 mei]].""")

R("nl", "email", f"""Geachte mevrouw,

Graag bevestig ik de reservering voor drie nachten vanaf [[-:15 mei]]. De kamer mag gegarandeerd worden met mijn creditcard [[credit_card:{CC("mc", "dash")}]]. Mijn telefoonnummer is [[phone:+31 6 2847 1190]].

Met vriendelijke groet,
Willem Kok""")

R("nl", "phone_order", f"""Telefonische bestelling – genoteerd door Kees
Klant: mevr. Bos, Zwolle
Artikel: 2x tuinstoel teak, art.nr. [[-:871234500012]]
Betaald met creditcard [[credit_card:{CC("visa", "dash")}]]
Bezorgen na [[-:12 april]]
Terugbellen op [[phone:038-4217765]]""")

# ============================== ITALIAN ===================================

R("it", "invoice", f"""Rossi Impianti S.r.l. – Via Garibaldi 45, [[-:20121]] Milano
Tel. [[phone:02-12345678]] – [[email:amministrazione@rossi-impianti.example]]
P.IVA [[-:IT 01234567890]] – REA [[-:MI-1234567]]

FATTURA N. [[-:118/2024]] del [[-:20/03/2024]]
Cliente: Condominio Via Verdi 7 – cod. cliente [[-:C0452]]

Manutenzione caldaia centralizzata ........ € 680,00
IVA [[-:22%]] ................................. € 149,60
TOTALE ....................................... [[-:€ 829,60]]

Pagamento: bonifico bancario a 30 gg d.f.
IBAN: [[iban:{IB("IT")}]] – BIC [[-:UNCRITMMXXX]]""")

R("it", "email", f"""Gentile dott.ssa Conti,

le confermo la mia disponibilità per il colloquio di [[-:giovedì 11 aprile alle 15:00]].
Per qualsiasi comunicazione può contattarmi al [[phone:333 123 4567]] oppure all'indirizzo [[email:giulia.ferraro@example.com]].

Cordiali saluti,
Giulia Ferraro""")

R("it", "form", f"""MODULO DI ISCRIZIONE – Palestra Olimpia
Cognome: Esposito    Nome: Chiara
Data di nascita: [[date_of_birth:14/09/1982]]
Luogo di nascita: Napoli
Residenza: Via Toledo 156, [[-:80134]] Napoli
Cellulare: [[phone:+39 347 987 6543]]
Quota annuale: [[-:€ 420,00]] – tessera n. [[-:OL-2024-0877]]""")

R("it", "chat", f"""Marco: ciao! mi giri il numero dell'idraulico?
Fra: certo, [[phone:339 8765432]], chiedi di Luigi
Fra: digli che ti mando io 😄""")

R("it", "letter", f"""DICHIARAZIONE SOSTITUTIVA DI CERTIFICAZIONE

La sottoscritta Maria Grazia Lombardi, nata il [[date_of_birth:2 aprile 1975]] a Bari, residente in Corso Cavour 88, [[-:70121]] Bari,
dichiara di essere iscritta all'albo professionale dal [[-:12 marzo 2003]] con il n. [[-:4471]].

Bari, [[-:18 marzo 2024]]""")

R("it", "order_confirmation", f"""Grazie per il tuo ordine su CasaBella!
Numero ordine: [[-:CB-2024-0093417]]
Data ordine: [[-:19/03/2024]]
Pagamento: carta [[-:**** 8812]]
Spedizione con corriere, numero di tracking [[-:{BADCC("visa", "space")}]]
Consegna a: Via Roma 10, [[-:10121]] Torino
Totale: [[-:€ 129,90]] (IVA inclusa)""")

R("it", "medical_report", f"""AMBULATORIO DI DERMATOLOGIA – Referto visita
Paziente: Sig. Giuseppe Russo, nato il [[date_of_birth:03/03/1960]]
Data visita: [[-:15/03/2024]]
Esame obiettivo: nevo melanocitico dorsale di [[-:6 mm]], bordi regolari.
Controllo dermatoscopico tra 12 mesi. Prenotazioni CUP: [[phone:06 1234 5678]]""")

R("it", "booking_form", f"""Prenotazione agriturismo Il Casale
Ospite: Federica Marino
Check-in [[-:10/08/2024]] – check-out [[-:17/08/2024]]
Carta di credito a garanzia: [[credit_card:{CC("visa")}]], scad. [[-:02/27]]
Recapito telefonico: [[phone:+39 0577 123456]]""")

R("it", "cv", f"""CURRICULUM VITAE
Luca Bianchi
Nato a Torino il [[date_of_birth:3 marzo 1990]]
Tel. [[phone:+39 333 1234567]] – [[email:luca.bianchi@mail.example.com]]

ESPERIENZE
Dal [[-:2019]] – Sviluppatore software, Alpi Digitale S.p.A.
2015–2019 – Tecnico informatico, Comune di Torino""")

R("it", "email", f"""Buongiorno,

per il rimborso della caparra vi indico il mio conto svizzero: [[iban:{IB("CH", False)}]] (Banca dello Stato, Bellinzona). Il mio numero è il [[phone:+41 91 234 56 78]].

Grazie, Sara Bernasconi""")

R("it", "minutes", f"""VERBALE DI ASSEMBLEA CONDOMINIALE del [[-:14/03/2024]], ore [[-:21:00]]
1. Approvato il preventivo di [[-:€ 18.400]] per il rifacimento del tetto (ditta Edil Nord, P.IVA [[-:09876543210]]).
2. Il condominio, costruito nel [[-:1985]], necessita di adeguamento antincendio.
3. La quota straordinaria per millesimo è pari a [[-:€ 18,40]].
4. Prossima assemblea: [[-:23 maggio 2024]].""")

R("it", "hr_form", f"""SCHEDA ANAGRAFICA DIPENDENTE
Nome e cognome: Alessandro Greco
Data di nascita: [[date_of_birth:1986-12-09]]
Data assunzione: [[-:01/02/2024]] – 5° livello CCNL Commercio
IBAN per accredito stipendio: [[iban:{IB("IT", False)}]]
Cellulare: [[phone:0039 348 765 4321]]
E-mail personale: [[email:ale.greco86@example.net]]""")

R("it", "email", f"""Buongiorno,

vorrei rinnovare l'abbonamento annuale alla rivista (codice abbonato [[-:AB-558120]]). Potete addebitare i [[-:€ 59,00]] sulla mia carta [[credit_card:{CC("mc", "dash")}]], scadenza [[-:08/26]].

Cordiali saluti,
Paolo Gallo""")

R("it", "chat", f"""Mamma: ti mando i dati della carta per il treno: [[credit_card:{CC("visa", "plain")}]]
Mamma: il codice dietro te lo dico a voce
Mamma: mettici la mia mail [[email:anna.devito@example.org]] per il biglietto""")

R("it", "expense_claim", f"""NOTA SPESE – trasferta Roma, 4-6 marzo
Dipendente: Davide Colombo
Carta aziendale American Express: [[credit_card:{CC("amex")}]]
Albergo [[-:€ 312,00]] – Taxi [[-:€ 46,50]] – Pasti [[-:€ 88,20]]
Centro di costo: [[-:CC-204]]""")

R("it", "letter", f"""Gentile cliente,

l'IBAN indicato nel modulo ([[-:{BADIB("IT")}]]) risulta errato: il codice di controllo non è corretto. La preghiamo di verificarlo. Per assistenza può chiamare il numero verde [[phone:800 123 456]] dal lunedì al venerdì, [[-:9:00]]-[[-:18:00]].

Servizio Clienti""")

R("it", "form", f"""Io sottoscritto Roberto Fontana, padre dell'alunna Sofia Fontana, nata il [[date_of_birth:21/05/2013]], autorizzo mia figlia a partecipare alla gita a Firenze del [[-:18 aprile]]. Recapito telefonico: [[phone:328 445 6677]].""")

R("it", "email", f"""Ciao Stefano,

ti inoltro il contatto della nuova referente per la logistica: Martina D'Angelo ([[email:martina.d'angelo@logistica.example.com]]). Scrivile pure, sa già tutto del progetto.

A presto,
Elisa""")

R("it", "payment_details", f"""Coordinate bancarie per il saldo del ricevimento
Intestatario: Villa delle Rose S.a.s.
IBAN: [[iban:{IB("IT")}]]
BIC/SWIFT: [[-:BCITITMM]]
Causale: saldo evento del [[-:22/06/2024]] – Bruno e Serena
P.IVA: [[-:03456789012]]
Per informazioni: [[phone:+39 06 1234 5678]]""")

R("it", "chat", f"""[[-:@supporto]] ho aggiornato l'app alla [[-:4.8.1]] ma il login con [[-:admin@]] non funziona più. Errore [[-:0x80070005]] alle [[-:10:42]]. Qualcuno può dare un'occhiata?""")

R("it", "letter", f"""Spett.le Banca,

il sottoscritto Vincenzo Marchetti, nato a Palermo il [[date_of_birth:17 novembre 1958]], chiede l'estinzione del conto corrente [[iban:{IB("IT")}]] e il trasferimento del saldo sul conto [[iban:{IB("IT", False)}]].
Chiede inoltre il blocco della carta di credito collegata n. [[credit_card:{CC("mc")}]].

Distinti saluti
Vincenzo Marchetti""")


# --------------------------------------------------------------------------
# Validation, output, summary
# --------------------------------------------------------------------------

def _validate(rec):
    text = rec["text"]
    assert "[[" not in text and "]]" not in text, text
    taken = []
    for cat, val, start in rec["spans"]:
        assert cat in CATEGORIES, cat
        assert val and val == val.strip(), repr(val)
        assert text[start:start + len(val)] == val
        first = text.find(val)
        assert first != -1, (cat, val)
        assert text.find(val, first + 1) == -1, ("value occurs more than once", val, text)
        for s, e in taken:
            assert start >= e or start + len(val) <= s, ("overlapping spans", val)
        taken.append((start, start + len(val)))
        if cat == "email":
            assert re.fullmatch(r"[^\s@<>()]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", val), val
        elif cat == "phone":
            assert 7 <= len(re.sub(r"\D", "", val)) <= 15, val
            assert re.fullmatch(r"[+(0-9][0-9 ()./-]*[0-9]", val), val
        elif cat == "iban":
            compact = val.replace(" ", "")
            assert iban_is_valid(compact), val
            assert len(compact) == IBAN_LENGTH[compact[:2]], val
        elif cat == "credit_card":
            digits = re.sub(r"[ -]", "", val)
            assert digits.isdigit() and luhn_ok(digits), val
            assert (len(digits) == 15 and digits[:2] in ("34", "37")) or \
                   (len(digits) == 16 and (digits[0] == "4" or 51 <= int(digits[:2]) <= 55
                                           or 2221 <= int(digits[:4]) <= 2720)), val
        elif cat == "date_of_birth":
            assert re.search(r"\d", val), val
    for _, val, start in rec["negs"]:
        assert text[start:start + len(val)] == val
        for s, e in taken:
            assert start >= e or start + len(val) <= s, ("look-alike overlaps a span", val)
        compact = re.sub(r"[ .]", "", val).upper()
        if re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{8,30}", compact):
            assert not iban_is_valid(compact), ("look-alike is a valid IBAN", val)
        # Card-length look-alikes (15/16 digits, the lengths labelled here) must
        # fail Luhn.  A 14-digit SIRET does pass Luhn by design; it stays in as
        # a realistic look-alike.
        run = re.sub(r"[ -]", "", val)
        if run.isdigit() and len(run) in (15, 16):
            assert not luhn_ok(run), ("look-alike passes Luhn", val)


_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
           "mär|mai|okt|dez|jän|janv|févr|mars|avr|juin|juil|août|sept|déc|"
           "ene|abr|ago|dic|mei|maa|gen|mag|giu|lug|set|ott|"
           "marzo|maggio|aprile|novembre|dicembre|maart|juni|juli")
_DATE = re.compile(r"(?<![\d.])(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})(?![\d.])|\d{4}-\d{2}-\d{2})|"
                   r"\d{1,2}(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(?:%s)[a-zäéû]*" % _MONTHS,
                   re.I)


def lookalike_type(val):
    """Rough class of a look-alike, for the summary only."""
    compact = re.sub(r"[ .]", "", val).upper()
    if "@" in val:
        return "@-mention without domain"
    if re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9X]{8,30}", compact):
        return "IBAN-shaped, bad checksum/placeholder/VAT"
    if _DATE.search(val):
        return "date that is not a birth date"
    if len(re.sub(r"\D", "", val)) >= 7:
        return "digit run of 7+ (phone/card-like)"
    return "other (amount, time, %, year, postcode, version, code...)"


def main():
    for rec in RECORDS:
        _validate(rec)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        for rec in RECORDS:
            obj = {"text": rec["text"], "lang": rec["lang"],
                   "spans": [{"category": c, "value": v} for c, v, _ in rec["spans"]]}
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")

    langs = collections.Counter(r["lang"] for r in RECORDS)
    per_cat = collections.Counter(c for r in RECORDS for c, _, _ in r["spans"])
    per_lang_cat = collections.defaultdict(collections.Counter)
    for r in RECORDS:
        for c, _, _ in r["spans"]:
            per_lang_cat[r["lang"]][c] += 1
    with_negs = sum(1 for r in RECORDS if r["negs"])
    no_spans = sum(1 for r in RECORDS if not r["spans"])
    multi = sum(1 for r in RECORDS if len(r["spans"]) >= 2)
    multiline = sum(1 for r in RECORDS if "\n" in r["text"])
    kinds = collections.Counter(r["kind"] for r in RECORDS)

    print(f"wrote {len(RECORDS)} texts to {OUT}")
    print("texts per language: " + ", ".join(f"{k}={v}" for k, v in sorted(langs.items())))
    print("spans per category: " + ", ".join(f"{c}={per_cat[c]}" for c in CATEGORIES)
          + f" (total {sum(per_cat.values())})")
    header = "lang  " + "  ".join(f"{c:>13}" for c in CATEGORIES)
    print(header)
    for lang in sorted(per_lang_cat):
        print(f"{lang:<4}  " + "  ".join(f"{per_lang_cat[lang][c]:>13}" for c in CATEGORIES))
    print(f"texts with look-alikes: {with_negs} ({100 * with_negs / len(RECORDS):.0f}%), "
          f"look-alike strings: {sum(len(r['negs']) for r in RECORDS)}")
    strong = collections.Counter()
    strong_texts = 0
    for r in RECORDS:
        types = {lookalike_type(v) for _, v, _ in r["negs"]}
        strong.update(lookalike_type(v) for _, v, _ in r["negs"])
        if types - {"other (amount, time, %, year, postcode, version, code...)"}:
            strong_texts += 1
    print(f"texts with number-/date-/@-shaped look-alikes (not just amounts, times etc.): "
          f"{strong_texts} ({100 * strong_texts / len(RECORDS):.0f}%)")
    for t, n in strong.most_common():
        print(f"    {n:4d}  {t}")
    print(f"texts with no spans: {no_spans}; with 2+ spans: {multi}; multi-line: {multiline}")
    print("document kinds: " + ", ".join(f"{k}={v}" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
