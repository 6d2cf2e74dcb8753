/// TreadMarks' intervals and vector times (lazy release). Each node's writes between two of its releases or
/// barrier arrivals form an interval; the interval's write notices are logged by writer. Each node keeps a
/// vector time: how many intervals of each writer it has seen. A release or arrival carries the node's time;
/// a grant or barrier release carries the lock's or the episode's, and the acquirer gets the notices of every
/// interval between its time and that one: every write that happens-before the acquire, whatever lock or
/// barrier carried it on the way.
struct DSMIntervalLog {
    /// Each node's slot (by node index), -1 until it writes or synchronises; and each slot's node.
    var slotOf: [Int32] = []
    var nodeOf: [Int32] = []
    /// By writer slot: the pages its intervals wrote, in interval order, and where each interval ends there.
    var pages: [[Int32]] = []
    var intervalEnd: [[Int32]] = []
    /// By node slot: its vector time, one count of intervals per writer slot (shorter: zeros).
    var clock: [[Int32]] = []
    /// Vector times in flight (with a release, a grant, an arrival) or kept (a lock's, an episode's).
    var snapshots: [[Int32]] = []
    var freeSnapshots: [Int32] = []
    /// Every logged notice, for the memory limit.
    var noticeCount = 0

    mutating func slot(of node: Int) -> Int {
        if node >= slotOf.count { slotOf.append(contentsOf: repeatElement(-1, count: node + 1 - slotOf.count)) }
        if slotOf[node] >= 0 { return Int(slotOf[node]) }
        let slot = nodeOf.count
        slotOf[node] = Int32(slot)
        nodeOf.append(Int32(node))
        pages.append([])
        intervalEnd.append([])
        clock.append([])
        return slot
    }

    /// The node's interval ends with these pages written: the notices are logged and its time moves on.
    mutating func endInterval(of node: Int, pages written: [Int32]) {
        guard !written.isEmpty else { return }
        let writer = slot(of: node)
        pages[writer].append(contentsOf: written)
        intervalEnd[writer].append(Int32(pages[writer].count))
        noticeCount += written.count
        set(&clock[writer], writer, Int32(intervalEnd[writer].count))
    }

    /// A new vector time, a copy of `source` (a snapshot slot's contents reused when one is free).
    mutating func snapshot(of source: [Int32]) -> Int32 {
        if let free = freeSnapshots.popLast() {
            snapshots[Int(free)].removeAll(keepingCapacity: true)
            snapshots[Int(free)].append(contentsOf: source)
            return free
        }
        snapshots.append(source)
        return Int32(snapshots.count - 1)
    }

    mutating func snapshot(ofNode node: Int) -> Int32 { snapshot(of: clock[slot(of: node)]) }

    mutating func free(_ snapshot: Int32) {
        guard snapshot >= 0 else { return }
        freeSnapshots.append(snapshot)
    }

    /// `target` becomes the element-wise maximum of itself and the snapshot.
    mutating func merge(_ snapshot: Int32, into target: Int32) {
        let source = snapshots[Int(snapshot)]
        for (writer, count) in source.enumerated() where count > value(snapshots[Int(target)], writer) {
            set(&snapshots[Int(target)], writer, count)
        }
    }

    /// How many notices the snapshot holds that `node` has not seen (its own excepted): the grant's size.
    mutating func unseenCount(_ snapshot: Int32, at node: Int) -> Int {
        let slot = slot(of: node)
        var count = 0
        for (writer, upTo) in snapshots[Int(snapshot)].enumerated() where writer != slot {
            let seen = value(clock[slot], writer)
            if upTo > seen { count += offset(writer, upTo) - offset(writer, seen) }
        }
        return count
    }

    /// Calls `apply(page, writerNode)` for each notice of the snapshot `node` has not seen, then moves the
    /// node's time up to the snapshot.
    mutating func receive(_ snapshot: Int32, at node: Int, apply: (Int32, Int) -> Void) {
        let slot = slot(of: node)
        let source = snapshots[Int(snapshot)]
        for (writer, upTo) in source.enumerated() where writer != slot {
            let seen = value(clock[slot], writer)
            guard upTo > seen else { continue }
            for index in offset(writer, seen)..<offset(writer, upTo) {
                apply(pages[writer][index], Int(nodeOf[writer]))
            }
            set(&clock[slot], writer, upTo)
        }
    }

    /// Where the writer's notices after its first `intervals` intervals start.
    private func offset(_ writer: Int, _ intervals: Int32) -> Int {
        intervals <= 0 ? 0 : Int(intervalEnd[writer][Int(intervals) - 1])
    }

    private func value(_ time: [Int32], _ writer: Int) -> Int32 { writer < time.count ? time[writer] : 0 }

    private func set(_ time: inout [Int32], _ writer: Int, _ count: Int32) {
        if writer >= time.count { time.append(contentsOf: repeatElement(0, count: writer + 1 - time.count)) }
        time[writer] = count
    }
}
