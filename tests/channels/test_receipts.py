from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from prongsai.channels import receipts


def test_a_receipt_is_16_random_digits():
    drawn = {receipts.new_receipt() for _ in range(200)}
    assert len(drawn) == 200
    assert all(len(r) == 16 and r.isdigit() and r.isascii() for r in drawn)
    # every digit turns up in every place over many draws: not a counter or a timestamp
    assert {r[0] for r in drawn} == set("0123456789")


@given(st.text(alphabet="0123456789", min_size=16, max_size=16))
def test_grouped_and_thai_digits_read_back(receipt):
    assert receipts.normalised(receipts.grouped(receipt)) == receipt
    thai = receipt.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert receipts.normalised(f"{thai[:4]}-{thai[4:]}") == receipt


@given(st.text(max_size=30))
def test_anything_else_is_refused_without_error(typed):
    result = receipts.normalised(typed)
    assert result is None or (len(result) == 16 and result.isdigit())


def test_the_digest_needs_the_key():
    r = "0123456789012345"
    assert receipts.digest(r, b"k" * 32) == receipts.digest(r, b"k" * 32)
    assert receipts.digest(r, b"k" * 32) != receipts.digest(r, b"j" * 32)
    assert r not in receipts.digest(r, b"k" * 32)
