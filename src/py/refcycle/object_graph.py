"""refcycle.object_graph: ObjectGraph under the module name the refcycle
package gives it, so that code importing from there runs unchanged.  The
same object as refcycle.ObjectGraph."""
from refcycle import ObjectGraph

__all__ = ["ObjectGraph"]
