"""Demo statistics: 15 indicators from the research list (``/work/shared/research/
statistics-and-data-sharing.md`` §2) and values for the post-2025 communes of An Lão, Hoài Ân,
Vĩnh Thạnh, Tây Sơn and Vân Canh and their predecessors, for 2019, 2024 and 2025.

The research has no published commune-level figures, so **every value here is sample data**
(``sample=True``, labelled SAMPLE on every chart, table, export and API item). The targets are
real: Programme 1719's 2025 targets (QĐ 1719/QĐ-TTg, 14/10/2021). Values are made from a fixed
seed, so loading twice changes nothing.
"""

import random
from datetime import date
from decimal import Decimal

from content.models import AdministrativeUnit

from .models import DataSet, DataValue, DisaggregationOption, Indicator

P1719 = "Chương trình MTQG 1719 (QĐ 1719/QĐ-TTg, 14/10/2021)"
SURVEY = "Điều tra thực trạng KT-XH 53 dân tộc thiểu số (GSO–UBDT)"
DISTRICTS = ("542", "544", "546", "547", "551")  # An Lão, Hoài Ân, Vĩnh Thạnh, Tây Sơn, Vân Canh

# code, vi, en, unit, value type, aggregation, denominator, disaggregations, source, target, range
INDICATORS = [
    (
        "population",
        "Dân số",
        "Population",
        "persons",
        "integer",
        "sum",
        None,
        ["sex"],
        SURVEY,
        None,
        (2500, 12000),
    ),
    (
        "em-population",
        "Dân số người DTTS",
        "Ethnic-minority population",
        "persons",
        "integer",
        "sum",
        None,
        ["ethnicity", "sex"],
        SURVEY,
        None,
        (300, 6000),
    ),
    ("households", "Số hộ", "Households", "households", "integer", "sum", None, [], SURVEY, None, (700, 3200)),
    (
        "em-households",
        "Số hộ DTTS",
        "Ethnic-minority households",
        "households",
        "integer",
        "sum",
        None,
        ["ethnicity"],
        SURVEY,
        None,
        (80, 1500),
    ),
    (
        "poverty-rate",
        "Tỷ lệ hộ nghèo (chuẩn đa chiều)",
        "Multidimensional poverty rate",
        "percent",
        "percent",
        "weighted_mean",
        "households",
        [],
        "NĐ 07/2021/NĐ-CP",
        None,
        (3, 45),
    ),
    (
        "near-poverty-rate",
        "Tỷ lệ hộ cận nghèo",
        "Near-poverty rate",
        "percent",
        "percent",
        "weighted_mean",
        "households",
        [],
        "NĐ 07/2021/NĐ-CP",
        None,
        (3, 25),
    ),
    (
        "health-insurance",
        "Tỷ lệ người có thẻ BHYT",
        "Health-insurance coverage",
        "percent",
        "percent",
        "weighted_mean",
        "population",
        [],
        SURVEY,
        None,
        (80, 99),
    ),
    (
        "grid-electricity",
        "Tỷ lệ hộ sử dụng điện lưới quốc gia",
        "Households on grid electricity",
        "percent",
        "percent",
        "weighted_mean",
        "households",
        [],
        P1719,
        99,
        (85, 100),
    ),
    (
        "hygienic-water",
        "Tỷ lệ hộ sử dụng nước sinh hoạt hợp vệ sinh",
        "Households with hygienic water",
        "percent",
        "percent",
        "weighted_mean",
        "households",
        [],
        P1719,
        90,
        (60, 98),
    ),
    (
        "school-enrolment",
        "Tỷ lệ đi học đúng tuổi cấp tiểu học",
        "Net primary enrolment",
        "percent",
        "percent",
        "weighted_mean",
        "population",
        ["sex"],
        SURVEY,
        None,
        (85, 100),
    ),
    (
        "paved-road",
        "Đường ô tô đến trung tâm xã được nhựa/bê tông hóa",
        "Paved road to the commune centre",
        "yesno",
        "boolean",
        "none",
        None,
        [],
        P1719,
        None,
        (0, 1),
    ),
    (
        "mobile-coverage",
        "Xã được phủ sóng di động",
        "Mobile coverage in the commune",
        "yesno",
        "boolean",
        "none",
        None,
        [],
        SURVEY,
        None,
        (0, 1),
    ),
    (
        "em-officials",
        "Cán bộ, công chức cấp xã là người DTTS",
        "Ethnic-minority commune officials",
        "persons",
        "integer",
        "sum",
        None,
        ["sex"],
        SURVEY,
        None,
        (0, 20),
    ),
    (
        "ethnic-tv-radio",
        "Tỷ lệ hộ được xem truyền hình, nghe đài",
        "Households with TV/radio",
        "percent",
        "percent",
        "weighted_mean",
        "households",
        [],
        P1719,
        100,
        (70, 100),
    ),
    (
        "commune-area-class",
        "Phân định khu vực (1 = KV I, 2 = KV II, 3 = KV III)",
        "Commune area classification (1 = I, 2 = II, 3 = III)",
        "category",
        "integer",
        "none",
        None,
        [],
        "QĐ 861/QĐ-TTg (2021); NĐ 272/2025/NĐ-CP",
        None,
        (1, 3),
    ),
]
OPTIONS = [
    ("sex", "M", "Nam", "Male"),
    ("sex", "F", "Nữ", "Female"),
    ("ethnicity", "01", "Kinh", "Kinh"),
    ("ethnicity", "05", "Ba Na", "Bahnar"),
    ("ethnicity", "23", "Chăm", "Cham"),
    ("ethnicity", "14", "Hrê", "Hre"),
    ("age", "0-14", "0–14 tuổi", "0–14 years"),
    ("age", "15-59", "15–59 tuổi", "15–59 years"),
    ("age", "60+", "60 tuổi trở lên", "60 and over"),
]


def _communes():
    """The five districts' old communes (for 2019 and 2024) and their successors (for 2025)."""
    old = list(
        AdministrativeUnit.objects.communes().filter(parent__code__in=DISTRICTS, valid_to=date(2025, 6, 30))
    )
    new = list(AdministrativeUnit.objects.filter(succession_from__predecessor__in=old).distinct())
    return old, new


def load(loader):
    for category, code, name, name_en in OPTIONS:
        DisaggregationOption.objects.update_or_create(
            category=category, code=code, defaults={"name": name, "name_en": name_en}
        )
    made = {}
    for n, row in enumerate(loader.progress(INDICATORS, "Statistics indicators")):
        code, name, name_en, unit, vtype, agg, denominator, disaggs, source, target, _range = row
        made[code], created = Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "unit": unit,
                "value_type": vtype,
                "aggregation": agg,
                "denominator": made.get(denominator),
                "disaggregations": disaggs,
                "source_programme": source,
                "frequency": "yearly",
                "sort_order": n,
                "target_value": Decimal(target) if target is not None else None,
                "target_year": 2025 if target is not None else None,
                "target_note": P1719 if target is not None else "",
            },
        )
    dataset, _ = DataSet.objects.update_or_create(
        code="commune-annual",
        defaults={
            "name": "Báo cáo thống kê công tác dân tộc cấp xã hằng năm",
            "name_en": "Annual commune ethnic-affairs report",
        },
    )
    dataset.indicators.set(made.values())
    old, new = _communes()
    rng = random.Random(14)
    existing = {
        (v.indicator_id, v.unit_id, v.period, v.disaggregation)
        for v in DataValue.objects.filter(indicator__in=made.values())
    }
    values = []
    for period, units in (("2019", old), ("2024", old), ("2025", new)):
        for unit in units:
            for code, *_rest, (low, high) in INDICATORS:
                ind = made[code]
                if ind.value_type in ("integer", "boolean"):
                    value = Decimal(rng.randint(low, high))
                else:
                    value = Decimal(rng.uniform(low, high)).quantize(Decimal("0.1"))
                if (ind.pk, unit.pk, period, "") in existing:
                    continue
                values.append(
                    DataValue(
                        indicator=ind,
                        unit=unit,
                        period=period,
                        value=value,
                        status="approved",
                        sample=True,
                        source="SAMPLE – số liệu mẫu minh họa",
                    )
                )
    DataValue.objects.bulk_create(values, batch_size=1000)
    loader.created += len(values)
    if values:
        from content.cache import bump

        bump()
    _report(dataset)


def _report(dataset):
    """One published periodic report (2025, Vietnamese), built here and now (no worker needed);
    loading twice keeps the one report."""
    from . import tasks
    from .models import PeriodicReport

    report, _created = PeriodicReport.objects.get_or_create(
        dataset=dataset,
        period="2025",
        language="vi",
        defaults={
            "notes": "Báo cáo minh họa: mọi số liệu là số liệu mẫu (SAMPLE), không phải số liệu chính thức."
        },
    )
    if report.status == PeriodicReport.Status.PUBLISHED and report.pdf_size:
        return
    tasks.generate(report)
    if report.status == PeriodicReport.Status.READY:
        report.status = PeriodicReport.Status.PUBLISHED
        report.published_at = report.generated_at
        report.save(update_fields=["status", "published_at"])
