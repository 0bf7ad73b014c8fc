"""Background work of the lessons app (django-tasks; see TASKS in cms/settings.py).

* ``render_certificate_pdf``: when a certificate is issued, its PDF is drawn and
  stored (``lessons.learners.certificates.pdf_bytes``) in the learner's languages, so the
  PDF link answers with a stored file. The view still draws it if it is missing.
* ``build_course_bundles``: when a course or one of its lessons is published,
  unpublished or deleted, the offline zip of the course is built and stored for every
  requested locale (``lessons.api.offline.prebuild``), and stale builds are removed.
* ``delete_certificate_pdfs``: a revoked or deleted certificate's stored PDFs go.

Tasks are enqueued on commit, so a worker never looks for rows that are not
committed yet and a rolled-back request enqueues nothing. Their arguments are
plain ids and codes (JSON), and each task re-reads the database: a task that
runs late does the work for the state of that moment.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.utils import translation
from django_tasks import task
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from content.api.context import ApiContext
from content.api.pages import get_public_translation
from content.narration import narration_changed

from .api import offline
from .api.courses import COURSES
from .learners import certificates
from .learners.records import Certificate
from .pages import CoursePage, LessonPage

logger = logging.getLogger(__name__)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


# ---------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------


@task()
def render_certificate_pdf(code, languages):
    """Draw and store the PDF of certificate ``code`` in each of ``languages``."""
    certificate = Certificate.objects.filter(code=code, revoked_at__isnull=True).first()
    if certificate is None:
        return []
    stored = []
    for language in languages:
        if language not in LANGUAGE_CODES:
            continue
        with translation.override(language):
            url = certificates.site_verify_url(certificate, language)
            labels = certificates.pdf_labels()
            certificates.pdf_bytes(certificate, url, labels)  # drawn and stored unless it is already
            stored.append(certificates.pdf_storage_name(certificate, url, labels))
    return stored


@task()
def delete_certificate_pdfs(code):
    return certificates.delete_stored_pdfs(code)


def certificate_languages(certificate):
    """The languages a learner will likely ask the PDF in: the one in use when the
    certificate was issued, then their profile's."""
    languages = []
    active = translation.get_language()
    if active in LANGUAGE_CODES:
        languages.append(active)
    profile = getattr(certificate.learner, "learner_profile", None)
    preferred = getattr(profile, "preferred_language", None)
    if preferred in LANGUAGE_CODES and preferred not in languages:
        languages.append(preferred)
    return languages or [settings.LANGUAGE_CODE]


def on_certificate_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    code = instance.code
    if instance.revoked_at is not None:
        transaction.on_commit(lambda: delete_certificate_pdfs.enqueue(code))
    elif created:
        languages = certificate_languages(instance)
        transaction.on_commit(lambda: render_certificate_pdf.enqueue(code, languages))


def on_certificate_deleted(sender, instance, **kwargs):
    code = instance.code
    transaction.on_commit(lambda: delete_certificate_pdfs.enqueue(code))


# ---------------------------------------------------------------------------
# Course bundles
# ---------------------------------------------------------------------------


@task()
def build_course_bundles(course_id):
    """Store a fresh bundle of course ``course_id`` for every requested locale; remove
    the stored builds of translations that are no longer public."""
    page = Page.objects.filter(pk=course_id).first()
    translations = (
        list(CoursePage.objects.filter(translation_key=page.translation_key).values_list("pk", flat=True))
        if page is not None
        else []
    )
    kept, built = {}, []
    for code in LANGUAGE_CODES:
        try:
            course = get_public_translation(COURSES, course_id, code)
        except Http404:
            continue
        with translation.override(code):
            name, fresh_build = offline.prebuild(ApiContext.for_site(code), course)
        kept.setdefault(course.pk, set()).add(code)
        if fresh_build:
            built.append(name)
    for pk in set(translations) | {course_id}:
        for code in LANGUAGE_CODES:
            if code not in kept.get(pk, ()):
                offline.remove_stored(pk, code)
    return built


def course_of(page):
    """The course page a course or lesson page belongs to, or None."""
    page = page.specific  # Wagtail's signals send the specific page: no query
    if isinstance(page, CoursePage):
        return page.pk
    if isinstance(page, LessonPage):
        try:
            parent = page.get_parent()
        except Page.DoesNotExist:  # a lesson deleted with its course
            return None
        return parent.pk if parent is not None and issubclass(parent.specific_class, CoursePage) else None
    return None


def on_page_changed(sender, instance, **kwargs):
    course_id = course_of(instance)
    if course_id is not None:
        transaction.on_commit(lambda: build_course_bundles.enqueue(course_id))


def on_narration_changed(sender, page, **kwargs):
    """A lesson's generated narration is in its bundle: build it again."""
    on_page_changed(sender, page)


def connect():
    narration_changed.connect(on_narration_changed, dispatch_uid="lessons-bundle-narration")
    post_save.connect(on_certificate_saved, sender=Certificate, dispatch_uid="lessons-certificate-pdf")
    post_delete.connect(on_certificate_deleted, sender=Certificate, dispatch_uid="lessons-certificate-gone")
    page_published.connect(on_page_changed, dispatch_uid="lessons-bundle-published")
    page_unpublished.connect(on_page_changed, dispatch_uid="lessons-bundle-unpublished")
    # A deleted course's stored builds go too (the task finds no page and removes them all).
    for model in (CoursePage, LessonPage):
        post_delete.connect(on_page_changed, sender=model, dispatch_uid=f"lessons-bundle-deleted-{model.__name__}")
