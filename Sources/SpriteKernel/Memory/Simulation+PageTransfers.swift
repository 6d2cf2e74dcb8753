/// Where the file system reports the end of a page's block transfer (FileSystem/BlockTransfer.swift).
extension Simulation {
    /// The transfer tagged `tag` ended; `failure` says why it did not complete.
    func pageTransferDone(tag: Int32, failure: OperationFailure?) {
        guard tag >= 0, Int(tag) < virtualMemory.pager.slots.count else { return }
        pageIODone(tag, failure: failure)
    }
}
