"""Agencies, units, members, supervisors and signing in."""

from __future__ import annotations

import math

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from prongsai.web.agencies import invitations as invites
from prongsai.web.agencies import ratelimit
from prongsai.web.agencies.access import (
    MANAGE,
    VIEW,
    AgencyAccess,
    agency_view,
    is_supervisor,
    visible_agencies,
)
from prongsai.web.agencies.forms import (
    AgencyForm,
    AgencySearchForm,
    LoginForm,
    MemberAddForm,
    MemberEditForm,
    NewAgencyForm,
    PasswordChangeForm,
    SupervisorForm,
    UnitForm,
    default_units,
    generate_password,
)
from prongsai.web.agencies.models import Agency, Invitation, Membership, SupervisorScope, Unit
from prongsai.web.audit import log
from prongsai.web.ui.exports import export_response, wants_export

User = get_user_model()
NEW_PASSWORD_KEY = "prongsai-new-password"


# --- signing in -----------------------------------------------------------------------------

class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_invalid(form)
        if form.is_paused():
            # The login page itself (in Thai), with the status and header a client can act on.
            response.status_code = 429
            seconds = (form.paused_until - timezone.now()).total_seconds()
            response["Retry-After"] = str(max(1, math.ceil(seconds)))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "registration/password_change.html"

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        log.record(self.request.user, None, "update", "ผู้ใช้", self.request.user,
                   f"เปลี่ยนรหัสผ่านของ {self.request.user.get_username()}")
        messages.success(self.request, "เปลี่ยนรหัสผ่านเรียบร้อยแล้ว")
        return response

    def get_success_url(self) -> str:
        return reverse("home")


def _show_new_password(request: HttpRequest, username: str, password: str) -> None:
    request.session[NEW_PASSWORD_KEY] = {"username": username, "password": password}


def _pop_new_password(request: HttpRequest) -> dict | None:
    return request.session.pop(NEW_PASSWORD_KEY, None)


def _new_user(username: str, full_name: str) -> tuple[object, str]:
    password = generate_password()
    first, _, last = (full_name or "").strip().partition(" ")
    user = User.objects.create_user(username=username, password=password, first_name=first[:150],
                                    last_name=last.strip()[:150])
    return user, password


def _existing_or_new_user(request: HttpRequest, agency: Agency | None, data: dict, what: str) -> object:
    """The account named in the form (usernames compare case-insensitively, as people type
    them), or a new one whose password is shown once and logged."""
    user = User.objects.filter(username__iexact=data["username"]).first()
    if user is None:
        user, password = _new_user(data["username"], data["full_name"])
        log.created(request.user, agency, "ผู้ใช้", user, f"{what} {user.username}")
        _show_new_password(request, user.username, password)
    return user


# --- the agency list ------------------------------------------------------------------------

def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    agencies = visible_agencies(user)
    supervisor = is_supervisor(user)
    form = AgencySearchForm(request.GET or None)
    filtered = bool(request.GET)
    # An open invitation must be seen, so it stops the shortcut to the only agency's dashboard.
    open_invitations = list(Invitation.objects.open().filter(user=user).select_related("agency"))
    if form.is_valid():
        q = form.cleaned_data.get("q")
        if q:
            agencies = agencies.filter(Q(name__icontains=q) | Q(district__icontains=q))
        if form.cleaned_data.get("province"):
            agencies = agencies.filter(province=form.cleaned_data["province"])
    # The user's own agencies first: a system administrator or supervisor who is also a member of
    # a few agencies finds them at the top of thousands.
    order = ("-mine", "province", "name", "pk")
    ordered = agencies.annotate(mine=Exists(Membership.objects.filter(agency=OuterRef("pk"), user=user))).order_by(*order)
    if (file := _agencies_file(request, user, ordered, supervisor, form)) is not None:
        return file
    # Page through ids first, then annotate only the 25 agencies shown (cheap with 8,000 agencies).
    page = Paginator(ordered.values_list("pk", flat=True), 25).get_page(request.GET.get("page"))
    if not supervisor and not filtered and not open_invitations and page.paginator.count == 1:
        return redirect("dashboard", page.object_list[0])
    rows = _with_latest(ordered.filter(pk__in=list(page.object_list)), user).order_by(*order)
    provinces = (visible_agencies(user).exclude(province="").order_by("province")
                 .values_list("province", flat=True).distinct())
    return render(request, "agencies/home.html", {
        "page": page, "rows": rows, "form": form, "provinces": provinces, "supervisor_view": supervisor,
        "role_th": dict(Membership.ROLES), "title": "หน่วยงานของฉัน",
        "pass_mark": _pass_mark(), "open_invitations": open_invitations, "exports": True,
    })


def _with_latest(agencies, user):  # type: ignore[no-untyped-def]
    """The agencies with what the list shows: the latest result, the newest plan, the user's role."""
    from prongsai.web.assessments.models import Result
    from prongsai.web.plans.models import Plan

    latest = Result.objects.filter(agency=OuterRef("pk")).order_by("-fiscal_year")
    # The newest year's approved version when there is one ("approved" sorts before "draft"): a
    # draft revision of an approved plan does not make the agency look as if it had no approval.
    plan = Plan.objects.filter(agency=OuterRef("pk")).order_by("-fiscal_year", "status", "-version")
    role = Membership.objects.filter(agency=OuterRef("pk"), user=user)
    return agencies.annotate(
        latest_year=Subquery(latest.values("fiscal_year")[:1]),
        latest_total=Subquery(latest.values("total")[:1]),
        latest_level=Subquery(latest.values("level")[:1]),
        plan_year=Subquery(plan.values("fiscal_year")[:1]),
        plan_status=Subquery(plan.values("status")[:1]),
        my_role=Subquery(role.values("role")[:1]),
    )


def _agencies_file(request: HttpRequest, user, ordered, supervisor: bool, form) -> HttpResponse | None:  # type: ignore[no-untyped-def]
    """The agency list as a file: every agency the filter keeps (not one page)."""
    if not wants_export(request):
        return None
    roles = dict(Membership.ROLES)
    headers = ["หน่วยงาน", "ประเภทหน่วยงาน", "ที่ตั้ง", "ผลล่าสุด", "ปีงบประมาณของผลล่าสุด", "ระดับ", "แผนมาตรการ",
               "สถานะแผนมาตรการ"] + ([] if supervisor else ["บทบาท"])
    rows = []
    for a in _with_latest(ordered, user).iterator():
        row = [a.name, a.agency_type, a.place, a.latest_total, a.latest_year, a.latest_level, a.plan_year,
               ("อนุมัติแล้ว" if a.plan_status == "approved" else "ร่าง") if a.plan_year else ""]
        rows.append(row if supervisor else [*row, roles.get(a.my_role, "")])
    q = form.cleaned_data if form.is_valid() else {}
    shown = "; ".join(f"{label} {value}" for label, value in (("ค้นหา", q.get("q")), ("จังหวัด", q.get("province")))
                      if value)
    return export_response(request, title="รายชื่อหน่วยงาน", headers=headers, rows=rows,
                           filename="รายชื่อหน่วยงาน", subtitle=[f"ตัวกรอง: {shown}" if shown else ""])


def _pass_mark() -> float:
    from prongsai import settings as core_settings

    return core_settings.thresholds().pass_mark


def agency_new(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise Http404
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    form = NewAgencyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            agency = form.save()
            log.created(request.user, agency, "หน่วยงาน", agency, f"เพิ่มหน่วยงาน {agency.name}",
                        log.snapshot(agency, Agency.AUDIT_FIELDS))
            names = form.cleaned_data["units"] or default_units(agency.agency_type)
            for order, name in enumerate(names):
                unit = Unit.objects.create(agency=agency, name=name, order=order)
                log.created(request.user, agency, "กอง/สำนัก", unit, f"เพิ่มกอง/สำนัก {name}")
            member = Membership.objects.create(user=request.user, agency=agency, role=Membership.ADMIN)
            log.created(request.user, agency, "สมาชิก", member,
                        f"เพิ่ม {request.user.get_username()} เป็นผู้ดูแลของหน่วยงาน")
        messages.success(request, f"เพิ่มหน่วยงาน {agency.name} แล้ว ขั้นต่อไป: บันทึกผลการประเมิน ITA")
        return redirect("results", agency.pk)
    return render(request, "agencies/agency_form.html", {
        "form": form, "title": "เพิ่มหน่วยงาน", "is_new": True,
    })


# --- agency settings ------------------------------------------------------------------------

@agency_view(MANAGE)
def agency_settings(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    agency = access.agency
    form = AgencyForm(request.POST if request.method == "POST" else None, instance=agency,
                      scope_locked=access.role != "superuser")
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            before = log.snapshot(Agency.objects.get(pk=agency.pk), Agency.AUDIT_FIELDS)
            agency = form.save()
            log.updated(request.user, agency, "หน่วยงาน", agency, f"แก้ไขข้อมูลหน่วยงาน {agency.name}",
                        before, log.snapshot(agency, Agency.AUDIT_FIELDS))
        messages.success(request, "บันทึกข้อมูลหน่วยงานแล้ว")
        return redirect("agency_settings", agency.pk)
    return render(request, "agencies/settings.html", {
        "form": form, "title": "ตั้งค่าหน่วยงาน", "section": "settings",
        "units": agency.units.all(), "members": _members(agency),
    })


@agency_view(VIEW, methods=("GET", "HEAD"))
def agency_about(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    return render(request, "agencies/about.html", {
        "title": "ข้อมูลหน่วยงาน", "section": "settings", "units": access.agency.units.all(),
        "members": _members(access.agency),
    })


def _members(agency: Agency):
    return agency.memberships.select_related("user", "unit").order_by("role", "user__username")


# --- units ----------------------------------------------------------------------------------

@agency_view(MANAGE)
def units(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    agency = access.agency
    form = UnitForm(request.POST if request.method == "POST" else None, agency=agency)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            unit = form.save(commit=False)
            unit.agency = agency
            unit.order = (agency.units.order_by("-order").values_list("order", flat=True).first() or 0) + 1
            unit.save()
            log.created(request.user, agency, "กอง/สำนัก", unit, f"เพิ่มกอง/สำนัก {unit.name}")
        messages.success(request, f"เพิ่ม {unit.name} แล้ว")
        return redirect("units", agency.pk)
    found = list(agency.units.all())
    if (file := export_response(request, title="กอง/สำนัก", headers=["ลำดับ", "ชื่อกอง/สำนัก"],
                                rows=[(n, u.name) for n, u in enumerate(found, start=1)],
                                filename=f"กอง-สำนัก-{agency.name}")) is not None:
        return file
    return render(request, "agencies/units.html", {
        "form": form, "units": found, "title": "กอง/สำนัก", "section": "settings", "exports": True,
    })


@agency_view(MANAGE)
def unit_edit(request: HttpRequest, access: AgencyAccess, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id, agency=access.agency)
    old_name = unit.name
    form = UnitForm(request.POST if request.method == "POST" else None, instance=unit, agency=access.agency)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            unit = form.save()
            log.updated(request.user, access.agency, "กอง/สำนัก", unit, f"เปลี่ยนชื่อกอง/สำนัก {old_name}",
                        {"ชื่อกอง/สำนัก": old_name}, {"ชื่อกอง/สำนัก": unit.name})
        messages.success(request, "บันทึกชื่อกอง/สำนักแล้ว")
        return redirect("units", access.agency.pk)
    return render(request, "agencies/unit_form.html", {
        "form": form, "unit": unit, "title": f"แก้ไข {unit.name}", "section": "settings",
    })


@agency_view(MANAGE, methods=("POST",))
def unit_delete(request: HttpRequest, access: AgencyAccess, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id, agency=access.agency)
    with transaction.atomic():
        log.deleted(request.user, access.agency, "กอง/สำนัก", unit, f"ลบกอง/สำนัก {unit.name}")
        unit.delete()
    messages.success(request, f"ลบ {unit.name} แล้ว มาตรการและรายการ OIT ที่เคยมอบหมายให้ จะแสดงว่ายังไม่มอบหมาย")
    return redirect("units", access.agency.pk)


# --- members --------------------------------------------------------------------------------

@agency_view(MANAGE)
def members(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    agency = access.agency
    form = MemberAddForm(request.POST if request.method == "POST" else None, agency=agency)
    if request.method == "POST" and form.is_valid() and form.existing_user is not None:
        data = form.cleaned_data
        # Someone else's account joins only with its owner's consent (see Invitation).
        try:
            invitation = invites.send(request.user, agency, form.existing_user, data["role"], data["unit"])
        except IntegrityError:  # another admin invited the same account a moment ago
            form.add_error("username", invites.ALREADY_INVITED)
        else:
            messages.success(request, (
                f"ชื่อผู้ใช้ {invitation.user.username} มีบัญชีอยู่แล้ว จึงส่งคำเชิญแทนการเพิ่มทันที"
                f" เจ้าของบัญชีจะเป็น{invitation.get_role_display()}เมื่อเข้าสู่ระบบแล้วกดตอบรับ"
                f" คำเชิญมีอายุ {Invitation.LIFETIME_DAYS} วัน"
                " หากท่านต้องการสร้างบัญชีใหม่ให้เจ้าหน้าที่ โปรดยกเลิกคำเชิญนี้และใช้ชื่อผู้ใช้อื่น"))
            return redirect("members", agency.pk)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = _existing_or_new_user(request, agency, data, "สร้างบัญชีผู้ใช้")
            member = Membership.objects.create(user=user, agency=agency, role=data["role"], unit=data["unit"])
            log.created(request.user, agency, "สมาชิก", member, f"เพิ่ม {user.username} เป็นสมาชิก",
                        log.snapshot(member, Membership.AUDIT_FIELDS))
        messages.success(request, f"เพิ่ม {user.username} เป็น{member.get_role_display()}แล้ว")
        return redirect("members", agency.pk)
    found = list(_members(agency))
    open_invitations = list(Invitation.objects.open().filter(agency=agency).select_related("user", "unit", "invited_by"))
    rows = [(m.user.get_full_name() or m.user.username, m.user.username, m.get_role_display(), m.unit.name if m.unit else "",
             m.complaint_officer, "เป็นสมาชิก", None) for m in found]
    rows += [("", i.user.username, i.get_role_display(), i.unit.name if i.unit else "", False,
              f"{i.get_status_display()} (เชิญโดย {i.invited_by.username if i.invited_by else '–'})", i.expires_at)
             for i in open_invitations]
    if (file := export_response(request, title="ผู้ใช้ของหน่วยงาน", rows=rows, filename=f"ผู้ใช้ของหน่วยงาน-{agency.name}",
                                headers=["ผู้ใช้", "ชื่อผู้ใช้", "บทบาท", "กอง/สำนัก", "ผู้รับเรื่องร้องเรียน", "สถานะ",
                                         "ตอบได้ถึง"])) is not None:
        return file
    return render(request, "agencies/members.html", {
        "form": form, "members": found, "title": "ผู้ใช้ของหน่วยงาน", "section": "settings",
        "new_password": _pop_new_password(request), "invitations": open_invitations, "exports": True,
    })


@agency_view(MANAGE)
def member_edit(request: HttpRequest, access: AgencyAccess, member_id: int) -> HttpResponse:
    member = get_object_or_404(Membership.objects.select_related("user", "agency"), pk=member_id,
                               agency=access.agency)
    before = log.snapshot(member, Membership.AUDIT_FIELDS)
    form = MemberEditForm(request.POST if request.method == "POST" else None, instance=member)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            member = form.save()
            log.updated(request.user, access.agency, "สมาชิก", member, f"แก้ไขบทบาทของ {member.user.username}",
                        before, log.snapshot(member, Membership.AUDIT_FIELDS))
        messages.success(request, "บันทึกบทบาทแล้ว")
        return redirect("members", access.agency.pk)
    return render(request, "agencies/member_form.html", {
        "form": form, "member": member, "title": f"แก้ไขบทบาทของ {member.user.username}", "section": "settings",
        "reset_refusal": _reset_refusal(member, access),
    })


def _reset_refusal(member: Membership, access: AgencyAccess) -> str | None:
    """Why this password may not be reset here, in Thai; None when it may. An agency admin resets
    only an account that belongs to this agency alone: an account shared with another agency, a
    supervisor's or a system administrator's is not this agency's to take over. The system
    administrator may reset any account but another system administrator's."""
    user = member.user
    if user.is_superuser or user.is_staff:
        return "ตั้งรหัสผ่านใหม่ให้บัญชีนี้ไม่ได้ เพราะเป็นบัญชีผู้ดูแลระบบ เจ้าของบัญชีเปลี่ยนรหัสผ่านเองได้"
    if access.role == "superuser":
        return None
    if SupervisorScope.objects.filter(user=user).exists():
        return "ตั้งรหัสผ่านใหม่ให้บัญชีนี้ไม่ได้ เพราะเป็นบัญชีผู้กำกับดูแลด้วย โปรดติดต่อผู้ดูแลระบบ"
    if Membership.objects.filter(user=user).exclude(agency=member.agency).exists():
        return ("ตั้งรหัสผ่านใหม่ให้บัญชีนี้ไม่ได้ เพราะใช้งานในหน่วยงานอื่นด้วย เจ้าของบัญชีเปลี่ยนรหัสผ่านเองได้"
                " (เมนูชื่อผู้ใช้ › เปลี่ยนรหัสผ่าน) หากลืมรหัสผ่าน โปรดติดต่อผู้ดูแลระบบ")
    return None


@agency_view(MANAGE, methods=("POST",))
def member_delete(request: HttpRequest, access: AgencyAccess, member_id: int) -> HttpResponse:
    member = get_object_or_404(Membership.objects.select_related("user"), pk=member_id, agency=access.agency)
    if member.role == Membership.ADMIN and not Membership.objects.filter(
            agency=access.agency, role=Membership.ADMIN).exclude(pk=member.pk).exists():
        messages.error(request, "ลบไม่ได้: หน่วยงานต้องมีผู้ดูแลอย่างน้อยหนึ่งคน")
        return redirect("members", access.agency.pk)
    with transaction.atomic():
        log.deleted(request.user, access.agency, "สมาชิก", member, f"นำ {member.user.username} ออกจากหน่วยงาน",
                    log.snapshot(member, Membership.AUDIT_FIELDS))
        member.delete()
    messages.success(request, f"นำ {member.user.username} ออกจากหน่วยงานแล้ว")
    return redirect("members", access.agency.pk)


@agency_view(MANAGE, methods=("POST",))
def member_password(request: HttpRequest, access: AgencyAccess, member_id: int) -> HttpResponse:
    member = get_object_or_404(Membership.objects.select_related("user"), pk=member_id, agency=access.agency)
    refusal = _reset_refusal(member, access)
    if refusal:
        messages.error(request, refusal)
        return redirect("member_edit", access.agency.pk, member.pk)
    password = generate_password()
    with transaction.atomic():
        member.user.set_password(password)
        member.user.save(update_fields=["password"])
        ratelimit.forget(member.user.get_username())  # the new password ends a login pause
        log.record(request.user, access.agency, "update", "ผู้ใช้", member.user,
                   f"ตั้งรหัสผ่านใหม่ให้ {member.user.username}")
    _show_new_password(request, member.user.username, password)
    return redirect("members", access.agency.pk)


# --- invitations -----------------------------------------------------------------------------

def invitations(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    rows = list(Invitation.objects.open().filter(user=request.user).select_related("agency", "unit", "invited_by"))
    if (file := export_response(
            request, title="คำเชิญเข้าร่วมหน่วยงาน", filename="คำเชิญเข้าร่วมหน่วยงาน",
            headers=["หน่วยงาน", "บทบาท", "กอง/สำนัก", "เชิญโดย", "สถานะ", "ตอบได้ถึง"],
            rows=[(i.agency.name, i.get_role_display(), i.unit.name if i.unit else "",
                   i.invited_by.username if i.invited_by else "", i.get_status_display(), i.expires_at)
                  for i in rows])) is not None:
        return file
    return render(request, "agencies/invitations.html", {
        "invitations": rows, "title": "คำเชิญเข้าร่วมหน่วยงาน", "role_help": Membership.ROLE_HELP, "exports": True,
    })


def _own_invitation(request: HttpRequest, invitation_id: int) -> Invitation:
    """The invitation, looked up among the user's own: anyone else's is a 404 (even for the admin
    who sent it), before the method is checked, so a stranger learns nothing."""
    return get_object_or_404(Invitation.objects.select_related("agency"), pk=invitation_id, user=request.user)


def invitation_accept(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = _own_invitation(request, invitation_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        member = invites.accept(request.user, invitation)
    except invites.InvitationClosed as exc:
        messages.error(request, exc.message)
        return redirect("invitations")
    messages.success(request, f"ท่านเข้าร่วม {invitation.agency.name} เป็น{member.get_role_display()}แล้ว")
    return redirect("dashboard", invitation.agency.pk)


def invitation_decline(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = _own_invitation(request, invitation_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        invites.decline(request.user, invitation)
    except invites.InvitationClosed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"ปฏิเสธคำเชิญของ {invitation.agency.name} แล้ว")
    return redirect("invitations")


@agency_view(MANAGE, methods=("POST",))
def invitation_withdraw(request: HttpRequest, access: AgencyAccess, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("user"), pk=invitation_id, agency=access.agency)
    try:
        invites.withdraw(request.user, invitation)
    except invites.InvitationClosed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"ยกเลิกคำเชิญ {invitation.user.username} แล้ว")
    return redirect("members", access.agency.pk)


# --- supervisors (system administrators only) ---------------------------------------------------

def supervisors(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise Http404
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    form = SupervisorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = _existing_or_new_user(request, None, data, "สร้างบัญชีผู้กำกับดูแล")
            scope = SupervisorScope.objects.create(user=user, province=data["province"], district=data["district"],
                                                   agency_type=data["agency_type"])
            log.created(request.user, None, "ขอบเขตการกำกับดูแล", scope,
                        f"ให้ {user.username} กำกับดูแล {scope}")
        messages.success(request, f"เพิ่มผู้กำกับดูแล {user.username} แล้ว")
        return redirect("supervisors")
    scopes = list(SupervisorScope.objects.select_related("user").order_by("user__username", "province"))
    counts = {s.pk: Agency.objects.filter(s.as_q()).count() for s in scopes}
    if (file := export_response(
            request, title="ผู้กำกับดูแล", filename="ผู้กำกับดูแล",
            headers=["ชื่อ", "ชื่อผู้ใช้", "จังหวัด", "อำเภอ", "ประเภทหน่วยงาน", "จำนวนหน่วยงาน"],
            rows=[(s.user.get_full_name() or s.user.username, s.user.username, s.province or "ทุกจังหวัด",
                   s.district or "ทุกอำเภอ", s.agency_type or "ทุกประเภท", counts[s.pk]) for s in scopes])) is not None:
        return file
    return render(request, "agencies/supervisors.html", {
        "form": form, "scopes": scopes, "title": "ผู้กำกับดูแล", "new_password": _pop_new_password(request),
        "counts": counts, "exports": True,
        "districts": Agency.objects.exclude(district="").order_by("district").values_list("district", flat=True).distinct(),
    })


def supervisor_delete(request: HttpRequest, scope_id: int) -> HttpResponse:
    if not request.user.is_superuser:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    scope = get_object_or_404(SupervisorScope.objects.select_related("user"), pk=scope_id)
    with transaction.atomic():
        log.deleted(request.user, None, "ขอบเขตการกำกับดูแล", scope,
                    f"ยกเลิกการกำกับดูแล {scope} ของ {scope.user.username}")
        scope.delete()
    messages.success(request, "ยกเลิกขอบเขตการกำกับดูแลแล้ว")
    return redirect("supervisors")
