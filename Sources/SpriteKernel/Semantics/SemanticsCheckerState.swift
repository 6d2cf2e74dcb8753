// The bookkeeping the semantics checker's pass keeps while it walks a
// history: dense numbering of file, session and content ids, where each
// content was first written, the commits of each file, and each session's
// use of each file (what it wrote and what it saw, for lost updates).

// MARK: Dense numbering

/// Int32 values for integer keys, -1 where none was set: a flat table when
/// the keys span a small range, a dictionary otherwise.
struct IntegerTable {
    private var offset = 0
    private var table: [Int32] = []
    private var dictionary: [Int: Int32] = [:]
    private let direct: Bool

    init(minimum: Int, maximum: Int, budget: Int) {
        let (span, overflow) = maximum.subtractingReportingOverflow(minimum)
        if minimum <= maximum, !overflow, span < budget {
            direct = true
            offset = minimum
            table = [Int32](repeating: -1, count: span + 1)
        } else {
            direct = false
        }
    }

    @inline(__always)
    func value(_ key: Int) -> Int32 {
        if direct {
            let slot = key &- offset
            return slot >= 0 && slot < table.count ? table[slot] : -1
        }
        return dictionary[key] ?? -1
    }

    @inline(__always)
    mutating func set(_ key: Int, _ value: Int32) {
        if direct { table[key &- offset] = value } else { dictionary[key] = value }
    }
}

/// Numbers arbitrary integer keys 0, 1, 2, ... in order of first appearance.
struct DenseNumbering {
    private var numbers: IntegerTable
    private(set) var count: Int32 = 0

    init(minimum: Int, maximum: Int, budget: Int) {
        numbers = IntegerTable(minimum: minimum, maximum: maximum, budget: budget)
    }

    /// The number of `key`, numbering it now if it is new.
    @inline(__always)
    mutating func number(_ key: Int) -> Int32 {
        let known = numbers.value(key)
        if known >= 0 { return known }
        numbers.set(key, count)
        count += 1
        return count - 1
    }
}

/// Where in the judging order each content was first written, by content id.
struct WriteRanks {
    private var ranks: IntegerTable

    init(minimum: Int, maximum: Int, budget: Int) {
        ranks = IntegerTable(minimum: minimum, maximum: maximum, budget: budget)
    }

    /// Records the first write of `content`.
    @inline(__always)
    mutating func written(_ content: ContentID, at rank: Int32) {
        if ranks.value(content) < 0 { ranks.set(content, rank) }
    }

    /// Where `content` was first written, or -1 if it has not been.
    @inline(__always)
    func rank(_ content: ContentID) -> Int32 { ranks.value(content) }
}

/// Where each content was written (the write's index in the history), so that a read returning a version newer
/// than UNIX semantics requires is recognised as one that saw a write concurrent with it.
struct ContentWriters {
    private var index: IntegerTable

    init(_ history: [FileEvent], minimum: Int, maximum: Int, budget: Int) {
        index = IntegerTable(minimum: minimum, maximum: maximum, budget: budget)
        for (position, event) in history.enumerated() {
            guard case .write(let content, _) = event.kind, index.value(content) < 0 else { continue }
            index.set(content, Int32(position))
        }
    }

    /// Whether `read` returned `content` from a write to its file that began after the read (in judging order:
    /// start, then id) and no later than the read's end: a write concurrent with the read, which it may see.
    func concurrent(_ content: ContentID, with read: FileEvent, in history: [FileEvent]) -> Bool {
        let position = index.value(content)
        guard position >= 0 else { return false }
        let write = history[Int(position)]
        return write.file == read.file && (write.start, write.id) > (read.start, read.id) && write.start <= read.end
    }
}

// MARK: Commits and session uses

/// A session's commit of a file (its close after writing it), or a write
/// outside any session, which commits at once.
struct Commit {
    /// The session's last write before the close, and what it wrote.
    var writeEvent: Int
    var content: ContentID
}

/// One session's use of one file.
struct SessionFile {
    var node: Int
    /// Commits of the file before the session opened it: the last one is what
    /// session semantics says the session sees.
    var commitsAtOpen: Int32
    /// The session's latest write of the file, and what it wrote (-1: none).
    var ownWrite = -1
    var ownContent: ContentID = emptyContent
    /// The write committed by the session's last close (-1: none).
    var committedWrite = -1
    var seenIsSorted = true
    /// Contents the session read, and the versions its appends extended.
    var seen: [ContentID] = []
    /// How much of `seen` `newestSeen` has looked at (it runs before `saw`
    /// sorts the list, so the prefix is always the part already looked at).
    var ranked = 0
    /// Whether the session saw any version it did not write itself (its
    /// writes had a base: a blind write overwrites nothing it could lose).
    var based = false
    /// Judging-order rank of the newest version seen that another wrote.
    var newestSeen: Int32 = -1
    /// The latest place at the server of a version seen that another wrote
    /// (see `ServerOrder.key`; -1: none stored).
    var newestStored = -1

    init(node: Int, commitsAtOpen: Int32) {
        self.node = node
        self.commitsAtOpen = commitsAtOpen
    }

    mutating func see(_ content: ContentID) {
        if content == noContent { return }
        if let last = seen.last {
            if last == content { return }
            if content < last { seenIsSorted = false }
        } else {
            seen.reserveCapacity(4)
        }
        seen.append(content)
    }

    /// Whether the session saw `content`. Sorts the list the first time it
    /// is searched when long, so a session's searches cost O(m log m) in all.
    /// `work` counts the entries looked at, for the tests' bound on it.
    mutating func saw(_ content: ContentID, work: inout Int) -> Bool {
        if seen.count <= 16 {
            work += seen.count
            return seen.contains(content)
        }
        if !seenIsSorted {
            seen.sort()
            seenIsSorted = true
        }
        var low = 0
        var high = seen.count
        while low < high {
            work += 1
            let middle = (low + high) / 2
            if seen[middle] < content { low = middle + 1 } else { high = middle }
        }
        return low < seen.count && seen[low] == content
    }
}
