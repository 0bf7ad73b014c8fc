"""``make bench`` rewrites docs/benchmarks.md but keeps the sections other commands own:
the corpus timings (before the request figures), bench.scale's and bench.searchscale's."""

from bench import scale, searchscale


def test_a_rewrite_keeps_the_sections_other_commands_own(tmp_path):
    doc = tmp_path / "benchmarks.md"
    corpus = f"{scale.CORPUS_BEGIN}\ncorpus figures\n{scale.CORPUS_END}"
    cold = f"{scale.BEGIN}\ncold figures\n{scale.END}"
    search = f"{searchscale.BEGIN}\nsearch figures\n{searchscale.END}"
    doc.write_text(f"# Old\n\n{corpus}\n\n## Requests per second\nstale\n\n{cold}\n\n{search}\n")
    text = scale.keep_section("# Benchmarks\n\n## Requests per second\nnew\n", doc)
    assert "stale" not in text and "new" in text
    assert text.index(corpus) < text.index("## Requests per second") < text.index(cold) < text.index(search)
    again = f"{searchscale.BEGIN}\nsearch 2\n{searchscale.END}\n"
    scale.write_section(doc, searchscale.BEGIN, searchscale.END, again)
    assert "search 2" in doc.read_text() and "search figures" not in doc.read_text()
