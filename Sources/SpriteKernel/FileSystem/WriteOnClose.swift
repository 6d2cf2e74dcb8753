/// Dirty data goes back when the file is closed: fine for short opens, a
/// long-open file risks its writes in a crash.
public struct WriteOnClose: WritePolicy {
    public let writesThrough = false
    public let flushesOnClose = true
    public let usesFlushDaemon = false
}
