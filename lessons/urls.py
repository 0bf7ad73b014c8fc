"""Language-prefixed URLs of the lessons app (included by cms/urls.py before the page catch-all)."""

from django.urls import path

from . import views, views_certificates, views_offline

app_name = "lessons"

urlpatterns = [
    path("learn/", views.dashboard, name="dashboard"),
    path("learn/signup/", views.signup, name="signup"),
    path("learn/login/", views.login_view, name="login"),
    path("learn/logout/", views.logout_view, name="logout"),
    path("learn/courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("learn/lessons/<int:lesson_id>/complete/", views.complete_lesson, name="complete"),
    path("learn/lessons/<int:lesson_id>/quiz/<str:quiz_id>/", views.submit_quiz, name="quiz"),
    path(
        "learn/offline/courses/<int:course_id>/files.json", views_offline.course_files_json, name="offline_files"
    ),
    path("learn/offline/me.json", views_offline.learner_json, name="offline_me"),
    path("learn/attempts/<int:attempt_id>/", views.attempt_result, name="attempt"),
    path("certificates/key/", views_certificates.public_key, name="certificate_key"),
    path("certificates/<str:code>/", views_certificates.verify, name="certificate"),
    path("certificates/<str:code>/print/", views_certificates.printable, name="certificate_print"),
    path("certificates/<str:code>/pdf/", views_certificates.pdf, name="certificate_pdf"),
    path("certificates/<str:code>/qr.svg", views_certificates.qr, name="certificate_qr"),
]
