"""The public consultation request page (no login, works without JavaScript)."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from content.clients import client_address

from .forms import ConsultationForm, rate_limited


def client_ip(request):
    return client_address(request)  # behind trusted proxies too (content.clients)


@never_cache
def consultation_request(request):
    if request.method == "POST":
        form = ConsultationForm(request.POST)
        if rate_limited(client_ip(request)):
            form.is_valid()
            form.add_error(None, _("Too many requests from this connection. Please try again later."))
            return render(request, "community/consultation_form.html", {"form": form}, status=429)
        if form.is_valid():
            form.save()
            return render(request, "community/consultation_thanks.html")
        return render(request, "community/consultation_form.html", {"form": form}, status=400)
    if request.method not in ("GET", "HEAD"):
        from django.http import HttpResponseNotAllowed

        return HttpResponseNotAllowed(["GET", "POST"])
    return render(request, "community/consultation_form.html", {"form": ConsultationForm()})
