/// `signal C` and `wait C`: messages between processes of one node. A
/// message arrives the local message cost (the cost model's `local-cost`)
/// after it is sent; `wait C` takes the oldest message on C that another
/// process sent, so two threads running one program can exchange messages.
extension Simulation {
    /// Sends on the channel; the sender goes on at once (the message is copied out).
    func signalStep(_ process: Int32, name: Int32) {
        let s = scheduler
        s.table[process].pc += 1
        let id = s.channels.channel(node: synchronisationNode(process), name: name)
        let arrival = now + network.config.cost.localMessageCost
        s.channels.channels[id].sent += 1
        if let index = s.channels.channels[id].waiters.firstIndex(where: { $0 != process }) {
            let waiter = s.channels.channels[id].waiters.remove(at: index)
            s.table[waiter].pc += 1
            schedule(.sched(.wake(process: waiter)), at: arrival)
        } else {
            s.channels.post((arrival, process), on: id)
        }
    }

    /// Takes a message (nil: go on), waits for one still on its way, or blocks until one is sent.
    func waitStep(_ process: Int32, name: Int32) -> StepOutcome? {
        let s = scheduler
        let id = s.channels.channel(node: synchronisationNode(process), name: name)
        guard let index = s.channels.channels[id].messages.firstIndex(where: { $0.sender != process }) else {
            s.channels.channels[id].waiters.append(process)
            block(process, .message, on: name)
            return .blocked
        }
        let message = s.channels.take(at: index, on: id)
        s.table[process].pc += 1
        return message.arrival > now ? blockFor(process, .message, message.arrival - now) : nil
    }
}
