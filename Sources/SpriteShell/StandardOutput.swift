import Foundation
import SpriteScript

/// Buffered standard output and unbuffered standard error. Output is flushed
/// before anything goes to standard error so the two stay in order on a terminal.
final class StandardOutput: OutputSink, @unchecked Sendable {
    static let shared = StandardOutput()
    private var buffer: [UInt8] = []
    private let lock = NSLock()

    func write(_ line: String, to stream: OutputChannel) {
        switch stream {
        case .output:
            lock.lock()
            buffer.append(contentsOf: line.utf8)
            buffer.append(10)
            let full = buffer.count > 1 << 16
            lock.unlock()
            if full { flush() }
        case .error:
            writeError(line)
        }
    }

    func writeError(_ line: String) {
        flush()
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func flush() {
        lock.lock()
        let bytes = buffer
        buffer.removeAll(keepingCapacity: true)
        lock.unlock()
        guard !bytes.isEmpty else { return }
        FileHandle.standardOutput.write(Data(bytes))
    }
}
