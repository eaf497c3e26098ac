"""Attribution: who said (or holds) what, with the cue, polarity and modality.

Rules, in order, for each sentence of a paragraph:

1. A speech or stance verb (``said``, ``told``, ``insisted``, ``warned``, ``rejected``, ``ruled
   out``, ``is pushing for``...) outside any quotation. Its speaker is the nearest corpus
   party or person named before it in the sentence (outside quotations); a pronoun just before
   it (``he told reporters``) is the paragraph's last named speaker (or the previous
   paragraph's); failing both, a capitalised name before it is proposed as a new speaker.
   The statement is the cue and what follows it to the end of the sentence, or the quotation
   that follows it (direct speech).
2. ``according to X`` where X names a corpus party: X is the speaker of the rest of the
   sentence.
3. A quotation of at least four words that rule 1 did not cover is given to a speaker named
   with a cue in the same sentence, else to the speaker of the sentence before it when that
   sentence ends with a colon, else to the paragraph's last speaker.

Polarity (supports, rejects, conditional, neutral) and modality (asserted, future,
hypothetical, negated, historical) come from the cue and the words of the statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from accords.ingest.lexicon import Lexicon, Mention
from accords.ingest.text import Paragraph, find_quotations

__all__ = [
    "Attribution",
    "Modality",
    "Polarity",
    "RawStatement",
    "classify_modality",
    "classify_polarity",
    "find_statements",
]

Attribution = Literal["direct", "reported", "according-to"]
Polarity = Literal["supports", "rejects", "conditional", "neutral"]
Modality = Literal["asserted", "future", "hypothetical", "negated", "historical"]

_SPEECH = (
    r"said|says|say|told|tells|telling|added|adding|stated|declared|announced|insisted|insists|"
    r"argued|argues|arguing|stressed|stressing|emphasi[sz]ed|noted|"
    r"explained|claimed|claims|confirmed|confirms|described|describes|describing|urged|urges|"
    r"vowed|vowing|pledged|replied|responded|wrote|tweeted|acknowledged|admitted|asserted|"
    r"made clear|put it|weighed in|repeated|calling|saying|"
    r"talking about|talks about|talked about"
)
_STANCE_REJECT = (
    r"rejected|rejects|rejecting|ruled out|rules out|refused|refuses|dismissed|dismisses|"
    r"condemned|condemns|opposed|opposes|denied|denies|downplayed|criticised|criticized|"
    r"did not confirm|would not tolerate|warned|warns|warning"
)
_STANCE_SUPPORT = (
    r"pushing for|push for|pushes for|pushed for|called for|calls for|call for|wants|wanted|"
    r"demanded|demands|insists on|insisted on|backed|backs|welcomed|welcomes|supports|"
    r"touting|touts|vowing|floated|proposed|proposes|suggested|defended|defends|"
    r"appears ready|is ready|are ready"
)
_OPINION = r"believes|believe|sees|see|expressed|echoed|echoes|answer to that idea|considers"
_CUE = re.compile(
    rf"(?<![-\w])(?:(?P<reject>{_STANCE_REJECT})|(?P<support>{_STANCE_SUPPORT})|(?P<opinion>{_OPINION})|"
    rf"(?P<speech>{_SPEECH}))\b"
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+ly\s+)?$")
_TOLD_WHOM = re.compile(
    r"\s+(?:(?!(?:it|he|she|they|we|I|was|is|were|are|would|will|had|has|not)\b)"
    r"[\w\-]+\s+){1,5}?that\s+"
)
# "said in a statement on Telegram that ...", "told state media that ...": the content follows
_IF_CLAUSE = re.compile(r"(?:If|Unless|Should|Were)\b[^,;:]*[,;:]")
_PRONOUN = re.compile(r"\b(?:he|she|they|He|She|They)\b(?:\s+\w+){0,2}\s*$")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_NEW_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\b")
_NOT_NAMES = frozenset(
    [
        "Analyst",
        "Expert",
        "Senior",
        "President",
        "Minister",
        "Prime",
        "Secretary",
        "General",
        "Admiral",
        "Envoy",
        "Spokesman",
        "Spokeswoman",
        "Ambassador",
        "Chief",
        "Officer",
        "Commander",
        "Professor",
        "Dr",
        "Mr",
        "Mrs",
        "Ms",
        "The",
        "A",
        "An",
        "But",
        "And",
        "Former",
        "Deputy",
        "Foreign",
        "Defence",
        "Defense",
        "State",
        "Opposition",
        "Leader",
        "Lawmaker",
        "Senator",
    ]
)
_SKIP_AFTER_CUE = re.compile(
    r"^(?:\s*(?:that|to reporters|to all|to media outlets|reporters|the BBC|on \w+ \d+|"
    r"on \w+|in an interview)\s*)*[\s,:]*"
)

_REJECT_WORDS = re.compile(
    r"\b(?:not tolerate|unacceptable|cannot accept|could not accept|won't accept|will not|"
    r"would not|no significant|red line|nyet|pointless|ultimatum|afraid|outrage|reservations|"
    r"rejection|stolen|can be no|will be no|no deal|condemn\w*|undue pressure|cannot be|"
    r"never|oppos\w+|surrender\w*|"
    r"(?:not|never|n't|n\u2019t)\s+(?:accept|agree|allow|recogni[sz]e|give up|cede|tolerate))\b",
    re.IGNORECASE,
)
_CONDITIONAL_WORDS = re.compile(
    r"\b(?:if|unless|provided that|on condition|only after|before committing|must involve|"
    r"must be|critical|in exchange for)\b",
    re.IGNORECASE,
)
_SUPPORT_WORDS = re.compile(
    r"\b(?:constructive|optimistic|productive|hopeful|refined|support|essential|safe forever|"
    r"ready to|agree\w*|welcome\w*|push\w* for|call\w* for|wants?|groundwork|good|"
    r"insists? on|standard form)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|n't|never|no longer|cannot|won't)\b|n\u2019t\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\b(?:if|would|could|might|may|unless)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|shall|going to)\b|'ll\b|\u2019ll\b", re.IGNORECASE)
_URL = re.compile(r"\S*(?:https?://|pic\.twitter\.com|www\.)\S*|\u2026")
_HISTORICAL = re.compile(r"\b(?:in (?:19|20)\d\d|years ago|back in|at the time|had been)\b")


@dataclass(frozen=True)
class RawStatement:
    """A statement found in the text (offsets into the article)."""

    start: int
    end: int
    speaker: Mention | None
    speaker_name: str | None
    cue: str | None
    cue_start: int | None
    attribution: Attribution
    polarity: Polarity
    modality: Modality
    score: float
    rule: str


def classify_polarity(cue_kind: str | None, text: str) -> Polarity:
    """Polarity from the cue's kind (reject, support, speech) and the words of the statement.

    >>> classify_polarity("speech", "we will stop if they leave the territories")
    'conditional'
    >>> classify_polarity("reject", "the idea of NATO expansion")
    'rejects'
    >>> classify_polarity("speech", "the talks were constructive")
    'supports'
    >>> classify_polarity("speech", "there is more work to be done")
    'neutral'
    """
    if cue_kind == "reject":
        return "rejects"
    if cue_kind == "support":
        return "conditional" if _CONDITIONAL_WORDS.search(text) else "supports"
    if _CONDITIONAL_WORDS.search(text):
        return "conditional"
    if _REJECT_WORDS.search(text):
        return "rejects"
    if _SUPPORT_WORDS.search(text):
        return "supports"
    return "neutral"


def classify_modality(text: str, cue: str | None = None) -> Modality:
    """Modality from the words of the statement (and its cue).

    >>> classify_modality("we will stop combat operations")
    'future'
    >>> classify_modality("he will not negotiate away land")
    'negated'
    >>> classify_modality("such troops could operate in the capital")
    'hypothetical'
    """
    head = " ".join(text.split()[:8])
    if _NEGATION.search(head) or (cue is not None and _NEGATION.search(cue)):
        return "negated"
    if _HYPOTHETICAL.search(text):
        return "hypothetical"
    if _FUTURE.search(text):
        return "future"
    if _HISTORICAL.search(text):
        return "historical"
    return "asserted"


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s - 1 <= pos < e + 1 for s, e in spans)


def find_statements(text: str, paragraphs: list[Paragraph], lexicon: Lexicon) -> list[RawStatement]:
    """Every attributed statement of an article (see the module's rules)."""
    found: list[RawStatement] = []
    previous_speaker: Mention | None = None
    for para in paragraphs:
        quotes = find_quotations(text, para.start, para.end)
        mentions = [
            m
            for m in lexicon.mentions(text[para.start : para.end], para.start)
            if not _inside(m.start, quotes)
        ]
        last_speaker = previous_speaker
        para_speaker: Mention | None = None
        covered: list[tuple[int, int]] = []
        statements: list[RawStatement] = []
        prev_sentence_speaker: Mention | None = None
        prev_sentence_colon = False
        for s_start, s_end in para.sentences:
            sentence_speaker: Mention | None = None
            sent_quotes = [q for q in quotes if s_start <= q[0] < s_end]
            # rule 2: according to X
            for match in _ACCORDING.finditer(text, s_start, s_end):
                who = [m for m in mentions if m.start == match.end()]
                if not who:
                    continue
                after = who[0].end
                if text[s_start : match.start()].strip() == "":
                    rest = text[after:s_end].lstrip(" ,")  # "According to X, ..."
                    start, end = s_end - len(rest), s_end
                else:
                    start, end = s_start, match.start()  # "..., according to X"
                content = text[start:end].strip(" ,.")
                if len(content.split()) < 3:
                    continue
                end = start + len(text[start:end].rstrip(" ,."))
                statements.append(
                    RawStatement(
                        start,
                        end,
                        who[0],
                        who[0].person,
                        "according to",
                        match.start(),
                        "according-to",
                        classify_polarity(None, content),
                        classify_modality(content),
                        0.7,
                        "according-to",
                    )
                )
                sentence_speaker = who[0]
            # rule 1: cue verbs
            for cue in _CUE.finditer(text, s_start, s_end):
                if _inside(cue.start(), quotes):
                    continue
                if_clause = _IF_CLAUSE.match(text, s_start, s_end)
                if if_clause is not None and cue.start() < if_clause.end():
                    continue  # "If the Europeans agree, ...": a hypothesis, not a statement
                kind = cue.lastgroup
                participle = cue.group(0).endswith(("ed", "said", "told", "put it"))
                if participle and (
                    _PASSIVE_BEFORE.search(text, s_start, cue.start())
                    or text.startswith(" by ", cue.end())
                ):
                    continue  # "was described by insiders as": the agent is not the subject
                trailing = _trailing_attribution(text, s_start, s_end, cue, mentions)
                if kind == "speech" and not sent_quotes and trailing is not None:
                    t_speaker, t_end = trailing
                    content = text[s_start:t_end]
                    statements.append(
                        RawStatement(
                            s_start,
                            t_end,
                            t_speaker,
                            t_speaker.person,
                            cue.group(0),
                            cue.start(),
                            "reported",
                            classify_polarity(None, content),
                            classify_modality(content),
                            0.75,
                            "cue:speech+trailing",
                        )
                    )
                    sentence_speaker = t_speaker
                    continue
                left = [m for m in mentions if s_start <= m.start < cue.start()]
                clause_start = max([s_start, *(q[1] for q in sent_quotes if q[1] <= cue.start())])
                speaker: Mention | None = None
                name: str | None = None
                score = 0.8 if kind == "speech" else 0.7
                rule = f"cue:{kind}"
                between = text[clause_start : cue.start()]
                pronoun = _PRONOUN.search(between)
                near = [m for m in left if m.start >= clause_start] or left
                head = text[clause_start : cue.start()].rstrip()
                if head.endswith(",") and near:
                    # "X, standing alongside Y, echoed": the subject is before the appositive
                    opening = head.rfind(",", 0, len(head) - 1)
                    if opening >= 0:
                        before = [m for m in near if m.end <= clause_start + opening]
                        near = before or near
                coordinated = re.search(r"\b(?:and|but)\s+$", text[s_start : cue.start()])
                if coordinated and sentence_speaker is not None:
                    speaker = sentence_speaker
                    name = speaker.person
                elif near and (pronoun is None or near[-1].end > clause_start + pronoun.start()):
                    speaker = near[-1]
                    name = speaker.person
                    if speaker.how == "fuzzy":
                        score -= 0.1
                elif pronoun is not None and (left or last_speaker is not None):
                    people = [m for m in left if m.person]
                    speaker = people[-1] if people else (left[-1] if left else last_speaker)
                    assert speaker is not None
                    name = speaker.person
                    score -= 0.15
                    rule += "+pronoun"
                else:
                    new = list(_NEW_NAME.finditer(text, clause_start, cue.start()))
                    if not new:
                        continue
                    words = new[-1].group(1).split()
                    while len(words) > 2 or (len(words) > 1 and words[0] in _NOT_NAMES):
                        if words[0] not in _NOT_NAMES and len(words) <= 3:
                            break
                        words = words[1:]
                    if len(words) < 2:
                        continue
                    name = " ".join(words)
                    score -= 0.3
                    rule += "+new-speaker"
                # content
                skip = _SKIP_AFTER_CUE.match(text[cue.end() : s_end])
                c_start = cue.end() + (skip.end() if skip else 0)
                told = _TOLD_WHOM.match(text, cue.end(), s_end)
                if kind in ("speech", "reject", "support", "opinion") and told is not None:
                    c_start = told.end()  # "told state media that ...": the content follows
                following = [
                    q
                    for q in sent_quotes
                    if c_start - 3 <= q[0] - 1 <= c_start + 2
                    and (len(text[q[0] : q[1]].split()) >= 4 or q[1] >= s_end - 3)
                ]
                preceding = [
                    q
                    for q in sent_quotes
                    if q[1] <= cue.start()
                    and text[q[1] : cue.start()].strip(' ,\u201d"')
                    == text[q[1] : cue.start()].strip(' ,\u201d"')
                ]
                attribution: Attribution = "reported"
                later = [
                    q
                    for q in sent_quotes
                    if q[0] > c_start
                    and len(text[q[0] : q[1]].split()) >= 4
                    and text[: q[0] - 1].rstrip().endswith((",", ":"))
                    and _CUE.search(text, c_start, q[0]) is None
                    and not any(c_start <= o[0] < q[0] for o in sent_quotes)
                ]
                if kind == "speech" and not following and later:
                    following = later[:1]
                if following:
                    start, end = following[0]
                    attribution = "direct"
                    score += 0.1
                elif (
                    kind == "speech"
                    and sent_quotes
                    and sent_quotes[0][1] <= cue.start()
                    and len(text[sent_quotes[0][1] : cue.start()].split()) <= 4
                    and preceding
                ):
                    start, end = sent_quotes[0]
                    attribution = "direct"
                    score += 0.1
                else:
                    start = cue.start() if kind != "speech" else c_start
                    end = s_end
                    while end > start and text[end - 1] in " .,;:":
                        end -= 1
                content = _URL.sub("", text[start:end])
                if len(content.split()) < 2:
                    continue
                statements.append(
                    RawStatement(
                        start,
                        end,
                        speaker,
                        name,
                        cue.group(0),
                        cue.start(),
                        attribution,
                        classify_polarity(
                            kind, text[min(start, cue.start()) : max(end, cue.end())]
                        ),
                        classify_modality(content, cue.group(0)),
                        round(min(score, 0.95), 2),
                        rule,
                    )
                )
                if speaker is not None:
                    sentence_speaker = speaker
            # rule 3: quotations nobody was given
            for q_start, q_end in sent_quotes:
                if len(text[q_start:q_end].split()) < 4:
                    continue
                if any(
                    s.start <= q_start < s.end or q_start <= s.start < q_end for s in statements
                ):
                    continue
                who_: Mention | None = sentence_speaker or (
                    prev_sentence_speaker if prev_sentence_colon else None
                )
                rule = "quote:sentence-speaker" if sentence_speaker else "quote:colon"
                score = 0.75
                if (
                    who_ is None
                    and para_speaker is not None
                    and text[s_start:q_start].strip(' \u201c"') == ""
                ):
                    who_, rule, score = para_speaker, "quote:paragraph-speaker", 0.6
                if who_ is None:
                    continue
                content = text[q_start:q_end]
                statements.append(
                    RawStatement(
                        q_start,
                        q_end,
                        who_,
                        who_.person,
                        None,
                        None,
                        "direct",
                        classify_polarity(None, content),
                        classify_modality(content),
                        score,
                        rule,
                    )
                )
            prev_sentence_speaker = sentence_speaker
            prev_sentence_colon = text[s_start:s_end].rstrip().endswith(":")
            persons = [m for m in mentions if s_start <= m.start < s_end]
            if sentence_speaker is not None:
                last_speaker = para_speaker = sentence_speaker
            elif persons:
                people = [m for m in persons if m.person]
                last_speaker = people[-1] if people else last_speaker
        # one statement per span: overlapping statements by the same speaker keep the first
        for st in sorted(statements, key=lambda s: (s.start, -s.score)):
            party = st.speaker.party if st.speaker else st.speaker_name
            if any(st.start < e and s < st.end and p == party for s, e, p in covered_by(found)):
                continue
            found.append(st)
        covered.clear()
        previous_speaker = last_speaker
    return found


def _trailing_attribution(
    text: str, s_start: int, s_end: int, cue: re.Match[str], mentions: list[Mention]
) -> tuple[Mention, int] | None:
    """``..., the Kremlin said.`` or ``..., said Zelensky.``: the speaker and the content's end.

    The cue must close the sentence (at most a speaker and a few words after it) and follow
    the last comma of the sentence; the content is everything before that comma.
    """
    comma = text.rfind(",", s_start, cue.start())
    if comma <= s_start:
        return None
    tail = text[cue.end() : s_end].strip(" .")
    between = text[comma + 1 : cue.start()]
    before = [m for m in mentions if comma < m.start < cue.start()]
    after = [m for m in mentions if cue.end() <= m.start < s_end]
    if before and len(between.split()) <= 6 and len(tail.split()) <= 3:
        speaker = before[-1]
    elif not between.strip() and after and len(tail.split()) <= 5:
        speaker = after[0]
    else:
        return None
    end = comma
    while end > s_start and text[end - 1] in " .,;:":
        end -= 1
    if len(text[s_start:end].split()) < 3:
        return None
    return speaker, end


def covered_by(statements: list[RawStatement]) -> list[tuple[int, int, str | None]]:
    """``(start, end, speaker party)`` of statements found so far."""
    return [(s.start, s.end, s.speaker.party if s.speaker else s.speaker_name) for s in statements]
