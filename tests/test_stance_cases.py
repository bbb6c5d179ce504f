"""Stance on short texts the corpus never saw: evaluations, predictions, necessity, difficulty,
with negation and hedging, in UK and US news styles, and neutral sentences that take no position.

Stance boundaries are a judgement call, so an expected record is found when an output record's
text contains its key words; every expected record must be found with its polarity, negation and
hedging (and holder and kind where given), and every output record must be expected. ``[]``: no
position is taken. Known failures are strict xfails.
"""

from __future__ import annotations

from typing import Any

import pytest

import extract

from .tables import params

_ANY = object()


def s(key: str, polarity: str, negated: bool = False, hedged: bool = False, holder: Any = _ANY, kind: Any = _ANY) -> dict:
    """One expected stance record; holder and kind are checked only when given."""
    fields = {"polarity": polarity, "negated": negated, "hedged": hedged}
    fields |= {} if holder is _ANY else {"holder": holder}
    fields |= {} if kind is _ANY else {"stance_kind": kind}
    return {"key": key, "fields": fields}


CASES: list[tuple[str, str, list[dict]]] = [
    # --- evaluations -----------------------------------------------------------------------------
    ("deeply-flawed", "Critics said the new rail timetable was deeply flawed.", [s("deeply flawed", "negative", kind="evaluation")]),
    ("unworkable", "Hauliers called the border checks unworkable.", [s("unworkable", "negative")]),
    ("welcome-step", "The reform is a welcome step for renters.", [s("welcome", "positive")]),
    ("disaster", "The opening night was a disaster.", [s("disaster", "negative")]),
    ("fraught", "The merger is fraught with problems.", [s("fraught with", "negative")]),
    ("shambles", "Opposition leaders said the rollout was a shambles.", [s("shambles", "negative")]),
    ("crisis", "The county faces a housing crisis.", [s("crisis", "negative")]),
    ("heroic-assumptions", "The forecast rests on heroic assumptions.", [s("heroic assumptions", "negative")]),
    ("right-direction", "Economists said the budget was a step in the right direction.", [s("right direction", "positive")]),
    ("too-fragmented", "The bus network is too fragmented to serve commuters.", [s("too fragmented", "negative")]),
    ("breaking-down", "The prison system is breaking down.", [s("breaking down", "negative")]),
    ("great-opportunity", "The deal is a great opportunity for the port.", [s("great opportunity", "positive")]),
    ("lack-of", "Teachers complained about a lack of support.", [s("lack", "negative")]),
    ("short-of", "The fire service is short of staff.", [s("short of staff", "negative")]),
    ("financially-unsustainable", "The pension scheme is financially unsustainable.", [s("unsustainable", "negative")]),
    ("ineffective", "The sanctions have proved ineffective.", [s("ineffective", "negative")]),
    ("successful", "The pilot scheme was highly successful.", [s("successful", "positive")]),
    ("way-forward", "Ministers believe the tariff deal is the way forward.", [s("way forward", "positive")]),
    ("chaos", "Travellers faced chaos at the airport.", [s("chaos", "negative")]),
    ("best-hope", "The vaccine is the best hope of ending the outbreak.", [s("best hope", "positive")]),
    # --- necessity and demands ----------------------------------------------------------------------
    ("need-more-funding", "Universities need more funding to stay open.", [s("need more funding", "negative", kind="necessity")]),
    ("must-be-scrapped", "The union said the policy must be scrapped.", [s("must be scrapped", "negative")]),
    ("needs-investment", "The water network needs urgent investment.", [s("needs urgent investment", "negative")]),
    ("calls-for-more", "Farmers called for more support after the floods.", [s("called for more support", "negative")]),
    # --- predictions ---------------------------------------------------------------------------------
    ("will-fail", "Analysts warned that the merger will fail.", [s("will fail", "negative", kind="prediction")]),
    ("will-succeed", "The coach insisted the new system will succeed.", [s("will succeed", "positive", kind="prediction")]),
    ("will-collapse", "Several small airlines will collapse this winter.", [s("will collapse", "negative")]),
    ("unlikely-to-succeed", "The appeal is unlikely to succeed.", [s("unlikely to succeed", "negative", hedged=True)]),
    ("many-will-fail", "Many of the new start-ups will fail.", [s("will fail", "negative")]),
    # --- difficulty ----------------------------------------------------------------------------------
    ("struggling-to", "Schools are struggling to recruit maths teachers.", [s("struggling to", "negative", kind="difficulty")]),
    ("failed-to", "The council failed to collect the bins for weeks.", [s("failed to", "negative")]),
    ("barriers-to", "There are significant barriers to trade with the bloc.", [s("barriers", "negative")]),
    # --- negation ------------------------------------------------------------------------------------
    ("not-workable", "The plan is not workable.", [s("not workable", "negative", negated=True)]),
    ("will-not-fail", "The chancellor said the economy will not fail.", [s("will not fail", "positive", negated=True)]),
    ("never-succeed", "The scheme will never succeed.", [s("never succeed", "negative", negated=True)]),
    ("not-successful", "The trial was not successful.", [s("not successful", "negative", negated=True)]),
    ("far-from", "The recovery is far from secure.", [s("far from secure", "negative", negated=True)]),
    ("hardly-a-success", "The launch was hardly a success.", [s("hardly a success", "negative", negated=True)]),
    ("no-crisis", "There is no crisis in the banking sector.", [s("no crisis", "positive", negated=True)]),
    ("without-not-negation", "The firm grew without a lack of ambition.", [s("lack", "negative")]),
    ("denied-not-negation", "The minister denied the plan was a disaster.", [s("disaster", "negative")]),
    ("declined-not-negation", "The club declined to comment on the crisis.", [s("crisis", "negative")]),
    # --- hedging -------------------------------------------------------------------------------------
    ("may-fail", "The talks may fail.", [s("may fail", "negative", hedged=True)]),
    ("might-succeed", "The new drug might succeed where others did not.", [s("might succeed", "positive", hedged=True)]),
    ("could-collapse", "The coalition could collapse by spring.", [s("could collapse", "negative", hedged=True)]),
    ("probably-unworkable", "The scheme is probably unworkable.", [s("unworkable", "negative", hedged=True)]),
    ("perhaps-welcome", "Perhaps the most welcome change is the new bus lane.", [s("welcome", "positive", hedged=True)]),
    ("it-seems-flawed", "It seems the design was flawed from the start.", [s("flawed", "negative", hedged=True)]),
    # --- holders from quotes --------------------------------------------------------------------------
    ("holder-direct", "“The system is broken,” said Maria Lopez.",
     [s("broken", "negative", holder="Maria Lopez")]),
    ("holder-uk", "‘This offer is a disaster for our members,’ said union leader Sharon Graham.",
     [s("disaster", "negative", holder="Sharon Graham")]),
    ("holder-none-author", "The stadium plan is deeply flawed.", [s("deeply flawed", "negative", holder=None)]),
    ("holder-colon", "The mayor said: “Our transport network is a triumph.”", [s("triumph", "positive", holder="the mayor")]),
    # --- nothing to extract ------------------------------------------------------------------------------
    ("neutral-meeting", "The council met on Tuesday.", []),
    ("neutral-vote", "The bill passed 52-48 in the Senate.", []),
    ("neutral-shares", "Shares closed at 310p.", []),
    ("neutral-weather", "Rain is expected across the north on Friday.", []),
    ("neutral-schedule", "The match kicks off at 3pm.", []),
    ("neutral-description", "The bridge is 300 metres long and opened in 1998.", []),
    ("neutral-appointment", "Jane Doe was appointed chief executive in March.", []),
    ("neutral-report", "The report was published on Monday.", []),
    ("neutral-court", "The trial will resume next week.", []),
    ("neutral-election", "Voters go to the polls in May.", []),
    ("neutral-results", "The company reported revenue of $3bn.", []),
    ("neutral-transport", "The line will close for engineering work.", []),
    ("neutral-school", "Pupils return to school on Monday.", []),
    ("neutral-need-fact", "The form needs a signature.", []),
    ("neutral-will-future", "The museum will open at 10am.", []),
    ("neutral-conditional", "If the plan fails, ministers will review it.", []),
    ("neutral-question", "Will the plan work?", []),
]

KNOWN_FAILURES: dict[str, str] = {}


def _stance(text: str, nlp) -> list[dict]:
    return [r for r in extract.claims(text, nlp) if r["type"] == "stance"]


PARAMS = params(CASES, KNOWN_FAILURES)


@pytest.mark.parametrize(("text", "expected"), PARAMS)
def test_stance(text: str, expected: list[dict], nlp) -> None:
    found = _stance(text, nlp)
    unmatched = list(found)
    for want in expected:
        match = next((r for r in unmatched if want["key"].lower() in r["text"].lower()), None)
        assert match is not None, f"no stance record holds {want['key']!r}; found {[r['text'] for r in found]}"
        unmatched.remove(match)
        assert {k: match[k] for k in want["fields"]} == want["fields"], match["text"]
    assert not unmatched, f"unexpected stance records: {[r['text'] for r in unmatched]}"
