"""Page factories of the API tests (heritage and lessons page types)."""

from tests.factories import PageFactory


class HeritageIndexFactory(PageFactory):
    class Meta:
        model = "heritage.HeritageIndexPage"

    title = "Di sản"
    listing = "stories"


class GroupFactory(PageFactory):
    class Meta:
        model = "heritage.EthnicGroupPage"

    title = "Người Ba Na"
    code = "ba-na"
    summary = "Một dân tộc bản địa Tây Nguyên"


class StoryFactory(PageFactory):
    class Meta:
        model = "heritage.StoryPage"

    summary = "Một câu chuyện"
    topic = "customs"


class FestivalFactory(PageFactory):
    class Meta:
        model = "heritage.FestivalPage"

    summary = "Một lễ hội"
    calendar = "lunar"
    start_month = 3


class ProductFactory(PageFactory):
    class Meta:
        model = "heritage.ProductPage"

    summary = "Một sản phẩm"
    kind = "brocade"


class PlaceFactory(PageFactory):
    class Meta:
        model = "heritage.PlacePage"

    summary = "Một địa điểm"
    kind = "village"


class CourseIndexFactory(PageFactory):
    class Meta:
        model = "lessons.CourseIndexPage"

    title = "Khoá học"


class CourseFactory(PageFactory):
    class Meta:
        model = "lessons.CoursePage"

    summary = "Khoá học thử"
    pass_mark = 70


class LessonFactory(PageFactory):
    class Meta:
        model = "lessons.LessonPage"

    summary = "Bài thử"
