"""The plan view: scene mirroring the Document, items, mouse tools (Qt). It sits below the window
(app/ui) and never imports it: edits reach the Document through app.canvas.editing.PlanEdits."""
