"""factory_boy factories of every app's tests, in one place.

Page factories create pages through the tree API (``parent.add_child``) and
publish them unless ``live=False`` is passed, as an editor would.
"""

import datetime
import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

LOCALES = ["vi", "en", "bdq", "hre", "hro"]


def png_bytes(size=(64, 48), colour=(138, 59, 18)):
    out = io.BytesIO()
    PILImage.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


class HeritageImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "content.HeritageImage"

    title = factory.Sequence(lambda n: f"Ảnh thử {n}")
    alt_text = factory.LazyAttribute(lambda o: f"Mô tả {o.title}")
    credit = "Tạo bằng Pillow cho kiểm thử"
    licence = "CC0-1.0"
    file = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="test.png"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct-horse-42")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            from django.contrib.auth.models import Group

            for name in extracted:
                self.groups.add(Group.objects.get(name=name))


class PageFactory(factory.django.DjangoModelFactory):
    """Base for Wagtail page factories: ``SectionPageFactory(parent=home, title=…)``."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Trang {n}")
    slug = None

    @classmethod
    def _create(cls, model_class, parent=None, live=True, **kwargs):
        from django.utils.text import slugify

        if not kwargs.get("slug"):
            kwargs["slug"] = slugify(kwargs["title"]) or "page"
        page = model_class(locale=parent.locale, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
            page.refresh_from_db()
        else:
            model_class.objects.filter(pk=page.pk).update(live=False)
            page.refresh_from_db()
        return page

    @classmethod
    def _build(cls, model_class, parent=None, live=True, **kwargs):
        return model_class(**kwargs)


class SectionPageFactory(PageFactory):
    class Meta:
        model = "content.SectionPage"

    summary = "Một trang thử nghiệm"


# ---------------------------------------------------------------------------
# heritage
# ---------------------------------------------------------------------------

SOURCE = [
    {
        "type": "source",
        "value": {
            "title": "Nguồn thử",
            "url": "https://example.org/nguon",
            "publisher": "",
            "accessed": None,
        },
    }
]


class HeritageIndexPageFactory(PageFactory):
    class Meta:
        model = "heritage.HeritageIndexPage"

    listing = "stories"
    show_in_menus = True


class EthnicGroupPageFactory(PageFactory):
    class Meta:
        model = "heritage.EthnicGroupPage"

    code = factory.Sequence(lambda n: f"nhom-{n}")
    summary = "Một dân tộc thử nghiệm"
    sources = SOURCE


class StoryPageFactory(PageFactory):
    class Meta:
        model = "heritage.StoryPage"

    topic = "customs"
    summary = "Một câu chuyện thử nghiệm"
    sources = SOURCE


class FestivalPageFactory(PageFactory):
    class Meta:
        model = "heritage.FestivalPage"

    calendar = "lunar"
    start_month = 1
    start_day = 16
    summary = "Một lễ hội thử nghiệm"
    sources = SOURCE


class ProductPageFactory(PageFactory):
    class Meta:
        model = "heritage.ProductPage"

    kind = "brocade"
    summary = "Một sản vật thử nghiệm"
    sources = SOURCE


class PlacePageFactory(PageFactory):
    class Meta:
        model = "heritage.PlacePage"

    kind = "cham-tower"
    summary = "Một địa điểm thử nghiệm"
    sources = SOURCE


# ---------------------------------------------------------------------------
# lessons
# ---------------------------------------------------------------------------


class CourseIndexPageFactory(PageFactory):
    class Meta:
        model = "lessons.CourseIndexPage"

    title = "Khoá học"


class CoursePageFactory(PageFactory):
    class Meta:
        model = "lessons.CoursePage"

    title = "Bán hàng trên mạng an toàn"
    summary = "Khoá học thử"
    pass_mark = 70


class LessonPageFactory(PageFactory):
    class Meta:
        model = "lessons.LessonPage"

    summary = "Bài thử"


# ---------------------------------------------------------------------------
# community
# ---------------------------------------------------------------------------


class PolicyLibraryPageFactory(PageFactory):
    class Meta:
        model = "community.PolicyLibraryPage"

    title = "Chính sách và pháp luật"


class PolicyDocumentPageFactory(PageFactory):
    class Meta:
        model = "community.PolicyDocumentPage"

    title = factory.Sequence(lambda n: f"Văn bản {n}")
    document_number = factory.Sequence(lambda n: f"{n}/QĐ-TTg")
    document_type = "decision"
    issuing_body = "Thủ tướng Chính phủ"
    issue_date = datetime.date(2021, 10, 14)
    status = "in_force"
    topic = "administration"
    plain_summary = "<p>Tóm tắt dễ hiểu.</p>"


class JobIndexPageFactory(PageFactory):
    class Meta:
        model = "community.JobIndexPage"

    title = "Việc làm"


class JobPostingPageFactory(PageFactory):
    class Meta:
        model = "community.JobPostingPage"

    title = factory.Sequence(lambda n: f"Việc làm {n}")
    employer = "Hợp tác xã dệt thổ cẩm"
    skills = "dệt, may"
    education = "none"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    apply_phone = "0256 000 000"


class HealthIndexPageFactory(PageFactory):
    class Meta:
        model = "community.HealthIndexPage"

    title = "Sức khoẻ"


class HealthServicePageFactory(PageFactory):
    class Meta:
        model = "community.HealthServicePage"

    title = factory.Sequence(lambda n: f"Trạm y tế {n}")
    address = "Trung tâm xã"
    kind = "station"
    remote_days = "tue, thu"
    languages = "vi, bdq"


class CommunityIndexPageFactory(PageFactory):
    class Meta:
        model = "community.CommunityIndexPage"

    title = "Quyền của phụ nữ và trẻ em"
    kind = "rights"


class CommunityArticlePageFactory(PageFactory):
    class Meta:
        model = "community.CommunityArticlePage"

    title = factory.Sequence(lambda n: f"Bài viết {n}")
    kind = "rights"


# ---------------------------------------------------------------------------
# stats
# ---------------------------------------------------------------------------


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "stats.Indicator"

    code = factory.Sequence(lambda n: f"indicator-{n}")
    name = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    unit = "households"
    value_type = "integer"
    aggregation = "sum"


class DisaggregationOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "stats.DisaggregationOption"

    category = "sex"
    code = factory.Sequence(lambda n: f"O{n}")
    name = factory.Sequence(lambda n: f"Lựa chọn {n}")


class DataSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "stats.DataSet"

    code = factory.Sequence(lambda n: f"dataset-{n}")
    name = factory.Sequence(lambda n: f"Bộ số liệu {n}")


class DataValueFactory(factory.django.DjangoModelFactory):
    """``DataValueFactory(indicator=…, unit=…, value=…)``: approved, period 2024, no breakdown."""

    class Meta:
        model = "stats.DataValue"

    period = "2024"
    status = "approved"
    disaggregation = ""


class ReporterCommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "stats.ReporterCommune"


class AudioDocumentFactory(factory.django.DjangoModelFactory):
    """A small "audio" document (bytes only; nothing decodes it) for offline listings."""

    class Meta:
        model = "wagtaildocs.Document"

    title = factory.Sequence(lambda n: f"Bài đọc {n}")
    file = factory.LazyFunction(lambda: ContentFile(b"ID3" + b"\x00" * 2045, name="doc.mp3"))


class PeriodicReportFactory(factory.django.DjangoModelFactory):
    """``PeriodicReportFactory(dataset=…, period="2025")``: not built yet (``stats.tasks.generate``)."""

    class Meta:
        model = "stats.PeriodicReport"

    period = "2025"
    language = "vi"


class ReportNarrativePageFactory(PageFactory):
    """The narrative part of a report, under a section page."""

    class Meta:
        model = "stats.ReportNarrativePage"

    summary = "Phần thuyết minh của báo cáo"


def indicator_figure(code, kind="bar", period="", units="", show_table=True, caption=""):
    """A body item of the statistics app's ``IndicatorFigureBlock``."""
    return {
        "type": "indicator_figure",
        "value": {
            "indicator": code,
            "kind": kind,
            "period": period,
            "units": units,
            "show_table": show_table,
            "caption": caption,
        },
    }
