import Testing
@testable import SpriteScript

/// Lines that used to run past the width: diagnostic help lines, an expect's
/// location, tables with long paths.
struct NarrowOutputTests {
    static func run(_ script: String, width: Int = 80) -> (output: [String], errors: [String]) {
        var options = ScriptHarness.options()
        options.width = width
        let sink = ScriptHarness.run(script, options: options).sink
        return (sink.output, sink.errors.flatMap { $0.split(separator: "\n").map(String.init) })
    }

    @Test func aLongHelpLineWrapsUnderItsTextButTheSourceAndCaretStayWhole() throws {
        let errors = Self.run("cluster { workstation ws1 }\nexpect stats.bogus == 1").errors
        #expect(errors.allSatisfy { $0.count <= 80 }, "\(errors)")
        let help = try #require(errors.firstIndex { $0.hasPrefix("  help: fields: ") })
        #expect(errors.count > help + 2, "the list of fields takes several lines")
        #expect(errors[(help + 1)...].allSatisfy { $0.hasPrefix("        ") && $0.dropFirst(8).first != " " })
        #expect(errors.contains("    expect stats.bogus == 1"))
        #expect(errors.contains("                 ^~~~~"))
    }

    @Test func aLongSourceLineIsNotBrokenSoTheCaretStaysUnderIt() throws {
        // Past 80 columns, within the 100 characters a diagnostic shows of a line.
        let source = "cluster { workstation ws1 }; " + String(repeating: "echo \"x\"; ", count: 5) + "crash nowhere"
        let errors = Self.run(source).errors
        #expect(source.count > 80)
        #expect(errors.contains("    " + source))
        #expect(errors.contains(String(repeating: " ", count: 4 + source.count - 7) + "^~~~~~~"))
    }

    @Test func anExpectLocationIsOneWord() throws {
        let script = "cluster { workstation ws1; server fs1 }\nrpc ws1 -> fs1 as fetch\nrun\n"
            + "expect fetch.packets == 7 within 1"
        for width in 40...100 {
            var options = ScriptHarness.options()
            options.width = width
            let sink = BufferSink()
            _ = Session(options: options, sink: sink).runScript(SourceFile(name: "<command line>", text: script))
            let lines = sink.output.flatMap { $0.split(separator: "\n").map(String.init) }
            #expect(lines.contains { $0.hasSuffix("(<command line>:4:1)") }, "width \(width): \(lines)")
        }
    }

    @Test func aTableWithALongPathBreaksThePathAfterASlash() {
        let script = TextOutputTests.cluster + """
            on jack { open /fs3/export/home/notes rw; write "milk"; close }
            at 10s { on jill { open /fs3/export/home/notes r; read; close } }
            run
            show outcomes
            show history
            """
        let lines = Self.run(script).output
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
        #expect(lines.contains { $0.contains(" /fs3/export/ ") }, "\(lines)")
        #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces) == "home/notes" })
    }

    @Test func pathPiecesEndAtSlashes() {
        #expect(TableLayout.pathPieces("/fs3/export/home") == ["/", "fs3/", "export/", "home"])
        #expect(TableLayout.wrapCell("/fs3/export/home/notes", width: 12) == ["/fs3/export/", "home/notes"])
        #expect(TableLayout.wrapCell("open rw", width: 4) == ["open", "rw"])
    }
}
