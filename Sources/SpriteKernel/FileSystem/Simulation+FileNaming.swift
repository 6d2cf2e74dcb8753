/// How a node's file-system client finds a path's server: NFS super-root
/// names and mounts (with the automounter), Sprite prefix tables, broadcast
/// for an unknown prefix, and calls that follow remote links and drop stale hints.
extension Simulation {
    /// Under the automount root, `ROOT/SERVER/…` needs SERVER mounted first.
    func automountPoint(for path: String, node: Int) -> (String, Int)? {
        guard let root = readClient(node, { $0.automountRoot }), Self.isUnder(path, root), path != root else {
            return nil
        }
        let rest = path.dropFirst(root == "/" ? 1 : root.count + 1)
        guard let name = rest.split(separator: "/").first, let server = nodeIndex[String(name)] else { return nil }
        let point = (root == "/" ? "" : root) + "/" + name
        return readClient(node) { $0.mounts[point] } == nil ? (point, server) : nil
    }

    /// The longest prefix of `path` in the node's prefix table and its server.
    /// A helper, so its copy of the client is gone before the resolve goes on.
    private func prefixTableHit(_ path: String, node: Int) -> (String, Int)? {
        readClient(node) { client in
            guard let prefix = Self.longestPrefix(of: path, in: client.prefixes.keys),
                  let entry = client.prefixes[prefix] else { return nil }
            return (prefix, entry.server)
        }
    }

    func mountCall(node: Int, server: Int, remote: String, point: String, automounted: Bool, op: Int32,
                           then: @escaping (Simulation) -> Void) {
        call("mount", from: node, to: server, requestBytes: Int64(remote.utf8.count), operation: op,
             serve: { sim in
                 let exports = sim.fs.exports[server] ?? []
                 let allowed = automounted ? !exports.isEmpty : exports.contains { Self.isUnder(remote, $0) }
                 return allowed ? CallAnswer(replyBytes: 32) : CallAnswer(missing: true)
             },
             then: { sim, answer in
                 guard !answer.missing else {
                     sim.failFileStep(node, op, .notExported(path: remote, server: server))
                     return
                 }
                 let mount = NFSMount(server: server, remotePath: remote, automounted: automounted)
                 sim.withClient(node) { $0.mounts[point] = mount }
                 sim.record(.mounted(operation: op, server: server, remote: remote, point: point,
                                     automounted: automounted), at: node)
                 then(sim)
             },
             failed: { sim, failure in sim.failFileStep(node, op, failure) })
    }

    // MARK: Naming

    /// Finds the server of `path` through the node's prefix table, or by
    /// broadcasting to every server when no prefix matches.
    /// `unresolved`: what to do when no server answered the broadcast (the step fails without it).
    func resolve(_ path: String, node: Int, op: Int32, broadcast: Bool = false,
                 unresolved: ((Simulation, OperationFailure) -> Void)? = nil,
                 then: @escaping (Simulation, Int) -> Void) {
        if let (server, _) = superRoot(path) {
            // An NFS name: the server is part of the name, if it exports the path.
            guard authoritativeServer(for: path) == server else {
                failFileStep(node, op, .notExported(path: path, server: server))
                return
            }
            then(self, server)
            return
        }
        if !broadcast, let (prefix, server) = prefixTableHit(path, node: node) {
            let shown: TraceLevel = op >= 0 && operations[Int(op)].kind == .resolve ? .operations : .messages
            record(.prefixHit(operation: op, path: path, prefix: prefix, server: server), at: node, level: shown)
            then(self, server)
            return
        }
        guard authoritativeServer(for: path) != nil else {
            failFileStep(node, op, .noServer(path: path))
            return
        }
        record(.broadcast(operation: op, path: path), at: node)
        fs.statistics.broadcasts += 1
        let servers = (0..<nodes.count).filter { nodes[$0].spec.role != .workstation && $0 != node }
            + (nodes[node].spec.role != .workstation ? [node] : [])
        var answered = false
        var silent = servers.count
        // A server that never answered, not "no domain covers it": the domain's server may be unreachable.
        var unanswered: OperationFailure?
        let giveUp: (Simulation) -> Void = { sim in
            let failure = unanswered ?? .noServer(path: path)
            if case .noAnswer = failure, let unresolved { return unresolved(sim, failure) }
            sim.failFileStep(node, op, failure)
        }
        for server in servers {
            call("broadcast", from: node, to: server, requestBytes: Int64(path.utf8.count), operation: op,
                 serve: { sim in
                     guard let owner = sim.authoritativeServer(for: path), owner == server else {
                         return CallAnswer(notMine: true)
                     }
                     return CallAnswer(replyBytes: 16)
                 },
                 then: { sim, answer in
                     silent -= 1
                     if !answer.notMine && !answered {
                         answered = true
                         let prefix = Self.longestPrefix(of: path, in: sim.fs.domains.keys) ?? "/"
                         let token = sim.fs.domainTokens[prefix] ?? 0
                         sim.withClient(node) { $0.prefixes[prefix] = PrefixEntry(server: server, token: token) }
                         sim.record(.prefixLearned(prefix: prefix, server: server), at: node)
                         then(sim, server)
                     } else if silent == 0 && !answered {
                         giveUp(sim)
                     }
                 },
                 failed: { sim, failure in
                     silent -= 1
                     if case .noAnswer = failure { unanswered = failure }
                     if silent == 0 && !answered { giveUp(sim) }
                 })
        }
    }

    /// A server answered "not mine": the prefix entry was stale. Forget it
    /// and resolve again.
    func forgetStalePrefix(_ path: String, node: Int, server: Int) {
        withClient(node) { client in
            if let prefix = Self.longestPrefix(of: path, in: client.prefixes.keys) {
                client.prefixes[prefix] = nil
                record(.stalePrefix(path: path, prefix: prefix, server: server), at: node)
            }
        }
        fs.statistics.stalePrefixes += 1
    }

    /// Calls `server` about `path`; a stale prefix entry is re-resolved and
    /// the call retried once per staleness.
    func callServer(_ kind: String, path: String, node: Int, op: Int32, requestBytes: Int64,
                    broadcast: Bool = false,
                    serve: @escaping (Simulation, Int) -> CallAnswer?,
                    then: @escaping (Simulation, Int, CallAnswer) -> Void,
                    failed: ((Simulation, OperationFailure) -> Void)? = nil) {
        resolve(path, node: node, op: op, broadcast: broadcast, unresolved: failed) { sim, server in
            sim.call(kind, from: node, to: server, requestBytes: requestBytes, operation: op,
                     serve: { sim in
                         guard sim.authoritativeServer(for: path) == server else {
                             return CallAnswer(notMine: true, remoteLink: sim.remoteLink(path, at: server))
                         }
                         return serve(sim, server)
                     },
                     then: { sim, answer in
                         if answer.notMine, let boundary = answer.remoteLink {
                             // Not stale: the path crosses into another domain. Keep the
                             // entry and find the new domain's server by broadcast.
                             sim.record(.remoteLink(path: path, prefix: boundary, server: server), at: node)
                             sim.callServer(kind, path: path, node: node, op: op, requestBytes: requestBytes,
                                            broadcast: true, serve: serve, then: then, failed: failed)
                         } else if answer.notMine {
                             // The hint was wrong: drop it and ask everyone, rather
                             // than trust a shorter prefix that may be just as wrong.
                             sim.forgetStalePrefix(path, node: node, server: server)
                             sim.callServer(kind, path: path, node: node, op: op, requestBytes: requestBytes,
                                            broadcast: true, serve: serve, then: then, failed: failed)
                         } else {
                             then(sim, server, answer)
                         }
                     },
                     failed: { sim, failure in
                         if let failed {
                             failed(sim, failure)
                         } else if op >= 0 {
                             sim.failFileStep(node, op, failure)
                         }
                     })
        }
    }
}
