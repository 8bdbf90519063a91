"""Reusable widgets bound to field keys (inputs, messages, attachments, charts, editors)."""
