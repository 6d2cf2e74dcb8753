import Testing
@testable import SpriteScript

/// Open modes as in UNIX: r reads only, w and append write only, rw both. A
/// refused step fails like any other (exit 3, or printed under 'try').
struct OpenModeScriptTests {
    static let cluster = """
        cluster { server fs1; workstation a }
        domain / on fs1

        """

    static func text(_ sink: BufferSink) -> String { (sink.output + sink.errors).joined(separator: "\n") }

    @Test(arguments: ["w", "append"])
    func aWriteOnlyOpenRefusesReads(mode: String) throws {
        let (status, sink, _) = FSScript.run(Self.cluster + """
            on a { open /f \(mode); write "x"; try read as r; try read block 0 as b; close }
            run
            expect r.status == "failed"
            expect b.status == "failed"

            """, format: .json)
        #expect(status == .ok)
        let objects = try FSScript.objects(sink)
        for (condition, result) in FSScript.expectations(objects) where !result.ok {
            Issue.record("\(condition): actual \(result.actual)")
        }
        let failures = FSScript.events(objects, "op.failed")
        #expect(failures.count == 2)
        #expect(failures.allSatisfy { $0["reason"] as? String == "write-only" })
        let open = try #require(FSScript.events(objects, "file.open").first)
        #expect(open["writable"] as? Bool == true)
        #expect(open["readable"] as? Bool == false)
    }

    @Test func theTraceSaysWForAWriteOnlyOpenAndTheFailureSaysWhy() {
        let (status, sink, _) = FSScript.run(Self.cluster + "on a { open /f w; write \"x\"; read }\nrun\n")
        #expect(status == .runtimeError)
        let text = Self.text(sink)
        #expect(text.contains("open /f w (session 0"))
        #expect(text.contains("/f is open for writing only"))
    }

    @Test func readAndWriteOpensStillWork() {
        let (status, sink, _) = FSScript.run(Self.cluster + """
            on a { open /f rw; write "x"; read as r; close; open /f r; read as s; close }
            run
            expect r.text == "x"
            expect s.text == "x"

            """)
        #expect(status == .ok)
        let text = Self.text(sink)
        #expect(text.contains("open /f rw (session 0"))
        #expect(text.contains("open /f r (session 1"))
    }

    @Test func anEmptyFileCanBeCreated() {
        let (status, sink, _) = FSScript.run(Self.cluster + """
            on a { create /empty size 0B; stat /empty as st; open /empty r; read as r; close }
            run
            expect r.bytes == 0B
            expect r.text == ""

            """)
        #expect(status == .ok, "\(Self.text(sink))")
    }
}

/// `help disk` has a page of its own, and `show network` gives the local copy rate.
struct DiskHelpAndNetworkTableTests {
    @Test func helpDiskListsTheFormsAndTheDrives() {
        let (status, sink, _) = FSScript.run("help disk\n")
        #expect(status == .ok)
        let text = sink.output.joined(separator: "\n")
        #expect(!text.contains("did you mean"))
        for word in ["disk DRIVE", "disk seek T", "diskless", "fujitsu-eagle", "modern-hdd", "modern-ssd",
                     "3961 rpm", "1859000B/s"] {
            #expect(text.contains(word), "\(word)")
        }
    }

    @Test func showNetworkGivesTheLocalCopyRate() throws {
        let (_, sink, _) = FSScript.run("cluster { network ethernet preset sprite-1988; workstation a }\n"
                                        + "show network\n", format: .json)
        let rows = try FSScript.table(try FSScript.objects(sink), "network").rows
        let row = try #require(rows.first { $0["setting"] as? String == "local-copy-rate" })
        #expect(row["value"] as? Int == 8_000_000)
    }
}
