"""Admin screens for recorded narration ("Bản ghi lời đọc"): record in the browser or upload
a file for a page and a language, and review what others recorded.

Anyone with admin access (editors, translators, community contributors) may record; what
they record waits for a Moderator (``content.review_pageaudio``: ``content.roles``), like
their text does, and a Moderator's own recording is approved at once, as a Moderator's
page is published at once. The browser recorder is ``content/static/content/recorder.js``
(MediaRecorder; its words come from data attributes of the form, in the admin's language);
without it the form is a plain file upload. Whatever arrives is converted on the server
(``content.recordings.convert``); a file that is not sound is a form error.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

from . import recordings
from .locales import LANGUAGE_INFO, language_codes
from .narration import PageAudio

LIST_LIMIT = 200


def narrated(page):
    specific = page.specific_class
    return bool(getattr(specific, "narration_fields", ())) if specific else False


def language_choices():
    return [(code, f"{LANGUAGE_INFO[code]['name_vi']} ({code})") for code in language_codes()]


class RecordingForm(forms.Form):
    page = forms.ModelChoiceField(
        label=gettext_lazy("page"),
        queryset=Page.objects.filter(depth__gt=1),
        widget=AdminPageChooser(),
    )
    language = forms.ChoiceField(label=gettext_lazy("language spoken"), choices=language_choices)
    audio = forms.FileField(
        label=gettext_lazy("recording"),
        help_text=gettext_lazy("Record in the browser, or choose a sound file (MP3, WebM, Ogg, M4A, WAV)."),
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*"}),
    )
    note = forms.CharField(label=gettext_lazy("who speaks, or a note"), max_length=255, required=False)
    demonstration = forms.BooleanField(
        label=gettext_lazy("demonstration sample (synthesised or not a real speaker)"), required=False
    )

    def clean_page(self):
        page = self.cleaned_data["page"]
        if not narrated(page):
            raise forms.ValidationError(_("This kind of page has no narration."))
        return page

    def clean_audio(self):
        upload = self.cleaned_data["audio"]
        if upload.size > recordings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is too large (at most %(mb)s MB).") % {"mb": recordings.MAX_UPLOAD_BYTES // 2**20}
            )
        try:
            self.converted = recordings.convert(upload.read())
        except recordings.RecordingError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


def record(request):
    """Record (or upload) narration for a page; ``?page=<id>`` chooses the page."""
    initial = {"language": request.GET.get("language") or "vi"}
    page_id = request.GET.get("page", "")
    if page_id.isdigit():
        initial["page"] = Page.objects.filter(pk=int(page_id)).first()
    form = RecordingForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reviewer = recordings.can_review(request.user)
        row = recordings.store(
            data["page"],
            data["language"],
            form.converted,
            user=request.user,
            note=data["note"],
            demonstration=data["demonstration"],
            approve_now=reviewer,
        )
        if row.approved:
            messages.success(request, _("The recording is approved and published with the page."))
        else:
            messages.success(request, _("Thank you. The recording waits for a moderator's review."))
        return redirect("content_recordings")
    return TemplateResponse(
        request,
        "content/admin/record.html",
        {"form": form, "header_title": _("Record narration"), "max_seconds": recordings.MAX_SECONDS},
    )


def index(request):
    """Recordings waiting for review first, then the others, newest first."""
    rows = (
        PageAudio.objects.filter(kind=PageAudio.Kind.RECORDED)
        .select_related("page", "submitted_by", "reviewed_by")
        .order_by("-created_at", "-pk")[:LIST_LIMIT]
    )
    rows = sorted(rows, key=lambda row: row.status != PageAudio.Status.SUBMITTED)
    user = request.user
    for row in rows:
        row.may_delete = recordings.can_review(user) or (
            row.submitted_by_id == user.pk and row.status != PageAudio.Status.APPROVED
        )
        row.language_name = LANGUAGE_INFO.get(row.language, {}).get("name_vi", row.language)
    return TemplateResponse(
        request,
        "content/admin/recordings.html",
        {"rows": rows, "header_title": _("Recorded narration"), "reviewer": recordings.can_review(user)},
    )


@require_POST
def review(request, pk):
    row = get_object_or_404(PageAudio, pk=pk, kind=PageAudio.Kind.RECORDED)
    action = request.POST.get("action")
    reviewer = recordings.can_review(request.user)
    if action == "approve" and reviewer:
        recordings.approve(row, request.user)
        messages.success(request, _("Recording approved."))
    elif action == "reject" and reviewer:
        recordings.reject(row, request.user)
        messages.success(request, _("Recording rejected."))
    elif action == "delete" and (
        reviewer or (row.submitted_by_id == request.user.pk and row.status != PageAudio.Status.APPROVED)
    ):
        recordings.delete(row)
        messages.success(request, _("Recording deleted."))
    else:
        raise PermissionDenied
    return redirect("content_recordings")
