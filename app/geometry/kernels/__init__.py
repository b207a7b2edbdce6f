"""The route search's inner loops, compiled (numba), and the mesh they search.

Each runs once or more per walk and steps through ~160 triangles or portals one by one: as
Python loops they took ~0.2 ms a call each (0.5 ms per walk, 8 walks an edit); compiled, a few
microseconds. How they are compiled: app.geometry.kernels.options.

  walk      the funnel through a corridor's portals, a walk's length, a Dijkstra tree's path
  corridor  a node path's triangles, turned round a corner, the far sides of obstacles
  graph     the route graph's CSR arrays, the point's triangles, Dijkstra
  mesh      a tile's mesh, the tiles stitched, the mesh's parts and outlines
  bounds    the lower bounds that keep a walk after an edit
"""

from __future__ import annotations

from app.geometry.kernels.bounds import near_box, shortest_through
from app.geometry.kernels.corridor import corridor, far_sides, turned, without_loops
from app.geometry.kernels.graph import dijkstra, locate, route_graph
from app.geometry.kernels.mesh import components, rings, stitch, triangle_mesh
from app.geometry.kernels.walk import chase, funnel, length, portals, taut

__all__ = ["chase", "components", "corridor", "dijkstra", "far_sides", "funnel", "length", "locate", "near_box",
           "portals", "rings", "route_graph", "shortest_through", "stitch", "taut", "triangle_mesh", "turned",
           "warm", "without_loops"]


def warm() -> None:
    """Compile (or load from the cache) every kernel for the types the checks pass: check the
    bundled samples, whose rooms take every path through the route search, before and after
    an edit."""
    from pathlib import Path

    from app.geometry.analysis import check_layout
    from app.storage import load_project

    samples = Path(__file__).resolve().parents[2] / "assets" / "samples"
    for path in sorted(samples.glob("*.classroom.json")):
        for layout in load_project(path).layouts:
            check_layout(layout)
            # and after an edit, when walks found before are tested against the floor it freed
            pieces = [p.model_copy(update={"x": p.x + 1.0}) for p in layout.pieces]
            check_layout(layout.model_copy(update={"pieces": pieces}))
