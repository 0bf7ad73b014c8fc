"""/api/v1/ of the lessons app: course content (``courses``), accounts (``auth``),
the learner's own data (``learning``) and offline bundles (``bundle``), mounted
together by ``router``."""
