import SpriteKernel

/// `show pmake`'s note on objects lost in a crash: the file system reports no error for a read of one (it
/// returns the server's older version), so a build that read one ends well on stale input.
enum PmakeLostNotes {
    /// Objects named at most; the rest are counted.
    static let mostNamed = 5

    static func lines(_ r: PmakeReport, _ s: Simulation) -> [String] {
        guard !r.lostObjects.isEmpty else { return [] }
        var out = ["  \(Plural.of(r.lostObjects.count, "object")) lost in a crash before reaching the server "
                   + "(delayed write); a read after it got the server's older version, without an error:"]
        for lost in r.lostObjects.prefix(mostNamed) {
            let readers = lost.readers.map { r.jobs[$0].name }
            out.append("    \(TerminalText.escape(lost.path)) written by \(r.jobs[lost.writer].name), lost with "
                       + "\(s.nodeName(lost.node)) at \(lost.lostAt); "
                       + (readers.isEmpty ? "no job read it after"
                          : "read after by " + readers.joined(separator: ", ")))
        }
        if r.lostObjects.count > mostNamed { out.append("    and \(r.lostObjects.count - mostNamed) more") }
        return out
    }
}
