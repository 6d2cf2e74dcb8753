import SpriteKernel

/// A program's DSM step, as written.
struct DSMStep: Sendable {
    enum Kind: Sendable {
        case access(segment: Name, offset: Quantity, size: Quantity?, write: Bool)
        case acquire(Name)
        case release(Name)
        case barrier(Name, parties: Int)
    }

    let kind: Kind
    let span: SourceSpan
    /// Where the offset, size or parties were written.
    var valueSpans: [SourceSpan] = []

    static let words = ["read", "write", "acquire", "release", "barrier"]
    /// An access without `size` reads or writes one 8-byte word.
    static let defaultSize: Int64 = 8

    static func parse(_ parser: inout Parser) throws(Diagnostic) -> DSMStep {
        parser.offer(words)
        let word = try parser.parseName("read, write, acquire, release or barrier")
        var spans: [SourceSpan] = []
        let kind: Kind
        switch word.text {
        case "read", "write":
            let segment = try parser.parseName("a segment name")
            let (offset, offsetSpan) = try parser.parseQuantity(.size)
            spans.append(offsetSpan)
            var size: Quantity?
            if parser.accept("size") != nil {
                let (value, sizeSpan) = try parser.parseQuantity(.size)
                size = value
                spans.append(sizeSpan)
            }
            kind = .access(segment: segment, offset: offset, size: size, write: word.text == "write")
        case "acquire": kind = .acquire(try parser.parseName("a DSM lock name"))
        case "release": kind = .release(try parser.parseName("a DSM lock name"))
        case "barrier":
            let name = try parser.parseName("a DSM barrier name")
            _ = try parser.expectWord("parties")
            let token = parser.peek
            let parties = try parser.parseCount("the number of parties")
            spans.append(token.span)
            kind = .barrier(name, parties: parties)
        default:
            let hint = Suggestions.didYouMean(word.text, among: words)
            throw Diagnostic(.syntax, "unknown dsm step '\(word.text)'\(hint)", at: word.span,
                             help: "dsm read|write SEG OFFSET [size SIZE] | dsm acquire LOCK | "
                                + "dsm release LOCK | dsm barrier B parties N")
        }
        return DSMStep(kind: kind, span: word.span.through(parser.peek(ahead: -1).span), valueSpans: spans)
    }

    func check(_ checker: inout Checker) {
        let at = { (index: Int) in index < valueSpans.count ? valueSpans[index] : span }
        switch kind {
        case .access(let segment, let offset, let size, _):
            guard let symbol = checker.symbols.dsmSegments[segment.text] else {
                let known = checker.symbols.dsmSegments.keys.sorted()
                checker.error("unknown segment '\(segment.text)'"
                              + checker.suggestion(for: segment.text, among: known), at: segment.span,
                              help: known.isEmpty ? "declare it first: dsm \(segment.text) pages 4 on NODES"
                                : "declared segments: " + known.joined(separator: ", "))
                return
            }
            // A segment refused by its own statement was reported there: no second error here.
            guard symbol.isValid else { return }
            let bytes = size?.integer ?? Self.defaultSize
            let total = Int64(symbol.pages) * symbol.pageSize
            if bytes < 1 {
                checker.error("size must be greater than zero, not \(Self.exactBytes(bytes))",
                              at: at(valueSpans.count > 1 ? 1 : 0), help: "for example: size 8B (one word)")
            } else if offset.integer < 0 || offset.integer >= total {
                checker.error("offset \(Quantity.formatBytes(offset.integer)) is past \(segment.text)'s "
                              + "\(Quantity.formatBytes(total)) (\(symbol.pages) pages of "
                              + "\(Quantity.formatBytes(symbol.pageSize)))", at: at(0),
                              help: "give an offset below \(Quantity.formatBytes(total))")
            } else if (offset.integer + bytes - 1) / symbol.pageSize != offset.integer / symbol.pageSize {
                checker.error("the access of \(Self.exactBytes(bytes)) at \(Self.exactBytes(offset.integer)) "
                              + "crosses a page boundary of \(segment.text)", at: at(valueSpans.count > 1 ? 1 : 0),
                              help: "an access stays within one \(Quantity.formatBytes(symbol.pageSize)) page: "
                                + "split it in two steps")
            }
        case .acquire(let name), .release(let name), .barrier(let name, _):
            if checker.symbols.dsmSegments.isEmpty {
                checker.error("DSM locks and barriers belong to a segment; none is declared", at: name.span,
                              help: "declare one first: dsm S pages 4 on NODES")
            }
            if case .barrier(_, let parties) = kind {
                checker.requireRange(parties, 1...Limits.barrierParties, "parties", at: at(0))
            }
        }
    }

    /// A size as written, never rounded: 8190B stays 8190B (rounded it would read 8KB, a page boundary).
    static func exactBytes(_ value: Int64) -> String {
        for (scale, unit) in [(Int64(1) << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")]
        where value != 0 && value % scale == 0 {
            return "\(value / scale)\(unit)"
        }
        return "\(value)B"
    }

    var kernelStep: SpriteKernel.ProgramStep {
        switch kind {
        case .access(let segment, let offset, let size, let write):
            .dsmAccess(segment: segment.text, offset: offset.integer, size: size?.integer ?? Self.defaultSize,
                       write: write)
        case .acquire(let name): .dsmAcquire(name.text)
        case .release(let name): .dsmRelease(name.text)
        case .barrier(let name, let parties): .dsmBarrier(name.text, parties: parties)
        }
    }
}
