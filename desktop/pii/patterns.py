"""The patterns personal data is found by, and the words around numbers that tell a
phone number from a document's own numbers. English, German, French, Spanish, Dutch
and Italian. Kept apart from the matching logic (desktop/pii/__init__.py) so each
reads alone. No Qt."""

from __future__ import annotations

import re

# the local part may hold an apostrophe (o'neil) but not start with one (a quote)
EMAIL = re.compile(r"(?<![\w.+-])[\w%+-][\w.%+'-]*@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")

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

CARD = re.compile(r"(?<![\w-])(?:\d[ -]?){12,18}\d(?!\d)")
# how card numbers are printed: one run, or 4-4-4-4(-3), 4-6-5 (Amex), 4-6-4 (Diners)
CARD_GROUPS = {(13,), (14,), (15,), (16,), (17,), (18,), (19,), (4, 4, 4, 4), (4, 4, 4, 4, 3),
               (4, 6, 5), (4, 6, 4), (4, 4, 4, 1), (4, 4, 4, 3), (4, 4, 4, 2)}

# a number right after one of these words is a document's number, not a phone's:
# "order number 0123 456 7890", "Kundennr. 030 1234", "meeting ID 884 2193 3071"
_NUMBERED = (r"ISSN|ISBN|invoice|rechnung\w*|factur[ae]|fattura|factuur|order|bestell\w*|commande"
             r"|pedido|ordine|ref(?:erence|erenz|erencia|erentie)?|customer|client[e]?|kunden\w*"
             r"|klant\w*|account|konto|tracking|parcel|shipment|sendung\w*|ticket|case|contract"
             r"|vertrag\w*|policy|p[óo]liza|polizza|polis|serial|article|artikel\w*|item|sku|ean"
             r"|vat|ust|tva|iva|btw|po|meeting|conference|webinar|pin|passcode|id|dossier|aktenzeichen"
             r"|expediente|pratica|booking|buchung\w*|réservation|reserva|prenotazione|boeking\w*"
             r"|siret|siren|rcs|kvk|hrb|hra|handelsregister\w*|registro|cif|nif|steuer\w*"
             r"|codice fiscale|partita iva|p\.? ?iva|isbn-?1[03]")
NOT_PHONE = re.compile(rf"(?i)(?:\b(?:{_NUMBERED})\b[\s.:#-]*(?:number|num(?:mer|éro|ero)?|n[or]"
                       r"|n\.?[°º]|#|id|code)?|\bno\.?|\bnr\.?|\bn\.?[°º]|#)[\s.:#-]*$")

_SEP = r"(?:[ \t]?[./-][ \t]?|[ \t])"   # 030 1234567, 030/1234567, 020 - 123 45 89
PHONE = re.compile(
    r"(?<![\w+-])(?:\+\d{8,15}"
    # international: +33 1 23 45 67 89, 0044 20 7946 0958, +49 (0)30 123456, +1 (415) 555-0199
    rf"|(?:\+|00)\d{{1,3}}[ .-]?(?:\(0?\d{{0,4}}\)[ .-]?)?\d{{1,5}}(?:{_SEP}\d{{1,8}}){{1,5}}"
    # national: 030 1234567, (555) 123-4567, 06 12 34 56 78, 0151/12345678, 089 45678-0
    rf"|(?:\(\d{{1,5}}\)[ .-]?)?\d{{2,5}}(?:{_SEP}\d{{2,8}}){{1,4}}(?:-\d{{1,4}})?)(?![\w-])")
# words that say the number after them is a phone's, within a short stretch before it
PHONE_WORDS = re.compile(
    r"(?i)\b(?:phone|tel|mobile?|mobil|cell|fax|call(?: us| me)?|ring|whatsapp|sms|hotline"
    r"|telefon\w*|handy|anruf\w*|rufen|erreichbar|durchwahl|zentrale"
    r"|t[ée]l[ée]phone|portable|appele[rz]|joignable|standard"
    r"|tel[ée]fono|m[óo]vil|fijo|ll[áa]m\w*|contacto"
    r"|telefoon|mobiel|gsm|bel(?:len|t)?|bereikbaar"
    r"|cellulare|cell\.|chiam\w*|numero verde|recapito)\b[^\n\d]{0,24}$")
# national formats without a trunk 0: Spain's 9 digits from 6, 7, 8 or 9 (612 345 678,
# 655 12 34 89), Italy's mobiles from 3 (339 8765432) and toll-free 800 numbers
NATIONAL_NO_TRUNK = re.compile(r"[6789]\d{2}(?: \d{3} \d{3}| \d{2} \d{2} \d{2})"
                               r"|3\d{2} ?\d{6,7}|80[03] ?\d{3} ?\d{3,4}")
# the token just before a number that makes the number part of a code: "AA1 01 2345"
# (a tracking number), "BE 0123.456.749" (a VAT number with its country)
CODE_BEFORE = re.compile(r"(?:\b(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{2,}|\b[A-Z]{2}) $")

# month names and their abbreviations in English, German (and Austrian), French,
# Spanish, Dutch and Italian
MONTH = (r"(?:jan(?:uary|uar|uari|vier)?|j[äa]nner|feb(?:ruary|ruar|ruari|brai?o|rero)?"
         r"|f[ée]v(?:rier)?|mar(?:ch|s|zo)?|m[äa]rz|maart|apr(?:il|ile)?|avr(?:il)?|abr(?:il)?"
         r"|ma[iy]|mayo|mei|maggio|jun[ei]?|juin|junio|giugno|jul[iy]?|juillet|julio|luglio"
         r"|aug(?:ust|ustus)?|ao[uû]t|agosto|sep(?:t|tember|tembre|tiembre)?|set(?:iembre|tembre)?"
         r"|o[ck]t(?:ober|obre|ubre)?|ottobre|nov(?:ember|embre)?|de[cz](?:ember)?"
         r"|d[ée]c(?:embre)?|dic(?:iembre|embre)?|ene(?:ro)?|gen(?:naio)?)\.?")
_YEAR = r"(?:19|20)\d{2}"
DATE = (rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-](?:{_YEAR}|\d{{2}})|{_YEAR}[-/.]\d{{1,2}}[-/.]\d{{1,2}}"
        # 5 March 1985, 5th of March, 1985, 1er mars 1985, 3 de mayo de 1990, 1. Mai 1980
        rf"|\d{{1,2}}(?:st|nd|rd|th|er|\.|º|°)?(?: of)? (?:de )?{MONTH},?(?: de)? {_YEAR}"
        rf"|{MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? {_YEAR})")
_BORN = (r"born|birth(?: ?date|day)|date of birth|d\.?o\.?b\.?"
         r"|geb(?:oren|urtsdatum|urtstag|\.(?:-?datum)?)|geboortedatum"
         r"|date de naissance|n[ée]e(?=\s)|né(?=\s)|fecha de nacimiento|nacid[oa]|f\. ?(?:de )?nac\.?"
         r"|data di nascita|(?-i:[Nn]at[oa])|naissance|nacimiento|nascita")
# the label, then (on the same line) a few words without digits or a second colon —
# "born in Leeds on", "Nato a Torino il", "checked against passport:" — perhaps a
# format hint "(DD/MM/YYYY)", then the date
DOB = re.compile(rf"(?i)(?<!\w)(?:{_BORN})(?!\w)[^\d\n:]{{0,40}}:?[ \t]*"
                 rf"(?:\([^)\n]{{0,20}}\)[:\s]*)?({DATE})(?!\d)")
