"""Django's own Thai catalogue leaves form messages such as "Ensure this value has at most 300
characters" and "Null characters are not allowed." in English; a too-long measure title showed
that English. Our catalogue (src/prongsai/web/locale) must cover each such message in Thai."""

from __future__ import annotations

import re
from pathlib import Path

from django import forms
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tests.web.base import BaseTestCase

PO = Path(__file__).resolve().parents[2] / "src/prongsai/web/locale/th/LC_MESSAGES/django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]|%[sd]")
ALLOWED_LATIN = {"NUL", "https", "http", "www", "example", "go", "th", "saraban"}


def entries() -> list[tuple[str, str | None]]:
    """(msgid, msgid_plural) of every entry in our catalogue."""
    text = PO.read_text(encoding="utf-8")
    found = []
    for block in text.split("\n\n")[1:]:
        msgid = re.search(r'^msgid "(.*)"$', block, re.M)
        plural = re.search(r'^msgid_plural "(.*)"$', block, re.M)
        if msgid:
            found.append((msgid.group(1).replace('\\"', '"'), plural.group(1) if plural else None))
    return found


class DjangoMessagesInThaiTest(BaseTestCase):
    def test_every_message_of_our_catalogue_is_thai(self) -> None:
        self.assertGreater(len(entries()), 20)
        with translation.override("th"):
            for msgid, plural in entries():
                text = ngettext(msgid, plural, 2) if plural else gettext(msgid)
                self.assertNotEqual(text, msgid, f"not translated (run tools/compile_locale.sh): {msgid}")
                words = set(re.findall(r"[A-Za-z]+", PLACEHOLDER.sub("", text)))
                self.assertLessEqual(words, ALLOWED_LATIN, f"English left in: {text}")
                self.assertEqual(sorted(PLACEHOLDER.findall(text)), sorted(PLACEHOLDER.findall(msgid)))

    def test_a_too_long_value_is_refused_in_thai(self) -> None:
        class TitleForm(forms.Form):
            title = forms.CharField(max_length=10)

        with translation.override("th"):
            form = TitleForm(data={"title": "ก" * 11})
            self.assertFalse(form.is_valid())
            self.assertEqual(form.errors["title"], ["ยาวได้ไม่เกิน 10 ตัวอักษร (ขณะนี้ 11 ตัวอักษร)"])
            form = TitleForm(data={"title": "ก\x00"})
            self.assertFalse(form.is_valid())
            self.assertIn("อักขระควบคุม", form.errors["title"][0])
