import Foundation

/// The playbook files that command-line arguments name: files as given, directories as every
/// `.yaml` and `.yml` file under them, sorted.
public enum PlaybookFiles {
  public static func expand(_ paths: [String]) -> [String] {
    var files: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        files.append(path)
        continue
      }
      let base = path.hasSuffix("/") ? String(path.dropLast()) : path
      let found = (FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? [])
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        .map { base + "/" + $0 }
      files += found.sorted()
    }
    return files
  }
}
