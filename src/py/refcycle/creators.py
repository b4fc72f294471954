"""refcycle.creators: the functions that make an ObjectGraph, under the
module name the refcycle package gives them, so that code importing from
there runs unchanged.  The same objects as refcycle's top-level names."""
from refcycle import cycles_created_by, garbage, objects_reachable_from, snapshot

__all__ = ["cycles_created_by", "garbage", "objects_reachable_from", "snapshot"]
