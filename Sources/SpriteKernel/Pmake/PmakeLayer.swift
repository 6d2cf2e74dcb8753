/// pmake's state: every build started, each job's process, and which processes must stay on their home.
/// The process table knows none of it: a process's end reaches the runner through one up-call
/// (Kernel/Simulation+UpCalls.swift), and the balancer asks whether an arrival stays home.
final class PmakeLayer {
    /// Whether a build was ever started: until then a process's end costs one check.
    var listens = false
    var runs: [PmakeRun] = []
    /// The build and job each started process runs, by process.
    var byProcess: [Int32: (run: Int, job: Int)] = [:]
    /// Processes the balancer must leave on their home: `hosts 1` (plain make) and local jobs.
    var keptHome: Set<Int32> = []
}

/// Where a job is in its build.
public enum PmakeJobState: String, Sendable, Equatable {
    /// Waiting for the jobs it depends on, or for one of the K slots.
    case waiting
    case running
    case done
    /// Its process was killed (a crash), or it could not be started: the jobs after it never run.
    case failed
    /// A job it depends on failed, or the home went down: never started.
    case skipped
}

/// One build under way or finished.
struct PmakeRun {
    var name: String
    var home: Int
    var parallel: Int
    var jobs: [PmakeJob]
    /// What makes two builds comparable (the same jobs, programs and sizes), for the speedup's baseline.
    var shape: String
    var state: [PmakeJobState]
    var processes: [Int32]
    var starts: [SimTime]
    var ends: [SimTime]
    /// Dependencies not done yet, and each job's dependents, by position.
    var waitingOn: [Int32]
    var dependents: [[Int32]]
    /// Jobs whose dependencies are all done, in the order they became ready; `nextReady` is the queue's head.
    var ready: [Int32] = []
    var nextReady = 0
    var running = 0
    var unfinished: Int
    var started: SimTime
    var ended: SimTime = .never
    var before: PmakeResources
    var after: PmakeResources?

    init(name: String, home: Int, parallel: Int, jobs: [PmakeJob], shape: String, now: SimTime,
         resources: PmakeResources) {
        self.name = name
        self.home = home
        self.parallel = parallel
        self.jobs = jobs
        self.shape = shape
        state = Array(repeating: .waiting, count: jobs.count)
        processes = Array(repeating: -1, count: jobs.count)
        starts = Array(repeating: .never, count: jobs.count)
        ends = Array(repeating: .never, count: jobs.count)
        var position: [String: Int32] = [:]
        for (index, job) in jobs.enumerated() { position[job.name] = Int32(index) }
        waitingOn = jobs.map { Int32($0.after.count) }
        dependents = Array(repeating: [], count: jobs.count)
        for (index, job) in jobs.enumerated() {
            for dep in job.after { if let d = position[dep] { dependents[Int(d)].append(Int32(index)) } }
        }
        for index in jobs.indices where waitingOn[index] == 0 { ready.append(Int32(index)) }
        unfinished = jobs.count
        started = now
        before = resources
    }
}

/// The shared resources' use so far, taken when a build starts and when it ends.
struct PmakeResources {
    /// Each node's CPU time serving RPCs, and its disk's busy time.
    var serverCPU: [SimTime]
    var disk: [SimTime]
    var wireBytes: Int64
    var recalls: Int
}
