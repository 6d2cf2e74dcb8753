import Testing
@testable import SpriteScript

/// Lines 1–5: a sweep over the write policy and its cluster, left open for the case's own lines.
private let head = """
    sweep s {
      choose policy write-through, write-on-close
      cluster { server fs1; workstation ws1 }
      domain / on fs1
      cache client policy $policy

    """
/// A whole sweep (lines 1–6) named s, for the cases about `expect` and `show`.
private let done = head + "}\n"

private let sweepCases: [DiagnosticCase] = [
    // The sweep statement and its choose lines
    .init("sweep s {\n  cluster { server fs1 }\n}", "sweep 's' has no choose line", line: 1, column: 7, .syntax,
          help: "choose policy"),
    .init("sweep $s {\n}", "a sweep's name cannot be a placeholder", line: 1, column: 7, .syntax),
    .init("sweep s {\n  choose\n}", "expected a choice's name after 'choose', found end of line", line: 2, column: 3,
          .syntax, help: "name the choice"),
    .init("sweep s {\n  choose policy\n}", "choice 'policy' has no values", line: 2, column: 10, .syntax),
    .init("sweep s {\n  choose p a, , b\n}", "empty value in choice 'p'", line: 2, column: 15, .syntax),
    .init("sweep s {\n  choose p a, b,\n}", "empty value in choice 'p'", line: 2, column: 16, .syntax,
          help: "remove the comma"),
    .init("sweep s {\n  choose p a, b, a\n}", "choice 'p' lists 'a' twice", line: 2, column: 18, .syntax),
    .init("sweep s {\n  choose p a\n  choose p b\n}", "choice 'p' is already chosen at test.sprite:2:10",
          line: 3, column: 10, .syntax),
    .init("sweep s {\n  choose p a, $q\n}", "a choice's value cannot hold a placeholder", line: 2, column: 15,
          .syntax),
    .init("sweep s {\n  choose p a { b }\n}", "a choice's value cannot hold a block", line: 2, column: 14, .syntax),
    .init("sweep s {\n  choose p a\n  at 1s { choose q b }\n}", "'choose' belongs at the top level", line: 3,
          column: 11, .syntax),
    .init(head + "  expect crash-losses == 0\n}", "'expect' cannot be used inside a sweep", line: 6, column: 3,
          .syntax, help: "expect NAME[CHOICE=VALUE].FIELD"),
    .init(head + "  show outcomes\n}", "'show' cannot be used inside a sweep", line: 6, column: 3, .syntax),
    .init(head + "  at 1s { echo \"x\" }\n}", "'echo' cannot be used inside a sweep", line: 6, column: 11, .syntax),
    .init(head + "  sweep t {\n  }\n}", "'sweep' cannot be used inside a sweep", line: 6, column: 3, .syntax,
          help: "sweeps do not nest"),
    .init("sweep s {\n  choose policy write-through\n  cache client policy $polcy\n}",
          "unknown placeholder '$polcy'; did you mean 'policy'?", line: 3, column: 23, help: "$policy"),
    .init("sweep s {\n  choose policy write-through\n  choose other a, b\n  cache client policy $policy\n}",
          "choice 'other' is never used: no $other in the sweep", line: 3, column: 10,
          help: "write $other where its value goes"),
    .init("sweep s {\n  choose a 1, 2, 3, 4, 5, 6, 7, 8\n  choose b 1, 2, 3, 4, 5, 6, 7, 8\n"
            + "  choose c 1, 2, 3, 4, 5\n  seed $a\n  seed $b\n  seed $c\n}",
          "sweep 's' has more than 256 cells (8 × 8 × 5)", line: 1, column: 7, help: "at most 256"),
    .init(done + "sweep s {\n  choose p a\n  seed $p\n}", "sweep 's' is already declared", line: 7, column: 7,
          help: "another name"),
    .init("cluster { server fs1 }\nat 1s {\n  sweep s {\n    choose p 1\n    seed $p\n  }\n}",
          "'sweep' cannot be used inside an 'at' or 'on' block", line: 3, column: 3),
    // A value wrong in one cell: the error is at the value on the choose line, and names the cell.
    .init("sweep s {\n  choose policy write-through, write-thru\n  cluster { server fs1; workstation ws1 }\n"
            + "  domain / on fs1\n  cache client policy $policy\n}",
          "unknown write policy 'write-thru'; did you mean 'write-through'? (in the sweep's cell policy=write-thru)",
          line: 2, column: 32),
    .init("sweep s {\n  choose c sprite, nsf\n  choose p write-through, write-on-close\n"
            + "  cluster { server fs1; workstation ws1 }\n  domain / on fs1\n  consistency $c\n"
            + "  cache client policy $p\n}",
          "unknown consistency protocol 'nsf'; did you mean 'nfs'? (in 2 of the sweep's 4 cells, the first c=nsf, "
            + "p=write-through)", line: 2, column: 20),
    // An error in every cell is reported once, without a cell.
    .init(head + "  on ws9 { open /x rw }\n}", "unknown node or process 'ws9'; did you mean 'ws1'?", line: 6,
          column: 6),
    // A cell is a fresh session: the script's own names are not there.
    .init("cluster { workstation a }\n" + "sweep s {\n  choose p 1, 2\n  seed $p\n  crash a\n}",
          "unknown node 'a'", line: 5, column: 9),
    // expect NAME[…].FIELD
    .init(done + "expect t[policy=write-through].crash-losses == 0", "unknown sweep 't'", line: 7, column: 8,
          help: "declared sweeps: s"),
    .init(done + "expect s[polcy=write-through].crash-losses == 0",
          "sweep 's' has no choice 'polcy'; did you mean 'policy'?", line: 7, column: 10, help: "its choices: policy"),
    .init(done + "expect s[policy=write-thru].crash-losses == 0",
          "choice 'policy' has no value 'write-thru'; did you mean 'write-through'?", line: 7, column: 17,
          help: "values of policy: write-through, write-on-close"),
    .init(done + "expect s[policy=write-through, policy=write-on-close].crash-losses == 0",
          "choice 'policy' is given twice", line: 7, column: 32),
    .init(done + "expect s[policy=write-through].crash-loss == 0",
          "a sweep has no field 'crash-loss'; did you mean 'crash-losses'?", line: 7, column: 32,
          help: "fields: stale-reads-unix"),
    .init(done + "expect s[policy=write-through].time == 3", "time is a duration like 20ms; found a plain number",
          line: 7, column: 40, help: "units:"),
    .init(done + "expect s[policy=write-through].crash-losses == \"x\"", "expected a number to compare with",
          line: 7, column: 48, .syntax, help: "a sweep's fields are numbers"),
    .init("sweep s {\n  choose p 1, 2\n  choose q 1\n  seed $p\n  seed $q\n}\nexpect s[p=1].time == 0s",
          "the cell is not named: give a value for q too", line: 7, column: 8, help: "[q=1]"),
    .init(done + "show sweep t", "unknown sweep 't'", line: 7, column: 12, help: "declared sweeps: s"),
]

struct SweepDiagnosticsTests {
    @Test(arguments: sweepCases)
    func eachMistakeIsReportedWhereItIsWritten(_ testCase: DiagnosticCase) throws {
        try testCase.checkFirstDiagnostic()
    }

    @Test func aSweepWithAWrongBodyIsStillKnownToTheExpectsAfterIt() {
        let script = "sweep s {\n  choose p 1, 2\n  seed $q\n}\nexpect s[p=1].crash-losse == 0"
        let messages = ScriptHarness.diagnostics(script).map(\.message)
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.first?.hasPrefix("unknown placeholder '$q'") == true)
        #expect(messages.last == "a sweep has no field 'crash-losse'; did you mean 'crash-losses'?")
    }

    @Test func aPlaceholderOutsideASweepIsAnOrdinaryUnknownName() {
        let diagnostics = ScriptHarness.diagnostics("cluster { workstation ws1 }\ncrash $node")
        #expect(diagnostics.first?.message.hasPrefix("unknown node '$node'") == true)
    }

    @Test func aValueWrongInEveryCellIsReportedOnceWithoutACell() {
        let script = "sweep s {\n  choose policy write-thru\n  choose n 1, 2\n"
            + "  cluster { server fs1; workstation ws1 }\n  domain / on fs1\n  cache client policy $policy\n"
            + "  seed $n\n}"
        let diagnostics = ScriptHarness.diagnostics(script)
        // Wrong in both cells of the sweep: reported once, without a cell.
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.hasSuffix("did you mean 'write-through'?") == true)
    }

    /// The body's rule follows `load`: what the sweep's parser refuses in its own text, the checker refuses
    /// in a file a cell loads, at its place in that file; nested blocks and loads of loads included.
    @Test(arguments: [
        ("expect crash-losses == 0", "expect", 1, 1),
        ("at 1s { echo \"x\" }", "echo", 1, 9),
        ("show outcomes", "show", 1, 1),
        ("help sweep", "help", 1, 1),
        ("load \"deeper.sprite\"", "sweep", 2, 1),
    ])
    func aFileACellLoadsObeysTheBodysRule(loaded: String, keyword: String, line: Int, column: Int) {
        let loader = InMemoryLoader(files: [
            "checks.sprite": loaded + "\n",
            "deeper.sprite": "seed 2\nsweep inner {\n  choose q 1, 2\n  seed $q\n}\n",
        ])
        let diagnostics = ScriptHarness.diagnostics(head + "  load \"checks.sprite\"\n}", loader: loader)
        let first = diagnostics.first
        #expect(first?.message == "'\(keyword)' cannot be used in a file a sweep's cell loads")
        #expect(first?.span?.location.hasSuffix(":\(line):\(column)") == true, "\(String(describing: first))")
        #expect(first?.help == SweepSyntax.refused[keyword])
    }

    /// Read as they come: the 257th value is refused at once, whatever follows (a line of 200,000 values
    /// once took minutes to read before its count was looked at).
    @Test func aChoiceOfTooManyValuesIsRefusedAtTheFirstOnePast256() throws {
        let values = (0..<100_000).map { "\($0)ms" }.joined(separator: ", ")
        let diagnostics = ScriptHarness.diagnostics("sweep s {\n  choose t \(values)\n  seed 1\n}")
        let first = try #require(diagnostics.first)
        #expect(first.message == "choice 't' has more than 256 values")
        // "  choose t " is 11 columns, then 256 values of the form "Nms, ".
        let column = 12 + (0..<256).map { "\($0)ms, ".count }.reduce(0, +)
        #expect(first.span?.location.hasSuffix(":2:\(column)") == true, "\(String(describing: first.span))")
    }
}
