/// The end of simulated time. Every event the engine schedules goes through
/// `schedule(_:at:)`: an event after `SimTime.horizon` never happens, and the
/// work it would have ended fails now with `.endOfTime`. So no clock, elapsed
/// time or penalty ever shows a wrapped or clamped time as if it were real.
extension Simulation {
    @inline(__always) func schedule(_ kind: Event, at time: SimTime) {
        guard time.isPastHorizon else { return queue.schedule(kind, at: time) }
        neverHappens(kind)
    }

    /// The event would come after the end of time: what it would have ended fails now, as its subsystem says.
    /// Out of line, so the common case above stays small enough to inline on every event.
    @inline(never) private func neverHappens(_ kind: Event) {
        switch kind {
        case .net(let e): neverHappens(e)
        case .ipc(let e): neverHappens(e)
        case .rpc(let e): neverHappens(e)
        case .files(let e): neverHappens(e)
        case .sched(let e): neverHappens(e)
        case .dsm(let e): neverHappens(e)
        case .mem(let e): neverHappens(e)
        case .timer:
            // `scheduleTimer` refuses such times before they get here.
            break
        }
    }
}
