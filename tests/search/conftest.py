"""Fixtures of the search tests: a few pages written like the demo's."""

import pytest

from tests.factories import SectionPageFactory


@pytest.fixture
def pages(home):
    """Published pages with Vietnamese titles, one English translation, a draft."""
    from content.demo_loader import DemoLoader

    made = {
        "buffalo": SectionPageFactory(
            parent=home,
            title="Lễ hội đâm trâu của người Ba Na",
            summary="Lễ hội lớn nhất của làng Bana Kriêm ở Vĩnh Thạnh.",
        ),
        "gongs": SectionPageFactory(
            parent=home, title="Cồng chiêng Chăm H'roi", summary="Bộ chiêng của người Chăm Hroi ở Vân Canh."
        ),
        "hre": SectionPageFactory(parent=home, title="Người H'rê ở An Lão", summary="Dệt thổ cẩm và rượu cần."),
        "bana": SectionPageFactory(parent=home, title="Người Ba Na", summary="Nhà rông và cồng chiêng."),
        "draft": SectionPageFactory(parent=home, title="Bản nháp đâm trâu bí mật", live=False),
    }
    made["buffalo_en"] = DemoLoader().translate(
        made["buffalo"],
        "en",
        title="Buffalo festival of the Bahnar",
        summary="The largest festival of the Bana Kriêm villages.",
    )
    return made
