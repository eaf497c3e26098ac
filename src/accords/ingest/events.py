"""Events: sentences that report something done, typed with PLOVER categories.

A trigger word gives the type (and mode): meetings, talks, visits and calls are ``CONSULT``;
agreements signed or reached ``AGREE``; rejections ``REJECT``; captures and seizures ``COERCE``
with mode ``seize``; attacks and strikes ``ASSAULT`` (mode ``missile``, ``drone`` or
``aerial`` where the sentence says); threats ``THREATEN``; withdrawals ``RETREAT``; sanctions
``SANCTION``; deployments ``MOBILIZE``; accusations ``ACCUSE``. The actors are the corpus parties
named in the sentence (people resolved to their party), the date the nearest date expression
resolved against the article's date, the place the nearest place of the gazetteer. A capture
"claimed" by one party and denied ("did not confirm", "denied") in the same paragraph is
``disputed`` with ``disputed_by``. A sentence with no party, or a hypothetical one (``if``,
``would``) without a date, gives no event.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from accords.ingest.dates import DateSpan, find_dates, is_future
from accords.ingest.lexicon import Lexicon, Mention
from accords.ingest.places import Place, find_places
from accords.ingest.text import Paragraph, find_quotations

__all__ = ["EXTRA_TRIGGERS", "TRIGGERS", "RawEvent", "classify_event_type", "find_events"]

#: (PLOVER type, mode or None, trigger pattern), tried in order; the first match wins.
TRIGGERS: tuple[tuple[str, str | None, re.Pattern[str]], ...] = tuple(
    (t, m, re.compile(p, re.IGNORECASE))
    for t, m, p in (
        ("THREATEN", None, r"\b(?:threaten(?:s|ed)?|preemptive strike|pre-emptive strike)\b"),
        (
            "COERCE",
            "seize",
            r"\b(?:captur(?:ed|e|ing)|seiz(?:ed|e|ing)|took control of|"
            r"taken control of|taking control of|occupied|fell to)\b",
        ),
        (
            "ASSAULT",
            None,
            r"\b(?:attacks?|strikes?|shell(?:ed|ing)|bombard\w*|"
            r"offensive|assault)\b",
        ),
        (
            "AGREE",
            None,
            r"\b(?:signed|agreed (?:to|on)|reached an? (?:deal|agreement)|"
            r"struck a deal|accepted the (?:plan|deal|proposal))\b",
        ),
        ("REJECT", None, r"\b(?:rejected|ruled out|refused|dismissed)\b"),
        ("RETREAT", "withdraw", r"\b(?:withdrew|withdrawn|pulled out|retreated)\b"),
        ("SANCTION", None, r"\b(?:imposed (?:new )?sanctions|sanctioned|new sanctions)\b"),
        ("MOBILIZE", None, r"\b(?:deployed|mobili[sz]ed)\b"),
        ("ACCUSE", None, r"\baccused\b"),
        (
            "CONSULT",
            None,
            r"\b(?:met|meets?|meeting|talks|summit|visit(?:ed|s)?|"
            r"(?:tele)?phone call|negotiations|discussions|press conference|"
            r"flies to|flew to|land in|heading to|en route to|hosted|huddle)\b",
        ),
    )
)
#: Triggers for the other PLOVER categories; used to type a sentence (:func:`classify_event_type`)
#: but not by the article pipeline, whose events feed the monitor.
EXTRA_TRIGGERS: tuple[tuple[str, str | None, re.Pattern[str]], ...] = tuple(
    (t, m, re.compile(p, re.IGNORECASE))
    for t, m, p in (
        (
            "REQUEST",
            None,
            r"\b(?:demand(?:ed|s)?|urg(?:ed|es)|call(?:ed|s)? (?:on|for)|"
            r"asked|appeal(?:ed|s)?|request(?:ed|s)?)\b",
        ),
        (
            "PROTEST",
            None,
            r"\b(?:protest(?:ed|s|ers)?|demonstrat\w+|rall(?:y|ied)|strike by|"
            r"march(?:ed)? against|boycott\w*)\b",
        ),
        (
            "ACCUSE",
            None,
            r"\b(?:criticiz\w+|criticis\w+|condemn\w*|denounc\w+|blam\w+|"
            r"accus\w+)\b",
        ),
        ("SUPPORT", None, r"\b(?:praise[sd]?|support(?:ed|s)?|endorse[sd]?|backed|welcome[sd]?)\b"),
        (
            "CONCEDE",
            None,
            r"\b(?:releas\w+|eas(?:ed|es)|lift(?:ed|s)?|yield\w*|conced\w+|"
            r"apologi[sz]\w+|resign\w*)\b",
        ),
        (
            "COOPERATE",
            None,
            r"\b(?:cooperat\w+|co-operat\w+|collaborat\w+|"
            r"joint (?:exercise|venture|operation))\b",
        ),
        ("AID", None, r"\b(?:aid|assistance|donat\w+|humanitarian|relief|loan)\b"),
        ("INVESTIGATE", None, r"\b(?:investigat\w+|inquiry|probe[sd]?|inspect\w+)\b"),
    )
)
_ASSAULT_MODE = (
    ("missile", r"\bmissiles?\b"),
    ("drone", r"\bdrones?\b"),
    ("aerial", r"\b(?:air ?strike|bomb\w*)\b"),
)
_CLAIM = re.compile(r"\b(?:claim(?:ed|s)?|said|says|reported(?:ly)?|announced)\b", re.I)
_DENIAL = re.compile(
    r"\b(?:did not confirm|denied|denies|disputed|refuted|not been (?:fully )?(?:seized|"
    r"captured)|false)\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(r"^(?:If|Unless)\b|\b(?:would|could|might)\b")
_PLACE_PREP = re.compile(
    r"\b(?:in|to|at|near|into|on|outside)\s+(?:the\s+(?:city|town|village|region)\s+of\s+)?$"
)
_NAMES_EVENT = re.compile(
    r"['\u2019]?s?\s+(?:meeting|talks|summit|negotiations|conference|visit|call)\b"
)


@dataclass(frozen=True)
class RawEvent:
    """An event found in the text (offsets into the article)."""

    start: int
    end: int
    type: str
    mode: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    date: datetime.date
    precision: str
    date_rule: str
    place: Place | None
    certainty: str
    claimed_by: tuple[str, ...]
    disputed_by: tuple[str, ...]
    score: float
    rule: str


def _parties(mentions: list[Mention]) -> tuple[str, ...]:
    seen: list[str] = []
    for m in mentions:
        if m.party not in seen:
            seen.append(m.party)
    return tuple(seen)


def classify_event_type(sentence: str) -> tuple[str, str | None] | None:
    """The PLOVER type (and mode) of a sentence by its earliest trigger word, or None.

    Threats win over the rest; then the trigger that comes first in the sentence.

    >>> classify_event_type("Rebels captured the town after heavy shelling.")
    ('COERCE', 'seize')
    >>> classify_event_type("Thousands protested outside parliament.")
    ('PROTEST', None)
    """
    hits = []
    for etype, mode, pattern in (*TRIGGERS, *EXTRA_TRIGGERS):
        match = pattern.search(sentence)
        if match is not None:
            hits.append((etype != "THREATEN", match.start(), etype, mode))
    if not hits:
        return None
    _, _, etype, mode = min(hits)
    return etype, mode


def find_events(
    text: str,
    paragraphs: list[Paragraph],
    lexicon: Lexicon,
    published: datetime.date,
) -> list[RawEvent]:
    """Every event candidate of an article (see the module's rules), one per type, actors,
    date and place."""
    events: list[RawEvent] = []
    seen: set[tuple[object, ...]] = set()
    for para in paragraphs:
        quotes = find_quotations(text, para.start, para.end)
        para_text = text[para.start : para.end]
        denial = _DENIAL.search(para_text)
        for s_start, s_end in para.sentences:
            sentence = text[s_start:s_end]
            if len(sentence.split()) < 4:
                continue
            hits = []
            for etype, mode, pattern in TRIGGERS:
                trigger = next(
                    (
                        m
                        for m in pattern.finditer(text, s_start, s_end)
                        if not any(q0 <= m.start() < q1 for q0, q1 in quotes)
                        and text[m.end() : m.end() + 4] != " by "
                    ),
                    None,
                )
                if trigger is not None:
                    hits.append((etype != "THREATEN", trigger.start(), etype, mode, trigger))
            if not hits:
                continue
            _, _, etype, mode, trigger = min(hits, key=lambda h: h[:2])
            denied_here = _DENIAL.search(text, s_start, s_end)
            if denied_here is not None and denied_here.start() < trigger.start():
                continue  # "did not confirm ... had been seized": a denial, not a claim
            mentions = [
                m
                for m in lexicon.mentions(sentence, s_start)
                if not any(q0 <= m.start < q1 for q0, q1 in quotes)
            ]
            places = [
                p
                for p in find_places(sentence, s_start)
                if p.kind != "country" and (p.name not in lexicon.forms or p.population >= 100_000)
            ]
            # a place is where the event happened when it follows a locative preposition or
            # names the event ("the Miami meeting", "the Geneva talks")
            places = [
                p
                for p in places
                if _PLACE_PREP.search(text[s_start : p.start])
                or _NAMES_EVENT.match(text, p.end)
                or (etype in ("COERCE", "ASSAULT") and p.start > trigger.start())
            ]
            place_starts = {p.start for p in places}
            actor_mentions = [
                m
                for m in mentions
                if not (m.how in ("capital", "alias") and m.start in place_starts)
            ]
            actors = _parties(actor_mentions)
            if not actors:
                continue
            dates = find_dates(sentence, published, s_start)
            hypothetical = _HYPOTHETICAL.search(sentence) is not None
            if hypothetical and not dates:
                continue
            if not dates and not places:
                continue
            date_span: DateSpan | None = (
                min(dates, key=lambda d: abs(d.start - trigger.start())) if dates else None
            )
            score = 0.7 if date_span else 0.45
            certainty, claimed_by = "claimed", actors[:1]
            disputed_by: tuple[str, ...] = ()
            recipients: tuple[str, ...] = ()
            ev_mode = mode
            targets: list[Place | None] = [None]
            if etype == "COERCE":
                before = _parties([m for m in actor_mentions if m.start < trigger.start()])
                actors = before or actors[:1]
                claimed_by = actors
                ua_places = [p for p in places if p.start > trigger.start()]
                targets = list(ua_places) or [None]
                if denial is not None:
                    deniers = _parties(
                        [
                            m
                            for m in lexicon.mentions(para_text, para.start)
                            if m.start > trigger.end() and m.party not in actors
                        ]
                    )
                    if deniers:
                        certainty, disputed_by = "disputed", deniers[:1]
            elif etype == "ASSAULT":
                ev_mode = next(
                    (md for md, p in _ASSAULT_MODE if re.search(p, sentence, re.I)), None
                )
                before = _parties([m for m in actor_mentions if m.start < trigger.start()])
                after = _parties([m for m in actor_mentions if m.start > trigger.start()])
                actors = before or actors[:1]
                recipients = tuple(p for p in after if p not in actors)
            elif etype in ("REJECT", "THREATEN", "ACCUSE", "SANCTION"):
                before = _parties([m for m in actor_mentions if m.start < trigger.start()])
                after = _parties([m for m in actor_mentions if m.start > trigger.start()])
                actors = before or actors[:1]
                recipients = tuple(p for p in after if p not in actors)
            if _CLAIM.search(sentence) and etype == "COERCE":
                score -= 0.05
            for target in targets:
                place = target or (
                    min(places, key=lambda p: abs(p.start - trigger.start())) if places else None
                )
                if etype == "CONSULT" and place is not None:
                    host = next(
                        (p for p, code in lexicon.country_of.items() if code == place.country),
                        None,
                    )
                    if host is not None and host not in actors and host not in recipients:
                        recipients = (*recipients, host)  # a visit: the host country
                date = date_span.date if date_span else published
                precision = date_span.precision if date_span else "day"
                key = (
                    etype,
                    frozenset(actors),
                    date,
                    place.admin1 if place else None,
                    target.name if target else None,
                )
                if key in seen:
                    continue
                seen.add(key)
                start, end = (target.start, target.end) if target else (s_start, s_end)
                twin = next(
                    (
                        i
                        for i, e in enumerate(events)
                        if e.type == etype
                        and place is not None
                        and e.place is not None
                        and e.place.name == place.name
                        and etype in ("CONSULT", "AGREE")
                        and (e.date_rule == "date:article" or date_span is None)
                    ),
                    None,
                )
                if twin is not None and date_span is None:
                    continue  # the same meeting again, without a date: keep the first
                if twin is not None:
                    del events[twin]  # the same meeting, now with its date: keep this one
                events.append(
                    RawEvent(
                        start,
                        end,
                        etype,
                        ev_mode,
                        actors,
                        recipients,
                        date,
                        precision,
                        date_span.rule if date_span else "date:article",
                        place,
                        certainty,
                        claimed_by,
                        disputed_by,
                        round(score - (0.1 if is_future(sentence) else 0.0), 2),
                        f"trigger:{etype.lower()}:{trigger.group(0).lower()}",
                    )
                )
    return sorted(events, key=lambda e: e.start)
