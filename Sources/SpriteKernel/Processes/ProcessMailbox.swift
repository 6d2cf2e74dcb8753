import DequeModule

/// A process's V IPC state: messages delivered and not yet received, senders
/// blocked awaiting its reply, and the operation it is blocked on (for a
/// declared process, any step in progress, a compute too). Kept only for processes that send or receive, so a process
/// that never does costs nothing.
struct ProcessMailbox {
    var inbox = Deque<MailboxEntry>()
    /// Senders it has received from (with a blocking send) and not yet replied to.
    var awaitingOurReply: [Int32] = []
    /// The operation it is blocked on (a send awaiting its reply, a receive, a move), or -1.
    var current: Int32 = -1
    /// The process that operation waits on, or -1 (a receive waits on anyone).
    var peer: Int32 = -1
    var lastReceived: String?
}

/// A message delivered to a scheduled process that has not received it yet.
struct MailboxEntry {
    var sender: Int32
    var text: String?
    var bytes: Int64
    /// False for a non-blocking send: nobody awaits the reply.
    var expectsReply: Bool
}
