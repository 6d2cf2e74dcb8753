/// UNIX semantics, judged online as the semantics checker judges it over the
/// history (`SemanticsChecker`): a read must return the last write to the file
/// made before the read began, in (start, id) order. A write that began while
/// the read was on its way (another process's, on this node or another) is
/// concurrent with it, not before it: the read need not see it, and may (a
/// newer version than required is fresh, never stale). So the read's trace
/// line and `show outcomes` give one verdict.
extension Simulation {
    /// `event`, a write to `file`, is now the file's latest; the one it follows stays reachable.
    func noteLatestWrite(_ file: Int, content: ContentID, event: Int) {
        if let previous = fs.latestWrite[file] { fs.writeBefore[event] = previous.event }
        fs.latestWrite[file] = (content, event)
    }

    /// The last write to `file` that began at or before `start` (a read's start), nil if none.
    /// Writes are recorded as they begin, so the walk back passes only those made during the read.
    func lastWrite(to file: Int, atOrBefore start: SimTime) -> (content: ContentID, event: Int)? {
        var write = fs.latestWrite[file]
        while let current = write, fs.history[current.event].start > start {
            guard let earlier = fs.writeBefore[current.event],
                  case .write(let content, _) = fs.history[earlier].kind else { return nil }
            write = (content, earlier)
        }
        return write
    }

    /// Whether `content` is that of a write to `file` that began after `start` (a read's start): a write made
    /// while the read was on its way. Walks back only over those writes.
    func writtenDuringRead(_ content: ContentID, file: Int, after start: SimTime) -> Bool {
        var write = fs.latestWrite[file]
        while let current = write, fs.history[current.event].start > start {
            if current.content == content { return true }
            guard let earlier = fs.writeBefore[current.event],
                  case .write(let earlierContent, _) = fs.history[earlier].kind else { return false }
            write = (earlierContent, earlier)
        }
        return false
    }
}
