/// What process migration asks of the file system: the files a process has
/// open on a node (with their servers and the dirty bytes cached there), and
/// moving those sessions to another node's client, stream and offset with
/// them, so the server's consistency bookkeeping sees the file open on the
/// new node, not the old one.
extension Simulation {
    /// The process's open sessions on `node`: file, server, the dirty bytes the node caches of it, and
    /// whether another process (a fork's child) holds the session too.
    func openSessions(of process: Int, on node: Int) -> [(file: Int, server: Int, dirtyBytes: Int64, shared: Bool)] {
        guard fileClients.index(forKey: node) != nil else { return [] }
        return readClient(node) { client in
            (client.openOrder[process] ?? []).compactMap { id in
                guard let session = client.sessions[id] else { return nil }
                let entry = client.entries[session.file]
                let dirty = entry?.dirty == true ? entry?.size ?? 0 : 0
                return (session.file, fs.files[session.file].server, dirty, (client.holders[id] ?? 1) > 1)
            }
        }
    }

    /// Writes the file's dirty data cached at `node` back to its server (as a sync would), then continues.
    func writeBackForMigration(file: Int, node: Int, then: @escaping (Simulation) -> Void) {
        writeBack(file: file, node: node, why: .migration, op: -1, failed: { sim in then(sim) }, then: then)
    }

    /// Moves the process's open sessions from `source`'s client to `target`'s: same ids, modes and
    /// offsets; each server now counts the opener on `target`.
    func moveSessions(of process: Int, from source: Int, to target: Int) {
        guard fileClients.index(forKey: source) != nil else { return }
        let ids = readClient(source) { $0.openOrder[process] ?? [] }
        for id in ids {
            guard let session = readClient(source, { $0.sessions[id] }) else { continue }
            _ = withClient(source) { $0.removeSession(session, holder: process) }
            withClient(target) { $0.addSession(session) }
            let file = session.file
            if var counts = fs.files[file].openers[source] {
                if session.writable { counts.writers -= 1 } else { counts.readers -= 1 }
                fs.files[file].openers[source] = counts.readers + counts.writers > 0 ? counts : nil
                var moved = fs.files[file].openers[target] ?? (0, 0)
                if session.writable { moved.writers += 1 } else { moved.readers += 1 }
                fs.files[file].openers[target] = moved
            }
        }
    }
}
