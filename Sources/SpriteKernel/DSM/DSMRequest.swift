/// What a DSM request is for.
enum DSMRequestKind: UInt8 {
    case readFault, writeFault, acquire, release, barrier
}

/// One request in progress: a fault, a lock or barrier step. Kept in a slab, reused.
struct DSMRequest {
    var kind: DSMRequestKind
    var segment: Int32
    /// The page (global index), the lock or the barrier.
    var target: Int32
    var requester: Int32
    var process: Int32
    /// Replies still awaited (invalidation acknowledgements, diffs).
    var waiting: Int32 = 0
    /// The next request queued on the same page, lock or barrier, or -1.
    var next: Int32 = -1
    /// Where it waits in a queue (a node), for the forward when it leaves the queue.
    var queuedAt: Int32 = -1
    /// Copy holders to invalidate once the page arrives.
    var invalidate: UInt64 = 0
    /// It holds its page's turn (the page is busy for it): its end lets the next request go on.
    var holdsTurn = false
    /// A release's or arrival's own write notices (its message's size).
    var notices: Int32 = 0
    /// The vector time a release, arrival, grant or barrier release carries (a snapshot in the interval
    /// log), or -1.
    var snapshot: Int32 = -1
    /// The node that sent the page or grant, or -1.
    var servedBy: Int32 = -1
    /// Where in the page a faulting access starts and the bytes it writes (its diff's run).
    var offset: Int32 = 0
    var size: Int32 = 0
    var started: SimTime = .zero
    var messages: Int32 = 0
}

/// What a DSM message means; the network carries its kind, this says what to do at the far end.
enum DSMMeaning: UInt8 {
    case request, forward, page, grant, invalidate, invalidateAck, confirm
    case diffRequest, diffReply, diffPush, diffAck
    case lockRequest, lockGrant, lockRelease, barrierArrive, barrierRelease
}

/// One DSM message's meaning (the network's `Message.operation` is its slot).
struct DSMMessage {
    var meaning: DSMMeaning
    var request: Int32
    var from: Int32
    var to: Int32
    /// A participant named by the message (the writer of a diff), or -1.
    var participant: Int32 = -1
    /// The page (global index) it is about, or -1 (lock and barrier messages).
    var page: Int32 = -1
}

/// Slabs of requests and message meanings: steady traffic allocates nothing.
final class DSMRequestTable {
    let requests = Slab<DSMRequest>()
    let messages = Slab<DSMMessage>()

    var liveRequests: Int { requests.live }

    func insert(_ request: DSMRequest) -> Int32 { requests.insert(request) }

    func remove(_ slot: Int32) { requests.remove(slot) }

    func insert(message: DSMMessage) -> Int32 { messages.insert(message) }

    func remove(message slot: Int32) { messages.remove(slot) }
}
