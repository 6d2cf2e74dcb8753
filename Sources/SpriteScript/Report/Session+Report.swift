/// `--report DIR` (SessionOptions.reportFolder): what `runScript` does around the run.
extension Session {
    /// The folder cannot be made, or a file in it cannot be written: said as an error, and the status the
    /// run ends with. A folder the command line names wrongly is a malformed command line (nothing ran);
    /// anything else is output that could not be written (5).
    func reportFailed(_ failure: ReportFolder.Failure) -> ExitStatus {
        interpreter.emit(.diagnostic(Diagnostic(failure.isUsage ? .usage : .outputFailed, failure.message, at: nil,
                                                help: failure.help)))
        return failure.isUsage ? .malformed : .outputFailed
    }

    /// Writes the report of the run that ended with `status` into `folder`: `status`, or 5 when a file of
    /// it could not be written.
    func writeReport(into folder: ReportFolder, status: ExitStatus) -> ExitStatus {
        guard let transcript = interpreter.reporter.transcript else { return status }
        let report = RunReport(interpreter, transcript: transcript, script: scriptName ?? "<script>",
                               status: status)
        do throws(ReportFolder.Failure) {
            for file in report.files { try folder.write(file.text, named: file.name) }
        } catch {
            return reportFailed(error)
        }
        return status
    }
}
