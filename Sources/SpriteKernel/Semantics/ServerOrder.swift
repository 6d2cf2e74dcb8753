// The order in which a history's versions replaced each other at their
// files' servers (see `FileEvent.serverOrder`): which write's version
// replaced which, and which session's commit replaced which. Write-through,
// a flush at close, a delayed write-back, a recall and a create all store a
// version; the order is theirs, not the order of the write steps, which a
// client cache can reverse.

/// Which version replaced which at the server, by judging rank (a history
/// event's position in the checker's (start, id) order).
struct ServerOrder {
    /// Per write: the write whose version replaced its version at the server
    /// (-1: none, or it never got there).
    private(set) var replacedBy: [Int32]
    /// Per file (dense): its first stored version, which replaced the empty file.
    private(set) var first: [Int32] = []
    /// Per commit (a session's close that committed a write, or a write
    /// outside any session): the close and the write of the commit whose
    /// version its version replaced at the server (-1: none).
    private(set) var replacedClose: [Int32]
    private(set) var replacedWrite: [Int32]

    /// A write's place at the server (comparable within its file), -1 if it
    /// never got there; `rank` is its judging rank.
    static func key(_ write: FileEvent, rank: Int32) -> Int {
        write.serverOrder == FileEvent.inWriteOrder ? Int(rank) : max(write.serverOrder, -1)
    }

    /// One pass and a sort per file: O(n log n). Numbers files and sessions
    /// in judging order, as the checker's own pass does.
    init(_ history: [FileEvent], order: [Int32], files: inout DenseNumbering, sessions: inout DenseNumbering) {
        let count = order.count
        replacedBy = [Int32](repeating: -1, count: count)
        replacedClose = replacedBy
        replacedWrite = replacedBy
        // Per file: stored writes and stored commits, with their places at the server.
        var writes: [[(key: Int, rank: Int32)]] = []
        var commits: [[(key: Int, close: Int32, write: Int32)]] = []
        // A session's latest write of a file not yet committed: dense session << 32 | dense file.
        var pending: [Int: (rank: Int32, key: Int)] = [:]
        for rank in 0..<count {
            let event = history[Int(order[rank])]
            let f = Int(files.number(event.file))
            if f == writes.count {
                writes.append([])
                commits.append([])
            }
            let session = event.session >= 0 ? Int(sessions.number(event.session)) : -1
            switch event.kind {
            case .write:
                let key = Self.key(event, rank: Int32(rank))
                if key >= 0 { writes[f].append((key, Int32(rank))) }
                if session < 0 {
                    if key >= 0 { commits[f].append((key, Int32(rank), Int32(rank))) }
                } else {
                    pending[session << 32 | f] = (Int32(rank), key)
                }
            case .close:
                // A close commits the session's latest write since its previous close.
                guard session >= 0, let write = pending.removeValue(forKey: session << 32 | f),
                      write.key >= 0 else { break }
                commits[f].append((write.key, Int32(rank), write.rank))
            default:
                break
            }
        }
        first = [Int32](repeating: -1, count: writes.count)
        for f in writes.indices {
            let stored = writes[f].sorted { ($0.key, $0.rank) < ($1.key, $1.rank) }
            first[f] = stored.first?.rank ?? -1
            for i in stored.indices.dropFirst() { replacedBy[Int(stored[i - 1].rank)] = stored[i].rank }
            let committed = commits[f].sorted { ($0.key, $0.close) < ($1.key, $1.close) }
            for i in committed.indices.dropFirst() {
                replacedClose[Int(committed[i].close)] = committed[i - 1].close
                replacedWrite[Int(committed[i].close)] = committed[i - 1].write
            }
        }
    }
}
