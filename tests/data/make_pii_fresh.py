"""Generate ``tests/data/pii_fresh.jsonl`` -- a fresh, held-out labelled test set
for the personal-data redactor.

What this is
------------
123 short documents of the kinds people actually send through a desktop
redactor: visa applications, hospital discharge letters, tenancy agreements,
payroll slips, wedding invitations, alumni newsletters, parish records, sports
club registrations, car rental agreements, customs declarations, marketplace
chats, obituaries, genealogy notes, press releases and e-mail threads with
signatures.  They are in English, German, French, Spanish, Dutch and Italian.

Each output line is one JSON object::

    {"text": "...", "lang": "en", "spans": [{"category": "...", "value": "..."}]}

Categories: ``email``, ``phone``, ``iban``, ``credit_card``, ``date_of_birth``.
``value`` is an exact substring of ``text``; each value occurs exactly once in
its text and spans never overlap (both checked below).  For dates of birth only
the date itself is labelled (not "born on", "geb. am", "DOB", ...).  Every phone
and fax number is labelled, private or corporate, from its first "+", "00", "("
or digit to its last digit.

Many texts also contain look-alikes that must NOT be labelled: dates of death,
wedding, appointment and due dates, founding years, order/invoice/booking/
contract/customer numbers (some grouped like phone numbers), amounts, times,
postcodes, VAT/company/tax numbers, ISBN/EAN, IBAN-shaped strings with bad
check digits or placeholder zeros, 15/16-digit numbers that fail the Luhn check,
tracking and flight numbers, versions, percentages, BICs and URLs.  In the
source below they are written as ``<<...>>`` (the markers are removed from the
output); labelled spans are written as ``[[category:value]]``.

Independence
------------
The texts were written from how such documents read in real life, without
looking at the redactor's patterns, rules or its other test data, and without
running the redactor.  This set is used only to report held-out precision and
recall figures; do not tune rules against it (if you do, it stops being
held-out and a new set should be written).

All people, companies and numbers are fictitious.  E-mail domains use
example.com / example.org / example.net; UK numbers use Ofcom's drama ranges and
US numbers the 555-01xx range where possible.  IBANs are generated here with
correct ISO 13616 mod-97 check digits and the right length per country; card
numbers get valid Luhn check digits; look-alikes are computed to fail.

Regenerate
----------
    python tests/data/make_pii_fresh.py

The random seed is fixed, so the output is byte-for-byte reproducible.
Standard library only.
"""

import json
import os
import random
import re
import sys
from collections import Counter

R = random.Random(20240917)

CATEGORIES = {"email", "phone", "iban", "credit_card", "date_of_birth"}
LANGS = ("en", "de", "fr", "es", "nl", "it")

# ---------------------------------------------------------------------------
# IBAN (ISO 13616, mod 97-10)
# ---------------------------------------------------------------------------

IBAN_LEN = {"DE": 22, "AT": 20, "CH": 21, "FR": 27, "BE": 16, "ES": 24,
            "NL": 18, "IT": 27, "GB": 22, "IE": 22, "LU": 20, "PT": 25}


def _d(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def _to_digits(s):
    # A=10 ... Z=35, digits unchanged
    return "".join(str(int(ch, 36)) for ch in s)


def iban_valid(s):
    s = s.replace(" ", "")
    if len(s) < 5 or IBAN_LEN.get(s[:2]) != len(s):
        return False
    return int(_to_digits(s[4:] + s[:4])) % 97 == 1


def _check_digits(cc, bban):
    r = int(_to_digits(bban + cc + "00")) % 97
    return "%02d" % (98 - r)


def _fr_bban():
    bank, branch, acct = _d(5), _d(5), _d(11)
    key = 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97)
    return bank + branch + acct + "%02d" % key


def _es_bban():
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

    def dc(digits10):
        c = 11 - sum(int(a) * b for a, b in zip(digits10, w)) % 11
        return {11: 0, 10: 1}.get(c, c)
    bank, branch, acct = _d(4), _d(4), _d(10)
    return bank + branch + "%d%d" % (dc("00" + bank + branch), dc(acct)) + acct


def _be_bban():
    first = _d(10)
    c = int(first) % 97 or 97
    return first + "%02d" % c


BBAN = {
    "DE": lambda: _d(18),
    "AT": lambda: _d(16),
    "CH": lambda: _d(17),
    "FR": _fr_bban,
    "BE": _be_bban,
    "ES": _es_bban,
    "NL": lambda: R.choice(["ZWLB", "HLDB", "MRKB", "VLKB", "DUNB"]) + _d(10),
    "IT": lambda: R.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + _d(10) + _d(12),
    "GB": lambda: R.choice(["NWSP", "HRBR", "LNDB", "WSXB"]) + _d(14),
    "IE": lambda: "KLBK" + _d(14),
    "LU": lambda: _d(16),
    "PT": lambda: _d(21),
}

_seen_values = set()


def _fresh(gen):
    for _ in range(100):
        v = gen()
        if v not in _seen_values:
            _seen_values.add(v)
            return v
    raise RuntimeError("could not generate a fresh value")


def _group4(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def _iban_compact(cc):
    def gen():
        bban = BBAN[cc]()
        s = cc + _check_digits(cc, bban) + bban
        assert len(s) == IBAN_LEN[cc], (cc, s)
        assert iban_valid(s), s
        return s
    return _fresh(gen)


def ib(cc):
    """Valid IBAN, printed in groups of four."""
    return _group4(_iban_compact(cc))


def ibc(cc):
    """Valid IBAN, electronic (no spaces) form."""
    return _iban_compact(cc)


def ibad(cc, grouped=True):
    """IBAN-shaped string with WRONG check digits (look-alike)."""
    s = _iban_compact(cc)
    cd = int(s[2:4])
    for delta in (11, 23, 37, 5):
        bad = s[:2] + "%02d" % ((cd + delta) % 100) + s[4:]
        if not iban_valid(bad):
            break
    assert not iban_valid(bad), bad
    return _group4(bad) if grouped else bad


# ---------------------------------------------------------------------------
# Payment cards (Luhn)
# ---------------------------------------------------------------------------

def luhn_valid(num):
    digits = [int(c) for c in num if c.isdigit()]
    total = 0
    for i, dgt in enumerate(reversed(digits)):
        if i % 2 == 1:
            dgt *= 2
            if dgt > 9:
                dgt -= 9
        total += dgt
    return total % 10 == 0


def _luhn_complete(prefix, length):
    body = prefix + _d(length - len(prefix) - 1)
    for c in "0123456789":
        if luhn_valid(body + c):
            return body + c
    raise AssertionError


def _fmt_card(n, sep):
    if len(n) == 15:
        parts = [n[:4], n[4:10], n[10:]]
    else:
        parts = [n[i:i + 4] for i in range(0, 16, 4)]
    return sep.join(parts)


def _card(prefixes, length, sep):
    def gen():
        return _luhn_complete(R.choice(prefixes), length)
    n = _fresh(gen)
    assert luhn_valid(n)
    return _fmt_card(n, sep)


def visa(sep=" "):
    return _card(["4"], 16, sep)


def mc(sep=" "):
    return _card(["51", "52", "53", "54", "55", "2221", "2306", "2720"], 16, sep)


def amex(sep=" "):
    return _card(["34", "37"], 15, sep)


def nonluhn(length=16, sep=" ", prefix=None):
    """15/16-digit number that FAILS the Luhn check (look-alike)."""
    def gen():
        p = prefix if prefix is not None else R.choice("123456789")
        n = _luhn_complete(p, length)
        return n[:-1] + str((int(n[-1]) + R.choice([1, 3, 5, 7])) % 10)
    n = _fresh(gen)
    assert not luhn_valid(n), n
    return _fmt_card(n, sep)


# ---------------------------------------------------------------------------
# Documents.  [[category:value]] = labelled span, <<...>> = look-alike.
# ---------------------------------------------------------------------------

DOCS = []


def doc(lang, text):
    DOCS.append((lang, text.strip("\n")))


# =============================== ENGLISH ===================================

doc("en", f"""
UK Standard Visitor visa - application summary
Application reference: <<GWF071234567>>
Applicant: Tomasz Wisniewski
Date of birth: [[date_of_birth:14/07/1988]]
Contact telephone: [[phone:+48 512 345 678]]
Email: [[email:t.wisniewski@example.com]]
Intended date of arrival: <<03/09/2024>>   Length of stay: 14 days
Visa fee: <<£115.00>>, paid by card [[credit_card:{visa()}]] (payment receipt <<7731 0042 9917>>)
""")

doc("en", """
Northgate General Hospital - Discharge Summary        Ref: <<DS/2024/004417>>
Patient: Mrs Margaret Ellison     DOB: [[date_of_birth:02-Nov-1947]]
Admitted: <<28/02/2024>>     Discharged: <<06/03/2024>>     Ward 7B

Diagnosis: closed fracture of the left distal radius following a fall at home.
Treatment: manipulation under anaesthesia and cast. Paracetamol <<1 g>> QDS as required.
Follow-up: fracture clinic on <<19 March 2024 at 10:30>>. Ward 7B can be reached on
[[phone:0161 496 0732]] if there are any concerns before then.

cc: Dr A. Patel, Moorside Surgery (fax [[phone:0161 496 0999]])
""")

doc("en", f"""
ASSURED SHORTHOLD TENANCY AGREEMENT

This agreement is made on <<1 August 2024>> between Harbourside Lettings Ltd
(company no. <<09876543>>, VAT reg. <<GB 293 8841 07>>) ("the Landlord") and
Mr Daniel Okafor, born [[date_of_birth:23 January 1995]] ("the Tenant").

Property: Flat 4, 18 Marlowe Road, Leeds <<LS6 2QT>>
Term: 12 months from <<1 September 2024>>
Rent: <<£875.00>> per calendar month, payable in advance on the 1st of each month by
standing order to [[iban:{ib('GB')}]].
Deposit: <<£1,009.61>>, protected under certificate <<DPS 4471 2209 8813>>.
Holding deposit of <<£201.92>> already taken from the Tenant's card ending <<4471>>.

Tenant's telephone: [[phone:07700 900417]]   E-mail: [[email:dan.okafor93@example.net]]
""")

doc("en", f"""
BRIGHTWELL FOODS LTD - PAYSLIP
Period 06 (September 2024)          Pay date: <<27/09/2024>>
Employee: Priya Raman               Employee no.: <<004418>>
Date of birth: [[date_of_birth:1991-04-17]]         Tax code: <<1257L>>

Basic salary          <<3,412.50>>
Income tax            <<  472.20>>
National Insurance    <<  201.04>>
Pension (<<5%>>)        <<  170.63>>
NET PAY               <<£2,568.63>>

Paid to: [[iban:{ib('GB')}]]
Payroll queries: [[email:payroll@brightwell-foods.example.com]] / [[phone:0113 496 0580]]
""")

doc("en", """
Together with their families
ELEANOR HUGHES & SAMUEL ADEYEMI
request the pleasure of your company at their marriage
on Saturday the <<14th of June 2025>> at <<two o'clock>>
St Michael's Church, Ledbury, and afterwards at Hellens Barn

Kindly reply by <<1 May 2025>> to Eleanor on [[phone:07700 900 286]]
or by e-mail to [[email:eleanor.and.sam@example.com]]
Gift list no. <<48213>> at www.example.com/giftlist
""")

doc("en", """
WESTBROOK COLLEGE ALUMNI NEWS - Spring 2024 - Class Notes

'98 - Carla Mendes has moved to Portland and opened a pottery studio. Old
roommates can reach her at [[email:carla.mendes98@example.org]] or on
[[phone:(503) 555-0164]].

'05 - Congratulations to Jordan Blake, whose first novel (ISBN <<978-1-4028-9462-6>>)
comes out on <<October 8>>. Jordan and his wife Maya also welcomed a daughter, Ava,
who was born on [[date_of_birth:March 3rd, 2024]].

In memoriam - Prof. Harold Finch, who taught chemistry here from <<1971>> to <<2009>>,
died on <<February 2, 2024>>.

Reunion weekend is <<June 7-9>>. Call the Alumni Office at [[phone:(617) 555-0119]].
""")

doc("en", """
PARISH OF ST MARY, NORTON - REGISTER OF BAPTISMS            Entry <<No. 412>>

Child: Thomas Edward Brennan
Date of birth: [[date_of_birth:9th August 2023]]
Date of baptism: <<24th September 2023>>
Parents: Michael Brennan and Siobhan Brennan (née Kelly), of 3 Church Walk
Officiating minister: Revd Canon P. Whitlock

Certified copy issued <<12 January 2024>>. Parish office: [[phone:01632 960418]]
""")

doc("en", f"""
Riverside Juniors Hockey Club - Player Registration 2024/25

Player name: Ollie Grant            Date of birth: [[date_of_birth:05/03/12]]   Age group: U13
Parent/guardian: Fiona Grant        Mobile: [[phone:+44 7700 900 651]]
Email: [[email:fiona.grant@example.com]]
Membership fee: <<£185>> (sibling discount <<10%>>)
Paid by Visa debit [[credit_card:{visa()}]]
Season starts Sunday <<8 September>>, training <<9:30-11:00>>.
""")

doc("en", f"""
SUNCOAST CAR RENTAL - RENTAL AGREEMENT No. <<RA 5531 0087 4412>>

Renter: Kevin Marsh                 DOB: [[date_of_birth:11/22/1979]]
Pick-up: LAX, <<07/15/2024 09:00>>    Return: LAX, <<07/22/2024 18:00>>
Vehicle: 2023 Toyota Corolla, mileage out <<12,448>>
Arriving on flight <<AA 2417>>
Method of payment: American Express [[credit_card:{amex()}]]
Renter phone: [[phone:+1 310 555 0187]]
24-hour roadside assistance: [[phone:1-800-555-0100]]
""")

doc("en", f"""
CN23 CUSTOMS DECLARATION
Sender: Hannah Cole, 14 Birch Lane, Bristol <<BS8 1TH>>, tel. [[phone:0117 496 0533]]
Addressee: Mr Luca Ferri, Via Roma 12, <<20121>> Milano, Italy, tel. [[phone:+39 02 8765 4321]]
Contents: 2 hand-knitted wool jumpers - HS tariff no. <<6110.11>>
Value: <<£60.00>>   Net weight: <<0.84 kg>>   Item no. <<RR123456785GB>>
Category: Gift
Import charges prepaid by sender, Mastercard [[credit_card:{mc()}]]
""")

doc("en", f"""
[14:02] mike_h: hi is the bike still available?
[14:05] Jess: yes still got it, <<£240>> ono
[14:06] mike_h: can I come and see it saturday? my number is [[phone:07700 900823]]
[14:10] Jess: sure, any time after 11. postcode is <<M14 5RQ>>
[14:11] mike_h: great. if I take it can I just do a bank transfer?
[14:12] Jess: yeah thats fine, [[iban:{ibc('GB')}]] J Turner, put <<BIKE240>> as the reference
[14:13] mike_h: and if anything changes email me at [[email:mike dot h at example dot com]]
""")

doc("en", """
HARRINGTON, Walter James
Born [[date_of_birth:17 April 1932]] in Dundee, died peacefully at home on <<2 March 2024>>,
aged 91. Beloved husband of the late Jean, whom he married on <<12 June 1956>>,
much-loved father of Alan and Fiona and grandad of five.
Funeral service at Mortonhall Crematorium on <<Friday 15 March at 11.30am>>.
Family flowers only; donations if desired to Chest Heart & Stroke Scotland
(charity no. <<SC018761>>). Enquiries to Co-op Funeralcare, [[phone:0131 496 0477]].
""")

doc("en", """
Research notes - the Pryce family of Llanidloes (updated <<3 Nov 2023>>)

* John Pryce, b. [[date_of_birth:3 Feb 1841]] Llanidloes; d. <<19 Nov 1903>>. Weaver.
  1881 census: RG11/<<5512>> f. 34 p. 12.
* m. <<4 Sep 1863>> Mary Jones at St Idloes.
* Their daughter Ann Pryce, born [[date_of_birth:Jan. 28, 1866]]; emigrated to
  Pennsylvania 1888 on the SS Indiana; d. <<1 Jan 1931>> Scranton.
Ask cousin Gwen ([[email:gwen.pryce.history@example.org]]) for the family Bible photos.
""")

doc("en", """
FOR IMMEDIATE RELEASE - <<12 March 2024>>

Greenleaf Robotics closes £18.5m Series B

CAMBRIDGE, UK - Greenleaf Robotics, founded in <<2016>>, today announced an
<<£18.5 million>> Series B round. The funding will support the roll-out of version
<<4.2>> of its crop-monitoring platform, which grew revenue by <<140%>> last year.

Media contact: Ruth Adams, Head of Communications
[[phone:+44 (0)1223 496071]] | [[email:press@greenleaf-robotics.example.com]]

Greenleaf Robotics Ltd, registered in England and Wales, company number <<10234567>>.
""")

doc("en", f"""
From: Sarah Lindqvist <[[email:sarah.lindqvist@example.com]]>
Sent: Tuesday, 4 June 2024 09:17
To: Accounts <[[email:accounts@northwind-supplies.example.net]]>
Subject: RE: Invoice INV-2024-0613

Hi,

We paid invoice <<INV-2024-0613>> (<<EUR 1,240.00>>) on <<31 May>>; our payment
reference is <<4410 2291 7730>>. Could you check again?

Kind regards,
Sarah Lindqvist | Finance Manager | Mobile [[phone:+46 70 123 45 67]]

> On 3 Jun 2024, at 16:40, Accounts wrote:
> Dear Sarah, our records show invoice INV-2024-0613 still outstanding (due <<20 May 2024>>).
> Please pay to [[iban:{ib('GB')}]], BIC <<NWSPGB2L>>.
> Northwind Supplies | T [[phone:020 7946 0112]] | F [[phone:020 7946 0113]]
""")

doc("en", f"""
From: Raj Malhotra <[[email:RAJ.MALHOTRA@EXAMPLE.COM]]>
To: [[email:reservations@harbour-view-hotel.example.org]]
Subject: Booking HV-88213 - card details

Hello, please guarantee booking <<HV-88213>> (arrival <<18 Oct>>, 3 nights, <<£129>> per night)
with my card [[credit_card:{visa('-')}]].
Please note that card no. <<{nonluhn(16, '-', '4')}>> which I gave on the phone was
mistyped - please disregard it.
Thanks, Raj
--
Raj Malhotra
[[phone:+44 7700 900 112]]
""")

doc("en", f"""
Schengen visa application - Embassy of the Netherlands, London
Field 4. Date of birth (day-month-year): [[date_of_birth:21-08-1983]]
Field 5. Place of birth: Lagos
Field 17. Applicant's home address and e-mail: 22 Elm Road, Croydon <<CR0 2AB>>,
[[email:folake.adebayo@example.net]]   Telephone: [[phone:020 7946 0877]]
Field 30. Intended date of arrival: <<02-12-2024>>   Field 31. Departure: <<16-12-2024>>
Application fee <<£79.00>> paid - transaction ID <<{nonluhn(16, '', '5')}>>
""")

doc("en", """
Hi Kate,

Quick note for the family tree: Grandma Rose was born on the [[date_of_birth:29th of February 1924]]
in Cork - yes, a leap-year baby, so she only had a "real" birthday every four years.
She married Grandad on <<7 April 1947>> and passed away on <<11 November 2009>>.
Uncle Pat says her mother was born on the [[date_of_birth:2nd of March 1899]] but I can't
find the record. The archives reference is <<IE/2019/4471>>.

Love, Niamh
""")

doc("en", f"""
Dear Mr Doyle,

Re: your tenancy at 7 Quay Street, Galway - rent review

Your rent will change from <<EUR 1,350>> to <<EUR 1,395>> per month with effect from
<<1 January 2025>> (an increase of <<3.3%>>). Please amend your standing order to
IBAN [[iban:{ib('IE')}]]. Note the old account ([[iban:{ib('IE')}]]) closes on <<31 December>>.
Please do not use the IBAN printed on our old leaflet, <<{ibad('IE')}>>, which contained a
typing error.

If you have any questions, ring me on [[phone:+353 91 555 123]] or email
[[email:lettings@westshore-property.example.net]].

Yours sincerely, Orla Byrne
""")

doc("en", """
Cambridge University Hospitals (fictitious test letter)
Clinic letter - Rheumatology           Clinic date: <<14/05/2024>>
Re: Mr Stephen Yau, D.O.B. [[date_of_birth:30.06.58]]

Dear Dr Khan,
I reviewed this 65-year-old man with a 3-month history of bilateral hand pain.
CRP <<12 mg/L>>, ESR <<28 mm/h>>. I have started methotrexate <<10 mg>> weekly.
He will be seen again in <<6 weeks>>. Please contact the rheumatology secretaries on
[[phone:01223 496 217]] or [[email:rheum.secretaries@cuh.example.org]].
""")

doc("en", f"""
Order confirmation - Fenwick & Rowe Bookshop
Order no.: <<{nonluhn(16, '-', '4')}>>   Customer no.: <<0207 946 1188>>
Item: "Birds of the Hebrides", ISBN <<978-0-19-850673-4>>, EAN <<9780198506734>>
Total: <<£24.99>> incl. VAT   Dispatch expected <<23/04/2024>>
Tracking: <<1Z 999 AA1 01 2345 6784>>
Paid with Mastercard [[credit_card:{mc('')}]]
Questions? Call [[phone:0800 555 0199]] (Mon-Fri, <<9am-5pm>>).
""")

# =============================== GERMAN ====================================

doc("de", f"""
Antrag auf Erteilung eines Schengen-Visums
Vorgangsnummer: <<VIS-2024-0038812>>
Name: Okonkwo, Chidi
Geburtsdatum: [[date_of_birth:07.10.1990]]     Geburtsort: Enugu
Telefon: [[phone:+234 803 123 4567]]
E-Mail: [[email:chidi.okonkwo@example.com]]
Geplante Einreise: <<15.08.2024>>    Aufenthaltsdauer: 21 Tage
Gebühr: <<80,00 EUR>> - bezahlt mit Kreditkarte [[credit_card:{visa()}]]
""")

doc("de", """
Klinikum Am Stadtpark - Klinik für Innere Medizin
Chefarzt Prof. Dr. med. H. Berger · Sekretariat Tel. [[phone:0911 398-0]] · Fax [[phone:0911 398-2214]]

Sehr geehrte Frau Kollegin,

wir berichten über Herrn Klaus Reinhardt, geb. am [[date_of_birth:3.5.1956]], der sich vom
<<12.02.2024>> bis <<19.02.2024>> in unserer stationären Behandlung befand.

Diagnosen: NSTEMI (ICD-10 <<I21.4>>), arterielle Hypertonie.
Medikation bei Entlassung: ASS <<100 mg>> 1-0-0, Ramipril <<5 mg>> 1-0-0.
Wiedervorstellung in unserer Ambulanz am <<04.03.2024 um 9:15 Uhr>>.

Mit freundlichen kollegialen Grüßen
""")

doc("de", f"""
MIETVERTRAG ÜBER WOHNRAUM

zwischen der Hausverwaltung Lindenhof GmbH (Amtsgericht Mannheim HRB <<184523>>,
USt-IdNr. <<DE281447903>>) - Vermieterin -
und Frau Aylin Demir, geboren am [[date_of_birth:22. Juni 1993]] - Mieterin -

§ 1 Mieträume: 3-Zimmer-Wohnung, Bergstraße 14, <<69120>> Heidelberg, 2. OG links
§ 2 Mietbeginn: <<01.10.2024>>
§ 3 Miete: Kaltmiete <<780,00 €>>, Betriebskostenvorauszahlung <<190,00 €>>, zahlbar bis
zum dritten Werktag auf das Konto IBAN [[iban:{ib('DE')}]] bei der Volksbank
Neckartal (BIC <<GENODE61NTL>>).
Kaution: drei Monatskaltmieten (<<2.340,00 €>>).
Die Mieterin ist erreichbar unter [[phone:0176 23456789]].
""")

doc("de", f"""
Verdienstabrechnung Oktober 2024
Firma Kessler Metallbau GmbH · Personalnummer <<10447>> · Steuerklasse <<I>>
Frau Sandra Wolf · Geburtsdatum [[date_of_birth:14.12.1987]] · Eintritt <<01.04.2019>>

Gesamtbrutto                   <<4.250,00>>
Lohnsteuer                       <<612,41>>
KV-Beitrag (<<7,3 %>> + Zusatzbeitrag)  <<343,06>>
Auszahlungsbetrag              <<2.781,36>>

Überweisung an: [[iban:{ib('DE')}]]
Betriebsnummer <<12345678>> · Fragen an das Lohnbüro: [[phone:06221 58 44 0]]
""")

doc("de", """
Wir trauen uns!
Lena & Jonas

Am <<24. Mai 2025>> um <<14 Uhr>> geben wir uns in der Dorfkirche Blankensee das Jawort.
Danach feiern wir im Gutshaus - wir freuen uns riesig auf euch!

Bitte gebt uns bis zum <<31. März>> Bescheid, ob ihr dabei seid:
Lena [[phone:0151 12345678]] oder Jonas [[phone:0160 98765432]],
oder per Mail an [[email:lena-und-jonas@example.org]].
""")

doc("de", """
Alumni-Brief der Fakultät für Chemie · Ausgabe 2/2024

Aus dem Netzwerk: Dr. Miriam Falk (Abschlussjahrgang <<2008>>) leitet seit Januar die
Forschungsabteilung eines Start-ups in Leipzig. Sie freut sich über Nachrichten an
[[email:m.falk@alumni.example.org]].

Nachwuchs: Unsere Alumna Katrin Vogt und ihr Mann freuen sich über Tochter Mila,
geboren am [[date_of_birth:2. Februar 2024]].

Das nächste Alumni-Treffen findet am <<16.11.2024>> statt. Anmeldung beim Alumni-Büro,
Tel. [[phone:+49 (0)341 97-36041]].
""")

doc("de", """
Ev.-luth. Kirchengemeinde St. Johannis, Celle
Auszug aus dem Taufbuch <<1962>>, Nr. <<37>>

Getauft wurde am <<14. Oktober 1962>>: Hans-Peter Wilhelm Brandt,
geb. [[date_of_birth:29.08.1962]] in Celle,
Sohn des Tischlers Wilhelm Brandt und der Erika Brandt geb. Meyer.
Paten: Gerhard Meyer, Ilse Kruse.

Für die Richtigkeit des Auszugs, Celle, den <<05.02.2024>>. Pfarramt Tel. [[phone:05141 2 34 56]]
""")

doc("de", f"""
Aufnahmeantrag - TSV Grünwald 1889 e.V. (gegründet <<1889>>)

Name, Vorname: Albers, Moritz         Geburtsdatum: [[date_of_birth:17.03.09]]
Abteilung: Fußball (D-Jugend)         Jahresbeitrag: <<96,00 €>>
Erziehungsberechtigte: Sabine Albers, Tel. [[phone:089 / 64 12 83]]
E-Mail: [[email:sabine.albers@example.net]]

SEPA-Lastschriftmandat
Gläubiger-Identifikationsnummer <<DE98ZZZ09999999999>>, Mandatsreferenz <<M-2024-0117>>
IBAN des Kontoinhabers: [[iban:{ib('DE')}]]
(Bitte nicht das Beispiel vom Formular abschreiben: <<DE00 0000 0000 0000 0000 00>>)
""")

doc("de", f"""
Mietvertrag Nr. <<4471 2290 5531>> - Autovermietung Nordlicht GmbH
Mieter: Frank Lehmann, geb. [[date_of_birth:1975-09-30]]
Abholung: Flughafen Hamburg, <<12.07.2024, 10:00 Uhr>>   Rückgabe: <<19.07.2024>>
Fahrzeug: VW Golf Variant, Kilometerstand <<23.118 km>>
Anreise mit Flug <<EW 7731>>
Kaution <<300,00 EUR>> - reserviert auf Mastercard [[credit_card:{mc()}]]
24-h-Pannenhilfe: [[phone:+49 40 5555 0123]]
""")

doc("de", f"""
Zollinhaltserklärung CN 23
Absender: Petra Schulz, Lindenallee 5, <<04109>> Leipzig, Tel. [[phone:0341 2256789]]
Empfänger: Dr. Anna Kowalski, ul. Długa 7, <<80-831>> Gdańsk, Polen
Inhalt: 3 Bücher (u. a. ISBN <<978-3-462-05031-1>>), Zolltarifnummer <<4901 9900>>
Warenwert: <<45,00 EUR>>   Gewicht: <<1,9 kg>>
Sendungsnummer: <<CX 123 456 789 DE>>
Porto bezahlt mit Visa [[credit_card:{visa()}]]
""")

doc("de", f"""
Kleinanzeigen - Nachrichten zu "Sofa, 3-Sitzer, grau"

Käufer: Hallo, ist das Sofa noch da?
Verkäuferin: Ja, noch da. <<150 €>> VB.
Käufer: Kann ich morgen um <<18 Uhr>> vorbeikommen? Meine Nummer: [[phone:0157 3344 5566]]
Verkäuferin: Passt. Anzahlung gern per Überweisung, [[iban:{ibc('DE')}]], oder PayPal an
[[email:sofa.verkauf.koeln@example.com]]
Käufer: Super, PLZ für das Navi? Verkäuferin: <<50667>>
""")

doc("de", """
In Liebe und Dankbarkeit nehmen wir Abschied von

Gertrud Hoffmann
geb. Krause
* [[date_of_birth:12. März 1931]]     † <<4. Januar 2024>>

In stiller Trauer: Renate und Michael mit Familie
Die Trauerfeier findet am <<Freitag, dem 19. Januar 2024, um 13:00 Uhr>> in der
Friedhofskapelle Bonn-Poppelsdorf statt.
Bestattungshaus Friedrich, Tel. [[phone:0228 69 12 00]]
""")

doc("de", """
Ahnenforschung - Familie Brenner aus Kirchheim unter Teck

Johann Georg Brenner, * [[date_of_birth:14.2.1823]] Kirchheim, † <<3.11.1889>> ebenda, Weingärtner
∞ <<18.5.1848>> Anna Maria Scholl, geb. am [[date_of_birth:2. Jan. 1827]] in Dettingen
Kinder: 7, davon 3 früh verstorben.
Quelle: KB Kirchheim, Taufen <<1823>>, S. <<112>>, Nr. <<9>>; Familienregister Bd. <<IV>>.
Offene Frage an Onkel Rolf ([[email:rolf.brenner@example.net]]): Wo ist der Hof von 1850?
""")

doc("de", """
PRESSEMITTEILUNG
Berlin, <<18. April 2024>>

Solvatec AG steigert Umsatz um 12,4 Prozent

Die Solvatec AG (gegründet <<2011>>) hat im Geschäftsjahr 2023 ihren Umsatz um
<<12,4 %>> auf <<48,7 Mio. Euro>> gesteigert. Die neue Wechselrichter-Software in Version
<<3.1.0>> ist ab sofort verfügbar.

Pressekontakt:
Julia Brandner · Tel.: [[phone:+49 30 901820-114]] · Fax: [[phone:+49 30 901820-199]]
E-Mail: [[email:presse@solvatec.example.com]] · www.solvatec.example.com
Amtsgericht Charlottenburg HRB <<123456 B>>
""")

doc("de", """
Von: Markus Weber <[[email:markus.weber@example.org]]>
Gesendet: Mittwoch, 10. Juli 2024 08:42
An: Familie Neumann
Betreff: AW: Angebot Nr. 2024-117 Badsanierung

Sehr geehrte Frau Neumann,

anbei das überarbeitete Angebot <<2024-117>> über <<3.480,00 € netto>>. Ein Termin für
das Aufmaß wäre am <<Dienstag, 16.07., um 7:30 Uhr>> möglich.

Viele Grüße
Markus Weber
Weber Haustechnik GmbH · Uhlandstr. 9 · <<72072>> Tübingen
Tel. [[phone:07071 / 55 34 21]] · Mobil [[phone:0172 5556677]]
USt-IdNr. <<DE 287 654 321>>

-----Ursprüngliche Nachricht-----
Von: Ines Neumann <[[email:ines.neumann@example.com]]>
Könnten Sie das Angebot bitte ohne die Fliesen neu rechnen?
""")

doc("de", f"""
Mietvertrag für Wohnräume (Schweiz)
Vermieterin: Immobilien Aare AG, Bern, Tel. [[phone:+41 31 555 12 34]]
Mieter: Herr Reto Brunner, geb. [[date_of_birth:08.01.1984]], von Thun
Mietobjekt: 3½-Zimmer-Wohnung, Lorrainestrasse 22, <<3013>> Bern
Mietbeginn: <<1. Oktober 2024>>; erstmals kündbar auf den <<30. September 2025>>
Nettomietzins CHF <<1'850.00>>, Nebenkosten akonto CHF <<220.00>>
Zahlbar monatlich im Voraus auf [[iban:{ib('CH')}]]
Mehrwertsteuernummer der Vermieterin: <<CHE-123.456.789 MWST>>
""")

doc("de", f"""
Lohnzettel Juni 2024 - Gasthof Zum Goldenen Hirschen, Hallstatt
Dienstnehmerin: Eva Gruber          Geb.-Datum: [[date_of_birth:23.04.1972]]
Beschäftigt seit: <<15.05.2010>>        Verwendungsgruppe <<IV>>
Brutto <<€ 2.390,00>> · SV-DN-Anteil <<€ 431,39>> · LSt <<€ 153,20>>
Netto <<€ 1.805,41>> · überwiesen auf [[iban:{ib('AT')}]]
Lohnverrechnung: Steuerberatung Pichler, [[phone:+43 6134 555 20]], [[email:lohn@pichler-stb.example.com]]
""")

doc("de", f"""
Betreff: Buchung Ferienwohnung "Seeblick" - Anreise 3. August

Liebe Frau Hansen,

vielen Dank für die Reservierung (Buchungsnr. <<FW-2024-0815>>). Die Anzahlung von
<<30 %>> (<<294,00 €>>) belasten Sie bitte meiner American Express
[[credit_card:{amex()}]]. Meine Kundennummer bei Ihnen ist <<{nonluhn(16, ' ', '3')}>>.

Wir kommen am <<03.08.2024>> gegen <<16 Uhr>> an.

Herzliche Grüße
Tobias Krämer
mobil [[phone:+49 171 2345678]]
""")

doc("de", """
Hallo Opa,

für die Chronik: Deine Mutter, Oma Hilde, ist laut Stammbuch am [[date_of_birth:12.03.1911]]
in Stettin geboren und hat am <<2. Mai 1936>> Opa Karl geheiratet; sie starb
am <<23.12.1998>>. Onkel Ernst wurde am [[date_of_birth:6. Aug. 1938]] geboren.
Ich habe alles ins Programm (Version <<7.2>>) übertragen.

Ruf mich mal an: [[phone:0049 171 9876543]]
Deine Lisa
""")

doc("de", """
Entlassungsbericht - Rehaklinik Bad Waldsee (fiktiv)
Patientin: Frau Monika Schreiber, Geburtsdatum [[date_of_birth:19.11.52]]
Aufenthalt: <<06.05.2024>> - <<27.05.2024>>, Kostenträger DRV, Vers.-Nr. wird nachgereicht
Nach Knie-TEP links (OP am <<22.04.2024>>) deutliche Verbesserung, Beugung <<110°>>.
Empfehlung: ambulante Physiotherapie <<2x>> wöchentlich, Kontrolle beim Operateur in <<6 Wochen>>.
Rückfragen an den Stationsarzt: [[phone:07524 555-321]]
""")

# =============================== FRENCH ====================================

doc("fr", f"""
Demande de visa de long séjour - Consulat général de France à Montréal
Numéro de dossier : <<FRA1MO20241234567>>
Nom : TREMBLAY     Prénom : Élodie
Date de naissance : [[date_of_birth:05/11/1992]]     Lieu de naissance : Montréal
Téléphone : [[phone:+1 514 555 0148]]
Courriel : [[email:elodie.tremblay@example.com]]
Date d'arrivée prévue : <<01/09/2024>>
Frais de dossier : <<99 €>>, réglés par carte bancaire [[credit_card:{visa()}]]
""")

doc("fr", """
Centre hospitalier de Valmont - Service de cardiologie
Secrétariat : [[phone:03 20 44 59 62]] - FINESS <<590781234>>

Lettre de sortie

Cher confrère,
Votre patiente Mme Josiane Lefèvre, née le [[date_of_birth:2 février 1944]], a été hospitalisée
dans notre service du <<12 au 18 mars 2024>> pour une décompensation cardiaque.
Traitement de sortie : furosémide <<40 mg>> le matin, bisoprolol <<2,5 mg>>.
Un rendez-vous de contrôle est prévu le <<23 avril 2024 à 14 h 30>>.
Bien confraternellement,
Dr Isabelle Caron
""")

doc("fr", f"""
CONTRAT DE LOCATION - LOCAL À USAGE D'HABITATION

Entre la SCI Les Tilleuls, SIRET <<812 345 678 00021>>, représentée par M. Henri Roche,
ci-après « le bailleur », et M. Karim Benali, né le [[date_of_birth:17 août 1989]] à Lyon,
ci-après « le locataire ».

Logement : 14 rue des Lilas, <<69003>> Lyon, 2e étage, 48 m².
Prise d'effet : <<1er octobre 2024>> - durée 3 ans.
Loyer mensuel : <<720 €>> hors charges, provision sur charges <<60 €>>.
Paiement par virement : IBAN [[iban:{ib('FR')}]] - BIC <<TILLFRP1XXX>>
Téléphone du locataire : [[phone:06 12 34 56 78]]
""")

doc("fr", f"""
BULLETIN DE PAIE - Période du <<01/05/2024>> au <<31/05/2024>>
Employeur : Boulangerie Roux & Fils - SIRET <<443 061 841 00047>> - Code APE <<1071C>>
Salariée : Nathalie Roux       Matricule : <<00417>>
Née le : [[date_of_birth:28/09/1985]]      Entrée : <<02/01/2015>>

Salaire de base (151,67 h)         <<2 650,00>>
CSG déductible <<6,80 %>>            <<177,02>>
Net à payer avant impôt            <<2 071,34 €>>

Paiement le <<31/05/2024>> par virement sur le compte [[iban:{ib('FR')}]]
""")

doc("fr", """
Claire & Antoine

ont la joie de vous annoncer leur mariage
le <<samedi 21 juin 2025>> à <<15 h>> en la mairie d'Annecy
La cérémonie sera suivie d'un vin d'honneur au bord du lac.

Réponse souhaitée avant le <<15 avril>>
au [[phone:06 45 78 12 90]] ou par mail : [[email:claire.antoine.2025@example.net]]
""")

doc("fr", """
LA LETTRE DES ANCIENS - n° <<87>> - automne 2024

Carnet
Naissance : Léa, fille de Thomas Girard (promo <<2009>>), née le [[date_of_birth:14 janvier 2024]].
Décès : nous avons appris avec tristesse le décès de Bernard Vasseur (promo <<1962>>),
survenu le <<3 juin 2024>>.

Dîner de la promotion <<1997>> le <<vendredi 22 novembre>> à <<20 h>>.
Inscriptions : [[email:anciens@ecole-superieure.example.org]] - Secrétariat : [[phone:+33 (0)4 72 55 01 23]]
""")

doc("fr", """
Paroisse Saint-Corentin de Quimper
Extrait du registre des baptêmes - année <<1958>> - acte n° <<84>>

Le <<12 octobre 1958>> a été baptisé Jean-Marie Paul Olivier, né le [[date_of_birth:30 septembre 1958]]
à Quimper, fils de Louis Olivier et de Marie-Anne Le Gall.
Parrain : Paul Le Gall. Marraine : Yvonne Olivier.

Extrait délivré le <<3 mai 2024>>. Presbytère : [[phone:02 98 95 55 10]]
""")

doc("fr", """
Club de Judo de Villeurbanne - Fiche d'inscription saison 2024-2025

Nom : DIALLO            Prénom : Awa
Date de naissance : [[date_of_birth:03/04/2014]]      Catégorie : benjamine
Responsable légal : Mamadou Diallo
Portable : [[phone:07 81 23 45 67]]     E-mail : [[email:m.diallo@example.com]]
Cotisation annuelle : <<210 €>> (dont licence fédérale <<41 €>>), payable en 3 fois
Certificat médical daté du : <<02/09/2024>>
Cours le mercredi de <<14 h>> à <<15 h 30>>
""")

doc("fr", f"""
CONTRAT DE LOCATION N° <<LC 2024 0831 7712>>
Conducteur principal : Olivier Martin     Date de naissance : [[date_of_birth:1978-02-11]]
Départ : Nice Aéroport T2, le <<03/08/2024 à 11:30>>
Retour prévu : <<10/08/2024 à 18:00>>
Véhicule : Peugeot 308, kilométrage départ <<24 518 km>>, carburant <<8/8>>
Dépôt de garantie : <<1 200 €>> sur la carte [[credit_card:{mc()}]]
Vol d'arrivée : <<AF 7700>>
Assistance 24h/24 : [[phone:+33 4 93 55 80 10]]
""")

doc("fr", """
Déclaration en douane CN 22
Expéditeur : Marie Dubois, 8 avenue Foch, <<75116>> Paris - tél. [[phone:01 45 53 00 12]]
Destinataire : Mme Geneviève Roy, 41 rue Sparks, Ottawa ON <<K1P 5B9>>, Canada
Tél. destinataire : [[phone:+1 (613) 555-0177]]
Contenu : 2 bouteilles de vin - n° tarifaire SH <<2204.21>>
Valeur : <<38,00 €>>     Poids : <<1,6 kg>>     Cadeau
N° de suivi : <<LA 123 456 789 FR>>
""")

doc("fr", f"""
Messages - « Vélo de course taille M »

Acheteur : Bonjour, le vélo est toujours dispo ?
Vendeuse : Oui ! <<180 €>>
Acheteur : Je peux passer samedi vers <<10h>> ? mon num c'est le [[phone:06.78.90.12.34]]
Vendeuse : ok parfait
Acheteur : je préfère payer par virement, vous pouvez m'envoyer votre RIB ?
Vendeuse : voilà : [[iban:{ib('FR')}]] au nom de C. Moreau
Acheteur : merci. le code postal pour le GPS ? Vendeuse : <<33000>>, Bordeaux centre
""")

doc("fr", """
Avis de décès

Mme Simone GARNIER, née LACOMBE,
née le [[date_of_birth:9 mai 1929]] à Tulle, nous a quittés le <<27 février 2024>>,
dans sa 95e année.

Ses obsèques seront célébrées le <<lundi 4 mars à 10 h 30>> en l'église
Saint-Pierre de Tulle, suivies de l'inhumation au cimetière du Puy-Saint-Clair.
Pompes funèbres Delmas - [[phone:05 55 26 00 33]]
""")

doc("fr", """
Généalogie - branche MOREL (Jura)

Pierre-François MOREL, cultivateur
° [[date_of_birth:3 mars 1812]] à Saint-Claude  † <<12/01/1879>> à Saint-Claude
x <<24/11/1836>> à Longchaumois avec Jeanne VUILLET (° [[date_of_birth:17/06/1815]])
Sources : AD Jura, registres paroissiaux, cote <<3 E 1234>>, vue <<45>>.
Voir aussi l'arbre en ligne de cousin Alain : [[email:alain.morel.genealogie@example.org]]
""")

doc("fr", """
COMMUNIQUÉ DE PRESSE
Lyon, le <<5 septembre 2024>>

Bioméa lève 25 millions d'euros

Fondée en <<2014>>, la société lyonnaise Bioméa annonce une levée de fonds de
<<25 millions d'euros>> pour industrialiser la version <<2.0>> de son test de diagnostic.
Le chiffre d'affaires a progressé de <<38 %>> en 2023.

Contact presse : Camille Rousseau - [[phone:+33 4 78 55 12 34]] - [[email:camille.rousseau@biomea.example.com]]
Bioméa SAS au capital de <<150 000 €>> - RCS Lyon <<812 555 001>> - TVA <<FR 27 812555001>>
""")

doc("fr", """
De : Jérôme Petit <[[email:jerome.petit@example.net]]>
Envoyé : mardi 2 juillet 2024 10:14
À : Service clients <[[email:service.clients@imprimerie-lumiere.example.com]]>
Objet : TR: Facture n° F-2024-0587

Bonjour,
La facture <<F-2024-0587>> d'un montant de <<1 480,00 € TTC>> (échéance <<15/07/2024>>)
mentionne une quantité erronée. Pouvez-vous émettre un avoir ?

Cordialement,
Jérôme Petit - Service comptabilité
Tél. : [[phone:+33 (0)1 44 55 66 77]] - Fax : [[phone:+33 (0)1 44 55 66 78]]

> Le 1 juil. 2024 à 16:22, Service clients a écrit :
> Veuillez trouver ci-joint la facture F-2024-0587 (commande <<C-88213>>).
""")

doc("fr", f"""
BAIL DE RÉSIDENCE PRINCIPALE (Région de Bruxelles-Capitale)
Bailleur : Immo Sablon SRL, numéro d'entreprise <<0412.345.678>>
Preneuse : Mme Inès Lambert, née le [[date_of_birth:12-07-1990]] à Namur
Bien loué : appartement, rue de la Régence 61, <<1000>> Bruxelles
Loyer : <<1.050 €>> par mois, payable avant le 5 du mois sur le compte [[iban:{ib('BE')}]]
Garantie locative : <<2.100 €>> (deux mois) sur compte bloqué
GSM de la preneuse : [[phone:0476 12 34 56]] - e-mail : [[email:ines.lambert@example.org]]
Fait à Bruxelles le <<28 août 2024>>, en deux exemplaires.
""")

doc("fr", f"""
Objet : Réservation chambre d'hôtes « Le Clos des Vignes » - nuit du 14 septembre

Madame, Monsieur,
Je confirme ma réservation <<CV-0914-22>> pour deux personnes (<<95 €>> la nuit,
petit-déjeuner inclus). Vous pouvez débiter l'acompte sur ma carte
[[credit_card:{visa(' ')}]].
Attention, le numéro de commande figurant sur votre mail, <<{nonluhn(16, ' ', '4')}>>,
ne correspond pas à ma réservation.
Bien à vous,
François Meunier - [[phone:06 11 22 33 44]]
""")

doc("fr", """
Fiche de renseignements - Colonie de vacances « Les Mouettes » 2024
Enfant : Hugo Lefranc, né le [[date_of_birth:8 déc. 2015]]
Séjour du <<8 au 22 juillet 2024>> - Tarif <<640 €>> (aide CAF : <<-180 €>>)
Personne à prévenir en cas d'urgence : Sandrine Lefranc, [[phone:0033 6 98 76 54 32]]
Médecin traitant : Dr Weiss, [[phone:03 88 55 44 11]]
Allergies : aucune. Vaccin DTP à jour (rappel fait le <<12/03/2021>>).
""")

doc("fr", """
Chers amis,

C'est avec émotion que nous vous annonçons que papa, Gérard Fontaine, aurait eu cent ans
aujourd'hui : il était né le [[date_of_birth:2 novembre 1924]] à Roubaix et nous a quittés
le <<18 avril 2011>>. Maman, elle, est née le [[date_of_birth:1er juin 1927]] et fêtera
ses 97 ans à la maison de retraite le <<1er juin>> prochain.

Écrivez-nous : [[email:famille.fontaine@example.net]]
Dominique et Anne
""")

# =============================== SPANISH ===================================

doc("es", f"""
SOLICITUD DE VISADO NACIONAL - Consulado General de España en Bogotá
Expediente: <<2024/BOG/004417>>
Apellidos: RAMÍREZ ORTIZ        Nombre: Valentina
Fecha de nacimiento: [[date_of_birth:23/02/1997]]      Lugar: Medellín
Teléfono: [[phone:+57 310 555 0192]]
Correo electrónico: [[email:valentina.ramirez@example.com]]
Fecha prevista de entrada: <<10/09/2024>>
Tasa abonada: <<80 €>> con tarjeta [[credit_card:{visa()}]]
""")

doc("es", """
Hospital Universitario San Rafael - Servicio de Traumatología
INFORME DE ALTA

Paciente: D. Manuel García Pérez
Fecha de nacimiento: [[date_of_birth:4 de marzo de 1951]]
Fecha de ingreso: <<02/04/2024>>     Fecha de alta: <<09/04/2024>>
Diagnóstico: fractura pertrocantérea de cadera derecha. Intervenido el <<03/04/2024>>.
Tratamiento: enoxaparina <<40 mg>> sc cada 24 h durante 30 días.
Revisión en consultas externas el <<30/04/2024 a las 11:20>>.
Para cualquier duda puede llamar al [[phone:91 555 42 10]].
""")

doc("es", f"""
CONTRATO DE ARRENDAMIENTO DE VIVIENDA

En Madrid, a <<1 de septiembre de 2024>>.
De una parte, Inmobiliaria Retiro S.L., con CIF <<B87654321>>, y de otra,
Dña. Lucía Fernández Soto, nacida el [[date_of_birth:19 de noviembre de 1994]],
en adelante la arrendataria.

Objeto: vivienda sita en C/ Alcalá 212, 3.º B, <<28028>> Madrid.
Renta: <<950 €>> mensuales, que se ingresarán los cinco primeros días de cada mes en la
cuenta [[iban:{ib('ES')}]].
Fianza: una mensualidad (<<novecientos cincuenta euros>>).
Teléfono de la arrendataria: [[phone:612 34 56 78]]
""")

doc("es", f"""
RECIBO DE SALARIOS - Construcciones Levante S.A. - CIF <<A46123456>>
Periodo de liquidación: <<01/06/2024 - 30/06/2024>>     Días: 30
Trabajador: Javier Molina Ruiz       Fecha de nacimiento: [[date_of_birth:07-08-1983]]
Categoría: Oficial 1.ª      Antigüedad: <<12/03/2012>>

Total devengado             <<2.310,00>>
Retención IRPF (<<15,00 %>>)   <<346,50>>
LÍQUIDO A PERCIBIR          <<1.842,57 €>>

Transferencia a [[iban:{ib('ES')}]]
(La cuenta <<{ibad('ES')}>> que figuraba en la nómina de mayo era errónea.)
""")

doc("es", f"""
Marta y Alejandro

tenemos el placer de invitaros a nuestra boda, que se celebrará el
<<sábado 13 de septiembre de 2025>> a las <<18:00 h>> en la Finca Los Olivos
(Ctra. de Toledo, km <<23>>).

Por favor, confirmad vuestra asistencia antes del <<1 de agosto>>:
Marta [[phone:655 12 34 56]] · Alejandro [[phone:+34 677 98 76 54]]

Si queréis tener un detalle con nosotros: [[iban:{ib('ES')}]]
""")

doc("es", """
BOLETÍN DE ANTIGUOS ALUMNOS - Colegio Mayor San Isidoro - Otoño 2024

La promoción de <<1985>> celebrará su reunión el <<18 de octubre>> en el colegio.
Inscripciones en [[email:antiguosalumnos@colegiomayor.example.org]] o en el
[[phone:+34 954 55 12 30]] (de <<10:00 a 14:00>>).

Nacimientos: Pablo, hijo de Irene Castro (promoción <<2010>>), nació el [[date_of_birth:5 de enero de 2024]].
Fallecimientos: D. Ramón Ibáñez, antiguo director, falleció el <<9 de marzo de 2024>>.
""")

doc("es", """
Parroquia de Santa María la Mayor - Ronda
PARTIDA DE BAUTISMO - Libro <<47>>, folio <<112>>, n.º <<338>>

En la ciudad de Ronda, a <<veinte de mayo de mil novecientos sesenta y dos>>, yo, el
infrascrito cura párroco, bauticé solemnemente a una niña que nació el
[[date_of_birth:2 de mayo de 1962]], a la que se puso por nombre María del Carmen,
hija legítima de José Ruiz y de Ana López.

Expedida el <<14/02/2024>>. Despacho parroquial: [[phone:952 87 12 34]]
""")

doc("es", f"""
Club Natación Triana - FICHA DE INSCRIPCIÓN temporada 2024/25

Nadador/a: Hugo Navarro Gil           F. nacimiento: [[date_of_birth:11/06/13]]
Categoría: alevín                     Horario: L-X-V de <<17:30 a 19:00>>
Madre/padre/tutor: Rocío Gil          Móvil: [[phone:600 11 22 33]]
Email: [[email:rocio.gil.m@example.net]]
Cuota trimestral: <<120 €>>, domiciliada en [[iban:{ib('ES')}]]
Fecha de alta: <<16/09/2024>>
""")

doc("es", f"""
CONTRATO DE ALQUILER N.º <<ES-MAD-2024-558123>>
Conductor principal: Sergio Blanco Prieto     Fecha de nacimiento: [[date_of_birth:30-ene-1986]]
Recogida: Aeropuerto Madrid-Barajas T4, <<05/07/2024 09:30>>
Devolución: <<12/07/2024 20:00>>
Vehículo: SEAT León, km de salida <<31.207>>
Franquicia: <<1.100 €>> · Tarjeta de garantía: [[credit_card:{mc()}]]
Vuelo de llegada: <<IB 3166>>
Asistencia en carretera 24 h: [[phone:900 555 123]]
""")

doc("es", f"""
DECLARACIÓN DE ADUANA CN 23
Remitente: Cerámicas Timanfaya, C/ León y Castillo 40, <<35003>> Las Palmas - tel. [[phone:+34 928 55 34 12]]
NIF-IVA: <<ESB35123456>>
Destinatario: Mr. Peter Holm, Copenhague (Dinamarca), tel. [[phone:+45 32 55 12 34]]
Contenido: cerámica artesanal, partida arancelaria <<6913.90>>
Valor: <<120,00 €>>     Peso: <<3,4 kg>>
N.º de seguimiento: <<UA 987 654 321 ES>>
Aranceles pagados con tarjeta [[credit_card:{visa()}]]
""")

doc("es", """
Wallapop · Cámara Fujifilm X-T20

- Hola! sigue disponible la cámara?
- Sí, claro
- te doy <<200>> y me la mandas?
- vale, pero el envío lo pagas tú
- ok. pásame tu número y te hago bizum
- [[phone:644 55 66 77]], escríbeme por whatsapp
- hecho. el CP de envío es <<41010>>, Sevilla
- perfecto, te paso el código de seguimiento cuando la entregue
""")

doc("es", """
ROGAD A DIOS EN CARIDAD POR EL ALMA DE

DON ANTONIO HERRERA CAMPOS

que nació en Salamanca el [[date_of_birth:8 de julio de 1936]]
y falleció en Madrid el <<14 de febrero de 2024>>,
a los 87 años de edad.

Su esposa, hijos, nietos y demás familia ruegan una oración por su alma.
Funeral: <<día 20, a las 19:30 h>>, parroquia de San Jerónimo el Real.
Tanatorio La Paz, sala <<12>> - información: [[phone:913 55 60 70]]
""")

doc("es", """
Notas de genealogía - familia Ortega de Écija

Francisco Ortega Ruiz, n. [[date_of_birth:12-III-1874]] en Écija; † <<3-X-1941>> en Sevilla.
Casó el <<15-VI-1899>> con Dolores Baena Gil (n. [[date_of_birth:21 de abril de 1878]]), hija de
Manuel y Rosario.
Fuente: Archivo parroquial de Santa Cruz, libro <<52>> de bautismos, fol. <<203>> vto.
Pendiente: pedir copia al archivo diocesano (escribir a [[email:archivo.diocesano@example.org]]).
""")

doc("es", """
NOTA DE PRENSA
Valencia, <<9 de mayo de 2024>>

Hortiverde amplía su planta de Alzira

Hortiverde S.L., fundada en <<1998>>, invertirá <<6,5 millones de euros>> en su planta de
Alzira, tras cerrar 2023 con un crecimiento de la facturación del <<18 %>>.

Contacto de prensa:
Elena Sanz · Tel.: [[phone:+34 963 55 78 90]] · Móvil: [[phone:+34 699 55 12 87]]
[[email:prensa@hortiverde.example.com]] · www.hortiverde.example.com
""")

doc("es", """
De: Carlos Vidal <[[email:c.vidal@example.org]]>
Enviado el: jueves, 6 de junio de 2024 12:03
Para: Pedidos Suministros Delta <[[email:pedidos@suministros-delta.example.com]]>
Asunto: RE: Pedido 45-7789

Buenos días:
Confirmamos la recepción del pedido <<45-7789>> (albarán <<A-2024-01133>>). Falta una caja;
el importe de <<349,90 €>> ya se cargó en la tarjeta terminada en <<4417>>.

Un saludo,
Carlos Vidal
Departamento de Compras · Tel. [[phone:93 555 21 45]] · Fax [[phone:93 555 21 46]]
""")

doc("es", f"""
Asunto: Reserva casa rural «El Pajar» - 12 a 15 de octubre

Hola Pilar:
Te confirmo la reserva para cuatro personas. Para la señal (<<25 %>>, <<135 €>>) usa
esta tarjeta: [[credit_card:{amex(' ')}]].
La otra que te pasé por teléfono, <<{nonluhn(15, ' ', '3')}>>, está mal copiada, no la uses.
Llegaremos el <<sábado 12>> sobre las <<13:00>>.
Gracias, Luis Ortega
Tel. [[phone:+34 622 33 44 55]]
""")

doc("es", """
FORMULARIO DE INSCRIPCIÓN - Carrera popular «10K Ciudad de Zaragoza» (<<27/10/2024>>)
Nombre y apellidos: Nerea Aguirre Sáez
Fecha de nacimiento: [[date_of_birth:1992-12-03]]       Sexo: F
Club: independiente     Dorsal asignado: <<1187>>
Teléfono de emergencia: [[phone:976 55 43 21]]
Correo: [[email:nerea.aguirre92@example.com]]
Inscripción: <<15 €>> (incluye camiseta, talla M)
""")

doc("es", """
Querida tía Amparo:

Mamá me ha pedido que te recuerde que el abuelo nació el [[date_of_birth:24/12/1931]] en
Alcoy y no el 25, como pone en la esquela que se publicó el <<10 de enero>>. Se casaron
el <<6 de abril de 1957>>, y la abuela nació el [[date_of_birth:3 de junio del 34]].

Un beso, y llámame cuando puedas al [[phone:+34 611 22 99 88]].
Clara
""")

# =============================== DUTCH =====================================

doc("nl", f"""
Aanvraag visum kort verblijf - Ambassade van het Koninkrijk der Nederlanden, Ankara
Dossiernummer: <<NLD-2024-117342>>
Achternaam: YILMAZ              Voornamen: Emre
Geboortedatum: [[date_of_birth:09-12-1991]]        Geboorteplaats: Izmir
Telefoon: [[phone:+90 532 555 12 34]]
E-mail: [[email:emre.yilmaz@example.com]]
Datum van aankomst: <<20-08-2024>>
Leges: <<€ 80,00>>, betaald met creditcard [[credit_card:{visa()}]]
""")

doc("nl", """
Ziekenhuis Rivierenland-Noord - Afdeling Longziekten
Secretariaat: [[phone:030 234 5678]]

Geachte collega,

Hierbij berichten wij u over uw patiënte mevrouw W. de Graaf, geboren op [[date_of_birth:12 maart 1949]],
die van <<3 t/m 10 januari 2024>> op onze afdeling was opgenomen wegens een exacerbatie COPD.
Ontslagmedicatie: prednisolon <<30 mg>> gedurende 5 dagen, daarna stoppen.
Poliklinische controle op <<24-01-2024 om 10.45 uur>>.

Met collegiale groet,
drs. P. Verhoeven, longarts
""")

doc("nl", f"""
HUUROVEREENKOMST WOONRUIMTE

Verhuurder: Vastgoed Amstelzicht B.V., KvK <<34123456>>, btw-id <<NL812345678B01>>
Huurder: de heer Sander Bakker, geboren te Zwolle op [[date_of_birth:4 oktober 1990]]

Het gehuurde: Prinsengracht 512-II, <<1017 KH>> Amsterdam
Ingangsdatum: <<1 november 2024>>
Kale huur: <<€ 1.450,00>> per maand, servicekosten <<€ 65,00>>, te voldoen vóór de eerste
van de maand op [[iban:{ib('NL')}]] t.n.v. Vastgoed Amstelzicht B.V.
Waarborgsom: <<€ 2.900,00>>
Telefoon huurder: [[phone:06-12345678]]
""")

doc("nl", f"""
LOONSTROOK december 2024 - Bakkerij Van Leeuwen B.V.
Werknemer: Fatima El Amrani       Personeelsnummer: <<2291>>
Geb. datum: [[date_of_birth:22-07-1988]]         In dienst: <<01-03-2016>>
Bruto salaris                  <<€ 3.850,00>>
Loonheffing                    <<€ 612,40>>
Reservering vakantiegeld (<<8%>>) <<€ 308,00>>
Netto te betalen               <<€ 2.941,17>>
Uitbetaald op rekening [[iban:{ibc('NL')}]]
Loonheffingennummer werkgever: <<8123.45.678.L01>>
""")

doc("nl", """
Wij gaan trouwen!
Noor & Daan

op <<vrijdag 6 juni 2025>> om <<13.30 uur>> in het stadhuis van Haarlem.
Daarna proosten we in de tuin van Hofje Zonnestraal.

Laat je vóór <<1 mei>> weten of je erbij bent?
Bel of app Noor: [[phone:06 23 45 67 89]] - of mail naar [[email:noor+daan.bruiloft@example.net]]
""")

doc("nl", """
ALUMNINIEUWS - Faculteit der Letteren - najaar 2024

Reünie: de jaargang <<1994>> komt op <<zaterdag 12 oktober>> weer bijeen in het Academiegebouw.
Aanmelden via [[email:alumni.letteren@universiteit.example.org]] of [[phone:+31 (0)50 363 9999]].

Geboren: Sem, zoon van alumna Lotte Visser (Nederlands, <<2012>>), op [[date_of_birth:19 februari 2024]].
In memoriam: emeritus hoogleraar Jan Kuipers overleed op <<2 augustus 2024>>.
""")

doc("nl", """
Uittreksel uit het doopboek van de Hervormde Gemeente Giethoorn, jaar <<1871>>, folio <<23>>

Jan Hendrik Smit, zoon van Albert Smit, schipper, en Geesje Post,
geboren [[date_of_birth:7 september 1871]], gedoopt <<24 september 1871>> door ds. W. Hoekstra.
Getuigen: Hendrik Post en Aaltje Smit.

Afgegeven door het kerkelijk bureau, [[phone:0521 36 12 34]], op <<8 februari 2024>>.
""")

doc("nl", f"""
Inschrijfformulier Mixed Hockeyclub De Uithof - seizoen 2024-2025

Naam: Julia Mulder                Geboortedatum: [[date_of_birth:2012-05-08]]
Team: Meisjes B                   Trainingen: di en do <<17.00-18.15 uur>>
Ouder/verzorger: Mark Mulder      Tel.: [[phone:+31 6 8765 4321]]
E-mail: [[email:mark.mulder@example.com]]
Contributie: <<€ 345,00>> per seizoen, automatische incasso van [[iban:{ib('NL')}]]
Machtigingskenmerk: <<HCU-2024-0331>>   Incassant-ID: <<NL98ZZZ999999999999>>
""")

doc("nl", f"""
HUUROVEREENKOMST AUTOVERHUUR nr. <<8841 2290 7715>>
Bestuurder: Pieter van Dijk       Geb.: [[date_of_birth:15-11-68]]
Ophalen: Schiphol Plaza, <<14-08-2024 08:00>>    Inleveren: <<21-08-2024 20:00>>
Auto: Opel Astra, kilometerstand <<45.902>>
Borg: <<€ 750>>, geblokkeerd op creditcard [[credit_card:{mc()}]]
Vlucht: <<KL 1342>>
Pechhulp 24/7: [[phone:+31 88 555 1234]]
""")

doc("nl", """
DOUANEVERKLARING CN 22
Afzender: Ingrid Jansen, Lindelaan 4, <<3581 AB>> Utrecht - tel. [[phone:030-2541890]]
Ontvanger: Ole Berg, Oslo, Noorwegen - tel. [[phone:+47 912 34 567]]
Inhoud: Goudse kaas, GN-code <<0406.90>>
Waarde: <<€ 42,50>>    Gewicht: <<1,2 kg>>    Geschenk
Track & trace: <<3SABC1234567890>>
""")

doc("nl", f"""
Marktplaats - "Kinderwagen Joolz, zo goed als nieuw"

Koper: Hoi, is de kinderwagen nog beschikbaar?
Verkoper: Ja hoor, <<€ 250>>
Koper: Kan ik hem zaterdag ophalen? Mijn nummer is [[phone:06-34567890]]
Verkoper: Prima. Wil je vooraf <<€ 20>> aanbetalen op [[iban:{ib('NL')}]]?
Koper: Doe ik. Wat is het adres?
Verkoper: Laan van Meerdervoort 14, <<2512 CB>> Den Haag
""")

doc("nl", """
Intens verdrietig, maar dankbaar voor alles wat hij voor ons betekende, geven wij kennis
van het overlijden van mijn lieve man, onze vader en opa

Hendrik (Henk) Koster

* Groningen, [[date_of_birth:21 januari 1938]]     † Assen, <<9 maart 2024>>

Condoleren kan op <<woensdag 13 maart van 19.00 tot 20.00 uur>> in het uitvaartcentrum.
Uitvaartverzorging De Linde, [[phone:0592 34 56 78]]
""")

doc("nl", """
Kwartierstaat Van der Meer (bijgewerkt <<2023>>)

I.   Cornelis van der Meer, geb. [[date_of_birth:3-4-1902]] te Leiden, ovl. <<17-12-1975>> te Den Haag,
     tr. <<12-5-1927>> Maria Hoogendoorn, geb. [[date_of_birth:30 jan. 1905]] te Katwijk.
II.  Pieter van der Meer, timmerman.
Bron: BS Leiden, geboorteakte nr. <<412>>; huwelijksakte nr. <<188>>.
Aanvullingen graag naar [[email:kwartierstaat.vandermeer@example.net]]
""")

doc("nl", """
PERSBERICHT

Eindhoven, <<2 oktober 2024>> - SensoTech B.V. (opgericht in <<2009>>) boekt een omzetgroei van
<<23%>> en brengt softwareversie <<5.1.3>> van haar sensorplatform uit.

-- einde persbericht --

Noot voor de redactie: voor meer informatie kunt u contact opnemen met Eva de Boer,
woordvoerder, T [[phone:+31 40 555 0123]], M [[phone:+31 6 1122 3344]], E [[email:pers@sensotech.example.com]].
SensoTech B.V., KvK <<17012345>>
""")

doc("nl", f"""
Van: Bram Hendriks <[[email:bram.hendriks@example.net]]>
Verzonden: maandag 8 juli 2024 11:32
Aan: Klantenservice Energie Zuid <[[email:klantenservice@energiezuid.example.com]]>
Onderwerp: RE: Factuur 2024-08812

Beste klantenservice,
Ik heb de factuur al betaald, zie bijlage. Graag de aanmaning intrekken.

Met vriendelijke groet,
Bram Hendriks
T: [[phone:010-5551234]]

> Op 5 jul. 2024 om 09:10 schreef Klantenservice:
> Factuurnummer <<2024-08812>>, klantnummer <<400 112 883>>, bedrag <<€ 248,95>>,
> vervaldatum <<19-07-2024>>. Betaling op [[iban:{ib('NL')}]] o.v.v. betalingskenmerk
> <<{nonluhn(16, ' ', '7')}>>.
""")

doc("nl", f"""
HUURCONTRACT VOOR HOOFDVERBLIJFPLAATS (Vlaanderen)
Verhuurder: Immo Schelde BV, ondernemingsnummer <<0456.789.123>>
Huurder: Thomas Peeters, geboren op [[date_of_birth:30/05/1996]] te Mechelen
Goed: appartement, Nationalestraat 88, <<2000>> Antwerpen
Huurprijs: <<€ 895>> per maand, te storten op [[iban:{ib('BE')}]]
Huurwaarborg: <<€ 1.790>> op geblokkeerde rekening
GSM huurder: [[phone:0475 12 34 56]]
Opgemaakt te Antwerpen op <<15 september 2024>>.
""")

doc("nl", f"""
Onderwerp: Boeking vakantiehuisje "De Duinpan" - week 31

Beste mevrouw De Wit,

Hierbij bevestig ik de boeking (nr. <<DP-2024-31-07>>, <<€ 1.120>> voor 7 nachten).
De aanbetaling van <<€ 300>> mag u afschrijven van mijn creditcard
[[credit_card:{visa('')}]].
Mijn ledenpasnummer <<{nonluhn(16, '', '6')}>> van de ANWB kunt u negeren, dat was een vergissing.

Groet,
Wouter Dekker, [[phone:06 55 44 33 22]]
""")

doc("nl", """
Hoi pap,

Voor de stamboom: volgens het trouwboekje is oma Trijntje geboren op [[date_of_birth:14-08-1926]]
in Harlingen. Opa is van [[date_of_birth:2 nov. 1923]]. Ze trouwden op <<19 mei 1949>> en opa
overleed op <<1 oktober 2001>>. Het archiefnummer bij Tresoar is <<30-14>>, inv.nr. <<1102>>.

Bel je me vanavond even? [[phone:+31 6 4455 6677]]
Liefs, Anouk
""")

doc("nl", """
Aanmeldformulier Zwemvereniging De Dolfijn - diploma A/B
Naam kind: Milan Bos
Geboortedatum: [[date_of_birth:7 okt 2017]]
Lesdag: zaterdag <<09.00-09.45 uur>>, bad De Vijf Eiken
Lesgeld: <<€ 58,50>> per maand (aanmeldkosten <<€ 15>>)
Noodnummer ouder: [[phone:0031 6 2233 4455]]
E-mail ouder: [[email:s.bos@example.org]]
""")

# =============================== ITALIAN ===================================

doc("it", f"""
Domanda di visto per studio - Consolato Generale d'Italia a Mumbai
Pratica n.: <<ITA-2024-MUM-08812>>
Cognome: SHARMA          Nome: Ananya
Data di nascita: [[date_of_birth:16/05/2001]]       Luogo di nascita: Pune
Telefono: [[phone:+91 98765 43210]]
E-mail: [[email:ananya.sharma@example.com]]
Data prevista di ingresso: <<15/09/2024>>
Diritti consolari: <<50,00 €>> pagati con carta [[credit_card:{visa()}]]
""")

doc("it", """
Azienda Ospedaliera San Giorgio - U.O. di Medicina Interna
LETTERA DI DIMISSIONE

Paziente: Sig.ra Rosa Esposito, nata il [[date_of_birth:11/09/1940]]
Ricovero dal <<05/03/2024>> al <<14/03/2024>>
Diagnosi: polmonite comunitaria in paziente con BPCO.
Terapia alla dimissione: amoxicillina/clavulanato <<1 g>> ogni 12 ore per altri 5 giorni.
Controllo ambulatoriale il <<28/03/2024 ore 9:00>>.
Per informazioni il reparto è raggiungibile al numero [[phone:081 555 3412]].
""")

doc("it", f"""
CONTRATTO DI LOCAZIONE AD USO ABITATIVO (art. 2, comma 1, L. 431/98)

Locatore: Immobiliare Navigli S.r.l., P.IVA <<01234567890>>
Conduttore: Sig. Matteo Colombo, nato a Monza il [[date_of_birth:3 dicembre 1987]]
Immobile: via Lodovico il Moro 41, <<20143>> Milano, piano 2°
Decorrenza: <<1° ottobre 2024>>, durata 4+4 anni
Canone mensile: <<€ 1.100,00>> da versare entro il giorno 5 mediante bonifico su
[[iban:{ib('IT')}]]
Registrato presso l'Agenzia delle Entrate, serie <<3T>>, n. <<004417>>
Recapito telefonico del conduttore: [[phone:347 123 4567]]
""")

doc("it", f"""
CEDOLINO PAGA - Mese di novembre 2024
Azienda: Supermercati Sole S.p.A. - Posizione INPS <<4912345678>>
Dipendente: Giulia Ferraro        Matricola: <<000231>>
Data di nascita: [[date_of_birth:27.01.1990]]     Data assunzione: <<01/02/2018>>
Livello: <<3°>> CCNL Terziario

Retribuzione lorda       <<€ 2.180,00>>
Ritenute IRPEF           <<€ 318,22>>
NETTO IN BUSTA           <<€ 1.654,90>>

Accredito su [[iban:{ibc('IT')}]]
""")

doc("it", f"""
Francesca e Lorenzo

annunciano il loro matrimonio,
che sarà celebrato il <<7 settembre 2025>> alle ore <<11:00>>
nella Basilica di San Miniato al Monte, Firenze.

Si prega di confermare entro il <<30 giugno>>:
Francesca [[phone:338 765 4321]] - Lorenzo [[phone:+39 349 876 5432]]

Lista nozze: [[iban:{ib('IT')}]]
""")

doc("it", """
NOTIZIARIO ALUMNI - Politecnico - n. <<42>>, dicembre 2024

Cena di classe: gli ingegneri meccanici del <<1990>> si ritroveranno il <<14 febbraio>>.
Fiocco rosa: è nata Sofia, figlia di Chiara Gallo (Ingegneria Civile <<2011>>), il [[date_of_birth:22 marzo 2024]].
Ci ha lasciati: il prof. Aldo Benedetti, scomparso il <<5 ottobre 2024>>.

Contatti: [[email:alumni@politecnico.example.org]] - tel. [[phone:+39 011 555 6789]]
""")

doc("it", """
Parrocchia di San Lorenzo Martire - Modena
ESTRATTO DELL'ATTO DI BATTESIMO - Libro <<XII>>, pag. <<48>>, n. <<113>>

Ferrari Giovanni Battista, nato a Modena il [[date_of_birth:19 aprile 1955]],
figlio di Ferrari Umberto e di Bellei Maria, è stato battezzato il <<1° maggio 1955>>.
Padrino: Bellei Giuseppe.

Rilasciato il <<12/02/2024>>. Ufficio parrocchiale: [[phone:059 21 34 56]]
""")

doc("it", f"""
A.S.D. Pallavolo Lago Maggiore - MODULO DI ISCRIZIONE 2024/2025

Atleta: Elisa Marino                Data di nascita: [[date_of_birth:09-10-2011]]
Categoria: Under 14                 Allenamenti: lun e gio <<18:00-19:30>>
Genitore: Paolo Marino              Cell.: [[phone:333 987 6543]]
E-mail: [[email:paolo.marino@example.net]]
Quota annuale: <<€ 380>> - pagata con carta [[credit_card:{mc('-')}]]
Codice affiliazione FIPAV: <<010230145>>
""")

doc("it", f"""
CONTRATTO DI NOLEGGIO N. <<NL 2024 771 2290>>
Conducente: Alessandro Ricci        Data di nascita: [[date_of_birth:5 giu 1982]]
Ritiro: Roma Fiumicino, <<18/08/2024 ore 14:00>>
Riconsegna: <<25/08/2024 ore 10:00>>
Veicolo: Fiat Tipo SW, km <<18.450>>
Deposito cauzionale: <<€ 800>> su carta di credito American Express [[credit_card:{amex()}]]
Volo: <<AZ 1610>>
Assistenza stradale: [[phone:800 555 123]]
""")

doc("it", """
DICHIARAZIONE DOGANALE CN 23
Mittente: Laura Conti, Via Garibaldi 8, <<10122>> Torino - tel. [[phone:011 5551234]]
Destinatario: Herr Urs Keller, Zürich, Svizzera - tel. [[phone:+41 44 555 12 34]]
Contenuto: olio extravergine d'oliva (3 l), codice SA <<1509.20>>
Valore: <<€ 54,00>>     Peso: <<3,1 kg>>     Regalo
Codice di tracciamento: <<RA 456 789 012 IT>>
""")

doc("it", f"""
Subito.it - "Lavatrice Bosch 8 kg"

- Ciao, la lavatrice è ancora disponibile?
- Sì, <<150 €>> trattabili
- Ok, posso passare domani alle <<18>>? Il mio numero è [[phone:339 12 34 567]]
- Va bene. Se vuoi puoi fare bonifico: [[iban:{ib('IT')}]] intestato a Giorgio B.
- ok. il CAP per il navigatore?
- <<40126>> Bologna, citofono Bianchi
""")

doc("it", """
È mancato all'affetto dei suoi cari

VITTORIO BIANCHI
(Salerno, [[date_of_birth:14 ottobre 1936]] - Roma, <<2 febbraio 2024>>)

Ne danno il triste annuncio la moglie Anna, i figli Marco e Paola con le loro famiglie.
I funerali si terranno il <<5 febbraio alle ore 10:30>> nella chiesa di Santa Maria in Trastevere.
Onoranze funebri Lazzari, tel. [[phone:06 555 8899]]
""")

doc("it", """
Note genealogiche - ramo dei Lombardi di Clusone

Giuseppe Lombardi nacque a Clusone il [[date_of_birth:2 novembre 1848]], figlio di Pietro e di
Caterina Scandella. Morì il <<15 marzo 1917>>. Sposò il <<20 ottobre 1872>> Teresa Rota
(n. [[date_of_birth:08/02/1851]]), dalla quale ebbe nove figli.
Fonte: Archivio parrocchiale, Liber baptizatorum <<1840-1855>>, f. <<87>>.
Chi avesse notizie può scrivere a [[email:lombardi.clusone@example.org]].
""")

doc("it", """
COMUNICATO STAMPA
Milano, <<14 maggio 2024>>

Ferrotecnica chiude il primo trimestre con ricavi in crescita del 9,3%

Ferrotecnica S.p.A., fondata nel <<1962>>, ha registrato nel primo trimestre ricavi per
<<84,2 milioni di euro>> (<<+9,3%>>).

Per informazioni:
Ufficio Stampa - Marta Greco
tel. [[phone:+39 02 5555 1234]] - cell. [[phone:+39 335 555 9876]]
[[email:ufficiostampa@ferrotecnica.example.com]]
Capitale sociale <<€ 2.500.000>> i.v. - REA <<MI-1234567>>
""")

doc("it", """
Da: Andrea Moretti <[[email:andrea.moretti@example.org]]>
Inviato: venerdì 12 luglio 2024 15:47
A: Serena Villa <[[email:serena.villa@example.com]]>
Oggetto: R: Preventivo n. 2024/318

Gentile dott.ssa Villa,
le confermo il preventivo <<2024/318>> per <<€ 2.950,00 + IVA 22%>>. Possiamo iniziare i lavori
il <<2 settembre>>.

Cordiali saluti,
Andrea Moretti
Studio Moretti & Associati - Via Nazionale 120, <<00184>> Roma
Tel. [[phone:0039 06 5551 2345]] - Fax [[phone:06 5551 2346]]
P.IVA <<09876543210>>
""")

doc("it", f"""
Oggetto: Prenotazione agriturismo "Il Poggio" - 9/11 agosto

Buongiorno,
confermo la prenotazione n. <<PG-0809-44>> (due notti, <<€ 240>>). Per la caparra potete usare
la mia carta [[credit_card:{visa(' ')}]].
Il codice <<{nonluhn(16, ' ', '5')}>> che compare nella vostra mail non è il mio numero di carta.
Grazie,
Federica Neri - cell. [[phone:+39 328 111 2233]]
""")

doc("it", """
Caro Luca,

ti scrivo per la festa della nonna: è nata il [[date_of_birth:3 maggio '35]] a Bari, quindi a
maggio fa novant'anni! Il nonno invece era del [[date_of_birth:1° gennaio 1930]] ed è morto il
<<18 agosto 2015>>. Si erano sposati il <<25 aprile 1958>>.
La sala è prenotata per il <<3 maggio 2025>> alle <<12:30>>.

Chiamami al [[phone:340 555 6677]] o scrivimi a [[email:giulia.b.famiglia@example.net]].
Giulia
""")

doc("it", """
Modulo di iscrizione - Corso di nuoto per adulti, Piscina Comunale di Lucca
Nome e cognome: Roberto Galli
Data di nascita: [[date_of_birth:1969-07-21]]
Turno: martedì e giovedì <<20:00-21:00>> - Quota trimestrale <<€ 135>>
Certificato medico valido fino al <<30/06/2025>>
Telefono: [[phone:0583 555 210]]   E-mail: [[email:roberto.galli69@example.com]]
""")


doc("es", f"""
De: Reservas Hostal Miramar <[[email:reservas@hostalmiramar.example.com]]>
Para: Ana Beltrán <[[email:ana.beltran@example.net]]>
Asunto: Confirmación de reserva n.º 2024-3317

Estimada Sra. Beltrán:
Confirmamos su reserva <<2024-3317>> del <<22/08/2024>> al <<25/08/2024>> (habitación doble,
<<85 €>>/noche, IVA del <<10 %>> incluido). Hemos realizado una preautorización en su tarjeta
[[credit_card:{mc(' ')}]].
Hora de llegada: a partir de las <<14:00>>.

Atentamente,
Recepción Hostal Miramar · Paseo Marítimo 7, <<03001>> Alicante · Tel. [[phone:+34 965 55 21 09]]
""")

doc("es", f"""
CONTRATO DE ALQUILER DE VEHÍCULO - Sucursal Palma Aeropuerto
N.º de contrato: <<PMI 0724 118830>>      Reserva web: <<WB-77120-X>>
Arrendatario: Jordi Puig Serra             Fecha nac.: [[date_of_birth:2 Sep 1990]]
Permiso de conducir expedido el <<14/05/2009>>
Salida <<21/07/2024 12:15>> · Regreso <<28/07/2024 12:15>> · Depósito de combustible lleno
Cargo de <<312,40 €>> en la tarjeta Visa [[credit_card:{visa('-')}]]
Teléfono del cliente: [[phone:0034 678 12 90 34]]
""")

doc("it", f"""
Da: Marco De Luca <[[email:marco.deluca@example.com]]>
A: Amministrazione Condominio Le Magnolie
Oggetto: Rate condominiali 2024

Buonasera,
ho versato la rata del <<30/06/2024>> (<<€ 412,50>>) sull'IBAN che avete indicato, ma la banca
mi segnala che il codice <<{ibad('IT')}>> non è valido. Potete ricontrollarlo? Nel frattempo
il mio conto per eventuali rimborsi è [[iban:{ib('IT')}]].

Saluti,
Marco De Luca - interno 7, scala B - cell. [[phone:+39 347 555 0190]]
""")

doc("it", f"""
DICHIARAZIONE DOGANALE - spedizione privata extra UE
Mittente: Chiara Fontana, Corso Vittorio Emanuele 55, <<80121>> Napoli, tel. [[phone:081 555 7788]]
Destinatario: Ms. Julia Fontana, 14 Elm Street, Boston MA <<02108>>, USA, tel. [[phone:+1 617 555 0136]]
Contenuto: pasta artigianale e caffè - codice SA <<1902.19>> / <<0901.21>>
Valore dichiarato: <<€ 65,00>>    Peso lordo: <<4,2 kg>>
N. spedizione: <<{nonluhn(16, ' ', '2')}>>
Diritti e tasse pagati dal mittente con carta [[credit_card:{mc(' ')}]]
""")

doc("fr", f"""
Conversation - « Table en chêne massif »

Acheteuse : Bonjour, la table est encore disponible ?
Vendeur : bonjour oui toujours, <<250 €>> ferme
Acheteuse : D'accord. Je peux vous envoyer un acompte ? Envoyez-moi vos coordonnées.
Vendeur : IBAN [[iban:{ibc('FR')}]] - et voici mon mail pour la facture : [[email:p.lemaire.meubles@example.com]]
Acheteuse : Parfait. Mon numéro si besoin : [[phone:+33 6 21 43 65 87]]
Vendeur : la table fait <<180 x 90 cm>>, passez après <<17 h>>
""")

doc("nl", f"""
Van: Sanne Vermeulen <[[email:SanneVermeulen@example.org]]>
Aan: Reisbureau Zonnig <[[email:boekingen@reisbureau-zonnig.example.com]]>
Onderwerp: Betaling reis Kreta, boekingsnummer ZK-558812

Hallo,
Het restantbedrag van <<€ 1.684,00>> (vervaldatum <<15-05-2024>>) betaal ik met mijn creditcard:
[[credit_card:{mc(' ')}]]. Vlucht <<HV 6211>> op <<2 juni>> om <<06.40 uur>> klopt.
Groeten,
Sanne Vermeulen
[[phone:06 19 28 37 46]]
""")

doc("de", f"""
Zollanmeldung - Rücksendung aus der Schweiz
Absender: Lukas Meier, Bahnhofstrasse 12, <<8001>> Zürich, Tel. [[phone:044 555 78 90]]
Empfänger: Modehaus Sternberg GmbH, Retourenabteilung, <<80331>> München, Tel. [[phone:089 55 66 77-0]]
Inhalt: 1 Wintermantel (Rücksendung, Bestellnr. <<{nonluhn(15, ' ', '3')}>>)
Warenwert: CHF <<249.00>>   Zolltarifnummer <<6202.1300>>
Erstattung bitte auf Kreditkarte [[credit_card:{amex(' ')}]]
""")

doc("en", f"""
From: Tom Whitfield <[[email:tom@whitfield-joinery.example.com]]>
To: Mrs A. Okoro
Subject: Deposit for kitchen fitting - Job 24-117

Dear Mrs Okoro,

Thank you for accepting quote <<24-117>> (<<£6,850.00>> inc. VAT at <<20%>>). We can start on
<<Monday 9 September>>. The deposit of <<£1,500>> can be paid to [[iban:{ib('GB')}]];
please quote <<WJ24117>> as the reference.

Best regards,
Tom Whitfield
Whitfield Joinery Ltd · Unit 3, Mill Lane, Bath <<BA2 3DX>>
Tel [[phone:01632 960 771]] · Mob [[phone:07700 900 935]]
Company no. <<11223344>> · VAT <<GB 318 2241 90>>
""")


# ---------------------------------------------------------------------------
# Build, check, write
# ---------------------------------------------------------------------------

MARK = re.compile(r"\[\[([a-z_]+):(.*?)\]\]|<<(.*?)>>", re.S)


def build(raw):
    text, spans, pos, looks = "", [], 0, []
    for m in MARK.finditer(raw):
        text += raw[pos:m.start()]
        if m.group(1):
            cat, val = m.group(1), m.group(2)
            spans.append((cat, val, len(text)))
            text += val
        else:
            looks.append(m.group(3))
            text += m.group(3)
        pos = m.end()
    text += raw[pos:]
    assert "[[" not in text and "]]" not in text and "<<" not in text and ">>" not in text, text
    return text, spans, looks


def occurrences(text, sub):
    n, i = 0, text.find(sub)
    while i != -1:
        n += 1
        i = text.find(sub, i + 1)
    return n


def check(text, spans, idx):
    where = "doc %d" % idx
    for cat, val, start in spans:
        assert cat in CATEGORIES, (where, cat)
        assert val and val == val.strip(), (where, repr(val))
        assert text[start:start + len(val)] == val, (where, val)
        assert occurrences(text, val) == 1, (where, "value not unique", val)
        if cat == "iban":
            assert iban_valid(val), (where, val)
        if cat == "credit_card":
            digits = re.sub(r"\D", "", val)
            assert len(digits) in (15, 16) and luhn_valid(digits), (where, val)
    ordered = sorted(spans, key=lambda s: s[2])
    for (c1, v1, s1), (c2, v2, s2) in zip(ordered, ordered[1:]):
        assert s1 + len(v1) <= s2, (where, "overlap", v1, v2)
    # Self-check: no unlabelled valid IBAN or Luhn-valid 15/16-digit card number.
    masked = text
    for _, val, start in spans:
        masked = masked[:start] + "#" * len(val) + masked[start + len(val):]
    for m in re.finditer(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}\b", masked):
        assert not iban_valid(m.group(0)), (where, "unlabelled valid IBAN", m.group(0))
    for m in re.finditer(r"(?<![\d#])\d(?:[ -]?\d){13,18}(?![\d#])", masked):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) in (15, 16) and digits[0] in "2345" and luhn_valid(digits):
            print("warning: %s: unlabelled Luhn-valid number %r" % (where, m.group(0)),
                  file=sys.stderr)


def main():
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pii_fresh.jsonl")
    per_cat, per_lang, per_lang_cat = Counter(), Counter(), Counter()
    with_looks, n_looks = 0, 0
    seen_texts = set()
    lines = []
    for idx, (lang, raw) in enumerate(DOCS):
        assert lang in LANGS, lang
        text, spans, looks = build(raw)
        assert text not in seen_texts, idx
        seen_texts.add(text)
        check(text, spans, idx)
        per_lang[lang] += 1
        for cat, _, _ in spans:
            per_cat[cat] += 1
            per_lang_cat[(lang, cat)] += 1
        if looks:
            with_looks += 1
            n_looks += len(looks)
        rec = {"text": text, "lang": lang,
               "spans": [{"category": c, "value": v}
                         for c, v, _ in sorted(spans, key=lambda s: s[2])]}
        lines.append(json.dumps(rec, ensure_ascii=False))

    assert len(lines) >= 120, len(lines)
    assert all(per_lang[lang] >= 15 for lang in LANGS), per_lang
    assert all(per_cat[c] >= 25 for c in CATEGORIES), per_cat
    assert with_looks * 2 >= len(lines), with_looks

    with open(out_path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")

    print("wrote %d texts to %s" % (len(lines), out_path))
    print("texts per language: " + ", ".join("%s=%d" % (l, per_lang[l]) for l in LANGS))
    print("spans per category: " + ", ".join("%s=%d" % (c, per_cat[c]) for c in sorted(CATEGORIES)))
    print("spans per language x category:")
    cats = sorted(CATEGORIES)
    print("      " + " ".join("%14s" % c for c in cats))
    for l in LANGS:
        print("  %s  " % l + " ".join("%14d" % per_lang_cat[(l, c)] for c in cats))
    print("texts with look-alikes: %d of %d (%d look-alike strings)"
          % (with_looks, len(lines), n_looks))


if __name__ == "__main__":
    main()
