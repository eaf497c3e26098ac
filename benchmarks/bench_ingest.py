"""Quality and speed of `accords ingest` on the gold annotations (tests/ingest/gold/).

Prints tp/fp/fn and P/R/F1 per record type on the dev and test splits, per-field accuracy on
the matched pairs, linking top-1/top-3 on the silver set (the corpus's own stance and provision
quotes; evidence is not in the linker's index), PLOVER event typing where
../shared/external/plover is present, and articles per minute.

Run: PYTHONPATH=src python benchmarks/bench_ingest.py
"""

from __future__ import annotations

import datetime
import json
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
    score_plover_typing,
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
    linker = IngestContext.of(corpus).linker
    for split in ("dev", "test"):
        sources = [g["source"] for g in read_gold(GOLD) if g["split"] == split]
        link = score_linking(linker, silver_links(corpus, sources))
        print(
            f"{split:5} linking (lexical TF-IDF; silver: the corpus's quotes from the {split} "
            f"sources): issue top-1 {link.get('issue_top1', 0):.2f} top-3 "
            f"{link.get('issue_top3', 0):.2f} (n={link.get('issue_n', 0):.0f}); provision top-1 "
            f"{link.get('provision_top1', 0):.2f} top-3 {link.get('provision_top3', 0):.2f} "
            f"(n={link.get('provision_n', 0):.0f})"
        )
    print(
        "embedding linker: not run (no registry package ships an embedding model installable "
        "without a download from a model hub)"
    )
    plover = ROOT.parent / "shared" / "external" / "plover" / "PLOVER_GSR_CAMEO.txt"
    if plover.exists():
        records = json.loads(plover.read_text(encoding="utf-8"))
        typing = score_plover_typing(records)
        print(
            f"PLOVER gold sentences ({typing['n']:.0f}, {typing['n_types']:.0f} types, PLOVER "
            f"0.5 names): type accuracy {typing['accuracy']:.2f}, macro-F1 "
            f"{typing['macro_f1']:.2f}, no trigger {typing['no_trigger']:.2f}; actor spans: not "
            "measured (the pipeline resolves actors to corpus parties only)"
        )
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
