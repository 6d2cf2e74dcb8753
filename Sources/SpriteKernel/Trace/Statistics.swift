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
