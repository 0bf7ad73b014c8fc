"""Lesson body blocks: the shared BODY_BLOCKS plus step-by-step how-tos and quizzes.

Quiz answers are identified by the question's ListBlock item id (stable while
an editor reorders questions) and the option's position in its question.
``public_quiz`` strips everything a learner must not see before submitting;
the site templates and the API both use it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from content.api.blocks import register_block
from content.blocks import BODY_BLOCKS

from .schemas import HowToOut, QuizOut


class HowToStepBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("What to do"))
    image = ImageChooserBlock(required=False, label=_("Image"))


class HowToBlock(blocks.StructBlock):
    """Numbered steps, each with an optional picture."""

    title = blocks.CharBlock(max_length=255, label=_("Title"))
    steps = blocks.ListBlock(HowToStepBlock(), label=_("Steps"))

    class Meta:
        icon = "list-ol"
        template = "lessons/blocks/how_to.html"


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255, required=False, label=_("Answer text"))
    image = ImageChooserBlock(required=False, label=_("Image"))
    audio = DocumentChooserBlock(required=False, label=_("Audio clip"))
    correct = blocks.BooleanBlock(required=False, label=_("Correct"))


class QuestionBlock(blocks.StructBlock):
    KINDS = [
        ("single", _("Single choice")),
        ("multiple", _("Multiple choice")),
        ("true_false", _("True or false")),
        ("picture", _("Choose the picture")),
    ]
    kind = blocks.ChoiceBlock(choices=KINDS, default="single", label=_("Kind"))
    prompt = blocks.TextBlock(label=_("Question"))
    image = ImageChooserBlock(required=False, label=_("Image"))
    audio = DocumentChooserBlock(required=False, label=_("Audio of the question"))
    options = blocks.ListBlock(OptionBlock(), min_num=2, label=_("Answers"))
    feedback_correct = blocks.TextBlock(required=False, label=_("Feedback when right"))
    feedback_wrong = blocks.TextBlock(required=False, label=_("Feedback when wrong"))


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255, label=_("Title"))
    pass_mark = blocks.IntegerBlock(
        min_value=0,
        max_value=100,
        required=False,
        label=_("Pass mark (%)"),
        help_text=_("Empty uses the course's pass mark."),
    )
    questions = blocks.ListBlock(QuestionBlock(), min_num=1, label=_("Questions"))

    class Meta:
        icon = "help"
        template = "lessons/blocks/quiz.html"

    def get_api_representation(self, value, context=None):
        """Wagtail's /api/v2/: the quiz as a learner may see it, never its answers
        (a property of the block, so any page type using it is safe)."""
        return public_quiz("", value)


LESSON_BLOCKS = BODY_BLOCKS + [("how_to", HowToBlock()), ("quiz", QuizBlock())]


def iter_questions(quiz_value):
    """``(question_id, question_value)`` for each question of a quiz block value."""
    questions = quiz_value["questions"]
    for index, bound in enumerate(getattr(questions, "bound_blocks", [])):
        yield (bound.id or str(index)), bound.value


def correct_options(question):
    return {i for i, option in enumerate(question["options"]) if option["correct"]}


def _media(item, objects=False):
    image = item.get("image")
    audio = item.get("audio")
    media = {
        "image": {"id": image.pk, "alt": image.default_alt_text} if image else None,
        "audio": {"id": audio.pk, "url": audio.url} if audio else None,
    }
    if objects:  # the site's templates render renditions from the image itself
        media["image_obj"] = image
    return media


def public_quiz(block_id, quiz_value, objects=False):
    """The quiz as a learner may see it before answering: no correct flags, no feedback.

    ``objects=True`` adds ``image_obj`` (the image instance) for the site's templates.
    """
    return {
        "id": block_id,
        "title": quiz_value["title"],
        "pass_mark": quiz_value["pass_mark"],
        "questions": [
            {
                "id": qid,
                "kind": question["kind"],
                "prompt": question["prompt"],
                "multiple": question["kind"] == "multiple",
                **_media(question, objects),
                "options": [
                    {"index": i, "text": option["text"], **_media(option, objects)}
                    for i, option in enumerate(question["options"])
                ],
            }
            for qid, question in iter_questions(quiz_value)
        ],
    }


# ---------------------------------------------------------------------------
# How these blocks appear in /api/v1/ (content.api.blocks): quizzes without answers
# ---------------------------------------------------------------------------


def _api_media(item, ctx):
    image, audio = item.get("image"), item.get("audio")
    return {
        "image": ctx.images.serialize(image["id"]) if image else None,
        "audio": {"id": audio["id"], "url": ctx.absolute(audio["url"])} if audio else None,
    }


@register_block(HowToBlock, HowToOut)
def _how_to_api(value, ctx):
    return {
        "title": value.get("title") or "",
        "steps": [
            {"text": s.get("text") or "", "image": ctx.images.serialize(s.get("image"))}
            for s in value.get("steps") or []
        ],
    }


@register_block(QuizBlock, QuizOut)
def _quiz_api(value, ctx):
    quiz = public_quiz("", value)  # the block id is added by serialize_stream
    return {
        "title": quiz["title"],
        "pass_mark": quiz["pass_mark"],
        "questions": [
            {
                "id": q["id"],
                "kind": q["kind"],
                "prompt": q["prompt"],
                "multiple": q["multiple"],
                **_api_media(q, ctx),
                "options": [
                    {"index": o["index"], "text": o["text"] or "", **_api_media(o, ctx)} for o in q["options"]
                ],
            }
            for q in quiz["questions"]
        ],
    }
