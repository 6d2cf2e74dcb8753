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

/// How many blocks of a range read (`read PATH blocks A..B`) each of the four places served.
public struct PlaceCounts: Sendable, Equatable {
    public var clientMemory = 0, clientDisk = 0, serverMemory = 0, serverDisk = 0

    public init() {}

    mutating func add(_ place: ReadPlace) {
        switch place {
        case .clientMemory: clientMemory += 1
        case .clientDisk: clientDisk += 1
        case .serverMemory: serverMemory += 1
        case .serverDisk: serverDisk += 1
        }
    }

    /// The places that served any block, nearest first (client memory, client disk, server memory, server
    /// disk), with their counts.
    public var served: [(place: ReadPlace, blocks: Int)] {
        [(ReadPlace.clientMemory, clientMemory), (.clientDisk, clientDisk), (.serverMemory, serverMemory),
         (.serverDisk, serverDisk)].filter { $0.1 > 0 }.map { (place: $0.0, blocks: $0.1) }
    }
}
