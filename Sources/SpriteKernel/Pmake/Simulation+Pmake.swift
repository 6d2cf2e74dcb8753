/// pmake's public face: start a build (declared jobs or a generated one) and read the builds back.
extension Simulation {
    /// pmake's tables, as the engine's extensions name them.
    var pmake: PmakeLayer { pmakeLayer }

    /// Starts the build `name` of `jobs` on `home`, at most `parallel` at once: a job whose dependencies are
    /// done starts as a process named NAME-JOB on the home, and the declared balancer may send it to an idle
    /// host by remote exec (none free: it runs at home). With `parallel` 1 every job stays home: plain make.
    /// Every process is counted against the process limit before any starts. Returns the build's number.
    @discardableResult
    public func startPmake(_ name: String, home: Int, jobs: [PmakeJob], parallel: Int) throws(KernelError) -> Int {
        try startPmake(name, home: home, jobs: jobs, parallel: parallel, shape: Self.shape(of: jobs))
    }

    /// Starts a generated build: `build.compiles` compiles cc1 … ccN, then link on the home after them all.
    /// Sources missing from `build.sources` are made first on the server of their domain, on its disk (not
    /// in its cache), as a checked-out tree would be.
    @discardableResult
    public func startPmake(_ name: String, home: Int, generated build: GeneratedBuild,
                           parallel: Int) throws(KernelError) -> Int {
        guard build.compiles >= 1, build.compile >= .zero, build.link >= .zero, build.reads >= 0,
              build.writes >= 0 else { throw .invalidValue("pmake build") }
        guard let server = pmakeSourceServer(build.sources) else { throw .invalidValue("pmake sources") }
        try checkPmake(name, home: home, jobs: build.compiles + 1, parallel: parallel)
        var jobs: [PmakeJob] = []
        for number in 1...build.compiles {
            let key = try addUnlistedProgram("\(name)-cc\(number)", steps: build.compileSteps(number))
            jobs.append(PmakeJob(name: "cc\(number)", program: key))
        }
        let link = try addUnlistedProgram("\(name)-link", steps: build.linkSteps)
        jobs.append(PmakeJob(name: "link", program: link, after: jobs.map(\.name), local: true))
        for number in 1...build.compiles where liveFile(build.source(number)) == nil {
            let file = createAtServer(build.source(number), server: server, directory: false, size: build.reads)
            recordCreatedContents(file, creator: server, op: nil)
        }
        let shape = "generated \(build.compiles) \(build.compile) \(build.reads) \(build.writes) \(build.link)"
        return try startPmake(name, home: home, jobs: jobs, parallel: parallel, shape: shape)
    }

    /// The server of the domain `path` lies in (the longest matching prefix), if any.
    public func pmakeSourceServer(_ path: String) -> Int? {
        let path = FilePath.normalize(path)
        let matches = domains.filter { path == $0.prefix || path.hasPrefix($0.prefix == "/" ? "/" : $0.prefix + "/") }
        return matches.max { $0.prefix.count < $1.prefix.count }?.server
    }

    /// Every build started, in order.
    public var pmakeReports: [PmakeReport] { pmake.runs.indices.map(pmakeReport) }

    public var pmakeNames: [String] { pmake.runs.map(\.name) }

    public func pmakeReport(named name: String) -> PmakeReport? {
        pmake.runs.lastIndex { $0.name == name }.map(pmakeReport)
    }

    // MARK: starting

    private func checkPmake(_ name: String, home: Int, jobs count: Int, parallel: Int) throws(KernelError) {
        guard nodes.indices.contains(home) else { throw .unknownNode("#\(home)") }
        guard parallel >= 1, count >= 1 else { throw .invalidValue("pmake") }
        guard !pmake.runs.contains(where: { $0.name == name }) else { throw .duplicateProcess(name) }
        guard scheduler.table.scriptProcessCount + count <= scheduler.processLimit else {
            throw .limitReached("processes")
        }
    }

    private func startPmake(_ name: String, home: Int, jobs: [PmakeJob], parallel: Int,
                            shape: String) throws(KernelError) -> Int {
        try checkPmake(name, home: home, jobs: jobs.count, parallel: parallel)
        var names = Set<String>()
        for job in jobs {
            guard names.insert(job.name).inserted else { throw .duplicateProcess(job.name) }
            guard scheduler.programIndex[job.program] ?? scheduler.hiddenPrograms[job.program] != nil else {
                throw .unknownProgram(job.program)
            }
            guard scheduler.table.index[name + "-" + job.name] == nil else {
                throw .duplicateProcess(name + "-" + job.name)
            }
        }
        for job in jobs { for dep in job.after where !names.contains(dep) { throw .invalidValue("pmake after") } }
        guard PmakeGraph.cycle(in: jobs) == nil else { throw .invalidValue("pmake cycle") }
        pmake.listens = true
        pmake.runs.append(PmakeRun(name: name, home: home, parallel: parallel, jobs: jobs, shape: shape, now: now,
                                   resources: pmakeResources()))
        let run = pmake.runs.count - 1
        startReadyJobs(run)
        return run
    }

    /// A declared build's shape: its jobs, their programs, dependencies and placement.
    private static func shape(of jobs: [PmakeJob]) -> String {
        jobs.map { "\($0.name):\($0.program):\($0.after.joined(separator: ",")):\($0.local)" }
            .joined(separator: " ")
    }
}
