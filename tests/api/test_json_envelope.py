"""The list and sync envelopes are assembled around item JSON kept one by one
(content.api.responses.json_with / json_array): the result is the JSON one would get
by serialising the whole document."""

import json

from content.api.responses import json_array, json_with


def test_json_with_adds_raw_members_to_an_object():
    items = [json.dumps({"id": 1, "title": "Lễ hội"}, ensure_ascii=False).encode(), b'{"id":2}']
    body = json_with({"count": 2, "next": None}, results=json_array(items))
    assert json.loads(body) == {"count": 2, "next": None, "results": [{"id": 1, "title": "Lễ hội"}, {"id": 2}]}


def test_json_with_an_empty_head_and_no_items():
    assert json.loads(json_with({}, items=json_array([]))) == {"items": []}
    assert json.loads(json_with({"a": 1})) == {"a": 1}
