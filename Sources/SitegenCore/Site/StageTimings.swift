import Dispatch

/// Wall time of each named build stage, for `--verbose`.
public struct StageTimings: Sendable {
    public private(set) var stages: [(name: String, seconds: Double)] = []

    public init() {}

    public mutating func measure<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
        return try work()
    }

    /// A stage timed by the caller, for work whose typed errors `measure` would not pass on.
    mutating func record(_ name: String, since start: UInt64) {
        stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
    }

    public var total: Double { stages.reduce(0) { $0 + $1.seconds } }
}
