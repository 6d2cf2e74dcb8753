import Testing
@testable import SpriteScript
import SpriteKernel

/// Locks are not reentrant: misuse is a runtime error with clear words, never silently accepted; a process
/// that ends holding a lock releases it, so its waiters never hang.
@Suite struct LockMisuseTests {
    @Test func takingAHeldLockAgainIsARuntimeError() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { workstation ws1 }
            program twice { lock L; lock L; compute 1ms; unlock L }
            spawn twice on ws1
            run
            """)
        #expect(status == .runtimeError)
        #expect(error.contains("process twice took 'lock L' at 0s while it already held L: a lock is not reentrant"))
    }

    @Test func releasingALockNotHeldIsARuntimeError() throws {
        let (status, error, _) = try LimitTests.run("""
            cluster { workstation ws1 }
            program stray { compute 2ms; unlock L }
            spawn stray on ws1
            run
            """)
        #expect(status == .runtimeError)
        #expect(error.contains("process stray took 'unlock L' at 2ms without holding L"))
    }

    /// FCFS: holder takes L at 0, computes 0-5 and ends still holding it; waiter, dispatched at 5, finds
    /// L released at holder's end and runs 5-6: it never blocks, and the script ends cleanly.
    @Test func aProcessEndingWithALockReleasesIt() throws {
        let (status, error, sink) = try LimitTests.run("""
            cluster { workstation ws1 }
            program holder { lock L; compute 5ms }
            program waiter { lock L; compute 1ms; unlock L }
            spawn holder on ws1
            spawn waiter on ws1
            run
            expect waiter.finish == 6ms
            expect waiter.blocked == 0s
            """)
        #expect(status == .ok, "\(error) \(sink.text)")
    }

    /// The same when the waiter blocked first. RR 2 ms: holder takes L and runs 0-2; waiter runs at 2, finds
    /// L held and blocks at once; holder runs 2-5 (alone, its quantum just renews) and ends holding L, which
    /// is handed to waiter: waiter runs 5-6.
    @Test func aBlockedWaiterIsHandedTheLockWhenItsHolderEnds() throws {
        let (status, error, sink) = try LimitTests.run("""
            cluster { workstation ws1 }
            scheduler ws1 rr quantum 2ms
            program holder { lock L; compute 5ms }
            program waiter { lock L; compute 1ms; unlock L }
            spawn holder on ws1
            spawn waiter on ws1
            run
            expect waiter.finish == 6ms
            expect holder.finish == 5ms
            """)
        #expect(status == .ok, "\(error) \(sink.text)")
    }
}
