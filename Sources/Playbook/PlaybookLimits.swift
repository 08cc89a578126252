import Yams

/// The sizes a playbook file may have, so that no file, however hostile, can crash the runner,
/// hang it or exhaust its memory. Each is far beyond what a real playbook needs; docs/playbooks.md
/// lists them.
public enum PlaybookLimits {
  /// The size of a playbook file.
  public static let fileBytes = 1 << 20
  /// YAML nodes in the whole file, every alias counted as the nodes it stands for: a "billion
  /// laughs" of nested aliases is refused before it is expanded.
  public static let yamlNodes = 100_000
  /// The characters of one `${{ … }}` expression.
  public static let expressionCharacters = 10_000
  /// How deeply the parts of one expression may nest: parentheses, lists, `!`, and chains of
  /// members, indexes and operators.
  public static let expressionDepth = 256
  /// How deeply `use` may nest: the playbook run uses a file (1), which uses another (2), and so
  /// on. A `use` beyond it is refused where it stands.
  public static let useDepth = 32
  /// The steps a playbook expands to, each `use` counted as the steps of the file it uses (and
  /// theirs), a `foreach` body once, every branch of a `switch`: files that each use the next
  /// several times multiply them.
  public static let expandedSteps = 10_000

  /// The node at which a walk of `root`, aliases expanded, passes `yamlNodes`; nil within the
  /// limit. The walk stops there, so it costs at most that many steps whatever the aliases say.
  static func nodeBeyondBudget(in root: Node) -> Node? {
    var count = 0
    var pending: [Node] = [root]
    while let node = pending.popLast() {
      count += 1
      if count > yamlNodes { return node }
      switch node {
      case .scalar, .alias: break
      case .sequence(let sequence): pending.append(contentsOf: sequence.reversed())
      case .mapping(let mapping):
        for (key, value) in mapping.reversed() {
          pending.append(value)
          pending.append(key)
        }
      }
    }
    return nil
  }
}
