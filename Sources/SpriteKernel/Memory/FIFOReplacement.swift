/// First in, first out: the page loaded longest ago goes, however much it is
/// used. The only one of the three that suffers Belady's anomaly (more frames,
/// more faults). Its stamp is the load time.
final class FIFOReplacement: ReplacementPolicy {
    func inserted(_ frame: Int32, _ table: FrameTable, now: SimTime) {
        table.frames[Int(frame)].stamp = now
        table.appendNewest(frame)
    }

    func referenced(_ frame: Int32, _ table: FrameTable, now: SimTime) {}

    func victim(_ table: FrameTable) -> Int32? { table.oldestUnlocked() }

    func removed(_ frame: Int32, _ table: FrameTable) { table.unlink(frame) }
}
