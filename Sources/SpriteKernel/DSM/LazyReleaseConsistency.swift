/// Lazy release consistency (TreadMarks): a release sends nothing; the next acquirer's lock grant, or a
/// barrier's release, carries write notices (8 bytes each) for the pages written before it; the acquirer
/// invalidates those pages, and its next access to one fetches each writer's diff.
struct LazyReleaseConsistency: DSMConsistencyModel {
    var multipleWriters: Bool { true }
    var releaseAction: DSMReleaseAction { .recordNotices }
}
