"""The one exception storage raises: a single line naming the file and what is wrong with it."""

from __future__ import annotations


class ProjectFileError(Exception):
    """str(e) is ONE line naming the file problem and where."""

    def __init__(self, source: str, problem: str) -> None:
        # a user's file name or value may hold a newline; the message must stay one line
        self.source = _one_line(source)
        self.problem = _one_line(problem)
        super().__init__(f"{self.source}: {self.problem}" if self.source else self.problem)


class FileProblem(Exception):
    """Raised inside storage without the file name; load/save add it as a ProjectFileError."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _one_line(text: str) -> str:
    return " ".join(str(text).split()) if ("\n" in str(text) or "\r" in str(text)) else str(text)
