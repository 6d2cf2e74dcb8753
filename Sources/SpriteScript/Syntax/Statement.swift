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
    /// Where the statement may be written; completion offers it only there.
    static var placement: StatementPlacement { get }
    static func parse(_ parser: inout Parser, keyword: Token) throws(Diagnostic) -> any Statement
}

/// Where in a script a statement belongs. The checker's own rules say the
/// same thing with a message each; this is what completion reads.
public enum StatementPlacement: Sendable {
    /// At the top level and in `at` and `try` blocks.
    case anywhere
    /// Only at the top level: it runs the engine or resets it.
    case topLevel
    /// Only inside `cluster { }`.
    case clusterMember
    /// Inside `cluster { }` or wherever `anywhere` statements go.
    case clusterOrAnywhere
    /// Only inside `on NODE { }`: a step of that node's file-system client.
    case nodeStep

    /// True if the statement may start inside these open blocks (outermost first).
    func allowed(inside blocks: [String]) -> Bool {
        let innermost = blocks.last { $0 == "cluster" || $0 == "on" }
        switch self {
        case .clusterMember: return innermost == "cluster"
        case .clusterOrAnywhere: return innermost != "on"
        case .nodeStep: return innermost == "on"
        case .anywhere: return innermost == nil
        case .topLevel: return blocks.isEmpty || blocks.allSatisfy { $0 == "try" }
        }
    }
}

extension StatementSyntax {
    public static var placement: StatementPlacement { .anywhere }
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
