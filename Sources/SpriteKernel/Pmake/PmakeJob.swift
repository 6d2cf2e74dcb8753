/// One job of a build: the program its process runs, the jobs it waits for, and whether it must stay on
/// the home (pmake's .NOEXPORT: a link that reads every object, say).
public struct PmakeJob: Sendable, Equatable {
    public var name: String
    /// A defined program's name, or the key of an unlisted one (a generated build's).
    public var program: String
    public var after: [String]
    public var local: Bool

    public init(name: String, program: String, after: [String] = [], local: Bool = false) {
        self.name = name
        self.program = program
        self.after = after
        self.local = local
    }
}

/// The job graph's checks, shared by the engine and the language's checker.
public enum PmakeGraph {
    /// A cycle of declared dependencies, as the jobs along it with the first repeated at the end
    /// (a after c, c after a: [a, c, a]), or nil when the graph is acyclic. Unknown names are ignored.
    public static func cycle(in jobs: [PmakeJob]) -> [String]? {
        var index: [String: Int] = [:]
        for (position, job) in jobs.enumerated() where index[job.name] == nil { index[job.name] = position }
        // 0: unvisited, 1: on the current path, 2: finished. Iterative, so a long chain cannot overflow the stack.
        var mark = [UInt8](repeating: 0, count: jobs.count)
        for root in jobs.indices where mark[root] == 0 {
            var path: [(job: Int, next: Int)] = [(root, 0)]
            mark[root] = 1
            while let top = path.last {
                let deps = jobs[top.job].after
                guard top.next < deps.count else {
                    mark[top.job] = 2
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                guard let dep = index[deps[top.next]] else { continue }
                if mark[dep] == 1 {
                    let start = path.firstIndex { $0.job == dep } ?? 0
                    return path[start...].map { jobs[$0.job].name } + [jobs[dep].name]
                }
                if mark[dep] == 0 {
                    mark[dep] = 1
                    path.append((dep, 0))
                }
            }
        }
        return nil
    }
}
