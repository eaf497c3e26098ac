"""Quality and speed of `accords ingest` on the gold annotations (tests/ingest/gold/).

Prints tp/fp/fn and P/R/F1 per record type on the dev and test splits, per-field accuracy on
the matched pairs, linking top-1/top-3 on the silver set (the corpus's own stance and provision
quotes; evidence is not in the linker's index), PLOVER event typing where
../shared/external/plover is present, and articles per minute.

Run: PYTHONPATH=src python benchmarks/bench_ingest.py
"""

from __future__ import annotations

import datetime
import sys
import time
from pathlib import Path

from accords import load_corpus
from accords.ingest import extract_candidates, parse_article
from accords.ingest.evaluate import (
    Score,
    read_gold,
    score_article,
    score_linking,
    silver_links,
)
from accords.ingest.pipeline import IngestContext

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "ingest" / "gold"


def main() -> int:
    corpus = load_corpus()
    t0 = time.perf_counter()
    IngestContext.of(corpus)
    from accords.ingest.nlp import load_pipeline
    from accords.ingest.places import gazetteer

    load_pipeline()
    gazetteer()
    warm = time.perf_counter() - t0
    splits: dict[str, dict[str, Score]] = {}
    n_words = 0
    n_articles = 0
    busy = 0.0
    for gold in read_gold(GOLD):
        text = corpus.texts[gold["source"]]
        published = gold["date"]
        if not isinstance(published, datetime.date):
            published = datetime.date.fromisoformat(str(published))
        article = parse_article(
            text.encode("utf-8"), name=f"{gold['source']}.txt", published=published
        )
        start = time.perf_counter()
        report = extract_candidates(article, corpus)
        busy += time.perf_counter() - start
        n_words += article.n_words
        n_articles += 1
        scores = score_article(gold, report.candidates, article.text)
        bucket = splits.setdefault(gold["split"], {})
        for kind, score in scores.items():
            bucket.setdefault(kind, Score()).add(score)
    print(
        f"{'split':5} {'type':10} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"
        "  field accuracy on matched pairs"
    )
    for split in ("dev", "test"):
        for kind, s in splits.get(split, {}).items():
            fields = ", ".join(f"{k} {ok}/{n}" for k, (ok, n) in sorted(s.fields.items()))
            print(
                f"{split:5} {kind:10} {s.tp:4d} {s.fp:4d} {s.fn:4d} {s.precision:6.2f} "
                f"{s.recall:6.2f} {s.f1:6.2f}  {fields}"
            )
    linking = score_linking(IngestContext.of(corpus).linker, silver_links(corpus))
    print(
        f"linking (lexical TF-IDF, silver: corpus quotes): issue top-1 {linking['issue_top1']:.2f} "
        f"top-3 {linking['issue_top3']:.2f} (n={linking['issue_n']:.0f}); provision top-1 "
        f"{linking['provision_top1']:.2f} top-3 {linking['provision_top3']:.2f} "
        f"(n={linking['provision_n']:.0f}); embedding: not run (no registry package ships "
        "a model we could install without a hub download)"
    )
    plover = ROOT.parent / "shared" / "external" / "plover" / "PLOVER_GSR_CAMEO.txt"
    if plover.exists():
        from benchmarks_plover import score_plover  # type: ignore[import-not-found]

        print(score_plover(plover))
    else:
        print(f"PLOVER gold sentences: skipped ({plover} absent)")
    rate = n_articles / busy * 60 if busy else 0.0
    words_rate = n_words / busy * 60 if busy else 0.0
    print(
        f"speed: {n_articles} articles, {n_words} words in {busy:.2f} s after a {warm:.1f} s "
        f"start: {rate:.0f} articles/min ({words_rate / 1000:.0f}k words/min, "
        f"{words_rate / 1000:.0f} articles of 1,000 words a minute) on one core"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
