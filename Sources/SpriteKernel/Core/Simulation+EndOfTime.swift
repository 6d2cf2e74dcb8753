/// The end of simulated time. Every event the engine schedules goes through
/// `schedule(_:at:)`: an event after `SimTime.horizon` never happens, and the
/// work it would have ended fails now with `.endOfTime`. So no clock, elapsed
/// time or penalty ever shows a wrapped or clamped time as if it were real.
extension Simulation {
    @inline(__always) func schedule(_ kind: Event, at time: SimTime) {
        guard time.isPastHorizon else { return queue.schedule(kind, at: time) }
        neverHappens(kind)
    }

    /// The event would come after the end of time: what it would have ended fails now.
    /// Out of line, so the common case above stays small enough to inline on every event.
    private func neverHappens(_ kind: Event) {
        switch kind {
        case .net(.deliver(let message)), .net(.retransmit(let message)):
            abandon(message: message)
        case .rpc(.rpcServed(let operation)):
            rpcSeries[operation] = nil
            fail(operation, .endOfTime)
        case .rpc(.serverTimeout(let operation)):
            // Still waiting on a crashed server when time ends.
            rpcSeries[operation] = nil
            failStep(operation, of: operations[Int(operation)].process)
        case .ipc(.processResume(let process, let operation)):
            failStep(operation, of: Int(process))
        case .ipc(.peerTimeout(let operation)):
            // Still waiting on a crashed peer when time ends.
            failStep(operation, of: operations[Int(operation)].process)
        case .files(.callServed(let call)), .files(.callTimeout(let call)):
            failCall(call, .endOfTime)
        case .files(.flushDaemon(let node)):
            // The daemon would wake after the end: its data stays dirty.
            fs.daemonWakeups -= 1
            fileClients[Int(node)]?.daemonScheduled = false
        case .files(.fileStepDone(let node, let operation)):
            // `completeLocally` refuses such ends before scheduling; kept for completeness.
            fileClients[Int(node)]?.localStep = nil
            failFileStep(Int(node), operation, .endOfTime)
        case .timer:
            // `scheduleTimer` refuses such times before they get here.
            break
        }
    }

    /// A message that would arrive after the end of time is never sent: the
    /// operation it carries fails, and a process blocked on that operation goes on.
    private func abandon(message id: Int32) {
        let message = messages[id]
        messages.release(id)
        if message.isFileCall {
            failCall(message.operation, .endOfTime)
            return
        }
        switch message.kind {
        case .rpcRequest, .rpcReply:
            rpcSeries[message.operation] = nil
            fail(message.operation, .endOfTime)
        case .vReply where operations[Int(message.operation)].status == .running:
            // The reply fails; its sender stays blocked: no reply comes in time.
            fail(message.operation, .endOfTime)
        case .vReply:
            // A reply retransmitted after it was sent: the sender waits past the end.
            let sender = Int(message.toProcess)
            guard sender >= 0, processes[sender].state == .awaitingReply(peer: Int(message.fromProcess)),
                  let waiting = processes[sender].current else { return }
            failStep(waiting, of: sender)
        default:
            failStep(message.operation, of: operations[Int(message.operation)].process)
        }
    }

    /// Fails a process's operation and, if the process was blocked on it, lets
    /// it take its next step.
    private func failStep(_ operation: Int32, of process: Int?) {
        fail(operation, .endOfTime)
        guard let process, processes[process].current == operation else { return }
        processes[process].current = nil
        processes[process].state = .ready
        advance(process: process)
    }
}
