"""answer_problem: an empty, unreadable, jumbled or endlessly repeating answer is
named; a short, terse, structured or list-shaped answer is not. On the real default
model: a copy with damaged weights (header intact, so it loads) answers something
answer_problem flags, and the healthy model's answer to the same request is not."""

from __future__ import annotations

import random
import shutil
import time

import pytest

from desktop.llm import catalog
from desktop.llm.answers import answer_problem
from desktop.llm.prompts import chat_prompt

# ---------------------------------------------------------------- what passes

LEGITIMATE = [
    "yes", "No", "42", "-3.5", "invoice", "EUR", "N/A", "$12.50", "12 March 2024", "Paris.",
    "very very good", "ha ha ha",
    '{"total": 12.5}', '{"vendor": "Northwind", "total": 4522.0, "currency": "EUR"}', "[]", "{}",
    '{"flags": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}',
    '{"currencies": ["EUR", "EUR", "EUR", "EUR", "EUR", "EUR", "EUR", "EUR", "EUR", "EUR", "EUR"]}',
    '{"note": "-", "sign": "$"}',
    "- The invoice is from Northwind Traders.\n- The invoice is dated 12 March 2024.\n"
    "- The invoice total is EUR 4,522.00.\n- The invoice is due by 11 April 2024.\n"
    "- The invoice is paid by bank transfer.",
    "1. Page 1: blank\n2. Page 2: blank\n3. Page 3: blank\n4. Page 4: signed\n5. Page 5: blank",
    "| Item | Qty | Price |\n|------|-----|-------|\n| Consulting | 40 | 95.00 |\n"
    "| Travel | 1 | 0.00 |\n| Hosting | 1 | 0.00 |",
    "|---|---|---|---|---|---|\n| a | b | c | d | e | f |",
    "Contents\n1 Introduction ........................ 1\n2 Methods ....................... 4\n"
    "3 Results ............................. 9",
    "Summary\n" + "=" * 60 + "\nThe invoice is due on 11 April 2024.",
    "The amount is 1000000000 and the rate 0.000001.",
    "def total(items):\n    return sum(i['price'] * i['qty'] for i in items)\n\n"
    "print(total([{'price': 1, 'qty': 2}]))",
    "Northwind Traders Ltd. invoiced Contoso GmbH for 40 hours of consulting at EUR 95.00 per hour. "
    "The total due, including 19% VAT, is EUR 4,522.00, payable by 11 April 2024 by bank transfer.",
    "Die Northwind Traders GmbH stellt der Contoso GmbH in Berlin Beratungsleistungen von 40 Stunden "
    "in Rechnung. Der Rechnungsbetrag einschließlich Umsatzsteuer beträgt 4.522,00 EUR; die "
    "Zahlungsbedingungen sehen eine Überweisung bis zum 11. April 2024 vor. Die "
    "Umsatzsteueridentifikationsnummer ist angegeben.",
    "Lasku on Northwind Traders Ltd:ltä, ja se koskee neljänkymmenen tunnin konsultointipalveluita. "
    "Kokonaissumma arvonlisäveroineen on 4 522 euroa, ja eräpäivä on 11. huhtikuuta 2024.",
    "发票由北风贸易有限公司开具，日期为2024年3月12日，总金额为4522欧元，付款期限为2024年4月11日。",
    "請求書はノースウィンド社から2024年3月12日に発行され、合計金額は4,522ユーロです。",
    "Счёт выставлен компанией Northwind Traders 12 марта 2024 года на сумму 4522 евро.",
    "Visit https://www.northwindtradersinternationalholdings.example/invoices/2024 or write to "
    "accountsreceivabledepartment@northwindtradersinternational.example.",
    "IBAN DE44500105175407324931, BIC COBADEFFXXX, reference INV2024117NORTHWINDCONTOSO.",
    "Sequence: ATGCGTACGTAGCTAGCTAGCATCGATCGATCGTAGCTAGCTAGCTAGCATGCATGCATGCATGC",
    "Call getInvoiceTotal, calculateSubtotalAmount and validatePaymentReference in that order.",
    "Payment is due in 30 days. Payment is due in 30 days.",
    "He said: 'Thank you, thank you, thank you, thank you!' and left.",
    "Notes\n" + "-" * 100 + "\nNone.",
    "Sequences: " + ", ".join("".join(random.Random(i).choice("ACGT") for _ in range(16)) for i in range(24)),
    "Sources:\n" + "\n".join(f"https://www.northwindtradersinternational.example/annualreports/"
                               f"consolidatedstatements{year}/managementcommentary.pdf"
                               for year in range(2010, 2020)),
    "北风贸易有限公司于二零二四年三月十二日向柏林的康托索有限公司开具了编号为二零二四一一七的发票，"
    "发票内容为四十小时的咨询服务，每小时九十五欧元，小计三千八百欧元，增值税百分之十九为七百二十二欧元，"
    "应付总额为四千五百二十二欧元，付款期限为二零二四年四月十一日，付款方式为银行转账，收款账户为德国商业银行，"
    "发票由财务部门负责处理，如有疑问请联系客户服务部门，客户服务部门的工作时间为周一至周五，"
    "上午九点至下午五点，周末及法定节假日休息，感谢您的合作与支持，我们期待与贵公司继续保持良好的业务关系，"
    "祝贵公司生意兴隆，万事如意，再次感谢，顺颂商祺，此致敬礼，财务部，二零二四年三月十二日，北京。",
    ("The invoice from Northwind Traders covers forty hours of consulting in March, billed at the "
     "agreed hourly rate, with VAT added at the German rate; the buyer, Contoso in Berlin, is asked "
     "to pay by bank transfer before the eleventh of April, quoting the invoice number "
     "(see the table below, see the table below, see the table below)."),
    # one burst inside an otherwise good answer is not "most of it"
    ("The invoice from Northwind Traders covers forty hours of consulting in March, billed at the "
     "agreed hourly rate, with VAT added at the German rate; the buyer, Contoso in Berlin, is asked "
     "to pay by bank transfer before the eleventh of April. Ha ha ha ha ha ha ha ha ha ha ha ha ha."),
    "Total: 12\nTotal: 12\nTotal: 12",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_a_language_answer_is_not_flagged(text):
    assert answer_problem(text) is None
    assert answer_problem(text, finish="length") is None


@pytest.mark.parametrize("text", ['{"total": 12.5}', "[]", '{"lines": [{"qty": 1}, {"qty": 1}]}',
                                  '{"a": "", "b": null}'])
def test_a_structured_answer_may_be_any_json(text):
    assert answer_problem(text, structured=True) is None


HEALTHY_START = ("The invoice from Northwind Traders covers forty hours of consulting in March, "
                 "billed at the agreed hourly rate, with VAT added at the German rate; the buyer, "
                 "Contoso in Berlin, is asked to pay by bank transfer before the eleventh of April. ")
PAYMENT = "The payment is due to the company by 11 April 2024. "
TAIL_LOOP = HEALTHY_START + PAYMENT * 2 + "The payment is due to the company by"


def test_a_loop_in_the_tail_counts_only_at_the_token_limit():
    assert answer_problem(TAIL_LOOP, finish="length") == (
        "it ran to the token limit repeating 'The payment is due to the company by 11 April 2024.'")
    cut_in_a_word = HEALTHY_START + PAYMENT * 2 + "The payment is due to the compa"
    assert answer_problem(cut_in_a_word, finish="length") == (
        "it ran to the token limit repeating 'The payment is due to the company by 11 April 2024.'")
    # the same words ending by themselves: two and a half copies is not yet "over and over"
    assert answer_problem(TAIL_LOOP) is None
    assert answer_problem("Payment is due in 30 days. Payment is due in 30 days. Payment is due in") is None


def test_a_long_loop_inside_a_longer_answer_is_flagged():
    words = ("the field study compared two warehouses over six months and picking errors fell by "
             "a third where scanners were used while costs rose at first").split()
    rng = random.Random(5)
    prose = " ".join(rng.choice(words) for _ in range(400)) + ". "
    assert answer_problem(prose + "again " * 60 + prose) is None            # a burst, not a loop
    assert answer_problem(prose + "again " * 130 + prose) == "it repeats 'again again again' over and over"


def test_a_long_healthy_answer_at_the_token_limit_is_not_flagged():
    text = ("The field study compared two warehouses over six months. Picking errors fell by a "
            "third where the new scanners were used, and the night shift reported fewer delays. "
            "Costs rose at first because of training, then levelled off in the fourth month. The "
            "report recommends a wider trial, with a review of the maintenance contract and of "
            "the spare parts budget before the")
    assert answer_problem(text, finish="length") is None


# ---------------------------------------------------------------- what fails

ikens = "iken" * 60
LOOPING_SENTENCE = ("The bill to Contoso GmbH, Berlin, is due to the bank transfer to the company by 11 "
                    "April 2024. " + "The payment is due to the company by 11 April 2024. " * 3
                    + "The payment is due to the compa")


@pytest.mark.parametrize("text,finish,expected", [
    ("", "stop", "it is empty"),
    ("   \n\t ", "stop", "it is empty"),
    ("\n\n\n “ " + "\xa0" * 180, "length", "it is only punctuation/unreadable characters"),
    ("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", "length", "it is only punctuation/unreadable characters"),
    ("?", "stop", "it is only punctuation/unreadable characters"),
    (". , ; : - ( ) [ ] { } ! ?", "stop", "it is only punctuation/unreadable characters"),
    ("a" + "\ufffd" * 200, "stop", "it is full of unreadable characters (U+FFFD or control codes)"),
    ("The total is \ufffd\ufffd\ufffd\ufffd\ufffd", "stop",
     "it is full of unreadable characters (U+FFFD or control codes)"),
    ("ok\x00\x01\x02\x03\x04", "stop", "it is full of unreadable characters (U+FFFD or control codes)"),
    ("a.;,!?(){}[]<>|/\\-+=~^%$#@&*;:,.<>?/|{}[]()-_", "stop",
     "it is mostly punctuation/unreadable characters, not words"),
    ("The summary is " + "the " * 40, "stop", "it repeats 'the the the' over and over"),
    ("The summary is " + "the " * 40, "length", "it ran to the token limit repeating 'the the the'"),
    (ikens, "stop", "it repeats 'ikenikeniken' over and over"),
    (ikens, "length", "it ran to the token limit repeating 'ikenikeniken'"),
    ("的" * 80, "stop", "it repeats '的的的' over and over"),
    ("1.250,00 EUR, " * 40, "length", "it ran to the token limit repeating '1.250,00 EUR,'"),
    ("Summary: " + "next ingred " * 30, "stop", "it repeats 'next ingred next ingred' over and over"),
    ("\n".join(["Invoice total: EUR 4,522.00 due by April"] * 14), "stop",
     "it repeats the same line 14 times ('Invoice total: EUR 4,522.00 due by April')"),
    ("\n".join(["A", "Invoice total: EUR 4,522.00 due by April", "B"] * 6), "stop",
     "it repeats the same line 6 times ('Invoice total: EUR 4,522.00 due by April')"),
    ("Intro. " + "The system was designed to improve the efficiency of the warehouse by reducing "
     "the number of order lines handled by the warehouse. " * 10, "length",
     "it ran to the token limit repeating the same sentence 10 times "
     "('The system was designed to improve the efficiency…')"),
    (LOOPING_SENTENCE, "length",
     "it ran to the token limit repeating 'The payment is due to the company by 11 April 2024.'"),
    (LOOPING_SENTENCE, "stop",
     "it repeats 'The payment is due to the company by 11 April 2024.' over and over"),
    # a damaged model's jumble of word pieces (what a zeroed copy of the default model wrote)
    ("ioticoidalraphaliscushylatic comprom comprom comprom comprom comprom comprom "
     "compromapped\ufffdoubted fundament indiff compromaly`` merchaddy experim "
     "indifficioubtedopuce incorporincinnati rememincinnatiissippi nutri incent "
     "compromimoubtedazon indiffacs incorporouripadY taxpay spokpadaliassicopathoubtedenberg "
     "pytestincinnati interpre cucatri.|addyaddyaddyraph::usalpadal compromylorioidal incorpor "
     "Sideushimaushificationsoidal pamphispens evid indiffocoourioidal plentpeakoubted taxpayatri",
     "length", "it is a jumble of word pieces, not language ('spokpadaliassicopathoubtedenberg' ...)"),
])
def test_a_degenerate_answer_is_named(text, finish, expected):
    assert answer_problem(text, finish=finish) == expected


def test_a_structured_answer_is_judged_by_its_strings():
    assert answer_problem('{"summary": "' + "the " * 40 + '"}', structured=True) == (
        "it repeats 'the the the' over and over")
    assert answer_problem('{"summary": "' + "\ufffd" * 30 + '"}', structured=True) == (
        "it is full of unreadable characters (U+FFFD or control codes)")
    assert answer_problem('{"note": "!!!!!!!!!!!!!!!!!!!!!!!!"}', structured=True) == (
        "it is only punctuation/unreadable characters")
    assert answer_problem("", structured=True) == "it is empty"
    # not JSON after all: judged as text
    assert answer_problem("{" + "the " * 40, structured=True) == "it repeats 'the the the' over and over"


def test_it_is_cheap_on_an_8k_token_answer():
    words = ("the field study compared two warehouses over six months and picking errors fell by "
             "a third where scanners were used while costs rose at first").split()
    rng = random.Random(3)
    long_answer = " ".join(rng.choice(words) for _ in range(8000))
    looping = "the cat sat on the mat. " * 1400
    for text in (long_answer, looping, "iken" * 8000, ".,;" * 11000):
        start = time.perf_counter()
        answer_problem(text, finish="length")
        assert time.perf_counter() - start < 1.0
    assert answer_problem(long_answer) is None


# ---------------------------------------------------------------- the real model

INVOICE = ("Northwind Traders Ltd. Invoice 2024-117, dated 12 March 2024. Bill to: Contoso GmbH, "
           "Berlin. Items: 40 hours of consulting at EUR 95.00 per hour, subtotal EUR 3,800.00, VAT "
           "19% EUR 722.00, total due EUR 4,522.00 by 11 April 2024. Payment by bank transfer to "
           "IBAN DE44 5001 0517 5407 3249 31.")
SUMMARIZE = ("Summarize the document in 2-3 sentences, as a paragraph. Use only facts stated in the "
             "text. Write the summary only, no preamble.")


def summarize(client, model, document: str = INVOICE, repeat_penalty: float = 1.1):
    """What ai.summarize asks (free text: a mild repetition penalty, as the AI steps use)."""
    prompt = chat_prompt(model, SUMMARIZE, document)
    return client.generate(model, prompt.suffix, prefix=prompt.prefix, document=prompt.document,
                           max_tokens=200, repeat_penalty=repeat_penalty)


@pytest.fixture(params=["random", "zeros"])
def damaged_model(request, tmp_path):
    """A copy of the default model whose middle 60% (tensor data, well past the header
    and the metadata) is random bytes or zeros: it still loads, and answers garbage."""
    healthy = catalog.default_model()
    copy = tmp_path / f"damaged-{request.param}-{healthy.name}"
    shutil.copyfile(healthy.path, copy)
    size = copy.stat().st_size
    start, end = int(size * 0.2), int(size * 0.8)
    with copy.open("r+b") as f:
        f.seek(start)
        f.write(random.Random(7).randbytes(end - start) if request.param == "random"
                else bytes(end - start))
    damaged = catalog.find_model(str(copy))
    assert damaged.info.metadata == healthy.info.metadata        # the header is intact
    assert damaged.info.tensor_count == healthy.info.tensor_count
    return damaged


@pytest.mark.model
def test_the_damaged_models_answer_is_flagged(fresh_llm, damaged_model):
    gen = summarize(fresh_llm, damaged_model)
    problem = answer_problem(gen.text, finish=gen.finish)
    print(f"\n{damaged_model.name} answered ({gen.finish}, {gen.tokens_out} tokens): "
          f"{gen.text[:300]!r}\n-> {problem}")
    assert problem is not None, f"not flagged: {gen.text!r}"


@pytest.mark.model
def test_the_healthy_models_answer_is_not_flagged(fresh_llm, default_model):
    gen = summarize(fresh_llm, default_model)
    assert gen.text.strip()
    assert answer_problem(gen.text, finish=gen.finish) is None, gen.text


@pytest.mark.model
def test_a_healthy_model_looping_to_the_token_limit_is_flagged(fresh_llm, default_model):
    """Without a repetition penalty the small default model loops on a long report."""
    from tests.conftest import SAMPLES

    report = (SAMPLES / "field-study-report.md").read_text()[:6000]
    gen = summarize(fresh_llm, default_model, report, repeat_penalty=1.0)
    problem = answer_problem(gen.text, finish=gen.finish)
    if gen.finish != "length":
        pytest.skip(f"this build of the model did not loop: {gen.text[:200]!r}")
    assert problem is not None and problem.startswith("it ran to the token limit repeating"), gen.text
