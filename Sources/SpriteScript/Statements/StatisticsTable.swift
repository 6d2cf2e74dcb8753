import SpriteKernel

/// Every statistic, named once: `show stats` lists exactly these rows and
/// `expect stats.NAME` accepts exactly these names, so the two cannot drift.
enum StatisticsTable {
    /// One statistic's value now.
    enum Value {
        case count(Int64)
        case size(Int64)
        case duration(SimTime)
        /// hits of total accesses; no accesses yet gives no ratio.
        case ratio(hits: Int, total: Int)
        /// A mean over nothing yet (no migration or eviction finished): '-', not 0.
        case noMean(Dimension)

        var dimension: Dimension {
            switch self {
            case .count: .count
            case .size: .size
            case .duration: .duration
            case .ratio: .percent
            case .noMean(let dimension): dimension
            }
        }
    }

    struct Statistic: Sendable {
        let name: String
        let value: @Sendable (Simulation) -> Value
    }

    /// File-system calls by kind, shown and expected as `rpc.KIND`.
    static let rpcPrefix = "rpc."
    /// Requests each node served, shown and expected as `requests.NODE`.
    static let requestsPrefix = "requests."

    /// The fixed statistics, in the order `show stats` lists them.
    static let fixed: [Statistic] = [
        Statistic(name: "now") { .duration($0.now) },
        Statistic(name: "events") { .count($0.statistics.eventsProcessed) },
        Statistic(name: "messages") { .count(Int64($0.statistics.messagesSent)) },
        Statistic(name: "delivered") { .count(Int64($0.statistics.messagesDelivered)) },
        Statistic(name: "dropped") { .count(Int64($0.statistics.messagesDropped)) },
        Statistic(name: "retransmits") { .count(Int64($0.statistics.retransmissions)) },
        Statistic(name: "local") { .count(Int64($0.statistics.localMessages)) },
        Statistic(name: "packets") { .count($0.statistics.packets) },
        Statistic(name: "wire-bytes") { .size($0.statistics.wireBytes) },
        Statistic(name: "rpcs") { .count(Int64($0.statistics.rpcCalls)) },
        Statistic(name: "done") { .count(Int64($0.statistics.operationsDone)) },
        Statistic(name: "failed") { .count(Int64($0.statistics.operationsFailed)) },
        file("client-hits") { .count(Int64($0.clientHits)) },
        file("client-misses") { .count(Int64($0.clientMisses)) },
        file("client-hit-ratio") { .ratio(hits: $0.clientHits, total: $0.clientHits + $0.clientMisses) },
        file("server-hits") { .count(Int64($0.serverHits)) },
        file("server-misses") { .count(Int64($0.serverMisses)) },
        file("server-hit-ratio") { .ratio(hits: $0.serverHits, total: $0.serverHits + $0.serverMisses) },
        file("disk-reads") { .count(Int64($0.diskReads)) },
        file("disk-writes") { .count(Int64($0.diskWrites)) },
        file("recalls") { .count(Int64($0.recalls)) },
        file("invalidations") { .count(Int64($0.invalidations)) },
        file("caching-disabled") { .count(Int64($0.cachingDisabled)) },
        file("broadcasts") { .count(Int64($0.broadcasts)) },
        file("stale-prefixes") { .count(Int64($0.stalePrefixes)) },
        file("to-server") { .size($0.bytesToServer) },
        file("never-written") { .size($0.bytesNeverWritten) },
        file("file-rpcs") { .count(Int64($0.rpcs.values.reduce(0, +))) },
    ]

    private static func file(_ name: String,
                             _ value: @escaping @Sendable (FileSystemStatistics) -> Value) -> Statistic {
        Statistic(name: name) { value($0.fileSystemStatistics) }
    }

    /// Every statistic a session has now: the fixed ones, then calls by kind
    /// and requests by server, for those that happened.
    static func all(_ s: Simulation) -> [(name: String, value: Value)] {
        let f = s.fileSystemStatistics
        return fixed.map { ($0.name, $0.value(s)) } + placesRows(s) + memoryRows(s)
            + f.rpcs.sorted { $0.key < $1.key }.map { (rpcPrefix + $0.key, .count(Int64($0.value))) }
            + f.serverRequests.sorted { $0.key < $1.key }
                .map { (requestsPrefix + s.nodeName($0.key), .count(Int64($0.value))) }
            + dsmRows(s) + migrationRows(s) + homeCrashRows(s) + balancingRows(s)
    }

    /// The dimension of `name`, if a script may expect it: a fixed name, a
    /// call kind, or the requests of a declared node.
    static func dimension(of name: String, nodes: some Collection<String>) -> Dimension? {
        if let dimension = fixedDimensions[name] ?? dsmDimensions[name] ?? memoryDimensions[name]
            ?? migrationDimensions[name] ?? homeCrashDimensions[name] ?? balancingDimensions[name] {
            return dimension
        }
        if name.hasPrefix(faultsPrefix), nodes.contains(String(name.dropFirst(faultsPrefix.count))) { return .count }
        if name.hasPrefix(rpcPrefix),
           FileSystemStatistics.callKinds.contains(String(name.dropFirst(rpcPrefix.count))) {
            return .count
        }
        if name.hasPrefix(requestsPrefix), nodes.contains(String(name.dropFirst(requestsPrefix.count))) {
            return .count
        }
        return nil
    }

    /// Each fixed statistic's dimension, read once from an empty session.
    static let fixedDimensions: [String: Dimension] = {
        let empty = Simulation()
        return Dictionary(uniqueKeysWithValues: (fixed + places).map { ($0.name, $0.value(empty).dimension) })
    }()

    /// The value of `name` now (zero for calls and requests that have not happened).
    static func value(of name: String, _ s: Simulation) -> Value {
        let named = { (statistic: Statistic) in statistic.name == name }
        if let statistic = (fixed + places).first(where: named) ?? dsm.first(where: named)
            ?? memory.first(where: named) ?? migration.first(where: named) ?? homeCrash.first(where: named)
            ?? balancing.first(where: named) { return statistic.value(s) }
        return all(s).first { $0.name == name }?.value ?? .count(0)
    }

    /// The names `expect` suggests and lists.
    static var names: [String] {
        (fixed + places).map(\.name) + [rpcPrefix + "KIND", requestsPrefix + "NODE"] + dsm.map(\.name)
            + memory.map(\.name) + [faultsPrefix + "NODE"] + migration.map(\.name) + homeCrash.map(\.name)
            + balancing.map(\.name)
    }

    /// How `show stats` shows a value.
    static func cell(_ value: Value) -> Cell {
        switch value {
        case .count(let n): .count(n)
        case .size(let n): .bytes(n)
        case .duration(let t): .time(t)
        case .ratio(_, 0), .noMean: .none
        case .ratio(let hits, let total): .ratio(Double(hits) / Double(total), shown: "\(hits * 100 / total)%")
        }
    }
}

extension StatisticsTable {
    /// `help expect`'s list of the names, one paragraph the help page wraps.
    static var helpLine: String { "  stats: " + names.joined(separator: " ") }
}
