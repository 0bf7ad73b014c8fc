"""The learner records of the lessons app, kept apart from the course content
(the way Kolibri keeps content apart from learner logs): accounts, enrolments,
the progress log and the state derived from it, quiz attempts, certificates,
and the learner's view of course and lesson pages."""
