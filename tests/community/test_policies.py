import datetime

from community.models import PolicyAmendment, PolicyDocumentPage
from tests.factories import PolicyDocumentPageFactory, PolicyLibraryPageFactory


def _library(home):
    return PolicyLibraryPageFactory(parent=home, slug="chinh-sach")


def test_replaced_policy_shows_replacement_on_both_pages(client, home):
    library = _library(home)
    new = PolicyDocumentPageFactory(parent=library, title="Văn bản mới", document_number="2/2025/QH15")
    old = PolicyDocumentPageFactory(
        parent=library, title="Văn bản cũ", document_number="1/2019/QĐ", status="replaced", replaced_by=new
    )
    old_html = client.get(old.url).content.decode()
    assert "Replaced by" in old_html or "Được thay thế bởi" in old_html
    assert new.url in old_html
    assert "No longer in force" in old_html or "Không còn hiệu lực" in old_html
    new_html = client.get(new.url).content.decode()
    assert old.url in new_html
    assert "1/2019/QĐ" in new_html


def test_amendment_is_shown_on_both_pages(client, home):
    library = _library(home)
    base = PolicyDocumentPageFactory(parent=library, document_number="10/QĐ", status="amended")
    amending = PolicyDocumentPageFactory(parent=library, document_number="20/QĐ")
    PolicyAmendment.objects.create(page=base, amending_document=amending)
    assert [p.pk for p in base.amending_documents()] == [amending.pk]
    assert [p.pk for p in amending.amended_documents()] == [base.pk]
    assert "20/QĐ" in client.get(base.url).content.decode()
    assert "10/QĐ" in client.get(amending.url).content.decode()


def test_draft_replacement_is_not_linked(client, home):
    library = _library(home)
    draft = PolicyDocumentPageFactory(parent=library, title="Dự thảo bí mật", live=False)
    old = PolicyDocumentPageFactory(parent=library, status="replaced", replaced_by=draft)
    html = client.get(old.url).content.decode()
    assert "Dự thảo bí mật" not in html
    assert old.replacement() is None


def test_status_type_topic_and_year_filters(client, home):
    library = _library(home)
    current = PolicyDocumentPageFactory(
        parent=library,
        title="Còn hiệu lực",
        status="in_force",
        issue_date=datetime.date(2025, 6, 12),
        document_type="resolution",
    )
    expired = PolicyDocumentPageFactory(
        parent=library,
        title="Hết hiệu lực",
        status="expired",
        issue_date=datetime.date(2019, 4, 12),
        topic="digital",
    )
    PolicyDocumentPageFactory(parent=library, title="Bản nháp", live=False)

    def titles(**filters):
        return {p.title for p in library.documents(filters)}

    assert titles() == {"Còn hiệu lực", "Hết hiệu lực"}
    assert titles(status="expired") == {"Hết hiệu lực"}
    assert titles(status="in_force") == {"Còn hiệu lực"}
    assert titles(type="resolution") == {"Còn hiệu lực"}
    assert titles(topic="digital") == {"Hết hiệu lực"}
    assert titles(year="2019") == {"Hết hiệu lực"}
    assert titles(status="bogus", year="abcd") == {"Còn hiệu lực", "Hết hiệu lực"}
    response = client.get(library.url, {"status": "expired", "year": "<script>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hết hiệu lực" in html and "Còn hiệu lực" not in html.split("</form>")[1]
    assert "Bản nháp" not in html
    assert expired.is_current is False and current.is_current is True


def test_expired_document_is_labelled_on_listing(client, home):
    library = _library(home)
    PolicyDocumentPageFactory(
        parent=library, title="Kế hoạch 2023–2025", status="expired", status_note="Hết thời hạn thực hiện năm 2025"
    )
    html = client.get(library.url).content.decode()
    assert "not-current" in html
    assert "Hết thời hạn thực hiện năm 2025" in html


def test_policy_search_facets(home):
    doc = PolicyDocumentPageFactory(parent=_library(home), topic="digital")
    assert doc.search_facets() == {"commune": None, "topic": "digital", "kind": "policy"}
    assert PolicyDocumentPage.objects.count() == 1
