import Foundation
import Testing
import SpriteScript

/// Every input the fuzzer (Fuzz/SpriteFuzz.swift, Scripts/fuzz) found crashing
/// or hanging is kept in Tests/FuzzRegressions/ and replayed the way the
/// fuzz target runs it: same limits, same output format (text for an even
/// number of bytes, JSON for an odd one), `load` confined to an empty folder.
/// Each must now end with the exit status and first error the table says.
struct FuzzInputReplayTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("FuzzRegressions")

    /// The limits of Fuzz/SpriteFuzz.swift (`fuzzLimits`): keep the two lists the same.
    static let fuzzLimits = [
        "events=200000", "time=1h", "wall=2s", "nodes=200", "processes=2000", "file-bytes=16MB",
        "statements=20000", "output=5000", "memory=1000000",
    ]

    struct Expected: Sendable, CustomStringConvertible {
        var file: String
        var status: SpriteScript.ExitStatus
        /// A fragment of the first `error:` line on standard error; nil: no error is printed.
        var firstError: String?
        var description: String { file }
    }

    /// One row per input. Until a crash is found, the folder holds inputs the fuzzer made from the
    /// seeds that end each way a hostile script may: the replay (and the seeding in Scripts/fuzz)
    /// is exercised, and a crash found later is added here with its fix.
    static let expectations: [Expected] = [
        // Scheduling example cut short: its first expect runs before any `run`, fails, and the
        // script goes on to the end (status 1, and a failed expect is not an error line).
        Expected(file: "failed-expect.sprite", status: .expectationFailed, firstError: nil),
        // Invalid UTF-8 inside the first comment: decoded as U+FFFD, still a comment; the
        // cluster declaration was mutated away, so line 3's `balance cpu1` names no node.
        Expected(file: "invalid-utf8-in-a-comment.sprite", status: .malformed,
                 firstError: "input.sprite:3:9: error: unknown node 'cpu1'"),
        // A mutated transactions example: the viewer opens /y before anyone creates it, and
        // nothing allows that failure with `try`.
        Expected(file: "read-of-a-missing-file.sprite", status: .runtimeError,
                 firstError: "error: open /y by viewer on jack failed at 2.0127s: /y does not exist"),
    ]

    static var inputFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".sprite") }.sorted()
    }

    /// Runs the bytes of an input as the fuzz target does.
    static func replay(_ file: String) throws -> (status: SpriteScript.ExitStatus, errors: [String]) {
        let bytes = try Data(contentsOf: folder.appendingPathComponent(file))
        let emptyFolder = FileManager.default.temporaryDirectory
            .appendingPathComponent("sprite-fuzz-regression-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: emptyFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: emptyFolder) }
        var options = SessionOptions()
        options.format = bytes.count % 2 == 0 ? .text : .json
        options.width = options.format == .text ? 80 : 0
        for limit in fuzzLimits { try options.limits.set(limit) }
        options.sandbox = SourceSandbox(scriptFolder: emptyFolder)
        options.exportFolder = emptyFolder + "/exports"
        try FileManager.default.createDirectory(atPath: emptyFolder + "/exports", withIntermediateDirectories: true)
        let sink = BufferSink()
        let session = Session(options: options, sink: sink)
        let status = session.runScript(SourceFile(name: emptyFolder + "/input.sprite",
                                                  text: String(decoding: bytes, as: UTF8.self)))
        if session.ran && status != .outputFailed { session.printSummary() }
        return (status, sink.errors)
    }

    @Test func everyInputHasAnExpectation() {
        #expect(Self.inputFiles == Self.expectations.map(\.file).sorted())
    }

    @Test(arguments: FuzzInputReplayTests.expectations)
    func inputEndsWithItsStatusAndDiagnostic(_ expected: Expected) throws {
        let result = try Self.replay(expected.file)
        #expect(result.status == expected.status, "\(expected.file): \(result.errors.prefix(3))")
        // Text and JSON runs both render diagnostics on standard error.
        let firstError = result.errors.first { $0.contains("error: ") }
        if let fragment = expected.firstError {
            #expect(firstError?.contains(fragment) == true, "\(expected.file): first error \(firstError ?? "none")")
        } else {
            #expect(firstError == nil, "\(expected.file): \(firstError ?? "")")
        }
    }
}
