/// `help listings`: how an ls is judged.
enum ListingHelp {
    static let listings = HelpEntry(
        topic: "listings",
        summary: "how directory listings are judged: an ls is a read of the directory",
        usage: [],
        details: """
            A directory changes when an operation adds or removes a name in it: create, mkdir, an open \
            for writing that makes the file (and the directories made above a new file), delete. An ls \
            is a read of the directory, and its line says fresh, or STALE with the latest change it \
            missed and why:
              unix         it shows every change whose operation began before the ls did
              session      a directory operation commits when the server makes it: the ls shows \
            every change the server had made before the ls began
            An ls may also show a newer state, made by a change that began while it ran. Names no \
            operation made (the root of a domain or an export) are not judged, and immutable-file and \
            transaction semantics do not judge listings. Where listings come from: NFS clients trust a \
            cached listing for the directory timeout (a tenth of the directory's age, 30s to 60s); \
            under callbacks (as AFS) a listing is trusted until the server breaks the directory's \
            callback, which it does when the directory changes (a break lost in a partition leaves it \
            stale); 'consistency none' never checks one; a client's own change drops its cached listing \
            of that directory. Sprite keeps no directories on clients: its listings come from the \
            server. 'show outcomes' adds a listings table; 'expect \
            stale-listings [unix|session] OP N' counts the listings not fresh (stale-reads does not); \
            'expect semantics unix' or 'session' holds only if the listings are fresh too; 'expect ls \
            NODE DIR == "a b"' compares what an ls on NODE would show now.
            """,
        example: """
            cluster { server fs1; workstation ws1, ws2 }
            domain / on fs1
            consistency nfs
            on ws1 { mkdir /d }
            at 1s { on ws2 { ls /d } }
            at 2s { on ws1 { create /d/x size 1KB } }
            at 3s { on ws2 { ls /d } }
            run
            expect stale-listings == 1
            expect ls ws2 /d == ""
            """)
}
