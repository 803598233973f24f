"""Reminders (design §5.6, `prongsai remind`): which are due on a day — measure deadlines, the
6-month and year-end reports, OIT items to refresh before the assessment — computed from plain
facts with the rules kept as data (reminders/data/rules.yaml). No Django here: the web layer
reads the facts, resolves who gets each reminder and sends it by e-mail or LINE."""

from prongsai.reminders.rules import RuleBook, default_rules, load_rules, parse_rules
from prongsai.reminders.schedule import AgencyFacts, MeasureFact, OitFact, Reminder, due_on

__all__ = ["AgencyFacts", "MeasureFact", "OitFact", "Reminder", "RuleBook", "default_rules", "due_on", "load_rules",
           "parse_rules"]
