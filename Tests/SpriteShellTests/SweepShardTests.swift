import Foundation
import Testing

/// `sprite-shell run --shard I/N`: each sweep runs the I-th round-robin slice of its cells, and `run --merge`
/// puts the slices' JSON output back into the whole table, byte for byte what the run without --shard prints.
@Suite("Sweep shards (run --shard, run --merge)")
struct SweepShardTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/sweep-write-policies.sprite").path

    /// The JSON lines of a sweep's table in some output.
    static func sweepTables(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.contains("\"table\":\"sweep\"") }
    }

    static func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    /// The example has a sweep of 3 cells and one of 6. With N = 1…4 shards (4 leaves the first sweep a shard
    /// with no cell), every cell is in exactly one shard and the merged tables are the whole run's, in JSON.
    @Test("the union of the shards is the whole run", arguments: [1, 2, 3, 4])
    func unionIsWhole(count: Int) throws {
        let directory = try TemporaryDirectory()
        let whole = try runShell(["run", "--format", "json", Self.example])
        #expect(whole.status == 0)
        var parts: [String] = []
        var cells: [String: [[String]]] = [:]
        for index in 1...count {
            let shard = try runShell(["run", "--shard", "\(index)/\(count)", "--format", "json", Self.example])
            #expect(shard.status == 0, "\(shard.stderr)")
            parts.append(try directory.write("shard\(index).json", shard.stdout))
            for table in Self.sweepTables(shard.stdout) {
                let object = try Self.object(table)
                let rows = object["rows"] as? [[String: Any]] ?? []
                cells[object["sweep"] as? String ?? "", default: []] += rows.compactMap { $0["values"] as? [String] }
                if count > 1 {
                    let slice = object["shard"] as? [String: Any]
                    #expect(slice?["index"] as? Int == index && slice?["count"] as? Int == count)
                }
            }
        }
        var wholeCells: [String: [[String]]] = [:]
        for table in Self.sweepTables(whole.stdout) {
            let object = try Self.object(table)
            wholeCells[object["sweep"] as? String ?? ""] = (object["rows"] as? [[String: Any]] ?? [])
                .compactMap { $0["values"] as? [String] }
        }
        // The same cells, none twice: sorted, the shards' cells are the whole run's.
        for (sweep, expected) in wholeCells {
            let key = { (values: [String]) in values.joined(separator: "\u{1}") }
            #expect(cells[sweep, default: []].map(key).sorted() == expected.map(key).sorted())
        }
        let merged = try runShell(["run", "--merge", "--format", "json"] + parts)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.split(separator: "\n").map(String.init) == Self.sweepTables(whole.stdout))
    }

    /// In text, the merged tables are the lines the whole run prints for its sweeps (a script of the
    /// example's sweeps without its expects, so that nothing else is printed).
    @Test("merged into text, the tables read as the whole run's")
    func mergedText() throws {
        let directory = try TemporaryDirectory()
        let text = try String(contentsOfFile: Self.example, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("expect") }.joined(separator: "\n") + "\n"
        let script = try directory.write("sweeps.sprite", text)
        var parts: [String] = []
        for index in 1...3 {
            let shard = try runShell(["run", "--shard", "\(index)/3", "--format", "json", script])
            parts.append(try directory.write("shard\(index).json", shard.stdout))
        }
        let whole = try runShell(["run", "--no-summary", script])
        let merged = try runShell(["run", "--merge"] + parts)
        #expect(merged.status == 0)
        #expect(merged.stdout == whole.stdout)
    }

    /// Cells in the sweep's order (the first choice slowest): sprite/write-through, sprite/delayed-write,
    /// nfs/write-through, nfs/delayed-write, none/write-through, none/delayed-write. Dealt round robin to 3
    /// shards, shard 2 gets cells 2 and 5: sprite/delayed-write and none/write-through. Of the example's four
    /// expects on this sweep, only the one on sprite/delayed-write is checked; the others are notes.
    @Test("a shard runs its round-robin slice and checks only its own cells")
    func shardSliceAndSkippedExpects() throws {
        let result = try runShell(["run", "--shard", "2/3", "--format", "json", Self.example])
        #expect(result.status == 0)
        let tables = try Self.sweepTables(result.stdout).map(Self.object)
        let sharing = try #require(tables.first { $0["sweep"] as? String == "sharing" })
        #expect((sharing["rows"] as? [[String: Any]])?.compactMap { $0["values"] as? [String] }
                == [["sprite", "delayed-write"], ["none", "write-through"]])
        #expect(sharing["cells"] as? Int == 6)
        let lines = try result.stdout.split(separator: "\n").map { try Self.object(String($0)) }
        let checked = lines.filter { $0["event"] as? String == "expect" }.compactMap { $0["condition"] as? String }
        #expect(checked == ["crash-policies[policy=write-on-close].crash-losses == 1",
                            "sharing[consistency=sprite, policy=delayed-write].stale-reads-unix == 0"])
        let notes = lines.filter { $0["severity"] as? String == "note" }.compactMap { $0["message"] as? String }
        // 3 + 4 expects, 2 checked here.
        #expect(notes.count == 5)
        #expect(notes.first == "expect not checked: the cell policy=write-through of sweep 'crash-policies' runs "
                + "in shard 1/3, and this run is shard 2/3")
        let text = try runShell(["run", "--shard", "2/3", Self.example])
        #expect(text.stdout.contains("sweep sharing: shard 2/3, 2 of 6 cells (consistency × policy), seed 1"))
        #expect(text.stdout.contains("expectations     2 passed, 0 failed"))
    }

    @Test("with --jobs a shard prints what it prints alone")
    func shardWithJobs() throws {
        let alone = try runShell(["run", "--shard", "1/2", Self.example])
        let parallel = try runShell(["run", "--shard", "1/2", "--jobs", "2", Self.example])
        #expect(parallel.status == alone.status)
        #expect(parallel.stdout == alone.stdout)
        #expect(parallel.stderr == alone.stderr)
    }

    @Test("shards that are not one run's whole are refused")
    func refusedMerges() throws {
        let directory = try TemporaryDirectory()
        let shard = { (slice: String, seed: String) throws -> String in
            let result = try runShell(["run", "--shard", slice, "--seed", seed, "--format", "json", Self.example])
            return try directory.write("\(slice.replacingOccurrences(of: "/", with: "-"))-\(seed).json", result.stdout)
        }
        let one = try shard("1/2", "1"), two = try shard("2/2", "1"), otherSeed = try shard("2/2", "7")
        let text = try directory.write("text.out", try runShell(["run", Self.example]).stdout)
        let cases: [([String], String)] = [
            ([one], "sprite-shell: error: --merge: sweep 'crash-policies': shard 2/2 missing\n"),
            ([one, one], "both hold shard 1/2 of sweep 'crash-policies'"),
            ([one, otherSeed], "has other choices or another seed than in"),
            ([text], "line 1 is not a JSON object: give the output of --format json"),
        ]
        for (files, message) in cases {
            let result = try runShell(["run", "--merge"] + files)
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.replacingOccurrences(of: "\n", with: " ").contains(
                message.trimmingCharacters(in: .newlines)), "\(result.stderr)")
        }
        #expect(try runShell(["run", "--merge", one, two]).status == 0)
    }

    /// A seed is any 64-bit number: the table's JSON gives it whole, and the merge reads it back.
    @Test("the largest seed is printed and merged whole")
    func largestSeed() throws {
        let directory = try TemporaryDirectory()
        let seed = String(UInt64.max)
        var parts: [String] = []
        for index in 1...2 {
            let shard = try runShell(["run", "--seed", seed, "--shard", "\(index)/2", "--format", "json", Self.example])
            #expect(shard.status == 0, "\(shard.stderr)")
            #expect(Self.sweepTables(shard.stdout).allSatisfy { $0.contains("\"seed\":\(seed),") })
            parts.append(try directory.write("shard\(index).json", shard.stdout))
        }
        let whole = try runShell(["run", "--seed", seed, "--format", "json", Self.example])
        let merged = try runShell(["run", "--merge", "--format", "json"] + parts)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.split(separator: "\n").map(String.init) == Self.sweepTables(whole.stdout))
    }

    @Test("usage errors exit 2", arguments: [
        ["run", "--shard", "4/3", "-c", "now"], ["run", "--shard", "x", "-c", "now"],
        ["run", "--merge", "-c", "now"], ["run", "--merge"],
    ])
    func usageErrors(arguments: [String]) throws {
        #expect(try runShell(arguments).status == 2)
    }
}
