"""Quote attribution as ordered steps: each step alone, the order from the component's config,
and the speaker resolution steps."""

from __future__ import annotations

import pytest

from extract.stages.quotes.reading import Reading
from extract.stages.quotes.sources import (
    SUBJECT_STEPS,
    finite_on_noun,
    governing_subject,
    own_subject,
    passive_agent,
    set_off_subject,
    speaker_of,
    subject_of,
)
from extract.stages.quotes.steps import DEFAULT_STEPS, STEPS, Candidate, attribute, chain
from extract.stages.speakers.resolve import RESOLVE_STEPS, described, it_or_they, personal_pronoun


def reading_of(nlp, text: str) -> Reading:
    return Reading.of(nlp(text), nlp.get_pipe("extract_quotes").grammar)


def candidate(reading: Reading, index: int = 0) -> Candidate:
    q = reading.quotations[index]
    line = reading.line_of(q.start)
    return Candidate(q, line, not reading.text[reading.lines[line][0] : q.start].strip(), {})


def test_the_shipped_order_is_the_component_default(nlp):
    assert nlp.get_pipe("extract_quotes").steps == chain(DEFAULT_STEPS)
    assert set(DEFAULT_STEPS) == set(STEPS)


def test_an_unknown_step_names_the_known_ones():
    with pytest.raises(ValueError, match=r"unknown quote attribution step\(s\) \['guess'\].*'clause'"):
        chain(["cue", "guess"])


def test_each_step_answers_alone(nlp):
    cued = reading_of(nlp, "“The plan is dead,” Jane Roe said on Monday.")
    assert STEPS["cue"](cued, candidate(cued)).speaker.name == "Jane Roe"
    assert STEPS["transcript"](cued, candidate(cued)) is None  # no "NAME:" label
    transcript = reading_of(nlp, "Jane Roe spoke to us.\n\n“ROE: We will win, and soon.”")
    assert STEPS["transcript"](transcript, candidate(transcript)).speaker.name == "Jane Roe"
    headline = reading_of(nlp, "“Cuts are coming”\n\nThe council met on Monday.")
    assert STEPS["headline"](headline, candidate(headline)).rule == "quote-headline"
    # alone, the clause step would take it too: the order asks the headline step first
    assert STEPS["clause"](headline, candidate(headline)).rule == "quote-uncued-clause"
    nickname = reading_of(nlp, "Dana “Dee” Whitlock arrived.")
    assert STEPS["nickname"](nickname, candidate(nickname)) is not None


def test_the_order_of_the_steps_decides(nlp):
    reading = reading_of(nlp, "Jane Roe spoke first.\n\n“We have run out of time and money.”")
    c = candidate(reading)
    assert attribute(reading, c, chain(DEFAULT_STEPS)).rule == "quote-uncued-clause"
    assert attribute(reading, c, chain(["nickname", "cue", "headline"])) is None


def test_a_pipeline_takes_its_steps_from_config():
    import spacy

    import extract

    nlp = extract.load()
    config = {"steps": ["nickname", "cue"], "patterns": []}
    only_cues = spacy.blank("en").add_pipe("extract_quotes", config=config)
    assert only_cues.steps == chain(["nickname", "cue"])
    assert nlp.get_pipe("extract_quotes").steps == chain(DEFAULT_STEPS)


def test_the_subject_steps_each_find_their_shape(nlp):
    said = reading_of(nlp, "The minister said that the plan had failed.")
    cue = said.cues[0]
    assert own_subject(said, cue, cue[0]).text == "minister"
    assert subject_of(said, cue).text == "minister"
    named = reading_of(nlp, "The plan was branded “a scandal” by the Greens.")
    cue = named.cues[0]
    assert passive_agent(named, cue, cue.root).text == "Greens"
    yelled = reading_of(nlp, "When the coach said the team was ready, a heckler yelled “Prove it!”")
    cue = next(c for c in yelled.cues if c.root.lower_ == "yelled")
    assert finite_on_noun(yelled, cue, cue.root).text == "heckler"
    assert finite_on_noun(said, said.cues[0], said.cues[0][0]) is None
    telling = reading_of(nlp, "The trust declined to discuss “that man,” telling the radio station it had work to do.")
    cue = next(c for c in telling.cues if c.root.lower_ == "telling")
    assert own_subject(telling, cue, cue.root) is None  # a participle after a quote is no inverted cue
    assert subject_of(telling, cue).text == "trust"
    explaining = reading_of(nlp, "Jo Roe said the plight reminds her of a film, explaining, “We saw this before.”")
    cue = next(c for c in explaining.cues if c.root.lower_ == "explaining")
    assert governing_subject(explaining, cue, cue.root).text == "Roe"  # not "plight", the reported clause's
    set_off = reading_of(nlp, "Senator Ruth Lamb, astonished, simply replied: “Ask me again next week.”")
    cue = set_off.cues[0]
    assert set_off_subject(set_off, cue, cue.root).text == "Lamb"  # the parser's main clause is "astonished"
    assert set_off_subject(said, said.cues[0], said.cues[0][0]) is None
    assert len(SUBJECT_STEPS) == 8


def test_the_attribution_patterns_propose_sources_by_step(nlp):
    reading = reading_of(nlp, "The plan was branded “a scandal” by the Greens, and Jane Roe said so.")
    proposed = {
        (step, reading.doc[i].text): [t.text for t in tokens] for (step, i), tokens in reading.proposals.items()
    }
    assert proposed[("agent", "branded")] == ["Greens"]
    assert proposed[("subject", "said")] == ["Roe"]


def test_speaker_resolution_steps_pass_on_what_is_not_theirs(nlp):
    reading = reading_of(nlp, "Jane Roe arrived. She said the plan was dead.")
    she = next(t for t in reading.doc if t.lower_ == "she")
    assert it_or_they(she, reading.book) is None
    assert personal_pronoun(she, reading.book).name == "Jane Roe"
    assert speaker_of(reading, reading.cues[0]).name == "Jane Roe"
    assert described(she, reading.book) is None
    assert len(RESOLVE_STEPS) == 12
