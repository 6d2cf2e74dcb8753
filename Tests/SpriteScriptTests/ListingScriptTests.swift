import Testing
import SpriteKernel
@testable import SpriteScript

/// Directory listings judged like reads. Expected verdicts are derived from
/// the models (help listings) and the NFS directory timeout: a tenth of the
/// time since the directory's entries last changed, kept within [30s, 60s].
@Suite("Directory listings")
struct ListingScriptTests {
    private func cluster(_ consistency: String) -> String {
        "cluster { server fs1; workstation a, b }\ndomain / on fs1\nconsistency \(consistency)\n"
    }

    private func lines(_ sink: BufferSink, _ text: String) -> [String] {
        sink.output.filter { $0.contains(text) }
    }

    /// b caches /d at 10s (the directory changed at 0s: timeout 30s). At 25s
    /// its copy is 15s old and trusted: it misses a's create at 20s under both
    /// models. At 41s the copy is 31s old: fetched again, fresh.
    @Test func nfsMissesACreateWithinTheDirectoryTimeoutThenSeesIt() {
        let (status, sink, _) = ScriptHarness.run(cluster("nfs") + """
            on a { mkdir /d; create /d/old size 1KB }
            at 10s { on b { ls /d } }
            at 20s { on a { create /d/new size 1KB } }
            at 25s { on b { ls /d } }
            at 41s { on b { ls /d } }
            run
            expect stale-listings == 1
            expect stale-listings session == 1
            """)
        #expect(status == .ok, "\(sink.output)")
        #expect(lines(sink, #"ls /d: old (from cache): STALE under unix and session: missed "create /d/new by a at "#
                      + #"20s"; why: the cached listing was"#).count == 1, "\(sink.output)")
        #expect(lines(sink, "ls /d: new old (from server): fresh").count == 1, "\(sink.output)")
    }

    /// b fetches at 41s (directory changed at 20s: timeout 30s); a deletes old
    /// at 50s; at 60s b's copy is 19s old and still lists old; at 75s it is
    /// 34s old and fetched again.
    @Test func aDeletedFileStaysListedUntilTheTimeout() {
        let (status, sink, _) = ScriptHarness.run(cluster("nfs") + """
            on a { mkdir /d; create /d/old size 1KB }
            at 20s { on a { create /d/new size 1KB } }
            at 41s { on b { ls /d } }
            at 50s { on a { delete /d/old } }
            at 60s { on b { ls /d } }
            at 60.5s { expect ls b /d == "old new" }
            at 75s { on b { ls /d } }
            run
            expect ls b /d == "new"
            """)
        #expect(status == .ok, "\(sink.output)")
        #expect(lines(sink, #"ls /d: new old (from cache): STALE under unix and session: missed "delete /d/old by a "#
                      + #"at 50s""#).count == 1, "\(sink.output)")
        #expect(lines(sink, "ls /d: new (from server): fresh").count == 1, "\(sink.output)")
    }

    /// The client that made a change knows of it: its cached listing of the
    /// directory goes, so its next ls asks the server.
    @Test func theClientThatMadeAChangeSeesItAtOnce() {
        let (status, sink, _) = ScriptHarness.run(cluster("nfs") + """
            on a { mkdir /d }
            at 1s { on a { ls /d } }
            at 2s { on a { create /d/x size 1KB } }
            at 3s { on a { ls /d } }
            at 4s { on a { delete /d/x } }
            at 5s { on a { ls /d } }
            run
            expect stale-listings == 0
            """)
        #expect(status == .ok, "\(sink.output)")
        #expect(lines(sink, "ls /d: x (from server): fresh").count == 1, "\(sink.output)")
        #expect(lines(sink, "ls /d: (empty) (from server): fresh").count == 2, "\(sink.output)")
    }

    /// Sprite keeps no directories on clients: every listing is the server's, fresh.
    @Test func spriteListingsComeFromTheServer() {
        let (status, sink, _) = ScriptHarness.run(cluster("sprite") + """
            on a { mkdir /d; create /d/old size 1KB }
            at 10s { on b { ls /d } }
            at 20s { on a { create /d/new size 1KB; delete /d/old } }
            at 21s { on b { ls /d } }
            run
            expect stale-listings == 0
            expect semantics unix holds
            """)
        #expect(status == .ok, "\(sink.output)")
        #expect(lines(sink, "ls /d: new (from server): fresh").count == 1, "\(sink.output)")
        #expect(lines(sink, "from cache").isEmpty, "\(sink.output)")
    }

    /// Callbacks (AFS): a cached listing is used until the server breaks the
    /// directory's callback, which it does when the directory changes. A
    /// break lost in a partition leaves the client trusting its old listing.
    @Test func callbacksKeepAListingUntilTheServerBreaksIt() {
        let (status, sink, _) = ScriptHarness.run(cluster("callbacks") + """
            on a { mkdir /d }
            at 1s { on b { ls /d } }
            at 2s { on a { create /d/x size 1KB } }
            at 3s { on b { ls /d } }
            at 4s { on b { ls /d } }
            at 5s { partition b | fs1, a }
            at 6s { on a { create /d/y size 1KB } }
            at 20s { heal }
            at 30s { on b { ls /d } }
            run
            expect stale-listings == 1
            expect stats.invalidations == 2
            """)
        #expect(status == .ok, "\(sink.output)")
        #expect(lines(sink, "callback from fs1: cached /d is stale, dropped").count == 1, "\(sink.output)")
        #expect(lines(sink, "ls /d: x (from server): fresh").count == 1, "\(sink.output)")
        #expect(lines(sink, "ls /d: x (from cache): fresh").count == 1, "\(sink.output)")
        #expect(lines(sink, #"ls /d: x (from cache): STALE under unix and session: missed "create /d/y by a at "#
                      + #"6s"; why: the cached listing (26.9998s old) is trusted until the server breaks its "#
                      + "callback, and no break had reached this client").count == 1, "\(sink.output)")
    }

    /// A client without a cache holds no listing, so no callback is kept for
    /// it and none is sent: a's change costs no callback call.
    @Test func aClientWithoutACacheGetsNoDirectoryCallback() {
        let (status, sink, _) = ScriptHarness.run(cluster("callbacks") + """
            cache b off
            on a { mkdir /d }
            at 1s { on b { ls /d } }
            at 2s { on a { create /d/x size 1KB } }
            at 3s { on b { ls /d } }
            run
            expect stats.invalidations == 0
            expect stats.rpc.callback == 0
            expect stale-listings == 0
            """)
        #expect(status == .ok, "\(sink.output)")
    }

    /// A cache turned off keeps no listing, so one made before or while it was
    /// off is not used once it is on again (consistency none would use it for ever).
    @Test func aCacheTurnedOffAndOnAgainHoldsNoOldListing() {
        let (status, sink, _) = ScriptHarness.run(cluster("none") + """
            on a { mkdir /d; mkdir /e }
            at 1s { on b { ls /d; ls /e } }
            at 2s { cache b off }
            at 3s { on a { create /d/x size 1KB; create /e/z size 1KB } }
            at 4s { on b { ls /d } }
            at 5s { on a { create /d/y size 1KB } }
            at 6s { cache b on }
            at 7s { on b { ls /d; ls /e } }
            run
            expect stale-listings == 0
            """)
        #expect(status == .ok, "\(sink.output)")
        #expect(lines(sink, "ls /d: x y (from server): fresh").count == 1, "\(sink.output)")
        #expect(lines(sink, "ls /e: z (from server): fresh").count == 1, "\(sink.output)")
    }

    /// Without a consistency protocol a cached listing is never checked.
    @Test func withoutConsistencyACachedListingIsNeverChecked() {
        let (status, sink, _) = ScriptHarness.run(cluster("none") + """
            on a { mkdir /d }
            at 1s { on b { ls /d } }
            at 2s { on a { create /d/x size 1KB } }
            at 500s { on b { ls /d } }
            run
            expect stale-listings == 1
            """)
        #expect(status == .ok, "\(sink.output)")
        #expect(lines(sink, #"ls /d: (empty) (from cache): STALE under unix and session: missed "create /d/x by a "#
                      + #"at 2s"; why: the cached listing is never checked (consistency none)"#).count == 1,
                "\(sink.output)")
    }

    /// The timeout counts from the directory's own last change, not from a
    /// write to a file in it. /d changed at 0s; b fetches at 400s (timeout
    /// 40s); at 435s the timeout is 43.5s and the 35s-old copy is used. Were
    /// the write at 399s counted, it would be 30s and the copy fetched again.
    @Test func theDirectoryTimeoutCountsFromTheDirectorysOwnChanges() {
        let (status, sink, _) = ScriptHarness.run(cluster("nfs") + """
            on a { mkdir /d; create /d/f size 1KB }
            at 399s { on a { open /d/f rw; write "x"; close } }
            at 400s { on b { ls /d } }
            at 435s { on b { ls /d } }
            run
            """)
        #expect(status == .ok, "\(sink.output)")
        #expect(lines(sink, "ls /d: f (from server): fresh").count == 1, "\(sink.output)")
        #expect(lines(sink, "ls /d: f (from cache): fresh").count == 1, "\(sink.output)")
    }

    /// An open for writing that makes a file, and a directory made above a
    /// new file, change the directory too. b misses both: two names, the
    /// later change (the mkdir, made by a's create at 3s) named.
    @Test func openForWritingAndParentDirectoriesAreChanges() throws {
        let result = ScriptHarness.run(cluster("nfs") + """
            on a { mkdir /d }
            at 1s { on b { ls /d } }
            at 2s { on a { open /d/f w; close } }
            at 3s { on a { create /d/e/g size 1KB } }
            at 4s { on b { ls /d } }
            at 5s { on a { ls /d } }
            run
            """, options: ScriptHarness.options(format: .json))
        #expect(result.status == .ok, "\(result.sink.errors)")
        let listings = ScriptHarness.events(try ScriptHarness.jsonObjects(result.sink.output), "file.ls")
        #expect(listings.count == 3)
        let stale = try #require(listings.dropFirst().first)
        #expect(stale["names"] as? [String] == [])
        #expect(stale["source"] as? String == "cache")
        #expect(stale["unix_verdict"] as? String == "stale" && stale["session_verdict"] as? String == "stale")
        #expect(stale["wrong_names"] as? Int == 2)
        let missed = try #require(stale["missed"] as? [String: Any])
        #expect(missed["change"] as? String == "mkdir /d/e (made by create /d/e/g)")
        #expect(missed["path"] as? String == "/d/e" && missed["node"] as? String == "a")
        #expect(missed["t"] as? Int == 3_000_000_000)
        #expect((stale["why"] as? String)?.contains("directory timeout") == true)
        let own = try #require(listings.last)
        #expect(own["names"] as? [String] == ["e", "f"] && own["unix_verdict"] as? String == "fresh")
        #expect(own["missed"] == nil)
    }

    @Test func aFileMadeByAnOpenIsNamedSo() {
        let (_, sink, _) = ScriptHarness.run(cluster("nfs") + """
            on a { mkdir /d; mkdir /e }
            at 1s { on b { ls /d; ls /e } }
            at 2s { on a { open /d/f w; close; open /e/g/h w; close } }
            at 4s { on b { ls /d; ls /e } }
            run
            """)
        #expect(lines(sink, #"missed "create /d/f (by an open for writing) by a at 2s""#).count == 1,
                "\(sink.output)")
        #expect(lines(sink, #"missed "mkdir /e/g (made by open /e/g/h) by a at 2."#).count == 1,
                "\(sink.output)")
    }

    /// Listings are not reads; semantics holds only when they are fresh too.
    @Test func staleListingsAreCountedApartFromReads() {
        let (status, sink, _) = ScriptHarness.run(cluster("nfs") + """
            on a { mkdir /d }
            at 1s { on b { ls /d } }
            at 2s { on a { create /d/x size 1KB } }
            at 3s { on b { ls /d } }
            run
            expect stale-reads == 0
            expect stale-listings unix == 1
            expect semantics unix violated
            expect semantics session violated
            expect semantics immutable holds
            show outcomes
            """)
        #expect(status == .ok, "\(sink.output)")
        #expect(lines(sink, "listings (2 listings)").count == 1, "\(sink.output)")
        #expect(lines(sink, "listings not fresh by model: unix 1, session 1").count == 1, "\(sink.output)")
    }

    @Test func expectLsComparesNamesInAnyOrderAndSaysWhatItFound() {
        let (status, sink, _) = ScriptHarness.run(cluster("nfs") + """
            on a { create /d/b size 1B; create /d/a size 1B }
            run
            expect ls b /d == "b  a"
            expect ls b /d != "a"
            expect ls b /d == "a,b"
            expect ls b /d == "a"
            expect ls b /nothere == ""
            """)
        #expect(status == .expectationFailed, "\(sink.output)")
        #expect(lines(sink, #"ok      ls b /d == "b  a""#).count == 1, "\(sink.output)")
        #expect(lines(sink, #"ok      ls b /d == "a,b""#).count == 1, "\(sink.output)")
        #expect(lines(sink, #"FAILED  ls b /d == "a", found "a b""#).count == 1, "\(sink.output)")
        #expect(lines(sink, "found no directory /nothere on b").count == 1, "\(sink.output)")
    }

    @Test(arguments: [
        ("expect ls a /d == 3", 19, "expected the names in double quotes, found '3'"),
        ("expect ls a /d == x", 19, "expected the names in double quotes, found 'x'"),
        ("expect ls a == \"x\"", 13, "expected a directory path like /users"),
        ("expect ls zz /d == \"x\"", 11, "unknown node 'zz'"),
        ("expect stale-listings immutable == 0", 23, "listings are judged under unix and session semantics only"),
        ("expect ls a /d < \"x\"", 16, "text compares with == or != only"),
    ])
    func badFormsPointAtTheMistake(_ line: String, _ column: Int, _ message: String) throws {
        let diagnostics = ScriptHarness.diagnostics("cluster { server fs1; workstation a }\n" + line)
        let first = try #require(diagnostics.first, "no diagnostic for \(line)")
        #expect(first.message.contains(message), "\(first.message)")
        #expect(first.span?.line == 2 && first.span?.column == column, "\(String(describing: first.span))")
        #expect(first.help != nil)
    }
}
