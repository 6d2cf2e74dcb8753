import SpriteKernel

/// `show pmake [NAME]`: each build's jobs (host, start, end) and a summary of where the time went.
enum ShowPmake {
    static func check(_ name: Name?, _ checker: inout Checker) {
        guard let name, !checker.symbols.pmakes.contains(name.text) else { return }
        let builds = checker.symbols.pmakes
        checker.error("unknown build '\(name.text)'\(checker.suggestion(for: name.text, among: builds.sorted()))",
                      at: name.span, help: builds.isEmpty ? "start one first: pmake NAME on HOME …"
                        : checker.declared("builds", builds))
    }

    static func show(_ name: Name?, _ interpreter: Interpreter) {
        let s = interpreter.simulation
        let reports = s.pmakeReports.filter { name == nil || $0.name == name?.text }
        if reports.isEmpty {
            interpreter.emit(.text("no build has been started (help pmake)"))
        }
        for report in reports { interpreter.emit(.table(table(report, s))) }
    }

    static func table(_ r: PmakeReport, _ s: Simulation) -> Table {
        let rows: [[Cell]] = r.jobs.map { job in
            [.text(job.name), .text(job.process.map { s.processName(Int($0.index)) } ?? "-"),
             job.host.map { .text(s.nodeName($0)) } ?? .none, .flag(job.remote), job.start.map(Cell.time) ?? .none,
             job.end.map(Cell.time) ?? .none, .time(job.blocked), .text(job.state.rawValue)]
        }
        let mode = r.parallel == 1 ? "hosts 1: plain make, every job on \(s.nodeName(r.home))"
            : "hosts \(r.parallel): at most \(r.parallel) jobs at once, on idle hosts by remote exec"
        return Table(name: "pmake", title: "pmake \(r.name) on \(s.nodeName(r.home)), \(mode)",
                     columns: ["job", "process", "host", Column("remote", key: "migrated"),
                               Column("start", key: "start_ns"), Column("end", key: "end_ns"),
                               Column("blocked", key: "blocked_ns"), "state"],
                     rows: rows, notes: notes(r, s), fields: fields(r, s))
    }

    static func share(_ part: SimTime, of whole: SimTime?) -> Double? {
        guard let whole, whole > .zero else { return nil }
        return part.seconds / whole.seconds
    }

    private static func notes(_ r: PmakeReport, _ s: Simulation) -> [String] {
        guard let makespan = r.makespan else {
            let done = r.jobs.filter { $0.state == .done }.count
            return ["  under way: \(done) of \(Plural.of(r.jobs.count, "job")) done since \(r.started)"]
        }
        var speed = "no hosts 1 build of the same jobs has finished: no speedup"
        if r.baseline?.name == r.name {
            speed = "the baseline other builds of the same jobs are compared with"
        } else if let baseline = r.baseline, let speedup = r.speedup {
            speed = "speedup \(ProcessTables.plain(speedup)) over \(baseline.name) (hosts 1, \(baseline.makespan))"
        }
        let failed = r.jobs.filter { $0.state == .failed || $0.state == .skipped }.count
        var lines = ["  makespan \(makespan) (\(r.started) to \(r.started + makespan)); \(speed)",
                     "  \(Plural.of(r.jobs.count, "job")), \(r.remoteJobs) run remotely"
                        + (failed > 0 ? ", \(failed) failed or never run" : "")]
        var went: [String] = []
        if let server = r.server {
            went.append("\(s.nodeName(server)) CPU \(percent(r.serverCPU, makespan)) (\(r.serverCPU))")
        }
        if let disk = r.disk { went.append("\(s.nodeName(disk)) disk \(percent(r.diskBusy, makespan))") }
        went.append("network \(percent(r.networkBusy, makespan))")
        lines.append("  busy during the build: " + went.joined(separator: ", "))
        if let last = r.lastJob, let link = r.linkTime {
            let job = r.jobs[last]
            lines.append("  serial tail: \(job.name) took \(link) (\(percent(link, makespan)) of the makespan), "
                         + "\(job.blocked) of it waiting for files; "
                         + "\(Plural.of(r.recalls, "recall")) of dirty data (objects flushed from their hosts)")
        }
        return lines
    }

    private static func percent(_ part: SimTime, _ whole: SimTime) -> String {
        share(part, of: whole).map(ProcessTables.percent) ?? "-"
    }

    private static func fields(_ r: PmakeReport, _ s: Simulation) -> [(String, JSONValue)] {
        func time(_ t: SimTime?) -> JSONValue { t.map { .int($0.nanoseconds) } ?? .null }
        return [("build", .string(r.name)), ("home", .string(s.nodeName(r.home))), ("hosts", .int(Int64(r.parallel))),
                ("makespan_ns", time(r.makespan)), ("baseline", r.baseline.map { .string($0.name) } ?? .null),
                ("speedup", r.speedup.map { .double($0) } ?? .null),
                ("remote_jobs", .int(Int64(r.remoteJobs))),
                ("server", r.server.map { .string(s.nodeName($0)) } ?? .null),
                ("server_cpu_ns", .int(r.serverCPU.nanoseconds)),
                ("disk", r.disk.map { .string(s.nodeName($0)) } ?? .null),
                ("disk_busy_ns", .int(r.diskBusy.nanoseconds)), ("network_busy_ns", .int(r.networkBusy.nanoseconds)),
                ("link_ns", time(r.linkTime)),
                ("link_wait_ns", time(r.lastJob.map { r.jobs[$0].blocked })), ("recalls", .int(Int64(r.recalls)))]
    }
}

/// `expect BUILD.FIELD`: a build's makespan, speedup and where its time went.
enum PmakeFields {
    static let fields: [String: Dimension?] = [
        "makespan": .duration, "speedup": .count, "jobs": .count, "remote-jobs": .count, "link-time": .duration,
        "link-wait": .duration, "recalls": .count, "server-cpu": .percent, "server-disk": .percent,
        "network": .percent,
    ]

    static var helpLine: String { "  build (pmake): " + fields.keys.sorted().joined(separator: " ") }

    static func measure(_ owner: Name, _ field: String, _ s: Simulation) -> ExpectStatement.Measured? {
        guard fields[field] != nil, let r = s.pmakeReport(named: owner.text) else { return nil }
        func share(_ part: SimTime) -> ExpectStatement.Measured {
            guard let ratio = ShowPmake.share(part, of: r.makespan) else { return .missing("the build has not ended") }
            return .number(Int64((ratio * 1_000_000).rounded()), .percent)
        }
        switch field {
        case "makespan": return r.makespan.map { .number($0.nanoseconds, .duration) } ?? .missing("not finished")
        case "speedup":
            return r.speedup.map { .real($0) }
                ?? .missing(r.makespan == nil ? "not finished" : "no finished hosts 1 build of the same jobs")
        case "jobs": return .number(Int64(r.jobs.count), .count)
        case "remote-jobs": return .number(Int64(r.remoteJobs), .count)
        case "link-time": return r.linkTime.map { .number($0.nanoseconds, .duration) } ?? .missing("not finished")
        case "link-wait":
            return r.lastJob.map { .number(r.jobs[$0].blocked.nanoseconds, .duration) } ?? .missing("not finished")
        case "recalls": return .number(Int64(r.recalls), .count)
        case "server-cpu": return share(r.serverCPU)
        case "server-disk": return share(r.diskBusy)
        default: return share(r.networkBusy)
        }
    }
}
