/// Sprite kernel-to-kernel RPC. A small call is two packets: the request and
/// the reply, which doubles as the request's acknowledgement. Arguments or
/// results larger than a packet are fragmented; a fragmented reply is
/// acknowledged once, by one extra packet, not fragment by fragment.
extension Simulation {
    /// Starts `count` sequential calls from `client` to `server`; each call is
    /// served on one of the server's CPUs for `service` (first come, first served).
    public func rpc(from client: Int, to server: Int, requestBytes: Int64, replyBytes: Int64,
                    service: SimTime, count: Int = 1) -> Int32 {
        rpc(from: client, to: server, requestBytes: requestBytes, replyBytes: replyBytes, service: service,
            count: count, releasesRecord: false)
    }

    /// One call the kernel makes for itself (a probe, a migration phase, a call forwarded home): no statement
    /// tracks it, so once it has ended and its up-call has read it, its record is released (OperationTable).
    func kernelRPC(from client: Int, to server: Int, requestBytes: Int64, replyBytes: Int64,
                   service: SimTime, count: Int = 1) -> Int32 {
        rpc(from: client, to: server, requestBytes: requestBytes, replyBytes: replyBytes, service: service,
            count: count, releasesRecord: true)
    }

    private func rpc(from client: Int, to server: Int, requestBytes: Int64, replyBytes: Int64,
                     service: SimTime, count: Int, releasesRecord: Bool) -> Int32 {
        let op = newOperation(.rpc, node: client, peer: server)
        operations[Int(op)].bytes = (requestBytes + replyBytes) * Int64(count)
        guard nodes[client].isUp else {
            fail(op, .nodeDown(node: client))
            return op
        }
        let penalty = networkPenalty(bytes: requestBytes, from: client, to: server)
            + networkPenalty(bytes: replyBytes, from: server, to: client)
        start(op)
        // Even on idle links the first call could not end in time.
        guard !(now + penalty).isPastHorizon else {
            fail(op, .endOfTime)
            return op
        }
        operations[Int(op)].penalty = penalty
        // A new operation: it has no series yet.
        rpcLayer.series.insert(RpcSeries(client: client, server: server, requestBytes: requestBytes,
                                         replyBytes: replyBytes, service: service, count: max(1, count),
                                         penalty: penalty, releasesRecord: releasesRecord), for: op)
        if let slot = rpcLayer.slot(of: op) { startCall(op, slot) }
        return op
    }

    /// Begins the series' next call. A call's steps name its series by slot and
    /// change it in place (`layer[slot: slot]`, the layer held in a local).
    private func startCall(_ op: Int32, _ slot: Int) {
        rpcLayer[slot: slot].beginCall(at: now)
        sendRequestPiece(op, slot)
    }

    /// One RPC of the current call: the next piece of its arguments, or, once
    /// they are all sent, an empty request for the next piece of its results.
    private func sendRequestPiece(_ op: Int32, _ slot: Int) {
        let layer = rpcLayer
        let piece = layer[slot: slot].takeRequestPiece(maxRPCBytes: network.config.cost.maxRPCBytes,
                                                        mtuBytes: network.config.cost.mtuBytes)
        statistics.rpcCalls += 1
        transmit(Message(kind: .rpcRequest, source: layer[slot: slot].client, destination: layer[slot: slot].server,
                         operation: op, payloadBytes: piece))
    }

    func deliverRPC(_ message: Message) {
        let op = message.operation
        let layer = rpcLayer
        guard let slot = layer.slot(of: op) else { return }
        switch message.kind {
        case .rpcRequest:
            // The procedure runs once per call, when its last argument piece is in.
            let server = layer[slot: slot].server
            let first = layer[slot: slot].requestLeft == 0
                && layer[slot: slot].replyLeft == layer[slot: slot].replyBytes
            let done = serveKernelWork(on: server, work: first ? layer[slot: slot].service : .zero)
            layer[slot: slot].servedByIncarnation = nodes[server].incarnation
            schedule(.rpc(.rpcServed(call: op)), at: done)
        case .rpcReply:
            // The caller counts what has come back; the server only reads the series.
            layer[slot: slot].countReply(payloadBytes: message.payloadBytes, packets: message.packets)
            if message.packets > 1 { acknowledgeFragmentedReply(layer[slot: slot], op: op) }
            if layer[slot: slot].requestLeft > 0 || layer[slot: slot].replyLeft > 0 {
                return sendRequestPiece(op, slot)
            }
            completeCall(op, slot)
        default:
            break
        }
    }

    func rpcServed(_ op: Int32) {
        let layer = rpcLayer
        guard let slot = layer.slot(of: op) else { return }
        let server = layer[slot: slot].server
        // A server that crashed while serving lost the request with its memory,
        // even if it is back up by now.
        guard nodes[server].isUp, nodes[server].incarnation == layer[slot: slot].servedByIncarnation else { return }
        // Until the arguments are all in, the reply is an empty acknowledgement.
        let piece = layer[slot: slot].requestLeft > 0 ? 0 : network.config.cost.rpcPiece(layer[slot: slot].replyLeft)
        transmit(Message(kind: .rpcReply, source: server, destination: layer[slot: slot].client,
                         operation: op, payloadBytes: piece))
    }

    /// The trace event of a call just completed, built only if the trace wants it.
    private func rpcCompletedEvent(_ op: Int32, _ series: RpcSeries, now: SimTime) -> TraceEvent {
        .rpcCompleted(operation: op, call: series.completed, calls: series.count, client: series.client,
                      server: series.server, elapsed: now - series.callStartedAt, penalty: series.penalty,
                      packets: series.callPackets)
    }

    /// The one acknowledgement a fragmented reply gets. The caller does not
    /// wait for it, so it costs wire time and a packet, not latency.
    private func acknowledgeFragmentedReply(_ series: RpcSeries, op: Int32) {
        let transfer = network.transmit(payloadBytes: 0, from: series.client, to: series.server,
                                        departure: now, now: now, random: &random)
        operations[Int(op)].packets.addSaturating(transfer.packets)
        statistics.packets.addSaturating(transfer.packets)
        statistics.wireBytes.addSaturating(transfer.wireBytes)
    }

    private func completeCall(_ op: Int32, _ slot: Int) {
        rpcLayer[slot: slot].completed += 1
        // The fields a call needs are read in place; the series is copied only once it is done.
        let completed = rpcLayer[slot: slot].completed, count = rpcLayer[slot: slot].count
        operations[Int(op)].completedCalls = completed
        record(rpcCompletedEvent(op, rpcLayer[slot: slot], now: now), at: rpcLayer[slot: slot].client,
               level: count == 1 ? .operations : .messages)
        if completed < count { return startCall(op, slot) }
        let series = rpcLayer[slot: slot]
        rpcLayer.series.remove(op, slot: slot)
        finish(op)
        // The series' line comes before what its end sets off (a migration's next phase), as a call's does.
        // Its two fields are read in place: a copy of the whole record cost a memcpy per call.
        if series.count > 1 {
            let total = operations[Int(op)].elapsed ?? .zero
            record(.rpcSeriesCompleted(operation: op, client: series.client, server: series.server,
                                       calls: series.count, elapsed: total,
                                       mean: SimTime(nanoseconds: total.nanoseconds / Int64(series.count)),
                                       penalty: series.penalty, packets: operations[Int(op)].packets),
                   at: series.client)
        }
        rpcSeriesEnded(op)
        // Its up-call has read how it ended; nothing else will (a failed one keeps its record for the trace).
        if series.releasesRecord { operations.release(op) }
    }
}
