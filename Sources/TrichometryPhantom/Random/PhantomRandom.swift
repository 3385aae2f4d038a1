/// The phantom's own random stream: xoshiro256** seeded through SplitMix64.
///
/// Everything the generator draws comes from here, never from the system, so one seed gives the same
/// pixels and truth on every run and machine. The uniform and normal draws are written out by hand
/// (not `Double.random(in:using:)`) so their arithmetic cannot change under a new standard library.
public struct PhantomRandom: Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    public init(seed: UInt64) {
        var sm = seed
        s0 = PhantomRandom.splitMix(&sm)
        s1 = PhantomRandom.splitMix(&sm)
        s2 = PhantomRandom.splitMix(&sm)
        s3 = PhantomRandom.splitMix(&sm)
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// An independent stream for one part of the scene (skin, hairs, optics...), so that a change in
    /// one part's draws does not reshuffle the others.
    public init(seed: UInt64, stream: String) {
        self.init(seed: PhantomRandom.mix(seed, PhantomRandom.fnv1a(stream)))
    }

    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Combines two 64-bit values into one well-mixed seed.
    public static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var state = a ^ (b &* 0xD605_BBB5_8C8A_BBB5)
        _ = splitMix(&state)
        return splitMix(&state)
    }

    /// FNV-1a of the UTF-8 bytes: a stable string hash (Swift's `Hasher` is seeded per process).
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    public mutating func next() -> UInt64 {
        let result = PhantomRandom.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = PhantomRandom.rotl(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * unit()
    }

    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        uniform(range.lowerBound, range.upperBound)
    }

    /// Uniform integer in the closed range.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        return range.lowerBound + Int(next() % span)
    }

    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// Standard normal draw (Box–Muller).
    public mutating func normal() -> Double {
        var u = unit()
        if u < 1e-300 { u = 1e-300 }
        let v = unit()
        return (-2.0 * log(u)).squareRoot() * cos(2.0 * Double.pi * v)
    }

    public mutating func normal(mean: Double, sd: Double) -> Double { mean + sd * normal() }

    /// Picks an index with probability proportional to its weight.
    public mutating func weightedIndex(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#else
import Foundation
#endif
