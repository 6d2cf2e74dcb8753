import Foundation
import SpriteScript
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Buffered standard output and unbuffered standard error, written with
/// write(2). Output is flushed before anything goes to standard error so the
/// two stay in order on a terminal.
///
/// A failed write never traps: the first failure is remembered, every later
/// line is dropped, and the run ends with exit status 5. A closed pipe says
/// nothing (the reader has gone); any other error prints one line on
/// standard error if that still works.
final class StandardOutput: OutputSink, @unchecked Sendable {
    static let shared = StandardOutput()
    private var buffer: [UInt8] = []
    private var failed = false
    private let lock = NSLock()

    var hasFailed: Bool { lock.withLock { failed } }

    /// Writes `text` as lines, each with its control characters escaped:
    /// the shell's own messages (and the argument parser's, which quote the
    /// command line) pass here as the language's lines do.
    func write(_ text: String, to stream: OutputChannel) {
        switch stream {
        case .output:
            let full: Bool = lock.withLock {
                guard !failed else { return false }
                for line in TerminalText.lines(text) {
                    buffer.append(contentsOf: line.utf8)
                    buffer.append(10)
                }
                return buffer.count > 1 << 16
            }
            if full { flush() }
        case .error:
            writeError(text)
        }
    }

    func writeError(_ text: String) {
        flush()
        lock.withLock {
            guard !failed else { return }
            var bytes: [UInt8] = []
            for line in TerminalText.lines(text) { bytes += line.utf8 + [10] }
            if Self.writeAll(bytes, to: STDERR_FILENO) != nil { failed = true }
        }
    }

    func flush() {
        lock.withLock {
            guard !failed, !buffer.isEmpty else { return }
            let error = Self.writeAll(buffer, to: STDOUT_FILENO)
            buffer.removeAll(keepingCapacity: true)
            guard let error else { return }
            failed = true
            if error != EPIPE {
                let reason = String(cString: strerror(error))
                _ = Self.writeAll(Array("sprite-shell: cannot write standard output: \(reason)\n".utf8),
                                  to: STDERR_FILENO)
            }
        }
    }

    /// Flushes, and turns `status` into 5 if any output was lost.
    func finish(_ status: ExitStatus) -> ExitStatus {
        flush()
        return hasFailed ? .outputFailed : status
    }

    /// Writes every byte, retrying after a signal and after a partial write;
    /// the errno of a write that failed, or nil.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        bytes.withUnsafeBytes { raw -> Int32? in
            guard let base = raw.baseAddress else { return nil }
            var offset = 0
            while offset < raw.count {
                let written = systemWrite(descriptor, base + offset, raw.count - offset)
                if written > 0 {
                    offset += written
                    continue
                }
                let error = written < 0 ? errno : EIO
                if error == EINTR { continue }
                if error == EAGAIN || error == EWOULDBLOCK {
                    // A non-blocking descriptor inherited from the caller: wait until it drains.
                    var wanted = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&wanted, 1, -1)
                    continue
                }
                return error
            }
            return nil
        }
    }
}
