// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sprite-shell",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sprite-shell", targets: ["SpriteShell"]),
        .library(name: "SpriteKernel", targets: ["SpriteKernel"]),
        .library(name: "SpriteScript", targets: ["SpriteScript"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Deque holds each V process's queue of pending steps.
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CReadline",
            path: "Sources/CReadline",
            providers: [.apt(["libreadline-dev"])]
        ),
        .target(
            name: "SpriteKernel",
            dependencies: [
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "SpriteScript",
            dependencies: ["SpriteKernel"]
        ),
        // `sprite-shell test`: discovery, test headers, one child process per test, reports.
        .target(
            name: "SpriteGrading",
            dependencies: ["SpriteScript"]
        ),
        .executableTarget(
            name: "SpriteShell",
            dependencies: [
                "SpriteScript",
                "SpriteGrading",
                "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "SpriteBench",
            dependencies: ["SpriteKernel"],
            path: "Sources/SpriteBench"
        ),
        .testTarget(name: "SpriteKernelTests", dependencies: ["SpriteKernel"]),
        // Headless Chromium checks of pictures and report pages, shared by the test targets that draw them.
        .target(name: "BrowserTesting", path: "Tests/BrowserTesting"),
        .testTarget(name: "SpriteScriptTests", dependencies: ["SpriteScript", "BrowserTesting"]),
        .testTarget(name: "SpriteShellTests", dependencies: ["SpriteScript", "BrowserTesting"]),
        // Schemas/ holds the published schemas the reports are validated against, read by path.
        .testTarget(name: "SpriteGradingTests", dependencies: ["SpriteGrading", "SpriteScript"], exclude: ["Schemas"]),
    ]
)
