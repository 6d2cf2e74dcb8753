/// A client kernel making `count` sequential calls to one server kernel.
struct RpcSeries {
    var client: Int
    var server: Int
    var requestBytes: Int64
    var replyBytes: Int64
    var service: SimTime
    var count: Int
    var completed = 0
    var callStartedAt: SimTime = .zero
    /// Penalty of one call: the request's and the reply's least transfer times.
    var penalty: SimTime
}
