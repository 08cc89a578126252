extension Duration {
  /// Whole milliseconds, rounded toward zero: the one conversion of a duration to the `…Ms`
  /// numbers of reports, journals and playbook spellings. (Seconds as a `Double` need no helper:
  /// `duration / .seconds(1)`.)
  public var milliseconds: Int {
    Int(components.seconds) * 1000 + Int(components.attoseconds / 1_000_000_000_000_000)
  }
}
