import CImageShims

/// In-process timings behind `trichometry bench io`: our JPEG decode against libjpeg-turbo's own
/// (the plain libjpeg API in C on the same bytes, `trich_bench_reference_jpeg_decode`), and PNG
/// encoding of a large RGB overlay at the fast zlib level.
public enum IOBenchmark {
    public struct Measurement: Sendable, Equatable {
        public var name: String
        /// Median wall time over the runs, in milliseconds.
        public var medianMilliseconds: Double
        /// Fastest run: less sensitive than the median to other work on a shared machine.
        public var minimumMilliseconds: Double { runs.min() ?? 0 }
        public var runs: [Double]
    }

    public struct Report: Sendable {
        public var width: Int
        public var height: Int
        public var jpegBytes: Int
        public var pngBytes: Int
        public var measurements: [Measurement]

        public func median(_ name: String) -> Double? {
            measurements.first { $0.name == name }?.medianMilliseconds
        }

        /// Median over runs of ours / reference, each pair timed back to back: steadier than a
        /// ratio of medians when other work comes and goes on a shared machine.
        public func pairedRatio(_ ours: String, _ reference: String) -> Double? {
            guard let a = measurements.first(where: { $0.name == ours })?.runs,
                  let b = measurements.first(where: { $0.name == reference })?.runs,
                  a.count == b.count, !a.isEmpty else { return nil }
            return IOBenchmark.median(zip(a, b).map { $1 > 0 ? $0 / $1 : 0 })
        }
    }

    public static let ourRGBDecode = "decode JPEG to RGB (Trichometry)"
    public static let referenceRGBDecode = "decode JPEG to RGB (libjpeg-turbo alone)"
    public static let ourLuminanceDecode = "decode JPEG to luminance (Trichometry)"
    public static let referenceLuminanceDecode = "decode JPEG to luminance (libjpeg-turbo alone)"
    public static let pngEncode = "encode PNG RGB, zlib level 1"

    /// A 4:3 image of about `megapixels`, encoded as a quality-90 JPEG, decoded and re-encoded
    /// `runs` times each. Ours and the reference interleave so drift on a shared machine hits both alike.
    public static func run(megapixels: Double, runs: Int) throws(ImageIOError) -> Report {
        let width = max(16, Int((megapixels * 1_000_000 * 4 / 3).squareRoot()))
        let height = max(16, width * 3 / 4)
        let image = SyntheticScalpImage.make(width: width, height: height)
        let jpeg = try ImageEncoder.encodeJPEG(image, quality: 90)
        let rgbOptions = DecodeOptions(output: .rgb)
        let grayOptions = DecodeOptions(output: .luminance)
        var timings: [String: [Double]] = [:]
        var pngBytes = 0
        var checksum = 0
        for run in 0..<max(runs, 1) {
            // Alternate which side goes first so cache and allocator state favour neither.
            var ours = 0.0, reference = 0.0, oursGray = 0.0, referenceGray = 0.0
            for side in run % 2 == 0 ? [0, 1] : [1, 0] {
                if side == 0 {
                    ours = try time { () throws(ImageIOError) in
                        checksum &+= Int(try ImageDecoder.decode(bytes: jpeg, name: "bench.jpg", options: rgbOptions).pixels[0])
                    }
                    oursGray = try time { () throws(ImageIOError) in
                        checksum &+= Int(try ImageDecoder.decode(bytes: jpeg, name: "bench.jpg", options: grayOptions).pixels[0])
                    }
                } else {
                    reference = time {
                        jpeg.withUnsafeBufferPointer { checksum &+= Int(trich_bench_reference_jpeg_decode($0.baseAddress, $0.count, 0)) }
                    }
                    referenceGray = time {
                        jpeg.withUnsafeBufferPointer { checksum &+= Int(trich_bench_reference_jpeg_decode($0.baseAddress, $0.count, 1)) }
                    }
                }
            }
            let png = try time { () throws(ImageIOError) in
                pngBytes = try ImageEncoder.encodePNG(image, compressionLevel: 1).count
            }
            timings[ourRGBDecode, default: []].append(ours)
            timings[referenceRGBDecode, default: []].append(reference)
            timings[ourLuminanceDecode, default: []].append(oursGray)
            timings[referenceLuminanceDecode, default: []].append(referenceGray)
            timings[pngEncode, default: []].append(png)
        }
        precondition(checksum != Int.min) // keeps the decoded results observable
        let order = [ourRGBDecode, referenceRGBDecode, ourLuminanceDecode, referenceLuminanceDecode, pngEncode]
        let measurements = order.map { name in
            Measurement(name: name, medianMilliseconds: median(timings[name] ?? []), runs: timings[name] ?? [])
        }
        return Report(width: width, height: height, jpegBytes: jpeg.count, pngBytes: pngBytes, measurements: measurements)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private static func time<E: Error>(_ body: () throws(E) -> Void) throws(E) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        let elapsed = start.duration(to: clock.now)
        let (seconds, attoseconds) = elapsed.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
