/// Writes stay in the client cache until the daemon finds them old enough;
/// data written and deleted in between never reaches the server, and a crash
/// loses whatever is still dirty.
public struct DelayedWrite: WritePolicy {
    public let writesThrough = false
    public let flushesOnClose = false
    public let usesFlushDaemon = true
}
