/// A node's disk drive, by its published figures: the average seek, the
/// spindle speed and the media transfer rate. Reaching a block at random
/// costs a seek plus half a revolution on average; each block then takes
/// its size over the media rate. See docs/COST-MODEL.md, "Disks".
public struct DiskDrive: Sendable, Equatable {
    /// The named drive these figures came from, nil when they were given one by one.
    public var model: DrivePreset?
    /// Average time to move the arm to a random cylinder.
    public var averageSeek: SimTime
    /// Spindle speed in revolutions per minute; 0 has no rotational delay
    /// (a solid-state drive, or an access time that already includes it).
    public var rpm: Int64
    /// Media transfer rate, bytes per second.
    public var bytesPerSecond: Int64

    public init(model: DrivePreset? = nil, averageSeek: SimTime, rpm: Int64, bytesPerSecond: Int64) {
        self.model = model
        self.averageSeek = averageSeek
        self.rpm = rpm
        self.bytesPerSecond = bytesPerSecond
    }

    /// The form `disk T rate R`: T is the whole access time (seek and rotation).
    public init(accessTime: SimTime, bytesPerSecond: Int64) {
        self.init(averageSeek: accessTime, rpm: 0, bytesPerSecond: bytesPerSecond)
    }

    /// Half a revolution: on average the block is that far round from the
    /// head. 60 s / rpm halved is 30 s / rpm, rounded up to a nanosecond.
    public var rotationalLatency: SimTime {
        rpm > 0 ? Transmission.time(bytes: 30, bytesPerSecond: rpm) : .zero
    }

    /// Time to reach a block at random: average seek plus average rotation.
    public var positioning: SimTime { averageSeek + rotationalLatency }

    /// Time for `bytes` to pass under the head once it is in place.
    public func transferTime(bytes: Int64) -> SimTime {
        Transmission.time(bytes: bytes, bytesPerSecond: bytesPerSecond)
    }

    /// The drive a node gets when its declaration names none: the era's
    /// (`.fujitsuEagle` under sprite-1988), the same for every role that has a disk.
    public static func standard(for preset: CostPreset, role: NodeRole) -> DiskDrive {
        preset.machines.drive
    }

    /// The Sprite file servers' drive (see `DrivePreset.fujitsuEagle`).
    public static let fujitsuEagle = DrivePreset.fujitsuEagle.drive

    /// The default of a preset with no drive of its era: a 20 ms access at 2 MB/s,
    /// after the notes on V (1983): "disk access latency is about 20 ms".
    public static let standard = DiskDrive(accessTime: .ms(20), bytesPerSecond: 2 << 20)
}

/// Drives a script can name: `disk fujitsu-eagle`.
public enum DrivePreset: String, CaseIterable, Sendable {
    /// Fujitsu M2351 "Eagle" (1982), the Sprite file servers' disk: 18 ms
    /// average seek, 3,961 rpm, 1.859 MB/s (decimal megabytes).
    case fujitsuEagle = "fujitsu-eagle"
    /// A 7,200 rpm hard disk of today: 8.5 ms average seek, 200 MB/s.
    case modernHDD = "modern-hdd"
    /// A SATA solid-state drive: no arm and no spindle; 100 µs to reach any
    /// block, 500 MB/s.
    case modernSSD = "modern-ssd"

    public var drive: DiskDrive {
        switch self {
        case .fujitsuEagle: DiskDrive(model: self, averageSeek: .ms(18), rpm: 3961, bytesPerSecond: 1_859_000)
        case .modernHDD: DiskDrive(model: self, averageSeek: .us(8_500), rpm: 7200, bytesPerSecond: 200 << 20)
        case .modernSSD: DiskDrive(model: self, averageSeek: .us(100), rpm: 0, bytesPerSecond: 500 << 20)
        }
    }
}
