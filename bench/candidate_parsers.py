"""Our candidate finders (desktop.extract.candidates) against dateparser's search_dates,
price-parser and babel's parse_decimal on short strings from invoices: how many
expected dates and amounts each finds (recall), how often it reads one wrongly or finds
one where there is none (false positives), and its time per 1,000 strings.

The libraries are not dependencies of Runnel; the ones not installed are skipped:

    python3 -m venv /tmp/cmpvenv && /tmp/cmpvenv/bin/pip install dateparser price-parser babel
    /tmp/cmpvenv/bin/python bench/candidate_parsers.py
    .venv/bin/python bench/candidate_parsers.py          # ours only
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
import warnings
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.engine.document import text_lines  # noqa: E402
from desktop.extract.candidates import find_candidates  # noqa: E402

# (text, expected date "YYYY-MM-DD" or None, expected amount or None, locale for babel)
CASES: list[tuple[str, str | None, float | None, str]] = [
    # dates
    ("Lieferdatum: 7. Mai 2014", "2014-05-07", None, "de_DE"),
    ("Rechnungsdatum 07.05.2014", "2014-05-07", None, "de_DE"),
    ("Invoice date 03/20/2023", "2023-03-20", None, "en_US"),
    ("Fecha de factura 20/03/2023", "2023-03-20", None, "es_ES"),
    ("Factuurdatum 8-9-2022", "2022-09-08", None, "nl_NL"),
    ("Factuurdatum 18 april 2014", "2014-04-18", None, "nl_NL"),
    ("Paris, le 5 mars 2024", "2024-03-05", None, "fr_FR"),
    ("Madrid, 12 de marzo de 2024", "2024-03-12", None, "es_ES"),
    ("Date: Mar 5, 2024", "2024-03-05", None, "en_US"),
    ("Issued March 5th, 2024", "2024-03-05", None, "en_US"),
    ("Issued 5th March 2024", "2024-03-05", None, "en_GB"),
    ("Date 2024-03-05", "2024-03-05", None, "en_US"),
    ("Date 2024/03/05", "2024-03-05", None, "en_US"),
    ("Zahlbar bis 05.03.24", "2024-03-05", None, "de_DE"),
    ("Échéance 3 février 2024", "2024-02-03", None, "fr_FR"),
    ("Echeance 3 fevrier 2024", "2024-02-03", None, "fr_FR"),
    ("Leistung 3. Maerz 2024", "2024-03-03", None, "de_DE"),
    ("Vervaldatum 3 mei 2024", "2024-05-03", None, "nl_NL"),
    ("Vencimiento 3 octubre 2024", "2024-10-03", None, "es_ES"),
    ("Vencimiento 3 dic. 2024", "2024-12-03", None, "es_ES"),
    # amounts
    ("Gesamtbetrag 1.234,56", None, 1234.56, "de_DE"),
    ("Total 1,234.56", None, 1234.56, "en_US"),
    ("Total TTC 1 234,56", None, 1234.56, "fr_FR"),
    ("Total TTC 1\u202f234,56", None, 1234.56, "fr_FR"),
    ("Total CHF 1'234.50", None, 1234.5, "de_CH"),
    ("Totaal € 56,02", None, 56.02, "nl_NL"),
    ("Summe 56,02 €", None, 56.02, "de_DE"),
    ("Total 56.02 EUR", None, 56.02, "en_IE"),
    ("Amount EUR 56.02", None, 56.02, "en_IE"),
    ("Amount due $1,234.00", None, 1234.0, "en_US"),
    ("Total £99.10", None, 99.1, "en_GB"),
    ("Rabatt -12,50", None, -12.5, "de_DE"),
    ("Menge 1234", None, 1234.0, "de_DE"),
    ("Gewicht 12.5", None, 12.5, "en_US"),
    ("Betrag 12,50", None, 12.5, "de_DE"),
    # look-alikes: neither a date nor an amount
    ("Rechnungsnr. 2026-0417", None, None, "de_DE"),
    ("Invoice INV-2024-0417", None, None, "en_US"),
    ("Tel. +49 30 1234567", None, None, "de_DE"),
    ("Phone (555) 123-4567", None, None, "en_US"),
    ("IBAN DE89 3704 0044 0532 0130 00", None, None, "de_DE"),
    ("10115 Berlin", None, None, "de_DE"),
    ("MwSt 19%", None, None, "de_DE"),
    ("Termin um 14:30 Uhr", None, None, "de_DE"),
    ("Seite 1/3", None, None, "de_DE"),
    ("Geschäftsjahr 2024", None, None, "de_DE"),
    ("Lieferung 31/02/2024", None, None, "de_DE"),
]


def ours_dates(text: str) -> list[str]:
    return [c.value for c in find_candidates(text_lines(text), ["date"])]


def ours_amounts(text: str) -> list[float]:
    return [c.value for c in find_candidates(text_lines(text), ["amount"])]


def tools() -> list[tuple[str, str, Callable]]:
    """(name, "date" or "amount", finder) for each tool that is installed."""
    out = [("ours", "date", ours_dates), ("ours", "amount", ours_amounts)]
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser not installed: skipped")
    else:
        def dateparser_default(text: str) -> list[str]:
            return [d.date().isoformat() for _, d in search_dates(text) or []]

        langs = ["en", "de", "fr", "nl", "es"]
        settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                    "RELATIVE_BASE": dt.datetime(2025, 1, 1)}

        def dateparser_tuned(text: str) -> list[str]:
            found = search_dates(text, languages=langs, settings=settings) or []
            return [d.date().isoformat() for _, d in found]

        out += [("dateparser", "date", dateparser_default),
                ("dateparser 5 langs DMY", "date", dateparser_tuned)]
    try:
        from price_parser import Price
    except ImportError:
        print("price-parser not installed: skipped")
    else:
        def price_parser(text: str) -> list[float]:
            amount = Price.fromstring(text).amount
            return [] if amount is None else [float(amount)]

        out.append(("price-parser", "amount", price_parser))
    try:
        from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal
    except ImportError:
        print("babel not installed: skipped")
    else:
        def babel_after_first_digit(text: str, locale: str) -> list[float]:
            # parse_decimal reads one number in a known locale and does not search text:
            # it gets what follows the first digit or sign, currency symbols and codes removed
            m = re.search(r"[-+]?\d.*", text)
            if not m:
                return []
            number = re.sub(r"\s*(?:€|\$|£|EUR|CHF)\s*", "", m.group()).strip()
            number = re.sub(r"(?<=\d) (?=\d)", get_group_symbol(locale), number)
            try:
                return [float(parse_decimal(number, locale=locale, strict=True))]
            except (NumberFormatError, ValueError):
                return []

        out.append(("babel parse_decimal", "amount", babel_after_first_digit))
    return out


def evaluate(name: str, kind: str, finder: Callable) -> dict:
    expected_index = 1 if kind == "date" else 2
    hits = wrong = false_pos = positives = 0
    misses = []
    call = (lambda t, loc: finder(t, loc)) if name.startswith("babel") else (lambda t, loc: finder(t))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        call("Total 12,50 am 7. Mai 2014", "de_DE")       # warm-up: data loaded on first use
    start = time.perf_counter()
    results = []
    for case in CASES:
        text, locale = case[0], case[3]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = call(text, locale)
        results.append(got)
    elapsed = time.perf_counter() - start
    for case, got in zip(CASES, results):
        want = case[expected_index]
        got = [round(v, 2) for v in got] if kind == "amount" else got
        if want is not None:
            positives += 1
            if want in got:
                hits += 1
            else:
                misses.append(case[0])
            if any(g != want for g in got):
                wrong += 1
        elif got:
            false_pos += 1
            misses.append(f"{case[0]} -> {got}")
    negatives = sum(1 for c in CASES if c[expected_index] is None)
    return {"tool": name, "kind": kind, "recall": hits / positives, "hits": hits,
            "positives": positives, "wrong": wrong, "false_pos": false_pos, "negatives": negatives,
            "ms_per_1000": elapsed / len(CASES) * 1000 * 1000, "misses": misses}


def main() -> None:
    rows = [evaluate(*t) for t in tools()]
    print(f"{len(CASES)} strings\n")
    print(f"{'tool':<24} {'kind':<7} {'recall':>12} {'wrong extra':>12} {'false pos':>10} {'ms/1000':>9}")
    for r in rows:
        print(f"{r['tool']:<24} {r['kind']:<7} {r['hits']:>3}/{r['positives']:<3} {r['recall']:>4.0%} "
              f"{r['wrong']:>12} {r['false_pos']:>4}/{r['negatives']:<5} {r['ms_per_1000']:>9.0f}")
    if "-v" in sys.argv:
        for r in rows:
            print(f"\n{r['tool']} ({r['kind']}) missed or wrongly found:")
            for m in r["misses"]:
                print("   ", m)


if __name__ == "__main__":
    main()
