/// The server's answer to a file-system call.
struct CallAnswer {
    var replyBytes: Int64 = 0
    /// Server time beyond the CPU service time.
    var extraTime: SimTime = .zero
    /// Blocks the server's disk must read before it can reply.
    var disk: DiskRead?
    /// The server does not serve this path (a stale prefix-table entry).
    var notMine = false
    /// With `notMine`: the path crosses a remote link into this domain.
    var remoteLink: String?
    var version = 0
    var modified: SimTime = .zero
    var content: ContentID = emptyContent
    var size: Int64 = 0
    var missing = false
    /// The path names a directory, which open, read and write refuse.
    var isDirectory = false
    /// A directory the path needs is this regular file.
    var notADirectory: String?
    /// mkdir of a name that already exists.
    var exists = false
    /// delete of a directory that still holds files.
    var notEmpty = false
    /// delete of the root of a domain or an export.
    var namespaceRoot = false
    var cachingDisabled = false
    /// The reply carries the file's data (an open under whole-file caching).
    var carriesData = false
    /// Callbacks: the server promised to call this client back; the epoch.
    var promise: Int?
    /// Blocks the server's disk reads after the reply's own, into its cache (server read-ahead).
    var readAhead: DiskRead?
}

extension CallAnswer {
    /// What a step on `path` failed with, if the server refused it: the one
    /// place a refusal becomes an operation failure, whichever call asked.
    /// (`isDirectory` is not here: for getattr it is an answer, not a refusal.)
    func refusal(for path: String) -> OperationFailure? {
        if namespaceRoot { return .rootDirectory(path: path) }
        if notEmpty { return .directoryNotEmpty(path: path) }
        if let file = notADirectory { return .notADirectory(path: file) }
        if exists { return .fileExists(path: path) }
        if missing { return .noSuchFile(path: path) }
        return nil
    }
}

/// A kernel-to-kernel call of the file system, in flight. The steps it
/// continues are closures: file operations are orders of magnitude rarer
/// than the engine's packet events, so clarity wins over allocation here.
struct PendingCall {
    var kind: String
    var client: Int
    var server: Int
    var requestBytes: Int64
    /// Runs at the server when the request arrives; nil means the server
    /// answers later with `answerCall` (after a recall, say).
    var serve: (Simulation) -> CallAnswer?
    var then: (Simulation, CallAnswer) -> Void
    var failed: (Simulation, OperationFailure) -> Void
    var answer: CallAnswer?
    var serverIncarnation: UInt32 = 0
    /// The request reached the server (which may crash before it answers).
    var delivered = false
    /// Operation to charge packets to, if any.
    var operation: Int32
    /// Data past the RPC size limit still to cross, in further RPCs: request
    /// bytes the client has not yet sent, reply bytes the server has not.
    var requestLeft: Int64 = 0
    var replyLeft: Int64 = 0
}

extension Simulation {
    /// Sends a file-system request from `client` to `server` and continues
    /// with `then` when the reply arrives.
    func call(_ kind: String, from client: Int, to server: Int, requestBytes: Int64, operation: Int32,
              serve: @escaping (Simulation) -> CallAnswer?,
              then: @escaping (Simulation, CallAnswer) -> Void,
              failed: @escaping (Simulation, OperationFailure) -> Void) {
        assert(FileSystemStatistics.callKinds.contains(kind), "an uncounted kind of call: \(kind)")
        let id = fs.nextCall
        fs.nextCall += 1
        fs.calls[id] = PendingCall(kind: kind, client: client, server: server, requestBytes: requestBytes,
                                   serve: serve, then: then, failed: failed, operation: operation,
                                   requestLeft: requestBytes)
        sendCallRequest(id)
    }

    /// One RPC of a call: the next piece of its arguments, or (once they are
    /// all sent) a header-only request for the next piece of its results.
    /// Each RPC is counted, so a 1MB read under a 16KB limit counts 64.
    private func sendCallRequest(_ id: Int32) {
        guard var pending = fs.calls[id] else { return }
        let piece = network.config.cost.rpcPiece(pending.requestLeft)
        pending.requestLeft -= piece
        fs.calls[id] = pending
        fs.statistics.rpcs[pending.kind, default: 0] += 1
        fs.statistics.serverRequests[pending.server, default: 0] += 1
        transmit(Message(kind: .callRequest, source: pending.client, destination: pending.server, operation: id,
                         payloadBytes: 64 + piece))
    }

    /// The deferred answer of a call whose `serve` returned nil.
    func answerCall(_ id: Int32, _ answer: CallAnswer) {
        guard var pending = fs.calls[id] else { return }
        pending.answer = answer
        pending.replyLeft = answer.replyBytes
        fs.calls[id] = pending
        let cpu = network.config.cost.fileCPU.time(for: pending.kind)
        let served = serveKernelWork(on: pending.server, work: cpu)
        let done = answer.disk.map { readDisk($0, on: pending.server, after: served, for: .fileRead) } ?? served
        if let ahead = answer.readAhead { _ = readDisk(ahead, on: pending.server, after: done, for: .readAhead) }
        schedule(.files(.callServed(call: id)), at: done + answer.extraTime)
    }

    func deliverCall(_ message: Message) {
        let id = message.operation
        guard var pending = fs.calls[id] else { return }
        switch message.kind {
        case .callRequest:
            pending.serverIncarnation = nodes[pending.server].incarnation
            pending.delivered = true
            fs.calls[id] = pending
            if pending.requestLeft > 0 || pending.answer != nil {
                // A piece of the arguments with more to come, or a request for the next
                // piece of the results: the server's CPU handles it, then answers.
                let cpu = network.config.cost.fileCPU.time(for: pending.kind)
                schedule(.files(.callServed(call: id)), at: serveKernelWork(on: pending.server, work: cpu))
                return
            }
            fs.servingCall = id
            if let answer = pending.serve(self) { answerCall(id, answer) }
        case .callReply:
            if message.packets > 1 { acknowledgeFragmentedReply(pending) }
            if pending.requestLeft > 0 || pending.replyLeft > 0 { return sendCallRequest(id) }
            fs.calls[id] = nil
            if let answer = pending.answer { pending.then(self, answer) }
        default:
            break
        }
    }

    func callServed(_ id: Int32) {
        guard var pending = fs.calls[id], pending.answer != nil || pending.requestLeft > 0,
              nodes[pending.server].isUp, nodes[pending.server].incarnation == pending.serverIncarnation else { return }
        // Until the arguments are all in, the reply is a header-only acknowledgement.
        let piece = pending.requestLeft > 0 ? 0 : network.config.cost.rpcPiece(pending.replyLeft)
        pending.replyLeft -= piece
        fs.calls[id] = pending
        transmit(Message(kind: .callReply, source: pending.server, destination: pending.client, operation: id,
                         payloadBytes: 64 + piece))
    }

    /// A fragmented reply is acknowledged once, by one header-only packet, as
    /// an `rpc`'s is. The client does not wait for it: a packet and wire time, no latency.
    private func acknowledgeFragmentedReply(_ pending: PendingCall) {
        let transfer = network.transmit(payloadBytes: 0, from: pending.client, to: pending.server,
                                        departure: now, now: now, random: &random)
        if pending.operation >= 0 { operations[Int(pending.operation)].packets.addSaturating(transfer.packets) }
        statistics.packets.addSaturating(transfer.packets)
        statistics.wireBytes.addSaturating(transfer.wireBytes)
    }

    /// The operation a call's packets are charged to; -1 when none waits on it or the call is gone.
    @inline(__always) func callOperation(_ call: Int32) -> Int32 { fs.calls[call]?.operation ?? -1 }

    /// Every attempt of a call's request or reply was lost: the server (the
    /// request's destination, the reply's source) never answered.
    func fileCallGaveUp(_ message: Message) {
        let silent = message.kind == .callRequest ? message.destination : message.source
        failCall(message.operation, .noAnswer(node: silent, attempts: message.attempt + 1))
    }

    /// Every retransmission of a call's message was lost.
    func failCall(_ id: Int32, _ failure: OperationFailure) {
        guard let pending = fs.calls.removeValue(forKey: id) else { return }
        pending.failed(self, failure)
    }
}
