import SpriteKernel

/// A disk request's trace line, in text and in JSON, at `trace messages`: what the arm read or wrote, for
/// what, and when it served it (first come first served: a wait for the arm is said).
enum DiskEventWords {
    static func describe(_ event: TraceEvent, _ c: RenderContext) -> String? {
        guard case .diskRequest(let request) = event else { return nil }
        let blocks = request.firstBlock == request.lastBlock ? "block \(request.firstBlock)"
            : "blocks \(request.firstBlock)..\(request.lastBlock)"
        let waited = request.start > request.requested ? ", after waiting \(request.start - request.requested)" : ""
        return "disk \(request.writes ? "write" : "read") \(request.path ?? "swap") \(blocks) "
            + "(\(EventWords.bytes(request.bytes)), \(request.purpose.rawValue)): "
            + "\(request.start) to \(request.end)\(waited)"
    }

    static func fields(_ event: TraceEvent, _ c: RenderContext) -> (String, [(String, JSONValue)])? {
        guard case .diskRequest(let request) = event else { return nil }
        return ("disk.request", [("purpose", .string(request.purpose.rawValue)), ("write", .bool(request.writes)),
                                 ("path", request.path.map { .string($0) } ?? .null),
                                 ("first_block", .int(request.firstBlock)), ("last_block", .int(request.lastBlock)),
                                 ("blocks", .int(request.blocks)), ("bytes", .int(request.bytes)),
                                 ("requested_ns", .int(request.requested.nanoseconds)),
                                 ("start_ns", .int(request.start.nanoseconds)),
                                 ("end_ns", .int(request.end.nanoseconds)), ("sequential", .bool(request.sequential))])
    }
}
