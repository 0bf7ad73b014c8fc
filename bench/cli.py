"""Subcommands that run inside a Django process on the benchmark database:
``corpus`` (generate), ``queries`` (in-process measurements as JSON),
``urls`` (key URLs and Lighthouse URLs as JSON); for ``bench.scale``: ``pages N``
(generated pages up to N, indexed), ``cold R`` (cold and uncached times of the key
URLs), ``stats-values N`` and ``stats-measure R`` (bench/statsvalues.py)."""

import json
import os
import sys


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    import django

    django.setup()
    command = argv[0]
    if command == "corpus":
        from .corpus import generate

        print(json.dumps(generate(float(argv[1]), out=sys.stderr)))
    elif command == "queries":
        from django.conf import settings

        from .measure import measure
        from .urls import key_urls

        settings.ALLOWED_HOSTS = ["*"]
        out = {}
        for name, url in key_urls().items():
            cold = measure(url, mode="cold")
            uncached = measure(url)
            cached = measure(url, cached=True)
            out[name] = {
                "url": url,
                "status": uncached["status"],
                "cold_queries": cold["queries"],
                "queries": uncached["queries"],
                "cached_queries": cached["queries"],
                "bytes": uncached["bytes"],
                "gzip_bytes": uncached["gzip_bytes"],
            }
        print(json.dumps(out))
    elif command == "pages":  # generated pages up to N (additive), indexed; no learners
        from .corpus import generate

        print(json.dumps(generate(out=sys.stderr, pages=int(argv[1]), learners=0, events=0)))
    elif command == "cold":  # cold and uncached times and queries of every key URL
        from django.conf import settings

        from .statsvalues import timed_get
        from .urls import key_urls

        settings.ALLOWED_HOSTS = ["*"]
        repeat = int(argv[1])
        out = {
            name: {m: timed_get(url, repeat, m) for m in ("cold", "uncached")} for name, url in key_urls().items()
        }
        print(json.dumps(out))
    elif command == "stats-values":
        from .statsvalues import generate_values

        print(json.dumps({"added": generate_values(int(argv[1]), sys.stderr)}))
    elif command == "stats-measure":
        from django.conf import settings

        from .statsvalues import measure

        settings.ALLOWED_HOSTS = ["*"]
        print(json.dumps(measure(int(argv[1]))))
    elif command == "urls":
        from .urls import key_urls, lighthouse_urls

        print(json.dumps({"key": key_urls(), "lighthouse": lighthouse_urls()}))


if __name__ == "__main__":
    main(sys.argv[1:])
