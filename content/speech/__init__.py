"""Narration of pages: the synthesiser interface (``base``), the espeak-ng backend
(``espeak``), the Vietnamese normaliser (``normalize``), what of a page is read
(``text``), making and removing the generated files (``store``; the rows are
``content.narration.PageAudio``, MP3 is ``content.audio``) and when (``tasks``)."""
