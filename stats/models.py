"""The statistics store, on the DHIS2 aggregate model: an indicator (data element) measured
for an administrative unit (org unit) and a period, maybe broken down by disaggregation
options (category option combo), gives one ``DataValue``.

Only approved values are public (``stats.queries`` is the one way out); changes to a value
are kept by django-simple-history (``DataValue.history``).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from content.cachetags import TaggedReadsManager

from . import periods


def _localised(obj, field):
    """The English text when reading in English and it exists; Vietnamese otherwise."""
    if (get_language() or "vi").startswith("en"):
        return getattr(obj, f"{field}_en") or getattr(obj, field)
    return getattr(obj, field)


class DisaggregationOption(models.Model):
    """One option of a breakdown: an ethnicity (GSO two-digit code), a sex, an age band."""

    class Category(models.TextChoices):
        ETHNICITY = "ethnicity", _("ethnicity")
        SEX = "sex", _("sex")
        AGE = "age", _("age band")

    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    code = models.CharField(_("code"), max_length=16)
    name = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TaggedReadsManager()  # reads record app:stats (content.cachetags)

    class Meta:
        ordering = ["category", "sort_order", "code"]
        verbose_name = _("disaggregation option")
        verbose_name_plural = _("disaggregation options")
        constraints = [models.UniqueConstraint(fields=["category", "code"], name="stats_option_unique")]

    def __str__(self):
        return f"{self.get_category_display()}: {self.label}"

    @property
    def key(self):
        return f"{self.category}={self.code}"

    @property
    def label(self):
        return _localised(self, "name")


def parse_disaggregation(key):
    """``"ethnicity=05;sex=F"`` → ``{"ethnicity": "05", "sex": "F"}``; ``""`` (the total) → ``{}``."""
    if not key:
        return {}
    parts = {}
    for part in key.split(";"):
        category, _sep, code = part.partition("=")
        if not _sep or not category or not code or category in parts:
            raise ValueError(f"not a disaggregation: {key!r}")
        parts[category.strip()] = code.strip()
    return parts


def disaggregation_key(parts):
    """The canonical key (categories in alphabetical order), so one breakdown has one spelling."""
    return ";".join(f"{c}={parts[c]}" for c in sorted(parts))


class Indicator(models.Model):
    class Unit(models.TextChoices):
        PERSONS = "persons", _("persons")
        HOUSEHOLDS = "households", _("households")
        PERCENT = "percent", _("%")
        VND = "vnd", _("VND")
        YESNO = "yesno", _("yes/no")
        COUNT = "count", _("number")
        CATEGORY = "category", _("category")

    class ValueType(models.TextChoices):
        INTEGER = "integer", _("whole number")
        NUMBER = "number", _("number")
        PERCENT = "percent", _("percentage (0–100)")
        BOOLEAN = "boolean", _("yes (1) / no (0)")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("sum")
        WEIGHTED_MEAN = "weighted_mean", _("mean weighted by the denominator")
        NONE = "none", _("not aggregable")

    class Frequency(models.TextChoices):
        YEARLY = "yearly", _("yearly")
        FIVE_YEARLY = "five_yearly", _("every five years")
        HALF_YEARLY = "half_yearly", _("half-yearly")
        QUARTERLY = "quarterly", _("quarterly")
        MONTHLY = "monthly", _("monthly")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    definition = models.TextField(_("definition (Vietnamese)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    value_type = models.CharField(_("value type"), max_length=16, choices=ValueType.choices)
    aggregation = models.CharField(_("aggregation"), max_length=16, choices=Aggregation.choices)
    denominator = models.ForeignKey(
        "self",
        verbose_name=_("denominator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For a weighted mean: the count indicator each commune's value is weighted by."),
    )
    disaggregations = models.JSONField(
        _("disaggregations"), default=list, blank=True, help_text=_('Categories, e.g. ["ethnicity", "sex"].')
    )
    source_programme = models.CharField(_("source programme"), max_length=255, blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency.choices, default="yearly")
    target_value = models.DecimalField(_("target"), max_digits=18, decimal_places=4, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    target_note = models.CharField(_("target source"), max_length=255, blank=True)
    restricted = models.BooleanField(
        _("restricted"), default=False, help_text=_("Approved values stay inside the administration.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TaggedReadsManager()  # reads record app:stats (content.cachetags)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return f"{self.code}: {self.name}"

    @property
    def label(self):
        return _localised(self, "name")

    @property
    def definition_text(self):
        return _localised(self, "definition")

    def clean(self):
        if self.aggregation == self.Aggregation.WEIGHTED_MEAN and self.denominator_id is None:
            raise ValidationError({"denominator": _("A weighted mean needs a denominator indicator.")})
        unknown = set(self.disaggregations or ()) - set(DisaggregationOption.Category.values)
        if unknown:
            raise ValidationError({"disaggregations": _("Unknown categories: %s") % ", ".join(sorted(unknown))})

    def check_value(self, value):
        """The reason ``value`` (a Decimal) cannot be a value of this indicator, or None."""
        if value < 0:
            return _("a negative value")
        if self.value_type == self.ValueType.PERCENT and value > 100:
            return _("a percentage over 100")
        if self.value_type in (self.ValueType.INTEGER, self.ValueType.BOOLEAN) and value != value.to_integral():
            return _("not a whole number")
        if self.value_type == self.ValueType.BOOLEAN and value not in (0, 1):
            return _("yes/no takes 1 or 0")
        return None


class DataSet(models.Model):
    """A group of indicators entered together (one data-entry form per commune and period)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    period_kind = models.CharField(
        _("period type"),
        max_length=8,
        default="year",
        choices=[("year", _("year")), ("half", _("half-year")), ("quarter", _("quarter")), ("month", _("month"))],
    )
    indicators = models.ManyToManyField(Indicator, verbose_name=_("indicators"), related_name="datasets")

    objects = TaggedReadsManager()  # reads record app:stats (content.cachetags)

    class Meta:
        ordering = ["code"]
        verbose_name = _("data set")
        verbose_name_plural = _("data sets")

    def __str__(self):
        return self.label

    @property
    def label(self):
        return _localised(self, "name")


class DataValueQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=DataValue.Status.APPROVED)

    def for_user(self, user):
        """What ``user`` may read in the admin: everything for officers, their communes for reporters."""
        from .roles import assigned_unit_ids, is_officer

        if is_officer(user):
            return self
        return self.filter(unit_id__in=assigned_unit_ids(user))


class DataValue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT)
    unit = models.ForeignKey(
        "content.AdministrativeUnit", verbose_name=_("administrative unit"), on_delete=models.PROTECT
    )
    period = models.CharField(_("period"), max_length=8, db_index=True)
    disaggregation = models.CharField(_("disaggregation"), max_length=120, blank=True, default="")
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    sample = models.BooleanField(
        _("sample"), default=False, help_text=_("Invented for the demonstration; never an official figure.")
    )
    source = models.CharField(_("source"), max_length=255, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = TaggedReadsManager.from_queryset(DataValueQuerySet)()  # reads record app:stats

    class Meta:
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period", "disaggregation"], name="stats_datavalue_unique"
            )
        ]
        indexes = [models.Index(fields=["status", "indicator", "period"], name="stats_value_public")]
        permissions = [("approve_datavalue", "Can approve data values")]

    def __str__(self):
        breakdown = self.disaggregation or "total"
        return f"{self.indicator.code} {self.unit.code} {self.period} {breakdown} = {self.value}"

    def clean(self):
        try:
            period = periods.parse(self.period)
        except periods.PeriodError as error:
            raise ValidationError({"period": str(error)})
        if self.unit_id and not (self.unit.is_valid_on(period.end) or self.unit.is_valid_on(period.start)):
            raise ValidationError({"unit": _("This unit was not in force during the period.")})
        if self.indicator_id and self.value is not None:
            reason = self.indicator.check_value(Decimal(self.value))
            if reason:
                raise ValidationError({"value": reason})

    def approve(self, user):
        self.status = self.Status.APPROVED
        self.approved_by = user
        self.approved_at = timezone.now()


class ReporterCommune(models.Model):
    """A commune a commune reporter enters values for (and the only communes they see)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="stats_communes"
    )
    unit = models.ForeignKey(
        "content.AdministrativeUnit", verbose_name=_("commune"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("reporter's commune")
        verbose_name_plural = _("reporters' communes")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="stats_reporter_unique")]

    def __str__(self):
        return f"{self.user} → {self.unit}"


def _report_file_name(instance, filename):
    # A random folder per report: a draft's files are never at a guessable address
    # (they are served through ``stats.views.report_file``, published reports only).
    return f"stats/reports/{instance.token}/{filename}"


class PeriodicReport(models.Model):
    """A periodic report of one data set for one period, in one language: its PDF and XLSX
    are built by a background task (``stats.tasks.build_report``) from approved values only
    and stored in the default storage (atomic writes); publishing announces it
    (``stats.signals.report_published``) and lists it on the site."""

    class Status(models.TextChoices):
        PENDING = "pending", _("being built")
        READY = "ready", _("ready (not published)")
        FAILED = "failed", _("failed")
        PUBLISHED = "published", _("published")

    dataset = models.ForeignKey(DataSet, verbose_name=_("data set"), on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("period"), max_length=8)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="vi")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Printed in the report's notes, after the rules of derived figures.")
    )
    token = models.CharField(max_length=32, editable=False, unique=True)
    pdf_file = models.FileField(_("PDF file"), upload_to=_report_file_name, blank=True, max_length=255)
    xlsx_file = models.FileField(_("XLSX file"), upload_to=_report_file_name, blank=True, max_length=255)
    pdf_size = models.PositiveIntegerField(_("PDF size (bytes)"), default=0)
    xlsx_size = models.PositiveIntegerField(_("XLSX size (bytes)"), default=0)
    sample = models.BooleanField(_("sample"), default=False, help_text=_("Some figures are sample data."))
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = TaggedReadsManager()  # reads record app:stats (content.cachetags)

    class Meta:
        ordering = ["-period", "dataset__code", "language", "-created_at"]
        verbose_name = _("periodic report")
        verbose_name_plural = _("periodic reports")
        permissions = [("publish_periodicreport", "Can publish periodic reports")]

    def __str__(self):
        return f"{self.dataset.label} · {self.period} ({self.language})"

    def save(self, *args, **kwargs):
        if not self.token:
            import secrets

            self.token = secrets.token_hex(16)
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def url(self):
        """The public address of the report's PDF (published reports only), else ""."""
        if not self.is_published:
            return ""
        from django.urls import reverse
        from django.utils import translation

        with translation.override(self.language):
            path = reverse("stats:report_file", args=[self.pk, "pdf"])
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


from .pages import ReportNarrativePage  # noqa: E402,F401  (the page model lives in its own module)
