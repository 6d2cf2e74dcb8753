/// Distributed shared memory: page-based segments spread over nodes, kept
/// consistent by messages (Ivy; TreadMarks' lazy release consistency).
///
/// Owns: segments, each page's owner and copy set, the managers, the
/// consistency models, DSM locks and barriers, as they are built
/// (docs/ARCHITECTURE.md). May reach: Cluster, Network, Frames, Memory.
final class SharedMemory {}
