/// The V kernel's IPC: its processes, by position and by name, and which of
/// them are running their step loop now.
///
/// It sits on the cluster (a process runs on a node's CPUs) and the network
/// (Send, Reply and the bulk moves are messages); nothing below it reads or
/// changes a process.
final class VKernel {
    @exclusivity(unchecked) var processes: [VProcess] = []
    var processIndex: [String: Int] = [:]
    /// Processes whose step loop is running, so a step that ends at once does
    /// not start a nested loop.
    var advancing: Set<Int> = []
}

/// The V kernel's state as the engine's extensions name it. `_read` and
/// `_modify` reach it in place; a `get` would copy it.
extension Simulation {
    var processes: [VProcess] {
        _read { yield vKernel.processes }
        _modify { yield &vKernel.processes }
    }

    var processIndex: [String: Int] {
        _read { yield vKernel.processIndex }
        _modify { yield &vKernel.processIndex }
    }

    var advancing: Set<Int> {
        _read { yield vKernel.advancing }
        _modify { yield &vKernel.advancing }
    }
}
