/// The blocks of one file that one request reads from disk, gathered in
/// block order while the server's cache is searched. Plain values: building
/// one allocates nothing.
///
/// Layout: every file is one contiguous extent, block b right after block
/// b − 1, and files lie apart. So a run of missing blocks is read in one
/// sweep; a gap of k cached blocks inside the request costs k block times
/// (the platter turns past them) or a fresh positioning, whichever is less.
struct DiskRead {
    let file: Int
    private(set) var first: Int64 = -1
    private(set) var last: Int64 = -1
    private(set) var blocks: Int64 = 0
    /// Transfers and gaps: everything after the first positioning.
    private(set) var time: SimTime = .zero
    /// Blocks found in the cache may still be on their way from the disk
    /// for an earlier request: the reply waits for them too.
    private(set) var notBefore: SimTime = .zero
    let blockSize: Int64
    private let blockTime: SimTime
    private let positioning: SimTime

    init(file: Int, drive: DiskDrive, blockSize: Int64) {
        self.file = file
        self.blockSize = blockSize
        blockTime = drive.transferTime(bytes: blockSize)
        positioning = drive.positioning
    }

    /// Adds `count` missing blocks from `block` on; blocks come in increasing order.
    mutating func add(_ block: Int64, count: Int64 = 1) {
        guard count > 0 else { return }
        if blocks == 0 {
            first = block
        } else if block > last + 1 {
            time += min(blockTime * (block - last - 1), positioning)
        }
        last = block + count - 1
        blocks += count
        time += blockTime * count
    }

    mutating func wait(until time: SimTime) { notBefore = max(notBefore, time) }
}

/// When the arm served one request: it began at `start` (when it asked or when the arm was free, whichever was
/// later) and ended at `end`; its blocks are all in memory at `ready` (later while an earlier request still
/// reads some of them). `booked` is false for a request with no blocks or one past the end of simulated time.
struct DiskService {
    var start: SimTime
    var end: SimTime
    var ready: SimTime
    var sequential = false
    var booked = false
}

/// A drive's one arm: requests are served first come first served, and the
/// head stays where the last one left it.
struct DiskArm {
    /// When the arm finishes the last request booked.
    private(set) var freeAt: SimTime = .zero
    /// The last block the head read: (file, block); file −1 before any.
    private(set) var file = -1
    private(set) var block: Int64 = -1
    /// Time the arm spent positioning and transferring, over every request booked.
    private(set) var busy: SimTime = .zero
    /// Reads not finished yet: the blocks first...last of file are in the
    /// cache's list but not in memory until done. (A read with cached blocks
    /// in a gap covers them too: a reader of those waits a little long.)
    private var inFlight: [(file: Int, first: Int64, last: Int64, done: SimTime)] = []

    /// Books `read` no sooner than `start` and returns when it is done. The
    /// next block of the file the head just read needs no positioning.
    /// Work past the end of simulated time is not booked (as for a CPU).
    mutating func book(_ read: DiskRead, drive: DiskDrive, start: SimTime) -> SimTime {
        serve(read, drive: drive, start: start).ready
    }

    /// `book`, telling when the arm began and ended the request.
    mutating func serve(_ read: DiskRead, drive: DiskDrive, start: SimTime) -> DiskService {
        guard read.blocks > 0 else {
            let ready = max(start, read.notBefore)
            return DiskService(start: start, end: start, ready: ready)
        }
        let sequential = read.file == file && read.first == block + 1
        let begin = max(start, freeAt)
        let duration = (sequential ? .zero : drive.positioning) + read.time
        let done = begin + duration
        guard !done.isPastHorizon else { return DiskService(start: begin, end: done, ready: done) }
        freeAt = done
        busy += duration
        file = read.file
        block = read.last
        inFlight.removeAll { $0.done <= start }
        inFlight.append((read.file, read.first, read.last, done))
        return DiskService(start: begin, end: done, ready: max(done, read.notBefore), sequential: sequential,
                           booked: true)
    }

    /// When blocks `range` of `file`, already listed in the cache, are all
    /// in memory: later than `now` only while a read of them is under way.
    func arrival(of file: Int, _ range: Range<Int64>, now: SimTime) -> SimTime {
        var ready = now
        for read in inFlight where read.file == file && read.done > ready
            && read.first < range.upperBound && read.last >= range.lowerBound {
            ready = read.done
        }
        return ready
    }
}
