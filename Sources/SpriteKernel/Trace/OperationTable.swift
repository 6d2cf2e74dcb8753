/// Every operation's record, by id.
///
/// Ids are dense and never reused: a statement's label, the trace and `show operations` name an operation
/// by its id at any time. The records themselves sit in a slab, one slot per id held: the script's
/// operations keep theirs for the whole run, while an RPC the kernel makes for itself (a balancing probe,
/// a migration phase's call, a call forwarded home, a lazy page fetch) is no statement's, and its record is
/// released once the RPC has ended and its up-call has read it, so the next RPC reuses the slot. In a long
/// balanced run they are most operations, and the records then grow with the RPCs in flight, not with every
/// RPC ever made: what stays per id is the 4-byte slot number.
///
/// A stale reference (a server timeout or a retransmission for an RPC that has ended) names an id whose slot
/// is gone: the id is the generation check, and such a reference finds nothing (`contains` is false; a read
/// sees a released placeholder, a write is dropped). A kernel RPC that failed keeps its record, since the
/// trace words its failure from the record after the run.
struct OperationTable: ~Copyable {
    /// Slot of each id's record, or -1 once released.
    private var slotOf = UniqueArray<Int32>()
    private var slots = UniqueArray<OperationRecord>()
    private var free = UniqueArray<Int32>()
    /// What a read of a released id sees, and where a write to one goes (reset at each such access).
    private let placeholder: UnsafeMutablePointer<OperationRecord>

    init() {
        placeholder = .allocate(capacity: 1)
        placeholder.initialize(to: Self.releasedRecord)
    }

    deinit {
        placeholder.deinitialize(count: 1)
        placeholder.deallocate()
    }

    private static let releasedRecord = OperationRecord(id: -1, kind: .rpc, node: 0, issuedAt: .zero, status: .done)

    /// Ids issued so far, released ones included.
    var count: Int { slotOf.count }
    /// Records held: the operations whose records are kept, and kernel RPCs in flight.
    var heldCount: Int { slots.count - free.count }

    /// Whether `id` names an operation whose record is held.
    @inline(__always) func contains(_ id: Int32) -> Bool {
        UInt(bitPattern: Int(id)) < UInt(bitPattern: slotOf.count) && slotOf.uncheckedAddress(Int(id)).pointee >= 0
    }

    /// Read and written in place through addressors: a `_modify` with two arms was not inlined, and its
    /// coroutine frame cost a malloc and a free on every access.
    subscript(index: Int) -> OperationRecord {
        @inline(__always) unsafeAddress { UnsafePointer(address(of: index)) }
        @inline(__always) unsafeMutableAddress { address(of: index) }
    }

    /// The index is checked once, here; a slot number held in `slotOf` always names a slot of `slots`
    /// (slots are never removed), so neither read checks it again.
    @inline(__always) private func address(of index: Int) -> UnsafeMutablePointer<OperationRecord> {
        let held = UInt(bitPattern: index) < UInt(bitPattern: slotOf.count)
        let slot = held ? slotOf.uncheckedAddress(index).pointee : -1
        if slot >= 0 { return slots.uncheckedAddress(Int(slot)) }
        return releasedPlaceholder()
    }

    /// A stale id's access (rare): a fresh placeholder, so no earlier stale write shows through.
    @inline(never) private func releasedPlaceholder() -> UnsafeMutablePointer<OperationRecord> {
        placeholder.pointee = Self.releasedRecord
        return placeholder
    }

    /// Gives `record` the next id (which it must already carry) and a slot, a released one if any.
    mutating func append(_ record: consuming OperationRecord) {
        if free.isEmpty {
            slotOf.append(Int32(slots.count))
            slots.append(record)
        } else {
            let slot = free.removeLast()
            slotOf.append(slot)
            let reused = slots.address(Int(slot))
            // A released kernel RPC's record holds no string and no failure, so nothing of it needs
            // destroying: the new record is written over it, without the assignment's call that destroys
            // each field (about 170 instructions a reuse). Any other record is assigned as usual.
            if reused.pointee.holdsNoReferences {
                reused.initialize(to: record)
            } else {
                reused.pointee = record
            }
        }
    }

    /// The slot holding `id`'s record, or nil once released: which slot an id reuses.
    func slot(of id: Int32) -> Int? { contains(id) ? Int(slotOf[Int(id)]) : nil }

    /// Lets the slot of `id` serve a later operation; the id then names nothing.
    mutating func release(_ id: Int32) {
        guard contains(id) else { return }
        free.append(slotOf[Int(id)])
        slotOf[Int(id)] = -1
    }
}

extension OperationRecord {
    /// Whether no field refers to storage (a string, or a failure that may name a path): overwriting the
    /// record then leaks nothing.
    @inline(__always) var holdsNoReferences: Bool {
        guard case .none = scheduledProcess, case .none = scheduledPeer, case .none = text, case .none = path
        else { return false }
        if case .failed = status { return false }
        return true
    }
}
