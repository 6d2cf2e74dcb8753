import Testing
@testable import SpriteKernel

/// UNIX semantics: a read must see the last write completed before it began; a write under way while the read is
/// may or may not be seen. A read that returns a newer version than required (a write that began after the read
/// began, no later than its end) is fresh, never stale; one that returns an older version is stale.
struct ConcurrentWriteVerdictTests {
    private static func event(_ id: Int, _ kind: FileEventKind, node: Int, session: Int,
                              from start: Int64, to end: Int64) -> FileEvent {
        FileEvent(id: id, kind: kind, node: node, session: session, file: 1, start: .ms(start), end: .ms(end))
    }

    /// Node 1 writes content 1 (0–1 ms, its own session, closed at 2 ms). Node 2's read runs from 10 to 20 ms.
    /// Node 3's write of content 2 runs 12–13 ms, inside the read: concurrent with it. Required: content 1 (the
    /// last write before 10 ms); content 2 is newer, seen while it was being made. A second read (30–31 ms)
    /// returning content 1 after the write of 2 completed is stale; a read at 5–6 ms returning content 2, a
    /// write that began only at 12 ms, after that read ended, is stale too (no read sees a write it preceded).
    @Test func aReadReturningAConcurrentWriteIsFresh() {
        let history = [
            Self.event(1, .open(writable: true), node: 1, session: 1, from: 0, to: 0),
            Self.event(2, .write(content: 1, basedOn: noContent), node: 1, session: 1, from: 0, to: 1),
            Self.event(3, .close, node: 1, session: 1, from: 2, to: 2),
            Self.event(4, .read(content: 2), node: 4, session: -1, from: 5, to: 6),
            Self.event(5, .read(content: 2), node: 2, session: -1, from: 10, to: 20),
            Self.event(6, .write(content: 2, basedOn: noContent), node: 3, session: -1, from: 12, to: 13),
            Self.event(7, .read(content: 1), node: 2, session: -1, from: 30, to: 31),
        ]
        let report = SemanticsChecker.judge(history)
        let unix = Dictionary(uniqueKeysWithValues: report.reads.map { ($0.event, $0.unix) })
        #expect(unix[5] == .fresh)
        #expect(unix[4] == .stale(expected: 1, byEvent: 2))
        #expect(unix[7] == .stale(expected: 2, byEvent: 6))
        // The judgement does not depend on the order the history arrives in.
        #expect(SemanticsChecker.judge(history.reversed()).reads == report.reads)
    }
}
