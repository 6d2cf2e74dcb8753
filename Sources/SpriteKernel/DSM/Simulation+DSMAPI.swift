/// What the language asks of DSM: declaring segments, and reading pages, counts and failures back.
extension Simulation {
    /// Declares a shared segment, once per name.
    public func defineDSMSegment(_ spec: DSMSegmentSpec) throws(KernelError) {
        guard sharedMemory.index[spec.name] == nil else { throw .invalidValue("dsm \(spec.name) declared twice") }
        guard !spec.nodes.isEmpty, spec.nodes.count <= DSMSegmentSpec.maximumNodes,
              Set(spec.nodes).count == spec.nodes.count else { throw .invalidValue("dsm \(spec.name) nodes") }
        for node in spec.nodes where node < 0 || node >= nodes.count { throw .unknownNode("#\(node)") }
        guard spec.pages > 0, spec.pageSize > 0 else { throw .invalidValue("dsm \(spec.name) pages") }
        let d = sharedMemory
        var participant = [Int8](repeating: -1, count: nodes.count)
        for (index, node) in spec.nodes.enumerated() { participant[node] = Int8(index) }
        var managerNode = -1
        if case .central(let node) = spec.manager {
            managerNode = node ?? spec.nodes[0]
            guard managerNode >= 0, managerNode < nodes.count else { throw .unknownNode("#\(managerNode)") }
        }
        let segment = DSMSegmentState(spec: spec, firstPage: Int32(d.pages.count), participant: participant,
                                      managerNode: managerNode,
                                      written: Array(repeating: [], count: spec.nodes.count))
        let manager = PageManagers.manager(for: spec.manager)
        let model = DSMConsistencyModels.model(for: spec.consistency)
        d.index[spec.name] = Int32(d.segments.count)
        d.segments.append(segment)
        d.managers.append(manager)
        d.models.append(model)
        d.firstCopy.append(d.copies.count)
        var initialCopies = [Int64](repeating: 0, count: spec.nodes.count)
        for page in 0..<spec.pages {
            // The first owner holds the only copy, writable under sequential consistency.
            let owner = manager.initialOwner(page: page, segment)
            let ownerParticipant = segment.participantIndex(of: owner)
            var state = DSMPage(owner: Int32(owner))
            state.writable = !model.multipleWriters
            if ownerParticipant >= 0 { state.copyset = 1 << UInt64(ownerParticipant) }
            if ownerParticipant >= 0 { initialCopies[ownerParticipant] += 1 }
            d.pages.append(state)
            for index in 0..<spec.nodes.count {
                var copy = DSMCopy()
                if index == ownerParticipant { copy.access = model.multipleWriters ? DSMCopy.read : DSMCopy.write }
                d.copies.append(copy)
            }
        }
        // Each first owner holds its pages: pinned in its memory as copies fetched later are.
        for (participant, count) in initialCopies.enumerated() where count > 0 {
            let node = spec.nodes[participant]
            d.ensureNode(node)
            d.heldBytes[node] += count * spec.pageSize
            dsmSettlePins(node)
        }
    }

    func dsmSegmentForSteps(_ name: String) -> (index: Int32, pageSize: Int64, pages: Int32)? {
        guard let index = sharedMemory.index[name] else { return nil }
        let spec = sharedMemory.segments[Int(index)].spec
        return (index, spec.pageSize, spec.pages)
    }

    /// The segments declared, in order.
    public var dsmSegments: [DSMSegmentSpec] { sharedMemory.segments.map(\.spec) }

    public var dsmStatistics: DSMStatistics { sharedMemory.statistics }

    /// Bytes of the DSM tables: each page's record and its copies' (the benchmark's linearity check).
    public var dsmStateBytes: Int {
        sharedMemory.pages.count * MemoryLayout<DSMPage>.stride
            + sharedMemory.copies.count * MemoryLayout<DSMCopy>.stride
    }

    /// A segment's counts, with one row per page (or only `page`), or nil when undeclared.
    public func dsmView(of name: String, page only: Int32? = nil) -> DSMSegmentView? {
        let d = sharedMemory
        guard let s = d.index[name].map(Int.init) else { return nil }
        let segment = d.segments[s]
        var view = DSMSegmentView(spec: segment.spec, managerNode: segment.managerNode, messages: segment.messages,
                                  bytes: segment.bytes)
        let range = only.map { $0..<($0 + 1) } ?? 0..<segment.spec.pages
        for page in range where page >= 0 && page < segment.spec.pages {
            let p = d.pages[Int(segment.firstPage + page)]
            var holders: [Int] = []
            for (index, node) in segment.spec.nodes.enumerated() where p.copyset & (1 << UInt64(index)) != 0 {
                holders.append(node)
            }
            view.pages.append(DSMPageView(page: page, owner: Int(p.owner), holders: holders,
                                          lostIn: p.lostIn >= 0 ? Int(p.lostIn) : nil, faults: Int(p.faults),
                                          readFaults: Int(p.readFaults), writeFaults: Int(p.writeFaults),
                                          transfers: Int(p.transfers), invalidations: Int(p.invalidations),
                                          pingPongs: Int(p.pingPongs), diffs: Int(p.diffs),
                                          messages: Int(p.messages), bytes: p.bytes))
        }
        return view
    }
}

/// A segment as `show dsm` and `expect dsm` read it.
public struct DSMSegmentView: Sendable, Equatable {
    public var spec: DSMSegmentSpec
    /// The central manager's node, or -1.
    public var managerNode: Int
    /// Every message of the segment (its pages', its locks' and barriers'), and their bytes.
    public var messages: Int64
    public var bytes: Int64
    public var pages: [DSMPageView] = []
}

/// One page's owner, holders and counts.
public struct DSMPageView: Sendable, Equatable {
    public var page: Int32
    public var owner: Int
    public var holders: [Int]
    public var lostIn: Int?
    public var faults, readFaults, writeFaults, transfers, invalidations, pingPongs, diffs, messages: Int
    public var bytes: Int64
}
