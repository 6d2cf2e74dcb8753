/// One node's page frames: which page each holds, when it was last
/// referenced, its flags, and a doubly linked list through the frames in use
/// (oldest to newest) that the replacement policies keep in their order. A
/// free list chains the frames not in use. Replacement is global per node.
final class FrameTable {
    /// One page frame; 24 bytes, read in place.
    struct Frame: BitwiseCopyable {
        /// The last reference (or the load, for a policy that ignores references).
        var stamp: SimTime = .zero
        /// The page table entry it holds; -1: free.
        var entry: Int32 = -1
        /// Neighbours in the list of frames in use, or the next free frame (`newer`); -1: none.
        var older: Int32 = -1
        var newer: Int32 = -1
        var flags: UInt8 = 0
    }

    /// Frame flags.
    static let referenced: UInt8 = 1
    static let dirty: UInt8 = 2
    /// Being read or written: no policy may choose it.
    static let locked: UInt8 = 4
    static let code: UInt8 = 8

    /// Read and written in place through a pointer: touched on every reference a batch walks, where an index
    /// check per access cost more than the list's own work. Frame indices come from the table alone.
    let frames: PlainArray<Frame>
    // Touched on every reference a batch walks: no run-time exclusivity checks (the engine is single-threaded).
    @exclusivity(unchecked) private(set) var freeHead: Int32 = -1
    @exclusivity(unchecked) private(set) var inUse: Int32 = 0
    /// Ends of the list of frames in use.
    @exclusivity(unchecked) private(set) var oldest: Int32 = -1
    @exclusivity(unchecked) private(set) var newest: Int32 = -1
    /// The clock's hand: the next frame it looks at.
    @exclusivity(unchecked) var hand: Int32 = 0

    init(count: Int) {
        frames = PlainArray(capacity: count)
        frames.append(repeating: Frame(), count: count)
        clear()
    }

    var count: Int { frames.count }

    /// Every frame free, the list empty, the hand at the first frame (a crash: memory is lost).
    func clear() {
        for index in frames.indices { frames[index] = Frame(newer: index + 1 < frames.count ? Int32(index + 1) : -1) }
        freeHead = frames.isEmpty ? -1 : 0
        inUse = 0
        oldest = -1
        newest = -1
        hand = 0
    }

    /// A free frame for `entry`, or nil when every frame is in use; the policy then names a victim.
    func takeFree(for entry: Int32) -> Int32? {
        guard freeHead >= 0 else { return nil }
        let frame = freeHead
        freeHead = frames[Int(frame)].newer
        frames[Int(frame)] = Frame(entry: entry)
        inUse += 1
        return frame
    }

    /// Gives `frame` back to the free list; the policy has already removed it from its order.
    func free(_ frame: Int32) {
        frames[Int(frame)] = Frame(newer: freeHead)
        freeHead = frame
        inUse -= 1
    }

    /// Hands a frame in use to another page (its victim's `removed` has been called).
    func reuse(_ frame: Int32, for entry: Int32) {
        frames[Int(frame)] = Frame(entry: entry)
    }

    func isLocked(_ frame: Int32) -> Bool { frames[Int(frame)].flags & Self.locked != 0 }

    func setFlag(_ flag: UInt8, _ on: Bool, of frame: Int32) {
        if on { frames[Int(frame)].flags |= flag } else { frames[Int(frame)].flags &= ~flag }
    }

    // MARK: The list of frames in use, for the policies

    func appendNewest(_ frame: Int32) {
        frames[Int(frame)].older = newest
        frames[Int(frame)].newer = -1
        if newest >= 0 { frames[Int(newest)].newer = frame } else { oldest = frame }
        newest = frame
    }

    /// Moves a frame in the list to its newest end (a reference, for the policies keeping reference order).
    @inline(__always) func moveToNewest(_ frame: Int32) {
        guard frame != newest else { return }
        let (older, newer) = (frames[Int(frame)].older, frames[Int(frame)].newer)
        // Not the newest, so it has a newer neighbour.
        if older >= 0 { frames[Int(older)].newer = newer } else { oldest = newer }
        frames[Int(newer)].older = older
        frames[Int(frame)].older = newest
        frames[Int(frame)].newer = -1
        frames[Int(newest)].newer = frame
        newest = frame
    }

    func unlink(_ frame: Int32) {
        let (older, newer) = (frames[Int(frame)].older, frames[Int(frame)].newer)
        if older >= 0 { frames[Int(older)].newer = newer } else { oldest = newer }
        if newer >= 0 { frames[Int(newer)].older = older } else { newest = older }
        frames[Int(frame)].older = -1
        frames[Int(frame)].newer = -1
    }

    /// The oldest frame in the list that is not locked.
    func oldestUnlocked() -> Int32? {
        var frame = oldest
        while frame >= 0 {
            if !isLocked(frame) { return frame }
            frame = frames[Int(frame)].newer
        }
        return nil
    }

    /// The stamp of the list's oldest frame: what the node's VM offers in a negotiation.
    var oldestStamp: SimTime? { oldest >= 0 ? frames[Int(oldest)].stamp : nil }
}
