/// A client kernel making `count` sequential calls to one server kernel.
struct RpcSeries {
    var client: Int
    var server: Int
    var requestBytes: Int64
    var replyBytes: Int64
    var service: SimTime
    var count: Int
    var completed = 0
    var callStartedAt: SimTime = .zero
    /// The server's incarnation when it began serving the current request.
    var servedByIncarnation: UInt32 = 0
    /// Penalty of one call: the request's and the reply's least transfer times.
    var penalty: SimTime
    /// Arguments and results of the current call still to cross in further
    /// RPCs, when they exceed the cost model's RPC size limit.
    var requestLeft: Int64 = 0
    var replyLeft: Int64 = 0
    /// Packets of the current call so far, over all its RPCs.
    var callPackets: Int64 = 0
    /// A kernel RPC: its operation record is released once it has ended well (`kernelRPC`).
    var releasesRecord = false

    // A call's steps change the series through these, one access each to its
    // slot in the table rather than one per field.

    /// A new call begins at `now`: all its arguments and results are still to cross.
    mutating func beginCall(at now: SimTime) {
        callStartedAt = now
        requestLeft = requestBytes
        replyLeft = replyBytes
        callPackets = 0
    }

    /// Takes the next piece of the arguments (empty once they are all sent) and counts its packets.
    /// Given the two limits it needs, not the cost model: passing the model copied it on every call.
    mutating func takeRequestPiece(maxRPCBytes: Int64, mtuBytes: Int64) -> Int64 {
        let piece = CostModel.rpcPiece(requestLeft, maxRPCBytes: maxRPCBytes)
        requestLeft -= piece
        callPackets += CostModel.packetCount(payloadBytes: piece, mtuBytes: mtuBytes)
        return piece
    }

    /// Counts a reply: its piece of the results once the arguments are all in,
    /// its packets, and the one acknowledgement a fragmented reply gets.
    mutating func countReply(payloadBytes: Int64, packets: Int64) {
        if requestLeft == 0 { replyLeft -= payloadBytes }
        callPackets += packets > 1 ? packets + 1 : packets
    }
}

/// The series in progress, by operation id. Every call of a series looks its
/// series up several times, so this is two array reads, not a hash lookup:
/// a slot number per operation id and a slab of slots reused through a free
/// list. The arrays are unique (a call's steps write its slot, and an Array
/// asked first whether it was shared), so the table is noncopyable; `entries`
/// lists it in increasing operation id, like a dictionary sorted by key.
struct SeriesTable: ~Copyable {
    /// Slot of each operation id's series, or -1; grown only as far as the
    /// highest operation id that ever had a series.
    private var slotOf = UniqueArray<Int32>()
    private var slots = UniqueArray<RpcSeries>()
    private var free = UniqueArray<Int32>()

    subscript(operation: Int32) -> RpcSeries? {
        get {
            guard let slot = slot(of: operation) else { return nil }
            return slots[slot]
        }
        set {
            let op = Int(operation)
            // Most writes store a call's progress back into the series' own slot.
            if let series = newValue, let slot = slot(of: operation) {
                slots[slot] = series
                return
            }
            guard op >= 0 else { return }
            if op >= slotOf.count {
                guard newValue != nil else { return }
                // Ids come in order, so this is nearly always one append.
                while slotOf.count <= op { slotOf.append(-1) }
            }
            let slot = slotOf[op]
            switch (newValue, slot >= 0) {
            case (let series?, true):
                slots[Int(slot)] = series
            case (let series?, false):
                if !free.isEmpty {
                    let reused = free.removeLast()
                    slots[Int(reused)] = series
                    slotOf[op] = reused
                } else {
                    slots.append(series)
                    slotOf[op] = Int32(slots.count - 1)
                }
            case (nil, true):
                free.append(slot)
                slotOf[op] = -1
            case (nil, false):
                break
            }
        }
    }

    /// Gives `operation`, which has no series, a slot holding `series` (a freed one if any): what the
    /// subscript's setter does for a new series, without its cases for the others.
    mutating func insert(_ series: RpcSeries, for operation: Int32) {
        let op = Int(operation)
        // Ids come in order, so this is nearly always one append.
        while slotOf.count <= op { slotOf.append(-1) }
        if free.isEmpty {
            slots.append(series)
            slotOf[op] = Int32(slots.count - 1)
        } else {
            let reused = free.removeLast()
            slots[Int(reused)] = series
            slotOf[op] = reused
        }
    }

    /// Frees the series of `operation`, held in `slot` (from `slot(of:)`).
    mutating func remove(_ operation: Int32, slot: Int) {
        free.append(Int32(slot))
        slotOf[Int(operation)] = -1
    }

    var isEmpty: Bool { free.count == slots.count }

    /// Where `operation`'s series is, or nil if it has none: a call's steps
    /// read and change the series there, in place.
    @inline(__always) func slot(of operation: Int32) -> Int? {
        let op = Int(operation)
        guard op >= 0, op < slotOf.count else { return nil }
        let slot = slotOf[op]
        return slot < 0 ? nil : Int(slot)
    }

    /// The series in `slot` (from `slot(of:)`), in place: copying the whole
    /// series out and back cost about a hundred instructions per step.
    subscript(slot slot: Int) -> RpcSeries {
        _read { yield slots[slot] }
        _modify { yield &slots[slot] }
    }

    /// Every series with its operation id, in increasing id.
    var entries: [(key: Int32, value: RpcSeries)] {
        var out: [(key: Int32, value: RpcSeries)] = []
        for op in 0..<slotOf.count where slotOf[op] >= 0 {
            out.append((key: Int32(op), value: slots[Int(slotOf[op])]))
        }
        return out
    }
}
