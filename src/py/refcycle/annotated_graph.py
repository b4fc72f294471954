"""refcycle.annotated_graph: graphs of records (AnnotatedGraph, its
AnnotatedVertex and AnnotatedEdge) under the module name the refcycle
package gives them, so that code importing from there runs unchanged.
The same objects as refcycle's top-level names."""
from refcycle import AnnotatedEdge, AnnotatedGraph, AnnotatedVertex

__all__ = ["AnnotatedEdge", "AnnotatedGraph", "AnnotatedVertex"]
