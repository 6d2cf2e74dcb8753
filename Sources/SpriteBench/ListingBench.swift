// The `listings` workload: ListingJudge on a synthetic run of directory
// changes and listings (generated first, then replayed and timed).

import SpriteKernel

let listingTable = Table(
    legend: [
        "columns: config = workload parameters; events = changes + listings; names = names the listings show;",
        "wall s = wall-clock seconds of ListingJudge.apply and judge alone; events/s = events / wall s; unix",
        "stale = listings stale under UNIX semantics; peak RSS MB = peak resident set size of the process.",
    ],
    columns: [
        ("workload", 9), ("config", 35), ("events", 10), ("names", 11), ("wall s", 9), ("events/s", 13),
        ("unix stale", 11), ("peak RSS MB", 12),
    ]
)

/// EVENTS events on DIRS directories of up to NAMES names each: 90% add or
/// remove a random name (whichever it is not), 10% list a directory, each
/// name dropped from the listing with probability 1/20 (a stale cache). Each
/// event begins 1 ms after the last and the server makes it 0.5 ms later.
func runListingJudge(events: Int, directories: Int, names: Int) -> [String] {
    var random = SeededGenerator(seed: 7)
    var present = [[Bool]](repeating: [Bool](repeating: false, count: names), count: directories)
    let directoryNames = (0..<directories).map { "/d\($0)" }
    let entryNames = (0..<names).map { "n\($0)" }
    var history: [DirectoryEvent] = []
    history.reserveCapacity(events)
    var shown = 0
    for index in 0..<events {
        let d = Int(random.next() % UInt64(directories))
        let start = SimTime.us(Int64(index) * 1000)
        if random.next() % 10 == 0 {
            var listed: [String] = []
            for n in 0..<names where present[d][n] && random.next() % 20 != 0 { listed.append(entryNames[n]) }
            shown += listed.count
            let verdict = ListingVerdict(unix: .fresh, session: .fresh, source: .server)
            history.append(DirectoryEvent(id: index, kind: .listed(names: listed, verdict: verdict), node: 0,
                                          directory: directoryNames[d], name: "", operation: -1, start: start,
                                          end: start + .us(500)))
        } else {
            let n = Int(random.next() % UInt64(names))
            present[d][n].toggle()
            history.append(DirectoryEvent(id: index, kind: present[d][n] ? .added(directory: false) : .removed,
                                          node: 0, directory: directoryNames[d], name: entryNames[n],
                                          operation: -1, start: start, end: start + .us(500)))
        }
    }
    let begin = monotonicSeconds()
    var judge = ListingJudge()
    var stale = 0
    for event in history {
        if case .listed(let listed, _) = event.kind {
            let v = judge.judge(directory: event.directory, names: listed, start: event.start, source: .server)
            if v.unix != .fresh { stale += 1 }
        } else {
            judge.apply(event)
        }
    }
    let wall = monotonicSeconds() - begin
    return [String(history.count), String(shown), fixed(wall, 3), grouped(Double(history.count) / wall),
            String(stale), fixed(peakRSSMegabytes(), 1)]
}
