"""The statistics datasets: one per ``stats`` data set, made of approved values of its
public indicators only (``sharing.statistics`` reads ``stats.queries``; restricted
indicators and draft or submitted values never appear). The data sets are known only at
run time, so they join the registry through a provider. A dataset's ``modified`` is its
latest approval; its description says so when the values are samples."""

from datetime import date, datetime

from .. import statistics
from .registry import Column, Dataset, register_provider

TOTAL = "total"  # the disaggregation of a total (a primary key column cannot be empty)
SLUG_PREFIX = "statistics-"

SAMPLE_VI = " SỐ LIỆU MẪU: các giá trị được tạo để minh họa, không phải số liệu chính thức."
SAMPLE_EN = " SAMPLE DATA: the values were made up for the demonstration; they are not official figures."

COLUMNS = (
    Column("indicator_code", "string", "Indicator code", "Mã chỉ tiêu", required=True),
    Column("indicator_unit", "string", "Unit of measure", "Đơn vị tính"),
    Column(
        "unit_code", "string", "Administrative unit code", "Mã đơn vị hành chính", required=True, unit_code=True
    ),
    Column("unit_name", "string", "Administrative unit", "Đơn vị hành chính"),
    Column("period", "string", "Period (2024, 2024S1, 2024Q3, 202407)", "Kỳ (2024, 2024S1, 2024Q3, 202407)", True),
    Column(
        "disaggregation", "string", "Disaggregation (total or e.g. sex=F)", "Phân tổ (total hoặc vd. sex=F)", True
    ),
    Column("value", "number", "Value", "Giá trị", required=True),
    Column("sample", "boolean", "Sample value (not official)", "Giá trị mẫu (không chính thức)", required=True),
    Column("source", "string", "Source", "Nguồn"),
    Column("approved_at", "datetime", "Approved at", "Thời điểm phê duyệt"),
)
PRIMARY_KEY = ("indicator_code", "unit_code", "period", "disaggregation")


def value_rows(indicators):
    if not indicators:
        return
    for row in statistics.rows(indicator=indicators):
        yield {
            "indicator_code": row["indicator"],
            "indicator_unit": row["indicator_unit"],
            "unit_code": row["unit_code"],
            "unit_name": row["unit_name"],
            "period": row["period"],
            "disaggregation": row["disaggregation_key"] or TOTAL,
            "value": row["value"],
            "sample": row["sample"],
            "source": row["source"],
            "approved_at": row["approved_at"],
        }


def _summary(indicators):
    from stats.queries import approved_summary

    if not indicators:
        return {"latest": None, "sample": False, "periods": [], "unit_codes": []}
    return approved_summary(indicator=indicators)


def _temporal(periods) -> tuple[date | None, date | None]:
    from stats import periods as period_rules

    spans = [period_rules.parse(p) for p in periods if period_rules.is_valid(p)]
    if not spans:
        return None, None
    return min(s.start for s in spans), max(s.end for s in spans)


def dataset_for(entry) -> Dataset:
    indicators = tuple(entry["indicators"])
    summary = _summary(indicators)
    listed = ", ".join(indicators)
    description_vi = (
        f"Giá trị đã phê duyệt của bộ số liệu thống kê công tác dân tộc “{entry['name']}” theo xã và kỳ "
        f"(chỉ tiêu: {listed}). Chỉ số liệu đã được phê duyệt; chỉ tiêu hạn chế không công bố."
    )
    description_en = (
        f"Approved values of the ethnic-affairs statistics data set “{entry['name_en'] or entry['name']}” "
        f"by commune and period (indicators: {listed}). Approved figures only; "
        "restricted indicators are not published."
    )
    if summary["sample"]:
        description_vi += SAMPLE_VI
        description_en += SAMPLE_EN
    latest: datetime | None = summary["latest"]
    return Dataset(
        slug=SLUG_PREFIX + entry["code"],
        title_vi=f"Thống kê: {entry['name']}",
        title_en=f"Statistics: {entry['name_en'] or entry['name']}",
        description_vi=description_vi,
        description_en=description_en,
        columns=COLUMNS,
        primary_key=PRIMARY_KEY,
        rows=lambda: value_rows(indicators),
        modified=lambda: latest,
        spatial=lambda: summary["unit_codes"],
        temporal=lambda: _temporal(summary["periods"]),
        sample=summary["sample"],
        keywords=("thống kê", "công tác dân tộc", "statistics", *indicators),
        theme="SOCI",
    )


@register_provider
def statistics_datasets():
    return [dataset_for(entry) for entry in statistics.datasets()]
