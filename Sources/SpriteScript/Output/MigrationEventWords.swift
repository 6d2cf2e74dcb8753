import SpriteKernel

/// Process migration's trace lines, in text and in JSON: asked for and done at `trace operations`, each
/// phase at `trace messages`.
enum MigrationEventWords {
    static func describe(_ event: TraceEvent, _ c: RenderContext) -> String? {
        switch event {
        case .migrationStarted(let process, let from, let to, let strategy, let execTime):
            return "migrate \(c.process(process)) \(c.node(from)) -> \(c.node(to)) begins ("
                + (execTime ? "exec-time, " : "") + "\(strategy))"
        case .migrationPhase(let process, let phase, let peer, let elapsed, let bytes, let calls):
            return "migrate \(c.process(process)) \(phase) with \(c.node(peer)): \(Plural.of(calls, "rpc")), "
                + "\(EventWords.bytes(bytes)), \(elapsed)"
        case .migrationDone(let process, let from, let to, let freeze, let total, let bytes, let files):
            return "migrate \(c.process(process)) \(c.node(from)) -> \(c.node(to)) done: frozen \(freeze), "
                + "total \(total), \(EventWords.bytes(bytes)), \(Plural.of(files, "open file"))"
        case .migrationFailed(let process, let from, let to, let reason):
            return "migrate \(c.process(process)) \(c.node(from)) -> \(c.node(to)) FAILED: \(words(reason, c))"
        case .homeCrashKill(let process, let home, let node):
            return "kill \(c.process(process)) on \(c.node(node)): its call home to \(c.node(home)) failed, and with "
                + "the home its location-dependent state"
        default:
            return nil
        }
    }

    static func words(_ failure: MigrationFailure, _ c: RenderContext) -> String {
        switch failure {
        case .processEnded: "the process ended first"
        case .spinning: "the process spins on a lock"
        case .phaseFailed(let phase, let failure): "\(phase.rawValue): " + EventWords.words(failure, c)
        }
    }

    static func fields(_ event: TraceEvent, _ c: RenderContext) -> (String, [(String, JSONValue)])? {
        switch event {
        case .migrationStarted(let process, let from, let to, let strategy, let execTime):
            return ("migration.start", [("process", .string(c.process(process))), ("from", .string(c.node(from))),
                                        ("to", .string(c.node(to))), ("strategy", .string(strategy)),
                                        ("exec_time", .bool(execTime))])
        case .migrationPhase(let process, let phase, let peer, let elapsed, let bytes, let calls):
            return ("migration.phase", [("process", .string(c.process(process))), ("phase", .string(phase)),
                                        ("peer", .string(c.node(peer))), ("elapsed_ns", .int(elapsed.nanoseconds)),
                                        ("bytes", .int(bytes)), ("calls", .int(Int64(calls)))])
        case .migrationDone(let process, let from, let to, let freeze, let total, let bytes, let files):
            return ("migration.done", [("process", .string(c.process(process))), ("from", .string(c.node(from))),
                                       ("to", .string(c.node(to))), ("freeze_ns", .int(freeze.nanoseconds)),
                                       ("total_ns", .int(total.nanoseconds)), ("bytes", .int(bytes)),
                                       ("open_files", .int(Int64(files)))])
        case .migrationFailed(let process, let from, let to, let reason):
            return ("migration.failed", [("process", .string(c.process(process))), ("from", .string(c.node(from))),
                                         ("to", .string(c.node(to))), ("reason", .string(words(reason, c)))])
        case .homeCrashKill(let process, let home, let node):
            return ("migration.home-lost", [("process", .string(c.process(process))), ("home", .string(c.node(home))),
                                            ("on", .string(c.node(node)))])
        default:
            return nil
        }
    }
}
