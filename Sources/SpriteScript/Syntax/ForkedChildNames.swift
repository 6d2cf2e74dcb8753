/// A forked child is named after the process the script started: NAME.1, NAME.2, … (the engine never nests
/// them deeper). A name is one word, so the child's name is read as NAME, '.', N written together: a field
/// is never a number, so `p.1.cpu` is p.1's cpu and `p.cpu` p's, without ambiguity.
extension Parser {
    /// A process name, or a forked child's NAME.N.
    mutating func parseProcessName(_ what: String) throws(Diagnostic) -> Name {
        let name = try parseName(what)
        if let child = acceptChildIndex(of: name) { return child }
        guard peek.isSymbol(".") else { return name }
        throw unexpected(expected: "the end of the name", help: "a forked child is written \(name.text).N, with no "
                         + "spaces and N its number from 1 (\(name.text).1 is the first its family forked)")
    }

    /// `.N` written against `name` (no space on either side), N a whole number: the child NAME.N.
    mutating func acceptChildIndex(of name: Name) -> Name? {
        let dot = peek, index = peek(ahead: 1)
        guard dot.isSymbol("."), dot.touchesPrevious, index.kind == .number, index.touchesPrevious,
              index.unit.isEmpty, !index.text.isEmpty, index.text.allSatisfy(\.isASCII),
              index.text.allSatisfy(\.isNumber), index.text.first != "0" else { return nil }
        _ = advance()
        _ = advance()
        return Name(text: name.text + "." + index.text, span: name.span.through(index.span))
    }
}

extension SymbolTable {
    /// The process the script started whose child `name` would be (NAME.N, NAME a program's process), or nil.
    /// Whether the child exists depends on the run: the checker accepts it, the run says if it is not there.
    func forkedChildRoot(of name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let root = String(name[..<dot]), index = name[name.index(after: dot)...]
        guard !index.isEmpty, index.allSatisfy({ $0.isASCII && $0.isNumber }), scheduled.contains(root) else {
            return nil
        }
        return root
    }
}

enum ForkedChildNames {
    /// Which processes can have children, for an unknown NAME.N.
    static func help(_ symbols: SymbolTable) -> String {
        let roots = symbols.scheduled.sorted()
        guard let first = roots.first else { return "spawn a program that forks: its children are NAME.1, NAME.2, …" }
        let listed = roots.prefix(5).joined(separator: ", ") + (roots.count > 5 ? ", …" : "")
        return "a forked child is named after the process the script started (\(first).1, \(first).2, …); "
            + "those processes: \(listed)"
    }
}
