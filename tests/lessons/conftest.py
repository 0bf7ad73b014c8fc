"""Fixtures of the lessons tests: a course of three lessons, the last with a quiz."""

import pytest

from tests.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory, UserFactory

QUIZ_ID = "00000000-0000-4000-8000-00000000q001".replace("q", "a")


def quiz_block(quiz_id=QUIZ_ID, pass_mark=None):
    return {
        "type": "quiz",
        "id": quiz_id,
        "value": {
            "title": "Kiểm tra nhanh",
            "pass_mark": pass_mark,
            "questions": [
                {
                    "type": "item",
                    "id": f"{quiz_id[:-4]}0001",
                    "value": {
                        "kind": "single",
                        "prompt": "Mật khẩu có nên chia sẻ không?",
                        "image": None,
                        "audio": None,
                        "feedback_correct": "Đúng rồi.",
                        "feedback_wrong": "Không bao giờ chia sẻ.",
                        "options": [
                            {
                                "type": "item",
                                "id": f"{quiz_id[:-4]}0011",
                                "value": {"text": "Có", "image": None, "audio": None, "correct": False},
                            },
                            {
                                "type": "item",
                                "id": f"{quiz_id[:-4]}0012",
                                "value": {"text": "Không", "image": None, "audio": None, "correct": True},
                            },
                        ],
                    },
                },
                {
                    "type": "item",
                    "id": f"{quiz_id[:-4]}0002",
                    "value": {
                        "kind": "multiple",
                        "prompt": "Chọn các cách trả tiền an toàn",
                        "image": None,
                        "audio": None,
                        "feedback_correct": "",
                        "feedback_wrong": "Xem lại bài 2.",
                        "options": [
                            {
                                "type": "item",
                                "id": f"{quiz_id[:-4]}0021",
                                "value": {
                                    "text": "Chuyển khoản khi nhận hàng",
                                    "image": None,
                                    "audio": None,
                                    "correct": True,
                                },
                            },
                            {
                                "type": "item",
                                "id": f"{quiz_id[:-4]}0022",
                                "value": {
                                    "text": "Gửi mã OTP cho người lạ",
                                    "image": None,
                                    "audio": None,
                                    "correct": False,
                                },
                            },
                            {
                                "type": "item",
                                "id": f"{quiz_id[:-4]}0023",
                                "value": {
                                    "text": "Tiền mặt khi giao hàng",
                                    "image": None,
                                    "audio": None,
                                    "correct": True,
                                },
                            },
                        ],
                    },
                },
            ],
        },
    }


RIGHT = {f"{QUIZ_ID[:-4]}0001": [1], f"{QUIZ_ID[:-4]}0002": [0, 2]}
HALF = {f"{QUIZ_ID[:-4]}0001": [1], f"{QUIZ_ID[:-4]}0002": [0]}


def make_course(index, title="Bán hàng trên mạng an toàn", lessons=3, sensitive=False, quiz_id=QUIZ_ID):
    course = CoursePageFactory(parent=index, title=title, sensitive=sensitive)
    pages = []
    for n in range(lessons):
        body = [{"type": "paragraph", "value": f"<p>Nội dung bài {n + 1}</p>"}]
        if n == lessons - 1:
            body.append(quiz_block(quiz_id))
        pages.append(LessonPageFactory(parent=course, title=f"{title} – bài {n + 1}", body=body))
    return course, pages


@pytest.fixture
def course_index(home):
    return CourseIndexPageFactory(parent=home, title="Khoá học", show_in_menus=True)


@pytest.fixture
def course(course_index):
    return make_course(course_index)


@pytest.fixture
def learner(db):
    from lessons.models import LearnerProfile

    user = UserFactory(username="hoa")
    LearnerProfile.objects.create(user=user, display_name="Đinh Thị Hoa")
    return user


@pytest.fixture
def other_learner(db):
    return UserFactory(username="nam")
