"""How every kernel is compiled: cached beside its module (the first run on a machine compiles
for some seconds; `make` does it once, through warm()), and without the interpreter lock (the
editor's live check runs in a worker thread, and the window keeps the interpreter meanwhile)."""

JIT = {"cache": True, "nogil": True}
