import DequeModule

/// Ousterhout's matrix for gang scheduling (1982): one column per CPU, one
/// row per time slot. A parallel job's threads are placed together in the
/// first row with enough free columns; every quantum all CPUs switch together
/// to the next row that holds anyone. The columns are one node's CPUs, or the
/// CPUs of several nodes side by side (coordinated scheduling of a
/// multicomputer: one matrix, so a job has one row on every node and all of
/// them switch rows at the same instant). Space sharing is the same matrix
/// with one row that never rotates: a job waits (first come, first served, no
/// overtaking) until its threads fit, then keeps its CPUs to its end.
final class GangMatrix {
    /// A node whose CPUs are columns `firstColumn ..< firstColumn + width`.
    struct Member {
        var slot: Int
        var firstColumn: Int
        var width: Int
    }

    let columns: Int
    let rotates: Bool
    /// Ousterhout's alternate selection: a CPU that the current row leaves
    /// idle (no thread there, or it is not ready) runs a ready thread of
    /// another row of its column until the row's own thread is ready.
    let alternates: Bool
    private(set) var members: [Member]
    /// The process in each cell, row by row; -1 where free.
    private(set) var cells: [Int32] = []
    /// The threads in each row, and how many rows hold any: switching slots costs the rows it passes over,
    /// not the whole matrix.
    private var rowThreads: [Int32] = []
    private var busyRows = 0
    /// Every row before this one is full: placing a job starts here.
    private var firstRowWithRoom = 0
    /// The row whose threads run now.
    private(set) var current = 0
    /// Whether a slot-end event is pending, and when it comes.
    var slotArmed = false
    var slotEnd = SimTime.never
    /// Since when slots have not been switched because no thread was ready
    /// or running (nil: they are, or need not be): the switches missed meanwhile
    /// are made up when a thread becomes ready, so no event ticks for ever
    /// over threads that are all blocked.
    var asleepSince: SimTime?
    /// Space sharing: a job is waiting for CPUs, so later jobs may not overtake it.
    var jobsWaiting = false

    /// A matrix over the CPUs of `members` (node slot, CPU count), in that order.
    init(members: [(slot: Int, cpus: Int)], rotates: Bool, alternates: Bool = false) {
        var first = 0
        self.members = members.map { member in
            defer { first += max(1, member.cpus) }
            return Member(slot: member.slot, firstColumn: first, width: max(1, member.cpus))
        }
        self.columns = max(1, first)
        self.rotates = rotates
        self.alternates = alternates && rotates
        if !rotates { openRow() }
    }

    private func openRow() {
        cells.append(contentsOf: repeatElement(Int32(-1), count: columns))
        rowThreads.append(0)
    }

    /// Puts `thread` (or -1) in `cell`, keeping the row counts.
    private func set(_ cell: Int, _ thread: Int32) {
        let row = cell / columns
        let before = rowThreads[row]
        if cells[cell] >= 0 { rowThreads[row] -= 1 }
        if thread >= 0 { rowThreads[row] += 1 }
        cells[cell] = thread
        if before == 0 && rowThreads[row] > 0 { busyRows += 1 }
        if before > 0 && rowThreads[row] == 0 { busyRows -= 1 }
        if thread < 0 {
            firstRowWithRoom = min(firstRowWithRoom, row)
        } else {
            while firstRowWithRoom < rowThreads.count && rowThreads[firstRowWithRoom] == Int32(columns) {
                firstRowWithRoom += 1
            }
        }
    }

    /// Empty rows at the end, past the current one, are given back (first fit would reuse them in the
    /// same order, so nothing changes but the memory).
    private func trimEmptyRows() {
        guard rotates else { return }
        while rowThreads.count > current + 1, rowThreads.last == 0 {
            rowThreads.removeLast()
            cells.removeLast(columns)
        }
        firstRowWithRoom = min(firstRowWithRoom, rowThreads.count)
    }

    convenience init(columns: Int, rotates: Bool, alternates: Bool = false) {
        self.init(members: [(slot: 0, cpus: columns)], rotates: rotates, alternates: alternates)
    }

    /// The node slot whose event switches the slots.
    var driver: Int { members.first?.slot ?? 0 }

    /// The columns of node slot `slot` (empty if it is not a member).
    func columns(of slot: Int) -> Range<Int> {
        guard let member = members.first(where: { $0.slot == slot }) else { return 0..<0 }
        return member.firstColumn..<member.firstColumn + member.width
    }

    /// Node slot `slot` leaves: its threads' cells are freed (they are placed
    /// again under the node's new scheduler).
    func remove(slot: Int) {
        let range = columns(of: slot)
        members.removeAll { $0.slot == slot }
        for row in 0..<rowCount {
            for column in range { set(row * columns + column, -1) }
        }
        trimEmptyRows()
    }

    var rowCount: Int { cells.count / columns }

    @inline(__always) func occupant(column: Int) -> Int32 {
        let index = current * columns + column
        return index < cells.count ? cells[index] : -1
    }

    /// Places `threads` together: the first row with that many free columns
    /// (a job wider than the node takes whole rows in turn). Returns each
    /// thread's cell (row · columns + column), or nil when space sharing has no room.
    func place(_ threads: [Int32]) -> [Int]? {
        place(threads, within: threads.map { _ in 0..<columns })
    }

    /// Places `threads`, thread i in a column of `ranges[i]` (its node's CPUs),
    /// all in the first row where each node has a free column for each of its
    /// threads; a node with more threads than CPUs spills whole rows in turn.
    /// With `preferring`, a row where all of them fit is taken first: a thread that joins its job late
    /// goes in its partners' row if a column is free there.
    func place(_ threads: [Int32], within ranges: [Range<Int>], preferring preferred: Int? = nil) -> [Int]? {
        if let preferred, preferred < rowCount, let cells = fitAll(threads, within: ranges, row: preferred) {
            for (thread, cell) in zip(threads, cells) { set(cell, thread) }
            return cells
        }
        var placed = Array(repeating: -1, count: threads.count)
        var left = Array(threads.indices)
        // A full row takes no thread: the search starts after them.
        var row = firstRowWithRoom
        while !left.isEmpty {
            if row == rowCount {
                guard rotates else { return nil }
                openRow()
            }
            var fits = true
            var taking: [(thread: Int, column: Int)] = []
            for range in Set(left.map { ranges[$0] }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
                guard !range.isEmpty else { return nil }
                let wanting = left.filter { ranges[$0] == range }
                let free = range.filter { cells[row * columns + $0] < 0 }
                guard free.count >= min(wanting.count, range.count) else {
                    fits = false
                    break
                }
                taking += zip(wanting, free).map { (thread: $0, column: $1) }
            }
            if fits {
                for (thread, column) in taking {
                    set(row * columns + column, threads[thread])
                    placed[thread] = row * columns + column
                }
                left.removeAll { placed[$0] >= 0 }
            } else if !rotates {
                return nil
            }
            row += 1
        }
        return placed
    }

    /// The cells of `row` that would take all of `threads`, each in its range, or nil.
    private func fitAll(_ threads: [Int32], within ranges: [Range<Int>], row: Int) -> [Int]? {
        var taken = Set<Int>()
        var cells: [Int] = []
        for index in threads.indices {
            guard let column = ranges[index].first(where: { self.cells[row * columns + $0] < 0 && !taken.contains($0) })
            else { return nil }
            taken.insert(column)
            cells.append(row * columns + column)
        }
        return cells
    }

    /// The process in `cell`, or -1 (also for a cell past the matrix).
    func occupant(cell: Int) -> Int32 {
        cells.indices.contains(cell) ? cells[cell] : -1
    }

    /// Takes the cell of `column` in the current row for `thread` if it is free (opening row 0 if need be).
    func claimCurrent(column: Int, for thread: Int32) -> Int? {
        if cells.isEmpty { openRow() }
        let cell = current * columns + column
        guard cells.indices.contains(cell), cells[cell] < 0 else { return nil }
        set(cell, thread)
        return cell
    }

    func free(cell: Int) {
        guard cells.indices.contains(cell) else { return }
        set(cell, -1)
        trimEmptyRows()
    }

    /// Whether slots must keep switching: two rows hold threads, or the
    /// current row is empty while another is not. With one busy row its
    /// threads simply keep their CPUs, and no slot event is pending.
    var needsRotation: Bool {
        guard rotates else { return false }
        let currentBusy = rowThreads.indices.contains(current) && rowThreads[current] > 0
        return busyRows >= 2 || (busyRows == 1 && !currentBusy)
    }

    /// Whether a thread of the matrix is ready or running.
    /// From the current row on, where the runnable threads usually are (the rows before it may be empty).
    func hasRunnableThread(_ table: ProcessTable) -> Bool {
        let start = min(current * columns, cells.count)
        func runnable(_ thread: Int32) -> Bool {
            thread >= 0 && (table[thread].phase == .ready || table[thread].phase == .running)
        }
        return cells[start...].contains(where: runnable) || cells[..<start].contains(where: runnable)
    }

    /// `count` slot switches with the threads where they are: after the first
    /// the rows visited repeat with the number of busy rows as period.
    func nextSlots(_ count: Int64) {
        guard count > 0 else { return }
        let busy = busyRows
        nextSlot()
        for _ in 0..<(busy > 0 ? (count - 1) % Int64(busy) : 0) { nextSlot() }
    }

    /// Moves to the next row that holds a thread (staying put when none does).
    func nextSlot() {
        let rows = rowCount
        guard rotates, rows > 1 else { return }
        for step in 1...rows {
            let row = (current + step) % rows
            if rowThreads[row] > 0 {
                current = row
                return
            }
        }
    }
}

/// One CPU's queue under gang scheduling or space sharing: the threads of its
/// column that are ready; only the one in the current row may run.
final class GangColumn: SchedulingPolicy {
    private let matrix: GangMatrix
    private let column: Int
    /// The ready threads in the order they came. Taking the row's thread from the middle only forgets its
    /// stamp (an entry is live while its stamp is the thread's): O(1) however long the column is.
    private var order: Deque<(process: Int32, stamp: UInt32)> = []
    private var stamps: [Int32: UInt32] = [:]
    private var nextStamp: UInt32 = 0
    private(set) var count = 0

    init(matrix: GangMatrix, column: Int) {
        self.matrix = matrix
        self.column = column
        order.reserveCapacity(8)
        stamps.reserveCapacity(8)
    }

    func enqueue(_ process: ProcessID, why: ReadyReason, table: ProcessTable, now: SimTime) {
        nextStamp &+= 1
        stamps[process.index] = nextStamp
        order.append((process.index, nextStamp))
        count += 1
    }

    /// The row's own thread may take the CPU from an alternate the moment it is ready.
    var isPreemptive: Bool { matrix.alternates }

    private func isLive(_ entry: (process: Int32, stamp: UInt32)) -> Bool { stamps[entry.process] == entry.stamp }

    /// The current row's thread of this column; with alternates, else the
    /// thread of another row that has waited longest.
    func dequeue(table: ProcessTable, now: SimTime) -> ProcessID? {
        let occupant = matrix.occupant(column: column)
        if occupant >= 0, stamps.removeValue(forKey: occupant) != nil {
            count -= 1
            dropForgottenEntries()
            return ProcessID(occupant)
        }
        guard matrix.alternates, count > 0 else { return nil }
        while let first = order.popFirst() {
            guard isLive(first) else { continue }
            stamps.removeValue(forKey: first.process)
            count -= 1
            return ProcessID(first.process)
        }
        return nil
    }

    func shouldPreempt(running: ProcessID, by candidate: ProcessID, table: ProcessTable, now: SimTime) -> Bool {
        candidate != running && candidate.index == matrix.occupant(column: column)
    }

    func steal(table: ProcessTable, now: SimTime) -> ProcessID? { nil }

    func removeAll(table: ProcessTable, now: SimTime) -> [ProcessID] {
        defer {
            order.removeAll(keepingCapacity: true)
            stamps.removeAll(keepingCapacity: true)
            count = 0
        }
        return order.filter(isLive).map { ProcessID($0.process) }
    }

    /// Forgotten entries leave the front at once, and the rest when they outnumber the live ones.
    private func dropForgottenEntries() {
        while let first = order.first, !isLive(first) { order.removeFirst() }
        if order.count > 2 * count + 16 { order = Deque(order.filter(isLive)) }
    }
}
