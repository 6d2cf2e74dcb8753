import Testing
@testable import SpriteScript

/// `vm` and `space` declarations that could never work are refused before anything runs (status 2), with
/// the line, a caret and the real cause.
struct VMCheckTests {
    @Test(arguments: [
        // 4KB of memory cannot hold one 8KB page.
        ("cluster { workstation ws memory 4KB disk fujitsu-eagle }\nvm ws backing swap page 8KB",
         "test.sprite:2:4: error: ws has 4KB of memory, less than one 8KB page"),
        // The default 4KB page in 1KB of memory.
        ("cluster { workstation ws memory 1KB }\nvm ws", "ws has 1KB of memory, less than one 4KB page"),
        // Pages move as whole file blocks, 4KB here.
        ("cluster { workstation ws memory 1MB }\nvm ws page 512B",
         "a page of 512B is smaller than a file block (4KB under preset modern)"),
        // 0% leaves VM nothing; 1% of 8KB is 82B (8,192 less the cache's 99%, 8,110B, rounded down).
        ("cluster { workstation ws memory 1MB }\nvm ws negotiate fixed 0%",
         "negotiate fixed 0% leaves VM 0B of ws's 1MB, less than one 4KB page"),
        ("cluster { workstation ws memory 8KB }\nvm ws negotiate fixed 1%",
         "negotiate fixed 1% leaves VM 82B of ws's 8KB, less than one 4KB page"),
        ("cluster { workstation ws memory 1MB }\nvm ws backing files relative/dir",
         "DIR must be an absolute path, not 'relative'"),
        // One page of data: singular, and its only page is 0.
        ("cluster { workstation ws memory 1MB }\nspace s { data 4KB; pattern loop 9 pages }",
         "the loop of 9 pages is longer than data's 1 page"),
        ("cluster { workstation ws memory 1MB }\nspace s { data 4KB; pattern trace \"0 3\" }",
         "help: the only page of data is page 0"),
        ("cluster { workstation ws memory 1MB }\nspace s { data 4KB; pattern random working-set 1TB }",
         "the working set of 1TB is larger than data's 4KB (1 page)"),
        // A program with no space has no pages for a pattern to touch.
        ("cluster { workstation ws memory 1MB }\nspace s { data 4KB }\nprogram p { pattern loop 1 page; compute 1ms }",
         "test.sprite:3:13: error: pattern needs a program with a space"),
        ("cluster { workstation ws memory 1MB }\nprogram p { repeat 2 { pattern random; compute 1ms } }",
         "pattern needs a program with a space"),
    ])
    func refused(script: String, message: String) {
        let (status, sink, _) = FSScript.run(script + "\necho \"not reached\"\n")
        #expect(status == .malformed)
        #expect(!sink.output.joined().contains("not reached"))
        #expect(sink.errors.joined(separator: "\n").contains(message))
    }

    /// Exactly one page for VM is enough: 8KB, 50% (the default split) leaves it 4KB.
    @Test func onePageIsEnough() {
        let (status, _, _) = FSScript.run("cluster { workstation ws memory 8KB }\nvm ws negotiate fixed 50%\n")
        #expect(status == .ok)
    }
}
