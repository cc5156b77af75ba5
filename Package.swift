// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "wslabel",
    products: [
        .library(name: "WSLabelCore", targets: ["WSLabelCore"]),
        .library(name: "WSLabeling", targets: ["WSLabeling"]),
        .library(name: "WSLabelReports", targets: ["WSLabelReports"]),
        .library(name: "WSLabelCLI", targets: ["WSLabelCLI"]),
        .executable(name: "wslabel", targets: ["wslabel"]),
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
        // Vote matrix, label models and metrics: pure math over CBLAS.
        .target(name: "WSLabelCore", dependencies: ["CBLAS"]),
        // Items and datasets, labeling functions, LF files, the applier and its vote cache.
        .target(
            name: "WSLabeling",
            dependencies: [
                "WSLabelCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // LF reports rendered as text, Markdown, CSV, JSON and self-contained HTML with SVG plots.
        .target(name: "WSLabelReports", dependencies: ["WSLabelCore"]),
        // The LF catalog `wslabel` links: Swift LFs in labeling_functions/Swift, LF files beside it.
        .target(
            name: "LabelingFunctions",
            dependencies: ["WSLabeling"],
            // Only the Swift folder: LF files (YAML) beside it are data, read at run time.
            path: "labeling_functions/Swift"
        ),
        // The command-line tool's commands, as a library a user's package can reuse with its
        // own LF catalogs; each command maps its flags to one library call.
        .target(
            name: "WSLabelCLI",
            dependencies: [
                "WSLabelCore", "WSLabeling", "WSLabelReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "wslabel", dependencies: ["WSLabelCLI", "LabelingFunctions"]),
        // Benchmarks that need compiled code (scale); scripts live beside them in benchmarks/.
        .executableTarget(
            name: "wslabel-scale-bench",
            dependencies: ["WSLabelCore"],
            path: "benchmarks/ScaleBenchmark"
        ),
        .executableTarget(name: "wslabel-robustness-bench", dependencies: ["WSLabelCore"], path: "benchmarks/RobustnessBenchmark"),
        .executableTarget(name: "wslabel-apply-bench", dependencies: ["WSLabeling", "LabelingFunctions"], path: "benchmarks/ApplyBenchmark"),
        .executableTarget(name: "wslabel-fuzz", dependencies: ["WSLabelCore", "WSLabeling"], path: "Tests/Fuzz/Sources"),
        .target(
            name: "TestSupport",
            dependencies: [
                "WSLabelCore",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "WSLabelCoreTests", dependencies: ["WSLabelCore", "TestSupport"]),
        .testTarget(name: "WSLabelingTests", dependencies: ["WSLabeling", "LabelingFunctions", "TestSupport"]),
        .testTarget(name: "WSLabelReportsTests", dependencies: ["WSLabelCore", "WSLabelReports", "TestSupport"]),
        .testTarget(name: "WSLabelCLITests", dependencies: ["WSLabelCore", "WSLabeling", "WSLabelCLI", "TestSupport", "wslabel"], exclude: ["Snapshots"]),
    ]
)
