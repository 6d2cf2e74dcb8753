import Testing
import SpriteKernel
@testable import SpriteScript

/// An NFS name is declared once: a second mount on one node's mount point,
/// a second export of a path, or a second automount root would silently
/// replace (or repeat) the first, so each is a check-time error.
@Suite("NFS declarations")
struct MountDeclarationTests {
    private let cluster = "cluster { server fs1; workstation ws1, ws2 }\nexport /a on fs1\nexport /b on fs1\n"

    private func checkError(_ text: String) -> String {
        let (status, sink, _) = ScriptHarness.run(cluster + text)
        #expect(status == .malformed, "\(sink.output)")
        return sink.errorText
    }

    @Test func aSecondMountOnTheSamePointOfANodeIsAnError() {
        let errors = checkError("mount fs1:/a on /home at ws1\nmount fs1:/b on /home/ at ws1")
        #expect(errors.contains("test.sprite:5:17: error: ws1 already has a mount on /home"), "\(errors)")
        #expect(errors.contains("help: mount each point once per node"), "\(errors)")
        #expect(checkError("mount fs1:/a on /home at ws1, ws1").contains("ws1 already has a mount on /home"))
        // The same point on another node, or another point, is fine.
        let (status, sink, session) = ScriptHarness.run(cluster + """
            mount fs1:/a on /home at ws1
            mount fs1:/b on /home at ws2
            mount fs1:/b on /b at ws1
            run
            """)
        #expect(status == .ok, "\(sink.errors)")
        #expect(session.interpreter.simulation.mounts(of: 1).map(\.point) == ["/b", "/home"])
    }

    @Test func exportAndAutomountAreDeclaredOnce() {
        let export = checkError("export /a/ on fs1")
        #expect(export.contains("error: fs1 already exports /a"), "\(export)")
        #expect(export.contains("help: declare each export once"), "\(export)")
        let automount = checkError("automount /net at ws1\nautomount /auto at ws2, ws1")
        #expect(automount.contains("test.sprite:5:11: error: ws1 already automounts under /net"), "\(automount)")
    }

    /// At the prompt, a mount declared in an earlier input counts, run or not.
    @Test func aMountFromAnEarlierInputCounts() {
        let session = Session(options: ScriptHarness.options(), sink: BufferSink())
        func eval(_ text: String) -> EvaluationResult { session.evaluate(SourceFile(name: "<input>", text: text)) }
        #expect(eval(cluster + "mount fs1:/a on /home at ws1") == .done)
        #expect(eval("mount fs1:/b on /home at ws1") == .failed(.malformed))
        #expect(eval("run") == .done)
        #expect(eval("mount fs1:/b on /home at ws1") == .failed(.malformed))
        #expect(eval("export /a on fs1") == .failed(.malformed))
        #expect(eval("automount /net at ws2") == .done)
        #expect(eval("automount /net at ws2") == .failed(.malformed))
        #expect(session.interpreter.simulation.mounts(of: 1).first?.mount.remotePath == "/a")
    }
}
