import SpriteKernel

/// The file writes and stale reads of a run as places on the sequence diagram, so an outcome table can link
/// to them: `write-N` is the N-th write of the file history in the order the semantics checker judges it
/// (start time, then event id), `read-N` the N-th verdict of `Interpreter.semantics().reads` (the same order),
/// drawn for each read whose UNIX verdict is stale. N counts from 1; docs/PICTURES.md states the scheme.
struct OutcomeAnchors {
    /// One file operation drawn: where, by whom, when.
    struct Operation: Equatable {
        /// Its `write-N` or `read-N` number.
        let number: Int
        /// Its event in the file history.
        let event: Int
        let node: Int
        /// The process in the process table, and its name then; -1 and nil for the node's own step.
        let process: Int
        let processName: String?
        /// The process as the picture knows it (an index in `RecordedRun.processes`), -1 for the node's own.
        var recorded = -1
        let path: String
        let start: SimTime
        let end: SimTime
        /// A write: it appended. A read: the write it should have seen (its `write-N` number, who wrote it
        /// and when that write returned), nil when that is the empty file.
        var appended = false
        var missedWrite: Int?
        var missedBy: String?
        var missedAt: SimTime?
    }

    private(set) var writes: [Operation] = []
    /// The reads UNIX semantics calls stale.
    private(set) var staleReads: [Operation] = []

    init() {}

    init(_ interpreter: Interpreter) {
        let simulation = interpreter.simulation
        let history = simulation.fileHistory
        let report = interpreter.semantics()
        func operation(_ event: FileEvent, number: Int) -> Operation {
            Operation(number: number, event: event.id, node: event.node, process: event.process,
                      processName: event.process >= 0 ? simulation.processName(event.process) : nil,
                      path: simulation.file(event.file).path, start: event.start, end: event.end)
        }
        var writeNumbers: [Int: Int] = [:]
        for event in Self.writeEvents(history) {
            var write = operation(event, number: writes.count + 1)
            if case .write(_, let basedOn) = event.kind { write.appended = basedOn != noContent }
            writeNumbers[event.id] = write.number
            writes.append(write)
        }
        for (index, verdict) in report.reads.enumerated() {
            guard case .stale(_, let missed) = verdict.unix, history.indices.contains(verdict.event) else { continue }
            var read = operation(history[verdict.event], number: index + 1)
            if let missed, history.indices.contains(missed) {
                let writer = history[missed]
                read.missedWrite = writeNumbers[missed]
                read.missedBy = writer.process >= 0
                    ? "\(simulation.processName(writer.process)) on \(simulation.nodeName(writer.node))"
                    : simulation.nodeName(writer.node)
                read.missedAt = writer.end
            }
            staleReads.append(read)
        }
    }

    /// The history's writes in the checker's order: by start, then by id.
    static func writeEvents(_ history: [FileEvent]) -> [FileEvent] {
        history.filter { if case .write = $0.kind { true } else { false } }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }

    /// Each operation's process found among `processes` (the recording's), added when the recording never
    /// met it (a write into the cache sends no message).
    mutating func resolve(_ processes: inout [RecordedProcess]) {
        func find(_ operation: inout Operation) {
            guard operation.process >= 0, let name = operation.processName else { return }
            if let index = processes.lastIndex(where: { $0.id == operation.process && $0.name == name }) {
                operation.recorded = index
            } else {
                processes.append(RecordedProcess(id: operation.process, name: name))
                operation.recorded = processes.count - 1
            }
        }
        for index in writes.indices { find(&writes[index]) }
        for index in staleReads.indices { find(&staleReads[index]) }
    }

    /// Those a picture of `scope` shows: on its nodes, ending inside its window and after recording began.
    func within(_ scope: PictureScope, nodes: Set<Int>, since startedAt: SimTime) -> OutcomeAnchors {
        var shown = self
        let inside = { (operation: Operation) in
            nodes.contains(operation.node) && operation.end >= max(scope.from, startedAt) && operation.end <= scope.to
        }
        shown.writes = writes.filter(inside)
        shown.staleReads = staleReads.filter(inside)
        return shown
    }
}
