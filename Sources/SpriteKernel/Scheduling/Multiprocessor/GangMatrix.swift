/// Ousterhout's matrix for gang scheduling (1982): one column per CPU of the
/// node, one row per time slot. A parallel job's threads are placed together
/// in the first row with enough free columns; every quantum all CPUs switch
/// together to the next row that holds anyone. Space sharing is the same
/// matrix with one row that never rotates: a job waits (first come, first
/// served, no overtaking) until its threads fit, then keeps its CPUs to its end.
final class GangMatrix {
    let columns: Int
    let rotates: Bool
    /// The process in each cell, row by row; -1 where free.
    private(set) var cells: [Int32] = []
    /// The row whose threads run now.
    private(set) var current = 0
    /// Whether a slot-end event is pending.
    var slotArmed = false
    /// Space sharing: a job is waiting for CPUs, so later jobs may not overtake it.
    var jobsWaiting = false

    init(columns: Int, rotates: Bool) {
        self.columns = max(1, columns)
        self.rotates = rotates
        if !rotates { cells = Array(repeating: -1, count: self.columns) }
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
        var placed: [Int] = []
        var left = threads[...]
        var row = 0
        while !left.isEmpty {
            if row == rowCount {
                guard rotates else { return nil }
                cells.append(contentsOf: repeatElement(Int32(-1), count: columns))
            }
            let free = (0..<columns).filter { cells[row * columns + $0] < 0 }
            if free.count >= min(left.count, columns) {
                for column in free.prefix(left.count) {
                    cells[row * columns + column] = left.removeFirst()
                    placed.append(row * columns + column)
                }
            } else if !rotates {
                return nil
            }
            row += 1
        }
        return placed
    }

    func free(cell: Int) {
        if cells.indices.contains(cell) { cells[cell] = -1 }
    }

    /// Whether slots must keep switching: two rows hold threads, or the
    /// current row is empty while another is not. With one busy row its
    /// threads simply keep their CPUs, and no slot event is pending.
    var needsRotation: Bool {
        guard rotates else { return false }
        var busyRows = 0
        var currentBusy = false
        for row in 0..<rowCount where (0..<columns).contains(where: { cells[row * columns + $0] >= 0 }) {
            busyRows += 1
            if row == current { currentBusy = true }
        }
        return busyRows >= 2 || (busyRows == 1 && !currentBusy)
    }

    /// Moves to the next row that holds a thread (staying put when none does).
    func nextSlot() {
        let rows = rowCount
        guard rotates, rows > 1 else { return }
        for step in 1...rows {
            let row = (current + step) % rows
            if (0..<columns).contains(where: { cells[row * columns + $0] >= 0 }) {
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
    private var ready: [ProcessID] = []

    init(matrix: GangMatrix, column: Int) {
        self.matrix = matrix
        self.column = column
        ready.reserveCapacity(8)
    }

    var count: Int { ready.count }

    func enqueue(_ process: ProcessID, why: ReadyReason, table: ProcessTable, now: SimTime) {
        ready.append(process)
    }

    func dequeue(table: ProcessTable, now: SimTime) -> ProcessID? {
        let occupant = matrix.occupant(column: column)
        guard occupant >= 0, let index = ready.firstIndex(of: ProcessID(occupant)) else { return nil }
        return ready.remove(at: index)
    }

    func steal(table: ProcessTable, now: SimTime) -> ProcessID? { nil }

    func removeAll(table: ProcessTable, now: SimTime) -> [ProcessID] {
        defer { ready.removeAll(keepingCapacity: true) }
        return ready
    }
}
