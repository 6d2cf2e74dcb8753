/// `help processes` and `help scheduling`: the process model and how the
/// statements that declare and measure it fit together.
enum SchedulingHelp {
    static let processes = HelpEntry(
        topic: "processes",
        summary: "the process model: programs, spawned processes, job lists, workloads, and what is measured",
        usage: ["program NAME { STEPS }", "spawn PROGRAM [as NAMES] on NODES [at T] …",
                "jobs NODE { NAME [at T] burst T [io T burst T …] }",
                "workload NODE jobs N [arrival DIST] burst DIST", "show processes [NODES]",
                "show timeline [NODES] [from T] [to T] [width N]"],
        details: """
            A process runs on one node and goes through new (spawned for a later time) → ready (on a \
            run queue) → running (on a CPU) → blocked (sleep, io, a lock, a barrier, a message) → ready … → \
            done. \
            It runs a program (help program); a job list (help jobs) and a workload (help workload) are \
            programs of CPU bursts and I/O written in a line each. V processes declared with 'process' keep \
            their own steps (help process) and are listed apart.
            Each process is measured from its arrival: first run, finish, CPU time (the CPU was its, cache \
            reloads and spinning included), wait (ready but not running, or being switched to), response \
            (first run − arrival), turnaround (finish − arrival), switches (times a CPU switched to it from \
            another process) and preemptions (times it lost the CPU before its burst ended). For a finished \
            process, turnaround = wait + CPU + blocked. show processes lists them with their averages; \
            expect reads them as job1.turnaround, avg.response, ws1.utilization (help expect).
            show timeline draws each CPU's processes over time, one letter a process (a process named by \
            one letter, or the first thread of a job so named, keeps it: B for B-1), at most 60 columns of \
            time: a column shows the process that ran longest in it (~ for a context switch) if the CPU was \
            busy half of it or more, '.' otherwise; the line under it marks where slices ended (x done, b blocked, p \
            preempted, q quantum over). --format json gives every slice: node, cpu, process, start, end \
            and why it ended. At most \(Limits.timelineSlices) slices are kept; later ones are counted, \
            and a window past them reads ? (not known). A window reaching past the simulation's time ends there. \
            width N (40 to 240, default 80) draws the chart in up to N characters a line, with more columns.
            Across nodes (help migrate, help balance) it has a row for every CPU of each node a process ran on \
            or moved between. A migration is an arrow from the row the process left to the row it went on, in \
            the column of its unfreeze (moves in one column share it, each with its head; a digit counts heads \
            that meet in one cell): v or ^ next to the \
            target's row, | across the rows between (: for an eviction), - under the row it left while it was \
            frozen; E marks the owner's input that evicted a node's guests; a line 'calls' under a row counts \
            the location-dependent calls a process there forwarded home, per column (* for 10 or more); and a \
            list gives each move (the first \(TimelineMoveNotes.mostListed)): process, route, when it went \
            on, how long it was frozen, and who moved it (migrate, remote exec, balancer, evicted). JSON adds \
            moves, owner_inputs and forwarded_calls (at most \(Limits.forwardedCalls) calls are kept; later \
            ones are counted).
            """,
        example: """
            cluster { workstation ws1 }
            scheduler ws1 rr quantum 4ms
            jobs ws1 { A burst 24ms; B burst 3ms; C burst 3ms }
            run
            show processes
            show timeline
            expect B.turnaround == 7ms
            expect A.turnaround == 30ms
            expect avg.wait < 6ms
            """)

    static let scheduling = HelpEntry(
        topic: "scheduling",
        summary: "CPU scheduling: policies per node, multiprocessor nodes, and the costs they charge",
        usage: ["scheduler NODES POLICY [OPTIONS]", "multiprocessor NODES [OPTIONS]"],
        details: """
            Every node schedules its own CPUs (cpus N, help nodes). Without a scheduler statement a node \
            runs its processes first come, first served with no switch cost. 'scheduler' chooses the policy \
            and its options for one node or a range (ws[1..8]) and may be written again later: the new \
            policy takes the processes waiting then, in the order they would have run. Policies: fcfs sjf \
            srtf rr priority mlfq lottery stride gang space (help scheduler).
            A context switch (switch T) is charged on the CPU whenever it takes up a different process than \
            the one it ran last: the CPU is busy, but the time is nobody's CPU time; the process waits \
            through it. A process that runs on another CPU than last time pays the cache reload (reload T, \
            help multiprocessor) as its own CPU time, since it stalls. Lottery draws from the session's \
            seeded generator, so a script and a seed schedule the same way every time.
            A multiprocessor node shares one run queue among its CPUs or gives each its own (queues \
            per-cpu, with stealing and affinity), and organises its kernel (os) and its memory \
            (interconnect). The costs are in docs/COST-MODEL.md.
            A parallel job (spawn … threads N, or processes that name one job J) is placed together by gang \
            and space scheduling. scheduler n1,n2 gang coordinated gives several nodes one gang matrix, so \
            the threads of a job on different nodes run in the same slots (coordinated scheduling of a \
            multicomputer); alternates lets CPUs idle in a slot run threads of other slots.
            """,
        example: """
            cluster { server mp1 cpus 4 }
            scheduler mp1 rr quantum 10ms switch 50us
            multiprocessor mp1 queues per-cpu stealing reload 20us
            workload mp1 jobs 16 burst uniform 5ms 40ms
            run
            show stats
            expect mp1.utilization > 50%
            """)
}
