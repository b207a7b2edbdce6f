"""Write the bundled templates (app/assets/templates/*.classroom.json) for File > New from template….

Each template is seeded with one piece per role (its kind and size: sizes from domain.md) and
one zone per role (its texts), then laid out by app.templates.lay_out in the 30 x 32 ft
reference room, checked, and saved with app.storage.save_project:
`.venv/bin/python tools/make_templates.py`. tests/test_templates.py holds the files equal to
what this script writes.
"""

from __future__ import annotations

import sys

from app.model import Door, Layout, Piece, Project, Room, Signal, TransitionPlan, WallFeature, Window, Zone
from app.storage import save_project
from app.templates import TEMPLATES, lay_out, rect

#: the reference room: 30 x 32 ft, the common classroom of domain.md
WIDTH, DEPTH = 360.0, 384.0

SIGNALS = [
    Signal(cue="Chime", meaning="5 minutes left: finish your step and note where you stopped"),
    Signal(cue="Music", meaning="Move now: clean up, return materials, walk to the next station"),
    Signal(cue="Lights flicked twice", meaning="Pause and look at the teacher"),
]


def room(door_wall: int = 2, door_at: float = 48.0, hinge: str = "start") -> Room:
    """Wall 0 is the front (the board), 1 the east wall, 2 the back, 3 the west wall (windows)."""
    return Room(
        outline=rect(0, 0, WIDTH, DEPTH),
        doors=[Door(id="door-1", label="Door", wall=door_wall, position=door_at, width=36, hinge=hinge, swing="in")],
        windows=[Window(id="window-1", wall=3, position=130, width=72), Window(id="window-2", wall=3, position=270, width=72)],
        features=[WallFeature(id="whiteboard-1", kind="whiteboard", label="Whiteboard", wall=0, position=WIDTH / 2,
                              width=144)],
    )


def piece(role: str, kind: str, label: str = "") -> Piece:
    """A piece standing for its role: only its kind, size and label matter; lay_out places it."""
    return Piece(id=f"{role}-1", kind=kind, label=label, x=WIDTH / 2, y=DEPTH / 2)


def zone(role: str, kind: str, name: str, how_used: str, positive: str) -> Zone:
    return Zone(id=f"{role}-1", kind=kind, name=name, polygon=rect(0, 0, 12, 12), how_used=how_used,
                positive_environment=positive)


TEACHER = [piece("teacher-desk", "teacher-desk", "Teacher desk"), piece("teacher-chair", "chair", "Teacher chair")]
FRONT = zone("front", "mini-lesson", "Teaching wall",
             "The teacher launches the lesson at the board and models the task before students start.",
             "Everyone sees the board and the teacher from their seat, so directions are heard once.")


def seed(key: str, name: str, notes: str, pieces: list[Piece], zones: list[Zone], door_wall: int = 2,
         door_at: float = 48.0, hinge: str = "start", transitions: TransitionPlan | None = None) -> Project:
    layout = Layout(id=key, name=name, notes=notes, room=room(door_wall, door_at, hinge), pieces=pieces, zones=zones,
                    transitions=transitions or TransitionPlan())
    return Project(title=f"Template: {name}", layouts=[layout])


def seeds() -> list[Project]:
    desk, chair = piece("desk", "student-desk"), piece("chair", "chair")
    return [
        seed("rows", "Rows", "Desks in rows facing the board, in pairs with a 36 in aisle between pairs.",
             [*TEACHER, desk, chair],
             [FRONT, zone("desks", "independent", "Desks in rows",
                          "Students work on their own at their desks, facing the board.",
                          "Every student has a place of their own and a clear view of the lesson.")]),
        seed("pods-of-four", "Pods of four", "Four desks pushed together into pods, 36 in walking paths between pods.",
             [*TEACHER, desk, chair],
             [FRONT, zone("pod", "collaboration", "Pod",
                          "Four students share a task, talking it through face to face.",
                          "Working side by side builds a community of learners who support each other.")]),
        seed("horseshoe", "Horseshoe", "Desks in a U open to the board: everyone sees everyone and the teacher.",
             [*TEACHER, desk, chair],
             [FRONT, zone("horseshoe", "whole-class", "Horseshoe",
                          "The class discusses a question together; the teacher walks inside the U.",
                          "Every student can see every speaker, so all voices are heard.")]),
        seed("station-rotation", "Station rotation", "Four stations in the corners; groups rotate clockwise.",
             [piece("guided-table", "kidney-table", "Guided table"), piece("teacher-chair", "chair", "Teacher chair"),
              piece("chair", "chair"), piece("group-table", "activity-table", "Group table"),
              piece("computer-table", "computer-table"), piece("talk-table", "round-table", "Discussion table")],
             [zone("guided", "mini-lesson", "Teacher-led",
                   "The teacher meets one group for a targeted mini-lesson on the skill of the day.",
                   "Learners get timely, differentiated support close to the teacher."),
              zone("group-work", "collaboration", "Collaborative activity",
                   "The group solves a shared task, each member with a role card.",
                   "Working together builds a community of learners who share ideas."),
              zone("online", "online", "Online activity",
                   "With headphones on, students work through the online lesson at their own pace.",
                   "Learners control the time, pace and path of their learning."),
              zone("discussion", "online-discussion", "Online discussion",
                   "Students answer the prompt on the class discussion board and reply to two posts.",
                   "Every learner has a voice, including those who are quieter face to face.")],
             door_wall=1, door_at=DEPTH / 2, hinge="end",  # the latch side towards the shallower station
             transitions=TransitionPlan(rotation=["guided-1", "group-work-1", "online-1", "discussion-1"],
                                        direction="clockwise", minutes_per_station=15, signals=SIGNALS,
                                        materials_routine="Materials live in a basket at each station and go "
                                                          "back before the group leaves.")),
        seed("discussion-circle", "Discussion circle", "Chairs in a circle scaled to the room, tables pushed to the walls.",
             [chair, piece("table", "activity-table"), piece("rug", "rug-round", "Circle rug")],
             [zone("circle", "whole-class", "Discussion circle",
                   "The whole class meets in the circle for a seminar or a class meeting.",
                   "Facing one another, every student is part of the conversation.")],
             transitions=TransitionPlan(rearrangement="The tables are pushed to the side walls and the chairs "
                                                      "set in the circle; two students per table help.")),
    ]


def templates() -> dict[str, Project]:
    """The template files' projects by file name: each seed laid out in the reference room."""
    out = {}
    for project in seeds():
        layout = lay_out(project, WIDTH, DEPTH)
        out[f"{layout.id}.classroom.json"] = project.model_copy(update={"layouts": [layout]})
    return out


if __name__ == "__main__":
    TEMPLATES.mkdir(exist_ok=True)
    for file_name, project in templates().items():
        save_project(project, TEMPLATES / file_name)
        print(TEMPLATES / file_name, file=sys.stdout)
