"""The patterns e-mail addresses, IBANs and card numbers are found by. Phone numbers
have desktop/pii/phones.py, dates desktop/pii/dates.py and dates of birth
desktop/pii/births.py; the matching logic is in desktop/pii/__init__.py. No Qt."""

from __future__ import annotations

import re

# the local part may hold an apostrophe (o'neil) but not start with one (a quote)
EMAIL = re.compile(r"(?<![\w.+-])[\w%+-][\w.%+'-]*@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
# an address spelled out against harvesters: "info(at)praxis.example.de",
# "contact [at] example [dot] org", "mike dot h at example dot com"
_AT = r"\s?(?:\(at\)|\[at\]|\{at\}|<at>)\s?"
_DOT = r"(?:\s?(?:\(dot\)|\[dot\]|\{dot\}|<dot>)\s?|\.| dot )"
_TLD = (r"(?:com|org|net|edu|gov|info|biz|io|co|uk|de|fr|es|it|nl|be|ch|at|pt|eu|se|dk|no|fi|pl"
        r"|ie|lu|cz|us|ca|au|br|mx|ar|cl|example)")
_NOT_LOCAL = (r"(?:look|looking|see|visit|find|found|shop|meet|stay|live[sd]?|work[s]?|based|online"
              r"|available|here|there|me|us|you|him|her|them|it|is|are|was|be|been|or|and)")
EMAIL_SPELLED = re.compile(
    rf"(?i)(?<![\w.+-])[\w%+-][\w%+-]*(?:{_DOT}[\w%+-]+)*{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,}}\b"
    # with a plain " at ", a " dot " and a known ending must say it is an address, and the
    # word before it not be a verb's ("look at example dot com" is a web site)
    rf"|(?<![\w.+-])(?!{_NOT_LOCAL}\b)[\w%+-]+(?:(?: dot |[._])[\w%+-]+)* at [\w-]+(?: dot [\w-]+)*"
    rf" dot {_TLD}\b")

# IBAN-shaped: a country, two check digits and groups; the checksum decides (and a
# number inside an IBAN-shaped string that fails it is still no phone or card number)
IBAN = re.compile(r"(?i)\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
IBAN_SHAPED = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9X]{4}){2,7}(?: ?[A-Z0-9X]{1,4})?\b")

# the length of an IBAN in each country that uses one (ISO 13616 registry)
IBAN_LENGTHS = {"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
                "BH": 22, "BR": 29, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
                "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22,
                "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
                "IL": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LI": 21,
                "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27,
                "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25,
                "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
                "TN": 24, "TR": 26, "UA": 29, "VG": 24, "XK": 20}

# the issuers' ranges by length: Visa 4 (13, 16, 19), Mastercard 51-55 and 2221-2720,
# Amex 34 and 37 (15), Diners 30, 36, 38 (14), Discover, Maestro, UnionPay, JCB (16-19);
# an EAN-13 or a bank's account number that passes Luhn by chance starts elsewhere
CARD_ISSUER = re.compile(r"4\d{12}(?:\d{3}(?:\d{3})?)?$|(?:5[1-5]|2[2-7])\d{14}$|3[47]\d{13}$"
                         r"|3[068]\d{12}$|(?:6|5[06-9]|35)\d{14,17}$")
# a device's, a SIM's or a product's number passes Luhn too: "IMEI: 352099001761481"
NOT_A_CARD = re.compile(r"(?i)\b(?:imei|meid|iccid|sim|serial|s/n|seriennummer|serienummer|ean|gtin|upc"
                        r"|n° de série|n[úu]mero de serie|numero di serie)\b[\s.:#-]*"
                        r"(?:n[or°º]\.?|number|nummer)?[\s.:#-]*$")
CARD = re.compile(r"(?<![\w-])(?:\d[ -]?){12,18}\d(?!\d)")
# how card numbers are printed: one run, or 4-4-4-4(-3), 4-6-5 (Amex), 4-6-4 (Diners)
CARD_GROUPS = {(13,), (14,), (15,), (16,), (17,), (18,), (19,), (4, 4, 4, 4), (4, 4, 4, 4, 3),
               (4, 6, 5), (4, 6, 4), (4, 4, 4, 1), (4, 4, 4, 3), (4, 4, 4, 2)}
