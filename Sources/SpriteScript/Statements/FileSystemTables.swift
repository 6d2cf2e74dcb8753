import SpriteKernel

/// The tables `show` prints about the file system.
enum FileSystemTables {
    static func judgementWord(_ j: Judgement) -> String {
        switch j {
        case .fresh: "fresh"
        case .stale: "STALE"
        case .modifiedWhileShared: "violated"
        case .notSerializable: "not-serializable"
        }
    }

    static func outcomes(_ interpreter: Interpreter) -> Table {
        let s = interpreter.simulation
        let c = interpreter.context
        let report = interpreter.semantics()
        let history = s.fileHistory
        let rows: [[JSONValue]] = report.reads.map { verdict in
            let e = history[verdict.event]
            guard case .read(let content) = e.kind else { return [] }
            return [.int(Int64(e.id)), .string(e.start.description), .string(c.node(e.node)),
                    .string(s.file(e.file).path), .string(FileEventWords.content(content, c)),
                    .string(judgementWord(verdict.unix)), .string(judgementWord(verdict.session)),
                    .string(judgementWord(verdict.immutable)), .string(judgementWord(verdict.transaction))]
        }
        var notes: [String] = []
        for lost in report.lostUpdates {
            let overwritten = history[lost.lostEvent], by = history[lost.overwrittenBy]
            notes.append("  lost update: \(c.node(overwritten.node))'s session on \(s.file(lost.file).path) "
                         + "(closed at \(overwritten.end)) was overwritten by \(c.node(by.node))'s session "
                         + "(closed at \(by.end)), which never read it")
        }
        for loss in s.crashLosses {
            notes.append("  crash loss: \(c.node(loss.node)) lost its write of \(loss.path) made at \(loss.writtenAt) "
                         + "when it crashed at \(loss.crashedAt)")
        }
        let stale = SharingModel.allCases.map { model in
            "\(model.rawValue) \(report.reads.filter { $0.judgement(model) != .fresh }.count)"
        }
        notes.insert("  reads not fresh by model: " + stale.joined(separator: ", ")
                     + "; lost updates \(report.lostUpdates.count); crash losses \(s.crashLosses.count)", at: 0)
        return Table(title: "outcomes (\(report.reads.count) reads)",
                     columns: ["event", "time", "node", "path", "returned", "unix", "session", "immutable", "transaction"],
                     rows: rows, notes: notes)
    }

    static func history(_ interpreter: Interpreter) -> Table {
        let s = interpreter.simulation
        let c = interpreter.context
        let rows: [[JSONValue]] = s.fileHistory.map { e in
            let (what, content): (String, ContentID?) = switch e.kind {
            case .open(let writable): (writable ? "open rw" : "open r", nil)
            case .read(let id): ("read", id)
            case .write(let id, _): ("write", id)
            case .close: ("close", nil)
            }
            // A content id names one version of the file: the one a write made, or a read returned.
            return [.int(Int64(e.id)), .string(e.start.description), .string(e.end.description), .string(c.node(e.node)),
                    .int(Int64(e.session)), .string(s.file(e.file).path), .string(what),
                    content.map { .int(Int64($0)) } ?? .null,
                    content.map { .string(Quantity.formatBytes(s.contentBytes($0).size)) } ?? .null,
                    content.map { .string(FileEventWords.content($0, c)) } ?? .null]
        }
        return Table(title: "history (\(rows.count) events)",
                     columns: ["event", "start", "end", "node", "session", "path", "operation", "version", "bytes", "content"],
                     rows: rows)
    }

    static func files(_ s: Simulation, _ c: RenderContext) -> Table {
        let rows: [[JSONValue]] = s.files.map { f in
            [.string(f.path), .string(c.node(f.server)), .string(f.isDirectory ? "directory" : "file"),
             .string(Quantity.formatBytes(f.size)), .int(Int64(f.version)), .string(f.modified.description),
             .string(f.isDirectory ? "" : FileEventWords.content(f.content, c))]
        }
        return Table(title: "files (\(rows.count))",
                     columns: ["path", "server", "kind", "size", "version", "modified", "content"], rows: rows)
    }

    static func domains(_ s: Simulation, _ c: RenderContext) -> Table {
        Table(title: "domains (\(s.domains.count))", columns: ["prefix", "server"],
              rows: s.domains.map { [.string($0.prefix), .string(c.node($0.server))] })
    }

    static func mounts(_ s: Simulation, _ c: RenderContext) -> Table {
        var rows: [[JSONValue]] = []
        for node in 0..<s.nodeCount {
            for (point, mount) in s.mounts(of: node) {
                rows.append([.string(c.node(node)), .string(point), .string(c.node(mount.server) + ":" + mount.remotePath),
                             .string(mount.automounted ? "automount" : "mount")])
            }
        }
        var notes: [String] = []
        for node in 0..<s.nodeCount where !s.exports(of: node).isEmpty {
            notes.append("  \(c.node(node)) exports " + s.exports(of: node).joined(separator: ", "))
        }
        return Table(title: "mounts", columns: ["node", "mount point", "remote", "how"], rows: rows, notes: notes)
    }

    static func prefixes(_ s: Simulation, _ c: RenderContext, nodes: [Int]) -> Table {
        var rows: [[JSONValue]] = []
        for node in nodes {
            for (prefix, entry) in s.prefixTable(of: node) {
                let current = s.domainToken(prefix) == entry.token
                rows.append([.string(c.node(node)), .string(prefix), .string(c.node(entry.server)),
                             .int(Int64(entry.token)), .string(current ? "current" : "stale")])
            }
        }
        return Table(title: "prefix tables", columns: ["node", "prefix", "server", "token", "hint"], rows: rows)
    }

    static func cache(_ s: Simulation, _ c: RenderContext, node: Int) -> Table {
        let state = s.cacheState(of: node)
        let now = s.now
        let config = s.fileSystemConfig
        let rows: [[JSONValue]] = s.cachedFiles(of: node).map { item in
            let e = item.entry
            let timeout = config.attributeTimeout(now: now, modified: e.modified, directory: false)
            return [.string(item.path), .int(Int64(e.version)), .string(Quantity.formatBytes(e.size)),
                    .string(e.dirty ? "dirty since \(e.dirtySince)" : "clean"), .string((now - e.validatedAt).description),
                    .string(config.consistency == .nfs ? timeout.description : "-"),
                    .string(s.isCachingDisabled(node: node, path: item.path) ? "disabled" : "on"), .string(FileEventWords.content(e.content, c))]
        }
        return Table(title: "cache of \(c.node(node)) (\(state.enabled ? "on" : "off"), \(state.usedBlocks) of \(state.capacityBlocks) blocks, \(config.writePolicy.rawValue))",
                     columns: ["path", "version", "size", "state", "validated", "timeout", "caching", "content"], rows: rows)
    }

    static func statisticsRows(_ f: FileSystemStatistics, _ s: Simulation) -> [[JSONValue]] {
        func ratio(_ hits: Int, _ misses: Int) -> JSONValue {
            hits + misses == 0 ? .string("-") : .string("\(hits * 100 / (hits + misses))%")
        }
        var rows: [[JSONValue]] = [
            ["client-hits", .int(Int64(f.clientHits))], ["client-misses", .int(Int64(f.clientMisses))],
            ["client-hit-ratio", ratio(f.clientHits, f.clientMisses)],
            ["server-hits", .int(Int64(f.serverHits))], ["server-misses", .int(Int64(f.serverMisses))],
            ["server-hit-ratio", ratio(f.serverHits, f.serverMisses)],
            ["disk-reads", .int(Int64(f.diskReads))], ["disk-writes", .int(Int64(f.diskWrites))],
            ["recalls", .int(Int64(f.recalls))], ["invalidations", .int(Int64(f.invalidations))],
            ["caching-disabled", .int(Int64(f.cachingDisabled))], ["broadcasts", .int(Int64(f.broadcasts))],
            ["stale-prefixes", .int(Int64(f.stalePrefixes))],
            ["to-server", .string(Quantity.formatBytes(f.bytesToServer))],
            ["never-written", .string(Quantity.formatBytes(f.bytesNeverWritten))],
        ]
        for (kind, count) in f.rpcs.sorted(by: { $0.key < $1.key }) {
            rows.append([.string("rpc." + kind), .int(Int64(count))])
        }
        // Server load: the file-system requests each node served.
        for (server, count) in f.serverRequests.sorted(by: { $0.key < $1.key }) {
            rows.append([.string("requests." + s.nodeName(server)), .int(Int64(count))])
        }
        return rows
    }
}
