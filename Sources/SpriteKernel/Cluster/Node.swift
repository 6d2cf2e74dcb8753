/// A node's run-time state. Declared properties live in `spec`; everything
/// else is reset when the node restarts.
struct Node {
    var spec: NodeSpec
    var isUp = true
    /// Bumped on every crash: a message stamped with an older incarnation was
    /// in flight when the node went down and is discarded on arrival.
    var incarnation: UInt32 = 0
    /// When each CPU next becomes free; work runs on the earliest one.
    var cpuFreeAt: [SimTime]
    var cpuBusyTotal = SimTime.zero
    /// The disk's arm (unused on a diskless node).
    var arm = DiskArm()

    init(spec: NodeSpec) {
        self.spec = spec
        self.cpuFreeAt = Array(repeating: .zero, count: max(1, spec.cpus))
    }

    /// Queues `work` on the earliest-free CPU no sooner than `now`, first come
    /// first served, and returns when it finishes. Work that would finish after
    /// the end of simulated time is not booked: the time returned is past the
    /// horizon, and scheduling it fails the operation.
    mutating func reserveCPU(work: SimTime, now: SimTime) -> SimTime {
        var best = 0
        for index in cpuFreeAt.indices where cpuFreeAt[index] < cpuFreeAt[best] { best = index }
        let start = max(now, cpuFreeAt[best])
        let duration = work.scaled(bySpeed: spec.speed)
        let done = start + duration
        guard !done.isPastHorizon else { return done }
        cpuFreeAt[best] = done
        cpuBusyTotal += duration
        return done
    }

    mutating func crash() {
        isUp = false
        incarnation &+= 1
        cpuFreeAt = Array(repeating: .zero, count: max(1, spec.cpus))
        arm = DiskArm()
    }
}
