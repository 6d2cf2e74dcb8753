/// Declaring the file system and reading back its state.
extension Simulation {
    public var fileSystemConfig: FileSystemConfig { fs.config }

    public func configureFileSystem(_ config: FileSystemConfig) { fs.config = config }

    /// Sprite: the domain rooted at `prefix` is served by `server`. Declaring
    /// it again moves it; clients' prefix tables keep their old, stale hints.
    public func setDomain(_ prefix: String, server: Int) {
        let prefix = FilePath.normalize(prefix)
        fs.domains[prefix] = server
        fs.domainTokens[prefix] = fs.nextToken
        fs.nextToken += 1
        for index in fs.files.indices where Self.isUnder(fs.files[index].path, prefix)
            && authoritativeServer(for: fs.files[index].path) == server {
            fs.files[index].server = server
        }
    }

    public var domains: [(prefix: String, server: Int)] {
        fs.domains.map { ($0.key, $0.value) }.sorted { $0.prefix < $1.prefix }
    }

    public func prefixTable(of node: Int) -> [(prefix: String, entry: PrefixEntry)] {
        (fileClients[node]?.prefixes ?? [:]).map { ($0.key, $0.value) }.sorted { $0.prefix < $1.prefix }
    }

    /// The current token of a domain, if it exists.
    public func domainToken(_ prefix: String) -> Int? { fs.domainTokens[FilePath.normalize(prefix)] }

    /// A Sprite remote link: `server` serves a domain above `path`, but a
    /// deeper domain on another server covers it. Returns that domain's prefix.
    func remoteLink(_ path: String, at server: Int) -> String? {
        guard let owner = Self.longestPrefix(of: path, in: fs.domains.keys), fs.domains[owner] != server,
              fs.domains.contains(where: { $0.value == server && Self.isUnder(path, $0.key) }) else { return nil }
        return owner
    }

    /// Turns a node's client cache on or off and sets its size in blocks
    /// (nil: keep the file cache's share of the node's memory, at first half of it).
    public func setClientCache(node: Int, enabled: Bool, capacityBlocks: Int64? = nil) {
        var client = fileClient(node)
        client.cacheEnabled = enabled
        if let capacityBlocks {
            client.capacityBlocks = capacityBlocks
            let (bytes, overflow) = capacityBlocks.multipliedReportingOverflow(by: fs.config.blockSize)
            setFileCacheShare(node: node, bytes: overflow ? .max : bytes)
        }
        if !enabled {
            client.listings = [:]
            for (file, entry) in client.entries where !entry.dirty {
                client.entries[file] = nil
                client.lru.remove(file)
            }
        }
        fileClients[node] = client
        shrinkCache(node)
    }

    /// Turns a server's block cache on or off and sets its size in blocks
    /// (nil: keep it; at first the node's whole memory). Off, every read
    /// goes to the disk; a smaller cache drops its least recently used blocks.
    public func setServerCache(node: Int, enabled: Bool, capacityBlocks: Int64? = nil) {
        if let capacityBlocks { fs.serverCacheBlocks[node] = max(1, capacityBlocks) }
        if enabled {
            fs.serverCacheOff.remove(node)
        } else {
            fs.serverCacheOff.insert(node)
            fs.serverCaches[node] = nil
        }
        guard var cache = fs.serverCaches[node] else { return }
        let capacity = serverCacheCapacity(node)
        while cache.totalWeight > capacity, let cold = cache.coldest(where: { _ in true }) { cache.remove(cold) }
        fs.serverCaches[node] = cache
    }

    public func serverCacheState(of node: Int) -> (enabled: Bool, capacityBlocks: Int64, usedBlocks: Int64) {
        (!fs.serverCacheOff.contains(node), serverCacheCapacity(node), fs.serverCaches[node]?.totalWeight ?? 0)
    }

    /// The blocks used count backing pages (bypass off) beside files.
    public func cacheState(of node: Int) -> (enabled: Bool, capacityBlocks: Int64, usedBlocks: Int64) {
        let client = fileClient(node)
        return (client.cacheEnabled, client.capacityBlocks, client.lru.totalWeight + backingPageBlocks(node))
    }

    /// The files a node caches, by path.
    public func cachedFiles(of node: Int) -> [(path: String, entry: ClientFileEntry)] {
        (fileClients[node]?.entries ?? [:]).map { (fs.files[$0.key].path, $0.value) }.sorted { $0.path < $1.path }
    }

    /// Concurrent write-sharing: the server told `node` not to cache `path`.
    public func isCachingDisabled(node: Int, path: String) -> Bool {
        guard let file = fs.fileIndex[FilePath.normalize(path)] else { return false }
        return fileClients[node]?.uncached.contains(file) ?? false
    }

    public var fileHistory: [FileEvent] { fs.history }
    /// Grows whenever the history changes: an event is added, or a version
    /// reaches its server (a write's `serverOrder` is set after it was recorded).
    public var fileHistoryRevision: Int { fs.history.count + fs.storedVersions }
    public var fileSystemStatistics: FileSystemStatistics { fs.statistics }
    public var crashLosses: [CrashLoss] { fs.crashLosses }
    public var files: [ServerFile] { fs.files.filter { !$0.deleted } }
    public func file(_ index: Int) -> ServerFile { fs.files[index] }
    public func file(atPath path: String) -> ServerFile? {
        fs.fileIndex[FilePath.normalize(path)].map { fs.files[$0] }
    }

    /// The bytes of a content id, or nil for synthetic content, and its size.
    public func contentBytes(_ id: ContentID) -> (bytes: [UInt8]?, size: Int64) {
        guard fs.contents.indices.contains(id) else { return (nil, 0) }
        return (fs.contents[id].bytes, fs.contents[id].size)
    }

    /// What a read of block `block` of version `id` returned: that block's bytes alone
    /// (nil for contents known only by size); the whole version when `block` is nil.
    public func contentBytes(_ id: ContentID, block: Int64?) -> (bytes: [UInt8]?, size: Int64) {
        let (bytes, size) = contentBytes(id)
        guard let block else { return (bytes, size) }
        let count = blockBytes(size: size, block: block)
        guard let bytes else { return (nil, count) }
        let start = min(bytes.count, Int(block * fs.config.blockSize))
        return (Array(bytes[start..<min(bytes.count, start + Int(count))]), count)
    }

    func hasDirtyFiles(_ node: Int) -> Bool {
        fileClients[node]?.entries.values.contains { $0.dirty } ?? false
    }

    /// What the last read of `path` on `node` returned.
    public func lastRead(node: Int, path: String) -> ContentID? {
        fileClients[node]?.lastRead[FilePath.normalize(path)]?.content
    }

    /// The data the last read of `path` on `node` returned: one block of the version for a block read.
    public func lastReadData(node: Int, path: String) -> (bytes: [UInt8]?, size: Int64)? {
        fileClients[node]?.lastRead[FilePath.normalize(path)].map { contentBytes($0.content, block: $0.block) }
    }

    /// The data the V process's last read of `path` returned (its node's reads by other processes aside).
    public func lastReadData(process: Int, path: String) -> (bytes: [UInt8]?, size: Int64)? {
        fs.lastReadByProcess[process]?[FilePath.normalize(path)].map { contentBytes($0.content, block: $0.block) }
    }

    // MARK: Internals shared by the client and server sides

    func fileClient(_ node: Int) -> FileClient {
        fileClients[node] ?? FileClient(capacityBlocks: defaultCacheBlocks(node))
    }

    /// Reads a node's client in place: `fileClient` returns a copy, which costs
    /// a retain and a release of each of its tables. A node without a client
    /// reads as a fresh one (and still has none). `body` must not touch
    /// `fileClients`: the client is held for modification while it runs.
    func readClient<T>(_ node: Int, _ body: (FileClient) -> T) -> T {
        guard let index = fileClients.index(forKey: node) else {
            return body(FileClient(capacityBlocks: defaultCacheBlocks(node)))
        }
        return Self.lend(&fileClients.values[index], to: body)
    }

    /// Through an inout access the client is read where it lies; passed from
    /// the table as a plain argument, it would be copied first.
    private static func lend<T>(_ client: inout FileClient, to body: (FileClient) -> T) -> T { body(client) }

    /// A new client's cache: the file cache's share of the node's memory (Frames/), in blocks of the day.
    func defaultCacheBlocks(_ node: Int) -> Int64 {
        max(1, fileCacheShare(node: node) / fs.config.blockSize)
    }

    /// Mutates a node's client in place: copying it out and back would copy
    /// its tables (and its queue of steps) on every change.
    @discardableResult
    func withClient<T>(_ node: Int, _ body: (inout FileClient) -> T) -> T {
        body(&fileClients[node, default: FileClient(capacityBlocks: defaultCacheBlocks(node))])
    }

    /// `path` is `prefix` or below it, by whole components.
    static func isUnder(_ path: String, _ prefix: String) -> Bool {
        if prefix == "/" { return path.hasPrefix("/") }
        return path == prefix || path.hasPrefix(prefix + "/")
    }

    static func longestPrefix(of path: String, in prefixes: some Sequence<String>) -> String? {
        var best: String?
        for prefix in prefixes where isUnder(path, prefix) && prefix.count > (best?.count ?? -1) { best = prefix }
        return best
    }

    /// The server that really serves `path` now. A super-root name
    /// `/SERVER/exported/path` belongs to SERVER if it exports that path;
    /// any other name belongs to the Sprite domain with the longest prefix.
    func authoritativeServer(for path: String) -> Int? {
        if let (server, remote) = superRoot(path) {
            let exports = fs.exports[server] ?? []
            return exports.contains { Self.isUnder(remote, $0) } ? server : nil
        }
        return Self.longestPrefix(of: path, in: fs.domains.keys).flatMap { fs.domains[$0] }
    }

    /// `/fs1/export/home/x` → (fs1, `/export/home/x`) when fs1 exports something.
    func superRoot(_ path: String) -> (server: Int, remote: String)? {
        // Asked on every name lookup: without exports, skip splitting the path.
        guard !fs.exports.isEmpty else { return nil }
        let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
        guard let first = parts.first, let server = nodeIndex[String(first)], fs.exports[server] != nil else {
            return nil
        }
        return (server, parts.count > 1 ? "/" + parts[1] : "/")
    }

    /// The name a node's path has at its server: through the node's NFS
    /// mounts (longest mount point first), else the path itself.
    public func canonicalPath(_ path: String, node: Int) -> String {
        let path = FilePath.normalize(path)
        let mounted = readClient(node) { client -> (point: String, mount: NFSMount)? in
            guard let point = Self.longestPrefix(of: path, in: client.mounts.keys), let mount = client.mounts[point]
            else { return nil }
            return (point, mount)
        }
        guard let (point, mount) = mounted else { return path }
        let rest = path.dropFirst(point == "/" ? 0 : point.count)
        let remote = mount.remotePath == "/" ? String(rest) : mount.remotePath + rest
        return "/" + nodes[mount.server].spec.name + (remote.isEmpty ? "" : remote)
    }

    // MARK: NFS mounts

    public func export(_ path: String, on server: Int) {
        fs.exports[server, default: []].insert(FilePath.normalize(path))
    }

    public func exports(of server: Int) -> [String] { (fs.exports[server] ?? []).sorted() }

    /// Every path prefix some name is resolved under: Sprite domains, NFS
    /// mount points, super-root names of exporting servers, automount roots.
    public var namespaceRoots: [String] {
        var roots = Set(fs.domains.keys)
        for (server, _) in fs.exports { roots.insert("/" + nodes[server].spec.name) }
        for client in fileClients.values {
            roots.formUnion(client.mounts.keys)
            if let root = client.automountRoot { roots.insert(root) }
        }
        return roots.sorted()
    }

    public func mounts(of node: Int) -> [(point: String, mount: NFSMount)] {
        (fileClients[node]?.mounts ?? [:]).map { ($0.key, $0.value) }.sorted { $0.point < $1.point }
    }

    /// The points `mount` was asked to mount on `node`, done or still queued.
    public func requestedMountPoints(of node: Int) -> [String] {
        (fileClients[node]?.requestedMounts ?? []).sorted()
    }

    public func automountRoot(of node: Int) -> String? { fileClients[node]?.automountRoot }

    /// Paths under `root`/SERVER mount SERVER's exports on first access.
    public func setAutomount(_ root: String, on node: Int) {
        withClient(node) { $0.automountRoot = FilePath.normalize(root) }
    }

    /// Bytes of file data the simulation keeps: every version a write or create made.
    public var fileBytes: Int64 { fs.versionBytes }

    /// Counts a new file version against `fileBytesLimit`; the failure if it would pass it.
    func reserveFileBytes(_ size: Int64) -> OperationFailure? {
        let (total, overflow) = fs.versionBytes.addingReportingOverflow(max(0, size))
        guard !overflow, total <= fileBytesLimit else {
            return .fileBytesLimit(bytes: overflow ? .max : total, limit: fileBytesLimit)
        }
        fs.versionBytes = total
        return nil
    }

    /// Counts a new version's text against `textBytesLimit`; the failure if it would pass it.
    func reserveTextBytes(_ count: Int) -> OperationFailure? {
        let (total, overflow) = fs.textBytes.addingReportingOverflow(Int64(count))
        guard !overflow, total <= textBytesLimit else {
            return .textBytesLimit(bytes: overflow ? .max : total, limit: textBytesLimit)
        }
        fs.textBytes = total
        return nil
    }

    /// The bytes of real text the file versions hold.
    public var textBytesHeld: Int64 { fs.textBytes }

    func newContent(bytes: [UInt8]?, size: Int64) -> ContentID {
        fs.contents.append(ContentData(bytes: bytes, size: size))
        return fs.contents.count - 1
    }

    /// Records a history event and returns its id.
    func recordFileEvent(_ kind: FileEventKind, node: Int, session: Int, file: Int, start: SimTime) -> Int {
        let id = fs.history.count
        fs.history.append(FileEvent(id: id, kind: kind, node: node, session: session, file: file, start: start,
                                    end: now, transaction: session < 0 ? -1 : transaction(ofSession: session),
                                    serverOrder: FileEvent.notStored,
                                    process: fs.sessionOwners.isEmpty ? -1 : fs.sessionOwners[session] ?? -1))
        return id
    }

    /// The versions of `writes` (oldest first) reach their file's server now,
    /// each replacing the one before: their places in the server's order.
    func noteStored(_ writes: [Int]) {
        for write in writes where fs.history.indices.contains(write) {
            fs.history[write].serverOrder = fs.storedVersions
            fs.storedVersions += 1
        }
    }
}
