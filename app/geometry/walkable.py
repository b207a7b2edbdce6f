"""Where a person of a given width can walk: the room eroded by w/2 minus the furniture grown by w/2.

The space holds the positions of a walker's CENTRE, so a path through it is a path for the
whole body. It is built tile by tile (app.geometry.tiles); the triangles of all tiles make one
navigation mesh, whose connected parts say what can reach what.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
import shapely

from app.geometry import kernels
from app.geometry.navmesh import NavMesh
from app.geometry.shapes import door_entry, room_shape
from app.geometry.tiles import Floor, _keep, _remember, floor_tiles, on_seam
from app.model import Layout

#: a gap of exactly the clear width must stay open: grow by w/2 minus this so round-off can't close it
TOLERANCE = 0.05

#: open floor in a zone, by the zone's outline and the tile pieces under it (cached tiles keep
#: their pieces, so an edit elsewhere leaves both the same): ~1.5 ms an edit at 100 pieces
_OPEN_KEPT = 1_024
_open: OrderedDict[tuple, tuple[np.ndarray, list[tuple[int, shapely.Polygon]]]] = OrderedDict()


def forget() -> None:
    """Empty the open-floor cache (tests compare a warm run with a cold one)."""
    _open.clear()


@dataclass
class Space:
    width: float
    radius: float
    pieces: np.ndarray  # open floor, tile by tile: polygons, each connected within its tile
    mesh: NavMesh  # triangles of all the pieces, stitched along the tiles' edges
    piece_part: np.ndarray  # the connected part of the whole space each piece belongs to
    tri_part: np.ndarray  # ... and each triangle
    floor: Floor  # the tiles, and the grown footprints they were cut from
    _tree: shapely.STRtree | None = field(default=None, repr=False)
    _geom: shapely.Geometry | None = field(default=None, repr=False)

    @property
    def geom(self) -> shapely.Geometry:
        """The whole space as one (multi)polygon, tile pieces side by side (for drawing)."""
        if self._geom is None:
            self._geom = shapely.multipolygons(self.pieces) if len(self.pieces) else shapely.Polygon()
        return self._geom

    @property
    def parts(self) -> list[shapely.Geometry]:
        """The connected parts as polygons (slow: unites the tiles; for tests and tools)."""
        return [shapely.union_all(self.pieces[self.piece_part == k]) for k in range(int(self.piece_part.max(initial=-1)) + 1)]

    @property
    def tree(self) -> shapely.STRtree:
        if self._tree is None:
            self._tree = shapely.STRtree(self.pieces)
        return self._tree

    def part_at(self, point: tuple[float, float]) -> int:
        """Which connected part holds point (within a hair), -1 if none."""
        near = self.tree.query(shapely.Point(point), predicate="dwithin", distance=1e-6)
        return int(self.piece_part[near[0]]) if len(near) else -1

    def open_floor(self, geom: shapely.Geometry) -> list[tuple[int, shapely.Polygon]]:
        """(part, polygon) for each connected piece of geom's open floor."""
        hits = self.tree.query(geom, predicate="intersects")
        if not len(hits):
            return []
        under = self.pieces[hits]
        labels, group = np.unique(self.piece_part[hits], return_inverse=True)
        # the same outline over the same pieces, grouped the same way, has the same open floor
        key = (shapely.to_wkb(geom), tuple(map(id, under)), tuple(group.tolist()))
        hit = _open.get(key)
        if hit is not None and len(hit[0]) == len(under) and all(a is b for a, b in zip(hit[0], under)):
            _keep(_open, key)
            found = hit[1]
        else:
            found = _open_floor(geom, under, group)
            _remember(_open, key, (under, found), _OPEN_KEPT)  # the pieces kept alive: no other takes their id
        return [(int(labels[g]), piece) for g, piece in found]


def _open_floor(geom: shapely.Geometry, under: np.ndarray, group: np.ndarray) -> list[tuple[int, shapely.Polygon]]:
    """(group, polygon) for each connected piece of geom over the pieces under it, grouped by part."""
    x0, y0, x1, y1 = geom.bounds
    cut = shapely.clip_by_rect(under, x0, y0, x1, y1)
    box = (x1 - x0) * (y1 - y0)
    if not (shapely.get_num_coordinates(geom) == 5 and abs(geom.area - box) <= 1e-9 * box):
        cut = shapely.intersection(cut, geom)  # not a rectangle along the axes, as most zones are
    out = []
    for g in range(int(group.max()) + 1):
        mine = cut[group == g]
        mine = mine[shapely.area(mine) > 1e-6]
        if not len(mine):
            continue
        # tile pieces meet along the tiles' edges: unite them
        joined = shapely.union_all(mine) if len(mine) > 1 else mine[0]
        for piece in shapely.get_parts(joined):
            if isinstance(piece, shapely.Polygon) and piece.area > 1e-3:
                out.append((g, piece))
    return out


def walkable_space(layout: Layout, width: float, solid_geoms: np.ndarray) -> Space:
    radius = max(width / 2 - TOLERANCE, 0.01)
    return _stitched(width, radius, floor_tiles(room_shape(layout.room), radius, solid_geoms))


def _stitched(width: float, radius: float, floor: Floor) -> Space:
    tiles = floor.tiles
    pieces = np.concatenate([t.pieces for t in tiles]) if tiles else np.empty(0, dtype=object)
    if not len(pieces):
        return Space(width, radius, pieces, NavMesh.from_triangles(np.empty((0, 3, 2))), np.empty(0, dtype=np.int64),
                     np.empty(0, dtype=np.int64), floor)
    offsets = np.cumsum([0] + [len(t.pieces) for t in tiles[:-1]])
    owner = np.concatenate([t.owner + o for t, o in zip(tiles, offsets)])
    mesh = NavMesh.stitched([t.mesh for t in tiles], on_seam)
    if mesh is None:  # a hair-thin triangle along a seam: join the corners anew
        xy = np.concatenate([t.mesh.verts[t.mesh.tris] for t in tiles])
        mesh, kept = NavMesh.from_triangles(xy, with_kept=True)
        owner = owner[kept]
    tri_part = kernels.components(mesh.nb)
    piece_part = np.full(len(pieces), -1)
    piece_part[owner] = tri_part
    # a piece too thin to keep a triangle joins no other: give it a part of its own
    lonely = np.flatnonzero(piece_part < 0)
    piece_part[lonely] = tri_part.max(initial=-1) + 1 + np.arange(len(lonely))
    return Space(width, radius, pieces, mesh, piece_part, tri_part, floor)


def entry_point(layout: Layout, space: Space, door_index: int) -> tuple[int, tuple[float, float]] | None:
    """(part, point) where someone coming in through the door stands, None if they can't."""
    room, door = layout.room, layout.room.doors[door_index]
    ideal = door_entry(room, door, space.radius + 0.5)
    part = space.part_at(ideal)
    if part >= 0:
        return part, ideal
    # a door near a corner or a piece: any free spot just inside the opening will do
    a, b = (np.asarray(p) for p in room.opening_span(door))
    n = np.asarray(room.inward_normal(door.wall)) * (space.radius + 2.0)
    front = shapely.Polygon([tuple(a), tuple(b), tuple(b + n), tuple(a + n)])
    spots = space.open_floor(front)
    if not spots:
        return None
    here = shapely.Point(ideal)
    part, spot = min(spots, key=lambda s: shapely.distance(here, s[1]))
    near = shapely.get_coordinates(shapely.shortest_line(here, spot))[-1]
    return part, (float(near[0]), float(near[1]))


def zone_target(space: Space, zone_geom: shapely.Geometry, prefer: set[int]) -> tuple[int, tuple[float, float]] | None:
    """(part, point) to walk to in a zone: the point nearest the zone's centroid within the largest
    connected piece of (zone and walkable space), in a part reached from a door (prefer) when
    there is one. A small pocket between a wall and a table is not where a group gathers."""
    options = [(k not in prefer, -piece.area, k, piece) for k, piece in space.open_floor(zone_geom)]
    if not options:
        return None
    _, _, k, piece = min(options, key=lambda o: o[:3])
    c = zone_geom.centroid
    if shapely.contains_xy(piece, c.x, c.y):
        return k, (c.x, c.y)
    near = shapely.get_coordinates(shapely.shortest_line(c, piece))[-1]
    return k, (float(near[0]), float(near[1]))
