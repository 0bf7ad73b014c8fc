"""A progress line for the generators (corpus, statistics values)."""


class Progress:
    """A progress line, redrawn at most every 1 %."""

    def __init__(self, out, label, total):
        self.out, self.label, self.total, self.shown = out, label, max(total, 1), -1

    def update(self, done):
        percent = min(100, done * 100 // self.total)
        if percent != self.shown:
            self.shown = percent
            bar = "#" * (percent // 4) + "." * (25 - percent // 4)
            end = "\n" if percent == 100 else ""
            self.out.write(f"\r{self.label:<16} [{bar}] {done}/{self.total}{end}")
            self.out.flush()
