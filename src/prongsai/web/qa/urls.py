"""URLs of this app (included by prongsai.web.urls)."""

from django.urls import path

from prongsai.web.qa import views

urlpatterns = [
    path("p/<int:agency_id>/qa/", views.public_qa, name="public_qa"),
    path("a/<int:agency_id>/qa/", views.questions, name="qa_questions"),
    path("a/<int:agency_id>/qa/<int:question_id>/", views.answer, name="qa_answer"),
]
