/// Eager release consistency with multiple writers (Munin): a write to a held copy makes a twin and
/// sends nothing; at a release, each written page's diff (the bytes that differ from the twin) goes to
/// every other copy holder, and the release waits for their acknowledgements.
struct ReleaseConsistency: DSMConsistencyModel {
    var multipleWriters: Bool { true }
    var releaseAction: DSMReleaseAction { .pushDiffs }
}
