import Foundation
import TrichometryPhantom

/// Finds and reads the truth files of a phantom set.
public enum ValidationDataset {
    public static let truthSuffix = ".truth.json"

    /// Every `*.truth.json` under `root`, recursively, sorted by path so runs are reproducible.
    /// `root` may also name a single truth file.
    public static func truthFiles(under root: String) throws(ValidationInputError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
            throw ValidationInputError(file: root, reason: "no such file or folder")
        }
        guard isDirectory.boolValue else {
            guard root.hasSuffix(truthSuffix) else {
                throw ValidationInputError(file: root, reason: "not a folder or a \(truthSuffix) file")
            }
            return [root]
        }
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            throw ValidationInputError(file: root, reason: "cannot list the folder")
        }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(truthSuffix) { found.append(relative) }
        }
        return found.sorted().map { join(root, $0) }
    }

    /// Reads and checks one truth file. `root` is the validated folder, used to name the case.
    public static func loadCase(truthPath: String, root: String) throws(ValidationInputError) -> ValidationCase {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: truthPath))
        } catch {
            throw ValidationInputError(file: truthPath, reason: "cannot read the truth file")
        }
        let truth: PhantomTruth
        do {
            truth = try PhantomTruth.makeDecoder().decode(PhantomTruth.self, from: data)
        } catch let error as DecodingError {
            throw ValidationInputError(file: truthPath, reason: "not a valid truth file: \(describe(error))")
        } catch {
            throw ValidationInputError(file: truthPath, reason: "not a valid truth file")
        }
        if let problem = problem(in: truth) {
            throw ValidationInputError(file: truthPath, reason: problem)
        }
        let folder = (truthPath as NSString).deletingLastPathComponent
        let imagePath = truth.image.hasPrefix("/") ? truth.image : join(folder, truth.image)
        return ValidationCase(name: relativeName(truthPath, root: root), truthPath: truthPath,
                              imagePath: imagePath, truth: truth)
    }

    /// The first thing in `truth` that would make scoring meaningless or crash, or nil when it is usable.
    static func problem(in truth: PhantomTruth) -> String? {
        if truth.schemaVersion != PhantomTruth.currentSchemaVersion {
            return "schema version \(truth.schemaVersion) is not supported (expected \(PhantomTruth.currentSchemaVersion))"
        }
        if truth.image.isEmpty { return "names no image" }
        if truth.widthPx <= 0 || truth.heightPx <= 0 { return "image size \(truth.widthPx)x\(truth.heightPx) is not positive" }
        if !(truth.umPerPx > 0 && truth.umPerPx.isFinite) { return "um_per_px \(truth.umPerPx) is not a positive number" }
        if !(truth.fieldAreaCm2 >= 0 && truth.fieldAreaCm2.isFinite) { return "field_area_cm2 is not a number ≥ 0" }
        for hair in truth.hairs {
            if hair.centerline.isEmpty || hair.centerline.contains(where: { $0.count != 2 || !$0[0].isFinite || !$0[1].isFinite }) {
                return "hair \(hair.id) has a centerline that is not a list of [x, y] points"
            }
            if !(hair.diameterUm > 0 && hair.diameterUm.isFinite) { return "hair \(hair.id) has a diameter that is not positive" }
        }
        return nil
    }

    /// A decoding failure in one line: what was wrong and where.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "top level" : String(keys.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            let place = path(context)
            return "missing key '\(snakeCase(key.stringValue))'" + (context.codingPath.isEmpty ? "" : " in \(place)")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(path(context))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "bad value at \(path(context))"
        @unknown default:
            return "unreadable"
        }
    }

    /// Decoding reports keys in camelCase; the file and the docs use snake_case.
    static func snakeCase(_ key: String) -> String {
        var out = ""
        for c in key {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
    }

    static func relativeName(_ path: String, root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : (path as NSString).lastPathComponent
    }
}
