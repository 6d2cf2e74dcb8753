// A libFuzzer target: every input is a script, parsed, checked and run the
// way `sprite-shell FILE` runs it, under small grading limits so that each
// input takes milliseconds. Built and run by Scripts/fuzz (see docs/FUZZING.md).
//
// A crash, a sanitizer report or a libFuzzer timeout here is a bug: user
// input must end in a diagnostic and an exit status, never in a trap or a hang.
import Foundation
import SpriteScript

/// The limits each input runs under: far below the defaults, so a run is
/// short, yet high enough that the examples and seeds still run to the end
/// or reach a limit quickly. FuzzInputReplayTests replays inputs under the same values.
let fuzzLimits = [
    "events=200000", "time=1h", "wall=2s", "nodes=200", "processes=2000", "file-bytes=16MB",
    "statements=20000", "output=5000", "memory=1000000",
]

/// Throws output away: rendering still happens, so the renderers are fuzzed too.
final class DiscardingSink: OutputSink {
    func write(_ line: String, to stream: OutputChannel) {}
}

/// An empty folder the scripts may `load` from: the sandbox's own checks run,
/// and nothing on the host is readable.
let emptyFolder: String = {
    let path = NSTemporaryDirectory() + "sprite-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

/// Where inputs may export pictures: each input overwrites the files of the one before.
let exportFolder: String = {
    let path = emptyFolder + "/exports"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

func fuzzOptions(format: OutputFormat) -> SessionOptions {
    var options = SessionOptions()
    options.format = format
    // Text as a pipe gets it: fitted to 80 columns, so table fitting runs.
    options.width = format == .text ? 80 : 0
    for limit in fuzzLimits { try? options.limits.set(limit) }
    options.sandbox = SourceSandbox(scriptFolder: emptyFolder)
    // Exports are allowed into a folder of their own, so every picture is drawn and written too.
    options.exportFolder = exportFolder
    return options
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    // Invalid UTF-8 becomes U+FFFD: wider than the shell, which refuses a file that is not UTF-8,
    // so the lexer and the diagnostics see every character a decoder can produce.
    let text = String(decoding: bytes, as: UTF8.self)
    // Odd-sized inputs run with JSON output, even-sized ones with text.
    let format: OutputFormat = size % 2 == 0 ? .text : .json
    let session = Session(options: fuzzOptions(format: format), sink: DiscardingSink())
    let status = session.runScript(SourceFile(name: emptyFolder + "/input.sprite", text: text))
    if session.ran && status != .outputFailed { session.printSummary() }
    return 0
}

/// With SPRITE_FUZZ_DICTIONARY=PATH set, writes a libFuzzer dictionary of the
/// language's words (every statement's keywords and the words of its usage and
/// example) to PATH and exits: the dictionary follows the statement registry.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    guard let path = ProcessInfo.processInfo.environment["SPRITE_FUZZ_DICTIONARY"] else { return 0 }
    var words = Set(StatementRegistry.keywords)
    for syntax in StatementRegistry.all {
        let help = syntax.help
        for text in help.usage + [help.example] {
            for word in text.split(whereSeparator: { !($0.isLetter || $0.isNumber || "-_.".contains($0)) })
            where word.count > 1 && word.count <= 24 {
                words.insert(String(word))
            }
        }
    }
    // Punctuation the lexer reads as one token.
    words.formUnion(["{", "}", "(", ")", "[", "]", "..", "==", "!=", "<=", ">=", "#", ",", "\"", "\n"])
    let lines = words.sorted().map { word in
        let escaped = word.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\x0A"
            default: return String(scalar)
            }
        }.joined()
        return "\"\(escaped)\""
    }
    do {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        FileHandle.standardError.write(Data("cannot write \(path): \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
