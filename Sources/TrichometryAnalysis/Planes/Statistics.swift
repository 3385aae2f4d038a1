/// Small robust statistics used across stages.
enum Statistics {
    /// From this many values on, selection goes through a histogram of the values' high bits (two linear
    /// passes) instead of quickselect's partitioning passes; below it the histogram costs more than it saves.
    static let histogramSelectMinimumCount = 1 << 15

    /// Median of `values` (may reorder them). 0 for an empty array.
    static func median(_ values: inout [Float]) -> Float {
        guard !values.isEmpty else { return 0 }
        let k = values.count / 2
        if values.count >= histogramSelectMinimumCount, let upper = histogramSelect(values, k) {
            if values.count % 2 == 1 { return upper }
            if let lower = histogramSelect(values, k - 1) { return (lower + upper) / 2 }
        }
        return values.withUnsafeMutableBufferPointer { medianBySelection($0) }
    }

    /// Median of the buffer's values by quickselect, in place (reorders them); 0 when empty. The same value
    /// `median(_:)` gives for an array of these values in this order.
    static func medianBySelection(_ v: UnsafeMutableBufferPointer<Float>) -> Float {
        guard !v.isEmpty else { return 0 }
        let k = v.count / 2
        quickselect(v, k)
        if v.count % 2 == 1 { return v[k] }
        let upper = v[k]
        var lower = v[0]
        for i in 0..<k where v[i] > lower { lower = v[i] }
        return (lower + upper) / 2
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        let k = s.count / 2
        return s.count % 2 == 1 ? s[k] : (s[k - 1] + s[k]) / 2
    }

    /// Value at fraction `q` (0...1) of the sorted order (may reorder `values`).
    static func quantile(_ values: inout [Float], _ q: Double) -> Float {
        guard !values.isEmpty else { return 0 }
        let k = min(values.count - 1, max(0, Int(Double(values.count - 1) * q)))
        if values.count >= histogramSelectMinimumCount, let v = histogramSelect(values, k) { return v }
        quickselect(&values, k)
        return values[k]
    }

    /// The k-th smallest value (0-based), bit for bit what `quickselect` leaves at `values[k]`, or nil where
    /// that is not decided by the values alone: values that compare equal have the same bits except +0 and
    /// −0 (quickselect may leave either), and NaN has no rank. Callers then use quickselect, as before.
    ///
    /// Floats map to order-preserving 32-bit keys; a histogram of the keys' top 16 bits finds the bucket
    /// holding rank k, and quickselect runs on that bucket's values only: two linear passes in all.
    static func histogramSelect(_ values: [Float], _ k: Int) -> Float? {
        precondition(k >= 0 && k < values.count)
        @inline(__always) func key(_ bits: UInt32) -> UInt32 {
            // Negative: all bits flipped (larger magnitude sorts lower); positive: the sign bit set.
            bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
        }
        var histogram = [Int](repeating: 0, count: 1 << 16)
        var unordered = false, negativeZero = false
        values.withUnsafeBufferPointer { v in
            histogram.withUnsafeMutableBufferPointer { hb in
                for x in v {
                    let bits = x.bitPattern
                    hb[Int(key(bits) >> 16)] &+= 1
                    if x.isNaN { unordered = true }
                    if bits == 0x8000_0000 { negativeZero = true }
                }
            }
        }
        if unordered { return nil }
        var bucket = 0, before = 0
        while before &+ histogram[bucket] <= k { before &+= histogram[bucket]; bucket &+= 1 }
        var members: [Float] = []
        members.reserveCapacity(histogram[bucket])
        values.withUnsafeBufferPointer { v in
            for x in v where Int(key(x.bitPattern) >> 16) == bucket { members.append(x) }
        }
        quickselect(&members, k &- before)
        let value = members[k &- before]
        return value == 0 && negativeZero ? nil : value
    }

    /// Hoare-style selection: afterwards `values[k]` is the k-th smallest, smaller ones before it.
    static func quickselect(_ values: inout [Float], _ k: Int) {
        values.withUnsafeMutableBufferPointer { quickselect($0, k) }
    }

    static func quickselect(_ v: UnsafeMutableBufferPointer<Float>, _ k: Int) {
        var lo = 0, hi = v.count - 1
        while lo < hi {
            let pivot = v[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while v[i] < pivot { i += 1 }
                while v[j] > pivot { j -= 1 }
                if i <= j { v.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }
}
