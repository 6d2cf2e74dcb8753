/// Least recently used: a reference moves the page to the newest end of the
/// list, the oldest end goes. Exact, at the price of work on every reference.
final class LRUReplacement: ReplacementPolicy {
    func inserted(_ frame: Int32, _ table: FrameTable, now: SimTime) {
        table.frames[Int(frame)].stamp = now
        table.appendNewest(frame)
    }

    func referenced(_ frame: Int32, _ table: FrameTable, now: SimTime) {
        table.frames[Int(frame)].stamp = now
        table.moveToNewest(frame)
    }

    func victim(_ table: FrameTable) -> Int32? { table.oldestUnlocked() }

    func removed(_ frame: Int32, _ table: FrameTable) { table.unlink(frame) }
}
