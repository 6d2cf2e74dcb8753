/// The file system's events.
public enum FileSystemEvent: Sendable, Equatable {
    /// A file server finished a file-system request.
    case callServed(call: Int32)
    /// A file-system call whose server crashed after receiving it gives up.
    case callTimeout(call: Int32)
    /// A node's delayed-write daemon wakes up.
    case flushDaemon(node: Int32)
    /// A node's file-system client finished a local step (a cache hit).
    case fileStepDone(node: Int32, operation: Int32)
    /// A block range step's local charge (a cache or disk-cache hit) is over: it goes on.
    case rangeStepResumes(node: Int32, operation: Int32)
    /// A backing file's server finished handling a piece of a page's block transfer.
    case blockTransferServed(transfer: Int32, generation: UInt32)
    /// The server of a page's block transfer crashed after receiving it: the client gives up.
    case blockTransferTimeout(transfer: Int32, generation: UInt32)
    /// A page's copy into or out of the client's file cache is over (bypass off).
    case blockTransferCopied(transfer: Int32, generation: UInt32)
}

extension Simulation {
    @inline(__always) func handle(_ e: FileSystemEvent) {
        switch e {
        case .callServed(let call): callServed(call)
        case .callTimeout(let call): callTimedOut(call)
        case .flushDaemon(let node): flushDaemon(Int(node))
        case .fileStepDone(let node, let operation): localStepDone(Int(node), operation)
        case .rangeStepResumes(_, let operation): rangeStepResumes(operation)
        case .blockTransferServed(let transfer, let generation): blockTransferServed(transfer, generation)
        case .blockTransferTimeout(let transfer, let generation): blockTransferTimedOut(transfer, generation)
        case .blockTransferCopied(let transfer, let generation): blockTransferCopied(transfer, generation)
        }
    }
}
