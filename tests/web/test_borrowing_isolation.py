"""tests/web/test_isolation.py's walk over this app's URLs, run here too with the values of this
app's parameters (asset_id, loan_id, fmt), until the shared file lists them: a stranger gets 404 by
A's address and by B's address with A's ids, a supervisor out of scope 404, a supervisor in scope
403 or 405 for every POST, anonymous users are sent to log in, public pages set no cookie and
show nothing private; and every URL name has its own test module."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import get_resolver

from prongsai.web.agencies.models import SupervisorScope
from prongsai.web.audit.models import AuditEntry
from prongsai.web.borrowing.models import Asset, AssetPhoto, BorrowingRules, Loan, LoanLine
from tests.web.base import PNG_BYTES
from tests.web.test_borrowing_world import BorrowingTestCase
from tests.web.test_isolation import walk

OBJECT_IDS = ("asset_id", "loan_id")
NAMES = {"borrow", "borrow_status", "borrow_photo", "borrow_rules", "assets", "asset_new", "asset_detail", "asset_edit",
         "asset_delete", "asset_photo", "loans", "loan_new", "loan_summary", "loan_rules", "loan_rules_document",
         "loan_detail"}


def snapshot() -> tuple:
    return (tuple(Asset.objects.order_by("pk").values_list("code", "name", "quantity", "condition", "retired")),
            tuple(Loan.objects.order_by("pk").values_list("status", "start_on", "end_on", "decision_note")),
            tuple(LoanLine.objects.order_by("pk").values_list("quantity", "damaged", "lost")),
            tuple(BorrowingRules.objects.order_by("pk").values_list("max_days", "lead_days", "public_open")),
            AssetPhoto.objects.count())


class BorrowingIsolationTestCase(BorrowingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.loan, _ = self.public_loan({self.tent: 1, self.chair: 5})
        self.client.logout()
        AssetPhoto.objects.create(asset=self.truck, data=PNG_BYTES, content_type="image/png", size=len(PNG_BYTES))

    def params_for(self, agency) -> dict[str, object]:
        return {"agency_id": agency.pk, "asset_id": self.truck.pk, "loan_id": self.loan.pk, "fmt": "docx"}

    def patterns(self):
        return [(route, p) for route, p in walk(get_resolver().url_patterns) if p.name in NAMES]

    def url_for(self, route: str, params: dict) -> str:
        return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: str(params[m.group(2)]), route)

    def test_it_works(self):
        self.assertEqual({p.name for _r, p in self.patterns()}, NAMES)
        here = Path(__file__).parent
        for name in NAMES:
            text = (here / f"test_{name}.py").read_text(encoding="utf-8")
            self.assertIn("def test_it_works", text, name)
            self.assertIn("def test_it_checks_ownership", text, name)
        for route, p in self.patterns():
            if route.startswith("a/"):
                self.assertTrue(getattr(p.callback, "agency_scoped", False), route)
            else:
                self.assertTrue(getattr(p.callback, "public_page", False), route)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        before, audit = snapshot(), AuditEntry.objects.filter(agency=self.agency).count()
        checked = 0
        for route, p in self.patterns():
            if not route.startswith("a/"):
                continue
            for agency in (self.agency, self.other):
                if agency == self.other and not any(f"<int:{k}>" in route for k in OBJECT_IDS):
                    continue
                url = self.url_for(route, self.params_for(agency))
                methods = ("get", "post") if agency == self.agency else tuple(
                    m for m in ("get", "post") if m.upper() in p.callback.methods)
                for method in methods:
                    self.assertEqual(getattr(self.client, method)(url).status_code, 404, f"{method} {url}")
                    checked += 1
        self.assertGreater(checked, 25)
        self.assertEqual(snapshot(), before)
        self.assertEqual(AuditEntry.objects.filter(agency=self.agency).count(), audit)

    def test_supervisors(self):
        self.login(self.supervisor)
        before = snapshot()
        for route, _p in self.patterns():
            if route.startswith("a/"):
                url = self.url_for(route, self.params_for(self.agency))
                self.assertIn(self.client.post(url).status_code, (403, 405), url)
                for action in ("approve", "refuse", "hand_over", "return", "cancel"):
                    if "loans/<int:loan_id>/" in route:
                        self.assertEqual(self.client.post(url, {"action": action, "reason": "x"}).status_code, 403)
        SupervisorScope.objects.filter(user=self.supervisor).update(province="เชียงใหม่")
        for route, _p in self.patterns():
            if route.startswith("a/"):
                url = self.url_for(route, self.params_for(self.agency))
                self.assertEqual(self.client.get(url).status_code, 404, url)
                self.assertEqual(self.client.post(url).status_code, 404, url)
        self.assertEqual(snapshot(), before)

    def test_anonymous_users_are_sent_to_log_in(self):
        for route, _p in self.patterns():
            if route.startswith("a/"):
                response = self.client.get(self.url_for(route, self.params_for(self.agency)))
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith("/login/"))

    def test_public_pages_show_nothing_private(self):
        secrets = ["081 234 5678", "12 หมู่ 3 ตำบลลาดหญ้า", "รถบรรทุกน้ำ"]
        for user in (None, self.stranger, self.owner):
            if user is not None:
                self.login(user)
            for route, _p in self.patterns():
                if not route.startswith("p/"):
                    continue
                for agency in (self.agency, self.other):
                    url = self.url_for(route, self.params_for(agency))
                    for method in ("get", "post"):
                        response = getattr(self.client, method)(url)
                        self.assertLess(response.status_code, 500, url)
                        self.assertNotIn("Set-Cookie", response.headers, url)
                        if response.get("Content-Type", "").startswith("text/"):
                            body = response.content.decode()
                            for secret in secrets:
                                self.assertNotIn(secret, body, f"{method} {url}")
