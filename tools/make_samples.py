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

    # numbered for the map and the walks from the door, but nobody rotates: each student chooses
    zones = [
        Zone(id="zone-mini", kind="mini-lesson", name="Mini-lesson table", station=1, capacity=6,
             polygon=rect(118, 92, 242, 214),
             how_used="Anyone who marked 'I need help' on today's goal sheet joins me here for a 10-minute "
                      "mini-lesson on the skill of the week, like embedding a quotation, then goes back to work.",
             positive_environment="Asking for help is normal here: nobody is sent to the table, anyone may "
                                  "come, and from the middle of the room I can still see every other group."),
        Zone(id="zone-collab-left", kind="collaboration", name="Group tables (left)", station=2, capacity=11,
             polygon=rect(8, 90, 112, 214),
             how_used="Literature circles meet at these two tables: the discussion director runs the talk, "
                      "and the group agrees on the two questions it will bring to Friday's seminar.",
             positive_environment="My quieter readers get a small audience first, so by Friday they have "
                                   "tried their ideas out on four friends before the whole class hears them."),
        Zone(id="zone-collab-right", kind="collaboration", name="Group tables (right)", station=3, capacity=12,
             polygon=rect(260, 80, 352, 262),
             how_used="Peer review of drafts: partners trade essays, mark one glow and one grow with the "
                      "checklist, then talk the comments through before anyone revises.",
             positive_environment="Keeping the second group area across the room spreads the noise out, so "
                                  "both tables can talk at a normal voice without drowning each other out."),
        Zone(id="zone-independent", kind="independent", name="Independent desks", station=4, capacity=10,
             polygon=rect(120, 276, 356, 376),
             how_used="Students ready to work alone take a desk at the back, copy their goal onto a sticky "
                      "note and work through the next lesson on our class webpage.",
             positive_environment="Students who pick the back desks have told me they like having one quiet "
                                  "place to get their own writing done; they check off their goal at the bell."),
        Zone(id="zone-online", kind="online", name="Online learning corner", station=5, capacity=4,
             polygon=rect(8, 6, 132, 62),
             how_used="With headphones on, students rewatch my recorded lesson or a grammar video and do the "
                      "practice quiz, pausing and replaying as often as they need.",
             positive_environment="A student who was absent, or who needs the lesson twice, catches up here "
                                  "without waiting for me or feeling singled out in front of the class."),
    ]
    transitions = TransitionPlan(
        direction="custom",
        signals=SIGNALS,
        entrance_routine="Students come in the back door, take their folder from the goal board, write "
                         "today's goal and choose a space for it: the mini-lesson table, a group table, an "
                         "independent desk or the online corner.",
        materials_routine="Each area has a basket of its materials; baskets are restocked and back in place "
                          "before anyone leaves the area.",
        rearrangement="After this period the group tables and independent desks are pushed to the walls for the "
                      "next class's discussion circle; two students per table help, which takes about 2 minutes.",
        notes="At the end of class students check off their goal on the goal board; a student who did not reach "
              "it tries a different space next time.",
    )
    return Layout(id="work-time", name="Period 1 - Personalized work time", room=room_30x32(), pieces=p.items,
                  zones=zones, transitions=transitions,
                  notes="Students choose their space each day based on the goal they set: I check the goal "
                        "sheets at the door and only step in when someone picks the same space three days in "
                        "a row without reaching the goal.")


def discussion_period(work: Layout) -> Layout:
    """The same room for the discussion period: tables pushed to the walls, a fishbowl of chairs
    around floor cushions; each piece pushed away stays inside the section it serves."""
    moved = {
        "activity-table-1": (20, 150, 90), "activity-table-2": (340, 110, 90), "activity-table-3": (340, 190, 90),
        "round-table-large-1": (36, 280, 0), "kidney-table-1": (200, 40, 0), "rug-small-1": (180, 200, 0),
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
    extra.chairs_around(180, 200, 92, 16)  # the outer circle
    for i in range(12):  # the inner circle, on the rug
        a = math.radians(360 * i / 12)
        extra.add("floor-cushion", 180 + 56 * math.cos(a), 200 + 56 * math.sin(a))
    pieces.extend(piece.model_copy(update={"id": f"circle-{piece.id}"}) for piece in extra.items)

    zones = [
        Zone(id="zone-circle", kind="whole-class", name="Discussion circle", station=1, capacity=28,
             polygon=[(180 + 118 * math.cos(math.radians(a)), 200 + 118 * math.sin(math.radians(a))) for a in range(0, 360, 15)],
             how_used="A fishbowl seminar: twelve students on the cushions discuss the chapter while the "
                      "sixteen in the chairs track who cites the text, then the two circles swap at the chime.",
             positive_environment="Everyone can see every speaker's face, and the rule that you speak once "
                                  "before anyone speaks twice gives my shy talkers a real turn."),
        Zone(id="zone-collab-walls-left", kind="collaboration", name="Group tables, left wall", station=2,
             capacity=11, polygon=rect(4, 110, 60, 316),
             how_used="After the seminar, two literature circles pull these tables out and write the "
                      "paragraph answering the seminar question together.",
             positive_environment="Each group has a home table on the same wall every day, so the room "
                                  "goes from circle back to work time in about two minutes without arguing."),
        Zone(id="zone-collab-walls-right", kind="collaboration", name="Group tables, right wall", station=3,
             capacity=12, polygon=rect(316, 70, 358, 222),
             how_used="The two peer-review groups use the window tables for the last twenty minutes to "
                      "finish reading each other's seminar notes and drafts.",
             positive_environment="The window tables are far from the circle, so a group that finishes "
                                  "early can talk without disturbing the students still discussing."),
        Zone(id="zone-independent-walls", kind="independent", name="Independent desks at the walls", station=4,
             capacity=10, polygon=[(90, 354), (330, 354), (330, 222), (358, 222), (358, 382), (90, 382)],
             how_used="Students who want to write their reflection alone take a desk from the back or "
                      "right wall after the seminar and face the wall while they write.",
             positive_environment="Even on a discussion day nobody has to sit in a group to think: the "
                                  "desks along the walls stay ready for anyone who needs quiet."),
        Zone(id="zone-online-front", kind="online", name="Online learning corner", station=5, capacity=4,
             polygon=rect(8, 6, 132, 62),
             how_used="A student who missed the reading listens to the audiobook chapter here with "
                      "headphones before joining the outer circle.",
             positive_environment="Missing a chapter never means sitting out the seminar: the audiobook "
                                  "gets a student ready to take part the same day."),
        Zone(id="zone-conference", kind="assessment", name="Conference table", station=6, capacity=6,
             polygon=rect(140, 14, 262, 78),
             how_used="During work time I call two or three students at a time to the kidney table to "
                      "go over their seminar scores and set a speaking goal for next week.",
             positive_environment="Feedback on speaking is private and specific, so students can hear it "
                                  "without being embarrassed in front of the class."),
    ]
    transitions = TransitionPlan(
        direction="custom",
        signals=SIGNALS,
        entrance_routine="Students come in the back door, pick up the discussion question and choose a "
                         "seat: inner circle if they are ready to speak first, outer circle if they want "
                         "to listen and take notes before they swap.",
        materials_routine="Books and sticky-note evidence come to the circle; the tables' baskets stay at "
                          "the walls until work time and go back there before the bell.",
        rearrangement="When the music plays after the seminar, each group moves its table back to its "
                      "work-time place and the circle chairs go to the tables.",
    )
    return Layout(id="discussion", name="Period 2 - Discussion then work time", room=room_30x32(),
                  pieces=pieces, zones=zones, transitions=transitions,
                  notes="The seminar takes the first 25 minutes; after it students choose where to write "
                        "their reflection: with their group at a wall table, alone at a wall desk, or at "
                        "the online corner if they still need the chapter.")


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
    # station 3, bottom right: online discussion, two tables of four around the laptop cart
    p.add("round-table", 274, 236, label="Discussion table 1")
    p.add("round-table", 290, 296, label="Discussion table 2")
    p.add("charging-cart", 360, 300, rotation=90, label="Chromebook cart")
    # station 4, bottom left: teacher-led
    p.add("kidney-table", 86, 250, rotation=180, label="Teacher table")
    p.add("teacher-desk", 40, 300, rotation=90, label="Teacher desk", width=60, depth=24)
    p.add("bookshelf", 100, 326, label="Station baskets")
    zones = [
        Zone(id="st-collab", kind="collaboration", name="Collaborative activity", station=1, capacity=6,
             polygon=rect(8, 30, 150, 180),
             how_used="Each group gets one task card with a multi-step word problem; the reader, recorder, "
                      "checker and reporter cards on the table say who does what.",
             positive_environment="The role cards stop one fast kid from doing all the math: every member "
                                  "has a job, and the group is done only when the checker agrees."),
        Zone(id="st-online", kind="online", name="Online activity", station=2, capacity=6,
             polygon=rect(230, 8, 376, 170),
             how_used="Students log in to the adaptive fraction practice on the laptops and work on the level "
                      "it picked from Monday's pre-test, at their own speed.",
             positive_environment="The program meets each student at their own level, so my strugglers are "
                                  "not lost and my quick finishers are not bored waiting."),
        Zone(id="st-discussion", kind="online-discussion", name="Online discussion", station=3, capacity=6,
             polygon=rect(240, 200, 376, 328),
             how_used="Students answer the day's 'which one doesn't belong' prompt on the class board and "
                      "reply to two classmates, giving a reason with numbers.",
             positive_environment="Students who never raise a hand in math post some of the best reasoning "
                                  "here, because they get time to think before anyone answers."),
        Zone(id="st-teacher", kind="mini-lesson", name="Teacher-led", station=4, capacity=6,
             polygon=rect(8, 200, 150, 290),
             how_used="I meet each group at the kidney table for a 15-minute lesson on the skill its exit "
                      "tickets showed it needs and check each student's work on whiteboards.",
             positive_environment="Every student sits with me every day in a group of six, so nobody slips "
                                  "through the cracks and asking a question feels safe."),
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
                    transitions=transitions,
                    notes="The rotation is fixed, but inside each station students choose how they work: "
                          "the online level they start from, which task card the group takes first, and "
                          "whether they answer the discussion prompt in words or with a drawing.")
    return Project(title="Station rotation classroom", teacher="Mr. Nguyễn Văn An", school="Example Elementary",
                   course="Grade 5 Math", class_size=24, layouts=[layout])


# --- d. a real teacher's room: 28 x 34 ft, 26 desks in five pods, six stations ---------------

def pod(p: Pieces, cx: float, cy: float, desks: int) -> None:
    """Desks facing each other in two columns: three on the left, the rest on the right."""
    for i in range(3):
        p.add("student-desk", cx - 9, cy + (i - 1) * 24, rotation=90)
    right = desks - 3
    for i in range(right):
        p.add("student-desk", cx + 9, cy + (i - (right - 1) / 2) * 24, rotation=270)


def sample_d() -> Project:
    # wall 0 front (whiteboard), 1 right (windows), 2 back (door near the left corner), 3 left
    room = Room(
        outline=rect(0, 0, 336, 408),
        doors=[Door(id="door-main", label="Hall door", wall=2, position=276, width=36, hinge="end", swing="in")],
        windows=[Window(id="window-1", wall=1, position=100, width=72),
                 Window(id="window-2", wall=1, position=300, width=72)],
        features=[WallFeature(id="whiteboard", kind="whiteboard", label="Whiteboard", wall=0, position=168, width=144),
                  WallFeature(id="rotation-chart", kind="bulletin-board", label="Rotation chart", wall=3,
                              position=58, width=48)],
    )
    p = Pieces()
    p.add("kidney-table", 66, 78, label="Teacher table")
    for i in range(6):  # on the table's round side, facing me and the room
        a = math.radians(25 + 26 * i)
        p.add("stool", 66 + 46 * math.cos(a), 78 + 34 * math.sin(a))
    for cx, cy, desks in ((160, 110, 5), (262, 110, 5), (262, 220, 5), (262, 330, 5), (160, 330, 6)):
        pod(p, cx, cy, desks)
    p.add("teacher-desk", 296, 20, label="My desk")
    p.add("charging-cart", 324, 160, rotation=90, label="Chromebook cart")
    p.add("bookshelf", 330, 262, rotation=90, label="Station bins")
    p.add("rug-small", 66, 240, rotation=90, label="Reading rug")
    p.add("bookshelf", 6, 208, rotation=90, label="Class library A-M")
    p.add("bookshelf", 6, 262, rotation=90, label="Class library N-Z")
    p.add("bean-bag", 56, 272)
    p.add("bean-bag", 80, 212)
    p.add("cubbies", 8, 352, rotation=90, label="Cubbies")

    zones = [
        Zone(id="st-teacher", kind="mini-lesson", name="Teacher table", station=1, capacity=6,
             polygon=rect(8, 30, 124, 146),
             how_used="Guided reading with me: we read a leveled text together, I listen to each kid "
                      "read a page aloud and we practice one decoding or fluency skill.",
             positive_environment="From my stool I face the whole room, so I can teach five kids and still "
                                  "catch Mateo's hand going up at the Chromebooks."),
        Zone(id="st-word-work", kind="hands-on", name="Word work", station=2, capacity=5,
             polygon=rect(124, 64, 196, 156),
             how_used="Partners sort this week's spelling pattern with word cards and magnetic letters, then "
                      "pick two of the four word games in the bin to play.",
             positive_environment="My hands-on learners finally get to move letters around instead of copying "
                                  "lists, and the games make practice feel low-stakes."),
        Zone(id="st-chromebooks", kind="online", name="Chromebooks", station=3, capacity=5,
             polygon=rect(226, 64, 298, 156),
             how_used="Students take their numbered Chromebook from the cart and do 12 minutes of their "
                      "reading program path, with headphones, at the level it set for them.",
             positive_environment="Each kid works at exactly their own level, so Ava can push ahead while "
                                  "Jonah rebuilds his phonics without anyone watching."),
        Zone(id="st-book-club", kind="collaboration", name="Book club", station=4, capacity=5,
             polygon=rect(226, 174, 298, 266),
             how_used="The group reads our novel chapter with partners, then each student brings one "
                      "sticky-note question for the group talk using our sentence stems.",
             positive_environment="The sentence stems ('I agree with... because') teach my fourth graders to "
                                  "disagree kindly and build on each other's ideas."),
        Zone(id="st-writing", kind="creation", name="Writing studio", station=5, capacity=5,
             polygon=rect(226, 284, 298, 376),
             how_used="Students work on their current piece from writer's workshop and choose how to publish "
                      "it: a stapled book, a comic strip or a poster for the hallway.",
             positive_environment="Choosing the final format gives my reluctant writers a reason to finish, "
                                  "and finished pieces go up where families see them."),
        Zone(id="st-independent", kind="independent", name="Independent practice", station=6, capacity=6,
             polygon=rect(124, 284, 196, 376),
             how_used="Each student works down their own must-do and may-do checklist: math fact fluency, "
                      "reading response, then a may-do they pick from the menu.",
             positive_environment="The checklist is theirs, so students learn to manage their own time and "
                                  "ask three before me when they get stuck."),
        Zone(id="nook", kind="quiet", name="Reading nook", capacity=10,
             polygon=rect(0, 160, 124, 304),
             how_used="Not a station: early finishers read a book from our class library on the rug or a "
                      "bean bag, and anyone may come here for a calm five minutes.",
             positive_environment="Kids know they can take a break without asking twice, which has cut "
                                  "down on meltdowns during the long rotation block."),
    ]
    transitions = TransitionPlan(
        rotation=[z.id for z in zones if z.station is not None],
        direction="clockwise", minutes_per_station=12,
        signals=[
            Signal(cue="Rain stick", meaning="2 minutes left: finish your sentence and clean up your spot"),
            Signal(cue="Clean-up song", meaning="Bins back on the shelf, push in, walk to your next station"),
            Signal(cue="Hand up, voices off", meaning="Freeze and look at me for a quick announcement"),
        ],
        entrance_routine="In the morning my students hang their backpacks in the cubbies by the hall door, "
                         "find their group's color on the rotation chart next to the cubbies and start at "
                         "that station; on Mondays each student chooses which may-do they will finish this week.",
        materials_routine="Every station has its own labeled bin on the shelf by the windows; the group's bin "
                          "captain carries it to the station and puts it back, lid on, before the clean-up song "
                          "ends. Chromebooks go back into the cart slot with the student's number.",
        notes="Groups always move clockwise to the next number, around the open middle of the room, so "
              "no group crosses another and the walk from the independent desks back to my table "
              "passes the reading nook, not the book club.",
    )
    layout = Layout(id="literacy-block", name="Morning literacy rotation", room=room, pieces=p.items,
                    zones=zones, transitions=transitions,
                    notes="My 26 fourth graders rotate through six stations in six groups of four or five, "
                          "12 minutes each. The order is set, but inside every station they choose how "
                          "they work: which word game, which publishing format, which may-do, and anyone "
                          "who finishes early chooses the reading nook.")
    return Project(title="Room 14 - Mrs. Halvorsen's fourth grade", teacher="Mrs. Halvorsen",
                   school="Juniper Flats Elementary", course="Grade 4 (literacy and math block)", class_size=26,
                   layouts=[layout])


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
                          (sample_d(), "fourth-grade-rotation"), (sample_c(), "broken-room")):
        print(write(project, name))
