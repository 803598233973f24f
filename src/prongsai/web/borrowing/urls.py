"""URLs of asset borrowing (included by prongsai.web.urls): public under /p/<id>/borrow/, staff
under /a/<id>/assets/ (the catalogue) and /a/<id>/loans/ (the register, requests, the rules)."""

from django.urls import path

from prongsai.web.borrowing import asset_views, loan_views, public_views, rules_views

P = "p/<int:agency_id>/"
A = "a/<int:agency_id>/"

urlpatterns = [
    path(P + "borrow/", public_views.borrow, name="borrow"),
    path(P + "borrow/status/", public_views.borrow_status, name="borrow_status"),
    path(P + "borrow/assets/<int:asset_id>/photo/", public_views.borrow_photo, name="borrow_photo"),
    path(P + "borrow/rules.<slug:fmt>", rules_views.borrow_rules, name="borrow_rules"),
    path(A + "assets/", asset_views.assets, name="assets"),
    path(A + "assets/new/", asset_views.asset_new, name="asset_new"),
    path(A + "assets/<int:asset_id>/", asset_views.asset_detail, name="asset_detail"),
    path(A + "assets/<int:asset_id>/edit/", asset_views.asset_edit, name="asset_edit"),
    path(A + "assets/<int:asset_id>/delete/", asset_views.asset_delete, name="asset_delete"),
    path(A + "assets/<int:asset_id>/photo/", asset_views.asset_photo, name="asset_photo"),
    path(A + "loans/", loan_views.loans_register, name="loans"),
    path(A + "loans/new/", loan_views.loan_new, name="loan_new"),
    path(A + "loans/summary/", loan_views.loan_summary, name="loan_summary"),
    path(A + "loans/rules/", rules_views.loan_rules, name="loan_rules"),
    path(A + "loans/rules.<slug:fmt>", rules_views.loan_rules_document, name="loan_rules_document"),
    path(A + "loans/<int:loan_id>/", loan_views.loan_detail, name="loan_detail"),
]
