/// Ivy: a read fault fetches a copy from the owner, who keeps read access; a write fault takes the page
/// and its ownership, and every other copy is invalidated and acknowledged before the write; a write to a
/// copy already held (an upgrade) moves no page. Every access sees the last write: "very costly" (seed 004).
struct SequentialConsistency: DSMConsistencyModel {
    var multipleWriters: Bool { false }
    var releaseAction: DSMReleaseAction { .nothing }
}
