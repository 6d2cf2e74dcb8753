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
