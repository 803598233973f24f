"""Another agency's results file (issue 9 item 11): the upload asks first, keeps the file on the
server bound to the user and the agency, and writes nothing until the user confirms."""

import re
import stat
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from prongsai.web.assessments import pending
from prongsai.web.assessments.models import Result
from prongsai.web.audit.models import AuditEntry
from tests.web.base import EXAMPLES, BaseTestCase

OTHER_FILE = (EXAMPLES / "khongyang-2565.yaml").read_bytes()


class UploadConfirmTestCase(BaseTestCase):
    def upload(self, client=None):
        client = client or self.client
        return client.post(self.a_url("results/upload/"),
                           {"file": SimpleUploadedFile("khongyang.yaml", OTHER_FILE)})

    def token(self, response) -> str:
        found = re.search(r'name="pending" value="([^"]+)"', response.content.decode())
        self.assertIsNotNone(found, "no confirmation form")
        return found.group(1)

    def assertNothingWritten(self, audit_before):
        self.assertFalse(Result.objects.filter(agency=self.agency, fiscal_year=2565).exists())
        self.assertEqual(AuditEntry.objects.filter(object_type="ผลการประเมิน").count(), audit_before)

    def test_it_asks_first_and_shows_both_names(self):
        self.login(self.member)
        audit = AuditEntry.objects.filter(object_type="ผลการประเมิน").count()
        r = self.upload()
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "องค์การบริหารส่วนตำบลไค้งยาง")  # the name in the file
        self.assertContains(r, self.agency.name)  # this agency
        self.assertContains(r, "นครราชสีมา")  # the file's province, beside this agency's
        self.assertContains(r, "ยังไม่ได้บันทึก")
        self.token(r)
        self.assertNothingWritten(audit)

    def test_confirming_saves_it(self):
        self.login(self.member)
        token = self.token(self.upload())
        r = self.client.post(self.a_url("results/upload/"), {"pending": token, "action": "confirm"})
        self.assertRedirects(r, self.a_url("analysis/2565/"), fetch_redirect_response=False)
        row = Result.objects.get(agency=self.agency, fiscal_year=2565)
        self.assertEqual(row.total, 94.19)
        self.assertEqual(row.source_name, "khongyang.yaml")
        self.assertTrue(AuditEntry.objects.filter(agency=self.agency, summary="บันทึกผลการประเมินปี 2565").exists())
        # the kept file is gone and the same confirmation cannot be replayed
        self.assertEqual(list(pending.folder().glob(f"{token}*")), [])
        again = self.client.post(self.a_url("results/upload/"), {"pending": token, "action": "confirm"})
        self.assertEqual(again.status_code, 200)
        self.assertContains(again, "หมดอายุหรือถูกใช้ไปแล้ว")

    def test_cancelling_writes_nothing_and_removes_the_file(self):
        self.login(self.member)
        audit = AuditEntry.objects.filter(object_type="ผลการประเมิน").count()
        token = self.token(self.upload())
        r = self.client.post(self.a_url("results/upload/"), {"pending": token, "action": "cancel"}, follow=True)
        self.assertContains(r, "ยกเลิกการนำเข้าแล้ว")
        self.assertEqual(list(pending.folder().glob(f"{token}*")), [])
        r = self.client.post(self.a_url("results/upload/"), {"pending": token, "action": "confirm"})
        self.assertEqual(r.status_code, 200)
        self.assertNothingWritten(audit)

    def test_the_kept_file_is_private_and_under_the_data_folder(self):
        self.login(self.member)
        token = self.token(self.upload())
        [kept] = pending.folder().glob(f"{token}*")
        self.assertTrue(kept.is_relative_to(Path(settings.HOME)))
        self.assertEqual(stat.S_IMODE(kept.stat().st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(pending.folder().stat().st_mode), 0o700)

    def test_another_user_cannot_confirm_it(self):
        self.login(self.member)
        audit = AuditEntry.objects.filter(object_type="ผลการประเมิน").count()
        token = self.token(self.upload())
        owner = Client()
        owner.force_login(self.owner)  # may edit this agency, but did not upload the file
        r = owner.post(self.a_url("results/upload/"), {"pending": token, "action": "confirm"})
        self.assertEqual(r.status_code, 200)
        self.assertNothingWritten(audit)

    def test_it_is_bound_to_the_agency(self):
        from prongsai.web.agencies.models import Membership

        Membership.objects.create(user=self.member, agency=self.other, role=Membership.EDITOR)
        self.login(self.member)
        token = self.token(self.upload())
        r = self.client.post(f"/a/{self.other.pk}/results/upload/", {"pending": token, "action": "confirm"})
        self.assertEqual(r.status_code, 200)
        self.assertFalse(Result.objects.filter(agency=self.other, fiscal_year=2565, source_name="khongyang.yaml")
                         .exists())
        self.assertFalse(Result.objects.filter(agency=self.agency, fiscal_year=2565).exists())

    def test_a_forged_token_writes_nothing(self):
        self.login(self.member)
        audit = AuditEntry.objects.filter(object_type="ผลการประเมิน").count()
        self.upload()
        for token in ("", "x" * 22, "../../db.sqlite3"):
            r = self.client.post(self.a_url("results/upload/"), {"pending": token, "action": "confirm"})
            self.assertEqual(r.status_code, 200)
        self.assertNothingWritten(audit)

    def test_it_expires(self):
        self.login(self.member)
        audit = AuditEntry.objects.filter(object_type="ผลการประเมิน").count()
        token = self.token(self.upload())
        later = pending.now() + pending.LIFETIME.total_seconds() + 1
        with mock.patch.object(pending, "now", return_value=later):
            r = self.client.post(self.a_url("results/upload/"), {"pending": token, "action": "confirm"})
        self.assertContains(r, "หมดอายุ")
        self.assertNothingWritten(audit)
        self.assertEqual(list(pending.folder().glob(f"{token}*")), [])

    def test_it_is_checked_again_on_confirming(self):
        """A result saved for the year meanwhile is not replaced without the user's say."""
        self.login(self.member)
        token = self.token(self.upload())
        self.client.post(self.a_url("results/form/?year=2565"), {f"ind_{n}": "50" for n in range(1, 11)})
        r = self.client.post(self.a_url("results/upload/"), {"pending": token, "action": "confirm"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "มีผลของปี 2565 อยู่แล้ว")
        self.assertEqual(Result.objects.get(agency=self.agency, fiscal_year=2565).indicators["1"], 50.0)

    def test_replace_chosen_before_is_kept_on_the_server(self):
        self.login(self.member)
        self.client.post(self.a_url("results/form/?year=2565"), {f"ind_{n}": "50" for n in range(1, 11)})
        r = self.client.post(self.a_url("results/upload/"),
                             {"file": SimpleUploadedFile("khongyang.yaml", OTHER_FILE), "replace": "on"})
        r = self.client.post(self.a_url("results/upload/"), {"pending": self.token(r), "action": "confirm"})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Result.objects.get(agency=self.agency, fiscal_year=2565).total, 94.19)

    def test_viewers_and_strangers_cannot_confirm(self):
        self.login(self.member)
        token = self.token(self.upload())
        for user, status in ((self.viewer, 403), (self.stranger, 404)):
            client = Client()
            client.force_login(user)
            r = client.post(self.a_url("results/upload/"), {"pending": token, "action": "confirm"})
            self.assertEqual(r.status_code, status)
        self.assertFalse(Result.objects.filter(agency=self.agency, fiscal_year=2565).exists())
