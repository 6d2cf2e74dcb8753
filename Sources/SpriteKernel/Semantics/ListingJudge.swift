/// Judges directory listings as the changes to the directories arrive.
///
/// The models, for a listing L of directory D that began at `start`:
///
/// - **unix**: L shows every change to D that began before L did (a change
///   and a listing that begin at the same instant are concurrent).
/// - **session**: a directory operation is a session of its own that commits
///   when the server performs it, and L is a session opened when it began:
///   L shows every change the server had made to D before L began. A change
///   still on its way to the server is required under unix but not here.
///
/// Either way L may also show a newer state of a name: one a change that had
/// not to be seen made before L returned (a concurrent change). Since the
/// changes to one name alternate (added, removed, added…), a name is wrong
/// only when its latest change had to be seen and L shows the state before
/// it. Names no operation made (a domain's or an export's root, seen as a
/// remote link) are the name space's, not judged.
///
/// A listing costs O(|L| + c + 1) dictionary operations, where c counts the
/// names D gained since L began (concurrent changes): the names present are
/// kept in the order the server added them, so the ones added before L began
/// are counted, not walked, and the latest missing one is found by skipping
/// names L shows. Each change costs O(1).
public struct ListingJudge: Sendable {
    private var directories: [String: DirectoryEntries] = [:]

    public init() {}

    /// A change the server made to `event.directory` (an `.added` or `.removed` event).
    public mutating func apply(_ event: DirectoryEvent) {
        let added: Bool
        switch event.kind {
        case .added: added = true
        case .removed: added = false
        case .listed: return
        }
        directories[event.directory, default: DirectoryEntries()].change(event, added: added)
    }

    /// Judges a listing of `directory` that began at `start` and returned `names`.
    public func judge(directory: String, names: [String], start: SimTime,
                      source: ListingSource) -> ListingVerdict {
        guard let entries = directories[directory] else {
            return ListingVerdict(unix: .fresh, session: .fresh, source: source)
        }
        return entries.judge(names, start: start, source: source)
    }
}

/// One name of a directory, as the operations left it.
private struct NameSlot: Sendable {
    var present = false
    /// Its latest change: id, when its operation began, when the server made it.
    var change = -1
    var start: SimTime = .zero
    var applied: SimTime = .zero
    /// The present names in the order the server added them (-1: none).
    var older: Int32 = -1
    var newer: Int32 = -1
}

/// One directory's names.
private struct DirectoryEntries: Sendable {
    var slotOf: [String: Int32] = [:]
    var slots: [NameSlot] = []
    /// Oldest and newest present names.
    var oldest: Int32 = -1
    var newest: Int32 = -1
    var presentCount = 0

    mutating func change(_ event: DirectoryEvent, added: Bool) {
        let slot: Int32
        if let known = slotOf[event.name] {
            slot = known
        } else {
            slot = Int32(slots.count)
            slotOf[event.name] = slot
            slots.append(NameSlot())
        }
        if slots[Int(slot)].present { unlink(slot) }
        slots[Int(slot)].change = event.id
        slots[Int(slot)].start = event.start
        slots[Int(slot)].applied = event.end
        if added { link(slot) }
    }

    private mutating func link(_ slot: Int32) {
        slots[Int(slot)].present = true
        slots[Int(slot)].older = newest
        slots[Int(slot)].newer = -1
        if newest >= 0 { slots[Int(newest)].newer = slot } else { oldest = slot }
        newest = slot
        presentCount += 1
    }

    private mutating func unlink(_ slot: Int32) {
        let s = slots[Int(slot)]
        if s.older >= 0 { slots[Int(s.older)].newer = s.newer } else { oldest = s.newer }
        if s.newer >= 0 { slots[Int(s.newer)].older = s.older } else { newest = s.older }
        slots[Int(slot)].present = false
        slots[Int(slot)].older = -1
        slots[Int(slot)].newer = -1
        presentCount -= 1
    }

    /// Tallies of one model's wrong names and the latest change among them.
    private struct Tally {
        var count = 0
        var latest = -1
        mutating func add(_ change: Int, count n: Int = 1) {
            count += n
            latest = max(latest, change)
        }
        var judgement: ListingJudgement { count == 0 ? .fresh : .stale(missed: latest, count: count) }
    }

    func judge(_ names: [String], start: SimTime, source: ListingSource) -> ListingVerdict {
        var unix = Tally(), session = Tally()
        var shown: Set<Int32> = []
        var shownPresent = 0
        // Names shown: a removed one is wrong if its removal had to be seen.
        for name in names {
            guard let slot = slotOf[name], shown.insert(slot).inserted else { continue }
            let s = slots[Int(slot)]
            if s.present {
                shownPresent += 1
            } else if s.change >= 0 {
                if s.start < start { unix.add(s.change) }
                if s.applied < start { session.add(s.change) }
            }
        }
        // Names added since the listing began: concurrent for session, and for
        // unix unless their operation began before the listing.
        var slot = newest
        var recent = 0, recentShown = 0
        while slot >= 0, slots[Int(slot)].applied >= start {
            let s = slots[Int(slot)]
            recent += 1
            if shown.contains(slot) {
                recentShown += 1
            } else if s.start < start {
                unix.add(s.change)
            }
            slot = s.older
        }
        // Every older present name had to be seen under both models.
        let missing = (presentCount - recent) - (shownPresent - recentShown)
        if missing > 0 {
            while slot >= 0, shown.contains(slot) { slot = slots[Int(slot)].older }
            let latest = slot >= 0 ? slots[Int(slot)].change : -1
            unix.add(latest, count: missing)
            session.add(latest, count: missing)
        }
        return ListingVerdict(unix: unix.judgement, session: session.judgement, source: source)
    }
}
