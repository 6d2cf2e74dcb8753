import Foundation
import Testing

/// A test's output must not depend on where the grader was started: the child runs in the test's folder
/// with the script's file name, so a failed expect's `(FILE:LINE:COL)` reads the same from anywhere.
@Suite("sprite-shell test: the folder the grader runs from")
struct TestWorkingFolderTests {
    @Test func anExpectedFileMatchesFromEveryFolder() throws {
        let directory = try TestCommandTests.folder([
            "tests/week1/neg.sprite": "# test: expect-status 1\necho \"before\"\nexpect now == 1s\n",
        ])
        let week1 = directory.path("tests/week1")
        // GRADING.md's recipe: run the reference in the test's folder, by the file name.
        let made = try runShell(["neg.sprite"], in: week1)
        #expect(made.status == 1)
        #expect(made.stdout.contains("(neg.sprite:3:1)"), "\(made.stdout)")
        try made.stdout.write(toFile: directory.path("tests/week1/neg.expected"), atomically: true, encoding: .utf8)
        for (folder, path) in [(directory.url.path, "tests"), (directory.path("tests"), "."),
                               (week1, "neg.sprite"), ("/", directory.path("tests"))] {
            let result = try runShell(["test", path], in: folder)
            #expect(result.status == 0, "from \(folder): \(result.stdout)\(result.stderr)")
        }
    }

    @Test func allowPathGivenRelativeStillReachesItsFolder() throws {
        let directory = try TestCommandTests.folder([
            "tests/a.sprite": "load \"../shared/_lib.sprite\"\necho \"ok\"\n",
            "shared/_lib.sprite": "echo \"lib\"\n",
        ])
        let result = try runShell(["test", "--allow-path", "shared", "tests"], in: directory.url.path)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
