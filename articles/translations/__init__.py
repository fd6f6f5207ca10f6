"""Translations of articles, people and terms: per-language status and its transitions, the
translator's admin views and dashboard, XLIFF exchange, e-mail to translators."""
