"""Community information (issue 7): policies in plain words, jobs, health and
remote consultation, rights education and voices of village leaders.

The models live in this package and are imported at the bottom of
``content/models.py`` so that Django registers them under the ``content`` app.
"""
