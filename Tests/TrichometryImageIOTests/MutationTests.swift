import Foundation
import XCTest
@testable import TrichometryImageIO

/// Thousands of deterministically damaged files: each must decode to a consistent image or throw.
/// A crash, abort or hang here is exactly what a clinic's batch must never see.
final class MutationTests: XCTestCase {
    /// SplitMix64: tiny, fast, and the same sequence on every machine.
    private struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    }

    private func mutate(_ bytes: [UInt8], _ random: inout SplitMix) -> [UInt8] {
        var out = bytes
        let edits = 1 + random.below(4)
        for _ in 0..<edits {
            guard !out.isEmpty else { break }
            let at = random.below(out.count)
            switch random.below(7) {
            case 0: out[at] ^= UInt8(1 << random.below(8))                        // bit flip
            case 1: out[at] = UInt8(truncatingIfNeeded: random.next())            // random byte
            case 2: out[at] = [0x00, 0xFF, 0x7F, 0x80][random.below(4)]           // boundary byte
            case 3: out.removeSubrange(at..<min(out.count, at + 1 + random.below(16)))  // deletion
            case 4: out.insert(contentsOf: (0..<(1 + random.below(8))).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: at)
            case 5: out = Array(out[0..<at])                                     // truncation
            default:                                                              // duplicated run
                let length = min(out.count - at, 1 + random.below(32))
                out.insert(contentsOf: out[at..<(at + length)], at: random.below(out.count))
            }
        }
        return out
    }

    /// 3,000 by default; set TRICHOMETRY_MUTANTS (and TRICHOMETRY_MUTATION_SEED) for a longer soak.
    func testThreeThousandMutantsDecodeOrThrow() throws {
        let environment = ProcessInfo.processInfo.environment
        let total = max(3_000, Int(environment["TRICHOMETRY_MUTANTS"] ?? "") ?? 3_000)
        let seed = UInt64(environment["TRICHOMETRY_MUTATION_SEED"] ?? "") ?? 20_261_124
        let corpus = try Corpus.validFiles()
        var random = SplitMix(state: seed)
        var decoded = 0, refused = 0
        var reasons: Set<String> = []
        let outputs: [DecodeOptions.Output] = [.native, .rgb, .luminance]
        for variant in 0..<total {
            let (name, bytes) = corpus[variant % corpus.count]
            let mutant = mutate(bytes, &random)
            let options = DecodeOptions(pixelLimit: 1 << 20, output: outputs[variant % 3])
            do {
                let image = try ImageDecoder.decode(bytes: mutant, name: name, options: options)
                XCTAssertEqual(image.pixels.count, image.width * image.height * image.channels)
                XCTAssertLessThanOrEqual(image.pixelCount, 1 << 20)
                decoded += 1
            } catch {
                XCTAssertEqual(error.path, name)
                XCTAssertFalse(error.description.contains("\n"))
                reasons.insert(String(describing: error.reason).prefix(while: { $0 != ":" }).description)
                refused += 1
            }
            _ = try? ImageDecoder.probe(bytes: mutant, name: name)
        }
        XCTAssertEqual(decoded + refused, total)
        // Both outcomes occur, and refusals are told apart rather than lumped together.
        XCTAssertGreaterThan(decoded, 100)
        XCTAssertGreaterThan(refused, 500)
        XCTAssertTrue(reasons.contains("truncated"), "\(reasons)")
        XCTAssertTrue(reasons.contains("corrupt"), "\(reasons)")
    }
}
