import Foundation
import TrichometryReport
#if canImport(Glibc)
import Glibc
#endif

/// Progress of `trichometry analyze` on stderr: a redrawn bar with count, rate and ETA when stderr
/// is a terminal, a plain line per image otherwise (logs, CI, Slurm), nothing with --quiet.
final class AnalyzeProgress {
    enum Mode { case bar, lines, quiet }

    let mode: Mode
    let total: Int
    private let started = DispatchTime.now().uptimeNanoseconds

    init(total: Int, quiet: Bool) {
        self.total = total
        if quiet { mode = .quiet } else { mode = isatty(2) != 0 ? .bar : .lines }
    }

    private var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }

    /// Shows the empty bar, so a slow first image does not leave the terminal silent.
    func start() {
        if mode == .bar { Self.write("\r\u{1B}[K" + bar(done: 0)) }
    }

    /// Called once per image, in input order.
    func imageDone(_ outcome: BatchOutcome, done: Int) {
        switch mode {
        case .quiet:
            return
        case .lines:
            let result = outcome.succeeded
                ? "ok  \(outcome.hairCount) \(outcome.hairCount == 1 ? "hair" : "hairs")  \(DecimalFormatting.fixed(outcome.seconds, digits: 2)) s"
                : "error  \(outcome.error ?? "")"
            Self.write("[\(done)/\(total)] \(outcome.file)  \(result)\n")
        case .bar:
            if !outcome.succeeded { Self.write("\r\u{1B}[Kerror: \(outcome.error ?? outcome.file)\n") }
            Self.write("\r\u{1B}[K" + bar(done: done))
        }
    }

    /// A line that is not about one image (skipped files, the final tally). Suppressed by --quiet.
    func note(_ line: String) {
        guard mode != .quiet else { return }
        if mode == .bar { Self.write("\r\u{1B}[K") }
        Self.write(line + "\n")
    }

    /// Ends the bar's line so the shell prompt starts on a fresh one.
    func finish() {
        if mode == .bar { Self.write("\r\u{1B}[K") }
    }

    func bar(done: Int) -> String {
        let width = 24
        let filled = total == 0 ? width : min(width, done * width / total)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var text = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
        text += "\(done)/\(total)  \(DecimalFormatting.fixed(rate, digits: 1)) img/s"
        if rate > 0 && done < total {
            text += "  ETA " + Self.clock(Double(total - done) / rate)
        }
        return text
    }

    /// Seconds as m:ss or h:mm:ss.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        let h = s / 3600, m = (s % 3600) / 60, r = s % 60
        let mm = h > 0 && m < 10 ? "0\(m)" : "\(m)"
        let ss = r < 10 ? "0\(r)" : "\(r)"
        return h > 0 ? "\(h):\(mm):\(ss)" : "\(mm):\(ss)"
    }

    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
