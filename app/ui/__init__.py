"""The editor window, its panels and the Document that owns the open project (Qt)."""
