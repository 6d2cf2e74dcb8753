/// Sprite kernel-to-kernel RPC. A small call is two packets: the request and
/// the reply, which doubles as the request's acknowledgement. Arguments or
/// results larger than a packet are fragmented; a fragmented reply is
/// acknowledged once, by one extra packet, not fragment by fragment.
extension Simulation {
    /// Starts `count` sequential calls from `client` to `server`; each call is
    /// served on one of the server's CPUs for `service` (first come, first served).
    public func rpc(from client: Int, to server: Int, requestBytes: Int64, replyBytes: Int64,
                    service: SimTime, count: Int = 1) -> Int32 {
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
        var series = RpcSeries(client: client, server: server, requestBytes: requestBytes,
                               replyBytes: replyBytes, service: service, count: max(1, count), penalty: penalty)
        startCall(op, &series)
        return op
    }

    /// Begins the series' next call. A call's steps hand its series along and
    /// store it back before a message leaves, since each lookup copies the
    /// whole series out of the table.
    private func startCall(_ op: Int32, _ series: inout RpcSeries) {
        series.callStartedAt = now
        series.requestLeft = series.requestBytes
        series.replyLeft = series.replyBytes
        series.callPackets = 0
        sendRequestPiece(op, &series)
    }

    /// One RPC of the current call: the next piece of its arguments, or, once
    /// they are all sent, an empty request for the next piece of its results.
    private func sendRequestPiece(_ op: Int32, _ series: inout RpcSeries) {
        let piece = network.config.cost.rpcPiece(series.requestLeft)
        series.requestLeft -= piece
        series.callPackets += network.config.cost.packetCount(payloadBytes: piece)
        rpcSeries[op] = series
        statistics.rpcCalls += 1
        transmit(Message(kind: .rpcRequest, source: series.client, destination: series.server,
                         operation: op, payloadBytes: piece))
    }

    func deliverRPC(_ message: Message) {
        let op = message.operation
        guard var series = rpcSeries[op] else { return }
        switch message.kind {
        case .rpcRequest:
            // The procedure runs once per call, when its last argument piece is in.
            let first = series.requestLeft == 0 && series.replyLeft == series.replyBytes
            let done = nodes[series.server].reserveCPU(work: first ? series.service : .zero, now: now)
            series.servedByIncarnation = nodes[series.server].incarnation
            rpcSeries[op] = series
            schedule(.rpc(.rpcServed(call: op)), at: done)
        case .rpcReply:
            // The caller counts what has come back; the server only reads the series.
            if series.requestLeft == 0 { series.replyLeft -= message.payloadBytes }
            series.callPackets += message.packets
            if message.packets > 1 {
                acknowledgeFragmentedReply(series, op: op)
                series.callPackets += 1
            }
            if series.requestLeft > 0 || series.replyLeft > 0 { return sendRequestPiece(op, &series) }
            completeCall(op, &series)
        default:
            break
        }
    }

    func rpcServed(_ op: Int32) {
        // A server that crashed while serving lost the request with its memory,
        // even if it is back up by now.
        guard let series = rpcSeries[op], nodes[series.server].isUp,
              nodes[series.server].incarnation == series.servedByIncarnation else { return }
        // Until the arguments are all in, the reply is an empty acknowledgement.
        let piece = series.requestLeft > 0 ? 0 : network.config.cost.rpcPiece(series.replyLeft)
        transmit(Message(kind: .rpcReply, source: series.server, destination: series.client,
                         operation: op, payloadBytes: piece))
    }

    /// The one acknowledgement a fragmented reply gets. The caller does not
    /// wait for it, so it costs wire time and a packet, not latency.
    private func acknowledgeFragmentedReply(_ series: RpcSeries, op: Int32) {
        let transfer = network.transmit(payloadBytes: 0, from: series.client, to: series.server,
                                        departure: now, random: &random)
        operations[Int(op)].packets.addSaturating(transfer.packets)
        statistics.packets.addSaturating(transfer.packets)
        statistics.wireBytes.addSaturating(transfer.wireBytes)
    }

    private func completeCall(_ op: Int32, _ series: inout RpcSeries) {
        let packets = series.callPackets
        series.completed += 1
        operations[Int(op)].completedCalls = series.completed
        let elapsed = now - series.callStartedAt
        record(.rpcCompleted(operation: op, call: series.completed, calls: series.count, client: series.client,
                             server: series.server, elapsed: elapsed, penalty: series.penalty, packets: packets),
               at: series.client, level: series.count == 1 ? .operations : .messages)
        if series.completed < series.count { return startCall(op, &series) }
        rpcSeries[op] = nil
        finish(op)
        let record = operations[Int(op)]
        if series.count > 1 {
            let total = record.elapsed ?? .zero
            self.record(.rpcSeriesCompleted(operation: op, client: series.client, server: series.server,
                                            calls: series.count, elapsed: total,
                                            mean: SimTime(nanoseconds: total.nanoseconds / Int64(series.count)),
                                            penalty: series.penalty, packets: record.packets),
                        at: series.client)
        }
    }
}
