/// Kernel work takes the CPU from user processes. RPC and file service is booked on the node's CPU ledger
/// (`Node.reserveCPU`: first come first served among kernel work, never behind a user process, as an
/// interrupt handler runs). The scheduler sees it here: the process running on the CPU that serves it ends
/// its burst that much later (`CPUState.kernelLeft`, paid before its own work in `settle`), and a process
/// dispatched while kernel work is still booked on its CPU waits behind it (`start` reads the ledger).
/// Its CPU time, its policy's charge and the CPU's busy time count only its own work.
extension Simulation {
    /// Books `work` of kernel service on `node`'s earliest-free CPU and returns when it ends.
    @inline(__always) func serveKernelWork(on node: Int, work: SimTime) -> SimTime {
        let (done, local) = nodes[node].reserveCPUReportingWhich(work: work, now: now)
        guard !done.isPastHorizon, work > .zero, let slot = schedulerSlot(node) else { return done }
        kernelWorkTookCPU(slot: slot, local: local, duration: work.scaled(bySpeed: nodes[node].spec.speed))
        return done
    }

    /// The process running on the node's CPU `local` (if any) waits `duration` more before its burst goes on.
    private func kernelWorkTookCPU(slot: Int, local: Int, duration: SimTime) {
        let s = scheduler
        guard local < Int(s.nodes[slot].cpuCount) else { return }
        let cpu = Int(s.nodes[slot].firstCPU) + local
        guard s.cpus[cpu].current >= 0 else { return }
        settle(cpu)
        s.cpus[cpu].kernelLeft += duration
        if s.cpus[cpu].preemptPending {
            // The preemption waits for the work under way, kernel work included, to end.
            scheduleSliceEnd(cpu, at: max(now, s.cpus[cpu].accountedTo + s.cpus[cpu].stallLeft))
        } else if !s.cpus[cpu].preemptAtChoose && !s.cpus[cpu].expiresAtChoose {
            scheduleSliceEnd(cpu)
        }
    }

    /// Kernel work still booked on `cpu` when a process is put on it: the process waits behind it.
    @inline(__always) func kernelWorkAhead(_ cpu: Int) -> SimTime {
        let s = scheduler
        let freeAt = nodes[Int(s.cpus[cpu].node)].kernelFreeAt(cpu: Int(s.cpus[cpu].local))
        return freeAt > now ? freeAt - now : .zero
    }
}
