import Dispatch
import SpriteKernel

/// Raises a run's interrupt flag once the session's wall-clock time is spent.
/// Usage is checked between slices of events; when events get slow (a run
/// that has piled up work), a slice can take far longer than the limit allows,
/// so the run loop, which polls the flag every 1,024 events, is told directly.
/// One alarm per run: nothing on the event path.
final class WallAlarm {
    private let item: DispatchWorkItem

    init(afterNanoseconds delay: Int64, raising flag: InterruptFlag) {
        item = DispatchWorkItem { flag.raise() }
        let wait = DispatchTimeInterval.nanoseconds(Int(clamping: max(0, delay)))
        DispatchQueue.global().asyncAfter(deadline: .now() + wait, execute: item)
    }

    func cancel() { item.cancel() }
}
