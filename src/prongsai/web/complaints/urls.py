"""URLs of the complaint channel (included by prongsai.web.urls): public under /p/, staff under /a/."""

from django.urls import path

from prongsai.web.complaints import guideline_views, public_views, staff_views, statistics_views

P = "p/<int:agency_id>/"
A = "a/<int:agency_id>/"

urlpatterns = [
    path(P + "complaint/", public_views.complaint_new, name="complaint_new"),
    path(P + "complaint/status/", public_views.complaint_status, name="complaint_status"),
    path(P + "complaints/statistics/", statistics_views.complaint_statistics, name="complaint_statistics"),
    path(P + "complaints/statistics.<slug:fmt>", statistics_views.complaint_statistics_file,
         name="complaint_statistics_file"),
    path(P + "complaints/guideline.<slug:fmt>", guideline_views.public_complaint_guideline,
         name="public_complaint_guideline"),
    path(A + "complaints/guideline.<slug:fmt>", guideline_views.complaint_guideline, name="complaint_guideline"),
    path(A + "complaints/", staff_views.complaints, name="complaints"),
    path(A + "complaints/record/", staff_views.complaint_record, name="complaint_record"),
    path(A + "complaints/<int:complaint_id>/", staff_views.complaint_detail, name="complaint_detail"),
    path(A + "complaints/files/<int:attachment_id>/", staff_views.complaint_attachment, name="complaint_attachment"),
    path(A + "complaints/settings/", staff_views.complaint_settings, name="complaint_settings"),
]
