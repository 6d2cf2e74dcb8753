import SpriteKernel

/// Gang and space scheduling run all of a job's threads at once, one a CPU: a job with more threads on a
/// node than the node has CPUs could never run as one (space sharing would starve it and everyone behind it;
/// gang would split it over slots). Every way in is checked: a spawn (threads N, job J, a late member), a
/// change of scheduler, and, should one slip through, the placing itself (reported after the run).
extension Interpreter {
    /// Refuses the spawn if a job would then have more threads on a gang or space node than it has CPUs.
    /// `joining` counts the threads each job gains on each node (by index); `named`: they join `job J`.
    func checkJobsFit(_ joining: [(job: String, node: Int, threads: Int, span: SourceSpan)],
                      placement: [Int], dealt: Bool, named: Bool) throws(Diagnostic) {
        for entry in joining {
            let kind = simulation.scheduler(on: entry.node)
            let cpus = simulation.nodeSpec(entry.node).cpus
            let already = simulation.unfinishedThreads(ofJob: entry.job, on: entry.node)
            guard kind.usesGangMatrix, already + entry.threads > cpus else { continue }
            let node = simulation.nodeName(entry.node)
            let cause = "cannot run under \(kind.name) scheduling on node \(node), which has \(Plural.of(cpus, "CPU"))"
            if already > 0 || named {
                let total = already + entry.threads
                throw Diagnostic(.runtime, "job \(entry.job) would have \(total) threads on node \(node), which has "
                                 + "\(Plural.of(cpus, "CPU")): they cannot run together under \(kind.name) "
                                 + "scheduling", at: entry.span,
                                 help: "give \(entry.job) at most \(cpus) threads on \(node)"
                                    + (already > 0 ? " (it has \(already) there already)" : "")
                                    + "; spawn the others on another node, or in another job")
            }
            let what = dealt ? "\(entry.threads) threads of a job" : "a job of \(entry.threads) threads"
            throw Diagnostic(.runtime, "\(what) \(cause)", at: entry.span,
                             help: "give it at most \(widestFit(placement)) threads, or add CPUs: server \(node) "
                                + "cpus \(entry.threads)")
        }
    }

    /// The most threads dealt in turn over `placement` (node indices) that leave no node more than its CPUs.
    func widestFit(_ placement: [Int]) -> Int {
        var perNode: [Int: Int] = [:]
        var threads = 0
        while threads < 1024 {
            let node = placement[threads % placement.count]
            guard perNode[node, default: 0] < simulation.nodeSpec(node).cpus else { break }
            perNode[node, default: 0] += 1
            threads += 1
        }
        return threads
    }

    /// Refuses a gang or space scheduler on `node` while a job there has more threads than its CPUs.
    func checkJobsFit(under kind: SchedulerKind, on node: Int, at span: SourceSpan) throws(Diagnostic) {
        let cpus = simulation.nodeSpec(node).cpus
        guard kind.usesGangMatrix, let widest = simulation.widestJob(on: node), widest.threads > cpus else { return }
        let name = simulation.nodeName(node)
        throw Diagnostic(.runtime, "job \(widest.job) has \(widest.threads) threads on node \(name), which has "
                         + "\(Plural.of(cpus, "CPU")): they cannot run together under \(kind.name) scheduling",
                         at: span,
                         help: "keep a time-sharing scheduler (rr) on \(name), or give \(widest.job) at most "
                            + "\(cpus) threads there; set the scheduler before spawning to be told at the spawn")
    }

    /// A job that slipped past the checks and was found too wide when placed: a runtime error, never a
    /// silent wait.
    func checkNoOversizedJob(at span: SourceSpan) throws(Diagnostic) {
        let found = simulation.oversizedJobs
        guard found.count > oversizedJobsReported else { return }
        let job = found[oversizedJobsReported]
        oversizedJobsReported = found.count
        let name = simulation.nodeName(job.node)
        throw Diagnostic(.runtime, "job \(job.job) has \(job.threads) threads on node \(name), which has "
                         + "\(Plural.of(job.cpus, "CPU")): gang and space scheduling cannot place them together",
                         at: span, help: "give \(job.job) at most \(job.cpus) threads on \(name)")
    }
}
