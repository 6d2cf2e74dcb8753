import Testing
@testable import SpriteKernel

/// The pieces behind lazy release and diffs: vector times carried transitively, and a diff's runs.
@Suite struct DSMIntervalTests {
    /// n0 writes page 5 in an interval and releases; n1 takes n0's time (as a grant would), writes
    /// nothing, and passes its own time on; n2 receiving n1's time gets n0's notice: it happened-before.
    /// Received twice, it is applied once (n2's time has moved past it). n0 never gets its own notice.
    @Test func aNoticeTravelsWithEveryLaterTime() {
        var log = DSMIntervalLog()
        log.endInterval(of: 0, pages: [5])
        let fromN0 = log.snapshot(ofNode: 0)
        var atN1: [(Int32, Int)] = []
        log.receive(fromN0, at: 1) { atN1.append(($0, $1)) }
        #expect(atN1.map(\.0) == [5] && atN1.map(\.1) == [0])
        log.endInterval(of: 1, pages: [])
        let fromN1 = log.snapshot(ofNode: 1)
        #expect(log.unseenCount(fromN1, at: 2) == 1)
        var atN2: [(Int32, Int)] = []
        log.receive(fromN1, at: 2) { atN2.append(($0, $1)) }
        #expect(atN2.map(\.0) == [5] && atN2.map(\.1) == [0])
        log.receive(fromN1, at: 2) { atN2.append(($0, $1)) }
        #expect(atN2.count == 1)
        #expect(log.unseenCount(fromN1, at: 0) == 0)
        // Two intervals of n0 (pages 5, then 6 and 7): 3 notices in all.
        #expect(log.noticeCount == 1)
        log.endInterval(of: 0, pages: [6, 7])
        #expect(log.noticeCount == 3)
        #expect(log.unseenCount(log.snapshot(ofNode: 0), at: 2) == 2)
    }

    /// Runs merge when they overlap or touch: [0,8) and [16,24) are 2 runs of 16 bytes; [8,16) joins them
    /// into [0,24); [4,6) changes nothing; [30,31) then [24,30) make [0,31); [40,48) is a second run:
    /// 2 runs, 31 + 8 = 39 bytes.
    @Test func runsMergeWhenTheyOverlapOrTouch() {
        var pool = DSMDiffRunPool()
        let list = pool.borrow()
        _ = pool.add(list, start: 0, end: 8)
        #expect(pool.add(list, start: 16, end: 24) == (2, 16))
        #expect(pool.add(list, start: 8, end: 16) == (1, 24))
        #expect(pool.add(list, start: 4, end: 6) == (1, 24))
        #expect(pool.add(list, start: 30, end: 31) == (2, 25))
        #expect(pool.add(list, start: 24, end: 30) == (1, 31))
        #expect(pool.add(list, start: 40, end: 48) == (2, 39))
        // Given back and borrowed again, the list starts empty.
        pool.giveBack(list)
        let again = pool.borrow()
        #expect(again == list)
        #expect(pool.totals(again) == (0, 0))
    }
}
