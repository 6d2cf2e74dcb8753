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
    /// Rate at which a CPU copies a message into the network interface (sender)
    /// and out of it (receiver), bytes per second; 0 means the copy is free.
    public var copyBytesPerSecond: Int64 = 0
    /// CPU time per packet at each end (driver, interrupt), on top of the copy.
    public var packetOverhead: SimTime = .zero
    /// Most data bytes one RPC carries; a larger file transfer or `rpc`
    /// argument is split into several RPCs. `Int64.max`: no limit.
    public var maxRPCBytes: Int64 = .max
    /// Server CPU per file-system RPC, by kind of call.
    public var fileCPU = FileServerCPU()

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
        Self.packetCount(payloadBytes: payloadBytes, mtuBytes: mtuBytes)
    }

    /// The same from the one field it needs, for a caller that should not copy the model.
    @inlinable public static func packetCount(payloadBytes: Int64, mtuBytes: Int64) -> Int64 {
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

    /// CPU work at one end of a remote message of `bytes`, at speed 1: the
    /// per-packet overhead and the copy into (or out of) the interface. The
    /// per-message overhead is added by the caller.
    @inlinable public func endpointWork(bytes: Int64) -> SimTime {
        Self.endpointWork(bytes: bytes, packetOverhead: packetOverhead, copyBytesPerSecond: copyBytesPerSecond,
                          mtuBytes: mtuBytes)
    }

    /// The same from the three fields it needs, so the message path reads them
    /// in place instead of copying the whole model. Free when both are zero, as
    /// under most presets, without a division.
    @inlinable public static func endpointWork(bytes: Int64, packetOverhead: SimTime, copyBytesPerSecond: Int64,
                                               mtuBytes: Int64) -> SimTime {
        var work = SimTime.zero
        if packetOverhead > .zero {
            work = packetOverhead * (bytes <= 0 ? 1 : (bytes - 1) / mtuBytes + 1)
        }
        if copyBytesPerSecond > 0 { work += Transmission.time(bytes: bytes, bytesPerSecond: copyBytesPerSecond) }
        return work
    }

    /// What the wire needs, small enough to pass by value on every message.
    @inlinable public var wire: WireCost {
        WireCost(latency: latency, bitsPerSecond: bitsPerSecond, mtuBytes: mtuBytes, headerBytes: headerBytes)
    }

    /// Data bytes the next RPC of a transfer with `remaining` bytes carries.
    @inlinable public func rpcPiece(_ remaining: Int64) -> Int64 {
        Self.rpcPiece(remaining, maxRPCBytes: maxRPCBytes)
    }

    @inlinable public static func rpcPiece(_ remaining: Int64, maxRPCBytes: Int64) -> Int64 {
        min(max(0, remaining), maxRPCBytes)
    }
}

/// Server CPU time to handle one file-system RPC, by kind. Every RPC of a
/// transfer split at the RPC limit pays its kind's time again.
public struct FileServerCPU: Sendable, Equatable {
    public var open: SimTime
    public var close: SimTime
    public var read: SimTime
    public var write: SimTime
    /// Every other call: getattr, create, delete, readdir, recall, ….
    public var other: SimTime

    public init(open: SimTime = .us(100), close: SimTime = .us(100), read: SimTime = .us(100),
                write: SimTime = .us(100), other: SimTime = .us(100)) {
        self.open = open
        self.close = close
        self.read = read
        self.write = write
        self.other = other
    }

    public func time(for kind: String) -> SimTime {
        switch kind {
        case "open": open
        case "close": close
        case "read": read
        case "write": write
        default: other
        }
    }
}

/// The part of the cost model that books links: latency, bandwidth, MTU and header.
public struct WireCost: Sendable, Equatable {
    public var latency: SimTime
    public var bitsPerSecond: Int64
    public var mtuBytes: Int64
    public var headerBytes: Int64

    @inlinable public init(latency: SimTime, bitsPerSecond: Int64, mtuBytes: Int64, headerBytes: Int64) {
        self.latency = latency
        self.bitsPerSecond = bitsPerSecond
        self.mtuBytes = mtuBytes
        self.headerBytes = headerBytes
    }

    @inlinable public func packetCount(payloadBytes: Int64) -> Int64 {
        payloadBytes <= 0 ? 1 : (payloadBytes - 1) / mtuBytes + 1
    }

    @inlinable public func serialization(wireBytes: Int64) -> SimTime {
        Transmission.time(bits: wireBytes.multipliedReportingOverflow(by: 8).overflow ? .max : wireBytes * 8,
                          bitsPerSecond: bitsPerSecond)
    }
}

public enum Transmission {
    /// bits / rate, in nanoseconds, rounded up; exact in integer arithmetic.
    /// A time past `SimTime.horizon` comes back as `SimTime.never`.
    @inlinable public static func time(bits: Int64, bitsPerSecond: Int64) -> SimTime {
        guard bits > 0, bitsPerSecond > 0 else { return .zero }
        // Up to about a gigabyte, bits * 10^9 fits in 64 bits: one plain division,
        // with the same result as the full-width path below. Every message takes it.
        if bits <= Int64.max / 1_000_000_000 {
            let (quotient, remainder) = (bits * 1_000_000_000).quotientAndRemainder(dividingBy: bitsPerSecond)
            let time = SimTime(nanoseconds: remainder > 0 ? quotient + 1 : quotient)
            return time.isPastHorizon ? .never : time
        }
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
/// docs/COST-MODEL.md derives every era figure from the papers' measurements.
public enum CostPreset: String, CaseIterable, Sendable {
    /// A switched gigabit LAN of today.
    case modern
    /// V in 1983: 8 MHz 68000 SUN workstations on the 3 Mbit/s experimental Ethernet.
    case v1983 = "v-1983"
    /// The same V kernel on 10 MHz SUN workstations.
    case v1983Fast = "v-1983-10mhz"
    /// Sprite in 1988: Sun-3/75 workstations on a 10 Mbit/s Ethernet.
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
            // P(n) = 0.0064 n + 0.390 ms: 8/3 us a byte on the wire plus two
            // copies of 1.8667 us a byte; 390 us = 10 us + 48 B of header on
            // the wire (128 us) + 126 us a packet at each end.
            var model = CostModel(latency: .us(10), bitsPerSecond: 3_000_000, mtuBytes: 1024,
                                  headerBytes: 48, sendOverhead: .us(500), receiveOverhead: .us(500),
                                  localMessageCost: .us(500), localCopyBytesPerSecond: 2_000_000,
                                  retransmitTimeout: .ms(100), maxRetransmits: 5)
            model.copyBytesPerSecond = 535_714
            model.packetOverhead = .us(126)
            return model
        case .v1983Fast:
            // P(n) = 0.0054 n + 0.251 ms: copies of 1.3667 us a byte, 56.5 us a packet.
            var model = CostModel(latency: .us(10), bitsPerSecond: 3_000_000, mtuBytes: 1024,
                                  headerBytes: 48, sendOverhead: .us(423), receiveOverhead: .us(423),
                                  localMessageCost: .us(385), localCopyBytesPerSecond: 2_500_000,
                                  retransmitTimeout: .ms(100), maxRetransmits: 5)
            model.copyBytesPerSecond = 731_707
            model.packetOverhead = .ns(56_500)
            return model
        case .sprite1988:
            // 1.17 us a byte (0.8 on the wire, two copies at 5.4 MB/s) and
            // 650 us of protocol at each end: a null RPC of 2.7-2.9 ms.
            var model = CostModel(latency: .us(10), bitsPerSecond: 10_000_000, mtuBytes: 1500,
                                  headerBytes: 64, sendOverhead: .us(650), receiveOverhead: .us(650),
                                  localMessageCost: .us(100), localCopyBytesPerSecond: 8_000_000,
                                  retransmitTimeout: .ms(100), maxRetransmits: 5)
            model.copyBytesPerSecond = 5_400_000
            model.maxRPCBytes = 16 << 10
            model.fileCPU = FileServerCPU(open: .us(1600), close: .us(700))
            return model
        case .zero:
            return CostModel(latency: .us(500), bitsPerSecond: 10_000_000, mtuBytes: 1 << 30,
                             headerBytes: 0, sendOverhead: .zero, receiveOverhead: .zero,
                             localMessageCost: .zero, localCopyBytesPerSecond: 1 << 40,
                             retransmitTimeout: .ms(100), maxRetransmits: 5)
        }
    }
}
