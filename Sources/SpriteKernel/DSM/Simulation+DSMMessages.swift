/// DSM's messages: each goes through the network model as a `dsm`, `dsm-page` or `dsm-diff` message; what
/// it means waits in the request table's message slab, named by `Message.operation`. A node's message to
/// itself is no message: it is handled at once and costs nothing.
extension Simulation {
    /// A control message's size (V's fixed message), and a page message's header.
    static let dsmControlBytes: Int64 = 32
    /// Each run of a diff, and each write notice.
    static let dsmRunHeaderBytes: Int64 = 8

    func dsmSend(_ meaning: DSMMeaning, request: Int32, from: Int, to: Int, bytes: Int64 = dsmControlBytes,
                 participant: Int32 = -1, page: Int32 = -1) {
        let d = sharedMemory
        let r = d.table.requests[Int(request)]
        let isFault = r.kind == .readFault || r.kind == .writeFault
        let page = isFault ? r.target : page
        let m = DSMMessage(meaning: meaning, request: request, from: Int32(from), to: Int32(to),
                           participant: participant, page: page)
        guard from != to else { return dsmArrive(m) }
        d.statistics.messages += 1
        d.statistics.bytes += bytes
        d.segments[Int(r.segment)].messages += 1
        d.segments[Int(r.segment)].bytes += bytes
        d.table.requests[Int(request)].messages += 1
        if page >= 0 {
            d.pages[Int(page)].messages += 1
            d.pages[Int(page)].bytes += bytes
        }
        let slot = d.table.insert(message: m)
        let kind: MessageKind = switch meaning {
        case .page: .dsmPage
        case .diffReply, .diffPush: .dsmDiff
        default: .dsmControl
        }
        transmit(Message(kind: kind, source: from, destination: to, operation: slot, payloadBytes: bytes))
    }

    /// A DSM message arrived: a manager, owner or copy holder handles it after its service time;
    /// a requester takes its answer at once.
    func deliverDSM(_ message: Message) {
        let d = sharedMemory
        let m = d.table.messages[Int(message.operation)]
        let service = dsmService(segment: Int(d.table.requests[Int(m.request)].segment))
        switch m.meaning {
        case .page, .grant, .invalidateAck, .diffReply, .diffAck, .lockGrant, .barrierRelease:
            dsmHandle(message: message.operation)
        default:
            if service > .zero {
                schedule(.dsm(.serviceDone(message: message.operation)), at: now + service)
            } else {
                dsmHandle(message: message.operation)
            }
        }
    }

    func dsmHandle(message slot: Int32) {
        let m = sharedMemory.table.messages[Int(slot)]
        sharedMemory.table.remove(message: slot)
        dsmArrive(m)
    }

    func dsmService(segment: Int) -> SimTime {
        sharedMemory.segments[segment].spec.service ?? network.config.cost.fileCPU.other
    }

    /// What a DSM message does where it arrives.
    func dsmArrive(_ m: DSMMessage) {
        let r = m.request
        let at = Int(m.to)
        switch m.meaning {
        case .request: dsmRequestReached(r, at: at)
        case .forward: dsmServe(r)
        case .page, .grant: dsmPageArrived(r)
        case .invalidate: dsmInvalidateArrived(r, at: at)
        case .invalidateAck, .diffReply, .diffAck: dsmReplyArrived(r)
        case .confirm: dsmTransferEnded(r, at: at)
        case .diffRequest: dsmDiffRequested(r, at: at, writer: m.participant)
        case .diffPush: dsmDiffArrived(r, at: at, page: m.page)
        case .lockRequest: dsmLockRequested(r)
        case .lockGrant, .barrierRelease: dsmSyncGranted(r)
        case .lockRelease: dsmLockReleased(r)
        case .barrierArrive: dsmBarrierArrived(r)
        }
    }

    /// A DSM message that would arrive after the end of time: its slot is freed, its request waits.
    func dsmAbandoned(_ message: Message) {
        sharedMemory.table.remove(message: message.operation)
    }

    /// A DSM message got no answer after every retry. A copy holder or writer that crashed has no copy to
    /// invalidate or update: as good as acknowledged. A requester that crashed is gone with its process: its
    /// turn on the page ends (a page on its way to it as its new owner is lost). Otherwise the request fails,
    /// and the run reports it.
    func dsmGaveUp(_ message: Message) {
        let d = sharedMemory
        let m = d.table.messages[Int(message.operation)]
        d.table.remove(message: message.operation)
        let r = d.table.requests[Int(m.request)]
        if (m.meaning == .invalidate || m.meaning == .diffPush), !nodes[message.destination].isUp {
            return dsmReplyArrived(m.request)
        }
        guard nodes[Int(r.requester)].isUp else { return dsmRequesterGone(m.request) }
        let silent = Int(r.requester) == message.source ? message.destination : message.source
        dsmFail(process: r.process, name: dsmName(of: r), .noAnswer(node: silent))
    }

    /// The requester crashed while its fault held the page's turn: the turn passes on.
    func dsmRequesterGone(_ r: Int32) {
        let d = sharedMemory
        let request = d.table.requests[Int(r)]
        guard request.holdsTurn, request.kind == .readFault || request.kind == .writeFault else { return }
        let global = Int(request.target)
        if d.pages[global].owner == request.requester, d.pages[global].lostIn < 0 {
            d.pages[global].lostIn = request.requester
        }
        let s = Int(request.segment)
        let manager = d.managers[s].manager(of: request.target - d.segments[s].firstPage, d.segments[s])
        dsmTransferEnded(r, at: manager >= 0 ? manager : Int(d.pages[global].owner))
    }
}
