import Foundation
import Playbook

/// The fixture playbooks under `Fixtures/`, named by their path inside it (`use/main.yaml`), so
/// diagnostics read the same on every machine.
enum Fixtures {
  static let directory: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

  static let files: [String: String] = {
    var files: [String: String] = [:]
    let root = directory.standardizedFileURL.path
    let enumerator = FileManager.default.enumerator(atPath: root)!
    while let relative = enumerator.nextObject() as? String {
      guard relative.hasSuffix(".yaml") else { continue }
      files[relative] = try! String(contentsOfFile: root + "/" + relative, encoding: .utf8)
    }
    return files
  }()

  static let source = PlaybookSource.inMemory(files)

  static func text(_ name: String) -> String { files[name]! }

  static func parse(_ name: String) -> ParseResult { PlaybookParser.parse(text(name), file: name) }

  static func validate(_ name: String) -> [String] {
    PlaybookValidator(source: source).validate(file: name).map(\.description)
  }
}
