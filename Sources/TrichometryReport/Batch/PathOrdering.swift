/// The one order of files every table, shard and merge uses: byte order of the UTF-8 relative
/// path, so it is the same on every machine and locale.
public enum PathOrdering {
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The `index`-th (1-based) of `count` contiguous, near-equal slices of `total` items.
    /// Concatenating slices 1...count gives every item once, in order.
    public static func shardRange(index: Int, count: Int, total: Int) -> Range<Int> {
        precondition(count >= 1 && (1...count).contains(index), "shard \(index)/\(count) out of range")
        let lower = (index - 1) * total / count
        let upper = index * total / count
        return lower..<upper
    }
}
