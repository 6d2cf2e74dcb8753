/// `sync NODES`: every dirty resident page of the live processes on a node goes to its backing store (files or
/// swap), each a page-out as the pager starts one for a dirty victim, at the cost model's price.
extension Simulation {
    /// Starts the page-outs of `node`'s dirty pages; returns how many started. A page already being written
    /// (a shared fork's, flushed for its other thread) is not written twice.
    @discardableResult
    public func flushDirtyPages(node: Int) -> Int {
        let s = scheduler
        var started = 0
        for index in 0..<s.table.count {
            let process = Int32(index)
            guard s.table[process].node == Int32(node), s.table[process].phase != .done,
                  s.table[process].space >= 0 else { continue }
            started += flushDirtyPages(of: ProcessID(process))
        }
        return started
    }
}
