import Foundation
import Testing

/// `xmllint --noout --schema` over a document: libxml2's validator, run as a program (package
/// libxml2-utils, which .ci/run installs). Under CI (the environment has CI set) a missing xmllint fails
/// the test that needs it; elsewhere that test is skipped, and says why.
enum XMLLint {
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    /// Schemas/junit-10.xsd: see Schemas/README.md for where it comes from.
    static let junitSchema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Schemas/junit-10.xsd").path

    static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/xmllint" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var underCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// Run the schema tests: xmllint is here, or CI requires it (and the test fails without it).
    static var shouldRun: Bool { executable != nil || underCI }

    static func validate(_ xml: String, schema: String = junitSchema) throws {
        guard let executable else {
            throw Invalid(description: "xmllint is not installed, and CI needs it to check the JUnit XML against "
                          + "its schema: apt-get install libxml2-utils")
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sprite-shell-xmllint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--noout", "--schema", schema, file.path]
        let errors = directory.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: errors.path, contents: nil) else {
            throw Invalid(description: "cannot create \(errors.path) for xmllint's messages")
        }
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw Invalid(description: "xmllint rejects the XML (status \(process.terminationStatus)):\n"
                          + "\(text)\n\(xml)")
        }
    }
}
