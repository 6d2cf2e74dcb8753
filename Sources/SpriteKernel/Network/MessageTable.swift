/// What a message is for; decides what its arrival does.
public enum MessageKind: String, Sendable, Equatable, BitwiseCopyable {
    case vSend = "send"
    case vReply = "reply"
    case moveRequest = "movefrom-request"
    case moveData = "move-data"
    case moveAck = "move-ack"
    case rpcRequest = "rpc-request"
    case rpcReply = "rpc-reply"
    case callRequest = "fs-request"
    case callReply = "fs-reply"
    /// DSM's control messages (requests, forwards, invalidations, locks …), pages and diffs.
    case dsmControl = "dsm"
    case dsmPage = "dsm-page"
    case dsmDiff = "dsm-diff"
    /// A page-in or page-out between a node's memory and a block of a file on its server.
    case pageRequest = "page-request"
    case pageReply = "page-reply"
}

/// A message in flight (or waiting to be retransmitted). It holds no
/// reference (a V message's text waits in `MessageTable`), so copying one,
/// which every send and arrival does, is a plain copy of bytes.
struct Message: BitwiseCopyable {
    var kind: MessageKind
    var source: Int
    var destination: Int
    /// Sending and receiving processes (ids in the process table), or -1.
    var fromProcess: Int32 = -1
    var toProcess: Int32 = -1
    /// The operation (or rpc series) it belongs to.
    var operation: Int32
    /// For an owner that reuses the ids it puts in `operation` (a page's block transfer): the id's
    /// generation, so a message that outlived its transfer is known. Fills padding: no bytes added.
    var generation: UInt32 = 0
    var payloadBytes: Int64
    var sourceIncarnation: UInt32 = 0
    var destinationIncarnation: UInt32 = 0
    var sentAt: SimTime = .zero
    var attempt = 0
    var packets: Int64 = 0
    var wireBytes: Int64 = 0
    var isLocal = false
    /// A non-blocking send: its sender awaits no reply.
    var oneWay = false

    /// File-system calls carry a call id where other messages carry an operation.
    /// Inlined: every message sent asks, and the call with what it spilled
    /// around it cost about 25 instructions a message.
    @inline(__always) var isFileCall: Bool { kind == .callRequest || kind == .callReply }

    /// A DSM message carries its meaning's slot where others carry an operation.
    @inline(__always) var isDSM: Bool { kind == .dsmControl || kind == .dsmPage || kind == .dsmDiff }

    /// A page's block transfer carries its transfer's id where other messages carry an operation;
    /// no operation waits on it.
    @inline(__always) var isPageTransfer: Bool { kind == .pageRequest || kind == .pageReply }
}

/// A slab of messages with a free list, so steady traffic reuses slots
/// instead of allocating. Both are unique arrays: every send and arrival
/// writes them, and an Array asked first whether it was shared.
struct MessageTable: ~Copyable {
    private var slots = UniqueArray<Message>()
    private var free = UniqueArray<Int32>()
    /// The text of each message in flight that carries one (a V Send or
    /// Reply), by slot. Few do, so it is kept apart from the slots.
    private var texts: [Int32: String] = [:]

    mutating func insert(_ message: Message, text: String? = nil) -> Int32 {
        let slot: Int32
        if !free.isEmpty {
            slot = free.removeLast()
            slots[Int(slot)] = message
        } else {
            slots.append(message)
            slot = Int32(slots.count - 1)
        }
        if let text { texts[slot] = text }
        return slot
    }

    subscript(id: Int32) -> Message {
        get { slots[Int(id)] }
        set { slots[Int(id)] = newValue }
    }

    /// Frees the slot and hands back the message's text, for its receiver
    /// or its retransmission.
    mutating func release(_ id: Int32) -> String? {
        free.append(id)
        return texts.isEmpty ? nil : texts.removeValue(forKey: id)
    }

    /// Frees the slot of a message whose text, if any, no one wants. Every
    /// RPC and file-system message ends here: returning an optional String
    /// only to drop it cost a release call per message.
    @inline(__always) mutating func discard(_ id: Int32) {
        free.append(id)
        if !texts.isEmpty { texts[id] = nil }
    }

    mutating func removeAll() {
        slots.removeAll()
        free.removeAll()
        texts.removeAll()
    }
}
