"""Festivals, with their timing in the Vietnamese lunar calendar, the solar
calendar, or only a season. ``heritage/calendar.py`` turns the timing into
real dates."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from content import jsonld
from content.api.fields import ApiField

from ..calendar import describe_timing, describe_window, is_window, missing_day_30, occurrences, window
from ..schemas import GroupRef, WindowOut
from .base import HERITAGE_PANELS, HeritagePage

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
MONTH = [MinValueValidator(1), MaxValueValidator(12)]
DAY = [MinValueValidator(1), MaxValueValidator(31)]


class FestivalPage(HeritagePage):
    """A festival or rite (schema.org Event).

    Timing: ``calendar`` says how to read ``start_month``/``start_day`` …
    ``end_month``/``end_day``: lunar (the Vietnamese calendar, ``heritage.lunar``),
    solar, or variable (``season_text`` describes it; the months, if given, are
    solar months in which it usually falls). A day left empty means the whole month.
    Lunar day 30: a yearly festival falls on day 29 in years when the month has
    only 29 days; a one-off festival (``only_year``) must name a day that exists
    that year (``clean`` refuses day 30 of a 29-day month).
    """

    class Calendar(models.TextChoices):
        LUNAR = "lunar", _("Vietnamese lunar calendar")
        SOLAR = "solar", _("Solar (Gregorian) calendar")
        VARIABLE = "variable", _("Variable (a season)")

    class ChosenBy(models.TextChoices):
        FIXED = "", _("Not said (or a fixed date)")
        VILLAGE = "village", _("Each village chooses its day")
        HOUSEHOLD = "household", _("Each village or household chooses its day")
        ORGANISERS = "organisers", _("The organisers announce the dates")

    ethnic_name = models.CharField(
        _("name in the community's language"),
        max_length=255,
        blank=True,
        help_text=_("e.g. 'Xa mok' or 'Quai Yang Cham'."),
    )
    calendar = models.CharField(
        _("calendar"),
        max_length=16,
        choices=Calendar.choices,
        default=Calendar.VARIABLE,
    )
    start_month = models.PositiveSmallIntegerField(_("from month"), null=True, blank=True, validators=MONTH)
    start_day = models.PositiveSmallIntegerField(
        _("from day"),
        null=True,
        blank=True,
        validators=DAY,
        help_text=_("Empty: from the start of the month."),
    )
    end_month = models.PositiveSmallIntegerField(
        _("to month"),
        null=True,
        blank=True,
        validators=MONTH,
        help_text=_("Empty: the same month as the start."),
    )
    end_day = models.PositiveSmallIntegerField(
        _("to day"),
        null=True,
        blank=True,
        validators=DAY,
        help_text=_("Empty: to the end of the month (or the start day plus the duration)."),
    )
    only_year = models.PositiveSmallIntegerField(
        _("only in year"),
        null=True,
        blank=True,
        help_text=_("For a one-off event: the (solar) year it takes place. Empty for yearly festivals."),
    )
    season_text = models.CharField(
        _("when, in words"),
        max_length=255,
        blank=True,
        help_text=_("e.g. 'After the harvest', 'Every two years'. Shown beside the dates."),
    )
    duration_days = models.PositiveSmallIntegerField(
        _("duration (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    every_years = models.PositiveSmallIntegerField(
        _("every … years"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Empty or 1 for a yearly festival; 2 for one held every two years, and so on."),
    )
    cycle_year = models.PositiveSmallIntegerField(
        _("a year it was held"),
        null=True,
        blank=True,
        help_text=_("For a festival held every two years or more: one (solar) year it took place, e.g. 2024."),
    )
    date_chosen_by = models.CharField(
        _("who chooses the day"),
        max_length=16,
        choices=ChosenBy.choices,
        blank=True,
        default="",
        help_text=_("When only the months are known: who sets the day within them."),
    )
    place = models.ForeignKey(
        "heritage.PlacePage",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="festivals",
    )
    what_happens = RichTextField(_("what happens"), blank=True, features=TEXT_FEATURES)
    narration_fields = ("what_happens", "body", "who_may_attend", "etiquette")
    who_may_attend = models.TextField(
        _("who may attend"),
        blank=True,
        help_text=_("e.g. 'Open to visitors invited by the village elder'."),
    )
    etiquette = models.TextField(
        _("etiquette for visitors"),
        blank=True,
        help_text=_("Dress, photographs, offerings, what not to touch."),
    )

    content_panels = HeritagePage.content_panels + [
        FieldPanel("ethnic_name"),
        *HERITAGE_PANELS,
        FieldPanel("place"),
        MultiFieldPanel(
            [
                FieldPanel("calendar"),
                FieldRowPanel([FieldPanel("start_month"), FieldPanel("start_day")]),
                FieldRowPanel([FieldPanel("end_month"), FieldPanel("end_day")]),
                FieldPanel("only_year"),
                FieldRowPanel([FieldPanel("every_years"), FieldPanel("cycle_year")]),
                FieldPanel("date_chosen_by"),
                FieldPanel("season_text"),
                FieldPanel("duration_days"),
            ],
            heading=_("When"),
            help_text=_(
                "Lunar dates are converted with the Vietnamese calendar (UTC+7; UTC+8 before "
                "1968) on the festival calendar. A yearly festival on day 30 falls on day 29 in years "
                "when that lunar month has only 29 days."
            ),
        ),
        FieldPanel("what_happens"),
        FieldPanel("who_may_attend"),
        FieldPanel("etiquette"),
        FieldPanel("body"),
        FieldPanel("sources"),
    ]
    search_fields = HeritagePage.search_fields + [
        index.SearchField("ethnic_name", boost=2),
        index.SearchField("what_happens"),
        index.FilterField("calendar"),
    ]
    parent_page_types = ["heritage.HeritageIndexPage"]
    subpage_types = []
    api_fields = HeritagePage.api_fields + [
        ApiField("ethnic_name"),
        ApiField("calendar"),
        ApiField("start_month"),
        ApiField("start_day"),
        ApiField("end_month"),
        ApiField("end_day"),
        ApiField("only_year"),
        ApiField("season_text"),
        ApiField("timing", str, value=lambda page, ctx: str(page.when_display())),
        ApiField("window", WindowOut | None, value=lambda page, ctx: page.window()),
        ApiField(
            "place",
            GroupRef | None,
            value=lambda page, ctx: page.place and {"code": page.place.slug, "title": page.place.title},
        ),
        ApiField("duration_days", detail=True),
        ApiField("what_happens", detail=True),
        ApiField("who_may_attend", detail=True),
        ApiField("etiquette", detail=True),
    ]

    class Meta:
        verbose_name = _("festival page")

    def clean(self):
        super().clean()
        if self.calendar != self.Calendar.VARIABLE and not self.start_month:
            raise ValidationError({"start_month": _("A lunar or solar date needs at least a month.")})
        if self.calendar == self.Calendar.VARIABLE and not self.season_text:
            raise ValidationError({"season_text": _("Describe the season in words.")})
        if (self.start_day or self.end_day or self.end_month) and not self.start_month:
            raise ValidationError({"start_month": _("Give the month first.")})
        if (self.every_years or 1) > 1 and not self.cycle_year:
            message = _("Give one year it was held, so the calendar knows which years.")
            raise ValidationError({"cycle_year": message})
        if self.calendar == self.Calendar.LUNAR:
            for field in ("start_day", "end_day"):
                if (getattr(self, field) or 0) > 30:
                    raise ValidationError({field: _("A lunar month has at most 30 days.")})
            missing = missing_day_30(self)
            if missing:
                message = _("In %(year)s this lunar month has 29 days, no day 30: use day 29.") % {
                    "year": self.only_year
                }
                raise ValidationError({field: message for field in missing})

    def search_facets(self) -> dict[str, list[str]]:
        return {**super().search_facets(), "kind": ["festival"]}

    def when_display(self):
        """The timing in words, e.g. 'Lunar 15/1 – 16/1' or 'After the harvest'."""
        return describe_timing(self)

    def window_display(self):
        """A festival with months but no day, as a window in words: 'Held in lunar months
        2–5; each village chooses its day'. Empty for a dated or an undated festival."""
        return describe_window(self)

    def window(self):
        """``WindowOut`` (the API), or None when the festival is not a window."""
        if not is_window(self):
            return None
        return {
            "text": str(describe_window(self)),
            "calendar": "lunar" if self.calendar == self.Calendar.LUNAR else "solar",
            "start_month": self.start_month,
            "end_month": self.end_month or self.start_month,
            "every_years": self.every_years or 1,
            "cycle_year": self.cycle_year,
            "date_chosen_by": self.date_chosen_by,
        }

    def upcoming(self, today=None, months=12):
        start, end = window(today, months)
        return occurrences(self, start, end)

    def jsonld(self, request):
        """An ``Event`` only with real dates: the next occurrence (a one-off festival: its
        own, past or not) when the day is known; a recurring ``Schedule`` (``eventSchedule``)
        when only the months are; with no dates at all, an ``Article`` about it."""
        timing = self._jsonld_timing()
        if timing is None:
            return self.jsonld_base(request, "Article", headline=self.title[:110], publisher=jsonld.publisher())
        data = self.jsonld_base(request, "Event", **timing)
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        data["eventStatus"] = "https://schema.org/EventScheduled"
        if self.ethnic_name:
            data["alternateName"] = self.ethnic_name
        data["location"] = self._jsonld_location(request)
        return data

    def _jsonld_timing(self):
        if not self.start_month:
            return None
        if self.only_year:
            found = occurrences(self, datetime.date(self.only_year, 1, 1), datetime.date(self.only_year, 12, 31))
        else:
            found = self.upcoming(months=14)
        if not found:
            return None
        first = found[0]
        if first.exact:
            return {"startDate": first.start.isoformat(), "endDate": first.end.isoformat()}
        return {
            "eventSchedule": {
                "@type": "Schedule",
                "repeatFrequency": f"P{self.every_years or 1}Y",
                "startDate": first.start.isoformat(),
                "endDate": first.end.isoformat(),
                "scheduleTimezone": "Asia/Ho_Chi_Minh",
                "description": str(self.window_display() or self.season_text or self.when_display()),
            }
        }

    def _jsonld_location(self, request):
        """The place page, else the commune, else the province the whole site is about."""
        address = {"@type": "PostalAddress", "addressRegion": "Gia Lai", "addressCountry": "VN"}
        if self.unit_id:
            address["addressLocality"] = self.unit.name
        if self.place_id:
            place = self.place
            location = {
                "@type": "Place",
                "name": place.title,
                "url": place.get_full_url(request),
                "address": address,
            }
            if place.latitude is not None and place.longitude is not None:
                location["geo"] = {
                    "@type": "GeoCoordinates",
                    "latitude": float(place.latitude),
                    "longitude": float(place.longitude),
                }
            return location
        return {"@type": "Place", "name": self.unit.name if self.unit_id else "Gia Lai", "address": address}
