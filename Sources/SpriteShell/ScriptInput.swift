import Foundation

/// Reads whole scripts from a file or standard input with read(2), so that an
/// unreadable input (a folder, a closed descriptor, a device that never ends)
/// is a reason to report and exit 2 with, never a trap or an unbounded read.
enum ScriptInput {
    /// A script larger than this is refused rather than read into memory.
    static let maxBytes = 16 << 20

    enum Failure: Error, Equatable {
        case system(Int32)
        case isDirectory
        case tooLarge
        case notUTF8

        var reason: String {
            switch self {
            case .system(let code): String(cString: strerror(code)).lowercased()
            case .isDirectory: "it is a folder"
            case .tooLarge: "it is larger than \(ScriptInput.maxBytes >> 20) MiB"
            case .notUTF8: "it is not UTF-8 text"
            }
        }
    }

    static func read(path: String) -> Result<String, Failure> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(.system(errno)) }
        defer { close(descriptor) }
        return read(descriptor: descriptor)
    }

    static func readStandardInput() -> Result<String, Failure> { read(descriptor: STDIN_FILENO) }

    static func read(descriptor: Int32) -> Result<String, Failure> {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.system(errno)) }
        if status.st_mode & S_IFMT == S_IFDIR { return .failure(.isDirectory) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(.system(errno))
            }
            if got == 0 { break }
            guard bytes.count + got <= maxBytes else { return .failure(.tooLarge) }
            bytes += chunk[..<got]
        }
        // A byte-order mark is not part of the script, in a file or on a pipe.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        guard let text = String(validating: body, as: UTF8.self) else { return .failure(.notUTF8) }
        return .success(text)
    }
}
