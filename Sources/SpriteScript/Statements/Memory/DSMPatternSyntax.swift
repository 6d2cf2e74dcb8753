import SpriteKernel

/// `pattern random|sequential|loop N pages|trace "…" over dsm SEG [working-set SIZE] [touch T] [writes P%]`:
/// a program's later compute bursts touch the shared segment's pages (help dsm).
extension PatternSyntax {
    /// The words that may follow the pattern's kind: `touch` and `writes` only once it runs over a segment.
    var itemWords: [String] {
        dsmSegment == nil ? ["over", "working-set"] : ["over", "working-set", "touch", "writes"]
    }

    /// The step the engine takes: a pattern over the space's segments, or over a shared segment.
    var kernelStep: SpriteKernel.ProgramStep {
        guard let dsmSegment else { return .pattern(accessPattern) }
        let order: DSMAccessPattern.Order
        switch kind {
        case .random: order = .random
        case .sequential: order = .sequential
        case .loop: order = .loop(pages: Int32(clamping: loopPages?.0 ?? 1))
        case .trace: order = .trace(trace?.0 ?? [0])
        }
        return .dsmPattern(DSMAccessPattern(segment: dsmSegment.text, order: order,
                                            workingSet: workingSet?.0.integer, touch: touch?.0.duration,
                                            writeShare: writes?.0.real))
    }

    /// The segment must be declared; the pattern's pages must lie in it; touch and writes must make sense.
    func checkOverDSM(_ segment: Name, _ checker: inout Checker) {
        if let (value, valueSpan) = touch {
            if value.integer <= 0 {
                checker.error("touch must be more than 0", at: valueSpan, help: "a page is touched every T of work")
            } else {
                checker.requireBetweenZeroAnd(value, Limits.duration, "touch", at: valueSpan)
            }
        }
        if let (value, valueSpan) = writes, value.real > 1 {
            checker.error("writes is a share from 0% to 100%", at: valueSpan, help: "such as writes 10%")
        }
        if let (value, valueSpan) = workingSet, value.integer <= 0 {
            checker.error("a working set is at least one byte", at: valueSpan, help: "such as working-set 64KB")
        }
        if let (count, countSpan) = loopPages, count < 1 {
            checker.error("a loop goes round at least one page", at: countSpan, help: "pattern loop 16 pages")
        }
        guard let symbol = checker.symbols.dsmSegments[segment.text] else {
            let known = checker.symbols.dsmSegments.keys.sorted()
            checker.error("unknown segment '\(segment.text)'" + checker.suggestion(for: segment.text, among: known),
                          at: segment.span,
                          help: known.isEmpty ? "declare it first: dsm \(segment.text) pages 4 on NODES"
                            : "declared segments: " + known.joined(separator: ", "))
            return
        }
        guard symbol.isValid else { return }
        let pages = Int64(symbol.pages)
        if let (count, countSpan) = loopPages, Int64(count) > pages {
            checker.error("the loop of \(count) pages is longer than \(segment.text)'s \(pages) pages",
                          at: countSpan, help: "loop over at most \(pages) pages, or declare more pages")
        }
        if let (list, listSpan) = trace, let past = list.first(where: { Int64($0) >= pages }) {
            checker.error("trace page \(past) is past \(segment.text)'s \(pages) pages", at: listSpan,
                          help: "pages of \(segment.text) are 0 to \(pages - 1)")
        }
        // As over a space: a working set larger than the segment names pages it does not have.
        let size = pages * symbol.pageSize
        if let (bytes, setSpan) = workingSet, bytes.integer > size {
            checker.error("the working set of \(Quantity.formatBytes(bytes.integer)) is larger than "
                          + "\(segment.text)'s \(Quantity.formatBytes(size)) (\(Plural.of(Int(pages), "page")))",
                          at: setSpan, help: "give a working set of at most \(Quantity.formatBytes(size)), "
                            + "or leave it out to use the whole segment")
        }
    }
}
