"""A periodic report's two files, from the contents ``stats.reporting.build_contents`` computed:
a PDF drawn with reportlab (the library of the certificates, with the kernel's DejaVu Sans, which
has every Vietnamese letter) and an XLSX written with openpyxl (one sheet per part). Labels are
in the active language (the task overrides it with the report's); dates are dd/mm/yyyy."""

import io

from django.utils.translation import gettext as _

from content.pdf import register_fonts

from .charts import _number


def _fmt(value):
    return "–" if value is None else _number(value)


def _signed(value):
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + _number(value)


def _labels():
    return {
        "summary": _("Summary"),
        "commune": _("Commune"),
        "code": _("Code"),
        "value": _("Value"),
        "previous": _("Previous period"),
        "change": _("Change"),
        "total": _("All communes with figures"),
        "missing": _("Missing data"),
        "notes": _("Notes"),
        "indicator": _("Indicator"),
        "unit": _("Unit"),
        "derived": _("derived from the predecessor communes"),
        "none_missing": _("No data is missing."),
        "generated": _("Generated on"),
        "period": _("Period"),
        "dataset": _("Data set"),
    }


def _summary_lines(contents):
    s = contents["summary"]
    lines = [
        f"{_('Data set')}: {contents['dataset']['name']}",
        f"{_('Period')}: {contents['period']} · {_('Previous period')}: {contents['previous']}",
        f"{_('Generated on')}: {contents['generated_at']:%d/%m/%Y %H:%M}",
        _("%(indicators)s indicators, %(communes)s communes.") % s,
        _("%(reported)s of %(expected)s values reported") % s
        + (f" ({_number(s['completeness'])} %)" if s["completeness"] is not None else ""),
    ]
    for table in contents["tables"]:
        if table["total"] is not None:
            change = f"{_('Change')}: {_signed(table['change'])}"
            lines.append(f"{table['name']}: {_fmt(table['total'])} {table['unit']} ({change})")
    return lines


def report_pdf(contents):
    """The report as PDF bytes (A4, tables that continue over pages with their header row)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    regular, bold = register_fonts()
    labels = _labels()
    body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=12.5)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=16, leading=20, spaceAfter=6)
    h2 = ParagraphStyle("h2", fontName=bold, fontSize=12, leading=15, spaceBefore=10, spaceAfter=4)
    sample = ParagraphStyle("sample", parent=body, fontName=bold, textColor=colors.HexColor("#b00020"))

    def p(text, style=body):
        from xml.sax.saxutils import escape

        return Paragraph(escape(str(text)), style)

    story = [p(contents["title"], h1)]
    if contents["sample"]:
        story.append(
            p(
                _("SAMPLE")
                + ": "
                + _("some figures here are sample data made up for the demonstration, not official statistics."),
                sample,
            )
        )
    story.append(p(labels["summary"], h2))
    story += [p(line) for line in _summary_lines(contents)]
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), regular),
            ("FONTNAME", (0, 0), (-1, 0), bold),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8efe9")),
            ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    for table in contents["tables"]:
        story.append(p(f"{table['name']} ({table['unit']})", h2))
        data = [[labels["commune"], labels["code"], contents["period"], contents["previous"], labels["change"]]]
        for row in table["rows"]:
            previous = _fmt(row["previous"]) + (" *" if row["previous_derived"] else "")
            if row["note"]:
                previous = p(row["note"], small)
            data.append(
                [
                    p(row["unit_name"], small),
                    row["unit_code"],
                    _fmt(row["value"]),
                    previous,
                    _signed(row["change"]),
                ]
            )
        if table["total"] is not None:
            data.append(
                [
                    labels["total"],
                    "",
                    _fmt(table["total"]),
                    _fmt(table["total_previous"]),
                    _signed(table["change"]),
                ]
            )
        t = Table(data, colWidths=[55 * mm, 18 * mm, 28 * mm, 40 * mm, 28 * mm], repeatRows=1)
        t.setStyle(style)
        story.append(t)
        notes = [table["rule"]]
        if any(r["previous_derived"] for r in table["rows"]):
            notes.append("* " + labels["derived"])
        story += [p(n, small) for n in notes]
    story.append(p(labels["missing"], h2))
    if contents["missing"]:
        data = [[labels["indicator"], labels["commune"], labels["code"]]]
        data += [
            [p(m["indicator_name"], small), p(m["unit_name"], small), m["unit_code"]] for m in contents["missing"]
        ]
        t = Table(data, colWidths=[75 * mm, 70 * mm, 24 * mm], repeatRows=1)
        t.setStyle(style)
        story.append(t)
    else:
        story.append(p(labels["none_missing"]))
    story.append(p(labels["notes"], h2))
    story += [p("• " + n) for n in contents["notes"]]

    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4, title=contents["title"], leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm
    )
    footer = contents["title"] + (" · " + _("SAMPLE") if contents["sample"] else "")

    def on_page(canvas, document):
        canvas.setFont(regular, 7.5)
        canvas.drawString(15 * mm, 8 * mm, f"{footer} · {document.page}")

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return out.getvalue()


def _number_cell(value):
    return None if value is None else (int(value) if value == value.to_integral() else float(value))


def report_xlsx(contents):
    """The report as XLSX bytes: a summary sheet, one sheet per indicator, missing data, notes.
    Numbers are numbers (not text), so the figures can be recomputed in a spreadsheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    labels = _labels()
    book = Workbook()
    sheet = book.active
    sheet.title = labels["summary"][:31]
    sheet.append([contents["title"]])
    sheet["A1"].font = Font(bold=True, size=14)
    if contents["sample"]:
        sheet.append(
            [
                _("SAMPLE")
                + ": "
                + _("some figures here are sample data made up for the demonstration, not official statistics.")
            ]
        )
    for line in _summary_lines(contents):
        sheet.append([line])
    sheet.append([])
    sheet.append([labels["indicator"], labels["unit"], contents["period"], contents["previous"], labels["change"]])
    for table in contents["tables"]:
        sheet.append(
            [
                table["name"],
                table["unit"],
                _number_cell(table["total"]),
                _number_cell(table["total_previous"]),
                _number_cell(table["change"]),
            ]
        )
    used = set()
    for n, table in enumerate(contents["tables"], start=1):
        name = f"{n}. {table['indicator']}"[:31]
        used.add(name)
        ws = book.create_sheet(name)
        ws.append([f"{table['name']} ({table['unit']})"])
        ws["A1"].font = Font(bold=True)
        if contents["sample"]:
            ws.append([_("SAMPLE")])
        ws.append(
            [
                labels["code"],
                labels["commune"],
                contents["period"],
                contents["previous"],
                labels["change"],
                labels["notes"],
            ]
        )
        for row in table["rows"]:
            note = row["note"] or (labels["derived"] if row["previous_derived"] else "")
            ws.append(
                [
                    row["unit_code"],
                    row["unit_name"],
                    _number_cell(row["value"]),
                    _number_cell(row["previous"]),
                    _number_cell(row["change"]),
                    note,
                ]
            )
        if table["total"] is not None:
            ws.append(
                [
                    "",
                    labels["total"],
                    _number_cell(table["total"]),
                    _number_cell(table["total_previous"]),
                    _number_cell(table["change"]),
                ]
            )
        ws.append([])
        ws.append([table["rule"]])
        ws.column_dimensions["B"].width = 32
    ws = book.create_sheet(labels["missing"][:31])
    ws.append([labels["indicator"], labels["commune"], labels["code"]])
    for m in contents["missing"]:
        ws.append([m["indicator_name"], m["unit_name"], m["unit_code"]])
    ws = book.create_sheet(labels["notes"][:31])
    for note in contents["notes"]:
        ws.append([note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
