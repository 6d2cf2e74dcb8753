/// Directory listings judged like reads: the server records each change it
/// makes to a directory's entries, and every ls is judged against them as it
/// returns (`ListingJudge`). Clients cache listings under nfs (for the
/// directory timeout), callbacks (until the server breaks the directory's
/// callback, as AFS does) and none (never checked); Sprite does all naming at
/// the servers and keeps no directories on clients, so it always asks.
extension Simulation {
    public var directoryHistory: [DirectoryEvent] { fs.directoryHistory }

    /// At a server, while it serves a call: the name `path` was added or removed.
    func recordDirectoryChange(_ path: String, added: Bool, directory: Bool) {
        guard path != "/" else { return }
        let parent = FilePath.ancestors(of: path).first ?? "/"
        let name = String(path.dropFirst(parent == "/" ? 1 : parent.count + 1))
        let pending = fs.calls[fs.servingCall]
        let op = pending?.operation ?? -1
        let node = pending?.client ?? -1
        if let server = pending?.server { breakListingCallbacks(parent, server: server, changer: node) }
        let start = operations.contains(op) ? operations[Int(op)].startedAt ?? now : now
        let event = DirectoryEvent(id: fs.directoryHistory.count, kind: added ? .added(directory: directory) : .removed,
                                   node: node, directory: parent, name: name, operation: op, start: start, end: now)
        fs.directoryHistory.append(event)
        fs.listingJudge.apply(event)
        fs.directoryModified[parent] = now
        // The client that made the change learns the directory's new state from
        // the reply (as NFS's replies carry it): its cached listing goes.
        if fileClients[node] != nil { withClient(node) { $0.listings[parent] = nil } }
    }

    /// The listing of `path` that `node` would use without asking the server, if any.
    func trustedListing(node: Int, path: String) -> (names: [String], source: ListingSource)? {
        guard let cached = readClient(node, { $0.cacheEnabled ? $0.listings[path] : nil }) else { return nil }
        let age = now - cached.validatedAt
        switch fs.config.consistency {
        case .nfs:
            let timeout = fs.config.attributeTimeout(now: now, modified: cached.modified, directory: true)
            return age < timeout ? (cached.names, .cache(age: age, timeout: timeout)) : nil
        case .none:
            return (cached.names, .cache(age: age, timeout: nil))
        case .callbacks:
            return (cached.names, .callback(age: age))
        case .sprite:
            return nil
        }
    }

    // MARK: Directory callbacks

    /// Callbacks: serving a listing, the server promises to tell `node` when
    /// the directory changes.
    func registerListingCallback(_ path: String, node: Int) {
        guard fs.config.consistency == .callbacks, readClient(node, { $0.cacheEnabled }) else { return }
        fs.directoryCallbacks[path, default: []].insert(node)
    }

    /// Whether `node` may cache a listing served at `servedAt` when its reply
    /// arrives: not with its cache off, and under callbacks not if the
    /// directory changed since (the break may have overtaken the reply).
    func mayCacheListing(_ path: String, node: Int, servedAt: SimTime) -> Bool {
        readClient(node) { $0.cacheEnabled }
            && (fs.config.consistency != .callbacks || (fs.directoryModified[path] ?? .zero) <= servedAt)
    }

    /// Callbacks: the directory changed; every other client holding a
    /// listing of it is told to drop it, and the promises are spent.
    private func breakListingCallbacks(_ directory: String, server: Int, changer: Int) {
        guard let holders = fs.directoryCallbacks.removeValue(forKey: directory) else { return }
        for other in holders.sorted() where other != changer && other != server {
            fs.statistics.invalidations += 1
            call("callback", from: server, to: other, requestBytes: 16, operation: -1,
                 serve: { sim in
                     sim.withClient(other) { $0.listings[directory] = nil }
                     sim.record(.invalidated(path: directory, by: server, kept: false), at: other)
                     return CallAnswer()
                 },
                 then: { _, _ in }, failed: { _, _ in })
        }
    }

    /// A crashed client holds no listings: its promises go.
    func forgetListingCallbacks(of node: Int) {
        for directory in fs.directoryCallbacks.keys.sorted() {
            fs.directoryCallbacks[directory]?.remove(node)
        }
    }

    /// Records a listing that returned `names`, judges it, and traces it.
    func completeListing(_ path: String, names: [String], node: Int, op: Int32, source: ListingSource) {
        let start = operations[Int(op)].startedAt ?? now
        let verdict = fs.listingJudge.judge(directory: path, names: names, start: start, source: source)
        let id = fs.directoryHistory.count
        fs.listedNames += names.count
        fs.directoryHistory.append(DirectoryEvent(id: id, kind: .listed(names: names, verdict: verdict), node: node,
                                                  directory: path, name: "", operation: op, start: start, end: now))
        record(.directoryListed(operation: op, path: path, names: names, event: id, verdict: verdict), at: node)
    }

    /// What an ls of `path` on `node` would return now, without running it:
    /// the node's cached listing while it would trust it, else the directory
    /// at its server. Nil when `path` is not a directory.
    public func peekListing(node: Int, path: String) -> [String]? {
        let path = canonicalPath(path, node: node)
        if let cached = trustedListing(node: node, path: path) { return cached.names }
        if let file = liveFile(path), !fs.files[file].isDirectory { return nil }
        return isDirectory(path) ? children(of: path) : nil
    }
}
