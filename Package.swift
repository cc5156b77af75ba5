// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "wslabel",
    products: [
        .library(name: "WSLabelCore", targets: ["WSLabelCore"]),
        .library(name: "WSLabelData", targets: ["WSLabelData"]),
        .library(name: "WSLabeling", targets: ["WSLabeling"]),
        .library(name: "WSLabelReports", targets: ["WSLabelReports"]),
        .library(name: "WSLabelPipeline", targets: ["WSLabelPipeline"]),
        .library(name: "WSLabelCLI", targets: ["WSLabelCLI"]),
        .executable(name: "wslabel", targets: ["wslabel"]),
        // For a user's package: applied to the target holding its Swift LFs, so their
        // fingerprints follow their code (README, "Your own Swift LFs").
        .plugin(name: "LFSourceFingerprints", targets: ["LFSourceFingerprints"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // Tests only: a loopback HTTP server that injects faults into LLM calls.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // OpenBLAS (CBLAS) and LAPACKE from the system: Debian's libopenblas-dev, liblapacke-dev.
        .systemLibrary(
            name: "CBLAS",
            path: "Sources/CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // The layers form a chain; each target depends only on the ones above it
        // (docs/ARCHITECTURE.md):
        //   WSLabelCore → WSLabelData → WSLabeling → WSLabelReports → WSLabelPipeline → WSLabelCLI
        //
        // Math and models: the vote matrix, the label models (EM over CBLAS/LAPACKE, majority
        // vote), their selection, metrics, LF statistics and synthetic votes. No file I/O.
        .target(name: "WSLabelCore", dependencies: ["CBLAS"]),
        // Data formats and items: vote files (NPY, CSV), WRENCH folders, JSON, item readers
        // (JSON Lines, CSV), saved models, atomic outputs.
        .target(name: "WSLabelData", dependencies: ["WSLabelCore"]),
        // Labeling: LFs (keyword, regex, heuristic, LLM prompt), LF and task files, the applier
        // and its SQLite vote cache, the LLM client and its ledger, human labels, prices.
        .target(
            name: "WSLabeling",
            dependencies: [
                "WSLabelCore", "WSLabelData",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Analysis and reports: the LF report, the cost-quality analysis, the run's summary,
        // rendered as text, Markdown, CSV, JSON and self-contained HTML with SVG plots.
        .target(name: "WSLabelReports", dependencies: ["WSLabelCore", "WSLabelData", "WSLabeling"]),
        // The pipeline as one library call: a labeling job loads its input (applying a task's
        // LFs), fits, scores, writes its outputs and reports, as every command needs.
        .target(name: "WSLabelPipeline", dependencies: ["WSLabelCore", "WSLabelData", "WSLabeling", "WSLabelReports"]),
        // The LF catalog `wslabel` links: Swift LFs in labeling_functions/Swift, LF files beside it.
        .target(
            name: "LabelingFunctions",
            dependencies: ["WSLabeling"],
            // Only the Swift folder: LF files (YAML) beside it are data, read at run time.
            path: "labeling_functions/Swift",
            // The Swift LFs' fingerprints follow their code (and the libraries' it calls).
            plugins: ["LFSourceFingerprints"]
        ),
        // Hashes an LF target's Swift sources at build time into a table its HeuristicLFs'
        // fingerprints read (WSLabeling's LFSourceFingerprints). The tool depends on nothing,
        // so it builds in seconds before the LF target.
        .plugin(name: "LFSourceFingerprints", capability: .buildTool(), dependencies: ["LFSourceFingerprintTool"]),
        .executableTarget(name: "LFSourceFingerprintTool", path: "Plugins/LFSourceFingerprintTool"),
        // The command-line tool's commands, as a library a user's package can reuse with its
        // own LF catalogs; each command maps its flags to one library call.
        .target(
            name: "WSLabelCLI",
            dependencies: [
                "WSLabelCore", "WSLabelData", "WSLabeling", "WSLabelReports", "WSLabelPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "wslabel", dependencies: ["WSLabelCLI", "LabelingFunctions"]),
        // Benchmarks that need compiled code (scale); scripts live beside them in benchmarks/.
        .executableTarget(
            name: "wslabel-scale-bench",
            dependencies: ["WSLabelData"],
            path: "benchmarks/ScaleBenchmark"
        ),
        .executableTarget(name: "wslabel-robustness-bench", dependencies: ["WSLabelData"], path: "benchmarks/RobustnessBenchmark"),
        .executableTarget(name: "wslabel-apply-bench", dependencies: ["WSLabelData", "WSLabeling", "LabelingFunctions"], path: "benchmarks/ApplyBenchmark"),
        .executableTarget(name: "wslabel-labels-bench", dependencies: ["WSLabelData"], path: "benchmarks/LabelWritingBenchmark"),
        .executableTarget(name: "wslabel-fuzz", dependencies: ["WSLabelData", "WSLabeling"], path: "Tests/Fuzz/Sources"),
        .target(
            name: "TestSupport",
            dependencies: [
                "WSLabelCore",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "WSLabelCoreTests", dependencies: ["WSLabelCore", "WSLabelData", "WSLabeling", "WSLabelReports", "TestSupport"]),
        .testTarget(name: "WSLabelDataTests", dependencies: ["WSLabelCore", "WSLabelData", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "WSLabelingTests", dependencies: ["WSLabelData", "WSLabeling", "LabelingFunctions", "TestSupport"]),
        .testTarget(name: "LFSourceFingerprintToolTests", dependencies: ["LFSourceFingerprintTool"]),
        .testTarget(name: "WSLabelReportsTests", dependencies: ["WSLabelCore", "WSLabelData", "WSLabeling", "WSLabelReports", "TestSupport"]),
        .testTarget(
            name: "WSLabelPipelineTests",
            dependencies: ["WSLabelCore", "WSLabelData", "WSLabeling", "WSLabelReports", "WSLabelPipeline", "TestSupport"]
        ),
        .testTarget(name: "WSLabelCLITests", dependencies: ["WSLabelCore", "WSLabelData", "WSLabeling", "WSLabelReports", "WSLabelPipeline", "WSLabelCLI", "TestSupport", "wslabel"],
                    exclude: ["Snapshots"]),
    ]
)
