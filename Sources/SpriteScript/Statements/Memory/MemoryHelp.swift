/// `help memory`: how compute bursts become page faults, and what a fault costs.
enum MemoryHelp {
    static let memory = HelpEntry(
        topic: "memory",
        summary: "virtual memory: how references become page faults, and what a fault costs",
        usage: [],
        details: """
            A process of a program with a space (help space) touches one page every 'touch' of its compute \
            work, as its pattern says. A reference to a page in memory costs nothing more and makes no event: \
            the engine plans the references of a burst in batches and stops the burst only at the next fault. \
            sequential, loop and trace are exact (their pages are walked in order; laps of hits are skipped by \
            arithmetic); random is statistical: the hits before the next fault are drawn from a geometric law \
            of p = 1 - R/W (R of the W working-set pages in memory), the faulting page uniformly among the \
            others. A batch's references are taken when it is planned: a page another process evicts meanwhile \
            is seen at the next batch (exact for one process per node).
            A fault traps (fault-cpu, by default the preset's local-cost, added to the burst). A first touch \
            of a data or stack page is a zero-fill (a page copied at the local copy rate), served at once, and \
            so is the return of a page that was never written out (it left memory clean: zeros, as before). \
            A page written out comes back from its backing store: the process blocks (blocked(page fault), '!' in the \
            timeline) until the page-in ends; if the frame chosen holds a dirty page, that page is written out \
            first. A fault that finds every frame locked by transfers sleeps, charging nothing, until a frame is \
            unlocked (one waiter woken per frame), and faults again when it runs; a page brought in for a \
            blocked process is kept for it until it runs. Backing files cost a block read or write to their \
            server (its cache, its disk); backing \
            swap costs the node's own disk, its arm shared, random or continuing as the swap area is walked. \
            Code pages come from the program's file, are shared by every process of the program on the node, \
            and stay after the last one exits (sticky): a later run finds them (stats.sticky-hits), unless \
            the file has a newer version on its server by then: the old pages are not used. A shared \
            fork is a thread in its parent's space with a stack of its own; a fork of a program with no space or \
            its parent's space copies the pages its parent has in memory into free frames and reads the rest \
            from its parent's backing store (UNIX fork); a fork of a program declaring another space starts \
            afresh in it (fork then exec). A crash loses \
            the node's memory; backing files stay on their servers.
            'trace faults' prints every fault; at 'trace operations' each run prints one paging line per node \
            that faulted. show faults [NODES] [from T] [to T] lists each fault, VM and DSM, with how it was \
            served, from where, the wait and the messages (the first 100,000 of a run are kept, later ones \
            counted); show timeline marks '!' where a slice ended in a fault. \
            show memory NODE lists the node's pages and each process's resident set and faults; \
            expect reads PROCESS.faults zero-fills page-ins page-outs resident fault-wait, NODE.vm-pages \
            cache-pages free-pages sticky-pages double-cached dsm-pages, and the stats rows (page-faults, page-ins, \
            page-outs, double-cached, …). double-cached counts pages in memory twice now: resident VM pages \
            whose backing block the node's client cache also holds (only with bypass off). A node's DSM copies \
            are pinned VM bytes, never replaced (help dsm): they take pages from VM's share, a free page first, \
            else one the file cache or VM gives up as the negotiation says; VM keeps room for one page of its \
            own. show memory NODE adds a dsm line; NODE.dsm-pages counts the copies held (those past the pages \
            to be had are held but not pinned). sync NODES \
            (outside on NODE { }) writes each node's dirty pages to their backing store, one page-out each as \
            for a dirty victim (a backing file's block write, or the swap disk's), and its client cache's dirty \
            files to their servers as on NODE { sync } does; they go when the engine runs next.
            """,
        example: """
            cluster { workstation ws1 memory 1MB disk fujitsu-eagle }
            vm ws1 backing swap replacement lru
            space loop { data 1MB; touch 100us; writes 100%; pattern loop 256 pages }
            program walk space loop { compute 51.2ms }
            spawn walk as walk on ws1
            run
            expect walk.faults == 512
            """)
}
