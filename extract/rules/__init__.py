"""Rules as data: the pattern-file schema, word lists, loading a rule set, and matching rules in a doc."""

from extract.rules.errors import PatternError
from extract.rules.folders import default_patterns_dir
from extract.rules.loading import RuleSet, load_rules
from extract.rules.schema import LABELS, Rule
from extract.rules.words import Words

__all__ = ["LABELS", "PatternError", "Rule", "RuleSet", "Words", "default_patterns_dir", "load_rules"]
