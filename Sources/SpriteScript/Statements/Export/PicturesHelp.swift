/// `help pictures`: the `export` statements that draw a run (the keyword's own page is NFS's `export`).
enum PicturesHelp {
    static let pictures = HelpEntry(
        topic: "pictures",
        summary: "export the run as a sequence diagram, timeline or chart (SVG), a Mermaid diagram or a ShiViz log",
        usage: PictureExports.all.map(\.usage),
        details: """
            'export diagram' draws a message-sequence (Lamport) diagram: a lane per node, simulated time \
            downwards, each message an arrow from its send to its delivery, coloured by what it is for (V IPC, \
            RPC, file-system call, callback or invalidation, migration, DSM page, DSM control, page I/O). A lost \
            message is a dashed line ending in a cross, a crash a red bar across its lane, a partition a shaded \
            band; every arrow's hover text gives its kind, size, times and attempt. A file write is a small \
            square with id write-N, a read UNIX semantics calls stale an open circle with id read-N (N: its \
            place in the checker's writes, or its row in 'show outcomes'), for pages that link to them. \
            'lanes process' draws a lane per process (name@node) instead of per node, and a lane per node's \
            kernel (kernel@node) for what the kernel sends on behalf of no process; a process that migrates \
            keeps its one lane, the move marked on it. 'nodes' draws only those nodes' lanes (and the \
            messages between them), 'from'/'to' only the messages that overlap that stretch of \
            time, and 'collapse' draws a run of identical exchanges (one message repeated, or a request and its \
            reply again and again) once, labelled ×K. 'export mermaid' writes the same messages as a Mermaid \
            sequenceDiagram in a Markdown file; 'export shiviz' writes a log for ShiViz \
            (bestchai.bitbucket.io/shiviz), every send and delivery with its vector clock, in the format \
            ShiViz's default parser expression reads (docs/PICTURES.md). 'export timeline' draws a row per \
            CPU with the process running in each interval, migrations as arrows between rows, evictions, \
            page faults, and under each node's CPUs a row for its disk with every request the arm \
            served (reads and writes, the wait for the arm in grey); 'file PATH' adds a band per client \
            with PATH's cache state (cached, disabled by the server, stale), read from the recording \
            whatever the script traces. 'export chart' draws a sweep's field against one of its choices \
            (x: the first choice unless named; a line over numeric values, grouped bars otherwise; a \
            labelled value, load 0.7 = 1429ms, at its label; a cell that did not measure the field, no point), \
            or pmake's speedup against hosts beside the ideal line \
            ('makespan': bars of each build's makespan); 'from pmake' always means the builds, so no sweep \
            may be named pmake.
            An export draws what has happened up to the statement, like 'show': put it after 'run'. A script \
            that exports records every message from its start, whatever its 'trace' level; up to \
            'picture-events' messages and marks (100000, see 'limit'), past which they are counted and said on \
            the picture. Exports write only inside the folder given on the command line with --export-dir DIR \
            (a relative name is taken from it; '..' and symbolic links cannot lead out); without it every \
            export is refused before the script runs. An existing file is replaced.
            """,
        example: """
            cluster { workstation ws1, ws2; server fs1 }
            rpc ws1 -> fs1 reply 4KB count 3
            run
            rpc ws2 -> fs1 reply 1KB
            run
            export diagram "calls.svg" collapse
            export mermaid "calls.md" nodes ws2, fs1
            export diagram "kernels.svg" lanes process
            export shiviz "calls.log"
            export timeline "cpus.svg" from 0s to 1s
            """)
}
