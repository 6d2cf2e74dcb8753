import SpriteKernel

/// Help pages that explain an idea rather than a statement: `help units`,
/// `help time`, `help semantics`. docs/LANGUAGE.md is generated from them.
enum HelpTopics {
    static let all: [HelpEntry] = [units, time, semantics, ListingHelp.listings, DiskHelp.disk,
                                   SchedulingHelp.processes, SchedulingHelp.scheduling, CachePlacesHelp.places,
                                   DSMHelp.topic, MemoryHelp.memory, PicturesHelp.pictures]

    /// Built from the lexer's own table, so it lists exactly what a script may write.
    static var units: HelpEntry {
        func row(_ dimension: Dimension, _ name: String, _ meaning: String) -> String {
            let names = Quantity.unitNames(for: dimension).joined(separator: " ")
            return "  " + TextRenderer.pad(name, 11) + TextRenderer.pad(names, 25) + meaning
        }
        return HelpEntry(
            topic: "units",
            summary: "every unit a number can carry, by dimension",
            usage: [],
            details: """
                A unit is written against its number or after a space (20ms, 20 ms). Decimals are exact and \
                must come to a whole number of base units: 1.5ms is 1500000ns, 0.5ns is an error; only a \
                transfer rate is rounded to the nearest byte per second (1.86MB/s is 1950351B/s). The micro \
                sign is read too: \u{B5}s and \u{3BC}s mean us. Exponents are not: write 1e9s as 1000000000s.
                \(row(.duration, "duration", "nanoseconds: 1h = 60min, 1d = 24h"))
                \(row(.size, "size", "bytes, binary: 1KB = 1024B"))
                \(row(.bandwidth, "bandwidth", "bit/s, decimal: 1Kbps = 1000bps"))
                \(row(.rate, "rate", "bytes per second, binary"))
                \(row(.percent, "percent", "a fraction: 5% is 0.05"))
                  count      (no unit)                a plain number: cpus 2
                Output uses the same units. A printed time can be pasted back into a script: ns, us, ms or s \
                below an hour, then h, then d past 1000h, rounded to at most four decimals (1.0027s, \
                412.7602s, 1.5h). A size is shown in the largest unit it reaches, rounded to at most two \
                decimals (8.05GB), for reading: a rounded size need not be a whole number of bytes, and the \
                JSON output has the exact count. A failed expect prints the value it found exactly.
                """,
            example: "advance 1.5h\ncluster { server fs1 memory 1TB disk 10ms rate 20MB/s }")
    }

    static let time = HelpEntry(
        topic: "time",
        summary: "the simulated clock, how it moves, and how times are written",
        usage: [],
        details: """
            The clock counts whole nanoseconds from 0. Statements start their operations at the current \
            time; the clock moves only when the engine runs: 'run' processes events until nothing is left \
            to do, 'advance T' moves the clock T ahead and runs everything due by then, 'at T { }' and \
            'at +T { }' run a block when the clock reaches that time, and a batch script runs outstanding \
            work at its end. Events due at the same instant happen in the order they were scheduled, and \
            the one random generator is seeded ('seed N', --seed), so a script and a seed print the same \
            bytes every time.
            Times are written in ns, us, ms or s below an hour, then in h, and in d past 1000h, rounded to \
            at most four decimals, with no space before the unit: 886.8us, 5.2784ms, 412.7602s, 1.5h, 0s. The \
            trace's time column keeps the four decimals so that decimal points line up, and it is wide \
            enough for every time the clock can show. A failed expect prints the value it found exactly \
            (5.278412ms), never rounded to look like the value expected.
            'advance', 'at' and 'compute' reach at most 366 days ahead. The clock ends at 2^62 ns, about \
            146 years (\(SimTime.horizon)); a statement that would carry it further is a runtime error.
            """,
        example: "cluster { workstation ws1; server fs1 }\nat 10s { crash fs1 }\nadvance 1min\nexpect now == 60s")

    static let semantics = HelpEntry(
        topic: "semantics",
        summary: "how reads are judged: UNIX, session, immutable and transaction semantics",
        usage: [],
        details: """
            The shell records every open, read, write and close, and judges each read over that history \
            under four sharing models. A read's trace line gives the first two verdicts and why; \
            'show outcomes' gives all four with the lost updates and crash losses, and 'expect \
            stale-reads', 'expect lost-updates', 'expect crash-losses' and 'expect semantics' check them.
              unix         a read returns the last write made anywhere before it
              session      a read returns what was closed before its session opened the file, plus \
            the session's own writes; other sessions' changes appear at their close
              immutable    a file opened from two nodes is shared and must never change again (the \
            processes of one node are one sharer); a read after a write to a shared file is 'violated'
              transaction  sessions are transactions (a node's sessions between 'begin' and 'commit' \
            are one, over any files) and must be serializable: ordered by the \
            writes they read and the writes that replaced those at the server, they must form no \
            cycle; a read in a session on such a cycle is 'not-serializable'
            STALE means the read returned something other than what the model says it must: a cached \
            copy older than the last write (unix), or older than the last close before the open \
            (session). The line names the write it missed and why the cache did not know: an NFS \
            timeout not yet expired, a cache that is never checked, a callback not yet broken (or \
            broken while an open session kept the copy it opened, as callbacks promise), or \
            data still dirty in the writer's cache. A read is judged at the moment it began, in its \
            trace line and in 'show outcomes' alike: a write begun while the read was on its way (by \
            another process, of its node or another) is concurrent with it, not before it: the read \
            need not see it, and a read that does (a newer version than required) is fresh, never stale.
            A lost update is the read-modify-write race, which no consistency protocol prevents \
            (consistency is not synchronization): a session read a version of a file (or appended to \
            one), then wrote it, and the version it committed replaced, at the file's server, an \
            update another session on any node committed, that it never saw (not read, not appended \
            to, and nothing it saw reached the server after it or was written after it closed). What \
            counts is the order versions reach the server (written through, flushed at a close, \
            written back, recalled), not the order of the write steps: a write a cache holds until \
            the close replaces an update written after it, and a version deleted or lost in a crash \
            before it got there replaces nothing. Jack and Jill lose an update this way, whether \
            Jill opened before Jack closed or read a stale copy after. A write that read nothing \
            loses nothing: the sessions one after the other explain it. When the session read \
            before the update it lost was written, it is also 'not-serializable'. \
            A crash loss is a write still dirty in a client's cache when the client crashed.
            """,
        example: "show outcomes\nexpect stale-reads session == 0\nexpect semantics unix holds")
}
