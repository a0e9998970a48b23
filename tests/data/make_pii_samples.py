"""Writes pii_samples.jsonl: texts with the personal data in them labelled by value.
Run it after editing SAMPLES; the JSONL is what tests and bench/redaction.py read."""

import json
from pathlib import Path

SAMPLES = [
    ("Please reply to anna.keller@example.org before Friday.", [("email", "anna.keller@example.org")]),
    ("Contact: j.smith+billing@mail.example.co.uk | Tel: +44 20 7946 0958",
     [("email", "j.smith+billing@mail.example.co.uk"), ("phone", "+44 20 7946 0958")]),
    ("Call the front desk on (555) 123-4567 or 555-987-6543.", [("phone", "(555) 123-4567"), ("phone", "555-987-6543")]),
    ("Mobil: 0171 2345678, Büro 030 1234567", [("phone", "0171 2345678"), ("phone", "030 1234567")]),
    ("Bank: IBAN DE44 5001 0517 5407 3249 31, BIC INGDDEFFXXX", [("iban", "DE44 5001 0517 5407 3249 31")]),
    ("Pay to GB82WEST12345698765432 within 30 days.", [("iban", "GB82WEST12345698765432")]),
    ("IBAN: FR14 2004 1010 0505 0001 3M02 606", [("iban", "FR14 2004 1010 0505 0001 3M02 606")]),
    ("Card on file: 4111 1111 1111 1111 (Visa).", [("credit_card", "4111 1111 1111 1111")]),
    ("Charged to 5500-0000-0000-0004 on 3 May.", [("credit_card", "5500-0000-0000-0004")]),
    ("Amex 378282246310005 expires 04/28.", [("credit_card", "378282246310005")]),
    ("Patient born on 12.03.1985 in Leeds.", [("date_of_birth", "12.03.1985")]),
    ("Date of birth: 1979-07-30; nationality: Irish.", [("date_of_birth", "1979-07-30")]),
    ("DOB 4 Feb 1990, member since 2015.", [("date_of_birth", "4 Feb 1990")]),
    ("Herr Weber, geboren am 01/09/1962, wohnhaft in Köln.", [("date_of_birth", "01/09/1962")]),
    ("Invoice No. 2026-0417 dated 2026-11-02, total EUR 214.08.", []),
    ("Order 12 345 678 shipped on 2026-10-30 in 3 parcels.", []),
    ("Reference 4111 1111 1111 1112 is not a valid card.", []),
    ("Meeting on 12.03.2026 at 10:00 in room 4.", []),
    ("Version 1.2.3 released; build 20261102-1.", []),
    ("The code DE00 0000 0000 0000 0000 00 is a placeholder, not an account.", []),
    ("Quarterly revenue rose 12.5% to EUR 1,268,740.", []),
    ("Contact support@runnel.example or +1 415 555 0199 for help; invoice 2026-0417.",
     [("email", "support@runnel.example"), ("phone", "+1 415 555 0199")]),
    ("Send the refund to NL91 ABNA 0417 1643 00 and copy finance@example.nl.",
     [("iban", "NL91 ABNA 0417 1643 00"), ("email", "finance@example.nl")]),
    ("Guest list: Maria (born 23.11.1991), Tom (born 02.02.1988).",
     [("date_of_birth", "23.11.1991"), ("date_of_birth", "02.02.1988")]),
    ("Tracking 1Z999AA10123456784, weight 2.5 kg.", []),
    ("Telefon +49 (0)30 123456, Fax +49 (0)30 123457", [("phone", "+49 (0)30 123456"), ("phone", "+49 (0)30 123457")]),
    ("Card 4012 8888 8888 1881 and backup 6011 1111 1111 1117.",
     [("credit_card", "4012 8888 8888 1881"), ("credit_card", "6011 1111 1111 1117")]),
    ("ISBN 978-3-16-148410-0 and ISSN 0317-8471.", []),
    ("Write to me at first.last@sub.domain.example.com.", [("email", "first.last@sub.domain.example.com")]),
    ("The total is 1 234 567 units across 12 sites.", []),
    # found by review: formats the first version missed
    ("Call +14155552671 after five.", [("phone", "+14155552671")]),
    ("Phone no.: +1 415 555 2671", [("phone", "+1 415 555 2671")]),
    ("Handy 0151/12345678 (privat)", [("phone", "0151/12345678")]),
    ("DOB: March 5, 1985. D.O.B. 05.03.85 on the old form.",
     [("date_of_birth", "March 5, 1985"), ("date_of_birth", "05.03.85")]),
    ("Born on 1985/03/05 in Porto.", [("date_of_birth", "1985/03/05")]),
    ("iban de89 3704 0044 0532 0130 00 (lower case)", [("iban", "de89 3704 0044 0532 0130 00")]),
    # found by the second review (issue 16): formats and look-alikes the rules got wrong
    ("Standard: +33 1 23 45 67 89 (Paris)", [("phone", "+33 1 23 45 67 89")]),
    ("Born: 5th March 1985, Dublin.", [("date_of_birth", "5th March 1985")]),
    ("Birthday 1985-03-05 (per passport)", [("date_of_birth", "1985-03-05")]),
    ("Geburtsdatum: 05.03.1985, Staatsangehörigkeit: deutsch", [("date_of_birth", "05.03.1985")]),
    ("Reply to bob.o'neil@example.com today.", [("email", "bob.o'neil@example.com")]),
    ("Your order number 0123 456 7890 has shipped.", []),
]


def main() -> None:
    out = Path(__file__).with_name("pii_samples.jsonl")
    with out.open("w", encoding="utf-8") as f:
        for text, spans in SAMPLES:
            for _, value in spans:
                assert value in text, value
            f.write(json.dumps({"text": text, "spans": [{"category": c, "value": v} for c, v in spans]},
                               ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
