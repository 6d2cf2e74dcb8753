/// Every number the engine charges for communication, in one place.
/// `docs/COST-MODEL.md` explains each field and how the presets were chosen.
public struct CostModel: Sendable, Equatable {
    /// Propagation plus switching delay of one hop.
    public var latency: SimTime
    /// Link bandwidth in bits per second.
    public var bitsPerSecond: Int64
    /// Largest payload one packet carries; bigger messages are fragmented.
    public var mtuBytes: Int64
    /// Header bytes added to every packet on the wire.
    public var headerBytes: Int64
    /// Sender CPU time per message (protocol software, copying to the interface).
    public var sendOverhead: SimTime
    /// Receiver CPU time per message.
    public var receiveOverhead: SimTime
    /// Kernel time for a message between two processes on the same node.
    public var localMessageCost: SimTime
    /// Memory-to-memory copy rate for local bulk moves, bytes per second.
    public var localCopyBytesPerSecond: Int64
    /// How long a sender waits for an answer before retransmitting.
    public var retransmitTimeout: SimTime
    /// Retransmissions before an operation is declared failed.
    public var maxRetransmits: Int
    /// V's fixed message size.
    public var vMessageBytes: Int64
    /// Largest segment piggybacked on a V Send or Reply.
    public var maxSegmentBytes: Int64

    public init(latency: SimTime, bitsPerSecond: Int64, mtuBytes: Int64, headerBytes: Int64,
                sendOverhead: SimTime, receiveOverhead: SimTime, localMessageCost: SimTime,
                localCopyBytesPerSecond: Int64, retransmitTimeout: SimTime, maxRetransmits: Int,
                vMessageBytes: Int64 = 32, maxSegmentBytes: Int64 = 1024) {
        self.latency = latency
        self.bitsPerSecond = bitsPerSecond
        self.mtuBytes = mtuBytes
        self.headerBytes = headerBytes
        self.sendOverhead = sendOverhead
        self.receiveOverhead = receiveOverhead
        self.localMessageCost = localMessageCost
        self.localCopyBytesPerSecond = localCopyBytesPerSecond
        self.retransmitTimeout = retransmitTimeout
        self.maxRetransmits = maxRetransmits
        self.vMessageBytes = vMessageBytes
        self.maxSegmentBytes = maxSegmentBytes
    }

    /// Packets needed for a payload (an empty payload still takes one).
    @inlinable public func packetCount(payloadBytes: Int64) -> Int64 {
        payloadBytes <= 0 ? 1 : (payloadBytes - 1) / mtuBytes + 1
    }

    /// Time to clock `wireBytes` onto one link.
    @inlinable public func serialization(wireBytes: Int64) -> SimTime {
        Transmission.time(bits: wireBytes.multipliedReportingOverflow(by: 8).overflow ? .max : wireBytes * 8,
                          bitsPerSecond: bitsPerSecond)
    }

    /// Time for a local bulk copy of `bytes`.
    public func localCopy(bytes: Int64) -> SimTime {
        Transmission.time(bytes: bytes, bytesPerSecond: localCopyBytesPerSecond)
    }
}

public enum Transmission {
    /// bits / rate, in nanoseconds, rounded up; exact in integer arithmetic.
    /// A time past `SimTime.horizon` comes back as `SimTime.never`.
    @inlinable public static func time(bits: Int64, bitsPerSecond: Int64) -> SimTime {
        guard bits > 0, bitsPerSecond > 0 else { return .zero }
        // Well past the horizon, give up at once; below it the quotient fits,
        // so the exact full-width division cannot trap.
        let estimate = Double(bits) * 1e9 / Double(bitsPerSecond)
        guard estimate < 1.5 * Double(SimTime.horizon.nanoseconds) else { return .never }
        let (high, low) = bits.multipliedFullWidth(by: 1_000_000_000)
        let (quotient, remainder) = bitsPerSecond.dividingFullWidth((high, low))
        let time = SimTime(nanoseconds: remainder > 0 ? quotient + 1 : quotient)
        return time.isPastHorizon ? .never : time
    }

    /// bytes / rate (bytes per second), in nanoseconds, rounded up.
    @inlinable public static func time(bytes: Int64, bytesPerSecond: Int64) -> SimTime {
        time(bits: bytes, bitsPerSecond: bytesPerSecond)
    }
}

/// Named parameter sets, so published figures can be reproduced and compared.
public enum CostPreset: String, CaseIterable, Sendable {
    /// A switched gigabit LAN of today.
    case modern
    /// The order of the V kernel's 1983 setting: 10 Mbit/s Ethernet, 68000-class CPUs.
    case v1983 = "v-1983"
    /// The order of Sprite's 1988 setting: 10 Mbit/s Ethernet, Sun-3/Sun-4 class CPUs.
    case sprite1988 = "sprite-1988"
    /// No software overhead and no headers: only latency and bandwidth count.
    case zero = "zero-overhead"

    public var model: CostModel {
        switch self {
        case .modern:
            return CostModel(latency: .us(50), bitsPerSecond: 1_000_000_000, mtuBytes: 1500,
                             headerBytes: 40, sendOverhead: .us(5), receiveOverhead: .us(5),
                             localMessageCost: .us(1), localCopyBytesPerSecond: 5_000_000_000,
                             retransmitTimeout: .ms(10), maxRetransmits: 5)
        case .v1983:
            return CostModel(latency: .us(10), bitsPerSecond: 10_000_000, mtuBytes: 1024,
                             headerBytes: 64, sendOverhead: .us(400), receiveOverhead: .us(400),
                             localMessageCost: .us(500), localCopyBytesPerSecond: 2_000_000,
                             retransmitTimeout: .ms(100), maxRetransmits: 5)
        case .sprite1988:
            return CostModel(latency: .us(10), bitsPerSecond: 10_000_000, mtuBytes: 1500,
                             headerBytes: 64, sendOverhead: .us(250), receiveOverhead: .us(250),
                             localMessageCost: .us(100), localCopyBytesPerSecond: 8_000_000,
                             retransmitTimeout: .ms(100), maxRetransmits: 5)
        case .zero:
            return CostModel(latency: .us(500), bitsPerSecond: 10_000_000, mtuBytes: 1 << 30,
                             headerBytes: 0, sendOverhead: .zero, receiveOverhead: .zero,
                             localMessageCost: .zero, localCopyBytesPerSecond: 1 << 40,
                             retransmitTimeout: .ms(100), maxRetransmits: 5)
        }
    }
}
