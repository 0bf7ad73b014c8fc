"""Shapes of the lessons' API: lesson blocks (how-to, quiz as a learner sees it)
and the course's references to its lessons."""

from ninja import Schema

from content.api.schemas import ImageOut


class HowToStepOut(Schema):
    text: str
    image: ImageOut | None


class HowToOut(Schema):
    title: str
    steps: list[HowToStepOut]


class AudioRef(Schema):
    id: int
    url: str


class QuizOptionOut(Schema):
    index: int
    text: str
    image: ImageOut | None
    audio: AudioRef | None


class QuizQuestionOut(Schema):
    id: str
    kind: str
    prompt: str
    multiple: bool
    image: ImageOut | None
    audio: AudioRef | None
    options: list[QuizOptionOut]


class QuizOut(Schema):
    """A quiz as a learner sees it before answering: no correct flags, no feedback."""

    title: str
    pass_mark: int | None
    questions: list[QuizQuestionOut]


class LessonRef(Schema):
    id: int
    title: str
    summary: str
    estimated_minutes: int
    api_url: str
