import ReachCatalogue

/// The endpoint plugins by id: the generated ones, each possibly extended by hand.
public struct EndpointRegistry: Sendable {
  public let plugins: [any EndpointPlugin]
  private let byID: [String: any EndpointPlugin]

  public init(_ plugins: [any EndpointPlugin]) {
    self.plugins = plugins
    self.byID = Dictionary(plugins.map { ($0.endpoint.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// Every endpoint of the catalogue.
  public static let standard = EndpointRegistry(generatedPlugins)

  public var ids: [String] { plugins.map(\.endpoint.id) }

  public func plugin(_ id: String) -> (any EndpointPlugin)? { byID[id] }

  /// The plugin of a resolved id: no lookup by name.
  public static func plugin(_ id: EndpointID) -> any EndpointPlugin { generatedPlugins[id.index] }

  /// The plugin for `id`, or an error that names the nearest ids.
  public func require(_ id: String) throws(UnknownEndpoint) -> any EndpointPlugin {
    guard let plugin = byID[id] else {
      throw UnknownEndpoint(id: id, suggestions: Similarity.nearest(to: id, among: ids))
    }
    return plugin
  }
}

public struct UnknownEndpoint: Error, Sendable, CustomStringConvertible {
  public var id: String
  public var suggestions: [String]

  public init(id: String, suggestions: [String]) {
    self.id = id
    self.suggestions = suggestions
  }

  public var description: String {
    let hint =
      suggestions.isEmpty ? "" : " (did you mean " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?)"
    return "unknown endpoint '\(id)'\(hint); `reach endpoints` lists them all"
  }
}
