"""Write the bundled sample classrooms (app/assets/samples/*.classroom.json).

The samples are data, but a script keeps them exact (sizes from domain.md, room 30 x 32 ft)
and easy to regenerate after a schema change: `.venv/bin/python tools/make_samples.py`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from app.model import Door, Layout, Piece, Project, Room, Signal, TransitionPlan, WallFeature, Window, Zone
from app.model import catalog_item

OUT = Path(__file__).resolve().parent.parent / "app" / "assets" / "samples"


def rect(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


class Pieces:
    """Collects pieces with readable, numbered ids per kind."""

    def __init__(self) -> None:
        self.items: list[Piece] = []
        self.counts: dict[str, int] = {}

    def add(self, kind: str, x: float, y: float, rotation: float = 0, label: str = "", **size: float) -> Piece:
        n = self.counts[kind] = self.counts.get(kind, 0) + 1
        item = catalog_item(kind)
        assert item is not None, kind
        piece = Piece(id=f"{kind}-{n}", kind=kind, label=label, x=x, y=y, rotation=rotation,
                      width=size.get("width", item.width), depth=size.get("depth", item.depth))
        self.items.append(piece)
        return piece

    def chairs_around(self, x: float, y: float, radius: float, count: int, start: float = 0) -> None:
        for i in range(count):
            a = math.radians(start + 360 * i / count)
            self.add("chair", x + radius * math.cos(a), y + radius * math.sin(a), rotation=math.degrees(a) + 90)


SIGNALS = [
    Signal(cue="Chime", meaning="5 minutes left: finish your step and note where you stopped"),
    Signal(cue="Music", meaning="Move now: clean up, return materials, walk to your next space"),
    Signal(cue="Lights flicked twice", meaning="Pause and look at the teacher"),
]


# --- a. the personalized-learning room of the microcredential scenario -----------------------

def room_30x32() -> Room:
    # wall 0 front (whiteboard), 1 right (windows), 2 back (door near the left corner), 3 left
    return Room(
        outline=rect(0, 0, 360, 384),
        doors=[Door(id="door-main", label="Main door", wall=2, position=300, width=36, hinge="end", swing="in")],
        windows=[Window(id="window-1", wall=1, position=110, width=72), Window(id="window-2", wall=1, position=250, width=72)],
        features=[WallFeature(id="whiteboard", kind="whiteboard", label="Whiteboard", wall=0, position=170, width=144),
                  WallFeature(id="goal-board", kind="bulletin-board", label="Goal board", wall=3, position=170, width=72)],
    )


def personalized_work_time() -> Layout:
    p = Pieces()
    p.add("teacher-desk", 305, 32, label="Teacher desk")
    # online / video-guided corner, front left
    p.add("computer-table", 40, 22, label="Computer table A")
    p.add("computer-table", 100, 22, label="Computer table B")
    p.add("charging-cart", 30, 240, rotation=90, label="Laptop cart")
    # mini-lesson seats near the centre
    p.add("kidney-table", 180, 140, label="Mini-lesson table")
    for i, x in enumerate((140, 160, 180, 200, 220)):
        p.add("stool", x, 184 + (8 if i in (0, 4) else 0))
    # collaboration groups on either side
    for label, x, y in (("Group table L1", 60, 120), ("Group table R1", 310, 120), ("Group table R2", 310, 220)):
        p.add("activity-table", x, y, rotation=90, label=label)
    p.add("round-table-large", 64, 178, label="Group table L2")
    # independent desks at the back
    for row, y in enumerate((296, 346)):
        for col, x in enumerate((150, 196, 242, 288, 334)):
            p.add("student-desk", x, y, label=f"Desk {row * 5 + col + 1}")
    p.add("bookshelf", 230, 8, label="Supply shelf")
    p.add("rug-small", 180, 140, label="Mini-lesson rug", width=108, depth=72)

    zones = [
        Zone(id="zone-mini", kind="mini-lesson", name="Mini-lesson table", station=1, capacity=6,
             polygon=rect(118, 92, 242, 214),
             how_used="Students who want help with today's assignment sit here for a 10-minute mini-lesson; "
                      "the teacher re-teaches the skill and checks understanding before they go back to work.",
             positive_environment="Asking for help is normal and safe: any student may join, nobody is sent, "
                                  "and the table is in the centre where the teacher can also see the whole room."),
        Zone(id="zone-collab-left", kind="collaboration", name="Group tables (left)", station=2, capacity=10,
             polygon=rect(8, 90, 112, 214),
             how_used="Groups who need to collaborate plan who does what, work on shared tasks and explain "
                      "their thinking to each other.",
             positive_environment="Students build on each other's ideas and learn to rely on their peers, "
                                   "not only on the teacher."),
        Zone(id="zone-collab-right", kind="collaboration", name="Group tables (right)", station=3, capacity=12,
             polygon=rect(260, 80, 352, 262),
             how_used="A second collaboration area for groups working on projects or peer review.",
             positive_environment="Two group areas on opposite sides keep group talk from crowding one corner "
                                  "and give every group room to work."),
        Zone(id="zone-independent", kind="independent", name="Independent desks", station=4, capacity=10,
             polygon=rect(120, 276, 356, 376),
             how_used="Students who are ready to work on their own choose a desk at the back, write their goal "
                      "for the day and work through the next lesson on the class webpage.",
             positive_environment="Learners choose where and how they work and take responsibility for their own "
                                  "goal, checking it off at the end of class."),
        Zone(id="zone-online", kind="online", name="Online learning corner", station=5, capacity=4,
             polygon=rect(8, 6, 132, 62),
             how_used="With headphones, students watch the lesson video and work through online practice at their "
                      "own pace, pausing and replaying as needed.",
             positive_environment="Students control the pace and path of their learning and can revisit "
                                  "instruction without waiting for the teacher."),
    ]
    transitions = TransitionPlan(
        direction="custom",
        signals=SIGNALS,
        entrance_routine="Students enter through the back door, take their folder from the goal board, and "
                         "choose a space for today's goal: the mini-lesson table, a group table, an independent "
                         "desk or the online corner.",
        materials_routine="Each area has a basket of its materials; baskets are restocked and back in place "
                          "before anyone leaves the area.",
        rearrangement="After this period the group tables and independent desks are pushed to the walls for the "
                      "next class's discussion circle; two students per table help, which takes about 2 minutes.",
        notes="At the end of class students check off their goal on the goal board; a student who did not reach "
              "it tries a different space next time.",
    )
    return Layout(id="work-time", name="Period 1 - Personalized work time", room=room_30x32(), pieces=p.items,
                  zones=zones, transitions=transitions,
                  notes="Students choose their space each day based on the goal they set.")


def discussion_period(work: Layout) -> Layout:
    """The same room for the discussion period: tables pushed to the walls, a circle of chairs."""
    moved = {
        "activity-table-1": (20, 150, 90), "activity-table-2": (340, 110, 90), "activity-table-3": (340, 190, 90),
        "round-table-large-1": (40, 280, 0), "kidney-table-1": (200, 40, 0), "rug-small-1": (180, 200, 0),
    }
    pieces: list[Piece] = []
    for piece in work.pieces:
        if piece.kind == "stool":
            continue  # stacked in the cubby for the discussion
        if piece.kind == "charging-cart":
            piece = piece.model_copy(update={"y": 330})  # out of the way of the table by the door
        if piece.id in moved:
            x, y, r = moved[piece.id]
            piece = piece.model_copy(update={"x": x, "y": y, "rotation": r})
        elif piece.kind == "student-desk":
            n = int(piece.id.rsplit("-", 1)[1])
            piece = piece.model_copy(update={"x": 110 + (n - 1) * 26, "y": 372, "rotation": 0})
            if n > 5:  # second row against the right wall
                piece = piece.model_copy(update={"x": 348, "y": 236 + (n - 6) * 26, "rotation": 90})
        pieces.append(piece)
    extra = Pieces()
    extra.counts = {"chair": 0}
    extra.chairs_around(180, 200, 92, 16)
    for chair in extra.items:
        pieces.append(chair.model_copy(update={"id": f"circle-{chair.id}"}))

    zones = [
        Zone(id="zone-circle", kind="whole-class", name="Discussion circle", station=1, capacity=28,
             polygon=[(180 + 118 * math.cos(math.radians(a)), 200 + 118 * math.sin(math.radians(a))) for a in range(0, 360, 15)],
             how_used="For the first 5 minutes everyone sits in one circle to discuss the question of the day; "
                      "each student shares once before anyone speaks twice.",
             positive_environment="Everyone can see and hear everyone, which builds belonging and respectful "
                                  "listening before work time."),
        Zone(id="zone-collab-walls", kind="collaboration", name="Group tables at the walls", station=2, capacity=12,
             polygon=rect(6, 100, 58, 250),
             how_used="After the discussion, groups pull their tables back out and continue their shared task.",
             positive_environment="Groups know where their table lives, so the room changes shape in minutes "
                                  "without confusion."),
        Zone(id="zone-independent-back", kind="independent", name="Independent desks at the walls", station=3,
             capacity=10, polygon=rect(90, 352, 300, 382),
             how_used="Students who choose to work alone take a desk from the back wall after the discussion.",
             positive_environment="Students keep the choice of working alone even on discussion days."),
        Zone(id="zone-online-front", kind="online", name="Online learning corner", station=4, capacity=4,
             polygon=rect(8, 6, 132, 62),
             how_used="Students who missed a lesson watch it here with headphones during work time.",
             positive_environment="No learner falls behind: missed instruction is always available."),
    ]
    transitions = TransitionPlan(
        direction="custom",
        signals=SIGNALS,
        entrance_routine="Students enter through the back door and take a chair in the circle.",
        materials_routine="Materials stay in the baskets at the walls during the discussion.",
        rearrangement="When the music plays after 5 minutes, each group moves its table back to its work-time "
                      "place and the circle chairs go to the tables.",
    )
    return Layout(id="discussion", name="Period 2 - Discussion then work time", room=room_30x32(),
                  pieces=pieces, zones=zones, transitions=transitions)


def sample_a() -> Project:
    work = personalized_work_time()
    return Project(title="Ms. Anderson's personalized learning classroom", teacher="Ms. Anderson",
                   school="Example Middle School", course="Grade 7 English", class_size=28,
                   layouts=[work, discussion_period(work)])


# --- b. a station-rotation room --------------------------------------------------------------

def sample_b() -> Project:
    room = Room(
        outline=rect(0, 0, 384, 336),
        doors=[Door(id="door-main", label="Main door", wall=2, position=192, width=36, hinge="start", swing="in")],
        windows=[Window(id="window-1", wall=3, position=168, width=96)],
        features=[WallFeature(id="whiteboard", kind="whiteboard", label="Whiteboard", wall=0, position=192, width=144),
                  WallFeature(id="screen", kind="screen", label="Projector screen", wall=1, position=168, width=72)],
    )
    p = Pieces()
    # station 1, top left: collaborative activity
    p.add("activity-table", 70, 70, label="Group table 1")
    p.add("activity-table", 70, 140, label="Group table 2")
    # station 2, top right: online activity
    p.add("computer-table", 290, 26, label="Computer table 1")
    p.add("computer-table", 346, 70, rotation=90, label="Computer table 2")
    p.add("computer-table", 346, 130, rotation=90, label="Computer table 3")
    # station 3, bottom right: online discussion
    p.add("round-table-large", 300, 250, label="Discussion table")
    p.add("charging-cart", 360, 300, rotation=90, label="Chromebook cart")
    # station 4, bottom left: teacher-led
    p.add("kidney-table", 86, 250, rotation=180, label="Teacher table")
    p.add("teacher-desk", 40, 300, rotation=90, label="Teacher desk", width=60, depth=24)
    p.add("bookshelf", 100, 326, label="Station baskets")
    zones = [
        Zone(id="st-collab", kind="collaboration", name="Collaborative activity", station=1, capacity=7,
             polygon=rect(8, 30, 150, 180),
             how_used="The group solves a shared problem with task cards; each member has a role "
                      "(reader, recorder, checker, reporter).",
             positive_environment="Roles make sure every voice is heard and students learn to depend on each other."),
        Zone(id="st-online", kind="online", name="Online activity", station=2, capacity=7,
             polygon=rect(230, 8, 376, 170),
             how_used="Students work through the adaptive practice on the laptops, at their own level and pace.",
             positive_environment="Practice meets each learner where they are, so nobody is bored or lost."),
        Zone(id="st-discussion", kind="online-discussion", name="Online discussion", station=3, capacity=7,
             polygon=rect(240, 200, 376, 328),
             how_used="Students answer the discussion prompt on the class board and reply to two classmates' posts.",
             positive_environment="Quieter students get time to think and a voice in the conversation."),
        Zone(id="st-teacher", kind="mini-lesson", name="Teacher-led", station=4, capacity=7,
             polygon=rect(8, 200, 150, 290),
             how_used="The teacher meets the group for a targeted lesson and checks each student's progress.",
             positive_environment="Every group gets close, personal attention from the teacher every day."),
    ]
    transitions = TransitionPlan(
        rotation=["st-collab", "st-online", "st-discussion", "st-teacher"],
        direction="clockwise", minutes_per_station=15, signals=SIGNALS,
        entrance_routine="Students check the rotation chart by the door and go straight to their first station; "
                         "each student has an assigned seat at every station.",
        materials_routine="Each station has a basket with its materials; the group's materials manager puts "
                          "everything back in the basket before the music stops.",
        notes="Groups always move clockwise, along the open centre of the room, so no two groups cross.",
    )
    layout = Layout(id="rotation", name="Station rotation", room=room, pieces=p.items, zones=zones,
                    transitions=transitions)
    return Project(title="Station rotation classroom", teacher="Mr. Nguyễn Văn An", school="Example Elementary",
                   course="Grade 5 Math", class_size=28, layouts=[layout])


# --- c. a deliberately broken room -----------------------------------------------------------

def sample_c() -> Project:
    room = Room(outline=rect(0, 0, 288, 288),
                doors=[Door(id="door-main", label="Main door", wall=2, position=150, width=36, hinge="end", swing="in")])
    p = Pieces()
    # a shelf in the doorway: inside the door's maneuvering clearance on the latch side
    p.add("bookshelf", 176, 276, label="Shelf by the door")
    # a reading nook behind a 30 in gap: shelves along y = 102..114 from the right wall to x = 180,
    # and along x = 180..192 from the front wall down to y = 72
    for i, x in enumerate((198, 234, 270)):
        p.add("bookshelf-tall", x, 108, label=f"Nook shelf {i + 1}")
    p.add("bookshelf-tall", 186, 18, rotation=90, label="Nook shelf 4")
    p.add("bookshelf-tall", 186, 54, rotation=90, label="Nook shelf 5")
    p.add("bean-bag", 240, 50, label="Bean bag")
    p.add("activity-table", 60, 60, label="Group table")
    p.add("kidney-table", 80, 180, label="Teacher table")
    zones = [
        Zone(id="zone-nook", kind="quiet", name="Reading nook", station=1, polygon=rect(196, 4, 284, 96),
             how_used="A quiet place to read.", positive_environment="Students can calm down and focus."),
        Zone(id="zone-group", kind="collaboration", name="Group table", station=2, polygon=rect(10, 10, 130, 120),
             how_used="Groups work together.", positive_environment="Students learn from each other."),
        Zone(id="zone-teacher", kind="mini-lesson", name="Teacher table", station=3, polygon=rect(20, 100, 150, 240),
             how_used="Small-group lessons.", positive_environment="Timely help from the teacher."),
        Zone(id="zone-solo", kind="independent", name="Solo work", station=4, polygon=rect(150, 150, 270, 240),
             how_used="Students work alone.", positive_environment="Students choose their pace."),
    ]
    transitions = TransitionPlan(rotation=["zone-group", "zone-nook", "zone-solo", "zone-teacher"],
                                 minutes_per_station=12, signals=SIGNALS[:2])
    layout = Layout(id="broken", name="Broken example", room=room, pieces=p.items, zones=zones, transitions=transitions)
    return Project(title="A room with problems (for trying the checks)", teacher="Sample", layouts=[layout])


def write(project: Project, name: str) -> Path:
    path = OUT / f"{name}.classroom.json"
    data = {"format": "classroom-layout", **project.model_dump(mode="json"), "length_unit": "in"}
    data = {"format": data.pop("format"), "schema_version": data.pop("schema_version"),
            "length_unit": data.pop("length_unit"), **data}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    for project, name in ((sample_a(), "personalized-learning"), (sample_b(), "station-rotation"),
                          (sample_c(), "broken-room")):
        print(write(project, name))
