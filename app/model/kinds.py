"""The kinds of space the microcredential texts name, with the defaults a new zone gets."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ZoneKind(StrEnum):
    INDEPENDENT = "independent"
    COLLABORATION = "collaboration"
    MINI_LESSON = "mini-lesson"
    HANDS_ON = "hands-on"
    CREATION = "creation"
    ONLINE = "online"
    ONLINE_DISCUSSION = "online-discussion"
    WHOLE_CLASS = "whole-class"
    QUIET = "quiet"
    ASSESSMENT = "assessment"


@dataclass(frozen=True)
class KindStyle:
    label: str
    color: str  # tint on screen and paper, "#rrggbb"
    pattern: str  # hatch so the map reads in black and white: see PATTERNS
    default_use: str
    default_environment: str
    collaborative: bool = False  # counts toward the reviewer's "collaboration" criterion


#: hatch names shared by the editor and the PDF map
PATTERNS = ("none", "diagonal", "back-diagonal", "cross", "horizontal", "vertical", "dots", "grid", "zigzag", "rings")

ZONE_KINDS: dict[ZoneKind, KindStyle] = {
    ZoneKind.INDEPENDENT: KindStyle(
        "Independent work", "#4e79a7", "horizontal",
        "Students work alone at their own pace on goals they chose, using a playlist or checklist.",
        "A calm place to focus lets each learner control their pace and choose where to work.",
    ),
    ZoneKind.COLLABORATION: KindStyle(
        "Collaboration", "#f28e2b", "diagonal",
        "Small groups work together on a shared task, discussing and building on each other's ideas.",
        "Working side by side builds a community of learners who share ideas and support each other.",
        collaborative=True,
    ),
    ZoneKind.MINI_LESSON: KindStyle(
        "Mini-lesson / teacher-led", "#e15759", "cross",
        "The teacher meets a small group for targeted instruction based on their current needs.",
        "Learners get timely, differentiated support close to the teacher when they need it.",
    ),
    ZoneKind.HANDS_ON: KindStyle(
        "Hands-on", "#76b7b2", "vertical",
        "Students use manipulatives and materials to explore and practice a concept.",
        "Active, concrete work gives every learner a way in and keeps them engaged.",
        collaborative=True,
    ),
    ZoneKind.CREATION: KindStyle(
        "Creation / maker", "#59a14f", "grid",
        "Students design, build and create products that show what they have learned.",
        "Choosing how to show learning gives students voice and ownership of their work.",
        collaborative=True,
    ),
    ZoneKind.ONLINE: KindStyle(
        "Online / video-guided", "#edc948", "dots",
        "Students follow online lessons or videos with headphones, pausing and replaying as needed.",
        "Learners control the time, pace and path of their learning with online resources.",
    ),
    ZoneKind.ONLINE_DISCUSSION: KindStyle(
        "Online discussion", "#b07aa1", "back-diagonal",
        "Students respond to prompts and to each other's posts on the class discussion board.",
        "Every learner has a voice, including those who are quieter in face-to-face talk.",
        collaborative=True,
    ),
    ZoneKind.WHOLE_CLASS: KindStyle(
        "Whole-class meeting", "#ff9da7", "rings",
        "The class gathers for launches, discussions, and reflection at the start and end of the period.",
        "Meeting as a whole class builds shared norms and a sense of belonging.",
        collaborative=True,
    ),
    ZoneKind.QUIET: KindStyle(
        "Quiet reading / calm corner", "#9c755f", "zigzag",
        "A quiet, comfortable spot to read or to take a short break and regulate.",
        "A safe place to reset supports self-regulation and a respectful, calm classroom.",
    ),
    ZoneKind.ASSESSMENT: KindStyle(
        "Assessment / conferencing", "#bab0ac", "none",
        "The teacher confers one-on-one with students about their goals and checks mastery.",
        "Regular conferences help learners track progress and set their next goals.",
    ),
}
