/// Which resident page a node's virtual memory replaces when it needs a frame
/// and none is free. One file per policy; `ReplacementKind` is the registry.
/// The order lives in the frame table (its list and hand), so a policy holds
/// no state of its own and a crash clears the table alone.
protocol ReplacementPolicy: AnyObject {
    /// `frame` was just loaded with a page.
    func inserted(_ frame: Int32, _ table: FrameTable, now: SimTime)
    /// A resident page was referenced.
    func referenced(_ frame: Int32, _ table: FrameTable, now: SimTime)
    /// The frame to replace, never a locked one; nil when every frame in use is locked.
    func victim(_ table: FrameTable) -> Int32?
    /// `frame` leaves the policy's order (replaced or freed).
    func removed(_ frame: Int32, _ table: FrameTable)
}
