/// Wall time spent in each pipeline stage of one analysis, in seconds: what `trichometry bench pipeline`
/// reports. Filled only when asked for, so ordinary analyses pay nothing for it.
public struct StageTimings: Sendable, Equatable {
    public var fieldMask: Double = 0
    public var illumination: Double = 0
    public var shaftDetection: Double = 0
    public var tracing: Double = 0
    public var measurement: Double = 0
    /// Classification, follicular units, metrics and the hair mask.
    public var metrics: Double = 0

    public init() {}

    public var total: Double { fieldMask + illumination + shaftDetection + tracing + measurement + metrics }

    /// Stage names and times in pipeline order.
    public var stages: [(name: String, seconds: Double)] {
        [("field mask", fieldMask), ("illumination", illumination), ("shaft detection", shaftDetection),
         ("tracing", tracing), ("measurement", measurement), ("metrics", metrics)]
    }
}

/// A monotonic stopwatch for stage timings.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Seconds since the previous lap (or since the clock started).
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now &- last) / 1e9
    }
}

import Dispatch
