/// The help pages of distributed shared memory: the `dsm` statement and the topic `shared-memory`.
enum DSMHelp {
    static let statement = HelpEntry(
        topic: "dsm",
        summary: "declare a shared segment: pages spread over nodes, kept consistent by messages",
        usage: ["dsm SEG pages N [page SIZE] on NODES",
                "    [manager central [on NODE] | manager fixed | manager dynamic]",
                "    [consistency sequential|release|lazy-release]", "    [fault-cpu T] [service T]",
                "STEP: dsm read|write SEG OFFSET [size SIZE]",
                "STEP: dsm acquire LOCK | dsm release LOCK | dsm barrier B parties N",
                "STEP: pattern random|sequential|loop N pages|trace \"0 1\" over dsm SEG [working-set SIZE]",
                "    [touch T] [writes P%]"],
        details: """
            A segment of N pages (4KB by default) that processes on the named nodes (at most 64: a copy set is one \
            64-bit word) read and write with program steps. A step whose node may access the page costs nothing \
            more; otherwise it faults: the trap (fault-cpu, the network's local-cost by default) runs on the \
            process's CPU, then the process is blocked(dsm) while the messages go. Every message goes through the \
            network model: a control message is 32B, a page message 32B + the page, a diff 32B + 8B and the bytes of \
            each run the interval changed (overlapping or adjacent writes make one run; never more than the whole \
            page as one run), a write notice 8B; a manager, owner or copy holder takes service T (the network's \
            call-cpu) for each message it handles. Managers (Ivy): central (on NODE, else the first node; it owns \
            every page at first, forwards each request to the owner and takes the next request for the page when the \
            requester confirms), fixed (page p's manager and first owner is node p mod n), dynamic (each node's \
            probable owner, forwarded along the hints; no confirm; page p starts with node p mod n). Consistency: \
            sequential (Ivy: a read fault fetches a copy, a write fault takes the page and invalidates every other \
            copy, acknowledged before the write; an upgrade moves no page), release (several writers: a write makes \
            a twin, a release pushes each diff to every copy holder and to a home off the segment), lazy-release \
            (TreadMarks: lock grants and barrier releases carry, by vector time, the write notices of every interval \
            that happens-before the acquire, through any chain of locks and barriers; the next access fetches the \
            diffs). dsm acquire and release take a DSM lock through its manager (the first segment's central \
            manager, else one of its nodes by the name's hash). As with local locks, acquiring a lock the process \
            holds or releasing one it does not hold ends the run (status 3); a process that ends holding a lock \
            releases it, and a holder's crash frees it. dsm barrier waits for N processes on any nodes; an arrival \
            naming other parties than the episode's waiters ends the run (status 3). A segment is declared once. A \
            page whose owner crashed is lost: a later fault on it ends the run (status 3), as does a step on a node \
            outside the segment. A pattern step over dsm SEG makes the process's later compute bursts touch the \
            segment's pages, one every touch of work (the space's touch, else 10us), as random, sequential, loop \
            or trace say (over the first working-set bytes, else the whole segment); writes (the space's, else 0%) \
            is the share of touches that write 8B at the page's start. A touch the node's copy allows costs \
            nothing and makes no event; any other is a fault as a dsm step's, and the burst goes on when it is \
            served. A burst is taken in batches of at most 64 touches, each checked when its batch starts; a \
            pattern step over the space's segments ends it. A node's copies are pinned pages of its memory, taken \
            from VM's share (help memory); VM keeps room for one page of its own, and a copy that finds no page is \
            still held, with no memory behind it: nothing is dropped or refused, show memory NODE says how many \
            pages are held and how many pinned, and the rest are pinned when room comes back. show dsm SEG lists \
            each page; show faults lists each fault; expect dsm SEG [page N] FIELD checks one (help shared-memory).
            """,
        example: """
            cluster { workstation ws1, ws2; server fs1 }
            dsm S pages 2 on ws1, ws2 manager central on fs1
            program w { repeat 3 { dsm write S 0B; compute 1ms } }
            spawn w on ws1
            run
            show dsm S
            """)

    static let topic = HelpEntry(
        topic: "shared-memory",
        summary: "distributed shared memory: replication, false sharing, and what consistency costs",
        usage: ["expect dsm SEG [page N] faults|read-faults|write-faults|transfers|invalidations OP VALUE",
                "expect dsm SEG [page N] ping-pongs|diffs|messages|bytes OP VALUE",
                "expect stats.dsm-faults|dsm-transfers|dsm-invalidations|dsm-ping-pongs|dsm-messages … OP VALUE",
                "show dsm SEG"],
        details: """
            Page-based DSM builds a shared address space on message passing (CSE 513): a read fault \
            replicates the page, a write fault invalidates the other copies. Two processes writing different \
            variables of one page make it travel back and forth: false sharing. A transfer is a page message; \
            a ping-pong is a transfer back to the node the page left the transfer before (A to B to A counts \
            one). Padding the variables onto separate pages stops it. Sequential consistency pays a round of \
            invalidations (and often the page) for every write that follows another node's access: "very \
            costly". Release consistency delays it to the release; lazy release to the next access by a node \
            whose acquire follows the write (through any chain of locks and barriers), and then moves only \
            diffs (8B a run plus the bytes changed: a word written a thousand times is one 8B run). \
            Counts: faults (read-faults, write-faults), transfers, invalidations, ping-pongs, diffs, and the \
            messages and bytes DSM sent (a segment's include its locks' and barriers'). show stats lists the \
            dsm-* rows once a segment is declared; stats.dsm-twins and dsm-diff-bytes, dsm-fault-wait too.
            """,
        example: """
            cluster { workstation ws1, ws2; server fs1; network lan preset zero-overhead topology switched }
            dsm S pages 2 on ws1, ws2 manager central on fs1 fault-cpu 0s service 0s
            program w1 { repeat 5 { dsm write S 0B; compute 2ms } }
            program w2 { repeat 5 { dsm write S 64B; compute 2ms } }
            spawn w1 on ws1
            spawn w2 on ws2
            run
            expect dsm S page 0 ping-pongs == 8
            """)
}
