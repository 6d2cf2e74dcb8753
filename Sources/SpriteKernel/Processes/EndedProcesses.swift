/// What the engine keeps of a process once it has ended.
public enum EndedProcessRecords: Sendable, Equatable {
    /// Its whole record, for ever: `show processes`, metrics, percentiles and migration reports read it.
    /// Memory grows with every process ever made.
    case full
    /// A program that ended with nothing left pointing at it is folded into running totals (finished,
    /// killed, turnaround and slowdown sums, bucketed distributions) and its slot, name and per-process
    /// state are reused by the next process made: memory grows with the live processes, not with every
    /// one ever made. Its id may then name a later process; its metrics and migration reports are gone.
    case summary
}

/// Ended processes not yet summarised, free slots, and the totals of those summarised.
struct EndedProcesses {
    var records = EndedProcessRecords.full
    /// Processes that ended since the last summarising pass, oldest first; those a pass found something
    /// still names (a CPU's last process, a migration under way), looked at again at each pass.
    var waiting: [Int32] = []
    var later: [Int32] = []
    /// Slots whose process was summarised: the next processes take them, the last freed first.
    var free: [Int32] = []
    var summary = EndedProcessSummary()
    /// A summarising pass's marks, by slot (all zero between passes): what CPUs remember, what goes now.
    var marks: [UInt8] = []
    static let remembered: UInt8 = 1
    static let ready: UInt8 = 2
}

/// Running totals over the summarised processes: what `balanceOutcome()` adds to the records still kept.
struct EndedProcessSummary {
    /// Processes summarised (their slots freed), programs that finished and programs killed among them.
    var recycled = 0
    var finished = 0
    var killed = 0
    /// Sum of finished programs' turnarounds, in nanoseconds (exact: the mean is the same as from records).
    var turnaroundSum: Int64 = 0
    /// Sum and count of finished programs' slowdowns (turnaround / CPU time), for those that used the CPU.
    var slowdownSum = 0.0
    var slowdowns = 0
    /// Turnarounds (nanoseconds) and slowdowns, bucketed for the percentiles.
    var turnarounds = LogBuckets()
    var slowdownBuckets = LogBuckets()
}

/// A histogram of non-negative values in buckets 1/128 wide relative to the value (a double's exponent and
/// the top 7 bits of its mantissa): its memory grows with the spread of the values, not with their number.
/// A rank read from it is the lower bound of the bucket the exact value is in (at most 0.8% below it).
struct LogBuckets {
    private(set) var counts: [UInt64: Int] = [:]
    private(set) var total = 0

    /// Bits of a double's pattern dropped from the key: 52 mantissa bits less the 7 kept.
    private static let dropped: UInt64 = 45

    mutating func add(_ value: Double) {
        counts[Self.key(value), default: 0] += 1
        total += 1
    }

    mutating func add(_ other: LogBuckets) {
        for (key, count) in other.counts { counts[key, default: 0] += count }
        total += other.total
    }

    /// The values' bucket lower bounds, ascending, each with its count.
    var sorted: [(value: Double, count: Int)] {
        counts.keys.sorted().map { (Double(bitPattern: $0 << Self.dropped), counts[$0] ?? 0) }
    }

    /// The value of rank `rank` (1-based, ascending) as its bucket's lower bound; 0 when empty.
    func value(ofRank rank: Int) -> Double {
        var seen = 0
        for (value, count) in sorted {
            seen += count
            if seen >= rank { return value }
        }
        return 0
    }

    private static func key(_ value: Double) -> UInt64 {
        // Positive doubles order as their bit patterns do; negatives and NaN (none expected) count as zero.
        value > 0 ? value.bitPattern >> dropped : 0
    }
}
