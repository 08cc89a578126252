// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// One set of settings for every target: Swift 6 mode everywhere, plus the upcoming
/// features that keep existentials and imports explicit.
let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "reach",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "reach", targets: ["reach"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
    // Already in the graph through AsyncHTTPClient; named for the client's TLS configuration.
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0"),
    // Already in the graph through Hummingbird; named for NIOHTTPTypes (ReachServing's handler).
    .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
    // Already in the graph through Hummingbird; named for the sandbox's background service.
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    // Already in the graph through AsyncHTTPClient; named for the playbook's SHA-256.
    .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
  ],
  targets: [
    // The single source of truth: all 68 endpoints of the guide as plain values.
    .target(
      name: "ReachCatalogue", swiftSettings: swiftSettings,
      linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),

    // The registry generator: a tested library plus a thin executable that the
    // build-tool plugin runs.
    .target(
      name: "RegistryGeneratorCore", dependencies: ["ReachCatalogue"],
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "RegistryGenerator", dependencies: ["RegistryGeneratorCore", "ReachCatalogue"],
      swiftSettings: swiftSettings),
    .plugin(
      name: "EndpointRegistryPlugin", capability: .buildTool(),
      dependencies: ["RegistryGenerator"]),

    // Endpoint plugins: the protocol, the registry, the generated per-endpoint types.
    .target(
      name: "ReachEndpoints", dependencies: ["ReachCatalogue"],
      swiftSettings: swiftSettings, plugins: ["EndpointRegistryPlugin"]),

    // HTTPS to the platform: auth, retries, rate limit, redaction, targets.
    .target(
      name: "ReachClient",
      dependencies: [
        "ReachCatalogue", "ReachEndpoints",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: swiftSettings),

    // The run journal: SQLite via GRDB, intent → sent → confirmed for every effect.
    .target(
      name: "RunJournal",
      dependencies: ["ReachCatalogue", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: swiftSettings),

    // What the sandbox's and the webhook receiver's servers share: their connection limits.
    .target(
      name: "ReachServing",
      dependencies: [
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
      ],
      swiftSettings: swiftSettings),

    // The brand side of 2.3: the two webhook endpoints, durable and idempotent.
    .target(
      name: "ReachWebhooks",
      dependencies: [
        "ReachCatalogue", "ReachServing", "ReachClient",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings),

    // The playbook format: YAML to a typed model with positions, expressions, static validation.
    .target(
      name: "Playbook",
      dependencies: ["ReachCatalogue", "ReachEndpoints", .product(name: "Yams", package: "Yams")],
      swiftSettings: swiftSettings),

    // Executing playbooks: step kinds, polling on an injected clock, run events.
    .target(
      name: "PlaybookRunner",
      dependencies: [
        "Playbook", "ReachClient", "ReachCatalogue", "ReachEndpoints", "RunJournal",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: swiftSettings),

    // The command-line front end: thin commands over the libraries.
    .target(
      name: "ReachCommands",
      dependencies: [
        "ReachCatalogue", "ReachEndpoints", "ReachClient", "RunJournal", "ReachWebhooks", "ReachSandbox",
        "ReachServing", "Playbook", "PlaybookRunner",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
      ],
      swiftSettings: swiftSettings),
    .executableTarget(name: "reach", dependencies: ["ReachCommands"], swiftSettings: swiftSettings),

    // The embedded sandbox: a stateful simulator of the platform, routed from the catalogue. Its
    // outgoing requests (webhooks) go through the client's transport.
    .target(
      name: "ReachSandbox",
      dependencies: [
        "ReachCatalogue", "ReachEndpoints", "ReachServing", "ReachClient",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings),

    // What several test targets share: a loopback port held for a test.
    .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),

    .testTarget(
      name: "ReachWebhooksTests",
      dependencies: [
        "ReachWebhooks", "ReachCatalogue",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RunJournalTests",
      dependencies: ["RunJournal", "ReachCatalogue", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "ReachCatalogueTests", dependencies: ["ReachCatalogue"], swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistryGeneratorTests",
      dependencies: ["RegistryGeneratorCore", "ReachCatalogue", "ReachEndpoints"],
      exclude: ["Golden"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "ReachClientTests",
      dependencies: [
        "TestSupport", "ReachClient", "ReachEndpoints", "ReachCatalogue", "ReachWebhooks",
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "PlaybookTests", dependencies: ["Playbook", "ReachCatalogue"],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "PlaybookRunnerTests",
      dependencies: [
        "TestSupport", "PlaybookRunner", "Playbook", "ReachClient", "ReachCatalogue", "ReachEndpoints", "RunJournal",
        "ReachServing",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "ReachCommandsTests",
      dependencies: [
        "ReachCommands", "ReachCatalogue", "ReachEndpoints", "ReachClient", "RunJournal", "ReachSandbox",
        "ReachWebhooks", "ReachServing", "Playbook", "PlaybookRunner",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "ReachSandboxTests",
      dependencies: [
        "ReachSandbox", "ReachCatalogue", "ReachEndpoints", "ReachClient", "ReachWebhooks", "ReachServing",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ],
      swiftSettings: swiftSettings),
  ]
)

// The fuzz target of the playbook loader and the expression parser, built only when asked:
// `scripts/fuzz.sh` (`.ci/run` runs it for a bounded time). A build with `--sanitize=fuzzer` links
// libFuzzer's own `main` into every executable, the registry generator too, so there the
// endpoint registry is the file that script generated with a plain build of the generator.
let fuzzGenerated = "FuzzGenerated"
if let endpoints = package.targets.first(where: { $0.name == "ReachEndpoints" }) {
  if Context.environment["REACH_FUZZ"] != nil {
    endpoints.plugins = []
    package.targets.append(
      .executableTarget(
        name: "PlaybookFuzzer", dependencies: ["Playbook", "ReachEndpoints"], exclude: ["corpus"],
        swiftSettings: swiftSettings))
  } else if FileManager.default.fileExists(
    atPath: Context.packageDirectory + "/Sources/ReachEndpoints/" + fuzzGenerated)
  {
    endpoints.exclude.append(fuzzGenerated)
  }
}

// Benchmark peers, not part of reach: the barest SwiftNIO client (benchmarks/bulk.sh) and the
// barest Hummingbird server (benchmarks/sandbox-wrk.sh). Built only when REACH_BENCHMARKS is
// set, as Hummingbird builds its benchmarks.
if Context.environment["REACH_BENCHMARKS"] != nil {
  let nio = { (module: String) -> Target.Dependency in .product(name: module, package: "swift-nio") }
  let probes: [(name: String, dependencies: [Target.Dependency])] = [
    ("ServerProbe", [.product(name: "Hummingbird", package: "hummingbird"), nio("NIOCore")]),
    ("WireProbe", ["NIOCore", "NIOPosix", "NIOHTTP1", "NIOConcurrencyHelpers"].map(nio)),
  ]
  for probe in probes {
    package.targets.append(
      .executableTarget(name: probe.name, dependencies: probe.dependencies, swiftSettings: swiftSettings))
  }
}
