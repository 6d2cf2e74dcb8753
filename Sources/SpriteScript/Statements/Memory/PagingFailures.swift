import SpriteKernel

extension Interpreter {
    /// A page-in that failed killed the processes waiting for the page; the run ends there with a runtime
    /// error naming the process, the page and why, as a DSM step that could not be taken does. Under
    /// `try` the trace line says it and the script goes on.
    func checkPagingFailures(at span: SourceSpan) throws(Diagnostic) {
        guard let failure = simulation.takePagingFailures().first, !allowFailures else { return }
        // The fault's trace line first, then the error.
        flushTrace()
        let s = simulation
        let process = s.processMetrics(failure.process)?.name ?? "\(failure.process)"
        guard let cause = failure.failure else {
            let node = s.nodeName(failure.node)
            throw Diagnostic(.runtime, "process \(process) faulted on page \(failure.page) of its "
                             + "\(failure.segment.rawValue) at \(failure.time) on \(node), and VM there can never "
                             + "hold a page: its share of \(node)'s memory is "
                             + "\(Quantity.formatBytes(failure.vmShare)), "
                             + "less than one \(Quantity.formatBytes(failure.pageSize)) page; the process was killed",
                             at: span, help: "give VM at least one page: negotiate fixed with a larger share, "
                                + "negotiate oldest, or more memory for \(node) (help vm)")
        }
        throw Diagnostic(.runtime, "process \(process) faulted on page \(failure.page) of its "
                         + "\(failure.segment.rawValue) at \(failure.time) on \(s.nodeName(failure.node)), and the "
                         + "page could not be had: \(EventWords.words(cause, self.context)); the process was "
                         + "killed", at: span,
                         help: Self.pagingHelp(failure.segment, cause))
    }

    private static func pagingHelp(_ segment: SegmentKind, _ cause: OperationFailure) -> String {
        if case .sourcePageLost = cause {
            return "lazy copy leaves a migrated process's pages on the node it left until each is touched: keep "
                + "that node up until then, or migrate with strategy flush, copy or precopy (help migrate)"
        }
        return segment == .code
            ? "code pages come from the program's file: declare a domain whose server holds it"
            : "data and stack pages come from backing files on their directory's server (help vm): "
                + "keep that server up and reachable, or use backing swap on a node with a disk"
    }
}
