"""The API toolkit every app's ``/api/v1/`` router is built with.

One concern per module, imported by their own names (this package re-exports
nothing):

* ``errors``: ``ApiError`` and the JSON ``{code, message}`` error responses, with
  messages in the reader's language; the catalogue of the learner API's messages.
* ``params``: query parameters (unknown ones are a 400), locale, limit/offset and
  paging links.
* ``responses``: validated compact JSON, the list envelope around kept item JSON,
  conditional GET (ETag/Last-Modified/304) and private responses.
* ``schemas``: shared schemas (image, blocks, list envelope, ``ErrorOut``).
* ``fields``: ``ApiField``, the one declaration of a page model's API fields from
  which the /api/v1/ schemas and values and Wagtail's /api/v2/ ``api_fields`` are made.
* ``blocks``: StreamField values as typed blocks (serializers per block class).
* ``images``: images with renditions, loaded in bulk; what public pages use.
* ``pages``: ``PageType``: a page type's list and detail endpoints, declared.
* ``sync``: the offline delta feed.
* ``endpoints``: the kernel's own endpoints (languages, section pages).
"""
