/// The clock, as Sprite's VM used it: one hand sweeps the frames in order; a
/// referenced page (its bit set at load and at every reference) has its bit
/// cleared and is passed over, the first page found without it goes. The
/// frames are also kept in reference order, so the node's oldest page (what
/// VM offers in a negotiation with the file cache) is known without a sweep.
final class ClockReplacement: ReplacementPolicy {
    func inserted(_ frame: Int32, _ table: FrameTable, now: SimTime) {
        table.frames[Int(frame)].stamp = now
        table.setFlag(FrameTable.referenced, true, of: frame)
        table.appendNewest(frame)
    }

    func referenced(_ frame: Int32, _ table: FrameTable, now: SimTime) {
        table.frames[Int(frame)].stamp = now
        table.setFlag(FrameTable.referenced, true, of: frame)
        table.moveToNewest(frame)
    }

    /// Two sweeps at most: the first clears every bit it passes, so the second finds an unlocked page if
    /// there is one. The hand stops just past the victim.
    func victim(_ table: FrameTable) -> Int32? {
        let count = Int32(table.count)
        guard count > 0 else { return nil }
        for _ in 0..<(2 * count) {
            let frame = table.hand
            table.hand = (frame + 1) % count
            guard table.frames[Int(frame)].entry >= 0, !table.isLocked(frame) else { continue }
            if table.frames[Int(frame)].flags & FrameTable.referenced != 0 {
                table.setFlag(FrameTable.referenced, false, of: frame)
            } else {
                return frame
            }
        }
        return nil
    }

    func removed(_ frame: Int32, _ table: FrameTable) { table.unlink(frame) }
}
