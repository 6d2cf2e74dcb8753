/// What a release does with the writes of the interval it ends.
enum DSMReleaseAction: Equatable {
    /// Nothing to do: every write was made visible before it happened (invalidations).
    case nothing
    /// Each written page's diff goes to every other copy holder, acknowledged before the release leaves.
    case pushDiffs
    /// Each written page becomes a write notice, carried by the next grant or barrier release;
    /// the diff stays with the writer until someone faults on the page.
    case recordNotices
}

/// When writes become visible. A new model is a new file and a registry entry.
protocol DSMConsistencyModel: Sendable {
    /// Several nodes may write one page at once (twins and diffs), instead of one owner writing.
    var multipleWriters: Bool { get }
    var releaseAction: DSMReleaseAction { get }
}

/// The registry of consistency models, by the language's word.
enum DSMConsistencyModels {
    static func model(for kind: DSMConsistencyKind) -> any DSMConsistencyModel {
        switch kind {
        case .sequential: SequentialConsistency()
        case .release: ReleaseConsistency()
        case .lazyRelease: LazyReleaseConsistency()
        }
    }
}
