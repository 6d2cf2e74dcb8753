/// The runner: ready jobs start up to the build's limit, each as a process on the home (the balancer may
/// place it on an idle host by remote exec); a job's end makes its dependents ready.
extension Simulation {
    /// Starts ready jobs while fewer than the limit run; ends the build when nothing is left to start.
    func startReadyJobs(_ run: Int) {
        while pmake.runs[run].running < pmake.runs[run].parallel,
              pmake.runs[run].nextReady < pmake.runs[run].ready.count {
            let job = Int(pmake.runs[run].ready[pmake.runs[run].nextReady])
            pmake.runs[run].nextReady += 1
            // A ready job skipped since (its home went down) is already counted as finished.
            guard pmake.runs[run].state[job] == .waiting else { continue }
            startJob(job, of: run)
        }
        if pmake.runs[run].unfinished == 0, pmake.runs[run].after == nil { endBuild(run) }
    }

    private func startJob(_ job: Int, of run: Int) {
        // The fields, not the whole run: a copy held across the writes below would copy its tables each start.
        let (name, home, parallel) = (pmake.runs[run].name, pmake.runs[run].home, pmake.runs[run].parallel)
        let spec = pmake.runs[run].jobs[job]
        guard nodes[home].isUp, let id = try? spawn(program: spec.program, name: name + "-" + spec.name, node: home)
        else {
            // Refused (the home is down, the process table full): it fails, and what waits on it never runs.
            return jobEnded(job, of: run, failed: true)
        }
        pmake.runs[run].state[job] = .running
        pmake.runs[run].processes[job] = id.index
        pmake.runs[run].starts[job] = now
        pmake.runs[run].running += 1
        pmake.byProcess[id.index] = (run, job)
        if parallel == 1 || spec.local { pmake.keptHome.insert(id.index) }
        record(.pmakeJobStarted(build: name, job: spec.name, process: Int(id.index)), at: home)
    }

    /// Up-called when any process ends: if it ran a job, the job is done (or failed, killed).
    func pmakeProcessEnded(_ process: Int32) {
        guard let (run, job) = pmake.byProcess.removeValue(forKey: process) else { return }
        pmake.keptHome.remove(process)
        pmake.runs[run].running -= 1
        jobEnded(job, of: run, failed: scheduler.table[process].killed)
        startReadyJobs(run)
    }

    /// Whether the balancer must leave the arriving process on its home.
    func pmakeKeepsHome(_ process: Int32) -> Bool { pmake.keptHome.contains(process) }

    private func jobEnded(_ job: Int, of run: Int, failed: Bool) {
        pmake.runs[run].state[job] = failed ? .failed : .done
        pmake.runs[run].ends[job] = now
        pmake.runs[run].unfinished -= 1
        let homeUp = nodes[pmake.runs[run].home].isUp
        for dependent in pmake.runs[run].dependents[job] {
            let d = Int(dependent)
            if failed || !homeUp {
                skip(d, of: run)
                continue
            }
            pmake.runs[run].waitingOn[d] -= 1
            if pmake.runs[run].waitingOn[d] == 0, pmake.runs[run].state[d] == .waiting {
                pmake.runs[run].ready.append(dependent)
            }
        }
        if !homeUp {
            // pmake ran on the home: with it gone nothing more starts.
            for index in pmake.runs[run].jobs.indices where pmake.runs[run].state[index] == .waiting {
                skip(index, of: run)
            }
        }
    }

    /// The job and everything after it never run (iteratively: a long chain needs no deep stack).
    private func skip(_ job: Int, of run: Int) {
        var pending = [job]
        while let next = pending.popLast() {
            guard pmake.runs[run].state[next] == .waiting else { continue }
            pmake.runs[run].state[next] = .skipped
            pmake.runs[run].unfinished -= 1
            pending += pmake.runs[run].dependents[next].map(Int.init)
        }
    }

    private func endBuild(_ run: Int) {
        pmake.runs[run].ended = now
        pmake.runs[run].after = pmakeResources()
        let build = pmake.runs[run]
        let failed = build.state.filter { $0 == .failed || $0 == .skipped }.count
        record(.pmakeEnded(build: build.name, makespan: now - build.started, jobs: build.jobs.count, failed: failed),
               at: build.home)
    }

    func pmakeResources() -> PmakeResources {
        PmakeResources(serverCPU: nodes.indices.map { cpuBusy($0) }, disk: nodes.indices.map { diskBusy($0) },
                       wireBytes: statistics.wireBytes, recalls: fs.statistics.recalls)
    }

    // MARK: reports

    func pmakeReport(_ index: Int) -> PmakeReport {
        let run = pmake.runs[index]
        let frozen = frozenTimes(of: Set(run.processes.filter { $0 >= 0 }))
        let jobs = run.jobs.indices.map { job in
            let p = run.processes[job]
            let started = p >= 0
            return PmakeJobReport(
                name: run.jobs[job].name, process: started ? ProcessID(p) : nil, state: run.state[job],
                host: started && run.ends[job] != .never ? Int(scheduler.table[p].node) : nil,
                start: run.starts[job] == .never ? nil : run.starts[job],
                end: run.ends[job] == .never || !started ? nil : run.ends[job],
                remote: started && migrationCount(of: ProcessID(p)) > 0,
                blocked: started ? scheduler.table[p].blockedTime : .zero, frozen: frozen[p] ?? .zero)
        }
        let now = run.after ?? pmakeResources()
        let cpu = busiestServer(now.serverCPU, run.before.serverCPU)
        let disk = busiestServer(now.disk, run.before.disk)
        let wire = networkConfig.cost.serialization(wireBytes: max(0, now.wireBytes - run.before.wireBytes))
        let last = run.ends.indices.filter { run.ends[$0] != .never && run.processes[$0] >= 0 }
            .max { run.ends[$0] < run.ends[$1] }
        var report = PmakeReport(
            name: run.name, home: run.home, parallel: run.parallel, jobs: jobs, started: run.started,
            makespan: run.after == nil ? nil : run.ended - run.started, baseline: nil, lastJob: last,
            server: cpu?.node, serverCPU: cpu?.busy ?? .zero, disk: disk?.node, diskBusy: disk?.busy ?? .zero,
            networkBusy: wire, recalls: now.recalls - run.before.recalls, lostObjects: pmakeLostObjects(run))
        // A plain build that failed stopped early: it is no baseline.
        if let base = pmake.runs.first(where: {
            $0.parallel == 1 && $0.shape == run.shape && $0.after != nil
                && !$0.state.contains { $0 == .failed || $0 == .skipped }
        }) {
            report.baseline = (base.name, base.ended - base.started)
        }
        return report
    }

    /// Each process's time frozen in its migrations (to now for a freeze not over), for those asked about.
    private func frozenTimes(of processes: Set<Int32>) -> [Int32: SimTime] {
        var frozen: [Int32: SimTime] = [:]
        for record in migration.migrations where processes.contains(record.report.process.index) {
            guard let start = record.report.frozenAt else { continue }
            frozen[record.report.process.index, default: .zero] += (record.report.unfrozenAt ?? now) - start
        }
        return frozen
    }

    /// The server whose counter grew most, and by how much; nil if none grew. Workstations serve RPCs too
    /// (a migration's host selection), but the build's shared resource is its file server.
    private func busiestServer(_ now: [SimTime], _ before: [SimTime]) -> (node: Int, busy: SimTime)? {
        var best: (node: Int, busy: SimTime)?
        for node in now.indices where node < nodes.count && nodes[node].spec.role != .workstation {
            let grown = now[node] - (node < before.count ? before[node] : .zero)
            if grown > .zero, grown > (best?.busy ?? .zero) { best = (node, grown) }
        }
        return best
    }
}
