"""The plan view: scene mirroring the Document, items, mouse tools (Qt)."""
