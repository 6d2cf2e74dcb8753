/// Up-calls from a lower layer to the layers that build on it, routed here so
/// the lower layer names none of them.
extension Simulation {
    /// An RPC series ended, done or failed: a migration may wait on it.
    @inline(__always) func rpcSeriesEnded(_ operation: Int32) {
        if migrationLayer.waitsOnRPCs { migrationRPCEnded(operation) }
        if loadBalancing.waitsOnRPCs { balancingRPCEnded(operation) }
    }

    /// A node's run queue changed (a process became ready, or left a CPU; `finished`: the one that ended
    /// there, else -1): load balancing samples its load, when declared.
    @inline(__always) func runQueueChanged(node: Int32, finished: Int32) {
        if loadBalancing.listens { balancingLoadChanged(Int(node), finished: finished) }
    }

    /// A spawned process arrives: a balancer may hold it while it finds it a host. Returns whether it did.
    @inline(__always) func arrivalTakenByBalancer(_ process: Int32) -> Bool {
        loadBalancing.listens && !(pmakeLayer.listens && pmakeKeepsHome(process)) && balancingTookArrival(process)
    }

    /// A process ended, done or killed: a build waiting on it starts the jobs that were waiting for it.
    @inline(__always) func processEnded(_ process: Int32) {
        if pmakeLayer.listens { pmakeProcessEnded(process) }
    }

    /// The last of a process's awaited page-outs ended: a migration's flush may wait on it.
    func processPageOutsEnded(_ process: Int32) { migrationFlushEnded(process) }

    /// A page-in for a page left on the node its process migrated from: migration fetches it from there.
    func pageAtSourceRequested(_ io: Int32) { fetchFromSource(io) }

    /// The name a disk request's file has in the trace: a file's path; nil for a swap area (Memory's).
    func diskFileName(_ file: Int) -> String? { fs.files.indices.contains(file) ? fs.files[file].path : nil }
}
