/// `show sweep NAME`: a sweep's table again.
enum ShowSweep {
    static func check(_ name: Name, _ checker: inout Checker) {
        guard checker.symbols.sweeps[name.text] == nil else { return }
        let names = Array(checker.symbols.sweeps.keys)
        checker.error("unknown sweep '\(name.text)'\(checker.suggestion(for: name.text, among: names))", at: name.span,
                      help: names.isEmpty ? "no sweep has run yet: sweep \(name.text) { choose …; … }"
                        : checker.declared("sweeps", names))
    }

    static func show(_ name: Name, _ interpreter: Interpreter) throws(Diagnostic) {
        guard let result = interpreter.sweeps[name.text] else {
            throw Diagnostic(.runtime, "sweep '\(name.text)' has not run", at: name.span, help: "run the sweep first")
        }
        interpreter.emit(.table(SweepTable.table(result, width: interpreter.options.width)))
    }
}
