/// A scheduled process: an index into the engine's process table. Ids are
/// dense and never reused, so a finished process keeps its metrics (unless
/// `Simulation.endedProcessRecords` is `.summary`: then an ended process's slot may be reused).
public struct ProcessID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var index: Int32

    @inlinable public init(_ index: Int32) { self.index = index }
    @inlinable public init(_ index: Int) { self.index = Int32(truncatingIfNeeded: index) }

    @inlinable public static func < (lhs: ProcessID, rhs: ProcessID) -> Bool { lhs.index < rhs.index }
    public var description: String { "p\(index)" }
}

/// A defined program: an index into the engine's program table.
public struct ProgramID: Hashable, Sendable {
    public var index: Int32

    @inlinable public init(_ index: Int32) { self.index = index }
}
