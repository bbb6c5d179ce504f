"""The words speaker resolution reads: honorifics, role nouns, bodies, documents, quantities."""

HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "rev", "reverend", "cllr", "councillor", "baroness", "baron", "president", "senator", "sen",
    "rep", "gov", "governor", "judge", "justice", "rt", "hon", "the", "superintendent", "inspector",
    "detective", "sergeant", "constable", "commissioner", "mayor", "coach", "captain", "general",
    "colonel", "lieutenant", "commander", "bishop", "archbishop", "rabbi", "imam", "father", "sheriff",
    "chancellor", "ambassador", "principal", "chief", "officer", "dean",
}
# Titles written after a name ("Clive Betts MP") that are roles, not part of the name.
POST_TITLES = {"mp", "msp", "mep", "am", "qc", "kc", "obe", "mbe", "cbe", "phd", "jr", "sr"}
# Nouns that name a person by position; "the committee chair" is somebody in the document.
ROLE_NOUNS = {
    "chair", "chairman", "chairwoman", "chairperson", "chief", "executive", "director", "minister",
    "secretary", "spokesman", "spokeswoman", "spokesperson", "mp", "mayor", "leader", "peer",
    "president", "chancellor", "governor", "senator", "head", "officer", "manager", "founder",
    "editor", "professor", "economist", "analyst", "official", "commissioner", "boss", "ceo",
    "representative", "member", "fellow", "author", "adviser", "advisor", "lawyer", "judge",
    "researcher", "doctor", "nurse", "expert", "partner", "premier", "prime", "treasurer",
    "constable", "inspector", "superintendent", "coach", "captain", "prosecutor", "attorney",
    "sheriff", "councillor", "councilman", "councilwoman", "ambassador", "commander", "principal",
    "headteacher", "headmaster", "headmistress", "dean", "governor", "trustee", "owner", "inspector",
}
# Nouns for documents and studies: they speak for the organisation behind them.
DOCUMENT_NOUNS = {
    "survey", "report", "study", "analysis", "poll", "research", "review", "results", "findings",
    "figures", "data", "paper", "audit", "inquiry", "guidance", "document", "assessment", "index",
}
# Nouns for the people who answered a survey: the survey's organisation is the source.
RESPONDENT_NOUNS = {"respondent", "respondents", "participants", "surveyed", "interviewees", "those"}
FIRST_PERSON = {"i", "we", "us", "me", "our", "my"}
NEGATIVE_DETERMINERS = {"no", "nobody", "none", "neither"}
# Organisations named by a common noun: "the council said" is a source worth keeping.
BODY_NOUNS = {
    "committee", "government", "council", "department", "ministry", "company", "union", "firm",
    "agency", "board", "panel", "charity", "party", "treasury", "court", "police", "regulator",
    "club", "team", "league", "federation", "association", "school", "university", "college",
    "hospital", "trust", "bank", "airline", "authority", "commission", "institute", "foundation",
    "watchdog", "coalition", "campaign", "network", "operator", "insurer", "retailer", "lender",
    "manufacturer", "broadcaster", "publisher", "administration", "cabinet", "parliament", "senate",
    "congress", "army", "military", "prosecutor", "prosecutors", "embassy", "office", "group",
}
# Nouns for groups and people that can be a source ("experts warned", "the committee said").
SOURCE_NOUNS = ROLE_NOUNS | DOCUMENT_NOUNS | RESPONDENT_NOUNS | BODY_NOUNS | {
    "expert", "critic", "campaigner", "source", "people", "colleague", "staff", "worker", "group",
    "organisation", "organization", "body", "agency", "office", "party", "board", "panel", "team",
    "charity", "spokesman", "spokeswoman", "residents", "parents", "patients", "voter", "doctor",
    "treasury", "conference", "one", "insider", "observer", "user", "customer", "investor",
    "half", "quarter", "third", "majority", "minority", "most", "many", "some", "%", "percent",
}
QUANTITY_HEADS = {
    "half", "quarter", "third", "thirds", "quarters", "majority", "minority", "most", "%", "percent",
    "more", "fewer", "less",
}
SOURCE_NOUNS |= QUANTITY_HEADS
