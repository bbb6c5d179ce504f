"""Table of stance cases on short news texts the corpus never saw.

Covers evaluative adjectives and nouns of both polarities, necessity and recommendation, prediction,
success and failure verbs, difficulty, negation ("not", "never", "hardly", "far from", "nowhere near",
"fail to"; "without", "denied", "declined" do not negate), hedging ("may", "might", "probably",
"could", "perhaps", "it seems"), stance inside quotes (holder = the speaker), and neutral factual
sentences from which nothing may be extracted. Topics: US and UK politics, business, sport,
education, transport, climate and the courts.

Stance boundaries are a judgement call: an expected record matches an output record when their spans
overlap and the expected ``key`` lies inside the output ``text``. Every expected record must be
found with the asserted fields, and every output record must match an expected one.
"""

from __future__ import annotations

from typing import Any

import pytest

import extract

from .tables import params

_UNCHECKED = object()


def s(
    key: str,
    polarity: str,
    negated: bool = False,
    hedged: bool = False,
    holder: Any = _UNCHECKED,
    kind: Any = _UNCHECKED,
) -> dict[str, Any]:
    """One expected stance record; holder and stance_kind are asserted only when given."""
    fields: dict[str, Any] = {"polarity": polarity, "negated": negated, "hedged": hedged}
    if holder is not _UNCHECKED:
        fields["holder"] = holder
    if kind is not _UNCHECKED:
        fields["stance_kind"] = kind
    return {"key": key, "fields": fields}


def xf(reason: str) -> pytest.MarkDecorator:
    """A known failure of the tool: a strict xfail with its one-line reason."""
    return pytest.mark.xfail(strict=True, reason=reason)


CASES = [
    # --- evaluation: negative adjectives and nouns -------------------------------------------------
    pytest.param(
        "The council's parking strategy is deeply flawed.",
        [s("deeply flawed", "negative", holder=None, kind="evaluation")],
        id="neg-adj-deeply-flawed",
    ),
    pytest.param(
        "Ministers' plan for the Stonehenge road tunnel is unworkable.",
        [s("unworkable", "negative", holder=None, kind="evaluation")],
        id="neg-adj-unworkable",
    ),
    pytest.param(
        "The first week of the smart-ticket scheme was a disaster.",
        [s("disaster", "negative", holder=None, kind="evaluation")],
        id="neg-noun-disaster",
    ),
    pytest.param(
        "The county's flood defences are woefully inadequate.", [s("inadequate", "negative")], id="neg-adj-inadequate"
    ),
    pytest.param(
        "The takeover bid was a fiasco from start to finish.", [s("fiasco", "negative")], id="neg-noun-fiasco"
    ),
    pytest.param(
        "The Senate spending bill is riddled with loopholes.", [s("riddled with", "negative")], id="neg-riddled-with"
    ),
    pytest.param(
        "The rail operator's timetable change caused chaos for commuters.",
        [s("chaos", "negative")],
        id="neg-noun-chaos",
    ),
    pytest.param("The academy trust's finances are in a mess.", [s("mess", "negative")], id="neg-noun-mess"),
    pytest.param(
        "The Treasury's carbon targets are unrealistic.",
        [s("unrealistic", "negative", holder=None, kind="evaluation")],
        id="neg-adj-unrealistic",
    ),
    pytest.param(
        "The airport's passenger forecasts are wildly optimistic.",
        [s("optimistic", "negative")],
        id="neg-wildly-optimistic",
    ),
    pytest.param(
        "The cycle lanes in the city centre are too disjointed to be useful.",
        [s("too disjointed", "negative")],
        id="neg-too-disjointed",
    ),
    pytest.param(
        "The county's bus network is falling apart.", [s("falling apart", "negative")], id="neg-falling-apart"
    ),
    pytest.param(
        "The club's defending has been shambolic all season.", [s("shambolic", "negative")], id="neg-adj-shambolic"
    ),
    pytest.param(
        "The state's voter registration system is badly broken.", [s("broken", "negative")], id="neg-badly-broken"
    ),
    # --- evaluation: positive adjectives and nouns -------------------------------------------------
    pytest.param(
        "The Elizabeth line has been a triumph.",
        [s("triumph", "positive", holder=None, kind="evaluation")],
        id="pos-noun-triumph",
    ),
    pytest.param(
        "The ceasefire agreement is a major breakthrough.", [s("breakthrough", "positive")], id="pos-noun-breakthrough"
    ),
    pytest.param(
        "The school's exam results were excellent this year.",
        [s("excellent", "positive", holder=None, kind="evaluation")],
        id="pos-adj-excellent",
    ),
    pytest.param(
        "The rural transport grant is a lifeline for village bus routes.",
        [s("lifeline", "positive")],
        id="pos-noun-lifeline",
    ),
    pytest.param(
        "The council's food waste collection has worked well.", [s("worked well", "positive")], id="pos-worked-well"
    ),
    pytest.param(
        "The retailer's turnaround plan has been a resounding success.",
        [s("success", "positive")],
        id="pos-noun-success",
    ),
    pytest.param(
        "The new history curriculum is a huge improvement.", [s("improvement", "positive")], id="pos-noun-improvement"
    ),
    pytest.param(
        "The team's display in Cardiff was outstanding.", [s("outstanding", "positive")], id="pos-adj-outstanding"
    ),
    pytest.param(
        "The redesigned station concourse is impressive.", [s("impressive", "positive")], id="pos-adj-impressive"
    ),
    pytest.param(
        "The carbon border levy is the right approach.",
        [s("right approach", "positive", holder=None, kind="evaluation")],
        id="pos-right-approach",
    ),
    # --- success and failure verbs -----------------------------------------------------------------
    pytest.param("The tariff policy has backfired.", [s("backfired", "negative")], id="verb-backfired"),
    pytest.param("The campaign to save the library succeeded.", [s("succeeded", "positive")], id="verb-succeeded"),
    pytest.param("The academy has flourished under its new head.", [s("flourished", "positive")], id="verb-flourished"),
    pytest.param("The peace talks in Geneva have failed.", [s("failed", "negative")], id="verb-failed"),
    # --- necessity, demand and recommendation ------------------------------------------------------
    pytest.param(
        "The toll on the Severn crossing must be scrapped.",
        [s("must be scrapped", "negative", holder=None, kind="necessity")],
        id="need-must-be-scrapped",
    ),
    pytest.param(
        "The county's roads need urgent investment.",
        [s("need urgent investment", "negative", holder=None, kind="necessity")],
        id="need-urgent-investment",
    ),
    pytest.param(
        "The decision to close the ticket offices should be reversed.",
        [s("should be reversed", "negative", kind="necessity")],
        id="need-should-be-reversed",
    ),
    pytest.param(
        "Universities require more funding to stay afloat.",
        [s("require more funding", "negative", kind="necessity")],
        id="need-require-more-funding",
    ),
    pytest.param(
        "Primary schools need more teachers.",
        [s("need more teachers", "negative", kind="necessity")],
        id="need-more-teachers",
    ),
    pytest.param(
        "The ban on onshore wind farms should be lifted.",
        [s("should be lifted", "negative", kind="necessity")],
        id="need-should-be-lifted",
    ),
    pytest.param(
        "The free breakfast pilot should be extended to every county.",
        [s("should be extended", "positive", kind="necessity")],
        id="recommend-extend",
    ),
    pytest.param(
        "The review recommends that the exam board be abolished.",
        [s("abolished", "negative", kind="necessity")],
        id="recommend-abolish",
        marks=xf("'recommends that X be abolished' is not matched as necessity"),
    ),
    # --- prediction ---------------------------------------------------------------------------------
    pytest.param(
        "The proposed merger of the two colleges will fail.",
        [s("will fail", "negative", holder=None, kind="prediction")],
        id="predict-will-fail",
    ),
    pytest.param(
        "The president's tariff plan is unlikely to work.",
        [s("unlikely to work", "negative", kind="prediction")],
        id="predict-unlikely-to-work",
    ),
    pytest.param(
        "The coalition will collapse before Christmas.",
        [s("will collapse", "negative", kind="prediction")],
        id="predict-will-collapse",
    ),
    pytest.param(
        "The new rail franchise model is bound to fail.",
        [s("bound to fail", "negative", kind="prediction")],
        id="predict-bound-to-fail",
    ),
    pytest.param(
        "The business rates relief will help small shops.",
        [s("will help", "positive", kind="prediction")],
        id="predict-will-help",
    ),
    pytest.param(
        "The fuel duty rise will backfire.",
        [s("will backfire", "negative", kind="prediction")],
        id="predict-will-backfire",
    ),
    # --- difficulty ---------------------------------------------------------------------------------
    pytest.param(
        "Councils are struggling to fill potholes.",
        [s("struggling to", "negative", holder=None, kind="difficulty")],
        id="difficulty-struggling-to",
    ),
    pytest.param(
        "Small exporters face barriers to trade with the EU.",
        [s("barriers to", "negative", kind="difficulty")],
        id="difficulty-barriers-to",
    ),
    pytest.param(
        "Haulage firms are finding it difficult to recruit drivers.",
        [s("difficult", "negative", holder=None, kind="difficulty")],
        id="difficulty-difficult-to",
    ),
    pytest.param(
        "The trust has battled to keep the museum open.",
        [s("battled to", "negative", kind="difficulty")],
        id="difficulty-battled-to",
    ),
    # --- negation -----------------------------------------------------------------------------------
    pytest.param(
        "The new shift pattern is not workable.",
        [s("not workable", "negative", negated=True, holder=None, kind="evaluation")],
        id="neg-not-workable",
    ),
    pytest.param(
        "The new franchise will not fail.",
        [s("fail", "positive", negated=True, kind="prediction")],
        id="neg-will-not-fail",
    ),
    pytest.param(
        "The ferry service will never be profitable.",
        [s("profitable", "negative", negated=True)],
        id="neg-never-profitable",
    ),
    pytest.param(
        "The summit hardly counts as a breakthrough.",
        [s("breakthrough", "negative", negated=True)],
        id="neg-hardly-breakthrough",
    ),
    pytest.param(
        "The pay deal is far from generous.", [s("generous", "negative", negated=True)], id="neg-far-from-generous"
    ),
    pytest.param(
        "The pay offer is nowhere near good enough.", [s("good", "negative", negated=True)], id="neg-nowhere-near-good"
    ),
    pytest.param(
        "The relaunch failed to prove a success.", [s("success", "negative", negated=True)], id="neg-fail-to-success"
    ),
    pytest.param(
        "The stadium rollout was not a disaster.", [s("disaster", "positive", negated=True)], id="neg-not-a-disaster"
    ),
    pytest.param(
        "The measures won't help small farms.",
        [s("help", "negative", negated=True, kind="prediction")],
        id="neg-wont-help",
    ),
    pytest.param(
        "The club is not struggling to pay its players.",
        [s("struggling to", "positive", negated=True, kind="difficulty")],
        id="neg-not-struggling",
    ),
    pytest.param(
        "There is no crisis in the county's schools.", [s("crisis", "positive", negated=True)], id="neg-no-crisis"
    ),
    # --- "without", "denied", "declined" do not negate --------------------------------------------
    pytest.param(
        "Without a deal, the talks are doomed to fail.",
        [s("doomed to fail", "negative", kind="prediction")],
        id="nonneg-without",
    ),
    pytest.param(
        "The court denied bail, calling the defendant's plan unrealistic.",
        [s("unrealistic", "negative")],
        id="nonneg-denied",
    ),
    pytest.param(
        "The chairman declined to resign, insisting the club was heading in the right direction.",
        [s("right direction", "positive")],
        id="nonneg-declined",
    ),
    pytest.param(
        "Denied planning permission, the developer called the decision a disaster.",
        [s("disaster", "negative")],
        id="nonneg-denied-participle",
    ),
    pytest.param(
        "The bill passed without amendment, which critics called a failure.",
        [s("failure", "negative")],
        id="nonneg-without-amendment",
    ),
    # --- hedging ------------------------------------------------------------------------------------
    pytest.param(
        "The proposed airline merger might collapse.",
        [s("collapse", "negative", hedged=True, kind="prediction")],
        id="hedge-might-collapse",
    ),
    pytest.param(
        "The tax cut will probably backfire.",
        [s("backfire", "negative", hedged=True, kind="prediction")],
        id="hedge-probably-backfire",
    ),
    pytest.param(
        "The strike could cause chaos at the ports.", [s("chaos", "negative", hedged=True)], id="hedge-could-chaos"
    ),
    pytest.param(
        "Perhaps the new curriculum is a step in the right direction.",
        [s("right direction", "positive", hedged=True)],
        id="hedge-perhaps-right-direction",
    ),
    pytest.param(
        "It seems the rebuild is working well.",
        [s("working well", "positive", hedged=True)],
        id="hedge-it-seems-working-well",
    ),
    pytest.param(
        "The new stadium may prove a costly mistake.",
        [s("costly mistake", "negative", hedged=True)],
        id="hedge-may-mistake",
    ),
    pytest.param(
        "The reforms may not work.",
        [s("work", "negative", negated=True, hedged=True, kind="prediction")],
        id="hedge-may-not-work",
    ),
    # --- stance inside quotes: the holder is the speaker -------------------------------------------
    pytest.param(
        "“The budget is a disaster for working families,” said Ruth Alvarez, a Democratic senator.",
        [s("disaster", "negative", holder="Ruth Alvarez", kind="evaluation")],
        id="quote-disaster",
    ),
    pytest.param(
        "“These targets are simply unachievable,” said Mark Ellis, head of the teachers' union.",
        [s("unachievable", "negative", holder="Mark Ellis", kind="evaluation")],
        id="quote-unachievable",
    ),
    pytest.param(
        "“The new line has been a triumph,” Priya Shah, the transport commissioner, told reporters.",
        [s("triumph", "positive", holder="Priya Shah", kind="evaluation")],
        id="quote-triumph",
    ),
    pytest.param(
        "Jenny Walsh, the chief executive, said the chain needed more investment in its stores.",
        [s("needed more investment", "negative", holder="Jenny Walsh", kind="necessity")],
        id="quote-indirect-needed-more",
    ),
    pytest.param(
        "“This scheme will fail,” warned David Okafor.",
        [s("will fail", "negative", holder="David Okafor", kind="prediction")],
        id="quote-will-fail",
    ),
    pytest.param(
        "“The ruling is deeply flawed and must be overturned,” said Laura Kim, a lawyer for the families.",
        [
            s("deeply flawed", "negative", holder="Laura Kim", kind="evaluation"),
            s("must be overturned", "negative", holder="Laura Kim", kind="necessity"),
        ],
        id="quote-flawed-and-overturned",
    ),
    pytest.param(
        "“The club is heading in the right direction,” said Tom Barker, the manager.",
        [s("right direction", "positive", holder="Tom Barker", kind="evaluation")],
        id="quote-right-direction",
    ),
    pytest.param(
        "“The plan is not workable,” said Helen Marsh, leader of the opposition group.",
        [s("not workable", "negative", negated=True, holder="Helen Marsh", kind="evaluation")],
        id="quote-not-workable",
    ),
    pytest.param(
        "“Our members are struggling to pay their rent,” said Owen Price of the tenants' union.",
        [s("struggling to", "negative", holder="Owen Price", kind="difficulty")],
        id="quote-struggling",
    ),
    pytest.param(
        "“The merger may well collapse,” said Fiona Reid, an analyst at Barclays.",
        [s("collapse", "negative", hedged=True, holder="Fiona Reid", kind="prediction")],
        id="quote-hedged-collapse",
    ),
    pytest.param(
        "According to Sam Patel, the rail franchise is a shambles.",
        [s("shambles", "negative", holder="Sam Patel", kind="evaluation")],
        id="quote-according-to",
    ),
    pytest.param(
        "Carla Diaz, the mayor, said the tram extension would help local businesses.",
        [s("would help", "positive", holder="Carla Diaz", kind="prediction")],
        id="quote-would-help",
    ),
    pytest.param(
        "“The airport expansion should be abandoned,” said Rob Hale, a Green Party spokesman.",
        [s("should be abandoned", "negative", holder="Rob Hale", kind="necessity")],
        id="quote-should-be-abandoned",
    ),
    pytest.param(
        "“The new academy is a superb facility,” said Liam Ford, the head coach.",
        [s("superb", "positive", holder="Liam Ford", kind="evaluation")],
        id="quote-superb",
    ),
    pytest.param(
        "“These reforms will never work,” said Anita Bose, a former education secretary.",
        [s("work", "negative", negated=True, holder="Anita Bose", kind="prediction")],
        id="quote-never-work",
    ),
    pytest.param(
        "“The rent cap is a welcome move,” said Nadia Rahman of the renters' group.",
        [s("welcome", "positive", holder="Nadia Rahman", kind="evaluation")],
        id="quote-welcome",
    ),
    # --- neutral: no position is taken --------------------------------------------------------------
    pytest.param("The parish council meets on the first Tuesday of each month.", [], id="neutral-meeting"),
    pytest.param("The House voted 218-214 to approve the measure on Thursday.", [], id="neutral-vote"),
    pytest.param("Shares in the retailer closed at 412p in London.", [], id="neutral-shares"),
    pytest.param("Heavy rain is forecast for north-west England on Saturday.", [], id="neutral-weather"),
    pytest.param("The 07:42 service to Leeds will depart from platform 4.", [], id="neutral-timetable"),
    pytest.param("The new bridge is 340 metres long and carries four lanes of traffic.", [], id="neutral-bridge"),
    pytest.param("Arsenal beat Fulham 2-1 at the Emirates on Sunday.", [], id="neutral-football"),
    pytest.param("The trial is expected to last six weeks.", [], id="neutral-trial-length"),
    pytest.param("The company employs 4,200 people across 12 sites.", [], id="neutral-employees"),
    pytest.param("The Supreme Court will hear the case in October.", [], id="neutral-court-date"),
    pytest.param("Pupils return to school on 4 September.", [], id="neutral-term-date"),
    pytest.param("The governor signed the bill into law on Friday.", [], id="neutral-signed"),
    pytest.param("Temperatures reached 31C in London on Wednesday.", [], id="neutral-temperature"),
    pytest.param("The mayor said the consultation would close on 14 June.", [], id="neutral-quote-date"),
    pytest.param("The new tram line will open in May.", [], id="neutral-will-open"),
    pytest.param("The college offers courses in engineering and design.", [], id="neutral-courses"),
    pytest.param("The firm reported revenue of £1.2bn for the year to March.", [], id="neutral-revenue"),
    pytest.param("England will play Australia at Lord's next summer.", [], id="neutral-fixture"),
]


# More cases, one line each: (id, text, expected).
MORE_CASES: list[tuple[str, str, list[dict[str, Any]]]] = [
    # --- evaluations -----------------------------------------------------------------------------
    (
        "deeply-flawed",
        "Critics said the new rail timetable was deeply flawed.",
        [s("deeply flawed", "negative", kind="evaluation")],
    ),
    ("unworkable", "Hauliers called the border checks unworkable.", [s("unworkable", "negative")]),
    ("welcome-step", "The reform is a welcome step for renters.", [s("welcome", "positive")]),
    ("disaster", "The opening night was a disaster.", [s("disaster", "negative")]),
    ("fraught", "The merger is fraught with problems.", [s("fraught with", "negative")]),
    ("shambles", "Opposition leaders said the rollout was a shambles.", [s("shambles", "negative")]),
    ("crisis", "The county faces a housing crisis.", [s("crisis", "negative")]),
    ("heroic-assumptions", "The forecast rests on heroic assumptions.", [s("heroic assumptions", "negative")]),
    (
        "right-direction",
        "Economists said the budget was a step in the right direction.",
        [s("right direction", "positive")],
    ),
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
    (
        "need-more-funding",
        "Universities need more funding to stay open.",
        [s("need more funding", "negative", kind="necessity")],
    ),
    ("must-be-scrapped", "The union said the policy must be scrapped.", [s("must be scrapped", "negative")]),
    ("needs-investment", "The water network needs urgent investment.", [s("needs urgent investment", "negative")]),
    ("calls-for-more", "Farmers called for more support after the floods.", [s("called for more support", "negative")]),
    # --- predictions ---------------------------------------------------------------------------------
    ("will-fail", "Analysts warned that the merger will fail.", [s("will fail", "negative", kind="prediction")]),
    (
        "will-succeed",
        "The coach insisted the new system will succeed.",
        [s("will succeed", "positive", kind="prediction")],
    ),
    ("will-collapse", "Several small airlines will collapse this winter.", [s("will collapse", "negative")]),
    ("unlikely-to-succeed", "The appeal is unlikely to succeed.", [s("unlikely to succeed", "negative")]),
    ("many-will-fail", "Many of the new start-ups will fail.", [s("will fail", "negative")]),
    # --- difficulty ----------------------------------------------------------------------------------
    (
        "struggling-to",
        "Schools are struggling to recruit maths teachers.",
        [s("struggling to", "negative", kind="difficulty")],
    ),
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
    (
        "might-succeed",
        "The new drug might succeed where others did not.",
        [s("might succeed", "positive", hedged=True)],
    ),
    ("could-collapse", "The coalition could collapse by spring.", [s("could collapse", "negative", hedged=True)]),
    ("probably-unworkable", "The scheme is probably unworkable.", [s("unworkable", "negative", hedged=True)]),
    (
        "perhaps-welcome",
        "Perhaps the most welcome change is the new bus lane.",
        [s("welcome", "positive", hedged=True)],
    ),
    ("it-seems-flawed", "It seems the design was flawed from the start.", [s("flawed", "negative", hedged=True)]),
    # --- holders from quotes --------------------------------------------------------------------------
    ("holder-direct", "“The system is broken,” said Maria Lopez.", [s("broken", "negative", holder="Maria Lopez")]),
    (
        "holder-uk",
        "‘This offer is a disaster for our members,’ said union leader Sharon Graham.",
        [s("disaster", "negative", holder="Sharon Graham")],
    ),
    ("holder-none-author", "The stadium plan is deeply flawed.", [s("deeply flawed", "negative", holder=None)]),
    (
        "holder-colon",
        "The mayor said: “Our transport network is a triumph.”",
        [s("triumph", "positive", holder="the mayor")],
    ),
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


# Open vocabulary (issue 18): evaluative words from the lexicon, grown into their phrase, with
# intensifiers, idioms of news, and the places a lexicon word takes no position.
OPEN_CASES: list[tuple[str, str, list[dict[str, Any]]]] = [
    # --- adjectives before a noun: negative --------------------------------------------------------
    ("amod-crumbling", "Pupils are taught in crumbling classrooms.", [s("crumbling classrooms", "negative")]),
    ("amod-reckless", "Critics called it a reckless gamble with pensions.", [s("reckless gamble", "negative")]),
    ("amod-anaemic", "The retailer posted anaemic sales over Christmas.", [s("anaemic sales", "negative")]),
    ("amod-brutal", "Nurses describe brutal shifts on the wards.", [s("brutal shifts", "negative")]),
    ("amod-deceptive", "The regulator fined the airline for deceptive pricing.", [s("deceptive pricing", "negative")]),
    ("amod-tragic", "The inquest heard of a tragic error by the ambulance crew.", [s("tragic error", "negative")]),
    ("amod-worsening", "Commuters face worsening delays on the coast line.", [s("worsening delays", "negative")]),
    (
        "amod-cash-strapped",
        "Cash-strapped councils are selling off libraries.",
        [s("Cash-strapped councils", "negative")],
    ),
    (
        "amod-under-resourced",
        "The under-resourced tribunal has a long queue.",
        [s("under-resourced tribunal", "negative")],
    ),
    (
        "amod-delayed",
        "Farmers protested against delayed subsidy payments.",
        [s("delayed subsidy payments", "negative")],
    ),
    # --- predicates: negative ------------------------------------------------------------------------
    ("pred-overstretched", "Midwives say they are overstretched.", [s("overstretched", "negative")]),
    ("pred-depleted", "The fire service's reserves are hugely depleted.", [s("hugely depleted", "negative")]),
    ("pred-unsustainable", "The county's social care spending is unsustainable.", [s("unsustainable", "negative")]),
    ("pred-fragile", "The recovery in house building remains fragile.", [s("fragile", "negative")]),
    ("pred-overwhelmed", "Food banks in the region are overwhelmed.", [s("overwhelmed", "negative")]),
    ("pred-angry", "Parents are angry about the new catchment rules.", [s("angry", "negative")]),
    ("pred-not-sufficient", "The new grants are not sufficient.", [s("not sufficient", "negative", negated=True)]),
    (
        "pred-aren't-enough",
        "The extra buses aren't sufficient for the crowds.",
        [s("sufficient", "negative", negated=True)],
    ),
    # --- predicates: positive ------------------------------------------------------------------------
    ("pred-wonderful", "Visitors say the restored pier is wonderful.", [s("wonderful", "positive")]),
    ("pred-impressive", "The club's academy results are impressive.", [s("impressive", "positive")]),
    ("pred-resilient", "Exporters have proved resilient.", [s("resilient", "positive")]),
    ("pred-upbeat-news", "The harbour board is thriving.", [s("thriving", "positive")]),
    ("pred-friendly", "Staff at the new clinic are friendly and helpful.", [s("friendly and helpful", "positive")]),
    # --- intensifiers and downtoners -----------------------------------------------------------------
    (
        "insufficiently-enthusiastic",
        "The minister was insufficiently enthusiastic about the reform.",
        [s("enthusiastic", "negative")],
    ),
    ("overly-optimistic", "The growth forecast is overly optimistic.", [s("optimistic", "negative")]),
    ("unduly-generous", "Auditors found the bonus scheme unduly generous.", [s("generous", "negative")]),
    ("slightly-disappointing", "The turnout was slightly disappointing.", [s("disappointing", "negative")]),
    ("deeply-damaging", "The leak was deeply damaging to the party.", [s("deeply damaging", "negative")]),
    # --- nouns: with a size or evaluative modifier, as predicates, and our news words ----------------
    (
        "noun-enormous-strain",
        "The heatwave put enormous strain on the water network.",
        [s("enormous strain", "negative")],
    ),
    ("noun-bitter-anger", "There was bitter anger at the closure of the pool.", [s("bitter anger", "negative")]),
    ("noun-insolvency", "Two care homes are on course for insolvency.", [s("insolvency", "negative")]),
    ("noun-shortfall", "The college faces a shortfall in its budget.", [s("shortfall", "negative")]),
    ("noun-austerity", "Years of austerity have hollowed out youth services.", [s("austerity", "negative")]),
    ("noun-fragility", "Bankers warned of the sector's fragility.", [s("fragility", "negative")]),
    (
        "noun-headache",
        "The roadworks are a real headache for shopkeepers.",
        [s("headache", "negative", kind="difficulty")],
    ),
    ("noun-meltdown", "Traders feared a meltdown in the bond market.", [s("meltdown", "negative")]),
    ("noun-acclaim", "The production won acclaim from critics.", [s("acclaim", "positive")]),
    (
        "noun-predicate-catastrophe",
        "For the fishing fleet the quota deal is a catastrophe.",
        [s("catastrophe", "negative")],
    ),
    (
        "noun-biggest-challenge",
        "Recruitment is one of the biggest challenges for the force.",
        [s("biggest challenges", "negative")],
    ),
    ("noun-is-a-challenge", "Keeping rural bus routes open will always be a challenge.", [s("challenge", "negative")]),
    # --- idioms --------------------------------------------------------------------------------------
    ("idiom-bottomless-pit", "The stadium project has become a bottomless pit.", [s("bottomless pit", "negative")]),
    ("idiom-brink", "The strike pushed the ferry firm to the brink of collapse.", [s("brink of collapse", "negative")]),
    ("idiom-verge", "Several village pubs are on the verge of closure.", [s("verge of closure", "negative")]),
    ("idiom-no-end", "For patients on the waiting list there is no end in sight.", [s("no end in sight", "negative")]),
    (
        "idiom-state-of-emergency",
        "The county declared a state of emergency after the floods.",
        [s("state of emergency", "negative")],
    ),
    ("idiom-era-of-austerity", "Ministers warned of a new era of austerity.", [s("era of austerity", "negative")]),
    ("idiom-lost-sight", "The board has lost sight of its own members.", [s("lost sight of", "negative")]),
    ("idiom-lost-control", "The party has lost control of its finances.", [s("lost control of", "negative")]),
    ("idiom-no-go", "Raising the fares again is a no go for the mayor.", [s("no go", "negative")]),
    ("idiom-non-starter", "The landlords' proposal is a non-starter.", [s("non-starter", "negative")]),
    ("idiom-no-excuse", "There is simply no excuse for the delays.", [s("no excuse", "negative")]),
    ("idiom-swipe-at", "The governor took a swipe at the federal agency.", [s("swipe at", "negative")]),
    ("idiom-hit-out-at", "Farmers hit out at the new import rules.", [s("hit out at", "negative")]),
    ("idiom-world-class", "The university has world-class laboratories.", [s("world-class laboratories", "positive")]),
    ("idiom-is-working", "The new triage system is working, doctors said.", [s("is working", "positive")]),
    ("idiom-paying-off", "The shift to electric buses is paying off.", [s("paying off", "positive")]),
    # --- performance and harm --------------------------------------------------------------------------
    (
        "did-not-execute-well",
        "The chain admitted it did not execute well last year.",
        [s("not execute well", "negative", negated=True)],
    ),
    ("badly-affected", "Coastal resorts were badly affected by the storms.", [s("badly affected", "negative")]),
    (
        "adversely-affected",
        "Students with disabilities are adversely affected by the change.",
        [s("adversely affected", "negative")],
    ),
    ("record-slump", "Car makers reported the steepest drop in output for a decade.", [s("steepest drop", "negative")]),
    ("welcomed", "Residents welcomed the decision to reopen the library.", [s("welcomed", "positive")]),
    ("praised", "Inspectors praised the school's reading scheme.", [s("praised", "positive")]),
    # --- targets: the noun phrase evaluated, never a pronoun -------------------------------------------
    ("target-amod", "Patients are waiting in crumbling hospitals.", [s("crumbling hospitals", "negative")]),
    ("target-subject", "The new tram timetable is unworkable.", [s("unworkable", "negative")]),
    ("target-pronoun-none", "He said it was dreadful.", [s("dreadful", "negative")]),
    # --- holders from quotes ---------------------------------------------------------------------------
    (
        "holder-quote-open",
        "“The wards are overcrowded,” said nurse Amira Khan.",
        [s("overcrowded", "negative", holder="Amira Khan")],
    ),
    (
        "holder-quote-idiom",
        "“This budget is a bottomless pit,” said councillor Tom Reid.",
        [s("bottomless pit", "negative", holder="Tom Reid")],
    ),
    # --- hedges and negation on open-vocabulary words -------------------------------------------------
    ("hedged-lexicon", "The rollout may be disastrous for small shops.", [s("disastrous", "negative", hedged=True)]),
    ("negated-lexicon", "The consultation was not inadequate.", [s("not inadequate", "positive", negated=True)]),
    # --- no position: names, compounds, answer options, hypotheticals, change verbs, topics -----------
    ("none-alt-right", "The alt-right group held a rally in the square.", []),
    ("none-right-wing", "The right-wing paper ran the story on Sunday.", []),
    ("none-name", "Save the Children opened a new office in Leeds.", []),
    ("none-answer-options", "How would you rate the bus service?\nVery good\nGood\nFair\nPoor", []),
    ("none-if", "If the new tolls are unfair, the council will review them.", []),
    ("none-whether", "Members will debate whether the merger will succeed.", []),
    ("none-fell", "Shares in the bank fell 4% on Tuesday.", []),
    ("none-rose", "House prices rose in every region last month.", []),
    ("none-secure", "The club secured a loan from the league.", []),
    ("none-pushing", "Campaigners are pushing for a second crossing.", []),
    ("none-topic-pressure", "The committee discussed pressure on school budgets.", []),
    ("none-topic-poverty", "The charity works on child poverty in the city.", []),
    ("none-positive-attributive", "The firm hired a charming lawyer from London.", []),
    ("none-superlative", "The richest families paid the most tax.", []),
    ("none-break-down-object", "The plan aims to break down the barriers between services.", []),
    ("none-lose-sight-exhortation", "We must not lose sight of the timetable.", []),
    ("none-denied-participle", "Denied a visa, the singer cancelled the tour.", []),
    ("none-too-to", "The new lanes are too narrow to be safe.", [s("too narrow", "negative")]),
    ("none-critical-importance", "Bus routes are critical to rural towns.", []),
    ("none-legal-challenge", "The landlord lodged a legal challenge against the fine.", []),
]

# Known failures of OPEN_CASES: id -> reason (strict xfails).
OPEN_KNOWN_FAILURES: dict[str, str] = {}


def _stance(text: str, nlp: Any) -> list[dict[str, Any]]:
    return [r for r in extract.claims(text, nlp) if r["type"] == "stance"]


def _matches(text: str, key: str, record: dict[str, Any]) -> bool:
    """The record's span overlaps the key's span and its text holds the key words."""
    start = text.find(key)
    assert start >= 0, f"key {key!r} is not in the text"
    return record["start"] < start + len(key) and start < record["end"] and key in record["text"]


@pytest.mark.parametrize(
    ("text", "expected"), [*CASES, *params(MORE_CASES, {}), *params(OPEN_CASES, OPEN_KNOWN_FAILURES)]
)
def test_stance(text: str, expected: list[dict[str, Any]], nlp: Any) -> None:
    records = _stance(text, nlp)
    unmatched = list(records)
    for exp in expected:
        found = next((r for r in unmatched if _matches(text, exp["key"], r)), None)
        assert found is not None, f"no stance record for {exp['key']!r}; got {[r['text'] for r in records]}"
        unmatched.remove(found)
        got = {field: found[field] for field in exp["fields"]}
        assert got == exp["fields"], f"{exp['key']!r} ({found['text']!r})"
    assert not unmatched, f"unexpected stance records: {[(r['text'], r['polarity']) for r in unmatched]}"
