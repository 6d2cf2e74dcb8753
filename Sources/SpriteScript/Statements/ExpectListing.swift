import SpriteKernel

/// The listing subjects of `expect`: `expect ls NODE DIR == "a b c"` and
/// `expect stale-listings [unix|session] OP N`.
enum ExpectListing {
    /// The models listings are judged under.
    static let models: [SharingModel] = [.unix, .session]

    /// `stale-listings [unix|session]`, after the keyword.
    static func parseStaleListings(_ parser: inout Parser) throws(Diagnostic) -> ExpectSubject {
        parser.offer(models.map(\.rawValue))
        guard parser.peek.kind == .identifier else { return .staleListings(.unix) }
        // Completion offers unix and session only (above); a word names no node.
        let word = try parser.parseName("a model: unix or session")
        guard let model = SharingModel(rawValue: word.text), models.contains(model) else {
            let known = SharingModel(rawValue: word.text) != nil
            let hint = known ? "" : Suggestions.didYouMean(word.text, among: models.map(\.rawValue))
            let what = known ? "listings are judged under unix and session semantics only, not \(word.text)"
                : "unknown sharing model '\(word.text)'\(hint)"
            throw Diagnostic(.check, what, at: word.span, help: "write: expect stale-listings unix OP N, or session")
        }
        return .staleListings(model)
    }

    /// `ls NODE DIR`, after the keyword.
    static func parseListing(_ parser: inout Parser) throws(Diagnostic) -> ExpectSubject {
        let node = try parser.parseName("a node name")
        let (path, _) = try parser.parsePath("a directory path like /users")
        return .listing(node, path)
    }

    /// The names an ls compares with must be a string: checked before the value is parsed.
    static func requireNames(_ parser: Parser, _ subject: ExpectSubject) throws(Diagnostic) {
        guard case .listing = subject, parser.peek.kind != .string else { return }
        throw parser.unexpected(expected: "the names in double quotes",
                                help: "write the names in any order, separated by spaces: \"a b c\" (\"\" when empty)")
    }

    /// Names as an ls prints them: sorted, one space apart. A name is path
    /// characters only, so spaces and commas can only separate names.
    static func normalize(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init).sorted()
            .joined(separator: " ")
    }

    /// Listings not fresh under `model`.
    static func staleCount(_ s: Simulation, _ model: SharingModel) -> Int {
        s.directoryHistory.reduce(0) { count, e in
            guard case .listed(_, let verdict) = e.kind, let j = verdict.judgement(model), j != .fresh else {
                return count
            }
            return count + 1
        }
    }

    /// What an ls on `node` would show now, through the node's view.
    static func peek(_ node: Name, _ path: String, _ interpreter: Interpreter) throws(Diagnostic) -> String? {
        let index = try interpreter.node(node)
        return interpreter.simulation.peekListing(node: index, path: path).map { $0.joined(separator: " ") }
    }
}
