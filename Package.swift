// swift-tools-version:5.10
// Trichometry: trichoscopy images in, validated hair measurements out.
//
// Layers point one way:
//   trichometry (CLI) → TrichometryReport / TrichometryValidation → TrichometryAnalysis (pure Swift pipeline)
//   → TrichometryImageIO (image value types, decode/encode) → CImageShims (C, setjmp/longjmp) → CSystemImage (libpng, libjpeg)
// The pipeline never imports a C module; the phantom generator never imports the pipeline.
import PackageDescription

let package = Package(
    name: "Trichometry",
    products: [
        .executable(name: "trichometry", targets: ["trichometry"]),
        .library(name: "TrichometryAnalysis", targets: ["TrichometryAnalysis"]),
        .library(name: "TrichometryImageIO", targets: ["TrichometryImageIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libpng and libjpeg as the system provides them (Debian: libpng-dev, libjpeg-dev).
        .systemLibrary(
            name: "CSystemImage",
            path: "CSystemImage",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev", "libjpeg-dev"])]
        ),
        // The only code that calls setjmp/longjmp: libjpeg and libpng error recovery stays in C.
        .target(
            name: "CImageShims",
            dependencies: ["CSystemImage"],
            linkerSettings: [.linkedLibrary("png"), .linkedLibrary("jpeg")]
        ),
        // Image value types, decoding by content, atomic PNG/JPEG writing, one error type.
        .target(name: "TrichometryImageIO", dependencies: ["CImageShims"]),
        // The analysis pipeline: pure Swift, no file I/O.
        .target(name: "TrichometryAnalysis", dependencies: ["TrichometryImageIO"]),
        // Synthetic trichoscopy images with per-hair ground truth. Must not depend on the pipeline.
        .target(name: "TrichometryPhantom", dependencies: ["TrichometryImageIO"]),
        // Scores analyses against ground truth.
        .target(name: "TrichometryValidation", dependencies: ["TrichometryAnalysis", "TrichometryPhantom"]),
        // Tables (CSV/TSV/JSON), overlays and masks drawn from an analysis.
        .target(name: "TrichometryReport", dependencies: ["TrichometryAnalysis", "TrichometryImageIO"]),
        .executableTarget(
            name: "trichometry",
            dependencies: [
                "TrichometryImageIO", "TrichometryAnalysis", "TrichometryPhantom",
                "TrichometryValidation", "TrichometryReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TrichometryImageIOTests", dependencies: ["TrichometryImageIO"]),
        .testTarget(name: "TrichometryAnalysisTests", dependencies: ["TrichometryAnalysis", "TrichometryImageIO"]),
        .testTarget(name: "TrichometryPhantomTests", dependencies: ["TrichometryPhantom", "TrichometryImageIO"]),
        .testTarget(name: "TrichometryValidationTests", dependencies: ["TrichometryValidation", "TrichometryPhantom", "TrichometryAnalysis"]),
        .testTarget(name: "TrichometryCLITests", dependencies: ["trichometry", "TrichometryReport", "TrichometryAnalysis", "TrichometryImageIO"]),
    ]
)
