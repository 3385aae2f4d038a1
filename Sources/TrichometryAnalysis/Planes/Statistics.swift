/// Small robust statistics used across stages.
enum Statistics {
    /// Median of `values` (reorders them). 0 for an empty array.
    static func median(_ values: inout [Float]) -> Float {
        guard !values.isEmpty else { return 0 }
        let k = values.count / 2
        quickselect(&values, k)
        if values.count % 2 == 1 { return values[k] }
        let upper = values[k]
        var lower = values[0]
        for i in 0..<k where values[i] > lower { lower = values[i] }
        return (lower + upper) / 2
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        let k = s.count / 2
        return s.count % 2 == 1 ? s[k] : (s[k - 1] + s[k]) / 2
    }

    /// Value at fraction `q` (0...1) of the sorted order.
    static func quantile(_ values: inout [Float], _ q: Double) -> Float {
        guard !values.isEmpty else { return 0 }
        let k = min(values.count - 1, max(0, Int(Double(values.count - 1) * q)))
        quickselect(&values, k)
        return values[k]
    }

    /// Hoare-style selection: afterwards `values[k]` is the k-th smallest, smaller ones before it.
    static func quickselect(_ values: inout [Float], _ k: Int) {
        values.withUnsafeMutableBufferPointer { v in
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
}
