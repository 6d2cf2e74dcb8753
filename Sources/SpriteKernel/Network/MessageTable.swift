/// What a message is for; decides what its arrival does.
public enum MessageKind: String, Sendable, Equatable {
    case vSend = "send"
    case vReply = "reply"
    case moveRequest = "movefrom-request"
    case moveData = "move-data"
    case moveAck = "move-ack"
    case rpcRequest = "rpc-request"
    case rpcReply = "rpc-reply"
    case callRequest = "fs-request"
    case callReply = "fs-reply"
}

/// A message in flight (or waiting to be retransmitted).
struct Message {
    var kind: MessageKind
    var source: Int
    var destination: Int
    /// Sending and receiving V processes, or -1.
    var fromProcess: Int32 = -1
    var toProcess: Int32 = -1
    /// The operation (or rpc series) it belongs to.
    var operation: Int32
    var payloadBytes: Int64
    var text: String? = nil
    var sourceIncarnation: UInt32 = 0
    var destinationIncarnation: UInt32 = 0
    var sentAt: SimTime = .zero
    var attempt = 0
    var packets: Int64 = 0
    var wireBytes: Int64 = 0
    var isLocal = false

    /// File-system calls carry a call id where other messages carry an operation.
    var isFileCall: Bool { kind == .callRequest || kind == .callReply }
}

/// A slab of messages with a free list, so steady traffic reuses slots
/// instead of allocating.
struct MessageTable {
    private var slots: [Message] = []
    private var free: [Int32] = []

    mutating func insert(_ message: Message) -> Int32 {
        if let slot = free.popLast() {
            slots[Int(slot)] = message
            return slot
        }
        slots.append(message)
        return Int32(slots.count - 1)
    }

    subscript(id: Int32) -> Message {
        get { slots[Int(id)] }
        set { slots[Int(id)] = newValue }
    }

    mutating func release(_ id: Int32) {
        slots[Int(id)].text = nil
        free.append(id)
    }

    mutating func removeAll() {
        slots.removeAll(keepingCapacity: true)
        free.removeAll(keepingCapacity: true)
    }
}
