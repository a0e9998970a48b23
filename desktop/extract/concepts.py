"""What a field is about, and which label words speak for or against a candidate.

A field of the user's list (name, type, description) is mapped to a *kind* of
candidate (amount, date, identifier, ...) and, when its words say so, to a *concept*
(the total, the issue date, the invoice number, the vendor) that has a label lexicon
in English, German, French, Dutch and Spanish. The lexicon gives a candidate a prior:
"Total due" next to an amount speaks for the total, "Subtotal" or "VAT" against it.
A field with no known concept gets its prior from its own name and description words.

The prior is one part of a candidate's score; the model's judgement is the other
(`desktop.extract.choose`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Mapping

# field kinds, and the candidate kinds each is chosen from
KINDS = ("amount", "date", "identifier", "email", "iban", "vat", "name", "currency", "text",
         "choice", "boolean", "list")


@dataclass(frozen=True)
class Concept:
    name: str
    positive: tuple[tuple[str, float], ...]     # (phrase, weight): the best one found counts
    negative: tuple[tuple[str, float], ...] = ()
    bonus: tuple[tuple[str, float], ...] = ()   # added when present, on top of a positive
    # negatives that a word of `excuse` cancels: "incl. VAT" does not speak against a total
    excusable: tuple[tuple[str, float], ...] = ()
    excuse: tuple[str, ...] = ()


def _w(spec: str, weight: float) -> tuple[tuple[str, float], ...]:
    return tuple((p.strip(), weight) for p in spec.split("|") if p.strip())


CONCEPTS: dict[str, Concept] = {
    "total": Concept(
        "total",
        _w("total|totaal|gesamt*|summe|importe|montant|amount due|balance due|grand total|"
           "to pay|zu zahlen|zahlbetrag|endbetrag|rechnungsbetrag|te betalen|a payer|net a payer|"
           "a pagar|ttc|total due|amount payable|total eur|total amount|bedrag|amount credited|"
           "credit total|total credit|gutschriftsbetrag|montant de l avoir|total avoir|"
           "totaal credit|importe abonado|total abono|totaalbedrag|eindbedrag|factuurbedrag|te voldoen|"
           "importe total|total factura|gesamtsumme|endsumme|montant total|total general|brutto*|"
           "rechnungsendbetrag|bruto|totaal bruto|importe bruto", 2.0)
        + _w("due|inkl|incl|including|con iva|iva incluido|tvac|tva incluse", 0.5),
        _w("subtotal|sub total|sub-total|zwischensumme|teilsumme|summe positionen|positionen|"
           "warenwert*|sous-total|sous total|total articles|subtotaal|totaal regels|total lines|"
           "total des lignes|total lineas|summe der positionen|"
           "tussentotaal|base imponible|netto|net amount|nettobetrag*|total ht|montant ht|excl|exkl|"
           "hors taxe|sin iva|shipping|versand*|porto*|livraison|frais de port|verzend*|envio|envío|"
           "discount|rabatt*|skonto*|remise|korting|descuento|paid|bezahlt|anzahlung*|paye|betaald|"
           "pagado|deposit|unit|einzel*|prix unitaire|stuksprijs|precio unitario|qty|menge|"
           "report|reporter|ubertrag*|transport*|carried|brought forward|a reporter|suma y sigue|"
           "transporteren", 2.5),
        excusable=_w("vat|tax|mwst|ust|tva|btw|iva|steuer*|taxe|impuesto|%", 2.5),
        excuse=("inkl", "incl", "including", "inclusive", "ttc", "tvac", "con iva",
                "iva incluido", "iva incl", "tva incluse", "inclusief", "included")),
    "subtotal": Concept(
        "subtotal",
        _w("subtotal|sub total|zwischensumme|netto|net amount|nettobetrag*|sous-total|total ht|"
           "montant ht|subtotaal|totaal excl|base imponible|excl|exkl|hors taxe", 2.0),
        _w("vat|tax|mwst|ust|tva|btw|iva|incl|inkl|ttc|due|zu zahlen|a payer|te betalen|a pagar", 2.0)),
    "tax": Concept(
        "tax",
        _w("vat|tax|mwst|ust|umsatzsteuer*|mehrwertsteuer*|tva|btw|iva|impuesto", 2.0),
        _w("total|gesamt*|totaal|incl|inkl|ttc|excl|exkl|ht|netto|subtotal|id|nr|no", 1.5)),
    "issue_date": Concept(
        "issue_date",
        _w("invoice date|date of issue|issue date|issued|rechnungsdatum|belegdatum|ausgestellt|"
           "date de facture|date de facturation|date d'emission|date d emission|factuurdatum|"
           "fecha de factura|fecha de emision|fecha factura|receipt date|document date|"
           "ausstellungsdatum|date d edition|fecha de expedicion|datum factuur|factuur datum|"
           "belegdatum|leistungsdatum und rechnungsdatum", 3.0)
        + _w("date|datum|fecha|dated|fait le|issued on", 2.0) + _w("le|du|den|am|el|op", 0.75),
        _w("due|fallig*|faellig*|zahlbar*|payable|echeance|vervaldatum|vervaldag|te betalen voor|"
           "vencimiento|delivery|liefer*|livraison|levering|entrega|order|bestell*|commande|"
           "bestel*|pedido|period|zeitraum*|periode|periodo|valid|gultig*|until|bis|print|druck*|gedruckt|"
           "stand|agb|conditions|voorwaarden|condiciones|terms|hasta|until|jusqu|tot en met|"
           "cambios|returns|umtausch|retour*|afgedrukt|imprime|impreso|generado|generated|created|"
           "erstellt|genere|entregado|delivered|geliefert|livre|geleverd|"
           "service|leistung*|prestation|birth|geburt*|between|entre|zwischen|tussen|"
           "y el|and|und|et le", 3.0)),
    "due_date": Concept(
        "due_date",
        _w("due|fallig*|zahlbar bis|payable|echeance|vervaldatum|te betalen voor|vencimiento|"
           "pay by|payment date", 3.0),
        _w("invoice date|rechnungsdatum|date de facture|factuurdatum|fecha de factura|order|"
           "delivery|liefer*", 2.0)),
    "invoice_number": Concept(
        "invoice_number",
        _w("invoice no|invoice number|invoice nr|invoice #|invoice n|invoice id|rechnungsnr|"
           "rechnungsnummer|rechnung nr|rechnungs nr|gutschrift nr|gutschriftsnummer|"
           "gutschriftnr|beleg nr|belegnummer|bon nr|facture n|n facture|no facture|"
           "numero de facture|avoir n|n avoir|factuurnummer|factuur nr|factuurnr|creditnota nr|"
           "bonnummer|n factura|no factura|numero de factura|factura n|abono n|n abono|"
           "receipt no|receipt #|receipt number|credit note no|credit note number|"
           "document no|doc no|bill no|ticket n|ticket nr|inv no|inv #|inv nr|re nr|rg nr|rech nr|"
           "n fact|fact n|factura num|factura nu|fra n|fact simplificada|factura simplificada|"
           "n fact simplificada|creditnotanummer|creditnotanr|creditfactuurnummer|quittungsnummer|"
           "quittungsnr|kassenbonnummer|belegnr|bonnr|ticketnummer|receipt id|transaction no|"
           "numero de ticket|n ticket|numero de recibo|recibo n|n recibo", 3.0)
        + _w("invoice|rechnung|gutschrift|facture|factuur|factura|receipt|beleg|bon|ticket|"
             "credit note|avoir|creditnota|abono|quittung|kassenbon|recu|tiquet|nota", 1.5),
        _w("order|bestell*|commande|bestel*|pedido|customer|kunde*|kunden|client|klant|cliente|po|"
           "purchase|reference|referenz|ref|vat|tax|ust|tva|btw|iva|account|konto|iban|phone|"
           "tel|fax|siret|kvk|nif|cif|delivery|liefer*|livraison|levering|albaran|contract|"
           "vertrag|project|projekt|page|seite|steuernr|steuer*|total|gesamt*|summe|betrag|"
           "montant|importe|bedrag|totaal|zu rechnung|original|vom|du|van|del|dated|mwst|uid|klant*|"
           "handelsregister|hrb|hra|registre|rcs|siren|ondernemingsnr|ondernemingsnummer|rpr|"
           "btw nr|kvk nr|nif iva|cif nif|registro|rm|inkoop*|ordernummer|orderno|"
           "bestelnummer|referentie|kenmerk|uw|your|ihre|votre|su|vuestra|iban|bic|swift|"
           "blz|sort code", 3.0),
        _w("no|nr|number|nummer|numero|#|n|num", 0.5)),
    "order_number": Concept(
        "order_number",
        _w("order|bestell*|commande|bestel*|pedido|po|purchase", 2.5),
        _w("invoice|rechnung|facture|factuur|factura|customer|kunde*|client", 2.0)),
    "customer_number": Concept(
        "customer_number",
        _w("customer|kunde*|client|klant|cliente|account", 2.5),
        _w("invoice|rechnung|facture|factuur|factura|order|bestell*", 2.0)),
    "vendor": Concept(
        "vendor",
        _w("from|issued by|seller|vendor|supplier|verkaufer*|lieferant*|rechnungssteller*|"
           "fournisseur|emetteur|vendeur|leverancier|verkoper|proveedor|emisor|vendedor|"
           "merchant|shop|store|emitida por|emitido por|emis par|emise par|ausgestellt von|"
           "uitgegeven door|opgemaakt door|invoiced by|billed by", 2.0),
        _w("bill to|invoice to|billed to|sold to|ship to|deliver to|customer|client|"
           "rechnung an|rechnungsempfanger*|empfanger*|kunde*|lieferadresse|facture a|facturer a|"
           "adresse de livraison|destinataire|factureren aan|klant|afleveradres|facturar a|"
           "cliente|enviar a|direccion de entrega|attn|attention|z.hd|a l'attention", 3.0)),
}

# field name/description words -> concept
_CONCEPT_WORDS = (
    ("subtotal", r"sub ?total|net amount|netto|before tax|excluding"),
    ("tax", r"\b(vat|tax|mwst|tva|btw|iva)\b(?! ?id)"),
    ("due_date", r"due|payable by|deadline"),
    ("issue_date", r"\bdate\b|issued|datum|fecha"),
    ("order_number", r"order|purchase order|\bpo\b"),
    ("customer_number", r"customer|account|client"),
    ("invoice_number", r"(invoice|receipt|document) ?(no|number|nr|num|#|id)|number|\bno\b|\bnr\b"),
    ("total", r"total|amount|sum|due|gross|grand|price|cost"),
    ("vendor", r"vendor|supplier|seller|issuer|company|merchant|shop|store|from|sender|biller"),
)

_KIND_WORDS = (
    ("currency", r"^currency|currency code|\bcurrency$|wahrung|devise|valuta|moneda"),
    ("email", r"e-?mail"),
    ("iban", r"\biban\b|bank account"),
    ("vat", r"\b(vat|tax|ust|tva|btw|iva) ?(id|number|no|nr|reg)"),
    ("identifier", r"(^|_|\b)(number|no|nr|num|id|reference|ref|code)(\b|_|$)|#"),
    ("name", r"vendor|supplier|seller|issuer|company|merchant|shop|store|sender|biller|customer|"
             r"buyer|recipient|client|name"),
)


def fold(text: str) -> str:
    """Lower case without accents, punctuation other than # and % as spaces."""
    base = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in base if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w#%]+", " ", plain).replace("_", " ").split())


def field_kind(field: Mapping[str, Any]) -> str:
    """The kind of candidate a field takes. An explicit `kind` wins; else the type
    decides, and for a string field its name and description."""
    if field.get("kind"):
        return str(field["kind"])
    if "choices" in field:
        return "choice"
    kind = field.get("type", "string")
    if kind in ("number", "integer"):
        return "amount"
    if kind in ("date", "boolean", "list"):
        return kind
    words = fold(f"{field.get('name', '')} {field.get('description', '')}")
    for name, pattern in _KIND_WORDS:
        if re.search(pattern, words):
            return name
    return "text"


def field_concept(field: Mapping[str, Any]) -> Concept | None:
    """The concept a field's own words name, if any (its name first, then its
    description)."""
    if field.get("concept") in CONCEPTS:
        return CONCEPTS[field["concept"]]
    kind = field_kind(field)
    allowed = {"amount": {"total", "subtotal", "tax"}, "date": {"issue_date", "due_date"},
               "identifier": {"invoice_number", "order_number", "customer_number"},
               "name": {"vendor"}}.get(kind, set())
    for text in (fold(str(field.get("name", ""))), fold(str(field.get("description", "")))):
        for concept, pattern in _CONCEPT_WORDS:
            if concept in allowed and re.search(pattern, text):
                return CONCEPTS[concept]
    return None


def label_prior(label: str, concept: Concept | None, field: Mapping[str, Any]) -> float:
    """How much a label speaks for (> 0) or against (< 0) a candidate of this field."""
    text = f" {fold(label)} "
    if not text.strip():
        return 0.0
    if concept is None:     # the field's own words
        words = {w for w in fold(f"{field.get('name', '')} {field.get('description', '')}").split()
                 if len(w) > 2}
        return 1.0 * sum(f" {w}" in text for w in words)
    score = 0.0
    for phrases, sign in ((concept.positive, 1.0), (concept.negative, -1.0)):
        best = 0.0
        for phrase, weight in phrases:
            if _has(text, phrase):
                best = max(best, weight)
        score += sign * best
    if concept.excusable and not any(_has(text, p) for p in concept.excuse):
        score -= max((w for p, w in concept.excusable if _has(text, p)), default=0.0)
    if score > 0:
        score += max((w for p, w in concept.bonus if _has(text, p)), default=0.0)
    return score


def _has(text: str, phrase: str) -> bool:
    """The phrase as whole words in the folded label; 'liefer*' is a word beginning
    ('Lieferdatum', 'Lieferung')."""
    if phrase in ("#", "%"):
        return phrase in text
    if phrase.endswith("*"):
        return f" {phrase[:-1]}" in text
    return f" {phrase} " in text
