/// The rate limit and fault draws, on the sandbox's clock and seeded generator.
extension SandboxState {
  /// Nil when the call may proceed, else the seconds to put in `Retry-After`.
  func admit(apiKey: String) -> Int? {
    guard let limit = options.rateLimit else { return nil }
    let now = clock.wallSeconds
    let window = Int(now.rounded(.down))
    var entry = rateWindows[apiKey] ?? (window, 0)
    if entry.window != window { entry = (window, 0) }
    guard entry.count < limit else { return 1 }
    entry.count += 1
    rateWindows[apiKey] = entry
    return nil
  }

  /// The fault to inject into the next platform call, if any.
  func drawFault() -> Int? {
    guard !options.faults.rates.isEmpty else { return nil }
    return options.faults.fault(for: generator.unit())
  }
}
