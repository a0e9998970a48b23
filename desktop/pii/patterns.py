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
             r"|pedido|ordine|r[ée]f(?:[ée]rence|erenz|erencia|erentie)?|kunden(?:nummer|nr)\w*"
             r"|klant(?:nummer|nr)\w*|account|konto|tracking|parcel|shipment|sendung\w*|ticket|case"
             r"|contract|vertrag\w*|vorgang\w*|policy|p[óo]liza|polizza|polis|serial|article"
             r"|artikel\w*|item|sku|ean|vat|ust|tva|iva|btw|po|meeting|conference|webinar|pin"
             r"|passcode|id|dossier|aktenzeichen|expediente|pratica|booking|buchung\w*|r[ée]servation"
             r"|reserva|prenotazione|boeking\w*|confirmation|best[äa]tigung\w*|confirmaci[óo]n"
             r"|conferma|bevestiging\w*|siret|siren|rcs|kvk|hrb|hra|handelsregister\w*|registro|cif"
             r"|nif|steuer\w*|codice fiscale|partita iva|p\.? ?iva|isbn-?1[03]|livraison|pdl|prm"
             r"|compteur|z[äa]hler\w*|meter|contador|cups|pod|documento|beleg\w*|bon\w*|receipt"
             r"|quittung|re[çc]u|recibo|ricevuta|scontrino|kassenbon")
# a customer's or client's number needs the word: "Client: 0573 25 81 46" is a speaker
_WHOSE = r"customer|client[e]?|kunde|klant|cliente"
_NUMBER_WORD = r"(?:number|num(?:mer|éro|ero)?|n[or]|n\.?[°º]|n\.|#|id|code)"
# a document's number: a noun right before it wins over a phone word further back
# ("service client – ticket n° 2024-118-4402"); a bare "no." or "#" only when no
# phone word says otherwise ("Phone no.: +1 415 555 2671" is a phone)
_VERB = r"(?:[\s.:#()-]+(?:is|lautet|ist|est|es|è|was|war))?[\s.:#()-]*$"
NUMBERED_BY_NOUN = re.compile(
    rf"(?i)(?:\b(?:{_NUMBERED})\b[\s.:#()-]*{_NUMBER_WORD}?|\b(?:{_WHOSE})\b[\s.:#()-]*{_NUMBER_WORD})"
    + _VERB)
NUMBERED_BY_SIGN = re.compile(r"(?i)(?:\bno\.?|\bnr\.?|\bn\.?[°º]|\bn\.|#)" + _VERB)

_SEP = r"(?:[ \t]?[./-][ \t]?|[ \t])"   # 030 1234567, 030/1234567, 020 - 123 45 89
PHONE = re.compile(
    r"(?<![\w+(-])(?:\+\d{8,15}"
    # international: +33 1 23 45 67 89, 0044 20 7946 0958, +49 (0)30 123456, +1 (415) 555-0199,
    # (+34) 634 871 205; North America's 1-800-555-0199
    rf"|(?:\+|00|\(\+)\d{{1,3}}\)?[ .-]?(?:\(0?\d{{0,4}}\)[ .-]?)?\d{{1,5}}(?:{_SEP}\d{{1,8}}){{1,5}}"
    r"|1[-. ]\d{3}[-. ]\d{3}[-. ]\d{4}"
    # national: 030 1234567, (555) 123-4567, 06 12 34 56 78, 0151/12345678, 089 45678-0
    rf"|(?:\(\d{{1,5}}\)[ .-]?)?\d{{2,5}}(?:{_SEP}\d{{2,8}}){{1,4}}(?:-\d{{1,4}})?)(?![\w-])")
# words that say the number after them is a phone's, within a short stretch before it
PHONE_WORDS = re.compile(
    r"(?i)\b(?:phone|tel|mobile?|mobil|cell|fax|call(?: us| me)?|ring|whatsapp|sms|hotline"
    r"|telefon\w*|handy|anruf\w*|rufen|erreichbar|durchwahl|zentrale"
    r"|t[ée]l[ée]phone|portable|appele[rz]|joignable|standard"
    r"|tel[ée]fono|m[óo]vil|fijo|ll[áa]m\w*|contacto"
    r"|telefoon|mobiel|gsm|bel(?:len|t)?|bereikbaar"
    r"|cellulare|cell\.|chiam\w*|numero verde|recapito"
    r"|customer service|service client|kundenservice|kundendienst|atenci[óo]n al cliente"
    r"|klantenservice|servizio clienti)\b[^\n\d]{0,24}$")
# national formats without a trunk 0: Spain's 9 digits from 6, 7, 8 or 9 (612 345 678,
# 655 12 34 89), Italy's mobiles from 3 (339 8765432) and toll-free 800 numbers
NATIONAL_NO_TRUNK = re.compile(r"[6789]\d{2}(?: \d{3} \d{3}| \d{2} \d{2} \d{2})"
                               r"|3\d{2} ?\d{6,7}|80[03] ?\d{3} ?\d{3,4}")
# the token just before a number that makes the number part of a code: "AA1 01 2345"
# (a tracking number), "BE 0123.456.749" (a VAT number with its country)
# or a lone short number, the start of a longer one: "Référence client : 6 0012 4471 88"
CODE_BEFORE = re.compile(r"(?:\b(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{2,}|\b[A-Z]{2}|(?<![\d:])\b\d{1,4}) $")

# month names and their abbreviations in English, German (and Austrian), French,
# Spanish, Dutch and Italian
MONTH = (r"(?:jan(?:uary|uar|uari|v|vier)?|j[äa]nner|feb(?:ruary|ruar|ruari|brai?o|rero)?"
         r"|f[ée]vr?(?:ier)?|mar(?:ch|s|zo|ço)?|m[äa]rz|maart|apr(?:il|ile)?|avr(?:il)?|abr(?:il)?"
         r"|ma[iy]|mayo|mei|maggio|jun[ei]?|juin|junio|giugno|jul[iy]?|juil|juillet|julio|luglio"
         r"|aug(?:ust|ustus)?|ao[uû]t|agosto|sep(?:t|tember|tembre|tiembre)?|set(?:iembre|tembre)?"
         r"|o[ck]t(?:ober|obre|ubre)?|ottobre|nov(?:ember|embre|iembre)?|de[cz](?:ember|embro)?"
         r"|d[ée]c(?:embre)?|dic(?:iembre|embre)?|ene(?:ro)?|gen(?:naio)?)\.?")
_YEAR = r"(?:19|20)\d{2}"
DATE = (rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-](?:{_YEAR}|\d{{2}})|{_YEAR}[-/.]\d{{1,2}}[-/.]\d{{1,2}}"
        # 5 March 1985, 5th of March, 1985, 1er mars 1985, 3 de mayo de 1990, 1. Mai 1980
        rf"|\d{{1,2}}(?:st|nd|rd|th|er|\.|º|°)?(?: of)? (?:de )?{MONTH},?(?: de)? {_YEAR}"
        rf"|{MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? {_YEAR}"
        # 4 aprile '83
        rf"|\d{{1,2}}\.? {MONTH} '\d{{2}})")
_BORN = (r"born|birth(?: ?date|day)|date of birth|d\.?o\.?b\.?"
         r"|geb(?:oren|urtsdatum|urtstag|\.(?:-?datum)?)|geboortedatum"
         r"|date de naissance|n[ée]e(?=\s)|né(?=\s)|né\(e\)|fecha de nacimiento|nacid[oa]|naci[óo]"
         r"|f\. ?(?:de )?nac\.?|data de nascimento|nascid[oa]|nasci(?= em)"
         r"|data di nascita|(?-i:[Nn]at[oa])|naissance|nacimiento|nascita")
# the label, then (on the same line) a few words without digits or a second colon —
# "born in Leeds on", "Nato a Torino il", "checked against passport:" — perhaps a
# format hint "(DD/MM/YYYY)", then the date
DOB = re.compile(rf"(?i)(?<!\w)(?:{_BORN})(?!\w)[^\d\n:]{{0,40}}:?[ \t]*"
                 # "date of birth: it's 30 January 1994"
                 r"(?:(?:it'?s|is|was|the|le|el|il|am|op|on|em)\s+)*"
                 rf"(?:\([^)\n]{{0,20}}\)[:\s]*)?({DATE})(?!\d)"
                 # the answer on the next line of a chat: "... Geburtsdatum?\n[09:14] Kunde: 3.2.84"
                 rf"|(?<!\w)(?:{_BORN})(?!\w)[^\n]{{0,60}}\n(?:\[[\d:]+\]\s*)?[^\d\n:]{{1,20}}:\s*"
                 rf"(?:(?:nasci em|né le|le)\s+)?({DATE})(?!\d)"
                 # German and Dutch put the word after: "Ich bin am 12. Januar 1955 geboren"
                 rf"|\b(?:am|op)\s+({DATE})(?!\d)[^\n.]{{0,30}}?\bgeboren\b")
