/// Which of the four places to cache served a read: the client's memory (its cache or the blocks it
/// holds), the client's disk cache, the server's memory, or the server's disk.
public enum ReadPlace: String, Sendable, Equatable {
    case clientMemory = "client-memory"
    case clientDisk = "client-disk"
    case serverMemory = "server-memory"
    case serverDisk = "server-disk"

    /// Served by the client, without a call for the data.
    public var fromCache: Bool { self == .clientMemory || self == .clientDisk }

    /// A server's answer: from its disk if it had to read any of the data there.
    static func server(_ answer: CallAnswer) -> ReadPlace { answer.disk == nil ? .serverMemory : .serverDisk }
}

/// Where a read came from, and whether it was served disconnected (the server did not answer).
public struct ReadSource: Sendable, Equatable {
    public var place: ReadPlace
    public var disconnected = false

    public var fromCache: Bool { place.fromCache }
}
