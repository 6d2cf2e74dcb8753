import SpriteKernel

/// Words and JSON fields for virtual memory's trace events.
enum MemoryEventWords {
    static func describe(_ event: TraceEvent, _ c: RenderContext) -> String? {
        switch event {
        case .pageFault(let process, let segment, let page, let write, let source, let wait):
            let access = write ? "write" : "read"
            let served: String = switch source {
            case .zeroFill: "zero-fill"
            case .swap: "page-in from swap, \(wait)"
            case .file(let path): "page-in from \(path), \(wait)"
            case .shared: "waited for its page to come, \(wait)"
            case .migrationSource(let node): "fetched from \(c.node(node)), the node it left, \(wait)"
            }
            return "page fault  \(c.process(process)) \(segment.rawValue) \(page) (\(access)): \(served)"
        case .pagingSummary(let faults, let zeroFills, let pageIns, let pageOuts, let wait):
            return "paging: \(Plural.of(faults, "fault")) (\(zeroFills) zero-fill, \(Plural.of(pageIns, "page-in"))), "
                + "\(Plural.of(pageOuts, "page-out")), \(wait) waiting"
        case .pagesSynced(let pages):
            return "sync: writes out \(Plural.of(pages, "dirty page"))"
        case .pagingFailed(let process, let segment, let page, let failure):
            return "page \(page) of \(c.process(process))'s \(segment.rawValue) could not be had: "
                + EventWords.words(failure, c) + "; \(c.process(process)) killed"
        default:
            return nil
        }
    }

    static func fields(_ event: TraceEvent, _ c: RenderContext) -> (String, [(String, JSONValue)])? {
        switch event {
        case .pageFault(let process, let segment, let page, let write, let source, let wait):
            var from: (String, String?) = ("zero-fill", nil)
            switch source {
            case .zeroFill: break
            case .swap: from = ("swap", nil)
            case .file(let path): from = ("file", path)
            case .shared: from = ("shared", nil)
            case .migrationSource: from = ("migration-source", nil)
            }
            return ("page.fault", [("process", .string(c.process(process))), ("segment", .string(segment.rawValue)),
                                   ("page", .int(page)), ("write", .bool(write)), ("source", .string(from.0)),
                                   ("path", from.1.map { .string($0) } ?? .null), ("wait_ns", .int(wait.nanoseconds))])
        case .pagingSummary(let faults, let zeroFills, let pageIns, let pageOuts, let wait):
            return ("page.summary", [("faults", .int(Int64(faults))), ("zero_fills", .int(Int64(zeroFills))),
                                     ("page_ins", .int(Int64(pageIns))), ("page_outs", .int(Int64(pageOuts))),
                                     ("wait_ns", .int(wait.nanoseconds))])
        case .pagesSynced(let pages):
            return ("page.sync", [("pages", .int(Int64(pages)))])
        case .pagingFailed(let process, let segment, let page, let failure):
            return ("page.failed", [("process", .string(c.process(process))), ("segment", .string(segment.rawValue)),
                                    ("page", .int(page)), ("reason", .string(EventWords.failureCode(failure))),
                                    ("message", .string(EventWords.words(failure, c)))])
        default:
            return nil
        }
    }
}
