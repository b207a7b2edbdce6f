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
from dataclasses import dataclass

import numpy as np
import shapely

#: the side of a tile (in): about 4 groups of desks, 20-60 holes
TILE = 240.0
#: arc points per quarter circle where a grown corner is rounded: the arc sags at most
#: r(1 - cos(15 deg)) = 0.6 in at r = 18 in (optimistic at corners only; straight sides are exact)
QUAD_SEGS = 3
#: outlines with many points (round and kidney tables) are simplified to this (in) and grown by it
SIMPLIFY = 0.5

_CACHE_SIZE = 20_000
_serial = itertools.count()
_grown: OrderedDict[tuple[int, float], tuple[shapely.Geometry, shapely.Geometry, int]] = OrderedDict()
_tiles: OrderedDict[tuple, Tile] = OrderedDict()
_inner: OrderedDict[tuple, shapely.Geometry] = OrderedDict()  # by the room's WKB and the radius


@dataclass(frozen=True)
class Tile:
    pieces: np.ndarray  # the open floor in the tile: polygons, each connected within the tile
    triangles: np.ndarray  # (T, 3, 2) corners of triangles covering them
    owner: np.ndarray  # (T,) which of pieces each triangle covers


def forget() -> None:
    """Empty every cache (tests compare a warm run with a cold one)."""
    _grown.clear()
    _tiles.clear()
    _inner.clear()


def _remember(cache: OrderedDict, key, value) -> None:
    cache[key] = value
    if len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)


def grown(footprints: np.ndarray, radius: float) -> tuple[np.ndarray, list[int]]:
    """Each footprint grown by radius, and a serial number that names the grown shape for good
    (cached by the footprint object, which the entry keeps alive so its id can't be reused)."""
    out = np.empty(len(footprints), dtype=object)
    serials = []
    todo = []
    for k, geom in enumerate(footprints):
        hit = _grown.get((id(geom), radius))
        if hit is not None and hit[0] is geom:
            out[k] = hit[1]
            serials.append(hit[2])
        else:
            todo.append(k)
            serials.append(-1)
    if todo:
        geoms = footprints[todo].copy()
        many = shapely.get_num_coordinates(geoms) > 10
        if many.any():
            # a mitred grow by the simplify tolerance keeps the simplified outline around the true one
            geoms[many] = shapely.buffer(shapely.simplify(geoms[many], SIMPLIFY), SIMPLIFY, join_style="mitre")
        made = shapely.buffer(geoms, radius, quad_segs=QUAD_SEGS)
        for k, g in zip(todo, made):
            serial = next(_serial)
            _remember(_grown, (id(footprints[k]), radius), (footprints[k], g, serial))
            out[k] = g
            serials[k] = serial
    return out, serials


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
    tiles: list[Tile]
    grown: np.ndarray  # the solid footprints grown by the radius
    serials: list[int]  # a name for each grown shape, never reused


def floor_tiles(room: shapely.Polygon, radius: float, footprints: np.ndarray) -> Floor:
    """The open floor for a walker of radius round the solid footprints, tile by tile."""
    room_key, inner = inner_room(room, radius)
    shapes, serials = grown(footprints, radius)
    if inner.is_empty:
        return Floor(room_key, [], shapes, serials)
    x0, y0, x1, y1 = inner.bounds
    ix = np.arange(int(np.floor(x0 / TILE)), int(np.ceil(x1 / TILE)))
    iy = np.arange(int(np.floor(y0 / TILE)), int(np.ceil(y1 / TILE)))
    b = shapely.bounds(shapes).reshape(-1, 4)
    # the tiles each grown shape reaches into
    lo_x, hi_x = np.floor(b[:, 0] / TILE).astype(int), np.floor(b[:, 2] / TILE).astype(int)
    lo_y, hi_y = np.floor(b[:, 1] / TILE).astype(int), np.floor(b[:, 3] / TILE).astype(int)
    on: dict[tuple[int, int], list[int]] = {}
    for k, (ax, bx, ay, by) in enumerate(zip(lo_x.tolist(), hi_x.tolist(), lo_y.tolist(), hi_y.tolist())):
        for tx in range(ax, bx + 1):
            for ty in range(ay, by + 1):
                on.setdefault((tx, ty), []).append(k)
    out = []
    for tx in ix.tolist():
        for ty in iy.tolist():
            members = on.get((tx, ty), [])
            key = (room_key, tx, ty, tuple(sorted(serials[k] for k in members)))
            tile = _tiles.get(key)
            if tile is None:
                tile = _tile(inner, shapes[members], tx, ty)
                _remember(_tiles, key, tile)
            if len(tile.pieces):
                out.append(tile)
    return Floor(room_key, out, shapes, serials)


def _tile(inner: shapely.Geometry, shapes: np.ndarray, tx: int, ty: int) -> Tile:
    box = shapely.clip_by_rect(inner, tx * TILE, ty * TILE, (tx + 1) * TILE, (ty + 1) * TILE)
    if len(shapes) and not box.is_empty:
        box = shapely.difference(box, shapely.union_all(shapes))
    pieces = np.array([p for p in shapely.get_parts(box) if isinstance(p, shapely.Polygon) and p.area > 1e-3],
                      dtype=object)
    if not len(pieces):
        return Tile(pieces, np.empty((0, 3, 2)), np.empty(0, dtype=np.int64))
    tris = shapely.constrained_delaunay_triangles(pieces)
    parts = [shapely.get_parts(t) for t in tris]
    owner = np.repeat(np.arange(len(pieces)), [len(p) for p in parts])
    flat = np.concatenate(parts)
    if not len(flat):
        return Tile(pieces, np.empty((0, 3, 2)), owner)
    xy = shapely.get_coordinates(flat).reshape(-1, 4, 2)[:, :3]
    return Tile(pieces, xy, owner)

