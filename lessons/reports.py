"""Figures for the editors' reports, computed from the learner records.

Filters: ``commune`` (the learner profile's commune) and a period. The period
selects *enrolments* by their date for the enrolment, completion and drop-off
figures, and *quiz attempts* by their date for the most-missed questions.
"""

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from .blocks import iter_questions
from .learners.records import Enrollment, ProgressEvent, QuizAttempt
from .pages import CoursePage, LessonPage


@dataclass
class Filters:
    commune: int | None = None
    start: object = None  # date, inclusive
    end: object = None  # date, inclusive

    def enrolments(self):
        qs = Enrollment.objects.all()
        if self.commune:
            qs = qs.filter(learner__learner_profile__commune_id=self.commune)
        if self.start:
            qs = qs.filter(enrolled_at__date__gte=self.start)
        if self.end:
            qs = qs.filter(enrolled_at__date__lte=self.end)
        return qs

    def attempts(self):
        qs = QuizAttempt.objects.all()
        if self.commune:
            qs = qs.filter(learner__learner_profile__commune_id=self.commune)
        if self.start:
            qs = qs.filter(created_at__date__gte=self.start)
        if self.end:
            qs = qs.filter(created_at__date__lte=self.end)
        return qs


def course_figures(filters):
    """Per course: enrolments, completions and completion rate (%)."""
    rows = (
        filters.enrolments()
        .values("course_id")
        .annotate(enrolled=Count("id"), completed=Count("id", filter=Q(completed_at__isnull=False)))
    )
    titles = dict(CoursePage.objects.filter(pk__in=[r["course_id"] for r in rows]).values_list("pk", "title"))
    figures = [
        {
            "course_id": r["course_id"],
            "course": titles.get(r["course_id"], "?"),
            "enrolled": r["enrolled"],
            "completed": r["completed"],
            "rate": round(100 * r["completed"] / r["enrolled"]) if r["enrolled"] else 0,
        }
        for r in rows
    ]
    return sorted(figures, key=lambda f: (-f["enrolled"], f["course"]))


def lesson_figures(filters, course):
    """Per lesson of ``course`` in order: learners (of the filtered enrolments) who reached
    it, who completed it, and the drop-off (reached but not completed)."""
    learners = filters.enrolments().filter(course=course).values("learner_id")
    lessons = list(LessonPage.objects.child_of(course).order_by("path").values_list("pk", "title"))
    rows = (
        ProgressEvent.objects.filter(course=course, learner_id__in=learners)
        .values("lesson_id")
        .annotate(
            reached=Count("learner_id", distinct=True),
            completed=Count("learner_id", distinct=True, filter=Q(kind=ProgressEvent.Kind.LESSON_COMPLETED)),
        )
    )
    by_lesson = {r["lesson_id"]: r for r in rows}
    figures = []
    for pk, title in lessons:
        row = by_lesson.get(pk, {"reached": 0, "completed": 0})
        figures.append(
            {
                "lesson_id": pk,
                "lesson": title,
                "reached": row["reached"],
                "completed": row["completed"],
                "drop_off": row["reached"] - row["completed"],
            }
        )
    return figures


def missed_questions(filters, limit=10):
    """Questions most often answered wrong: (wrong, answered, share wrong %, prompt)."""
    wrong, answered, where = Counter(), Counter(), {}
    for lesson_id, quiz_id, results in filters.attempts().values_list("lesson_id", "quiz_id", "results"):
        for qid, right in (results or {}).items():
            key = (lesson_id, quiz_id, qid)
            answered[key] += 1
            wrong[key] += 0 if right else 1
            where[key] = lesson_id
    prompts = defaultdict(dict)
    for lesson in LessonPage.objects.filter(pk__in=set(where.values())):
        for block in lesson.body:
            if block.block_type == "quiz":
                for qid, question in iter_questions(block.value):
                    prompts[lesson.pk][(block.id, qid)] = (question["prompt"], lesson.title)
    figures = []
    for key, count in wrong.items():
        if not count:
            continue
        lesson_id, quiz_id, qid = key
        prompt, lesson_title = prompts[lesson_id].get((quiz_id, qid), ("?", "?"))
        figures.append(
            {
                "question_id": qid,
                "question": prompt,
                "lesson": lesson_title,
                "wrong": count,
                "answered": answered[key],
                "share": round(100 * count / answered[key]),
            }
        )
    figures.sort(key=lambda f: (-f["wrong"], -f["share"], f["question"]))
    return figures[:limit]


def to_csv(rows, columns):
    """``columns``: [(key, header)]. Returns UTF-8 text with a BOM so spreadsheets read
    Vietnamese correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([header for _key, header in columns])
    for row in rows:
        writer.writerow([row[key] for key, _header in columns])
    return out.getvalue()


def bar_chart_svg(items, label_key, value_key, max_value=None, unit="", title=""):
    """A horizontal bar chart as inline SVG (no JavaScript, prints well)."""
    from django.utils.html import escape

    bar_h, gap, label_w, width = 22, 8, 260, 640
    max_value = max_value or max([i[value_key] for i in items] + [1])
    height = max(len(items), 1) * (bar_h + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(title)}</title>'
    ]
    for n, item in enumerate(items):
        y = gap + n * (bar_h + gap)
        value = item[value_key]
        w = int((width - label_w - 60) * value / max_value) if max_value else 0
        label = escape(str(item[label_key])[:40])
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="13">{label}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="#8a3b12"/>'
            f'<text x="{label_w + w + 6}" y="{y + 16}" font-size="13">{value}{unit}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
