"""URLs of E-Service (included by prongsai.web.urls): public under /p/, staff under /a/."""

from django.urls import path

from prongsai.web.eservice import public_views, staff_views, statistics_views

P = "p/<int:agency_id>/eservice/"
A = "a/<int:agency_id>/eservice/"

urlpatterns = [
    path(P, public_views.public_eservice, name="public_eservice"),
    path(P + "status/", public_views.public_eservice_status, name="public_eservice_status"),
    path(P + "statistics/", statistics_views.public_eservice_statistics, name="public_eservice_statistics"),
    path(P + "statistics.<slug:fmt>", statistics_views.public_eservice_statistics_file,
         name="public_eservice_statistics_file"),
    path(P + "<int:type_id>/", public_views.public_eservice_apply, name="public_eservice_apply"),
    path(P + "<int:type_id>/manual.<slug:fmt>", public_views.public_eservice_manual, name="public_eservice_manual"),
    path(A, staff_views.eservice_requests, name="eservice_requests"),
    path(A + "requests/<int:request_id>/", staff_views.eservice_request, name="eservice_request"),
    path(A + "files/<int:file_id>/", staff_views.eservice_file, name="eservice_file"),
    path(A + "types/", staff_views.eservice_types, name="eservice_types"),
    path(A + "types/new/", staff_views.eservice_type_new, name="eservice_type_new"),
    path(A + "types/<int:type_id>/edit/", staff_views.eservice_type_edit, name="eservice_type_edit"),
    path(A + "types/<int:type_id>/delete/", staff_views.eservice_type_delete, name="eservice_type_delete"),
    path(A + "types/<int:type_id>/record/", staff_views.eservice_record, name="eservice_record"),
    path(A + "types/<int:type_id>/manual.<slug:fmt>", staff_views.eservice_manual, name="eservice_manual"),
]
