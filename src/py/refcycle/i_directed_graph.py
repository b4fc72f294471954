"""refcycle.i_directed_graph: the abstract base of directed graphs.

IDirectedGraph is the interface both graph types of this package answer
to (ObjectGraph and AnnotatedGraph are registered with it, so
isinstance(graph, IDirectedGraph) holds), as in the refcycle package.
The C types implement every method themselves, on their arrays.  A class
of your own may subclass IDirectedGraph: it implements the six abstract
members and inherits the rest, written here over those six.
"""
import abc
from collections import Counter, deque
from collections.abc import Container, Iterable, Sized

__all__ = ["IDirectedGraph"]


class IDirectedGraph(Container, Iterable, Sized):
    """A directed graph: vertices, edges, and each edge's head and tail."""

    @property
    @abc.abstractmethod
    def vertices(self):
        """The vertices: iterable, with fast `in`."""

    @property
    @abc.abstractmethod
    def edges(self):
        """The edges: iterable, with fast `in`."""

    @abc.abstractmethod
    def head(self, edge):
        """The vertex edge points to."""

    @abc.abstractmethod
    def tail(self, edge):
        """The vertex edge leaves."""

    @abc.abstractmethod
    def out_edges(self, vertex):
        """The edges leaving vertex."""

    @abc.abstractmethod
    def in_edges(self, vertex):
        """The edges entering vertex."""

    @abc.abstractmethod
    def full_subgraph(self, vertices):
        """The graph on the given vertices and every edge among them."""

    # How vertices are compared: by equality here, by identity in a graph
    # of Python objects.
    @classmethod
    def vertex_set(cls):
        """An empty set for this graph's vertices."""
        return set()

    @classmethod
    def vertex_dict(cls):
        """An empty mapping keyed by this graph's vertices."""
        return dict()

    @classmethod
    def vertex_equal(cls, vertex1, vertex2):
        """Whether the two are the same vertex."""
        return vertex1 == vertex2

    def __len__(self):
        return len(self.vertices)

    def __iter__(self):
        return iter(self.vertices)

    def __contains__(self, vertex):
        return vertex in self.vertices

    def children(self, vertex):
        """The heads of vertex's out-edges, one per edge."""
        return [self.head(edge) for edge in self.out_edges(vertex)]

    def parents(self, vertex):
        """The tails of vertex's in-edges, one per edge."""
        return [self.tail(edge) for edge in self.in_edges(vertex)]

    def references(self):
        """(tail, head) for every edge."""
        return [(tail, head) for tail in self.vertices for head in self.children(tail)]

    def _reach(self, start, generations, step):
        seen = self.vertex_set()
        seen.add(start)
        todo = deque([(start, 0)])
        while todo:
            vertex, depth = todo.popleft()
            if depth == generations:
                continue
            for other in step(vertex):
                if other not in seen:
                    seen.add(other)
                    todo.append((other, depth + 1))
        return self.full_subgraph(seen)

    def descendants(self, start, generations=None):
        """The subgraph of what start reaches (start included), within
        `generations` steps when given."""
        return self._reach(start, generations, self.children)

    def ancestors(self, start, generations=None):
        """The subgraph of what reaches start (start included), within
        `generations` steps when given."""
        return self._reach(start, generations, self.parents)

    def _bfs_path(self, start, end, first_step):
        # parent[v]: the vertex v was first reached from.
        parent = self.vertex_dict()
        todo = deque()
        for child in first_step:
            if child not in parent:
                parent[child] = start
                todo.append(child)
        while todo and end not in parent:
            vertex = todo.popleft()
            for child in self.children(vertex):
                if child not in parent:
                    parent[child] = vertex
                    todo.append(child)
        if end not in parent:
            raise ValueError("No path found.")
        # Back from end to start, taking at least one step (a cycle's end
        # is its start).
        path, vertex = [end], parent[end]
        while not self.vertex_equal(vertex, start):
            path.append(vertex)
            vertex = parent[vertex]
        if not self.vertex_equal(start, end):
            path.append(start)
        return self.full_subgraph(path)

    def shortest_path(self, start, end):
        """The subgraph of a shortest path from start to end; ValueError
        when there is none."""
        if self.vertex_equal(start, end):
            return self.full_subgraph([start])
        return self._bfs_path(start, end, self.children(start))

    def shortest_cycle(self, start):
        """The subgraph of a shortest cycle through start; ValueError when
        there is none."""
        return self._bfs_path(start, start, self.children(start))

    def strongly_connected_components(self):
        """The strongly connected components, as subgraphs."""
        return [self.full_subgraph(c) for c in self._components()]

    def source_components(self):
        """The components no edge enters from another component."""
        comps = self._components()
        which = self.vertex_dict()
        for k, comp in enumerate(comps):
            for vertex in comp:
                which[vertex] = k
        entered = set()
        for k, comp in enumerate(comps):
            for vertex in comp:
                entered.update(which[child] for child in self.children(vertex)
                               if which[child] != k)
        return [self.full_subgraph(c) for k, c in enumerate(comps) if k not in entered]

    def _components(self):
        # Tarjan's algorithm without recursion: each frame is a vertex and
        # the iterator over its children.
        index, low = self.vertex_dict(), self.vertex_dict()
        on_stack = self.vertex_set()
        stack, comps = [], []
        for root in self.vertices:
            if root in index:
                continue
            index[root] = low[root] = len(index)
            stack.append(root)
            on_stack.add(root)
            frames = [(root, iter(self.children(root)))]
            while frames:
                vertex, children = frames[-1]
                for child in children:
                    if child not in index:
                        index[child] = low[child] = len(index)
                        stack.append(child)
                        on_stack.add(child)
                        frames.append((child, iter(self.children(child))))
                        break
                    if child in on_stack:
                        low[vertex] = min(low[vertex], index[child])
                else:
                    frames.pop()
                    if frames:
                        up = frames[-1][0]
                        low[up] = min(low[up], low[vertex])
                    if low[vertex] == index[vertex]:
                        comp = []
                        while True:
                            member = stack.pop()
                            on_stack.discard(member)
                            comp.append(member)
                            if self.vertex_equal(member, vertex):
                                break
                        comps.append(comp)
        return comps

    def count_by(self, classifier):
        """Counter of classifier(vertex) over the vertices."""
        return Counter(classifier(vertex) for vertex in self)

    def find_by(self, predicate):
        """The vertices for which predicate(vertex) is true."""
        return [vertex for vertex in self if predicate(vertex)]

    def __sub__(self, other):
        return self.full_subgraph([v for v in self.vertices if v not in other.vertices])

    def __and__(self, other):
        return self.full_subgraph([v for v in self.vertices if v in other.vertices])
