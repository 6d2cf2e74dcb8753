/// Reliable and slow: a client crash loses nothing, the cache helps reads only.
public struct WriteThrough: WritePolicy {
    public let writesThrough = true
    public let flushesOnClose = false
    public let usesFlushDaemon = false
}
