/// One statement of the language. Each statement family lives in its own file
/// under `Statements/`: its syntax, its checks, what it does, and its help.
///
/// Adding a statement: a new file with a `StatementSyntax` type and a
/// `Statement` type, plus one entry in `StatementRegistry.all`.
public protocol Statement: Sendable {
    var span: SourceSpan { get }
    /// Resolves names, units and values before anything runs; declares the
    /// names the statement introduces so later statements can use them.
    func check(_ checker: inout Checker)
    /// Drives the engine. Runtime problems are thrown as diagnostics.
    func execute(_ interpreter: Interpreter) throws(Diagnostic)
}

/// The syntax of a statement family introduced by a keyword.
public protocol StatementSyntax: Sendable {
    static var keywords: [String] { get }
    static var help: HelpEntry { get }
    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement
}

/// A help page: `help TOPIC` prints it and docs/LANGUAGE.md mirrors it.
public struct HelpEntry: Sendable {
    public var topic: String
    public var summary: String
    public var usage: [String]
    public var details: String
    public var example: String

    public init(topic: String, summary: String, usage: [String], details: String = "", example: String) {
        self.topic = topic
        self.summary = summary
        self.usage = usage
        self.details = details
        self.example = example
    }
}

/// A name as written, with where it was written.
public struct Name: Sendable {
    public var text: String
    public var span: SourceSpan
}
