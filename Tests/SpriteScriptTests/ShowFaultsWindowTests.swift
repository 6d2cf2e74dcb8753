import Testing
@testable import SpriteScript

/// `show faults from … to …` tells of faults not kept only when they could fall in the window.
@Suite struct ShowFaultsWindowTests {
    /// ws has 8KB: the default split gives VM one frame. p loops over 2 clean pages, a touch every 1us of work:
    /// every touch faults, a zero-fill (faults at 0, 2.82, 5.64, 8.46, 11.28us, …, as show faults prints). The
    /// log keeps 4 faults here: the first one not kept begins at 11.28us. A window to 10us lost nothing; a window
    /// to 12us holds that fault, and the note says faults were not kept.
    @Test func aWindowBeforeTheFirstFaultNotKeptHasNoNote() {
        let sink = BufferSink()
        let session = Session(options: ScriptHarness.options(), sink: sink)
        let setup = """
            cluster { workstation ws memory 8KB }
            vm ws backing swap
            space s { data 8KB; touch 1us; pattern loop 2 pages }
            program p space s { compute 20us }
            """
        #expect(session.evaluate(SourceFile(name: "<input>", text: setup)) == .done)
        session.interpreter.simulation.faultLogLimit = 4
        let rest = """
            spawn p as p on ws
            run
            show faults from 0s to 10us
            echo "--"
            show faults to 12us
            """
        #expect(session.evaluate(SourceFile(name: "<input>", text: rest)) == .done, "\(sink.errorText)")
        let text = sink.output.joined(separator: "\n")
        let parts = text.components(separatedBy: "--")
        #expect(parts.count == 2, "\(text)")
        #expect(parts[0].contains("(4 faults)") && !parts[0].contains("not kept"), "\(text)")
        #expect(parts[1].contains("later faults were not kept (the log keeps the first 4)"), "\(text)")
    }
}
