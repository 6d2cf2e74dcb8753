import SpriteKernel

/// The cache state of one file on each client over time, read from the run's trace records: the engine keeps
/// the current state only, so its history is what the trace said as it happened.
///
/// - an open that fetched, validated or re-fetched the file: cached (an open that used its copy unchecked
///   keeps a stale copy stale);
/// - the server disabling caching for the file (concurrent write-sharing): disabled on each client it names,
///   until the server enables caching again;
/// - a read judged stale under UNIX semantics: stale, until an open or a fresh read from the cache;
/// - a callback broken while a session keeps its copy: stale; broken otherwise, or the file deleted, or the
///   client crashed: no copy (no band).
enum TimelineCacheStates {
    static func bands(_ records: [TraceRecord], path: String, from: SimTime, to: SimTime,
                      _ context: RenderContext) -> [TimelineCacheBand] {
        var tracker = Tracker(context: context)
        for record in records where record.time <= to {
            tracker.apply(record, path: path)
        }
        tracker.closeAll(at: to)
        return tracker.spans.keys.sorted().compactMap { client in
            let spans = tracker.spans[client, default: []].compactMap { span -> TimelineCacheSpan? in
                guard span.end > from || (span.end == from && span.start == from) else { return nil }
                var clipped = span
                clipped.start = max(span.start, from)
                return clipped
            }
            return spans.isEmpty ? nil : TimelineCacheBand(client: context.node(client), spans: spans)
        }
    }

    /// Whether the bands are made from records of `event`'s kind (what `Tracker.apply` reads).
    static func reads(_ event: TraceEvent) -> Bool {
        switch event {
        case .fileOpened, .fileRead, .blocksRead, .cachingDisabled, .cachingEnabled, .invalidated, .fileDeleted,
             .nodeCrashed:
            true
        default:
            false
        }
    }

    private struct Tracker {
        let context: RenderContext
        var current: [Int: (state: TimelineCacheState, since: SimTime, why: String)] = [:]
        var spans: [Int: [TimelineCacheSpan]] = [:]

        mutating func apply(_ record: TraceRecord, path: String) {
            let (node, at) = (record.node, record.time)
            switch record.event {
            case .fileOpened(_, let name, _, _, _, let action, let version) where name == path:
                opened(node, action, version: version, at: at)
            case .fileRead(_, let read, _, _, _, _, let place, let unix, _, let reason) where read == path:
                judged(node, unix, fromCache: place.fromCache, reason: reason, at: at)
            case .blocksRead(_, let read, _, _, _, let hits, _, _, let unix, _, let reason) where read == path:
                judged(node, unix, fromCache: hits > 0, reason: reason, at: at)
            case .cachingDisabled(let disabled, let clients) where disabled == path:
                for client in clients { set(client, .disabled, at: at, why: "caching disabled by the server") }
            case .cachingEnabled(let enabled) where enabled == path:
                for (client, state) in current where state.state == .disabled { set(client, nil, at: at, why: "") }
            case .invalidated(let broken, _, let kept) where broken == path:
                set(node, kept ? .stale : nil, at: at, why: "callback broken; an open session keeps its copy")
            case .fileDeleted(_, let deleted, _) where deleted == path:
                for client in current.keys { set(client, nil, at: at, why: "") }
            case .nodeCrashed(let crashed, _):
                set(crashed, nil, at: at, why: "")
            default:
                break
            }
        }

        private mutating func opened(_ node: Int, _ action: CacheAction, version: Int, at: SimTime) {
            switch action {
            case .miss: set(node, .cached, at: at, why: "opened: version \(version) fetched")
            case .validated: set(node, .cached, at: at, why: "opened: copy checked, version \(version) current")
            case .droppedStale(let cached, let server):
                set(node, .cached, at: at, why: "opened: copy of version \(cached) dropped, \(server) fetched")
            case .disconnected(let held): set(node, .cached, at: at, why: "opened disconnected: disk copy \(held)")
            case .usedWithoutCheck:
                if current[node]?.state != .stale { set(node, .cached, at: at, why: "opened: copy used unchecked") }
            case .cachingDisabled: set(node, .disabled, at: at, why: "opened with caching disabled")
            case .cacheOff: set(node, nil, at: at, why: "")
            }
        }

        private mutating func judged(_ node: Int, _ unix: Judgement, fromCache: Bool, reason: StaleReason?,
                                     at: SimTime) {
            if case .stale = unix {
                set(node, .stale, at: at, why: "a read returned old data"
                    + (reason.map { ": " + FileEventWords.words($0, context) } ?? ""))
            } else if fromCache, current[node]?.state != .disabled {
                set(node, .cached, at: at, why: "read from the cache")
            }
        }

        mutating func set(_ client: Int, _ state: TimelineCacheState?, at: SimTime, why: String) {
            if let open = current[client] {
                if open.state == state { return }
                spans[client, default: []].append(TimelineCacheSpan(start: open.since, end: at, state: open.state,
                                                                     why: open.why))
                current[client] = nil
            }
            guard let state else { return }
            current[client] = (state, at, why)
            if spans[client] == nil { spans[client] = [] }
        }

        mutating func closeAll(at end: SimTime) {
            for client in current.keys.sorted() {
                set(client, nil, at: max(end, current[client]?.since ?? end), why: "")
            }
        }
    }
}
