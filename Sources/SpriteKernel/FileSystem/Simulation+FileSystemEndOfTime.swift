/// File-system events that would come after the end of time (see Simulation+EndOfTime).
extension Simulation {
    func neverHappens(_ e: FileSystemEvent) {
        switch e {
        case .callServed(let call), .callTimeout(let call):
            failCall(call, .endOfTime)
        case .flushDaemon(let node):
            // The daemon would wake after the end: its data stays dirty.
            fileClients[Int(node)]?.daemonScheduled = false
        case .fileStepDone(let node, let operation):
            // `completeLocally` refuses such ends before scheduling; kept for completeness.
            fileClients[Int(node)]?.localSteps.removeAll { $0.operation == operation }
            failFileStep(Int(node), operation, .endOfTime)
        case .rangeStepResumes(let node, let operation):
            fs.places.resumes[operation] = nil
            failFileStep(Int(node), operation, .endOfTime)
        case .blockTransferServed(let transfer, let generation), .blockTransferTimeout(let transfer, let generation),
             .blockTransferCopied(let transfer, let generation):
            endBlockTransfer(transfer, generation: generation, failure: .endOfTime)
        }
    }
}
