/// A program's DSM steps. An access to a page the node may access costs nothing more; a fault first pays
/// its trap on the process's CPU, then blocks the process (blocked(dsm), off its CPU) until its messages
/// are answered. Locks and barriers block until their manager answers; a release that pushes no diffs
/// goes on at once.
extension Simulation {
    /// nil: the step is done and the process goes on with the next one.
    func dsmStep(_ process: Int32, _ step: Step, speed: Double) -> StepOutcome? {
        let d = sharedMemory
        let s = scheduler
        d.ensureProcess(process)
        let node = Int(s.table[process].node)
        let request: Int32
        switch step {
        case .dsmAccess(let segment, let page, let offset, let size, let write):
            let segment = Int(segment)
            guard d.segments[segment].participantIndex(of: node) >= 0 else {
                return dsmStepFailed(process, d.segments[segment].spec.name, .notAmongNodes(node: node))
            }
            if dsmMayAccess(segment: segment, page: page, node: node, write: write) {
                dsmTouch(segment: segment, page: page, node: node, write: write, offset: offset, size: size)
                d.trapPaid[Int(process)] = false
                s.table[process].pc += 1
                return nil
            }
            let lost = d.pages[Int(d.segments[segment].firstPage + page)].lostIn
            if lost >= 0 {
                return dsmStepFailed(process, d.segments[segment].spec.name, .pageLost(page: page, node: Int(lost)))
            }
            let trap = (d.segments[segment].spec.faultCPU ?? network.config.cost.localMessageCost)
                .scaled(bySpeed: speed)
            if !d.trapPaid[Int(process)], trap > .zero {
                // The trap runs as a burst; the step is taken again when it ends (no step passed).
                d.trapPaid[Int(process)] = true
                s.table[process].remaining = trap
                s.table[process].memoryShare = 0
                s.table[process].kernelWork = false
                s.table[process].stepsPending = true
                return .compute
            }
            request = dsmStartFault(process: process, node: node, segment: segment, page: page, write: write,
                                    offset: offset, size: size)
        case .dsmAcquire(let lock):
            guard !d.segments.isEmpty else { return dsmStepFailed(process, "", .notAmongNodes(node: node)) }
            guard let started = dsmAcquire(process: process, node: node, lock: lock, name: { s.syncNames[Int(lock)] })
            else { return dsmStepFailed(process, s.syncNames[Int(lock)], .acquireHeld) }
            request = started
        case .dsmRelease(let lock):
            guard !d.segments.isEmpty, let started = dsmRelease(process: process, node: node, lock: lock) else {
                return dsmStepFailed(process, s.syncNames[Int(lock)], .releaseNotHeld)
            }
            request = started
        case .dsmBarrier(let barrier, let parties):
            guard !d.segments.isEmpty else { return dsmStepFailed(process, "", .notAmongNodes(node: node)) }
            request = dsmBarrier(process: process, node: node, barrier: barrier, parties: parties) {
                s.syncNames[Int(barrier)]
            }
        default:
            return nil
        }
        // Served at once (every answer came from this node): the step is done.
        if d.waitingOn[Int(process)] != request {
            s.table[process].pc += 1
            return nil
        }
        block(process, .dsm, on: request)
        return .blocked
    }

    /// The step cannot be taken: the failure is recorded for the run to report, and the process ends there.
    func dsmStepFailed(_ process: Int32, _ name: String, _ kind: DSMFailureKind) -> StepOutcome {
        dsmFail(process: process, name: name, kind)
        finishProcess(process)
        return .finished(exited: true)
    }

    /// DSM served the request `request` of `process`: if the process was blocked on it, it goes on with its
    /// next step.
    func dsmStepServed(process: Int32, request: Int32) {
        if dsmPatternFaultServed(process: process, request: request) { return }
        let s = scheduler
        guard s.table[process].phase == .blocked, s.table[process].blockKind == .dsm,
              s.table[process].blockedOn == request else { return }
        s.table[process].pc += 1
        processWoke(process)
    }

    /// Whether the process ended (a grant for it passes it over).
    func dsmProcessHasEnded(_ process: Int32) -> Bool {
        process >= 0 && scheduler.table[process].phase == .done
    }

    /// DSM steps that could not be taken, in the order they happened.
    public var dsmFailures: [DSMFailure] {
        sharedMemory.failures.map { DSMFailure(process: ProcessID($0.process), time: $0.time, name: $0.name,
                                               kind: $0.kind) }
    }
}

/// A DSM step that could not be taken; the process ended there and the run reports it.
public struct DSMFailure: Sendable, Equatable {
    public var process: ProcessID
    public var time: SimTime
    /// The segment, lock or barrier named by the step.
    public var name: String
    public var kind: DSMFailureKind
}
