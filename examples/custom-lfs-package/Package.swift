// swift-tools-version:6.0
import PackageDescription

// A user's own labeling tool: the whole `wslabel` command line, plus this package's Swift
// labeling functions. Copy this folder to start yours.
let package = Package(
    name: "my-wslabel",
    dependencies: [
        // wslabel by path, because this example lives inside wslabel's repository; `name:` sets
        // the identity `package:` names below (a path dependency's is otherwise its folder's
        // name). In your own package, depend on wslabel's Git repository instead; it has no
        // release tags yet, so follow its main branch (or pin a commit with revision:):
        //   .package(url: "https://example.com/you/wslabel.git", branch: "main")
        // whose identity is the URL's last part without .git: wslabel.
        .package(name: "wslabel", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "my-wslabel",
            dependencies: [
                // The command line, to run with your catalogs.
                .product(name: "WSLabelCLI", package: "wslabel"),
                // The LF types (HeuristicLF, KeywordLF, RegexLF, the LFCatalogBuilder).
                .product(name: "WSLabeling", package: "wslabel"),
            ],
            // The Swift LFs' fingerprints follow this target's code: after an edit and a
            // rebuild, their cached votes are computed again.
            plugins: [.plugin(name: "LFSourceFingerprints", package: "wslabel")]
        ),
    ]
)
