#!/usr/bin/env python3
"""Writes the labelled development set for grounded invoice-field extraction.

    python bench/extraction_data/make_set.py          # rewrites docs/ and manifest.json

Every document is invented here: vendors, customers, addresses, numbers, IBANs and VAT ids
are drawn from made-up name parts (phone numbers use the ranges set aside for fiction where
a country has one). Nothing is copied from another project's test set or from real papers.

Each `docs/<id>.pdf` has a `docs/<id>.json` next to it:

    expected   the answer: vendor (issuer, as printed), invoice_number (as printed, null for
               a receipt without one), date (ISSUE date, ISO), total (grand total / amount
               due, a number; credit notes print and expect a positive amount), currency
    printed    the exact strings the PDF shows for those four values, so a test can check
               they are in the text layer and a grounded extractor's evidence can be checked
    extra      other printed facts, when present: subtotal (the pre-tax amount: subtotal +
               tax == total to the cent), tax, tax_included, discount, shipping, due_date,
               delivery_date, order_date, iban, vat_id, email, customer, customer_number,
               order_number (strings exactly as printed, dates ISO, amounts numbers)
    notes      what makes the document hard

The output is deterministic: each document draws from its own `random.Random` seeded with its
id and split, and the holdout split uses its own vendor name parts, so holdout vendors,
numbers and issue dates never occur in the dev split.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.pdfmaker import make_layout_pdf, text_width  # noqa: E402

DOCS = HERE / "docs"
SEED = "runnel-extraction-set-v1"

LEFT, RIGHT = 50.0, 545.0
FIRST_DAY, LAST_DAY = dt.date(2019, 1, 1), dt.date(2026, 11, 30)

LAYOUTS = ["label_value", "table", "two_columns", "label_below", "label_above", "multi_page",
           "receipt", "no_tax", "with_tax", "footer_vendor", "letter"]
# Three more documents per language, so every layout is used five to seven times.
EXTRA_LAYOUTS = {"en": ["table", "two_columns", "receipt"], "de": ["with_tax", "label_below", "letter"],
                 "fr": ["label_value", "multi_page", "footer_vendor"],
                 "nl": ["label_above", "table", "no_tax"], "es": ["two_columns", "with_tax", "receipt"]}
LANGS = ["en", "de", "fr", "nl", "es"]
REGIONS = {
    "en": ["US", "GB", "IE", "US", "GB", "US", "GB", "IE", "US", "GB", "US", "GB", "IE", "US"],
    "de": ["DE", "DE", "AT", "DE", "CH", "DE", "AT", "DE", "CH", "DE", "DE", "AT", "DE", "CH"],
    "fr": ["FR", "FR", "BE", "FR", "CH", "FR", "BE", "FR", "FR", "CH", "FR", "BE", "FR", "FR"],
    "nl": ["NL", "NL", "BE", "NL", "NL", "BE", "NL", "NL", "BE", "NL", "NL", "BE", "NL", "NL"],
    "es": ["ES"] * 14,
}
# One credit note and one order confirmation per language, on these layouts (first use).
SPECIAL_TYPES = {"en": {"table": "credit_note", "label_above": "order_confirmation"},
                 "de": {"label_value": "credit_note", "two_columns": "order_confirmation"},
                 "fr": {"with_tax": "credit_note", "table": "order_confirmation"},
                 "nl": {"two_columns": "credit_note", "label_value": "order_confirmation"},
                 "es": {"label_above": "credit_note", "with_tax": "order_confirmation"}}

CURRENCY = {"US": "USD", "GB": "GBP", "CH": "CHF"}          # everything else EUR

# ---------------------------------------------------------------------------------------------
# Formatting: numbers, money, dates

NUM_STYLES = {"us": (",", "."), "eu": (".", ","), "fr": (" ", ","), "ch": ("'", "."),
              "es4": (".", ",")}      # es4: Spanish style without a separator in 4-digit numbers

# Per region: (number style, money pattern) pairs, cycled through by document; {s} symbol,
# {c} ISO code, {n} number. Patterns marked "mixed" use the other convention on purpose.
MONEY_STYLES = {
    "US": [("us", "{s}{n}"), ("us", "{c} {n}"), ("us", "{s} {n}"), ("us", "{n} {c}")],
    "GB": [("us", "{s}{n}"), ("us", "{s} {n}"), ("us", "{c} {n}")],
    "IE": [("us", "{s}{n}"), ("us", "{c} {n}"), ("us", "{s} {n}")],
    "DE": [("eu", "{n} {s}"), ("eu", "{n} {c}"), ("eu", "{c} {n}"), ("us", "{n} {c}"), ("eu", "{s} {n}")],
    "AT": [("eu", "{s} {n}"), ("eu", "{c} {n}"), ("eu", "{n} {s}")],
    "CH": [("ch", "{c} {n}"), ("ch", "{n} {c}"), ("ch", "{c} {n}")],
    "FR": [("fr", "{n} {s}"), ("fr", "{n} {c}"), ("eu", "{n} {s}"), ("fr", "{n} {s}"), ("us", "{c} {n}")],
    "BE": [("eu", "{s} {n}"), ("eu", "{n} {s}"), ("fr", "{n} {s}"), ("eu", "{c} {n}")],
    "NL": [("eu", "{s} {n}"), ("eu", "{c} {n}"), ("eu", "{s}{n}"), ("us", "{c} {n}"), ("eu", "{s} {n}")],
    "ES": [("eu", "{n} {s}"), ("es4", "{n} {s}"), ("eu", "{n} {c}"), ("eu", "{s} {n}"), ("us", "{n} {c}")],
}
SYMBOL = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}

DATE_STYLES = {
    "US": ["us_slash", "us_abbr", "us_ordinal", "us_long", "iso", "us_slash"],
    "GB": ["uk_slash", "uk_long", "uk_ordinal", "uk_abbr", "iso"],
    "IE": ["uk_slash", "uk_abbr", "uk_long"],
    "DE": ["de_dot", "de_long", "de_dot_short", "iso", "de_dot"],
    "AT": ["de_long", "de_dot", "de_long"],
    "CH": ["de_dot", "de_long", "de_dot"],
    "FR": ["fr_slash", "fr_long", "fr_slash", "fr_long", "iso"],
    "BE": ["fr_slash", "fr_long"],
    "BEnl": ["nl_long", "fr_slash", "nl_dash0"],
    "CHfr": ["ch_dot", "fr_long", "ch_dot"],
    "NL": ["nl_dash", "nl_long", "nl_dash0", "iso", "nl_dash", "nl_long"],
    "ES": ["es_long", "es_slash", "es_dash", "es_long", "iso"],
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
}


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_date(d: dt.date, style: str, lang: str, region: str) -> str:
    months = MONTHS[lang if lang != "en" else "en"]
    if style == "iso":
        return d.isoformat()
    if style == "us_slash":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "us_abbr":
        return f"{MONTHS['en'][d.month - 1][:3]} {d.day}, {d.year}"
    if style == "us_long":
        return f"{MONTHS['en'][d.month - 1]} {d.day}, {d.year}"
    if style == "us_ordinal":
        return f"{MONTHS['en'][d.month - 1]} {ordinal(d.day)}, {d.year}"
    if style == "uk_slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "uk_long":
        return f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}"
    if style == "uk_ordinal":
        return f"{ordinal(d.day)} {MONTHS['en'][d.month - 1]} {d.year}"
    if style == "uk_abbr":
        return f"{d.day:02d} {MONTHS['en'][d.month - 1][:3]} {d.year}"
    if style == "de_dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "de_dot_short":
        return f"{d.day}.{d.month}.{d.year}"
    if style == "de_long":
        month = MONTHS["de"][d.month - 1]
        if region == "AT" and d.month == 1:
            month = "Jänner"
        return f"{d.day}. {month} {d.year}"
    if style == "ch_dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "fr_slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "fr_long":
        return f"{'1er' if d.day == 1 else d.day} {MONTHS['fr'][d.month - 1]} {d.year}"
    if style == "nl_dash":
        return f"{d.day}-{d.month}-{d.year}"
    if style == "nl_dash0":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "nl_long":
        return f"{d.day} {MONTHS['nl'][d.month - 1]} {d.year}"
    if style == "es_long":
        return f"{d.day} de {MONTHS['es'][d.month - 1]} de {d.year}"
    if style == "es_slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "es_dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    raise ValueError(style)


def format_number(cents: int, style: str) -> str:
    sep, dec = NUM_STYLES[style]
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    digits = str(whole)
    if len(digits) >= (5 if style == "es4" else 4):
        groups = []
        while len(digits) > 3:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        groups.insert(0, digits)
        digits = sep.join(groups)
    return f"{sign}{digits}{dec}{frac:02d}"


def cents(value) -> int:
    return int((Decimal(value) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def percent_of(amount: int, rate: Decimal) -> int:
    return int((Decimal(amount) * rate / 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


# ---------------------------------------------------------------------------------------------
# Invented parties

# Brand / surname parts: the first 12 feed the dev split, the last 6 the holdout split.
BRANDS = {
    "en": ["Brightwater", "Kestrel", "Harrowgate", "Bluefen", "Oakhollow", "Tidewell", "Copperleaf",
           "Larkspur", "Fernhill", "Saltmarsh", "Greywillow", "Amberline",
           "Pebblebrook", "Ravensworth", "Quillfield", "Marlowe & Finch", "Thistledown", "Westerbay"],
    "de": ["Bergmann", "Lindenhof", "Kranich", "Sonnleitner", "Wiesental", "Hagedorn", "Falkenried",
           "Ostwind", "Tannhäuser", "Mühlenbeck", "Rosenthaler", "Eichgraben",
           "Birkenfeld", "Steinhauer", "Kläger & Sohn", "Auenwald", "Fuchsberger", "Hollerbach"],
    "fr": ["Lemoine", "Garnier", "Roussel", "Delaunay", "Vasseur", "Chevrier", "Marchal", "Besnard",
           "Ferrand", "Aubertin", "Leclercq", "Pontcarré",
           "Duvivier", "Maréchal", "Castagnède", "Rivoire", "Lhermitte", "Bellanger"],
    "nl": ["Van Dijk", "Verhoeven", "De Wit", "Kuipers", "Van Leeuwen", "Mulder", "Brouwer",
           "Hendriks", "Smits", "Van der Heijden", "Zeewind", "Korenbloem",
           "Van Wijngaarden", "Dekkers", "Oosterhout", "Blauwbrug", "Terpstra", "Hofstede"],
    "es": ["Albarracín", "Ortega", "Peñalver", "Castañeda", "Iturbe", "Moreno", "Salvatierra",
           "Villalba", "Quintana", "Arrieta", "Montesinos", "Calatrava",
           "Echeverría", "Lozano", "Valdemoro", "Urquijo", "Sotomayor", "Barrachina"],
}
# Trades with the theme of goods they sell: O office/print/IT, C craft/building, S services,
# F food and drink.
TRADES = {
    "en": [("Stationery", "O"), ("Print Works", "O"), ("Joinery", "C"), ("IT Services", "O"),
           ("Catering", "F"), ("Electrical", "C"), ("Office Supplies", "O"), ("Design Studio", "S"),
           ("Facilities", "C"), ("Logistics", "S"), ("Signage", "O"), ("Events", "S")],
    "de": [("Bürotechnik", "O"), ("Gebäudereinigung", "S"), ("Druckerei", "O"), ("Elektrotechnik", "C"),
           ("Getränkehandel", "F"), ("Metallbau", "C"), ("Softwarehaus", "O"), ("Haustechnik", "C"),
           ("Papierwaren", "O"), ("Messebau", "S")],
    "fr": [("Imprimerie", "O"), ("Transports", "S"), ("Menuiserie", "C"), ("Traiteur", "F"),
           ("Plomberie", "C"), ("Fournitures", "O"), ("Informatique", "O"), ("Nettoyage", "S"),
           ("Électricité", "C")],
    "nl": [("Installatietechniek", "C"), ("Drukkerij", "O"), ("Schilderwerken", "C"), ("Transport", "S"),
           ("Kantoorartikelen", "O"), ("ICT Diensten", "O"), ("Hoveniers", "S"), ("Catering", "F"),
           ("Schoonmaak", "S")],
    "es": [("Suministros", "O"), ("Talleres", "C"), ("Distribuciones", "S"), ("Gráficas", "O"),
           ("Construcciones", "C"), ("Transportes", "S"), ("Informática", "O"), ("Catering", "F"),
           ("Climatización", "C")],
}
SHOPS = {
    "en": ["Coffee House", "Deli", "Corner Market", "Bakery"],
    "de": ["Bäckerei", "Café", "Markt", "Feinkost"],
    "fr": ["Boulangerie", "Café", "Épicerie", "Fromagerie"],
    "nl": ["Koffiebar", "Bakkerij", "Lunchroom", "Buurtsuper"],
    "es": ["Cafetería", "Panadería", "Ultramarinos", "Bar"],
}
LEGAL = {"US": ["Inc.", "LLC", "Corp.", "Co."], "GB": ["Ltd", "Limited", "LLP", "Ltd."],
         "IE": ["Ltd", "Limited", "DAC"], "DE": ["GmbH", "GmbH & Co. KG", "KG", "e.K.", "AG", "OHG"],
         "AT": ["GmbH", "KG", "OG", "e.U."], "CH": ["AG", "GmbH"],
         "FR": ["SARL", "SAS", "SA", "EURL"], "BE": ["SRL", "SA", "SPRL"],
         "NL": ["B.V.", "B.V.", "V.O.F.", "BV"], "ES": ["S.L.", "S.A.", "S.L.U.", "S.Coop."]}
LEGAL_ALT = {("CH", "fr"): ["Sàrl", "SA"], ("BE", "nl"): ["BV", "NV", "BVBA"]}

CUSTOMERS = {
    "en": ["Avery Consulting Ltd", "Pinecrest Dental Practice", "Northgate Housing Association",
           "Halden & Rowe Architects", "Silverbirch Primary School", "Meridian Freight Partners",
           "Cobalt Street Bistro", "Linwood Veterinary Clinic", "Orchard Lane Studios",
           "Blackthorn Property Management"],
    "de": ["Praxis Dr. Annette Vogt", "Stadtwerke Hohenmoor", "Kanzlei Roth & Partner mbB",
           "Hotel Seeblick GmbH", "Grundschule am Wasserturm", "Autohaus Brenner KG",
           "Tischlerei Oberholz", "Ingenieurbüro Sanders", "Weinhandlung Kortmann",
           "Pflegedienst Lichtblick gGmbH"],
    "fr": ["Cabinet Dr Hélène Moreau", "Mairie de Saint-Aubin-sur-Loire", "Hôtel Les Tilleuls",
           "Agence Horizon Voyages", "Garage Perrin & Fils", "Crèche Les Petits Loups",
           "Librairie Page Blanche", "Domaine de la Croix-Rousse", "Studio Lumière SAS",
           "Association Vélo Pour Tous"],
    "nl": ["Tandartspraktijk Het Anker", "Gemeente Oudervaart", "Hotel De Zilveren Maan",
           "Basisschool De Regenboog", "Fietsenwinkel Trapper", "Architectenbureau Lijn & Vorm",
           "Restaurant Het Gouden Hert", "Stichting Groen Dak", "Autobedrijf Jansen",
           "Kinderopvang Het Kasteeltje"],
    "es": ["Clínica Dental Sonrisa", "Ayuntamiento de Villanueva del Prado", "Hotel Mirador del Sol",
           "Colegio San Martín", "Restaurante La Alacena", "Estudio de Arquitectura Línea",
           "Academia de Idiomas Babel", "Bodegas Cerro Alto", "Gimnasio Forma Activa",
           "Fundación Horizonte Verde"],
}
CONTACTS = {
    "en": ["Ms Joanna Pryce", "Mr David Okafor", "Ms Priya Raman", "Mr Tom Hargreaves", "Ms Ellen Cho"],
    "de": ["z. Hd. Frau Katrin Albers", "z. Hd. Herrn Jonas Riedl", "Frau Dr. Miriam Kessler",
           "Herrn Stefan Wolters", "z. Hd. Frau Leonie Brandt"],
    "fr": ["À l'attention de Mme Claire Dubois", "M. Julien Faure", "Mme Sophie Lambert",
           "À l'attention de M. Karim Benali", "Mme Anne-Laure Petit"],
    "nl": ["t.a.v. mevrouw S. de Boer", "t.a.v. de heer P. Visser", "T.a.v. Financiële administratie",
           "t.a.v. mevrouw L. Bakker", "t.a.v. de heer R. Meijer"],
    "es": ["A la atención de D.ª Lucía Herrera", "D. Javier Domínguez", "Dpto. de Administración",
           "A la atención de D. Pablo Serrano", "D.ª Marta Vidal"],
}
SIGNERS = {"en": ["Hannah Ellery", "Marcus Webb", "Olivia Strand"],
           "de": ["Martina Keller", "Thomas Vogelsang", "Sabine Ruhland"],
           "fr": ["Isabelle Garnier", "Mathieu Roche", "Nathalie Vidal"],
           "nl": ["Sanne Vermeulen", "Joost de Graaf", "Eva Kramer"],
           "es": ["Carmen Ruiz", "Alberto Gil", "Elena Navarro"]}
CITIES = {
    "US": [("Portland", "OR", "97209"), ("Austin", "TX", "78704"), ("Madison", "WI", "53703"),
           ("Burlington", "VT", "05401"), ("Boise", "ID", "83702"), ("Raleigh", "NC", "27601")],
    "GB": [("Bristol", "BS1 4QA"), ("Leeds", "LS2 7HY"), ("Norwich", "NR2 1TF"), ("York", "YO1 7HH"),
           ("Cardiff", "CF10 1EP"), ("Exeter", "EX4 3LS")],
    "IE": [("Galway", "H91 E2K3"), ("Cork", "T12 X70A"), ("Dublin 8", "D08 T9P2"), ("Limerick", "V94 R2C6")],
    "DE": [("28195", "Bremen"), ("04109", "Leipzig"), ("79098", "Freiburg im Breisgau"),
           ("90402", "Nürnberg"), ("48143", "Münster"), ("24103", "Kiel"), ("65183", "Wiesbaden")],
    "AT": [("4020", "Linz"), ("8010", "Graz"), ("6020", "Innsbruck"), ("5020", "Salzburg")],
    "CH": [("8004", "Zürich"), ("3011", "Bern"), ("4051", "Basel"), ("9000", "St. Gallen")],
    "CHfr": [("1003", "Lausanne"), ("1204", "Genève"), ("2000", "Neuchâtel"), ("1700", "Fribourg")],
    "FR": [("69002", "Lyon"), ("33000", "Bordeaux"), ("44000", "Nantes"), ("31000", "Toulouse"),
           ("67000", "Strasbourg"), ("35000", "Rennes"), ("13001", "Marseille")],
    "BEfr": [("1000", "Bruxelles"), ("4000", "Liège"), ("5000", "Namur"), ("7000", "Mons")],
    "BEnl": [("9000", "Gent"), ("2000", "Antwerpen"), ("3000", "Leuven"), ("8000", "Brugge")],
    "NL": [("3511 LN", "Utrecht"), ("9711 HV", "Groningen"), ("2511 CV", "Den Haag"),
           ("5611 EM", "Eindhoven"), ("6811 KA", "Arnhem"), ("2011 RM", "Haarlem")],
    "ES": [("50001", "Zaragoza"), ("46002", "Valencia"), ("41001", "Sevilla"), ("48001", "Bilbao"),
           ("29015", "Málaga"), ("15001", "A Coruña"), ("28013", "Madrid")],
}
STREETS = {
    "US": ["NW Everett St", "Main Street", "Oak Avenue", "Commerce Drive", "Elm St, Suite 210"],
    "GB": ["Harbour Street", "Mill Lane", "Station Road", "Kingsway", "Elm Grove"],
    "IE": ["Dock Road", "Shop Street", "Quay Lane", "Abbey Street"],
    "DE": ["Hafenstraße", "Lindenallee", "Am Mühlbach", "Bahnhofstraße", "Gartenweg", "Schillerplatz"],
    "AT": ["Landstraße", "Herrengasse", "Mariahilfer Straße", "Kaigasse"],
    "CH": ["Seefeldstrasse", "Bahnhofstrasse", "Marktgasse", "Rheinweg"],
    "fr": ["rue des Tanneurs", "avenue Jean Jaurès", "boulevard de la Liberté", "place du Marché",
           "quai des Chartrons", "chemin des Vignes"],
    "nl": ["Oudegracht", "Stationsweg", "Kerkstraat", "Nieuwe Binnenweg", "Molenstraat", "Veldlaan"],
    "ES": ["Calle Mayor", "Avenida de la Constitución", "Calle del Carmen", "Plaza de España",
           "Paseo de la Alameda"],
}
COUNTRY_NAMES = {
    "en": {"US": "USA", "GB": "United Kingdom", "IE": "Ireland", "DE": "Germany", "NL": "Netherlands"},
    "de": {"DE": "Deutschland", "AT": "Österreich", "CH": "Schweiz"},
    "fr": {"FR": "France", "BE": "Belgique", "CH": "Suisse"},
    "nl": {"NL": "Nederland", "BE": "België"},
    "es": {"ES": "España"},
}
BANKS = {"US": "First Cascade Credit Union", "GB": "Brunel Savings Bank", "IE": "Corrib Mutual Bank",
         "DE": "Volksbank Weserland", "AT": "Raiffeisen Traunviertel", "CH": "Kantonalbank Seeland",
         "FR": "Crédit Mutuel des Coteaux", "BE": "Banque Meuse-Escaut", "NL": "Zeeweg Bank",
         "ES": "Caja Rural del Moncayo"}
BANK_CODES = {"GB": "BRWB", "IE": "CRRB", "NL": "ZWBK"}
IBAN_SHAPE = {"DE": "n18", "AT": "n16", "CH": "n17", "FR": "n23", "BE": "n12", "NL": "a4n10",
              "ES": "n20", "GB": "a4n14", "IE": "a4n14"}


def iban(country: str, rng: random.Random) -> str:
    shape = IBAN_SHAPE[country]
    if shape.startswith("a4"):
        bban = BANK_CODES[country] + "".join(rng.choice("0123456789") for _ in range(int(shape[3:])))
    else:
        bban = str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(int(shape[1:]) - 1))
    digits = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    check = 98 - int(digits) % 97
    raw = f"{country}{check:02d}{bban}"
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def slug(name: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "ê": "e",
                           "à": "a", "á": "a", "í": "i", "ó": "o", "ú": "u", "ñ": "n", "ç": "c",
                           "ë": "e", "&": " "})
    words = [w for w in name.lower().translate(table).replace(".", " ").split()
             if w not in {"ltd", "limited", "llp", "inc", "llc", "corp", "co", "dac", "gmbh", "kg", "e",
                          "k", "ag", "ohg", "og", "u", "sarl", "sas", "sa", "eurl", "srl", "sprl", "sàrl",
                          "b", "v", "o", "f", "bv", "nv", "bvba", "holding", "s", "l", "coop", "sohn",
                          "de", "der", "van", "la", "el", "y", "and"}]
    return "-".join(w for w in words if w.isalnum())[:28] or "kontakt"


class Party:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def make_vendor(doc: "Doc", used: set[str]) -> Party:
    rng, lang, region = doc.rng, doc.lang, doc.region
    pool = BRANDS[lang][:12] if doc.split == "dev" else BRANDS[lang][12:]
    legal = LEGAL_ALT.get((region, lang), LEGAL[region])
    for _ in range(200):
        brand = rng.choice(pool)
        if brand in used:
            continue
        if doc.layout == "receipt":
            trade, doc.theme = rng.choice(SHOPS[lang]), "F"
        else:
            trade, doc.theme = rng.choice(TRADES[lang])
        form = rng.choice(legal)
        if lang == "en":
            name = f"{brand} {trade} {form}"
        elif lang == "de":
            name = rng.choice([f"{brand} {trade} {form}", f"{trade} {brand} {form}"])
        elif lang == "fr":
            name = f"{trade} {brand} {form}" if rng.random() < 0.7 else f"{brand} {trade} {form}"
        elif lang == "nl":
            name = f"{brand} {trade} {form}" if rng.random() < 0.6 else f"{trade} {brand} {form}"
        else:
            name = f"{trade} {brand} {form}"
        if doc.layout == "receipt" and rng.random() < 0.5:
            name = f"{trade} {brand}" if lang != "en" else f"{brand} {trade}"   # shops often print no legal form
        used.add(brand)
        break
    else:
        raise RuntimeError("vendor pool exhausted")
    return make_party(doc, name, is_vendor=True)


def make_party(doc: "Doc", name: str, is_vendor: bool) -> Party:
    rng, lang, region = doc.rng, doc.lang, doc.region
    city_key = region + lang if region in ("BE",) else ("CHfr" if region == "CH" and lang == "fr" else region)
    city = rng.choice(CITIES[city_key])
    street_key = {"FR": "fr", "BE": "fr" if lang == "fr" else "nl", "NL": "nl"}.get(region, region)
    if region == "CH" and lang == "fr":
        street_key = "fr"
    street_name = rng.choice(STREETS[street_key])
    no = rng.randint(2, 148)
    if region in ("US", "GB", "IE") or street_key == "fr":
        street = f"{no} {street_name}" if street_key != "fr" else f"{no}, {street_name}"
    elif region == "ES":
        street = f"{street_name}, {no}" + (rng.choice(["", ", 2º B", ", bajo", ", 3º izda."]))
    else:
        street = f"{street_name} {no}"
    if region == "US":
        city_line = f"{city[0]}, {city[1]} {city[2]}"
    elif region in ("GB", "IE"):
        city_line = f"{city[0]} {city[1]}"
    elif region == "NL":
        city_line = f"{city[0]}  {city[1].upper()}" if rng.random() < 0.4 else f"{city[0]} {city[1]}"
    elif region in ("AT", "CH", "DE") and rng.random() < 0.3:
        city_line = f"{region if region != 'DE' else 'D'}-{city[0]} {city[1]}"
    else:
        city_line = f"{city[0]} {city[1]}"
    p = Party(name=name, street=street, city_line=city_line, city=city[1] if region not in ("US", "GB", "IE") else city[0])
    if not is_vendor:
        return p
    p.phone = phone(region, rng)
    box = {"en": ["accounts", "billing", "invoices"], "de": ["buchhaltung", "rechnung", "info"],
           "fr": ["facturation", "compta", "contact"], "nl": ["administratie", "facturen", "info"],
           "es": ["facturacion", "administracion", "info"]}[lang]
    tld = {"US": "com", "GB": "co.uk", "IE": "ie", "DE": "de", "AT": "at", "CH": "ch", "FR": "fr",
           "BE": "be", "NL": "nl", "ES": "es"}[region]
    p.domain = f"{slug(name)}.{tld}"
    p.email = f"{rng.choice(box)}@{p.domain}"
    p.web = f"www.{p.domain}"
    p.iban = iban(region, rng) if region != "US" else None
    p.bank = BANKS[region]
    p.bic = (p.bank.split()[0][:4].upper().replace("É", "E") + region + "2" + rng.choice("XABC")
             + (rng.choice(["", "XXX"]) if region != "US" else ""))
    p.vat_id, p.register, p.tax_no = vat_and_register(region, lang, rng, name)
    return p


def phone(region: str, rng: random.Random) -> str:
    n = lambda k: digits(rng, k)  # noqa: E731
    return {"US": f"({rng.choice(['503', '512', '608', '802'])}) 555-01{rng.randint(10, 99)}",
            "GB": f"+44 {rng.choice(['117', '113', '1632'])} 496 0{rng.randint(100, 999)}",
            "IE": f"+353 {rng.choice(['91', '21', '1'])} 555 {n(3)}",
            "DE": rng.choice([f"+49 421 555 {n(3)}", f"0341 555 {n(2)}-{n(2)}", f"+49 (0)761 555 {n(3)}"]),
            "AT": f"+43 732 555 {n(3)}",
            "CH": f"+41 {rng.choice(['44', '31', '21'])} 555 {n(2)} {n(2)}",
            "FR": rng.choice([f"04 78 55 {n(2)} {n(2)}", f"+33 5 56 55 {n(2)} {n(2)}"]),
            "BE": f"+32 {rng.choice(['2', '9', '4'])} 555 {n(2)} {n(2)}",
            "NL": rng.choice([f"030 - 555 {n(4)}", f"+31 (0)50 555 {n(4)}"]),
            "ES": rng.choice([f"+34 976 555 {n(3)}", f"963 55 {n(2)} {n(2)}"])}[region]


def vat_and_register(region: str, lang: str, rng: random.Random, name: str):
    d = lambda k: digits(rng, k)  # noqa: E731
    if region == "US":
        return None, None, f"EIN {d(2)}-{d(7)}"
    if region == "GB":
        vat = rng.choice([f"GB{d(9)}", f"GB {d(3)} {d(4)} {d(2)}"])
        return vat, f"Registered in England and Wales No. {rng.choice(['0', '1'])}{d(7)}", None
    if region == "IE":
        return f"IE{d(7)}{rng.choice('ABCDEFHKLMNPTW')}", f"Registered in Ireland No. {d(6)}", None
    if region == "DE":
        return (f"DE{d(9)}", f"Amtsgericht {rng.choice(['Bremen', 'Leipzig', 'Freiburg'])} HRB {d(5)}",
                f"{d(2)}/{d(3)}/{d(5)}")
    if region == "AT":
        return f"ATU{d(8)}", f"FN {d(6)}{rng.choice('abdfhkmpstvwxy')}, Landesgericht Linz", None
    if region == "CH":
        uid = f"CHE-{d(3)}.{d(3)}.{d(3)}"
        return f"{uid} {'MWST' if lang == 'de' else 'TVA'}", f"Handelsregister: {uid}" if lang == "de" else f"IDE {uid}", None
    if region == "FR":
        siren = d(9)
        key = f"{rng.randint(10, 99)}"
        capital = rng.choice([1000, 5000, 8000, 10000, 20000, 50000])
        reg = (f"SIRET {siren[:3]} {siren[3:6]} {siren[6:]} {d(5)} – RCS {rng.choice(['Lyon', 'Nantes', 'Bordeaux'])}"
               f" – capital de {format_number(capital * 100, 'fr')[:-3]} €")
        return f"FR{key}{siren}", reg, None
    if region == "BE":
        num = f"0{d(3)}.{d(3)}.{d(3)}"
        return (rng.choice([f"BE{num.replace('.', '')}", f"BE {num}"]),
                f"RPM {'Bruxelles' if lang == 'fr' else 'Gent'}" if lang == "fr" else f"RPR Gent, ondernemingsnr. {num}",
                None)
    if region == "NL":
        return f"NL{d(9)}B0{rng.randint(1, 3)}", f"KvK {d(8)}", None
    if region == "ES":
        cif = f"B{d(8)}"
        return (f"ES{cif}", f"Reg. Merc. de {rng.choice(['Zaragoza', 'Valencia', 'Bilbao'])}, Tomo {d(4)}, Hoja {d(5)}",
                f"CIF: {cif}")
    raise ValueError(region)


# ---------------------------------------------------------------------------------------------
# Labels (several wordings each; a document picks one of each and keeps it)

LABELS = {
    "en": {
        "title": {"invoice": ["INVOICE", "Invoice", "TAX INVOICE", "Sales Invoice"],
                  "receipt": ["RECEIPT", "Sales Receipt"],
                  "order_confirmation": ["ORDER CONFIRMATION", "Order Acknowledgement"],
                  "credit_note": ["CREDIT NOTE", "Credit Memo"]},
        "number": {"invoice": ["Invoice No.", "Invoice number", "Invoice #", "Invoice no:", "Inv. No."],
                   "receipt": ["Receipt no.", "Receipt #"],
                   "order_confirmation": ["Confirmation no.", "Acknowledgement #"],
                   "credit_note": ["Credit note no.", "Credit memo #"]},
        "date": {"invoice": ["Date", "Invoice date", "Date of issue", "Issue date", "Invoice Date"], "other": ["Date", "Date of issue"]},
        "due": ["Due date", "Payment due", "Due by"],
        "delivery": ["Delivery date", "Date of supply", "Ship date"],
        "order_date": ["Order date", "Ordered on"],
        "customer_no": ["Customer No.", "Account No.", "Customer ID"],
        "order_no": ["PO number", "Your order no.", "Purchase order"],
        "ref": ["Reference", "Your ref.", "Project ref."],
        "bill_to": ["Bill to", "Invoice to", "Billed to"],
        "from": ["From", "Supplier"],
        "desc": ["Description", "Item", "Details"], "qty": ["Qty", "Quantity"],
        "unit": ["Unit price", "Rate", "Price"], "amount": ["Amount", "Line total"], "pos": "#",
        "subtotal": ["Subtotal", "Sub-total"], "net": ["Net total", "Total excl. VAT", "Net amount"],
        "discount": "Discount {p}%", "shipping": ["Shipping", "Delivery charge", "Carriage"],
        "total": {"invoice": ["Total", "Total due", "Amount due", "TOTAL", "Grand total", "Total (incl. VAT)"],
                  "credit_note": ["Total credit", "Credit total", "Amount credited"],
                  "order_confirmation": ["Order total", "Total"], "receipt": ["TOTAL", "Total"]},
        "paid": ["Amount paid", "Payments received"], "balance": ["Balance due", "Amount outstanding"],
        "tax": ["VAT {r}%", "VAT @ {r}%", "VAT ({r}%)"], "tax_us": ["Sales tax ({r}%)", "Sales Tax {r}%"],
        "page": "Page {i} of {n}", "carried": "Carried forward", "brought": "Brought forward",
        "vat_id": "VAT No.", "tel": "Tel.", "email": "Email", "bank": "Bank", "issued_by": "Issued by",
        "terms": ["Payment terms: {days} days net. Please quote the invoice number with your payment.",
                  "Please pay within {days} days by bank transfer. Late payments may incur interest.",
                  "Terms: net {days} days. Thank you for your business!"],
        "no_tax": {"US": "Services are not subject to sales tax.",
                   "GB": "Not registered for VAT - no VAT has been charged.",
                   "IE": "Reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC)."},
        "amount_due": ["Amount due", "Please pay"],
        "terms_credit": ["The credited amount will be refunded to your account within {days} days."],
        "terms_oc": ["Delivery as confirmed above. Our invoice follows on dispatch; payment {days} days net."],
        "credit_for": "Credit for invoice {num} dated {date}",
        "oc_note": "Thank you for your order of {date}. We confirm the following items:",
    },
    "de": {
        "title": {"invoice": ["RECHNUNG", "Rechnung"], "receipt": ["Kassenbon", "Quittung", "Beleg"],
                  "order_confirmation": ["Auftragsbestätigung", "AUFTRAGSBESTÄTIGUNG"],
                  "credit_note": ["Gutschrift", "GUTSCHRIFT"]},
        "number": {"invoice": ["Rechnungsnr.", "Rechnungsnummer", "Rechnung Nr.", "Re.-Nr.", "Beleg-Nr."],
                   "receipt": ["Bon-Nr.", "Beleg-Nr."],
                   "order_confirmation": ["Auftragsnummer", "AB-Nr."],
                   "credit_note": ["Gutschrift-Nr.", "Gutschriftsnummer"]},
        "date": {"invoice": ["Rechnungsdatum", "Datum", "Belegdatum", "Ausstellungsdatum"], "other": ["Datum", "Belegdatum"]},
        "due": ["Fällig am", "Zahlbar bis", "Fälligkeitsdatum"],
        "delivery": ["Lieferdatum", "Leistungsdatum", "Liefertermin"],
        "order_date": ["Bestelldatum", "Auftragsdatum", "Ihre Bestellung vom"],
        "customer_no": ["Kundennummer", "Kunden-Nr.", "Kd.-Nr."],
        "order_no": ["Bestellnummer", "Ihre Bestell-Nr.", "Bestell-Nr."],
        "ref": ["Ihr Zeichen", "Unser Zeichen", "Referenz", "Projekt"],
        "bill_to": ["Rechnungsempfänger", "Rechnungsanschrift", "Kunde"],
        "from": ["Absender", "Lieferant"],
        "desc": ["Bezeichnung", "Artikel", "Beschreibung"], "qty": ["Menge", "Anz."],
        "unit": ["Einzelpreis", "E-Preis", "Preis/Einh."], "amount": ["Gesamt", "Betrag", "Gesamtpreis"],
        "pos": "Pos.",
        "subtotal": ["Zwischensumme", "Summe Positionen"], "net": ["Nettobetrag", "Summe netto", "Netto"],
        "discount": "Rabatt {p} %", "shipping": ["Versandkosten", "Fracht", "Versandpauschale"],
        "total": {"invoice": ["Gesamtbetrag", "Summe", "Rechnungsbetrag", "Gesamtsumme", "Zu zahlen",
                              "Endbetrag", "Bruttobetrag"],
                  "credit_note": ["Gutschriftsbetrag", "Gesamtbetrag Gutschrift"],
                  "order_confirmation": ["Auftragssumme", "Gesamtbetrag"], "receipt": ["SUMME", "Summe", "Gesamt"]},
        "paid": ["Bereits bezahlt", "Anzahlung erhalten"], "balance": ["Offener Betrag", "Restbetrag"],
        "tax": ["MwSt. {r} %", "zzgl. {r} % USt.", "Umsatzsteuer {r} %", "USt. {r}%"],
        "tax_ch": ["MWST {r} %", "MWST {r}%"],
        "page": "Seite {i} von {n}", "carried": "Übertrag", "brought": "Übertrag von Seite {p}",
        "vat_id": "USt-IdNr.", "tel": "Tel.", "email": "E-Mail", "bank": "Bank", "issued_by": "Ausgestellt von",
        "terms": ["Zahlbar innerhalb von {days} Tagen ohne Abzug.",
                  "Bitte überweisen Sie den Rechnungsbetrag innerhalb von {days} Tagen unter Angabe der Rechnungsnummer.",
                  "Zahlungsziel: {days} Tage netto. Vielen Dank für Ihren Auftrag!"],
        "no_tax": {"DE": "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmerregelung).",
                   "AT": "Umsatzsteuerfrei aufgrund der Kleinunternehmerregelung gem. § 6 Abs. 1 Z 27 UStG.",
                   "CH": "Nicht MWST-pflichtig (Umsatz unter CHF 100'000)."},
        "amount_due": ["Zu zahlender Betrag", "Bitte überweisen"],
        "terms_credit": ["Der Gutschriftsbetrag wird Ihnen innerhalb von {days} Tagen erstattet."],
        "terms_oc": ["Lieferung wie oben bestätigt. Die Rechnung folgt mit der Lieferung, zahlbar in {days} Tagen."],
        "credit_for": "Gutschrift zu Rechnung {num} vom {date}",
        "oc_note": "Vielen Dank für Ihre Bestellung vom {date}. Wir bestätigen Ihnen folgende Positionen:",
    },
    "fr": {
        "title": {"invoice": ["FACTURE", "Facture"], "receipt": ["TICKET DE CAISSE", "Reçu"],
                  "order_confirmation": ["CONFIRMATION DE COMMANDE", "Accusé de réception de commande"],
                  "credit_note": ["AVOIR", "Facture d'avoir"]},
        "number": {"invoice": ["N° facture", "Facture n°", "Numéro de facture", "Facture N°"],
                   "receipt": ["Ticket n°", "N° ticket"],
                   "order_confirmation": ["Confirmation n°", "N° de confirmation"],
                   "credit_note": ["Avoir n°", "N° d'avoir"]},
        "date": {"invoice": ["Date", "Date de facturation", "Date d'émission", "Date de facture"], "other": ["Date", "Date d'émission"]},
        "due": ["Date d'échéance", "Échéance", "À régler avant le"],
        "delivery": ["Date de livraison", "Date de prestation", "Livré le"],
        "order_date": ["Date de commande", "Commande du"],
        "customer_no": ["N° client", "Code client", "Réf. client"],
        "order_no": ["N° de commande", "Bon de commande", "Votre commande"],
        "ref": ["Votre référence", "Réf. dossier", "Objet"],
        "bill_to": ["Facturé à", "Client", "Adresse de facturation"],
        "from": ["Émetteur", "Fournisseur"],
        "desc": ["Désignation", "Description"], "qty": ["Qté", "Quantité"],
        "unit": ["Prix unitaire HT", "P.U. HT", "Prix unit."], "amount": ["Montant HT", "Total HT"],
        "pos": "Réf.",
        "subtotal": ["Sous-total", "Total articles"], "net": ["Total HT", "Montant HT", "Sous-total HT"],
        "discount": "Remise {p} %", "shipping": ["Frais de port", "Livraison", "Frais d'envoi"],
        "total": {"invoice": ["Total TTC", "Montant dû", "Net à payer", "Total à payer", "Montant TTC"],
                  "credit_note": ["Montant de l'avoir", "Total avoir TTC"],
                  "order_confirmation": ["Total commande TTC", "Montant total"], "receipt": ["TOTAL", "Total TTC"]},
        "paid": ["Acompte versé", "Déjà réglé"], "balance": ["Reste à payer", "Solde dû"],
        "tax": ["TVA {r} %", "TVA ({r} %)", "Montant TVA {r}%"],
        "page": "Page {i}/{n}", "carried": "À reporter", "brought": "Report",
        "vat_id": "N° TVA intracom.", "tel": "Tél.", "email": "E-mail", "bank": "Banque", "issued_by": "Émis par",
        "terms": ["Paiement à {days} jours par virement. Pénalités de retard : 3 fois le taux d'intérêt légal. "
                  "Indemnité forfaitaire pour frais de recouvrement : 40 €.",
                  "Règlement à {days} jours date de facture. Pas d'escompte pour paiement anticipé.",
                  "Conditions de paiement : {days} jours net. Merci de rappeler le numéro de facture."],
        "no_tax": {"FR": "TVA non applicable, art. 293 B du CGI.",
                   "BE": "Régime particulier de franchise des petites entreprises – TVA non applicable.",
                   "CH": "Non assujetti à la TVA."},
        "amount_due": ["Montant à régler", "Net à payer"],
        "terms_credit": ["Le montant de l'avoir sera remboursé sous {days} jours."],
        "terms_oc": ["Livraison selon la date confirmée ci-dessus. La facture suivra à l'expédition, payable à {days} jours."],
        "credit_for": "Avoir sur facture {num} du {date}",
        "oc_note": "Nous vous remercions de votre commande du {date} et vous confirmons les articles suivants :",
    },
    "nl": {
        "title": {"invoice": ["FACTUUR", "Factuur"], "receipt": ["KASSABON", "Bon"],
                  "order_confirmation": ["ORDERBEVESTIGING", "Opdrachtbevestiging"],
                  "credit_note": ["CREDITNOTA", "Creditfactuur"]},
        "number": {"invoice": ["Factuurnummer", "Factuur nr.", "Factuurnr.", "Nummer"],
                   "receipt": ["Bonnummer", "Bon nr."],
                   "order_confirmation": ["Bevestigingsnummer", "Orderbevestiging nr."],
                   "credit_note": ["Creditnotanummer", "Creditnota nr."]},
        "date": {"invoice": ["Factuurdatum", "Datum", "Datum factuur"], "other": ["Datum"]},
        "due": ["Vervaldatum", "Te betalen vóór", "Uiterste betaaldatum"],
        "delivery": ["Leverdatum", "Afleverdatum", "Datum levering"],
        "order_date": ["Orderdatum", "Besteldatum"],
        "customer_no": ["Klantnummer", "Debiteurnummer", "Klantnr."],
        "order_no": ["Uw ordernummer", "Inkoopordernummer", "Ordernr."],
        "ref": ["Uw referentie", "Kenmerk", "Referentie"],
        "bill_to": ["Factuuradres", "Aan", "Klant"],
        "from": ["Van", "Leverancier"],
        "desc": ["Omschrijving", "Artikel"], "qty": ["Aantal", "Aant."],
        "unit": ["Prijs", "Stukprijs", "Tarief"], "amount": ["Bedrag", "Totaal"], "pos": "Nr.",
        "subtotal": ["Subtotaal", "Totaal regels"], "net": ["Totaal excl. btw", "Netto", "Subtotaal excl. btw"],
        "discount": "Korting {p}%", "shipping": ["Verzendkosten", "Bezorgkosten"],
        "total": {"invoice": ["Totaal", "Te betalen", "Totaal te betalen", "Totaal incl. btw", "Totaalbedrag"],
                  "credit_note": ["Totaal creditnota", "Te crediteren"],
                  "order_confirmation": ["Totaal order", "Orderbedrag"], "receipt": ["TOTAAL", "Totaal"]},
        "paid": ["Reeds betaald", "Aanbetaling"], "balance": ["Openstaand", "Nog te betalen"],
        "tax": ["btw {r}%", "BTW {r}%", "{r}% btw"],
        "page": "Pagina {i} van {n}", "carried": "Transport", "brought": "Transport",
        "vat_id": "Btw-nr.", "tel": "Tel.", "email": "E-mail", "bank": "Bank", "issued_by": "Uitgegeven door",
        "terms": ["Wij verzoeken u vriendelijk het bedrag binnen {days} dagen over te maken onder vermelding van het factuurnummer.",
                  "Betalingstermijn: {days} dagen. Op al onze leveringen zijn onze algemene voorwaarden van toepassing.",
                  "Graag binnen {days} dagen voldoen. Bedankt voor uw opdracht!"],
        "no_tax": {"NL": "Vrijgesteld van omzetbelasting op grond van de kleineondernemersregeling (KOR).",
                   "BE": "Bijzondere vrijstellingsregeling kleine ondernemingen – btw niet van toepassing."},
        "amount_due": ["Te betalen", "Openstaand bedrag"],
        "terms_credit": ["Het gecrediteerde bedrag wordt binnen {days} dagen teruggestort."],
        "terms_oc": ["Levering zoals hierboven bevestigd. De factuur volgt bij verzending, betaling binnen {days} dagen."],
        "credit_for": "Creditering van factuur {num} d.d. {date}",
        "oc_note": "Hartelijk dank voor uw bestelling van {date}. Hierbij bevestigen wij de volgende artikelen:",
    },
    "es": {
        "title": {"invoice": ["FACTURA", "Factura"], "receipt": ["TICKET", "Factura simplificada"],
                  "order_confirmation": ["CONFIRMACIÓN DE PEDIDO", "Confirmación de pedido"],
                  "credit_note": ["FACTURA RECTIFICATIVA", "Factura de abono"]},
        "number": {"invoice": ["Nº factura", "Número de factura", "Factura nº", "Nº de factura", "Factura Núm."],
                   "receipt": ["Nº ticket", "Ticket nº", "Nº fact. simplificada"],
                   "order_confirmation": ["Nº confirmación", "Confirmación nº"],
                   "credit_note": ["Nº rectificativa", "Nº factura rectificativa"]},
        "date": {"invoice": ["Fecha", "Fecha de emisión", "Fecha factura", "Fecha de expedición"], "other": ["Fecha", "Fecha de emisión"]},
        "due": ["Vencimiento", "Fecha de vencimiento", "Fecha de pago"],
        "delivery": ["Fecha de entrega", "Fecha de operación", "Entregado el"],
        "order_date": ["Fecha de pedido", "Pedido del"],
        "customer_no": ["Nº cliente", "Código cliente", "Cliente nº"],
        "order_no": ["Su pedido", "Nº pedido", "Ref. pedido"],
        "ref": ["Su referencia", "Referencia", "Obra"],
        "bill_to": ["Facturar a", "Cliente", "Datos del cliente"],
        "from": ["Emisor", "Proveedor"],
        "desc": ["Descripción", "Concepto"], "qty": ["Cant.", "Unidades"],
        "unit": ["Precio unit.", "Precio"], "amount": ["Importe", "Total"], "pos": "Ref.",
        "subtotal": ["Subtotal", "Suma"], "net": ["Base imponible", "Importe neto", "Base"],
        "discount": "Descuento {p} %", "shipping": ["Portes", "Gastos de envío", "Transporte"],
        "total": {"invoice": ["Importe total", "Total a pagar", "TOTAL FACTURA", "Total", "Total factura"],
                  "credit_note": ["Total a abonar", "Importe rectificado"],
                  "order_confirmation": ["Total pedido", "Importe total"], "receipt": ["TOTAL", "Total"]},
        "paid": ["Entregado a cuenta", "Pagado"], "balance": ["Pendiente de pago", "Saldo pendiente"],
        "tax": ["IVA {r}%", "IVA ({r} %)", "Cuota IVA {r}%"],
        "page": "Página {i} de {n}", "carried": "Suma y sigue", "brought": "Suma anterior",
        "vat_id": "NIF-IVA", "tel": "Tel.", "email": "Email", "bank": "Banco", "issued_by": "Emitida por",
        "terms": ["Forma de pago: transferencia bancaria a {days} días.",
                  "Pago mediante transferencia en un plazo de {days} días desde la fecha de factura.",
                  "Condiciones: {days} días fecha factura. Gracias por su confianza."],
        "no_tax": {"ES": "Operación exenta de IVA según el art. 20 de la Ley 37/1992."},
        "amount_due": ["Importe a pagar", "Total a pagar"],
        "terms_credit": ["El importe abonado se reembolsará en un plazo de {days} días."],
        "terms_oc": ["Entrega según la fecha confirmada. La factura se emitirá con el envío, pago a {days} días."],
        "credit_for": "Rectifica la factura {num} de fecha {date}",
        "oc_note": "Le agradecemos su pedido del {date}. Le confirmamos los siguientes artículos:",
    },
}

ITEMS = {  # theme -> (description, low, high unit price, kind: "pcs", "h" hours, "pp" per person)
    "en": {"O": [("Recycled copier paper A4, box of 5 reams", 18, 32, "pcs"), ("Toner cartridge, black", 45, 120, "pcs"),
                 ("A5 flyers, 1000 pcs, 2-sided", 60, 140, "pcs"), ("Hosting package Business, 12 months", 90, 300, "pcs"),
                 ("Ergonomic office chair", 180, 420, "pcs"), ("Laptop set-up and data migration", 80, 160, "pcs"),
                 ("Business cards, 500 pcs", 35, 70, "pcs"), ("Lever arch files A4 (box of 10)", 18, 30, "pcs")],
           "C": [("On-site labour", 48, 72, "h"), ("LED panel 60x60, 36W", 32, 58, "pcs"),
                 ("Oak worktop, supplied and fitted", 240, 480, "pcs"), ("Cable tray 2 m", 9, 18, "pcs"),
                 ("Call-out charge", 45, 80, "pcs"), ("Fire door closer", 60, 110, "pcs"), ("Apprentice labour", 25, 38, "h")],
           "S": [("Courier delivery, same day", 18, 45, "pcs"), ("Consulting workshop (half day)", 450, 900, "pcs"),
                 ("Website maintenance, monthly", 120, 480, "pcs"), ("Event staff", 22, 35, "h"),
                 ("Pallet delivery, next day", 60, 140, "pcs"), ("Projector hire (day)", 70, 150, "pcs"),
                 ("Stand design, concept", 600, 1400, "pcs")],
           "F": [("Conference lunch, per person", 14, 28, "pp"), ("Sandwich platter (serves 10)", 38, 62, "pcs"),
                 ("Coffee and pastries, per person", 5, 9, "pp"), ("Delivery and set-up", 25, 60, "pcs"),
                 ("Fruit platter (serves 10)", 28, 45, "pcs"), ("Waiting staff", 18, 26, "h")]},
    "de": {"O": [("Kopierpapier A4, 80 g/m², 5 x 500 Blatt", 19, 29, "pcs"), ("Tonerkartusche schwarz", 49, 110, "pcs"),
                 ("Flyer DIN A5, 4/4-farbig, 1.000 Stück", 55, 120, "pcs"), ("Lizenz Buchhaltungssoftware, 12 Monate", 190, 590, "pcs"),
                 ("Wartungsvertrag, monatlich", 95, 390, "pcs"), ("Visitenkarten 85 x 55 mm, 250 Stück", 25, 55, "pcs"),
                 ("Aktenordner A4, 8 cm (10 Stück)", 22, 38, "pcs"), ("Einrichtung Arbeitsplatzrechner", 85, 160, "pcs")],
           "C": [("Montage vor Ort", 58, 89, "h"), ("Arbeitsstunde Geselle", 52, 68, "h"), ("Anfahrtspauschale", 25, 45, "pcs"),
                 ("Edelstahlgeländer, lfm", 160, 260, "pcs"), ("Kabelkanal 60 x 40 mm, 2 m", 7, 14, "pcs"),
                 ("FI-Schutzschalter 40 A", 35, 70, "pcs"), ("Kleinmaterial pauschal", 15, 40, "pcs")],
           "S": [("Glasreinigung Büroetage", 140, 360, "pcs"), ("Unterhaltsreinigung, monatlich", 380, 900, "pcs"),
                 ("Messestand-Aufbau", 900, 2400, "pcs"), ("Transportpauschale", 45, 95, "pcs"),
                 ("Teppichreinigung (m²)", 4, 9, "pcs"), ("Projektleitung", 75, 110, "h")],
           "F": [("Mineralwasser, Kiste 12 x 0,7 l", 6, 9, "pcs"), ("Apfelschorle, Kiste 12 x 1 l", 8, 12, "pcs"),
                 ("Fass Pils 30 l", 80, 120, "pcs"), ("Kaffeebohnen 1 kg", 14, 22, "pcs"),
                 ("Lieferpauschale", 15, 30, "pcs"), ("Orangensaft, Kiste 6 x 1 l", 9, 14, "pcs")]},
    "fr": {"O": [("Ramette papier A4 80 g (carton de 5)", 19, 32, "pcs"), ("Cartouche d'encre noire", 28, 65, "pcs"),
                 ("Impression affiches A3 (lot de 50)", 40, 95, "pcs"), ("Maintenance informatique mensuelle", 90, 350, "pcs"),
                 ("Cartes de visite (lot de 500)", 30, 60, "pcs"), ("Installation poste de travail", 80, 150, "pcs"),
                 ("Classeurs A4 dos 8 cm (lot de 10)", 20, 35, "pcs")],
           "C": [("Main d'œuvre", 45, 70, "h"), ("Déplacement forfaitaire", 30, 60, "pcs"),
                 ("Pose de carrelage (m²)", 35, 55, "pcs"), ("Fourniture et pose robinet mitigeur", 110, 240, "pcs"),
                 ("Tableau électrique 2 rangées", 180, 320, "pcs"), ("Petites fournitures", 15, 40, "pcs")],
           "S": [("Transport palette Lyon – Nantes", 140, 320, "pcs"), ("Nettoyage bureaux (forfait mensuel)", 380, 900, "pcs"),
                 ("Location de matériel (jour)", 60, 180, "pcs"), ("Nettoyage vitres", 120, 300, "pcs"),
                 ("Enlèvement des déchets", 60, 140, "pcs"), ("Manutention", 35, 50, "h")],
           "F": [("Plateau repas", 14, 24, "pp"), ("Buffet froid, par personne", 18, 32, "pp"),
                 ("Cocktail dînatoire, par personne", 22, 38, "pp"), ("Livraison et installation", 30, 70, "pcs"),
                 ("Service en salle", 28, 40, "h")]},
    "nl": {"O": [("Kopieerpapier A4, doos 5 pakken", 19, 28, "pcs"), ("Inktcartridge zwart", 29, 69, "pcs"),
                 ("Drukwerk visitekaartjes, 500 st.", 35, 70, "pcs"), ("Laptop herinstallatie", 65, 120, "pcs"),
                 ("Microsoft-licentie, per gebruiker", 10, 22, "pcs"), ("Flyers A5, 1.000 st.", 55, 110, "pcs"),
                 ("Ordners A4, 10 st.", 18, 30, "pcs")],
           "C": [("Arbeidsuren installateur", 55, 78, "h"), ("Voorrijkosten", 25, 45, "pcs"),
                 ("Schilderwerk kozijnen (m¹)", 18, 32, "pcs"), ("Glasvezelkabel 20 m", 24, 48, "pcs"),
                 ("Thermostaatkraan", 40, 85, "pcs"), ("Klein materiaal", 12, 35, "pcs")],
           "S": [("Onderhoudscontract, per maand", 80, 260, "pcs"), ("Snoeien en afvoeren groenafval", 120, 380, "pcs"),
                 ("Huur bakfiets (dag)", 30, 55, "pcs"), ("Schoonmaak kantoorpand", 40, 60, "h"),
                 ("Pallettransport Utrecht – Gent", 120, 260, "pcs"), ("Glazenwassen", 60, 140, "pcs")],
           "F": [("Lunchbuffet, p.p.", 14, 24, "pp"), ("Koffie en gebak, p.p.", 5, 9, "pp"),
                 ("Borrelhapjes (schaal 20 st.)", 28, 45, "pcs"), ("Bezorgen en opbouwen", 25, 60, "pcs"),
                 ("Bediening", 28, 38, "h")]},
    "es": {"O": [("Papel A4 80 g, caja 5 paquetes", 18, 27, "pcs"), ("Cartucho de tinta negro", 26, 62, "pcs"),
                 ("Impresión de folletos A5 (1.000 uds.)", 60, 130, "pcs"), ("Mantenimiento mensual equipos", 85, 300, "pcs"),
                 ("Tarjetas de visita (500 uds.)", 30, 60, "pcs"), ("Instalación puesto de trabajo", 70, 140, "pcs"),
                 ("Archivadores A4 (caja 10 uds.)", 16, 28, "pcs")],
           "C": [("Mano de obra oficial 1ª", 30, 48, "h"), ("Desplazamiento", 20, 45, "pcs"),
                 ("Tornillería inox, lote", 12, 38, "pcs"), ("Alquiler de andamio (día)", 35, 90, "pcs"),
                 ("Revisión caldera", 70, 140, "pcs"), ("Split aire acondicionado 3.000 frigorías", 420, 780, "pcs")],
           "S": [("Asesoría fiscal trimestral", 150, 400, "pcs"), ("Portes y embalaje", 15, 40, "pcs"),
                 ("Transporte paletizado Zaragoza – Madrid", 120, 280, "pcs"), ("Limpieza de oficinas (mes)", 350, 850, "pcs"),
                 ("Almacenaje (palé/mes)", 8, 15, "pcs"), ("Mozo de carga", 18, 26, "h")],
           "F": [("Menú del día, por persona", 11, 18, "pp"), ("Coffee break, por persona", 5, 9, "pp"),
                 ("Bandeja de canapés (24 uds.)", 30, 55, "pcs"), ("Servicio de camareros", 18, 25, "h"),
                 ("Montaje y transporte", 30, 70, "pcs")]},
}
RECEIPT_ITEMS = {
    "en": [("Flat white", 3.2, 4.1), ("Croissant", 2.4, 3.3), ("Sparkling water 500ml", 1.6, 2.6),
           ("Chicken sandwich", 5.5, 7.9), ("Banana bread", 2.8, 3.6), ("Sourdough loaf", 3.9, 5.2),
           ("Tomato soup", 4.5, 6.2), ("Cheddar scone", 2.6, 3.4)],
    "de": [("Brötchen", 0.45, 0.6), ("Milch 1,5% 1l", 1.09, 1.39), ("Äpfel lose 1,2 kg", 2.6, 3.6),
           ("Kaffee Crema", 2.9, 3.6), ("Laugenbrezel", 0.9, 1.3), ("Bauernbrot 750 g", 3.4, 4.6),
           ("Butterkuchen", 1.9, 2.6), ("Käse Gouda 200 g", 2.3, 3.4)],
    "fr": [("Baguette tradition", 1.1, 1.4), ("Croissant", 1.1, 1.5), ("Café crème", 2.8, 3.9),
           ("Pain au chocolat", 1.2, 1.6), ("Comté 18 mois 250 g", 6.2, 8.4), ("Tarte aux pommes", 3.2, 4.5),
           ("Eau gazeuse 50 cl", 1.5, 2.4), ("Quiche lorraine", 3.9, 5.2)],
    "nl": [("Koffie verkeerd", 3.2, 4.1), ("Appeltaart", 3.9, 4.8), ("Broodje kaas", 4.2, 5.9),
           ("Spa rood 0,5 l", 2.3, 3.1), ("Tompouce", 2.2, 3.2), ("Krentenbollen 6 st.", 2.4, 3.3),
           ("Tosti ham-kaas", 4.5, 5.9), ("Verse jus", 3.5, 4.6)],
    "es": [("Café con leche", 1.4, 2.0), ("Tostada con tomate", 2.2, 3.2), ("Zumo de naranja", 2.5, 3.8),
           ("Agua mineral 50 cl", 1.2, 1.9), ("Croissant", 1.5, 2.2), ("Bocadillo de tortilla", 3.8, 5.2),
           ("Ensaimada", 1.8, 2.6), ("Pincho de tortilla", 2.3, 3.2)],
}

NUMBER_FORMATS = {
    "invoice": {"en": ["INV-{Y}-{n4}", "{n5}", "INV{n6}", "{Y}{m}-{n3}", "SI-{n5}", "A{n6}"],
                "de": ["RE-{Y}-{n5}", "{Y}{n4}", "R{n6}", "{y}/{n4}", "RE{Y}-{n3}", "{n6}"],
                "fr": ["F{Y}-{n4}", "FA{y}{m}{n3}", "{Y}/{n4}", "FAC-{Y}-{n4}", "{n6}"],
                "nl": ["{Y}{n4}", "F{Y}-{n3}", "{Y}.{n4}", "INV-{n5}", "{y}{n5}"],
                "es": ["{Y}/{n4}", "FV-{Y}-{n4}", "A{y}/{n5}", "F{Y}{n4}", "{Y}-A-{n3}"]},
    "credit_note": {"en": ["CN-{n5}"], "de": ["GS-{Y}-{n4}"], "fr": ["AV-{Y}-{n4}"], "nl": ["CN{Y}{n4}"],
                    "es": ["R-{Y}-{n3}"]},
    "order_confirmation": {"en": ["SO-{n6}"], "de": ["AB-{Y}-{n4}"], "fr": ["CC-{n5}"], "nl": ["OB{n6}"],
                           "es": ["PED-{Y}-{n4}"]},
    "receipt": {"en": ["{n4}-{n3}"], "de": ["{n4}"], "fr": ["{n6}"], "nl": ["{n5}"], "es": ["T{Y}-{n5}"]},
}
CUSTOMER_NO = {"en": ["C-{n5}", "ACC{n4}", "{n6}"], "de": ["KD-{n5}", "{n5}", "K{n6}"],
               "fr": ["CL{n5}", "411{n5}", "C{n4}"], "nl": ["{n5}", "DEB{n4}", "K-{n4}"],
               "es": ["CLI-{n4}", "{n6}", "C{n5}"]}
ORDER_NO = ["PO-{n5}", "4500{n6}", "{Y}-{n3}", "BST-{n5}", "{n7}"]
REFS = {"en": ["Office move 2nd floor", "Spring campaign", "Ticket #{n4}", "Framework agreement {Y}"],
        "de": ["Umbau EG", "Frühjahrsaktion", "Ticket {n4}", "Rahmenvertrag {Y}"],
        "fr": ["Travaux RDC", "Campagne printemps", "Dossier {n4}", "Contrat cadre {Y}"],
        "nl": ["Verbouwing begane grond", "Voorjaarsactie", "Ticket {n4}", "Raamovereenkomst {Y}"],
        "es": ["Reforma planta baja", "Campaña primavera", "Expediente {n4}", "Contrato marco {Y}"]}


def fill(pattern: str, rng: random.Random, day: dt.date) -> str:
    out = pattern.replace("{Y}", str(day.year)).replace("{y}", f"{day.year % 100:02d}").replace(
        "{m}", f"{day.month:02d}")
    for k in range(8, 2, -1):
        while "{n%d}" % k in out:
            out = out.replace("{n%d}" % k, f"{rng.randint(1, 10 ** k - 1):0{k}d}", 1)
    return out


def tax_rates(region: str, day: dt.date) -> tuple[Decimal, Decimal]:
    """(standard, reduced) VAT / sales-tax rate in percent on `day`."""
    if region == "DE":
        if dt.date(2020, 7, 1) <= day <= dt.date(2020, 12, 31):
            return Decimal(16), Decimal(5)
        return Decimal(19), Decimal(7)
    if region == "CH":
        return (Decimal("8.1"), Decimal("2.6")) if day.year >= 2024 else (Decimal("7.7"), Decimal("2.5"))
    return {"US": (Decimal("8.875"), Decimal("6")), "GB": (Decimal(20), Decimal(5)),
            "IE": (Decimal(23), Decimal("13.5")), "AT": (Decimal(20), Decimal(10)),
            "FR": (Decimal(20), Decimal("5.5")), "BE": (Decimal(21), Decimal(6)),
            "NL": (Decimal(21), Decimal(9)), "ES": (Decimal(21), Decimal(10))}[region]


# ---------------------------------------------------------------------------------------------
# The document model

class Doc:
    def __init__(self, doc_id: str, lang: str, region: str, layout: str, doc_type: str, split: str, k: int,
                 nth: int):
        self.id, self.lang, self.region, self.layout = doc_id, lang, region, layout
        self.doc_type, self.split, self.k = doc_type, split, k
        self.rng = random.Random(f"{SEED}/{split}/{doc_id}")
        self.currency = CURRENCY.get(region, "EUR")
        styles = MONEY_STYLES[region]
        # nth: how many documents of this region and language came before: cycling through the
        # styles by it makes every region use all of its number and date formats
        self.num_style, self.money_pattern = styles[(nth + 1) % len(styles)]
        dstyles = DATE_STYLES.get(region + lang, DATE_STYLES[region])
        self.date_style = dstyles[nth % len(dstyles)]
        if layout == "letter" and lang in ("fr", "es"):
            self.date_style = f"{lang}_long"           # "Lyon, le 5 mars 2024" / "a 12 de marzo de 2024"
        self._labels: dict[str, str] = {}
        self.notes: list[str] = []
        self.extra: dict = {}
        self.printed: dict = {}

    @property
    def vat_label(self) -> str:
        if self.region == "CH":
            return "MWST-Nr." if self.lang == "de" else "N° TVA"
        if self.region == "AT":
            return "UID-Nr."
        return self.lab("vat_id")

    def colon_after(self, label: str) -> str:
        """`label` followed by a colon, French style (' :') in French; never two colons."""
        return label.rstrip(" :") + (" :" if self.lang == "fr" else ":")

    # labels ----------------------------------------------------------------------------------
    def lab(self, key: str, sub: str | None = None) -> str:
        cache_key = key + "/" + (sub or "")
        if cache_key not in self._labels:
            value = LABELS[self.lang][key]
            if isinstance(value, dict):
                value = value.get(sub or self.doc_type) or value["other"]
            self._labels[cache_key] = value if isinstance(value, str) else self.rng.choice(value)
        return self._labels[cache_key]

    # formatting ------------------------------------------------------------------------------
    def num(self, amount: int) -> str:
        return format_number(amount, self.num_style)

    def money(self, amount: int) -> str:
        sym = SYMBOL[self.currency]
        return self.money_pattern.format(s=sym, c=self.currency, n=self.num(amount)).replace("CHFCHF", "CHF")

    def date(self, day: dt.date, style: str | None = None) -> str:
        return format_date(day, style or self.date_style, self.lang, self.region)

    def qty(self, q: Decimal) -> str:
        if q == q.to_integral_value():
            return str(int(q))
        text = f"{q.normalize():f}"
        return text if self.num_style in ("us", "ch") else text.replace(".", ",")

    def rate(self, r: Decimal) -> str:
        text = f"{r.normalize():f}"
        return text if self.num_style in ("us", "ch") or self.lang == "en" else text.replace(".", ",")

    def tax_label(self, r: Decimal) -> str:
        key = "tax_us" if self.region == "US" else ("tax_ch" if self.region == "CH" and self.lang == "de" else "tax")
        return self.lab(key).format(r=self.rate(r))


def plan() -> list[Doc]:
    docs, seen = [], Counter()
    for li, lang in enumerate(LANGS):
        layouts = LAYOUTS + EXTRA_LAYOUTS[lang]
        specials = dict(SPECIAL_TYPES[lang])
        for k, layout in enumerate(layouts):
            doc_type = "receipt" if layout == "receipt" else specials.pop(layout, "invoice")
            split = "holdout" if (k + li) % 3 == 0 else "dev"
            region = REGIONS[lang][k]
            docs.append(Doc(f"{lang}-{k + 1:02d}", lang, region, layout, doc_type, split, k, seen[region, lang]))
            seen[region, lang] += 1
    return docs


def populate(doc: Doc, used_brands: dict, used_dates: set, used_numbers: set) -> None:
    """Draws every fact of `doc`: parties, numbers, dates, line items and amounts."""
    rng = doc.rng
    doc.vendor = make_vendor(doc, used_brands.setdefault((doc.split, doc.lang), set()))
    for _ in range(20):
        doc.customer = make_party(doc, rng.choice(CUSTOMERS[doc.lang]), is_vendor=False)
        if doc.customer.city != doc.vendor.city:
            break
    doc.contact = rng.choice(CONTACTS[doc.lang])
    # issue date: unique over the whole set; numeric US/UK-style dates prefer day <= 12 (ambiguous)
    while True:
        day = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
        if doc.date_style in ("us_slash", "uk_slash", "fr_slash", "nl_dash", "es_slash") and rng.random() < 0.7:
            if day.day > 12 or day.day == day.month:
                continue
        if day not in used_dates:
            used_dates.add(day)
            break
    doc.issue = day
    doc.days = rng.choice([10, 14, 14, 30, 30, 60]) if doc.layout != "receipt" else 0
    doc.due = day + dt.timedelta(days=doc.days) if doc.doc_type == "invoice" and doc.layout != "receipt" else None
    doc.delivery = day - dt.timedelta(days=rng.randint(1, 9)) if doc.layout != "receipt" and rng.random() < 0.75 else None
    doc.order_date = (day - dt.timedelta(days=rng.randint(10, 40))
                      if doc.layout != "receipt" and (doc.doc_type == "order_confirmation" or rng.random() < 0.5) else None)
    if doc.doc_type == "order_confirmation":
        doc.order_date, doc.delivery = day - dt.timedelta(days=rng.randint(1, 3)), day + dt.timedelta(days=rng.randint(5, 20))
    doc.footer_day = day + dt.timedelta(days=rng.randint(1, 3)) if rng.random() < 0.5 else \
        dt.date(day.year - rng.randint(1, 3), rng.randint(1, 12), 1)
    # numbers
    no_number = doc.layout == "receipt" and doc.id in ("en-07", "de-07", "nl-07", "es-14")
    while True:
        fmt = rng.choice(NUMBER_FORMATS[doc.doc_type][doc.lang])
        number = None if no_number else fill(fmt, rng, day)
        if number is None or number not in used_numbers:
            break
    if number:
        used_numbers.add(number)
    doc.number = number
    doc.customer_no = fill(rng.choice(CUSTOMER_NO[doc.lang]), rng, day)
    doc.order_no = fill(rng.choice(ORDER_NO), rng, day) if rng.random() < 0.6 and doc.layout != "receipt" else None
    doc.ref = fill(rng.choice(REFS[doc.lang]), rng, day) if rng.random() < 0.5 else None
    doc.orig_invoice = fill(rng.choice(NUMBER_FORMATS["invoice"][doc.lang]), rng, day) \
        if doc.doc_type == "credit_note" else None
    doc.orig_date = day - dt.timedelta(days=rng.randint(12, 60))
    if doc.doc_type == "credit_note":
        doc.order_date = doc.orig_date - dt.timedelta(days=rng.randint(3, 15)) if doc.order_date else None
        doc.delivery = doc.orig_date - dt.timedelta(days=rng.randint(0, 2)) if doc.delivery else None
    # line items
    std, reduced = tax_rates(doc.region, day)
    doc.items = []
    if doc.layout == "receipt":
        for desc, lo, hi in rng.sample(RECEIPT_ITEMS[doc.lang], rng.randint(3, 6)):
            qty = Decimal(rng.choice([1, 1, 1, 2, 3]))
            unit = cents(Decimal(str(round(rng.uniform(lo, hi) * 20) / 20)))
            rate = std if doc.region in ("US", "GB") else reduced    # eat-in / food rates
            doc.items.append([desc, qty, unit, rate, int(qty * unit)])
    else:
        count = rng.randint(28, 60) if doc.layout == "multi_page" else rng.randint(2, 6)
        catalogue = ITEMS[doc.lang][doc.theme]
        picks = [rng.choice(catalogue) for _ in range(count)] if count > len(catalogue) else rng.sample(catalogue, count)
        for i, (desc, lo, hi, kind) in enumerate(picks):
            if doc.layout == "multi_page":
                desc = f"{desc} ({['A', 'B', 'C', 'D', 'E'][i % 5]}{i + 1:02d})"
            if desc in FLAT:
                qty = Decimal(1)
            elif kind == "h":
                qty = Decimal(rng.choice(["1.5", "2", "3.5", "4", "6", "7.5", "8"]))
            elif kind == "pp":
                qty = Decimal(rng.choice([8, 12, 15, 20, 24, 30, 40]))
            elif hi >= 150:
                qty = Decimal(rng.choice([1, 1, 1, 2, 3]))
            else:
                qty = Decimal(rng.choice([1, 1, 2, 3, 4, 5, 10, 12, 25]))
            unit = cents(Decimal(rng.randint(lo * 100, hi * 100)) / 100)
            if rng.random() < 0.3:
                unit = unit // 100 * 100 + rng.choice([0, 50, 90, 95, 99])
            rate = reduced if (doc.region in ("DE", "NL", "ES", "FR") and rng.random() < 0.15) else std
            doc.items.append([desc, qty, unit, rate, int((qty * unit).quantize(Decimal("1"), rounding=ROUND_HALF_UP))])
    for item in doc.items:                       # one rate, except on de/nl with_tax and on receipts
        if doc.layout != "receipt" and (doc.layout != "with_tax" or doc.lang not in ("de", "nl")):
            item[3] = std
    if doc.layout == "with_tax" and doc.lang in ("de", "nl"):   # a book at the reduced rate: two VAT rates
        desc = rng.choice(BOOKS[doc.lang])
        unit = cents(Decimal(rng.randint(2400, 6900)) / 100)
        qty = Decimal(rng.choice([1, 2, 5]))
        doc.items.append([desc, qty, unit, reduced, int(qty * unit)])
    compute_totals(doc)


def compute_totals(doc: Doc) -> None:
    rng = doc.rng
    doc.items_sum = sum(i[4] for i in doc.items)
    taxed = doc.layout not in ("no_tax", "receipt")
    doc.discount_pct = Decimal(rng.choice([2, 3, 5, 10])) if doc.layout in ("table", "label_value", "with_tax", "no_tax") \
        and rng.random() < 0.35 else None
    doc.discount = percent_of(doc.items_sum, doc.discount_pct) if doc.discount_pct else 0
    doc.shipping = cents(rng.choice(["4.90", "6.95", "9.90", "12.50", "19.00"])) \
        if doc.layout in ("table", "two_columns", "with_tax", "no_tax", "label_above", "multi_page") and rng.random() < 0.4 else 0
    doc.net = doc.items_sum - doc.discount + doc.shipping
    doc.tax_lines = []
    if taxed:
        bases: dict[Decimal, int] = {}
        for item in doc.items:
            bases[item[3]] = bases.get(item[3], 0) + item[4]
        std = max(bases)
        if doc.discount:                      # discount taken off the standard-rate base
            bases[std] -= doc.discount
        bases[std] += doc.shipping
        doc.tax_lines = [(r, b, percent_of(b, r)) for r, b in sorted(bases.items(), reverse=True)]
    doc.tax = sum(t for _, _, t in doc.tax_lines)
    doc.total = doc.net + doc.tax
    doc.included_tax = None
    if doc.layout == "receipt" and doc.region != "US":
        r = doc.items[0][3]
        doc.included_tax = (r, int((Decimal(doc.total) * r / (100 + r)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)))
    if doc.layout == "receipt" and doc.region == "US":
        r = Decimal("6")                       # US receipts add sales tax on top
        doc.tax_lines = [(r, doc.net, percent_of(doc.net, r))]
        doc.tax = doc.tax_lines[0][2]
        doc.total = doc.net + doc.tax


# ---------------------------------------------------------------------------------------------
# Page drawing

class Page:
    def __init__(self):
        self.items: list[tuple] = []

    def text(self, x: float, y: float, s: str, size: float = 9, bold: bool = False) -> float:
        if s:
            self.items.append((round(x, 2), round(y, 2), s, size, bold))
        return x + text_width(s, size, bold)

    def right(self, xr: float, y: float, s: str, size: float = 9, bold: bool = False) -> float:
        x = xr - text_width(s, size, bold)
        self.text(x, y, s, size, bold)
        return x

    def center(self, xc: float, y: float, s: str, size: float = 9, bold: bool = False) -> None:
        self.text(xc - text_width(s, size, bold) / 2, y, s, size, bold)

    def rule(self, x1: float, y: float, x2: float, width: float = 0.5) -> None:
        self.items.append(("line", x1, y, x2, y, width))


def check_page(items: list[tuple], doc_id: str, page_no: int) -> None:
    """No two text items may overlap and everything stays on the page."""
    boxes = []
    for item in items:
        if item[0] == "line":
            continue
        x, y, s, size, bold = item
        w = text_width(s, size, bold)
        box = (x, y - size * 0.74, x + w, y + size * 0.22)
        if box[0] < 20 or box[2] > 575 or box[1] < 15 or box[3] > 835:
            raise ValueError(f"{doc_id} p{page_no}: off the page: {s!r} {box}")
        for other, text in boxes:
            if box[0] < other[2] - 0.5 and other[0] < box[2] - 0.5 and box[1] < other[3] - 0.3 and other[1] < box[3] - 0.3:
                raise ValueError(f"{doc_id} p{page_no}: {s!r} overlaps {text!r}")
        boxes.append((box, s))


def wrap(text: str, width: float, size: float, keep: tuple = (), bold: bool = False) -> list[str]:
    """Lines of `text` no wider than `width`; strings in `keep` are never split."""
    for k in keep:
        if k:
            text = text.replace(k, k.replace(" ", "\x00"))
    lines, cur = [], ""
    for word in text.split(" "):
        cand = f"{cur} {word}" if cur else word
        if cur and text_width(cand.replace("\x00", " "), size, bold) > width:
            lines.append(cur)
            cur = word
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return [line.replace("\x00", " ") for line in lines]


def paragraph(p: Page, doc: Doc, x: float, y: float, text: str, width: float, size: float = 9,
              leading: float = 12, keep: tuple = ()) -> float:
    for line in wrap(text, width, size, keep):
        p.text(x, y, line, size)
        y += leading
    return y


# --- shared blocks ------------------------------------------------------------------------------

def vendor_block(p: Page, doc: Doc, x: float, y: float, size: float = 15, right: bool = False) -> float:
    v = doc.vendor
    put = (lambda yy, s, sz, b=False: p.right(RIGHT, yy, s, sz, b)) if right else \
        (lambda yy, s, sz, b=False: p.text(x, yy, s, sz, b))
    put(y, v.name, size, True)
    y += size * 0.6 + 8
    for line in (v.street, v.city_line, f"{doc.lab('tel')} {v.phone} · {v.email}"):
        put(y, line, 8.5)
        y += 11
    return y


def put_title(p: Page, doc: Doc, y: float = 62, size: float = 18) -> None:
    """The document title, right-aligned beside the vendor's name, smaller (or lower) if it must be."""
    title = doc.lab("title")
    room = RIGHT - (LEFT + text_width(doc.vendor.name, 15, True) + 24)
    while size > 12 and text_width(title, size, True) > room:
        size -= 1
    if text_width(title, size, True) > room:
        p.right(RIGHT, 118, title, 13, True)
    else:
        p.right(RIGHT, y, title, size, True)


def customer_block(p: Page, doc: Doc, x: float, y: float, label: bool = True, size: float = 10) -> float:
    c = doc.customer
    if label:
        p.text(x, y, doc.lab("bill_to"), 7.5, True)
        y += 13
    p.text(x, y, c.name, size, True)
    y += size + 3
    for line in (doc.contact, c.street, c.city_line):
        p.text(x, y, line, 9)
        y += 11.5
    return y


def footer(p: Page, doc: Doc, issued_by: bool = False, page_label: str | None = None) -> None:
    v, lab = doc.vendor, doc.lab
    y0 = 768
    p.rule(LEFT, y0, RIGHT, 0.4)
    col1 = [f"{lab('issued_by')}: {v.name}" if issued_by else v.name, v.street, v.city_line]
    if v.register:
        col1 += wrap(v.register, 165, 6.5, keep=tuple(part.strip() for part in v.register.split("–")))
    col2 = [f"{lab('bank')}: {v.bank}"]
    if v.iban:
        col2 += [f"IBAN {v.iban}", f"BIC {v.bic}"]
    else:
        col2 += [f"Routing {digits(doc.rng, 9)}", f"Account {digits(doc.rng, 10)}"]
    col3 = []
    if v.vat_id:
        col3.append(f"{doc.vat_label} {v.vat_id}")
    if v.tax_no:
        col3.append(("Steuernr. " if doc.region == "DE" else "") + v.tax_no)
    col3 += [f"{lab('tel')} {v.phone}", v.email, v.web]
    for x, col in ((LEFT, col1), (230, col2), (400, col3)):
        y = y0 + 11
        for i, line in enumerate(col):
            p.text(x, y, line, 6.5, bold=(i == 0 and x == LEFT))
            y += 8.5
    if v.iban:
        doc.extra["iban"] = v.iban
    if v.vat_id:
        doc.extra["vat_id"] = v.vat_id
    doc.extra["email"] = v.email
    bottom = footer_note(doc)
    if page_label:
        bottom = f"{bottom}   ·   {page_label}" if bottom else page_label
    if bottom:
        p.center(297.5, 828, bottom, 6)


def footer_note(doc: Doc) -> str:
    """A date in the footer that is not the issue date (print date or terms version)."""
    day, lang = doc.footer_day, doc.lang
    text_day = doc.date(day, {"en": "iso" if doc.region == "US" else "uk_slash", "de": "de_dot", "fr": "fr_slash",
                             "nl": "nl_dash0", "es": "es_slash"}[lang])
    printed = day > doc.issue
    if lang == "en":
        return f"Printed {text_day} 09:{doc.rng.randint(10, 59)}" if printed else f"Terms of business version {text_day}"
    if lang == "de":
        return f"Gedruckt am {text_day}" if printed else f"Es gelten unsere AGB, Stand {text_day}"
    if lang == "fr":
        return f"Document édité le {text_day}" if printed else f"Conditions générales de vente du {text_day}"
    if lang == "nl":
        return f"Afgedrukt op {text_day}" if printed else f"Algemene voorwaarden gedeponeerd op {text_day}"
    return f"Documento generado el {text_day}" if printed else f"Condiciones generales vigentes desde {text_day}"


def meta_rows(doc: Doc, with_total: bool = False) -> list[tuple[str, str, str]]:
    """(key, label, value) rows of document facts, in a plausible order."""
    lab = doc.lab
    rows = []
    if doc.number:
        rows.append(("number", lab("number"), doc.number))
    if doc.ref and doc.k % 2 == 0:
        rows.append(("ref", lab("ref"), doc.ref))
    rows.append(("date", lab("date"), doc.date(doc.issue)))
    if doc.customer_no:
        rows.append(("customer_no", lab("customer_no"), doc.customer_no))
    if doc.order_no:
        rows.append(("order_no", lab("order_no"), doc.order_no))
    if doc.ref and doc.k % 2 == 1:
        rows.append(("ref", lab("ref"), doc.ref))
    if doc.order_date:
        rows.append(("order_date", lab("order_date"), doc.date(doc.order_date)))
    if doc.delivery:
        rows.append(("delivery", lab("delivery"), doc.date(doc.delivery)))
    if doc.due:
        rows.append(("due", lab("due"), doc.date(doc.due)))
    if with_total:
        rows.append(("total", lab("total"), doc.money(doc.total)))
    record_meta(doc)
    return rows


def record_meta(doc: Doc) -> None:
    doc.printed["date"] = doc.date(doc.issue)
    if doc.number:
        doc.printed["invoice_number"] = doc.number
    if doc.due:
        doc.extra["due_date"] = doc.due.isoformat()
    if doc.delivery:
        doc.extra["delivery_date"] = doc.delivery.isoformat()
    if doc.order_date:
        doc.extra["order_date"] = doc.order_date.isoformat()
    doc.extra["customer_number"] = doc.customer_no
    if doc.order_no:
        doc.extra["order_number"] = doc.order_no


def doc_intro(p: Page, doc: Doc, y: float) -> float:
    """The credit-note reference or order-confirmation sentence, if any."""
    if doc.doc_type == "credit_note":
        p.text(LEFT, y, doc.lab("credit_for").format(num=doc.orig_invoice, date=doc.date(doc.orig_date)), 9)
        doc.notes.append("credit note quoting the original invoice's number and date")
        return y + 18
    if doc.doc_type == "order_confirmation":
        p.text(LEFT, y, doc.lab("oc_note").format(date=doc.date(doc.order_date)), 9)
        doc.notes.append("order confirmation: the document number is the confirmation number, order date precedes it")
        return y + 18
    return y


FLAT = {"Call-out charge", "Delivery and set-up", "Stand design, concept", "Anfahrtspauschale",
        "Kleinmaterial pauschal", "Transportpauschale", "Lieferpauschale", "Messestand-Aufbau",
        "Unterhaltsreinigung, monatlich", "Déplacement forfaitaire", "Petites fournitures", "Livraison et installation",
        "Nettoyage bureaux (forfait mensuel)", "Enlèvement des déchets", "Voorrijkosten", "Klein materiaal",
        "Bezorgen en opbouwen", "Snoeien en afvoeren groenafval", "Desplazamiento", "Portes y embalaje",
        "Montaje y transporte", "Limpieza de oficinas (mes)", "Consulting workshop (half day)",
        "Glasreinigung Büroetage", "Nettoyage vitres", "Glazenwassen", "Asesoría fiscal trimestral"}
BOOKS = {"de": ["Fachbuch „Elektroinstallation in der Praxis“", "Handbuch Arbeitsschutz (Buch)"],
         "nl": ["Handboek kantoorbeheer (boek)", "Naslagwerk installatietechniek (boek)"]}
HOURLY = {desc for lang in ITEMS.values() for theme in lang.values() for desc, _, _, kind in theme if kind == "h"}
COLS = {"pos": LEFT, "desc": 80.0, "qty": 360.0, "unit": 450.0, "amount": RIGHT}


def table_header(p: Page, doc: Doc, y: float, pos: bool = True) -> float:
    lab = doc.lab
    p.rule(LEFT, y - 11, RIGHT, 0.8)
    if pos:
        p.text(COLS["pos"], y, lab("pos"), 8, True)
    p.text(COLS["desc"] if pos else LEFT, y, lab("desc"), 8, True)
    p.right(COLS["qty"], y, lab("qty"), 8, True)
    p.right(COLS["unit"], y, lab("unit"), 8, True)
    amount = lab("amount")
    if doc.k % 3 == 1:
        amount = f"{amount} ({doc.currency})"
    p.right(COLS["amount"], y, amount, 8, True)
    p.rule(LEFT, y + 5, RIGHT, 0.4)
    return y + 18


def table_row(p: Page, doc: Doc, y: float, n: int, item: list, pos: bool = True) -> float:
    desc, qty, unit, rate, line = item
    if pos:
        p.text(COLS["pos"], y, str(n), 8.5)
    x = COLS["desc"] if pos else LEFT
    lines = wrap(desc, COLS["qty"] - 40 - x, 8.5)
    p.text(x, y, lines[0], 8.5)
    qty_text = doc.qty(qty) + (" h" if qty != qty.to_integral_value() or desc in HOURLY else "")
    p.right(COLS["qty"], y, qty_text, 8.5)
    p.right(COLS["unit"], y, doc.num(unit), 8.5)
    p.right(COLS["amount"], y, doc.num(line), 8.5)
    for extra_line in lines[1:]:
        y += 10.5
        p.text(x, y, extra_line, 8.5)
    return y + 14


def totals_block(p: Page, doc: Doc, y: float, label_x: float = 340.0, value_x: float = RIGHT,
                 paid_block: bool = False) -> float:
    """Subtotal, discount, shipping, net, tax lines and total (bold), right-hand side."""
    lab = doc.lab

    def row(label: str, value: str, bold: bool = False, size: float = 9) -> None:
        nonlocal y
        p.text(label_x, y, label, size, bold)
        p.right(value_x, y, value, size, bold)
        y += size + 5

    has_tax = bool(doc.tax_lines)
    extras = doc.discount or doc.shipping
    if extras or not has_tax:
        row(lab("subtotal"), doc.num(doc.items_sum))
    if doc.discount:
        row(lab("discount").format(p=doc.rate(doc.discount_pct)), "-" + doc.num(doc.discount))
        doc.extra["discount"] = doc.discount / 100
    if doc.shipping:
        row(lab("shipping"), doc.num(doc.shipping))
        doc.extra["shipping"] = doc.shipping / 100
    if has_tax:
        row(lab("net") if extras else lab("subtotal"), doc.num(doc.net))
        for rate, base, tax in doc.tax_lines:
            label = doc.tax_label(rate)
            if len(doc.tax_lines) > 1:
                label = f"{label} ({doc.lab('net')} {doc.num(base)})" if doc.lang != "en" else f"{label} on {doc.num(base)}"
            row(label, doc.num(tax))
        doc.extra["subtotal"] = doc.net / 100
        doc.extra["tax"] = doc.tax / 100
    p.rule(label_x, y - 8, value_x, 0.6)
    y += 3
    total_label = lab("total")
    total_text = doc.money(doc.total)
    row(total_label, total_text, bold=True, size=10.5)
    doc.printed["total"] = total_text
    if paid_block:
        row(lab("paid"), doc.num(0))
        row(lab("balance"), doc.money(doc.total), bold=True)
        doc.notes.append("amount paid 0 and balance due repeat the total")
    p.rule(label_x, y - 9, value_x, 0.6)
    p.rule(label_x, y - 7.5, value_x, 0.6)
    return y + 4


def terms_block(p: Page, doc: Doc, y: float, width: float = RIGHT - LEFT) -> float:
    days = doc.days or 14
    key = {"credit_note": "terms_credit", "order_confirmation": "terms_oc"}.get(doc.doc_type, "terms")
    text = doc.lab(key).format(days=days)
    y = paragraph(p, doc, LEFT, y, text, width, 8.5, 11, keep=("recouvrement : 40 €",))
    if doc.lang == "de" and doc.region == "DE" and doc.due and doc.layout not in ("no_tax",) and doc.k % 2 == 0:
        skonto_day = doc.issue + dt.timedelta(days=7)
        skonto = doc.total - percent_of(doc.total, Decimal(2))
        y = paragraph(p, doc, LEFT, y, f"Bei Zahlung bis {doc.date(skonto_day)} gewähren wir 2 % Skonto "
                      f"(Zahlbetrag {doc.money(skonto)}).", width, 8.5, 11)
        doc.notes.append("Skonto sentence with another date and a reduced amount")
    if doc.due and doc.layout not in ("letter",) and doc.k % 3 == 0:
        y = paragraph(p, doc, LEFT, y, {"en": "Due date", "de": "Fällig", "fr": "Échéance", "nl": "Vervaldatum",
                                        "es": "Vencimiento"}[doc.lang] + f": {doc.date(doc.due)}", width, 8.5, 11)
    return y + 6


def add_lines(p: Page, doc: Doc, y: float, pos: bool = True) -> float:
    for n, item in enumerate(doc.items, start=1):
        y = table_row(p, doc, y, n, item, pos)
    p.rule(LEFT, y - 8, RIGHT, 0.4)
    return y + 6


# --- layouts --------------------------------------------------------------------------------------

def layout_label_value(doc: Doc) -> list[Page]:
    p = Page()
    y = vendor_block(p, doc, LEFT, 58)
    put_title(p, doc)
    y = customer_block(p, doc, LEFT, max(y + 24, 130))
    y = doc_intro(p, doc, y + 14)
    y += 6
    p.rule(LEFT, y - 11, RIGHT, 0.4)
    for _, label, value in meta_rows(doc):
        p.text(LEFT, y, doc.colon_after(label) if doc.k % 2 else label, 9.5)
        p.right(RIGHT, y, value, 9.5, bold=(label == doc.lab("number")))
        y += 15
    p.rule(LEFT, y - 9, RIGHT, 0.4)
    y += 14
    p.text(LEFT, y, doc.lab("desc"), 8, True)
    p.right(RIGHT, y, doc.lab("amount"), 8, True)
    y += 15
    for desc, qty, unit, rate, line in doc.items:
        p.text(LEFT, y, f"{doc.qty(qty)} x {desc} à {doc.num(unit)}" if doc.lang in ("fr", "de") else
               f"{doc.qty(qty)} x {desc} @ {doc.num(unit)}", 9)
        p.right(RIGHT, y, doc.num(line), 9)
        y += 14
    p.rule(LEFT, y - 8, RIGHT, 0.4)
    y += 8
    y = totals_block(p, doc, y, label_x=LEFT)
    terms_block(p, doc, y + 10)
    footer(p, doc)
    doc.notes.append("labels at the left margin, values right-aligned far away on the same line")
    return [p]


def meta_right(p: Page, doc: Doc, y: float, label_x: float = 330.0, rows=None, size: float = 9) -> float:
    for _, label, value in rows if rows is not None else meta_rows(doc):
        p.text(label_x, y, label, size)
        p.right(RIGHT, y, value, size, bold=(label == doc.lab("number")))
        y += size + 4.5
    return y


def layout_table(doc: Doc) -> list[Page]:
    p = Page()
    y = vendor_block(p, doc, LEFT, 58)
    put_title(p, doc)
    customer_block(p, doc, LEFT, 140)
    meta_right(p, doc, 140)
    y = doc_intro(p, doc, 240)
    y = table_header(p, doc, y + 12)
    y = add_lines(p, doc, y)
    y = totals_block(p, doc, y + 4, paid_block=(doc.region == "US"))
    terms_block(p, doc, y + 10)
    footer(p, doc)
    doc.notes.append("line-item table with qty / unit price / amount columns; totals under the table")
    return [p]


def layout_two_columns(doc: Doc) -> list[Page]:
    p, v, lab = Page(), doc.vendor, doc.lab
    left = [(v.name, 13, True), (v.street, 9, False), (v.city_line, 9, False),
            (f"{lab('tel')} {v.phone}", 9, False), (v.email, 9, False), (v.web, 9, False)]
    if v.vat_id:
        left.append((f"{doc.vat_label} {v.vat_id}", 9, False))
    rows = meta_rows(doc)
    right = [(lab("title"), 13, True)] + rows
    y = 60
    for i in range(max(len(left), len(right))):
        if i < len(left):
            p.text(LEFT, y, *left[i])
        if i < len(right):
            if i == 0:
                p.text(330, y, right[0][0], 13, True)
            else:
                _, label, value = right[i]
                p.text(330, y, doc.colon_after(label), 9, True)
                p.text(430, y, value, 9)
        y += 17 if i == 0 else 12.5
    y = customer_block(p, doc, LEFT, y + 22)
    y = doc_intro(p, doc, y + 12)
    y = table_header(p, doc, y + 14, pos=False)
    y = add_lines(p, doc, y, pos=False)
    y = totals_block(p, doc, y + 4)
    terms_block(p, doc, y + 10)
    footer(p, doc)
    doc.notes.append("sender block and document facts side by side on the same baselines, so text lines interleave")
    return [p]


def boxes(p: Page, doc: Doc, y: float, entries: list[tuple[str, str]], below: bool) -> float:
    """Value/caption pairs laid out left to right, wrapping to a new row when full."""
    x = LEFT
    row_h = 34
    for caption, value in entries:
        w = max(text_width(value, 10.5, True), text_width(caption, 7))
        if x + w > RIGHT:
            x, y = LEFT, y + row_h
        if below:
            p.text(x, y, value, 10.5, True)
            p.rule(x, y + 4, x + w, 0.3)
            p.text(x, y + 12, caption, 7)
        else:
            p.text(x, y, caption.upper(), 7, True)
            p.text(x, y + 13, value, 10.5)
        x += w + 22
    return y + row_h


def layout_label_below(doc: Doc) -> list[Page]:
    p = Page()
    vendor_block(p, doc, LEFT, 58)
    put_title(p, doc)
    y = customer_block(p, doc, LEFT, 140)
    entries = [(label, value) for key, label, value in meta_rows(doc, with_total=True) if key != "ref"]
    doc.printed["total"] = doc.money(doc.total)
    y = boxes(p, doc, y + 22, entries, below=True)
    y = doc_intro(p, doc, y + 4)
    y = table_header(p, doc, y + 12)
    y = add_lines(p, doc, y)
    totals_doc = totals_block(p, doc, y + 4)
    terms_block(p, doc, totals_doc + 10)
    footer(p, doc)
    doc.notes.append("values printed above small captions (label under the value)")
    return [p]


def layout_label_above(doc: Doc) -> list[Page]:
    p, lab = Page(), doc.lab
    vendor_block(p, doc, LEFT, 58)
    put_title(p, doc)
    y = 128
    p.text(LEFT, y, lab("bill_to").upper(), 7, True)
    c = doc.customer
    yy = y + 13
    for i, line in enumerate((c.name, doc.contact, c.street, c.city_line)):
        p.text(LEFT, yy, line, 10 if i == 0 else 9, i == 0)
        yy += 12
    rows = [(label, value) for key, label, value in meta_rows(doc)]
    col_x = [260, 410]
    for i, (label, value) in enumerate(rows):
        x, yy2 = col_x[i % 2], y + (i // 2) * 30
        p.text(x, yy2, label.upper(), 7, True)
        p.text(x, yy2 + 13, value, 10)
    y = max(yy, y + ((len(rows) + 1) // 2) * 30) + 18
    y = doc_intro(p, doc, y)
    y = table_header(p, doc, y + 12)
    y = add_lines(p, doc, y)
    y = totals_block(p, doc, y + 4)
    p.text(340, y + 6, (lab("amount_due") if doc.doc_type == "invoice" else lab("total")).upper(), 7.5, True)
    p.right(RIGHT, y + 26, doc.money(doc.total), 17, True)
    terms_block(p, doc, y + 48)
    footer(p, doc)
    doc.notes.append("captions in small capitals above their values; the amount due repeated in large type")
    return [p]


def layout_multi_page(doc: Doc) -> list[Page]:
    lab = doc.lab
    per_first, per_next, per_last = 24, 34, 24
    chunks = [doc.items[:per_first]]
    rest = doc.items[per_first:]
    while rest:
        chunks.append(rest[:per_next])
        rest = rest[per_next:]
    if len(chunks[-1]) > per_last:                  # keep room for the totals on the last page
        tail = chunks[-1][per_last:]
        chunks[-1] = chunks[-1][:per_last]
        chunks.append(tail)
    n = len(chunks)
    pages, running, index = [], 0, 0
    for i, chunk in enumerate(chunks, start=1):
        p = Page()
        page_label = lab("page").format(i=i, n=n)
        if i == 1:
            vendor_block(p, doc, LEFT, 58)
            put_title(p, doc)
            customer_block(p, doc, LEFT, 140)
            meta_right(p, doc, 140)
            y = doc_intro(p, doc, 250)
            y = table_header(p, doc, y + 10)
        else:
            p.text(LEFT, 50, doc.vendor.name, 11, True)
            p.right(RIGHT, 50, f"{lab('number')} {doc.number}", 9, True)
            p.right(RIGHT, 62, f"{doc.colon_after(lab('date'))} {doc.date(doc.issue)}", 8.5)
            p.text(LEFT, 62, page_label, 8.5)
            y = table_header(p, doc, 92)
            p.text(COLS["desc"], y, lab("brought").format(p=i - 1), 8.5, True)
            p.right(RIGHT, y, doc.num(running), 8.5, True)
            y += 16
        for item in chunk:
            index += 1
            y = table_row(p, doc, y, index, item)
            running += item[4]
        p.rule(LEFT, y - 8, RIGHT, 0.4)
        if i < n:
            p.text(COLS["desc"], y + 6, lab("carried"), 8.5, True)
            p.right(RIGHT, y + 6, doc.num(running), 8.5, True)
        else:
            y = totals_block(p, doc, y + 10)
            terms_block(p, doc, y + 8)
        footer(p, doc, page_label=page_label)
        pages.append(p)
    doc.notes.append(f"{n} pages: header repeated, running carried-forward sums, totals only on the last page")
    return pages


def layout_receipt(doc: Doc) -> list[Page]:
    p, v, lab, rng = Page(), doc.vendor, doc.lab, doc.rng
    x0, x1, xc = 205.0, 390.0, 297.5
    y = 70
    p.center(xc, y, v.name, 11, True)
    y += 14
    for line in (v.street, v.city_line, f"{lab('tel')} {v.phone}"):
        p.center(xc, y, line, 8)
        y += 10
    if v.vat_id:
        p.center(xc, y, f"{doc.vat_label} {v.vat_id}", 8)
        doc.extra["vat_id"] = v.vat_id
        y += 10
    elif v.tax_no:
        p.center(xc, y, v.tax_no, 8)
        y += 10
    y += 8
    title = lab("title")
    p.center(xc, y, title, 9, True)
    y += 14
    time = f"{rng.randint(7, 19):02d}:{rng.randint(0, 59):02d}"
    till = {"en": "Till", "de": "Kasse", "fr": "Caisse", "nl": "Kassa", "es": "Caja"}[doc.lang]
    p.text(x0, y, f"{doc.date(doc.issue)} {time}", 8)
    p.right(x1, y, f"{till} {rng.randint(1, 4)}", 8)
    y += 11
    if doc.number:
        p.text(x0, y, f"{lab('number')} {doc.number}", 8)
        y += 11
    record_meta(doc)
    doc.extra.pop("customer_number", None)
    p.rule(x0, y - 4, x1, 0.4)
    y += 8
    for desc, qty, unit, rate, line in doc.items:
        p.text(x0, y, desc, 8)
        p.right(x1, y, doc.num(line), 8)
        y += 10
        if qty != 1:
            p.text(x0 + 10, y, f"{doc.qty(qty)} x {doc.num(unit)}", 7.5)
            y += 10
    p.rule(x0, y - 4, x1, 0.4)
    y += 9
    if doc.tax_lines:                                     # US: sales tax added
        p.text(x0, y, lab("subtotal"), 8)
        p.right(x1, y, doc.num(doc.net), 8)
        y += 10
        p.text(x0, y, doc.tax_label(doc.tax_lines[0][0]), 8)
        p.right(x1, y, doc.num(doc.tax), 8)
        y += 12
        doc.extra["subtotal"] = doc.net / 100
        doc.extra["tax"] = doc.tax / 100
    total_text = doc.money(doc.total)
    p.text(x0, y, lab("total"), 10.5, True)
    p.right(x1, y, total_text, 10.5, True)
    doc.printed["total"] = total_text
    y += 15
    if rng.random() < 0.5:
        given = ((doc.total // 500) + 1) * 500 if doc.total % 500 else doc.total + 500
        p.text(x0, y, {"en": "Cash", "de": "Bar", "fr": "Espèces", "nl": "Contant", "es": "Efectivo"}[doc.lang], 8)
        p.right(x1, y, doc.num(given), 8)
        y += 10
        p.text(x0, y, {"en": "Change", "de": "Rückgeld", "fr": "Rendu", "nl": "Wisselgeld", "es": "Cambio"}[doc.lang], 8)
        p.right(x1, y, doc.num(given - doc.total), 8)
        doc.notes.append("cash given and change printed below the total")
    else:
        p.text(x0, y, {"en": "Card", "de": "EC-Karte", "fr": "CB", "nl": "Pin", "es": "Tarjeta"}[doc.lang]
               + f" **** {rng.randint(1000, 9999)}", 8)
        p.right(x1, y, doc.num(doc.total), 8)
    y += 14
    if doc.included_tax:
        rate, tax = doc.included_tax
        text = {"en": f"incl. VAT {doc.rate(rate)}%", "de": f"enth. MwSt. {doc.rate(rate)} %",
                "fr": f"dont TVA {doc.rate(rate)} %", "nl": f"waarvan btw {doc.rate(rate)}%",
                "es": f"IVA incluido ({doc.rate(rate)} %)"}[doc.lang]
        p.text(x0, y, text, 8)
        p.right(x1, y, doc.num(tax), 8)
        doc.extra["tax"] = tax / 100
        doc.extra["tax_included"] = True
        y += 14
    returns = doc.issue + dt.timedelta(days=30)
    note = {"en": f"Returns accepted until {doc.date(returns)}", "de": f"Umtausch bis {doc.date(returns)} mit Bon",
            "fr": f"Échange possible jusqu'au {doc.date(returns)}", "nl": f"Ruilen tot {doc.date(returns)} met bon",
            "es": f"Cambios hasta el {doc.date(returns)}"}[doc.lang]
    p.center(xc, y + 6, note, 7.5)
    p.center(xc, y + 18, {"en": "Thank you for shopping with us!", "de": "Vielen Dank für Ihren Einkauf!",
                          "fr": "Merci de votre visite !", "nl": "Bedankt en tot ziens!",
                          "es": "¡Gracias por su visita!"}[doc.lang], 8)
    if doc.number is None:
        doc.notes.append("no receipt number at all: invoice_number is null")
    doc.notes.append("narrow till receipt; tax included, not added" if doc.included_tax else
                     "narrow till receipt with sales tax added on top")
    return [p]


def layout_no_tax(doc: Doc) -> list[Page]:
    p = Page()
    y = vendor_block(p, doc, LEFT, 58, size=14)
    put_title(p, doc, size=16)
    customer_block(p, doc, LEFT, 140)
    meta_right(p, doc, 140, label_x=340)
    y = doc_intro(p, doc, 245)
    y = table_header(p, doc, y + 10, pos=False)
    y = add_lines(p, doc, y, pos=False)
    y = totals_block(p, doc, y + 4, paid_block=(doc.region == "US"))
    note = LABELS[doc.lang]["no_tax"][doc.region]
    y = paragraph(p, doc, LEFT, y + 10, note, RIGHT - LEFT, 8.5, 11)
    terms_block(p, doc, y + 4)
    footer(p, doc)
    doc.notes.append("no tax line at all; an exemption note explains why")
    return [p]


def layout_with_tax(doc: Doc) -> list[Page]:
    p, lab = Page(), doc.lab
    y = vendor_block(p, doc, LEFT, 58)
    put_title(p, doc)
    customer_block(p, doc, LEFT, 140)
    meta_right(p, doc, 140)
    y = doc_intro(p, doc, 245)
    y = table_header(p, doc, y + 10)
    y = add_lines(p, doc, y)
    y = totals_block(p, doc, y + 4)
    # a VAT summary table (rate / net / tax / gross) restates the amounts
    heads = {"en": ("VAT rate", "Net", "VAT", "Gross"), "de": ("MwSt-Satz", "Netto", "MwSt", "Brutto"),
             "fr": ("Taux TVA", "Base HT", "TVA", "TTC"), "nl": ("Btw-tarief", "Grondslag", "Btw", "Bruto"),
             "es": ("Tipo IVA", "Base", "Cuota", "Total")}[doc.lang]
    if doc.region == "US":
        heads = ("Tax rate", "Net", "Tax", "Gross")
    xs = [LEFT, 180, 260, 340]
    y += 8
    for x, h in zip(xs, heads):
        (p.text if x == LEFT else lambda xx, yy, s, sz, b: p.right(xx + 40, yy, s, sz, b))(x, y, h, 7.5, True)
    p.rule(LEFT, y + 4, 380, 0.3)
    y += 14
    for rate, base, tax in doc.tax_lines:
        p.text(LEFT, y, f"{doc.rate(rate)} %", 8)
        for x, val in zip(xs[1:], (base, tax, base + tax)):
            p.right(x + 40, y, doc.num(val), 8)
        y += 11
    terms_block(p, doc, y + 12)
    footer(p, doc)
    doc.notes.append(f"net + {'sales tax' if doc.region == 'US' else 'VAT'} = total, restated in a tax summary table" +
                     (" with two rates" if len(doc.tax_lines) > 1 else ""))
    return [p]


def layout_footer_vendor(doc: Doc) -> list[Page]:
    p, lab = Page(), doc.lab
    brand = doc.vendor.name.split()[0].upper().replace("&", "")
    if doc.k % 2 == 0:
        p.text(LEFT, 64, brand, 22, True)
        doc.notes.append(f"only a logo-like brand word ({brand}) at the top")
    p.right(RIGHT, 64, lab("title"), 18, True)
    y = customer_block(p, doc, LEFT, 120, size=12)
    meta_right(p, doc, 120)
    y = doc_intro(p, doc, max(y, 215) + 16)
    y = table_header(p, doc, y + 10)
    y = add_lines(p, doc, y)
    y = totals_block(p, doc, y + 4)
    terms_block(p, doc, y + 10)
    footer(p, doc, issued_by=True)
    doc.notes.append("vendor's name only in the footer ('issued by'); the customer's company is the big name at the top")
    return [p]


LETTER = {
    "en": {"subject": "{title} {num}", "dear": "Dear {name},",
           "body": ["Thank you for choosing {vendor} for {project}. As agreed, we invoice the following work carried out "
                    "between {d1} and {d2}:",
                    "The net amount of {net} plus {taxl} ({tax}) gives a total of {total}.",
                    "Please pay {total} by {due} to the account shown below, quoting the invoice number. "
                    "Should you have any questions, please contact us on {phone}."],
           "bye": "Yours sincerely,"},
    "de": {"subject": "{title} Nr. {num}", "dear": "Sehr geehrte Damen und Herren,",
           "body": ["für die im Zeitraum vom {d1} bis {d2} erbrachten Leistungen ({project}) erlauben wir uns, "
                    "Ihnen Folgendes in Rechnung zu stellen:",
                    "Der Nettobetrag von {net} zzgl. {taxl} ({tax}) ergibt einen Rechnungsbetrag von {total}.",
                    "Bitte überweisen Sie den Betrag von {total} bis zum {due} auf das unten genannte Konto. "
                    "Bei Rückfragen erreichen Sie uns unter {phone}."],
           "bye": "Mit freundlichen Grüßen"},
    "fr": {"subject": "Objet : {title} n° {num}", "dear": "Madame, Monsieur,",
           "body": ["Suite à notre intervention du {d1} au {d2} ({project}), nous vous prions de trouver ci-dessous "
                    "le détail de notre facturation :",
                    "Le montant hors taxes de {net} majoré de la {taxl} ({tax}) porte le total à {total}.",
                    "Nous vous remercions de bien vouloir régler la somme de {total} avant le {due} par virement "
                    "sur le compte indiqué ci-dessous. Pour toute question : {phone}."],
           "bye": "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées."},
    "nl": {"subject": "Betreft: {title} {num}", "dear": "Geachte heer, mevrouw,",
           "body": ["Hierbij ontvangt u onze factuur voor de werkzaamheden ({project}) die wij in de periode "
                    "van {d1} tot en met {d2} voor u hebben uitgevoerd:",
                    "Het bedrag excl. btw van {net} vermeerderd met {taxl} ({tax}) komt op een totaal van {total}.",
                    "Wij verzoeken u het bedrag van {total} vóór {due} over te maken op de onderstaande rekening, "
                    "onder vermelding van het factuurnummer. Vragen? Bel ons op {phone}."],
           "bye": "Met vriendelijke groet,"},
    "es": {"subject": "Asunto: {title} nº {num}", "dear": "Estimados señores:",
           "body": ["Por los trabajos realizados entre el {d1} y el {d2} ({project}), les remitimos el detalle "
                    "de nuestra factura:",
                    "La base imponible de {net} más el {taxl} ({tax}) asciende a un total de {total}.",
                    "Les rogamos abonen el importe de {total} antes del {due} mediante transferencia a la cuenta "
                    "indicada más abajo. Para cualquier consulta: {phone}."],
           "bye": "Atentamente,"},
}
PLACE_DATE = {"en": "{city}, {date}", "de": "{city}, {date}", "fr": "{city}, le {date}", "nl": "{city}, {date}",
              "es": "{city}, a {date}"}
PROJECTS = {"en": "the refurbishment of your reception area", "de": "Umbau Empfangsbereich",
            "fr": "rénovation de l'accueil", "nl": "verbouwing receptie", "es": "reforma de la recepción"}


def layout_letter(doc: Doc) -> list[Page]:
    p, v, c, lab = Page(), doc.vendor, doc.customer, doc.lab
    # letterhead, right-aligned
    vendor_block(p, doc, LEFT, 58, size=13, right=True)
    # return address line over the window, then the recipient
    p.text(LEFT, 132, f"{v.name} · {v.street} · {v.city_line}", 6.5)
    p.rule(LEFT, 135, LEFT + text_width(f"{v.name} · {v.street} · {v.city_line}", 6.5), 0.3)
    y = 150
    for i, line in enumerate((c.name, doc.contact, c.street, c.city_line)):
        p.text(LEFT, y, line, 10, i == 0)
        y += 13
    date_text = doc.date(doc.issue)
    place = PLACE_DATE[doc.lang].format(city=v.city, date=date_text)
    p.right(RIGHT, 232, place, 9.5)
    if doc.lang == "fr":
        doc.notes.append("issue date only in the place line 'ville, le ...'")
    refs = f"{doc.colon_after(lab('customer_no'))} {doc.customer_no}"
    if doc.order_no:
        refs += f"   {doc.colon_after(lab('order_no'))} {doc.order_no}"
    p.text(LEFT, 252, refs, 8.5)
    record_meta(doc)
    doc.extra.pop("delivery_date", None)
    doc.extra.pop("order_date", None)
    title = {"en": "Invoice", "de": "Rechnung", "fr": "Facture", "nl": "Factuur", "es": "Factura"}[doc.lang]
    p.text(LEFT, 280, LETTER[doc.lang]["subject"].format(title=title, num=doc.number), 11, True)
    tpl = LETTER[doc.lang]
    title_word, surname = doc.contact.split()[0], doc.contact.split()[-1]
    if doc.region == "US":
        title_word += "."
    p.text(LEFT, 308, tpl["dear"].format(name=f"{title_word} {surname}"), 9.5)
    d1 = doc.issue - dt.timedelta(days=doc.rng.randint(20, 40))
    d2 = doc.issue - dt.timedelta(days=doc.rng.randint(1, 5))
    total_text = doc.money(doc.total)
    due_text = doc.date(doc.due) if doc.due else ""
    fmt = dict(vendor=v.name, project=PROJECTS[doc.lang], d1=doc.date(d1), d2=doc.date(d2), net=doc.money(doc.net),
               taxl=doc.tax_label(doc.tax_lines[0][0]).replace("zzgl. ", ""), tax=doc.money(doc.tax),
               total=total_text, due=due_text, phone=v.phone)
    keep = (total_text, due_text, fmt["net"], fmt["tax"], fmt["d1"], fmt["d2"], v.name, v.phone, fmt["taxl"])
    y = paragraph(p, doc, LEFT, 328, tpl["body"][0].format(**fmt), RIGHT - LEFT, 9.5, 13, keep)
    y += 6
    for desc, qty, unit, rate, line in doc.items:
        p.text(LEFT + 15, y, f"– {doc.qty(qty)} x {desc}", 9)
        p.right(420, y, doc.num(line), 9)
        y += 12.5
    y += 8
    y = paragraph(p, doc, LEFT, y, tpl["body"][1].format(**fmt), RIGHT - LEFT, 9.5, 13, keep)
    y = paragraph(p, doc, LEFT, y + 8, tpl["body"][2].format(**fmt), RIGHT - LEFT, 9.5, 13, keep)
    doc.printed["total"] = total_text
    doc.extra["subtotal"] = doc.net / 100
    doc.extra["tax"] = doc.tax / 100
    y = paragraph(p, doc, LEFT, y + 12, tpl["bye"], RIGHT - LEFT, 9.5, 13)
    p.text(LEFT, y + 26, doc.rng.choice(SIGNERS[doc.lang]), 9.5)
    p.text(LEFT, y + 38, v.name, 8.5)
    footer(p, doc)
    doc.notes.append("business letter: the total only inside sentences, next to the net amount, VAT and a due date")
    return [p]


LAYOUT_FUNCS = {"label_value": layout_label_value, "table": layout_table, "two_columns": layout_two_columns,
                "label_below": layout_label_below, "label_above": layout_label_above,
                "multi_page": layout_multi_page, "receipt": layout_receipt, "no_tax": layout_no_tax,
                "with_tax": layout_with_tax, "footer_vendor": layout_footer_vendor, "letter": layout_letter}


# ---------------------------------------------------------------------------------------------

DATE_NOTES = {"us_slash": "US month-first numeric date", "uk_slash": "day-first numeric date (UK)",
              "fr_slash": "day-first numeric date", "es_slash": "day-first numeric date",
              "nl_dash": "Dutch day-first date without leading zeros", "de_long": "German month name",
              "fr_long": "French month name", "es_long": "Spanish long date 'd de mes de aaaa'",
              "us_ordinal": "ordinal day ('5th')", "uk_ordinal": "ordinal day ('5th')",
              "de_dot_short": "German date without leading zeros"}


def build(doc: Doc) -> tuple[bytes, dict]:
    pages = LAYOUT_FUNCS[doc.layout](doc)
    for i, page in enumerate(pages, start=1):
        check_page(page.items, doc.id, i)
    doc.printed["vendor"] = doc.vendor.name
    if doc.number is None:
        doc.printed["invoice_number"] = None
    assert set(doc.printed) == {"vendor", "invoice_number", "date", "total"}, (doc.id, doc.printed)
    notes = list(doc.notes)
    if doc.date_style in DATE_NOTES:
        ambiguous = doc.issue.day <= 12 and doc.date_style.endswith(("slash", "dash"))
        notes.append(DATE_NOTES[doc.date_style] + (" (day <= 12: ambiguous without the locale)" if ambiguous else ""))
    if doc.issue.month == 1 and doc.region == "AT" and doc.date_style == "de_long":
        notes.append("Austrian 'Jänner'")
    if doc.num_style == "us" and doc.lang != "en":
        notes.append("English number format in a non-English document")
    if doc.num_style == "es4" and doc.total >= 100000:
        notes.append("no thousands separator in a four-digit amount")
    if doc.currency == "CHF":
        notes.append("Swiss apostrophe thousands separator")
    if doc.region == "DE" and dt.date(2020, 7, 1) <= doc.issue <= dt.date(2020, 12, 31) and doc.tax_lines:
        notes.append("temporary German VAT rate of 2020 (16 % / 5 %)")
    other = [x for x in ("due", "delivery", "order_date") if getattr(doc, x)]
    if other:
        notes.append("other dates: " + ", ".join(other) + " and a footer date")
    if doc.layout != "receipt":
        doc.extra["customer"] = doc.customer.name
    record = {
        "id": doc.id,
        "file": f"{doc.id}.pdf",
        "language": doc.lang,
        "region": doc.region,
        "layout": doc.layout,
        "doc_type": doc.doc_type,
        "split": doc.split,
        "pages": len(pages),
        "expected": {"vendor": doc.vendor.name, "invoice_number": doc.number, "date": doc.issue.isoformat(),
                     "total": round(doc.total / 100, 2), "currency": doc.currency},
        "printed": doc.printed,
        "extra": {k: doc.extra[k] for k in sorted(doc.extra)},
        "notes": "; ".join(dict.fromkeys(notes)),
    }
    title = f"{doc.lab('title')} {doc.number or ''}".strip()
    return make_layout_pdf([pg.items for pg in pages], title=title), record


def generate(out_dir: Path = HERE) -> dict:
    """Writes out_dir/docs/*.pdf|json and out_dir/manifest.json; returns the manifest."""
    docs_dir = out_dir / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    for old in docs_dir.glob("*"):
        if old.suffix in (".pdf", ".json"):
            old.unlink()
    used_brands: dict = {}
    used_dates: set = set()
    used_numbers: set = set()
    entries = []
    docs = plan()
    # holdout first: its draws never depend on the dev documents' draws, and vice versa
    for split in ("holdout", "dev"):
        for doc in docs:
            if doc.split == split:
                populate(doc, used_brands, used_dates, used_numbers)
    for doc in docs:
        pdf, record = build(doc)
        (docs_dir / record["file"]).write_bytes(pdf)
        (docs_dir / f"{doc.id}.json").write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        entries.append({k: record[k] for k in ("id", "file", "language", "layout", "doc_type", "split")}
                       | {"json": f"{doc.id}.json"})
    counts = {key: {} for key in ("language", "layout", "doc_type", "split")}
    for e in entries:
        for key in counts:
            counts[key][e[key]] = counts[key].get(e[key], 0) + 1
    manifest = {
        "name": "runnel-extraction-dev-set",
        "version": 1,
        "generator": "bench/extraction_data/make_set.py",
        "description": "Invented invoice-like PDFs with labels for vendor, invoice_number, date (issue date), "
                       "total and currency. See the generator's docstring for the record format.",
        "documents_dir": "docs",
        "counts": counts,
        "documents": entries,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def main() -> int:
    manifest = generate(HERE)
    print(f"wrote {len(manifest['documents'])} documents to {DOCS}")
    for key, value in manifest["counts"].items():
        print(f"  {key}: {dict(sorted(value.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
