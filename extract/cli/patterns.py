"""``extract patterns``: validate pattern files and run their examples."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from extract.cli.app import MODEL_OPTION, main, pipeline


@main.group()
def patterns() -> None:
    """Work with pattern files."""


@patterns.command("check")
@click.argument("dirs", nargs=-1, type=click.Path(exists=True, file_okay=False))
@MODEL_OPTION
def patterns_check(dirs, model) -> None:
    """Validate pattern files and word lists (the shipped ones and DIRS), and run their rules'
    examples: a rule that does not fire on one of its examples is an error.

    \b
    Example:
      extract patterns check my_rules/
    """
    from extract.rules.folders import default_patterns_dir
    from extract.rules.loading import check_folders

    problems = check_folders([Path(d) for d in dirs])
    if not problems:
        problems = _rule_failures(dirs, model, counterexamples=False)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        sys.exit(1)
    click.echo(f"rules OK in {1 + len(dirs)} folder(s) ({default_patterns_dir()}{''.join(f', {d}' for d in dirs)})")


@patterns.command("test")
@click.argument("dirs", nargs=-1, type=click.Path(exists=True, file_okay=False))
@MODEL_OPTION
def patterns_test(dirs, model) -> None:
    """Run the examples and counterexamples of the rules in DIRS (default: the shipped rules)
    and list each one that fails.

    \b
    Example:
      extract patterns test my_rules/
    """
    from extract.rules.loading import check_folders

    problems = check_folders([Path(d) for d in dirs]) or _rule_failures(dirs, model, counterexamples=True)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        sys.exit(1)
    click.echo("every example fires its rule and no counterexample does")


def _rule_failures(dirs: tuple[str, ...], model: str, *, counterexamples: bool) -> list[str]:
    """The failing examples (and counterexamples) of the rules in ``dirs``, else of the shipped rules."""
    from extract.rules.folders import default_patterns_dir
    from extract.rules.loading import load_rules
    from extract.tools.rule_tests import RuleTester

    rules = load_rules([Path(d) for d in dirs])
    folders = [Path(d).resolve() for d in dirs] or [default_patterns_dir().resolve()]
    checked = [r for r in rules.rules if Path(r.origin.rsplit(":", 1)[0]).resolve().parent in folders]
    tester = RuleTester(pipeline(model, dirs), rules)
    return [str(failure) for failure in tester.failures(checked, counterexamples=counterexamples)]
