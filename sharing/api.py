"""/api/v1/ endpoints for agency systems: the OAuth2 token endpoint, dataset rows
(``content:read``), statistics (``stats:read``, ``stats:restricted``), suppressed
aggregates (``learning:aggregate``, ``consultation:aggregate``) and the client's own
webhook subscriptions (``webhooks``). Every scoped request is authenticated,
rate-limited and logged by ``sharing.oauth``."""

from datetime import datetime

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema
from oauth2_provider.views import TokenView

from content.api.errors import ApiError
from content.api.params import LimitQuery
from content.api.schemas import ErrorOut

from . import aggregates, statistics, tasks, webhooks
from .datasets import get_dataset
from .models import EVENTS, WebhookDelivery, WebhookSubscription
from .oauth import logged, security
from .packages import cell

router = Router(tags=["agencies"])
_token_view = TokenView.as_view()

MAX_ROWS = 1000
# What a scoped endpoint may answer besides its success (all JSON {code, message}).
ERRORS = {status: ErrorOut for status in (400, 401, 403, 404, 422, 429, 503)}


class DatasetRowsOut(Schema):
    dataset: str
    count: int
    offset: int
    limit: int
    rows: list[dict]


class StatsValuesOut(Schema):
    count: int
    values: list[dict]


class LearningAggregateOut(Schema):
    measure: str
    period: str
    threshold: int
    not_recorded: list[str]
    cells: list[dict]


class ConsultationAggregateOut(Schema):
    period: str
    threshold: int
    not_recorded: list[str]
    cells: list[dict]


UNKNOWN_DATASET = _("No dataset has this name.")
UNKNOWN_EVENT = _("Unknown event.")


class OAuthTokenOut(Schema):
    access_token: str
    token_type: str
    expires_in: int
    scope: str


class OAuthErrorOut(Schema):
    """RFC 6749 §5.2: the token endpoint's errors keep OAuth's own shape."""

    error: str
    error_description: str | None = None


@router.post(
    "/oauth/token",
    response={200: OAuthTokenOut, 400: OAuthErrorOut, 401: OAuthErrorOut},
    summary="Get an access token (OAuth 2.0 client credentials)",
    description=(
        "Form body grant_type=client_credentials (and optionally scope=…); client_id and client_secret "
        "by HTTP Basic authentication or in the body. Answers access_token, token_type Bearer, expires_in, scope."
    ),
    openapi_extra={
        "requestBody": {
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "required": ["grant_type"],
                        "properties": {
                            "grant_type": {"type": "string", "enum": ["client_credentials"]},
                            "scope": {"type": "string"},
                            "client_id": {"type": "string"},
                            "client_secret": {"type": "string"},
                        },
                    }
                }
            }
        }
    },
)
def oauth_token(request):
    return _token_view(request)


# ---------------------------------------------------------------------------
# Datasets (content:read)
# ---------------------------------------------------------------------------


@router.get(
    "/agency/datasets/{slug}",
    response={200: DatasetRowsOut, **ERRORS},
    summary="Rows of an open dataset (same as its CSV), paged",
    **security("content:read"),
)
@logged
def dataset_rows(
    request,
    slug: str,
    limit: int = LimitQuery(MAX_ROWS, 100),  # beyond the bounds, the nearest bound
    offset: int = Query(0, description="Rows to skip (0 or more)."),
):
    dataset = get_dataset(slug)
    if dataset is None:
        raise ApiError(404, "not_found", UNKNOWN_DATASET)
    limit = max(1, min(limit, MAX_ROWS))
    offset = max(0, offset)
    rows = []
    total = 0
    for index, row in enumerate(dataset.rows()):
        total += 1
        if offset <= index < offset + limit:
            rows.append({name: cell(row.get(name)) or None for name in dataset.column_names()})
    request.sharing_rows = len(rows)
    return {"dataset": slug, "count": total, "offset": offset, "limit": limit, "rows": rows}


# ---------------------------------------------------------------------------
# Statistics (stats:read, stats:restricted)
# ---------------------------------------------------------------------------


@router.get(
    "/agency/stats/values",
    response={200: StatsValuesOut, **ERRORS},
    summary="Approved statistical values",
    **security("stats:read"),
)
@logged
def stats_values(request, indicator: str | None = None, unit: str | None = None, period: str | None = None):
    values = statistics.values(indicator=indicator, unit=unit, period=period, include_restricted=False)
    request.sharing_rows = len(values)
    return {"count": len(values), "values": values}


@router.get(
    "/agency/stats/restricted-values",
    response={200: StatsValuesOut, **ERRORS},
    summary="Approved values including restricted disaggregations",
    **security("stats:restricted"),
)
@logged
def stats_restricted_values(
    request, indicator: str | None = None, unit: str | None = None, period: str | None = None
):
    values = statistics.values(indicator=indicator, unit=unit, period=period, include_restricted=True)
    request.sharing_rows = len(values)
    return {"count": len(values), "values": values}


# ---------------------------------------------------------------------------
# Aggregates (learning:aggregate, consultation:aggregate)
# ---------------------------------------------------------------------------


@router.get(
    "/agency/learning/aggregates",
    response={200: LearningAggregateOut, **ERRORS},
    summary="Course enrolments or completions per quarter, course and commune (cells under 5 suppressed)",
    **security("learning:aggregate"),
)
@logged
def learning_aggregates(
    request, period: str, measure: str = "enrolments", commune: str | None = None, course: int | None = None
):
    cells = aggregates.learning_cells(period=period, measure=measure, commune=commune, course=course)
    request.sharing_rows = len(cells)
    return {
        "measure": measure,
        "period": period,
        "threshold": aggregates.THRESHOLD,
        "not_recorded": ["ethnicity", "sex"],
        "cells": cells,
    }


@router.get(
    "/agency/consultations/aggregates",
    response={200: ConsultationAggregateOut, **ERRORS},
    summary="Consultation requests per month, commune and language (cells under 5 suppressed)",
    **security("consultation:aggregate"),
)
@logged
def consultation_aggregates(request, period: str, commune: str | None = None):
    cells = aggregates.consultation_cells(period=period, commune=commune)
    request.sharing_rows = len(cells)
    return {"period": period, "threshold": aggregates.THRESHOLD, "not_recorded": ["service"], "cells": cells}


# ---------------------------------------------------------------------------
# Webhooks (webhooks)
# ---------------------------------------------------------------------------


class WebhookSubscriptionIn(Schema):
    url: str
    events: list[str]


class WebhookSubscriptionOut(Schema):
    id: int
    url: str
    events: list[str]
    active: bool
    consecutive_failures: int
    created_at: datetime


class WebhookSubscriptionCreated(WebhookSubscriptionOut):
    secret: str


class WebhookAttemptOut(Schema):
    number: int
    at: datetime
    status_code: int | None
    duration_ms: int
    response_head: str
    error: str


class WebhookDeliveryOut(Schema):
    id: int
    message_id: str
    event: str
    status: str
    attempts: int
    next_attempt_at: datetime | None
    created_at: datetime
    attempt_log: list[WebhookAttemptOut]


def _own_subscription(request, id):
    subscription = WebhookSubscription.objects.filter(pk=id, client=request.api_client).first()
    if subscription is None:
        raise ApiError(404, "not_found", _("No subscription of this client has this id."))
    return subscription


@router.post(
    "/webhooks",
    response={201: WebhookSubscriptionCreated, **ERRORS},
    summary="Subscribe to events (the signing secret is shown once)",
    **security("webhooks"),
)
@logged
def create_webhook(request, body: WebhookSubscriptionIn):
    events = sorted(set(body.events))
    if not events or set(events) - set(EVENTS):
        raise ApiError(400, "invalid_events", UNKNOWN_EVENT, detail={"known": sorted(EVENTS)})
    try:
        webhooks.check_url(body.url)
    except webhooks.UnsafeUrl as error:
        raise ApiError(400, "invalid_url", str(error))
    if len(body.url) > 500:
        raise ApiError(400, "invalid_url", _("The URL is too long."))
    subscription = WebhookSubscription.objects.create(client=request.api_client, url=body.url, events=events)
    request.sharing_rows = 1
    return 201, subscription


@router.get(
    "/webhooks",
    response={200: list[WebhookSubscriptionOut], **ERRORS},
    summary="This client's subscriptions",
    **security("webhooks"),
)
@logged
def list_webhooks(request):
    subscriptions = list(WebhookSubscription.objects.filter(client=request.api_client))
    request.sharing_rows = len(subscriptions)
    return subscriptions


@router.delete(
    "/webhooks/{id}", response={204: None, **ERRORS}, summary="Delete a subscription", **security("webhooks")
)
@logged
def delete_webhook(request, id: int):
    _own_subscription(request, id).delete()
    return HttpResponse(status=204)


@router.get(
    "/webhooks/{id}/deliveries",
    response={200: list[WebhookDeliveryOut], **ERRORS},
    summary="A subscription's deliveries and every attempt",
    **security("webhooks"),
)
@logged
def webhook_deliveries(
    request,
    id: int,
    limit: int = LimitQuery(200, 50),  # beyond the bounds, the nearest bound
):
    subscription = _own_subscription(request, id)
    deliveries = list(
        WebhookDelivery.objects.filter(subscription=subscription).prefetch_related("attempt_log")[
            : max(1, min(limit, 200))
        ]
    )
    request.sharing_rows = len(deliveries)
    return [{**d.__dict__, "attempt_log": list(d.attempt_log.all())} for d in deliveries]


@router.post(
    "/webhooks/{id}/deliveries/{delivery_id}/redeliver",
    response={202: None, **ERRORS},
    summary="Send a delivery again now",
    **security("webhooks"),
)
@logged
def redeliver_webhook(request, id: int, delivery_id: int):
    subscription = _own_subscription(request, id)
    delivery = WebhookDelivery.objects.filter(pk=delivery_id, subscription=subscription).first()
    if delivery is None:
        raise ApiError(404, "not_found", _("No delivery of this subscription has this id."))
    tasks.redeliver(delivery)
    return HttpResponse(status=202)
