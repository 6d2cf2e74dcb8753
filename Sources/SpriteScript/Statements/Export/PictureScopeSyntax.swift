import SpriteKernel

/// `[lanes node|process] [nodes A, B …] [from T] [to T] [collapse]` after an export's file name: a lane per
/// node or per process, which nodes, which stretch of time, and whether repeated exchanges are drawn once.
struct PictureScopeSyntax: Sendable {
    var lanes = LaneKind.node
    var nodes: [Name] = []
    var window = TimelineWindow()
    var collapse: SourceSpan?

    static func parse(_ parser: inout Parser, kind: String, collapsible: Bool) throws(Diagnostic)
        -> PictureScopeSyntax {
        var scope = PictureScopeSyntax()
        if parser.accept("lanes") != nil { scope.lanes = try parseLanes(&parser) }
        if parser.accept("nodes") != nil { scope.nodes = try parser.parseNameList("a node to draw") }
        scope.window = try TimelineWindow.parse(&parser)
        if collapsible {
            scope.collapse = parser.accept("collapse")?.span
        } else if let word = parser.accept("collapse") {
            throw Diagnostic(.check, "'collapse' does not apply to an exported \(kind)", at: word.span,
                             help: "\(kind) keeps every message, as its vector clocks need them; "
                                + "collapse is for diagram and mermaid")
        }
        return scope
    }

    /// `node` or `process`, after `lanes`.
    static func parseLanes(_ parser: inout Parser) throws(Diagnostic) -> LaneKind {
        let words = LaneKind.allCases.map(\.rawValue)
        parser.offer(words)
        let word = try parser.parseName("what a lane is: node or process")
        guard let kind = LaneKind(rawValue: word.text) else {
            throw Diagnostic(.check, "unknown lane kind '\(word.text)'"
                             + Suggestions.didYouMean(word.text, among: words), at: word.span,
                             help: "'lanes node' draws a lane per node (the default), 'lanes process' one per "
                                + "process and one per node's kernel")
        }
        return kind
    }

    func check(_ checker: inout Checker) {
        for node in nodes { _ = checker.resolveNode(node) }
        window.check(&checker)
    }

    /// The scope with names resolved (the checker has already found them).
    func resolve(_ interpreter: Interpreter) throws(Diagnostic) -> PictureScope {
        var scope = PictureScope()
        if !nodes.isEmpty {
            var chosen: [Int] = []
            for name in nodes {
                let node = try interpreter.node(name)
                if !chosen.contains(node) { chosen.append(node) }
            }
            scope.nodes = chosen
        }
        scope.from = window.from?.0.duration ?? .zero
        scope.to = window.to?.0.duration ?? .never
        scope.collapse = collapse != nil
        scope.lanes = lanes
        return scope
    }
}
