"""Every URL of the workspace. Agency data lives under /a/<agency_id>/ and every such view goes
through `agency_view` (tests/web/test_isolation.py checks each pattern here)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from prongsai.web.agencies import views as agencies
from prongsai.web.assessments import frameworks
from prongsai.web.assessments import views as assessments
from prongsai.web.audit import views as audit
from prongsai.web.oit import carry_forward as oit_carry
from prongsai.web.oit import link_sheet
from prongsai.web.oit import views as oit
from prongsai.web.plans import carry_forward as plan_carry
from prongsai.web.plans import documents, tracking
from prongsai.web.plans import views as plans


class DirectionConverter:
    regex = "up|down"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class ItemCodeConverter:
    regex = "O[0-9]{1,3}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(DirectionConverter, "dir")
register_converter(ItemCodeConverter, "oit")

A = "a/<int:agency_id>/"

urlpatterns = [
    path("", agencies.home, name="home"),
    path("login/", agencies.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", agencies.PasswordChangeView.as_view(), name="password_change"),
    path("agencies/new/", agencies.agency_new, name="agency_new"),
    path("supervisors/", agencies.supervisors, name="supervisors"),
    path("supervisors/<int:scope_id>/delete/", agencies.supervisor_delete, name="supervisor_delete"),
    path("frameworks/", frameworks.frameworks, name="frameworks"),
    path("audit/", audit.system_audit_log, name="system_audit_log"),
    path("invitations/", agencies.invitations, name="invitations"),
    path("invitations/<int:invitation_id>/accept/", agencies.invitation_accept, name="invitation_accept"),
    path("invitations/<int:invitation_id>/decline/", agencies.invitation_decline, name="invitation_decline"),
    # agency
    path(A, assessments.dashboard, name="dashboard"),
    path(A + "settings/", agencies.agency_settings, name="agency_settings"),
    path(A + "about/", agencies.agency_about, name="agency_about"),
    path(A + "units/", agencies.units, name="units"),
    path(A + "units/<int:unit_id>/edit/", agencies.unit_edit, name="unit_edit"),
    path(A + "units/<int:unit_id>/delete/", agencies.unit_delete, name="unit_delete"),
    path(A + "members/", agencies.members, name="members"),
    path(A + "members/<int:member_id>/edit/", agencies.member_edit, name="member_edit"),
    path(A + "members/<int:member_id>/delete/", agencies.member_delete, name="member_delete"),
    path(A + "members/<int:member_id>/password/", agencies.member_password, name="member_password"),
    path(A + "invitations/<int:invitation_id>/withdraw/", agencies.invitation_withdraw, name="invitation_withdraw"),
    path(A + "audit/", audit.audit_log, name="audit_log"),
    # results and analysis
    path(A + "results/", assessments.results, name="results"),
    path(A + "results/form/", assessments.result_form, name="result_form"),
    path(A + "results/paste/", assessments.result_paste, name="result_paste"),
    path(A + "results/upload/", assessments.result_upload, name="result_upload"),
    path(A + "results/template/", assessments.result_template, name="result_template"),
    path(A + "results/<int:year>/delete/", assessments.result_delete, name="result_delete"),
    path(A + "analysis/<int:year>/", assessments.analysis, name="analysis"),
    # plans
    path(A + "plans/", plans.plans, name="plans"),
    path(A + "plans/new/", plans.plan_new, name="plan_new"),
    path(A + "plans/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path(A + "plans/<int:plan_id>/delete/", plans.plan_delete, name="plan_delete"),
    path(A + "plans/<int:plan_id>/approve/", plans.plan_approve, name="plan_approve"),
    path(A + "plans/<int:plan_id>/new-version/", plans.plan_new_version, name="plan_new_version"),
    path(A + "plans/<int:plan_id>/carry-forward/", plan_carry.plan_carry_forward, name="plan_carry_forward"),
    path(A + "plans/<int:plan_id>/measures/new/", plans.measure_new, name="measure_new"),
    path(A + "measures/<int:measure_id>/edit/", plans.measure_edit, name="measure_edit"),
    path(A + "measures/<int:measure_id>/delete/", plans.measure_delete, name="measure_delete"),
    path(A + "measures/<int:measure_id>/move/<dir:direction>/", plans.measure_move, name="measure_move"),
    path(A + "measures/<int:measure_id>/steps/add/", plans.step_add, name="step_add"),
    path(A + "steps/<int:step_id>/edit/", plans.step_edit, name="step_edit"),
    path(A + "steps/<int:step_id>/delete/", plans.step_delete, name="step_delete"),
    path(A + "steps/<int:step_id>/move/<dir:direction>/", plans.step_move, name="step_move"),
    # tracking
    path(A + "tracking/", tracking.tracking, name="tracking"),
    path(A + "tracking/<int:measure_id>/", tracking.measure_progress, name="measure_progress"),
    path(A + "progress/<int:entry_id>/edit/", tracking.progress_edit, name="progress_edit"),
    path(A + "progress/<int:entry_id>/delete/", tracking.progress_delete, name="progress_delete"),
    path(A + "evidence/<int:evidence_id>/", tracking.evidence_download, name="evidence_download"),
    path(A + "evidence/<int:evidence_id>/delete/", tracking.evidence_delete, name="evidence_delete"),
    # OIT
    path(A + "oit/", oit.checklist_default, name="oit_checklist_default"),
    path(A + "oit/<int:year>/", oit.checklist, name="oit_checklist"),
    path(A + "oit/<int:year>/readiness/", oit.readiness, name="oit_readiness"),
    path(A + "oit/<int:year>/readiness/run/", oit.readiness_run, name="oit_readiness_run"),
    path(A + "oit/<int:year>/carry-forward/", oit_carry.oit_carry_forward, name="oit_carry_forward"),
    path(A + "oit/<int:year>/<oit:code>/", oit.item, name="oit_item"),
    path(A + "oit/<int:year>/links.<slug:fmt>", link_sheet.link_sheet, name="oit_link_sheet"),
    # documents
    path(A + "documents/", documents.documents, name="documents"),
    path(A + "documents/<slug:kind>.<slug:fmt>", documents.document_download, name="document_download"),
    # the public channels (staff pages under /a/, public pages under /p/, design §5.5)
    path("", include("prongsai.web.public.urls")),
    path("", include("prongsai.web.complaints.urls")),
    path("", include("prongsai.web.qa.urls")),
    path("", include("prongsai.web.eservice.urls")),
    path("", include("prongsai.web.borrowing.urls")),
    path("", include("prongsai.web.surveys.urls")),
    # supervision at scale (issue 14)
    path("", include("prongsai.web.imports.urls")),
    path("", include("prongsai.web.supervision.urls")),
    path("", include("prongsai.web.reminders.urls")),
]

handler400 = "prongsai.web.ui.views.bad_request"
handler403 = "prongsai.web.ui.views.permission_denied"
handler404 = "prongsai.web.ui.views.page_not_found"
handler500 = "prongsai.web.ui.views.server_error"
