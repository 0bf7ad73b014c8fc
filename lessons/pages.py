"""Course pages: CourseIndexPage → CoursePage → LessonPage (ordered children).

Progress is always recorded against the Vietnamese (source) page of a course
or lesson (``canonical``), so a learner who switches language keeps it. The
pages are content: what a learner has done comes from the learner records
(``lessons.learners``), which add it to the pages' template context through
the ``LEARNER_CONTEXT_HOOK`` Wagtail hook; this module never imports them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from content import jsonld
from content.api.fields import ApiField
from content.blocks import SOURCE_BLOCKS
from content.models import BasePage
from content.public import public_pages

from .blocks import LESSON_BLOCKS
from .schemas import LessonRef

LEARNER_CONTEXT_HOOK = "lessons_learner_context"
"""Wagtail hook: ``fn(request, page) -> dict`` adds the learner's state to a course
or lesson page's template context (registered by ``lessons/wagtail_hooks.py``)."""

TOPICS = [
    ("it-production", _("IT in production and selling")),
    ("law-policy", _("Law and policy")),
    ("gender-equality", _("Gender equality")),
    ("womens-rights", _("Women's rights")),
    ("childrens-rights", _("Children's rights")),
    ("health", _("Health")),
    ("agriculture", _("Farming and forests")),
    ("culture", _("Culture and heritage")),
]
LEVELS = [("beginner", _("Beginner")), ("intermediate", _("Intermediate"))]


def canonical(page):
    """The source-language (Vietnamese) version of ``page``, or the page itself."""
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return page
    source = (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )
    return source or page


class PrivateServeMixin:
    """Pages that show a learner's own state must never be cached by a proxy."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.user.is_authenticated or getattr(self, "sensitive_course", False):
            response["Cache-Control"] = "private, no-store"
        return response


class CourseIndexPage(BasePage):
    """Lists the courses of one language."""

    parent_page_types = ["content.HomePage"]
    subpage_types = ["lessons.CoursePage"]
    max_count_per_parent = 1
    template = "lessons/course_index_page.html"

    class Meta:
        verbose_name = _("course index")

    def jsonld(self, request):
        courses = public_pages(CoursePage.objects.child_of(self)).order_by("path")
        return jsonld.collection(self, request, [page.get_url(request) for page in courses])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = public_pages(CoursePage.objects.child_of(self)).select_related("hero_image")
        return context


class CoursePage(PrivateServeMixin, BasePage):
    audience = models.CharField(_("audience"), max_length=255, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=LEVELS, default="beginner")
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=30)
    outcomes = models.TextField(
        _("outcomes"),
        blank=True,
        help_text=_("What a learner can do afterwards, one per line."),
    )
    topic = models.CharField(_("topic"), max_length=32, choices=TOPICS, default="it-production")
    prerequisites = ParentalManyToManyField(
        "lessons.CoursePage",
        verbose_name=_("prerequisites"),
        blank=True,
        related_name="required_by",
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        help_text=_("Used by quizzes that do not set their own pass mark."),
    )
    issues_certificate = models.BooleanField(_("issues a certificate"), default=True)
    units = ParentalManyToManyField(
        "content.AdministrativeUnit",
        verbose_name=_("communes"),
        blank=True,
        related_name="+",
        help_text=_("The communes this course was made for; it is listed on their statistics profiles."),
    )
    sources = StreamField(SOURCE_BLOCKS, blank=True, verbose_name=_("sources"))
    sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_(
            "Neutral browser title, a quick-exit button, never shown publicly. "
            "For courses read on shared family phones."
        ),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("level"),
                FieldPanel("estimated_minutes"),
                FieldPanel("outcomes"),
                FieldPanel("topic"),
                FieldPanel("prerequisites"),
                FieldPanel("units"),
            ],
            heading=_("About the course"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("issues_certificate"),
                FieldPanel("sensitive"),
            ],
            heading=_("Rules"),
        ),
        FieldPanel("sources"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("audience"),
        index.SearchField("outcomes"),
        index.FilterField("topic"),
        index.FilterField("sensitive"),
    ]
    parent_page_types = ["lessons.CourseIndexPage"]
    subpage_types = ["lessons.LessonPage"]
    template = "lessons/course_page.html"
    api_fields = BasePage.api_fields + [
        ApiField("audience"),
        ApiField("level", label=True),
        ApiField("topic", label=True),
        ApiField("estimated_minutes"),
        ApiField("outcomes", list[str], value=lambda page, ctx: page.outcome_list),
        ApiField("pass_mark"),
        ApiField("issues_certificate"),
        ApiField("sensitive"),
        ApiField(
            "prerequisites",
            list[int],
            value=lambda page, ctx: [p.pk for p in page.prerequisites.all()],
            detail=True,
        ),
        ApiField("lessons", list[LessonRef], value=lambda page, ctx: lesson_refs(page, ctx), detail=True),
        ApiField(
            "bundle_url",
            str,
            value=lambda page, ctx: ctx.absolute(f"/api/v1/courses/{page.pk}/bundle?locale={ctx.locale}"),
            detail=True,
        ),
        ApiField("sources", detail=True),
    ]

    class Meta:
        verbose_name = _("course")

    @property
    def sensitive_course(self):
        return self.sensitive

    @property
    def outcome_list(self):
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]

    def search_facets(self):
        return {"topic": [self.topic]}

    def public_lessons(self):
        return public_pages(LessonPage.objects.child_of(self)).order_by("path")

    def jsonld(self, request):
        """A free, online ``Course`` offered by the site, its lessons as parts."""
        lessons = [lesson.get_full_url(request) for lesson in self.public_lessons()]
        return jsonld.page_document(
            self,
            request,
            "Course",
            provider=jsonld.publisher(),
            publisher=jsonld.publisher(),
            audience={"@type": "Audience", "audienceType": self.audience} if self.audience else None,
            educationalLevel=self.level,
            teaches=self.outcome_list or None,
            timeRequired=f"PT{self.estimated_minutes}M",
            isAccessibleForFree=True,
            hasPart=[{"@type": "LearningResource", "url": url} for url in lessons] or None,
            hasCourseInstance={
                "@type": "CourseInstance",
                "courseMode": "online",
                "courseWorkload": f"PT{self.estimated_minutes}M",
            },
            offers={"@type": "Offer", "category": "Free", "price": 0, "priceCurrency": "VND"},
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for learner_context in hooks.get_hooks(LEARNER_CONTEXT_HOOK):
            context.update(learner_context(request, self))
        return context


class LessonPage(PrivateServeMixin, BasePage):
    body = StreamField(LESSON_BLOCKS, blank=True, verbose_name=_("body"))
    audio = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("narration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The whole lesson read aloud, for learners who read little."),
    )
    audio_transcript = models.TextField(_("narration transcript"), blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=5)
    narration_fields = ("body",)  # title, summary, then the body with its quiz questions

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("audio"), FieldPanel("audio_transcript")], heading=_("Narration")),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["lessons.CoursePage"]
    subpage_types = []
    template = "lessons/lesson_page.html"
    api_fields = BasePage.api_fields + [
        ApiField("estimated_minutes"),
        ApiField("course_id", int, value=lambda page, ctx: page.get_parent().pk, detail=True),
        ApiField("audio", detail=True),
        ApiField("audio_transcript", detail=True),
        ApiField("body", detail=True),
    ]

    class Meta:
        verbose_name = _("lesson")

    @property
    def sensitive_course(self):
        parent = self.get_parent().specific
        return getattr(parent, "sensitive", False)

    def search_facets(self):
        parent = self.get_parent().specific
        return {"topic": [parent.topic] if isinstance(parent, CoursePage) else []}

    def jsonld(self, request):
        """A ``LearningResource`` that is part of its course."""
        course = self.get_parent()
        return jsonld.page_document(
            self,
            request,
            "LearningResource",
            learningResourceType="lesson",
            timeRequired=f"PT{self.estimated_minutes}M",
            isAccessibleForFree=True,
            publisher=jsonld.publisher(),
            isPartOf={"@type": "Course", "name": course.title, "url": course.get_full_url(request)},
        )

    def narration_recordings(self):
        """The lesson's own narration document counts as its recording in its language."""
        if self.audio is None:
            return []
        from content.narration import document_item

        return [document_item(self.audio, self.locale.language_code)]

    def quiz_blocks(self):
        return [block for block in self.body if block.block_type == "quiz"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for learner_context in hooks.get_hooks(LEARNER_CONTEXT_HOOK):
            context.update(learner_context(request, self))
        return context


def lesson_refs(course, ctx):
    """The course's public lessons, in order, as short references."""
    return [
        {
            "id": lesson.pk,
            "title": lesson.title,
            "summary": lesson.summary,
            "estimated_minutes": lesson.estimated_minutes,
            "api_url": ctx.api_url(lesson),
        }
        for lesson in course.public_lessons()
    ]
