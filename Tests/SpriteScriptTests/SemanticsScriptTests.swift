import Testing
@testable import SpriteScript

/// Scenarios written from the sharing-semantics theory, run under every
/// consistency protocol, write policy and cache setting: the expected
/// verdicts are derived by hand and must not depend on the configuration.
struct SemanticsScriptTests {
    static let protocols = ["sprite", "nfs", "callbacks", "none"]
    static let policies = ["write-through", "write-on-close", "delayed-write"]

    /// Every combination of protocol, write policy and client caches on or off.
    static let configurations: [String] = protocols.flatMap { consistency in
        policies.flatMap { policy in
            ["on", "off"].map { cache in
                "consistency \(consistency)\ncache ws1, ws2 \(cache)\ncache client policy \(policy)\n"
            }
        }
    }

    static let cluster = """
        cluster {
          network ethernet preset sprite-1988 topology bus
          server fs1 memory 32MB disk 20ms
          workstation ws1, ws2 memory 8MB diskless
        }
        domain / on fs1

        """

    /// Runs `body` under `configuration`; every `expect` in it must pass.
    static func expectAllPass(_ configuration: String, _ body: String,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (_, sink, _) = FSScript.run(cluster + configuration + body, format: .json)
        let results = FSScript.expectations(try FSScript.objects(sink))
        #expect(!results.isEmpty, sourceLocation: sourceLocation)
        for (condition, result) in results.sorted(by: { $0.key < $1.key }) where !result.ok {
            Issue.record("\(configuration)\(condition): actual \(result.actual)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Created files

    /// `create` gives the file its contents: a write like any other, so the
    /// creator's and another client's reads of it are fresh under every model.
    @Test(arguments: configurations)
    func createdContentsAreAWrite(configuration: String) throws {
        try Self.expectAllPass(configuration, """
            on ws1 { create /f size 4KB }
            at 1s { on ws1 { open /f r; read; close } }
            at 2s { on ws2 { open /f r; read; close } }
            run
            expect stale-reads unix == 0
            expect stale-reads session == 0
            expect stale-reads immutable == 0
            expect stale-reads transaction == 0
            expect lost-updates == 0
            """)
    }

    // MARK: The read–modify–write race

    /// B opens and reads v0 (fresh), A writes v1 and closes, B writes v2 and
    /// closes without having read v1: A's update is lost whatever the caches
    /// do (consistency is not synchronization), and B's session, which read
    /// v0 and then wrote after A, is not serializable.
    @Test(arguments: configurations)
    func readModifyWriteRaceLosesAnUpdate(configuration: String) throws {
        try Self.expectAllPass(configuration, """
            on ws1 { create /f size 1KB }
            at 1s { on ws2 { open /f rw; read } }
            at 2s { on ws1 { open /f rw; write "v1"; close } }
            at 3s { on ws2 { write "v2"; close } }
            run
            expect stale-reads unix == 0
            expect stale-reads session == 0
            expect stale-reads transaction == 1
            expect lost-updates == 1
            """)
    }

    /// The same sessions one after the other: B reads A's v1 before writing.
    /// Without any consistency protocol, a delayed write still in A's cache
    /// is not at the server: B reads v0 (stale) and its close loses v1.
    @Test(arguments: configurations)
    func serialReadModifyWriteLosesNothing(configuration: String) throws {
        let unflushed = configuration.contains("consistency none") && configuration.contains("delayed-write")
            && configuration.contains(" on\n")
        try Self.expectAllPass(configuration, """
            on ws1 { create /f size 1KB }
            at 2s { on ws1 { open /f rw; write "v1"; close } }
            at 3s { on ws2 { open /f rw; read; write "v2"; close } }
            run
            expect stale-reads unix == \(unflushed ? 1 : 0)
            expect stale-reads transaction == \(unflushed ? 1 : 0)
            expect lost-updates == \(unflushed ? 1 : 0)
            """)
    }

    // MARK: The order versions reach the server

    /// Whether the configuration keeps B's write in its cache until its close
    /// or later: client caches on, a policy that delays writes, and no
    /// Sprite, which recalls B's dirty data when A opens (concurrent write
    /// sharing) and then writes both through.
    static func holdsWriteInCache(_ configuration: String) -> Bool {
        configuration.contains(" on\n") && !configuration.contains("write-through")
            && !configuration.contains("consistency sprite")
    }

    /// B reads v0 and writes v2 first; A then writes v1 blind, closes and
    /// syncs (v1 is at the server); B closes. Where B's v2 waited in its
    /// cache, B's close (or write-back) stores it over v1: A's update is
    /// lost although B's write step came first, and B, which read v0 before
    /// v1 replaced it, is not serializable. Where v2 reached the server
    /// first (written through, or recalled by Sprite at A's open), v1
    /// replaced it: B's update is the one overwritten, by a blind write,
    /// which loses nothing (B then A is a serial order).
    @Test(arguments: configurations)
    func theOrderAtTheServerDecidesWhoseUpdateIsLost(configuration: String) throws {
        let lost = Self.holdsWriteInCache(configuration) ? 1 : 0
        try Self.expectAllPass(configuration, """
            on ws1 { create /f size 1KB }
            at 1s { on ws2 { open /f rw; read; write "v2" } }
            at 2s { on ws1 { open /f rw; write "v1"; close; sync } }
            at 3s { on ws2 { close } }
            run
            expect stale-reads unix == 0
            expect stale-reads session == 0
            expect stale-reads transaction == \(lost)
            expect lost-updates == \(lost)
            expect crash-losses == 0
            """)
    }

    /// Whether A's and B's writes stay dirty in their caches past their
    /// closes: only with no consistency protocol (NFS and callbacks flush at
    /// close; Sprite writes through once both have the file open for writing).
    static func keepsDirtyPastClose(_ configuration: String) -> Bool {
        configuration.contains(" on\n") && configuration.contains("delayed-write")
            && configuration.contains("consistency none")
    }

    /// The race (B reads v0, A writes v1 and closes, B writes v2 and
    /// closes), then B deletes the file within 30 s. Where both versions were
    /// still dirty, neither reached the server: nothing replaced A's update
    /// there, the delete discarded both. Elsewhere B's v2 replaced v1.
    @Test(arguments: configurations)
    func aVersionDeletedBeforeItReachesTheServerReplacesNothing(configuration: String) throws {
        let lost = Self.keepsDirtyPastClose(configuration) ? 0 : 1
        try Self.expectAllPass(configuration, """
            on ws1 { create /f size 1KB }
            at 1s { on ws2 { open /f rw; read } }
            at 2s { on ws1 { open /f rw; write "v1"; close } }
            at 3s { on ws2 { write "v2"; close } }
            at 4s { on ws2 { delete /f } }
            run
            expect lost-updates == \(lost)
            expect crash-losses == 0
            """)
    }

    /// The race, then A's node crashes. Where A's v1 was still dirty, the
    /// crash lost it: it never reached the server, so B's v2, written back
    /// later, replaced only v0. A crash loss, not a lost update.
    @Test(arguments: configurations)
    func aVersionLostInACrashIsNotOverwritten(configuration: String) throws {
        let dirty = Self.keepsDirtyPastClose(configuration)
        try Self.expectAllPass(configuration, """
            on ws1 { create /f size 1KB }
            at 1s { on ws2 { open /f rw; read } }
            at 2s { on ws1 { open /f rw; write "v1"; close } }
            at 3s { on ws2 { write "v2"; close } }
            at 4s { crash ws1 }
            run
            expect lost-updates == \(dirty ? 0 : 1)
            expect crash-losses == \(dirty ? 1 : 0)
            """)
    }

    /// The race between two sessions of one node: A's v1 waits in the node's
    /// cache and B's v2 replaces it there. Where both go to the server in one
    /// write-back, it stores A's version and then B's: A's update is lost as
    /// it is between nodes.
    @Test(arguments: configurations)
    func sessionsOfOneNodeRaceThroughTheirCache(configuration: String) throws {
        try Self.expectAllPass(configuration, """
            on ws1 { create /f size 1KB }
            at 1s { on ws2 { open /f rw; read } }
            at 2s { on ws2 { open /f rw; write "v1"; close } }
            at 3s { on ws2 { write "v2"; close } }
            run
            expect stale-reads transaction == 1
            expect lost-updates == 1
            """)
    }

    /// The reason a stale read gives: B's cached copy was just checked with
    /// the server and is as new as the server's, so what it missed is A's
    /// write, still dirty in A's cache, not anything the cache failed to check.
    @Test func aCopyAsNewAsTheServersMissedOnlyTheWritersDirtyData() throws {
        let (_, sink, _) = FSScript.run(Self.cluster + """
            consistency nfs timeout 3s
            cache client policy write-on-close
            on ws2 { open /f rw; write "v0"; close }
            at 1s { on ws1 { open /f rw; read; write "v1" } }
            at 2s { on ws2 { open /f r; read; close } }
            at 3s { on ws1 { close } }
            run
            """, format: .json)
        let reads = FSScript.events(try FSScript.objects(sink), "file.read")
        let stale = try #require(reads.first { $0["unix_verdict"] as? String == "stale" })
        #expect(stale["node"] as? String == "ws2")
        #expect(stale["source"] as? String == "cache")
        let why = try #require(stale["why"] as? String)
        #expect(why.contains("dirty in ws1's cache"), "\(why)")
    }
}
