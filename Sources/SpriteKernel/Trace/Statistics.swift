/// Running totals for `show stats` and the end-of-run summary.
public struct Statistics: Sendable, Equatable {
    public var messagesSent = 0
    public var messagesDelivered = 0
    public var messagesDropped = 0
    public var retransmissions = 0
    public var packets: Int64 = 0
    public var wireBytes: Int64 = 0
    public var localMessages = 0
    public var rpcCalls = 0
    public var operationsDone = 0
    public var operationsFailed = 0
    public var eventsProcessed: Int64 = 0

    public init() {}
}

extension Int64 {
    /// Adds without trapping: a counter of a long run (bytes on the wire, say)
    /// stops at Int64.max instead of overflowing.
    @inlinable mutating func addSaturating(_ other: Int64) {
        let (sum, overflow) = addingReportingOverflow(other)
        self = overflow ? (other > 0 ? .max : .min) : sum
    }
}
