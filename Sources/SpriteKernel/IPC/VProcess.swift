import DequeModule

/// One step of a V process's script. A process performs its steps in order;
/// a step that blocks (Send, an empty Receive, a bulk move) holds the rest.
enum ProcessStep {
    case send(to: Int, text: String?, segmentBytes: Int64, operation: Int32)
    case receive(operation: Int32)
    case reply(to: Int, text: String?, segmentBytes: Int64, operation: Int32)
    case moveTo(peer: Int, bytes: Int64, operation: Int32)
    case moveFrom(peer: Int, bytes: Int64, operation: Int32)
    case compute(duration: SimTime, operation: Int32)

    var operation: Int32 {
        switch self {
        case .send(_, _, _, let op), .receive(let op), .reply(_, _, _, let op),
             .moveTo(_, _, let op), .moveFrom(_, _, let op), .compute(_, let op):
            return op
        }
    }
}

/// Where a V process stands.
public enum ProcessState: Sendable, Equatable {
    case ready
    /// Blocked in Send until `peer` replies.
    case awaitingReply(peer: Int)
    /// Blocked in Receive until a message arrives.
    case receiving
    /// Computing or moving data.
    case busy
    /// Its node crashed; it comes back fresh when the node restarts.
    case dead
}

/// A message delivered to a process that has not received it yet.
struct InboxEntry {
    var sender: Int
    var text: String?
    var bytes: Int64
    var arrivedAt: SimTime
}

struct VProcess {
    let name: String
    let node: Int
    var state: ProcessState = .ready
    var steps = Deque<ProcessStep>()
    var inbox = Deque<InboxEntry>()
    /// Senders this process has received from and not yet replied to.
    var awaitingOurReply: [Int] = []
    /// The operation in progress, if blocked or busy.
    var current: Int32?
    var blockedSince: SimTime = .zero
    var lastReceived: String?

    init(name: String, node: Int) {
        self.name = name
        self.node = node
    }

    /// Back to a freshly started process (node restart).
    mutating func reset() {
        state = .ready
        steps.removeAll()
        inbox.removeAll()
        awaitingOurReply.removeAll()
        current = nil
        lastReceived = nil
    }
}

/// A process as `show processes` and `expect` see it.
public struct ProcessInfo: Sendable, Equatable {
    public var name: String
    public var node: Int
    public var state: ProcessState
    public var queuedSteps: Int
    public var inboxCount: Int
    public var lastReceived: String?
}
