import SpriteKernel

/// One JSON object per line, field names documented in docs/OUTPUT.md.
/// Times are integer nanoseconds (`t`, `*_ns`) plus a readable `time`.
struct JSONRenderer: Renderer {
    func render(_ item: OutputItem, context: RenderContext) -> [(String, OutputChannel)] {
        let object: [(String, JSONValue)]
        var stream = OutputChannel.output
        switch item {
        case .trace(let record):
            let (name, fields) = Self.fields(record.event, context)
            object = Self.stamp(record.time) + [("node", .string(context.node(record.node))), ("event", .string(name))]
                + fields
        case .echo(let time, let text):
            object = Self.stamp(time) + [("event", .string("echo")), ("text", .string(text))]
        case .expectation(let r):
            object = Self.stamp(r.time) + [("event", .string("expect")), ("ok", .bool(r.passed)),
                                           ("condition", .string(r.condition)), ("actual", r.actualValue),
                                           ("actual_text", .string(r.actual)), ("expected", r.expectedValue)]
                + (r.unit.map { [("unit", JSONValue.string($0))] } ?? []) + Self.location(r.span)
        case .table(let table):
            let rows: [JSONValue] = table.rows.map { row in
                .object(zip(table.columns, row).flatMap { $0.0.fields($0.1) })
            }
            object = [("event", .string("show")), ("table", .string(table.name)), ("what", .string(table.title)),
                      ("rows", .array(rows))] + table.fields
                + (table.notes.isEmpty ? [] : [("notes", .array(table.notes.map { .string($0) }))])
        case .text(let text):
            object = [("event", .string("text")), ("text", .string(text))]
        case .diagnostic(let d):
            object = [("event", .string("diagnostic")), ("severity", .string(d.severity.rawValue)),
                      ("kind", .string(Self.category(d.category))), ("message", .string(d.message))]
                + (d.span.map(Self.location) ?? []) + (d.help.map { [("help", JSONValue.string($0))] } ?? [])
            stream = .output
        case .summary(let s):
            let t = s.statistics
            let file: [(String, JSONValue)] = s.file.map { [("file", .string($0))] } ?? []
            let counts: [(String, Int64)] = [
                ("events", t.eventsProcessed), ("messages_sent", Int64(t.messagesSent)),
                ("messages_delivered", Int64(t.messagesDelivered)), ("messages_dropped", Int64(t.messagesDropped)),
                ("retransmissions", Int64(t.retransmissions)), ("local_messages", Int64(t.localMessages)),
                ("packets", t.packets), ("wire_bytes", t.wireBytes), ("rpc_calls", Int64(t.rpcCalls)),
                ("operations_done", Int64(t.operationsDone)), ("operations_failed", Int64(t.operationsFailed)),
                ("expects_passed", Int64(s.expectationsPassed)), ("expects_failed", Int64(s.expectationsFailed)),
                ("pending_events", Int64(s.pendingEvents)),
            ]
            object = Self.stamp(s.time) + [("event", .string("summary"))] + file + counts.map { ($0.0, .int($0.1)) }
                + (s.deadlocks > 0 ? [("deadlocks", .int(Int64(s.deadlocks)))] : [])
        case .deadlock(let time, let node, let processes, let locks):
            object = Self.stamp(time) + [("node", .string(context.node(node))), ("event", .string("deadlock")),
                                         ("processes", .array(processes.map { .string($0) })),
                                         ("locks", .array(locks.map { .string($0) }))]
        case .file(let name):
            object = [("event", .string("file")), ("file", .string(name))]
        }
        var lines = [(JSONValue.object(object).encoded, stream)]
        if case .diagnostic(let d) = item { lines += d.renderedLines.map { ($0, .error) } }
        return lines
    }

    static func stamp(_ time: SimTime) -> [(String, JSONValue)] {
        [("t", .int(time.nanoseconds)), ("time", .string(time.description))]
    }

    static func location(_ span: SourceSpan) -> [(String, JSONValue)] {
        [("file", .string(span.file.name)), ("line", .int(Int64(span.line))), ("column", .int(Int64(span.column)))]
    }

    static func category(_ category: Diagnostic.Category) -> String {
        switch category {
        case .syntax, .incomplete: "syntax"
        case .check: "check"
        case .runtime, .expectationBail, .outputFailed: "runtime"
        case .usage: "usage"
        case .limit: "limit"
        }
    }

    private static func ns(_ t: SimTime) -> JSONValue { .int(t.nanoseconds) }

    private static func label(_ op: Int32, _ c: RenderContext) -> [(String, JSONValue)] {
        [("op", .int(Int64(op)))] + (c.label(op).map { [("label", JSONValue.string($0))] } ?? [])
    }

    private static func text(_ t: String?) -> JSONValue { t.map { .string($0) } ?? .null }

    private static func message(_ m: MessageSummary, _ c: RenderContext) -> [(String, JSONValue)] {
        [("message_kind", .string(m.kind.rawValue)), ("from", .string(c.node(m.source))),
         ("to", .string(c.node(m.destination))),
         ("bytes", .int(m.payloadBytes)), ("packets", .int(m.packets)), ("wire_bytes", .int(m.wireBytes)),
         ("attempt", .int(Int64(m.attempt + 1)))]
    }

    static func fields(_ event: TraceEvent, _ c: RenderContext) -> (String, [(String, JSONValue)]) {
        if let file = FileEventFields.fields(event, c) { return file }
        if let dsm = DSMEventWords.fields(event, c) { return dsm }
        if let memory = MemoryEventWords.fields(event, c) { return memory }
        if let migration = MigrationEventWords.fields(event, c) { return migration }
        if let balancing = BalancingEventWords.fields(event, c) { return balancing }
        if let pmake = PmakeEventWords.fields(event, c) { return pmake }
        if let disk = DiskEventWords.fields(event, c) { return disk }
        switch event {
        case .messageSent(let m): return ("message.sent", message(m, c))
        case .messageDelivered(let m): return ("message.delivered", message(m, c))
        case .messageDropped(let m, let reason):
            let code: String = switch reason {
            case .loss: "loss"
            case .partition: "partition"
            case .destinationDown: "destination-down"
            case .senderCrashed: "sender-crashed"
            }
            return ("message.dropped", message(m, c) + [("reason", .string(code))])
        case .retransmitting(let m): return ("message.retransmit", message(m, c))
        case .vSent(let op, let from, let to, let t, let bytes):
            return ("v.send", label(op, c) + [("process", .string(c.process(from))), ("to", .string(c.process(to))),
                                               ("text", text(t)), ("bytes", .int(bytes))])
        case .vReceived(let op, let p, let from, let t, let bytes, let waited):
            return ("v.receive", label(op, c) + [("process", .string(c.process(p))), ("from", .string(c.process(from))),
                                                  ("text", text(t)), ("bytes", .int(bytes)), ("waited_ns", ns(waited))])
        case .vReplied(let op, let p, let to, let t, let bytes):
            return ("v.reply", label(op, c) + [("process", .string(c.process(p))), ("to", .string(c.process(to))),
                                                ("text", text(t)), ("bytes", .int(bytes))])
        case .vUnblocked(let op, let p, let t, let elapsed, let penalty):
            return ("v.unblocked", label(op, c) + [("process", .string(c.process(p))), ("text", text(t)),
                                                    ("elapsed_ns", ns(elapsed)), ("penalty_ns", ns(penalty))])
        case .moveCompleted(let op, let dir, let p, let peer, let bytes, let elapsed, let penalty, let packets):
            return ("move.done", label(op, c) + [("direction", .string(dir.rawValue)),
                                                  ("process", .string(c.process(p))),
                                                  ("peer", .string(c.process(peer))), ("bytes", .int(bytes)),
                                                  ("elapsed_ns", ns(elapsed)), ("penalty_ns", ns(penalty)),
                                                  ("packets", .int(packets))])
        case .computeCompleted(let op, let p, let d):
            return ("compute.done", label(op, c) + [("process", .string(c.process(p))), ("elapsed_ns", ns(d))])
        case .rpcCompleted(let op, let call, let calls, let client, let server, let elapsed, let penalty, let packets):
            return ("rpc.done", label(op, c) + [("call", .int(Int64(call))), ("calls", .int(Int64(calls))),
                                                 ("client", .string(c.node(client))),
                                                 ("server", .string(c.node(server))),
                                                 ("elapsed_ns", ns(elapsed)), ("penalty_ns", ns(penalty)),
                                                 ("packets", .int(packets))])
        case .rpcSeriesCompleted(let op, let client, let server, let calls, let elapsed, let mean, let penalty,
                                 let packets):
            return ("rpc.series.done", label(op, c) + [("client", .string(c.node(client))),
                                                        ("server", .string(c.node(server))),
                                                        ("calls", .int(Int64(calls))), ("elapsed_ns", ns(elapsed)),
                                                        ("mean_ns", ns(mean)), ("penalty_ns", ns(penalty)),
                                                        ("packets", .int(packets))])
        case .operationFailed(let op, let failure):
            // The process whose step failed, as the text line names it; none for a node's own step or an rpc.
            let record = c.simulation.operation(op)
            let process = record?.scheduledProcess ?? record?.process.map(c.process)
            return ("op.failed", label(op, c) + (process.map { [("process", JSONValue.string($0))] } ?? [])
                        + [("reason", .string(EventWords.failureCode(failure))),
                           ("message", .string(EventWords.words(failure, of: op, c)))])
        case .nodeCrashed(let node, let lost):
            return ("node.crash", [("crashed", .string(c.node(node))), ("lost_messages", .int(Int64(lost)))])
        case .nodeRestarted(let node):
            return ("node.restart", [("restarted", .string(c.node(node)))])
        case .partitioned(let groups):
            return ("network.partition", [("groups", .array(groups.map { .array($0.map { .string(c.node($0)) }) }))])
        case .healed:
            return ("network.heal", [])
        default:
            return ("event", [])
        }
    }
}
