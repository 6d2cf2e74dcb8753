import Foundation

/// A whole regular file read with read(2), refused past a cap: a test folder may hold anything, and a
/// FIFO or a device must not hang the grader, nor a huge file fill its memory.
enum BoundedFile {
    struct Failure: Error {
        let reason: String
    }

    static func read(_ path: String, cap: Int) -> Result<[UInt8], Failure> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(Failure(reason: String(cString: strerror(errno)).lowercased())) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            return .failure(Failure(reason: "it is not a regular file"))
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { return .failure(Failure(reason: String(cString: strerror(errno)).lowercased())) }
            if got == 0 { return .success(bytes) }
            guard bytes.count + got <= cap else { return .failure(Failure(reason: "it is larger than \(cap) bytes")) }
            bytes += chunk[..<got]
        }
    }
}
