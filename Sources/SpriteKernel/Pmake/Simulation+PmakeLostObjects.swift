/// Objects a build's jobs wrote that a crash of their host lost before the delayed write reached the server.
/// The file system reports no error for them: a later read returns the version the server has (an older
/// one, or nothing), as Sprite's did. So the jobs that read one succeed on stale input, and only the
/// report can say so.
extension Simulation {
    func pmakeLostObjects(_ run: PmakeRun) -> [PmakeLostObject] {
        guard !fs.crashLosses.isEmpty else { return [] }
        var jobOf: [Int: Int] = [:]
        for (job, process) in run.processes.enumerated() where process >= 0 { jobOf[Int(process)] = job }
        var lost: [PmakeLostObject] = []
        var seen: Set<String> = []
        for loss in fs.crashLosses where fs.history.indices.contains(loss.writeEvent) {
            guard let writer = jobOf[fs.history[loss.writeEvent].process],
                  seen.insert("\(writer) \(loss.path)").inserted else { continue }
            lost.append(PmakeLostObject(path: loss.path, writer: writer, node: loss.node, lostAt: loss.crashedAt,
                                        readers: []))
        }
        guard !lost.isEmpty else { return [] }
        for event in fs.history {
            guard case .read = event.kind, let reader = jobOf[event.process] else { continue }
            let path = fs.files[event.file].path
            for index in lost.indices where lost[index].path == path && event.start >= lost[index].lostAt
                && !lost[index].readers.contains(reader) {
                lost[index].readers.append(reader)
            }
        }
        return lost
    }
}
