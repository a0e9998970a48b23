"""Which of the languages the candidate finders know (en, de, fr, nl, es) a document
is written in: a cheap vote of function words and invoice label words. Neighbouring
languages vote too, so Italian, Polish or Swedish text says None instead of being
taken for the nearest known one."""

from __future__ import annotations

import re
from typing import Sequence

from desktop.engine.document import Line

SUPPORTED = ("en", "de", "fr", "nl", "es")
_FOREIGN_WORDS = 40       # this many words and none of the known languages: another one

_CUES = {
    "en": "the and of to for with is are this that be by on at from your you our we please thank "
          "invoice total amount due date payment paid customer order bill price quantity qty "
          "description subtotal tax number balance item items shipping receipt",
    "de": "der die das und mit für fur von ist nicht ein eine einer bitte rechnung datum betrag "
          "gesamt summe zahlung zahlbar kunde kunden bestellung menge preis mwst ust steuer zu "
          "bis den dem des auf im sie wir ihre ihr vielen dank netto brutto lieferung anzahl "
          "bezeichnung rechnungsnummer kundennummer",
    "fr": "le la les et de du des pour avec est une un facture montant paiement client commande "
          "prix quantité quantite tva merci votre vos nous vous au aux par sur ht ttc date total "
          "désignation livraison échéance numéro",
    "nl": "de het een en van voor met is niet factuur bedrag totaal datum betaling klant "
          "bestelling prijs aantal btw bedankt uw wij op te bij naar graag dank omschrijving "
          "levering vervaldatum factuurnummer",
    "es": "el la los las y de del para con es una un factura importe total fecha pago cliente "
          "pedido precio cantidad iva gracias su sus nosotros por en al descripción vencimiento "
          "número",
    # not supported, but they must win over a supported neighbour when the text is theirs
    "it": "il lo gli e di della del per con è una un fattura importo totale data pagamento "
          "cliente ordine prezzo quantità iva grazie che non sono",
    "pt": "o a os as e do da dos das para com é uma um fatura valor total data pagamento "
          "cliente pedido preço quantidade obrigado não",
    "pl": "i w z na nie się jest do że faktura kwota data płatność razem sprzedawca nabywca "
          "netto brutto vat za od dla",
    "cs": "a je na se v ve že faktura částka datum platba celkem dodavatel odběratel pro za od",
    "fi": "ja on ei että se lasku summa päivämäärä maksu yhteensä asiakas tilaus hinta määrä "
          "alv kiitos eräpäivä",
    "sv": "och att det som är för med på faktura belopp datum betalning kund beställning pris "
          "antal moms tack summa",
    "da": "og at det er til på med faktura beløb dato betaling kunde pris antal moms tak",
    "tr": "ve bir bu için ile fatura tutar tarih ödeme müşteri sipariş fiyat miktar kdv toplam "
          "teşekkürler",
    "hu": "és a az hogy nem számla összeg dátum fizetés vevő ár mennyiség áfa köszönjük",
}

# word -> {language: weight}; a word several languages use counts for each of them by a share
_WEIGHTS: dict[str, dict[str, float]] = {}
for _lang, _words in _CUES.items():
    for _w in set(_words.split()):
        _WEIGHTS.setdefault(_w, {})[_lang] = 1.0
for _w, _langs in _WEIGHTS.items():
    for _lang in _langs:
        _langs[_lang] = 1.0 / len(_langs)

_WORD = re.compile(r"[^\W\d_]+")
_MAX_LINES = 2000
_MAX_WORDS = 20000
_MIN_SCORE = 2.0        # weighted cue words the winner needs
_MIN_SHARE = 0.04       # of all words
_MIN_LEAD = 1.3         # over the runner-up


def language(lines: Sequence[Line]) -> str | None:
    """"en", "de", "fr", "nl" or "es", or None when the text is none of them or there are
    too few cues to tell."""
    best, sure, _ = _vote(lines)
    return best if sure and best in SUPPORTED else None


def other_language(lines: Sequence[Line]) -> bool:
    """Whether the text is written in a language the finders do not know (Polish, say),
    as far as it can be told: a short receipt with few words is not taken for one."""
    best, sure, words = _vote(lines)
    if sure:
        return best not in SUPPORTED
    return words >= _FOREIGN_WORDS


def _vote(lines: Sequence[Line]) -> tuple[str | None, bool, int]:
    """The language with most cues, whether it leads clearly, and the words counted."""
    scores: dict[str, float] = {}
    words = 0
    for line in lines[:_MAX_LINES]:
        for w in _WORD.findall(line.text.lower()):
            words += 1
            for lang, weight in _WEIGHTS.get(w, {}).items():
                scores[lang] = scores.get(lang, 0.0) + weight
        if words >= _MAX_WORDS:
            break
    if not scores:
        return None, False, words
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    sure = not (score < _MIN_SCORE or score < _MIN_SHARE * words or score < _MIN_LEAD * second)
    return best, sure, words
