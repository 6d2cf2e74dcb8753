/// What drives a process's steps.
enum ProcessKind: UInt8 {
    /// A compiled program, walked by the process itself (spawn, fork, a workload).
    case program
    /// A declared process (`process NAME on NODE`): the language issues its
    /// steps one at a time and they wait their turn in its step queue.
    case declared
    /// A node's implicit shell: its queue holds the file steps the node's client
    /// takes one at a time (`on NODE { }`'s, and those its processes issue).
    /// Made at the node's first file step; not listed, not named by scripts.
    case shell
    /// A free slot: its process ended and was summarised (`EndedProcessRecords.summary`); no process now.
    case free
}

/// One step a declared process was given and has not taken yet. A process
/// takes its steps in order; a step that blocks (Send, an empty Receive, a
/// bulk move, a compute, a file operation) holds the rest. Each names its
/// operation, made when the step was issued.
enum QueuedStep {
    case send(to: Int32, text: String?, segmentBytes: Int64, operation: Int32)
    case receive(operation: Int32)
    case reply(to: Int32, text: String?, segmentBytes: Int64, operation: Int32)
    case moveTo(peer: Int32, bytes: Int64, operation: Int32)
    case moveFrom(peer: Int32, bytes: Int64, operation: Int32)
    case compute(duration: SimTime, operation: Int32)
    /// An `on PROCESS { }` file step, asked of the node's client when the process takes it.
    case file(FileStep)

    var operation: Int32 {
        switch self {
        case .send(_, _, _, let op), .receive(let op), .reply(_, _, _, let op),
             .moveTo(_, _, let op), .moveFrom(_, _, let op), .compute(_, let op):
            return op
        case .file(let step):
            return step.operation
        }
    }
}

/// Where a declared process stands, as `show processes` and `expect` read it.
public enum ProcessState: Sendable, Equatable {
    case ready
    /// Blocked in Send until `peer` replies.
    case awaitingReply(peer: Int)
    /// Blocked in Receive until a message arrives.
    case receiving
    /// Computing or moving data.
    case busy
    /// Waiting for its file operation (open, read, write, close …) to end.
    case file
    /// Its node crashed; it comes back fresh when the node restarts.
    case dead
}

/// A declared process as `show processes` and `expect` see it.
public struct ProcessInfo: Sendable, Equatable {
    public var name: String
    public var node: Int
    public var state: ProcessState
    public var queuedSteps: Int
    public var inboxCount: Int
    public var lastReceived: String?
}
