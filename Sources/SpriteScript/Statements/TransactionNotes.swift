import SpriteKernel

/// `show outcomes` names each transaction (`begin` … `commit`): its node,
/// sessions and files, whether it committed, and whether it is serializable.
enum TransactionNotes {
    static func notes(_ report: SemanticsReport, _ s: Simulation, _ c: RenderContext) -> [String] {
        let transactions = s.fileTransactions
        guard !transactions.isEmpty else { return [] }
        var sessions = [[Int]](repeating: [], count: transactions.count)
        var paths = [[String]](repeating: [], count: transactions.count)
        var spans = [(first: SimTime, last: SimTime)?](repeating: nil, count: transactions.count)
        for event in s.fileHistory where transactions.indices.contains(event.transaction) {
            let t = event.transaction
            if sessions[t].last != event.session, !sessions[t].contains(event.session) {
                sessions[t].append(event.session)
            }
            let path = s.file(event.file).path
            if !paths[t].contains(path) { paths[t].append(path) }
            spans[t] = (min(spans[t]?.first ?? event.start, event.start), max(spans[t]?.last ?? event.end, event.end))
        }
        var verdicts: [Int: TransactionVerdict] = [:]
        for verdict in report.transactions { verdicts[verdict.transaction] = verdict }
        return transactions.map { t in
            let name = "transaction \(t.id) on \(issuer(t, c))"
            var what = sessions[t.id].isEmpty ? "no file sessions"
                : "\(Plural.of(sessions[t.id].count, "session")) "
                    + sessions[t.id].map(String.init).joined(separator: ", ") + " on "
                    + paths[t.id].joined(separator: ", ")
            if let span = spans[t.id] { what += " from \(span.first) to \(span.last)" }
            what += t.committedAt != nil ? "; committed"
                : t.endedByCrashAt.map { "; never committed: ended by the crash at \($0)" } ?? "; never committed"
            let verdict: String
            switch verdicts[t.id] {
            case .some(let v) where !v.serializable:
                if let other = v.withTransaction {
                    let node = transactions.indices.contains(other) ? " on \(issuer(transactions[other], c))" : ""
                    verdict = "not serializable with transaction \(other)\(node)"
                } else if let session = v.withSession {
                    verdict = "not serializable with session \(session)"
                } else {
                    verdict = "not serializable with operations outside sessions"
                }
            default:
                verdict = "serializable"
            }
            return "  \(name) (\(what)): \(verdict)"
        }
    }

    /// "jack", or "w1 on jack" for a V process's transaction.
    static func issuer(_ t: FileTransaction, _ c: RenderContext) -> String {
        t.process.map { "\(c.process($0)) on \(c.node(t.node))" } ?? c.node(t.node)
    }
}
