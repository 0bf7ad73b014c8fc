"""Job postings that fit people's skills, closed automatically at the deadline.

Closing is a query-time rule (``JobPostingPage.objects.open()``): the day after
the deadline a posting leaves every listing, search result and API list, while
its own page stays reachable and says it is closed. The offline sync feed learns
of it from a tombstone that a scheduled task writes (``community/tasks.py``).
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from content import jsonld, seams
from content.api.fields import ApiField
from content.api.schemas import PageRef, UnitRef
from content.api.values import page_ref, unit_ref
from content.blocks import SOURCE_BLOCKS
from content.locales import translations_for
from content.models import AdministrativeUnit, BasePage
from content.public import public_pages

from .common import split_list, unit_code


def today():
    """Today's date where the site is (settings.TIME_ZONE), the day deadlines count in."""
    return timezone.localdate()


def course_refs(page, ctx):
    """The reader's public translation of each course that prepares for the job."""
    courses = [link.course for link in page.course_links.select_related("course")]
    return [page_ref(course, ctx) for course in translations_for(courses, ctx.locale, public_pages)]


class JobQuerySet(PageQuerySet):
    def open(self, on=None):
        """Postings whose deadline is today or later."""
        return self.filter(deadline__gte=on or today())

    def closed(self, on=None):
        return self.filter(deadline__lt=on or today())


JobPostingManager = PageManager.from_queryset(JobQuerySet)


class JobIndexPage(BasePage):
    """Open jobs, filterable by commune, skill and level; "jobs for you" when logged in."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage", "content.SectionPage"]
    subpage_types = ["community.JobPostingPage"]
    template = "community/job_index_page.html"

    class Meta:
        db_table = "content_jobindexpage"
        verbose_name = _("job index")

    def jobs(self, filters=None):
        qs = public_pages(JobPostingPage.objects.child_of(self)).open()
        filters = filters or {}
        if filters.get("commune"):
            qs = qs.filter(commune__code=filters["commune"])
        if filters.get("skill"):
            qs = qs.filter(skills__icontains=filters["skill"][:60])
        if filters.get("level") in JobPostingPage.Education.values:
            qs = qs.filter(education=filters["level"])
        return qs.select_related("commune").order_by("deadline", "title")

    def jsonld(self, request):
        return jsonld.collection(self, request, [page.get_url(request) for page in self.jobs()])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = {k: request.GET.get(k, "").strip() for k in ("commune", "skill", "level")}
        jobs = list(self.jobs(filters))
        context.update(
            filters=filters,
            jobs=jobs,
            level_choices=JobPostingPage.Education.choices,
            communes=AdministrativeUnit.objects.filter(
                pk__in=JobPostingPage.objects.child_of(self).values("commune")
            ).order_by("name"),
        )
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            context["jobs_for_you"] = rank_for_user(jobs, user)[:5]
        return context


class JobPostingPage(BasePage):
    class Education(models.TextChoices):
        NONE = "none", _("No schooling needed")
        PRIMARY = "primary", _("Primary school")
        LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
        UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
        VOCATIONAL = "vocational", _("Vocational training")
        COLLEGE = "college", _("College or university")

    class WageUnit(models.TextChoices):
        MONTH = "month", _("per month")
        DAY = "day", _("per day")
        PRODUCT = "product", _("per product")

    employer = models.CharField(_("employer"), max_length=255)
    commune = models.ForeignKey(
        "content.AdministrativeUnit",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_postings",
    )
    workplace = models.CharField(_("workplace"), max_length=255, blank=True)
    skills = models.CharField(
        _("skills"), max_length=255, blank=True, help_text=_("Comma-separated, e.g. weaving, sewing.")
    )
    education = models.CharField(
        _("minimum education"), max_length=16, choices=Education.choices, default=Education.NONE
    )
    wage_min = models.PositiveIntegerField(_("lowest wage (VND)"), null=True, blank=True)
    wage_max = models.PositiveIntegerField(_("highest wage (VND)"), null=True, blank=True)
    wage_unit = models.CharField(_("wage per"), max_length=8, choices=WageUnit.choices, default=WageUnit.MONTH)
    working_hours = models.CharField(_("working hours"), max_length=255, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    deadline = models.DateField(_("deadline to apply"), db_index=True)
    apply_phone = models.CharField(_("phone"), max_length=20, blank=True)
    apply_zalo = models.CharField(_("Zalo"), max_length=20, blank=True)
    apply_in_person = models.CharField(_("where to apply in person"), max_length=255, blank=True)
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "ul", "ol", "link"])
    sources = StreamField(SOURCE_BLOCKS, blank=True, verbose_name=_("sources"))

    objects = JobPostingManager()

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("employer"),
                FieldPanel("commune"),
                FieldPanel("workplace"),
                FieldPanel("skills"),
                FieldPanel("education"),
            ],
            heading=_("The job"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("wage_min"), FieldPanel("wage_max"), FieldPanel("wage_unit")]),
                FieldPanel("working_hours"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("deadline")]),
            ],
            heading=_("Pay and dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("apply_phone"),
                FieldPanel("apply_zalo"),
                FieldPanel("apply_in_person"),
            ],
            heading=_("How to apply"),
        ),
        FieldPanel("description"),
        InlinePanel("course_links", label=_("Courses that prepare for this job")),
        FieldPanel("sources"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("employer", boost=2),
        index.SearchField("skills", boost=2),
        index.SearchField("description"),
        index.FilterField("deadline"),
        index.FilterField("education"),
        index.FilterField("commune"),
    ]
    parent_page_types = ["community.JobIndexPage"]
    subpage_types = []
    api_fields = BasePage.api_fields + [
        ApiField("employer"),
        ApiField("commune", UnitRef | None, value=lambda page, ctx: unit_ref(page.commune)),
        ApiField("workplace"),
        ApiField("skills", list[str], value=lambda page, ctx: page.skill_list),
        ApiField("education", label=True),
        ApiField("wage_min"),
        ApiField("wage_max"),
        ApiField("wage_unit"),
        ApiField("start_date"),
        ApiField("deadline"),
        ApiField("is_closed", bool),
        ApiField("working_hours", detail=True),
        # How to apply is withdrawn once the posting has closed.
        ApiField(
            "apply_phone", str, value=lambda page, ctx: "" if page.is_closed else page.apply_phone, detail=True
        ),
        ApiField(
            "apply_zalo", str, value=lambda page, ctx: "" if page.is_closed else page.apply_zalo, detail=True
        ),
        ApiField(
            "apply_in_person",
            str,
            value=lambda page, ctx: "" if page.is_closed else page.apply_in_person,
            detail=True,
        ),
        ApiField("description", detail=True),
        ApiField("courses", list[PageRef], value=lambda page, ctx: course_refs(page, ctx), detail=True),
        ApiField("sources", detail=True),
    ]
    template = "community/job_posting_page.html"

    class Meta:
        db_table = "content_jobpostingpage"
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")

    @property
    def is_closed(self):
        return self.deadline is not None and self.deadline < today()

    @property
    def skill_list(self):
        return split_list(self.skills)

    def search_facets(self):
        return {"commune": unit_code(self.commune), "topic": "employment", "kind": "job"}

    def jsonld(self, request):
        """``JobPosting`` with the dates, employer, place and wage search engines ask for."""
        address = {"@type": "PostalAddress", "addressRegion": "Gia Lai", "addressCountry": "VN"}
        if self.commune_id:
            address["addressLocality"] = self.commune.name
        if self.workplace:
            address["streetAddress"] = self.workplace
        posted = self.first_published_at or self.last_published_at
        data = jsonld.page_document(
            self,
            request,
            "JobPosting",
            title=self.title,
            description=str(self.description or self.summary or self.title),
            datePosted=posted.date().isoformat() if posted else None,
            validThrough=f"{self.deadline.isoformat()}T23:59:59+07:00" if self.deadline else None,
            hiringOrganization={"@type": "Organization", "name": self.employer},
            jobLocation={"@type": "Place", "address": address},
            skills=", ".join(self.skill_list) or None,
            workHours=self.working_hours or None,
            jobStartDate=self.start_date.isoformat() if self.start_date else None,
        )
        if self.wage_min or self.wage_max:
            unit = {"month": "MONTH", "day": "DAY"}.get(self.wage_unit)
            value = {"@type": "QuantitativeValue", "minValue": self.wage_min or self.wage_max}
            value["maxValue"] = self.wage_max or self.wage_min
            if unit:
                value["unitText"] = unit
            data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "VND", "value": value}
        return data

    @classmethod
    def search_queryset_filter(cls, qs):
        """Drop closed postings from any page queryset (generic hook for search/API/sync)."""
        if issubclass(qs.model, JobPostingPage):
            return qs.open()
        return qs.exclude(pk__in=JobPostingPage.objects.closed().values("pk"))


class JobCourseLink(Orderable):
    """A course (any page, typically a lessons.CoursePage) that prepares for a job."""

    page = ParentalKey(JobPostingPage, on_delete=models.CASCADE, related_name="course_links")
    course = models.ForeignKey(Page, verbose_name=_("course"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        db_table = "content_jobcourselink"


def rank_for_user(jobs, user):
    """Open ``jobs`` ordered for ``user``: same commune first, then courses they finished."""
    commune_id = seams.home_commune_id(user)
    done = seams.completed_course_keys(user)
    links = {}
    if done:
        rows = JobCourseLink.objects.filter(page__in=[j.pk for j in jobs]).select_related("course")
        for link in rows:
            links.setdefault(link.page_id, set()).add(link.course.translation_key)
    scored = []
    for job in jobs:
        score = 2 if commune_id and job.commune_id == commune_id else 0
        score += len(links.get(job.pk, set()) & done)
        if score:
            scored.append((-score, job.deadline or datetime.date.max, job))
    return [job for *_key, job in sorted(scored, key=lambda s: (s[0], s[1]))]
