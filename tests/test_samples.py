"""The sample documents shipped in resources/samples are what their generators make."""

from tests.conftest import SAMPLES
from tests.pdfmaker import HARBOUR_RECEIPT, make_layout_pdf


def test_the_receipt_sample_is_its_generators_output():
    assert (SAMPLES / "receipt-harbour-coffee.pdf").read_bytes() == make_layout_pdf(HARBOUR_RECEIPT, title="Receipt")
