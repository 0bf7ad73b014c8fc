"""Server-rendered SVG charts (no chart library at run time): a bar chart by commune and a line
chart over periods. Each is a figure whose numbers are also given as a table beside it by the
template; sample figures carry a visible "SAMPLE" label in the drawing itself."""

from decimal import Decimal
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
BAR_HEIGHT = 22


def _number(value):
    value = Decimal(value)
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value != value.to_integral() else f"{value:,.0f}"
    return text.replace(",", "\u202f")


def _sample_label(sample, x, y):
    if not sample:
        return ""
    return (
        f'<text x="{x}" y="{y}" class="sample-mark" font-weight="bold" fill="#b00020">{escape(_("SAMPLE"))}</text>'
    )


def bar_chart(items, *, title, sample=False, target=None):
    """``items``: ``[(label, value)]`` (value a Decimal or None: drawn as "no data")."""
    shown = [v for _l, v in items if v is not None]
    top = max(shown + ([target] if target is not None else []) or [Decimal(1)]) or Decimal(1)
    label_w, chart_w = 200, WIDTH - 280
    height = 30 + BAR_HEIGHT * len(items) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="chart chart-bar"><title>{escape(title)}</title>',
        _sample_label(sample, WIDTH - 90, 18),
    ]
    for n, (label, value) in enumerate(items):
        y = 30 + n * BAR_HEIGHT
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(label)}</text>'
        )
        if value is None:
            parts.append(
                f'<text x="{label_w + 4}" y="{y + 15}" font-size="12" fill="#666">{escape(_("no data"))}</text>'
            )
            continue
        w = float(Decimal(value) / top) * chart_w
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{BAR_HEIGHT - 6}" fill="#2e6b4f"/>')
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" font-size="12">{_number(value)}</text>')
    if target is not None:
        x = label_w + float(Decimal(target) / top) * chart_w
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="24" y2="{height - 6}" stroke="#b06000" stroke-dasharray="4 3"/>'
            f'<text x="{x + 3:.1f}" y="22" font-size="11" fill="#b06000">{escape(_("target"))} {_number(target)}</text>'  # noqa: E501
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def line_chart(points, *, title, sample=False):
    """``points``: ``[(period, value)]`` in time order; None values leave a gap."""
    height, left, right, top_pad, bottom = 220, 60, 20, 30, 40
    values = [v for _p, v in points if v is not None]
    if not values:
        return ""
    low, high = min(min(values), Decimal(0)), max(values) or Decimal(1)
    span = (high - low) or Decimal(1)
    step = (WIDTH - left - right) / max(len(points) - 1, 1)

    def xy(i, v):
        return left + i * step, top_pad + float((high - v) / span) * (height - top_pad - bottom)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="chart chart-line"><title>{escape(title)}</title>',
        _sample_label(sample, WIDTH - 90, 18),
        f'<line x1="{left}" x2="{WIDTH - right}" y1="{height - bottom}" y2="{height - bottom}" stroke="#999"/>',
    ]
    path = []
    for i, (period, value) in enumerate(points):
        x = left + i * step
        parts.append(
            f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle" font-size="12">{escape(period)}</text>'  # noqa: E501
        )
        if value is None:
            continue
        px, py = xy(i, value)
        path.append(f"{'M' if not path else 'L'}{px:.1f},{py:.1f}")
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="#2e6b4f"/>')
        parts.append(
            f'<text x="{px:.1f}" y="{py - 8:.1f}" text-anchor="middle" font-size="12">{_number(value)}</text>'
        )
    parts.insert(3, f'<path d="{" ".join(path)}" fill="none" stroke="#2e6b4f" stroke-width="2"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
