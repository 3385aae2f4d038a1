/// The one-to-one pairing of detected hairs with truth hairs that `HairMatcher` found, by array index.
public struct HairPairing: Sendable, Equatable {
    public struct Pair: Sendable, Equatable {
        public var detectedIndex: Int
        public var truthIndex: Int
        /// Median distance in pixels from points along the detection's centerline to the truth hair's centerline.
        public var distancePixels: Double
    }

    /// Pairs in the order they were accepted: increasing distance.
    public var pairs: [Pair]
    /// Detections that matched no truth hair, ascending.
    public var unmatchedDetected: [Int]
    /// The unmatched detections that were within reach of some truth hair another detection took:
    /// a hair found in pieces or twice, rather than something that is no hair at all. Ascending.
    public var duplicateDetected: [Int]
    /// Truth hairs that no detection matched, ascending.
    public var unmatchedTruth: [Int]
}
