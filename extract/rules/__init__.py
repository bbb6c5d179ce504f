"""Rules as data: the pattern-file schema, loading a rule set, and matching rules in a doc."""

from extract.rules.loading import RuleSet, default_patterns_dir, load_rules
from extract.rules.schema import LABELS, PatternError, Rule

__all__ = ["LABELS", "PatternError", "Rule", "RuleSet", "default_patterns_dir", "load_rules"]
