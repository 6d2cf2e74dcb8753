import SpriteKernel

/// DSM's rows of `show stats` (listed once a segment is declared, so older tables keep their rows) and
/// names of `expect stats.NAME` (accepted always).
extension StatisticsTable {
    static let dsm: [Statistic] = [
        dsmRow("dsm-faults") { .count($0.faults) },
        dsmRow("dsm-read-faults") { .count($0.readFaults) },
        dsmRow("dsm-write-faults") { .count($0.writeFaults) },
        dsmRow("dsm-transfers") { .count($0.transfers) },
        dsmRow("dsm-invalidations") { .count($0.invalidations) },
        dsmRow("dsm-ping-pongs") { .count($0.pingPongs) },
        dsmRow("dsm-twins") { .count($0.twins) },
        dsmRow("dsm-diffs") { .count($0.diffs) },
        dsmRow("dsm-diff-bytes") { .size($0.diffBytes) },
        dsmRow("dsm-messages") { .count($0.messages) },
        dsmRow("dsm-bytes") { .size($0.bytes) },
        dsmRow("dsm-fault-wait") { .duration($0.faultWait) },
    ]

    private static func dsmRow(_ name: String, _ value: @escaping @Sendable (DSMStatistics) -> Value) -> Statistic {
        Statistic(name: name) { value($0.dsmStatistics) }
    }

    static func dsmRows(_ s: Simulation) -> [(name: String, value: Value)] {
        s.dsmSegments.isEmpty ? [] : dsm.map { ($0.name, $0.value(s)) }
    }

    static let dsmDimensions: [String: Dimension] = {
        let empty = Simulation()
        return Dictionary(uniqueKeysWithValues: dsm.map { ($0.name, $0.value(empty).dimension) })
    }()
}
