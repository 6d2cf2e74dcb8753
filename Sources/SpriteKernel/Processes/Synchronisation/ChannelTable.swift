import DequeModule

/// A node-local message channel between processes: messages not yet taken
/// (when each arrives and who sent it) and the processes waiting for one.
struct SimChannel {
    var messages = Deque<(arrival: SimTime, sender: Int32)>()
    var waiters = Deque<Int32>()
    var sent = 0
}

/// Every channel, created on first use, keyed by node and interned name.
struct ChannelTable {
    private var index: [Int64: Int32] = [:]
    var channels: [SimChannel] = []

    mutating func channel(node: Int32, name: Int32) -> Int {
        let key = Int64(node) << 32 | Int64(name)
        if let id = index[key] { return Int(id) }
        index[key] = Int32(channels.count)
        channels.append(SimChannel())
        return channels.count - 1
    }
}
