"""Per-language format overrides (settings.FORMAT_MODULE_PATH): day-first date input everywhere."""
