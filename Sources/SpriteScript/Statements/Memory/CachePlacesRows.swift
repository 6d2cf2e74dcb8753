import SpriteKernel

/// The four places' statistics: shown by `show stats` once a script declares an access model, a disk cache,
/// read-ahead or batching (older scripts keep their tables); `expect stats.NAME` takes them always.
extension StatisticsTable {
    static let places: [Statistic] = [
        placesRow("disk-cache-hits") { .count(Int64($0.diskCacheHits)) },
        placesRow("disconnected-reads") { .count(Int64($0.disconnectedReads)) },
        placesRow("read-aheads") { .count(Int64($0.readAheads)) },
        placesRow("server-read-aheads") { .count(Int64($0.serverReadAheads)) },
        placesRow("held-block-hits") { .count(Int64($0.heldBlockHits)) },
    ]

    private static func placesRow(_ name: String,
                                  _ value: @escaping @Sendable (CachePlacesStatistics) -> Value) -> Statistic {
        Statistic(name: name) { value($0.cachePlacesStatistics) }
    }

    /// The rows a session shows now: none until the script used the four places.
    static func placesRows(_ s: Simulation) -> [(name: String, value: Value)] {
        s.cachePlacesStatistics.used ? places.map { ($0.name, $0.value(s)) } : []
    }
}
