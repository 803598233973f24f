from tests.web.base import BaseTestCase


class HomeTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.member)
        self.assertRedirects(self.client.get("/"), self.a_url(), fetch_redirect_response=False)
        self.assertContains(self.client.get("/", {"q": ""}), self.agency.name)

    def test_it_lists_a_supervisors_agencies_only(self):
        self.login(self.supervisor)
        r = self.client.get("/")
        self.assertContains(r, self.agency.name)
        self.assertNotContains(r, self.other.name)

    def test_a_superuser_sees_all_and_can_search(self):
        self.login(self.admin)
        r = self.client.get("/")
        self.assertContains(r, self.agency.name)
        self.assertContains(r, self.other.name)
        r = self.client.get("/", {"q": "ไค้งยาง"})
        self.assertContains(r, self.other.name)
        self.assertNotContains(r, self.agency.name)

    def test_the_users_own_agencies_come_first(self):
        from prongsai.web.agencies.models import Agency, Membership

        for n in range(30):
            Agency.objects.create(name=f"องค์การบริหารส่วนตำบลกกก{n:02d}", province="กระบี่")
        Membership.objects.create(user=self.admin, agency=self.other, role=Membership.ADMIN)
        self.login(self.admin)
        rows = list(self.client.get("/").context["rows"])
        self.assertEqual(rows[0], self.other)  # a member of it, so above กระบี่ and everything else
        self.assertEqual(rows[1].province, "กระบี่")

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        r = self.client.get("/", {"q": ""})
        self.assertNotContains(r, self.agency.name)

    def test_a_user_without_agency_is_told_what_to_do(self):
        from tests.web.base import make_user

        self.login(make_user("nobody"))
        r = self.client.get("/")
        self.assertContains(r, "ยังไม่ได้อยู่ในหน่วยงานใด")

    def test_it_shows_open_invitations_after_login(self):
        """A user of one agency is normally sent straight to its dashboard; an open invitation stops
        that, so the invitation is seen."""
        from prongsai.web.agencies import invitations

        invitation = invitations.send(self.stranger, self.other, self.member, "viewer", None)
        self.login(self.member)
        r = self.client.get("/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "คำเชิญเข้าร่วมหน่วยงาน")
        self.assertContains(r, self.other.name)
        self.assertContains(r, 'href="/invitations/"')
        # nobody else sees it on their home page
        self.login(self.owner)
        self.assertRedirects(self.client.get("/"), self.a_url(), fetch_redirect_response=False)
        invitation.status = "declined"
        invitation.save()
        self.login(self.member)
        self.assertRedirects(self.client.get("/"), self.a_url(), fetch_redirect_response=False)


class HomePlanVersionTestCase(BaseTestCase):
    def test_a_draft_revision_does_not_hide_the_approval(self):
        from prongsai.web.plans import services
        from prongsai.web.plans.models import Plan
        from tests.web.test_plan_approve import MEETING

        self.login(self.owner)
        self.client.post(self.a_url(f"plans/{self.plan.pk}/approve/"), MEETING)
        services.new_version(self.owner, Plan.objects.get(pk=self.plan.pk))
        self.login(self.admin)
        row = next(a for a in self.client.get("/").context["rows"] if a.pk == self.agency.pk)
        self.assertEqual(row.plan_status, "approved")
