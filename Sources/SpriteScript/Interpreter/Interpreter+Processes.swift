import SpriteKernel

/// Programs, processes and schedulers: what the process statements ask of the engine.
extension Interpreter {
    func addProcessSymbols(to table: inout SymbolTable) {
        table.programs = programs
    }

    func setScheduler(_ choice: SchedulerChoice, on node: Int, at span: SourceSpan) throws(Diagnostic) {
        throw Diagnostic(.runtime, "pending", at: span)
    }

    func setMultiprocessor(_ choice: MultiprocessorChoice, on node: Int, at span: SourceSpan) throws(Diagnostic) {
        throw Diagnostic(.runtime, "pending", at: span)
    }

    func defineProgram(_ name: String, steps: [ProgramStep], at span: SourceSpan) throws(Diagnostic) {
        programs[name] = steps
    }

    func spawn(program: Name, as name: Name, on node: Int, _ settings: SpawnSettings) throws(Diagnostic) {
        throw Diagnostic(.runtime, "pending", at: name.span)
    }

    func startJob(_ name: Name, steps: [ProgramStep], on node: Int, _ settings: SpawnSettings) throws(Diagnostic) {
        throw Diagnostic(.runtime, "pending", at: name.span)
    }

    func generateWorkload(_ workload: WorkloadStatement, on node: Int) throws(Diagnostic) {
        throw Diagnostic(.runtime, "pending", at: workload.span)
    }
}

/// What the statements read back from the engine.
extension Interpreter {
    var processMetrics: [ProcessMetrics] { simulation.processMetrics() }

    func processMetrics(named name: String) -> ProcessMetrics? {
        simulation.processID(named: name).flatMap { simulation.processMetrics($0) }
    }

    /// The CPUs of every node that has scheduled processes.
    var cpuStatistics: [CPUStatistics] {
        let nodes = Set(simulation.processMetrics().map(\.node)).sorted()
        return nodes.flatMap { simulation.cpuStatistics(node: $0) }
    }

    var timelineSlices: [TimelineSlice] { simulation.timeline() }
    var timelineDropped: Int { simulation.timelineDropped }
    var timelineLimit: Int { simulation.timelineLimit }

    func processName(_ id: ProcessID) -> String { simulation.processMetrics(id)?.name ?? "\(id)" }
}
