import SpriteKernel

/// DSM's trace lines (at `trace faults`), in text and in JSON.
enum DSMEventWords {
    static func describe(_ event: TraceEvent, _ c: RenderContext) -> String? {
        switch event {
        case .dsmFault(let process, let segment, let page, let write, let from, let messages, let waited):
            let source = from >= 0 ? " from \(c.node(from))" : " by diffs"
            return "dsm \(write ? "write" : "read") fault \(c.process(process)) \(segment) page \(page)\(source), "
                + "\(messages) msgs, \(waited)"
        case .dsmInvalidated(let segment, let page, let by):
            return "dsm invalidate \(segment) page \(page) (for \(c.node(by)))"
        default:
            return nil
        }
    }

    static func fields(_ event: TraceEvent, _ c: RenderContext) -> (String, [(String, JSONValue)])? {
        switch event {
        case .dsmFault(let process, let segment, let page, let write, let from, let messages, let waited):
            return ("dsm.fault", [("process", .string(c.process(process))), ("segment", .string(segment)),
                                  ("page", .int(Int64(page))), ("write", .bool(write)),
                                  ("from", from >= 0 ? .string(c.node(from)) : .null),
                                  ("messages", .int(Int64(messages))), ("waited_ns", .int(waited.nanoseconds))])
        case .dsmInvalidated(let segment, let page, let by):
            return ("dsm.invalidate", [("segment", .string(segment)), ("page", .int(Int64(page))),
                                       ("by", .string(c.node(by)))])
        default:
            return nil
        }
    }
}
