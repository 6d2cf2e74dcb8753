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

    /// A verdict: its code in JSON (as in `file.read`), its word in text.
    static func verdict(_ j: Judgement) -> Cell { .typed(FileEventFields.judgement(j), shown: judgementWord(j)) }

    static func outcomes(_ interpreter: Interpreter) -> Table {
        let s = interpreter.simulation
        let c = interpreter.context
        let report = interpreter.semantics()
        let history = s.fileHistory
        let byProcess = history.contains { $0.process >= 0 }
        let rows: [[Cell]] = report.reads.compactMap { verdict in
            let e = history[verdict.event]
            guard case .read(let content) = e.kind else { return nil }
            return [.count(Int64(e.id)), .time(e.start), .text(c.node(e.node))] + processCell(e, c, byProcess)
                + [.text(s.file(e.file).path), FileEventWords.contentCell(content, c),
                   Self.verdict(verdict.unix), Self.verdict(verdict.session),
                   Self.verdict(verdict.immutable), Self.verdict(verdict.transaction)]
        }
        var notes: [String] = []
        for lost in report.lostUpdates {
            let overwritten = history[lost.lostEvent], by = history[lost.overwrittenBy]
            let (loser, winner) = (FileEventWords.actor(overwritten, c), FileEventWords.actor(by, c))
            notes.append("  lost update: \(loser)'s session on \(s.file(lost.file).path) "
                         + "(closed at \(overwritten.end)) was overwritten by \(winner)'s session "
                         + "(closed at \(by.end)), which never read it")
        }
        notes += TransactionNotes.notes(report, s, c)
        for loss in s.crashLosses {
            notes.append("  crash loss: \(c.node(loss.node)) lost its write of \(loss.path) made at \(loss.writtenAt) "
                         + "when it crashed at \(loss.crashedAt)")
        }
        let stale = SharingModel.allCases.map { model in
            "\(model.rawValue) \(report.reads.filter { $0.judgement(model) != .fresh }.count)"
        }
        notes.insert("  reads not fresh by model: " + stale.joined(separator: ", ")
                     + "; lost updates \(report.lostUpdates.count); crash losses \(s.crashLosses.count)", at: 0)
        return Table(name: "outcomes", title: "outcomes (\(Plural.of(report.reads.count, "read")))",
                     // Too wide for the line: short headings, then the time goes (show history has it).
                     columns: [Column("event", key: "event_id", short: "#"), Column("time", key: "t", dropRank: 1),
                               "node"] + processColumn(byProcess) + ["path",
                               Column("returned", key: "content", short: "ret"), Column("unix", key: "unix_verdict"),
                               Column("session", key: "session_verdict", short: "sess"),
                               Column("immutable", key: "immutable_verdict", short: "imm"),
                               Column("transaction", key: "transaction_verdict", short: "txn")],
                     rows: rows, notes: notes)
    }

    static func history(_ interpreter: Interpreter) -> Table {
        let s = interpreter.simulation
        let c = interpreter.context
        let byProcess = s.fileHistory.contains { $0.process >= 0 }
        let rows: [[Cell]] = s.fileHistory.map { e in
            let (what, content): (String, ContentID?) = switch e.kind {
            case .open(let writable): (writable ? "open rw" : "open r", nil)
            case .read(let id): ("read", id)
            case .write(let id, let basedOn): (basedOn == noContent ? "write" : "append", id)
            case .close: ("close", nil)
            }
            // A content id names one version of the file: the one a write made, or a read returned.
            return [.count(Int64(e.id)), .time(e.start), .time(e.end), .text(c.node(e.node))]
                + processCell(e, c, byProcess)
                + [.count(Int64(e.session)), .text(s.file(e.file).path), .text(what),
                    content.map { .count(Int64($0)) } ?? .none,
                    content.map { .bytes(s.contentBytes($0).size) } ?? .none,
                    content.map { FileEventWords.contentCell($0, c) } ?? .none]
        }
        return Table(name: "history", title: "history (\(Plural.of(rows.count, "event")))",
                     // Too wide for the line: end, then session, version and bytes go first.
                     columns: [Column("event", key: "event_id", short: "#"), Column("start", key: "start_t"),
                               Column("end", key: "end_t", dropRank: 1), "node"] + processColumn(byProcess)
                        + [Column("session", short: "ses", dropRank: 2), "path", Column("operation", short: "op"),
                           Column("version", key: "content_id", short: "ver", dropRank: 3),
                           Column("bytes", dropRank: 4), "content"],
                     rows: rows)
    }

    /// The process column appears only when some event is a V process's: a node's own steps show none.
    static func processColumn(_ shown: Bool) -> [Column] { shown ? ["process"] : [] }

    static func processCell(_ e: FileEvent, _ c: RenderContext, _ shown: Bool) -> [Cell] {
        guard shown else { return [] }
        return [e.process < 0 ? .typed(.null, shown: "") : .text(c.process(e.process))]
    }

    static func files(_ s: Simulation, _ c: RenderContext) -> Table {
        let rows: [[Cell]] = s.files.map { f in
            [.text(f.path), .text(c.node(f.server)),
             .typed(.bool(f.isDirectory), shown: f.isDirectory ? "directory" : "file"),
             .bytes(f.size), .count(Int64(f.version)), .time(f.modified),
             f.isDirectory ? .typed(.null, shown: "") : FileEventWords.contentCell(f.content, c)]
        }
        return Table(name: "files", title: "files (\(rows.count))",
                     columns: ["path", "server", Column("kind", key: "directory"), Column("size", key: "size_bytes"),
                               "version", Column("modified", key: "modified_t"), "content"], rows: rows)
    }

    static func domains(_ s: Simulation, _ c: RenderContext) -> Table {
        Table(name: "domains", title: "domains (\(s.domains.count))", columns: ["prefix", "server"],
              rows: s.domains.map { [.text($0.prefix), .text(c.node($0.server))] })
    }

    static func mounts(_ s: Simulation, _ c: RenderContext) -> Table {
        var rows: [[Cell]] = []
        for node in 0..<s.nodeCount {
            for (point, mount) in s.mounts(of: node) {
                let server = c.node(mount.server)
                let remote = Cell.fields([("server", .string(server)), ("remote", .string(mount.remotePath))],
                                         shown: server + ":" + mount.remotePath)
                rows.append([.text(c.node(node)), .text(point), remote,
                             .typed(.bool(mount.automounted), shown: mount.automounted ? "automount" : "mount")])
            }
        }
        var notes: [String] = []
        for node in 0..<s.nodeCount where !s.exports(of: node).isEmpty {
            notes.append("  \(c.node(node)) exports " + s.exports(of: node).joined(separator: ", "))
        }
        return Table(name: "mounts", title: "mounts",
                     columns: ["node", Column("mount point", key: "point"), "remote",
                               Column("how", key: "automounted")],
                     rows: rows, notes: notes)
    }

    static func prefixes(_ s: Simulation, _ c: RenderContext, nodes: [Int]) -> Table {
        var rows: [[Cell]] = []
        for node in nodes {
            for (prefix, entry) in s.prefixTable(of: node) {
                let current = s.domainToken(prefix) == entry.token
                rows.append([.text(c.node(node)), .text(prefix), .text(c.node(entry.server)),
                             .count(Int64(entry.token)), .text(current ? "current" : "stale")])
            }
        }
        return Table(name: "prefixes", title: "prefix tables", columns: ["node", "prefix", "server", "token", "hint"],
                     rows: rows)
    }

    static func cache(_ s: Simulation, _ c: RenderContext, node: Int) -> Table {
        let state = s.cacheState(of: node)
        let now = s.now
        let config = s.fileSystemConfig
        let rows: [[Cell]] = s.cachedFiles(of: node).map { item in
            let e = item.entry
            let timeout = config.attributeTimeout(now: now, modified: e.modified, directory: false)
            let since: JSONValue = e.dirty ? .int(e.dirtySince.nanoseconds) : .null
            let dirtiness = Cell.fields([("dirty", .bool(e.dirty)), ("dirty_since_t", since)],
                                        shown: e.dirty ? "dirty since \(e.dirtySince)" : "clean")
            return [.text(item.path), .count(Int64(e.version)), .bytes(e.size), dirtiness, .time(now - e.validatedAt),
                    config.consistency == .nfs ? .time(timeout) : .none,
                    .text(s.isCachingDisabled(node: node, path: item.path) ? "disabled" : "on"),
                    FileEventWords.contentCell(e.content, c)]
        }
        // Bypass off: backing files' pages cached here too (double caching), one row per backing file.
        let backing: [[Cell]] = s.cachedBackingFiles(of: node).map { file in
            let since: JSONValue = file.since.map { .int($0.nanoseconds) } ?? .null
            let dirtiness = Cell.fields([("dirty", .bool(file.dirty > 0)), ("dirty_since_t", since)],
                                        shown: file.dirty > 0 ? "\(Plural.of(file.dirty, "dirty page"))" : "clean")
            return [.text(file.path), .none, .bytes(file.bytes), dirtiness, .none, .none, .text("backing"),
                    .text("VM pages")]
        }
        var title = "cache of \(c.node(node)) (\(state.enabled ? "on" : "off"), "
            + "\(state.usedBlocks) of \(Plural.of(state.capacityBlocks, "block")), \(config.writePolicy.rawValue))"
        var notes: [String] = []
        let role = s.nodeSpec(node).role
        if role != .workstation {
            let server = s.serverCacheState(of: node)
            let block = "block cache of \(c.node(node)) (\(server.enabled ? "on" : "off: every read from its disk"), "
                + "\(server.usedBlocks) of \(Plural.of(server.capacityBlocks, "block")))"
            if role == .server { title = block } else { notes.append(block) }
        }
        notes += CachePlacesNotes.notes(s, c, node: node)
        return Table(name: "cache", title: title,
                     columns: ["path", "version", Column("size", key: "size_bytes"), "state",
                               Column("validated", key: "validated_age_ns"), Column("timeout", key: "timeout_ns"),
                               "caching", "content"], rows: rows + backing, notes: notes)
    }
}
