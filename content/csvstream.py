"""CSV written line by line, for responses that stream large tables in constant memory.

``csv.writer`` wants a file; ``_Echo`` hands each formatted line back instead, so a
generator can yield it to ``StreamingHttpResponse`` (Django's own recipe for large CSV).
"""

import csv


class _Echo:
    def write(self, value):
        return value


def csv_lines(header, rows, *, bom=False):
    """The header, then one CSV line (CRLF-terminated, as RFC 4180 says) per row of ``rows``.

    ``bom`` starts the file with a UTF-8 byte-order mark, which Excel needs to read
    Vietnamese letters from a downloaded file."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield ("\ufeff" if bom else "") + writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)
