import SpriteKernel

/// `expect dsm SEG [page N] FIELD OP VALUE`: a segment's (or one page's) DSM counts.
enum ExpectDSM {
    static let fields: [String: Dimension] = [
        "faults": .count, "read-faults": .count, "write-faults": .count, "transfers": .count,
        "invalidations": .count, "ping-pongs": .count, "diffs": .count, "messages": .count, "bytes": .size,
    ]

    static func parse(_ parser: inout Parser) throws(Diagnostic) -> ExpectSubject {
        let segment = try parser.parseName("a segment name")
        var page: (Int, SourceSpan)?
        if parser.accept("page") != nil {
            let token = parser.peek
            page = (try parser.parseCount("a page number"), token.span)
        }
        let names = fields.keys.sorted()
        parser.offer(names)
        let field = try parser.parseName("what to check (" + names.joined(separator: ", ") + ")")
        return .dsm(segment, page: page, field: field)
    }

    static func resolve(_ segment: Name, page: (Int, SourceSpan)?, field: Name,
                        _ checker: inout Checker) -> Dimension?? {
        guard let symbol = checker.symbols.dsmSegments[segment.text] else {
            ShowDSM.check(segment, &checker)
            return nil
        }
        if let (number, at) = page, number >= symbol.pages {
            checker.error("page \(number) is past \(segment.text)'s \(Plural.of(symbol.pages, "page"))", at: at,
                          help: "pages are numbered from 0 to \(symbol.pages - 1)")
            return nil
        }
        guard let dimension = fields[field.text] else {
            checker.error("dsm has no field '\(field.text)'\(Suggestions.didYouMean(field.text, among: fields.keys))",
                          at: field.span, help: "fields: " + fields.keys.sorted().joined(separator: " "))
            return nil
        }
        return .some(dimension)
    }

    static func measure(_ segment: Name, page: (Int, SourceSpan)?, field: String,
                        _ interpreter: Interpreter) throws(Diagnostic) -> ExpectStatement.Measured {
        let s = interpreter.simulation
        guard let view = s.dsmView(of: segment.text, page: page.map { Int32($0.0) }) else {
            throw Diagnostic(.runtime, "segment '\(segment.text)' does not exist at \(s.now)", at: segment.span,
                             help: "check it after the dsm statement that declares it")
        }
        // Without a page, messages and bytes are the segment's (its locks' and barriers' too).
        if page == nil, field == "messages" { return .number(view.messages, .count) }
        if page == nil, field == "bytes" { return .number(view.bytes, .size) }
        var total: Int64 = 0
        for p in view.pages {
            let value: Int64 = switch field {
            case "faults": Int64(p.faults)
            case "read-faults": Int64(p.readFaults)
            case "write-faults": Int64(p.writeFaults)
            case "transfers": Int64(p.transfers)
            case "invalidations": Int64(p.invalidations)
            case "ping-pongs": Int64(p.pingPongs)
            case "diffs": Int64(p.diffs)
            case "messages": Int64(p.messages)
            default: p.bytes
            }
            total += value
        }
        return .number(total, field == "bytes" ? .size : .count)
    }
}
