"""Small projects for the export tests: a station-rotation room, and one with two layouts."""

from __future__ import annotations

import pytest

from app.model import Door, Layout, Piece, Project, Room, Signal, TransitionPlan, WallFeature, Window, Zone

STATIONS = [
    # id, kind, name, station, polygon corners, how_used, positive_environment
    ("guided", "mini-lesson", "Teacher table", 1, (20, 20, 150, 130),
     "The teacher meets four students for a short lesson on fractions.",
     "Students get help right when they need it, so nobody stays stuck."),
    ("groups", "collaboration", "Team tables", 2, (210, 20, 340, 130),
     "Teams solve one shared problem with role cards.",
     "Every voice counts and students learn to rely on each other."),
    ("online", "online", "Laptop bar", 3, (210, 170, 340, 280),
     "Students watch the lesson video and practise at their own pace.",
     "Learners control the pace and path of their work."),
    ("reading", "quiet", "Nguyễn Thị Ánh reading nook", 4, (20, 170, 150, 280),
     "A quiet place to read a chosen book or reset after a hard moment.",
     "A calm corner helps students regulate and feel safe."),
]


def rect(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def station_layout(layout_id: str = "rotation", name: str = "Station rotation", **changes) -> Layout:
    room = Room(
        outline=rect(0, 0, 360, 300),
        doors=[Door(id="door", wall=2, position=180, width=36, label="Main door")],
        windows=[Window(id="win", wall=1, position=150, width=60)],
        features=[WallFeature(id="board", wall=0, position=180, width=96, kind="whiteboard")],
    )
    zones = [Zone(id=zid, kind=kind, name=zname, station=n, polygon=rect(*box), how_used=use,
                  positive_environment=env, capacity=6)
             for zid, kind, zname, n, box, use, env in STATIONS]
    zones.append(Zone(id="solo", kind="independent", name="Zoë Ødegård's desks", polygon=rect(170, 140, 200, 160),
                      how_used="Two students who finish early pick a desk here for their extension task.",
                      positive_environment="A spot away from the stations lets a student work without interruptions."))
    pieces = [
        Piece(id="kidney", kind="kidney-table", x=85, y=80),
        Piece(id="t1", kind="activity-table", x=275, y=60),
        Piece(id="c1", kind="chair", x=250, y=105),
        Piece(id="c2", kind="chair", x=300, y=105),
        Piece(id="lap1", kind="computer-table", x=275, y=210),
        *[Piece(id=f"stool{i}", kind="stool", x=235 + 16 * i, y=255) for i in range(6)],
        Piece(id="rug", kind="rug-round", x=85, y=225, width=80, depth=80),
        Piece(id="bag", kind="bean-bag", x=85, y=225),
    ]
    transitions = TransitionPlan(
        rotation=["guided", "groups", "online", "reading"], direction="clockwise", minutes_per_station=15,
        signals=[Signal(cue="Chime", meaning="5 minutes left"), Signal(cue="Music", meaning="move now"),
                 Signal(cue="Lights flicked twice", meaning="pause and look at the teacher")],
        entrance_routine="Students check the rotation chart by the door and go to their first station.",
        materials_routine="Each station keeps its materials in a basket that goes back before the group leaves.",
        notes="Groups always move clockwise along the open centre of the room.",
        rearrangement="José Peña and a helper slide the team tables to the wall for the discussion circle.",
    )
    data = dict(id=layout_id, name=name, room=room, pieces=pieces, zones=zones, transitions=transitions,
                notes="Four stations around an open centre; the teacher can see every station.")
    data.update(changes)
    return Layout(**data)


@pytest.fixture
def station_project() -> Project:
    return Project(title="Room 12 – stations", teacher="Nguyễn Thị Ánh", school="José Peña Elementary",
                   course="Grade 5", class_size=24, layouts=[station_layout()])


@pytest.fixture
def two_layout_project() -> Project:
    first = station_layout()
    moved = [p.model_copy(update={"x": p.x + 20}) if p.id == "t1" else p for p in first.pieces if p.id != "bag"]
    moved.append(Piece(id="extra-chair", kind="chair", x=180, y=220))
    second = station_layout("circle", "Discussion circle", pieces=moved,
                            transitions=TransitionPlan(signals=[Signal(cue="Bell", meaning="circle up")],
                                                       entrance_routine="Sit in the circle."))
    return Project(title="Two periods", teacher="Zoë Ødegård", layouts=[first, second])
