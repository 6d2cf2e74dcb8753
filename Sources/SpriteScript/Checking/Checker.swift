import SpriteKernel

/// Reads files that `load` names. The shell supplies one that reads the disk;
/// tests supply one that reads from memory.
public protocol SourceLoader: Sendable {
    func load(_ path: String, relativeTo base: String) throws -> SourceFile
}

/// Statements read by `load`, parsed and checked once, run later.
public final class LoadedPrograms: @unchecked Sendable {
    private var programs: [String: [any Statement]] = [:]
    func store(_ statements: [any Statement], for key: String) { programs[key] = statements }
    func program(for key: String) -> [any Statement]? { programs[key] }
}

/// Resolves names, units and values in order, before anything runs. Errors
/// accumulate so one pass reports them all.
public struct Checker {
    public var symbols: SymbolTable
    public private(set) var diagnostics: [Diagnostic] = []
    let loader: any SourceLoader
    let loaded: LoadedPrograms
    var loadStack: [String] = []
    /// Inside `cluster { }`: node and network declarations are allowed.
    var inCluster = false

    init(symbols: SymbolTable, loader: any SourceLoader, loaded: LoadedPrograms) {
        self.symbols = symbols
        self.loader = loader
        self.loaded = loaded
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public mutating func check(_ statements: [any Statement]) {
        for statement in statements { statement.check(&self) }
    }

    public mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    public mutating func error(_ message: String, at span: SourceSpan, help: String? = nil) {
        diagnostics.append(Diagnostic(.check, message, at: span, help: help))
    }

    // MARK: Names

    @discardableResult
    public mutating func resolveNode(_ name: Name) -> Bool {
        if symbols.nodes[name.text] != nil { return true }
        var hint = Suggestions.didYouMean(name.text, among: symbols.nodes.keys)
        if hint.isEmpty, let node = symbols.processes[name.text] {
            hint = "; '\(name.text)' is a process on \(node)"
        }
        error("unknown node '\(name.text)'\(hint)", at: name.span,
              help: symbols.nodes.isEmpty ? "declare nodes first: cluster { workstation ws1 }" : nil)
        return false
    }

    @discardableResult
    public mutating func resolveProcess(_ name: Name) -> Bool {
        if symbols.processes[name.text] != nil { return true }
        var hint = Suggestions.didYouMean(name.text, among: symbols.processes.keys)
        if hint.isEmpty, symbols.nodes[name.text] != nil {
            hint = "; '\(name.text)' is a node: V messages go between processes"
        }
        error("unknown process '\(name.text)'\(hint)", at: name.span,
              help: hint.isEmpty ? "declare one first: process \(name.text) on NODE" : nil)
        return false
    }

    public mutating func declareNode(_ name: Name, role: NodeRole) {
        if symbols.nodes[name.text] != nil {
            error("node '\(name.text)' is already declared", at: name.span)
        } else if symbols.processes[name.text] != nil {
            error("'\(name.text)' already names a process", at: name.span)
        } else {
            symbols.nodes[name.text] = role
        }
    }

    public mutating func declareProcess(_ name: Name, on node: String) {
        if symbols.processes[name.text] != nil {
            error("process '\(name.text)' is already declared", at: name.span)
        } else if symbols.nodes[name.text] != nil {
            error("'\(name.text)' already names a node", at: name.span)
        } else {
            symbols.processes[name.text] = node
        }
    }

    public mutating func declareLabel(_ label: Name?, kind: OperationKind) {
        guard let label else { return }
        if symbols.labels[label.text] != nil {
            error("label '\(label.text)' already names an operation", at: label.span,
                  help: "labels name one operation each; pick another name")
        } else if symbols.nodes[label.text] != nil || symbols.processes[label.text] != nil || label.text == "stats" {
            error("label '\(label.text)' would hide the node, process or 'stats' of that name", at: label.span)
        } else {
            symbols.labels[label.text] = kind
        }
    }

    // MARK: Values

    public mutating func requirePositive(_ quantity: Quantity, _ what: String, at span: SourceSpan) {
        if quantity.dimension == .count ? quantity.real <= 0 : quantity.integer <= 0 {
            error("\(what) must be greater than zero", at: span)
        }
    }

    public mutating func requireRange(_ value: Int, _ range: ClosedRange<Int>, _ what: String, at span: SourceSpan) {
        if !range.contains(value) {
            error("\(what) must be between \(range.lowerBound) and \(range.upperBound), not \(value)", at: span)
        }
    }
}
