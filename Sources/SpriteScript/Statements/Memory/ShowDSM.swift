import SpriteKernel

/// `show dsm SEG`: the segment's manager and model, then each page that saw a fault or a message.
enum ShowDSM {
    static func check(_ name: Name, _ checker: inout Checker) {
        guard checker.symbols.dsmSegments[name.text] == nil else { return }
        let known = checker.symbols.dsmSegments.keys.sorted()
        checker.error("unknown segment '\(name.text)'" + checker.suggestion(for: name.text, among: known),
                      at: name.span, help: known.isEmpty ? "declare one first: dsm \(name.text) pages 4 on NODES"
                        : "declared segments: " + known.joined(separator: ", "))
    }

    static func show(_ name: Name, _ interpreter: Interpreter) throws(Diagnostic) {
        let s = interpreter.simulation
        guard let view = s.dsmView(of: name.text) else {
            throw Diagnostic(.runtime, "segment '\(name.text)' does not exist at \(s.now)", at: name.span,
                             help: "declare it before showing it: dsm \(name.text) pages 4 on NODES")
        }
        let rows: [[Cell]] = view.pages.filter { $0.faults > 0 || $0.messages > 0 || $0.lostIn != nil }.map { p in
            let owner = p.lostIn.map { "lost (\(s.nodeName($0)))" } ?? s.nodeName(p.owner)
            return [.count(Int64(p.page)), .text(owner), .text(p.holders.map(s.nodeName).joined(separator: " ")),
                    .count(Int64(p.faults)), .count(Int64(p.readFaults)), .count(Int64(p.writeFaults)),
                    .count(Int64(p.transfers)), .count(Int64(p.invalidations)), .count(Int64(p.pingPongs)),
                    .count(Int64(p.diffs)), .count(Int64(p.messages)), .bytes(p.bytes)]
        }
        let spec = view.spec
        var manager = spec.manager.name
        if view.managerNode >= 0 { manager += " on " + s.nodeName(view.managerNode) }
        let title = "dsm \(spec.name): \(Plural.of(Int(spec.pages), "page")) of \(Quantity.formatBytes(spec.pageSize))"
            + " on \(spec.nodes.map(s.nodeName).joined(separator: ", ")); manager \(manager); "
            + spec.consistency.rawValue
        let quiet = view.pages.count - rows.count
        var notes = ["  \(Plural.of(Int(view.messages), "message")), \(Quantity.formatBytes(view.bytes)) "
                     + "(pages, locks and barriers)"]
        if quiet > 0 { notes.append("  \(Plural.of(quiet, "page")) not touched by another node: not listed") }
        interpreter.emit(.table(Table(
            name: "dsm", title: title,
            columns: ["page", "owner", "copies", "faults", Column("read", key: "read_faults", dropRank: 1),
                      Column("write", key: "write_faults", dropRank: 2), Column("transfers", short: "moves"),
                      Column("invalidations", short: "inval"), Column("ping-pongs", short: "pongs"),
                      Column("diffs", dropRank: 3), Column("messages", short: "msgs"),
                      "bytes"],
            rows: rows, notes: notes)))
    }
}
