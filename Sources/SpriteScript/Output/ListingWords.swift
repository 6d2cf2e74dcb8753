import SpriteKernel

/// Words and JSON fields for directory listings and their verdicts.
enum ListingWords {
    /// The change a directory event made, as an operation: "create /d/x", "delete /d/y",
    /// "mkdir /d/e (made by create /d/e/f)".
    static func change(_ e: DirectoryEvent, _ c: RenderContext) -> String {
        let record = c.simulation.operation(e.operation)
        var verb = "delete"
        var why = ""
        if case .added(let directory) = e.kind {
            verb = directory ? "mkdir" : "create"
            if let record, let path = record.path {
                if c.simulation.canonicalPath(path, node: record.node) != e.path {
                    why = " (made by \(record.kind.rawValue) \(path))"
                } else if record.kind == .open {
                    why = " (by an open for writing)"
                }
            }
        }
        return "\(verb) \(e.path)\(why)"
    }

    /// "create /d/x by ws2 at 1s" for a change's id in the directory history.
    static func missed(_ id: Int, _ c: RenderContext) -> String {
        let history = c.simulation.directoryHistory
        guard history.indices.contains(id) else { return "a change" }
        let e = history[id]
        let who = e.node >= 0 ? c.node(e.node) : "the server"
        return "\(change(e, c)) by \(who) at \(e.start)"
    }

    static func judgementWord(_ j: ListingJudgement) -> String {
        if case .stale = j { return "STALE" }
        return "fresh"
    }

    static func code(_ j: ListingJudgement) -> JSONValue {
        if case .stale = j { return "stale" }
        return "fresh"
    }

    static func source(_ s: ListingSource) -> String {
        if case .server = s { return "server" }
        return "cache"
    }

    /// The verdict as an ls line gives it: fresh, or what it missed and why.
    static func verdict(_ v: ListingVerdict, _ c: RenderContext) -> String {
        guard case .stale(let missed, let count) = v.unix else {
            if case .stale(let missed, let count) = v.session {
                return "fresh under unix; not session semantics: missed " + what(missed, count, c)
            }
            return "fresh"
        }
        let models = v.session == v.unix ? "unix and session" : "unix"
        var text = "STALE under \(models): missed " + what(missed, count, c)
        if v.session == .fresh { text += "; as session semantics promise" }
        if let why = why(v, c) { text += "; why: " + why }
        return text
    }

    private static func what(_ missed: Int, _ count: Int, _ c: RenderContext) -> String {
        "\"\(Self.missed(missed, c))\"" + (count > 1 ? " (\(Plural.of(count, "name")) wrong in all)" : "")
    }

    static func why(_ v: ListingVerdict, _ c: RenderContext) -> String? {
        switch v.source {
        case .cache(let age, let timeout?):
            "the cached listing was \(age) old, still within its \(timeout) directory timeout, so it was not checked"
        case .cache(_, nil): "the cached listing is never checked (consistency none)"
        case .callback(let age):
            "the cached listing (\(age) old) is trusted until the server breaks its callback, and no break had "
                + "reached this client"
        case .server: "the change reached the server only after it had answered the listing"
        }
    }

    /// JSON fields of a listing's verdict (docs/OUTPUT.md, `file.ls`).
    static func fields(_ id: Int, _ v: ListingVerdict, _ c: RenderContext) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = [("listing_id", .int(Int64(id))), ("source", .string(source(v.source))),
                                             ("unix_verdict", code(v.unix)), ("session_verdict", code(v.session))]
        if case .stale(let missed, let count) = v.unix {
            fields.append(("wrong_names", .int(Int64(count))))
            if c.simulation.directoryHistory.indices.contains(missed) {
                let e = c.simulation.directoryHistory[missed]
                fields.append(("missed", .object([("change", .string(change(e, c))), ("path", .string(e.path)),
                                                  ("node", e.node >= 0 ? .string(c.node(e.node)) : .null),
                                                  ("t", .int(e.start.nanoseconds))])))
            }
            if let why = why(v, c) { fields.append(("why", .string(why))) }
        }
        return fields
    }
}
