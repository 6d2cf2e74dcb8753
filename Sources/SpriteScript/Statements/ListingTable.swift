import SpriteKernel

/// The `listings` table `show outcomes` adds once an ls has run: every
/// listing with its verdicts under UNIX and session semantics.
enum ListingTable {
    static func listings(_ interpreter: Interpreter) -> Table? {
        let s = interpreter.simulation
        let c = interpreter.context
        var rows: [[Cell]] = []
        var stale = (unix: 0, session: 0)
        for e in s.directoryHistory {
            guard case .listed(let names, let v) = e.kind else { continue }
            if v.unix != .fresh { stale.unix += 1 }
            if v.session != .fresh { stale.session += 1 }
            var missed = Cell.none
            if case .stale(let id, _) = v.unix { missed = .text(ListingWords.missed(id, c)) }
            let listed = Cell.typed(.array(names.map { .string($0) }),
                                    shown: names.isEmpty ? "(empty)" : names.joined(separator: " "))
            rows.append([.count(Int64(e.id)), .time(e.start), .text(c.node(e.node)), .text(e.directory), listed,
                         .text(ListingWords.source(v.source)), verdict(v.unix), verdict(v.session), missed])
        }
        guard !rows.isEmpty else { return nil }
        let note = "  listings not fresh by model: unix \(stale.unix), session \(stale.session)"
            + " (immutable and transaction semantics do not judge listings)"
        return Table(name: "listings", title: "listings (\(Plural.of(rows.count, "listing")))",
                     columns: [Column("listing", key: "listing_id"), Column("time", key: "t"), "node",
                               Column("directory", key: "path"), Column("listed", key: "names"), "source",
                               Column("unix", key: "unix_verdict"), Column("session", key: "session_verdict"),
                               Column("missed", key: "missed_change")],
                     rows: rows, notes: [note])
    }

    private static func verdict(_ j: ListingJudgement) -> Cell {
        .typed(ListingWords.code(j), shown: ListingWords.judgementWord(j))
    }
}
