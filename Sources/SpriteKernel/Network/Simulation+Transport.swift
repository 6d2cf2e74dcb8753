/// Moving messages: transmission (or the local kernel between processes of
/// one node), drops, retransmission, giving up, and delivery to the owner.
extension Simulation {
    /// Puts a message on the network (or, between processes on one node,
    /// through the local kernel) and schedules its arrival. A V message's
    /// text travels beside it, to be handed to its receiver.
    func transmit(_ message: Message, text: String? = nil) {
        var message = message
        message.sentAt = now
        message.sourceIncarnation = nodes[message.source].incarnation
        message.destinationIncarnation = nodes[message.destination].incarnation
        // The cost model is read in place: a copy of it would cost a memcpy per message.
        let arrival: SimTime
        var lost = false
        if message.source == message.destination {
            message.isLocal = true
            statistics.localMessages += 1
            // One kernel message; data beyond a fixed V message is copied memory to memory.
            let fixed = message.kind == .vSend || message.kind == .vReply ? network.config.cost.vMessageBytes : 0
            arrival = now + network.config.cost.localMessageCost
                + network.config.cost.localCopy(bytes: max(0, message.payloadBytes - fixed))
        } else {
            // The sender's CPU copies the whole message out before the first packet
            // leaves; the receiver's copies it in after the last arrives (no overlap).
            let work = CostModel.endpointWork(bytes: message.payloadBytes,
                                              packetOverhead: network.config.cost.packetOverhead,
                                              copyBytesPerSecond: network.config.cost.copyBytesPerSecond,
                                              mtuBytes: network.config.cost.mtuBytes)
            let sending = (network.config.cost.sendOverhead + work).scaled(bySpeed: nodes[message.source].spec.speed)
            let transfer = network.transmit(payloadBytes: message.payloadBytes, from: message.source,
                                            to: message.destination, departure: now + sending, now: now,
                                            random: &random)
            message.packets = transfer.packets
            message.wireBytes = transfer.wireBytes
            // One switch over the kind: the chain of comparisons it replaced cost 4 instructions a message.
            let charged: Int32
            switch message.kind {
            case .callRequest, .callReply: charged = callOperation(message.operation)
            case .dsmControl, .dsmPage, .dsmDiff, .pageRequest, .pageReply: charged = -1
            case .vSend, .vReply, .moveRequest, .moveData, .moveAck, .rpcRequest, .rpcReply:
                charged = message.operation
            }
            if charged >= 0 { operations[Int(charged)].packets.addSaturating(transfer.packets) }
            statistics.packets.addSaturating(transfer.packets)
            statistics.wireBytes.addSaturating(transfer.wireBytes)
            arrival = transfer.arrival
                + (network.config.cost.receiveOverhead + work).scaled(bySpeed: nodes[message.destination].spec.speed)
            lost = transfer.lost
        }
        statistics.messagesSent += 1
        let id = messages.insert(message, text: text)
        record(.messageSent(summary(id)), at: message.source, level: .messages)
        if lost {
            let reason: DropReason = network.canReach(message.source, message.destination) ? .loss : .partition
            drop(id, reason: reason)
        } else {
            schedule(.net(.deliver(message: id)), at: arrival)
        }
    }

    /// Built only when the trace records messages (`record` takes it as an autoclosure).
    func summary(_ id: Int32) -> MessageSummary {
        summaryOf(messages[id], id: id)
    }

    /// A lost message: the sender notices when its timeout runs out after the
    /// attempt, then sends it again or, after the last retry, gives up. So
    /// every one of the retries + 1 attempts waits its timeout.
    private func drop(_ id: Int32, reason: DropReason) {
        statistics.messagesDropped += 1
        let message = messages[id]
        record(.messageDropped(summary(id), reason), at: message.destination, level: .messages)
        let sender = nodes[message.source]
        guard sender.isUp, sender.incarnation == message.sourceIncarnation, reason != .senderCrashed else {
            messages.discard(id)
            return
        }
        schedule(.net(.retransmit(message: id)), at: max(now, message.sentAt + network.config.cost.retransmitTimeout))
    }

    /// The last attempt's timeout ran out: what the message carried fails, as its owner says.
    private func giveUp(_ id: Int32) {
        let message = messages[id]
        messages.discard(id)
        switch message.kind {
        case .callRequest, .callReply: fileCallGaveUp(message)
        case .pageRequest, .pageReply: blockTransferGaveUp(message)
        case .rpcRequest, .rpcReply: rpcGaveUp(message)
        case .vSend, .vReply, .moveRequest, .moveData, .moveAck: ipcGaveUp(message)
        case .dsmControl, .dsmPage, .dsmDiff: dsmGaveUp(message)
        }
    }

    /// The node that never answered, seen from the node that issued the message's operation.
    func silentNode(of message: Message) -> Int {
        let issuer = operations[Int(message.operation)].node
        return issuer == message.source ? message.destination : message.source
    }

    func retransmit(_ id: Int32) {
        var message = messages[id]
        let sender = nodes[message.source]
        guard sender.isUp, sender.incarnation == message.sourceIncarnation else {
            messages.discard(id)
            return
        }
        guard message.attempt < network.config.cost.maxRetransmits else { return giveUp(id) }
        message.attempt += 1
        statistics.retransmissions += 1
        let text = messages.release(id)
        record(.retransmitting(summaryOf(message)), at: message.source, level: .messages)
        transmit(message, text: text)
    }

    private func summaryOf(_ m: Message, id: Int32 = -1) -> MessageSummary {
        let (from, to) = processes(of: m)
        return MessageSummary(id: id, kind: m.kind, source: m.source, destination: m.destination,
                              payloadBytes: m.payloadBytes, packets: m.packets, wireBytes: m.wireBytes,
                              attempt: m.attempt, fromProcess: from, toProcess: to)
    }

    /// Which processes a message is between, for the trace: a V message carries them; a file-system call or
    /// an RPC is its operation's process's at the end on that process's node (a callback the server sends
    /// for a client's open is the kernels'); DSM and page traffic is the kernel's.
    private func processes(of m: Message) -> (from: Int32, to: Int32) {
        switch m.kind {
        case .vSend, .vReply, .moveRequest, .moveData, .moveAck: return (m.fromProcess, m.toProcess)
        case .dsmControl, .dsmPage, .dsmDiff, .pageRequest, .pageReply: return (-1, -1)
        case .callRequest, .callReply, .rpcRequest, .rpcReply:
            let op = m.isFileCall ? callOperation(m.operation) : m.operation
            guard op >= 0, let record = operation(op), let process = record.process, process >= 0 else {
                return (-1, -1)
            }
            return (record.node == m.source ? Int32(process) : -1, record.node == m.destination ? Int32(process) : -1)
        }
    }

    func deliver(_ id: Int32) {
        let message = messages[id]
        let source = nodes[message.source]
        let destination = nodes[message.destination]
        if source.incarnation != message.sourceIncarnation {
            drop(id, reason: .senderCrashed)
            return
        }
        if !destination.isUp || destination.incarnation != message.destinationIncarnation {
            drop(id, reason: .destinationDown)
            return
        }
        if !network.canReach(message.source, message.destination) {
            drop(id, reason: .partition)
            return
        }
        statistics.messagesDelivered += 1
        record(.messageDelivered(summary(id)), at: message.destination, level: .messages)
        // Only V messages carry text: the others leave it alone, and skip releasing an empty one.
        switch message.kind {
        case .vSend, .vReply, .moveRequest, .moveData, .moveAck:
            let text = messages.release(id)
            deliverIPC(message, text: text)
        case .rpcRequest, .rpcReply:
            messages.discard(id)
            deliverRPC(message)
        case .callRequest, .callReply:
            messages.discard(id)
            deliverCall(message)
        case .dsmControl, .dsmPage, .dsmDiff:
            messages.discard(id)
            deliverDSM(message)
        case .pageRequest, .pageReply:
            messages.discard(id)
            deliverBlockTransfer(message)
        }
    }
}
