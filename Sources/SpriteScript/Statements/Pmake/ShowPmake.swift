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
            [.text(job.name), job.process.map { .text(s.processName(Int($0.index))) } ?? .none,
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
        var lines: [String]
        if r.failedJobs > 0 {
            lines = ["  build failed: \(failure(r)), stopped at \(r.started + makespan) (started \(r.started)); "
                     + "no makespan and no speedup"]
        } else {
            var speed = "no hosts 1 build of the same jobs has finished: no speedup"
            if r.baseline?.name == r.name {
                speed = "the baseline other builds of the same jobs are compared with"
            } else if let baseline = r.baseline, let speedup = r.speedup {
                speed = "speedup \(ProcessTables.plain(speedup)) over \(baseline.name) (hosts 1, \(baseline.makespan))"
            }
            lines = ["  makespan \(makespan) (\(r.started) to \(r.started + makespan)); \(speed)"]
        }
        lines.append("  \(Plural.of(r.jobs.count, "job")), \(r.remoteJobs) run remotely")
        var went: [String] = []
        if let server = r.server {
            went.append("\(s.nodeName(server)) CPU \(percent(r.serverCPU, makespan)) (\(r.serverCPU))")
        }
        if let disk = r.disk { went.append("\(s.nodeName(disk)) disk \(percent(r.diskBusy, makespan))") }
        if r.networkBusy > .zero { went.append("network \(percent(r.networkBusy, makespan))") }
        if !went.isEmpty { lines.append("  busy during the build: " + went.joined(separator: ", ")) }
        if let last = r.lastJob, let link = r.linkTime, let wait = r.linkWait, let frozen = r.linkFrozen {
            // Moving (a remote exec's freeze, an eviction's) is not waiting for files: each part is named.
            let moved = frozen > .zero ? " and \(frozen) frozen while it was moved (remote exec or eviction)" : ""
            let usedFiles = r.recalls > 0 || r.jobs.contains { $0.fileWait > .zero }
            lines.append("  serial tail: \(r.jobs[last].name) took \(link) (\(percent(link, makespan)) of the "
                         + "makespan), \(wait) of it waiting for files\(moved)"
                         + (usedFiles ? "; \(Plural.of(r.recalls, "recall")) of dirty data (objects flushed from "
                            + "their hosts)" : ""))
        }
        return lines + PmakeLostNotes.lines(r, s)
    }

    /// `2 of 3 jobs failed or never ran`: why a failed build has no makespan.
    static func failure(_ r: PmakeReport) -> String {
        "\(r.failedJobs) of \(Plural.of(r.jobs.count, "job")) failed or never ran"
    }

    private static func percent(_ part: SimTime, _ whole: SimTime) -> String {
        share(part, of: whole).map(ProcessTables.percent) ?? "-"
    }

    private static func fields(_ r: PmakeReport, _ s: Simulation) -> [(String, JSONValue)] {
        func time(_ t: SimTime?) -> JSONValue { t.map { .int($0.nanoseconds) } ?? .null }
        return [("build", .string(r.name)), ("home", .string(s.nodeName(r.home))), ("hosts", .int(Int64(r.parallel))),
                ("makespan_ns", time(r.failedJobs > 0 ? nil : r.makespan)),
                ("baseline", r.baseline.map { .string($0.name) } ?? .null),
                ("speedup", r.speedup.map { .double($0) } ?? .null),
                ("remote_jobs", .int(Int64(r.remoteJobs))),
                ("server", r.server.map { .string(s.nodeName($0)) } ?? .null),
                ("server_cpu_ns", .int(r.serverCPU.nanoseconds)),
                ("disk", r.disk.map { .string(s.nodeName($0)) } ?? .null),
                ("disk_busy_ns", .int(r.diskBusy.nanoseconds)), ("network_busy_ns", .int(r.networkBusy.nanoseconds)),
                ("link_ns", time(r.linkTime)), ("link_wait_ns", time(r.linkWait)),
                ("link_frozen_ns", time(r.linkFrozen)), ("recalls", .int(Int64(r.recalls))),
                ("failed_jobs", .int(Int64(r.failedJobs))), ("lost_objects", .int(Int64(r.lostObjects.count)))]
    }
}

/// `expect BUILD.FIELD`: a build's makespan, speedup and where its time went.
enum PmakeFields {
    static let fields: [String: Dimension?] = [
        "makespan": .duration, "speedup": .count, "jobs": .count, "remote-jobs": .count, "link-time": .duration,
        "link-wait": .duration, "recalls": .count, "server-cpu": .percent, "server-disk": .percent,
        "network": .percent, "failed-jobs": .count, "lost-objects": .count,
    ]

    static var helpLine: String { "  build (pmake): " + fields.keys.sorted().joined(separator: " ") }

    static func measure(_ owner: Name, _ field: String, _ s: Simulation) -> ExpectStatement.Measured? {
        guard fields[field] != nil, let r = s.pmakeReport(named: owner.text) else { return nil }
        func share(_ part: SimTime) -> ExpectStatement.Measured {
            guard let ratio = ShowPmake.share(part, of: r.makespan) else { return .missing("the build has not ended") }
            return .number(Int64((ratio * 1_000_000).rounded()), .percent)
        }
        // A field a build defines only once it has ended well reads as missing before, with the reason, as
        // an unfinished operation's time does: the expect fails and says why.
        func ended(_ value: ExpectStatement.Measured?) -> ExpectStatement.Measured {
            if r.makespan == nil { return .missing("not finished") }
            if r.failedJobs > 0 { return .missing("the build failed: \(ShowPmake.failure(r))") }
            return value ?? .missing("no finished hosts 1 build of the same jobs")
        }
        func duration(_ t: SimTime?) -> ExpectStatement.Measured? { t.map { .number($0.nanoseconds, .duration) } }
        switch field {
        case "makespan": return ended(duration(r.makespan))
        case "speedup": return ended(r.speedup.map { .real($0) })
        case "jobs": return .number(Int64(r.jobs.count), .count)
        case "remote-jobs": return .number(Int64(r.remoteJobs), .count)
        case "failed-jobs": return .number(Int64(r.failedJobs), .count)
        case "lost-objects": return .number(Int64(r.lostObjects.count), .count)
        case "link-time": return ended(duration(r.linkTime))
        case "link-wait": return ended(duration(r.linkWait))
        case "recalls": return .number(Int64(r.recalls), .count)
        case "server-cpu": return share(r.serverCPU)
        case "server-disk": return share(r.diskBusy)
        default: return share(r.networkBusy)
        }
    }
}
