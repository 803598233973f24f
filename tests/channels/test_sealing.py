from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.channels.sealing import SealBroken, Sealer, derive_key, parse_key

KEY = bytes(range(32))


@given(st.text(max_size=500))
def test_what_is_sealed_opens_and_is_not_readable(text):
    sealer = Sealer(KEY)
    sealed = sealer.seal_text(text, "complaint:1")
    assert sealer.open_text(sealed, "complaint:1") == text
    if len(text) >= 4:
        assert text.encode() not in sealed


def test_another_record_or_key_does_not_open_it():
    sealed = Sealer(KEY).seal_text("รายละเอียดเรื่อง", "complaint:a")
    with pytest.raises(SealBroken):
        Sealer(KEY).open_text(sealed, "complaint:b")
    with pytest.raises(SealBroken):
        Sealer(bytes(32)).open_text(sealed, "complaint:a")
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(SealBroken):
        Sealer(KEY).open_text(tampered, "complaint:a")


def test_two_seals_of_the_same_text_differ():
    sealer = Sealer(KEY)
    assert sealer.seal_text("x", "c") != sealer.seal_text("x", "c")


def test_keys_from_the_settings():
    assert parse_key(KEY.hex()) == KEY
    import base64

    assert parse_key(base64.urlsafe_b64encode(KEY).decode()) == KEY
    with pytest.raises(ValueError, match="32 ไบต์"):
        parse_key("short")
    assert derive_key("secret", "complaints") != derive_key("secret", "other")
    assert len(derive_key("secret", "complaints")) == 32
