"""Benchmark: who must act, acceptability and version diff on a synthetic corpus.

The corpus is built in memory with the model classes: 2,000 provisions (two versions of an
agreement, 1,000 provisions each, the second a reworded, reordered revision of the first),
60 parties (states, blocs, groups, institutions, nested membership), 40 issues and a stance for
about two thirds of the party-issue pairs. Every analysis is timed (best of ``--repeat`` runs),
and the diff is compared with two peers run in the same script: the same Jaccard similarity in
a plain Python double loop, and a greedy best-first matching (faster, but not optimal: its total
score is printed as a fraction of the optimal assignment's).

Run: ``.venv/bin/python benchmarks/bench_analysis.py [--seed 0] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from accords.analysis import assess_acceptability, diff_agreements, who_must_act
from accords.analysis.diff import similarity_matrices, tokens
from accords.model import (
    Agreement,
    ConditionalAcceptance,
    Corpus,
    Evidence,
    Issue,
    Option,
    Party,
    Provision,
    Settlement,
    Source,
    Stance,
)
from accords.random import as_generator

EV = (Evidence(source="synthetic", quote="synthetic"),)


def synthetic_corpus(
    *,
    n_provisions: int = 2000,
    n_parties: int = 60,
    n_issues: int = 40,
    vocabulary: int = 1500,
    seed: int | np.random.Generator | None = 0,
) -> Corpus:
    """A random corpus with two versions of one agreement (``n_provisions`` in all)."""
    rng = as_generator(seed)
    words = [f"w{k}" for k in range(vocabulary)]
    n_states = int(n_parties * 0.75)
    n_institutions = max(1, n_parties // 15)
    n_groups = n_parties - n_states - n_institutions
    states = [f"state-{k}" for k in range(n_states)]
    parties = [Party(id=s, name=s.title(), kind="state") for s in states]
    groups: list[str] = []
    for k in range(n_groups):
        pool = states + groups  # nested groups: a group may contain earlier groups
        members = rng.choice(len(pool), size=int(rng.integers(2, 8)), replace=False)
        gid = f"group-{k}"
        parties.append(
            Party(
                id=gid,
                name=gid.title(),
                kind="bloc" if k % 3 == 0 else "group",
                members=tuple(sorted(pool[m] for m in members)),
            )
        )
        groups.append(gid)
    parties += [
        Party(id=f"institution-{k}", name=f"Institution {k}", kind="institution")
        for k in range(n_institutions)
    ]
    ids = [p.id for p in parties]

    issues = []
    for k in range(n_issues):
        n_options = int(rng.integers(2, 6))
        issues.append(
            Issue(
                id=f"issue-{k}",
                title=f"Issue {k}",
                options=tuple(
                    Option(
                        id=f"o{j}", position=100 * j / (n_options - 1), description=f"option {j}"
                    )
                    for j in range(n_options)
                ),
            )
        )

    stances = []
    for party in ids[: n_states + n_groups]:
        for issue in issues:
            if rng.random() > 0.66:
                continue
            options = [o.id for o in issue.options]
            roles = rng.integers(0, 5, size=len(options))  # 0 none, 1 acceptable, 2 red, 3 cond
            ideal = options[int(rng.integers(len(options)))]
            stances.append(
                Stance(
                    party=party,
                    issue=issue.id,
                    ideal=ideal,
                    acceptable=tuple(
                        o for o, r in zip(options, roles, strict=True) if r == 1 and o != ideal
                    ),
                    red_lines=tuple(
                        o for o, r in zip(options, roles, strict=True) if r == 2 and o != ideal
                    ),
                    conditional=tuple(
                        ConditionalAcceptance(option=o, condition="a condition")
                        for o, r in zip(options, roles, strict=True)
                        if r == 3 and o != ideal
                    ),
                    evidence=EV,
                )
            )

    def provision(label: str) -> Provision:
        n_settles = int(rng.integers(0, 3))
        chosen = rng.choice(n_issues, size=n_settles, replace=False)
        settles = tuple(
            Settlement(
                issue=issues[i].id,
                option=issues[i].options[int(rng.integers(len(issues[i].options)))].id,
            )
            for i in chosen
        )
        bearers = rng.choice(len(ids), size=int(rng.integers(1, 4)), replace=False)
        text = " ".join(words[w] for w in rng.integers(0, vocabulary, size=rng.integers(8, 21)))
        return Provision(
            label=label,
            text=text,
            modality="obligation",
            bearers=tuple(ids[b] for b in bearers),
            settles=settles,
            evidence=EV,
        )

    half = n_provisions // 2
    old = [provision(str(k + 1)) for k in range(half)]
    new: list[Provision] = []
    for p in old:
        roll = rng.random()
        if roll < 0.1:
            continue  # removed
        if roll < 0.5:
            reworded = p.text.split()
            for _ in range(int(rng.integers(1, 4))):
                reworded[int(rng.integers(len(reworded)))] = words[int(rng.integers(vocabulary))]
            p = p.model_copy(update={"text": " ".join(reworded)})
        new.append(p)
    while len(new) < n_provisions - half:
        new.append(provision("x"))  # added
    order = rng.permutation(len(new))
    new = [new[k].model_copy(update={"label": f"N{i + 1}"}) for i, k in enumerate(order)]

    def agreement(agreement_id: str, provisions: list[Provision], parent: str | None) -> Agreement:
        return Agreement(
            id=agreement_id,
            title=agreement_id,
            proposers=(ids[0], ids[1]),
            status="revision",
            derived_from=parent,
            sources=("synthetic",),
            provisions=tuple(provisions),
        )

    return Corpus(
        id="synthetic",
        title="Synthetic benchmark corpus",
        sources=(Source(id="synthetic", title="synthetic", kind="analysis", path="none.txt"),),
        parties=tuple(parties),
        issues=tuple(issues),
        stances=tuple(stances),
        agreements=(agreement("v1", old, None), agreement("v2", new, "v1")),
    )


def best_of(repeat: int, func: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def python_jaccard(old: list[Provision], new: list[Provision]) -> np.ndarray:
    """Peer: the same token-set Jaccard, one Python loop iteration per pair."""
    ta = [tokens(p.text) for p in old]
    tb = [tokens(p.text) for p in new]
    out = np.zeros((len(ta), len(tb)))
    for i, a in enumerate(ta):
        for j, b in enumerate(tb):
            union = len(a | b)
            out[i, j] = len(a & b) / union if union else 1.0
    return out


def greedy_matching(old: list[Provision], new: list[Provision]) -> tuple[int, float]:
    """Peer: greedy best-first matching over the same candidate pairs (not optimal)."""
    issues, text = similarity_matrices(old, new)
    candidate = (issues > 0) | (text >= 0.5)
    score = issues + text
    rows, cols = np.nonzero(candidate)
    order = np.argsort(-score[rows, cols], kind="stable")
    used_old: set[int] = set()
    used_new: set[int] = set()
    total = 0.0
    for k in order:
        i, j = int(rows[k]), int(cols[k])
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            total += float(score[i, j])
    return len(used_old), total


def materialise_cells(matrices: list[Any]) -> int:
    """Build every Cell (reason, evidence) as the JSON output and the report do."""
    return sum(len(m.cells) for m in matrices)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    start = time.perf_counter()
    corpus = synthetic_corpus(seed=args.seed)
    built = time.perf_counter() - start
    v1, v2 = corpus.agreements
    n_prov = len(v1.provisions) + len(v2.provisions)
    print(
        f"synthetic corpus: {n_prov} provisions, {len(corpus.parties)} parties, "
        f"{len(corpus.issues)} issues, {len(corpus.stances)} stances (built in {built:.2f} s)"
    )

    t_deps, _ = best_of(args.repeat, lambda: [who_must_act(corpus, a) for a in (v1, v2)])
    t_acc, _ = best_of(
        args.repeat,
        lambda: [assess_acceptability(corpus, a).summaries() for a in (v1, v2)],
    )
    t_cells, n_cells = best_of(
        1, lambda: materialise_cells([assess_acceptability(corpus, a) for a in (v1, v2)])
    )
    t_diff, diff = best_of(args.repeat, lambda: diff_agreements(v1, v2))
    t_sim, _ = best_of(args.repeat, lambda: similarity_matrices(v1.provisions, v2.provisions))
    t_peer_sim, _ = best_of(1, lambda: python_jaccard(list(v1.provisions), list(v2.provisions)))
    t_greedy, (greedy_pairs, greedy_total) = best_of(
        args.repeat, lambda: greedy_matching(list(v1.provisions), list(v2.provisions))
    )
    pairs = sum(1 for c in diff.provisions if c.old and c.new)
    optimal_total = sum(c.score for c in diff.provisions if c.old and c.new)
    total = t_deps + t_acc + t_diff

    rows = [
        ("who_must_act (2 agreements)", t_deps, f"{n_prov} provisions", None),
        ("assess_acceptability (2 agreements)", t_acc, "codes, consent, summaries", None),
        ("  the same, building every cell", t_cells, f"{n_cells:,} cells with reasons", None),
        ("diff_agreements (1000 x 1000)", t_diff, f"{pairs} pairs, {diff.counts}", None),
        ("  similarity matrices (sparse products)", t_sim, "", None),
        ("  peer: Python pairwise Jaccard", t_peer_sim, "", t_peer_sim / t_sim),
        (
            "  peer: greedy matching (whole diff: ours)",
            t_greedy,
            f"{greedy_pairs} pairs, total score {greedy_total / optimal_total:.4f} of optimal",
            t_greedy / t_diff,
        ),
        ("total deps + acceptability + diff", total, "budget 2 s", None),
    ]
    print(f"{'task':42} {'seconds':>9}  {'peer / ours':>11}  notes")
    for name, seconds, note, ratio in rows:
        ratio_text = f"{ratio:10.1f}x" if ratio is not None else ""
        print(f"{name:42} {seconds:9.3f}  {ratio_text:>11}  {note}")
    assert greedy_total <= optimal_total + 1e-6, "greedy cannot beat the optimal assignment"
    print("OK" if total < 2.0 else "OVER BUDGET")


if __name__ == "__main__":
    main()
