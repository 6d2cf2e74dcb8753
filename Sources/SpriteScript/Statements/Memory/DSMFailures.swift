import SpriteKernel

extension Interpreter {
    /// A DSM step that could not be taken ends the run with a runtime error naming the process, the step
    /// and the time.
    func checkDSMFailures(at span: SourceSpan) throws(Diagnostic) {
        guard let failure = simulation.dsmFailures.first else { return }
        let s = simulation
        let process = s.processMetrics(failure.process)?.name ?? "\(failure.process)"
        switch failure.kind {
        case .notAmongNodes(let node):
            let nodes = s.dsmSegments.first { $0.name == failure.name }?.nodes.map(s.nodeName) ?? []
            throw Diagnostic(.runtime, "process \(process) took a dsm step on \(failure.name) at \(failure.time), but "
                             + "\(s.nodeName(node)) is not among \(failure.name)'s nodes; the process ended there",
                             at: span, help: nodes.isEmpty ? "declare a segment first: dsm S pages 4 on NODES"
                                : "spawn it on one of " + nodes.joined(separator: ", ")
                                    + ", or add \(s.nodeName(node)) to the dsm statement")
        case .pageLost(let page, let node):
            throw Diagnostic(.runtime, "process \(process) faulted on page \(page) of \(failure.name) at "
                             + "\(failure.time): the page was lost in \(s.nodeName(node))'s crash, and the process "
                             + "ended there", at: span,
                             help: "a page lives only with its owner: restart before the crash, or keep copies by "
                                + "reading the page on other nodes first")
        case .releaseNotHeld:
            throw Diagnostic(.runtime, "process \(process) took 'dsm release \(failure.name)' at \(failure.time) "
                             + "without holding \(failure.name), and the process ended there", at: span,
                             help: "only the process that acquired a DSM lock may release it; pair each release "
                                + "with a dsm acquire")
        case .acquireHeld:
            throw Diagnostic(.runtime, "process \(process) took 'dsm acquire \(failure.name)' at \(failure.time) "
                             + "while holding \(failure.name), and the process ended there", at: span,
                             help: "DSM locks are not reentrant, like local locks: release \(failure.name) before "
                                + "acquiring it again")
        case .partiesMismatch(let waiting, let arriving):
            throw Diagnostic(.runtime, "process \(process) arrived at dsm barrier \(failure.name) with parties "
                             + "\(arriving) at \(failure.time), while its waiters named parties \(waiting); "
                             + "\(process) was left waiting there", at: span,
                             help: "every arrival at one episode of a barrier names the same parties: use one count, "
                                + "or another barrier name")
        case .noAnswer(let node):
            throw Diagnostic(.runtime, "process \(process)'s dsm request on \(failure.name) got no answer from "
                             + "\(s.nodeName(node)) after every retry (at \(failure.time)); the process waits for ever",
                             at: span, help: "a DSM manager or owner that crashed or is cut off stops its pages; "
                                + "heal the partition or restart the node before the step")
        }
    }
}
