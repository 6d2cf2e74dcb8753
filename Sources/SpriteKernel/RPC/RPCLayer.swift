/// Sprite kernel RPC: the series of calls in progress, one slot each.
///
/// It sits on the cluster (a server's CPU serves each request) and the
/// network (requests and replies are messages); nothing below it reads or
/// changes a series.
final class RPCLayer {
    @exclusivity(unchecked) var series = SeriesTable()

    /// The series of `operation`, read and written by the layer itself: every
    /// call binds it with `guard let`, where a `_read` over the table would not
    /// be inlined.
    subscript(operation: Int32) -> RpcSeries? {
        get { series[operation] }
        set { series[operation] = newValue }
    }

    /// Where `operation`'s series is, or nil if it has none.
    @inline(__always) func slot(of operation: Int32) -> Int? { series.slot(of: operation) }

    /// The series in `slot`, read and changed in place: a call's steps touch a
    /// few of its fields, and copying it out and back cost more than they do.
    subscript(slot slot: Int) -> RpcSeries {
        _read { yield series[slot: slot] }
        _modify { yield &series[slot: slot] }
    }
}

extension Simulation {
    /// RPC's series by operation, as the engine's extensions name them.
    var rpcSeries: RPCLayer { rpcLayer }
}
