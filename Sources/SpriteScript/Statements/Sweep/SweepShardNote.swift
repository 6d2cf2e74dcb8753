/// `sprite-shell run --shard I/N`: an `expect NAME[…]` whose cell another shard runs is not checked here. It
/// counts neither as passed nor as failed (the shard that runs the cell checks it), and a note says so.
enum SweepShardNote {
    static func skip(_ expect: SweepExpectStatement, cell values: [String], of result: SweepResult,
                     _ interpreter: Interpreter) {
        let label = SweepCells.label(result.shape.choices.map(\.name), values)
        let message = "expect not checked: the cell \(label) of sweep '\(result.shape.name)' runs in shard "
            + "\(result.shard(of: values)), and this run is shard \(result.shard)"
        interpreter.emit(.diagnostic(Diagnostic(
            .runtime, message, at: expect.span,
            help: "the run of that shard checks it; merge the shards' JSON output with 'sprite-shell run --merge' "
                + "for the whole table", severity: .note)))
    }
}
