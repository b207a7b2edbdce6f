"""File > New from template…: the menu entry, a template laid out to the size asked, and a room
too small for it leaving the open plan as it was."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from app.templates import lay_out, templates
from app.ui.template_dialog import TemplateDialog


def _template(key: str):
    return next(t for t in templates() if t.layouts[0].id == key)


def _file_menu(window):
    return next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "File")


def test_the_menu_entry_sits_next_to_new_room(editor):
    texts = [a.text().replace("&", "") for a in _file_menu(editor).actions()]
    assert texts[texts.index("New room…") + 1] == "New from template…"


def test_choosing_a_template_and_a_size_opens_that_layout(editor):
    editor.files.ask_template = lambda: (_template("pods-of-four"), 24 * 12.0, 28 * 12.0)
    editor.doc.undo_stack.resetClean()  # unsaved work: asked about first (the fixture discards)
    editor.files.new_template_action.trigger()
    layout = editor.doc.layout
    assert layout == lay_out(_template("pods-of-four"), 288, 336)
    assert layout.room.bounds() == (0, 0, 288, 336)
    assert editor.doc.undo_stack.isClean() and editor.doc.undo_stack.count() == 0
    assert editor.doc.path is None
    assert editor.messages == []
    assert len(editor.scene.items()) > len(layout.pieces)


def test_a_room_too_small_shows_the_line_and_keeps_the_plan(editor):
    before = editor.doc.project
    editor.files.ask_template = lambda: (_template("pods-of-four"), 16 * 12.0, 18 * 12.0)
    editor.files.new_from_template()
    assert editor.doc.project is before
    assert editor.messages == [("error", "a 16 x 18 ft room is too small for pods of four: it needs at least 17 x 27 ft")]


def test_cancel_keeps_the_plan(editor):
    before = editor.doc.project
    editor.files.ask_template = lambda: None
    editor.files.new_from_template()
    assert editor.doc.project is before and editor.messages == []


def test_the_dialog_previews_and_says_what_does_not_fit(qtbot):
    dialog = TemplateDialog(templates(), "ft-in")
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 5
    assert dialog.list.item(1).text().startswith("Pods of four\n")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.list.setCurrentRow(1)
    dialog.width_box.setValue(16)
    dialog.depth_box.setValue(18)
    assert dialog.problem.text() == "a 16 x 18 ft room is too small for pods of four: it needs at least 17 x 27 ft"
    assert not ok.isEnabled()
    dialog.width_box.setValue(30)
    dialog.depth_box.setValue(32)
    assert dialog.problem.text() == "" and ok.isEnabled()
    assert not dialog.list.item(1).icon().isNull()
    template, width, depth = dialog.choice()
    assert template.layouts[0].id == "pods-of-four" and (width, depth) == (360, 384)


def test_the_dialog_speaks_metres(qtbot):
    dialog = TemplateDialog(templates(), "metric")
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(1)
    dialog.width_box.setValue(4.9)
    dialog.depth_box.setValue(5.5)
    assert dialog.problem.text().startswith("a 4.9 x 5.5 m room is too small for pods of four: it needs at least")


def test_each_preview_draws_the_furniture_where_it_stands(qapp):
    from app.canvas.style import piece_fill
    from app.ui.template_dialog import PREVIEW, preview

    for template in templates():
        layout = lay_out(template, 360, 384)
        image = preview(layout).toImage()
        x0, y0, x1, y1 = layout.room.bounds()
        scale = min((PREVIEW.width() - 6) / (x1 - x0), (PREVIEW.height() - 6) / (y1 - y0))
        ox, oy = (PREVIEW.width() - (x1 - x0) * scale) / 2, (PREVIEW.height() - (y1 - y0) * scale) / 2
        desks = [p for p in layout.pieces if p.solid]
        assert desks, template.layouts[0].name
        for desk in desks:
            pixel = image.pixelColor(int(ox + (desk.x - x0) * scale), int(oy + (desk.y - y0) * scale))
            fill = piece_fill(desk)
            assert abs(pixel.red() - fill.red()) + abs(pixel.green() - fill.green()) < 40, (template.layouts[0].name, desk.id)
