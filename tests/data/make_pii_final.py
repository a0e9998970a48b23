#!/usr/bin/env python3
"""Held-out labelled test set for the personal-data redactor: ``pii_final``.

What this is
------------
About 150 short documents written the way real people's paperwork reads --
patient intake forms, rental applications, school enrolment forms, insurance
claims, gym contracts with SEPA mandates, freelancer invoices, letters changing
bank details, airline booking confirmations, support-chat transcripts,
notary/solicitor letters, CVs and job applications, event registrations,
pharmacy receipts, utility bills, tax correspondence, e-mails between friends --
in English, German, French, Spanish, Dutch and Italian (at least 15 each),
plus a few in Portuguese.

Each text is labelled with the exact strings a redactor should remove, in five
categories:

* ``email``          the address only (no "mailto:", no angle brackets, no
                     trailing punctuation);
* ``phone``          phone / fax / mobile numbers in the national and
                     international formats used in each country, from the
                     first "+", "00", "(" or digit to the last digit; the label
                     word ("Tel.", "Handy", "GSM", ...) is not part of it;
* ``iban``           IBANs of many European countries, as written (grouped in
                     fours or not); the check digits are computed below with an
                     ISO 13616 / ISO 7064 mod-97-10 routine and the length is
                     the one registered for the country;
* ``credit_card``    Visa (16), Mastercard (16) and Amex (15) numbers, spaced,
                     dashed or run together, with Luhn check digits computed
                     below;
* ``date_of_birth``  the date only (never the label word such as "born",
                     "geb.", "née le", "nacido el", "geboren op", "nato il").

More than half of the texts also contain look-alikes that must NOT be labelled
because the context shows they are not personal data: invoice, order, booking,
policy, customer, contract and case numbers (some spaced like phone numbers),
amounts, non-birth dates (invoice dates, appointments, deadlines, "valid
until", "member since", dates of death), times, postcodes, VAT / tax /
company-registration numbers, ISBN / EAN codes, IBAN-shaped strings with bad
check digits or placeholder zeros, 15/16-digit numbers that fail the Luhn
check, masked card numbers, tracking, flight and seat numbers, version
numbers, percentages, BIC codes, URLs and social handles.  Some texts contain
several items, some contain none.  All people, addresses, companies and
numbers are fictitious; e-mail domains are example.com / .org / .net (or
sub-domains of them), phone numbers are made up or taken from ranges reserved
for drama / fiction where such ranges exist (UK 07700 900xxx, US 555-01xx).

Independence
------------
This set was written independently of the redactor: its author did not read
the redactor's rules or its evaluation code or any other test data, and did not
run the redactor while writing or checking the texts.  The texts were written
to read like genuine documents, not to fit or to defeat any particular regular
expression.  The set is used ONLY to report held-out figures (precision /
recall per category); it must not be used to tune the redactor -- once its
misses have been studied and fixed it is no longer held out.

Regenerate
----------
    python3 tests/data/make_pii_final.py

writes ``tests/data/pii_final.jsonl`` next to this script, one JSON object per
line: ``{"text": ..., "lang": ..., "spans": [{"category": ..., "value": ...}]}``.
Standard library only; the random generator has a fixed seed, so the output is
identical on every run.  The script asserts that every labelled value occurs
exactly once in its text, that spans do not overlap, that labelled IBANs and
card numbers are valid, and that no unlabelled IBAN-shaped string or 15/16-digit
number in a text passes the mod-97 / Luhn check.  It prints counts per category
and language at the end.
"""

import json
import os
import random
import re
import sys
from collections import Counter, defaultdict

RNG = random.Random(20240613)

CATEGORIES = ("email", "phone", "iban", "credit_card", "date_of_birth")
LANGS = ("en", "de", "fr", "es", "nl", "it", "pt")

DIGITS = "0123456789"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# --------------------------------------------------------------------------
# ISO 13616 IBANs
# --------------------------------------------------------------------------
# country: (total IBAN length, BBAN pattern); n = digit, a = upper-case letter,
# c = digit or letter.
IBAN_FORMATS = {
    "AT": (20, "16n"),
    "BE": (16, "12n"),
    "CH": (21, "5n12n"),
    "CZ": (24, "20n"),
    "DE": (22, "18n"),
    "DK": (18, "14n"),
    "ES": (24, "20n"),
    "FI": (18, "14n"),
    "FR": (27, "10n11n2n"),
    "GB": (22, "4a14n"),
    "GR": (27, "7n16n"),
    "IE": (22, "4a14n"),
    "IT": (27, "1a10n12n"),
    "LU": (20, "3n13n"),
    "MT": (31, "4a5n18n"),
    "NL": (18, "4a10n"),
    "NO": (15, "11n"),
    "PL": (28, "24n"),
    "PT": (25, "21n"),
    "SE": (24, "20n"),
}


def _expand(pattern):
    out = []
    for count, kind in re.findall(r"(\d+)([nac])", pattern):
        pool = {"n": DIGITS, "a": UPPER, "c": DIGITS + UPPER}[kind]
        out.append("".join(RNG.choice(pool) for _ in range(int(count))))
    return "".join(out)


def _iban_number(s):
    """ISO 13616: move the first four characters to the end, letters -> 10..35."""
    moved = s[4:] + s[:4]
    return int("".join(str(int(ch, 36)) for ch in moved))


def iban_is_valid(s):
    s = s.replace(" ", "").upper()
    if len(s) < 5 or s[:2] not in IBAN_FORMATS:
        return False
    if len(s) != IBAN_FORMATS[s[:2]][0]:
        return False
    return _iban_number(s) % 97 == 1


def group4(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def iban(country, grouped=True, bank=None):
    """A valid IBAN for `country`; `bank` optionally fixes the start of the BBAN."""
    length, pattern = IBAN_FORMATS[country]
    bban = _expand(pattern)
    if bank:
        bban = bank + bban[len(bank):]
    check = 98 - _iban_number(country + "00" + bban) % 97
    s = "%s%02d%s" % (country, check, bban)
    assert len(s) == length and iban_is_valid(s), s
    return group4(s) if grouped else s


def bad_iban(country, grouped=True):
    """IBAN-shaped, right length, WRONG check digits."""
    s = iban(country, grouped=False)
    good = s[2:4]
    chk = good
    while chk == good:
        chk = "%02d" % RNG.randint(2, 98)
    s = s[:2] + chk + s[4:]
    assert not iban_is_valid(s), s
    return group4(s) if grouped else s


# --------------------------------------------------------------------------
# Luhn card numbers
# --------------------------------------------------------------------------
def luhn_ok(number):
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _rand_digits(n):
    return "".join(RNG.choice(DIGITS) for _ in range(n))


def _fmt_card(num, style):
    if style == "plain":
        return num
    sep = {"space": " ", "dash": "-"}[style]
    if len(num) == 15:
        groups = [num[:4], num[4:10], num[10:]]
    else:
        groups = [num[i:i + 4] for i in range(0, len(num), 4)]
    return sep.join(groups)


def card(brand, style="space"):
    if brand == "visa":
        body = "4" + _rand_digits(14)
    elif brand == "mc":
        prefix = RNG.choice(["51", "52", "53", "54", "55", str(RNG.randint(2221, 2720))])
        body = prefix + _rand_digits(15 - len(prefix))
    elif brand == "amex":
        body = RNG.choice(["34", "37"]) + _rand_digits(12)
    else:
        raise ValueError(brand)
    for d in DIGITS:
        if luhn_ok(body + d):
            num = body + d
            break
    assert luhn_ok(num)
    return _fmt_card(num, style)


def not_luhn(n=16, groups=None, sep=" ", first=None):
    """An n-digit number that FAILS the Luhn check, optionally grouped."""
    first = first or str(RNG.randint(1, 9))
    num = first + _rand_digits(n - len(first))
    if luhn_ok(num):
        num = num[:-1] + str((int(num[-1]) + 1) % 10)
    assert not luhn_ok(num) and len(num) == n
    if groups:
        parts, i = [], 0
        for g in groups:
            parts.append(num[i:i + g])
            i += g
        assert i == n
        return sep.join(parts)
    return num


# --------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------
DOCS = []  # (lang, text, spans, has_lookalikes)


def add(lang, text, spans, look):
    DOCS.append((lang, text.strip("\n"), [(c, v) for c, v in spans], look))


E, P, I, C, D = "email", "phone", "iban", "credit_card", "date_of_birth"


# ============================== English ====================================

add("en", """
Riverside Family Practice - New Patient Intake
Form version 3.2 | Page 1 of 2

Full name: Margaret Ellen Hughes
Date of birth: 14/02/1975
Address: 12 Orchard Row, Leeds LS6 2QT
Mobile: 07700 900481
Home phone: 0113 496 0732
Email: maggie.hughes75@example.com
Preferred contact: text message

First appointment: 03/06/2024 at 09:40 with Dr A. Kaur
Referral ref: RFP-2024-00917
""", [(D, "14/02/1975"), (P, "07700 900481"), (P, "0113 496 0732"),
      (E, "maggie.hughes75@example.com")], True)

add("en", """
RENTAL APPLICATION - Unit 4B, 220 Alder Street, Portland, OR 97209
Application #: RA-55120        Date received: April 2, 2024
Monthly rent: $1,850.00        Security deposit: $1,850.00

Applicant: Daniel Okafor
DOB: 07-23-1989
Cell: (503) 555-0164
Work: 503.555.0119
Email: Daniel Okafor <d.okafor+rentals@example.net>

Employer: Harbor Light Logistics, 3 years, annual income $68,400
Requested move-in date: 05/01/2024     Lease term: 12 months
Pets: 1 cat (spayed, 4 yrs)
Applicant signature date: 04/02/2024
""", [(D, "07-23-1989"), (P, "(503) 555-0164"), (P, "503.555.0119"),
      (E, "d.okafor+rentals@example.net")], True)

_gb = iban("GB", bank="NWBK")
add("en", """
INVOICE
Invoice no.: 2024-0147
Invoice date: 28 March 2024
Due date: 27 April 2024

From: Priya Natarajan - Illustration & Design
12 Canal Wharf, Bristol BS1 6PJ
priya@studio-natarajan.example.com | +44 117 496 0288
VAT reg. no.: GB 123 4567 89

Bill to: Kestrel Books Ltd, Company no. 08123456
Project: cover for "The Salt Road", ISBN 978-1-4028-9462-6

Cover illustration            1 x GBP 950.00    GBP 950.00
Interior spot illustrations  12 x GBP 45.00     GBP 540.00
Subtotal GBP 1,490.00 | VAT 20%% GBP 298.00 | Total GBP 1,788.00

Please pay by bank transfer within 30 days:
Account name: P Natarajan
IBAN: %s
BIC: NWBKGB2L
""" % _gb, [(E, "priya@studio-natarajan.example.com"), (P, "+44 117 496 0288"), (I, _gb)], True)

add("en", """
Your booking is confirmed!

Booking reference: K7QX2M
Flight BA 0287  London Heathrow (LHR) -> San Francisco (SFO)
Departs Sun 14 Jul 2024 11:25, arrives 14:10 local time
Seat 32K, Economy Standard. Baggage: 1 x 23kg

Passenger: Ms Laura Jane Whitfield
Date of birth: 09 Nov 1992
Contact details: +44 7700 900217, laura.whitfield@example.org

Total paid: GBP 742.36, charged to Visa ending 4417
Online check-in opens 24 hours before departure.
""", [(D, "09 Nov 1992"), (P, "+44 7700 900217"), (E, "laura.whitfield@example.org")], True)

_c = card("mc", "space")
_order = not_luhn(16, (4, 4, 4, 4))
add("en", """
[14:02] Sam (NimbusPay Support): Hi, thanks for contacting NimbusPay. How can I help?
[14:02] Customer: hi my card got declined at checkout, order #%s
[14:03] Sam (NimbusPay Support): Sorry about that! Could you confirm the card number you used?
[14:04] Customer: %s exp 08/27
[14:05] Sam (NimbusPay Support): Thanks. For security, can you also confirm your date of birth?
[14:05] Customer: 3rd of June 1990
[14:06] Sam (NimbusPay Support): And the email on the account?
[14:06] Customer: TOM.BRADLEY90@EXAMPLE.COM
[14:07] Sam (NimbusPay Support): Thanks Tom. I've raised case 00482913 - you'll hear from us within 48 hours.
""" % (_order, _c), [(C, _c), (D, "3rd of June 1990"), (E, "TOM.BRADLEY90@EXAMPLE.COM")], True)

add("en", """
HOME CONTENTS CLAIM FORM
Policy number: HC-448120-77        Claim reference: 2024/CL/003318
Date of loss: 18 February 2024     Time: approx. 22:30
Cause: burglary (crime ref. given by police: 13/44871/24)

Policyholder: Gareth Lloyd-Jones, born 22 August 1961
Telephone (day): 029 2018 0947
Telephone (evening): 07700 900936
Email: gareth.lloyd-jones@example.net

Items claimed:
- Laptop, serial C02XK1Y2JG5J, bought 11/2022, GBP 1,199
- Road bicycle, frame no. WTU 22418 8821, GBP 640
Policy excess: GBP 250
""", [(D, "22 August 1961"), (P, "029 2018 0947"), (P, "07700 900936"),
      (E, "gareth.lloyd-jones@example.net")], True)

_c = card("mc", "dash")
add("en", """
IRONWORKS FITNESS - MEMBERSHIP AGREEMENT
Member ID: 000482917          Home club: Downtown #12
Plan: Premium Monthly $49.99 + $19.00 annual maintenance fee
Start date: 01/15/2024        Minimum term: 12 months

First name: Alicia            Last name: Fernandez-Reyes
Birthday: 11/30/1998
Phone: 212-555-0175
Email: alicia.fr@example.com
Emergency contact: Marco Reyes (brother), (212) 555-0142

Payment method: Mastercard
Card number: %s   Exp: 04/28
Dues are drafted on the 1st of each month.
""" % _c, [(D, "11/30/1998"), (P, "212-555-0175"), (E, "alicia.fr@example.com"),
           (P, "(212) 555-0142"), (C, _c)], True)

add("en", """
Maple Grove Elementary School - Student Enrollment Form 2024-2025

Student name: Ethan James Caldwell
Date of Birth (MM/DD/YYYY): 04/17/2016
Grade entering: 3
Previous school: Lincoln Park ES, district code 0412

Parent/Guardian 1: Rachel Caldwell
  email rachel.caldwell@example.org, cell (617) 555-0139
Parent/Guardian 2: Owen Caldwell
  email o_caldwell@example.org, work +1 617 555 0181

Bus route 14, stop 3. Immunization record received 08/20/2024.
""", [(D, "04/17/2016"), (E, "rachel.caldwell@example.org"), (P, "(617) 555-0139"),
      (E, "o_caldwell@example.org"), (P, "+1 617 555 0181")], True)

_ie_new = iban("IE", bank="AIBK")
_ie_old = iban("IE", grouped=False, bank="BOFI")
add("en", """
Ref: CHG/2024/88213

Dear Sir or Madam,

Please update the account to which my pension is paid. From 1 May 2024 the payments should go to:

Account holder: Eileen M. Doherty
IBAN: %s
BIC: AIBKIE2D

My old account (%s) will be closed at the end of April, so please do not use it after that.

My pension reference is PEN-00371882, and my date of birth is 5 January 1949 in case you need it to find my record. You can reach me on (01) 642 7718 most mornings.

Yours faithfully,
Eileen Doherty
""" % (_ie_new, _ie_old), [(I, _ie_new), (I, _ie_old), (D, "5 January 1949"),
                           (P, "(01) 642 7718")], True)

add("en", """
HARGREAVE & POOLE LLP - Solicitors
Our ref: JP/ES/11470-3     Your ref: 24/0918
9 September 2024

Dear Ms Sinclair,

Estate of the late Albert Sinclair (born 2nd March 1938, died 14th June 2024)

Thank you for your letter of 2 September. We confirm that the grant of probate was issued on 28 August 2024. The estate account shows a balance of GBP 214,880.13 after payment of inheritance tax.

If you have any questions please contact Jennifer Poole on her direct line, 020 7946 0774, or by email at j.poole@hargreave-poole.example.com.

Yours sincerely,
Hargreave & Poole LLP
""", [(D, "2nd March 1938"), (P, "020 7946 0774"), (E, "j.poole@hargreave-poole.example.com")], True)

add("en", """
Subject: Application - Junior Data Analyst (Job ID 77-1042)

Dear Hiring Team,

I'm writing to apply for the Junior Data Analyst role advertised on your careers page on 3 June. I graduated in 2022 with a 2:1 in Mathematics from the University of Sheffield and have spent the last two years at a logistics start-up building dashboards in SQL and Python.

My CV is attached (cv_samira_v2.3.pdf). I can be reached at s.ahmed.data@example.com or on +44 (0)161 496 0352, and I'm available to start with four weeks' notice.

Kind regards,
Samira Ahmed
linkedin.com/in/samira-ahmed-example | @samira_codes
""", [(E, "s.ahmed.data@example.com"), (P, "+44 (0)161 496 0352")], True)

add("en", """
Registration confirmed - Northern Web Summit 2024

Ticket type: Early Bird (GBP 129.00 + VAT)
Order: NWS-24-003817
Event dates: 12-13 October 2024, doors open 08:30
Venue: Manchester Central, Windmill St, Manchester M2 3GX

Attendee: Chris Ng
Company: Fernleaf Analytics
Email: chris.ng@fernleaf.example.com
Mobile: +44 7700 900774
Dietary requirements: vegetarian
T-shirt size: M

Wi-Fi: NWS24 / summit2024. Follow @NorthWebSummit for updates.
""", [(E, "chris.ng@fernleaf.example.com"), (P, "+44 7700 900774")], True)

_survey = not_luhn(16, (4, 4, 4, 4))
add("en", """
GREENCROSS PHARMACY #0487
1410 Market St, San Francisco, CA 94103
Tel (415) 555-0123

Rx# 6041882            Refill 2 of 5
Patient: HOWARD, LINDA    DOB: 3/8/57
Lisinopril 10 mg tab   Qty 30
Price $12.40   Ins. paid $9.40   Copay $3.00

VISA ************4102   AUTH 083912
08/14/2024 16:42   Store receipt 0487-03-118822-7

Tell us how we did! Survey code: %s
""" % _survey, [(P, "(415) 555-0123"), (D, "3/8/57")], True)

add("en", """
Evergreen Energy - Your electricity bill

Account number: 8802 1147 3309
Bill date: 2 July 2024          Billing period: 1 Jun - 30 Jun 2024
Meter serial: E17UK04431

Usage: 287 kWh at 24.50p/kWh            GBP 70.32
Standing charge: 30 days at 53.35p      GBP 16.01
VAT at 5%                               GBP 4.32
Total due by 16 July 2024               GBP 90.65

Mr P. Kowalski, 14 Fern Close, Norwich NR4 7TJ
Questions about your bill? Call us free on 0808 157 0192, Mon-Fri 8am-8pm.
""", [(P, "0808 157 0192")], True)

add("en", """
STATE DEPARTMENT OF REVENUE - NOTICE OF ADJUSTMENT
Notice date: March 11, 2024       Notice number: CP-2000-118842
Tax year: 2022                    Respond by: April 10, 2024

Taxpayer: Gloria M. Estrada

We changed your 2022 return because the income reported by your employer (Form W-2, EIN 12-3456789) does not match the amount on your return. Amount due: $1,284.17, including interest at 8%.

If you disagree, call us at 1-800-555-0199. Your paid preparer on file is Ben Alvarez, ben.alvarez@taxhelpers.example.com, phone (602) 555-0166.
""", [(P, "1-800-555-0199"), (E, "ben.alvarez@taxhelpers.example.com"), (P, "(602) 555-0166")], True)

_c = card("amex", "space")
add("en", """
Hi Jordan,

Quick one - the conference hotel wants a card to hold the group booking (confirmation 3318-2290-4471). Could you put it on the company Amex? The number is %s, expiry 11/26, and they'll call you for the CID.

Also, Mina's visa form needs her date of birth: it's 30 January 1994. Her mobile if the agency rings is 07700 900 612.

Thanks!
Kate
""" % _c, [(C, _c), (D, "30 January 1994"), (P, "07700 900 612")], True)

add("en", """
Minutes - Facilities Committee, 4 March 2024
Present: 6 members. Apologies: 2.

1. Boiler replacement: quote Q-2024-118 accepted at GBP 14,250 + VAT (20%).
2. Fire alarm tests move to Thursdays at 10:00.
3. Version 2.1 of the building access policy adopted; new door codes from 18/03/2024.
4. Purchase order PO 4500 1182 77 raised for the roof survey.

Next meeting: 8 April 2024, Room 3.14.
""", [], True)

add("en", """
Your order has shipped!

Order number: 112-4471839-2209184
Shipped: 19 Aug 2024 | Estimated delivery: Thu 22 Aug, by 8pm
Carrier: UPS, tracking number 1Z 999 AA1 01 2345 6784

1 x USB-C hub, 7-in-1 (EAN 5012345678900)      $34.99
Promo code SUMMER15 applied                     -$5.25

Questions? Visit https://help.example.com/orders
""", [], True)

add("en", """
Dear Dr Patel,

Re: Mr Jonathan Price, DOB 1978-11-05

Thank you for seeing this 45-year-old man, who has a six-month history of intermittent chest tightness on exertion. His BP today was 142/88 and HbA1c 48 mmol/mol. ECG showed sinus rhythm, rate 72.

He is happy to be contacted directly on 0161 496 0918 or by email at jprice_78@example.net. I have booked a follow-up with me on 12/09/2024.

Best wishes,
Dr H. Osei
""", [(D, "1978-11-05"), (P, "0161 496 0918"), (E, "jprice_78@example.net")], True)

add("en", """
QuickCover Motor - your quote summary
Quote ref. 4471 882 9031        Valid until: 30/08/2024

Vehicle: 2019 Ford Fiesta 1.0 EcoBoost, 5-door, 41,200 miles
Main driver: Ms R. Delaney, date of birth 12/04/1991, full UK licence held 8 years
Cover: comprehensive, starts 01/09/2024
Annual premium: GBP 612.40, or 11 monthly instalments of GBP 58.92 (APR 21.9%)
Voluntary excess: GBP 250
""", [(D, "12/04/1991")], True)

add("en", """
Hello cousin!

Thanks for the photos you sent. I've been going through the old family bible and can finally fill in a few gaps. Our grandmother, Rose Whitcombe, was born on the 19th of May, 1931 in Hull, and she married Grandad at St Mary's in 1952.

Could you scan the letters you found in the attic? Send them to d.o'sullivan@example.org whenever you have time.

Love,
Deirdre
""", [(D, "19th of May, 1931"), (E, "d.o'sullivan@example.org")], True)

_pl = iban("PL")
add("en", """
PAYROLL - EMPLOYEE DETAILS UPDATE
Payroll ID: 00412       Department: Warehouse (Site 3)
Effective from: pay period 07/2024

Employee: Tomasz Wisniewski
Date of birth: Sept. 7, 1983
Tax code: 1257L
Personal email: tomek.wisniewski@example.com
Mobile: +48 601 234 567

Salary to be paid into:
IBAN %s (PKO, Warsaw)
""" % _pl, [(D, "Sept. 7, 1983"), (E, "tomek.wisniewski@example.com"),
            (P, "+48 601 234 567"), (I, _pl)], True)

_c = card("visa", "plain")
add("en", """
THE HARBORVIEW INN - CREDIT CARD AUTHORIZATION FORM

Confirmation #: 88104527        Arrival: 10/18/2024   Departure: 10/21/2024
Room: King Deluxe, 3 nights at $219.00 + 14.5%% occupancy tax

Cardholder name: Patricia Lindqvist
Card type: VISA
Card number: %s
Expiration: 02/27
Billing ZIP: 02139
Phone: (857) 555-0108
Email: plindqvist@example.net

I authorize The Harborview Inn to charge the above card for room, tax and incidentals.
""" % _c, [(C, _c), (P, "(857) 555-0108"), (E, "plindqvist@example.net")], True)

_c = card("visa", "space")
add("en", """
Donation form - Friends of Ashby Woods (registered charity no. 1098765)

I would like to give: GBP 25 per month starting 1 October 2024

Name: Helen Marsh
Email: helen.marsh@example.org
Card number: %s     Valid to: 09/26
Gift Aid: yes, I am a UK taxpayer

Thank you! You can cancel at any time by calling 0161 496 0400.
""" % _c, [(E, "helen.marsh@example.org"), (C, _c), (P, "0161 496 0400")], True)

_mt = iban("MT")
_fi = iban("FI", grouped=False)
add("en", """
From: Olli Virtanen <olli.virtanen@example.com>
To: accounts@brightlane.example.net
Subject: Re: Invoice 2024-22 - wrong bank details?

Hi,

The remittance on invoice 2024-22 (EUR 3,150.00) came back. I think you used the IBAN from the template on our website, FI00 1234 5600 0007 89, which is only a placeholder. My real account is:

%s

If your system can't pay Finnish accounts, our Malta office can receive it instead: %s (BIC FKLBMTMT).

Cheers,
Olli
+358 40 123 4567
""" % (_fi, _mt), [(E, "olli.virtanen@example.com"), (E, "accounts@brightlane.example.net"),
                   (I, _fi), (I, _mt), (P, "+358 40 123 4567")], True)

add("en", "Can you text me back on 07700 900318 when you're free? I've lost my charger and my laptop's on 4%.",
    [(P, "07700 900318")], True)

add("en", """
Thanks for registering for Little Explorers Holiday Club!

Child: Amelia Grant
Birthday: 22nd September 2015
Weeks booked: 29 July - 9 August (10 days at GBP 32.50 = GBP 325.00)
Booking number: LEX-2024-0559

Parent contact: mailto:jo.grant1985@example.com / 07700 900 045
Pick-up password: set at first drop-off
""", [(D, "22nd September 2015"), (E, "jo.grant1985@example.com"), (P, "07700 900 045")], True)


# ============================== German =====================================

add("de", """
Praxis Dr. med. Sabine Krüger · Fachärztin für Allgemeinmedizin
Anmeldebogen für neue Patientinnen und Patienten

Name, Vorname: Lehmann, Jürgen
Geburtsdatum: 07.11.1962
Anschrift: Lindenallee 14, 50968 Köln
Telefon: 0221 / 987 65 43
Mobil: 0171 4839201
E-Mail: juergen.lehmann@example.com
Krankenkasse: AOK (Karte liegt vor)
Bisheriger Hausarzt: Dr. Weber, Tel. (0221) 34 56 78

Termin: 12.06.2024, 08:15 Uhr – bitte nüchtern erscheinen
""", [(D, "07.11.1962"), (P, "0221 / 987 65 43"), (P, "0171 4839201"),
      (E, "juergen.lehmann@example.com"), (P, "(0221) 34 56 78")], True)

add("de", """
Mieterselbstauskunft

Objekt: 3-Zimmer-Wohnung, Gneisenaustraße 61, 10961 Berlin, 2. OG links
Kaltmiete: 1.240,00 € zzgl. 260,00 € Nebenkosten, Kaution: 3 Nettokaltmieten
Gewünschter Einzug: 01.08.2024

Mietinteressentin: Aylin Demir
geb. am 21.04.1991 in Bremen
Derzeitige Anschrift: Hafenstraße 3, 28217 Bremen
Telefon: +49 421 56789012
E-Mail: aylin.demir@example.org
Arbeitgeber: Nordlicht IT GmbH (HRB 24517 HB), unbefristet seit 2019
Nettoeinkommen: 3.850 € monatlich
Mietrückstände: keine

Bremen, 03.06.2024
""", [(D, "21.04.1991"), (P, "+49 421 56789012"), (E, "aylin.demir@example.org")], True)

add("de", """
Anmeldung zur Einschulung – Schuljahr 2024/25
Grundschule am Stadtpark, Leipzig

Angaben zum Kind
Name: Paul Becker
Geburtsdatum: 14. März 2018
Geburtsort: Leipzig

Erziehungsberechtigte
Mutter: Katrin Becker, Tel. 0341 2297431, mobil 0152 28374615, katrin.becker@example.net
Vater: Thomas Becker, dienstlich +49 341 97 32 110

Hortbetreuung gewünscht: ja, Mo–Fr bis 16:00 Uhr
Bitte bis spätestens 15.11.2023 im Sekretariat abgeben (Raum 0.12).
""", [(D, "14. März 2018"), (P, "0341 2297431"), (P, "0152 28374615"),
      (E, "katrin.becker@example.net"), (P, "+49 341 97 32 110")], True)

_de = iban("DE")
add("de", """
Schadenanzeige Hausratversicherung

Versicherungsscheinnummer: HR-7720 1184 03
Schadennummer: 24-S-0091827
Schadentag: 02.02.2024, ca. 14:30 Uhr
Schadenart: Leitungswasser (Rohrbruch in der Küche)

Versicherungsnehmer: Herr Klaus Wegner, geb. 30.09.1958
Anschrift: Am Mühlbach 7, 83022 Rosenheim
Telefon tagsüber: 08031 / 23 45 67
E-Mail: K.Wegner@Example.com

Geschätzte Schadenhöhe: 3.480,00 €
Bankverbindung für die Regulierung:
IBAN %s
""" % _de, [(D, "30.09.1958"), (P, "08031 / 23 45 67"), (E, "K.Wegner@Example.com"), (I, _de)], True)

_de = iban("DE", grouped=False)
add("de", """
FitWerk Studios GmbH – Mitgliedsvertrag Nr. 2024-04417
Tarif: Flex 24 – 29,90 € pro 4 Wochen, Startpaket 39,00 €
Vertragsbeginn: 01.05.2024, Mindestlaufzeit 12 Monate

Mitglied: Lara Schneider
Geburtstag: 05.08.2001
Handy: 0176 / 412 88 903
E-Mail: lara_schneider01@example.com

SEPA-Lastschriftmandat
Gläubiger-Identifikationsnummer: DE98ZZZ09999999999
Mandatsreferenz: FW-2024-04417
Kontoinhaberin: Lara Schneider
IBAN: %s
""" % _de, [(D, "05.08.2001"), (P, "0176 / 412 88 903"), (E, "lara_schneider01@example.com"), (I, _de)], True)

_de = iban("DE")
add("de", """
Rechnung Nr. 2024-031
Rechnungsdatum: 15.04.2024 · Leistungszeitraum: März 2024

Dr. Miriam Hoffmann · Fachübersetzungen Englisch–Deutsch
Kastanienweg 9 · 69117 Heidelberg
Tel. 06221 / 48 33 71 · Mobil +49 (0)160 9123 4567
m.hoffmann@uebersetzung.example.com
Steuernummer 32/123/45678 · USt-IdNr. DE 289 456 123

An: Rheinwerk Maschinenbau AG, Einkauf, Bestell-Nr. 4500118273

Pos. 1  Übersetzung Betriebsanleitung v4.2, 12.400 Wörter à 0,14 €   1.736,00 €
Pos. 2  Korrektorat, 6 Std. à 55,00 €                              330,00 €
Nettobetrag 2.066,00 € · zzgl. 19 %% USt 392,54 € · Rechnungsbetrag 2.458,54 €

Zahlbar innerhalb von 14 Tagen ohne Abzug auf:
IBAN %s · BIC GENODES1HD4
""" % _de, [(P, "06221 / 48 33 71"), (P, "+49 (0)160 9123 4567"),
            (E, "m.hoffmann@uebersetzung.example.com"), (I, _de)], True)

_at = iban("AT")
_de = iban("DE")
add("de", """
Ingrid Vogel
Getreidegasse 12
5020 Salzburg

Salzburg, 12.06.2024

Änderung meiner Bankverbindung – Vertrag 55-410-2287

Sehr geehrte Damen und Herren,

ab dem 01.07.2024 ändert sich meine Bankverbindung. Bitte buchen Sie die monatlichen Beiträge künftig von folgendem Konto ab:

Kontoinhaberin: Ingrid Vogel
Neue IBAN: %s

Die bisherige IBAN %s bitte nicht mehr verwenden; das Konto wird zum 30.06.2024 aufgelöst.

Zur Zuordnung: Ich bin am 12. Januar 1955 geboren, meine Kundennummer lautet 0088 1274.
Bei Rückfragen erreichen Sie mich unter 0043 662 84 21 97 oder per E-Mail an ingrid.vogel@example.net.

Mit freundlichen Grüßen
Ingrid Vogel
""" % (_at, _de), [(I, _at), (I, _de), (D, "12. Januar 1955"), (P, "0043 662 84 21 97"),
                   (E, "ingrid.vogel@example.net")], True)

add("de", """
Buchungsbestätigung – AeroNord
Buchungscode: 7HXK2P

Flug AN 4417 Hamburg (HAM) – Palma de Mallorca (PMI)
Abflug: Sa, 20.07.2024, 06:55 Uhr · Ankunft: 09:30 Uhr
Sitzplätze 14A, 14B, 14C · Gepäck: 2 × 23 kg

Reisende 1: Frau Sophie Brandt, Geburtsdatum 1987-09-03
Reisender 2: Herr Nils Brandt, Geburtsdatum 1986-12-17
Reisende 3 (Kind): Mia Brandt, Geburtsdatum 2019-05-28

Kontakt: sophie.brandt@example.org · +49 40 8809 1724
Gesamtpreis: 612,48 € inkl. Steuern und Gebühren, bezahlt mit Mastercard **** 3318
""", [(D, "1987-09-03"), (D, "1986-12-17"), (D, "2019-05-28"),
      (E, "sophie.brandt@example.org"), (P, "+49 40 8809 1724")], True)

add("de", """
Chatverlauf – Kundenservice FunkFix · Vorgangsnummer 4000 1827 3365
[09:12] Kunde: Hallo, ich möchte meine Rufnummer auf die neue SIM-Karte übertragen.
[09:13] Jana (FunkFix): Gern! Um welche Rufnummer geht es?
[09:13] Kunde: 0157 38291047
[09:14] Jana (FunkFix): Danke. Zur Verifizierung brauche ich noch Ihr Geburtsdatum.
[09:14] Kunde: 3.2.84
[09:15] Jana (FunkFix): Passt. Die neue SIM hat die Kartennummer 8949 0200 0012 3456 781.
[09:16] Kunde: Und die Rechnung bitte ab jetzt an felix.hartmann+rechnung@example.com
[09:17] Jana (FunkFix): Erledigt. Die Portierung erfolgt am 14.06.2024 zwischen 06:00 und 08:00 Uhr.
""", [(P, "0157 38291047"), (D, "3.2.84"), (E, "felix.hartmann+rechnung@example.com")], True)

add("de", """
Notariat Dr. Friedrich Albers · Jungfernstieg 22 · 20354 Hamburg
Tel. 040 / 41 12 35-0 · albers@notariat-albers.example.com

UR-Nr. 1184/2024 A                                   Hamburg, den 09.04.2024

Entwurf – Kaufvertrag über das Grundstück Flurstück 417/3, Grundbuch von Eppendorf Blatt 8826

Erschienen sind:
1. Herr Werner Hagedorn, geboren am 24. Dezember 1949, wohnhaft Eppendorfer Weg 88, 20259 Hamburg,
2. Frau Dr. Claudia Rieck geb. Hagedorn, geboren am 2. Mai 1976, wohnhaft in Lübeck.

Der Kaufpreis beträgt 685.000,00 € und ist innerhalb von 14 Tagen nach Zugang der Fälligkeitsmitteilung zu zahlen.
""", [(P, "040 / 41 12 35-0"), (E, "albers@notariat-albers.example.com"),
      (D, "24. Dezember 1949"), (D, "2. Mai 1976")], True)

add("de", """
Lebenslauf

Persönliche Daten
Jonas Weber
geboren am 3. Mai 1996 in Kassel
Friedrich-Ebert-Str. 112, 34119 Kassel
Telefon: 0561 / 739 28 44
E-Mail: jonas.weber96@example.com
linkedin.com/in/jonas-weber-example

Berufserfahrung
09/2021 – heute     Junior Controller, Hessenwerk AG, Kassel
10/2016 – 08/2021   Studium der BWL (B.Sc.), Universität Kassel, Abschlussnote 1,7

Sprachen: Englisch (C1), Spanisch (B1)

Kassel, 18.03.2024
""", [(D, "3. Mai 1996"), (P, "0561 / 739 28 44"), (E, "jonas.weber96@example.com")], True)

add("de", """
Anmeldebestätigung – 12. Fachtag Pflege am 26.09.2024, Congress Center Leipzig

Teilnahmegebühr: 89,00 € (Frühbucherpreis bis 31.07.2024)
Rechnungsnummer: FT-24-1182 · Fortbildungspunkte: 6

Teilnehmerin: Petra Lange, Stationsleitung
Einrichtung: Klinikum Südstadt, Station 4b
E-Mail: p.lange@klinikum-suedstadt.example.org
Telefon (dienstlich): 0341 8621-4470

Workshop: W3 „Wundmanagement“, 13:30 Uhr, Raum 2.17
""", [(E, "p.lange@klinikum-suedstadt.example.org"), (P, "0341 8621-4470")], True)

add("de", """
Ihre Bestellung bei der Linden-Apotheke online
Bestellnummer 0171 2345 678 · Bestelldatum 22.05.2024

1 × Ibuprofen 400 mg, 20 Filmtabletten, PZN 01016144       3,95 €
2 × Meerwasser-Nasenspray, 20 ml, PZN 04870148   je 4,49 €  8,98 €
Versand: 0,00 € · Gesamtsumme: 12,93 € (inkl. 19 % MwSt.)

Sendungsnummer (DHL): 00340434161094042557
Lieferadresse: Hannelore Fischer, Bergstr. 5, 72070 Tübingen
Telefon für Rückfragen des Zustellers: 0160 9788 4412
""", [(P, "0160 9788 4412")], True)

_de = iban("DE")
add("de", """
Stadtwerke Musterau – Jahresabrechnung Strom 2023

Vertragskonto: 2100 4471 8830 · Zählernummer: 1ESY1160577112
Marktlokations-ID: 50412345678
Abrechnungszeitraum: 01.01.2023 – 31.12.2023
Verbrauch: 2.618 kWh · Arbeitspreis: 32,18 ct/kWh · Grundpreis: 11,90 €/Monat

Ihr Guthaben von 46,21 € erstatten wir auf die IBAN %s.
Neuer Abschlag: 78,00 € monatlich ab 15.02.2024

Kundin: Monika Jansen, Am Wall 4, 26122 Oldenburg
Fragen? Service-Hotline 0441 2345-600 (Mo–Fr 8–18 Uhr)
""" % _de, [(I, _de), (P, "0441 2345-600")], True)

add("de", """
Finanzamt Köln-Altstadt
Steuernummer: 214/5678/1234 · Aktenzeichen: St 12 – 4711/2024
Köln, 04.03.2024

Einkommensteuer 2022 – Anforderung von Unterlagen

Sehr geehrte Frau Schubert,

zur Bearbeitung Ihrer Einkommensteuererklärung 2022 bitten wir Sie, uns bis zum 05.04.2024 die Belege zu den geltend gemachten Handwerkerleistungen (1.380,00 €, davon 20 % = 276,00 € Steuerermäßigung) einzureichen.

Die Vorauszahlungen bleiben unverändert bei 1.140,00 € vierteljährlich (10.03., 10.06., 10.09., 10.12.).

Mit freundlichen Grüßen
Im Auftrag
Grimm, Zimmer 3.108, Telefon 0221 2026-1187
""", [(P, "0221 2026-1187")], True)

_c = card("mc", "space")
add("de", """
Betreff: Reservierung Nr. 55810 vom 18.–20.10. – Kreditkarte als Garantie

Guten Tag Frau Petersen,

vielen Dank für die Bestätigung. Als Garantie für die beiden Nächte nennen Sie bitte folgende Karte:

Karteninhaber: Markus Engel
Kartennummer: %s
gültig bis 09/27

Wir reisen voraussichtlich gegen 19 Uhr an. Falls etwas sein sollte: mobil unter +49 172 6093 114.

Viele Grüße
Markus Engel
""" % _c, [(C, _c), (P, "+49 172 6093 114")], True)

_de = iban("DE")
add("de", """
Erstattungsantrag Reisekosten
Bitte alle Felder in Druckbuchstaben ausfüllen.

Name: Tobias Kern · Personalnummer 004417
Dienstreise vom 11.03.2024 bis 13.03.2024 nach Dresden, Antrag Nr. DR-2024-0311
Erstattungsbetrag: 187,40 € (Bahnfahrt 2. Klasse 119,80 €, Übernachtung 67,60 €)

IBAN (22 Stellen, z. B. DE00 0000 0000 0000 0000 00): %s
E-Mail für Rückfragen: tobias.kern@example.com
""" % _de, [(I, _de), (E, "tobias.kern@example.com")], True)

_at = iban("AT")
add("de", """
Beitrittserklärung – Bergsportverein Nordkette, Innsbruck
Mitgliedsbeitrag 2024: 65,00 € (Jugend 35,00 €)

Vorname / Nachname: Lukas Gruber
Geb.-Datum: 17.07.2005
PLZ / Ort: 6020 Innsbruck
Tel.: +43 664 123 45 67
E-Mail: lukas.gruber@example.net

Ich ermächtige den Verein, den Jahresbeitrag von meinem Konto einzuziehen:
IBAN %s
Mitglied seit: 2024 · ZVR-Zahl 123456789
""" % _at, [(D, "17.07.2005"), (P, "+43 664 123 45 67"), (E, "lukas.gruber@example.net"), (I, _at)], True)

_ch = iban("CH")
add("de", """
Anmeldung Kindertagesstätte Sonnenblume, Zürich
Gewünschtes Eintrittsdatum: 01.09.2024 (3 Tage pro Woche: Mo, Di, Do)

Kind: Elena Meier, geb. 02.02.2022
Eltern: Andrea und Reto Meier-Frei, Seefeldstrasse 40, 8008 Zürich
Telefon: +41 44 123 45 67 · Natel: 079 123 45 68
E-Mail: meier-frei@example.org

Tarif: CHF 132.00 pro Tag, subventioniert gemäss Einkommensstufe 4
Zahlung per Lastschrift ab Konto IBAN %s
""" % _ch, [(D, "02.02.2022"), (P, "+41 44 123 45 67"), (P, "079 123 45 68"),
            (E, "meier-frei@example.org"), (I, _ch)], True)

add("de", """
Protokoll der Eigentümerversammlung vom 14.05.2024
WEG Lindenstraße 12–14, 53111 Bonn

Beginn 18:00 Uhr, Ende 20:15 Uhr; anwesend bzw. vertreten: 11 von 16 Eigentümern (68,75 % der Miteigentumsanteile)

TOP 1: Jahresabrechnung 2023 – einstimmig genehmigt (Gesamtkosten 48.312,77 €)
TOP 2: Erhaltungsrücklage – Zuführung 12.000 € p. a.
TOP 3: Angebot Nr. 2024-117 der Holzbau Kremer GmbH über 86.450,00 € brutto – vertagt

Nächste Versammlung voraussichtlich im 2. Quartal 2025.
""", [], True)

_kk = not_luhn(16, (4, 4, 4, 4), first="6")
add("de", """
BAUHOF Markt 0417 · Filiale Dortmund-Ost
Kassenbon Nr. 7712 · Kasse 03 · 11.05.2024 10:41

Akku-Bohrschrauber 18V   EAN 4006381333931     89,99
Spanplattenschrauben 4x40, 200 St.              6,49
SUMME EUR                                      96,48

Mastercard ************2281 · Terminal-ID 6048 1129 · Beleg 0387
Kundenkarte: %s · Punkte heute: 96
USt-IdNr. DE 811 234 567
""" % _kk, [], True)

add("de", """
Wir freuen uns riesig! Unsere Tochter Emma ist am 7. Oktober 2023 um 03:12 Uhr zur Welt gekommen – 3.480 g und 51 cm voller Glück.

Wer uns gratulieren möchte: familie.roth@example.com
Jana & Stefan Roth
""", [(D, "7. Oktober 2023"), (E, "familie.roth@example.com")], True)

_c = card("visa", "dash")
add("de", """
Hallo Sabine, kannst du die Ferienwohnung in Bansin für uns mitbuchen? Die wollen eine Kreditkarte, nimm einfach meine: %s, gültig bis 05/26. Prüfnummer schick ich dir per SMS. Danke dir!!
""" % _c, [(C, _c)], True)


# ============================== French =====================================

add("fr", """
Cabinet médical du Dr Élise Marchand – Fiche de renseignements patient

Nom : GIRAUD          Prénom : Hélène
Date de naissance : 23/07/1975
Adresse : 18, rue des Tanneurs, 69002 Lyon
Tél. portable : 06 72 18 44 90
Tél. fixe : 04.78.92.13.57
Courriel : helene.giraud@example.com
Mutuelle : contrat n° MU-558210
Médecin traitant déclaré : oui

Prochain rendez-vous : mardi 11 juin 2024 à 10 h 30
""", [(D, "23/07/1975"), (P, "06 72 18 44 90"), (P, "04.78.92.13.57"),
      (E, "helene.giraud@example.com")], True)

add("fr", """
Dossier de candidature – Location T2 meublé, 42 m², 75011 Paris
Loyer : 1 180 € charges comprises (dont 80 € de provisions) – Dépôt de garantie : 1 100 €
Référence de l'annonce : LOC-75011-0924

Candidat : M. Karim Benali
Né le 9 septembre 1993 à Marseille
Situation : CDI depuis le 01/03/2021, ingénieur chez Sillon Technologies (SIRET 812 345 678 00027)
Revenus nets mensuels : 3 450 €
Téléphone : +33 6 45 12 78 09
E-mail : karim.benali@example.com

Garante : Mme Nadia Benali (mère), née le 30/11/1966, tél. 04 91 55 20 38
""", [(D, "9 septembre 1993"), (P, "+33 6 45 12 78 09"), (E, "karim.benali@example.com"),
      (D, "30/11/1966"), (P, "04 91 55 20 38")], True)

add("fr", """
Collège Jean-Moulin – Dossier d'inscription en 6e – Année scolaire 2024-2025

Élève : Léa ROUSSEL
Née le : 1er avril 2013 à Nantes (44)
Langues : anglais LV1, allemand (classe bilangue)

Responsable légal 1 : Mme Julie Roussel – 06 11 82 37 45 – julie.roussel@example.org
Responsable légal 2 : M. Antoine Roussel – +33 (0)2 40 35 61 28

Régime : demi-pensionnaire, forfait 4 jours (3,85 € le repas)
Dossier à rendre au secrétariat avant le 28 juin 2024, 16 h.
""", [(D, "1er avril 2013"), (P, "06 11 82 37 45"), (E, "julie.roussel@example.org"),
      (P, "+33 (0)2 40 35 61 28")], True)

_fr = iban("FR")
add("fr", """
DÉCLARATION DE SINISTRE – ASSURANCE AUTOMOBILE
N° de contrat : AUTO-2023-0418827        N° de sinistre : 24S005517
Date et heure de l'accident : 14/03/2024 vers 8 h 15
Lieu : rond-point de la Liberté, 33000 Bordeaux

Conducteur : Vincent Lemaire
Date de naissance : 05.06.1982 – permis B obtenu le 12/09/2001
Téléphone : 05 56 48 27 19
Courriel : v.lemaire@example.net

Montant estimé des réparations : 2 340,00 € TTC (devis garage n° 1187)
Coordonnées bancaires pour l'indemnisation :
IBAN %s
""" % _fr, [(D, "05.06.1982"), (P, "05 56 48 27 19"), (E, "v.lemaire@example.net"), (I, _fr)], True)

_be = iban("BE")
add("fr", """
Contrat d'adhésion – Salle Énergie Forme, Liège
Formule : illimitée 12 mois – 34,90 €/mois – frais d'inscription 25 €
Début du contrat : 01/04/2024

Membre : Manon Dubois
Date de naissance : 16-02-2000
GSM : 0478 12 34 56
E-mail : Manon.Dubois@Example.com

Paiement par domiciliation européenne – IBAN : %s
Numéro d'entreprise du club : BE 0123.456.749
""" % _be, [(D, "16-02-2000"), (P, "0478 12 34 56"), (E, "Manon.Dubois@Example.com"), (I, _be)], True)

_fr = iban("FR", grouped=False)
add("fr", """
FACTURE N° F-2024-027
Date : 30 avril 2024 – Échéance : 30 mai 2024

Camille Perrin – Développeuse web indépendante
12 bis avenue Jean-Jaurès, 31000 Toulouse
SIRET 901 234 567 00015 – Code APE 6201Z
contact@camille-perrin.example.com – 07 68 23 41 05

Client : Atelier Garonne SARL, 8 quai de la Daurade, 31000 Toulouse

Refonte du site vitrine (v2.0) : 8 jours × 420 € = 3 360,00 €
Maintenance mai 2024 : 150,00 €
Total à payer : 3 510,00 € – TVA non applicable, art. 293 B du CGI

Règlement par virement : IBAN %s – BIC CCBPFRPPTLS
Pénalités de retard : 3 fois le taux d'intérêt légal ; indemnité forfaitaire de recouvrement 40 €.
""" % _fr, [(E, "contact@camille-perrin.example.com"), (P, "07 68 23 41 05"), (I, _fr)], True)

_fr = iban("FR")
add("fr", """
Objet : changement de coordonnées bancaires – dossier n° 2019-447-081

Madame, Monsieur,

Je vous informe que mes coordonnées bancaires ont changé. À compter du mois de juillet 2024, merci de verser mes indemnités sur le compte suivant :

Titulaire : Mme Françoise Lambert
IBAN : %s

Vous trouverez ci-joint un RIB. Pour faciliter l'identification de mon dossier, je précise que je suis née le 14 juillet 1959.

Je reste joignable au 01 43 27 88 16 ou par courriel : f.lambert59@example.com.

Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.
Françoise Lambert
""" % _fr, [(I, _fr), (D, "14 juillet 1959"), (P, "01 43 27 88 16"), (E, "f.lambert59@example.com")], True)

add("fr", """
Confirmation de votre réservation – Air Azur
Référence de réservation : QZ4T8L

Vol AZ 7312 Paris-Orly (ORY) → Nice (NCE)
Jeudi 8 août 2024 – départ 07 h 20, arrivée 08 h 45
Sièges 21A et 21B – Tarif Light, bagage cabine 12 kg

Passagère : Mme Chloé Fabre, née le 02/12/1990
Passager : Hugo Fabre (enfant), né le 18/05/2016
Contact : chloe.fabre@example.org – +33 7 81 44 90 26

Montant total : 248,60 €, payé par carte Visa se terminant par 7712
L'enregistrement en ligne ouvre 30 h avant le départ.
""", [(D, "02/12/1990"), (D, "18/05/2016"), (E, "chloe.fabre@example.org"),
      (P, "+33 7 81 44 90 26")], True)

_c = card("visa", "dash")
add("fr", """
Conversation avec le service client – ticket n° 2024-118-4402
Client : Bonjour, j'ai fait opposition sur ma carte mais je vois encore un prélèvement de 59,99 €.
Yanis (conseiller) : Bonjour ! Pouvez-vous m'indiquer le numéro de la carte concernée ?
Client : c'est la %s
Yanis (conseiller) : Merci. Et votre date de naissance pour vérification ?
Client : 27 févr. 1988
Yanis (conseiller) : Parfait. Le prélèvement vient de Streamo SAS (réf. mandat FR-88-1029). J'ouvre une contestation, réponse sous 10 jours ouvrés.
Client : ok, vous pouvez me rappeler au 06 03 91 27 64 si besoin
""" % _c, [(C, _c), (D, "27 févr. 1988"), (P, "06 03 91 27 64")], True)

add("fr", """
Maître Isabelle Caron, notaire
14, place du Marché – 67000 Strasbourg
Tél. 03 88 21 45 60 – office.caron@notaires.example.com
N/Réf. : IC/SD/2024-0871

Strasbourg, le 17 juin 2024

Objet : succession de M. Robert Schmitt, né le 3 août 1931 à Colmar, décédé le 2 mai 2024

Madame,

Dans le cadre du règlement de la succession citée en référence, je vous remercie de me faire parvenir avant le 15 juillet 2024 les relevés de comptes au jour du décès ainsi que le dernier avis de taxe foncière. Les frais provisionnels s'élèvent à 1 850 €.

Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.
""", [(P, "03 88 21 45 60"), (E, "office.caron@notaires.example.com"), (D, "3 août 1931")], True)

add("fr", """
Sarah MERCIER
Née le 12.10.1995 – Permis B
Rennes – Tél. 06 58 29 14 73 – sarah.mercier95@example.com

EXPÉRIENCE
2021–2024  Chargée de communication, Breizh Média (Rennes)
2019–2021  Assistante marketing, Coop Ouest (CDD)

FORMATION
2019  Master Communication des organisations, Université Rennes 2, mention bien

LANGUES  anglais C1 (TOEIC 945/990), espagnol B2
""", [(D, "12.10.1995"), (P, "06 58 29 14 73"), (E, "sarah.mercier95@example.com")], True)

add("fr", """
Inscription confirmée – Semi-marathon de Lille, dimanche 6 octobre 2024
Dossard n° 4417 – départ vague 3 à 9 h 40
Tarif : 32 € + 1,50 € de frais de service

Coureur : Thomas Vasseur
Né(e) le : 08/01/1979 – catégorie M2
Club : ASPTT Lille
Téléphone d'urgence : 03 20 57 14 92
E-mail : thomas.vasseur@example.net
Certificat médical daté du 12/02/2024 – valable jusqu'au 11/02/2025
""", [(D, "08/01/1979"), (P, "03 20 57 14 92"), (E, "thomas.vasseur@example.net")], True)

add("fr", """
PHARMACIE DU CENTRE
5 rue Nationale – 37000 Tours – Tél. 02 47 05 18 33
Ticket n° 004418 – 22/05/2024 17:26 – Caisse 2

Doliprane 1000 mg, 8 cp              2,18 €
Sérum physiologique, 30 unidoses     3,90 €
Part AMO 1,53 € – Part AMC 0,65 €
TOTAL TTC                            6,08 €

CB SANS CONTACT – carte ************3094
SIRET 412 345 678 00019 – Merci de votre visite
""", [(P, "02 47 05 18 33")], True)

add("fr", """
Votre facture d'électricité – Lumina Énergie
Facture n° 10 2847 5519 du 05/04/2024
Référence client : 6 0012 4471 88
Point de livraison (PDL) : 1428 7741 0093 52

Période : du 04/02/2024 au 03/04/2024 – consommation 412 kWh
Montant TTC : 98,74 €, prélevé le 20/04/2024

M. et Mme Poirier, 9 allée des Lilas, 45000 Orléans
Service client : 09 70 80 12 34 (appel non surtaxé), du lundi au vendredi de 8 h à 20 h
""", [(P, "09 70 80 12 34")], True)

add("fr", """
Madame, Monsieur,

Suite à votre courrier du 12 mars 2024 (réf. 2024-SIP-38-0917), je vous adresse ci-joint les justificatifs demandés concernant les frais réels déclarés pour 2023 : 3 412 € de frais kilométriques (barème 5 CV, 9 240 km) et 620 € de frais de repas.

Pour rappel : Nicolas Garnier, né le 19 janvier 1984 à Grenoble, 7 rue Lesdiguières, 38000 Grenoble.

Pour tout complément d'information : n.garnier@example.com ou 04 76 43 28 90.

Cordialement,
Nicolas Garnier
""", [(D, "19 janvier 1984"), (E, "n.garnier@example.com"), (P, "04 76 43 28 90")], True)

_ch = iban("CH")
add("fr", """
Caisse-maladie Léman Santé – Avis de changement
N° d'assuré(e) : 756-4412 (voir carte)

Assurée : Mme Nathalie Rochat
Née le : 07.03.1971
Nouvelle adresse dès le 1er juin 2024 : chemin des Vignes 4, 1260 Nyon
Téléphone : +41 22 345 67 89 – mobile 079 456 12 34
Courriel : nathalie.rochat@example.net

Remboursements à verser désormais sur : %s
Prime mensuelle inchangée : CHF 412.50 (franchise CHF 1'500)
""" % _ch, [(D, "07.03.1971"), (P, "+41 22 345 67 89"), (P, "079 456 12 34"),
            (E, "nathalie.rochat@example.net"), (I, _ch)], True)

_cmd = not_luhn(16, (4, 4, 4, 4))
_badfr = bad_iban("FR")
add("fr", """
Bon de commande n° %s – 03/06/2024
Mobilier Bureau Pro SAS – RCS Lyon B 498 765 432 – TVA FR 32 498765432

Fauteuil ergonomique « Atlas » (réf. 30-118-4)   2 × 289,00 €   578,00 €
Livraison et montage                                           49,00 €
Total HT 627,00 € – TVA 20 %% 125,40 € – Total TTC 752,40 €

Livraison prévue semaine 24, suivi Colissimo 6A18273645901
Modèle d'IBAN figurant sur nos conditions générales (à ne pas utiliser) : %s
""" % (_cmd, _badfr), [], True)

_c = card("visa", "plain")
add("fr", """
Coucou Marion ! Tu peux réserver le gîte pour le week-end du 14 ? Prends ma carte : %s, expiration 03/26, le cryptogramme je te le donne au téléphone. Ils demandent aussi une date de naissance pour l'assurance annulation, la mienne c'est le 21/06/87. Bisous
""" % _c, [(C, _c), (D, "21/06/87")], True)

add("fr", """
Fiche d'inscription – École de football AS Val-de-Loire, saison 2024-2025

Joueur : Enzo Marchal, né le 3 mars 2015 – catégorie U10
Taille de maillot : 10-12 ans
Responsable : M. David Marchal
Portable : 07 12 45 78 90 – Domicile : 02 54 78 21 09
E-mail : <david.marchal@example.net>

Cotisation : 185 € (payable en 3 fois) – entraînements mercredi 14 h – 15 h 30
""", [(D, "3 mars 2015"), (P, "07 12 45 78 90"), (P, "02 54 78 21 09"),
      (E, "david.marchal@example.net")], True)

add("fr", """
Bonjour,

Je n'ai toujours pas reçu ma commande n° 20240518-0711 passée le 18 mai (montant : 84,90 €). Le suivi indique « en cours d'acheminement » depuis dix jours.

Merci de me recontacter à mailto:lucie.bernard-petit@example.org ou au 0033 6 98 76 54 32 (je suis actuellement en Espagne).

Lucie Bernard-Petit
""", [(E, "lucie.bernard-petit@example.org"), (P, "0033 6 98 76 54 32")], True)

add("fr", """
Compte rendu – conseil syndical du 22 avril 2024

Présents : 5 membres sur 7.
1. Ravalement de façade : devis n° 2024-0311 retenu, 48 600 € TTC, travaux du 2 septembre au 15 novembre.
2. Contrat d'entretien de l'ascenseur renouvelé jusqu'au 31/12/2026 (augmentation de 3,2 %).
3. Prochaine assemblée générale : jeudi 13 juin 2024 à 18 h 30, salle polyvalente.
""", [], True)


# ============================== Spanish ====================================

add("es", """
Clínica Dental Sonrisa – Ficha de primera visita

Nombre y apellidos: María José Ortega Ruiz
Fecha de nacimiento: 12/05/1983
Domicilio: C/ Alcalá 214, 3.º B, 28028 Madrid
Teléfono móvil: 612 489 307
Teléfono fijo: 91 356 27 48
Correo electrónico: mjortega@example.com
¿Alergias conocidas? Penicilina

Próxima cita: 18/06/2024 a las 17:30 h, gabinete 2
""", [(D, "12/05/1983"), (P, "612 489 307"), (P, "91 356 27 48"), (E, "mjortega@example.com")], True)

add("es", """
Solicitud de arrendamiento – Piso en C/ Colón 15, 46004 Valencia
Renta mensual: 950 € · Fianza: una mensualidad · Ref. inmueble: VAL-0415

Solicitante: D. Javier Molina Serrano
Nacido el 22 de agosto de 1988 en Albacete
Profesión: enfermero, contrato indefinido desde 2016
Ingresos netos: 2.150 €/mes
Teléfono de contacto: +34 655 317 290
E-mail: javi.molina88@example.com

Avalista: Dña. Pilar Serrano Cano, fecha de nacimiento 03-11-1960, tel. 967 21 44 85
""", [(D, "22 de agosto de 1988"), (P, "+34 655 317 290"), (E, "javi.molina88@example.com"),
      (D, "03-11-1960"), (P, "967 21 44 85")], True)

add("es", """
Solicitud de matrícula – CEIP Miguel Hernández – Curso 2024/2025

Datos del alumno
Nombre: Daniel Vega López
Fecha de nacimiento: 9 de febrero de 2017
Curso que solicita: 2.º de Educación Primaria

Datos de la familia
Madre/tutora: Laura López Gil – 678 452 109 – laura.lopez.gil@example.org
Padre/tutor: Sergio Vega Martín – 699 318 276

Comedor escolar: sí (4 días) · Aula matinal: no
Plazo de presentación: del 1 al 19 de abril de 2024
""", [(D, "9 de febrero de 2017"), (P, "678 452 109"), (E, "laura.lopez.gil@example.org"),
      (P, "699 318 276")], True)

_es = iban("ES")
add("es", """
Comunicación de siniestro – Seguro de hogar
N.º de póliza: 0087-4412-559 · N.º de expediente: SIN/2024/018273
Fecha del siniestro: 03/03/2024

Tomador: Antonio Castillo Prieto
F. nac.: 15-10-1970
Dirección del riesgo: Avda. de la Constitución 42, 41001 Sevilla
Teléfono: 954 22 18 37 · Móvil: +34 611 204 589
Email: antonio.castillo@example.net

Descripción: rotura de tubería en la cocina; daños en suelo y mueble bajo.
Importe estimado: 1.870,00 €
Cuenta para el abono de la indemnización: %s
""" % _es, [(D, "15-10-1970"), (P, "954 22 18 37"), (P, "+34 611 204 589"),
            (E, "antonio.castillo@example.net"), (I, _es)], True)

_es = iban("ES", grouped=False)
add("es", """
ALTA DE SOCIO – Gimnasio Atlántico, A Coruña
N.º de socio: 18832 · Cuota: 39,90 €/mes · Matrícula: 0 € (promoción válida hasta el 31/01)

Nombre: Lucía Fernández Pardo
Fecha de nacimiento: 1999-07-04
Móvil: 0034 622 198 340
Email: lucia.fp+gym@example.com

Domiciliación bancaria – IBAN: %s
Firma y fecha: 08/01/2024
""" % _es, [(D, "1999-07-04"), (P, "0034 622 198 340"), (E, "lucia.fp+gym@example.com"), (I, _es)], True)

_es = iban("ES")
add("es", """
FACTURA N.º 2024/058
Fecha de expedición: 2 de mayo de 2024

Emisor: Raúl Domínguez Bravo – Fotografía
C/ Mayor 8, 50001 Zaragoza · Tel. 976 30 41 28 · raul@domfoto.example.com

Cliente: Eventos Ebro S.L. – CIF B50123456
Reportaje de boda 27/04/2024 (8 h)                 1.200,00 €
Álbum 30×30, 40 páginas                              180,00 €
Base imponible 1.380,00 € · IVA 21 %% 289,80 € · Retención IRPF 15 %% −207,00 €
TOTAL 1.462,80 €

Forma de pago: transferencia a la cuenta %s
""" % _es, [(P, "976 30 41 28"), (E, "raul@domfoto.example.com"), (I, _es)], True)

_es = iban("ES")
add("es", """
Estimado administrador:

Le comunico que, a partir del recibo de junio de 2024, las cuotas de la comunidad correspondientes al piso 4.º A (coeficiente 3,25 %%) deberán cargarse en mi nueva cuenta:

%s

La cuenta anterior, terminada en 4471, quedará cancelada el 31 de mayo.

Un saludo,
Carmen Ibáñez
Tel. 985 24 71 63 · carmen.ibanez@example.com
""" % _es, [(I, _es), (P, "985 24 71 63"), (E, "carmen.ibanez@example.com")], True)

add("es", """
Confirmación de reserva – Vuelos Meseta
Localizador: 8KXQ2T

Vuelo VM 2218 Madrid (MAD) – Tenerife Norte (TFN)
14/08/2024 · salida 10:05 · llegada 11:55 (hora local)
Asientos 17E y 17F · Tarifa Basic · 1 maleta facturada de 20 kg

Pasajero 1: Sr. Alberto Núñez Ramos – Fecha de nacimiento: 30/04/1979
Pasajero 2: Sra. Elena Ruiz Campos – Fecha de nacimiento: 11/09/1981
Descuento de residente aplicado (75 %)

Contacto: +34 922 41 87 06 · elena.ruiz.campos@example.org
Importe total: 87,40 €
""", [(D, "30/04/1979"), (D, "11/09/1981"), (P, "+34 922 41 87 06"),
      (E, "elena.ruiz.campos@example.org")], True)

_c = card("amex", "space")
add("es", """
Chat con Atención al Cliente – Caso #CAS-55817
11:02 Nerea (agente): ¡Hola! ¿En qué puedo ayudarte?
11:03 Cliente: hola, me han cobrado dos veces el pedido 403-2287156-118
11:03 Nerea (agente): Vaya, lo siento. ¿Me confirmas el correo de tu cuenta?
11:04 Cliente: pablo.serrano_m@example.com
11:05 Nerea (agente): Gracias. ¿Y los últimos dígitos de la tarjeta?
11:05 Cliente: te paso la tarjeta entera, es la %s
11:06 Nerea (agente): No hacía falta el número completo, pero ya lo veo. Te devolvemos 64,95 € en 3-5 días hábiles.
""" % _c, [(E, "pablo.serrano_m@example.com"), (C, _c)], True)

add("es", """
NOTARÍA DE D. FERNANDO AGUIRRE SALAS – Bilbao
Protocolo n.º 1.284/2024
En Bilbao, a 12 de marzo de 2024.

COMPARECEN

De una parte, DOÑA AINHOA ETXEBERRIA GOÑI, nacida el día 4 de julio de 1968, vecina de Getxo, con domicilio en calle Mayor 12, 3.º izquierda.

Y de otra, DON IKER ZUBIRI LASA, nacido el 21 de noviembre de 1972, vecino de Bilbao.

Precio de la compraventa: DOSCIENTOS CUARENTA Y CINCO MIL EUROS (245.000 €).

Consultas: notaria.aguirre@example.com · 944 15 62 30
""", [(D, "4 de julio de 1968"), (D, "21 de noviembre de 1972"),
      (E, "notaria.aguirre@example.com"), (P, "944 15 62 30")], True)

add("es", """
CURRÍCULUM VITAE

Marta Gil Herrero
Fecha de nacimiento: 17 de enero de 1997
C/ San Vicente 33, 46002 Valencia
Teléfono: (+34) 634 871 205
Email: MartaGilHerrero@example.com

Experiencia
2020–actualidad  Técnica de laboratorio, Biolab Levante S.A.
Idiomas: inglés C1 (Cambridge Advanced, 2019), valenciano C2
""", [(D, "17 de enero de 1997"), (P, "(+34) 634 871 205"), (E, "MartaGilHerrero@example.com")], True)

add("es", """
Inscripción confirmada – Congreso Nacional de Enfermería 2024
Sevilla, 23–25 de octubre · Palacio de Congresos
N.º de inscripción: CNE24-00718 · Cuota: 295 € (socios: 220 €)

Congresista: Rocío Márquez Delgado
Centro de trabajo: Hospital Universitario Virgen del Rocío
Correo: rocio.marquez@example.org
Teléfono: 955 01 23 48

Comunicación aceptada: póster P-117 (sesión del 24/10 a las 16:30)
""", [(E, "rocio.marquez@example.org"), (P, "955 01 23 48")], True)

add("es", """
FARMACIA LDA. BEATRIZ SANZ
C/ Real 5, 28400 Collado Villalba · Tel. 918 50 12 34
Ticket 2-004417 · 15/05/2024 12:08

Paracetamol 1 g, 20 comprimidos          2,50
Crema solar SPF 50, 200 ml              14,95
TOTAL                                   17,45 € (IVA incluido)

Pago con tarjeta ************5521 · Aut. 482017
¡Gracias por su visita!
""", [(P, "918 50 12 34")], True)

add("es", """
Factura de electricidad – Energía Sur
N.º de factura: FE24-0012887745 · Fecha de emisión: 07/05/2024
Periodo de facturación: 03/04/2024 – 02/05/2024
Código CUPS: ES0031405512347788QJ0F

Potencia contratada: 4,6 kW · Consumo: 238 kWh
Total a pagar: 71,36 € (cargo en cuenta el 22/05/2024)
Titular: Francisco Romero Díaz

Averías, 24 horas: 900 123 456
""", [(P, "900 123 456")], True)

_ref = not_luhn(15, (5, 5, 5))
add("es", """
Buenos días:

En relación con el requerimiento recibido el 4 de abril (referencia %s), adjunto las facturas de las obras de mejora de eficiencia energética de la vivienda habitual (deducción del 40 %%, base 7.500 €) y el certificado energético con fecha 12/01/2023.

Contribuyente: José Luis Moreno Sáez, nacido el 8 de octubre de 1964.

Quedamos a su disposición.
Gestoría Aranda – tel. 947 20 18 55 – gestoria.aranda@example.com
""" % _ref, [(D, "8 de octubre de 1964"), (P, "947 20 18 55"), (E, "gestoria.aranda@example.com")], True)

add("es", """
Solicitud de departamento – Col. Roma Norte, Ciudad de México
Renta: $14,500 MXN mensuales · Depósito: 1 mes · Folio: CDMX-RN-2207

Solicitante: Valeria Hernández Ortiz
Fecha de nacimiento: 2 de diciembre de 1990
Celular: +52 55 4817 2093
Teléfono de oficina: 55 5208 1147
Correo: valeria.hdz@example.com
Ingresos comprobables: $42,000 MXN
""", [(D, "2 de diciembre de 1990"), (P, "+52 55 4817 2093"), (P, "55 5208 1147"),
      (E, "valeria.hdz@example.com")], True)

add("es", """
Hola Martín! Ya hablé con el del seguro, me dijo que te llame al +54 9 11 2345-6789 para cerrar la póliza. Le pasé tu mail (martin.acosta@example.com) y tu fecha de nacimiento, 14/03/1986, así que en un rato te llega la propuesta.
""", [(P, "+54 9 11 2345-6789"), (E, "martin.acosta@example.com"), (D, "14/03/1986")], False)

add("es", """
Acta de la reunión de la Junta de Propietarios – 15 de abril de 2024

Asistentes: 14 de 20 propietarios (72,4 % de las cuotas).
1. Se aprueba el presupuesto de 2024: 38.400 € (derrama extraordinaria de 120 € por vivienda).
2. Se acepta la oferta n.º 2024-031 para la reparación del ascensor por 6.215,00 € + IVA.
3. La próxima junta se celebrará el 14 de octubre de 2024 a las 19:30 en el portal.
""", [], True)

_c = card("mc", "plain")
add("es", """
Asunto: Reserva casa rural 2–4 de agosto

Hola Inés:

Confirmamos la reserva para 4 adultos y 2 niños. Para la señal (30 %%, 156 €) podéis cargar esta tarjeta: %s, caducidad 12/27, titular Jorge Peña Lozano.

Mi hija pequeña tiene alergia al gluten; nació el 23 de mayo de 2019, por si lo necesitáis para el seguro de viaje.

Gracias,
Jorge – 646 208 117
""" % _c, [(C, _c), (D, "23 de mayo de 2019"), (P, "646 208 117")], True)

_es = iban("ES")
add("es", """
Solicitud de beca de comedor – Curso 2024/25
N.º de solicitud: BC-2024-11827 (presentar antes del 30 de junio)

Alumna: Aitana Gómez Serrano, nacida el 14/03/2014
Centro: CEIP Los Almendros, 4.º B
Persona solicitante: Beatriz Serrano Ruiz
Teléfono: 664 381 920 · Correo electrónico: bea.serrano@example.net
Renta de la unidad familiar (2022): 18.240 €
Cuenta para el ingreso de la ayuda: %s
""" % _es, [(D, "14/03/2014"), (P, "664 381 920"), (E, "bea.serrano@example.net"), (I, _es)], True)

_ped = not_luhn(16, (4, 4, 4, 4))
add("es", """
¡Tu pedido está en camino!
N.º de pedido: %s · Fecha del pedido: 09/06/2024
Transportista: Correos Express · N.º de envío 3230018827441900
Entrega estimada: martes 11/06, entre las 9:00 y las 14:00

2 × Cartucho de tinta XL (EAN 8412345678905)   29,90 €
Gastos de envío                                 0,00 €
Total (IVA incl.)                              29,90 €

Formato de IBAN que aparece en tu perfil como ejemplo: ES00 0000 0000 0000 0000 0000
""" % _ped, [], True)


# ============================== Dutch ======================================

add("nl", """
Huisartsenpraktijk De Linde – Inschrijfformulier nieuwe patiënt

Achternaam: de Vries          Voornaam: Sanne
Geboortedatum: 12-03-1985
Adres: Prinsengracht 412-II, 1016 JK Amsterdam
Mobiel: 06-41873925
E-mail: sanne.devries@example.com
Zorgverzekeraar: (kopie pas bijgevoegd)
Vorige huisarts: dr. Bakker, Haarlem, tel. 023 531 44 82

Kennismakingsgesprek: 17-06-2024 om 11.15 uur
""", [(D, "12-03-1985"), (P, "06-41873925"), (E, "sanne.devries@example.com"),
      (P, "023 531 44 82")], True)

add("nl", """
Inschrijving huurwoning – Woningcorporatie Rivierstad
Woning: Vondelstraat 17, 3512 EA Utrecht
Kale huur € 879,50 · servicekosten € 42,00 · referentienummer 2024-UTR-0415

Hoofdhuurder: Bram Jansen, geboren op 3 maart 1994
Medehuurder: Fleur Jansen-Smit, geboortedatum 21-10-1995
Bruto jaarinkomen huishouden: € 71.400
Telefoon: +31 6 2847 1935
E-mail: bram.jansen@example.org
Gewenste ingangsdatum: 1 juli 2024
""", [(D, "3 maart 1994"), (D, "21-10-1995"), (P, "+31 6 2847 1935"), (E, "bram.jansen@example.org")], True)

add("nl", """
Aanmeldformulier basisschool De Regenboog – schooljaar 2024-2025

Leerling: Noah Peters, geb. 05-06-2020, start in groep 1
Ouder/verzorger 1: Lisa Peters – 06 1284 7390 – lisa.peters@example.net
Ouder/verzorger 2: Mark Peters – 010 - 412 37 68 (werk)

Eerste schooldag: maandag 2 september 2024
Vrijwillige ouderbijdrage: € 45 per schooljaar
""", [(D, "05-06-2020"), (P, "06 1284 7390"), (E, "lisa.peters@example.net"), (P, "010 - 412 37 68")], True)

_nl = iban("NL", bank="RABO")
add("nl", """
Schadeformulier reisverzekering
Polisnummer: RV-2023-558102
Schadedatum: 17 augustus 2023 – Málaga (Spanje)

Verzekerde: Jeroen Mulder
Geboortedatum: 1978-02-14
Telefoon: +31 30 234 5678
E-mail: j.mulder@example.com

Omschrijving: camera gestolen uit huurauto (aangifte lokale politie, nr. 2023/ML/44817)
Aankoopbedrag camera € 1.149,00 (aankoopdatum 12-11-2022); eigen risico huurauto € 300
Uitbetalen op rekening: %s t.n.v. J. Mulder
""" % _nl, [(D, "1978-02-14"), (P, "+31 30 234 5678"), (E, "j.mulder@example.com"), (I, _nl)], True)

_nl = iban("NL", grouped=False, bank="INGB")
add("nl", """
Lidmaatschapsovereenkomst – FitFabriek Eindhoven
Abonnement: All-in, € 32,99 per 4 weken · inschrijfkosten € 19,95
Startdatum: 15-01-2024 · opzegtermijn 1 maand

Lid: Emma van Dijk
Geboortedatum: 28 jan. 2002
Mobiel: 06-47120389
E-mail: emma.vandijk@example.com

Machtiging doorlopende SEPA-incasso
Incassant-ID: NL98ZZZ999999999999 · kenmerk machtiging: FF-EHV-20931
IBAN: %s
""" % _nl, [(D, "28 jan. 2002"), (P, "06-47120389"), (E, "emma.vandijk@example.com"), (I, _nl)], True)

_nl = iban("NL", bank="ABNA")
add("nl", """
FACTUUR
Factuurnummer: 2024-019 · Factuurdatum: 29 februari 2024 · Vervaldatum: 30 maart 2024

Tim Bosman – Bosman Tekst & Redactie
Kerkstraat 8, 5211 KH 's-Hertogenbosch
KvK 81234567 · btw-id NL004512398B47
tim@bosmantekst.example.com · 06 4127 8830

Aan: Uitgeverij De Brug B.V., t.a.v. crediteurenadministratie
Redactie jaarverslag 2023: 22 uur à € 68,00 = € 1.496,00
Btw 21 %%: € 314,16 · Totaal: € 1.810,16

Graag binnen 30 dagen overmaken op %s t.n.v. T. Bosman, o.v.v. het factuurnummer.
""" % _nl, [(E, "tim@bosmantekst.example.com"), (P, "06 4127 8830"), (I, _nl)], True)

_be = iban("BE")
add("nl", """
Aan het Pensioenfonds Metaal & Techniek
Dossiernummer: 7710-2286

Gent, 3 juni 2024

Betreft: wijziging rekeningnummer

Geachte heer, mevrouw,

Graag deel ik u mee dat mijn pensioen vanaf juli 2024 gestort mag worden op het volgende rekeningnummer: %s (Belfius).

Ter identificatie: ik ben Hendrik Claes, geboren op 11 november 1952 te Aalst, en woon sinds 2019 in de Kortrijksesteenweg 118, 9000 Gent.

U kunt mij bereiken op +32 9 233 45 67 of op mijn gsm 0475 81 29 36.

Met vriendelijke groeten,
Hendrik Claes
""" % _be, [(I, _be), (D, "11 november 1952"), (P, "+32 9 233 45 67"), (P, "0475 81 29 36")], True)

add("nl", """
Boekingsbevestiging – Tulpair
Boekingsnummer: X7L2QH

Vlucht TP 1183 Amsterdam (AMS) – Lissabon (LIS)
vrijdag 6 september 2024 · vertrek 07:40 · aankomst 09:55
Stoelen 9D en 9E · handbagage 10 kg

Passagier: dhr. Ruben Visser, geboortedatum 07/10/1983
Passagier: mevr. Anouk Visser-de Groot, geboortedatum 19/03/1986
Contactgegevens: anouk.visser@example.com · +31 (0)6 1837 4420

Totaalprijs: € 356,18
""", [(D, "07/10/1983"), (D, "19/03/1986"), (E, "anouk.visser@example.com"),
      (P, "+31 (0)6 1837 4420")], True)

add("nl", """
Chatgesprek klantenservice Zonnestroom Energie – ticket 88213047
Daan (Zonnestroom): Goedemiddag! Waarmee kan ik je helpen?
Klant: hoi, ik ben verhuisd en wil mijn contract meenemen. klantnummer 4417 2290
Daan (Zonnestroom): Prima. Wat is je nieuwe adres?
Klant: Dorpsstraat 24, 7241 AB Lochem, per 1 mei
Daan (Zonnestroom): En je geboortedatum ter controle?
Klant: 2 okt 1979
Daan (Zonnestroom): Dank je. Op welk nummer kan de monteur je bereiken?
Klant: 0573 25 81 46 of mobiel 06 5318 2207
Daan (Zonnestroom): Genoteerd. De meteropname staat gepland op 03-05 tussen 08:00 en 12:00.
""", [(D, "2 okt 1979"), (P, "0573 25 81 46"), (P, "06 5318 2207")], True)

add("nl", """
Notariskantoor Van den Berg & Kuipers
Dossiernummer: 2024.0318/HK

Den Haag, 22 april 2024

Betreft: levering appartementsrecht Laan van Meerdervoort 212-C

Geachte heer Smits,

Hierbij bevestigen wij de afspraak voor het passeren van de akte op donderdag 16 mei 2024 om 14.30 uur. Volgens onze gegevens bent u geboren op 30 juni 1961 te Leiden; wilt u een geldig identiteitsbewijs meenemen?

De koopsom bedraagt € 412.500,-. De nota van afrekening ontvangt u uiterlijk 13 mei.

Met vriendelijke groet,
mr. H. Kuipers
h.kuipers@notariskantoor.example.com · 070 - 345 67 89
""", [(D, "30 juni 1961"), (E, "h.kuipers@notariskantoor.example.com"), (P, "070 - 345 67 89")], True)

add("nl", """
Geachte mevrouw Hendriks,

Met veel enthousiasme reageer ik op de vacature Junior Accountmanager (vacaturenummer 24-0117). Na mijn hbo-opleiding Commerciële Economie heb ik twee jaar bij een groothandel in Rotterdam gewerkt, waar ik een portefeuille van 40 klanten beheerde.

Mijn cv vindt u in de bijlage. Ik ben bereikbaar via 06-23918475 of m.elkaddouri@example.com.

Met vriendelijke groet,
Mohamed El Kaddouri
(geboren 14 augustus 1998)
""", [(P, "06-23918475"), (E, "m.elkaddouri@example.com"), (D, "14 augustus 1998")], True)

add("nl", """
Aanmelding rondleiding Open Monumentendag
zaterdag 14 september 2024, 11.00 uur – Oldehove, Leeuwarden
Aantal personen: 4 · toegang gratis · reserveringscode OMD-2024-4417

Naam: Gerrit Hoekstra
E-mail: G.Hoekstra@Example.net
Telefoon: 058 213 97 40
Opmerking: één deelnemer gebruikt een rolstoel
""", [(E, "G.Hoekstra@Example.net"), (P, "058 213 97 40")], True)

add("nl", """
Apotheek Centrum
Grote Markt 3, 9711 LV Groningen – tel. 050 312 44 17

Bonnummer 2024-118830 · 11-06-2024 15:22
Paracetamol 500 mg, 50 st.      € 2,49
Vitamine D3 25 mcg              € 6,95
Totaal                          € 9,44  (btw 9 %: € 0,78)

Betaald met pin – kaart ****4418
""", [(P, "050 312 44 17")], True)

_nl = iban("NL", bank="TRIO")
add("nl", """
Jaarafrekening energie 2023 – Zonnestroom Energie
Klantnummer: 5500 4471 2290
EAN-code elektriciteit: 871687400001234567
Periode: 01-01-2023 t/m 31-12-2023

Verbruik normaal 1.842 kWh, dal 1.207 kWh · teruglevering 2.310 kWh
Te ontvangen: € 184,22 – wordt binnen 14 dagen teruggestort op %s
Nieuw termijnbedrag: € 95,00 per maand vanaf 01-02-2024
""" % _nl, [(I, _nl)], True)

add("nl", """
Aan: Belastingdienst
Betreft: bezwaar voorlopige aanslag inkomstenbelasting 2024, kenmerk 2024-IB-77120
Datum: 8 maart 2024

Geachte heer, mevrouw,

Hierbij maak ik bezwaar tegen de voorlopige aanslag 2024, omdat de hypotheekrente (€ 8.420) niet is meegenomen.

Naam: Petra Smulders
Geboortedatum: 9 mei 1972
Telefoon: 040 - 246 18 73
E-mail: petra.smulders@example.com

Met vriendelijke groet,
P. Smulders
""", [(D, "9 mei 1972"), (P, "040 - 246 18 73"), (E, "petra.smulders@example.com")], True)

add("nl", """
Notulen ledenvergadering VvE Het Baken – 23 mei 2024
Aanwezig: 19 van de 28 leden (quorum bereikt).

1. Jaarrekening 2023 goedgekeurd: uitgaven € 61.207,45, reservefonds € 148.300.
2. Offerte 2024-0412 voor schilderwerk (€ 27.950 incl. btw) aangenomen; uitvoering week 36 t/m 39.
3. Servicekosten per 1 juli 2024 met 4,5 % verhoogd.
Volgende vergadering: november 2024.
""", [], True)

_c = card("visa", "plain")
add("nl", """
Beste mevrouw Wouters,

Bedankt voor de snelle reactie. U kunt de aanbetaling van € 150 voor de vergaderzaal op 27 september afschrijven van mijn creditcard: %s, vervaldatum 04/26, t.n.v. L.M. Sanders.

Mocht er iets niet lukken, bel me gerust op 06 2953 1840.

Met vriendelijke groet,
Lotte Sanders
""" % _c, [(C, _c), (P, "06 2953 1840")], True)

_best = not_luhn(16, (4, 4, 4, 4))
add("nl", """
Bedankt voor je bestelling!
Bestelnummer: %s · besteldatum 04-06-2024
Verzonden met PostNL, track & trace 3SABCD1234567
Verwachte levering: donderdag tussen 13:30 en 16:00

1 × Regenjas "Noorderzon", maat L (artikelnr. 840-2217)   € 89,95
Kortingscode ZOMER10                                      − € 9,00
Totaal                                                   € 80,95

Voorbeeld rekeningnummer bij retourbetaling: NL00 BANK 0123 4567 89
""" % _best, [], True)

add("nl", """
Inschrijving kinderopvang 't Kikkertje
Kind: Lieke Janssens, geb. 17-9-2021
Gewenste dagen: maandag en donderdag, vanaf 01-10-2024
Uurtarief: € 9,98 · LRK-nummer 123456789

Ouder: Sofie Janssens
Telefoon: 0031 6 4820 1937
E-mail: sofie.janssens@example.org
""", [(D, "17-9-2021"), (P, "0031 6 4820 1937"), (E, "sofie.janssens@example.org")], True)

_c = card("mc", "dash")
add("nl", "Hé Joris, wil jij de festivalkaartjes bestellen? Gebruik mijn mastercard maar: %s, geldig t/m 11/25. Mijn geboortedatum is 2 juni 1999 trouwens, dat vragen ze bij de leeftijdscheck." % _c,
    [(C, _c), (D, "2 juni 1999")], True)


# ============================== Italian ====================================

add("it", """
Studio Medico Dott.ssa Giulia Ferri – Scheda anagrafica paziente

Cognome: Esposito        Nome: Marco
Data di nascita: 14/06/1971
Luogo di nascita: Napoli (NA)
Residenza: Via Toledo 256, 80134 Napoli
Cellulare: 338 491 2076
Telefono fisso: 081 552 1437
E-mail: marco.esposito71@example.com
Esenzione ticket: no

Prossima visita: 03/07/2024 ore 16:00
""", [(D, "14/06/1971"), (P, "338 491 2076"), (P, "081 552 1437"), (E, "marco.esposito71@example.com")], True)

add("it", """
Richiesta di locazione – appartamento in Via Po 18, 10123 Torino
Canone mensile: € 780,00 + spese condominiali € 65,00 · Deposito cauzionale: 3 mensilità
Rif. annuncio: TO-2024-117

Richiedente: Francesca Bianchi, nata a Cuneo il 21 settembre 1990
Occupazione: impiegata a tempo indeterminato presso Alpina Servizi S.r.l. (P. IVA 09876543210)
Reddito netto mensile: € 1.920
Recapito telefonico: +39 347 812 6630
E-mail: francesca.bianchi@example.org
""", [(D, "21 settembre 1990"), (P, "+39 347 812 6630"), (E, "francesca.bianchi@example.org")], True)

add("it", """
Domanda di iscrizione alla scuola primaria – a.s. 2024/2025
Istituto Comprensivo "G. Rodari" – plesso di via Manzoni

Alunna: Sofia Romano
Data di nascita: 5 gennaio 2018
Tempo scuola richiesto: 40 ore settimanali (tempo pieno)

Genitore 1: Alessandra Conti – 333 218 4497 – a.conti@example.net
Genitore 2: Davide Romano – 02 4819 3372 (ufficio)

Scadenza presentazione domande: 10 febbraio 2024, ore 20:00
""", [(D, "5 gennaio 2018"), (P, "333 218 4497"), (E, "a.conti@example.net"), (P, "02 4819 3372")], True)

_it = iban("IT")
add("it", """
Denuncia di sinistro RC Auto
Polizza n. 2023/RCA/0448127 · Numero sinistro: 24-0011827
Data del sinistro: 09/02/2024, ore 18:40 · Luogo: Via Emilia Est, Modena

Contraente e conducente: Stefano Galli, nato il 02/08/1965
Telefono: 059 21 44 736
Cell.: +39 349 702 1183
E-mail: stefano.galli@example.com

Danni stimati: € 1.250,00 (preventivo carrozzeria n. 317)
IBAN per il rimborso: %s
""" % _it, [(D, "02/08/1965"), (P, "059 21 44 736"), (P, "+39 349 702 1183"),
            (E, "stefano.galli@example.com"), (I, _it)], True)

_c = card("mc", "space")
add("it", """
Modulo di iscrizione – Palestra Olympia, Bologna
Abbonamento: annuale open € 420,00 (oppure 12 rate da € 38,00)
Quota associativa: € 30,00 – valida fino al 31/08/2025

Socia: Giorgia Marchetti
Data di nascita: 23-11-1996
Cellulare: 0039 340 551 8873
E-mail: giorgia.marchetti@example.com
Certificato medico sportivo: consegnato, scadenza 15/01/2025

Addebito mensile delle rate sulla carta n. %s
""" % _c, [(D, "23-11-1996"), (P, "0039 340 551 8873"), (E, "giorgia.marchetti@example.com"), (C, _c)], True)

_it = iban("IT")
add("it", """
FATTURA n. 14/2024 del 31/05/2024

Luca Moretti – Consulente informatico
Via Garibaldi 45, 16124 Genova
P. IVA 02345670991 – Regime forfettario
Tel. 010 246 8135 – luca.moretti@morettiit.example.com

Cliente: Ligure Trasporti S.p.A., P. IVA 01234560107, codice destinatario M5UXCR1
Manutenzione server, 12 ore × € 55,00               € 660,00
Rivalsa INPS 4 %%                                     € 26,40
Totale documento                                    € 686,40
Imposta di bollo assolta sull'originale             € 2,00

Pagamento: bonifico entro 30 gg su %s intestato a Luca Moretti
""" % _it, [(P, "010 246 8135"), (E, "luca.moretti@morettiit.example.com"), (I, _it)], True)

_it = iban("IT", grouped=False)
add("it", """
Spett.le Condominio Le Magnolie
c/o Studio Amministrazioni Rinaldi

Oggetto: variazione coordinate bancarie per l'addebito delle rate condominiali (interno 7, millesimi 42,5)

Con la presente comunico che, a partire dalla rata di luglio 2024, il nuovo IBAN su cui addebitare le rate è il seguente:
%s

Il vecchio conto verrà chiuso il 30/06/2024.

Distinti saluti
Paola Greco
Tel. 06 5829 3364 – paola.greco@example.com
""" % _it, [(I, _it), (P, "06 5829 3364"), (E, "paola.greco@example.com")], True)

add("it", """
Conferma di prenotazione – ItalJet
Codice prenotazione (PNR): MT7Q2K

Volo IJ 1452 Roma Fiumicino (FCO) → Catania (CTA)
12 agosto 2024 · partenza 06:35 · arrivo 07:50
Posti 23B e 23C · bagaglio a mano 8 kg

Passeggero: Sig. Antonio Russo – data di nascita 17/03/1958
Passeggera: Sig.ra Maria Russo – data di nascita 02/09/1960
Contatto: antonio.russo58@example.net · +39 06 4471 2285

Totale pagato: € 189,98 con Visa •••• 6027
""", [(D, "17/03/1958"), (D, "02/09/1960"), (E, "antonio.russo58@example.net"),
      (P, "+39 06 4471 2285")], True)

_c = card("visa", "plain")
add("it", """
Assistenza clienti – chat n. 2024061188
Chiara (operatrice): Buongiorno, come posso aiutarla?
Cliente: buongiorno, devo aggiornare la carta dell'abbonamento, quella vecchia è scaduta
Chiara (operatrice): Certo. Mi indica il numero della nuova carta?
Cliente: %s scadenza 10/28
Chiara (operatrice): Grazie. Per verifica, mi conferma la data di nascita dell'intestatario?
Cliente: 4 aprile '83
Chiara (operatrice): Perfetto, il prossimo addebito di € 12,99 avverrà il 01/07.
""" % _c, [(C, _c), (D, "4 aprile '83")], True)

add("it", """
Studio Notarile Dott. Alberto Ferraris
Piazza Castello 3, 20121 Milano
Rep. n. 45.118 – Racc. n. 12.207

Milano, 8 aprile 2024

Oggetto: compravendita immobile in Milano, via Solari 12 – foglio 472, mappale 118, sub. 9

Gentile Sig.ra Colombo,

le confermo la stipula dell'atto per il giorno 23 aprile 2024 alle ore 11:00. Dai documenti ricevuti risulta che lei è nata a Monza il 28 febbraio 1974; la prego di portare un documento d'identità in corso di validità.

Prezzo: € 318.000,00; caparra confirmatoria già versata: € 30.000,00.

Per comunicazioni: segreteria@notaioferraris.example.com – tel. 02 8645 1190
""", [(D, "28 febbraio 1974"), (E, "segreteria@notaioferraris.example.com"), (P, "02 8645 1190")], True)

add("it", """
CURRICULUM VITAE – Elena Ricci
Nata il 1° maggio 1994 a Firenze
Recapiti: +39 328 441 0297 · elena.ricci94@example.com

Esperienza
2019–oggi  Architetto junior, Studio Arno Progetti, Firenze

Istruzione
2018  Laurea magistrale in Architettura, Università di Firenze, 110/110 e lode

Lingue: inglese C1, francese B2
Autorizzo il trattamento dei dati personali ai sensi del Reg. UE 2016/679.
""", [(D, "1° maggio 1994"), (P, "+39 328 441 0297"), (E, "elena.ricci94@example.com")], True)

add("it", """
Conferma iscrizione – Festival della Scienza, laboratorio "Robot in classe"
Sabato 26 ottobre 2024, ore 15:30 – Aula 2.04, Palazzo Ducale, Genova
Codice iscrizione: FDS24-0887 · Quota: € 8,00 a studente (ridotto)

Docente referente: Prof. Matteo De Luca, I.C. Sampierdarena
E-mail: m.deluca@example.org · Cell. 347 20 19 884
Partecipanti: 22 studenti (classe 2ª B)
""", [(E, "m.deluca@example.org"), (P, "347 20 19 884")], True)

add("it", """
FARMACIA SAN MARCO
Via Roma 12, 35122 Padova – Tel. 049 875 2213
Documento commerciale n. 0417-0088 del 14/05/2024 ore 09:47

TACHIPIRINA 500 MG 20 CPR          € 5,10
ASPIRINA C 10 CPR EFFERV.          € 7,90
TOTALE COMPLESSIVO                 € 13,00
di cui IVA 10 %                    € 1,18

Pagamento elettronico – carta ****1142
""", [(P, "049 875 2213")], True)

_it = iban("IT")
add("it", """
Bolletta luce – Energia Chiara S.p.A.
Bolletta n. 24/0088173 del 10/05/2024 · Codice cliente: 7041 2287
POD: IT001E41827713
Periodo: marzo – aprile 2024 · Consumi fatturati: 412 kWh

Totale da pagare: € 112,47 entro il 30/05/2024
Intestatario: Giuseppe Lombardi, Via Verdi 7, 70121 Bari
Pagamento: addebito diretto SEPA su IBAN %s
Servizio clienti: numero verde 800 123 456
""" % _it, [(I, _it), (P, "800 123 456")], True)

add("it", """
Spett.le Agenzia delle Entrate – Direzione Provinciale di Verona

Oggetto: risposta alla comunicazione prot. n. 2024/118273 relativa alla dichiarazione dei redditi 2022

Io sottoscritto Roberto Fontana, nato a Verona il 19/12/1967, residente in Via Mazzini 22, 37121 Verona, allego le ricevute delle spese mediche sostenute nel 2022 (detrazione del 19 %, totale € 2.314,50) e chiedo l'annullamento della sanzione di € 139,00.

Recapiti: 045 803 2716 – roberto.fontana@example.com

Verona, 20 maggio 2024
""", [(D, "19/12/1967"), (P, "045 803 2716"), (E, "roberto.fontana@example.com")], True)

_ch = iban("CH")
add("it", """
Iscrizione – Scuola di musica Ceresio, Lugano
Corso: pianoforte, 30 minuti settimanali, CHF 1'150.– per semestre

Allieva: Chiara Bernasconi, nata il 07.10.1989
Telefono: +41 91 923 45 18 · Natel: 076 381 22 07
E-mail: chiara.bernasconi@example.net
Pagamento mediante addebito diretto su %s
""" % _ch, [(D, "07.10.1989"), (P, "+41 91 923 45 18"), (P, "076 381 22 07"),
            (E, "chiara.bernasconi@example.net"), (I, _ch)], True)

add("it", """
Verbale dell'assemblea condominiale del 18 marzo 2024 – Condominio Via Dante 8, Parma

Presenti 12 condomini su 18, per 702,5 millesimi.
1. Approvato il consuntivo 2023 (spese € 24.118,60).
2. Approvato il preventivo per il rifacimento del tetto, offerta n. 2024/031 di € 41.900,00 + IVA 10 %.
3. Termine per il versamento della prima rata: 30 aprile 2024.
L'assemblea si chiude alle ore 21:15.
""", [], True)

_c = card("amex", "plain")
add("it", """
Ciao Fede! Mi prenoti tu l'agriturismo per il ponte? Usa pure la mia Amex, %s, scade 07/27. Se chiedono la data di nascita per il check-in online è 11/02/1991. Grazie mille!!
""" % _c, [(C, _c), (D, "11/02/1991")], True)

_ord = not_luhn(16, (4, 4, 4, 4))
add("it", """
Grazie per il tuo ordine!
Ordine n. %s del 06/06/2024
Spedizione con BRT, codice di tracciamento 068241100112345
Consegna prevista: 10–12 giugno

1 × Moka 6 tazze (EAN 8001234567890)       € 32,90
Spese di spedizione                         € 4,90
Totale                                     € 37,80

Per i rimborsi indica un IBAN nel formato IT00 X000 0000 0000 0000 0000 000 nella tua area personale.
""" % _ord, [], True)

add("it", """
Modulo iscrizione centro estivo "Estate Ragazzi 2024"
Periodo: dal 17 giugno al 26 luglio · quota settimanale € 95,00

Bambino: Tommaso Greco, nato il 12.7.2016
Genitore: Silvia Pellegrini
Cellulare: 340 882 1570 · E-mail: silvia.pellegrini@example.org
Allergie / intolleranze: nessuna
""", [(D, "12.7.2016"), (P, "340 882 1570"), (E, "silvia.pellegrini@example.org")], True)

add("it", "Ho cambiato numero! Il nuovo è +39 351 204 7789, salvatelo. Quello vecchio lo disattivo venerdì.",
    [(P, "+39 351 204 7789")], False)


# ============================== Portuguese =================================

_pt = iban("PT")
add("pt", """
Ficha de inscrição – Ginásio Tejo Fit, Lisboa
Plano: mensal livre trânsito, 34,90 € · joia de inscrição 20 € (isenta até 31/03)

Nome: Inês Carvalho Duarte
Data de nascimento: 14/09/1992
Telemóvel: +351 912 874 305
E-mail: ines.duarte@example.com
Débito direto – IBAN: %s
""" % _pt, [(D, "14/09/1992"), (P, "+351 912 874 305"), (E, "ines.duarte@example.com"), (I, _pt)], True)

_c = card("visa", "space")
add("pt", """
Atendimento online – protocolo 20240611-88127
Atendente (Bruna): Olá! Como posso ajudar?
Cliente: oi, quero cadastrar um cartão novo pra assinatura
Atendente (Bruna): Claro. Qual o número do cartão?
Cliente: %s validade 09/29
Atendente (Bruna): Obrigada. Para confirmar, qual sua data de nascimento?
Cliente: nasci em 3 de março de 1985
Atendente (Bruna): Perfeito. Algum telefone para contato?
Cliente: (11) 98765-4321
""" % _c, [(C, _c), (D, "3 de março de 1985"), (P, "(11) 98765-4321")], True)

_pt = iban("PT")
add("pt", """
FATURA N.º FT 2024/031 · Data: 15/05/2024 · Vencimento: 14/06/2024

Rui Almeida – Tradução e Revisão
Rua de Santa Catarina 210, 4000-447 Porto
Tel. 22 123 4567 · rui.almeida@example.net

Cliente: Douro Vinhos, Lda. – NIF 509876543
Tradução de catálogo (PT>EN), 6.200 palavras × 0,09 € = 558,00 €
IVA 23 %%: 128,34 € · Total: 686,34 €
Pagamento por transferência para %s
""" % _pt, [(P, "22 123 4567"), (E, "rui.almeida@example.net"), (I, _pt)], True)

add("pt", """
Encomenda n.º 100-2287-4417 confirmada
Data da encomenda: 02/06/2024 · Entrega prevista: 05/06/2024
Transportadora: CTT Expresso, n.º de objeto EA123456789PT

1 × Auscultadores sem fios (EAN 5601234567891)   59,99 €
Portes                                             0,00 €
Total (IVA incluído)                              59,99 €
""", [], True)

_pt = iban("PT")
add("pt", """
Exmos. Senhores,

Venho por este meio solicitar a alteração da conta bancária associada à minha pensão (processo n.º 2018/7741) para o IBAN %s.

Para identificação: Maria da Conceição Ferreira, nascida em 22/07/1949, residente em Coimbra.

Contacto: 239 482 117 · mconceicao.ferreira@example.org

Com os melhores cumprimentos,
Maria da Conceição Ferreira
""" % _pt, [(I, _pt), (D, "22/07/1949"), (P, "239 482 117"), (E, "mconceicao.ferreira@example.org")], True)



_se, _dk, _no = iban("SE"), iban("DK", grouped=False), iban("NO")
_lu, _cz, _gr = iban("LU"), iban("CZ"), iban("GR", grouped=False)
add("en", """
CONFIDENTIAL - Overseas payroll: bank details received for the June run
Batch ref: PAY-2024-06 | Value date: 25/06/2024 | Paying account BIC: DEUTDEFF

Erik Lindqvist (Stockholm)        %s
Mette Nielsen (Copenhagen)        %s
Ola Hansen (Oslo)                 %s
Claire Weber (Luxembourg)         %s
Petr Novak (Prague)               %s
Eleni Papadopoulou (Athens)       %s

Still missing: R. Costa (Lisbon) - chased by email on 18/06.
""" % (_se, _dk, _no, _lu, _cz, _gr), [(I, _se), (I, _dk), (I, _no), (I, _lu), (I, _cz), (I, _gr)], True)


# ============================== More card payments =========================

_old = card("visa", "space")
_new = card("visa", "space")
add("en", """
Hi there,

My bank replaced my card after a fraud alert, so please stop using the old one (%s) for my subscription and switch to the new one: %s.

Thanks,
Jane Abernathy
""" % (_old, _new), [(C, _old), (C, _new)], False)

_c = card("mc", "dash")
add("en", """
PHONE ORDER - taken by Kev, 10:15, Tue 4 June
Customer: Mr Alan Brightwell, 9 Sandpiper Way, Whitby YO21 3QP
Tel: 01632 960 418
Items: 2 x walking boots (size 9, SKU WB-2208), 1 x gaiters. Total GBP 187.50 incl. delivery
Card: %s  exp 12/25  (CVV given verbally, not written down)
""" % _c, [(P, "01632 960 418"), (C, _c)], True)

_c = card("amex", "plain")
add("en", """
From: Nadia Karimi <nadia.karimi@example.com>
Subject: Lisbon trip - passenger details

Hi Tom, here's everything for the tickets:

Nadia Karimi, born 17 October 1987
Reza Karimi, born 2 April 1985

Please put it all on my Amex: %s (exp 06/27). Thanks so much!
""" % _c, [(E, "nadia.karimi@example.com"), (D, "17 October 1987"), (D, "2 April 1985"), (C, _c)], True)

_c = card("amex", "space")
add("de", """
Online-Reservierung – Hotel Seeblick, Konstanz
Reservierungsnummer: SB-240817-22 · Anreise 17.08.2024 · Abreise 19.08.2024
Doppelzimmer Seeseite, 2 Nächte à 164,00 € inkl. Frühstück

Gast: Dr. Henrike Baumann
E-Mail: h.baumann@example.org
Telefon: +49 7531 918 204
Kreditkarte zur Garantie: American Express, %s, gültig bis 03/26
Kostenfreie Stornierung bis 48 Stunden vor Anreise.
""" % _c, [(E, "h.baumann@example.org"), (P, "+49 7531 918 204"), (C, _c)], True)

_c = card("visa", "plain")
add("de", """
Liebe Frau Aksoy,

anbei wie besprochen die Daten für die Buchung der Gruppenreise. Bitte belasten Sie die Anzahlung meiner Visa-Karte %s.

Teilnehmer: Gerda Brunner, geb. 14.06.1948, und Horst Brunner, geb. 30.11.1946.

Herzliche Grüße
Gerda Brunner
""" % _c, [(C, _c), (D, "14.06.1948"), (D, "30.11.1946")], False)

_c = card("mc", "space")
add("fr", """
Formulaire de réservation – Hôtel des Remparts, Carcassonne
Arrivée : 12/07/2024 – Départ : 15/07/2024 – Chambre double, 3 nuits à 128 €
Réservation n° HR-24-1877

Nom : Mme Audrey Lefèvre
Téléphone : 06 24 81 37 59
Carte Mastercard n° %s – expire fin 08/26
""" % _c, [(P, "06 24 81 37 59"), (C, _c)], True)

_c = card("amex", "dash")
add("fr", """
Salut Julien, pour le séminaire tu peux payer le traiteur avec la carte de la boîte : %s. Le code de sécurité est au dos, je te l'envoie séparément. Merci !
""" % _c, [(C, _c)], False)

_c = card("visa", "space")
add("es", """
Formulario de donación – Fundación Manos Abiertas
Quiero colaborar con: 20 € al mes

Nombre: Alejandro Ruiz Ferrer
Fecha de nacimiento: 26/08/1975
Correo electrónico: alejandro.ruiz.ferrer@example.org
Tarjeta: %s · Caducidad: 10/27
Desgravación: sí (hasta el 80 %% de los primeros 250 €)
""" % _c, [(D, "26/08/1975"), (E, "alejandro.ruiz.ferrer@example.org"), (C, _c)], True)

_c = card("mc", "plain")
add("es", """
Oye Clara, ¿me compras tú las entradas del concierto? Usa mi tarjeta, %s, caduca en 04/28. Luego te hago un Bizum.
""" % _c, [(C, _c)], True)

_c = card("amex", "space")
add("nl", """
Reisbureau Zonnig Zuid – reserveringsformulier
Reis: rondreis Andalusië, 8 dagen, vertrek 19 oktober 2024 · reisnummer ZZ-AND-1019
Reissom: 2 × € 1.245,00 · toeslag eenpersoonskamer n.v.t.

Hoofdboeker: Willem de Boer, geboortedatum 05-04-1958
Medereiziger: Ria de Boer-Kramer, geboortedatum 22-12-1960
Telefoon: 0513 62 47 19
Betaling aanbetaling (15 %%) met American Express: %s
""" % _c, [(D, "05-04-1958"), (D, "22-12-1960"), (P, "0513 62 47 19"), (C, _c)], True)

_c = card("mc", "dash")
add("it", """
Modulo di prenotazione – Hotel Belvedere, Taormina
Prenotazione n. 5521 · arrivo 02/09/2024 · partenza 06/09/2024
Camera doppia vista mare, 4 notti a € 145,00

Ospite: Dott. Lorenzo Ferri
Telefono: 091 611 8840
E-mail: lorenzo.ferri@example.com
Carta di credito a garanzia: %s (scad. 01/27)
""" % _c, [(P, "091 611 8840"), (E, "lorenzo.ferri@example.com"), (C, _c)], True)

_c = card("visa", "dash")
add("it", """
Buongiorno, vorrei rinnovare l'abbonamento al quotidiano. Potete addebitare la mia carta %s? Mi chiamo Anna Giordano e sono nata il 9 novembre 1962.
""" % _c, [(C, _c), (D, "9 novembre 1962")], False)


# --------------------------------------------------------------------------
# Checks and output
# --------------------------------------------------------------------------
_RUN = re.compile(r"\d(?:[ \-]?\d)*")
_IBANISH = re.compile(r"\b([A-Z]{2})(\d{2})((?: ?[A-Z0-9]){10,32})")


def _check(lang, text, spans):
    assert lang in LANGS, lang
    intervals = []
    for cat, value in spans:
        assert cat in CATEGORIES, (cat, value)
        assert value and value == value.strip(), (cat, repr(value))
        n = text.count(value)
        assert n == 1, "%r occurs %d times in: %s" % (value, n, text[:80])
        start = text.index(value)
        intervals.append((start, start + len(value), cat, value))
        compact = re.sub(r"[ \-]", "", value)
        if cat == "iban":
            assert iban_is_valid(compact), value
        elif cat == "credit_card":
            assert compact.isdigit() and luhn_ok(compact), value
            assert (len(compact) == 16 and compact[0] in "45" + "2") or \
                   (len(compact) == 15 and compact[:2] in ("34", "37")), value
        elif cat == "email":
            assert re.fullmatch(r"[^\s@<>()]+@[A-Za-z0-9.\-]+\.[A-Za-z]+", value), value
            assert re.search(r"(?i)example\.(com|org|net)$", value), value
        elif cat == "phone":
            assert value[0] in "+(0123456789" and value[-1].isdigit(), value
    intervals.sort()
    for a, b in zip(intervals, intervals[1:]):
        assert a[1] <= b[0], "overlap: %r / %r" % (a[3], b[3])

    def covered(pos, cat):
        return any(s <= pos < e and c == cat for s, e, c, _ in intervals)

    # No unlabelled 15/16-digit number may pass Luhn ...
    for m in _RUN.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) in (15, 16) and luhn_ok(digits) and not covered(m.start(), "credit_card"):
            raise AssertionError("unlabelled Luhn-valid number %r" % m.group())
    # ... and no unlabelled IBAN-shaped string may have valid check digits.
    for m in _IBANISH.finditer(text):
        country = m.group(1)
        if country not in IBAN_FORMATS:
            continue
        compact = m.group().replace(" ", "")
        length = IBAN_FORMATS[country][0]
        if len(compact) >= length and _iban_number(compact[:length]) % 97 == 1 \
                and not covered(m.start(), "iban"):
            raise AssertionError("unlabelled valid IBAN %r" % m.group())


def main():
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pii_final.jsonl")
    texts = set()
    per_cat = Counter()
    per_lang_cat = defaultdict(Counter)
    docs_per_lang = Counter()
    look = 0
    empty = 0
    multi = 0
    with open(out_path, "w", encoding="utf-8", newline="\n") as fh:
        for lang, text, spans, has_look in DOCS:
            _check(lang, text, spans)
            assert text not in texts, text[:60]
            texts.add(text)
            fh.write(json.dumps({"text": text, "lang": lang,
                                 "spans": [{"category": c, "value": v} for c, v in spans]},
                                ensure_ascii=False) + "\n")
            docs_per_lang[lang] += 1
            look += bool(has_look)
            empty += not spans
            multi += len(spans) > 1
            for c, _ in spans:
                per_cat[c] += 1
                per_lang_cat[lang][c] += 1

    n = len(DOCS)
    print("wrote %d texts to %s" % (n, out_path))
    header = "%-5s %5s " % ("lang", "texts") + " ".join("%13s" % c for c in CATEGORIES)
    print(header)
    for lang in LANGS:
        if docs_per_lang[lang]:
            print("%-5s %5d " % (lang, docs_per_lang[lang])
                  + " ".join("%13d" % per_lang_cat[lang][c] for c in CATEGORIES))
    print("%-5s %5d " % ("all", n) + " ".join("%13d" % per_cat[c] for c in CATEGORIES))
    print("texts with look-alikes: %d / %d; with no spans: %d; with 2+ spans: %d; "
          "multi-line: %d" % (look, n, empty, multi, sum("\n" in t for _, t, _, _ in DOCS)))

    # Requirements of the set itself.
    assert n >= 120
    for lang in ("en", "de", "fr", "es", "nl", "it"):
        assert docs_per_lang[lang] >= 15, lang
    for c in CATEGORIES:
        assert per_cat[c] >= 25, c
    assert look * 2 >= n
    return 0


if __name__ == "__main__":
    sys.exit(main())
