/// What fits where the input ends, collected while parsing the text before
/// the word being completed. The parser's helpers (statement start, option
/// words, fixed choices, names, paths) note what they would accept when they
/// reach the end of the input, so completion follows the statements' own
/// syntax rather than a table of its own.
final class CompletionProbe {
    enum Offer: Equatable {
        /// A statement may start here, inside these open blocks (outermost first).
        case statement(inside: [String])
        /// One of these words.
        case words([String])
        /// A declared name of one of these kinds.
        case names([NameKind])
        /// A file path in the simulated file system.
        case path
        /// A field of the label, process, node or `stats` named `owner`.
        case fields(owner: String)
    }

    enum NameKind: Equatable {
        case node, server, process, label, program, segment
    }

    private(set) var offers: [Offer] = []

    /// The kind of declared name a description in the parser's messages
    /// refers to: "a node name", "a client node", "a server node, as in …",
    /// "the node whose cache to show", "a process name". Any other
    /// description (a new label after 'as', a cluster name, a word checked
    /// against a list) refers to no declared name.
    static func kinds(describedBy what: String) -> [NameKind] {
        let words = what.split(whereSeparator: { $0 == " " || $0 == "," }).prefix(3).map(String.init)
        guard words.count >= 2, ["a", "an", "the"].contains(words[0]) else { return [] }
        let noun = ["server", "client"].contains(words[1]) && words.count > 2 ? words[2] : words[1]
        switch noun {
        case "node": return [words[1] == "server" ? .server : .node]
        case "process": return [.process]
        case "program": return [.program]
        case "segment": return [.segment]
        default: return []
        }
    }

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

    /// Declared names of these kinds fit here, besides what the next helper accepts.
    func offerNames(_ kinds: [CompletionProbe.NameKind]) { offerAtEnd(.names(kinds)) }

    /// Consumes `words` if they come next, as one phrase (`client policy`);
    /// when the input ends partway through, completion offers the next word.
    public mutating func acceptPhrase(_ words: [String]) -> Bool {
        for (offset, word) in words.enumerated() {
            let token = peek(ahead: offset)
            if token.kind == .end, probe != nil { probe?.note(.words([word])) }
            guard token.isWord(word) else { return false }
        }
        for _ in words { advance() }
        return true
    }

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
