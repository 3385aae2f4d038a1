import Dispatch
import TrichometryAnalysis
import TrichometryImageIO
#if canImport(Glibc)
import Glibc
#endif

/// In-process timings behind `trichometry bench pipeline`: every stage of one image's way through
/// the tool (decode, the analysis stages, the per-hair rows, overlay drawing, PNG encoding), the
/// median over runs, and the process's peak resident memory while it ran.
public enum PipelineBenchmark {
    /// One image to time: JPEG bytes as a file would hold them, and its scale.
    public struct Input: Sendable {
        public var label: String
        public var jpeg: [UInt8]
        public var micronsPerPixel: Double

        public init(label: String, jpeg: [UInt8], micronsPerPixel: Double) {
            self.label = label
            self.jpeg = jpeg
            self.micronsPerPixel = micronsPerPixel
        }
    }

    public struct Stage: Sendable {
        public var name: String
        /// Wall time of every run, in milliseconds.
        public var runs: [Double]
        public var medianMilliseconds: Double { median(runs) }
        public var minimumMilliseconds: Double { runs.min() ?? 0 }
    }

    public struct Report: Sendable {
        public var label: String
        public var width: Int
        public var height: Int
        public var jpegBytes: Int
        public var hairs: Int
        public var stages: [Stage]
        /// Peak resident set (VmHWM) while this image was processed, and the resident set just before:
        /// the difference is what one worker needs for an image this size.
        public var peakResidentBytes: Int
        public var residentBeforeBytes: Int

        public var megapixels: Double { Double(width * height) / 1e6 }
        public var workerBytesPerPixel: Double {
            Double(max(0, peakResidentBytes - residentBeforeBytes)) / Double(max(1, width * height))
        }
        public func median(_ name: String) -> Double? { stages.first { $0.name == name }?.medianMilliseconds }
    }

    public static let decode = "decode JPEG"
    public static let analysis = "whole analysis"
    public static let rows = "summary + hair rows"
    public static let overlay = "overlay drawing"
    public static let png = "PNG encode"
    public static let analysisStages = ["field mask", "illumination", "shaft detection", "tracing", "measurement", "metrics"]
    /// Stage names in the order the table prints them. `whole analysis` is decode + all analysis stages + rows,
    /// timed as one span.
    public static let stageOrder = [decode] + analysisStages + [rows, analysis, overlay, png]

    /// Times `input` `runs` times (after one untimed warm-up run).
    public static func run(_ input: Input, runs: Int) throws(ImageIOError) -> Report {
        var timings: [String: [Double]] = [:]
        var width = 0, height = 0, hairs = 0
        let before = residentBytes()
        resetPeakResident()
        let calibration = Calibration(micronsPerPixel: input.micronsPerPixel)
        for run in 0...max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            let image = try ImageDecoder.decode(bytes: input.jpeg, name: input.label + ".jpg", options: DecodeOptions(output: .rgb))
            let decoded = DispatchTime.now().uptimeNanoseconds
            var stages = StageTimings()
            let result = HairAnalyzer.analyze(image, calibration: calibration, options: AnalysisOptions(), timings: &stages)
            let analysed = DispatchTime.now().uptimeNanoseconds
            let summary = ReportRows.summary(file: input.label, analysis: result, calibrationSource: "benchmark")
            let hairRows = ReportRows.hairs(file: input.label, analysis: result)
            let tabled = DispatchTime.now().uptimeNanoseconds
            let drawing = OverlayRenderer.render(image, analysis: result, title: input.label)
            let drawn = DispatchTime.now().uptimeNanoseconds
            let encodedPNG = try ImageEncoder.encodePNG(drawing.image, compressionLevel: ImageProcessor.pngCompressionLevel)
            let encoded = DispatchTime.now().uptimeNanoseconds
            precondition(!encodedPNG.isEmpty && summary.count + hairRows.count >= 0)
            width = image.width; height = image.height; hairs = result.hairs.count
            guard run > 0 else { continue }  // warm-up: page faults, allocator growth
            func ms(_ a: UInt64, _ b: UInt64) -> Double { Double(b &- a) / 1e6 }
            timings[decode, default: []].append(ms(start, decoded))
            for (name, seconds) in stages.stages { timings[name, default: []].append(seconds * 1000) }
            timings[rows, default: []].append(ms(analysed, tabled))
            timings[analysis, default: []].append(ms(start, tabled))
            timings[overlay, default: []].append(ms(tabled, drawn))
            timings[png, default: []].append(ms(drawn, encoded))
        }
        let peak = peakResidentBytes()
        return Report(label: input.label, width: width, height: height, jpegBytes: input.jpeg.count, hairs: hairs,
                      stages: stageOrder.map { Stage(name: $0, runs: timings[$0] ?? []) },
                      peakResidentBytes: peak, residentBeforeBytes: before)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    // MARK: Memory (Linux /proc; zero elsewhere)

    /// Resets the kernel's peak-RSS mark (VmHWM) to the current RSS, so the next peak is this image's.
    static func resetPeakResident() {
        #if os(Linux)
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return }
        _ = "5".withCString { write(fd, $0, 1) }
        close(fd)
        #endif
    }

    /// VmHWM, or ru_maxrss where /proc is missing.
    public static func peakResidentBytes() -> Int {
        if let kb = statusField("VmHWM:") { return kb * 1024 }
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    static func residentBytes() -> Int { (statusField("VmRSS:") ?? 0) * 1024 }

    private static func statusField(_ key: String) -> Int? {
        #if os(Linux)
        let fd = open("/proc/self/status", O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 8192)
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        let text = String(decoding: bytes[0..<n], as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix(key) {
            let digits = line.dropFirst(key.count).filter { $0.isNumber }
            return Int(digits)
        }
        return nil
        #else
        return nil
        #endif
    }
}
