"""The walkable floor tile by tile, each tile cached by what lies on it.

analyze() runs after every edit, and an edit moves one piece: the grown footprint of every
piece is cached by value, and the floor is cut into fixed TILE x TILE squares (anchored at the
plan's origin, so a moved piece leaves the grid where it is) whose open floor and triangles are
cached under the room, the clear width and the pieces that reach into them. A one-piece edit
re-does only the tiles that piece touches before and after. Tiles also keep the triangulation
fast: GEOS joins holes to the shell before triangulating, which grows faster than linearly with
the hole count.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
import shapely

from app.geometry.navmesh import NavMesh

#: the side of a tile (in): about 4 groups of desks, 20-60 holes
TILE = 240.0
#: arc points per quarter circle where a grown corner is rounded: the arc sags at most
#: r(1 - cos(15 deg)) = 0.6 in at r = 18 in (optimistic at corners only; straight sides are exact)
QUAD_SEGS = 3
#: outlines with many points (round and kidney tables) are simplified to this (in) and grown by it
SIMPLIFY = 0.5

#: footprints kept (a few hundred bytes each) and tiles kept (~10 kB each: 2,048 is ~20 MB, eleven
#: plans of 2,000 pieces)
_CACHE_SIZE = 20_000
_TILES_KEPT = 2_048
_serial = itertools.count()
_footprints: OrderedDict[int, Footprint] = OrderedDict()  # by the id of the footprint object
_tiles: OrderedDict[tuple, Tile] = OrderedDict()
_inner: OrderedDict[tuple, shapely.Geometry] = OrderedDict()  # by the room's WKB and the radius


@dataclass(frozen=True)
class Tile:
    pieces: np.ndarray  # the open floor in the tile: polygons, each connected within the tile
    mesh: NavMesh  # triangles covering them
    owner: np.ndarray  # (T,) which of pieces each triangle covers


@dataclass(eq=False)
class Footprint:
    """One solid footprint as the floor needs it, named for good by its serial number."""

    geom: shapely.Geometry  # kept alive here, so no other object can take its id
    simple: shapely.Geometry  # round outlines simplified (and grown back over the true one)
    serial: int
    _grown: dict[float, shapely.Geometry] = field(default_factory=dict)

    def grown(self, radius: float) -> shapely.Geometry:
        hit = self._grown.get(radius)
        if hit is None:
            hit = self._grown[radius] = shapely.buffer(self.simple, radius, quad_segs=QUAD_SEGS)
        return hit


def forget() -> None:
    """Empty every cache (tests compare a warm run with a cold one)."""
    _footprints.clear()
    _tiles.clear()
    _inner.clear()


def _keep(cache: OrderedDict, key) -> None:
    """In use: the last to go (another thread may have dropped it meanwhile: the live checks run
    in a worker)."""
    try:
        cache.move_to_end(key)
    except KeyError:
        pass


def _remember(cache: OrderedDict, key, value, size: int = _CACHE_SIZE) -> None:
    cache[key] = value
    if len(cache) > size:
        cache.popitem(last=False)


def footprints_of(geoms: np.ndarray) -> list[Footprint]:
    """The cached Footprint of each solid footprint polygon."""
    out: list[Footprint | None] = []
    todo = []
    for k, geom in enumerate(geoms):
        hit = _footprints.get(id(geom))
        if hit is not None and hit.geom is geom:
            _keep(_footprints, id(geom))
            out.append(hit)
        else:
            out.append(None)
            todo.append(k)
    if todo:
        simple = geoms[todo].copy()
        many = shapely.get_num_coordinates(simple) > 10
        if many.any():
            # a mitred grow by the simplify tolerance keeps the simplified outline around the true one
            simple[many] = shapely.buffer(shapely.simplify(simple[many], SIMPLIFY), SIMPLIFY, join_style="mitre")
        for k, g in zip(todo, simple):
            entry = Footprint(geoms[k], g, next(_serial))
            _remember(_footprints, id(geoms[k]), entry)
            out[k] = entry
    return out  # type: ignore[return-value]


def inner_room(room: shapely.Polygon, radius: float) -> tuple[tuple, shapely.Geometry]:
    """(key, shape): where a walker's centre can be with the walls alone (the room shrunk by
    radius), and the values that made it."""
    key = (shapely.to_wkb(room), radius)
    hit = _inner.get(key)
    if hit is None:
        hit = shapely.buffer(room, -radius, quad_segs=QUAD_SEGS)
        _remember(_inner, key, hit)
    return key, hit


@dataclass(frozen=True)
class Floor:
    key: tuple  # the room and the radius
    radius: float
    tiles: list[Tile]
    footprints: list[Footprint]  # the solid footprints the tiles were cut round


def floor_tiles(room: shapely.Polygon, radius: float, geoms: np.ndarray) -> Floor:
    """The open floor for a walker of radius round the solid footprints, tile by tile."""
    room_key, inner = inner_room(room, radius)
    feet = footprints_of(geoms)
    if inner.is_empty:
        return Floor(room_key, radius, [], feet)
    simple = np.empty(len(feet), dtype=object)
    simple[:] = [f.simple for f in feet]
    x0, y0, x1, y1 = inner.bounds
    ix = np.arange(int(np.floor(x0 / TILE)), int(np.ceil(x1 / TILE)))
    iy = np.arange(int(np.floor(y0 / TILE)), int(np.ceil(y1 / TILE)))
    # the tiles each footprint grown by the radius reaches into
    b = shapely.bounds(simple).reshape(-1, 4) + np.array([-radius, -radius, radius, radius])
    lo_x, hi_x = np.floor(b[:, 0] / TILE).astype(np.int64), np.floor(b[:, 2] / TILE).astype(np.int64)
    lo_y, hi_y = np.floor(b[:, 1] / TILE).astype(np.int64), np.floor(b[:, 3] / TILE).astype(np.int64)
    # every (tile, footprint) pair, tiles numbered row by row over the grid and one past it
    wide, tall = hi_x - lo_x + 1, hi_y - lo_y + 1
    k = np.repeat(np.arange(len(feet)), wide * tall)
    step = np.arange(len(k)) - np.repeat(np.cumsum(wide * tall) - wide * tall, wide * tall)
    tx, ty = lo_x[k] + step % wide[k], lo_y[k] + step // wide[k]
    x_lo, y_lo = int(ix[0]) - 1 if len(ix) else 0, int(iy[0]) - 1 if len(iy) else 0
    span = len(iy) + 2
    serials = np.array([f.serial for f in feet], dtype=np.int64)
    cell = (np.clip(tx, x_lo, x_lo + len(ix) + 1) - x_lo) * span + np.clip(ty, y_lo, y_lo + span - 1) - y_lo
    order = np.lexsort((k, cell))
    cells, first = np.unique(cell[order], return_index=True)
    groups = np.split(k[order], first[1:]) if len(order) else []
    on = dict(zip(cells.tolist(), groups))
    nothing = np.empty(0, dtype=np.int64)
    out = []
    for tx in ix.tolist():
        for ty in iy.tolist():
            members = on.get((tx - x_lo) * span + ty - y_lo, nothing)
            key = (room_key, tx, ty, tuple(sorted(serials[members].tolist())))
            tile = _tiles.get(key)
            if tile is not None:
                _keep(_tiles, key)
            else:
                tile = _tile(inner, simple[members], radius, tx, ty)
                _remember(_tiles, key, tile, _TILES_KEPT)
            if len(tile.pieces):
                out.append(tile)
    return Floor(room_key, radius, out, feet)


def _tile(inner: shapely.Geometry, simple: np.ndarray, radius: float, tx: int, ty: int) -> Tile:
    box = shapely.clip_by_rect(inner, tx * TILE, ty * TILE, (tx + 1) * TILE, (ty + 1) * TILE)
    if len(simple) and not box.is_empty:
        # one buffer of the tile's footprints together: ~2x faster than growing each and uniting
        grown = shapely.buffer(shapely.geometrycollections(simple), radius, quad_segs=QUAD_SEGS)
        box = shapely.difference(box, grown)
    pieces = np.array([p for p in shapely.get_parts(box) if isinstance(p, shapely.Polygon) and p.area > 1e-3],
                      dtype=object)
    if not len(pieces):
        return Tile(pieces, NavMesh.from_triangles(np.empty((0, 3, 2))), np.empty(0, dtype=np.int64))
    tris = shapely.constrained_delaunay_triangles(pieces)
    parts = [shapely.get_parts(t) for t in tris]
    owner = np.repeat(np.arange(len(pieces)), [len(p) for p in parts])
    flat = np.concatenate(parts)
    if not len(flat):
        return Tile(pieces, NavMesh.from_triangles(np.empty((0, 3, 2))), owner)
    mesh, kept = NavMesh.from_triangles(shapely.get_coordinates(flat).reshape(-1, 4, 2)[:, :3], with_kept=True)
    return Tile(pieces, mesh, owner[kept])


def on_seam(verts: np.ndarray) -> np.ndarray:
    """Corners on the lines between tiles (to round-off: where an outline crosses the line)."""
    off = np.abs(verts / TILE - np.round(verts / TILE)) * TILE
    return (off[:, 0] < 1e-6) | (off[:, 1] < 1e-6)
