"""The agency's catalogue of assets that may be borrowed (staff pages under /a/<id>/assets/):
the list (with ?format=csv|xlsx), one asset with what is free in the next 30 days and its loans,
adding, editing (with its picture) and deleting one that was never lent."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from prongsai.services import borrowing as rules
from prongsai.web.agencies.access import EDIT, VIEW, AgencyAccess, agency_view
from prongsai.web.audit import log
from prongsai.web.borrowing import exports, loans, permissions
from prongsai.web.borrowing.forms import AssetForm
from prongsai.web.borrowing.models import Asset, AssetPhoto, BorrowingRules, LoanLine

SECTION = "borrowing"
WINDOW_DAYS = 30
OBJECT_TYPE = loans.ASSET_TYPE


def _asset(access: AgencyAccess, asset_id: int) -> Asset:
    return get_object_or_404(Asset.objects.select_related("unit"), pk=asset_id, agency=access.agency)


def out_now(agency, asset_ids) -> dict[int, int]:
    rows = (LoanLine.objects.filter(loan__agency=agency, loan__status=rules.HANDED_OVER, asset_id__in=list(asset_ids))
            .values("asset_id").annotate(n=Sum("quantity")).order_by())
    return {r["asset_id"]: r["n"] for r in rows}


@agency_view(VIEW, methods=("GET", "HEAD"))
def assets(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    show = request.GET.get("show", "current")
    found = Asset.objects.filter(agency=access.agency).select_related("unit")
    if show != "all":
        show = "current"
        found = found.filter(retired=False)
    rows = list(found)
    out = out_now(access.agency, [a.pk for a in rows])
    fmt = request.GET.get("format")
    if fmt:
        return exports.assets_file(request, access, fmt, rows, out)
    with_photo = set(AssetPhoto.objects.filter(asset__agency=access.agency).values_list("asset_id", flat=True))
    return render(request, "borrowing/assets.html", {
        "title": "พัสดุที่ให้ยืม", "section": SECTION, "rows": rows, "out": out, "show": show,
        "with_photo": with_photo, "rules": BorrowingRules.of(access.agency),
        "can_add": permissions.can_add_assets(access), "can_request": permissions.can_request(access),
        "public_url": request.build_absolute_uri(f"/p/{access.agency.pk}/borrow/"),
    })


@agency_view(EDIT)
def asset_new(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    form = AssetForm(request.POST or None, request.FILES or None, access=access,
                     initial={"unit": access.unit.pk if access.is_unit_staff else None})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            asset = form.save()
            photo = form.cleaned_data.get("photo_file")
            if photo:
                _save_photo(asset, photo)
            log.created(request.user, access.agency, OBJECT_TYPE, asset, f"เพิ่มพัสดุ {asset.name} ({asset.code})",
                        {**log.snapshot(asset, Asset.AUDIT_FIELDS), **({"รูปพัสดุ": "มี"} if photo else {})})
        messages.success(request, f"เพิ่ม{asset.name}ในรายการพัสดุที่ให้ยืมแล้ว")
        return redirect("asset_detail", access.agency.pk, asset.pk)
    return render(request, "borrowing/asset_form.html", {
        "title": "เพิ่มพัสดุที่ให้ยืม", "section": SECTION, "form": form, "asset": None,
    }, status=400 if request.method == "POST" else 200)


def _save_photo(asset: Asset, photo: tuple[bytes, str]) -> None:
    data, content_type = photo
    AssetPhoto.objects.update_or_create(asset=asset, defaults={"data": data, "content_type": content_type,
                                                               "size": len(data)})


@agency_view(VIEW, methods=("GET", "HEAD"))
def asset_detail(request: HttpRequest, access: AgencyAccess, asset_id: int) -> HttpResponse:
    asset = _asset(access, asset_id)
    today = timezone.localdate()
    held = loans.holds(access.agency, [asset.pk], today)[asset.pk]
    days = rules.free_days(asset.quantity, held, today, today + timedelta(WINDOW_DAYS - 1))
    lines = list(LoanLine.objects.filter(asset=asset, loan__agency=access.agency).select_related("loan")
                 .order_by("-loan__start_on", "-loan__seq")[:30])
    return render(request, "borrowing/asset_detail.html", {
        "title": asset.name, "section": SECTION, "asset": asset, "days": days,
        "runs": rules.busy_runs(asset.quantity, held, today, WINDOW_DAYS), "lines": lines,
        "out": out_now(access.agency, [asset.pk]).get(asset.pk, 0), "has_photo": hasattr(asset, "photo"),
        "rules": BorrowingRules.of(access.agency), "window": WINDOW_DAYS,
        "can_change": permissions.can_manage_asset(access, asset), "can_request": permissions.can_request(access),
        "never_lent": not asset.lines.exists(),
    })


@agency_view(EDIT)
def asset_edit(request: HttpRequest, access: AgencyAccess, asset_id: int) -> HttpResponse:
    asset = _asset(access, asset_id)
    if not permissions.can_manage_asset(access, asset):
        raise PermissionDenied
    # Before the form is bound: validating a model form writes the new values into the instance.
    before = log.snapshot(asset, Asset.AUDIT_FIELDS)
    form = AssetForm(request.POST or None, request.FILES or None, instance=asset, access=access)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            asset = form.save()
            photo = form.cleaned_data.get("photo_file")
            after = log.snapshot(asset, Asset.AUDIT_FIELDS)
            if photo:
                _save_photo(asset, photo)
                before, after = {**before, "รูปพัสดุ": "เดิม"}, {**after, "รูปพัสดุ": "รูปใหม่"}
            elif form.cleaned_data.get("remove_photo"):
                AssetPhoto.objects.filter(asset=asset).delete()
                before, after = {**before, "รูปพัสดุ": "มี"}, {**after, "รูปพัสดุ": ""}
            log.updated(request.user, access.agency, OBJECT_TYPE, asset, f"แก้ไขพัสดุ {asset.name} ({asset.code})",
                        before, after)
        messages.success(request, f"บันทึกการแก้ไข{asset.name}แล้ว")
        return redirect("asset_detail", access.agency.pk, asset.pk)
    return render(request, "borrowing/asset_form.html", {
        "title": f"แก้ไข{asset.name}", "section": SECTION, "form": form, "asset": asset,
    }, status=400 if request.method == "POST" else 200)


@agency_view(EDIT, methods=("POST",))
def asset_delete(request: HttpRequest, access: AgencyAccess, asset_id: int) -> HttpResponse:
    asset = _asset(access, asset_id)
    if not permissions.can_manage_asset(access, asset):
        raise PermissionDenied
    if asset.lines.exists():
        messages.error(request, f"ลบ{asset.name}ไม่ได้ เพราะมีประวัติการยืมอยู่ในทะเบียนคุมการยืม-คืนพัสดุ "
                                "หากจำหน่ายหรือเลิกให้ยืมแล้ว ให้แก้ไขแล้วเลือก “เลิกให้ยืมแล้ว” แทน")
        return redirect("asset_detail", access.agency.pk, asset.pk)
    with transaction.atomic():
        log.deleted(request.user, access.agency, OBJECT_TYPE, asset, f"ลบพัสดุ {asset.name} ({asset.code})",
                    log.snapshot(asset, Asset.AUDIT_FIELDS))
        asset.delete()
    messages.success(request, f"ลบ{asset.name}ออกจากรายการพัสดุแล้ว")
    return redirect("assets", access.agency.pk)


@agency_view(VIEW, methods=("GET", "HEAD"))
def asset_photo(request: HttpRequest, access: AgencyAccess, asset_id: int) -> HttpResponse:
    photo = AssetPhoto.objects.filter(asset_id=asset_id, asset__agency=access.agency).first()
    if photo is None:
        raise Http404
    return photo_response(photo, private=True)


def photo_response(photo: AssetPhoto, *, private: bool) -> HttpResponse:
    response = HttpResponse(bytes(photo.data), content_type=photo.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=300" if private else "public, max-age=300"
    return response
