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
    /// Messages sent and not yet taken, on every channel: memory records, as a
    /// loop of signals with no wait piles them up.
    private(set) var queuedMessages = 0

    mutating func post(_ message: (arrival: SimTime, sender: Int32), on id: Int) {
        channels[id].messages.append(message)
        queuedMessages += 1
    }

    mutating func take(at index: Int, on id: Int) -> (arrival: SimTime, sender: Int32) {
        queuedMessages -= 1
        return channels[id].messages.remove(at: index)
    }

    mutating func channel(node: Int32, name: Int32) -> Int {
        let key = Int64(node) << 32 | Int64(name)
        if let id = index[key] { return Int(id) }
        index[key] = Int32(channels.count)
        channels.append(SimChannel())
        return channels.count - 1
    }
}
