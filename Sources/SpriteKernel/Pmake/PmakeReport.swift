/// One job as reported: where its process ran and when.
public struct PmakeJobReport: Sendable, Equatable {
    public var name: String
    public var process: ProcessID?
    public var state: PmakeJobState
    /// The node it ended on (its host), nil until it ends.
    public var host: Int?
    public var start: SimTime?
    public var end: SimTime?
    /// Started on the home and moved by remote exec to another host.
    public var remote: Bool
    /// Time blocked: on its file operations (opens, reads, writes, recalls of objects written elsewhere) and,
    /// for a remote job, frozen in its remote exec (and in an eviction home).
    public var blocked: SimTime
    /// Of `blocked`, the time frozen in its migrations: the rest is spent waiting for files.
    public var frozen: SimTime

    public var fileWait: SimTime { blocked - frozen }
}

/// An object a job wrote (delayed write) that a crash of its host lost before it reached the server: a read
/// of it afterwards succeeds with the version the server has, so the build ends well on stale data.
public struct PmakeLostObject: Sendable, Equatable {
    public var path: String
    /// The job that wrote it and the node whose crash lost it, when.
    public var writer: Int
    public var node: Int
    public var lostAt: SimTime
    /// The jobs that read the path after it was lost, by position.
    public var readers: [Int]
}

/// A build as reported: its jobs, its makespan, and where the time went.
public struct PmakeReport: Sendable, Equatable {
    public var name: String
    public var home: Int
    /// At most this many jobs at once (1: plain sequential make, nothing leaves the home).
    public var parallel: Int
    public var jobs: [PmakeJobReport]
    public var started: SimTime
    /// Start to the build's end (a failed build's too: to when it stopped); nil while a job runs or waits.
    public var makespan: SimTime?
    /// The earliest finished `hosts 1` build of the same shape, its name and makespan.
    public var baseline: (name: String, makespan: SimTime)?
    /// The job that ended last (the link step of a generated build), by position.
    public var lastJob: Int?
    /// The busiest node serving RPCs during the build (the file server), its CPU time serving them,
    /// and its disk's busy time; the wire time of every packet sent; recalls of dirty data.
    public var server: Int?
    public var serverCPU: SimTime
    public var disk: Int?
    public var diskBusy: SimTime
    public var networkBusy: SimTime
    public var recalls: Int
    public var lostObjects: [PmakeLostObject] = []

    public var remoteJobs: Int { jobs.filter(\.remote).count }

    /// Jobs that failed or never ran: a build with any did not make its targets.
    public var failedJobs: Int { jobs.filter { $0.state == .failed || $0.state == .skipped }.count }

    /// The sequential baseline's makespan over this build's; nil without both, or if the build failed (a
    /// build that stopped early is not faster).
    public var speedup: Double? {
        guard let makespan, makespan > .zero, let baseline, failedJobs == 0 else { return nil }
        return baseline.makespan.seconds / makespan.seconds
    }

    /// The last job's start to end: the serial tail (a generated build's link); nil until the build has
    /// ended well.
    public var linkTime: SimTime? {
        guard let link = finishedLink, let start = link.start, let end = link.end else { return nil }
        return end - start
    }

    /// The serial tail's file waits and its time frozen in migrations, apart; nil as `linkTime` is.
    public var linkWait: SimTime? { finishedLink?.fileWait }
    public var linkFrozen: SimTime? { finishedLink?.frozen }

    private var finishedLink: PmakeJobReport? {
        guard makespan != nil, failedJobs == 0, let lastJob else { return nil }
        return jobs[lastJob]
    }

    public static func == (a: PmakeReport, b: PmakeReport) -> Bool {
        a.name == b.name && a.home == b.home && a.parallel == b.parallel && a.jobs == b.jobs
            && a.started == b.started && a.makespan == b.makespan && a.baseline?.name == b.baseline?.name
            && a.baseline?.makespan == b.baseline?.makespan && a.lastJob == b.lastJob && a.server == b.server
            && a.serverCPU == b.serverCPU && a.disk == b.disk && a.diskBusy == b.diskBusy
            && a.networkBusy == b.networkBusy && a.recalls == b.recalls && a.lostObjects == b.lostObjects
    }
}
