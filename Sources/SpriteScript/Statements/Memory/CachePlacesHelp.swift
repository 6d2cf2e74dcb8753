/// `help four-places`: where a file's data can be cached, and what each place costs.
enum CachePlacesHelp {
    static let places = HelpEntry(
        topic: "four-places",
        summary: "the four places to cache a file: server disk, server memory, client disk, client memory",
        usage: [],
        details: """
            A block a client reads comes from the first of four places that holds it: the client's memory \
            (a local kernel call and a copy: 0.612ms for 4KB under sprite-1988), the client's disk cache \
            ('cache NODE disk': its own drive, 28.389ms on an Eagle), the server's memory (a block read \
            call, 7.8965ms) or the server's disk (the call and the server's drive, 35.674ms). Data from the \
            server is written to the client's disk cache behind the read, and so is the version a client's \
            own write leaves at the server (written through or flushed later). The disk cache survives a crash \
            and restart: the next open checks its copy with the server, which drops an older version. When \
            the server does not answer, an open for reading and its reads are served from the disk cache \
            (disconnected operation): each such read counts in stats.disconnected-reads and, when the \
            server holds a newer version, is judged stale with the reason 'disconnected'; writes fail. \
            How a client uses its memory is its access model (help access): files, blocks, whole-file or \
            remote. 'read PATH blocks A..B' reads a range one call a block; client read-ahead ('cache \
            client policy … read-ahead N') starts the calls for the next N blocks with each block it has \
            to ask the server for, server \
            read-ahead ('cache SERVER on read-ahead N') reads N blocks past a sequential disk read into the \
            server's memory, and 'batch N' sends N blocks a write call (a call past rpc-size goes as several RPCs of \
            rpc-size, each counted): V prefetches and batches instead of \
            streaming. See seeds/v-1983-file-access.sprite and Examples/four-places.sprite.
            """,
        example: """
            cluster { server fs1; workstation ws disk fujitsu-eagle }
            domain / on fs1
            cache ws disk
            on fs1 { create /f size 64KB }
            on ws { open /f r; read block 3 as serverdisk; read block 3 as clientdisk; close }
            run
            expect stats.disk-cache-hits == 1
            """)
}
