public import ArgumentParser

/// reach's exit codes, the same for every command.
public enum ExitStatus {
  /// Every step passed.
  public static let success = ExitCode(0)
  /// A call or a step failed.
  public static let failure = ExitCode(1)
  /// Invalid input or usage: nothing was sent.
  public static let invalid = ExitCode(2)
  /// Aborted: rate limit exhausted, outcome unknown, interrupted.
  public static let aborted = ExitCode(3)
}
