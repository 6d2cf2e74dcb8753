import Testing
@testable import SpriteScript

/// Under callbacks (AFS) a close stores only a file its session modified: a
/// close with nothing to send is served from memory, one local kernel message
/// (100 µs under sprite-1988), as under nfs and none. A writing close still
/// reaches the server, which breaks the other holders' callbacks.
struct CallbackCloseScriptTests {
    static func script(policy: String) -> String {
        """
        cluster {
          network ethernet preset sprite-1988
          server fs1 memory 32MB
          workstation a, b memory 8MB diskless
        }
        domain / on fs1
        consistency callbacks
        cache client policy \(policy)
        on a { open /f w; write "x"; close }
        at 1s { on b { open /f r; read; close as c1 } }
        at 2s { on b { open /f r; read; close as c2 } }
        at 3s { on a { open /f w; write "y"; close } }
        at 4s { on b { open /f r; read as r; close } }
        run
        expect stats.rpc.close == 2
        expect c1.time == 100us
        expect c2.time == 100us
        expect r.text == "y"
        expect stale-reads session == 0

        """
    }

    @Test(arguments: ["write-on-close", "write-through", "delayed-write"])
    func aCloseWithNothingToSendIsLocal(policy: String) throws {
        let (status, sink, _) = FSScript.run(Self.script(policy: policy), format: .json)
        let results = FSScript.expectations(try FSScript.objects(sink))
        #expect(results.count == 5)
        for (condition, result) in results where !result.ok { Issue.record("\(condition): actual \(result.actual)") }
        #expect(status == .ok)
    }
}
