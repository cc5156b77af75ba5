// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "wslabel",
    products: [
        .library(name: "WSLabelCore", targets: ["WSLabelCore"]),
        .executable(name: "wslabel", targets: ["wslabel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
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
        // The command-line tool: a thin shell over the library.
        .executableTarget(
            name: "wslabel",
            dependencies: [
                "WSLabelCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks that need compiled code (scale); scripts live beside them in benchmarks/.
        .executableTarget(
            name: "wslabel-scale-bench",
            dependencies: ["WSLabelCore"],
            path: "benchmarks/ScaleBenchmark"
        ),
        .target(name: "TestSupport", dependencies: ["WSLabelCore"], path: "Tests/TestSupport"),
        .testTarget(name: "WSLabelCoreTests", dependencies: ["WSLabelCore", "TestSupport"]),
        .testTarget(name: "WSLabelCLITests", dependencies: ["WSLabelCore", "TestSupport"]),
    ]
)
