/// Who does a playbook's `customer` steps (`reach run --customer-steps`).
public enum CustomerStepMode: String, Sendable, CaseIterable {
  /// reach plays the customer on a sandbox's hosted page.
  case play
  /// A person does it: the step says what to do (the page, the card, the deadline) and the run
  /// goes on to the step that waits for the platform to report it.
  case wait
  /// Nobody is there to do it (the run is not on a terminal): the step fails, sending nothing.
  case fail
}
