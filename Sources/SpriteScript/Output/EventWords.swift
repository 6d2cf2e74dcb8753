import SpriteKernel

/// Words for engine events and failures, shared by every output format.
enum EventWords {
    static func bytes(_ n: Int64) -> String { Quantity.formatBytes(n) }

    static func quoted(_ text: String?) -> String {
        guard let text else { return "" }
        return " " + JSONValue.quote(text)
    }

    static func packets(_ n: Int64) -> String { Plural.of(n, "packet") }

    static func labelled(_ op: Int32, _ context: RenderContext) -> String {
        context.label(op).map { " [\($0)]" } ?? ""
    }

    static func describe(_ event: TraceEvent, _ c: RenderContext) -> String {
        if let words = FileEventWords.describe(event, c) { return FileEventWords.issuer(event, c) + words }
        if let words = DSMEventWords.describe(event, c) { return words }
        if let words = MemoryEventWords.describe(event, c) { return words }
        if let words = MigrationEventWords.describe(event, c) { return words }
        if let words = BalancingEventWords.describe(event, c) { return words }
        if let words = PmakeEventWords.describe(event, c) { return words }
        if let words = DiskEventWords.describe(event, c) { return words }
        switch event {
        case .messageSent(let m):
            return "msg \(m.kind.rawValue) \(c.node(m.source)) -> \(c.node(m.destination)) \(bytes(m.payloadBytes))"
                + (m.packets > 0 ? " (\(packets(m.packets)), \(bytes(m.wireBytes)) on the wire)" : " (local)")
                + (m.attempt > 0 ? ", attempt \(m.attempt + 1)" : "")
        case .messageDelivered(let m):
            return "msg \(m.kind.rawValue) from \(c.node(m.source)) delivered"
        case .messageDropped(let m, let reason):
            return "msg \(m.kind.rawValue) \(c.node(m.source)) -> \(c.node(m.destination)) DROPPED: \(words(reason))"
        case .retransmitting(let m):
            return "msg \(m.kind.rawValue) -> \(c.node(m.destination)) retransmitted (attempt \(m.attempt + 1))"
        case .vSent(let op, let from, let to, let text, let size):
            return "send \(c.process(from)) -> \(c.process(to))\(quoted(text)) (\(bytes(size)));"
                + " \(c.process(from)) blocked" + labelled(op, c)
        case .vReceived(let op, let process, let from, let text, let size, let waited):
            return "\(c.process(process)) received\(quoted(text)) (\(bytes(size))) from \(c.process(from))"
                + (waited > .zero ? " after waiting \(waited)" : "") + labelled(op, c)
        case .vReplied(let op, let process, let to, let text, let size):
            return "reply \(c.process(process)) -> \(c.process(to))\(quoted(text)) (\(bytes(size)))" + labelled(op, c)
        case .vUnblocked(let op, let process, let text, let elapsed, let penalty):
            return "\(c.process(process)) unblocked by reply\(quoted(text)): send took \(elapsed)"
                + (penalty == .zero ? " (local)" : " (network penalty \(penalty))") + labelled(op, c)
        case .moveCompleted(let op, let direction, let process, let peer, let size, let elapsed, let penalty, let n):
            let arrow = direction == .moveTo ? "->" : "<-"
            let cost = n == 0 ? " (local copy)" : " (\(packets(n)); network penalty \(penalty))"
            return "\(direction.rawValue) \(c.process(process)) \(arrow) \(c.process(peer))"
                + " \(bytes(size)) done in \(elapsed)" + cost + labelled(op, c)
        case .computeCompleted(let op, let process, let duration):
            return "\(c.process(process)) computed for \(duration)" + labelled(op, c)
        case .rpcCompleted(let op, let call, let calls, let client, let server, let elapsed, let penalty, let n):
            let number = calls > 1 ? " call \(call)/\(calls)" : ""
            return "rpc \(c.node(client)) -> \(c.node(server))\(number) done in \(elapsed)"
                + " (\(packets(n)); network penalty \(penalty))" + labelled(op, c)
        case .rpcSeriesCompleted(let op, let client, let server, let calls, let elapsed, let mean, let penalty, let n):
            return "rpc \(c.node(client)) -> \(c.node(server)) x\(calls) done in \(elapsed): \(mean) per call"
                + " (\(packets(n)); network penalty \(penalty) per call)" + labelled(op, c)
        case .operationFailed(let op, let failure):
            let what = c.simulation.operation(op).map { describe(operation: $0, c) } ?? "operation"
            return "\(what) FAILED: \(words(failure, of: op, c))" + labelled(op, c)
        case .nodeCrashed(let node, let lost):
            return "\(c.node(node)) CRASHED" + (lost > 0 ? " (\(Plural.of(lost, "undelivered message")) lost)" : "")
        case .nodeRestarted(let node):
            return "\(c.node(node)) restarted with empty memory"
        case .partitioned(let groups):
            let named = groups.map { "{" + $0.map(c.node).joined(separator: " ") + "}" }
            return "network partitioned: " + named.joined(separator: " | ") + " | {everyone else}"
        case .healed:
            return "network healed"
        default:
            return "file-system event"
        }
    }

    static func describe(operation record: OperationRecord, _ c: RenderContext) -> String {
        let actor = record.scheduledProcess ?? record.process.map(c.process) ?? c.node(record.node)
        let peer = record.scheduledPeer ?? record.peer.map(c.process) ?? "?"
        switch record.kind {
        case .rpc: return "rpc \(c.node(record.node)) -> \(record.peer.map(c.node) ?? "?")"
        case .send, .reply, .moveTo: return "\(record.kind.rawValue) \(actor) -> \(peer)"
        case .moveFrom: return "movefrom \(actor) <- \(peer)"
        case .receive, .compute: return "\(record.kind.rawValue) \(actor)"
        case .open, .read, .write, .close, .delete, .stat, .sync, .create, .mkdir, .list, .resolve, .mount:
            let by = record.process.map { " by " + c.process($0) } ?? ""
            return "\(record.kind.rawValue)\(record.path.map { " " + $0 } ?? "")\(by) on \(c.node(record.node))"
        }
    }

    static func words(_ reason: DropReason) -> String {
        switch reason {
        case .loss: "lost on the network"
        case .partition: "the network is partitioned"
        case .destinationDown: "the destination is down"
        case .senderCrashed: "the sender crashed while it was in flight"
        }
    }

    /// A failed step's reason; a child's step that finds no open file says which files a child has.
    static func words(_ failure: OperationFailure, of op: Int32, _ c: RenderContext) -> String {
        let reason = words(failure, c)
        guard case .notOpen = failure, let process = c.simulation.operation(op)?.process,
              c.simulation.processMetrics(ProcessID(process))?.parent != nil else { return reason }
        return reason + " (a child shares only the files its parent had open when it forked it, "
            + "a spawned one none: open it in the child)"
    }

    static func words(_ failure: OperationFailure, _ c: RenderContext) -> String {
        switch failure {
        case .nodeDown(let node): "\(c.node(node)) is down"
        case .peerCrashed(let node): "\(c.node(node)) crashed and never answered"
        case .noAnswer(let node, let attempts): "no answer from \(c.node(node)) after \(Plural.of(attempts, "attempt"))"
        case .notAwaitingReply(let process, let peer):
            "\(c.process(process)) is not blocked awaiting a reply from \(c.process(peer))"
        case .segmentTooLarge(let size, let limit): "segment of \(bytes(size)) exceeds the \(bytes(limit)) limit"
        case .messageTooLarge(let size, let limit):
            "message text of \(bytes(size)) does not fit a fixed \(bytes(limit)) V message; use a segment or moveto"
        case .noServer(let path): "no domain covers \(path)"
        case .noSuchFile(let path): "\(path) does not exist"
        case .noSuchProcess(let name): "no process \(name) is running"
        case .peerNotAwaitingReply(let process, let peer): "\(process) is not blocked awaiting a reply from \(peer)"
        case .notOpen(let path): path.map { "\($0) is not open" } ?? "no file is open"
        case .openReadOnly(let path): "\(path) is open for reading only"
        case .openWriteOnly(let path): "\(path) is open for writing only; open it r or rw to read it"
        case .notExported(let path, let server): "\(c.node(server)) does not export \(path)"
        case .isDirectory(let path): "\(path) is a directory; open, read and write take files (use ls)"
        case .notADirectory(let path): "\(path) is a file, not a directory"
        case .rootDirectory(let path) where path == "/": "/ is the root directory and cannot be deleted"
        case .rootDirectory(let path): "\(path) is the root of a domain or an export and cannot be deleted"
        case .fileExists(let path): "\(path) already exists"
        case .directoryNotEmpty(let path): "\(path) is a directory that is not empty; delete its files first"
        case .endOfTime: "it would end after the end of simulated time (about 146 years)"
        case .fileBytesLimit(let size, let limit):
            "file data would reach \(bytes(size)), past the limit of \(bytes(limit))"
        case .textBytesLimit(let size, let limit):
            "the text of file versions would reach \(bytes(size)), past the \(bytes(limit)) the memory limit allows"
        case .sourcePageLost(let node):
            "its only copy was in \(c.node(node))'s memory (left there by a lazy-copy migration), lost when "
                + "\(c.node(node)) crashed"
        }
    }

    static func failureCode(_ failure: OperationFailure) -> String {
        switch failure {
        case .nodeDown: "node-down"
        case .peerCrashed: "peer-crashed"
        case .noAnswer: "no-answer"
        case .notAwaitingReply: "not-awaiting-reply"
        case .segmentTooLarge: "segment-too-large"
        case .messageTooLarge: "message-too-large"
        case .noServer: "no-server"
        case .noSuchFile: "no-such-file"
        case .noSuchProcess: "no-such-process"
        case .peerNotAwaitingReply: "not-awaiting-reply"
        case .notOpen: "not-open"
        case .openReadOnly: "read-only"
        case .openWriteOnly: "write-only"
        case .notExported: "not-exported"
        case .isDirectory: "is-directory"
        case .notADirectory: "not-a-directory"
        case .rootDirectory: "root-directory"
        case .fileExists: "file-exists"
        case .directoryNotEmpty: "directory-not-empty"
        case .endOfTime: "end-of-time"
        case .fileBytesLimit: "file-bytes-limit"
        case .textBytesLimit: "memory-limit"
        case .sourcePageLost: "page-lost"
        }
    }
}

extension OperationFailure {
    /// The limit a failure is, if it is one: a script cannot allow for it with `try`.
    var limit: Limits.Name? {
        switch self {
        case .fileBytesLimit: .fileBytes
        case .textBytesLimit: .memory
        default: nil
        }
    }
}
