"""Every zone title readable: it shrinks to fit the zone, then wraps to two lines, then is cut
short with the whole name in its tooltip; each kind's symbol is drawn, not an emoji glyph."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from app.canvas.items import ZoneLabel
from app.canvas.kind_icons import kind_path
from app.model import WallFeature, Zone, ZoneKind


def label_for(name: str, width: float) -> ZoneLabel:
    label = ZoneLabel()
    label.show_zone(Zone(id="z", kind="collaboration", name=name, station=2,
                         polygon=[(0, 0), (width, 0), (width, 60), (0, 60)]))
    return label


def test_a_title_that_fits_is_shown_whole_on_one_line(qapp):
    label = label_for("Group tables", 200)
    assert label.lines == ["2. Group tables"] and label.toolTip() == ""


def test_a_long_title_wraps_to_two_lines_before_it_is_cut(qapp):
    label = label_for("Group tables by the windows", 100)
    assert len(label.lines) == 2 and " ".join(label.lines) == "2. Group tables by the windows"
    assert label.toolTip() == ""
    font = QFont(label._font)
    room = 100 - 4 - ZoneLabel.ICON - 8
    assert all(QFontMetricsF(font).horizontalAdvance(line) <= room for line in label.lines)  # nothing clipped
    assert label.boundingRect().width() <= 100


def test_a_title_too_long_for_two_lines_is_cut_with_the_whole_name_on_hover(qapp):
    label = label_for("Online learning corner with the headphones and the charging cart", 60)
    assert len(label.lines) == 2 and label.lines[1].endswith("…")
    assert label.toolTip() == "2. Online learning corner with the headphones and the charging cart"


def test_the_station_number_stays_with_the_first_word_of_its_name(qapp):
    label = label_for("Chromebooks", 60)  # "2. Chromebooks" is too long for one line
    assert len(label.lines) == 1 and label.lines[0].startswith("2. Chr")  # never "2." alone on a line
    assert label.toolTip() == "2. Chromebooks"


def test_with_no_spot_clear_the_title_takes_the_one_that_hides_the_least(qapp):
    label = label_for("Group tables", 200)  # a 200 x 60 in zone
    w, h = label.boundingRect().width(), label.boundingRect().height()
    # names over the whole zone but its bottom right, where one is shorter
    label.place([QRectF(0, 0, 200, 45), QRectF(0, 45, 150, 15)])
    assert (label.anchor.x(), label.anchor.y()) == (200 - 2 - w, 60 - 2 - h)


def test_every_kind_has_a_drawn_symbol(qapp):
    from PySide6.QtCore import QRectF

    for kind in ZoneKind:
        path = kind_path(kind, QRectF(0, 0, 16, 16))
        assert path.elementCount() >= 3, kind
        box = path.boundingRect()
        assert box.width() > 4 and box.left() >= -0.5 and box.right() <= 16.5, kind


def test_a_zone_title_moves_to_a_corner_clear_of_its_pieces_names(gui):
    w = gui.w
    w.editing.arm_tool("rect:online")
    gui.drag((24, 24), (200, 120))
    zone = w.doc.layout.zones[-1]
    gui.drop("piece:computer-table", 60, 50)  # its name runs across the zone's top-left corner
    label = w.scene.zones[zone.id].label
    piece = w.scene.pieces[w.doc.layout.pieces[-1].id].sceneBoundingRect()
    band = piece.adjusted(0, piece.height() / 2 - 4.5, 0, -(piece.height() / 2 - 4.5))
    gui.qtbot.waitUntil(lambda: not label.mapRectToScene(label.boundingRect()).intersects(band))
    title = label.mapRectToScene(label.boundingRect())
    assert title.left() > 24 or title.top() > 60  # it left the top-left corner


def test_a_zone_title_keeps_clear_of_a_whiteboards_name_on_the_wall(gui):
    w = gui.w
    room = w.doc.layout.room
    board = WallFeature(id="board", wall=0, position=60, width=96, label="Whiteboard", kind="whiteboard")
    assert w.scene.edits.set_room(room.model_copy(update={"features": [board]}), "Add a whiteboard") is None
    w.editing.arm_tool("rect:mini-lesson")
    gui.drag((4, 4), (150, 100))  # the zone's top-left corner is where the board's name is written
    label = w.scene.zones[w.doc.layout.zones[-1].id].label
    written = w.scene.room_item.label_rects()
    assert len(written) == 1 and written[0].top() < 20 and written[0].width() < 96
    gui.qtbot.waitUntil(lambda: not label.mapRectToScene(label.boundingRect()).intersects(written[0]))


def test_with_every_corner_covering_a_name_the_title_goes_down_the_side_to_a_clear_spot(gui):
    w = gui.w
    w.editing.arm_tool("rect:collaboration")
    gui.drag((24, 24), (160, 140))
    label = w.scene.zones[w.doc.layout.zones[-1].id].label
    gui.drop("piece:activity-table", 92, 30)  # its name's band runs across both top corners
    for x in (40, 144):  # and a shelf's name under each bottom corner
        gui.drop("piece:bookshelf", x, 134)
    gui.qtbot.waitUntil(lambda: 30 < label.anchor.y() < 110)
    title = label.mapRectToScene(label.boundingRect())
    bands = [QRectF(r.left(), r.center().y() - 7, r.width(), 14.0)  # where each piece's name is written
             for r in (item.sceneBoundingRect() for item in w.scene.pieces.values())]
    assert not any(title.intersects(band) for band in bands)


def test_in_a_narrow_zone_the_kinds_symbol_gives_its_room_to_the_name(qapp):
    roomy = label_for("Chromebooks", 200)
    assert roomy.icon and roomy.lines == ["2. Chromebooks"]
    narrow = label_for("Chromebooks", 72)  # a 6 ft station: the name reads whole without the symbol
    assert not narrow.icon and narrow.lines == ["2. Chromebooks"] and narrow.toolTip() == ""
    assert narrow.boundingRect().width() <= 72 - 4
