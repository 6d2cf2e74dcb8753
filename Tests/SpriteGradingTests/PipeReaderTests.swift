import Foundation
import Testing
@testable import SpriteGrading

/// The grader keeps a bounded share of each test's output: the cap of each pipe, and no more capacity.
@Suite("pipe reader caps")
struct PipeReaderTests {
    @Test func eachPipeKeepsItsCapAndOnlyStandardOutputCountsAsCut() throws {
        var output: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        #expect(pipe(&output) == 0 && pipe(&errors) == 0)
        let bytes = [UInt8](repeating: 65, count: 3_000)
        for descriptor in [output[1], errors[1]] {
            #expect(bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == 3_000)
            close(descriptor)
        }
        var reader = PipeReader(descriptors: [output[0], errors[0]], caps: [5_000, 1_000])
        while reader.isOpen { reader.poll(milliseconds: 1_000) }
        #expect(reader.buffers.map(\.count) == [3_000, 1_000])
        // Standard error past its cap is only cut short; the output within its cap can still be compared.
        #expect(!reader.truncated)
        #expect(reader.buffers[1].capacity <= 1_000 + 64)
    }
}
