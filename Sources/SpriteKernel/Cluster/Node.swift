/// A node's run-time state. Declared properties live in `spec`; everything
/// else is reset when the node restarts.
struct Node {
    var spec: NodeSpec
    var isUp = true
    /// Bumped on every crash: a message stamped with an older incarnation was
    /// in flight when the node went down and is discarded on arrival.
    var incarnation: UInt32 = 0
    /// When each CPU next becomes free; work runs on the earliest one. The
    /// first CPU is kept apart so that a one-CPU node, the usual kind, needs no
    /// array: a cluster of ten thousand nodes allocated one per node.
    var firstCPUFreeAt = SimTime.zero
    var otherCPUsFreeAt: [SimTime]
    var cpuBusyTotal = SimTime.zero
    /// The disk's arm (unused on a diskless node).
    var arm = DiskArm()

    init(spec: NodeSpec) {
        self.spec = spec
        self.otherCPUsFreeAt = Self.idleOtherCPUs(spec)
    }

    /// Queues `work` on the earliest-free CPU no sooner than `now`, first come
    /// first served, and returns when it finishes. Work that would finish after
    /// the end of simulated time is not booked: the time returned is past the
    /// horizon, and scheduling it fails the operation.
    mutating func reserveCPU(work: SimTime, now: SimTime) -> SimTime {
        reserveCPUReportingWhich(work: work, now: now).done
    }

    /// `reserveCPU`, also telling which CPU (its index in the node) serves the work.
    mutating func reserveCPUReportingWhich(work: SimTime, now: SimTime) -> (done: SimTime, cpu: Int) {
        // The earliest-free CPU, the lowest-numbered on a tie; -1 is the first CPU.
        var best = -1
        var bestFreeAt = firstCPUFreeAt
        for index in otherCPUsFreeAt.indices where otherCPUsFreeAt[index] < bestFreeAt {
            best = index
            bestFreeAt = otherCPUsFreeAt[index]
        }
        let start = max(now, bestFreeAt)
        let duration = work.scaled(bySpeed: spec.speed)
        let done = start + duration
        guard !done.isPastHorizon else { return (done, best + 1) }
        if best < 0 { firstCPUFreeAt = done } else { otherCPUsFreeAt[best] = done }
        cpuBusyTotal += duration
        return (done, best + 1)
    }

    /// When the node's CPU `local` is next free of the kernel work booked on it.
    func kernelFreeAt(cpu local: Int) -> SimTime {
        local == 0 ? firstCPUFreeAt : local - 1 < otherCPUsFreeAt.count ? otherCPUsFreeAt[local - 1] : .zero
    }

    mutating func crash() {
        isUp = false
        incarnation &+= 1
        firstCPUFreeAt = .zero
        otherCPUsFreeAt = Self.idleOtherCPUs(spec)
        arm = DiskArm()
    }

    /// Free times of the CPUs after the first, all idle (no allocation for one CPU).
    private static func idleOtherCPUs(_ spec: NodeSpec) -> [SimTime] {
        spec.cpus > 1 ? Array(repeating: .zero, count: spec.cpus - 1) : []
    }
}
