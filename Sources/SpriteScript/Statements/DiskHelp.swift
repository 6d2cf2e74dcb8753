import SpriteKernel

/// `help disk`: the disk forms of a node declaration and the named drives,
/// their figures taken from the engine's own table.
enum DiskHelp {
    /// A rate in the language's units, with the exact figure when they round it.
    private static func rate(_ bytesPerSecond: Int64) -> String {
        let shown = Quantity.format(bytesPerSecond, .rate)
        return shown.contains(".") ? "\(shown) (\(bytesPerSecond)B/s)" : shown
    }

    static var disk: HelpEntry {
        let drives = DrivePreset.allCases.map { preset in
            let d = preset.drive
            let spin = d.rpm > 0 ? "\(d.rpm) rpm (half a turn \(d.rotationalLatency))" : "no rotation"
            return "  " + TextRenderer.pad(preset.rawValue, 15) + "seek \(d.averageSeek), \(spin), "
                + rate(d.bytesPerSecond)
        }.joined(separator: "\n")
        let standard = DiskDrive.standard
        return HelpEntry(
            topic: "disk",
            summary: "a node's disk: the forms of 'disk' in a node declaration, and the named drives",
            usage: ["disk T [rate R]", "disk DRIVE [seek T] [rpm N] [rate R]", "disk seek T [rpm N] [rate R]",
                    "diskless"],
            details: """
                A disk is written in a node declaration inside cluster { } (help nodes). It has an average \
                seek, a spindle speed (half a revolution is the average rotational delay; rpm 0 has none) and \
                a media rate. Reaching a block at random costs the seek and the rotational delay; each 4KB \
                block then takes its size over the rate, and a request that continues where the head stopped \
                pays no positioning. 'disk T rate R' is seek T with no rotational delay (T is the whole access \
                time). A figure written after a drive's name overrides it. 'diskless' removes the disk. A node \
                that names none gets its era's drive (fujitsu-eagle under sprite-1988), else seek \
                \(standard.averageSeek) at \(rate(standard.bytesPerSecond)). The drives:
                \(drives)
                See docs/COST-MODEL.md, Disks.
                """,
            example: """
                cluster {
                  server fs1 disk fujitsu-eagle
                  server fs2 disk modern-hdd rate 150MB/s
                  workstation ws1 disk seek 8.5ms rpm 7200 rate 200MB/s
                  workstation ws2 disk 20ms rate 2MB/s
                  workstation ws3 diskless
                }
                """)
    }
}
