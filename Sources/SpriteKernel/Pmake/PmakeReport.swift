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
    /// for a remote job, held while its host was found and frozen in its remote exec.
    public var blocked: SimTime
}

/// A build as reported: its jobs, its makespan, and where the time went.
public struct PmakeReport: Sendable, Equatable {
    public var name: String
    public var home: Int
    /// At most this many jobs at once (1: plain sequential make, nothing leaves the home).
    public var parallel: Int
    public var jobs: [PmakeJobReport]
    public var started: SimTime
    /// Start to the last job's end; nil while a job runs or waits.
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

    public var remoteJobs: Int { jobs.filter(\.remote).count }

    /// The sequential baseline's makespan over this build's; nil without both.
    public var speedup: Double? {
        guard let makespan, makespan > .zero, let baseline else { return nil }
        return baseline.makespan.seconds / makespan.seconds
    }

    /// The last job's start to end: the serial tail (a generated build's link).
    public var linkTime: SimTime? {
        guard let lastJob, let start = jobs[lastJob].start, let end = jobs[lastJob].end else { return nil }
        return end - start
    }

    public static func == (a: PmakeReport, b: PmakeReport) -> Bool {
        a.name == b.name && a.home == b.home && a.parallel == b.parallel && a.jobs == b.jobs
            && a.started == b.started && a.makespan == b.makespan && a.baseline?.name == b.baseline?.name
            && a.baseline?.makespan == b.baseline?.makespan && a.lastJob == b.lastJob && a.server == b.server
            && a.serverCPU == b.serverCPU && a.disk == b.disk && a.diskBusy == b.diskBusy
            && a.networkBusy == b.networkBusy && a.recalls == b.recalls
    }
}
