import Foundation
import TrichometryAnalysis

/// Finds the settings of each image. "The most specific wins", key by key:
///
/// 1. the image's sidecar `<stem>.json` beside it (never a `*.truth.json` ground-truth file);
/// 2. the nearest `trichometry.json` device profile, from the image's folder up to the input root;
/// 3. the command line (`--um-per-px`, `--field-width-mm`, `--vellus-max-um`, …), the batch default;
/// 4. the pipeline's defaults.
///
/// Profiles are read once per folder. Not thread-safe: resolve every image before starting workers.
public final class SettingsResolver {
    public static let profileName = "trichometry.json"

    public let root: String
    public let commandLine: SettingsLayer
    public let allowsUncalibrated: Bool
    private var profiles: [String: Result<SettingsLayer?, SettingsError>] = [:]

    /// `root` is the absolute input root (`InputCollection.root`).
    public init(root: String, commandLine: SettingsLayer, allowsUncalibrated: Bool) {
        self.root = root
        self.commandLine = commandLine
        self.allowsUncalibrated = allowsUncalibrated
    }

    /// The sidecar path of an image: `scan.jpg` → `scan.json` in the same folder.
    public static func sidecarPath(of imagePath: String) -> String? {
        let ns = imagePath as NSString
        let stem = (ns.lastPathComponent as NSString).deletingPathExtension
        guard !stem.isEmpty, !stem.hasSuffix(".truth") else { return nil }
        let sidecar = ns.deletingLastPathComponent.isEmpty ? stem + ".json" : ns.deletingLastPathComponent + "/" + stem + ".json"
        return sidecar == imagePath ? nil : sidecar
    }

    /// The layers that apply to `input`, most specific first.
    public func layers(for input: BatchInput) throws(SettingsError) -> [SettingsLayer] {
        var result: [SettingsLayer] = []
        if let sidecar = Self.sidecarPath(of: input.absolutePath), let layer = try load(sidecar, kind: "sidecar") {
            result.append(layer)
        }
        var folder = (input.absolutePath as NSString).deletingLastPathComponent
        while true {
            let profile = folder == "/" ? "/" + Self.profileName : folder + "/" + Self.profileName
            if let layer = try cachedProfile(profile) { result.append(layer) }
            if folder == root || !InputCollector.isInside(folder, root) || folder == "/" { break }
            folder = (folder as NSString).deletingLastPathComponent
        }
        result.append(commandLine)
        return result
    }

    /// Merges the layers for `input`. Throws when a profile is broken or, unless uncalibrated images
    /// are allowed, when no source gives a scale.
    public func resolve(_ input: BatchInput) throws(SettingsError) -> ResolvedSettings {
        let layers = try layers(for: input)
        func first<T>(_ key: KeyPath<SettingsLayer, T?>) -> T? {
            for layer in layers { if let value = layer[keyPath: key] { return value } }
            return nil
        }
        var options = AnalysisOptions()
        if let v = first(\.vellusMaxUm) { options.vellusMaxMicrons = v }
        if let v = first(\.intermediate) { options.intermediateClass = v }
        if let v = first(\.terminalMinUm) { options.terminalMinMicrons = v }
        if let v = first(\.daysSinceClipping) { options.daysSinceClipping = v }
        if let v = first(\.anagenMinUm) { options.anagenMinMicrons = v }

        // The scale comes whole from the most specific source that gives one.
        for layer in layers {
            if let umPerPx = layer.umPerPx {
                return ResolvedSettings(options: options, scale: .micronsPerPixel(umPerPx), calibrationSource: layer.source)
            }
            if let mm = layer.fieldWidthMm {
                return ResolvedSettings(options: options, scale: .fieldWidthMillimetres(mm), calibrationSource: layer.source)
            }
        }
        guard allowsUncalibrated else { throw Self.missingCalibration(input.path) }
        return ResolvedSettings(options: options, scale: .uncalibrated, calibrationSource: "uncalibrated")
    }

    /// The error for an image with no calibration, saying every way to give one.
    public static func missingCalibration(_ path: String) -> SettingsError {
        SettingsError(path: path, reason: "no calibration: give --um-per-px X or --field-width-mm W, put \"um_per_px\" in a \(profileName) in its folder or a parent, or in a <stem>.json sidecar; or pass --uncalibrated for counts only")
    }

    private func cachedProfile(_ path: String) throws(SettingsError) -> SettingsLayer? {
        if let cached = profiles[path] { return try cached.get() }
        let result: Result<SettingsLayer?, SettingsError>
        do {
            result = .success(try load(path, kind: "profile"))
        } catch {
            result = .failure(error)
        }
        profiles[path] = result
        return try result.get()
    }

    private func load(_ absolutePath: String, kind: String) throws(SettingsError) -> SettingsLayer? {
        let display = InputCollector.relative(absolutePath, to: root)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolutePath, isDirectory: &isFolder), !isFolder.boolValue else {
            return nil
        }
        guard let data = FileManager.default.contents(atPath: absolutePath) else {
            throw SettingsError(path: display, reason: "cannot read")
        }
        return try SettingsLayer.parse(data, path: display, source: "\(kind):\(display)")
    }
}
