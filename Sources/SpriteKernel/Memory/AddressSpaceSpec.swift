/// The three segments of an address space.
public enum SegmentKind: String, Sendable, Equatable, CaseIterable {
    case code, data, stack
}

/// The pages a compute burst touches, one every `touch` of its work.
public enum AccessPattern: Sendable, Equatable {
    /// Pages 0, 1, … of the working set (its first bytes; nil: the whole segment), round and round.
    case sequential(SegmentKind, workingSet: Int64?)
    /// Pages drawn uniformly from the working set (its first bytes; nil: the whole segment).
    case random(SegmentKind, workingSet: Int64?)
    /// Pages 0 … pages−1 of the segment, round and round.
    case loop(SegmentKind, pages: Int64)
    /// The declared pages, in order, round and round.
    case trace(SegmentKind, [Int32])

    public var segment: SegmentKind {
        switch self {
        case .sequential(let kind, _), .random(let kind, _), .loop(let kind, _), .trace(let kind, _): kind
        }
    }
}

/// An address space as declared (`space NAME { … }`); processes of a program
/// with this space each get one, sharing the code segment on their node.
public struct AddressSpaceSpec: Sendable, Equatable {
    public struct Code: Sendable, Equatable {
        /// The program's file: code pages are read from it.
        public var path: String
        public var bytes: Int64
        /// Read whole at the start (V's program loading) instead of page by page as touched.
        public var eager: Bool

        public init(path: String, bytes: Int64, eager: Bool = false) {
            self.path = path
            self.bytes = bytes
            self.eager = eager
        }
    }

    public var name: String
    public var code: Code?
    public var dataBytes: Int64 = 0
    public var stackBytes: Int64 = 0
    public var pattern: AccessPattern = .random(.data, workingSet: nil)
    /// Work between two page references, at speed 1.
    public var touch: SimTime = .us(10)
    /// The fraction of references that write (0…1).
    public var writeShare: Double = 0

    public init(name: String) { self.name = name }
}
