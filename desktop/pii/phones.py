"""Phone and fax numbers, told from the other numbers a document holds: invoice, order,
customer, contract and national-id numbers, dates and date ranges, times, amounts,
tracking and company numbers. A number is a phone's when its shape says so (+, 00, a
trunk 0, a national format) or a word before it does ("Tel.", "Handy", "GSM"), and no
noun or code right before it makes it a document's own number. No Qt."""

from __future__ import annotations

import bisect
import re

from desktop.pii.patterns import CARD_GROUPS

# a number right after one of these words is a document's number, not a phone's:
# "order number 0123 456 7890", "Kundennr. 030 1234", "meeting ID 884 2193 3071"
_NUMBERED = (r"ISSN|ISBN|invoice|rechnung\w*|factur[ae]|fattura|factuur|order|bestell\w*|commande"
             r"|pedido|ordine|r[ée]f(?:[ée]rence|erenz|erencia|erentie)?|kunden(?:nummer|nr)\w*"
             r"|klant(?:nummer|nr)\w*|account|konto\w*|rekening\w*|cuenta|compte|conto|tracking"
             r"|parcel|shipment|sendung\w*|ticket|case|contra[ct]t?[eo]?|contratto|vertrag\w*"
             r"|vorgang\w*|policy|p[óo]liza|polizz\w*|polis|serial|s/n|imei|article|artikel\w*|item"
             r"|sku|ean|vat|ust|ust-?id\w*|tva|iva|btw|po|meeting|conference|webinar|pin|passcode|id"
             r"|dossier|aktenzeichen|expediente|pratica|booking|buchung\w*|r[ée]servation|reserva"
             r"|prenotazione|boeking\w*|confirmation|best[äa]tigung\w*|confirmaci[óo]n|conferma"
             r"|bevestiging\w*|siret|siren|rcs|kvk|hrb|hra|handelsregister\w*|registro|cif|nif|nie"
             r"|dni|nss|steuer\w*|codice fiscale|partita iva|p\.? ?iva|isbn-?1[03]|livraison|pdl|prm"
             r"|compteur|z[äa]hler\w*|meter|contador|cups|pod|documento|beleg\w*|bon\w*|receipt"
             r"|quittung|re[çc]u|recibo|ricevuta|scontrino|kassenbon|accession|specimen|certificate"
             r"|certificat|zertifikat\w*|certificado|certificato|licen[cs]e|permis|f[üu]hrerschein"
             r"|rijbewijs|patente|matricul[ea]|personalnummer|personal-?nr|personeelsnummer"
             r"|personeelsnr|employee|mitarbeiter\w*|sozialversicherung\w*|sv-?nummer|nhs|nir|ssn"
             r"|social security|s[ée]curit[ée] sociale|seguridad social|bsn|ahv|avs|cpf|cnpj|pesel"
             r"|nip|regon|krs|cpr|personnummer|f[øo]dselsnummer|national|rijksregister\w*"
             r"|ondernemings\w*|entreprise|bce|kbo|ide|uid|tin|insee|mrn|nhc|patient|mandat\w*"
             r"|gl[äa]ubiger\w*|creditor|transa[ck]\w*|autori[sz]ation|authori[sz]ation|approval"
             r"|genehmigung\w*|lot|batch|blz|sort code|routing|aba|contribuinte|catastral|code"
             r"|codice|c[óo]digo|passwor[dt]|kennwort|zugangscode|zoom|webex|teams|member\w*"
             r"|mitglied\w*|adh[ée]rent|socio|lid|lidnummer|abonn\w*|subscriber|suscriptor|abbonat\w*"
             r"|card|karte|kartennummer|carte|tarjeta|carta|kaart|passport|reisepass|pass|passeport"
             r"|pasaporte|passaporto|paspoort|ausweis\w*|identity|identit[ée]|identidad|identit[àa]"
             r"|legitimatie\w*")
# a customer's or client's number needs the word: "Client: 0573 25 81 46" is a speaker
_WHOSE = r"customer|client[e]?|kunde|klant|cliente"
_NUMBER_WORD = r"(?:number|num(?:mer|éro|ero)?|n[or]|n\.?[°º]|n\.|#|id|code|codice|c[óo]digo)"
# a document's number: a noun right before it wins over a phone word further back
# ("service client – ticket n° 2024-118-4402"); a bare "no." or "#" only when no
# phone word says otherwise ("Phone no.: +1 415 555 2671" is a phone)
_VERB = (r"(?:[\s.:#()-]+(?:is|lautet|ist|est|es|è|was|war)(?:\s+(?:le|el|il|la|the|de|het))?)?"
         r"[\s.:#()-]*$")
NUMBERED_BY_NOUN = re.compile(
    rf"(?i)(?:\b(?:{_NUMBERED})\b[\s.:#()-]*{_NUMBER_WORD}?|\b(?:{_WHOSE})\b[\s.:#()-]*{_NUMBER_WORD}"
    rf"|\b{_NUMBER_WORD}\s+(?:de\s+|du\s+|di\s+|d')?(?:{_WHOSE})\b)" + _VERB)
NUMBERED_BY_SIGN = re.compile(r"(?i)(?:\bno\.?|\bnr\.?|\bn\.?[°º]|\bn\.|#)" + _VERB)
# a register and its town before the number: "RCS Lyon 812 555 001", "HRB Köln 1234"
REGISTERED = re.compile(r"(?i)\b(?:RCS|R\.C\.S\.|RPR|RPM|HR[AB]|KvK|Amtsgericht)\s+[A-ZÀ-Þ][\w-]+\s+$")

_SEP = r"(?:[ \t]?[./-][ \t]?|[ \t])"   # 030 1234567, 030/1234567, 020 - 123 45 89
PHONE = re.compile(
    r"(?<![\w+(-])(?:\+\d{8,15}"
    # international: +33 1 23 45 67 89, 0044 20 7946 0958, +49 (0)30 123456, +1 (415) 555-0199,
    # (+34) 634 871 205; North America's 1-800-555-0199
    rf"|(?:\+|00|\(\+)\d{{1,3}}\)?[ .-]?(?:\(0?\d{{0,4}}\)[ .-]?)?\d{{1,5}}(?:{_SEP}\d{{1,8}}){{1,5}}"
    r"|1[-. ]\d{3}[-. ]\d{3}[-. ]\d{4}"
    # the subscriber's digits in one run: +39 3471234567, +44(0)1134960824, (+358) 091390996,
    # (0543)-231948, (351) 911860913
    r"|(?:\+|00)\d{1,3}[ .-]?(?:\(0\)[ .-]?)?\d{6,12}|\(\+\d{1,3}\)[ .-]?\d{6,12}"
    # German numbers grouped in pairs from the right leave a single digit:
    # 05141 2 34 56, 06221 58 44 0 (a switchboard's 0)
    rf"|0\d{{2,4}}(?:{_SEP}\d{{1,8}}){{2,5}}(?=[^\d]|$)"
    # the old German style, the zone's digits spaced too: 0 30 / 12 34 56, (0 62 21) 54 32 10
    rf"|0(?: \d{{1,4}}){{1,2}}(?:{_SEP}\d{{1,8}}){{1,5}}"
    rf"|\(0(?: ?\d){{2,5}}\) ?\d{{1,8}}(?:{_SEP}\d{{1,8}}){{0,4}}"
    # national: 030 1234567, (555) 123-4567, 06 12 34 56 78, 0151/12345678, 089 45678-0
    rf"|(?:\(\d{{1,5}}\)[ .-]?)?\d{{2,5}}(?:{_SEP}\d{{2,8}}){{1,4}}(?:-\d{{1,4}})?"
    r"|\(\d{1,5}\)[ .-]?\d{4,10}"
    # or no groups at all: 0612345678, 02074960482, Tel. 28194821 (judged below)
    r"|\d{8,12})"
    # an extension may follow: 212-555-0134x204
    r"(?=x\d|(?![\w-]))")
# words that say the number after them is a phone's, within a short stretch before it
PHONE_WORDS = re.compile(
    r"(?i)\b(?:phone|tel|mobile?|mobil|cell|fax|call(?: us| me)?|ring|whatsapp|sms|hotline"
    r"|telefon\w*|telefax|handy|natel|anruf\w*|rufen|ruf|rufnummer|erreichbar|durchwahl|zentrale"
    r"|contact|kontakt|contatto|t[ée]l[ée]phone|t[ée]l[ée]c(?:opieur)?|portable|appele[rz]"
    r"|joignable|standard"
    r"|tel[ée]fono|m[óo]vil|fijo|ll[áa]m\w*|contacto|tfno|telf|celular"
    r"|telefoon|mobiel|gsm|bel(?:len|t)?|bereikbaar|telefone|telem[óo]vel|linha|contato"
    r"|cellulare|cell\.|chiam\w*|numero verde|recapito|tlf|tlfn|mob|puh|puhelin|ph"
    r"|customer service|service client|kundenservice|kundendienst|atenci[óo]n al cliente"
    r"|klantenservice|servizio clienti|linha de apoio|text(?: me| us)?|[ée]cri\w*|escr[ií]b\w*"
    r"|scriv\w*|schreib\w*|app(?: me)?"
    # "my number is", "meine Nummer", "mi número", "il mio numero", "mijn nummer"
    r"|(?:my|mein\w*|unser\w*|mon|notre|mi|nuestro|mijn|ons|il mio|o meu|our)\s+(?:\w+\s+)?"
    r"(?:number|nummer|num[ée]ro|n[úu]mero)"
    # a signature's letters: "T: 28 19 48 21", "M. 612 345 678", "F +45 33 12 34 57"
    r"|(?:(?<=\n)|(?<=[|·•,;/] )|(?<=  )|(?<=\t)|^)(?-i:[TMF])(?=\s?[:.]|\s\+))\b[^\n\d]{0,24}$")
_PHONE_TOKEN = re.compile(r"(?i)tel|fax|gsm|mob|cell|tfno|telf|tlf|tlfn|natel|handy|phone|call|ring|ph|sms")
# national formats without a trunk 0: Spain's 9 digits from 6, 7, 8 or 9 (612 345 678,
# 655 12 34 89), Italy's mobiles from 3 (339 8765432) and toll-free 800 numbers
NATIONAL_NO_TRUNK = re.compile(r"[6789]\d{2}(?: \d{3} \d{3}| \d{2} \d{2} \d{2})"
                               r"|3\d{2} ?\d{6,7}|80[03] ?\d{3} ?\d{3,4}")
# the token just before a number that makes the number part of a code: "AA1 01 2345"
# (a tracking number), "BE 0123.456.749" (a VAT number with its country), "DPS 4471
# 2209 8813" (a scheme's certificate), or a lone short number, the start of a longer
# one: "Référence client : 6 0012 4471 88"
CODE_BEFORE = re.compile(r"(?:\b(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{2,}|\b(?P<caps>[A-Z]{2,5})"
                         r"|(?<![\d:])\b\d{1,4}) $")
# Belgium's company numbers: 0456.789.123 (its phones are grouped 2-3 digits after the zone)
_BE_COMPANY = re.compile(r"0\d{3}\.\d{3}\.\d{3}")
# shapes no phone is printed in: a US social security number (123-45-6789), an ISBN
# (978-84-209-0692-8), a Brazilian postcode (01835-794), a Swiss AHV number
_NOT_PHONE_SHAPE = re.compile(r"\d{3}-\d{2}-\d{4}|97[89][- ][\d -]{10,14}|\d{5}-\d{3}"
                              r"|756\.\d{4}\.\d{4}\.\d{2}")
# a time or a span of hours: 09.00-09.45, 9:00 - 14:00
_HOURS = re.compile(r"[0-2]?\d[.:h][0-5]\d(?:\s*[-–]\s*[0-2]?\d[.:h][0-5]\d)?")
_HOURS_AFTER = re.compile(r"(?i)\s*(?:uhr|uur|h\b|heures?|horas|ore|o'clock|am\b|pm\b)")


def find_phones(text: str, dates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each phone number; dates are never one, nor part of one."""
    found = []
    date_starts = [a for a, _ in dates]
    for m in PHONE.finditer(text):
        number = m.group()
        k = bisect.bisect_left(date_starts, m.end()) - 1   # the last date starting before its end
        if k >= 0 and dates[k][1] > m.start():
            continue            # "06.05.2024 - 27.05.2024" is a stay
        digits = re.sub(r"\D", "", number)
        groups = tuple(len(g) for g in re.findall(r"\d+", number))
        before = text[max(0, m.start() - 40):m.start()]
        said = PHONE_WORDS.search(before) is not None
        international = number[0] == "+" or number.startswith(("00", "(+"))
        # a phone number starts with +, ( or a trunk 0, or is in a national format without
        # a trunk 0 -- North America's 3-3-4 (415 555 0132, 1-800-555-0199), Italy's
        # mobiles from 3 (333 123 4567), Spain's nine digits -- or follows a word that says
        # it is one; invoice numbers, amounts and other grouped numbers do not
        dials = len(digits) >= 10 and (groups in ((3, 3, 4), (1, 3, 3, 4))
                                       or number[0] == "3" and groups[0] == 3 and len(groups) >= 3)
        looks = (number[0] in "+(0" and len(digits) >= 7 or dials
                 or NATIONAL_NO_TRUNK.fullmatch(number) is not None or said and len(digits) >= 7)
        if len(groups) == 1 and number[0].isdigit():
            # one run of digits is a phone's only when a word says so ("Tel. 0612345678",
            # "Tlf. 28194821"): national ids, accounts and EANs are runs too
            looks = said and 8 <= len(digits) <= 13
        if _NOT_PHONE_SHAPE.fullmatch(number) and not said:
            continue
        numbered = (NUMBERED_BY_NOUN.search(before) is not None or REGISTERED.search(before) is not None
                    or NUMBERED_BY_SIGN.search(before) is not None and not said)
        code = CODE_BEFORE.search(before)
        coded = code is not None and not (code.group("caps") and _PHONE_TOKEN.fullmatch(code.group("caps")))
        # a date with its time ("11.05.2024 10:41") is neither; nor hours ("09.00-09.45 uur")
        timed = (text[m.end():m.end() + 1] == ":" or _HOURS.fullmatch(number) is not None
                 or _HOURS_AFTER.match(text, m.end()) is not None and len(digits) <= 8)
        # a card's grouping (4-4-4-4, 4-6-5) is a card's or an account's, even if it fails Luhn
        card_like = not international and len(digits) >= 13 and groups in CARD_GROUPS
        company = _BE_COMPANY.fullmatch(number) is not None and not said
        if number.startswith(("0 ", "(0 ")) and not said:
            continue            # a spaced zone is a phone's only when a word says so
        if (looks and not numbered and not coded and not timed and not card_like and not company
                and len(digits) <= 15):
            found.append((m.start(), m.end()))
    return found
