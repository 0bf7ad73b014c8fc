"""Factories for the community page types (subclasses of the shared PageFactory)."""

import datetime

import factory
from django.utils import timezone

from tests.factories import PageFactory


class PolicyLibraryPageFactory(PageFactory):
    class Meta:
        model = "content.PolicyLibraryPage"

    title = "Chính sách và pháp luật"


class PolicyDocumentPageFactory(PageFactory):
    class Meta:
        model = "content.PolicyDocumentPage"

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
        model = "content.JobIndexPage"

    title = "Việc làm"


class JobPostingPageFactory(PageFactory):
    class Meta:
        model = "content.JobPostingPage"

    title = factory.Sequence(lambda n: f"Việc làm {n}")
    employer = "Hợp tác xã dệt thổ cẩm"
    skills = "dệt, may"
    education = "none"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    apply_phone = "0256 000 000"


class HealthIndexPageFactory(PageFactory):
    class Meta:
        model = "content.HealthIndexPage"

    title = "Sức khoẻ"


class HealthServicePageFactory(PageFactory):
    class Meta:
        model = "content.HealthServicePage"

    title = factory.Sequence(lambda n: f"Trạm y tế {n}")
    address = "Trung tâm xã"
    kind = "station"
    remote_days = "tue, thu"
    languages = "vi, bdq"


class CommunityIndexPageFactory(PageFactory):
    class Meta:
        model = "content.CommunityIndexPage"

    title = "Quyền của phụ nữ và trẻ em"
    kind = "rights"


class CommunityArticlePageFactory(PageFactory):
    class Meta:
        model = "content.CommunityArticlePage"

    title = factory.Sequence(lambda n: f"Bài viết {n}")
    kind = "rights"
