#!/usr/bin/env python3
"""Makes the labelled page set for the OCR benchmark (bench/ocr.py).

    python bench/ocr_data/make_set.py [OUT_DIR]      # default: a new temp dir

Writes OUT_DIR/<page>.png|.jpg and OUT_DIR/truth.jsonl (one JSON object per page:
id, doc, lang, kind, variant, file, text). The images are large (A4 at 300 dpi), so they
go outside the repo; the set is fully determined by this file (fixed seeds), so any
machine makes the same pages.

Every document is invented here (names, addresses, numbers; phone numbers and IBANs are
made up). 12 documents in 6 languages (en, de, fr, es, nl, it): invoices, letters,
receipts, forms and two table-heavy pages, each rendered clean and in two of six
degraded variants (noise, blur, skew 1-3 degrees, low contrast, JPEG artefacts, phone
photo: perspective + uneven light + blur + JPEG), so 36 pages. The ground truth is the
text as drawn, one line per printed line, table cells separated by a space.
"""

from __future__ import annotations

import io
import json
import random
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

DPI = 300
W, H = 2480, 3508  # A4 at 300 dpi
MARGIN = 210
FONTS = "/usr/share/fonts/truetype"
FACES = {
    "dejavu-sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "dejavu-serif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "liberation-sans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    "liberation-serif": ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
    "liberation-mono": ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
}

# A document: (id, lang, kind, face, body size in pt, lines). A line is a string
# ("# " starts a bold heading, "" is a blank line) or a tuple of table cells.
DOCS = [
    ("inv-en", "en", "invoice", "liberation-sans", 11, [
        "# INVOICE",
        "Harbour Lane Supplies Ltd",
        "14 Quayside Walk, Bristol BS1 4RT",
        "VAT No. GB 284 5591 07",
        "",
        "Invoice number: HLS-2024-0817",
        "Invoice date: 12 March 2024",
        "Due date: 11 April 2024",
        "Bill to: Marlow & Finch Architects, 3 Orchard Row, Bath BA2 6PL",
        "",
        ("Item", "Qty", "Unit price", "Amount"),
        ("A3 drawing paper, 250 sheets", "4", "18.50", "74.00"),
        ("Technical pens, set of 6", "2", "32.90", "65.80"),
        ("Archive boxes, grey", "10", "4.25", "42.50"),
        ("Delivery", "1", "9.95", "9.95"),
        "",
        "Subtotal: GBP 192.25",
        "VAT 20%: GBP 38.45",
        "Total due: GBP 230.70",
        "",
        "Please pay by bank transfer within 30 days.",
        "Sort code 20-41-77, account 58213904, reference HLS-2024-0817.",
        "Thank you for your business.",
    ]),
    ("rech-de", "de", "invoice", "dejavu-sans", 11, [
        "# Rechnung",
        "Bäckerei Grünwald GmbH",
        "Mühlenstraße 27, 79098 Freiburg im Breisgau",
        "USt-IdNr.: DE 318 442 905",
        "",
        "Rechnungsnummer: 2024-1193",
        "Rechnungsdatum: 05.02.2024",
        "Leistungszeitraum: Januar 2024",
        "Kunde: Café Sonnenhügel, Schloßbergweg 4, 79100 Freiburg",
        "",
        ("Pos.", "Bezeichnung", "Menge", "Betrag"),
        ("1", "Roggenbrot, 1 kg", "60", "207,00 €"),
        ("2", "Brötchen, gemischt", "900", "342,00 €"),
        ("3", "Käsekuchen, ganz", "12", "218,40 €"),
        ("4", "Lieferpauschale", "1", "25,00 €"),
        "",
        "Zwischensumme netto: 792,40 €",
        "zzgl. 7 % MwSt.: 55,47 €",
        "Gesamtbetrag: 847,87 €",
        "",
        "Zahlbar innerhalb von 14 Tagen ohne Abzug.",
        "Bankverbindung: Sparkasse Breisgau, IBAN DE12 6805 0101 0004 4471 23",
        "Vielen Dank für Ihren Auftrag!",
    ]),
    ("lettre-fr", "fr", "letter", "liberation-serif", 12, [
        "Atelier Lefèvre & Fils",
        "8, rue des Tanneurs",
        "69002 Lyon",
        "",
        "Madame Hélène Bérard",
        "12, avenue de la Gare",
        "38000 Grenoble",
        "",
        "Lyon, le 18 mars 2024",
        "",
        "Objet : confirmation de votre commande nº 4471",
        "",
        "Madame,",
        "",
        "Nous avons bien reçu votre commande du 14 mars et nous vous en remercions.",
        "Les deux fauteuils en chêne seront restaurés dans notre atelier ; le tissu",
        "choisi, un velours côtelé vert d'eau, est déjà réservé pour vous.",
        "La livraison est prévue au début du mois de mai, à une date qui vous",
        "conviendra. Un acompte de 450,00 € vous sera demandé à la réception des",
        "échantillons, le solde étant payable à la livraison.",
        "",
        "Nous restons à votre disposition pour toute question et vous prions",
        "d'agréer, Madame, l'expression de nos salutations distinguées.",
        "",
        "Étienne Lefèvre",
        "Gérant",
    ]),
    ("recibo-es", "es", "receipt", "liberation-mono", 12, [
        "# SUPERMERCADO LA ALAMEDA",
        "Calle Mayor 112, 28013 Madrid",
        "NIF: B-84920315",
        "Tel. 910 000 431",
        "",
        "Factura simplificada nº 0093-22817",
        "Fecha: 23/02/2024  Hora: 18:42",
        "",
        ("Aceite de oliva 1 l", "8,95"),
        ("Pan de molde integral", "2,15"),
        ("Jamón serrano 200 g", "4,80"),
        ("Queso manchego curado", "6,40"),
        ("Naranjas 2 kg", "3,98"),
        ("Leche semidesnatada x6", "5,34"),
        ("Café molido 250 g", "3,25"),
        "",
        ("TOTAL", "34,87 EUR"),
        ("Tarjeta", "34,87 EUR"),
        ("Base imponible 10%", "31,70"),
        ("Cuota IVA 10%", "3,17"),
        "",
        "Artículos: 7",
        "Gracias por su visita. ¡Hasta pronto!",
        "Devoluciones en un plazo de 15 días con el ticket.",
    ]),
    ("letter-en", "en", "letter", "dejavu-serif", 11, [
        "Greenfield Community Library",
        "27 Elm Street, Harrogate HG1 2QT",
        "",
        "Mr Daniel O'Connor",
        "5 Millbank Close",
        "Knaresborough HG5 8JF",
        "",
        "4 April 2024",
        "",
        "Dear Mr O'Connor,",
        "",
        "Thank you for agreeing to give a talk on local history at the library.",
        "We would be delighted to host you on Thursday, 16 May, from 7:00 to 8:30 pm",
        "in the reading room on the first floor. About forty people usually attend,",
        "and we will provide a projector, a screen and a microphone.",
        "",
        "If you need any other equipment, or would like us to print handouts,",
        "please let me know by 9 May. Tea and coffee will be served from 6:30 pm.",
        "Parking is free after 6 pm in the council car park on Station Road.",
        "",
        "We look forward to seeing you.",
        "",
        "Yours sincerely,",
        "",
        "Margaret Holloway",
        "Events Coordinator",
    ]),
    ("form-de", "de", "form", "liberation-sans", 11, [
        "# Antrag auf Erstattung von Reisekosten",
        "Formular RK-3, Stand 01/2024",
        "",
        "1. Angaben zur Person",
        "Name, Vorname: Schäfer, Jürgen",
        "Personalnummer: 004417",
        "Abteilung: Qualitätssicherung",
        "",
        "2. Angaben zur Reise",
        "Reiseziel: Düsseldorf, Messe Süd",
        "Zweck der Reise: Kundenbesuch und Fachmesse",
        "Beginn: 11.03.2024, 06:15 Uhr",
        "Ende: 13.03.2024, 21:40 Uhr",
        "Verkehrsmittel: Bahn, 2. Klasse",
        "",
        "3. Kosten",
        ("Fahrkarten", "189,80 €"),
        ("Übernachtung, 2 Nächte", "248,00 €"),
        ("Verpflegungsmehraufwand", "70,00 €"),
        ("Summe", "507,80 €"),
        "",
        "Ich versichere, dass die Angaben vollständig und richtig sind.",
        "Ort, Datum: Kassel, 15.03.2024",
        "Unterschrift: J. Schäfer",
    ]),
    ("facture-fr", "fr", "invoice", "dejavu-sans", 10, [
        "# FACTURE",
        "Éditions du Vieux Port SARL",
        "31, quai de Rive-Neuve, 13007 Marseille",
        "SIRET 812 447 390 00018 - TVA FR 41 812447390",
        "",
        "Facture nº F-2024-0356 du 29 février 2024",
        "Client : Librairie Les Mots Passants, 9, place Garibaldi, 06300 Nice",
        "",
        ("Réf.", "Désignation", "Qté", "Prix HT", "Total HT"),
        ("VP-118", "Carnets de voyage, tome 2", "25", "14,20", "355,00"),
        ("VP-204", "Cuisine provençale illustrée", "12", "22,50", "270,00"),
        ("VP-311", "Poèmes de la côte", "18", "9,80", "176,40"),
        ("VP-402", "Atlas des calanques", "6", "31,00", "186,00"),
        ("VP-415", "Marseille, une histoire", "10", "19,90", "199,00"),
        ("PORT", "Frais d'expédition", "1", "12,00", "12,00"),
        "",
        "Total HT : 1 198,40 €",
        "TVA 5,5 % : 65,91 €",
        "Total TTC : 1 264,31 €",
        "",
        "Échéance : 30 mars 2024. Pénalités de retard : trois fois le taux d'intérêt légal.",
        "Indemnité forfaitaire pour frais de recouvrement : 40 €.",
    ]),
    ("carta-es", "es", "letter", "liberation-serif", 12, [
        "Ayuntamiento de Villanueva del Río",
        "Plaza de España, 1",
        "41350 Sevilla",
        "",
        "Sra. Dña. Lucía Fernández Ortega",
        "Calle Betis, 45, 2º B",
        "41010 Sevilla",
        "",
        "Sevilla, 8 de abril de 2024",
        "",
        "Asunto: concesión de licencia de obra menor, expediente 2024/0412",
        "",
        "Estimada señora:",
        "",
        "Le comunicamos que la Junta de Gobierno Local, en su sesión del día 3 de",
        "abril, ha aprobado la licencia solicitada para la reforma del baño y la",
        "cocina de su vivienda. Las obras deberán comenzar en un plazo máximo de",
        "seis meses y terminar antes de un año desde la fecha de esta notificación.",
        "",
        "La tasa correspondiente asciende a 186,50 euros, que podrá abonar en",
        "cualquier oficina de Caja Rural del Sur o a través de la sede electrónica.",
        "",
        "Atentamente,",
        "",
        "José Manuel Núñez",
        "Jefe del Servicio de Urbanismo",
    ]),
    ("factuur-nl", "nl", "invoice", "liberation-sans", 11, [
        "# FACTUUR",
        "Fietsenmakerij De Vlijt B.V.",
        "Oudegracht 212, 3511 NR Utrecht",
        "KvK 71839204 - btw NL 8592.17.443.B01",
        "",
        "Factuurnummer: 24-0288",
        "Factuurdatum: 19 januari 2024",
        "Klant: Koeriersdienst Snel & Zeker, Vaartsche Rijn 8, Utrecht",
        "",
        ("Omschrijving", "Aantal", "Prijs", "Bedrag"),
        ("Onderhoudsbeurt bakfiets", "3", "€ 89,00", "€ 267,00"),
        ("Nieuwe ketting en tandwiel", "2", "€ 54,50", "€ 109,00"),
        ("Remblokken vervangen", "4", "€ 22,75", "€ 91,00"),
        ("Binnenband 26 inch", "5", "€ 7,95", "€ 39,75"),
        "",
        "Subtotaal: € 506,75",
        "Btw 21%: € 106,42",
        "Totaal: € 613,17",
        "",
        "Gelieve het bedrag binnen 14 dagen over te maken op",
        "NL44 RABO 0317 2284 90 onder vermelding van het factuurnummer.",
        "Bedankt voor het vertrouwen!",
    ]),
    ("lettera-it", "it", "letter", "dejavu-serif", 11, [
        "Studio Legale Bianchi e Associati",
        "Via dei Mille 18, 20129 Milano",
        "",
        "Gentile Sig.ra Francesca Moretti",
        "Corso Vittorio Emanuele II 77",
        "10128 Torino",
        "",
        "Milano, 22 marzo 2024",
        "",
        "Oggetto: contratto di locazione dell'immobile di via Nizza 41",
        "",
        "Gentile Signora,",
        "",
        "facendo seguito al nostro colloquio telefonico di martedì, Le trasmettiamo",
        "la bozza del contratto di locazione, già condivisa con la parte locatrice.",
        "Il canone mensile è fissato in 1.150,00 euro, con deposito cauzionale pari",
        "a tre mensilità e decorrenza dal 1º maggio 2024.",
        "",
        "La preghiamo di farci pervenire eventuali osservazioni entro venerdì 29",
        "marzo, così da poter fissare la firma presso il nostro studio.",
        "",
        "Cordiali saluti,",
        "",
        "Avv. Giorgio Bianchi",
    ]),
    ("table-en", "en", "table", "dejavu-sans", 10, [
        "# Quarterly sales by region, 2023",
        "All figures in thousands of euros, excluding VAT.",
        "",
        ("Region", "Q1", "Q2", "Q3", "Q4", "Total"),
        ("North", "412.6", "438.1", "401.9", "520.3", "1772.9"),
        ("South", "288.0", "301.7", "355.2", "362.8", "1307.7"),
        ("East", "199.4", "210.0", "187.6", "245.1", "842.1"),
        ("West", "356.9", "349.3", "372.5", "410.7", "1489.4"),
        ("Central", "501.2", "522.8", "498.4", "611.0", "2133.4"),
        ("Online", "145.3", "168.9", "190.2", "276.4", "780.8"),
        ("Total", "1903.4", "1990.8", "2005.8", "2426.3", "8326.3"),
        "",
        ("Product line", "Units", "Returns", "Margin"),
        ("Garden tools", "18204", "2.1%", "31.4%"),
        ("Kitchenware", "25117", "3.8%", "27.9%"),
        ("Lighting", "9633", "1.2%", "35.0%"),
        ("Textiles", "14482", "5.6%", "22.3%"),
        ("Furniture", "3021", "4.4%", "18.7%"),
        "",
        "Source: internal ledger, extracted 15 January 2024.",
    ]),
    ("bon-de", "de", "receipt", "liberation-mono", 12, [
        "# Drogeriemarkt Lindenhof",
        "Lindenallee 5, 04109 Leipzig",
        "Steuer-Nr. 231/118/04472",
        "",
        "Bon 4418  Kasse 02  14.03.2024 09:17",
        "",
        ("Zahnpasta Kräuter", "1,95 A"),
        ("Duschgel Zitrone", "2,45 A"),
        ("Spülmittel 500 ml", "1,29 A"),
        ("Taschentücher 10er", "1,65 A"),
        ("Müsliriegel 6 Stück", "2,99 B"),
        ("Handcreme", "3,49 A"),
        "",
        ("Summe EUR", "13,82"),
        ("Bar", "20,00"),
        ("Rückgeld", "6,18"),
        "",
        ("MwSt A 19%", "1,73"),
        ("MwSt B 7%", "0,20"),
        "",
        "Vielen Dank für Ihren Einkauf!",
        "Umtausch nur mit Kassenbon.",
    ]),
]

# Six degradations; document i gets recipes 2i and 2i+1 (mod 6), so each appears 4 times.
RECIPES = ["noise", "blur", "skew", "contrast", "jpeg", "photo"]


def font(face: str, bold: bool, pt: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(f"{FONTS}/{FACES[face][1 if bold else 0]}", round(pt * DPI / 72))


def render(doc) -> tuple[Image.Image, str]:
    _id, _lang, kind, face, pt, lines = doc
    img = Image.new("L", (W, H), 255)
    draw = ImageDraw.Draw(img)
    body, bold = font(face, False, pt), font(face, True, pt)
    head = font(face, True, pt * 1.6)
    step = round(pt * DPI / 72 * 1.45)
    y, truth = MARGIN, []
    for i, line in enumerate(lines):
        if line == "":
            y += step // 2
            continue
        if isinstance(line, tuple):
            # A block of consecutive rows is laid out as a table: column widths from the
            # widest cell, numeric columns right-aligned. Its first row is the header (bold),
            # except on receipts and forms.
            start = i
            while start > 0 and isinstance(lines[start - 1], tuple):
                start -= 1
            end = i
            while end + 1 < len(lines) and isinstance(lines[end + 1], tuple):
                end += 1
            block = lines[start:end + 1]
            is_head = kind not in ("receipt", "form") and i == start
            f = bold if is_head else body
            widths = [max(bold.getlength(r[c]) for r in block) for c in range(len(line))]
            gap = (W - 2 * MARGIN - sum(widths)) / max(1, len(line) - 1)
            body_rows = block[1:] if kind not in ("receipt", "form") and len(block) > 1 else block
            x = MARGIN
            for c, cell in enumerate(line):
                numeric = c > 0 and all(r[c][:1].isdigit() or r[c][:1] in "€-" for r in body_rows)
                if numeric:
                    draw.text((x + widths[c], y), cell, font=f, fill=0, anchor="ra")
                else:
                    draw.text((x, y), cell, font=f, fill=0)
                x += widths[c] + gap
            if is_head:
                draw.line((MARGIN, y + step - 8, W - MARGIN, y + step - 8), fill=0, width=3)
            truth.append(" ".join(line))
            y += step
        elif line.startswith("# "):
            draw.text((MARGIN, y), line[2:], font=head, fill=0)
            truth.append(line[2:])
            y += round(step * 1.7)
        else:
            draw.text((MARGIN, y), line, font=body, fill=0)
            truth.append(line)
            y += step
    assert y < H - MARGIN, f"{_id} overflows the page"
    return img, "\n".join(truth)


def perspective_coeffs(src, dst):
    """Coefficients for Image.transform(PERSPECTIVE): maps output points dst -> input src."""
    a = []
    for (x, y), (u, v) in zip(dst, src):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    b = np.array(src, dtype=float).reshape(8)
    return np.linalg.solve(np.array(a, dtype=float), b).tolist()


def degrade(img: Image.Image, recipe: str, rng: random.Random) -> tuple[Image.Image | bytes, str, dict]:
    """Returns (image, or the JPEG file's bytes; file extension; parameters used)."""
    nrng = np.random.default_rng(rng.randrange(2**32))
    if recipe == "noise":  # gaussian sensor noise + speckles + a slight skew, like a cheap scanner
        a = np.asarray(img, dtype=np.float32) + nrng.normal(0, 28, (H, W))
        speck = nrng.random((H, W))
        a[speck < 0.002] = 0
        a[speck > 0.998] = 255
        angle = rng.uniform(0.5, 1.0) * rng.choice((-1, 1))
        out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        return out.rotate(angle, resample=Image.BICUBIC, fillcolor=255), "png", {"sigma": 28, "angle": round(angle, 2)}
    if recipe == "blur":
        r = rng.uniform(1.8, 2.4)
        return img.filter(ImageFilter.GaussianBlur(r)), "png", {"radius": round(r, 2)}
    if recipe == "skew":
        angle = rng.uniform(1.0, 3.0) * rng.choice((-1, 1))
        return img.rotate(angle, resample=Image.BICUBIC, fillcolor=255), "png", {"angle": round(angle, 2)}
    if recipe == "contrast":  # faded print on grey paper: ink ~150, paper ~205
        ink, paper = rng.randint(140, 155), rng.randint(200, 210)
        lut = [round(ink + (paper - ink) * v / 255) for v in range(256)]
        a = np.asarray(img.point(lut), dtype=np.float32) + nrng.normal(0, 4, (H, W))
        out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        return out, "png", {"ink": ink, "paper": paper}
    if recipe == "jpeg":
        q = rng.randint(8, 14)
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=q)
        return buf.getvalue(), "jpg", {"quality": q}
    if recipe == "photo":  # phone photo: perspective, uneven light, slight blur, colour cast, JPEG
        j = lambda s: rng.uniform(0.01, 0.05) * s  # noqa: E731
        dst = [(j(W), j(H)), (W - j(W), j(H) * 0.6), (W - j(W) * 0.5, H - j(H)), (j(W) * 1.5, H - j(H) * 0.5)]
        src = [(0, 0), (W, 0), (W, H), (0, H)]
        out = img.transform((W, H), Image.PERSPECTIVE, perspective_coeffs(src, dst), Image.BICUBIC, fillcolor=90)
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        light = 0.72 + 0.28 * (1 - ((xx / W - 0.3) ** 2 + (yy / H - 0.25) ** 2))
        a = np.asarray(out.filter(ImageFilter.GaussianBlur(1.2)), dtype=np.float32) * light
        rgb = np.stack([a * 1.0, a * 0.96, a * 0.86], axis=-1) + nrng.normal(0, 5, (H, W, 3))
        out = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")
        buf = io.BytesIO()
        out.save(buf, "JPEG", quality=55)
        return buf.getvalue(), "jpg", {"corners": [[round(x), round(y)] for x, y in dst]}
    raise ValueError(recipe)


def main(argv: list[str]) -> Path:
    out = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="runnel-ocr-set-"))
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for i, doc in enumerate(DOCS):
        doc_id, lang, kind = doc[0], doc[1], doc[2]
        clean, text = render(doc)
        pages = [("clean", clean, "png", {})]
        for recipe in (RECIPES[(2 * i) % 6], RECIPES[(2 * i + 1) % 6]):
            pages.append((recipe, *degrade(clean, recipe, random.Random(f"{doc_id}/{recipe}"))))
        for variant, img, ext, params in pages:
            name = f"{doc_id}__{variant}.{ext}"
            if isinstance(img, bytes):  # JPEG variants: the compressed bytes as they are
                (out / name).write_bytes(img)
            else:
                img.save(out / name, "PNG", optimize=False, dpi=(DPI, DPI))
            rows.append({"id": f"{doc_id}__{variant}", "doc": doc_id, "lang": lang, "kind": kind,
                         "variant": variant, "params": params, "file": name, "text": text})
    with open(out / "truth.jsonl", "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} pages ({len(DOCS)} documents) in {out}")
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
