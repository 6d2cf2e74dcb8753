import Foundation
import SpriteScript

/// A report file the grader writes (`--junit`, `--gradescope`): only where the command line points,
/// only into a regular file. Opening does not wait (a FIFO with no reader is refused at once rather
/// than hanging the grader), and a FIFO or device that did open is refused before a byte is written.
/// Written through the name the command line gave (it may name a link on purpose); the `--report` folder's
/// files are written by ReplacingFile instead, as they lie in a folder others may write.
public enum ReportFile {
    public struct Failure: Error, Sendable {
        public let reason: String
    }

    public static func write(_ text: String, to path: String) -> Result<Void, Failure> {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return .failure(Failure(reason: reason(errno))) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            return .failure(Failure(reason: "it is not a regular file"))
        }
        if let error = ReplacingFile.writeAll(Array(text.utf8), to: descriptor) {
            close(descriptor)
            return .failure(Failure(reason: reason(error)))
        }
        // A full disk or a network file system may report the failure only now.
        guard close(descriptor) == 0 else { return .failure(Failure(reason: reason(errno))) }
        return .success(())
    }

    private static func reason(_ error: Int32) -> String { String(cString: strerror(error)).lowercased() }
}
