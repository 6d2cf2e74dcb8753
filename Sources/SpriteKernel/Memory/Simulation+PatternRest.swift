/// A process whose bursts touch a shared segment (DSM/Simulation+DSMPatterns.swift) touches none of its own
/// pages meanwhile: its space's pattern rests until a `pattern` step names one again.
extension Simulation {
    func restVMPattern(_ process: Int32) {
        virtualMemory.processes[Int(process)].pattern = -1
        scheduler.table[process].untilFault = .never
        scheduler.table[process].faultEntry = -1
    }
}
