/// The pages of a shared segment a process's compute bursts touch (`pattern … over dsm SEG`), one every
/// `touch` of work; a touch the node's copy allows costs nothing, any other is a DSM fault.
public struct DSMAccessPattern: Sendable, Equatable {
    public enum Order: Sendable, Equatable {
        /// Pages drawn uniformly from the working set.
        case random
        /// Pages 0, 1, … of the working set, round and round.
        case sequential
        /// Pages 0 … pages−1, round and round.
        case loop(pages: Int32)
        /// The declared pages, in order, round and round.
        case trace([Int32])
    }

    public var segment: String
    public var order: Order
    /// The first bytes random and sequential go over; nil: the whole segment.
    public var workingSet: Int64?
    /// Work between two touches at speed 1; nil: the process's space's, else 10us.
    public var touch: SimTime?
    /// The share of touches that write (0…1); nil: the process's space's, else 0.
    public var writeShare: Double?

    public init(segment: String, order: Order, workingSet: Int64? = nil, touch: SimTime? = nil,
                writeShare: Double? = nil) {
        self.segment = segment
        self.order = order
        self.workingSet = workingSet
        self.touch = touch
        self.writeShare = writeShare
    }
}

/// A pattern as the engine walks it: segment resolved, the cycle in pages.
struct CompiledDSMPattern {
    var segment: Int32
    var random: Bool
    /// The pages the pattern goes round (random: draws among), from page 0; a trace's length.
    var cycle: Int64
    /// The pages in order (trace); empty: the k-th touch of the cycle is page k.
    var trace: [Int32]
    var touch: SimTime?
    var writeShare: Double?
}

/// Where a process is in its pattern over a shared segment and in the compute burst it splits.
struct DSMPatternCursor {
    /// The pattern its bursts follow, or -1 (bursts touch no shared page).
    var pattern: Int32 = -1
    var touch: SimTime = .us(10)
    var writeShare: Double = 0
    /// The next touch's index in the cycle.
    var position: Int64 = 0
    /// Work before the next touch.
    var lead: SimTime = .zero
    /// Work left of the compute step being split; negative: none under way.
    var burstLeft: SimTime = .ns(-1)
    /// The page (in the segment) the next batch ends faulting on, or -1; and whether that touch writes.
    var faultPage: Int32 = -1
    var faultWrite = false
    /// The fault request the process waits on, or -1.
    var request: Int32 = -1
}
