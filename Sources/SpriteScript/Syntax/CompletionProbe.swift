/// What fits where the input ends, collected while parsing the text before
/// the word being completed. The parser's helpers (statement start, option
/// words, fixed choices, names, paths) note what they would accept when they
/// reach the end of the input, so completion follows the statements' own
/// syntax rather than a table of its own.
final class CompletionProbe {
    enum Offer: Equatable {
        /// A statement may start here.
        case statement
        /// One of these words.
        case words([String])
        /// A name, described as in the parser's messages ("a node name").
        case name(String)
        /// A file path in the simulated file system.
        case path
        /// A field of the label, process, node or `stats` named `owner`.
        case fields(owner: String)
    }

    private(set) var offers: [Offer] = []

    func note(_ offer: Offer) {
        if !offers.contains(offer) { offers.append(offer) }
    }
}

extension Parser {
    /// Notes `offer` if completion is probing and the input ends here.
    func offerAtEnd(_ offer: CompletionProbe.Offer) {
        guard let probe, peek.kind == .end else { return }
        probe.note(offer)
    }

    /// Words that fit here besides what the next helper call accepts, for
    /// statements that read a word and then check it themselves.
    public func offer(_ words: [String]) { offerAtEnd(.words(words)) }

    /// The fields of `owner` fit here (`expect r1.`).
    func offerFields(of owner: String) { offerAtEnd(.fields(owner: owner)) }

    /// Parses `text` as the start of a statement and returns what would fit
    /// at its end; empty if the text cannot be read.
    static func probe(_ text: String) -> [CompletionProbe.Offer] {
        let file = SourceFile(name: "<completion>", text: text)
        guard let tokens = try? Lexer.tokenize(file) else { return [] }
        var parser = Parser(tokens: tokens)
        let probe = CompletionProbe()
        parser.probe = probe
        _ = try? parser.parseStatements(untilClosingBrace: false)
        return probe.offers
    }
}
