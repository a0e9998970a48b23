#!/usr/bin/env python3
"""Write tests/data/pii_fresh2.jsonl: a held-out, hand-labelled test set for a PII finder.

The set was written from scratch, without looking at the finder's rules or at any
other PII test data in this repository.  Run it from anywhere:

    python3 tests/data/make_pii_fresh2.py

It is deterministic (no randomness, no network, standard library only) and rewrites
the jsonl next to itself, then prints sanity checks and counts.

Format, one JSON object per line:

    {"text": str, "lang": ISO 639-1 code, "spans": [{"category": str, "value": str}]}

Categories: "email", "phone", "iban", "credit_card", "date_of_birth".
A span's value is the exact text of the PII; the scorer locates it with
text.index(value), so every labelled value occurs exactly once in its text
(checked below) and sits on token boundaries.

Labelling conventions
---------------------
* Every instance of the five categories in a text is labelled; anything not
  labelled is deliberately not PII under these rules.
* email: any complete address with an "@" (personal or role addresses such as
  info@..., all labelled).  Obfuscated forms ("name at example dot com",
  "[at]", "(arroba)", "chiocciola") and masked/partial ones ("j.d*****@...")
  are NOT labelled.  Bare domains / URLs are not e-mails.
* phone: any telephone, mobile or fax number (a fax is a phone), national or
  international form, of a person or an organisation.  The value is the number
  as written, without the label ("Tel.", "Fax") and without an extension
  ("ext. 221" is left out).  Order numbers, customer ids, postcodes, bank sort
  codes, times, amounts etc. are not phones.
* iban: a complete IBAN whose mod-97 check digits are CORRECT and whose length
  fits its country, printed with or without spaces.  IBAN-like strings with a
  WRONG checksum (or truncated / too short) are NOT labelled - they are hard
  negatives.  BICs, VAT ids, SEPA creditor ids, sort codes and account numbers
  on their own are not IBANs.
* credit_card: a 14-19 digit payment card number with a VALID Luhn checksum,
  printed with spaces, dashes or nothing, in a card context.  Numbers failing
  Luhn ("rejected as invalid", look-alike reference numbers), masked cards
  ("**** 4421", "ending in 1881"), expiry dates and CVVs are NOT labelled.
  A French SIRET is Luhn-valid by construction; the one SIRET in the set is
  explicitly a company registration number and is NOT a card (hard negative).
* date_of_birth: labelled only when the text makes clear that the date is a
  person's birth date ("born", "geb.", "*", "née le", "DOB", a "Date of birth"
  column, a birth announcement ...).  The value is the date itself, not the
  label word nor a trailing "r." (Polish "roku").  Dates in many formats:
  numeric with / . -, 2-digit years, ISO, month names, ordinals ("1er",
  "1°", "21st of"), Roman-numeral months.  Other dates (invoice, admission,
  discharge, deadline, delivery, hire, expiry, date ranges) are NOT labelled,
  nor ages ("aged 42", "di anni 67"), nor a bare birth year ("Jahrgang
  1958"), nor dates of founding.
* Names, postal addresses and national ids (DNI, CPF, codice fiscale, tax ids)
  are outside the five categories and are never labelled.
* Hard negatives are the majority of the digits in the set: order, invoice,
  customer, tracking, claim and reference numbers, postcodes, VAT/tax/company
  ids, bank sort codes and giro numbers, amounts, times, date ranges, masked
  cards, Luhn-failing card look-alikes and wrong-checksum IBANs.
* Texts are written below with inline markup [[X:value]] (X = E/P/I/C/D);
  the markup is stripped to produce the text and its spans.
* All people are fictional; domains are example.com/.org/.net or *.example.
"""

import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "pii_fresh2.jsonl")

CATS = {"E": "email", "P": "phone", "I": "iban", "C": "credit_card", "D": "date_of_birth"}

# ---------------------------------------------------------------- IBAN helpers
IBAN_LEN = {"AT": 20, "BE": 16, "CH": 21, "DE": 22, "DK": 18, "ES": 24, "FR": 27,
            "GB": 22, "IE": 22, "IT": 27, "NL": 18, "PL": 28, "PT": 25, "SE": 24,
            "LU": 20, "FI": 18, "NO": 15}


def _num(s):
    return int("".join(str(int(c, 36)) for c in s))


def iban_valid(s):
    s = s.replace(" ", "")
    return (len(s) == IBAN_LEN.get(s[:2], -1) and s[2:4].isdigit()
            and _num(s[4:] + s[:4]) % 97 == 1)


def _group4(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def _check_digits(cc, bban):
    return 98 - _num(bban + cc + "00") % 97


def make_iban(cc, bban, spaced=True):
    s = "%s%02d%s" % (cc, _check_digits(cc, bban), bban)
    assert iban_valid(s), s
    return _group4(s) if spaced else s


def bad_iban(cc, bban, spaced=True, delta=3):
    cd = _check_digits(cc, bban)
    bad = cd + delta if cd + delta <= 98 else cd - delta
    s = "%s%02d%s" % (cc, bad, bban)
    assert not iban_valid(s), s
    return _group4(s) if spaced else s


def be_bban(bank3, acct7):
    first = bank3 + acct7
    chk = int(first) % 97 or 97
    return "%s%02d" % (first, chk)


def es_bban(bank4, branch4, acct10):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

    def dc(digits):
        r = 11 - sum(int(d) * k for d, k in zip(digits, w)) % 11
        return {11: 0, 10: 1}.get(r, r)
    return "%s%s%d%d%s" % (bank4, branch4, dc("00" + bank4 + branch4), dc(acct10), acct10)


def fr_bban(bank5, branch5, acct11):
    key = 97 - (89 * int(bank5) + 15 * int(branch5) + 3 * int(acct11)) % 97
    return "%s%s%s%02d" % (bank5, branch5, acct11, key)


# ---------------------------------------------------------------- card helpers
def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def _fmt(num, groups, sep):
    if not sep:
        return num
    out, i = [], 0
    for g in groups:
        out.append(num[i:i + g])
        i += g
    assert i == len(num), (num, groups)
    return sep.join(out)


def _complete(body):
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError(body)


def make_card(body, groups=(4, 4, 4, 4), sep=" "):
    return _fmt(_complete(body), groups, sep)


def bad_card(body, groups=(4, 4, 4, 4), sep=" "):
    good = _complete(body)
    num = good[:-1] + str((int(good[-1]) + 5) % 10)
    assert not luhn_ok(num)
    return _fmt(num, groups, sep)


# ---------------------------------------------------------------- the values
IB = {
    "gb1": make_iban("GB", "MIDL40051587654321"),
    "gb2_bad": bad_iban("GB", "BARC20038471920364"),
    "ie1": make_iban("IE", "AIBK93115212345678"),
    "ie2": make_iban("IE", "BOFI90001723456789", spaced=False),
    "de1": make_iban("DE", "700150000123987654"),
    "de2": make_iban("DE", "100200304455667788", spaced=False),
    "de3": make_iban("DE", "200411330201557890"),
    "de4": make_iban("DE", "430609671234509876"),
    "de5_bad": bad_iban("DE", "500105175319876543"),
    "de6": make_iban("DE", "120300000017283945", spaced=False),
    "at1": make_iban("AT", "2011182837465011", spaced=False),
    "ch1": make_iban("CH", "04835098765432100"),
    "fr1": make_iban("FR", fr_bban("30004", "00825", "00012345678")),
    "fr2": make_iban("FR", fr_bban("10278", "06039", "00020481573"), spaced=False),
    "fr3_bad": bad_iban("FR", fr_bban("20041", "01005", "05000130260")),
    "be1": make_iban("BE", be_bban("539", "0075470")),
    "be2": make_iban("BE", be_bban("063", "4512397"), spaced=False),
    "es1": make_iban("ES", es_bban("0049", "1500", "0512345678"), spaced=False),
    "es2": make_iban("ES", es_bban("2085", "9631", "3300467210")),
    "es3": make_iban("ES", es_bban("0182", "2370", "0201234567")),
    "es4_bad": bad_iban("ES", es_bban("2100", "3811", "0200123456"), spaced=False),
    "nl1": make_iban("NL", "RABO0123456789"),
    "nl2": make_iban("NL", "INGB0007654321", spaced=False),
    "nl3": make_iban("NL", "ASNB0708123456"),
    "nl4_bad": bad_iban("NL", "TRIO0391122334"),
    "it1": make_iban("IT", "K0306909606100000063157"),
    "it2": make_iban("IT", "B0200801633000101234567", spaced=False),
    "it3_bad": bad_iban("IT", "Z0760103200000012345678"),
    "pt1": make_iban("PT", "003506510000123456789"),
    "pt2": make_iban("PT", "001800034567891234502", spaced=False),
    "pl1": make_iban("PL", "102055581111123456789012"),
    "pl2": make_iban("PL", "249000050000460012345678", spaced=False),
    "pl3_bad": bad_iban("PL", "114020040000350278116543"),
    "se1": make_iban("SE", "80000810340012345678"),
    "se2": make_iban("SE", "60000000000123456789", spaced=False),
    "dk1": make_iban("DK", "30000012345678"),
}

CC = {
    "visa1": make_card("453201511283036"),
    "visa2_ns": make_card("491761234567890", sep=""),
    "visa3": make_card("402400712345678", sep="-"),
    "visa4": make_card("476173900101001"),
    "visa5": make_card("497010123456789"),
    "visa6_ns": make_card("455673017788123", sep=""),
    "mc1": make_card("542523343010910", sep="-"),
    "mc2": make_card("555544443333111"),
    "mc3": make_card("222100123456789"),
    "mc4_ns": make_card("530125098765432", sep=""),
    "mc5": make_card("518803264401927"),
    "amex1": make_card("37144963539843", groups=(4, 6, 5)),
    "amex2": make_card("34034356789012", groups=(4, 6, 5), sep="-"),
    "disc1": make_card("601100099013942"),
    "jcb1": make_card("353011133330000"),
    "diners1": make_card("3056930902590", groups=(4, 6, 4)),
    "maestro1": make_card("675964982643845", sep=""),
    # look-alikes failing Luhn (never labelled)
    "bad1": bad_card("491633801122567"),
    "bad2": bad_card("400012345678901"),
    "bad3": bad_card("603577120049881"),
    "bad4": bad_card("740012883391004"),
    "bad5": bad_card("770023459912345"),
    "bad6": bad_card("512345678901234", sep="-"),
    "bad7": bad_card("411122223333444", sep=""),
    "bad8": bad_card("3714496353984", groups=(4, 6, 4)),
}

# A SIRET (French company id) is Luhn-valid by design: a deliberate hard negative.
SIRET = _fmt(_complete("7321849050001"), (3, 3, 3, 5), " ")
ALLOWED_LUHN_NEGATIVES = {SIRET.replace(" ", "")}

# ---------------------------------------------------------------- the texts
# Markup: [[X:value]] where X is E(mail) P(hone) I(ban) C(ard) D(ate of birth).
RAW = []


def add(lang, text):
    RAW.append((lang, text))


# ============================== English ==============================
add("en", """Dear Ms Whitfield,

Thank you for your application for the post of Senior Lab Technician (ref. HR-2024-0193). Before we send the contract, please confirm the details we hold: full name Eleanor Whitfield, date of birth [[D:17 August 1986]], mobile [[P:07700 900461]], e-mail [[E:eleanor.whitfield@example.com]].

Your induction will take place on 12 June 2024 at 10:30 at our Leeds office (LS1 4AP).

Kind regards,
Martin Okafor
People Team
Tel. [[P:0113 496 0721]]""")

add("en", """INVOICE
Invoice no.: INV-2024-004417
Invoice date: 03/05/2024
Due date: 02/06/2024
Customer ID: C-88213
PO number: 4500019876

Item                 Qty   Unit     Total
Cable ties (100)      12   £3.40    £40.80
Crimp tool             1   £24.99   £24.99

Subtotal  £65.79
VAT (20%) £13.16
Total     £78.95

VAT reg. GB 123 4567 89
Please quote reference 7731-0042-5586 when paying.""")

add("en", "hey!! new number is [[P:+44 7700 900812]] btw, old one's dead. also my email changed -> [[E:sam.k_93@example.net]] . see u at 7:45 at the usual place?")

add("en", """Ward 7B - admission note
Patient: Harold Brisket   DOB: [[D:02/11/1948]]   Hosp. no. RX0048812
Admitted 14/03/2024 with central chest pain, onset 06:40. Patient aged 75, lives alone.
Next of kin: daughter (Joan), tel [[P:01632 960183]].
Plan: serial troponin, ECG at 4 h, review by cardiology. Provisional discharge 18/03/2024.""")

add("en", """Your package is on its way!

Order #112-4839201-5573021
Carrier: UPS, tracking number 1Z 999 AA1 01 2345 6784
Estimated delivery: Thu, Apr 18, between 2pm and 6pm
Ship to: ZIP 94107

Questions? Visit example.com/help - please have your order number ready.""")

add("en", """Best,
Dana Reyes
Accounts Receivable | Northwind Supply Co.
Phone: [[P:(212) 555-0147]] | Fax: [[P:(212) 555-0199]]
[[E:dana.reyes@northwind.example.com]]
Please note our office is closed on 27 May (Memorial Day).""")

add("en", f"""Bank of the Lakes - Current Account Statement
Account holder: Ciaran Byrne
IBAN: [[I:{IB['ie1']}]]    BIC: AIBKIE2D
Statement period: 01/02/2024 - 29/02/2024    Statement no. 38

Date   Description                               Debit    Credit   Balance
01/02  Opening balance                                             1,204.55
03/02  SEPA credit M. DOYLE [[I:{IB['ie2']}]]             450.00   1,654.55
07/02  Card payment ****4421 DUNNES STORES         62.18            1,592.37
15/02  Direct debit ref. 00044871-ELEC            118.40            1,473.97
28/02  Standing order RENT FEB                    950.00              523.97""")

add("en", """CURRICULUM VITAE
Priya Raman
Born: [[D:5th May 1992]] | Nationality: British
[[E:priya.raman@example.org]] · [[P:+44 20 7946 0321]]

EXPERIENCE
2019-present  Data Analyst, Harbour Insights, Bristol
2015-2019     BSc Mathematics, University of Exeter (First)

SKILLS  Python, SQL, R, Tableau; fluent Tamil""")

add("en", f"""Secure checkout
Cardholder name: Tom Ellery
Card number: [[C:{CC['visa1']}]]
Expiry: 09/27     CVV: ***
Billing postcode: SW1A 1AA
Amount to pay: $249.00 (order 55810)""")

add("en", "Ticket #58213 - customer reports a double charge on the card ending •••• 3391 on 12 March. Transaction IDs TXN-88412077 and TXN-88412078. Refund of $39.99 issued 14/03, allow 3-5 working days. Customer prefers to be contacted via in-app chat only.")

add("en", "To contact the editor, write to jane dot holloway at example dot com - or use the form at example.com/contact. Please don't send attachments over 10 MB; replies usually take 2-3 days.")

add("en", """EMPLOYEE RECORD
Name: Marcus J. Whitaker            Employee ID: 004417
Date of Birth: [[D:07/04/1979]]     Hire Date: 03/15/2011
Work phone: [[P:+1 415 555 0132]] ext. 221
Personal email: [[E:mjwhitaker79@example.com]]
Emergency contact: Lisa Whitaker (spouse), [[P:(415) 555-0178]]""")

add("en", "Our offices: 221B Baker Street, London NW1 6XE. Opening hours 09:00-17:30, Mon-Fri. Company no. 08812345, registered in England & Wales. VAT GB 987 6543 21. Established 1998.")

add("en", "Mrs Patel, aged 42, attended clinic on 4 March 2024 for review of her asthma. Peak flow 410 l/min, BP 128/82, weight 68 kg. Next appointment 15.04.2024 at 11:20. Repeat prescription issued (2 inhalers).")

add("en", f"""Hi Sarah,

the card you gave us over the phone ([[C:{CC['mc1']}]]) went through fine, thanks. The other one you mentioned, {CC['bad1']}, was rejected by the bank as an invalid number - maybe a typo when you read it out? No need to resend it.

Cheers, Will""")

add("en", """Volunteer sign-up sheet - Riverside 10K, Sunday 9 June

Name         | DOB          | Phone             | Email
Alice Moreau | [[D:1990-02-14]] | [[P:+44 7700 900123]] | [[E:alice.m@example.com]]
Ben Carter   | [[D:1988-11-30]] | [[P:+44 7700 900456]] | [[E:b.carter@example.org]]
Chloe Nunez  | [[D:2001-06-03]] | [[P:07700 900789]]     | [[E:chloe.nunez@example.net]]""")

add("en", "Sprint 14 runs 08/04/2024-19/04/2024. Stand-up 09:15 daily, retro Fri 16:00 in room 3.12. RUN-2231 is blocked by RUN-2198; estimate 13 points. Budget code 7700-900-118, cost centre 4410.")

add("en", "G'day Jess - back in Sydney from Monday. Call me on [[P:0412 345 678]] or try the office, [[P:(02) 5550 1234]]. Flight QF 432 lands 06:55 so don't ring before 9.")

add("en", """DECLARATION
I, Gregory Lane, born on the [[D:21st of January, 1975]], of 14 Mill Lane, Oxford OX2 6HT, declare that the information given in this claim (policy no. HH-2291847, incident of 3 February 2024) is true and complete.
Signed: G. Lane      Date: 19 February 2024""")

add("en", f"Your gift card code: {CC['bad3']} (PIN 4471). Balance: $50.00. Valid until 31/12/2026. Redeem online or in any store; the code can't be exchanged for cash.")

add("en", """Rx #0049821    WELLS, Patricia    DOB [[D:23/09/64]]
Amoxicillin 500 mg capsules - take ONE three times a day for 7 days
Qty 21    Dispensed 02/04/24    Pharmacist: R.K.
Keep out of reach of children.""")

add("en", f"Correction: in last month's newsletter the club's bank account was printed as {IB['gb2_bad']}. That number has the wrong check digits and will be rejected by your bank. Please use the details on your membership card instead, or pay at the bar. Membership for 2024/25 is £35 (£20 concessions).")

add("en", "Spare parts list: part no. 0113-496-07 (gasket), serial 20240314-0815, EAN 4006381333931, batch L2291. Torque to 12 Nm. Replace every 18 months or 2,000 hours.")

add("en", "lol no my dob is [[D:12/12/01]], yes I'm a december baby 🎄 party's on the 14th tho")

add("en", f"""To whom it may concern,

On 2 May I ordered a coffee machine (order no. 7734-11902) and paid with my card [[C:{CC['visa2_ns']}]]. I was charged twice (£189.99 each). Please refund the duplicate payment within 14 days. I can be reached on [[P:+44 161 496 0754]] during office hours.

Yours faithfully,
Ruth Adeyemi""")

add("en", """From: Facilities <[[E:facilities@example.org]]>
Sent: 14 May 2024 09:12
Subject: RE: broken radiator, room 2.04

Hi Owen, an engineer is booked for Thursday between 8 and 12.

> On Mon, 13 May 2024 at 17:40, Owen Price <[[E:owen.price@example.com]]> wrote:
> The radiator in 2.04 is leaking again, ticket FM-33910.""")

add("en", """Patient intake form
Name: Kevin O'Rourke
Born: [[D:March 14, 1987]]
Visit date: April 2, 2024     Insurance member ID: XJH448120933
Preferred contact: cell [[P:617-555-0191]]
Allergies: penicillin""")

add("en", "Order confirmation. Paid with Visa ending in 1881, amount $64.20 on 04/11/2024. Confirmation code 8HK2-PQ7Z. Your table for 4 is booked for 19:30; please arrive 10 minutes early.")

add("en", "The school was founded on 3 September 1962 and celebrated its 60th anniversary with 1,200 former pupils. The new sports hall (cost £2.4m) opened on 1 March 2023.")

add("en", f"""Tenancy application - Vancouver
Applicant: Naomi Fischer, date of birth [[D:1991-07-23]]
Current landlord reference: [[P:+1 (604) 555-0119]]
Email: [[E:naomi.fischer@example.net]]
Rent deposit will be paid by card [[C:{CC['amex1']}]].
Move-in date requested: 2024-07-01. Monthly rent CAD 2,350.""")

# ============================== German ==============================
add("de", """Sehr geehrte Damen und Herren,

hiermit bewerbe ich mich um die ausgeschriebene Stelle als Industriemechaniker (Kennziffer 24-117). Mein Name ist Jonas Keller, geboren am [[D:3. Juli 1991]] in Kassel. Seit 01.09.2015 arbeite ich bei der Firma Bremer Anlagenbau.

Sie erreichen mich unter [[P:0171 2345678]] oder per E-Mail an [[E:jonas.keller@mail.example]].

Mit freundlichen Grüßen
Jonas Keller""")

add("de", """Rechnung Nr. 2024-11873
Rechnungsdatum: 14.05.2024
Leistungszeitraum: 01.04.2024 - 30.04.2024
Kundennummer: 100482377
USt-IdNr.: DE 289 174 556
Steuernummer: 143/214/50017

Pos. 1  Wartung Heizungsanlage   4,0 Std. à 85,00 €   340,00 €
Pos. 2  Material lt. Aufstellung                     860,00 €
Nettobetrag 1.200,00 € · zzgl. 19 % USt. 228,00 € · Gesamtbetrag 1.428,00 €
Zahlbar bis 28.05.2024 ohne Abzug.""")

add("de", f"""Holzbau Maier GmbH · Industriestraße 12 · 85551 Kirchheim
Tel. [[P:+49 (0)89 123456-0]] · Fax [[P:+49 (0)89 123456-99]] · [[E:buchhaltung@holzbau-maier.example]]
Bankverbindung: Kreissparkasse · IBAN [[I:{IB['de1']}]] · BIC BYLADEM1KMS
Geschäftsführer: Anton Maier · Amtsgericht München HRB 204511""")

add("de", """Entlassungsbericht
Patientin: Frau Ingrid Hofmann, geb. [[D:22.10.1957]]
Aufnahme: 02.03.2024   Entlassung: 09.03.2024
Diagnosen: Pneumonie rechts basal, arterielle Hypertonie
Hausarzt: Dr. med. P. Sommer, Tel. [[P:0221 / 93 47 12]]
Wiedervorstellung in 2 Wochen, Kontrolle der Entzündungswerte.""")

add("de", "Hey, hier meine neue Handynummer: [[P:+49 152 28817386]] 🙂 Party am Samstag ab 19 Uhr, bring gern was zu trinken mit. Hausnummer 14, 3. OG links.")

add("de", f"""Personalfragebogen
Name, Vorname:       Yilmaz, Derya
Geburtsdatum:        [[D:1988-04-09]]
Geburtsort:          Duisburg
Steuer-ID:           57 549 285 017
Krankenkasse:        AOK, Vers.-Nr. A123456780
IBAN (Gehalt):       [[I:{IB['de2']}]]
Telefon privat:      [[P:0203 7788190]]
Eintrittsdatum:      01.08.2024""")

add("de", """Lieferschein LS-558210 vom 12.06.2024
Auftrag: 4711-2024-0815
Sendungsnummer: 00340434161094027310
Lieferadresse: PLZ 80331 München
Gewicht: 12,4 kg · 3 Packstücke
Zustellung voraussichtlich 14.06.-15.06.2024, 08:00-12:00 Uhr""")

add("de", f"""Sehr geehrter Herr Mag. Leitner,

wie telefonisch besprochen überweisen wir die Kaution von 2.400 € bis 15.07. auf Ihr Konto [[I:{IB['at1']}]]. Für Rückfragen bin ich unter [[P:+43 1 5123456]] erreichbar, mobil unter [[P:0664 3344556]].

Freundliche Grüße aus Wien
Sabine Gruber""")

add("de", f"""Guten Tag Frau Brunner

Ihre neue Kreditkarte mit der Nummer [[C:{CC['mc2']}]] wurde am 03.05.2024 per Post versandt. Die Karte ist bis 05/28 gültig. Die Rückzahlung erfolgt ab Ihrem Konto [[I:{IB['ch1']}]].
Bei Fragen: [[P:044 123 45 67]] (Mo-Fr 8-18 Uhr).

Freundliche Grüsse
Ihre Kartenberatung""")

add("de", "Deine Bestellung 302-1184420-7712093 wurde versandt! DHL-Sendungsnummer JJD000390007623456. Abholung ab heute 16:30 in der Packstation 112, Abholcode 4471. Rücksendung bis 30.06.2024 möglich.")

add("de", """Mitgliederverzeichnis Schachverein Nord (Stand 03/2024)
Hofmann, Karl (geb. [[D:5. XI. 1962]]) - Vorsitzender - [[P:0421 556677]]
Schulte, Vera (geb. [[D:19.4.1970]]) - Kassenwartin - [[E:vera.schulte@schach-nord.example]]
Spielabend jeden Dienstag 19:30, Vereinsheim Raum 2.""")

add("de", f"""Kündigung meines Vertrags Nr. 8812-4471-09

Sehr geehrte Damen und Herren,
hiermit kündige ich meinen Stromliefervertrag fristgerecht zum 31.08.2024. Bitte erstatten Sie das Guthaben aus der Schlussrechnung auf mein Konto [[I:{IB['de3']}]] und bestätigen Sie mir die Kündigung schriftlich an [[E:r.bauer@post.example]].

Zählernummer: 1ESY1160443217, Zählerstand am 20.06.2024: 48.113 kWh
Mit freundlichen Grüßen, Renate Bauer""")

add("de", """TELEFAX
An: Kanzlei Roth & Partner, z. Hd. RA Dr. Roth - Fax [[P:0711 2290-455]]
Von: Notariat Dr. Lenz - Tel. [[P:0711 2290 310]], Fax [[P:0711 2290 318]]
Datum: 21.03.2024   Seiten: 3 (inkl. Deckblatt)
Betreff: UR-Nr. 512/2024, Kaufvertrag Flurstück 1187/3""")

add("de", """Zeiterfassung KW 18
Zeitraum: 29.04.-03.05.2024
Projekt P-2024-017: 38,5 Std.
Projekt P-2023-112: 1,5 Std.
Überstunden Saldo: +12:45
Urlaub beantragt: 20.05.-24.05.2024 (5 Tage)""")

add("de", "Liebe Eltern, der Wandertag der Klasse 4b findet am 23.05.2024 statt. Treffpunkt 7:45 Uhr am Haupteingang, Rückkehr gegen 15:30 Uhr. Kosten: 8,50 € pro Kind. Bitte geben Sie den Abschnitt bis 15.05. im Sekretariat (Zimmer 104) ab.")

add("de", "Wir freuen uns riesig über die Geburt unserer Tochter Mila, geboren am [[D:14.02.2024]] um 03:12 Uhr, 3.480 g und 51 cm. Anna & Felix Brandt")

add("de", f"""Kreditkartenabrechnung Mai 2024
Karteninhaber: Dr. Stefan Wolff
Kartennummer: [[C:{CC['visa4']}]]
Abrechnungszeitraum 01.05.-31.05.2024 · Abrechnungsdatum 03.06.2024
Referenz {CC['bad4']} · Kundennummer 0049 1187
Gesamtbetrag 1.027,44 € wird am 10.06.2024 von Ihrem Girokonto eingezogen.""")

add("de", f"Hallo Herr Krause, die IBAN {IB['de5_bad']}, die Sie uns im Formular angegeben haben, ist laut unserer Bank ungültig (Prüfziffer falsch). Bitte prüfen Sie die Angabe und schicken Sie uns das Formular bis 12.07. noch einmal zu. Ihr Antrag Nr. 2024/3381 bleibt so lange offen.")

add("de", """Antrag auf Hausratversicherung
Versicherungsnehmer: Herr Paul Wagner, * [[D:12.3.1975]]
Anschrift: Lindenweg 7, 34117 Kassel
Versicherungsbeginn: 01.07.2024 · Versicherungssumme 65.000 €
Wohnfläche 84 m² · Vorversicherung bis 30.06.2024 bei der Hanse Assekuranz""")

add("de", f"""Beitrittserklärung und SEPA-Lastschriftmandat
TSV Grünwald 1898 e.V. · Gläubiger-ID DE98ZZZ09999999999 · Mandatsreferenz M-2024-000481
Mitglied: Lukas Berger, geboren [[D:30.01.2009]]
Erziehungsberechtigte: Martina Berger, Tel. [[P:089 64912873]], E-Mail [[E:m.berger@familie.example]]
Kontoinhaber: Martina Berger · IBAN [[I:{IB['de4']}]]
Jahresbeitrag 96,00 €, Einzug jeweils zum 15.01.""")

add("de", "Servicezeiten der Hotline: Mo-Fr 07:00-20:00 Uhr. Ihre Vorgangsnummer lautet 2024-0612-7781. Bitte halten Sie außerdem Ihre Vertragsnummer (10-stellig, beginnt mit 44) bereit. Postfach 10 22 41, 50462 Köln.")

add("de", f"""Überweisungsbeleg
Auftraggeber: Theo Lang
Empfänger: Hausverwaltung Petersen
IBAN Empfänger: [[I:{IB['de6']}]]
Betrag: 1.150,00 EUR
Verwendungszweck: Miete 07/2024 Whg. 3 links, Objekt 4471
Ausführungsdatum: 01.07.2024""")

add("de", "Hallo zusammen, Frau Schneider (Jahrgang 1958, 66 Jahre) hat am 02.04.2024 ihr 25-jähriges Dienstjubiläum. Die Feier ist am 05.04. um 14 Uhr in der Kantine. Geschenkumlage bitte bis Mittwoch bei Raum 2.17.")

# ============================== French ==============================
add("fr", """Madame, Monsieur,

Je soussignée Claire Dubois, née le [[D:1er avril 1979]] à Lyon, demeurant 12 rue des Lilas, 69003 Lyon, sollicite le renouvellement de mon abonnement (n° d'abonnée 0045-7781).

Vous pouvez me joindre au [[P:06 12 34 56 78]] ou par courriel : [[E:claire.dubois@example.com]].

Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.""")

add("fr", f"""FACTURE n° FA-2024-0342 du 15/03/2024
Échéance : 14/04/2024
SIRET : {SIRET}
N° TVA intracommunautaire : FR 40 303 265 045
Code client : CL-00912 · Commande : BC-7781
Désignation : maintenance annuelle chaudière · Quantité 1
Montant HT 1 041,67 € · TVA 20 % 208,33 € · Montant TTC 1 250,00 €
Pénalités de retard : 3 fois le taux d'intérêt légal.""")

add("fr", """Compte rendu d'hospitalisation
Patient : M. Henri Lefèvre, né le [[D:14/07/1949]]
Hospitalisé du 02/02/2024 au 10/02/2024 en service de cardiologie.
Motif : décompensation cardiaque. Traitement de sortie : furosémide 40 mg.
Médecin traitant : Dr Anne Perrin, tél. [[P:04 78 95 12 30]].
Prochain rendez-vous : 12/03/2024 à 9 h 30.""")

add("fr", f"""RELEVÉ D'IDENTITÉ BANCAIRE
Titulaire du compte : Mme Sophie Martin
Domiciliation : Agence Paris Bastille
IBAN : [[I:{IB['fr1']}]]
BIC : BNPAFRPPXXX
Document édité le 05/06/2024""")

add("fr", "Salut ! c'est Léa 😊 mon nouveau num c'est le [[P:07 81 22 45 90]], l'ancien ne marche plus. rdv 18h30 devant le ciné, salle 4 ?")

add("fr", "Votre colis n° 6A12345678901 sera livré le mardi 21 mai entre 9 h et 13 h. Code postal de livraison : 75011. En cas d'absence, il sera déposé au point relais Tabac de la Gare (retrait sous 10 jours).")

add("fr", f"""Madame, Monsieur,
Pour toute question relative à votre dossier n° 2024/BXL/0417, notre service est joignable au [[P:+32 2 512 34 56]] du lundi au vendredi.
Le remboursement de 312,50 € sera effectué sur le compte [[I:{IB['be1']}]] dans un délai de 10 jours ouvrables.
Cordialement, Service clientèle""")

add("fr", """Fiche d'inscription - Chorale de Carouge
Nom : Favre      Prénom : Mathieu
Date de naissance : [[D:03.03.1968]]
Téléphone : [[P:+41 22 318 52 00]]
Courriel : [[E:m.favre@chorale.example]]
Date d'inscription : 01.09.2024 · Cotisation : 120 CHF""")

add("fr", """CURRICULUM VITAE
Inès Benali - née le [[D:28.02.1994]] - permis B
[[E:ines.benali@example.net]] · [[P:+33 6 45 78 12 09]]
2018-2024 : ingénieure qualité, Aéro Sud, Toulouse
2013-2018 : diplôme d'ingénieur, INSA Lyon
Langues : français, arabe, anglais (C1)""")

add("fr", "Pour nous écrire : jean.moulin [at] exemple [point] com. M. Moulin, âgé de 58 ans, assure la permanence le jeudi de 14 h à 17 h, bureau 2.03.")

add("fr", """Formulaire d'inscription au centre de loisirs
Nom de l'enfant : Noé Garnier
Date de naissance : [[D:17 octobre 2018]]
Date d'inscription : 02/09/2024
Allergies : arachides
Responsable légal : Camille Garnier, portable [[P:06.61.23.84.07]]""")

add("fr", f"""Bonjour,
Pour finaliser votre réservation n° R-558-203, nous avons bien enregistré votre carte :
Numéro de carte : [[C:{CC['visa5']}]] – Date d'expiration : 11/26
Le montant de 486,00 € sera débité le 01/07/2024, veille de votre arrivée.
L'équipe de l'Hôtel des Pins""")

add("fr", f"Bonjour Monsieur Girard, l'IBAN {IB['fr3_bad']} que vous nous avez communiqué le 3 mai est invalide (clé de contrôle incorrecte). Merci de nous adresser un nouveau RIB avant le 31/05/2024 afin que nous puissions traiter votre remboursement de 74,90 €.")

add("fr", """Cabinet Rousseau & Associés - Avocats au barreau de Nantes
5 quai de la Fosse, 44000 Nantes
Tél. : [[P:02 40 12 34 56]] – Télécopie : [[P:02 40 12 34 57]]
Permanence : du lundi au jeudi, 9 h - 12 h""")

add("fr", "Réunion du comité de pilotage du 12 au 14 juin 2024, salle 3.14, de 9 h 30 à 17 h. Budget prévisionnel : 12 400 €. Réf. dossier 2024/07/118. Merci de confirmer votre présence avant le 5 juin.")

add("fr", f"Bienvenue à bord ! Votre prélèvement mensuel de 29,99 € sera effectué sur le compte [[I:{IB['fr2']}]]. Numéro de contrat : 7001-2245-8812. Contact : [[E:abonnements@example.fr.example]]")

add("fr", """Relevé de compte n° 6 - période du 01/05/2024 au 31/05/2024
03/05 PAIEMENT CB **** **** **** 4821 CARREFOUR    -87,45
07/05 VIREMENT SALAIRE MAI                       +2 340,00
12/05 PRLV SEPA EDF RUM 0000458812               -112,30
Solde au 31/05/2024 : 1 904,18 €""")

add("fr", "Allô ? Oui, c'est bien Marc Tremblay. Tu peux me rappeler au [[P:(514) 555-0163]] après 17 h ? Sinon écris-moi à [[E:marc.tremblay@example.ca.example]].")

add("fr", "Né le [[D:9 septembre 1990]] à Dakar, M. Ousmane Diallo est arrivé en France le 4 janvier 2012. Il a obtenu sa naturalisation le 18 mars 2021.")

# ============================== Spanish ==============================
add("es", """Estimada Sra. López:

Le confirmamos la recepción de su solicitud de beca con fecha 12 de abril de 2024. Según los datos facilitados, usted, Marta López García, nacida el [[D:9 de octubre de 1983]] y con DNI 12345678Z, reside en Valencia.

Para cualquier consulta puede llamarnos al [[P:+34 963 123 456]] o escribir a [[E:becas@fundacion.example]].

Atentamente,
Secretaría de la Fundación""")

add("es", """FACTURA Nº 2024/00871
Fecha de emisión: 12/04/2024
NIF emisor: B12345678
Nº de pedido: PED-55102 · Cliente: 4471
Base imponible 1.938,57 € · IVA 21 % 407,10 € · Total 2.345,67 €
Vencimiento: 12/05/2024 · Forma de pago: transferencia""")

add("es", """Historia clínica - Urgencias
Paciente: José Antonio Ruiz Peña
Fecha de nacimiento: [[D:03-11-1952]]
Fecha de ingreso: 20-05-2024, 02:15 h
Motivo: disnea de 3 días de evolución. SatO2 89 %.
Contacto familiar: hija, Lucía Ruiz, [[P:612 345 678]]""")

add("es", "oye, márcame al [[P:55 1234 5678]] o al de la oficina [[P:+52 33 3616 4020]], hoy salgo a las 6 y luego vamos por los tacos 🌮")

add("es", f"""Justificante de transferencia
Ordenante: Pablo Herrera Núñez · IBAN [[I:{IB['es1']}]]
Beneficiario: Inmobiliaria Sol SL · IBAN [[I:{IB['es2']}]]
Importe: 850,00 €
Concepto: alquiler mayo, ref. 2024-05-AL
Fecha de operación: 02/05/2024""")

add("es", "Su envío con número de seguimiento PK2X7Y9Z0ES ha salido del centro de Coslada. Código postal de entrega: 28013. Franja horaria: de 10:00 a 14:00. Bultos: 2, peso total 7,3 kg.")

add("es", """Ficha de socio - Club Deportivo Las Arenas
Nombre: Alberto Sanz
Fecha de nac.: [[D:14/02/87]]
Fecha de alta: 14/02/2024
Móvil: [[P:678 90 12 34]]
Correo: [[E:alberto.sanz87@example.com]]
Cuota: 35 €/mes""")

add("es", """CURRÍCULUM
Elena Castro Vidal
Fecha de nacimiento: [[D:22 de julio de 1996]]
Tel. [[P:(+34) 644 55 66 77]] | [[E:elena.castro@example.org]]
2020-actualidad: Enfermera, Hospital Universitario La Paz (Madrid)
2016-2020: Grado en Enfermería, Universidad de Salamanca""")

add("es", f"""Confirmación de pago
Titular: Raúl Ortega
Tarjeta: [[C:{CC['mc3']}]]   Caducidad: 03/28
Importe: 129,90 € · Pedido nº 88-4410-2291
Fecha: 17/06/2024 18:42""")

add("es", f"Hola Ana, el número de tarjeta {CC['bad2']} que aparece en el formulario no es válido, el banco lo ha rechazado. ¿Puedes revisarlo? La reserva (localizador QZ7TBK) se mantiene hasta el viernes a las 12:00.")

add("es", "Hola! Soy Martín, de Buenos Aires. Mi celular es [[P:+54 9 11 4567-8901]]; si no atiendo, mandame un mail a [[E:martin.acosta@example.com.ar.example]]. Llego el 3 de agosto en el vuelo AR 1132.")

add("es", """Gestoría Moreno - Asesoría fiscal y laboral
C/ Alcalá 210, 2º B · 28028 Madrid
Tel.: [[P:91 123 45 67]] · Fax: [[P:91 123 45 68]]
[[E:info@gestoriamoreno.example]]
Horario: L-V de 9:00 a 14:00 y de 16:00 a 19:00""")

add("es", "Edad del paciente: 34 años. Baja laboral del 03/04/2024 al 17/04/2024. Próxima revisión el 22/04/2024 a las 10:30 en consulta 12. Nº de parte: 2024-IT-00981.")

add("es", """Certificado de empadronamiento
Se certifica que Doña Valentina Ríos Mejía, nacida el [[D:2 de febrero de 1990]] en Medellín (Colombia), figura inscrita en el padrón municipal desde el 15/09/2019.
Expedido el 10 de junio de 2024. Código de verificación: 7F2K-91QX-4471.""")

add("es", f"""Nómina - marzo 2024
Trabajador: Iván Gil Moreno · Categoría: Oficial 1ª
Nº afiliación SS: 28/12345678/90
Periodo: 01/03/2024 - 31/03/2024 · Días: 31
Líquido a percibir: 1.742,18 €
Abono en cuenta: [[I:{IB['es3']}]]""")

add("es", f"Para contactar con el autor: carlos(arroba)example(punto)com. Importante: la cuenta {IB['es4_bad']} que aparecía en la versión anterior del folleto tiene un error en los dígitos de control y no debe usarse.")

# ============================== Dutch ==============================
add("nl", """Geachte heer De Vries,

Hierbij bevestigen wij uw inschrijving voor de cursus Bedrijfsadministratie (cursuscode BA-2024-07). Volgens onze gegevens bent u geboren op [[D:14 maart 1987]] en bereikbaar op [[P:06-12345678]] en [[E:p.devries@example.nl.example]].

De eerste les is op dinsdag 3 september 2024 om 19:00 uur.

Met vriendelijke groet,
Opleidingscentrum Noord""")

add("nl", f"""FACTUUR 2024-0612
Factuurdatum: 12-06-2024 · Vervaldatum: 12-07-2024
Klantnummer: 10457 · Ordernummer: 0098812
Omschrijving: schilderwerk kozijnen, 3 dagen
Subtotaal € 1.860,00 · btw 21% € 390,60 · Totaal € 2.250,60
Schildersbedrijf Jansen · KvK 12345678 · btw NL123456789B01
Gelieve te betalen op [[I:{IB['nl1']}]] o.v.v. het factuurnummer.""")

add("nl", """Verwijsbrief
Patiënt: mevr. A. Bakker-Smit
Geboortedatum: [[D:02-06-1961]]
Verwezen naar: polikliniek dermatologie, afspraak 18-06-2024 09:40
Reden: verdachte pigmentlaesie linker onderarm, sinds ca. 3 maanden groter.
Huisarts: J. Visser, tel. [[P:020-5551234]]""")

add("nl", "bel me ff op [[P:+31 6 41234567]] als je er bent, ik sta bij ingang B 🚲 trein van 17.42 had vertraging")

add("nl", "Uw pakket met Track & Trace-code 3SABCD1234567 wordt morgen bezorgd tussen 17:00 en 19:30 uur op postcode 1012 AB. Niet thuis? Dan gaat het naar het ophaalpunt aan de Kerkstraat 15.")

add("nl", f"""Beste klant,
Uw terugbetaling van € 64,50 (dossier 24/GNT/5512) wordt binnen 5 werkdagen gestort op rekening [[I:{IB['be2']}]].
Vragen? Bel ons op [[P:+32 9 234 56 78]] of mail naar [[E:klantendienst@example.be.example]].""")

add("nl", """CV
Sanne Mulder
Geboren: [[D:7 januari 1995]], Utrecht
[[E:sanne.mulder@example.com]] | [[P:+31 (0)30 123 4567]]
Werkervaring
2019 - heden  UX-designer, Kanaal Digital, Utrecht
2017 - 2019   Junior designer, Studio Vos""")

add("nl", f"Uw klantnummer is {CC['bad5']}. Bewaar dit nummer goed; u heeft het nodig bij elk contact met onze servicedesk. Uw abonnement loopt van 01-01-2024 tot en met 31-12-2024.")

add("nl", """Personeelsdossier
Naam: R. (Rik) van den Berg
Datum indiensttreding: 01-03-2022
Geboortedatum: [[D:1979-12-31]]
Functie: magazijnmedewerker, 32 uur
Telefoon: [[P:0612345678]]
Proeftijd tot 01-05-2022""")

add("nl", f"""Bevestiging van uw bestelling
Betaald met creditcard [[C:{CC['disc1']}]]
Bedrag: € 312,40 · Bestelnummer 2024-118-7741
Verwachte levering: vrijdag 14 juni""")

add("nl", f"Let op: in de nieuwsbrief stond een fout rekeningnummer ({IB['nl4_bad']}). Dat nummer klopt niet (controlegetal). De contributie van € 45 kunt u overmaken zoals vermeld op de website van de vereniging.")

add("nl", """Notariskantoor Hendriks
Stationsplein 4, 3511 ED Utrecht
T [[P:030-2345678]]   F [[P:030-2345679]]
E [[E:notaris@hendriks.example]]
Openingstijden ma-vr 08.30-17.00 uur""")

add("nl", "Notulen ALV 24-04-2024. Aanwezig: 37 leden. Begroting 2024-2025 goedgekeurd (€ 18.400). Volgende vergadering 23-10-2024, 20:00 uur, zaal 2. Actiepunt 2024-07: nieuwe kascommissie.")

add("nl", f"""Ledenlijst tennisclub De Kaats (jeugd)
Naam            Geboortedatum   Telefoon ouder     IBAN incasso
Tim Koster      [[D:12-05-2012]]      [[P:06-23456789]]        [[I:{IB['nl2']}]]
Lotte Smits     [[D:3-11-2013]]       [[P:06-34567890]]        [[I:{IB['nl3']}]]""")

# ============================== Italian ==============================
add("it", """Gentile dott. Rossi,

con la presente Le comunico che il sig. Marco Bianchi, nato a Torino il [[D:5 novembre 1962]], codice fiscale BNCMRC62S05L219K, è stato assunto presso la nostra azienda a decorrere dal 01/02/2024.

Per eventuali chiarimenti può contattarmi al [[P:011 5567 890]] oppure via e-mail all'indirizzo [[E:personale@officine-bianchi.example]].

Cordiali saluti""")

add("it", """Fattura n. 118/2024 del 03/06/2024
P.IVA IT01234567890 · Cod. cliente 00487
Descrizione: consulenza tecnica, 12 ore
Imponibile € 960,00 · IVA 22% € 211,20 · Totale € 1.171,20
Scadenza pagamento: 03/07/2024""")

add("it", """Cartella clinica - Reparto di Medicina
Paziente: Giuseppina Ferri
Data di nascita: [[D:12/08/1944]]
Data di ricovero: 03/05/2024 · Data di dimissione: 11/05/2024
Diagnosi: scompenso cardiaco. Anni 79.
Familiare di riferimento: figlio Luca, cell. [[P:333 123 4567]]""")

add("it", "ciao! scrivimi pure su whatsapp al [[P:+39 347 123 4567]], stasera ci vediamo alle 21 davanti al Duomo 🍕")

add("it", f"""Disposizione di bonifico
Ordinante: Chiara Lombardi · IBAN [[I:{IB['it1']}]]
Beneficiario: Studio Dentistico Conti · IBAN [[I:{IB['it2']}]]
Importo: € 450,00 · Causale: saldo fattura 77/2024
Data esecuzione: 14/06/2024""")

add("it", f"La spedizione n. {CC['bad8'].replace(' ', '')} è in consegna. CAP di destinazione 20121, consegna prevista tra le 9:00 e le 13:00. Codice ritiro: 5582.")

add("it", """Scheda anagrafica socio
Cognome e nome: Greco Francesca
Nata il [[D:12.IX.1971]] a Bari
Telefono: [[P:080 521 4433]]
E-mail: [[E:f.greco71@example.it.example]]
Data di iscrizione: 15.01.2024 · Tessera n. 0447""")

add("it", "Io sottoscritto Antonio Esposito, nato a Napoli il [[D:1° aprile 1979]], dichiaro di aver ricevuto in data 20 maggio 2024 la somma di € 1.500,00 a titolo di caparra.")

add("it", """Studio Legale Marino
Via Manzoni 14 - 20121 Milano
Tel. [[P:02 1234 5678]] - Fax [[P:02 1234 5679]]
PEC: [[E:studiomarino@pec.example]]""")

add("it", """CURRICULUM VITAE
Davide Romano
Data di nascita: [[D:30/06/1990]]
Cellulare: [[P:(+39) 328 765 4321]]
E-mail: [[E:davide.romano@example.com]]
2016-oggi: sviluppatore software, Bologna
Patente B, automunito""")

add("it", "Il sig. Verdi, di anni 67, si è presentato in ambulatorio il 14/03/2024 alle ore 10:20. Pressione 140/90. Prossimo controllo il 28/03/2024. Numero pratica 2024/0331.")

add("it", f"""Gentile cliente,
abbiamo addebitato € 59,00 sulla carta [[C:{CC['jcb1']}]] per il rinnovo annuale (contratto n. 5518-2290). La carta scade il 10/27.
Assistenza: [[P:800 123 456]]""")

add("it", "Per informazioni scrivere a mario.rossi chiocciola example punto it oppure passare in segreteria (stanza 12) dal lunedì al venerdì, ore 9-12. Iscrizioni entro il 30 settembre.")

add("it", f"Convegno nazionale di cardiologia, Roma, 18-20 ottobre 2024. Quota di iscrizione € 350 entro il 31/07. Attenzione: l'IBAN {IB['it3_bad']} indicato nel primo programma conteneva un errore; i dati corretti sono sul sito.")

# ============================== Portuguese ==============================
add("pt", """Exma. Senhora,

Confirmamos a receção da sua candidatura. De acordo com os dados fornecidos, Ana Rita Sousa, nascida a [[D:23 de junho de 1985]], residente em Braga, pode ser contactada pelo telemóvel [[P:+351 912 345 678]] ou pelo e-mail [[E:anarita.sousa@example.pt.example]].

A entrevista realizar-se-á no dia 8 de julho de 2024, às 10h00.

Com os melhores cumprimentos""")

add("pt", """Ficha de cadastro - Academia Corpo em Forma
Nome: Rafael Lima dos Santos
Data de nascimento: [[D:10/10/1990]]
CPF: 123.456.789-09
Celular: [[P:(11) 91234-5678]]
Data de matrícula: 05/03/2024 · Plano trimestral R$ 297,00""")

add("pt", "Fatura FT 2024/118 · Data: 2024-03-12 · NIF 501 234 567 · Cliente n.º 3381 · Total: 246,00 € (IVA incluído à taxa de 23%) · Vencimento: 2024-04-11. Código ATCUD: JFK2M3-118.")

add("pt", f"""Dados para transferência
Titular: Joana Martins Costa
IBAN: [[I:{IB['pt1']}]]
BIC/SWIFT: CGDIPTPL
Referência: sinal do apartamento T2, 1.500 €""")

add("pt", "oi! me chama no zap: [[P:+55 21 98765-4321]] 😄 amanhã a gente combina o horário, acho que umas 15h")

add("pt", "Linha digitável do boleto: 23793.38128 60000.000003 00000.000400 1 84340000010000. Vencimento: 15/07/2024. Valor: R$ 100,00. Nosso número: 00012345-6.")

add("pt", """Relatório de consulta
Utente: Manuel Pereira, nascido em [[D:04-12-1950]]
Data da consulta: 17-05-2024
Queixa: lombalgia há 2 semanas. Idade: 73 anos.
Contacto do filho: [[P:22 123 4567]]""")

add("pt", f"""Prezado(a) cliente,
O pagamento de R$ 1.249,90 foi aprovado no cartão [[C:{CC['mc4_ns']}]] em 3 parcelas.
Pedido nº 2024-887-1102 · Previsão de entrega: 20 a 25 de junho.
Dúvidas: [[E:atendimento@loja.example]]""")

add("pt", f"""CURRICULUM VITAE
Beatriz Almeida
Nascimento: [[D:1998-03-27]] · Lisboa
Tel.: [[P:21 765 4321]] · [[E:beatriz.almeida@example.org]]
IBAN para reembolso de despesas: [[I:{IB['pt2']}]]
Formação: Mestrado em Gestão, ISEG (2022)""")

add("pt", "Reunião de condomínio dia 14/06/2024 às 20h30, sala do rés-do-chão. Ordem de trabalhos: orçamento 2024 (8.400 €), obras na cobertura. Fração B, 2.º esq. Código postal 1000-205 Lisboa.")

# ============================== Polish ==============================
add("pl", """Szanowni Państwo,

w odpowiedzi na ogłoszenie nr 45/2024 przesyłam swoje dokumenty aplikacyjne. Nazywam się Katarzyna Nowak, urodziłam się [[D:14 marca 1987]] r. w Krakowie.

Kontakt: tel. [[P:+48 512 345 678]], e-mail: [[E:k.nowak@example.pl.example]].

Z poważaniem
Katarzyna Nowak""")

add("pl", """Faktura VAT nr FV/2024/05/118
Data wystawienia: 2024-05-14 · Data sprzedaży: 2024-05-10
Sprzedawca: Budmax Sp. z o.o., NIP 123-456-32-18, REGON 012345678
Nabywca: nr klienta 00871
Wartość netto 3 250,00 zł · VAT 23% 747,50 zł · Brutto 3 997,50 zł
Termin płatności: 28.05.2024""")

add("pl", """Karta pacjenta
Imię i nazwisko: Jan Kowalski
Data urodzenia: [[D:1956-07-22]]
Data przyjęcia: 2024-04-03 · Oddział: chirurgia
Osoba do kontaktu: córka, tel. [[P:22 123 45 67]]""")

add("pl", f"""Dane do przelewu
Odbiorca: Anna Wiśniewska
Numer rachunku: [[I:{IB['pl1']}]]
Tytuł: zaliczka za remont, umowa 12/2024
Kwota: 2 000,00 zł""")

add("pl", "hej, to mój nowy numer [[P:601 234 567]] 🙂 będę jutro o 8:15 na dworcu, peron 3")

add("pl", """Świadectwo pracy
Pan Tomasz Zieliński, ur. [[D:14 III 1979]] w Gdańsku, był zatrudniony w firmie Portex S.A. w okresie od 01.02.2010 do 31.01.2024 na stanowisku magazyniera.
Gdańsk, dnia 31.01.2024""")

add("pl", f"Uwaga: numer konta {IB['pl3_bad']} podany w poprzednim mailu zawiera błąd w cyfrach kontrolnych. Prosimy nie dokonywać na niego wpłat. Termin zapłaty składki (120 zł) mija 30.06.2024.")

add("pl", f"""Potwierdzenie płatności
Karta: [[C:{CC['visa6_ns']}]]
Kwota: 459,00 zł · Nr zamówienia: 2024/06/44871
Data transakcji: 12.06.2024, godz. 14:03""")

add("pl", """Deklaracja członkowska - Klub Seniora "Jesień"
Imię i nazwisko: Halina Dąbrowska
Data urodzenia: [[D:2.V.1948]]
Telefon: [[P:(22) 654-32-10]]
Wpisowe: 20 zł, data przystąpienia 15.04.2024""")

add("pl", "Zebranie wspólnoty mieszkaniowej odbędzie się 20.06.2024 o godz. 18:00 w lokalu nr 2. Kod pocztowy 00-950 Warszawa. Zaliczka na fundusz remontowy: 2,50 zł/m². Sprawa nr WM/17/2024.")

add("pl", f"""Szanowny Panie,
w załączeniu przesyłam skan umowy. Proszę o przelew na konto [[I:{IB['pl2']}]] oraz potwierdzenie na adres [[E:biuro@kancelaria-lis.example]]. W razie pytań proszę dzwonić pod [[P:+48 22 628 14 90]].
Pozdrawiam, Michał Lis""")

# ============================== Swedish ==============================
add("sv", """Hej Erik,

tack för din ansökan till tjänsten som projektledare (ref. 2024/88). Vi har noterat följande: Erik Lindqvist, född [[D:14 mars 1987]], mobil [[P:070-123 45 67]], e-post [[E:erik.lindqvist@example.se.example]].

Intervjun äger rum den 11 juni kl. 13.00.

Vänliga hälsningar
Maria Holm, HR""")

add("sv", """FAKTURA 10447
Fakturadatum: 2024-05-31 · Förfallodatum: 2024-06-30
Kundnummer: 55812 · OCR-nummer: 4471229008
Bankgiro: 5050-1055 · Org.nr 556677-8899
Att betala: 3 125,00 kr (varav moms 625,00 kr)
Dröjsmålsränta enligt räntelagen.""")

add("sv", f"""Uppgifter för utbetalning
Namn: Sofia Berg
IBAN: [[I:{IB['se1']}]]
BIC: ESSESESS
Belopp: 12 400 kr, utbetalas 2024-06-25""")

add("sv", "hallå! ring mig på [[P:+46 73 555 12 34]] när du landat, jag står vid utgång 3 ✈️ planet landar 21.45 enligt appen")

add("sv", "Paketet (kolli-id 00373500123456789012) kan hämtas från 2024-05-14 efter kl. 16.00 hos ombudet ICA Nära. Postnummer 113 51. Ta med legitimation och kod 4471.")

add("sv", """CV
Johanna Ek
Född: [[D:3 juni 1990]], Göteborg
[[E:johanna.ek@example.com]] · [[P:+46 31 123 45 67]]
2018-idag: Sjuksköterska, Sahlgrenska
2014-2017: Sjuksköterskeprogrammet, Göteborgs universitet""")

add("sv", f"""Kvitto
Betalt med kort [[C:{CC['mc5']}]]
Belopp: 849,00 kr · Ordernr 2024-0613-77
Datum: 2024-06-13 kl. 11:52""")

add("sv", """Advokatbyrån Nordin AB
Kungsgatan 12, 111 35 Stockholm
Tel [[P:08-123 456 78]] · Fax [[P:08-123 456 79]]
[[E:info@nordinadvokat.example]]""")

add("sv", "Föreningens årsmöte hålls 2024-03-21 kl. 19.00. Medlemsavgiften för 2024 är 250 kr och ska vara betald senast 2024-02-29 till bankgiro 123-4567. Styrelsen har sammanträtt 6 gånger under året.")

add("sv", f"""Journalanteckning
Patient: Lars Olsson, födelsedatum [[D:1961-02-03]]
Besöksdatum: 2024-04-22. Patienten är 63 år, söker för yrsel sedan 2 veckor.
Anhörig: hustru, tel. [[P:0707-88 99 00]]
Återbesök om 4 veckor.""")

add("sv", f"Din autogiroanmälan är registrerad. Dragning sker den 27:e varje månad från konto [[I:{IB['se2']}]]. Avtalsnummer 88120-4471. Frågor? Mejla [[E:kundservice@example.se.example]].")

# ============================== Danish (a few) ==============================
add("da", f"""Kære Mette,
tak for din tilmelding. Vi har registreret: Mette Larsen, født den [[D:12. maj 1984]], tlf. [[P:+45 20 12 34 56]].
Kontingentet på 450 kr. trækkes fra konto [[I:{IB['dk1']}]] den 1. juli.
Venlig hilsen, Roklubben Øresund""")

add("da", "Ordrebekræftelse nr. 2024-5521 · Dato: 03.06.2024 · Kundenr. 77812 · CVR 12345678 · Beløb i alt 1.249,00 kr. inkl. moms · Forventet levering uge 24.")

# ============================== more English / German / French / Spanish / Dutch / Italian ==============================
add("en", f"""Membership renewal - Cheltenham Cycling Club
Name: Oliver Grant
D.O.B.: [[D:08-09-1983]]
Phone: [[P:01242 496512]]
Email: [[E:o.grant@example.com]]
Direct debit from: [[I:{IB['gb1']}]]
Renewal date: 01-10-2024""")

add("en", "Reference numbers for your records: claim CLM-4471-2290-8815, policy 20931174, customer 0044 7700 12. The assessor will visit on 18/06/2024 between 08:00 and 12:00. Excess payable: £250.")

add("en", "Note to self: call the dentist (they open at 8:30), renew passport before it expires on 02/09/2025, pay the £42.50 parking fine (PCN ZY81120934) by Friday.")

add("en", f"""Payment details received:
Card: [[C:{CC['amex2']}]]  (American Express)
Name on card: Priscilla Howe
Billing ZIP: 10027
Booking ref 7HQ2LL, 2 nights from 2024-08-16 to 2024-08-18""")

add("en", "Birthday reminders are off. You are signed in as l.ward (last login 11/06/2024 22:14). Two-factor code sent to the phone ending in 47. Session expires in 30 min.")

add("en", """Hi team,

New starter next week: Aisha Kamara (she/her). Her details for the directory:
- born [[D:14.05.1996]] (please add to the birthday calendar)
- desk phone [[P:+44 20 7946 0872]]
- email [[E:aisha.kamara@example.com]]
She starts on 24.06.2024 in the analytics team.

Thanks, Gemma""")

add("de", f"""Hallo Frau Schäfer,
anbei wie besprochen meine Daten für die Buchung:
Name: Oliver Schäfer, geb. am [[D:08.08.88]]
Kreditkarte: [[C:{CC['mc1'].replace('-', '')}]], gültig bis 08/26
Handy: [[P:0160 98765432]]
Anreise 12.08., Abreise 19.08.2024, 2 Erwachsene.
Viele Grüße""")

add("de", "Ihr Paket mit der Sendungsnummer 1Z8V55W96812345671 wurde am 17.06.2024 um 11:42 zugestellt. Empfänger: Nachbar, Hausnummer 9. Referenz des Versenders: BE-2024-00917-A.")

add("de", f"""Betreff: Rückruf erbeten
Von: [[E:t.fuchs@autohaus-fuchs.example]]
An: [[E:werkstatt@autohaus-fuchs.example]]

Kunde Herr Arslan (Auftrag 24-3390, Kennzeichen M-AB 4471) bittet um Rückruf unter [[P:089/7654321]]. Termin für den Reifenwechsel: 04.04.2024, 9:00 Uhr.""")

add("fr", f"""Bonjour,
je vous transmets mes coordonnées bancaires pour le remboursement : [[I:{IB['fr1'].replace(' ', '')}]].
Mon numéro d'adhérent est le 4471-2290. Je suis né le [[D:30/04/1972]].
Merci d'avance, Paul Arnaud""")

add("fr", "Horaires de la déchetterie : du lundi au samedi, 8 h 30 - 12 h et 13 h 30 - 18 h. Fermée les jours fériés (1er mai, 14 juillet, 15 août). Accès sur présentation du badge n° 07-1183.")

add("fr", f"Montant réglé par carte bancaire : 72,40 €. Carte n° {CC['bad6']} refusée (numéro invalide), puis paiement accepté avec la carte se terminant par 0912. Ticket n° 000418, caisse 3, 17/05/2024 15:22.")

add("es", f"""Hola Luis:
Te paso los datos que me pediste para el seguro del coche:
- Fecha de nacimiento: [[D:1985-08-19]]
- Móvil: [[P:+34 699 12 34 56]]
- Correo: [[E:luisa.prieto@example.com]]
- Tarjeta para el cargo: [[C:{CC['diners1']}]]
La póliza empieza el 1 de julio. Un abrazo, Luisa""")

add("es", "Horario de atención: lunes a viernes de 8:00 a 15:00. Código de cliente: 0034-9187. Ref. catastral 9872023VH5797S0001WX. Código postal 41004 (Sevilla). Plazo de alegaciones: del 01/07/2024 al 15/07/2024.")

add("nl", f"""Hoi Daan,
Mijn bankgegevens voor de terugbetaling van het weekendje weg: [[I:{IB['nl1'].replace(' ', '')}]] t.n.v. M. Peeters.
En mijn nieuwe mailadres is [[E:mpeeters@example.net]]. Groetjes, Merel""")

add("nl", "Openingstijden gemeentehuis: ma t/m vr 08.30 - 16.30 uur, do ook 18.00 - 20.00 uur. Zaaknummer Z-2024-004471. Paspoort aanvragen? Maak een afspraak; de pasfoto mag maximaal 6 maanden oud zijn.")

add("it", f"""Modulo di adesione
Nome: Sara Colombo
Luogo e data di nascita: Como, [[D:17-03-1999]]
Telefono: [[P:031 27 41 11]]
Carta di credito per la quota: [[C:{CC['maestro1']}]]
Data adesione: 01-06-2024""")

add("it", "Orari della biblioteca: lun-ven 8:30-19:00, sab 9:00-13:00. Tessera n. 0004471 valida fino al 31/12/2025. Prestito massimo 30 giorni, rinnovabile una volta. CAP 40126 Bologna.")

add("pt", f"""Olá Sr. Ferreira,
Segue o número do cartão para o débito da assinatura anual: [[C:{CC['visa3']}]] (validade 04/27).
Qualquer problema ligue para [[P:+351 21 384 2200]].
Cumprimentos, Teresa Ferreira""")

add("pl", f"""Lista uczestników wycieczki (stan na 2024-06-01)
Lp. | Imię i nazwisko | Data urodzenia | Telefon
1 | Piotr Mazur | [[D:03.07.2010]] | [[P:502 111 222]]
2 | Ola Krawczyk | [[D:1 grudnia 2009]] | [[P:+48 603 333 444]]
Wyjazd 15.06.2024, godz. 7:00, powrót 17.06.2024.""")

add("sv", "Hej! Påminnelse: tandläkartid tisdag 2024-06-18 kl. 08.40. Avboka senast 24 timmar innan, annars debiteras 450 kr. Bokningsnummer 7741-22.")

add("de", "Das Unternehmen wurde am 1. April 1987 gegründet und beschäftigt heute 240 Mitarbeiter an 3 Standorten. Umsatz 2023: 41,7 Mio. €. Handelsregister HRB 11873, Amtsgericht Bremen.")

add("en", """Patient list - Dr Shah, morning surgery 18/06
09:00  J. Morris      DOB [[D:19 Nov 1939]]   home visit requested, tel [[P:0117 496 0335]]
09:10  K. Li          DOB [[D:02/02/2002]]    travel vaccines
09:20  (cancelled)
09:30  R. Osei        DOB [[D:30.6.1977]]     medication review""")

add("fr", f"""Objet : attestation
Je soussigné, Dr Laurent Picard, certifie avoir examiné ce jour Mme Julie Caron, née le [[D:2 févr. 1988]], dont l'état de santé nécessite un arrêt de travail du 10/06/2024 au 21/06/2024 inclus.
Fait à Rennes, le 10/06/2024.""")


# ---------------------------------------------------------------- build + checks
MARK = re.compile(r"\[\[([EPICD]):(.+?)\]\]", re.S)


def parse(text):
    spans = []

    def repl(m):
        spans.append({"category": CATS[m.group(1)], "value": m.group(2)})
        return m.group(2)
    clean = MARK.sub(repl, text)
    assert "[[" not in clean and "]]" not in clean, clean
    return clean, spans


EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
CARDLIKE_RE = re.compile(r"(?<![\w])\d(?:[ -]?\d){12,18}(?![\w])")
IBANSTART_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}")


def _inside(start, end, ranges):
    return any(s <= start and end <= e for s, e in ranges)


def _overlaps(start, end, ranges):
    return any(start < e and s < end for s, e in ranges)


def check(rec, n):
    text, spans = rec["text"], rec["spans"]
    errs = []
    ranges = {c: [] for c in CATS.values()}
    seen = set()
    for sp in spans:
        v, c = sp["value"], sp["category"]
        if v in seen:
            errs.append("duplicate value %r" % v)
        seen.add(v)
        if text.count(v) != 1:
            errs.append("value %r occurs %d times" % (v, text.count(v)))
        i = text.index(v)
        if (i > 0 and text[i - 1].isalnum()) or (i + len(v) < len(text) and text[i + len(v)].isalnum()):
            errs.append("value %r not on a token boundary" % v)
        if v != v.strip():
            errs.append("value %r has outer whitespace" % v)
        ranges[c].append((i, i + len(v)))
        if c == "iban" and not iban_valid(v):
            errs.append("bad iban %r" % v)
        if c == "credit_card":
            d = re.sub(r"[ -]", "", v)
            if not (d.isdigit() and 14 <= len(d) <= 19 and luhn_ok(d)):
                errs.append("bad card %r" % v)
        if c == "email" and not EMAIL_RE.fullmatch(v):
            errs.append("bad email %r" % v)
    all_ranges = [r for rs in ranges.values() for r in rs]
    # labelled spans must not overlap each other
    srt = sorted(all_ranges)
    for a, b in zip(srt, srt[1:]):
        if b[0] < a[1]:
            errs.append("overlapping spans %r %r" % (text[a[0]:a[1]], text[b[0]:b[1]]))
    # every e-mail-looking string must be labelled
    for m in EMAIL_RE.finditer(text):
        if not _inside(m.start(), m.end(), ranges["email"]):
            errs.append("unlabelled email %r" % m.group())
    # every Luhn-valid card-length digit run outside labelled spans must be an allowed look-alike
    for m in CARDLIKE_RE.finditer(text):
        d = re.sub(r"[ -]", "", m.group())
        if _overlaps(m.start(), m.end(), all_ranges):
            continue
        if luhn_ok(d) and d not in ALLOWED_LUHN_NEGATIVES:
            errs.append("unlabelled Luhn-valid number %r" % m.group())
    # every mod-97-valid IBAN-looking string must be labelled
    for m in IBANSTART_RE.finditer(text):
        j, raw = m.end(), m.group()
        while j < len(text):
            ch = text[j]
            if ch.isalnum() and ch.isascii():
                raw += ch
                j += 1
            elif ch == " " and j + 1 < len(text) and text[j + 1].isalnum() and text[j + 1].isascii():
                j += 1
            else:
                break
        for L in range(15, min(34, len(raw)) + 1):
            cand = raw[:L]
            if _num(cand[4:] + cand[:4]) % 97 == 1 and (cand[:2] not in IBAN_LEN or IBAN_LEN[cand[:2]] == L):
                if not _overlaps(m.start(), m.start() + 1, ranges["iban"]):
                    errs.append("unlabelled mod-97-valid string %r" % cand)
    return ["text %d: %s" % (n, e) for e in errs]


def build():
    records = []
    for lang, raw in RAW:
        text, spans = parse(raw)
        records.append({"text": text, "lang": lang, "spans": spans})
    return records


def main():
    records = build()
    errs = []
    texts = set()
    for n, rec in enumerate(records):
        errs += check(rec, n)
        if rec["text"] in texts:
            errs.append("text %d duplicated" % n)
        texts.add(rec["text"])
    if errs:
        print("\n".join(errs))
        sys.exit(1)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    # re-read and re-verify what was written
    with open(OUT, encoding="utf-8") as f:
        back = [json.loads(line) for line in f]
    assert back == records
    for rec in back:
        for sp in rec["spans"]:
            assert sp["category"] in CATS.values()
            assert sp["value"] in rec["text"]

    by_cat = Counter(sp["category"] for r in records for sp in r["spans"])
    by_lang = Counter(r["lang"] for r in records)
    neg_lang = Counter(r["lang"] for r in records if not r["spans"])
    cat_lang = Counter((r["lang"], sp["category"]) for r in records for sp in r["spans"])
    print("wrote %s: %d texts, %d spans, %d without PII"
          % (os.path.relpath(OUT), len(records), sum(by_cat.values()), sum(neg_lang.values())))
    print("spans per category:", dict(sorted(by_cat.items())))
    cats = sorted(CATS.values())
    print("%-5s %5s %5s  " % ("lang", "texts", "neg") + " ".join("%13s" % c for c in cats))
    for lang in sorted(by_lang):
        print("%-5s %5d %5d  " % (lang, by_lang[lang], neg_lang[lang])
              + " ".join("%13d" % cat_lang[(lang, c)] for c in cats))
    print("checks: all values occur exactly once on token boundaries; IBANs mod-97 valid; "
          "cards Luhn valid; no unlabelled e-mail, Luhn-valid number or mod-97-valid IBAN")


if __name__ == "__main__":
    main()
