import SpriteKernel

/// `pattern random|sequential [over code|data|stack] [working-set SIZE] | pattern loop N pages [over SEG] |
/// pattern trace "0 1 2 7 0 1" [over SEG]`: in a space, and as a program step. A program step may also run
/// over a shared segment: `over dsm SEG [touch T] [writes P%]`.
struct PatternSyntax: Sendable {
    enum Kind: String, CaseIterable, Sendable { case random, sequential, loop, trace }

    var kind: Kind
    var segment: SegmentKind = .data
    var workingSet: (Quantity, SourceSpan)?
    var loopPages: (Int, SourceSpan)?
    var trace: ([Int32], SourceSpan)?
    /// `over dsm SEG`: the shared segment, with the touch and writes of the step's own (else the space's).
    var dsmSegment: Name?
    var touch: (Quantity, SourceSpan)?
    var writes: (Quantity, SourceSpan)?
    let span: SourceSpan

    /// After the word `pattern`.
    static func parse(_ parser: inout Parser, at keyword: Name,
                      allowsDSM: Bool = true) throws(Diagnostic) -> PatternSyntax {
        let kind = try parser.parseChoice(Kind.self, "access pattern", "patterns")
        var pattern = PatternSyntax(kind: kind, span: keyword.span)
        switch kind {
        case .loop:
            let token = parser.peek
            pattern.loopPages = (try parser.parseCount("the pages the loop goes round"), token.span)
            // "1 page" reads as well as "2 pages".
            if parser.accept("page") == nil { _ = try parser.expectWord("pages") }
        case .trace:
            let (text, span) = try parser.parseString("the pages, such as \"0 1 2 7 0 1\"")
            var pages: [Int32] = []
            for word in text.split(separator: " ") {
                guard let page = Int32(word), page >= 0 else {
                    throw Diagnostic(.check, "'\(word)' is not a page number", at: span,
                                     help: "write the pages as numbers from 0, separated by spaces")
                }
                pages.append(page)
            }
            guard !pages.isEmpty else {
                throw Diagnostic(.check, "a trace needs at least one page", at: span,
                                 help: "give the pages in order, such as \"0 1 2 7 0 1\"")
            }
            guard pages.count <= Limits.tracePages else {
                throw Diagnostic(.limit, "a trace has 1 to \(Limits.tracePages) pages", at: span,
                                 help: "give the pages in order, such as \"0 1 2 7 0 1\"")
            }
            pattern.trace = (pages, span)
        case .random, .sequential: break
        }
        while !parser.atStatementEnd, pattern.itemWords.contains(parser.peek.text) {
            if parser.accept("touch") != nil {
                pattern.touch = try parser.parseQuantity(.duration)
            } else if parser.accept("writes") != nil {
                pattern.writes = try parser.parseQuantity(.percent)
            } else if parser.accept("over") != nil {
                if allowsDSM { parser.offer(["dsm"]) }
                if let word = parser.accept("dsm") {
                    guard allowsDSM else {
                        throw Diagnostic(.check, "a space's pattern runs over its own segments", at: word.span,
                                         help: "touch a shared segment from a program step: "
                                            + "program P { pattern random over dsm S; compute 10ms }")
                    }
                    pattern.dsmSegment = try parser.parseName("a segment name")
                    parser.offer(pattern.itemWords)
                    continue
                }
                pattern.segment = try parser.parseChoice(SegmentKind.self, "segment", "segments")
            } else {
                parser.advance()
                guard kind == .random || kind == .sequential else {
                    throw Diagnostic(.check, "a \(kind.rawValue) pattern has no working set",
                                     at: parser.peek(ahead: -1).span, help: "loop and trace name their pages")
                }
                pattern.workingSet = try parser.parseQuantity(.size)
            }
        }
        return pattern
    }

    var accessPattern: AccessPattern {
        switch kind {
        case .random: .random(segment, workingSet: workingSet?.0.integer)
        case .sequential: .sequential(segment, workingSet: workingSet?.0.integer)
        case .loop: .loop(segment, pages: Int64(loopPages?.0 ?? 1))
        case .trace: .trace(segment, trace?.0 ?? [0])
        }
    }

    /// Its pages must lie in the segment (`pages`: the segment's pages, nil when unknown).
    func check(segmentPages pages: Int64?, _ checker: inout Checker) {
        if let dsmSegment { return checkOverDSM(dsmSegment, &checker) }
        if let (count, countSpan) = loopPages, count < 1 {
            checker.error("a loop goes round at least one page", at: countSpan, help: "pattern loop 16 pages")
        }
        guard let pages else { return }
        if pages == 0 {
            checker.error("the pattern runs over \(segment.rawValue), which has no pages", at: span,
                          help: "give the space's \(segment.rawValue) a size, or run the pattern over another segment")
            return
        }
        let segmentPages = Plural.of(pages, "page")
        let valid = pages == 1 ? "the only page of \(segment.rawValue) is page 0"
            : "pages of \(segment.rawValue) are 0 to \(pages - 1)"
        if let (count, countSpan) = loopPages, Int64(count) > pages {
            checker.error("the loop of \(Plural.of(count, "page")) is longer than \(segment.rawValue)'s "
                          + segmentPages, at: countSpan,
                          help: "loop over at most \(segmentPages), or make the segment larger")
        }
        if let (list, listSpan) = trace, let past = list.first(where: { Int64($0) >= pages }) {
            checker.error("trace page \(past) is past \(segment.rawValue)'s \(segmentPages)", at: listSpan,
                          help: valid)
        }
        // A working set is the segment's first bytes: one larger than the segment names pages it does not have.
        let page = checker.symbols.pageSize
        if let (bytes, setSpan) = workingSet, pages <= Int64.max / page, bytes.integer > pages * page {
            checker.error("the working set of \(Quantity.formatBytes(bytes.integer)) is larger than "
                          + "\(segment.rawValue)'s \(Quantity.formatBytes(pages * page)) (\(segmentPages))",
                          at: setSpan, help: "give a working set of at most \(Quantity.formatBytes(pages * page)), "
                            + "or leave it out to use the whole segment")
        }
    }
}
