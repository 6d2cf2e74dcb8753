/// Up-calls from a lower layer to the layers that build on it, routed here so
/// the lower layer names none of them.
extension Simulation {
    /// An RPC series ended, done or failed: a migration may wait on it.
    @inline(__always) func rpcSeriesEnded(_ operation: Int32) {
        if migrationLayer.waitsOnRPCs { migrationRPCEnded(operation) }
    }
}
