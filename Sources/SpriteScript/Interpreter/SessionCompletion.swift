import SpriteKernel

/// Tab completion at the prompt, by context: the parser reads the line up to
/// the word being completed and notes what its statement accepts there
/// (see CompletionProbe); this turns that into words from the session.
extension Session {
    /// Characters that end the word Tab completes. The line editor gives
    /// readline the same set, so both agree on which word is replaced.
    public static let completionWordBreaks = " \t\n;{}(),|<>=+:[]\"'"

    /// The words that can replace the word before `cursor` (a UTF-8 offset
    /// into `line`, as readline counts), sorted. `context` is input already
    /// typed before this line (an open block, a continued statement).
    public func completions(for line: String, cursor: Int, context: String = "") -> [String] {
        let bytes = Array(line.utf8)
        let before = String(decoding: bytes[..<min(max(cursor, 0), bytes.count)], as: UTF8.self)
        let start = before.lastIndex { Self.completionWordBreaks.contains($0) }.map { before.index(after: $0) }
            ?? before.startIndex
        let word = before[start...]
        // In `r1.ti` the field after the dot is completed; a path keeps its dots.
        var kept = "", partial = String(word)
        if !word.hasPrefix("/"), let dot = word.lastIndex(of: ".") {
            kept = String(word[...dot])
            partial = String(word[word.index(after: dot)...])
        }
        let current = before[..<start] + kept
        // An error earlier in an open block stops the parser before this line;
        // the line alone still says what fits.
        var offers = context.isEmpty ? [] : Parser.probe(context + "\n" + current)
        if offers.isEmpty { offers = Parser.probe(String(current)) }
        var candidates = Set<String>()
        for offer in offers { candidates.formUnion(words(for: offer)) }
        return candidates.filter { $0.hasPrefix(partial) }.sorted().map { kept + $0 }
    }

    private func words(for offer: CompletionProbe.Offer) -> [String] {
        let symbols = interpreter.symbols
        switch offer {
        case .statement(let blocks): return StatementRegistry.keywords(inside: blocks)
        case .words(let words): return words
        case .path: return knownPaths
        case .fields(let owner):
            return ExpectStatement.fieldKind(of: owner, symbols).map { Array($0.fields.keys) } ?? []
        case .names(let kinds):
            return kinds.flatMap { kind -> [String] in
                switch kind {
                case .node: Array(symbols.nodes.keys)
                case .server: symbols.nodes.filter { $0.value != .workstation }.map(\.key)
                case .process: Array(symbols.processes.keys)
                case .label: Array(symbols.labels.keys)
                case .program: Array(symbols.programs.keys)
                case .segment: Array(symbols.dsmSegments.keys)
                }
            }
        }
    }

    /// Files, their directories, and the roots of the name space.
    private var knownPaths: [String] {
        let simulation = interpreter.simulation
        var paths = Set(simulation.namespaceRoots).union(interpreter.symbols.domains.keys)
        for file in simulation.files {
            var path = file.path
            while !path.isEmpty, path != "/" {
                paths.insert(path)
                guard let slash = path.lastIndex(of: "/") else { break }
                path = String(path[..<slash])
            }
        }
        return Array(paths)
    }
}
