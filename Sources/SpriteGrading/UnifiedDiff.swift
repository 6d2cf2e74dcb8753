import SpriteScript

/// A short unified diff of a test's expected output against its output: where it first differs, with a few
/// lines of context, cut at `maxLines`. Lines are compared as bytes; the edit script is Myers' O(ND)
/// shortest one, searched to at most `maxEdits` edits (past that the differing middle is shown as
/// replaced whole, still a correct diff), so a wildly wrong output costs bounded time.
public enum UnifiedDiff {
    public static let maxLines = 40
    static let context = 3
    static let maxEdits = 1_000
    /// A longer line is cut when shown.
    static let maxLineCharacters = 200

    enum Kind { case keep, delete, insert }
    /// One line of the edit script: its kind and its index in the expected (a) or actual (b) lines.
    struct Step: Equatable {
        let kind: Kind
        let a: Int
        let b: Int
    }

    public static func diff(expected: [UInt8], actual: [UInt8], expectedName: String) -> String {
        let a = lines(expected), b = lines(actual)
        let steps = editScript(a, b)
        var out = ["--- \(expectedName)", "+++ output"]
        var budget = maxLines - out.count
        var cut = false
        for hunk in hunks(steps) {
            // Rendered no further than the budget: a hunk may span the whole of a huge output.
            let body = render(hunk, a: a, b: b, most: budget + 1)
            guard body.count <= budget || out.count == 2 else {
                cut = true
                break
            }
            out += body.prefix(budget)
            if body.count > budget { cut = true }
            budget -= min(budget, body.count)
            if budget <= 0 { break }
        }
        if cut { out.append("… (diff cut at \(maxLines) lines)") }
        return out.joined(separator: "\n")
    }

    /// Marks a last line that lacks its newline, so it differs from the same line with one. Never in
    /// UTF-8 text, so it cannot be confused with an output byte.
    static let noNewline: UInt8 = 0xFF

    /// The text's lines without their newlines; a last line without one ends in `noNewline`.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        if bytes.last == 10 || bytes.isEmpty {
            lines.removeLast()
        } else {
            lines[lines.count - 1].append(noNewline)
        }
        return lines
    }

    /// The shortest edit script from `a` to `b` (common prefix and suffix kept without search).
    static func editScript(_ a: [[UInt8]], _ b: [[UInt8]]) -> [Step] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix,
              a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var steps = (0..<prefix).map { Step(kind: .keep, a: $0, b: $0) }
        let middleA = prefix..<(a.count - suffix), middleB = prefix..<(b.count - suffix)
        if let middle = myers(a, middleA, b, middleB) {
            steps += middle
        } else {
            // Past maxEdits: each differing line replaced by its counterpart, pair by pair, so the diff's
            // first lines show the first expected line and the first line printed instead (all the deletes
            // first would spend the 40 lines on expected text alone).
            let paired = min(middleA.count, middleB.count)
            for offset in 0..<paired {
                steps.append(Step(kind: .delete, a: middleA.lowerBound + offset, b: middleB.lowerBound + offset))
                steps.append(Step(kind: .insert, a: middleA.lowerBound + offset + 1,
                                  b: middleB.lowerBound + offset))
            }
            steps += middleA.dropFirst(paired).map { Step(kind: .delete, a: $0, b: middleB.upperBound) }
            steps += middleB.dropFirst(paired).map { Step(kind: .insert, a: middleA.upperBound, b: $0) }
        }
        steps += (0..<suffix).map { Step(kind: .keep, a: a.count - suffix + $0, b: b.count - suffix + $0) }
        return steps
    }

    /// Myers' greedy search on `a[ra]` against `b[rb]`; nil past `maxEdits` edits.
    private static func myers(_ a: [[UInt8]], _ ra: Range<Int>, _ b: [[UInt8]],
                              _ rb: Range<Int>) -> [Step]? {
        let n = ra.count, m = rb.count
        let most = min(n + m, maxEdits)
        let offset = most + 1
        var v = [Int](repeating: 0, count: 2 * most + 3)
        // trace[d]: v over diagonals -d-1...d+1 before step d, for the walk back.
        var trace: [[Int]] = []
        for d in 0...most {
            trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
                    ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[ra.lowerBound + x] == b[rb.lowerBound + y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m { return walkBack(trace, n: n, m: m, ra: ra, rb: rb) }
            }
        }
        return nil
    }

    private static func walkBack(_ trace: [[Int]], n: Int, m: Int, ra: Range<Int>, rb: Range<Int>) -> [Step] {
        var steps: [Step] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let saved = trace[d]
            let value = { (k: Int) in saved[k + d + 1] }
            let k = x - y
            let previousK = k == -d || (k != d && value(k - 1) < value(k + 1)) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : value(previousK)
            let previousY = d == 0 ? 0 : previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                steps.append(Step(kind: .keep, a: ra.lowerBound + x, b: rb.lowerBound + y))
            }
            if d > 0 {
                if x == previousX {
                    steps.append(Step(kind: .insert, a: ra.lowerBound + x, b: rb.lowerBound + previousY))
                } else {
                    steps.append(Step(kind: .delete, a: ra.lowerBound + previousX, b: rb.lowerBound + y))
                }
            }
            x = previousX
            y = previousY
        }
        return steps.reversed()
    }

    /// Runs of steps around each change, with `context` kept lines either side, merged where they touch.
    static func hunks(_ steps: [Step]) -> [ArraySlice<Step>] {
        let changes = steps.indices.filter { steps[$0].kind != .keep }
        var hunks: [ArraySlice<Step>] = []
        var start: Int?, end = 0
        for index in changes {
            let low = max(0, index - context), high = min(steps.count, index + context + 1)
            if let first = start, low <= end {
                start = first
            } else {
                if let first = start { hunks.append(steps[first..<end]) }
                start = low
            }
            end = high
        }
        if let first = start { hunks.append(steps[first..<end]) }
        return hunks
    }

    /// `@@ -a,n +b,m @@` and the hunk's lines, at most `most` of them.
    private static func render(_ hunk: ArraySlice<Step>, a: [[UInt8]], b: [[UInt8]], most: Int) -> [String] {
        guard let first = hunk.first else { return [] }
        let countA = hunk.reduce(0) { $0 + ($1.kind != .insert ? 1 : 0) }
        let countB = hunk.reduce(0) { $0 + ($1.kind != .delete ? 1 : 0) }
        let startA = countA == 0 ? first.a : first.a + 1, startB = countB == 0 ? first.b : first.b + 1
        var out = ["@@ -\(startA),\(countA) +\(startB),\(countB) @@"]
        for step in hunk where out.count < most {
            switch step.kind {
            case .keep: out += show(" ", a[step.a])
            case .delete: out += show("-", a[step.a])
            case .insert: out += show("+", b[step.b])
            }
        }
        return out
    }

    /// The line after its mark (` `, `-`, `+`), cut if long, and `\ No newline at end of file` after a
    /// last line without one, as diff(1) writes it.
    private static func show(_ mark: String, _ line: [UInt8]) -> [String] {
        let missing = line.last == noNewline
        let text = TerminalText.escape(String(decoding: missing ? line.dropLast() : line[...], as: UTF8.self))
        let shown = mark + (text.count > maxLineCharacters ? String(text.prefix(maxLineCharacters)) + "…" : text)
        return missing ? [shown, "\\ No newline at end of file"] : [shown]
    }
}
