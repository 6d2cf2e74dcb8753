import SpriteKernel

/// pmake's trace lines, in text and in JSON, at `trace operations`: each job as it starts, and the build's end.
enum PmakeEventWords {
    static func describe(_ event: TraceEvent, _ c: RenderContext) -> String? {
        switch event {
        case .pmakeJobStarted(let build, let job, let process):
            return "pmake \(build): job \(job) starts as \(c.process(process))"
        case .pmakeEnded(let build, let makespan, let jobs, let failed):
            return "pmake \(build) done: \(Plural.of(jobs, "job")) in \(makespan)"
                + (failed > 0 ? ", \(failed) failed or never run" : "")
        default:
            return nil
        }
    }

    static func fields(_ event: TraceEvent, _ c: RenderContext) -> (String, [(String, JSONValue)])? {
        switch event {
        case .pmakeJobStarted(let build, let job, let process):
            return ("pmake.job", [("build", .string(build)), ("job", .string(job)),
                                  ("process", .string(c.process(process)))])
        case .pmakeEnded(let build, let makespan, let jobs, let failed):
            return ("pmake.done", [("build", .string(build)), ("makespan_ns", .int(makespan.nanoseconds)),
                                   ("jobs", .int(Int64(jobs))), ("failed", .int(Int64(failed)))])
        default:
            return nil
        }
    }
}
