"""URLs of the satisfaction surveys (included by prongsai.web.urls): public under /p/, staff under /a/."""

from django.urls import path

from prongsai.web.surveys import file_views, public_views, staff_views

P = "p/<int:agency_id>/survey/"
A = "a/<int:agency_id>/surveys/"
S = A + "<int:survey_id>/"

urlpatterns = [
    path(P, public_views.public_surveys, name="public_surveys"),
    path(P + "results/", public_views.public_survey_results, name="public_survey_results"),
    path(P + "<int:survey_id>/", public_views.public_survey, name="public_survey"),
    path(P + "<int:survey_id>/thanks/", public_views.public_survey_thanks, name="public_survey_thanks"),
    path(A, staff_views.surveys, name="surveys"),
    path(A + "new/", staff_views.survey_new, name="survey_new"),
    path(S, staff_views.survey_detail, name="survey_detail"),
    path(S + "edit/", staff_views.survey_edit, name="survey_edit"),
    path(S + "status/", staff_views.survey_status, name="survey_status"),
    path(S + "items/new/", staff_views.survey_item_new, name="survey_item_new"),
    path(S + "items/<int:item_id>/", staff_views.survey_item, name="survey_item"),
    path(S + "results/", staff_views.survey_results, name="survey_results"),
    path(S + "report.<slug:fmt>", file_views.survey_report, name="survey_report"),
    path(S + "answers.<slug:fmt>", file_views.survey_answers, name="survey_answers"),
    path(S + "poster.<slug:fmt>", file_views.survey_poster, name="survey_poster"),
]
