// swift-tools-version: 6.1
// libFuzzer targets over the pure core. Not part of `swift test`; see docs/FUZZING.md.
//   swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   Fuzz/.build/release/CivicFuzz Fuzz/corpus -max_total_time=600
import PackageDescription

let package = Package(
    name: "CivicFuzz",
    dependencies: [.package(name: "civicd", path: "..")],
    targets: [
        .executableTarget(
            name: "CivicFuzz",
            dependencies: [.product(name: "CivicCore", package: "civicd")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
