/// `--shard I/N`: the I-th of N slices of a run (1 ≤ I ≤ N). Items in their run's order (`sprite-shell test`:
/// tests sorted by name; `sprite-shell run`: each sweep's cells in the sweep's order) are dealt round robin,
/// item k (from 0) to shard k mod N + 1: the shards stay within one item of each other in size, and the
/// same items land in the same shard on every machine.
public struct Shard: Sendable, Hashable, Codable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// The most shards a run may be split into.
    public static let maxCount = 100_000
    public static let whole = Shard(index: 1, count: 1)

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `2/4`; the error says what is wrong.
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ShardError("--shard takes I/N, as in --shard 2/4 (the second of four slices), not '\(text)'")
        }
        guard (1...Self.maxCount).contains(count), (1...count).contains(index) else {
            throw ShardError("--shard \(text): I must be from 1 to N, and N from 1 to \(Self.maxCount)")
        }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// This shard's items out of the whole run's, which must be in the run's order.
    public func select<T>(_ sorted: [T]) -> [T] {
        sorted.enumerated().filter { holds($0.offset) }.map(\.element)
    }

    /// Whether item `position` (from 0) of the run's order is in this shard.
    public func holds(_ position: Int) -> Bool { position % count == index - 1 }

    /// The shard item `position` (from 0) belongs to, out of `count`.
    public static func of(_ position: Int, count: Int) -> Shard { Shard(index: position % count + 1, count: count) }

    /// A fingerprint of the whole run's test names (FNV-1a, 64 bits, over the sorted names each ended
    /// by a newline): shards that agree on it were cut from the same run.
    public static func digest(of sortedNames: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for name in sortedNames {
            for byte in name.utf8 + [10] {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

public struct ShardError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
